"""Property tests (hypothesis): documented exceptions only, never a float, monotonicity, round trips, bounds."""

from decimal import Context, localcontext
from decimal import Decimal as D

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from apps.calculations import (
    MAX_MAGNITUDE,
    MIN_MAGNITUDE,
    Aggregation,
    Band,
    CalculationError,
    Direction,
    EfficiencyForm,
    FormulaError,
    IndicatorRule,
    LowerFormula,
    RangeTarget,
    Result,
    Scale,
    aggregate,
    capaian,
    categorise,
    efisiensi,
    evaluate_formula,
    percentage,
    project_year_end,
    rollup,
    serapan,
    sisa_anggaran,
    validate_scale,
)
from apps.core.numbers import (
    NumberParseError,
    format_decimal_id,
    format_percent,
    format_rupiah,
    parse_decimal_id,
    quantize,
)
from apps.performance.scales_catalogue import ALL_SCALES

SETTINGS = settings(max_examples=200, deadline=None)


def in_range(*values: D | None) -> bool:
    # copy_abs, not abs(): abs() rounds to the context precision (9,99...9E-31 would become 1E-30)
    return all(v is None or v == 0 or MIN_MAGNITUDE <= v.copy_abs() <= MAX_MAGNITUDE for v in values)


EDGE = [D("0"), D("-0"), D("1"), D("-1"), D("100"), MAX_MAGNITUDE, -MAX_MAGNITUDE, MIN_MAGNITUDE, -MIN_MAGNITUDE, D("0.005"), D("99.995")]
in_range_decimals = st.one_of(
    st.sampled_from(EDGE),
    st.decimals(min_value=-(10**15), max_value=10**15, places=4, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False).filter(in_range),
)
any_decimals = st.one_of(in_range_decimals, st.decimals(allow_nan=False, allow_infinity=False))
optional = st.one_of(st.none(), any_decimals)


def check(result: Result) -> None:
    assert isinstance(result, Result)
    assert result.value is None or type(result.value) is D
    assert (result.value is None) == (result.reason is not None)
    assert isinstance(result.derivation, str) and result.derivation


@SETTINGS
@given(
    realisasi=optional,
    target=optional,
    direction=st.sampled_from([Direction.HIGHER_BETTER, Direction.LOWER_BETTER]),
    formula=st.sampled_from(list(LowerFormula)),
    places=st.integers(0, 4),
)
def test_capaian_total(realisasi, target, direction, formula, places):
    try:
        result = capaian(realisasi, target, direction=direction, lower_formula=formula, places=places)
    except CalculationError:
        assert not in_range(realisasi, target)
        return
    assert in_range(realisasi, target)
    check(result)
    if direction is Direction.LOWER_BETTER and result.value is not None:
        assert result.value >= 0


@SETTINGS
@given(realisasi=optional, a=in_range_decimals, b=in_range_decimals)
def test_capaian_range_total(realisasi, a, b):
    low, high = min(a, b), max(a, b)
    try:
        result = capaian(realisasi, RangeTarget(low, high), direction=Direction.RANGE)
    except CalculationError:
        assert not in_range(realisasi)
        return
    check(result)
    if result.value is not None and realisasi is not None and low <= realisasi <= high:
        assert result.value == 100


@SETTINGS
@given(target=in_range_decimals.filter(lambda t: t > 0), r1=in_range_decimals, r2=in_range_decimals)
def test_higher_is_better_monotone(target, r1, r2):
    low, high = min(r1, r2), max(r1, r2)
    assert capaian(low, target).value <= capaian(high, target).value


@SETTINGS
@given(
    target=in_range_decimals.filter(lambda t: t > 0),
    r1=in_range_decimals,
    r2=in_range_decimals,
    formula=st.sampled_from(list(LowerFormula)),
)
def test_lower_is_better_antitone(target, r1, r2, formula):
    low, high = min(r1, r2), max(r1, r2)
    a = capaian(low, target, direction=Direction.LOWER_BETTER, lower_formula=formula)
    b = capaian(high, target, direction=Direction.LOWER_BETTER, lower_formula=formula)
    assume(a.value is not None and b.value is not None)
    assert a.value >= b.value


@SETTINGS
@given(numerator=optional, denominator=optional, places=st.integers(0, 4))
def test_budget_functions_total(numerator, denominator, places):
    for fn in (
        lambda: percentage(numerator, denominator, places=places),
        lambda: serapan(numerator, denominator, places=places),
        lambda: sisa_anggaran(denominator, numerator),
        lambda: efisiensi(numerator, denominator, places=places),
        lambda: efisiensi(numerator, denominator, form=EfficiencyForm.RATIO, places=places),
        lambda: efisiensi(numerator, denominator, operand_places=(1, 2)),
    ):
        try:
            result = fn()
        except CalculationError:
            assert not in_range(numerator, denominator)
            continue
        check(result)


def _bounded(lo: D, x: D, hi: D) -> bool:
    """lo <= x <= hi up to the calculation context's precision (34 significant digits): an input with
    more digits (hypothesis draws them) is rounded by any operation, even a division by 1."""
    with localcontext() as ctx:
        ctx.prec = 100  # the comparison itself must not round (the default context keeps 28 digits)
        slack = max(lo.copy_abs(), hi.copy_abs()) * D("1E-33")
        return lo - slack <= x <= hi + slack


