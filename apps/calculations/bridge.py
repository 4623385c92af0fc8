"""Adapters from stored rows to the pure calculation module (fetch, then compute).

This module turns model instances that a selector has already fetched into the calculation
module's inputs; it runs no query and computes nothing itself. The rows are duck-typed (an
indicator has ``direction``, ``lower_formula``, ``aggregation``, ``precision``, ``composite_expression``;
a PK item ``quarter_target(q)``, ``annual_target``, ``annual_target_max``): the module imports no
model, so it sits at the ground with the calculations and every app that reads figures may use it.
The keys of :data:`DIRECTION`, :data:`LOWER_FORMULA` and :data:`AGGREGATION` are the stored choice
values of ``apps.planning.models.Indicator``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps import calculations as calc
from apps.core.numbers import quantize

DIRECTION = {"higher": calc.Direction.HIGHER_BETTER, "lower": calc.Direction.LOWER_BETTER, "range": calc.Direction.RANGE}
LOWER_FORMULA = {"2t_minus_r": calc.LowerFormula.TWO_T_MINUS_R, "t_over_r": calc.LowerFormula.T_OVER_R}
AGGREGATION = {
    "sum": calc.Aggregation.CUMULATIVE_SUM,
    "latest": calc.Aggregation.LATEST,
    "average": calc.Aggregation.AVERAGE,
    "max": calc.Aggregation.MAXIMUM,
}


def rule_of(indicator: Any) -> calc.IndicatorRule:
    """How ``indicator`` is measured, as the calculation module's rule."""
    return calc.IndicatorRule(
        direction=DIRECTION[indicator.direction],
        lower_formula=LOWER_FORMULA[indicator.lower_formula],
        aggregation=AGGREGATION[indicator.aggregation],
        places=indicator.precision,
    )


