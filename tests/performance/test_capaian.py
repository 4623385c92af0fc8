"""Capaian: direction, lower-is-better formulas, range targets, blanks and zeros."""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    CalculationError,
    Direction,
    LowerFormula,
    RangeTarget,
    Reason,
    Result,
    capaian,
    percentage,
)
from apps.core.numbers import quantize

LOWER = Direction.LOWER_BETTER
T_OVER_R = LowerFormula.T_OVER_R


@pytest.mark.parametrize(
    ("realisasi", "target", "expected"),
    [
        (D("84.24"), D("73"), D("115.40")),
        (D("11"), D("10"), D("110.00")),  # uncapped (seed 001 Q4 printed 100 %)
        (D("7"), D("5"), D("140.00")),  # seed 004 Bimtek, no cap
        (D("0"), D("10"), D("0.00")),
        (D("-5"), D("10"), D("-50.00")),  # higher-is-better is not floored: printed as computed
    ],
)
def test_higher_is_better(realisasi, target, expected):
    result = capaian(realisasi, target)
    assert quantize(result.value, 2) == expected
    assert result.reason is None and result.code is None


def test_derivation_uses_indonesian_format():
    assert capaian(D("84.24"), D("73")).derivation == "84,24 / 73 × 100 = 115,40 %"
    assert capaian(D("84.24"), D("73"), places=1).derivation == "84,24 / 73 × 100 = 115,4 %"


def test_value_is_full_precision_not_rounded():
    value = capaian(D("84.24"), D("73")).value
    assert value == D("115.3972602739726027397260273972603")  # 34 significant digits
    assert value != D("115.40")


@pytest.mark.parametrize(
    ("realisasi", "target", "formula", "expected"),
    [
        (D("8"), D("10"), LowerFormula.TWO_T_MINUS_R, D("120.00")),
        (D("10"), D("10"), LowerFormula.TWO_T_MINUS_R, D("100.00")),
        (D("12"), D("10"), LowerFormula.TWO_T_MINUS_R, D("80.00")),
        (D("20"), D("10"), LowerFormula.TWO_T_MINUS_R, D("0.00")),
        (D("25"), D("10"), LowerFormula.TWO_T_MINUS_R, D("0.00")),  # floored at 0
        (D("0"), D("10"), LowerFormula.TWO_T_MINUS_R, D("200.00")),
        (D("8"), D("10"), T_OVER_R, D("125.00")),
        (D("12"), D("10"), T_OVER_R, D("83.33")),
        (D("84.24"), D("73"), LowerFormula.TWO_T_MINUS_R, D("84.60")),  # seed 001 5.3.2 "F2 inverse" column
        (D("84.24"), D("73"), T_OVER_R, D("86.66")),  # seed 001 Q3: the document truncates to 86,65
    ],
)
def test_lower_is_better(realisasi, target, formula, expected):
    result = capaian(realisasi, target, direction=LOWER, lower_formula=formula)
    assert quantize(result.value, 2) == expected


def test_two_t_minus_r_equals_permenpanrb_form():
    r, t = D("7.3"), D("9.1")
    two_t = capaian(r, t, direction=LOWER).value
    assert quantize(two_t, 20) == quantize((1 + (1 - r / t)) * 100, 20)


def test_lower_floor_is_in_derivation():
    result = capaian(D("25"), D("10"), direction=LOWER)
    assert result.value == 0
    assert "di bawah 0 dibatasi" in result.derivation
    assert result.derivation.startswith("(2 × 10 − 25) / 10 × 100 = -50,00 %")


@pytest.mark.parametrize(
    ("realisasi", "expected", "fragment"),
    [
        (D("85"), D("100.00"), "dalam rentang 80–90"),
        (D("80"), D("100.00"), "dalam rentang"),  # bounds inclusive
        (D("90"), D("100.00"), "dalam rentang"),
        (D("95"), D("94.44"), "di atas batas atas 90"),  # (2 x 90 - 95) / 90
        (D("200"), D("0.00"), "di atas batas atas"),  # floored
        (D("70"), D("87.50"), "di bawah batas bawah 80"),  # 70 / 80
    ],
)
def test_range_target(realisasi, expected, fragment):
    result = capaian(realisasi, RangeTarget(D(80), D(90)), direction=Direction.RANGE)
    assert quantize(result.value, 2) == expected
    assert fragment in result.derivation


