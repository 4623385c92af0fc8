"""Tables of issue 17's "previous years, component indicators" area that BAB III adds beside the
capaian tables: the component indicators of a composite IKU (seed 002: IKM and IPP of IKPP). Figures
are read from the figures selector through :class:`Figures` (components: figures.compute, "unlisted")."""

from __future__ import annotations

from typing import Any

from apps import calculations as calc

from ..document import Cell, Column, Table
from .cells import fig, num
from .report_figures import Figures


def component_tables(f: Figures, period_label: str) -> list[Table]:
    """``capaian-komponen``: target, realisasi and capaian of each component of the PK's composite
    indicators, measured against the PK's target when the PK lists it, else the Renstra's. None (an
    empty list) without a composite."""
    rows = [(item, c) for item in f.d.items for c in f.org.components(item)]
    if not rows:
        return []
    t = Table(
        "capaian-komponen",
        f"Capaian Indikator Komponen {period_label}",
        [
            Column("Indikator"),
            Column("Satuan"),
            Column("Target", "number"),
            Column("Realisasi", "number"),
            Column("Capaian", "percent"),
            Column("Komponen dari"),
        ],
    )
    for item, c in rows:
        ind = c.indicator
        t.add(
            ind.name,
            ind.satuan,
            num(c.target, ind.precision),
            num(c.realised, ind.precision),
            fig(c.capaian, "capaian", f.d.convention),
            item.indicator.name,
        )
    return [t]


def service_score_tables(f: Figures, period_label: str) -> list[Table]:
    """``ikm-layanan`` (seed 002 §4.6, L776-L784): an indicator's value per jenis layanan of the year (entered in
    its "nilai per jenis layanan" page) and the row "<code> unit layanan", their unweighted mean (F14: 93,53),
    one table per indicator that has them."""
    by_indicator: dict[int, list[Any]] = {}
    for s in f.d.service_scores:
        by_indicator.setdefault(s.indicator_id, []).append(s)
    out = []
    for rows in by_indicator.values():
        ind = rows[0].indicator
        label = ind.code or "Nilai"
        t = Table(
            "ikm-layanan" if not out else f"ikm-layanan-{ind.pk}",
            f"{ind.name} per Jenis Layanan {period_label}",
            [Column("Jenis layanan"), Column(label, "number")],
            note=f"{label} unit layanan = rata-rata nilai seluruh jenis layanan (tanpa bobot).",
        )
        for s in rows:
            t.add(s.name, fig(s.value, "indeks", f.d.convention))
        mean = calc.rollup([s.value for s in rows], percent=False)
        t.footer = [Cell(f"{label} unit layanan", bold=True), fig(mean, "indeks", f.d.convention, bold=True)]
        out.append(t)
    return out
