"""Realisation states (issue 18): a realisation is a value, or "belum tersedia" (not yet available: measured
by another party, survey pending) with a reason, the expected source and date, or "tidak dapat diukur"
(cannot be measured) with a reason. A figure in such a state is blank ("-") with the state and its reason,
excluded from every average (a blank is never averaged, calc.rollup) and reported as a warning, not an
error, by the consistency check (docs/calculations.md, docs/decisions.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from apps.core.periods import QUARTERS

from .results import Reason, Result, check_quarter

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember")


class RealisationState(Enum):
    """The state of a realisation; the value is the one stored (Realisation.state)."""

    VALUE = ""
    NOT_YET_AVAILABLE = "belum_tersedia"
    NOT_MEASURABLE = "tidak_dapat_diukur"

    @property
    def reason(self) -> Reason | None:
        """The blank reason of a figure in this state (None for a value)."""
        return STATE_REASONS.get(self)


STATE_REASONS = {
    RealisationState.NOT_YET_AVAILABLE: Reason.NOT_YET_AVAILABLE,
    RealisationState.NOT_MEASURABLE: Reason.NOT_MEASURABLE,
}
#: The blank reasons that are a realisation state (a warning, never an error; printed with their reason).
STATE_CODES = frozenset(STATE_REASONS.values())


def date_text(day: dt.date) -> str:
    """``date(2025, 3, 31)`` gives ``"31 Maret 2025"``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class StateNote:
    """A realisation's state with its reason, and for "belum tersedia" the expected source and date."""

    state: RealisationState
    reason: str = ""
    source: str = ""
    expected: dt.date | None = None

    @property
    def detail(self) -> str:
        """The reason as printed, e.g. ``"survei oleh BPS (sumber: BPS; perkiraan 31 Maret 2025)"``."""
        extra = []
        if self.source.strip():
            extra.append(f"sumber: {self.source.strip()}")
        if self.expected is not None:
            extra.append(f"perkiraan {date_text(self.expected)}")
        text = " ".join(self.reason.split())
        return f"{text} ({'; '.join(extra)})" if extra else text

    def result(self) -> Result:
        """The blank figure of this state, e.g. ``"belum tersedia: survei oleh BPS (...)"``."""
        code = self.state.reason
        if code is None:
            raise ValueError("keadaan «nilai» tidak menghasilkan angka kosong")
        return Result.blank(code, detail=self.detail)


def state_result(states: Mapping[int, StateNote | None], values: Mapping[int, Decimal | None], upto: int) -> Result | None:
    """The blank figure "s/d TW ``upto``" when the latest entry up to that quarter is a state rather than a
    value (None otherwise: the figure is computed from the values as usual). An IKM typed at TW IV as
    "belum tersedia" makes the annual figure blank with its reason, whatever earlier quarters hold."""
    upto = check_quarter(upto)
    for quarter in reversed(QUARTERS[:upto]):
        if values.get(quarter) is not None:
            return None
        note = states.get(quarter)
        if note is not None and note.state is not RealisationState.VALUE:
            return note.result()
    return None


def is_state(result: Result) -> bool:
    """Whether ``result`` is blank because of a realisation state (printed with its reason)."""
    return result.code in STATE_CODES
