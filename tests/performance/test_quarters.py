"""Quarterly aggregation, cumulative targets and their validation."""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    Aggregation,
    CalculationError,
    Reason,
    aggregate,
    cumulative_targets,
    quarter_label,
    targets_from_percent,
    validate_cumulative_targets,
)
from apps.core.numbers import quantize

Q = {1: D("4"), 2: D("2"), 3: D("2"), 4: D("2")}  # seed 004 4.16 Evaluasi Kinerja PD


@pytest.mark.parametrize(
    ("rule", "upto", "expected"),
    [
        (Aggregation.CUMULATIVE_SUM, 4, D("10")),
        (Aggregation.CUMULATIVE_SUM, 2, D("6")),
        (Aggregation.LATEST, 4, D("2")),
        (Aggregation.LATEST, 1, D("4")),
        (Aggregation.AVERAGE, 4, D("2.5")),
        (Aggregation.MAXIMUM, 4, D("4")),
    ],
)
def test_aggregate_rules(rule, upto, expected):
    assert aggregate(Q, upto, rule).value == expected


def test_aggregate_skips_blank_quarters_and_says_so():
    values = {1: D("81.25"), 2: None, 3: D("83.84")}
    result = aggregate(values, 3, Aggregation.AVERAGE)
    assert result.value == (D("81.25") + D("83.84")) / 2
    assert "TW II belum diisi (dilewati)" in result.derivation
    latest = aggregate(values, 4, Aggregation.LATEST)
    assert latest.value == D("83.84")
    assert "nilai terakhir (TW III)" in latest.derivation


def test_aggregate_ignores_quarters_after_upto():
    assert aggregate({1: D(1), 2: D(5)}, 1, Aggregation.MAXIMUM).value == D(1)


def test_aggregate_all_blank_is_blank():
    result = aggregate({1: None, 2: None}, 4, Aggregation.CUMULATIVE_SUM)
    assert result.value is None
    assert result.code is Reason.MISSING_REALISATION
    assert aggregate({}, 2, Aggregation.LATEST).value is None


def test_aggregate_derivation():
    result = aggregate({1: D("81.25"), 2: D("89.51"), 3: D("83.84"), 4: D("82.14")}, 4, Aggregation.AVERAGE)
    assert result.derivation == "(TW I 81,25 + TW II 89,51 + TW III 83,84 + TW IV 82,14) / 4 = 84,19"
    assert aggregate(Q, 4, Aggregation.CUMULATIVE_SUM, places=0).derivation == "TW I 4 + TW II 2 + TW III 2 + TW IV 2 = 10"


@pytest.mark.parametrize("upto", [0, 5, -1, True])
def test_aggregate_rejects_bad_quarter(upto):
    with pytest.raises(CalculationError):
        aggregate(Q, upto, Aggregation.LATEST)


def test_aggregate_rejects_bad_key():
    with pytest.raises(CalculationError):
        aggregate({5: D(1)}, 4, Aggregation.LATEST)


def test_aggregate_rejects_float():
    with pytest.raises(TypeError):
        aggregate({1: 1.5}, 1, Aggregation.LATEST)


def test_cumulative_targets():
    assert cumulative_targets({1: D(3), 2: D(0), 3: D(2), 4: D(1)}) == {1: D(3), 2: D(3), 3: D(5), 4: D(6)}
    # a blank quarter makes the rest unknown (blank is not zero)
    assert cumulative_targets({1: D(3), 3: D(2), 4: D(1)}) == {1: D(3), 2: None, 3: None, 4: None}


def test_targets_from_percent_seed_002_pk():
    # seed 002 3.6: P2 Nilai PATEN, annual 86, TW targets 26,05 / 51,70 / 75,85 / 100 %
    targets = targets_from_percent(D("86"), {1: D("26.05"), 2: D("51.70"), 3: D("75.85"), 4: D("100")})
    assert {q: quantize(v, 2) for q, v in targets.items()} == {1: D("22.40"), 2: D("44.46"), 3: D("65.23"), 4: D("86.00")}
    assert validate_cumulative_targets(targets, D("86")) == []


@pytest.mark.parametrize(
    ("targets", "annual", "count", "fragment"),
    [
        ({1: D("25"), 2: D("50"), 3: D("75"), 4: D("100")}, D("100"), 0, None),
        ({1: D("52.08"), 2: D("70.83"), 3: D("85.42"), 4: D("100")}, D("100"), 0, None),  # seed 002 P1
        ({1: D("12.50"), 2: D("50.00"), 3: D("62.50"), 4: D("100")}, None, 0, None),  # seed 002 P5
        ({2: D("3"), 4: D("6")}, D("6"), 0, None),  # seed 004: permits 3 by TW II, 6 by TW IV
        ({1: D("87"), 2: D("87"), 3: D("87"), 4: D("87")}, D("87"), 0, None),
        ({1: D("6"), 2: D("5"), 3: D("7"), 4: D("8")}, D("8"), 1, "Target TW II (5) lebih kecil dari target TW I (6)"),
        ({1: D("6"), 2: None, 3: D("5"), 4: D("8")}, D("8"), 1, "Target TW III (5) lebih kecil dari target TW I (6)"),
        ({1: D("25"), 4: D("90")}, D("100"), 1, "Target TW IV (90) tidak sama dengan target tahunan (100)"),
        ({7: D("1")}, None, 1, "Triwulan «7» tidak dikenal"),
    ],
)
def test_validate_cumulative_targets(targets, annual, count, fragment):
    messages = validate_cumulative_targets(targets, annual)
    assert len(messages) == count
    if fragment:
        assert fragment in messages[0]


def test_quarter_label():
    assert [quarter_label(q) for q in (1, 2, 3, 4)] == ["TW I", "TW II", "TW III", "TW IV"]
    with pytest.raises(CalculationError):
        quarter_label(0)
