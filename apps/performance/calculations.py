"""Pure SAKIP performance calculations: capaian, quarters, roll-ups, budget, scales, formulas, checks.

No Django, no database, no floats: standard library only (plus :mod:`apps.core.numbers` for
rounding and Indonesian formatting, and the Roman quarter numerals of :mod:`apps.core.periods`). Every public function takes ``Decimal`` values (``None`` means
blank, which is never zero) and returns a :class:`Result` holding the value at **full precision**; a
caller rounds once, for display, with :func:`apps.core.numbers.quantize`.

Regulatory basis, cited per function below:

* Perpres 29/2014 (SAKIP) and PermenPANRB 53/2014 (Perjanjian Kinerja, LKjIP and its reviu): capaian
  as realisasi against target, the comparisons of BAB III, the analysis of causes and solutions.
* PermenPANRB 8/2021 for the lower-is-better capaian ``(1 + (1 - R/T)) x 100``.
* PermenPANRB 88/2021 (evaluasi AKIP): the AA-D predikat and the component weights 30/30/15/25.
* Permendagri 86/2017 (evaluasi RKPD/Renja): the five-band capaian predikat.
* PermenPANRB 14/2017 (SKM/IKM) and 17/2017 (IPP) behind composite indicators such as seed 002's IKPP.

The behaviour where the domain notes were silent is written in docs/calculations.md.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from enum import Enum
from typing import ParamSpec, TypeVar

from apps.core.numbers import (
    NumberParseError,
    format_decimal_id,
    format_number_id,
    format_percent,
    parse_decimal_id,
    quantize,
)
from apps.core.periods import QUARTERS, ROMAN

__all__ = [
    "MAX_MAGNITUDE",
    "QUARTERS",
    "Aggregation",
    "Band",
    "BudgetLevel",
    "BudgetMismatch",
    "BudgetNode",
    "CalculationError",
    "Direction",
    "EfficiencyForm",
    "Finding",
    "FormulaError",
    "IndicatorRule",
    "IndicatorYear",
    "LowerFormula",
    "OrgYearInput",
    "PkBudget",
    "Projection",
    "RangeTarget",
    "Reason",
    "Result",
    "Scale",
    "Severity",
    "aggregate",
    "capaian",
    "categorise",
    "check_consistency",
    "clamp",
    "cumulative_targets",
    "efisiensi",
    "evaluate_formula",
    "formula_names",
    "indicator_capaian",
    "percentage",
    "project_year_end",
    "quarter_label",
    "rollup",
    "serapan",
    "sisa_anggaran",
    "target_upto",
    "targets_from_percent",
    "validate_cumulative_targets",
    "validate_scale",
]

HUNDRED = Decimal(100)
ZERO = Decimal(0)

#: Largest magnitude accepted as input (10^30; a whole APBN is about 3,5 x 10^15 Rupiah).
MAX_MAGNITUDE = Decimal("1E+30")
#: Smallest non-zero magnitude accepted as input.
MIN_MAGNITUDE = Decimal("1E-30")

#: The labels of the four quarters (triwulan), from their Roman numerals (apps.core.periods).
_QUARTER_LABELS = {q: f"TW {ROMAN[q]}" for q in QUARTERS}

# Arithmetic context: 34 significant digits, an exponent range wide enough that no product or
# quotient of accepted inputs can overflow, and errors trapped (they are checked before dividing).
_CTX = Context(
    prec=34,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _exact(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` in the module's arithmetic context."""

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(_CTX):
            return fn(*args, **kwargs)

    return wrapper


class CalculationError(ValueError):
    """Invalid input or definition: non-finite or out-of-range number, bad quarter, bad range, bad scale use."""


class FormulaError(CalculationError):
    """A composite-indicator formula that cannot be parsed or uses something other than + - x / ( )."""


def _num(value: object, what: str) -> Decimal | None:
    """Validate an optional Decimal input. ``None`` (blank) passes through; a float is a TypeError."""
    if value is None:
        return None
    if isinstance(value, float):
        raise TypeError(f"{what}: float tidak diterima, gunakan Decimal")
    if not isinstance(value, Decimal):
        raise TypeError(f"{what}: harus Decimal atau None, bukan {type(value).__name__}")
    if not value.is_finite():
        raise CalculationError(f"{what}: NaN atau tak hingga tidak diterima")
    magnitude = value.copy_abs()
    if magnitude > MAX_MAGNITUDE or (magnitude and magnitude < MIN_MAGNITUDE):
        raise CalculationError(f"{what}: di luar batas yang diterima (10^-30 s/d 10^30)")
    return value


def _req(value: object, what: str) -> Decimal:
    checked = _num(value, what)
    if checked is None:
        raise TypeError(f"{what}: wajib diisi")
    return checked


def _places(places: int) -> int:
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
        raise CalculationError("places harus bilangan bulat 0 s/d 10")
    return places


def _n(value: Decimal) -> str:
    """An operand as stored, wrapped in parentheses when negative."""
    text = format_number_id(value)
    return f"({text})" if value < 0 else text


def _pct(value: Decimal, places: int) -> str:
    return format_percent(value, places)


def quarter_label(quarter: int) -> str:
    """``1`` gives ``"TW I"``."""
    _check_quarter(quarter)
    return _QUARTER_LABELS[quarter]


def _check_quarter(quarter: object) -> int:
    if isinstance(quarter, bool) or not isinstance(quarter, int) or quarter not in _QUARTER_LABELS:
        raise CalculationError(f"triwulan harus 1 s/d 4, bukan {quarter!r}")
    return quarter


# ---------------------------------------------------------------------------------------------------
# 1. Result
# ---------------------------------------------------------------------------------------------------


class Reason(Enum):
    """Why a figure is blank ("-"). The value is the Indonesian label shown to users."""

    MISSING_REALISATION = "realisasi belum diisi"
    MISSING_TARGET = "target belum diisi"
    ZERO_TARGET = "target 0"
    ZERO_OVER_ZERO = "target dan realisasi 0 (0/0)"
    NEGATIVE_TARGET = "target negatif"
    ZERO_REALISATION = "realisasi 0 (rumus target/realisasi tidak terdefinisi)"
    NEGATIVE_REALISATION = "realisasi negatif (rumus target/realisasi)"
    NOT_APPLICABLE = "tidak berlaku"
    NO_VALUES = "tidak ada nilai untuk dihitung"
    ZERO_WEIGHT = "jumlah bobot 0"
    MISSING_PAGU = "pagu belum diisi"
    ZERO_PAGU = "pagu 0"
    MISSING_BUDGET_REALISATION = "realisasi anggaran belum diisi"
    MISSING_VALUE = "nilai belum diisi"
    ZERO_DENOMINATOR = "pembagi 0"
    MISSING_CAPAIAN = "capaian kinerja tidak tersedia"
    MISSING_SERAPAN = "serapan anggaran tidak tersedia"
    ZERO_SERAPAN = "serapan 0"
    MISSING_INPUT = "komponen rumus belum diisi"
    DIVISION_BY_ZERO = "pembagian dengan 0"

    @property
    def label(self) -> str:
        """The Indonesian label, e.g. ``"realisasi belum diisi"``."""
        return self.value