def plain(value: Decimal | None) -> Decimal | None:
    """A stored DecimalField value without its column's trailing zeros (84.2400 -> 84.24, 100.0000 -> 100),
    so derivations quote numbers as the user typed them. The value is unchanged."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal  # type: ignore[operator]


def quarter_values(indicators: Iterable[Any], by_indicator: Mapping[int, Mapping[int, Any]]) -> dict[int, list[Decimal | None]]:
    """Each indicator's four quarterly values; a composite indicator's from its components' values
    of the same quarter through its formula (seed 002: IKPP = ((IKM/25 x 2,5) + (IPP x 2)) / 2).
    Components are looked up by code within the composite's own Renstra: every kecamatan uses the
    same codes (IKM, IPP), and indicators of several kecamatan may be passed at once (pemda overview)."""
    indicators = list(indicators)
    raw: dict[int, list[Decimal | None]] = {}
    by_code: dict[tuple[Any, str], list[Decimal | None]] = {}
    for ind in indicators:
        rows = by_indicator.get(ind.pk, {})
        raw[ind.pk] = [plain(rows[q].value) if q in rows else None for q in range(1, 5)]
        if ind.code:
            by_code[(ind.renstra_id, ind.code)] = raw[ind.pk]
    for ind in indicators:
        expression = (ind.composite_expression or "").strip()
        if not expression:
            continue
        names = calc.formula_names(expression)
        values = []
        for q in range(4):
            env = {name: by_code.get((ind.renstra_id, name), [None] * 4)[q] for name in names}
            result = calc.evaluate_formula(expression, env, places=ind.precision).value
            # A composite is a published figure at its own precision (seed 002: IKPP 8,1265 is published as
            # 8,13 and its capaian is 8,13 / 7,8 = 104,23 %, seed notes 002 section 5.3.1).
            values.append(quantize(result, ind.precision) if result is not None else None)
        raw[ind.pk] = values
    return raw


def quarter_states(by_indicator: Mapping[int, Mapping[int, Any]]) -> dict[int, dict[int, calc.StateNote]]:
    """Each indicator's realisation states per quarter ("belum tersedia", "tidak dapat diukur"), from its stored
    rows (quarter -> a row with ``state``, ``state_reason``, ``expected_source``, ``expected_date``); indicators and
    quarters holding a value are left out."""
    out: dict[int, dict[int, calc.StateNote]] = {}
    for pk, rows in by_indicator.items():
        for q, r in rows.items():
            state = getattr(r, "state", "") if r is not None else ""
            if state:
                note = calc.StateNote(calc.RealisationState(state), r.state_reason, r.expected_source, r.expected_date)
                out.setdefault(pk, {})[q] = note
    return out


def aggregate(indicator: Any, values: list[Decimal | None], upto: int, states: Mapping[int, calc.StateNote] | None = None) -> calc.Result:
    """The indicator's value "s/d TW ``upto``" by its aggregation rule; blank with the state and its reason when
    the latest entry up to that quarter is "belum tersedia" or "tidak dapat diukur" (calc.state_result)."""
    if states:
        state = calc.state_result(states, dict(enumerate(values, start=1)), upto)
        if state is not None:
            return state
    return calc.aggregate(
        {q: v for q, v in enumerate(values, start=1)}, upto, AGGREGATION[indicator.aggregation], places=indicator.precision
    )


def operands(indicator: Any, values: list[Decimal | None], rows: Mapping[int, Any], upto: int) -> tuple[calc.Result, calc.Result]:
    """The pembilang and penyebut behind the indicator's value "s/d TW ``upto``" (calc.operands), from its
    quarterly values and its stored realisation rows (quarter -> a row with ``numerator``/``denominator``)."""
    entered = {q: (plain(getattr(r, "numerator", None)), plain(getattr(r, "denominator", None))) for q, r in rows.items() if r is not None}
    return calc.operands({q: v for q, v in enumerate(values, start=1)}, upto, AGGREGATION[indicator.aggregation], entered)


def capaian(indicator: Any, target: Decimal | None, target_max: Decimal | None, value: Decimal | None) -> calc.Result:
    """Capaian of ``value`` against ``target`` (a range when the indicator is a range and both bounds are set)."""
    direction = DIRECTION[indicator.direction]
    target, target_max, value = plain(target), plain(target_max), plain(value)
    goal: Decimal | calc.RangeTarget | None = target
    if direction is calc.Direction.RANGE:
        if target is None or target_max is None:
            return calc.Result.blank(calc.Reason.MISSING_TARGET)
        goal = calc.RangeTarget(target, target_max)
    return calc.capaian(value, goal, direction=direction, lower_formula=LOWER_FORMULA[indicator.lower_formula])


def projection(item: Any, values: list[Decimal | None], upto: int) -> calc.Projection | None:
    """A PK item's year-end projection from its quarters s/d ``upto`` against its annual target (a range when the
    indicator is a range with both bounds), with the early warning (calc.project_year_end); None at TW IV. The
    realisation grid and the quarterly report show this one."""
    if upto >= calc.QUARTERS[-1]:
        return None
    indicator = item.indicator
    annual: Decimal | calc.RangeTarget | None = plain(item.annual_target)
    if DIRECTION[indicator.direction] is calc.Direction.RANGE and item.annual_target is not None and item.annual_target_max is not None:
        annual = calc.RangeTarget(item.annual_target, item.annual_target_max)
    return calc.project_year_end(dict(enumerate(values, start=1)), upto, annual, rule_of(indicator))


def target_upto(item: Any, upto: int) -> tuple[Decimal | None, Decimal | None]:
    """A PK item's target "s/d TW ``upto``" (calc.target_upto, the one rule) and the upper bound of a range
    target, which is annual and so applies at TW IV only."""
    target = calc.target_upto([item.quarter_target(q) for q in calc.QUARTERS], item.annual_target, upto)
    return target, item.annual_target_max if upto == calc.QUARTERS[-1] else None


#: The precision a capaian is shown and categorised with: a printed "100,00 %" never gets the label of
#: "below 100" (calc.categorise, docs/calculations.md section 2).
CAPAIAN_PLACES = 2


def predikat(scale: calc.Scale | None, result: calc.Result) -> calc.Band | None:
    """The predikat of a capaian on the pemda's scale, as displayed (None without a scale or a value)."""
    return calc.categorise(scale, result, places=CAPAIAN_PLACES) if scale is not None else None


