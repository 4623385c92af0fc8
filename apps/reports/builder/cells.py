"""Table cells of the report: numbers, percentages, predikat and dates, formatted by the renderers
(apps.core.numbers.format_cell) from the value and its places."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats

from apps import calculations as calc

from ..document import Cell


def num(value: Any, places: int = 2, kind: str = "number") -> Cell:
    return Cell(value, places=places, kind=kind)


def pct(value: Any) -> Cell:
    return Cell(value, places=2, kind="percent")


def predikat_cell(band: calc.Band | None) -> Cell:
    return Cell(f"{band.code} ({band.label})" if band and band.code else (band.label if band else "-"), colour=band.colour if band else "")


def date_text(day: dt.date) -> str:
    return formats.date_format(day, "j F Y")
