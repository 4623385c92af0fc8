"""The index of scored aspects (issue 18, calc.aspect_index): Σ skor × bobot / basis, × the perhitungan aspek
percentage; properties (hypothesis) and worked cases with exact Decimals."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.calculations import AspectInput, CalculationError, aspect_index

SCALE = (D(0), D(5))
scores = st.decimals(min_value=0, max_value=5, places=2)


@st.composite
def weighted(draw: st.DrawFn, basis: int = 100) -> tuple[list[D], list[D]]:
    """Integer percentage weights summing to 100 (or the same /100, summing to 1) and a skor each."""
    n = draw(st.integers(min_value=1, max_value=6))
    cuts = sorted(draw(st.lists(st.integers(min_value=1, max_value=99), min_size=n - 1, max_size=n - 1, unique=True)))
    bounds = [0, *cuts, 100]
    weights = [D(b - a) for a, b in zip(bounds, bounds[1:], strict=False)]
    if basis == 1:
        weights = [w / 100 for w in weights]
    return weights, [draw(scores) for _ in weights]


def _index(weights: list[D], values: list[D], basis: D = D(100), factor: D | None = None) -> D:
    aspects = [AspectInput(f"A{i}", w, s) for i, (w, s) in enumerate(zip(weights, values, strict=True))]
    result = aspect_index(aspects, weight_total=basis, score_range=SCALE, factor_percent=factor)
    assert result.index.value is not None
    return result.index.value


@given(weighted(), st.data())
def test_monotone_in_each_skor(case: tuple[list[D], list[D]], data: st.DataObject) -> None:
    weights, values = case
    i = data.draw(st.integers(min_value=0, max_value=len(values) - 1))
    higher = data.draw(st.decimals(min_value=values[i], max_value=5, places=2))
    raised = [*values[:i], higher, *values[i + 1 :]]
    assert _index(weights, raised) >= _index(weights, values)


@given(weighted(basis=1))
def test_equals_the_weighted_mean_when_the_weights_sum_to_1(case: tuple[list[D], list[D]]) -> None:
    weights, values = case
    mean = sum((w * s for w, s in zip(weights, values, strict=True)), D(0)) / sum(weights, D(0))
    assert _index(weights, values, basis=D(1)) == mean


@given(weighted())
def test_bounded_by_the_scale(case: tuple[list[D], list[D]]) -> None:
    weights, values = case
    assert min(values) <= _index(weights, values) <= max(values)
    assert SCALE[0] <= _index(weights, values) <= SCALE[1]


@given(weighted(), st.decimals(min_value=D("0.01"), max_value=200, places=2))
def test_the_perhitungan_percentage_scales_the_sum(case: tuple[list[D], list[D]], factor: D) -> None:
    weights, values = case
    assert _index(weights, values, factor=factor) == _index(weights, values) * factor / 100


@given(weighted())
def test_percent_and_fraction_bases_agree(case: tuple[list[D], list[D]]) -> None:
    weights, values = case
    assert _index(weights, values) == _index([w / 100 for w in weights], values, basis=D(1))


def test_worked_case_with_its_derivation() -> None:
    aspects = [AspectInput("Kebijakan", D(30), D("3.5")), AspectInput("SDM", D(70), D(4))]
    result = aspect_index(aspects, weight_total=D(100), score_range=SCALE, factor_percent=D(50))
    assert [r.nilai.value for r in result.rows] == [D("1.05"), D("2.8")]
    assert result.total.value == D("3.85")
    assert result.index.value == D("1.925")
    assert result.total.derivation == "1,05 + 2,80 = 3,85"
    assert result.index.derivation == "3,85 × 50 % = 1,93"


def test_an_aspect_without_skor_leaves_the_index_blank() -> None:
    result = aspect_index([AspectInput("A", D(50), D(3)), AspectInput("B", D(50), None)], weight_total=D(100), score_range=SCALE)
    assert result.index.value is None and "B" in result.index.derivation
    assert result.rows[0].nilai.value == D("1.5")


@pytest.mark.parametrize(
    ("aspects", "basis", "message"),
    [
        ([AspectInput("A", D(60), D(3))], D(100), "jumlah bobot"),
        ([AspectInput("A", D(0), D(3)), AspectInput("B", D(100), D(3))], D(100), "lebih dari 0"),
        ([AspectInput("A", D(100), D(6))], D(100), "antara 0 dan 5"),
        ([AspectInput("A", D(100), D(-1))], D(100), "antara 0 dan 5"),
    ],
)
def test_bad_definitions_are_refused(aspects: list[AspectInput], basis: D, message: str) -> None:
    with pytest.raises(CalculationError, match=message):
        aspect_index(aspects, weight_total=basis, score_range=SCALE)
