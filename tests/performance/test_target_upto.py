"""The target "s/d TW n" (calc.target_upto), the one rule of every page, report and check; the quarter
labels; and the text of a report cell (numbers.format_cell), the one place a cell's number becomes text."""

from decimal import Decimal as D

import pytest

from apps.calculations import CalculationError, quarter_label, target_upto
from apps.core.numbers import cell_places, format_cell

TW = [D("3"), D("6"), D("9"), D("12")]  # cumulative TW targets


@pytest.mark.parametrize(
    ("quarters", "annual", "upto", "expected"),
    [
        pytest.param(TW, D("12"), 1, D("3"), id="TW I: the TW I target"),
        pytest.param(TW, D("12"), 3, D("9"), id="TW III: the TW III target"),
        pytest.param(TW, D("12"), 4, D("12"), id="TW IV: the annual target"),
        pytest.param([D("3"), D("6"), D("9"), D("13.2")], D("12"), 4, D("12"), id="TW IV: the annual target, not a differing TW IV target"),
        pytest.param([D("3"), D("6"), D("9"), D("13.2")], None, 4, D("13.2"), id="TW IV: the TW IV target without an annual target"),
        pytest.param([None, None, None, None], D("12"), 4, D("12"), id="TW IV: no TW targets"),
        pytest.param([None, None, None, None], D("12"), 2, None, id="TW II: not entered is blank, never the annual target"),
        pytest.param([None, None, None, None], None, 4, None, id="nothing entered"),
    ],
)
def test_target_upto(quarters, annual, upto, expected):
    assert target_upto(quarters, annual, upto) == expected


@pytest.mark.parametrize("upto", [0, 5, True])
def test_target_upto_refuses_a_bad_quarter(upto):
    with pytest.raises(CalculationError):
        target_upto(TW, D("12"), upto)


def test_target_upto_needs_four_targets_and_refuses_floats():
    with pytest.raises(CalculationError):
        target_upto(TW[:3], D("12"), 2)
    with pytest.raises(TypeError):
        target_upto([3.0, 6.0, 9.0, 12.0], D("12"), 2)


def test_quarter_labels_come_from_the_roman_numerals():
    assert [quarter_label(q) for q in (1, 2, 3, 4)] == ["TW I", "TW II", "TW III", "TW IV"]


@pytest.mark.parametrize(
    ("kind", "value", "places", "expected"),
    [
        ("percent", D("115.3972602739726027397260274"), 2, "115,40\u00a0%"),
        ("percent", D("99.996"), 2, "100,00\u00a0%"),
        ("percent", D("104.5"), 1, "104,5\u00a0%"),
        ("percent", D("104.5"), None, "104,50\u00a0%"),
        ("rupiah", D("1234567.50"), None, "1.234.568"),  # Rupiah whole unless the cell (the pemda's convention) says otherwise
        ("rupiah", D("1234567.50"), 2, "1.234.567,50"),
        ("int", D("17"), None, "17"),
        ("number", D("84.24"), 2, "84,24"),
        ("number", D("-2.345"), 2, "-2,35"),
        ("number", None, 2, "-"),
        ("percent", None, 2, "-"),
    ],
)
def test_format_cell(kind, value, places, expected):
    assert format_cell(kind, value, places).replace(" ", "\u00a0") == expected.replace(" ", "\u00a0")


def test_cell_places():
    assert (cell_places("rupiah", None), cell_places("int", None), cell_places("percent", None), cell_places("number", 1)) == (0, 0, 2, 1)
    assert cell_places("rupiah", 2) == 2  # a convention printing Rupiah with sen (issue 18)
