"""Table layouts of BAB I and II (PermenPANRB 53/2014; docs/reports.md, "Outline"): the organisation
(units, staff), what it planned (Renstra, IKU, rencana kinerja tahunan) and agreed (Perjanjian Kinerja).
Each function lays out one table from the fetched inputs; the chapters number and place them (sections.py)."""

from __future__ import annotations

from typing import Any

from apps.core.numbers import format_decimal_id
from apps.core.periods import QUARTERS, ROMAN
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


def staff_table(f: Figures) -> Table | None:
    """The staff composition in force at the report's date; None when none is recorded."""
    d = f.d
    if d.staff is None:
        return None
    staff = Table(
        "sdm",
        "Komposisi Pegawai " + d.organisation.display_name,
        [
            Column("Golongan"),
            Column("Pendidikan"),
            Column("Jenis jabatan"),
            Column("L", "int"),
            Column("P", "int"),
            Column("Jumlah", "int"),
        ],
        subtitle="per " + date_text(d.staff.as_of),
        note=("Sumber: " + d.staff.source) if d.staff.source else "",
    )
    male = female = 0
    for c in d.staff.counts.all():
        staff.add(
            c.get_golongan_display() or "-",
            c.get_pendidikan_display() or "-",
            c.get_jabatan_display() or "-",
            c.male,
            c.female,
            c.male + c.female,
        )
        male, female = male + c.male, female + c.female
    staff.footer = [
        Cell("Jumlah", bold=True),
        Cell(""),
        Cell(""),
        Cell(male, kind="int", bold=True),
        Cell(female, kind="int", bold=True),
        Cell(male + female, kind="int", bold=True),
    ]
    return staff


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
    for t in d.tujuan:
        for s in [s for s in d.sasaran if s.tujuan_id == t.pk]:
            for ind in [i for i in d.indicators if i.level == "sasaran" and i.sasaran_id == s.pk and i.measured_in(d.year)]:
                tgt = d.targets.get((ind.pk, d.year))
                ts.add(
                    t.text,
                    s.text,
                    ind.name,
                    ind.satuan,
                    num(tgt.value if tgt else None, ind.precision),
                    num(ind.end_target, ind.precision),
                )
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
            f.sasaran_text(ind.sasaran_id),
            ind.name,
            ind.formula_text or ind.composite_expression or "-",
            ind.data_source or "-",
            ind.responsible_unit.name if ind.responsible_unit else "-",
        )
    return iku


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
            t.add(Cell(node.code), name, "-", "", Cell(None), indent=indent, bold=level == "program")
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
            *[Column(f"TW {ROMAN[q]}") for q in QUARTERS],
            Column("Anggaran (Rp)", "rupiah"),
        ],
        landscape=True,
        note="Target triwulan kumulatif (s/d triwulan); «%» berarti persen dari target tahunan.",
    )
    seen: set[int] = set()
    for n, item in enumerate(f.items("program"), start=1):
        p = f.program_by_pk.get(item.indicator.program_id)
        tw = [
            Cell(format_decimal_id(v, 2) + (" %" if item.quarter_mode == "percent" else "") if v is not None else "-")
            for v in item.quarter_targets()
        ]
        amount = d.budgets.get(p.pk) if p and p.pk not in seen else None
        if p:
            seen.add(p.pk)
        b.add(
            n, p.name if p else "-", item.indicator.name, num(item.annual_target, item.indicator.precision), *tw, num(amount, 0, "rupiah")
        )
    total = f.pk_budget_total()
    b.footer = [Cell("Jumlah", bold=True), *[Cell("") for _ in range(7)], Cell(total, places=0, kind="rupiah", bold=True)]
    return b
