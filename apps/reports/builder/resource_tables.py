"""BAB III tables about resources and kegiatan (issue 19, part E): the performance of each kegiatan and sub
kegiatan beside its budget (seed 001 Tabel 3.7 "Pencapaian Kinerja dan Anggaran"), the staff per unit and the
explanation a kecamatan prints where it is not a perangkat daerah pengampu SPM.

No figure is computed here: the indicator's target, realisasi and capaian come from the figures selector
(``OrganisationFigures.level``), the pagu, realisasi and serapan from the budget tree it read
(``OrganisationFigures.budget``), matched by level and canonical code (apps.budgets.codes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps import calculations as calc
from apps.budgets.codes import try_normalise
from apps.organisations.models import StaffCount, StaffUnitCount

from ..document import Cell, Column, Paragraph, Table
from .cells import date_text, fig, num, pct
from .report_figures import Figures
from .result_tables import COMPARISON_LEVELS

# level -> (key, title, label of the name column, budget level)
KINERJA_ANGGARAN_TABLES = {
    "kegiatan": ("kinerja-anggaran-kegiatan", "Pencapaian Kinerja dan Anggaran Kegiatan", "Kegiatan", calc.BudgetLevel.KEGIATAN),
    "sub_kegiatan": (
        "kinerja-anggaran-sub-kegiatan",
        "Pencapaian Kinerja dan Anggaran Sub Kegiatan",
        "Sub kegiatan",
        calc.BudgetLevel.SUB_KEGIATAN,
    ),
}

SPM_EXPLANATION = (
    "Kecamatan bukan perangkat daerah pengampu Standar Pelayanan Minimal (SPM), sehingga tidak ada standar "
    "nasional yang dapat dibandingkan dengan realisasi kinerja {org} tahun {year}."
)


def _code(code: str) -> str:
    return try_normalise(code) or code


def budget_nodes(f: Figures, level: calc.BudgetLevel) -> dict[str, calc.BudgetNode]:
    """The nodes of ``level`` of the budget tree the figures read, by canonical code."""
    total = f.budget_total()
    if total is None:
        return {}
    return {_code(node.code): node for _depth, node in total.walk() if node.level is level and node.code}


def kinerja_anggaran_table(f: Figures, level: str, period_label: str) -> Table | None:
    """Per kegiatan (or sub kegiatan) its indicators' target, realisasi and capaian, and on its first row the
    pagu, realisasi and serapan of the DPA node of the same code; None when no indicator of the level has a
    target for the year or the DPA is not imported."""
    figures = f.org.level(level)
    nodes = budget_nodes(f, KINERJA_ANGGARAN_TABLES[level][3])
    if not figures or not nodes:
        return None
    key, title, name_label, _budget_level = KINERJA_ANGGARAN_TABLES[level]
    conv = f.d.convention
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
            Column("Pagu (Rp)", "rupiah"),
            Column("Realisasi anggaran (Rp)", "rupiah"),
            Column("Serapan", "percent"),
        ],
        landscape=True,
        note="Capaian = realisasi / target indikator; serapan = realisasi anggaran / pagu DPA kegiatan yang sama (dicocokkan "
        "menurut kode). «-»: kode tidak ada di DPA.",
    )
    previous: Any = None
    for figure in figures:
        ind = figure.indicator
        plan = getattr(ind, level)
        first = plan is not None and plan.pk != previous
        previous = plan.pk if plan is not None else None
        node = nodes.get(_code(plan.code)) if first and plan.code else None
        if node is not None:
            money = [
                fig(node.total_pagu(), "rupiah", conv),
                fig(node.total_realisasi(), "rupiah", conv),
                fig(node.serapan(), "serapan", conv),
            ]
        else:
            money = [Cell("-" if first else "")] * 3
        t.add(
            plan.code if first else "",
            plan.name if first else "",
            ind.name,
            ind.satuan,
            num(figure.target, ind.precision),
            num(figure.realised, ind.precision),
            fig(figure.capaian, "capaian", conv),
            *money,
        )
    return t


def kinerja_anggaran_blocks(f: Figures, numbering: Any, period_label: str) -> list[Any]:
    """The numbered kegiatan and sub kegiatan tables of performance and budget that have rows."""
    tables = [kinerja_anggaran_table(f, level, period_label) for level in KINERJA_ANGGARAN_TABLES]
    return [numbering.table("3", t) for t in tables if t is not None]


def spm_blocks(f: Figures) -> list[Any]:
    """The sentence a kecamatan that is not a perangkat daerah pengampu SPM prints in A.4 (the admin's
    ``Organisation.spm_holder``); nothing for an SPM holder."""
    d = f.d
    if d.organisation.spm_holder:
        return []
    return [Paragraph(SPM_EXPLANATION.format(org=d.organisation.display_name, year=d.year))]


def shows_comparisons(f: Figures) -> bool:
    """Whether A.4 prints the table against the kabupaten, provinsi and nasional figures: always for an SPM
    holder; else only when the operator entered one such figure (a value, or "tidak tersedia" stated as such: seed
    001 Tabel 3.5), never a table of "tidak tersedia" made up for every indicator."""
    if f.d.organisation.spm_holder:
        return True
    return any(c.level in COMPARISON_LEVELS for cs in f.d.comparisons.values() for c in cs)


def _place_key(c: Any) -> tuple[int, int, str]:
    """Units first in their order, then the desa/kelurahan by name."""
    if c.unit is not None:
        return (0, c.unit.order, c.unit.name)
    return (1, 0, c.desa.name)


def _place_name(c: Any) -> str:
    return c.unit.name if c.unit is not None else str(c.desa)


def _sex(count: calc.SexCount, *, bold: bool = False) -> list[Cell]:
    return [Cell(count.male, kind="int", bold=bold), Cell(count.female, kind="int", bold=bold), Cell(count.total, kind="int", bold=bold)]


def staff_unit_table(f: Figures) -> Table | None:
    """Staff per unit and per desa/kelurahan (issue 19): ASN and non-ASN by sex, and the unit's total; every
    total a sum of the entered cells (calc.group_by_sex). None when the composition has no unit counts."""
    staff = f.d.staff
    if staff is None:
        return None
    counts = sorted(staff.unit_counts.all(), key=_place_key)
    if not counts:
        return None
    t = Table(
        "sdm-unit",
        "Jumlah Pegawai per Unit Kerja dan Desa/Kelurahan",
        [Column("Unit kerja / desa"), *[Column(f"{s} {x}", "int") for s in ("ASN", "Non ASN") for x in ("L", "P")],
         Column("Jumlah L", "int"), Column("Jumlah P", "int"), Column("Jumlah", "int")],
        subtitle="per " + date_text(staff.as_of),
        note=("Sumber: " + staff.source) if staff.source else "",
    )  # fmt: skip
    by_place = calc.group_by_sex(counts, lambda c: (_place_name(c), c.status))
    places = list(dict.fromkeys(_place_name(c) for c in counts))
    asn, non = StaffUnitCount.Status.ASN, StaffUnitCount.Status.NON_ASN
    for place in places:
        a, n = by_place.get((place, asn), calc.SexCount()), by_place.get((place, non), calc.SexCount())
        t.add(
            place, Cell(a.male, kind="int"), Cell(a.female, kind="int"), Cell(n.male, kind="int"), Cell(n.female, kind="int"), *_sex(a + n)
        )
    a = calc.sex_total(c for c in counts if c.status == asn)
    n = calc.sex_total(c for c in counts if c.status == non)
    t.footer = [
        Cell("Jumlah", bold=True),
        *[Cell(v, kind="int", bold=True) for v in (a.male, a.female, n.male, n.female)],
        *_sex(a + n, bold=True),
    ]
    return t


def staff_education_table(f: Figures) -> Table | None:
    """Pendidikan per unit (issue 19): per unit or desa its people per pendidikan, by sex, and their share of the
    unit's people (calc.percentage). None when no unit count names a pendidikan."""
    staff = f.d.staff
    if staff is None:
        return None
    counts = sorted((c for c in staff.unit_counts.all() if c.pendidikan), key=_place_key)
    if not counts:
        return None
    order = {v: n for n, v in enumerate(StaffCount.Pendidikan.values)}
    labels = dict(StaffCount.Pendidikan.choices)
    t = Table(
        "sdm-pendidikan-unit",
        "Pegawai per Unit Kerja Menurut Pendidikan",
        [Column("Unit kerja / desa"), Column("Pendidikan"), Column("L", "int"), Column("P", "int"), Column("Jumlah", "int"),
         Column("Persentase", "percent")],
        subtitle="per " + date_text(staff.as_of),
        note="Persentase = jumlah pegawai berpendidikan tersebut / jumlah pegawai unit yang pendidikannya dicatat × 100.",
    )  # fmt: skip
    places = list(dict.fromkeys(_place_name(c) for c in counts))
    for place in places:
        mine = [c for c in counts if _place_name(c) == place]
        unit_total = calc.sex_total(mine)
        levels = calc.group_by_sex(mine, lambda c: c.pendidikan)
        for n, level in enumerate(sorted(levels, key=lambda p: order.get(p, len(order)))):
            share = calc.percentage(Decimal(levels[level].total), Decimal(unit_total.total))
            t.add(place if n == 0 else "", str(labels.get(level, level)), *_sex(levels[level]), pct(share))
    total = calc.sex_total(counts)
    t.footer = [Cell("Jumlah", bold=True), Cell(""), *_sex(total, bold=True), Cell("")]
    return t


