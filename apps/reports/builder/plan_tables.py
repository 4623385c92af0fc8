"""Table layouts of BAB I and II (PermenPANRB 53/2014; docs/reports.md, "Outline"): the organisation
(units, staff), what it planned (Renstra, IKU, rencana kinerja tahunan) and agreed (Perjanjian Kinerja).
Each function lays out one table from the fetched inputs; the chapters number and place them (sections.py)."""

from __future__ import annotations

from typing import Any

from apps import calculations as calc
from apps.core.periods import QUARTERS, ROMAN
from apps.organisations.models import StaffCount, StaffEselonCount
from apps.planning.models import Indicator

from ..document import Cell, Column, Table
from .cells import date_text, num
from .report_figures import Figures


def units_table(f: Figures) -> Table:
    d = f.d
    units = Table(
        "struktur",
        "Unit Kerja " + d.organisation.display_name,
        [Column("No", "int"), Column("Unit kerja"), Column("Jenis"), Column("Di bawah")],
    )
    by_pk = {u.pk: u for u in d.units}
    for n, u in enumerate(d.units, start=1):
        parent = by_pk.get(u.parent_id)
        units.add(n, u.name, u.get_kind_display(), parent.name if parent else "-")
    return units


def _staff_note(staff: Any) -> str:
    return ("Sumber: " + staff.source) if staff.source else ""


def _sex_cells(count: calc.SexCount, *, bold: bool = False) -> list[Cell]:
    return [Cell(count.male, kind="int", bold=bold), Cell(count.female, kind="int", bold=bold), Cell(count.total, kind="int", bold=bold)]


def _group_label(c: StaffCount) -> str:
    return " / ".join(x for x in (c.get_golongan_display(), c.get_jabatan_display()) if x) or "-"


def staff_table(f: Figures) -> Table | None:
    """The staff composition in force at the report's date (Tabel 1.1): one row per golongan or jenis jabatan,
    the people of each pendidikan the composition counts in columns, then L, P and their sum; None when no
    composition is recorded. Every total is a sum of the entered cells (calc.group_by_sex)."""
    d = f.d
    if d.staff is None:
        return None
    counts = list(d.staff.counts.all())
    order = {v: n for n, v in enumerate(StaffCount.Pendidikan.values)}
    levels = sorted({c.pendidikan for c in counts}, key=lambda p: order.get(p, len(order)))
    if levels == [""]:
        levels = []
    labels = dict(StaffCount.Pendidikan.choices)
    staff = Table(
        "sdm",
        "Komposisi Pegawai " + d.organisation.display_name,
        [
            Column("Golongan / jenis jabatan"),
            *(Column(str(labels.get(p, "Pendidikan tidak dicatat")), "int") for p in levels),
            Column("L", "int"),
            Column("P", "int"),
            Column("Jumlah", "int"),
        ],
        subtitle="per " + date_text(d.staff.as_of),
        note=_staff_note(d.staff),
    )
    groups = calc.group_by_sex(counts, _group_label)
    by_level = calc.group_by_sex(counts, lambda c: (_group_label(c), c.pendidikan))
    for label, count in groups.items():
        staff.add(label, *(Cell(by_level.get((label, p), calc.SexCount()).total, kind="int") for p in levels), *_sex_cells(count))
    total = calc.sex_total(counts)
    per_level = calc.group_by_sex(counts, lambda c: c.pendidikan)
    staff.footer = [
        Cell("Jumlah", bold=True),
        *(Cell(per_level[p].total, kind="int", bold=True) for p in levels),
        *_sex_cells(total, bold=True),
    ]
    return staff


ASN_GOLONGAN = ("IV", "III", "II", "I", "pppk")


def staff_golongan_table(f: Figures) -> Table | None:
    """Staff by golongan by sex (seed 004 Tabel 1.1, row totals): the golongan groups of the ASN, the non-ASN
    paid per service (upah jasa), and the PNS subtotal the narrative quotes (golongan I-IV). None unless the
    composition counts by golongan."""
    d = f.d
    if d.staff is None:
        return None
    counts = [c for c in d.staff.counts.all() if c.golongan]
    if not any(c.golongan in ASN_GOLONGAN for c in counts):
        return None
    t = Table(
        "sdm-golongan",
        "Pegawai menurut Golongan dan Jenis Kelamin",
        [Column("Golongan"), Column("L", "int"), Column("P", "int"), Column("Jumlah", "int")],
        subtitle="per " + date_text(d.staff.as_of),
        note=_staff_note(d.staff),
    )
    groups = calc.group_by_sex(counts, lambda c: c.golongan)
    labels = dict(StaffCount.GolonganGroup.choices)
    for g in StaffCount.GolonganGroup.values:
        if g in groups:
            t.add(str(labels[g]), *_sex_cells(groups[g]))
    pns = calc.sex_total(c for c in counts if c.golongan in ("IV", "III", "II", "I"))
    t.add(Cell("Jumlah PNS", bold=True), *_sex_cells(pns, bold=True))
    t.footer = [Cell("Jumlah", bold=True), *_sex_cells(calc.sex_total(counts), bold=True)]
    return t


