"""Tables of issue 17's "previous years, component indicators" area that BAB III adds beside the
capaian tables: the component indicators of a composite IKU (seed 002: IKM and IPP of IKPP). Figures
are read from the figures selector through :class:`Figures` (components: figures.compute, "unlisted")."""

from __future__ import annotations

from ..document import Column, Table
from .cells import num, pct
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
        t.add(ind.name, ind.satuan, num(c.target, ind.precision), num(c.realised, ind.precision), pct(c.capaian), item.indicator.name)
    return [t]