@dataclass(frozen=True)
class Result:
    """A computed figure: ``value`` at full precision (never rounded), or ``None`` with a ``reason``.

    ``derivation`` is a short Indonesian working with the operands as stored and the outcome at display
    precision, e.g. ``"84,24 / 73 × 100 = 115,40 %"``. ``code`` is the machine-readable reason.
    """

    value: Decimal | None
    reason: str | None
    derivation: str
    code: Reason | None = None

    def __post_init__(self) -> None:
        if self.value is not None:
            if isinstance(self.value, float) or not isinstance(self.value, Decimal):
                raise TypeError("Result.value harus Decimal atau None")
            if self.reason is not None or self.code is not None:
                raise ValueError("Result dengan nilai tidak boleh memiliki alasan kosong")
        elif self.reason is None:
            raise ValueError("Result kosong harus memiliki alasan")

    @classmethod
    def of(cls, value: Decimal, derivation: str) -> Result:
        """A computed value."""
        return cls(value=value, reason=None, derivation=derivation)

    @classmethod
    def blank(cls, code: Reason, derivation: str = "", detail: str = "") -> Result:
        """A blank ("-") figure with its reason; ``detail`` is appended to the label."""
        reason = f"{code.label}: {detail}" if detail else code.label
        return cls(value=None, reason=reason, derivation=derivation or f"{reason} → -", code=code)

    @property
    def is_blank(self) -> bool:
        return self.value is None

    def rounded(self, places: int) -> Decimal | None:
        """The value rounded half up for display, or ``None``."""
        return None if self.value is None else quantize(self.value, places)


def _value_of(item: Result | Decimal | None, what: str) -> tuple[Decimal | None, str | None]:
    if isinstance(item, Result):
        return item.value, item.reason
    value = _num(item, what)
    return value, None if value is not None else Reason.MISSING_VALUE.label


def clamp(value: Decimal, bounds: tuple[Decimal, Decimal]) -> Decimal:
    """Limit ``value`` to ``[low, high]``; seed 002 (L720-722) caps capaian to 0-100 this way."""
    low, high = _req(bounds[0], "batas bawah"), _req(bounds[1], "batas atas")
    if low > high:
        raise CalculationError("batas bawah lebih besar dari batas atas")
    value = _req(value, "nilai")
    return min(max(value, low), high)


# ---------------------------------------------------------------------------------------------------
# 2. Capaian
# ---------------------------------------------------------------------------------------------------


class Direction(Enum):
    """Polarity of an indicator."""

    HIGHER_BETTER = "semakin tinggi semakin baik"
    LOWER_BETTER = "semakin rendah semakin baik"
    RANGE = "target berupa rentang"


class LowerFormula(Enum):
    """Capaian formula for lower-is-better indicators (a per-indicator choice, DOMAIN.md section 3)."""

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
        low, high = _req(self.lower, "batas bawah target"), _req(self.upper, "batas atas target")
        if low > high:
            raise CalculationError("target rentang: batas bawah lebih besar dari batas atas")

    def describe(self) -> str:
        return f"{format_number_id(self.lower)}–{format_number_id(self.upper)}"


def _higher(r: Decimal, t: Decimal, places: int, prefix: str = "") -> Result:
    if t < 0:
        return Result.blank(Reason.NEGATIVE_TARGET, f"{prefix}target {_n(t)} negatif: capaian tidak dihitung → -")
    if t == 0:
        code = Reason.ZERO_OVER_ZERO if r == 0 else Reason.ZERO_TARGET
        return Result.blank(code, f"{prefix}{_n(r)} / 0: capaian tidak dihitung → -")
    value = r / t * HUNDRED
    return Result.of(value, f"{prefix}{_n(r)} / {_n(t)} × 100 = {_pct(value, places)}")


def _lower(r: Decimal, t: Decimal, formula: LowerFormula, places: int, prefix: str = "") -> Result:
    if t < 0:
        return Result.blank(Reason.NEGATIVE_TARGET, f"{prefix}target {_n(t)} negatif: capaian tidak dihitung → -")
    if t == 0:
        code = Reason.ZERO_OVER_ZERO if r == 0 else Reason.ZERO_TARGET
        return Result.blank(code, f"{prefix}target 0: capaian tidak dihitung → -")
    if formula is LowerFormula.TWO_T_MINUS_R:
        raw = (2 * t - r) / t * HUNDRED
        working = f"{prefix}(2 × {_n(t)} − {_n(r)}) / {_n(t)} × 100 = {_pct(raw, places)}"
    else:
        if r == 0:
            return Result.blank(Reason.ZERO_REALISATION, f"{prefix}{_n(t)} / 0: capaian tidak dihitung → -")
        if r < 0:
            return Result.blank(Reason.NEGATIVE_REALISATION, f"{prefix}realisasi {_n(r)} negatif → -")
        raw = t / r * HUNDRED
        working = f"{prefix}{_n(t)} / {_n(r)} × 100 = {_pct(raw, places)}"
    if raw < 0:
        return Result.of(ZERO, f"{working}; di bawah 0 dibatasi menjadi {_pct(ZERO, places)}")
    return Result.of(raw, working)


@_exact
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
    return _capaian(_num(realisasi, "realisasi"), target, direction, lower_formula, _places(places))


