"""The target vs realisasi tables below the PK's programs (BAB III A.1, issue 17): every kegiatan and
sub kegiatan indicator with a target for the year, s/d the report's quarter. The figures are read from
the figures selector (apps.reports.figures, ``OrganisationFigures.plan``): the PK item's figure when the
PK lists the indicator, else against its Renstra target of the year; a roll-up indicator's realisation
is the mean of the capaian of the indicators under it (Indicator.measurement)."""

from __future__ import annotations

from typing import Any

from ..document import Column, Table
from .cells import fig as figure_cell
from .cells import num, predikat_cell
from .report_figures import Figures

# level -> (key, title, label of the name column)
KEGIATAN_TABLES = {
    "kegiatan": ("capaian-kegiatan", "Capaian Indikator Kegiatan", "Kegiatan"),
    "sub_kegiatan": ("capaian-sub-kegiatan", "Capaian Indikator Sub Kegiatan", "Sub kegiatan"),
}


def kegiatan_table(f: Figures, level: str, period_label: str) -> Table | None:
    """Target, realisasi, capaian and predikat of the indicators of ``level`` ("kegiatan" or "sub_kegiatan");
    None when no indicator of that level has a target for the year."""
    figures = f.org.level(level)
    if not figures:
        return None
    key, title, name_label = KEGIATAN_TABLES[level]
    t = Table(
        key,
        f"{title} {period_label}",
        [
            Column("Kode"),
            Column(name_label),
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", "number"),
            Column("Realisasi", "number"),
            Column("Capaian", "percent"),
            Column("Predikat"),
            Column("Penanggung jawab"),
        ],
        landscape=True,
    )
    previous: Any = None
    for fig in figures:
        ind = fig.indicator
        node = getattr(ind, level)
        first = node is not None and node.pk != previous
        previous = node.pk if node is not None else None
        t.add(
            node.code if first else "",
            node.name if first else "",
            ind.name,
            ind.satuan,
            num(fig.target, ind.precision),
            num(fig.realised, ind.precision),
            figure_cell(fig.capaian, "capaian", f.d.convention),
            predikat_cell(fig.predikat, f.d.scale),
            node.penanggung_jawab if first else "",
        )
    if any(fig.indicator.measurement == "children_mean" for fig in figures):
        t.note = "Realisasi indikator yang diukur dengan rata-rata capaian = rata-rata capaian indikator di bawahnya (%)."
    return t


def blocks(f: Figures, numbering: Any, period_label: str) -> list[Any]:
    """The numbered kegiatan and sub kegiatan tables that have rows (sections.py adds them to BAB III A.1)."""
    tables = [kegiatan_table(f, level, period_label) for level in KEGIATAN_TABLES]
    return [numbering.table("3", t) for t in tables if t is not None]