def test_range_above_with_t_over_r():
    result = capaian(D("100"), RangeTarget(D(80), D(90)), direction=Direction.RANGE, lower_formula=T_OVER_R)
    assert quantize(result.value, 2) == D("90.00")


def test_range_with_zero_lower_bound_below_is_blank():
    result = capaian(D("-1"), RangeTarget(D(0), D(5)), direction=Direction.RANGE)
    assert result.value is None and result.code is Reason.ZERO_TARGET


def test_range_validation():
    with pytest.raises(CalculationError):
        RangeTarget(D(90), D(80))
    with pytest.raises(CalculationError):
        capaian(D(85), RangeTarget(D(80), D(90)))  # direction must be RANGE
    with pytest.raises(CalculationError):
        capaian(D(85), D(80), direction=Direction.RANGE)


@pytest.mark.parametrize(
    ("realisasi", "target", "kwargs", "code", "label"),
    [
        (None, D("73"), {}, Reason.MISSING_REALISATION, "realisasi belum diisi"),
        (D("73"), None, {}, Reason.MISSING_TARGET, "target belum diisi"),
        (None, None, {}, Reason.MISSING_TARGET, "target belum diisi"),
        (D("5"), D("0"), {}, Reason.ZERO_TARGET, "target 0"),
        (D("0"), D("0"), {}, Reason.ZERO_OVER_ZERO, "target dan realisasi 0 (0/0)"),  # seed 002 Q57: printed "0"
        (D("5"), D("-1"), {}, Reason.NEGATIVE_TARGET, "target negatif"),
        (D("5"), D("0"), {"direction": LOWER}, Reason.ZERO_TARGET, "target 0"),
        (D("0"), D("0"), {"direction": LOWER}, Reason.ZERO_OVER_ZERO, "target dan realisasi 0 (0/0)"),
        (D("0"), D("5"), {"direction": LOWER, "lower_formula": T_OVER_R}, Reason.ZERO_REALISATION, None),
        (D("-1"), D("5"), {"direction": LOWER, "lower_formula": T_OVER_R}, Reason.NEGATIVE_REALISATION, None),
        (None, RangeTarget(D(1), D(2)), {"direction": Direction.RANGE}, Reason.MISSING_REALISATION, None),
        (D("3"), None, {"direction": Direction.RANGE}, Reason.MISSING_TARGET, None),
    ],
)
def test_no_number_is_never_zero(realisasi, target, kwargs, code, label):
    result = capaian(realisasi, target, **kwargs)
    assert result.value is None
    assert result.code is code
    assert result.is_blank
    if label:
        assert result.reason == label
    assert result.derivation.endswith("-")


@pytest.mark.parametrize("bad", [84.24, 73, "73", True])
def test_rejects_non_decimal(bad):
    with pytest.raises(TypeError):
        capaian(bad, D("73"))
    with pytest.raises(TypeError):
        capaian(D("73"), bad)


@pytest.mark.parametrize("bad", [D("NaN"), D("Infinity"), D("-Infinity"), D("sNaN"), D("1E+31"), D("1E-31")])
def test_rejects_non_finite_and_out_of_range(bad):
    with pytest.raises(CalculationError):
        capaian(bad, D("73"))


def test_result_invariants():
    with pytest.raises(ValueError):
        Result(value=None, reason=None, derivation="")
    with pytest.raises(ValueError):
        Result(value=D(1), reason="x", derivation="")
    with pytest.raises(TypeError):
        Result(value=1.0, reason=None, derivation="")  # type: ignore[arg-type]
    blank = Result.blank(Reason.NOT_APPLICABLE)
    assert blank.reason == "tidak berlaku" and blank.rounded(2) is None
    assert Result.of(D("1.005"), "").rounded(2) == D("1.01")
    assert Reason.ZERO_TARGET.label == "target 0"


def test_percentage_generic():
    assert quantize(percentage(D("74.61"), D("75")).value, 1) == D("99.5")  # seed 002 Tabel 3.5
    assert percentage(D(1), D(0)).code is Reason.ZERO_DENOMINATOR
    assert percentage(None, D(3)).code is Reason.MISSING_VALUE
    assert percentage(D(1), None).code is Reason.MISSING_VALUE
