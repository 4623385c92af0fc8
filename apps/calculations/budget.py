"""Budget: serapan, sisa anggaran and efisiensi (PermenPANRB 53/2014, LKjIP BAB III A.6), and the
budget tree of the DPA (:class:`BudgetNode`, the nomenclature of Permendagri 90/2019) with its sums
and the check of stated totals. docs/calculations.md section 5, docs/budgets.md."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import Enum

from apps.core.numbers import HALF_UP, format_decimal_id, format_number_id, round_display

from .capaian import percentage
from .results import (
    CONTEXT,
    HUNDRED,
    ZERO,
    Reason,
    Result,
    checked,
    checked_places,
    exact,
    operand,
    percent_text,
    value_of,
)


@exact
def serapan(realisasi: Decimal | None, pagu: Decimal | None, *, places: int = 2) -> Result:
    """Serapan anggaran = realisasi anggaran / pagu x 100 (seed 001 LRA: 1.783.957.490 /
    2.202.684.141 = 80,99 %). Pagu 0 or blank, or blank realisasi, give no number."""
    return percentage(
        realisasi,
        pagu,
        places=places,
        missing_numerator=Reason.MISSING_BUDGET_REALISATION,
        missing_denominator=Reason.MISSING_PAGU,
        zero_denominator=Reason.ZERO_PAGU,
    )


@exact
def sisa_anggaran(pagu: Decimal | None, realisasi: Decimal | None) -> Result:
    """Sisa anggaran (SiLPA of the line) = pagu - realisasi (seed 002: 184.843.101)."""
    p = checked(pagu, "pagu")
    r = checked(realisasi, "realisasi anggaran")
    if p is None:
        return Result.blank(Reason.MISSING_PAGU)
    if r is None:
        return Result.blank(Reason.MISSING_BUDGET_REALISATION)
    value = p - r
    return Result.of(value, f"{format_number_id(p)} − {format_number_id(r)} = {format_decimal_id(value, 0)}")


@exact
def sisa_persen(pagu: Decimal | None, realisasi: Decimal | None, *, places: int = 2) -> Result:
    """Sisa anggaran as a share of the pagu = (pagu - realisasi) / pagu x 100 (seed 004 Tabel 3.6
    columns 9 and 11, against the anggaran kas or the pagu: 35.937.741 / 2.581.826.400 = 1,39 %)."""
    p = checked(pagu, "pagu")
    r = checked(realisasi, "realisasi anggaran")
    if r is None:
        return Result.blank(Reason.MISSING_BUDGET_REALISATION)
    return percentage(
        None if p is None else p - r,
        p,
        places=places,
        missing_numerator=Reason.MISSING_PAGU,
        missing_denominator=Reason.MISSING_PAGU,
        zero_denominator=Reason.ZERO_PAGU,
    )


@exact
def kenaikan(current: Decimal | None, previous: Decimal | None, *, places: int = 2) -> Result:
    """Kenaikan realisasi against the year before = (this year - last year) / last year x 100; negative
    for a fall (seed 001 LRA 2022: (1.783.957.490 - 1.458.620.942) / 1.458.620.942 = 22,30 %; belanja
    modal 29.296.000 against 70.150.000: -58,24 %). A blank year or a zero last year give no number."""
    c = checked(current, "realisasi tahun ini")
    p = checked(previous, "realisasi tahun lalu")
    return percentage(
        None if c is None or p is None else c - p,
        p,
        places=places,
        missing_numerator=Reason.MISSING_BUDGET_REALISATION,
        missing_denominator=Reason.MISSING_BUDGET_REALISATION,
        zero_denominator=Reason.ZERO_DENOMINATOR,
    )


def akun_total(amounts: Mapping[str, Decimal], akun: str) -> Decimal | None:
    """The belanja of kode akun ``akun`` in a budget document whose ``amounts`` are stated per kode akun
    (Permendagri 90/2019: 5 belanja daerah > 5.1 belanja operasi > 5.1.01 belanja pegawai ...): the sum
    of what is stated at ``akun`` or under it. None when nothing is stated there (never zero)."""
    found = [v for code, v in amounts.items() if code == akun or code.startswith(akun + ".")]
    return sum(found, Decimal(0)) if found else None


def akun_overlaps(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(kode akun, one under it) pairs stated together: a document states each amount at one level
    only, so that every total is a sum (akun_total) and nothing is counted twice."""
    stated = sorted(set(codes))
    return [(a, b) for a in stated for b in stated if b.startswith(a + ".")]


