"""Budget tables of the report beyond the DPA tree (issue 17): the realisasi against the anggaran kas
(seed 004 Tabel 3.6 columns 5, 7-9 and 11). Every figure is computed from entered data (the DPA lines'
anggaran kas and the realisasi anggaran) through apps.reports.figures and apps.calculations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps import calculations as calc
from apps.budgets.codes import AKUN_BELANJA
from apps.budgets.models import DokumenKind, DpaKind
from apps.core.periods import ROMAN

from ..document import Cell, Column, Numbering, Paragraph, Table
from .cells import fig, num, pct
from .report_figures import Figures
from .result_tables import PENANGGUNG_JAWAB, budget_table, level_name, penanggung_jawab, penanggung_jawab_cell

#: The levels of the kode akun of an LRA by their depth (Permendagri 90/2019: 5 / 5.1 / 5.1.02 / ...).
AKUN_LEVELS = ("Akun", "Kelompok", "Jenis", "Objek", "Rincian objek", "Sub rincian objek")


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
        t.add(
            *_cells(f, node, pagu_nodes.get((node.level, node.code))),
            indent=depth,
            bold=node.level is calc.BudgetLevel.PROGRAM,
            level=level_name(node.level),
        )
    t.footer = [Cell(""), Cell("Jumlah", bold=True), *_cells(f, kas, money)[2:]]
    return t


def _cells(f: Figures, node: calc.BudgetNode, pagu_node: calc.BudgetNode | None) -> list[Any]:
    conv = f.d.convention
    return [
        Cell(node.code),
        node.name,
        fig(node.total_pagu(), "rupiah", conv),
        fig(node.serapan(), "serapan", conv),
        fig(node.sisa(), "rupiah", conv),
        fig(node.sisa_persen(), "efisiensi_anggaran", conv),
        fig(pagu_node.sisa_persen() if pagu_node is not None else calc.Result.blank(calc.Reason.MISSING_PAGU), "efisiensi_anggaran", conv),
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


def pk_change_table(f: Figures) -> Table | None:
    """The PK perubahan against the version it replaced: annual targets of the sasaran and program
    indicators before and after, and each program's budget before and after with the difference
    (Rp and % of the budget before); None when the PK read is not a perubahan."""
    d = f.d
    before = d.pk_before
    if d.agreement is None or before is None:
        return None
    t = Table(
        "pk-perubahan",
        f"Perubahan Perjanjian Kinerja Tahun {d.year}: Target dan Anggaran Sebelum dan Sesudah Perubahan",
        [
            Column("Sasaran / Program"),
            Column("Indikator"),
            Column("Target sebelum", "number"),
            Column("Target sesudah", "number"),
            Column("Anggaran sebelum (Rp)", "rupiah"),
            Column("Anggaran sesudah (Rp)", "rupiah"),
            Column("Selisih (Rp)", "rupiah"),
            Column("Selisih (%)", "percent"),
        ],
        landscape=True,
        note=f"Sebelum: {before.agreement}. Sesudah: {d.agreement}. Selisih (%) = selisih / anggaran sebelum × 100.",
    )
    blank = [Cell(""), Cell(""), Cell(""), Cell("")]
    for item in f.items("sasaran"):
        ind = item.indicator
        t.add(f.sasaran_text(ind.sasaran_id), ind.name, *_targets(item, before), *blank)
    by_program: dict[int, list[Any]] = {}
    for item in f.items("program"):
        by_program.setdefault(item.indicator.program_id, []).append(item)
    budgeted = set(before.budgets) | set(d.budgets)
    programs = [p for p in sorted(d.programs, key=lambda p: (p.order, p.code)) if p.pk in budgeted or p.pk in by_program]
    for p in programs:
        money = _budget_change(f, before.budgets.get(p.pk), d.budgets.get(p.pk))
        items = by_program.get(p.pk, [])
        if not items:
            t.add(p.name, "-", Cell(""), Cell(""), *money, bold=True)
        for n, item in enumerate(items):
            t.add(p.name if n == 0 else "", item.indicator.name, *_targets(item, before), *(money if n == 0 else blank))
    t.footer = [Cell("Jumlah", bold=True), Cell(""), Cell(""), Cell(""), *_budget_change(f, _total(before.budgets), _total(d.budgets))]
    return t


def _targets(item: Any, before: Any) -> list[Cell]:
    places = item.indicator.precision
    return [num(before.targets.get(item.indicator_id), places), num(item.annual_target, places)]


def _budget_change(f: Figures, before: Any, after: Any) -> list[Cell]:
    change = after - before if before is not None and after is not None else None
    conv = f.d.convention
    return [fig(before, "rupiah", conv), fig(after, "rupiah", conv), fig(change, "rupiah", conv), pct(calc.percentage(change, before))]


def _total(amounts: dict[int, Any]) -> Decimal | None:
    known = [v for v in amounts.values() if v is not None]
    return sum(known, Decimal(0)) if known else None


def pk_change_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    """The PK perubahan table when the PK read replaced an earlier version (nothing for a PK murni)."""
    table = pk_change_table(f)
    return [numbering.table("2", table)] if table is not None else []


def pad_table(f: Figures) -> Table | None:
    """Pendapatan asli daerah s/d the period: the PAD row (sums of its jenis) and one row per jenis with
    anggaran, target, realisasi and capaian (realisasi / target x 100); None when none is entered."""
    d = f.d
    if not d.pendapatan:
        return None
    tw = ROMAN[d.upto]
    t = Table(
        "pad",
        f"Realisasi Pendapatan s/d Triwulan {tw} Tahun {d.year}",
        [
            Column("No"),
            Column("Jenis pendapatan"),
            Column("Anggaran (Rp)", "rupiah"),
            Column("Target (Rp)", "rupiah"),
            Column("Realisasi (Rp)", "rupiah"),
            Column("Capaian", "percent"),
        ],
    )
    rows = d.pendapatan

    def total(attr: str) -> Decimal | None:
        return _total({n: getattr(r, attr) for n, r in enumerate(rows)})

    t.add(
        "1",
        "Pendapatan Asli Daerah (PAD)",
        *_pad_cells(d.convention, total("anggaran"), total("target"), total("realisasi")),
        bold=True,
        level="Kelompok",
    )
    for n, r in enumerate(rows, start=1):
        t.add(r.code or f"1.{n}", r.name, *_pad_cells(d.convention, r.anggaran, r.target, r.realisasi), indent=1, level="Jenis")
    return t


def _pad_cells(conv: calc.Convention, anggaran: Any, target: Any, realisasi: Any) -> list[Cell]:
    money = [fig(v, "rupiah", conv) for v in (anggaran, target, realisasi)]
    return [*money, fig(calc.percentage(realisasi, target), "capaian", conv)]


def pad_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    """The PAD table, or a sentence when the kecamatan recorded no pendapatan for the period."""
    table = pad_table(f)
    if table is None:
        return [
            Paragraph(
                f"Tidak ada pendapatan asli daerah yang dipungut atau dicatat {f.d.organisation.display_name} s/d Triwulan {ROMAN[f.d.upto]} Tahun {f.d.year}."
            )
        ]
    return [numbering.table("3", table)]


def _akun(document: Any) -> dict[str, Decimal]:
    return {a.akun: a.amount for a in document.akun.all()} if document is not None else {}


def _document(f: Figures, year: int, *kinds: str) -> Any:
    """The first of ``kinds`` the organisation entered for ``year`` with belanja per kode akun."""
    by_kind = {(doc.year, doc.kind): doc for doc in f.d.dokumen_anggaran}
    return next((by_kind[(year, k)] for k in kinds if (year, k) in by_kind and _akun(by_kind[(year, k)])), None)


def lra_table(f: Figures) -> Table | None:
    """Laporan Realisasi Anggaran by kode akun (seed 001 Ringkasan): anggaran of the DPA in force (the
    DPPA, else the DPA murni) and realisasi of the year, realisasi of the year before, serapan, sisa (Rp
    and %) and kenaikan realisasi; totals are sums of the kode akun entered. None when nothing is entered."""
    d = f.d
    anggaran = _document(f, d.year, DokumenKind.PERUBAHAN, DokumenKind.MURNI)
    realisasi = _document(f, d.year, DokumenKind.REALISASI)
    previous = _document(f, d.year - 1, DokumenKind.REALISASI)
    rows = calc.lra_rows(AKUN_BELANJA, _akun(anggaran), _akun(realisasi), _akun(previous))
    conv = d.convention
    if not rows:
        return None
    t = Table(
        "lra",
        f"Laporan Realisasi Anggaran Tahun {d.year}",
        [
            Column("Kode akun"),
            Column("Uraian"),
            Column("Anggaran (Rp)", "rupiah"),
            Column("Realisasi (Rp)", "rupiah"),
            Column("Serapan", "percent"),
            Column(f"Realisasi {d.year - 1} (Rp)", "rupiah"),
            Column("Sisa (Rp)", "rupiah"),
            Column("Sisa (%)", "percent"),
            Column("Kenaikan realisasi (%)", "percent"),
        ],
        landscape=True,
        note=(
            f"Anggaran: {anggaran or '-'}. Serapan = realisasi / anggaran × 100; sisa = anggaran − realisasi; "
            f"kenaikan = (realisasi {d.year} − realisasi {d.year - 1}) / realisasi {d.year - 1} × 100."
        ),
    )
    for row in rows:
        depth = row.akun.count(".")
        t.add(
            Cell(row.akun), row.name, fig(row.anggaran, "rupiah", conv), fig(row.realisasi, "rupiah", conv),
            fig(row.serapan(), "serapan", conv), fig(row.previous, "rupiah", conv), fig(row.sisa(), "rupiah", conv),
            fig(row.sisa_persen(), "efisiensi_anggaran", conv), pct(row.kenaikan()),
            indent=depth, bold=depth == 0, level=AKUN_LEVELS[min(depth, len(AKUN_LEVELS) - 1)],
        )  # fmt: skip
    return t


def lra_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    table = lra_table(f)
    return [numbering.table("3", table)] if table is not None else []


def _counts(lines: list[Any]) -> tuple[int, int, int]:
    return (len({ln.program_code for ln in lines}), len({ln.kegiatan_code for ln in lines}), len({ln.code for ln in lines}))


def dokumen_anggaran_table(f: Figures) -> Table | None:
    """Program dan kegiatan per budget document of the year (seed 004 Tabel 2.6): the Renja, the DPA murni
    and the DPPA, each with its numbers of programs, kegiatan and sub kegiatan (counted from the imported
    lines, else as the document's summary states them), anggaran pendapatan (the jenis pendapatan of the
    DPA in force), belanja, belanja operasi (5.1) and modal (5.2) (sums of the kode akun entered, else of the
    imported lines). None when the year has no budget document."""
    d = f.d
    by_kind = {doc.kind: doc for doc in d.dokumen_anggaran if doc.year == d.year}
    perubahan = d.dpa_lines if d.dpa_version is not None and d.dpa_version.kind == DpaKind.PERUBAHAN else []
    in_force = DokumenKind.PERUBAHAN if perubahan or DokumenKind.PERUBAHAN in by_kind else DokumenKind.MURNI
    pendapatan = _total({n: r.anggaran for n, r in enumerate(d.pendapatan)})
    t = Table(
        "dokumen-anggaran",
        f"Program dan Kegiatan pada Dokumen Anggaran Tahun {d.year}",
        [
            Column("Dokumen"),
            Column("Jumlah program", "number"),
            Column("Jumlah kegiatan", "number"),
            Column("Jumlah sub kegiatan", "number"),
            Column("Anggaran pendapatan (Rp)", "rupiah"),
            Column("Anggaran belanja (Rp)", "rupiah"),
            Column("Belanja operasi (Rp)", "rupiah"),
            Column("Belanja modal (Rp)", "rupiah"),
        ],
        landscape=True,
    )
    documents = (
        (DokumenKind.RENJA, "RKPD/Renja Perangkat Daerah pokok", []),
        (DokumenKind.MURNI, "APBD/DPA pokok", d.dpa_murni_lines),
        (DokumenKind.PERUBAHAN, "DPA perubahan (DPPA)", perubahan),
    )
    for kind, label, lines in documents:
        doc = by_kind.get(kind)
        if doc is None and not lines:
            continue
        akun = _akun(doc)
        stated = (doc.program_count, doc.kegiatan_count, doc.sub_kegiatan_count) if doc is not None else (None, None, None)
        counts = _counts(lines) if lines else stated
        belanja = calc.akun_total(akun, "5") if akun else _total({n: ln.pagu for n, ln in enumerate(lines)})
        t.add(
            label, *(num(c, 0) for c in counts), fig(pendapatan if kind == in_force else None, "rupiah", d.convention),
            *(fig(v, "rupiah", d.convention) for v in (belanja, calc.akun_total(akun, "5.1"), calc.akun_total(akun, "5.2"))),
        )  # fmt: skip
    return t if t.rows else None


def dokumen_anggaran_blocks(f: Figures, numbering: Numbering) -> list[Any]:
    table = dokumen_anggaran_table(f)
    return [numbering.table("2", table)] if table is not None else []


def budget_table_by_sasaran(f: Figures) -> Table | None:
    """The budget grouped by sasaran (issue 18): sasaran > IKU > program > kegiatan > sub kegiatan with pagu,
    realisasi, serapan, sisa and penanggung jawab. Every amount is a sum of the DPA lines (calc.BudgetNode):
    a sasaran's subtotal sums the DPA programs serving it (figures.compute, SasaranFigure.budget), the
    programs serving none of them come last under their own subtotal, and the grand total is the DPA's.
    A program serving two sasaran is listed (and counted) under each, so the subtotals may then add up to
    more than the total; the note says so. None before the DPA is imported."""
    d, org = f.d, f.org
    total = f.budget_total()
    if total is None:
        return None
    t = Table(
        "anggaran-sasaran",
        f"Realisasi Anggaran per Sasaran s/d Triwulan {ROMAN[d.upto]} Tahun {d.year}",
        [
            Column("Kode"),
            Column("Sasaran / IKU / program / kegiatan / sub kegiatan"),
            Column("Pagu (Rp)", "rupiah"),
            Column("Realisasi (Rp)", "rupiah"),
            Column("Serapan", "percent"),
            Column("Sisa (Rp)", "rupiah"),
            Column(PENANGGUNG_JAWAB),
        ],
        landscape=True,
        note="Baris sasaran = jumlah pagu dan realisasi sub kegiatan DPA dari program yang mendukung sasaran itu.",
    )
    names = penanggung_jawab(f)
    counted: dict[str, int] = {}
    for s in org.sasaran:
        node = s.budget
        t.add(Cell(s.sasaran.code), f"Sasaran: {s.sasaran.text}", *_money(f.d.convention, node), Cell(""), bold=True, level="Sasaran")
        iku = [item for item in s.indicators if item.indicator.is_iku] or list(s.indicators)
        for item in iku:
            t.add(Cell(""), f"IKU: {item.indicator.name}", Cell(""), Cell(""), Cell(""), Cell(""), Cell(""), indent=1, level="IKU")
        for program in node.children if node is not None else ():
            counted[program.code] = counted.get(program.code, 0) + 1
            _subtree(f.d.convention, t, program, names, depth=1)
    if org.unallocated is not None:
        t.add(
            Cell(""), "Program yang tidak terkait sasaran", *_money(f.d.convention, org.unallocated), Cell(""), bold=True, level="Sasaran"
        )
        for program in org.unallocated.children:
            _subtree(f.d.convention, t, program, names, depth=1)
    if any(n > 1 for n in counted.values()):
        t.note += (
            " Program yang mendukung lebih dari satu sasaran tercantum pada tiap sasaran itu; jumlah keseluruhan menghitungnya sekali."
        )
    t.footer = [Cell(""), Cell("Jumlah", bold=True), *_money(f.d.convention, total, bold=True, serapan=f.org.serapan), Cell("")]
    return t


def _subtree(
    conv: calc.Convention, t: Table, program: calc.BudgetNode, names: dict[tuple[calc.BudgetLevel, str], str], *, depth: int
) -> None:
    for level, node in program.walk():
        t.add(
            Cell(node.code), node.name, *_money(conv, node), penanggung_jawab_cell(names, node),
            indent=depth + level, bold=node.level is calc.BudgetLevel.PROGRAM, level=level_name(node.level),
        )  # fmt: skip


def _money(conv: calc.Convention, node: calc.BudgetNode | None, *, bold: bool = False, serapan: Any = None) -> list[Cell]:
    if node is None:
        return [Cell(""), Cell(""), Cell(""), Cell("")]
    return [
        fig(node.total_pagu(), "rupiah", conv, bold=bold),
        fig(node.total_realisasi(), "rupiah", conv, bold=bold),
        fig(serapan if serapan is not None else node.serapan(), "serapan", conv, bold=bold),
        fig(node.sisa(), "rupiah", conv, bold=bold),
    ]


#: The layouts of the budget table (issue 18): "program" the DPA tree (today's table), "sasaran" grouped by sasaran.
BUDGET_TABLE_LAYOUTS = {"program": budget_table, "sasaran": budget_table_by_sasaran}
DEFAULT_BUDGET_TABLE_LAYOUT = "program"


def budget_table_for(f: Figures, layout: str = DEFAULT_BUDGET_TABLE_LAYOUT) -> Table | None:
    """The budget table in ``layout`` ("program" or "sasaran"; an unknown or empty layout gives the default)."""
    return BUDGET_TABLE_LAYOUTS.get(layout or DEFAULT_BUDGET_TABLE_LAYOUT, budget_table)(f)
