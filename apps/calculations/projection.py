"""An indicator's rule (polarity, formula, aggregation, precision), its capaian "s/d TW n", and the
year-end projection with its early warning (the Perpres 29/2014 quarterly monitoring purpose).
docs/calculations.md section 8."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from apps.core.numbers import format_decimal_id

from .capaian import Direction, LowerFormula, RangeTarget, capaian_of
from .quarters import Aggregation, aggregate, present_quarters
from .results import HUNDRED, Result, checked_places, exact, percent_text


@dataclass(frozen=True)
class IndicatorRule:
    """How an indicator is measured: polarity, lower-is-better formula, quarterly aggregation, and the
    display precision of its capaian."""

    direction: Direction = Direction.HIGHER_BETTER
    lower_formula: LowerFormula = LowerFormula.TWO_T_MINUS_R
    aggregation: Aggregation = Aggregation.LATEST
    places: int = 2


@dataclass(frozen=True)
class Projection:
    """Projected year-end realisation and capaian, with the early-warning flag."""

    value: Result
    capaian: Result
    early_warning: bool
    message: str


@exact
def indicator_capaian(
    realisations: Mapping[int, Decimal | None],
    upto: int,
    target: Decimal | RangeTarget | None,
    rule: IndicatorRule = IndicatorRule(),  # noqa: B008 - frozen, immutable default
) -> Result:
    """Capaian "s/d TW ``upto``": aggregate the quarters by the indicator's rule, then :func:`capaian`."""
    realised = aggregate(realisations, upto, rule.aggregation, places=rule.places)
    return capaian_of(realised.value, target, rule.direction, rule.lower_formula, checked_places(rule.places))


@exact
def project_year_end(
    values_by_quarter: Mapping[int, Decimal | None],
    upto: int,
    target: Decimal | RangeTarget | None,
    rule: IndicatorRule = IndicatorRule(),  # noqa: B008 - frozen, immutable default
) -> Projection:
    """Year-end projection from the quarters so far, by the indicator's aggregation rule.

    * ``CUMULATIVE_SUM``: linear extrapolation ``sum / n x 4``, ``n`` being the number of quarters up
      to ``upto`` that have a value (blank quarters are not zero and are not counted).
    * ``LATEST``: the latest value; ``AVERAGE``: the average; ``MAXIMUM``: the maximum so far.

    At ``upto=4`` the projection is the actual value. ``early_warning`` is true when the projected
    capaian is computable and below 100 % (the Perpres 29/2014 quarterly monitoring purpose).
    """
    places = checked_places(rule.places)
    so_far = aggregate(values_by_quarter, upto, rule.aggregation, places=places)
    if so_far.value is None:
        value = so_far
    elif rule.aggregation is Aggregation.CUMULATIVE_SUM and upto < 4:
        present, _ = present_quarters(values_by_quarter, upto)
        n = len(present)
        projected = so_far.value / n * 4
        value = Result.of(
            projected,
            f"{so_far.derivation}; proyeksi {format_decimal_id(so_far.value, places)} / {n} × 4 = {format_decimal_id(projected, places)}",
        )
    else:
        value = Result.of(so_far.value, f"{so_far.derivation}; proyeksi akhir tahun = {format_decimal_id(so_far.value, places)}")
    projected_capaian = capaian_of(value.value, target, rule.direction, rule.lower_formula, places)
    warning = projected_capaian.value is not None and projected_capaian.value < HUNDRED
    if projected_capaian.value is None:
        message = f"Proyeksi capaian tidak dapat dihitung ({projected_capaian.reason})."
    elif warning:
        message = f"Peringatan dini: proyeksi capaian akhir tahun {percent_text(projected_capaian.value, places)} di bawah 100 %."
    else:
        message = f"Proyeksi capaian akhir tahun {percent_text(projected_capaian.value, places)}: sesuai jalur."
    return Projection(value=value, capaian=projected_capaian, early_warning=warning, message=message)