def _capaian(
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
            return Result.of(HUNDRED, f"{_n(r)} dalam rentang {target.describe()} = {_pct(HUNDRED, places)}")
        if r > high:
            return _lower(r, high, lower_formula, places, f"{_n(r)} di atas batas atas {_n(high)}: ")
        return _higher(r, low, places, f"{_n(r)} di bawah batas bawah {_n(low)}: ")

    if direction is Direction.RANGE and target is not None:
        raise CalculationError("indikator dengan arah RANGE memerlukan RangeTarget")
    t = _num(target, "target")
    if t is None:
        return Result.blank(Reason.MISSING_TARGET)
    if r is None:
        return Result.blank(Reason.MISSING_REALISATION)
    if direction is Direction.LOWER_BETTER:
        return _lower(r, t, lower_formula, places)
    return _higher(r, t, places)


@_exact
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
    places = _places(places)
    n = _num(numerator, "pembilang")
    d = _num(denominator, "penyebut")
    if d is None:
        return Result.blank(missing_denominator)
    if n is None:
        return Result.blank(missing_numerator)
    if d == 0:
        return Result.blank(zero_denominator, f"{_n(n)} / 0: tidak dihitung → -")
    value = n / d * HUNDRED
    return Result.of(value, f"{_n(n)} / {_n(d)} × 100 = {_pct(value, places)}")


# ---------------------------------------------------------------------------------------------------
# 3. Quarters
# ---------------------------------------------------------------------------------------------------


class Aggregation(Enum):
    """How quarterly values make the value "s/d TW n" (per indicator; DOMAIN.md section 3)."""

    #: Quarterly values are per-quarter amounts (flows: documents, meetings); they are added up.
    CUMULATIVE_SUM = "jumlah kumulatif"
    #: The latest entered value (indices, percentages, stocks, or values already entered "s/d TW n").
    LATEST = "nilai terakhir"
    #: The mean of the entered values (seed 003: IKM = mean of four quarterly surveys).
    AVERAGE = "rata-rata"
    #: The highest entered value.
    MAXIMUM = "nilai tertinggi"


def _quarter_values(values_by_quarter: Mapping[int, Decimal | None], upto: int) -> tuple[list[tuple[int, Decimal]], list[int]]:
    _check_quarter(upto)
    for key in values_by_quarter:
        _check_quarter(key)
    present: list[tuple[int, Decimal]] = []
    skipped: list[int] = []
    for quarter in range(1, upto + 1):
        value = _num(values_by_quarter.get(quarter), f"nilai {_QUARTER_LABELS[quarter]}")
        if value is None:
            skipped.append(quarter)
        else:
            present.append((quarter, value))
    return present, skipped


def _skipped_note(skipped: list[int]) -> str:
    if not skipped:
        return ""
    labels = ", ".join(_QUARTER_LABELS[q] for q in skipped)
    return f"; {labels} belum diisi (dilewati)"


def _fmt(value: Decimal, places: int, percent: bool) -> str:
    return format_percent(value, places) if percent else format_decimal_id(value, places)


@_exact
def aggregate(
    values_by_quarter: Mapping[int, Decimal | None],
    upto: int,
    rule: Aggregation,
    *,
    places: int = 2,
    percent: bool = False,
) -> Result:
    """The value "s/d TW ``upto``" from quarterly values (Perpres 29/2014 quarterly measurement).

    Quarters after ``upto`` are ignored; blank quarters are skipped (blank is not zero); if every
    quarter up to ``upto`` is blank the result is blank ("realisasi belum diisi"). ``CUMULATIVE_SUM``
    adds per-quarter amounts (seed 004: Evaluasi Kinerja 4 + 2 + 2 + 2 = 10); ``LATEST`` takes the
    last entered value; ``AVERAGE`` the mean (seed 003: IKM 336,74 / 4 = 84,185); ``MAXIMUM`` the
    highest.
    """
    places = _places(places)
    present, skipped = _quarter_values(values_by_quarter, upto)
    if not present:
        return Result.blank(Reason.MISSING_REALISATION, f"tidak ada nilai s/d {_QUARTER_LABELS[upto]} → -")
    note = _skipped_note(skipped)
    terms = [f"{_QUARTER_LABELS[q]} {_n(v)}" for q, v in present]
    if rule is Aggregation.CUMULATIVE_SUM:
        value = sum((v for _, v in present), ZERO)
        working = f"{' + '.join(terms)} = {_fmt(value, places, percent)}"
    elif rule is Aggregation.LATEST:
        quarter, value = present[-1]
        working = f"nilai terakhir ({_QUARTER_LABELS[quarter]}) = {_fmt(value, places, percent)}"
    elif rule is Aggregation.AVERAGE:
        value = sum((v for _, v in present), ZERO) / len(present)
        working = f"({' + '.join(terms)}) / {len(present)} = {_fmt(value, places, percent)}"
    else:
        value = max(v for _, v in present)
        working = f"tertinggi dari {', '.join(terms)} = {_fmt(value, places, percent)}"
    return Result.of(value, working + note)


@_exact
def cumulative_targets(per_quarter: Mapping[int, Decimal | None]) -> dict[int, Decimal | None]:
    """Running totals "s/d TW n" from per-quarter targets. A blank quarter makes it and every later
    cumulative target blank (blank is not zero: enter 0 for a quarter with nothing planned)."""
    for key in per_quarter:
        _check_quarter(key)
    result: dict[int, Decimal | None] = {}
    running: Decimal | None = ZERO
    for quarter in QUARTERS:
        value = _num(per_quarter.get(quarter), f"target {_QUARTER_LABELS[quarter]}")
        running = None if running is None or value is None else running + value
        result[quarter] = running
    return result


def target_upto(quarter_targets: Sequence[Decimal | None], annual: Decimal | None, upto: int) -> Decimal | None:
    """The target an indicator is measured against "s/d TW ``upto``", the one rule every page and report
    uses: during the year (TW I-III) the cumulative TW target of the PK (blank when not entered: no
    capaian, never one against the annual target); at TW IV, the end of the year of both the TW IV
    report and the LKjIP, the annual target of the PK (PermenPANRB 53/2014: the LKjIP measures the
    Perjanjian Kinerja, so its target is the one signed; a TW IV target that differs is a warning of
    :func:`check_consistency`, TARGET_TW4_BEDA_TAHUNAN), or the TW IV target when no annual target is
    entered. ``quarter_targets`` are the four cumulative targets in the indicator's unit."""
    _check_quarter(upto)
    if len(quarter_targets) != len(QUARTERS):
        raise CalculationError("target triwulan harus empat nilai (TW I s/d TW IV)")
    tw = _num(quarter_targets[upto - 1], f"target {_QUARTER_LABELS[upto]}")
    if upto < QUARTERS[-1]:
        return tw
    year = _num(annual, "target tahunan")
    return year if year is not None else tw


@_exact
def targets_from_percent(annual: Decimal, percents: Mapping[int, Decimal | None]) -> dict[int, Decimal | None]:
    """Cumulative TW targets stored as percent of the annual target (seed 002 PK: 52,08 / 70,83 /
    85,42 / 100 %) turned into target values: ``annual x percent / 100``."""
    total = _req(annual, "target tahunan")
    result: dict[int, Decimal | None] = {}
    for quarter in QUARTERS:
        p = _num(percents.get(quarter), f"persen {_QUARTER_LABELS[quarter]}")
        result[quarter] = None if p is None else total * p / HUNDRED
    for key in percents:
        _check_quarter(key)
    return result


@_exact
def validate_cumulative_targets(targets: Mapping[int, Decimal | None], annual: Decimal | None = None) -> list[str]:
    """Check cumulative ("s/d TW n") quarterly targets: never decreasing from one quarter to the next,
    and the TW IV target equal to the annual target when both are given (seed 002 PK: TW IV = 100 %).
    Returns Indonesian messages; empty means valid."""
    messages: list[str] = []
    for key in targets:
        if isinstance(key, bool) or not isinstance(key, int) or key not in _QUARTER_LABELS:
            messages.append(f"Triwulan «{key}» tidak dikenal: gunakan 1 s/d 4.")
    previous: tuple[int, Decimal] | None = None
    for quarter in QUARTERS:
        value = _num(targets.get(quarter), f"target {_QUARTER_LABELS[quarter]}")
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            messages.append(
                f"Target {_QUARTER_LABELS[quarter]} ({format_number_id(value)}) lebih kecil dari target "
                f"{_QUARTER_LABELS[previous[0]]} ({format_number_id(previous[1])}): target triwulan harus kumulatif (s/d TW)."
            )
        previous = (quarter, value)
    total = _num(annual, "target tahunan")
    last = _num(targets.get(4), "target TW IV")
    if total is not None and last is not None and last != total:
        messages.append(f"Target TW IV ({format_number_id(last)}) tidak sama dengan target tahunan ({format_number_id(total)}).")
    return messages


# ---------------------------------------------------------------------------------------------------
# 4. Roll-ups
# ---------------------------------------------------------------------------------------------------

RollupValue = Result | Decimal | None
RollupItem = tuple[RollupValue, Decimal] | RollupValue


@_exact
def rollup(
    items: Sequence[RollupItem],
    *,
    weighted: bool = False,
    clamp: tuple[Decimal, Decimal] | None = None,
    places: int = 2,
    percent: bool = True,
) -> Result:
    """Mean of capaian values: sasaran from its indicators, program from its kegiatan, organisation
    from its sasaran (PermenPANRB 53/2014; seed 002 L707 "capaian rata-rata atas capaian indikator").

    ``items`` are values (``Result``, ``Decimal`` or ``None``) or ``(value, weight)`` pairs. Blank values
    are excluded and counted in the derivation. ``weighted=True`` gives ``sum(w x v) / sum(w)``
    (weights >= 0; their sum 0 gives a blank); otherwise weights are ignored. ``clamp=(0, 100)``
    limits every value before averaging (a setting: seed 002 clamps before applying its scale, seed 004
    does not clamp at all). The mean always lies between the smallest and largest value used.
    """
    places = _places(places)
    bounds: tuple[Decimal, Decimal] | None = None
    if clamp is not None:
        bounds = (_req(clamp[0], "batas bawah"), _req(clamp[1], "batas atas"))
        if bounds[0] > bounds[1]:
            raise CalculationError("batas bawah lebih besar dari batas atas")
    used: list[tuple[Decimal, Decimal]] = []
    excluded: list[str] = []
    clamped: list[str] = []
    for index, item in enumerate(items, start=1):
        if isinstance(item, tuple):
            raw, weight = item
            w = _req(weight, f"bobot butir {index}")
            if w < 0:
                raise CalculationError(f"bobot butir {index} negatif")
        else:
            raw, w = item, Decimal(1)
        value, reason = _value_of(raw, f"nilai butir {index}")
        if value is None:
            excluded.append(reason or Reason.MISSING_VALUE.label)
            continue
        if bounds is not None:
            limited = min(max(value, bounds[0]), bounds[1])
            if limited != value:
                clamped.append(f"{_fmt(value, places, percent)} → {_fmt(limited, places, percent)}")
            value = limited
        used.append((value, w))

    notes = ""
    if clamped and bounds is not None:
        notes += f"; dibatasi ke {format_number_id(bounds[0])}–{format_number_id(bounds[1])} sebelum dirata-rata: {', '.join(clamped)}"
    if excluded:
        kinds = sorted(set(excluded))
        notes += f"; {len(excluded)} nilai kosong tidak dihitung ({', '.join(kinds)})"
    if not used:
        return Result.blank(Reason.NO_VALUES, f"tidak ada nilai untuk dirata-rata{notes} → -")

    lowest = min(v for v, _ in used)
    highest = max(v for v, _ in used)
    if weighted:
        total_weight = sum((w for _, w in used), ZERO)
        if total_weight == 0:
            return Result.blank(Reason.ZERO_WEIGHT, f"jumlah bobot 0{notes} → -")
        mean = sum((w * v for v, w in used), ZERO) / total_weight
        terms = " + ".join(f"{_n(w)} × {_fmt(v, places, False)}" for v, w in used)
        working = f"({terms}) / {format_number_id(total_weight)} = {_fmt(mean, places, percent)}"
    else:
        mean = sum((v for v, _ in used), ZERO) / len(used)
        terms = " + ".join(_fmt(v, places, False) for v, _ in used)
        working = f"({terms}) / {len(used)} = {_fmt(mean, places, percent)}"
    mean = min(max(mean, lowest), highest)
    return Result.of(mean, working + notes)


# ---------------------------------------------------------------------------------------------------
# 5. Budget
# ---------------------------------------------------------------------------------------------------


@_exact
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


@_exact
def sisa_anggaran(pagu: Decimal | None, realisasi: Decimal | None) -> Result:
    """Sisa anggaran (SiLPA of the line) = pagu - realisasi (seed 002: 184.843.101)."""
    p = _num(pagu, "pagu")
    r = _num(realisasi, "realisasi anggaran")
    if p is None:
        return Result.blank(Reason.MISSING_PAGU)
    if r is None:
        return Result.blank(Reason.MISSING_BUDGET_REALISATION)
    value = p - r
    return Result.of(value, f"{format_number_id(p)} − {format_number_id(r)} = {format_decimal_id(value, 0)}")


class EfficiencyForm(Enum):
    """The two efisiensi forms in use; both are offered and labelled (DOMAIN.md section 4)."""

    #: ``capaian - serapan`` in percentage points (seeds 002, 003: 103,2 - 94,19 = 9,01).
    DIFFERENCE = "selisih capaian kinerja − serapan anggaran (poin persen)"
    #: ``capaian / serapan x 100`` (the kept-aside report).
    RATIO = "rasio capaian kinerja / serapan anggaran × 100"


@_exact
def efisiensi(
    capaian_kinerja: Result | Decimal | None,
    serapan_anggaran: Result | Decimal | None,
    *,
    form: EfficiencyForm = EfficiencyForm.DIFFERENCE,
    places: int = 2,
    operand_places: tuple[int, int] | None = None,
) -> Result:
    """Efisiensi penggunaan sumber daya (PermenPANRB 53/2014, LKjIP BAB III A.6).

    ``DIFFERENCE``: capaian - serapan, in percentage points. ``RATIO``: capaian / serapan x 100
    (serapan 0 gives a blank). By default the full-precision operands are used (round once, at the
    end). ``operand_places=(1, 2)`` first rounds capaian and serapan to the printed precision, which is
    what seeds 002 and 003 do (103,2 - 94,19 = 9,01, while the exact figures give 9,05).
    """
    places = _places(places)
    c, c_reason = _value_of(capaian_kinerja, "capaian")
    s, s_reason = _value_of(serapan_anggaran, "serapan")
    if c is None:
        return Result.blank(Reason.MISSING_CAPAIAN, detail=c_reason or "")
    if s is None:
        return Result.blank(Reason.MISSING_SERAPAN, detail=s_reason or "")
    prefix = ""
    if operand_places is not None:
        cp, sp = _places(operand_places[0]), _places(operand_places[1])
        c, s = quantize(c, cp), quantize(s, sp)
        prefix = "angka tercetak: "
    if form is EfficiencyForm.DIFFERENCE:
        value = c - s
        return Result.of(value, f"{prefix}{_n(c)} − {_n(s)} = {format_decimal_id(value, places)} poin persen")
    if s == 0:
        return Result.blank(Reason.ZERO_SERAPAN, f"{prefix}{_n(c)} / 0: tidak dihitung → -")
    value = c / s * HUNDRED
    return Result.of(value, f"{prefix}{_n(c)} / {_n(s)} × 100 = {_pct(value, places)}")


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
    leaves (DOMAIN.md section 2: program and kegiatan totals are sums, checked). A program serving
    several sasaran must be attached to one of them; the tree holds each line once.
    """

    code: str
    name: str
    level: BudgetLevel
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    children: tuple[BudgetNode, ...] = ()

    def __post_init__(self) -> None:
        _num(self.pagu, f"pagu {self.code}")
        _num(self.realisasi, f"realisasi {self.code}")
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
        with localcontext(_CTX):
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
        with localcontext(_CTX):
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


# ---------------------------------------------------------------------------------------------------
# 6. Predikat scales
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """One band of a predikat scale. ``None`` bounds are open (minus or plus infinity); the
    inclusive flag of an open bound is ignored."""

    lower: Decimal | None
    upper: Decimal | None
    lower_inclusive: bool
    upper_inclusive: bool
    label: str
    code: str
    colour: str

    def contains(self, value: Decimal) -> bool:
        if self.lower is not None and (value < self.lower or (value == self.lower and not self.lower_inclusive)):
            return False
        return not (self.upper is not None and (value > self.upper or (value == self.upper and not self.upper_inclusive)))

    def describe(self) -> str:
        """E.g. ``"> 90 dan ≤ 100"``, ``"≥ 100"``, ``"< 40"``, ``"semua nilai"``."""
        parts = []
        if self.lower is not None:
            parts.append(f"{'≥' if self.lower_inclusive else '>'} {format_number_id(self.lower)}")
        if self.upper is not None:
            parts.append(f"{'≤' if self.upper_inclusive else '<'} {format_number_id(self.upper)}")
        return " dan ".join(parts) if parts else "semua nilai"


@dataclass(frozen=True)
class Scale:
    """A predikat scale: data, never code (DOMAIN.md section 5).

    ``use`` says what it grades ("capaian", "nilai AKIP", "efisiensi"...). ``clamp``, when set, limits
    a value before it is categorised (seed 002 L720-722: above 100 counts as 100, below 0 as 0); only
    that interval must then be covered. ``source`` cites the document or regulation.
    """

    name: str
    use: str
    bands: tuple[Band, ...]
    clamp: tuple[Decimal, Decimal] | None = None
    source: str = ""


def _lower_key(band: Band) -> tuple[int, Decimal, int]:
    if band.lower is None:
        return (0, ZERO, 0)
    return (1, band.lower, 0 if band.lower_inclusive else 1)


def _band_is_empty(band: Band) -> bool:
    if band.lower is None or band.upper is None:
        return False
    if band.lower > band.upper:
        return True
    return band.lower == band.upper and not (band.lower_inclusive and band.upper_inclusive)


@dataclass
class _Span:
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool


def _reaches(span: _Span, band: Band) -> bool:
    """Whether ``band`` (sorted after ``span``) touches or overlaps ``span`` with no gap between."""
    if span.upper is None or band.lower is None:
        return True
    if band.lower < span.upper:
        return True
    return band.lower == span.upper and (band.lower_inclusive or span.upper_inclusive)


def _overlap(a: Band, b: Band) -> tuple[Decimal | None, Decimal | None] | None:
    """The common part of two bands as (low, high), or None when they do not overlap."""
    lows = [(x.lower, x.lower_inclusive) for x in (a, b) if x.lower is not None]
    highs = [(x.upper, x.upper_inclusive) for x in (a, b) if x.upper is not None]
    low: tuple[Decimal, bool] | None = None
    for value, inclusive in lows:
        if low is None or value > low[0] or (value == low[0] and not inclusive):
            low = (value, inclusive)
    high: tuple[Decimal, bool] | None = None
    for value, inclusive in highs:
        if high is None or value < high[0] or (value == high[0] and not inclusive):
            high = (value, inclusive)
    if low is not None and high is not None:
        if low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1])):
            return None
    return (low[0] if low else None, high[0] if high else None)


def validate_scale(scale: Scale) -> list[str]:
    """Indonesian messages for everything wrong with a scale; an empty list means it is usable.

    Checks: no bands; a band with a bound that is not a Decimal, with lower > upper, or empty; a
    repeated code; two bands overlapping (a value would get two predikat); a gap between bands; values
    above the highest band (e.g. capaian above 100) or below the lowest (negative values) not covered,
    unless the scale clamps them.
    """
    messages: list[str] = []
    if not scale.bands:
        return [f"Skala «{scale.name}» belum memiliki rentang nilai."]
    good: list[Band] = []
    for band in scale.bands:
        bad_type = False
        for bound in (band.lower, band.upper):
            if bound is not None and (not isinstance(bound, Decimal) or not bound.is_finite()):
                messages.append(f"Rentang «{band.label}»: batas harus angka Decimal yang terhingga.")
                bad_type = True
        if bad_type:
            continue
        if band.lower is not None and band.upper is not None and band.lower > band.upper:
            messages.append(
                f"Rentang «{band.label}»: batas bawah {format_number_id(band.lower)} lebih besar "
                f"dari batas atas {format_number_id(band.upper)}."
            )
        elif _band_is_empty(band):
            messages.append(f"Rentang «{band.label}» kosong: tidak ada nilai yang masuk ({band.describe()}).")
        else:
            good.append(band)
    codes = [band.code for band in scale.bands]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        messages.append(f"Kode «{code}» dipakai lebih dari satu rentang.")

    for i, first in enumerate(good):
        for second in good[i + 1 :]:
            common = _overlap(first, second)
            if common is None:
                continue
            low, high = common
            if low is not None and low == high:
                where = f"nilai {format_number_id(low)} masuk ke keduanya"
            elif low is None and high is None:
                where = "semua nilai masuk ke keduanya"
            else:
                where = f"nilai {_describe_interval(low, high)} masuk ke keduanya"
            messages.append(f"Rentang «{first.label}» dan «{second.label}» tumpang tindih: {where}.")

    if scale.clamp is not None:
        if not (isinstance(scale.clamp[0], Decimal) and isinstance(scale.clamp[1], Decimal)) or scale.clamp[0] > scale.clamp[1]:
            messages.append("Batas pembatasan (clamp) skala tidak sah.")
            return messages

    spans: list[_Span] = []
    for band in sorted(good, key=_lower_key):
        if spans and _reaches(spans[-1], band):
            span = spans[-1]
            if span.upper is not None and (
                band.upper is None or band.upper > span.upper or (band.upper == span.upper and band.upper_inclusive)
            ):
                span.upper, span.upper_inclusive = band.upper, band.upper_inclusive
        else:
            spans.append(_Span(band.lower, band.lower_inclusive, band.upper, band.upper_inclusive))
    if not spans:
        return messages

    domain_low = scale.clamp[0] if scale.clamp else None
    domain_high = scale.clamp[1] if scale.clamp else None

    first_span, last_span = spans[0], spans[-1]
    if first_span.lower is not None:
        if domain_low is None:
            where = f"di bawah {format_number_id(first_span.lower)}"
            if not first_span.lower_inclusive:
                where = f"{format_number_id(first_span.lower)} ke bawah"
            if first_span.lower > 0:
                messages.append(f"Nilai {where} (termasuk nilai negatif) tidak masuk rentang mana pun.")
            elif first_span.lower == 0:
                messages.append(f"Nilai negatif ({where}) tidak masuk rentang mana pun: tentukan rentangnya atau batasi nilainya.")
            else:
                messages.append(f"Nilai {where} tidak masuk rentang mana pun.")
        elif first_span.lower > domain_low or (first_span.lower == domain_low and not first_span.lower_inclusive):
            messages.append(f"Nilai {_describe_interval(domain_low, first_span.lower)} tidak masuk rentang mana pun.")
    for before, after in zip(spans, spans[1:], strict=False):
        gap_low, gap_high = before.upper, after.lower
        if gap_low is None or gap_high is None:
            continue
        if domain_high is not None and gap_low >= domain_high and not (gap_low == domain_high and not before.upper_inclusive):
            continue
        if domain_low is not None and gap_high <= domain_low and not (gap_high == domain_low and not after.lower_inclusive):
            continue
        if gap_low == gap_high:
            messages.append(f"Nilai {format_number_id(gap_low)} tidak masuk rentang mana pun (celah antara rentang).")
        else:
            messages.append(f"Nilai {_describe_interval(gap_low, gap_high)} tidak masuk rentang mana pun (celah antara rentang).")
    if last_span.upper is not None:
        if domain_high is None:
            where = f"di atas {format_number_id(last_span.upper)}"
            if not last_span.upper_inclusive:
                where = f"{format_number_id(last_span.upper)} ke atas"
            if last_span.upper < HUNDRED:
                messages.append(f"Nilai {where} (termasuk capaian di atas 100) tidak masuk rentang mana pun.")
            elif last_span.upper == HUNDRED:
                messages.append(f"Capaian {where} tidak masuk rentang mana pun: tentukan rentangnya atau batasi nilainya ke 100.")
            else:
                messages.append(f"Nilai {where} tidak masuk rentang mana pun.")
        elif last_span.upper < domain_high or (last_span.upper == domain_high and not last_span.upper_inclusive):
            messages.append(f"Nilai {_describe_interval(last_span.upper, domain_high)} tidak masuk rentang mana pun.")
    return messages


def _describe_interval(low: Decimal | None, high: Decimal | None) -> str:
    if low is None and high is not None:
        return f"di bawah {format_number_id(high)}"
    if high is None and low is not None:
        return f"di atas {format_number_id(low)}"
    return f"antara {format_number_id(low)} dan {format_number_id(high)}"


def categorise(scale: Scale, value: Result | Decimal | None, *, places: int | None = None) -> Band | None:
    """The band of ``scale`` containing ``value`` (first match in the scale's order), or ``None`` for a
    blank value. ``places``, when given, categorises the value as displayed (rounded half up), so that a
    printed "100,00" never gets the label of "below 100"; by default the exact value is used. The
    scale's ``clamp`` is applied first (seed 002: 104,23 % counts as 100 → AA)."""
    if isinstance(value, Result):
        number = value.value
    elif value is None:
        number = None
    else:
        if isinstance(value, float) or not isinstance(value, Decimal):
            raise TypeError("nilai harus Decimal, Result atau None")
        if not value.is_finite():
            raise CalculationError("nilai: NaN atau tak hingga tidak diterima")
        number = value  # any finite Decimal can be compared, however large
    if number is None:
        return None
    if places is not None:
        number = quantize(number, _places(places))
    if scale.clamp is not None:
        number = min(max(number, scale.clamp[0]), scale.clamp[1])
    for band in scale.bands:
        if band.contains(number):
            return band
    return None


# ---------------------------------------------------------------------------------------------------
# 7. Composite indicators
# ---------------------------------------------------------------------------------------------------

MAX_FORMULA_LENGTH = 500
_NUMBER_TOKEN = re.compile(r"\d[\d.,]*")
_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_OPERATORS = {"+": "+", "-": "-", "\u2212": "-", "\u2013": "-", "*": "*", "\u00d7": "*", "\u00b7": "*", "/": "/", "\u00f7": "/", ":": "/"}
_PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
_SYMBOLS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "/"}


def _translate(formula: str) -> tuple[str, dict[str, Decimal], list[str]]:
    """Turn the formula text into a Python expression whose numbers are placeholder names, so that no
    float literal is ever parsed. Returns the expression, the placeholder values and the names."""
    if not isinstance(formula, str):
        raise TypeError("rumus harus teks")
    if not formula.strip():
        raise FormulaError("Rumus kosong.")
    if len(formula) > MAX_FORMULA_LENGTH:
        raise FormulaError(f"Rumus terlalu panjang (lebih dari {MAX_FORMULA_LENGTH} karakter).")
    out: list[str] = []
    numbers: dict[str, Decimal] = {}
    names: list[str] = []
    i = 0
    while i < len(formula):
        ch = formula[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            out.append(ch)
            i += 1
            continue
        if ch in _OPERATORS:
            out.append(_OPERATORS[ch])
            i += 1
            continue
        number = _NUMBER_TOKEN.match(formula, i)
        if number:
            token = number.group().rstrip(".,")
            try:
                value = parse_decimal_id(token)
            except NumberParseError as exc:
                raise FormulaError(f"Angka «{token}» dalam rumus tidak sah: {exc}") from exc
            placeholder = f"n{len(numbers)}_"
            numbers[placeholder] = value
            out.append(f"_{placeholder}")
            i += len(token)
            continue
        name = _NAME_TOKEN.match(formula, i)
        if name:
            names.append(name.group())
            out.append(name.group())
            i = name.end()
            continue
        raise FormulaError(f"Karakter «{ch}» tidak diizinkan dalam rumus; gunakan angka, nama, + − × / dan kurung.")
    return " ".join(out), numbers, names


def _parse_formula(formula: str) -> tuple[ast.expr, dict[str, Decimal]]:
    """The formula's expression tree (never mutated by its readers) and its numbers (a fresh dict each
    call). Parsed once per text: a pemda overview evaluates each kecamatan's composite every quarter."""
    if not isinstance(formula, str):
        raise TypeError("rumus harus teks")
    body, numbers = _parse_formula_text(formula)
    return body, dict(numbers)


@functools.lru_cache(maxsize=512)
def _parse_formula_text(formula: str) -> tuple[ast.expr, dict[str, Decimal]]:
    expression, numbers, _ = _translate(formula)
    try:
        tree = ast.parse(expression, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(f"Rumus «{formula}» tidak dapat dibaca: periksa operator dan kurung.") from exc
    for node in ast.walk(tree):
        if isinstance(node, ast.Expression | ast.BinOp | ast.UnaryOp | ast.Name | ast.Load):
            continue
        if isinstance(node, ast.Add | ast.Sub | ast.Mult | ast.Div | ast.USub | ast.UAdd):
            continue
        raise FormulaError(f"Rumus «{formula}» memuat unsur yang tidak diizinkan; hanya angka, nama, + − × / dan kurung.")
    return tree.body, {f"_{k}": v for k, v in numbers.items()}


def formula_names(formula: str) -> frozenset[str]:
    """The variable names a formula uses (raises :class:`FormulaError` when it is invalid)."""
    body, numbers = _parse_formula(formula)
    return frozenset(n.id for n in ast.walk(body) if isinstance(n, ast.Name) and n.id not in numbers)


class _DivisionByZero(Exception):
    pass


def _evaluate(node: ast.expr, env: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, env)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, env)
        right = _evaluate(node.right, env)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise _DivisionByZero
        return left / right
    raise FormulaError("unsur rumus tidak dikenal")  # pragma: no cover - excluded by _parse_formula


def _render(node: ast.expr, env: Mapping[str, Decimal], parent: int = 0, right_side: bool = False) -> str:
    if isinstance(node, ast.Name):
        return _n(env[node.id])
    if isinstance(node, ast.UnaryOp):
        inner = _render(node.operand, env, 3)
        return f"−{inner}" if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        precedence = _PRECEDENCE[type(node.op)]
        text = f"{_render(node.left, env, precedence)} {_SYMBOLS[type(node.op)]} {_render(node.right, env, precedence, right_side=True)}"
        if precedence < parent or (precedence == parent and right_side):
            return f"({text})"
        return text
    raise FormulaError("unsur rumus tidak dikenal")  # pragma: no cover


@_exact
def evaluate_formula(formula: str, values: Mapping[str, Decimal | None], *, places: int = 2) -> Result:
    """Evaluate a composite-indicator formula with Decimal arithmetic.

    Allowed: numbers (Indonesian style, "2,5" or "1.000"; the rules of ``parse_decimal_id``), names of
    components (a letter, then letters, digits or "_"), ``+ - × / ÷ *`` and parentheses. Anything else
    raises :class:`FormulaError`. A blank or unknown component gives a blank result naming it; a
    division by zero gives a blank result. Seed 002's IKPP (PermenPANRB 14/2017 IKM, 17/2017 IPP):
    ``((IKM/25 × 2,5) + (IPP × 2)) / 2`` with IKM 93,53 and IPP 3,45 is 8,1265 → 8,13.
    """
    places = _places(places)
    body, numbers = _parse_formula(formula)
    name_nodes = sorted((n for n in ast.walk(body) if isinstance(n, ast.Name)), key=lambda n: n.col_offset)
    used = [n.id for n in name_nodes if n.id not in numbers]
    env: dict[str, Decimal] = dict(numbers)
    missing: list[str] = []
    for name in dict.fromkeys(used):
        value = _num(values.get(name), f"komponen {name}")
        if value is None:
            missing.append(name)
        else:
            env[name] = value
    if missing:
        return Result.blank(Reason.MISSING_INPUT, f"{formula}: {', '.join(missing)} belum diisi → -", ", ".join(missing))
    shown = _render(body, env)
    try:
        value = _evaluate(body, env)
    except _DivisionByZero:
        return Result.blank(Reason.DIVISION_BY_ZERO, f"{shown}: pembagian dengan 0 → -")
    return Result.of(value, f"{shown} = {format_decimal_id(value, places)}")


# ---------------------------------------------------------------------------------------------------
# 8. Projection and early warning
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRule:
    """How an indicator is measured: polarity, lower-is-better formula, quarterly aggregation, and the
    display precision of its capaian."""

    direction: Direction = Direction.HIGHER_BETTER
    lower_formula: LowerFormula = LowerFormula.TWO_T_MINUS_R
    aggregation: Aggregation = Aggregation.LATEST
    places: int = 2


@dataclass(frozen=True)
class Projection:
    """Projected year-end realisation and capaian, with the early-warning flag."""

    value: Result
    capaian: Result
    early_warning: bool
    message: str


@_exact
def indicator_capaian(
    realisations: Mapping[int, Decimal | None],
    upto: int,
    target: Decimal | RangeTarget | None,
    rule: IndicatorRule = IndicatorRule(),  # noqa: B008 - frozen, immutable default
) -> Result:
    """Capaian "s/d TW ``upto``": aggregate the quarters by the indicator's rule, then :func:`capaian`."""
    realised = aggregate(realisations, upto, rule.aggregation, places=rule.places)
    return _capaian(realised.value, target, rule.direction, rule.lower_formula, _places(rule.places))


@_exact
def project_year_end(
    values_by_quarter: Mapping[int, Decimal | None],
    upto: int,
    target: Decimal | RangeTarget | None,
    rule: IndicatorRule = IndicatorRule(),  # noqa: B008 - frozen, immutable default
) -> Projection:
    """Year-end projection from the quarters so far, by the indicator's aggregation rule.

    * ``CUMULATIVE_SUM``: linear extrapolation ``sum / n x 4``, ``n`` being the number of quarters up
      to ``upto`` that have a value (blank quarters are not zero and are not counted).
    * ``LATEST``: the latest value; ``AVERAGE``: the average; ``MAXIMUM``: the maximum so far.

    At ``upto=4`` the projection is the actual value. ``early_warning`` is true when the projected
    capaian is computable and below 100 % (the Perpres 29/2014 quarterly monitoring purpose).
    """
    places = _places(rule.places)
    so_far = aggregate(values_by_quarter, upto, rule.aggregation, places=places)
    if so_far.value is None:
        value = so_far
    elif rule.aggregation is Aggregation.CUMULATIVE_SUM and upto < 4:
        present, _ = _quarter_values(values_by_quarter, upto)
        n = len(present)
        projected = so_far.value / n * 4
        value = Result.of(
            projected,
            f"{so_far.derivation}; proyeksi {format_decimal_id(so_far.value, places)} / {n} × 4 = {format_decimal_id(projected, places)}",
        )
    else:
        value = Result.of(so_far.value, f"{so_far.derivation}; proyeksi akhir tahun = {format_decimal_id(so_far.value, places)}")
    projected_capaian = _capaian(value.value, target, rule.direction, rule.lower_formula, places)
    warning = projected_capaian.value is not None and projected_capaian.value < HUNDRED
    if projected_capaian.value is None:
        message = f"Proyeksi capaian tidak dapat dihitung ({projected_capaian.reason})."
    elif warning:
        message = f"Peringatan dini: proyeksi capaian akhir tahun {_pct(projected_capaian.value, places)} di bawah 100 %."
    else:
        message = f"Proyeksi capaian akhir tahun {_pct(projected_capaian.value, places)}: sesuai jalur."
    return Projection(value=value, capaian=projected_capaian, early_warning=warning, message=message)


# ---------------------------------------------------------------------------------------------------
# 9. Consistency check before submission
# ---------------------------------------------------------------------------------------------------


class Severity(Enum):
    """ERROR: a contradiction or missing figure to fix before submitting. WARNING: to review."""

    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True)
class Finding:
    """One item of the pre-submission check; ``subject`` names the indicator or budget line."""

    code: str
    severity: Severity
    message: str
    subject: str


@dataclass(frozen=True)
class IndicatorYear:
    """An indicator's figures for one year, as the report would print them.

    ``target`` is the annual target used by the report; ``pk_target`` the one in the signed PK;
    ``renstra_target`` the Renstra's target for that year. ``tw_targets`` are cumulative ("s/d TW n")
    quarterly targets; ``realisations`` are per quarter, aggregated by ``rule.aggregation``.
    """

    code: str
    name: str
    target: Decimal | None
    rule: IndicatorRule = IndicatorRule()  # noqa: B008 - frozen, immutable default
    pk_target: Decimal | None = None
    renstra_target: Decimal | None = None
    tw_targets: Mapping[int, Decimal | None] = field(default_factory=dict)
    realisations: Mapping[int, Decimal | None] = field(default_factory=dict)
    faktor_penghambat: str = ""
    solusi: str = ""


@dataclass(frozen=True)
class PkBudget:
    """A program's budget as written in the PK (to compare with the DPA line of the same code)."""

    program_code: str
    name: str
    amount: Decimal | None


@dataclass(frozen=True)
class OrgYearInput:
    """Everything :func:`check_consistency` needs for one kecamatan and year, up to quarter ``upto``.

    ``budget`` holds the DPA tree(s) (:class:`BudgetNode`, program codes must match the PK's);
    ``pk_budgets`` the PK's program budgets and ``pk_budget_total`` the total printed in the PK.
    """

    organisation: str
    year: int
    upto: int = 4
    indicators: tuple[IndicatorYear, ...] = ()
    budget: tuple[BudgetNode, ...] = ()
    pk_budgets: tuple[PkBudget, ...] = ()
    pk_budget_total: Decimal | None = None


def _rp(value: Decimal) -> str:
    return "Rp " + format_decimal_id(value, 0) if value == value.to_integral_value() else "Rp " + format_number_id(value)


@_exact
def check_consistency(data: OrgYearInput) -> list[Finding]:
    """List what is missing or contradictory before a report is submitted (DOMAIN.md section 9;
    PermenPANRB 53/2014 requires target, realisasi, capaian and the analysis of causes and solutions).

    Findings (code, severity):

    * ``TARGET_KOSONG`` (error): indicator without an annual target.
    * ``REALISASI_KOSONG`` (error): indicator without any realisation up to ``upto``.
    * ``TARGET_BEDA_PK`` (error): the report's target differs from the PK's.
    * ``PK_BEDA_RENSTRA`` (warning): the PK target differs from the Renstra target for the year.
    * ``TARGET_TW_TIDAK_KUMULATIF`` (error): cumulative TW targets decrease, for indicators whose
      targets accumulate (sums, and higher-is-better latest or maximum values).
    * ``TARGET_TW4_BEDA_TAHUNAN`` (warning): the TW IV target differs from the annual target.
    * ``TANPA_FAKTOR_PENGHAMBAT`` / ``TANPA_SOLUSI`` (warning): capaian below 100 % (against the TW
      target, or the annual target at TW IV) with no faktor penghambat / solusi written.
    * ``ANGGARAN_KOSONG`` (error): a budget leaf without pagu.
    * ``ANGGARAN_TIDAK_SAMA`` (error): a stated parent total that is not the sum of its rows.
    * ``REALISASI_MELEBIHI_PAGU`` (error): realisasi anggaran above pagu.
    * ``PK_ANGGARAN_BEDA_DPA`` (warning): a PK program budget that differs from the DPA (PK perubahan needed).
    * ``PK_PROGRAM_TIDAK_ADA`` (error): a PK program with no DPA line of that code.
    * ``PK_TOTAL_TIDAK_SAMA`` (error): the PK's printed total differs from the sum of its programs.
    """
    upto = _check_quarter(data.upto)
    findings: list[Finding] = []

    def add(code: str, severity: Severity, message: str, subject: str) -> None:
        findings.append(Finding(code, severity, message, subject))

    for indicator in data.indicators:
        subject = f"{indicator.code} {indicator.name}".strip()
        rule = indicator.rule
        target = _num(indicator.target, f"target {indicator.code}")
        pk = _num(indicator.pk_target, f"target PK {indicator.code}")
        renstra = _num(indicator.renstra_target, f"target Renstra {indicator.code}")
        if target is None:
            add("TARGET_KOSONG", Severity.ERROR, f"Indikator «{indicator.name}» belum memiliki target tahunan.", subject)
        realised = aggregate(indicator.realisations, upto, rule.aggregation, places=rule.places)
        if realised.value is None:
            add(
                "REALISASI_KOSONG",
                Severity.ERROR,
                f"Indikator «{indicator.name}» belum memiliki realisasi s/d {_QUARTER_LABELS[upto]}.",
                subject,
            )
        if target is not None and pk is not None and target != pk:
            add(
                "TARGET_BEDA_PK",
                Severity.ERROR,
                f"Target «{indicator.name}» dalam laporan ({format_number_id(target)}) berbeda dengan target PK ({format_number_id(pk)}).",
                subject,
            )
        if pk is not None and renstra is not None and pk != renstra:
            add(
                "PK_BEDA_RENSTRA",
                Severity.WARNING,
                f"Target PK «{indicator.name}» ({format_number_id(pk)}) berbeda dengan target Renstra tahun {data.year} "
                f"({format_number_id(renstra)}).",
                subject,
            )
        accumulates = rule.aggregation is Aggregation.CUMULATIVE_SUM or (
            rule.direction is Direction.HIGHER_BETTER and rule.aggregation in (Aggregation.LATEST, Aggregation.MAXIMUM)
        )
        if accumulates:
            for message in validate_cumulative_targets(indicator.tw_targets):
                add("TARGET_TW_TIDAK_KUMULATIF", Severity.ERROR, f"«{indicator.name}»: {message}", subject)
        tw4 = _num(indicator.tw_targets.get(4), f"target TW IV {indicator.code}")
        annual = target if target is not None else pk
        if tw4 is not None and annual is not None and tw4 != annual and rule.aggregation is not Aggregation.AVERAGE:
            add(
                "TARGET_TW4_BEDA_TAHUNAN",
                Severity.WARNING,
                f"Target TW IV «{indicator.name}» ({format_number_id(tw4)}) tidak sama dengan target tahunan ({format_number_id(annual)}).",
                subject,
            )
        period_target = target_upto([indicator.tw_targets.get(q) for q in QUARTERS], target, upto)
        if realised.value is not None and period_target is not None:
            achieved = _capaian(realised.value, period_target, rule.direction, rule.lower_formula, _places(rule.places))
            if achieved.value is not None and achieved.value < HUNDRED:
                shown = format_percent(achieved.value, rule.places)
                if not indicator.faktor_penghambat.strip():
                    add(
                        "TANPA_FAKTOR_PENGHAMBAT",
                        Severity.WARNING,
                        f"Capaian «{indicator.name}» {shown} di bawah target, tetapi faktor penghambat belum diisi.",
                        subject,
                    )
                if not indicator.solusi.strip():
                    add(
                        "TANPA_SOLUSI",
                        Severity.WARNING,
                        f"Capaian «{indicator.name}» {shown} di bawah target, tetapi solusi/upaya belum diisi.",
                        subject,
                    )

    for root in data.budget:
        for _, node in root.walk():
            subject = f"{node.code} {node.name}".strip()
            if node.is_leaf and node.pagu is None:
                add("ANGGARAN_KOSONG", Severity.ERROR, f"Pagu «{node.name}» belum diisi.", subject)
            pagu, realisasi = node.shown_pagu(), node.shown_realisasi()
            if pagu is not None and realisasi is not None and realisasi > pagu:
                add(
                    "REALISASI_MELEBIHI_PAGU",
                    Severity.ERROR,
                    f"Realisasi anggaran «{node.name}» ({_rp(realisasi)}) melebihi pagu ({_rp(pagu)}).",
                    subject,
                )
        for mismatch in root.mismatches():
            add(
                "ANGGARAN_TIDAK_SAMA",
                Severity.ERROR,
                f"{mismatch.field.capitalize()} «{mismatch.name}» tertulis {_rp(mismatch.stated)}, "
                f"jumlah rinciannya {_rp(mismatch.computed)} (selisih {_rp(mismatch.difference)}).",
                f"{mismatch.code} {mismatch.name}".strip(),
            )

    pk_amounts: list[Decimal] = []
    for item in data.pk_budgets:
        subject = f"{item.program_code} {item.name}".strip()
        amount = _num(item.amount, f"anggaran PK {item.program_code}")
        if amount is not None:
            pk_amounts.append(amount)
        dpa_node = next((n for root in data.budget if (n := root.find(item.program_code)) is not None), None)
        if dpa_node is None:
            if data.budget:
                add("PK_PROGRAM_TIDAK_ADA", Severity.ERROR, f"Program PK «{item.name}» tidak ditemukan dalam DPA.", subject)
            continue
        dpa = dpa_node.shown_pagu()
        if amount is not None and dpa is not None and amount != dpa:
            add(
                "PK_ANGGARAN_BEDA_DPA",
                Severity.WARNING,
                f"Anggaran PK «{item.name}» ({_rp(amount)}) berbeda dengan pagu DPA ({_rp(dpa)}): perlu PK perubahan.",
                subject,
            )
    stated_total = _num(data.pk_budget_total, "jumlah anggaran PK")
    if stated_total is not None and pk_amounts:
        computed = sum(pk_amounts, ZERO)
        if computed != stated_total:
            add(
                "PK_TOTAL_TIDAK_SAMA",
                Severity.ERROR,
                f"Jumlah anggaran PK tertulis {_rp(stated_total)}, jumlah per program {_rp(computed)}.",
                "Perjanjian Kinerja",
            )
    return findings


# ---------------------------------------------------------------------------------------------------
# 10. SAKIP evaluation score
# ---------------------------------------------------------------------------------------------------


@_exact
def akip_score(scores: Mapping[str, Decimal | None], weights: Mapping[str, Decimal], *, places: int = 2) -> Result:
    """Nilai AKIP = the sum of the component scores, each between 0 and its weight (PermenPANRB 88/2021:
    perencanaan 30, pengukuran 30, pelaporan 15, evaluasi internal 25). A missing component gives no nilai."""
    places = _places(places)
    terms = []
    total = ZERO
    for code, weight in weights.items():
        value = _num(scores.get(code), f"nilai komponen {code}")
        if value is None:
            return Result.blank(Reason.MISSING_INPUT, f"komponen {code} belum dinilai → -")
        w = _req(weight, f"bobot {code}")
        if value < 0 or value > w:
            raise CalculationError(f"nilai komponen {code} harus antara 0 dan {format_number_id(w)}")
        total += value
        terms.append(_n(value))
    return Result.of(total, f"{' + '.join(terms)} = {format_decimal_id(total, places)}")
