"""Composite-indicator formulas: a tiny, safe Decimal evaluator."""

from decimal import Decimal as D

import pytest

from apps.calculations import FormulaError, Reason, evaluate_formula, formula_names
from apps.core.numbers import quantize

IKPP = "((IKM/25 × 2,5) + (IPP × 2)) / 2"


def test_ikpp_seed_002():
    result = evaluate_formula(IKPP, {"IKM": D("93.53"), "IPP": D("3.45")})
    assert result.value == D("8.1265")
    assert quantize(result.value, 2) == D("8.13")
    assert result.derivation == "(93,53 / 25 × 2,5 + 3,45 × 2) / 2 = 8,13"


def test_ikpp_equals_simplified_form():
    values = {"IKM": D("94.39"), "IPP": D("2.45")}
    assert evaluate_formula(IKPP, values).value == evaluate_formula("IKM / 20 + IPP", values).value


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("1 + 2 * 3", D("7")),
        ("(1 + 2) × 3", D("9")),
        ("10 ÷ 4", D("2.5")),
        ("10 : 4", D("2.5")),
        ("7 − 10", D("-3")),
        ("-A + 1", D("-4")),
        ("+A", D("5")),
        ("A - (B - 1)", D("3")),
        ("A / 2 / 2", D("1.25")),
        ("0,8 × A + 0,2 × B", D("4.6")),
        ("0.8 * A", D("4.0")),  # a lone dot with one digit is a decimal point
        ("1.000 × A", D("5000")),  # a dot with three digits is a thousands separator
        ("2,5 × A", D("12.5")),
    ],
)
def test_arithmetic(formula, expected):
    assert evaluate_formula(formula, {"A": D("5"), "B": D("3")}).value == expected


def test_rendering_keeps_needed_parentheses():
    assert evaluate_formula("A - (B - 1)", {"A": D(5), "B": D(3)}).derivation == "5 − (3 − 1) = 3,00"
    assert evaluate_formula("(A + B) × 2", {"A": D(5), "B": D(-3)}).derivation == "(5 + (-3)) × 2 = 4,00"
    assert evaluate_formula("A / (B × 2)", {"A": D(6), "B": D(3)}).derivation == "6 / (3 × 2) = 1,00"


def test_missing_component_is_blank_with_its_name():
    result = evaluate_formula(IKPP, {"IKM": D("93.53"), "IPP": None})
    assert result.value is None
    assert result.code is Reason.MISSING_INPUT
    assert result.reason == "komponen rumus belum diisi: IPP"
    assert evaluate_formula(IKPP, {}).reason == "komponen rumus belum diisi: IKM, IPP"


def test_division_by_zero_is_blank():
    result = evaluate_formula("A / (B - 3)", {"A": D(1), "B": D(3)})
    assert result.value is None and result.code is Reason.DIVISION_BY_ZERO


@pytest.mark.parametrize(
    "formula",
    [
        "",
        "   ",
        "__import__('os')",
        "A ** 2",
        "A % 2",
        "A // 2",
        "abs(A)",
        "A.real",
        "A[0]",
        "A if B else 1",
        "A and B",
        "not A",
        "A < B",
        "lambda: 1",
        "None",
        "True",
        "'x'",
        "1e5",
        "A B",
        "(A",
        "A)",
        "A +",
        "0.125 × A",  # ambiguous number
        "1,2,3",
        "IKM non konversi × 2,5",
        "A; B",
        "x" * 501,
    ],
)
def test_rejects_everything_else(formula):
    with pytest.raises(FormulaError):
        evaluate_formula(formula, {"A": D(1), "B": D(2), "IKM": D(1)})


def test_rejects_float_values_and_non_text():
    with pytest.raises(TypeError):
        evaluate_formula("A", {"A": 1.5})
    with pytest.raises(TypeError):
        evaluate_formula(1, {})  # type: ignore[arg-type]


def test_formula_names():
    assert formula_names(IKPP) == frozenset({"IKM", "IPP"})
    assert formula_names("2 × 3") == frozenset()
    with pytest.raises(FormulaError):
        formula_names("A ** 2")
