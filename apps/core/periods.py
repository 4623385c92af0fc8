"""Reporting calendar: triwulan of a date and when each report is due.

Decisions (documented in docs/decisions.md): a quarter's realisations are due on
the 15th day after the quarter ends; the annual LKjIP is due on the last day of
February of the following year (PermenPANRB 53/2014 asks for it within two months
so that it can be reviewed before the kabupaten's own LKjIP).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

#: The four quarters (triwulan) and their Roman numerals, the only definition of either: TW I-IV in
#: labels, report titles, chapter numbers (BAB I-IV), spreadsheet headers and the importer's reading.
QUARTERS: tuple[int, ...] = (1, 2, 3, 4)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
QUARTER_DUE_DAYS = 15


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def label(self) -> str:
        return f"Triwulan {ROMAN[self.number]} {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        month = 3 * self.number
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def due(self) -> dt.date:
        return self.end + dt.timedelta(days=QUARTER_DUE_DAYS)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def reporting_quarter(day: dt.date) -> Quarter:
    """The quarter whose report is being worked on: the previous one until its due date, then the current one."""
    previous = quarter_of(day).previous()
    return previous if day <= previous.due else quarter_of(day)


def lkjip_due(year: int) -> dt.date:
    return dt.date(year + 1, 2, calendar.monthrange(year + 1, 2)[1])
