"""calc.operands: the pembilang and penyebut behind an indicator's value s/d TW n (the lampiran
"penghitungan", seed 003 L4), pure, exact Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps import calculations as calc

D = Decimal
IKM = {1: D("81.25"), 2: D("89.51"), 3: D("83.84"), 4: D("82.14")}  # seed 003 §4.10


def test_an_average_is_the_sum_of_the_quarters_over_their_number():
    numerator, denominator = calc.operands(IKM, 4, calc.Aggregation.AVERAGE, {})
    assert (numerator.value, denominator.value) == (D("336.74"), D(4))
    assert numerator.value / denominator.value == D("84.185")


@pytest.mark.parametrize(("upto", "expected"), [(1, (D("81.25"), D(1))), (3, (D("254.60"), D(3)))])
def test_an_average_counts_the_quarters_up_to_the_period(upto, expected):
    numerator, denominator = calc.operands(IKM, upto, calc.Aggregation.AVERAGE, {})
    assert (numerator.value, denominator.value) == expected


def test_a_blank_quarter_is_skipped_not_zero():
    numerator, denominator = calc.operands({1: D(80), 2: None, 3: D(90)}, 3, calc.Aggregation.AVERAGE, {})
    assert (numerator.value, denominator.value) == (D(170), D(2))


@pytest.mark.parametrize(
    ("rule", "entered", "expected"),
    [
        (calc.Aggregation.LATEST, {4: (D(40), D(42))}, (D(40), D(42))),  # seed 003 S1: 40 of 42
        (calc.Aggregation.LATEST, {2: (D(1), D(2))}, (None, None)),  # the operands of another quarter than the value's
        (calc.Aggregation.MAXIMUM, {2: (D(36), D(36))}, (D(36), D(36))),  # the highest quarter's
        (calc.Aggregation.CUMULATIVE_SUM, {4: (D(40), D(42))}, (None, None)),  # an amount, not a ratio
    ],
)
def test_a_ratio_carries_the_operands_entered_with_the_quarter_taken(rule, entered, expected):
    values = {2: D(100), 4: D("95.23")}
    numerator, denominator = calc.operands(values, 4, rule, entered)
    assert (numerator.value, denominator.value) == expected


def test_nothing_entered_gives_blank_operands():
    numerator, denominator = calc.operands({}, 4, calc.Aggregation.AVERAGE, {})
    assert numerator.value is None and denominator.value is None