def staff_eselon_table(f: Figures) -> Table | None:
    """Structural officials by eselon by sex (seed 004 Tabel 1.2), from the composition's counts per eselon;
    None when it has none."""
    d = f.d
    if d.staff is None:
        return None
    counts = list(d.staff.eselon_counts.all())
    if not counts:
        return None
    t = Table(
        "sdm-eselon",
        "Pejabat Struktural menurut Eselon dan Jenis Kelamin",
        [Column("Eselon"), Column("L", "int"), Column("P", "int"), Column("Jumlah", "int")],
        subtitle="per " + date_text(d.staff.as_of),
        note=_staff_note(d.staff),
    )
    groups = calc.group_by_sex(counts, lambda c: c.eselon)
    for e in StaffEselonCount.Eselon.values:
        if e in groups:
            t.add(e, *_sex_cells(groups[e]))
    t.footer = [Cell("Jumlah", bold=True), *_sex_cells(calc.sex_total(counts), bold=True)]
    return t


def staff_summary_table(f: Figures) -> Table | None:
    """The staff in brief (seed 003 §2.3): ASN and non-ASN, then the people per pendidikan (highest degree).
    None unless the composition counts non-ASN or pendidikan."""
    d = f.d
    if d.staff is None:
        return None
    counts = list(d.staff.counts.all())
    non_asn = [c for c in counts if c.golongan == StaffCount.GolonganGroup.NON_ASN]
    levels = calc.group_by_sex((c for c in counts if c.pendidikan), lambda c: c.pendidikan)
    if not non_asn and not levels:
        return None
    t = Table(
        "sdm-ringkasan",
        "Ringkasan Sumber Daya Aparatur",
        [Column("Uraian"), Column("L", "int"), Column("P", "int"), Column("Jumlah", "int")],
        subtitle="per " + date_text(d.staff.as_of),
        note=_staff_note(d.staff),
    )
    t.add("Pegawai ASN", *_sex_cells(calc.sex_total(c for c in counts if c.golongan != StaffCount.GolonganGroup.NON_ASN)))
    t.add("Pegawai Non ASN", *_sex_cells(calc.sex_total(non_asn)))
    labels = dict(StaffCount.Pendidikan.choices)
    for p in StaffCount.Pendidikan.values:
        if p in levels:
            t.add("Pendidikan " + str(labels[p]), *_sex_cells(levels[p]))
    t.footer = [Cell("Jumlah pegawai", bold=True), *_sex_cells(calc.sex_total(counts), bold=True)]
    return t


def tujuan_sasaran_table(f: Figures) -> Table:
    d = f.d
    ts = Table(
        "tujuan-sasaran",
        "Tujuan, Sasaran dan Indikator Kinerja",
        [
            Column("Tujuan"),
            Column("Sasaran"),
            Column("Indikator"),
            Column("Satuan"),
            Column("Target " + str(d.year), "number"),
            Column("Target akhir periode", "number"),
        ],
    )

    def row(tujuan: str, sasaran: str, ind: Any) -> None:
        tgt = d.targets.get((ind.pk, d.year))
        ts.add(tujuan, sasaran, ind.name, ind.satuan, num(tgt.value if tgt else None, ind.precision), num(ind.end_target, ind.precision))

    for t in d.tujuan:
        for ind in [i for i in d.indicators if i.level == "tujuan" and i.tujuan_id == t.pk]:  # indikator tujuan (seed 003: IKM)
            row(t.text, "-", ind)
        for s in [s for s in d.sasaran if s.tujuan_id == t.pk]:
            for ind in [i for i in d.indicators if i.level == "sasaran" and i.sasaran_id == s.pk and i.measured_in(d.year)]:
                row(t.text, s.text, ind)
    return ts