@dataclass(frozen=True)
class IndicatorFigure:
    """One PK indicator "s/d TW ``upto``": its target, its realisation by its aggregation rule, its capaian
    and predikat. Every page that shows an indicator's capaian shows this one (apps.reports.figures)."""

    item: Any
    upto: int
    target: Decimal | None
    realised: calc.Result
    capaian: calc.Result
    predikat: calc.Band | None

    @property
    def indicator(self) -> Any:
        return self.item.indicator

    @property
    def below_target(self) -> bool:
        return self.capaian.value is not None and self.capaian.value < 100


def indicator_figure(
    item: Any, values: list[Decimal | None], upto: int, scale: calc.Scale | None, states: Mapping[int, calc.StateNote] | None = None
) -> IndicatorFigure:
    """The figure of PK item ``item`` from its indicator's four quarterly values (:func:`quarter_values`) and
    states (:func:`quarter_states`): in a state, its realisation and capaian are blank with the state's reason."""
    target, target_max = target_upto(item, upto)
    realised = aggregate(item.indicator, values, upto, states)
    result = realised if calc.is_state(realised) else capaian(item.indicator, target, target_max, realised.value)
    return IndicatorFigure(item=item, upto=upto, target=target, realised=realised, capaian=result, predikat=predikat(scale, result))


@dataclass(frozen=True)
class PlanItem:
    """A Renstra indicator the PK does not list (a kegiatan or sub kegiatan indicator), measured like a PK
    item against its Renstra target for the year: annual only, so s/d TW I-III it has no target
    (calc.target_upto) and at TW IV the year's target."""

    indicator: Any
    annual_target: Decimal | None
    annual_target_max: Decimal | None = None

    @property
    def pk(self) -> None:
        return None

    @property
    def indicator_id(self) -> Any:
        return self.indicator.pk

    def quarter_target(self, quarter: int) -> Decimal | None:
        return None


#: Stored value of ``Indicator.measurement`` for an indicator whose realisation is the mean of the capaian
#: of the indicators under it (program from its kegiatan, kegiatan from its sub kegiatan).
CHILDREN_MEAN = "children_mean"

#: The level of the indicators under an indicator of each level, named as the derivation names them.
CHILD_LEVEL = {"program": "kegiatan", "kegiatan": "sub kegiatan"}


def is_rollup(indicator: Any) -> bool:
    """Whether ``indicator``'s realisation is computed from the capaian of the indicators under it."""
    return getattr(indicator, "measurement", "") == CHILDREN_MEAN


def rollup_figure(
    item: Any, children: list[IndicatorFigure], upto: int, scale: calc.Scale | None, clamp: tuple[Decimal, Decimal] | None = None
) -> IndicatorFigure:
    """The figure of a roll-up indicator (:func:`is_rollup`): its realisation s/d TW ``upto`` is the mean of
    its children's capaian (calc.mean_of_children), measured against its own target like any other."""
    ind = item.indicator
    target, target_max = target_upto(item, upto)
    realised = calc.mean_of_children(
        [c.capaian for c in children], of=CHILD_LEVEL.get(ind.level, "indikator"), clamp=clamp, places=CAPAIAN_PLACES
    )
    result = capaian(ind, target, target_max, realised.value)
    if result.value is not None:
        result = calc.Result.of(result.value, f"{realised.derivation}; {result.derivation}")
    return IndicatorFigure(item=item, upto=upto, target=target, realised=realised, capaian=result, predikat=predikat(scale, result))


def formula_codes(indicator: Any) -> frozenset[str]:
    """The component codes a composite indicator's formula names (empty for a measured indicator)."""
    expression = (indicator.composite_expression or "").strip()
    return calc.formula_names(expression) if expression else frozenset()