@dataclass(frozen=True)
class LraRow:
    """A row of the Laporan Realisasi Anggaran by kode akun (seed 001 Ringkasan): anggaran and realisasi
    of the year and realisasi of the year before, each the akun_total of its document."""

    akun: str
    name: str
    anggaran: Decimal | None
    realisasi: Decimal | None
    previous: Decimal | None

    def serapan(self) -> Result:
        return serapan(self.realisasi, self.anggaran)

    def sisa(self) -> Result:
        return sisa_anggaran(self.anggaran, self.realisasi)

    def sisa_persen(self) -> Result:
        """(anggaran - realisasi) / anggaran x 100 = 100 - serapan (seed 001: 19,01 %)."""
        return sisa_persen(self.anggaran, self.realisasi)

    def kenaikan(self) -> Result:
        return kenaikan(self.realisasi, self.previous)


def lra_rows(
    names: Mapping[str, str], anggaran: Mapping[str, Decimal], realisasi: Mapping[str, Decimal], previous: Mapping[str, Decimal]
) -> list[LraRow]:
    """The LRA rows of every kode akun in ``names`` (in its order) that one of the three documents states
    at or under it: totals are sums of what is stated (akun_total), never typed."""
    rows = []
    for akun, name in names.items():
        row = LraRow(akun, name, akun_total(anggaran, akun), akun_total(realisasi, akun), akun_total(previous, akun))
        if row.anggaran is not None or row.realisasi is not None or row.previous is not None:
            rows.append(row)
    return rows


class EfficiencyForm(Enum):
    """The two efisiensi forms in use; both are offered and labelled (docs/domain.md section 4)."""

    #: ``capaian - serapan`` in percentage points (seeds 002, 003: 103,2 - 94,19 = 9,01).
    DIFFERENCE = "selisih capaian kinerja − serapan anggaran (poin persen)"
    #: ``capaian / serapan x 100`` (the kept-aside report).
    RATIO = "rasio capaian kinerja / serapan anggaran × 100"


@exact
def efisiensi(
    capaian_kinerja: Result | Decimal | None,
    serapan_anggaran: Result | Decimal | None,
    *,
    form: EfficiencyForm = EfficiencyForm.DIFFERENCE,
    places: int = 2,
    operand_places: tuple[int, int] | None = None,
    operand_rounding: tuple[str, str] = (HALF_UP, HALF_UP),
) -> Result:
    """Efisiensi penggunaan sumber daya (PermenPANRB 53/2014, LKjIP BAB III A.6).

    ``DIFFERENCE``: capaian - serapan, in percentage points. ``RATIO``: capaian / serapan x 100
    (serapan 0 gives a blank). By default the full-precision operands are used (round once, at the
    end). ``operand_places=(1, 2)`` first rounds capaian and serapan to the printed precision, which is
    what seeds 002 and 003 do (103,2 - 94,19 = 9,01, while the exact figures give 9,05);
    ``operand_rounding`` says how each is rounded (the pemda's convention: HALF_UP or TRUNCATE).
    """
    places = checked_places(places)
    c, c_reason = value_of(capaian_kinerja, "capaian")
    s, s_reason = value_of(serapan_anggaran, "serapan")
    if c is None:
        return Result.blank(Reason.MISSING_CAPAIAN, detail=c_reason or "")
    if s is None:
        return Result.blank(Reason.MISSING_SERAPAN, detail=s_reason or "")
    prefix = ""
    if operand_places is not None:
        cp, sp = checked_places(operand_places[0]), checked_places(operand_places[1])
        c, s = round_display(c, cp, operand_rounding[0]), round_display(s, sp, operand_rounding[1])
        prefix = "angka tercetak: "
    if form is EfficiencyForm.DIFFERENCE:
        value = c - s
        return Result.of(value, f"{prefix}{operand(c)} − {operand(s)} = {format_decimal_id(value, places)} poin persen")
    if s == 0:
        return Result.blank(Reason.ZERO_SERAPAN, f"{prefix}{operand(c)} / 0: tidak dihitung → -")
    value = c / s * HUNDRED
    return Result.of(value, f"{prefix}{operand(c)} / {operand(s)} × 100 = {percent_text(value, places)}")


