"""Capaian kinerja: realisasi against target, by the indicator's polarity (PermenPANRB 53/2014; the
lower-is-better formula of PermenPANRB 8/2021), and the generic percentage behind serapan and the
other "x of y" figures. docs/calculations.md section 1."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from apps.core.numbers import format_decimal_id, format_number_id

from .results import (
    HUNDRED,
    ZERO,
    CalculationError,
    Reason,
    Result,
    checked,
    checked_places,
    exact,
    operand,
    percent_text,
    required,
    value_of,
)


class Direction(Enum):
    """Polarity of an indicator."""

    HIGHER_BETTER = "semakin tinggi semakin baik"
    LOWER_BETTER = "semakin rendah semakin baik"
    RANGE = "target berupa rentang"


class LowerFormula(Enum):
    """Capaian formula for lower-is-better indicators (a per-indicator choice, docs/domain.md section 3)."""

    #: ``(2T - R) / T x 100`` = PermenPANRB 8/2021 ``(1 + (1 - R/T)) x 100``; the default.
    TWO_T_MINUS_R = "(2 × target − realisasi) / target × 100"
    #: ``T / R x 100``, used by some kabupaten.
    T_OVER_R = "target / realisasi × 100"


@dataclass(frozen=True)
class RangeTarget:
    """A target given as a range (e.g. 80-90); both bounds are inclusive."""

    lower: Decimal
    upper: Decimal

    def __post_init__(self) -> None:
        low, high = required(self.lower, "batas bawah target"), required(self.upper, "batas atas target")
        if low > high:
            raise CalculationError("target rentang: batas bawah lebih besar dari batas atas")

    def describe(self) -> str:
        return f"{format_number_id(self.lower)}–{format_number_id(self.upper)}"


def _higher(r: Decimal, t: Decimal, places: int, prefix: str = "") -> Result:
    if t < 0:
        return Result.blank(Reason.NEGATIVE_TARGET, f"{prefix}target {operand(t)} negatif: capaian tidak dihitung → -")
    if t == 0:
        code = Reason.ZERO_OVER_ZERO if r == 0 else Reason.ZERO_TARGET
        return Result.blank(code, f"{prefix}{operand(r)} / 0: capaian tidak dihitung → -")
    value = r / t * HUNDRED
    return Result.of(value, f"{prefix}{operand(r)} / {operand(t)} × 100 = {percent_text(value, places)}")


def _lower(r: Decimal, t: Decimal, formula: LowerFormula, places: int, prefix: str = "") -> Result:
    if t < 0:
        return Result.blank(Reason.NEGATIVE_TARGET, f"{prefix}target {operand(t)} negatif: capaian tidak dihitung → -")
    if t == 0:
        code = Reason.ZERO_OVER_ZERO if r == 0 else Reason.ZERO_TARGET
        return Result.blank(code, f"{prefix}target 0: capaian tidak dihitung → -")
    if formula is LowerFormula.TWO_T_MINUS_R:
        raw = (2 * t - r) / t * HUNDRED
        working = f"{prefix}(2 × {operand(t)} − {operand(r)}) / {operand(t)} × 100 = {percent_text(raw, places)}"
    else:
        if r == 0:
            return Result.blank(Reason.ZERO_REALISATION, f"{prefix}{operand(t)} / 0: capaian tidak dihitung → -")
        if r < 0:
            return Result.blank(Reason.NEGATIVE_REALISATION, f"{prefix}realisasi {operand(r)} negatif → -")
        raw = t / r * HUNDRED
        working = f"{prefix}{operand(t)} / {operand(r)} × 100 = {percent_text(raw, places)}"
    if raw < 0:
        return Result.of(ZERO, f"{working}; di bawah 0 dibatasi menjadi {percent_text(ZERO, places)}")
    return Result.of(raw, working)


@exact
def capaian(
    realisasi: Decimal | None,
    target: Decimal | RangeTarget | None,
    *,
    direction: Direction = Direction.HIGHER_BETTER,
    lower_formula: LowerFormula = LowerFormula.TWO_T_MINUS_R,
    places: int = 2,
) -> Result:
    """Capaian kinerja in percent of target (PermenPANRB 53/2014: realisasi compared with target).

    * Higher is better: ``R / T x 100`` (all four seeds, e.g. seed 001: 84,24 / 73 = 115,40 %).
    * Lower is better: ``(2T - R) / T x 100`` by default, which is PermenPANRB 8/2021's
      ``(1 + (1 - R/T)) x 100``; or ``T / R x 100`` when the indicator says so. Floored at 0.
    * Range target (lower-upper, both inclusive): inside it is 100; above it, the lower-is-better
      formula against the upper bound; below it, ``R / lower x 100``.
    * Uncapped: 140 % stays 140 % (seed 004). Capping is a separate, explicit :func:`clamp`.
    * Blank realisasi or target, target 0, 0/0, a negative target, and ``T / R`` with R <= 0 give no
      number (``value=None`` with the reason); never a silent 0, never ``ZeroDivisionError``.

    ``places`` is only the display precision used in the derivation.
    """
    return capaian_of(checked(realisasi, "realisasi"), target, direction, lower_formula, checked_places(places))


def capaian_of(
    r: Decimal | None,
    target: Decimal | RangeTarget | None,
    direction: Direction,
    lower_formula: LowerFormula,
    places: int,
) -> Result:
    """:func:`capaian` for a realisasi that is already a checked input or a computed value (a sum or a
    projection may exceed the input range; it must not be refused as if a user had typed it)."""
    if isinstance(target, RangeTarget):
        if direction is not Direction.RANGE:
            raise CalculationError("target rentang hanya untuk indikator dengan arah RANGE")
        if r is None:
            return Result.blank(Reason.MISSING_REALISATION)
        low, high = target.lower, target.upper
        if low < 0:
            return Result.blank(Reason.NEGATIVE_TARGET, f"rentang {target.describe()} memuat nilai negatif → -")
        if low <= r <= high:
            return Result.of(HUNDRED, f"{operand(r)} dalam rentang {target.describe()} = {percent_text(HUNDRED, places)}")
        if r > high:
            return _lower(r, high, lower_formula, places, f"{operand(r)} di atas batas atas {operand(high)}: ")
        return _higher(r, low, places, f"{operand(r)} di bawah batas bawah {operand(low)}: ")

    if direction is Direction.RANGE and target is not None:
        raise CalculationError("indikator dengan arah RANGE memerlukan RangeTarget")
    t = checked(target, "target")
    if t is None:
        return Result.blank(Reason.MISSING_TARGET)
    if r is None:
        return Result.blank(Reason.MISSING_REALISATION)
    if direction is Direction.LOWER_BETTER:
        return _lower(r, t, lower_formula, places)
    return _higher(r, t, places)


@exact
def percentage(
    numerator: Decimal | None,
    denominator: Decimal | None,
    *,
    places: int = 2,
    missing_numerator: Reason = Reason.MISSING_VALUE,
    missing_denominator: Reason = Reason.MISSING_VALUE,
    zero_denominator: Reason = Reason.ZERO_DENOMINATOR,
) -> Result:
    """Generic ``numerator / denominator x 100`` with blank and zero handling (e.g. tingkat kemajuan
    against the Renstra end target, % alokasi per sasaran, % ketersediaan SDM)."""
    places = checked_places(places)
    n = checked(numerator, "pembilang")
    d = checked(denominator, "penyebut")
    if d is None:
        return Result.blank(missing_denominator)
    if n is None:
        return Result.blank(missing_numerator)
    if d == 0:
        return Result.blank(zero_denominator, f"{operand(n)} / 0: tidak dihitung → -")
    value = n / d * HUNDRED
    return Result.of(value, f"{operand(n)} / {operand(d)} × 100 = {percent_text(value, places)}")


@exact
def difference(value: Result | Decimal | None, reference: Result | Decimal | None, *, places: int = 2) -> Result:
    """Selisih = ``value`` − ``reference``: a realisation against a comparison figure (seed 002 §4.12: nilai AKIP
    74,64 − nasional 64,23 = 10,41; positive means above the comparison). Either blank gives a blank."""
    places = checked_places(places)
    v, _reason = value_of(value, "nilai")
    r, _reason = value_of(reference, "pembanding")
    if v is None or r is None:
        return Result.blank(Reason.MISSING_VALUE)
    result = v - r
    return Result.of(result, f"{operand(v)} − {operand(r)} = {format_decimal_id(result, places)}")


@dataclass(frozen=True)
class Classification:
    """How many capaian exceed, meet or miss their target (seed 002 Tabel 3.2, Q23: a count per class,
    "Melebihi/melampaui target", "Sesuai target", "Tidak mencapai target"); ``unmeasured`` counts the
    blanks, which belong to no class."""

    melebihi: int
    sesuai: int
    tidak: int
    unmeasured: int


def classify(results: list[Result] | tuple[Result, ...], *, places: int = 2) -> Classification:
    """Count the capaian above, at and below 100 %, each compared as printed (rounded half up to ``places``):
    a capaian printed 100,00 meets its target even when its exact value is 99,996."""
    places = checked_places(places)
    counts = {"melebihi": 0, "sesuai": 0, "tidak": 0, "unmeasured": 0}
    for r in results:
        value = r.rounded(places)
        if value is None:
            counts["unmeasured"] += 1
        elif value > HUNDRED:
            counts["melebihi"] += 1
        elif value == HUNDRED:
            counts["sesuai"] += 1
        else:
            counts["tidak"] += 1
    return Classification(**counts)
