"""Table cells of the report: numbers, percentages, predikat and dates, formatted by the renderers
(apps.core.numbers.format_cell) from the value and its places; a predikat as its scale says to print it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats, translation

from apps import calculations as calc

from ..document import REPORT_LANGUAGE, Cell, Column


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
    """A date as the report prints it, in the report's language whatever the reader's: "7 Desember 2026"."""
    with translation.override(REPORT_LANGUAGE):
        return formats.date_format(day, "j F Y")


#: The cell kind each figure kind of a report convention prints as.
_CELL_KIND = {"capaian": "percent", "serapan": "percent", "efisiensi_anggaran": "percent", "tingkat_kemajuan": "percent",
              "efisiensi": "number", "indeks": "number", "rupiah": "rupiah"}  # fmt: skip


def fig(value: Any, kind: str, convention: calc.Convention, *, bold: bool = False, cell_kind: str | None = None) -> Cell:
    """A figure of ``kind`` (capaian, serapan, efisiensi, ...) printed as the pemda's report convention says:
    its places and rounding mode travel in the cell, so HTML, PDF, XLSX and JSON print it alike (issue 18)."""
    rule = convention.rule(kind)
    return Cell(value, places=rule.places, kind=cell_kind or _CELL_KIND[kind], rounding=rule.rounding, bold=bold)


def efficiency_columns(convention: calc.Convention) -> list[Column]:
    """The columns of an efisiensi table: capaian, pagu, realisasi, serapan and the efisiensi forms the
    convention prints (selisih, rasio or both)."""
    columns = [
        Column("Capaian kinerja", "percent"),
        Column("Pagu (Rp)", "rupiah"),
        Column("Realisasi (Rp)", "rupiah"),
        Column("Serapan", "percent"),
    ]
    if convention.prints_selisih:
        columns.append(Column("Efisiensi (selisih, poin)", "number"))
    if convention.prints_rasio:
        columns.append(Column("Efisiensi (rasio)", "percent"))
    return columns


def efficiency_cells(
    convention: calc.Convention, capaian: Any, pagu: Any, realisasi: Any, serapan: Any, selisih: Any, rasio: Any, *, bold: bool = False
) -> list[Cell]:
    """The cells of a row of an efisiensi table, under :func:`efficiency_columns` (a ``Cell`` is kept as given)."""

    def cell(value: Any, kind: str, cell_kind: str | None = None) -> Cell:
        return value if isinstance(value, Cell) else fig(value, kind, convention, bold=bold, cell_kind=cell_kind)

    cells = [cell(capaian, "capaian"), cell(pagu, "rupiah"), cell(realisasi, "rupiah"), cell(serapan, "serapan")]
    if convention.prints_selisih:
        cells.append(cell(selisih, "efisiensi"))
    if convention.prints_rasio:
        cells.append(cell(rasio, "efisiensi", "percent"))
    return cells


def efficiency_note(convention: calc.Convention) -> str:
    """What the efisiensi columns mean, for the forms the convention prints."""
    parts = []
    if convention.prints_selisih:
        parts.append("efisiensi selisih = capaian − serapan (poin persen)")
    if convention.prints_rasio:
        parts.append("efisiensi rasio = capaian / serapan × 100")
    text = "; ".join(parts)
    if convention.efisiensi_from_displayed:
        text += ", dihitung dari capaian dan serapan seperti dicetak"
    return text[0].upper() + text[1:] + "."
