"""Budget tables of the report beyond the DPA tree (issue 17): the realisasi against the anggaran kas
(seed 004 Tabel 3.6 columns 5, 7-9 and 11). Every figure is computed from entered data (the DPA lines'
anggaran kas and the realisasi anggaran) through apps.reports.figures and apps.calculations."""

from __future__ import annotations

from typing import Any

from apps import calculations as calc
from apps.core.periods import ROMAN

from ..document import Cell, Column, Numbering, Paragraph, Table
from .cells import num, pct
from .report_figures import Figures


def kas_table(f: Figures) -> Table | None:
    """Per program, kegiatan and sub kegiatan: anggaran kas s/d TW n, realisasi against it (%), selisih
    (kas - realisasi, Rp and %) and sisa against the pagu (%); None when no DPA line has anggaran kas."""
    d = f.d
    kas, money = f.org.kas, f.budget_total()
    if kas is None or money is None or kas.total_pagu() is None:
        return None
    tw = ROMAN[d.upto]
    t = Table(
        "anggaran-kas",
        f"Realisasi Belanja terhadap Anggaran Kas s/d Triwulan {tw} Tahun {d.year}",
        [
            Column("Kode"),
            Column("Program / kegiatan / sub kegiatan"),
            Column(f"Anggaran kas s/d TW {tw} (Rp)", "rupiah"),
            Column("Realisasi thd anggaran kas (%)", "percent"),
            Column("Selisih (Rp)", "rupiah"),
            Column("Selisih (%)", "percent"),
            Column("Sisa (%)", "percent"),
        ],
        landscape=True,
    )
    pagu_nodes = {(n.level, n.code): n for _depth, n in money.walk()}
    for depth, node in kas.walk():
        if node is kas and len(d.kas_trees) > 1:
            continue
        t.add(*_cells(node, pagu_nodes.get((node.level, node.code))), indent=depth, bold=node.level is calc.BudgetLevel.PROGRAM)
    t.footer = [Cell(""), Cell("Jumlah", bold=True), *_cells(kas, money)[2:]]
    return t


def _cells(node: calc.BudgetNode, pagu_node: calc.BudgetNode | None) -> list[Any]:
    return [
        Cell(node.code),
        node.name,
        num(node.total_pagu(), 0, "rupiah"),
        pct(node.serapan()),
        num(node.sisa(), 0, "rupiah"),
        pct(node.sisa_persen()),
        pct(pagu_node.sisa_persen() if pagu_node is not None else calc.Result.blank(calc.Reason.MISSING_PAGU)),
    ]


def kas_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    """The anggaran kas table, or a sentence when the DPA in force carries no anggaran kas."""
    if f.budget_total() is None:
        return []
    table = kas_table(f)
    if table is None:
        return [
            Paragraph(
                "Anggaran kas per triwulan belum tercatat pada DPA yang berlaku, sehingga realisasi terhadap anggaran kas belum dapat disajikan."
            )
        ]
    return [numbering.table("3", table)]