class BudgetLevel(Enum):
    """Levels of the budget tree (national nomenclature, Permendagri 90/2019)."""

    ORGANISASI = "organisasi"
    SASARAN = "sasaran"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub kegiatan"


@dataclass(frozen=True)
class BudgetMismatch:
    """A stated parent total that is not the sum of the rows directly under it."""

    code: str
    name: str
    field: str  # "pagu" or "realisasi"
    stated: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        """``stated - computed``."""
        return self.stated - self.computed


@dataclass(frozen=True)
class BudgetNode:
    """A line of the budget tree: sub kegiatan -> kegiatan -> program -> sasaran -> organisasi.

    On a leaf, ``pagu``/``realisasi`` are the data. On a parent they are *stated* totals (as printed or
    imported), which are only checked: the totals used for serapan are always computed from the
    leaves (docs/domain.md section 2: program and kegiatan totals are sums, checked). A program serving
    several sasaran must be attached to one of them; the tree holds each line once.
    """

    code: str
    name: str
    level: BudgetLevel
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    children: tuple[BudgetNode, ...] = ()

    def __post_init__(self) -> None:
        checked(self.pagu, f"pagu {self.code}")
        checked(self.realisasi, f"realisasi {self.code}")
        if not isinstance(self.children, tuple) or not all(isinstance(c, BudgetNode) for c in self.children):
            raise TypeError("children harus tuple BudgetNode")

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def _computed(self, attribute: str) -> Decimal | None:
        if self.is_leaf:
            value: Decimal | None = getattr(self, attribute)
            return value
        parts = [child._computed(attribute) for child in self.children]
        known = [p for p in parts if p is not None]
        if not known:
            return None
        with localcontext(CONTEXT):
            return sum(known, ZERO)

    def total_pagu(self) -> Decimal | None:
        """Pagu computed from the leaves (blank leaves are skipped; all blank gives ``None``)."""
        return self._computed("pagu")

    def total_realisasi(self) -> Decimal | None:
        """Realisasi computed from the leaves."""
        return self._computed("realisasi")

    def shown_pagu(self) -> Decimal | None:
        """The stated pagu if there is one, else the computed one (what a table row shows)."""
        return self.pagu if self.pagu is not None else self.total_pagu()

    def shown_realisasi(self) -> Decimal | None:
        return self.realisasi if self.realisasi is not None else self.total_realisasi()

    def serapan(self, *, places: int = 2) -> Result:
        """Serapan of the computed totals."""
        return serapan(self.total_realisasi(), self.total_pagu(), places=places)

    def sisa(self) -> Result:
        return sisa_anggaran(self.total_pagu(), self.total_realisasi())

    def sisa_persen(self, *, places: int = 2) -> Result:
        """Sisa of the computed totals as a share of the pagu (calc.sisa_persen)."""
        return sisa_persen(self.total_pagu(), self.total_realisasi(), places=places)

    def walk(self, depth: int = 0) -> Iterator[tuple[int, BudgetNode]]:
        """Pre-order traversal yielding ``(depth, node)``."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)

    def find(self, code: str) -> BudgetNode | None:
        for _, node in self.walk():
            if node.code == code:
                return node
        return None

    def mismatches(self) -> list[BudgetMismatch]:
        """Every parent whose stated pagu or realisasi differs from the sum of the rows directly under
        it (each child counted with its stated figure, or its computed one when nothing is stated), so
        that an error is reported at the row where it is made."""
        found: list[BudgetMismatch] = []
        with localcontext(CONTEXT):
            for _, node in self.walk():
                if node.is_leaf:
                    continue
                for attribute, shown in (("pagu", BudgetNode.shown_pagu), ("realisasi", BudgetNode.shown_realisasi)):
                    stated: Decimal | None = getattr(node, attribute)
                    parts = [shown(child) for child in node.children]
                    known = [p for p in parts if p is not None]
                    if stated is None or not known:
                        continue
                    computed = sum(known, ZERO)
                    if stated != computed:
                        found.append(BudgetMismatch(node.code, node.name, attribute, stated, computed))
        return found