def iku_table(f: Figures) -> Table:
    iku = Table(
        "iku",
        "Indikator Kinerja Utama",
        [Column("No", "int"), Column("Sasaran"), Column("IKU"), Column("Formulasi"), Column("Sumber data"), Column("Penanggung jawab")],
        landscape=True,
    )
    for n, ind in enumerate([i for i in f.d.indicators if i.is_iku and i.measured_in(f.d.year)], start=1):
        iku.add(
            n,
            f.parent_text(ind),
            ind.name,
            ind.formula_text or ind.composite_expression or "-",
            ind.data_source or "-",
            ind.responsible_unit.name if ind.responsible_unit else "-",
        )
    return iku


RENJA_LEVELS = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan"}


def renja_table(f: Figures) -> Table:
    d = f.d
    t = Table(
        "renja",
        f"Program, Kegiatan, Sub Kegiatan dan Indikator Tahun {d.year}",
        [Column("Kode"), Column("Program / kegiatan / sub kegiatan"), Column("Indikator"), Column("Satuan"), Column("Target", "number")],
        landscape=True,
    )
    inds: dict[tuple[str, int], list[Indicator]] = {}
    for ind in [i for i in d.indicators if i.measured_in(d.year)]:
        if ind.level in ("program", "kegiatan", "sub_kegiatan"):
            inds.setdefault((ind.level, getattr(ind, f"{ind.level}_id")), []).append(ind)

    def rows(level: str, node: Any, indent: int) -> None:
        mine = inds.get((level, node.pk), [])
        name = node.name
        if not mine:
            t.add(Cell(node.code), name, "-", "", Cell(None), indent=indent, bold=level == "program", level=RENJA_LEVELS[level])
        for n, ind in enumerate(mine):
            tgt = d.targets.get((ind.pk, d.year))
            t.add(
                Cell(node.code if n == 0 else ""),
                name if n == 0 else "",
                ind.name,
                ind.satuan,
                num(tgt.value if tgt else None, ind.precision),
                indent=indent,
                bold=level == "program",
                level=RENJA_LEVELS[level],
            )

    for p in sorted(d.programs, key=lambda p: (p.order, p.code)):
        rows("program", p, 0)
        for k in sorted([k for k in d.kegiatan if k.program_id == p.pk], key=lambda k: (k.order, k.code)):
            rows("kegiatan", k, 1)
            for sk in sorted([s for s in d.sub_kegiatan if s.kegiatan_id == k.pk], key=lambda s: (s.order, s.code)):
                rows("sub_kegiatan", sk, 2)
    return t


def pk_sasaran_table(f: Figures) -> Table:
    a = Table(
        "pk-sasaran",
        f"Perjanjian Kinerja Tahun {f.d.year}: Sasaran Strategis dan Indikator",
        [Column("No", "int"), Column("Sasaran strategis"), Column("Indikator kinerja"), Column("Satuan"), Column("Target", "number")],
    )
    for n, item in enumerate(f.items("sasaran"), start=1):
        ind = item.indicator
        a.add(n, f.sasaran_text(ind.sasaran_id), ind.name, ind.satuan, num(item.annual_target, ind.precision))
    return a


def pk_program_table(f: Figures) -> Table:
    d = f.d
    b = Table(
        "pk-program",
        f"Perjanjian Kinerja Tahun {d.year}: Program, Target Triwulan dan Anggaran",
        [
            Column("No", "int"),
            Column("Program"),
            Column("Indikator program"),
            Column("Target", "number"),
            *[Column(f"TW {ROMAN[q]}", "number") for q in QUARTERS],
            Column("Anggaran (Rp)", "rupiah"),
        ],
        landscape=True,
        note="Target triwulan kumulatif (s/d triwulan); «%» berarti persen dari target tahunan.",
    )
    seen: set[int] = set()
    for n, item in enumerate(f.items("program"), start=1):
        p = f.program_by_pk.get(item.indicator.program_id)
        # Numbers, not text (issue 19): "52,08 %" of the annual target in percent mode, the target itself otherwise.
        tw_kind = "percent" if item.quarter_mode == "percent" else "number"
        tw = [Cell(v, places=2, kind=tw_kind) for v in item.quarter_targets()]
        amount = d.budgets.get(p.pk) if p and p.pk not in seen else None
        if p:
            seen.add(p.pk)
        b.add(
            n, p.name if p else "-", item.indicator.name, num(item.annual_target, item.indicator.precision), *tw, num(amount, 0, "rupiah")
        )
    total = f.pk_budget_total()
    b.footer = [Cell("Jumlah", bold=True), *[Cell("") for _ in range(7)], Cell(total, places=0, kind="rupiah", bold=True)]
    return b
