"""Roll-ups: sasaran from indicators, program from kegiatan, organisation from sasaran."""

from decimal import Decimal as D

import pytest

from apps.calculations import CalculationError, Reason, Result, capaian, clamp, rollup
from apps.core.numbers import quantize

HUNDRED = D(100)


def test_unweighted_mean():
    result = rollup([D("102.2466"), D("104.2308")])
    assert result.value == D("103.2387")
    assert result.derivation == "(102,25 + 104,23) / 2 = 103,24 %"


def test_results_and_blanks_excluded_and_counted():
    items = [capaian(D("84.24"), D("73")), capaian(None, D("73")), capaian(D("5"), D("0")), D("100")]
    result = rollup(items)
    assert quantize(result.value, 10) == D("107.6986301370")
    assert "2 nilai kosong tidak dihitung (realisasi belum diisi, target 0)" in result.derivation


def test_weighted_mean():
    result = rollup([(D("80"), D("30")), (D("100"), D("70"))], weighted=True)
    assert result.value == D("94")
    assert result.derivation == "(30 × 80,00 + 70 × 100,00) / 100 = 94,00 %"


def test_weights_ignored_when_not_weighted():
    assert rollup([(D("80"), D("30")), (D("100"), D("70"))]).value == D("90")


def test_weighted_zero_total_weight_is_blank():
    result = rollup([(D("80"), D("0")), (D("100"), D("0"))], weighted=True)
    assert result.value is None and result.code is Reason.ZERO_WEIGHT


def test_negative_weight_rejected():
    with pytest.raises(CalculationError):
        rollup([(D("80"), D("-1"))], weighted=True)


@pytest.mark.parametrize("items", [[], [None], [None, capaian(None, D(1))]])
def test_nothing_to_average_is_blank(items):
    result = rollup(items)
    assert result.value is None and result.code is Reason.NO_VALUES


def test_clamp_before_averaging():
    # seed 004 4.9: P1 kegiatan (100, 97, 100, 100, 140, 100, 100, 102, 100), each capped at 100 -> 99,67
    values = [D(v) for v in ("100", "97", "100", "100", "140", "100", "100", "102", "100")]
    assert quantize(rollup(values).value, 2) == D("104.33")
    capped = rollup(values, clamp=(D(0), HUNDRED))
    assert quantize(capped.value, 2) == D("99.67")
    assert "dibatasi ke 0–100 sebelum dirata-rata: 140,00 % → 100,00 %, 102,00 % → 100,00 %" in capped.derivation


def test_clamp_bounds_validated():
    with pytest.raises(CalculationError):
        rollup([D(1)], clamp=(D(100), D(0)))


def test_clamp_helper():
    assert clamp(D("104.23"), (D(0), HUNDRED)) == HUNDRED
    assert clamp(D("-3"), (D(0), HUNDRED)) == D(0)
    assert clamp(D("55"), (D(0), HUNDRED)) == D("55")
    with pytest.raises(CalculationError):
        clamp(D(1), (D(2), D(1)))


def test_rollup_of_rollups():
    sasaran_1 = rollup([D("102.2466")])
    sasaran_2 = rollup([D("104.2308")])
    organisation = rollup([sasaran_1, sasaran_2])
    assert isinstance(organisation, Result)
    assert organisation.value == D("103.2387")


def test_rollup_rejects_float():
    with pytest.raises(TypeError):
        rollup([1.5])
