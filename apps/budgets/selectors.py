"""Reads of the DPA and the realisasi anggaran: fetch in a fixed number of queries, then compute
with apps.calculations (BudgetNode sums, serapan). Nothing here writes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps import calculations as calc
from apps.core import periods
from apps.organisations.models import Organisation
from apps.planning.models import Program, Renstra, SubKegiatan

from . import codes as C
from .models import DokumenAnggaran, DpaLine, DpaUpload, DpaVersion, Pendapatan, RealisasiAnggaran

QUARTERS = periods.QUARTERS


def dpa_versions(*, organisation: Any, year: int) -> QuerySet[DpaVersion]:
    return DpaVersion.objects.filter(organisation=organisation, year=year).select_related("imported_by").order_by("-sequence")


def version_in_force(*, organisation: Any, year: int) -> DpaVersion | None:
    """The DPA in force for a year: the last one imported."""
    return DpaVersion.objects.filter(organisation=organisation, year=year).order_by("-sequence").first()


def dpa_version(*, organisation: Any, year: int, sequence: int | None = None) -> DpaVersion | None:
    """Version ``sequence`` of the year's DPA, or the version in force (the last imported) when None."""
    versions = DpaVersion.objects.filter(organisation=organisation, year=year)
    if sequence is not None:
        return versions.filter(sequence=sequence).first()
    return versions.order_by("-sequence").first()


def dpa_years(*, organisation: Any) -> list[int]:
    return sorted(set(DpaVersion.objects.filter(organisation=organisation).values_list("year", flat=True)), reverse=True)


def pending_upload(*, user: Any, pk: int) -> DpaUpload:
    """A pending upload of this user, inside the pemda they administer (404 otherwise)."""
    return get_object_or_404(
        DpaUpload.objects.administered_by(user).select_related("organisation__pemda", "version"), pk=pk, uploaded_by=user
    )


def active_renstra(*, organisation: Any, year: int) -> Renstra | None:
    """The Renstra in force that covers ``year`` (the same rule as the PK)."""
    return (
        Renstra.objects.filter(organisation=organisation, is_active=True, start_year__lte=year, end_year__gte=year)
        .order_by("-version_number")
        .first()
    )


def sub_kegiatan_by_code(renstra: Renstra | None) -> dict[str, SubKegiatan]:
    """The Renstra's sub kegiatan by canonical code (codes that are not nomenclature codes are skipped)."""
    if renstra is None:
        return {}
    found = {}
    for sk in SubKegiatan.objects.filter(renstra=renstra).select_related("kegiatan__program"):
        code = C.try_normalise(sk.code)
        if code:
            found[code] = sk
    return found


def realisasi_by_code(*, organisation: Any, year: int) -> dict[str, dict[int, RealisasiAnggaran]]:
    out: dict[str, dict[int, RealisasiAnggaran]] = {}
    for r in RealisasiAnggaran.objects.filter(organisation=organisation, year=year):
        out.setdefault(r.code, {})[r.quarter] = r
    return out


# ---------------------------------------------------------------------------------------------------
# The tree: program > kegiatan > sub kegiatan, with sasaran and organisation totals
# ---------------------------------------------------------------------------------------------------


def build_tree(
    lines: Iterable[Any],
    *,
    pagu: Callable[[Any], Decimal | None],
    realisasi: Callable[[Any], Decimal | None] = lambda line: None,
) -> calc.BudgetNode:
    """Lines (DpaLine or ParsedLine) as a BudgetNode tree whose parents carry no stated figure:
    every program, kegiatan and organisation figure is computed from the sub kegiatan."""
    by_program: dict[str, dict[str, list[Any]]] = {}
    names: dict[str, str] = {}
    for line in lines:
        by_program.setdefault(line.program_code, {}).setdefault(line.kegiatan_code, []).append(line)
        names.setdefault(line.program_code, line.program_name)
        names.setdefault(line.kegiatan_code, line.kegiatan_name)
    programs = []
    for p_code in sorted(by_program):
        kegiatan = []
        for k_code in sorted(by_program[p_code]):
            leaves = tuple(
                calc.BudgetNode(code=ln.code, name=ln.name, level=calc.BudgetLevel.SUB_KEGIATAN, pagu=pagu(ln), realisasi=realisasi(ln))
                for ln in sorted(by_program[p_code][k_code], key=lambda ln: ln.code)
            )
            kegiatan.append(calc.BudgetNode(code=k_code, name=names[k_code], level=calc.BudgetLevel.KEGIATAN, children=leaves))
        programs.append(calc.BudgetNode(code=p_code, name=names[p_code], level=calc.BudgetLevel.PROGRAM, children=tuple(kegiatan)))
    return calc.BudgetNode(code="", name="Jumlah", level=calc.BudgetLevel.ORGANISASI, children=tuple(programs))


