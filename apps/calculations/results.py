"""The ground of the calculation module: the :class:`Result` every function returns, the blank
:class:`Reason`, the errors, the checks of an input, and the arithmetic context (34 significant
digits, errors trapped). Every other module of :mod:`apps.calculations` builds on these.

The helpers here (``checked``, ``required``, ``checked_places``, ``operand``, ``percent_text``,
``check_quarter``, ``exact``, ``value_of``) are shared by the modules of the package; the package's
public API (``apps.calculations``) does not re-export them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
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

from apps.core.numbers import format_number_id, format_percent, quantize
from apps.core.periods import QUARTERS, ROMAN

HUNDRED = Decimal(100)
ZERO = Decimal(0)

#: Largest magnitude accepted as input (10^30; a whole APBN is about 3,5 x 10^15 Rupiah).
MAX_MAGNITUDE = Decimal("1E+30")
#: Smallest non-zero magnitude accepted as input.
MIN_MAGNITUDE = Decimal("1E-30")

#: The labels of the four quarters (triwulan), from their Roman numerals (apps.core.periods).
QUARTER_LABELS = {q: f"TW {ROMAN[q]}" for q in QUARTERS}

# Arithmetic context: 34 significant digits, an exponent range wide enough that no product or
# quotient of accepted inputs can overflow, and errors trapped (they are checked before dividing).
CONTEXT = Context(
    prec=34,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` in the package's arithmetic context (:data:`CONTEXT`)."""

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(CONTEXT):
            return fn(*args, **kwargs)

    return wrapper


class CalculationError(ValueError):
    """Invalid input or definition: non-finite or out-of-range number, bad quarter, bad range, bad scale use."""


class FormulaError(CalculationError):
    """A composite-indicator formula that cannot be parsed or uses something other than + - x / ( )."""


def checked(value: object, what: str) -> Decimal | None:
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


def required(value: object, what: str) -> Decimal:
    """A required Decimal input (:func:`checked`, and blank is a TypeError)."""
    number = checked(value, what)
    if number is None:
        raise TypeError(f"{what}: wajib diisi")
    return number


def checked_places(places: int) -> int:
    """A display precision: an int from 0 to 10."""
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
        raise CalculationError("places harus bilangan bulat 0 s/d 10")
    return places


def operand(value: Decimal) -> str:
    """An operand as stored, wrapped in parentheses when negative."""
    text = format_number_id(value)
    return f"({text})" if value < 0 else text


def percent_text(value: Decimal, places: int) -> str:
    """A percentage as a derivation prints it, e.g. ``"115,40 %"``."""
    return format_percent(value, places)


def quarter_label(quarter: int) -> str:
    """``1`` gives ``"TW I"``."""
    check_quarter(quarter)
    return QUARTER_LABELS[quarter]


def check_quarter(quarter: object) -> int:
    """A quarter number, 1 to 4 (a bool is not one)."""
    if isinstance(quarter, bool) or not isinstance(quarter, int) or quarter not in QUARTER_LABELS:
        raise CalculationError(f"triwulan harus 1 s/d 4, bukan {quarter!r}")
    return quarter


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
    NOT_YET_AVAILABLE = "belum tersedia"
    NOT_MEASURABLE = "tidak dapat diukur"

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


def value_of(item: Result | Decimal | None, what: str) -> tuple[Decimal | None, str | None]:
    """The number of a computed or given value, and why it is blank (``None`` when it is not)."""
    if isinstance(item, Result):
        return item.value, item.reason
    value = checked(item, what)
    return value, None if value is not None else Reason.MISSING_VALUE.label


def clamp(value: Decimal, bounds: tuple[Decimal, Decimal]) -> Decimal:
    """Limit ``value`` to ``[low, high]``; seed 002 (L720-722) caps capaian to 0-100 this way."""
    low, high = required(bounds[0], "batas bawah"), required(bounds[1], "batas atas")
    if low > high:
        raise CalculationError("batas bawah lebih besar dari batas atas")
    value = required(value, "nilai")
    return min(max(value, low), high)