def test_bounded_allows_only_the_last_digit():
    v = D("9.1524022293878032604788394748664061E-11")  # 35 digits: the case hypothesis found
    rounded = Context(prec=34).plus(v)  # as the calculation context rounds it
    assert rounded != v and _bounded(v, rounded, v) and not _bounded(v, v * D("1.000000001"), v)
    w = D("2.6716567141365838674586038442E-10")  # 29 digits: the slack must not be rounded to 28
    assert _bounded(w, w, w)


quarters = st.dictionaries(st.sampled_from([1, 2, 3, 4]), st.one_of(st.none(), in_range_decimals), max_size=4)


@SETTINGS
@given(values=quarters, upto=st.integers(1, 4), rule=st.sampled_from(list(Aggregation)), target=st.one_of(st.none(), in_range_decimals))
def test_aggregate_and_projection_total(values, upto, rule, target):
    result = aggregate(values, upto, rule)
    check(result)
    present = [v for q, v in values.items() if q <= upto and v is not None]
    if present and rule is not Aggregation.CUMULATIVE_SUM:
        assert _bounded(min(present), result.value, max(present))
    projection = project_year_end(values, upto, target, IndicatorRule(aggregation=rule))
    check(projection.value)
    check(projection.capaian)
    assert projection.early_warning == (projection.capaian.value is not None and projection.capaian.value < 100)


percent_values = st.decimals(min_value=0, max_value=100, allow_nan=False, allow_infinity=False).filter(in_range)
weights = st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False)


@SETTINGS
@given(
    values=st.lists(st.tuples(st.one_of(st.none(), percent_values), weights), max_size=12),
    weighted=st.booleans(),
)
def test_rollup_of_0_100_stays_in_0_100(values, weighted):
    result = rollup(values, weighted=weighted)
    check(result)
    if result.value is not None:
        assert D(0) <= result.value <= D(100)


@SETTINGS
@given(values=st.lists(st.one_of(st.none(), in_range_decimals), max_size=12))
def test_rollup_with_clamp_stays_in_bounds(values):
    result = rollup(values, clamp=(D(0), D(100)))
    check(result)
    if result.value is not None:
        assert D(0) <= result.value <= D(100)
    plain = rollup(values)
    if plain.value is not None:
        known = [v for v in values if v is not None]
        assert min(known) <= plain.value <= max(known)


@SETTINGS
@given(ikm=optional, ipp=optional)
def test_formula_values_total(ikm, ipp):
    try:
        result = evaluate_formula("((IKM/25 × 2,5) + (IPP × 2)) / 2", {"IKM": ikm, "IPP": ipp})
    except CalculationError:
        assert not in_range(ikm, ipp)
        return
    check(result)


@SETTINGS
@given(text=st.text(alphabet="AB0123456789+-−*/×÷:(),. _x%", max_size=40))
def test_formula_text_total(text):
    try:
        result = evaluate_formula(text, {"A": D("3"), "B": D("0")})
    except FormulaError:
        return
    check(result)


@SETTINGS
@given(value=st.decimals(min_value=-(10**15), max_value=10**15, allow_nan=False, allow_infinity=False), places=st.integers(0, 4))
def test_format_parse_round_trip(value, places):
    expected = quantize(value, places)
    assert parse_decimal_id(format_decimal_id(value, places)) == expected
    assert parse_decimal_id(format_rupiah(value, places)) == expected
    assert parse_decimal_id(format_percent(value, places)) == expected


@SETTINGS
@given(text=st.text(max_size=45))
def test_parse_total(text):
    try:
        result = parse_decimal_id(text)
    except NumberParseError:
        return
    assert type(result) is D and result.is_finite()


@SETTINGS
@given(value=any_decimals, places=st.integers(0, 6))
def test_quantize_half_up(value, places):
    result = quantize(value, places)
    assert type(result) is D
    assert abs(result - value) <= D(1).scaleb(-places) / 2
    assert not (result.is_zero() and result.is_signed())


@SETTINGS
@given(value=any_decimals)
def test_shipped_scales_give_exactly_one_band(value):
    for scale in ALL_SCALES:
        number = value if scale.clamp is None else min(max(value, scale.clamp[0]), scale.clamp[1])
        assert sum(band.contains(number) for band in scale.bands) == 1
        assert categorise(scale, value) is not None


BOUNDS = [None, D(0), D(40), D(50), D(70), D(100)]
bands = st.builds(
    lambda lo, hi, li, ui, n: Band(lo, hi, li, ui, f"b{n}", f"b{n}", "#000"),
    st.sampled_from(BOUNDS),
    st.sampled_from(BOUNDS),
    st.booleans(),
    st.booleans(),
    st.integers(0, 10**6),
)
PROBES = [D(-1000), D(-1), D(0), D("0.5"), D(20), D(40), D(45), D(50), D(60), D(70), D(85), D(100), D("100.5"), D(1000)]


@SETTINGS
@given(scale_bands=st.lists(bands, min_size=0, max_size=5), clamped=st.booleans())
def test_validate_scale_agrees_with_categorise(scale_bands, clamped):
    scale = Scale("acak", "uji", tuple(scale_bands), clamp=(D(0), D(100)) if clamped else None)
    messages = validate_scale(scale)
    assert all(isinstance(m, str) and m for m in messages)
    ambiguous = False
    for probe in PROBES:
        number = min(max(probe, D(0)), D(100)) if clamped else probe
        if sum(band.contains(number) for band in scale.bands) != 1:
            ambiguous = True
    if not messages:
        assert not ambiguous
    if ambiguous:
        assert messages