@dataclass
class TreeRow:
    """One row of a budget table; every figure comes from a BudgetNode (computed from the leaves)."""

    level: str  # "program", "kegiatan", "sub_kegiatan", "total"
    code: str
    name: str
    pagu: Decimal | None
    kas: Decimal | None
    realisasi: Decimal | None
    serapan: calc.Result
    kas_serapan: calc.Result
    sisa: calc.Result
    line: Any = None
    previous: Decimal | None = None  # realisasi s/d the previous triwulan (leaves)
    sasaran: list[Any] = field(default_factory=list)
    linked: bool = False
    grid_field: Any = None  # the grid input, set by the view

    @property
    def is_leaf(self) -> bool:
        return self.level == "sub_kegiatan"


@dataclass
class SasaranRow:
    sasaran: Any
    programs: list[str]
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: calc.Result


@dataclass
class BudgetOverview:
    organisation: Any
    year: int
    quarter: int
    version: DpaVersion | None
    versions: list[DpaVersion]
    renstra: Renstra | None
    rows: list[TreeRow]
    total: TreeRow | None
    sasaran: list[SasaranRow]
    unlinked: list[str]
    reported: int = 0

    @property
    def line_count(self) -> int:
        return sum(1 for r in self.rows if r.is_leaf)


_LEVEL = {calc.BudgetLevel.PROGRAM: "program", calc.BudgetLevel.KEGIATAN: "kegiatan", calc.BudgetLevel.SUB_KEGIATAN: "sub_kegiatan"}


def _kas_of(line: Any, quarter: int) -> Decimal | None:
    return line.kas[quarter - 1]


def kas_upto(line: Any, quarter: int) -> Decimal | None:
    """A DPA line's anggaran kas s/d TW ``quarter``: the cumulative column as imported, else the sum of
    its monthly anggaran kas of months 1..3 x quarter when every one of them is given (blank otherwise)."""
    stated: Decimal | None = line.kas[quarter - 1]
    if stated is not None:
        return stated
    months = line.months[: 3 * quarter]
    if any(m is None for m in months):
        return None
    return sum(months, Decimal(0))


def kas_tree(lines: Iterable[Any], *, quarter: int, realisasi: Callable[[Any], Decimal | None]) -> calc.BudgetNode:
    """The DPA as a tree whose "pagu" is the anggaran kas s/d TW ``quarter`` (kas_upto), with the realisasi given."""
    return build_tree(lines, pagu=lambda ln: kas_upto(ln, quarter), realisasi=realisasi)


def budget_overview(*, organisation: Any, year: int, quarter: int = 4, version: DpaVersion | None = None) -> BudgetOverview:
    """The DPA in force (or ``version``) with realisasi s/d ``quarter``: the tree with pagu, anggaran kas,
    realisasi, serapan and sisa at every level, the sasaran roll-up (through Program.sasaran of the
    Renstra in force) and the organisation total (7 queries)."""
    versions = list(dpa_versions(organisation=organisation, year=year))
    version = version or (versions[0] if versions else None)
    renstra = active_renstra(organisation=organisation, year=year)
    if version is None:
        return BudgetOverview(organisation, year, quarter, None, versions, renstra, [], None, [], [])
    lines = list(version.lines.select_related("sub_kegiatan__kegiatan__program").order_by("order"))
    stored = realisasi_by_code(organisation=organisation, year=year)

    def amount(line: Any, q: int) -> Decimal | None:
        r = stored.get(line.code, {}).get(q)
        return r.amount if r is not None else None

    money = build_tree(lines, pagu=lambda ln: ln.pagu, realisasi=lambda ln: amount(ln, quarter))
    cash = build_tree(lines, pagu=lambda ln: _kas_of(ln, quarter), realisasi=lambda ln: amount(ln, quarter))
    cash_nodes = {(n.level, n.code): n for _, n in cash.walk()}
    by_code = {ln.code: ln for ln in lines}
    programs = {}
    if renstra is not None:
        for p in Program.objects.filter(renstra=renstra).prefetch_related("sasaran"):
            code = C.try_normalise(p.code)
            if code:
                programs[code] = p
    rows: list[TreeRow] = []
    for _depth, node in money.walk():
        kas_node = cash_nodes[(node.level, node.code)]
        level = _LEVEL.get(node.level, "total")
        line = by_code.get(node.code) if level == "sub_kegiatan" else None
        row = TreeRow(
            level=level, code=node.code, name=node.name, pagu=node.total_pagu(), kas=kas_node.total_pagu(),
            realisasi=node.total_realisasi(), serapan=node.serapan(), kas_serapan=kas_node.serapan(), sisa=node.sisa(), line=line,
        )  # fmt: skip
        if line is not None:
            row.previous = amount(line, quarter - 1) if quarter > 1 else None
            row.linked = line.sub_kegiatan_id is not None
        if level == "program" and node.code in programs:
            row.sasaran = list(programs[node.code].sasaran.all())
            row.linked = True
        rows.append(row)
    total = rows.pop(0)
    sasaran_rows: dict[int, tuple[Any, list[calc.BudgetNode]]] = {}
    for node in money.children:
        program = programs.get(node.code)
        for s in program.sasaran.all() if program else []:
            sasaran_rows.setdefault(s.pk, (s, []))[1].append(node)
    sasaran = []
    for s, nodes in sorted(sasaran_rows.values(), key=lambda item: (item[0].order, item[0].code, item[0].pk)):
        group = calc.BudgetNode(code=s.code, name=s.text, level=calc.BudgetLevel.SASARAN, children=tuple(nodes))
        sasaran.append(SasaranRow(s, [n.code for n in nodes], group.total_pagu(), group.total_realisasi(), group.serapan()))
    unlinked = [r.code for r in rows if r.level == "program" and not r.linked]
    reported = sum(1 for ln in lines if amount(ln, quarter) is not None)
    return BudgetOverview(organisation, year, quarter, version, versions, renstra, rows, total, sasaran, unlinked, reported)