def staff_posts_table(f: Figures) -> Table | None:
    """Formasi against terisi per jabatan and unit, and the gap (kekurangan = formasi − terisi; negative: more
    filled than the formasi). None when no post is entered."""
    staff = f.d.staff
    if staff is None:
        return None
    posts = list(staff.posts.all())
    if not posts:
        return None
    t = Table(
        "formasi-jabatan",
        "Formasi dan Pengisian Jabatan",
        [Column("No", "int"), Column("Unit kerja"), Column("Jabatan"), Column("Formasi", "int"), Column("Terisi", "int"),
         Column("Kekurangan", "int")],
        subtitle="per " + date_text(staff.as_of),
        note="Kekurangan = formasi − terisi (jabatan kosong).",
    )  # fmt: skip
    for n, p in enumerate(posts, start=1):
        t.add(n, p.unit.name if p.unit is not None else "-", p.jabatan, Cell(p.formasi, kind="int"), Cell(p.terisi, kind="int"),
              Cell(p.formasi - p.terisi, kind="int"))  # fmt: skip
    formasi, terisi = sum(p.formasi for p in posts), sum(p.terisi for p in posts)
    t.footer = [Cell(""), Cell("Jumlah", bold=True), Cell(""), Cell(formasi, kind="int", bold=True), Cell(terisi, kind="int", bold=True),
                Cell(formasi - terisi, kind="int", bold=True)]  # fmt: skip
    return t


def staff_blocks(f: Figures, numbering: Any) -> list[Any]:
    """The numbered staff-per-unit, pendidikan-per-unit and formasi tables that have rows."""
    tables = (staff_unit_table(f), staff_education_table(f), staff_posts_table(f))
    return [numbering.table("3", t) for t in tables if t is not None]
