"""Table cells of the report: numbers, percentages, predikat and dates, formatted by the renderers
(apps.core.numbers.format_cell) from the value and its places; a predikat as its scale says to print it."""

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


def predikat_cell(band: calc.Band | None, scale: calc.Scale | None, *, bold: bool = False) -> Cell:
    """A predikat as the scale's kabupaten prints it (PredikatScale.predikat_display: "AA (Sangat Memuaskan)",
    "Berhasil" or "BB"), coloured by its band."""
    display = scale.display if scale is not None else calc.DISPLAYS[0]
    return Cell(calc.predikat_text(band, display), colour=band.colour if band else "", bold=bold)


def date_text(day: dt.date) -> str:
    return formats.date_format(day, "j F Y")