def grid_stamp(*, organisation: Any, year: int) -> str:
    """A fingerprint of the year's realisasi anggaran: a grid saved against an older one is refused."""
    rows = RealisasiAnggaran.objects.filter(organisation=organisation, year=year).order_by("code", "quarter")
    text = "|".join(f"{r.code}:{r.quarter}:{r.amount}:{r.updated_at.isoformat()}" for r in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def version_lines(version: DpaVersion) -> list[DpaLine]:
    return list(version.lines.order_by("order"))


def previous_version(version: DpaVersion) -> DpaVersion | None:
    return (
        DpaVersion.objects.filter(organisation=version.organisation_id, year=version.year, sequence__lt=version.sequence)
        .order_by("-sequence")
        .first()
    )


@dataclass
class PreviewRow:
    """A row of the preview tree: the total computed from the sub kegiatan, and the one printed in the file."""

    level: str
    code: str
    name: str
    computed: Decimal | None
    stated: Decimal | None
    sumber: str = ""  # a sub kegiatan's sumber dana and anggaran kas s/d TW I-IV as read (issue 20: shown, never silent)
    kas: tuple[Decimal | None, ...] = ()

    @property
    def disagrees(self) -> bool:
        return self.stated is not None and self.computed is not None and self.stated != self.computed


def preview_rows(tree: calc.BudgetNode | None, lines: list[Any] = ()) -> tuple[list[PreviewRow], PreviewRow | None]:  # type: ignore[assignment]
    """Program > kegiatan > sub kegiatan rows of a parsed DPA, and the total row; a sub kegiatan row carries the
    sumber dana and anggaran kas its line (of ``lines``) was read with."""
    if tree is None:
        return [], None
    by_code = {line.code: line for line in lines}
    rows = []
    for _depth, node in tree.walk():
        line = by_code.get(node.code) if node.is_leaf else None
        rows.append(
            PreviewRow(
                _LEVEL.get(node.level, "total"),
                node.code,
                node.name,
                node.total_pagu(),
                None if node.is_leaf else node.pagu,
                sumber=line.sumber_dana if line is not None else "",
                kas=tuple(line.kas) if line is not None else (),
            )
        )
    return rows[1:], rows[0]


def can_import_dpa(user: Any, organisation: Any) -> bool:
    """The pemda admin imports the DPA of the kecamatan of their pemda (docs/budgets.md, "Siapa mengimpor")."""
    return Organisation.objects.administered_by(user).filter(pk=organisation.pk).exists()


def can_enter_realisasi(user: Any, organisation: Any) -> bool:
    """The operator of the kecamatan enters realisasi anggaran (grid and import)."""
    return Organisation.objects.editable_by(user).filter(pk=organisation.pk).exists()


def consistency_budget(*, organisation: Any, year: int, upto: int = 4) -> tuple[calc.BudgetNode, ...]:
    """The DPA in force with realisasi s/d ``upto`` as one BudgetNode per program, the shape
    ``calc.OrgYearInput.budget`` expects (program codes are matched with the PK's). Empty without a DPA."""
    version = version_in_force(organisation=organisation, year=year)
    if version is None:
        return ()
    stored = realisasi_by_code(organisation=organisation, year=year)

    def amount(line: Any) -> Decimal | None:
        r = stored.get(line.code, {}).get(upto)
        return r.amount if r is not None else None

    return build_tree(version_lines(version), pagu=lambda ln: ln.pagu, realisasi=amount).children


def pendapatan_rows(*, organisation: Any, year: int, quarter: int | None = None) -> QuerySet[Pendapatan]:
    """The jenis pendapatan entered for a year (s/d ``quarter`` when given), by triwulan and code."""
    rows = Pendapatan.objects.filter(organisation=organisation, year=year)
    return rows.filter(quarter=quarter) if quarter is not None else rows.order_by("quarter", "code", "name")


def dokumen_anggaran(*, organisation: Any, years: Iterable[int]) -> list[DokumenAnggaran]:
    """The budget documents (summaries per kode akun) of ``years``, each with its kode akun (2 queries)."""
    return list(
        DokumenAnggaran.objects.filter(organisation=organisation, year__in=list(years)).prefetch_related("akun").order_by("year", "kind")
    )


def can_enter_dokumen(user: Any, organisation: Any, kind: str) -> bool:
    """The pemda admin enters the DPA and DPPA summaries (as they import the DPA); the kecamatan's operator
    its Renja and the realisasi anggaran per kode akun."""
    if kind in ("murni", "perubahan"):
        return can_import_dpa(user, organisation)
    return can_enter_realisasi(user, organisation)
