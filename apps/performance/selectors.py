"""Fetch every input of an organisation-year in a fixed number of queries, then hand it to
the pure calculation module (convention 6: fetch, then compute)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from apps import calculations as calc
from apps.agreements.selectors import latest_pk
from apps.calculations import bridge
from apps.planning.models import Indicator, IndicatorTarget
from apps.realisations.models import Realisation

from .models import PredikatScale


def with_components(shown: list[Indicator], *, renstra_ids: Iterable[int]) -> list[Indicator]:
    """``shown`` and the components their composite formulas name (by code, in the same Renstra), in
    one query whether or not there is a composite (constant query counts, tests/test_query_budgets.py)."""
    if not shown:
        return []
    codes = set().union(*(bridge.formula_codes(ind) for ind in shown))
    wanted = Q(pk__in=[ind.pk for ind in shown]) | Q(code__in=codes)
    loaded = {ind.pk: ind for ind in Indicator.objects.filter(wanted, renstra__in=list(renstra_ids))}
    # A composite's components are in its own Renstra (a same code in another one is not one of them).
    needed = {(ind.renstra_id, code) for ind in shown for code in bridge.formula_codes(ind)}
    shown_pks = {ind.pk for ind in shown}
    extra = [ind for ind in loaded.values() if ind.pk not in shown_pks and (ind.renstra_id, ind.code) in needed]
    return [*(loaded.get(ind.pk, ind) for ind in shown), *extra]


def rule_of(indicator: Indicator) -> calc.IndicatorRule:
    return calc.IndicatorRule(
        direction=bridge.DIRECTION[indicator.direction],
        lower_formula=bridge.LOWER_FORMULA[indicator.lower_formula],
        aggregation=bridge.AGGREGATION[indicator.aggregation],
        places=indicator.precision,
    )


def org_year_input(*, organisation: Any, year: int, upto: int = 4) -> calc.OrgYearInput:
    """The PK in force for ``year`` with Renstra targets, quarterly realisations and analyses (6 queries)."""
    agreement = latest_pk(organisation=organisation, year=year)
    if agreement is None:
        return calc.OrgYearInput(organisation=str(organisation), year=year, upto=upto)
    items = list(agreement.items.select_related("indicator").order_by("order", "pk"))
    indicators = list(Indicator.objects.filter(renstra=agreement.renstra_id))
    renstra_targets = {t.indicator_id: t.value for t in IndicatorTarget.objects.filter(indicator__renstra=agreement.renstra_id, year=year)}
    rows: dict[int, dict[int, Realisation]] = {}
    for r in Realisation.objects.filter(indicator__renstra=agreement.renstra_id, year=year):
        rows.setdefault(r.indicator_id, {})[r.quarter] = r
    values = bridge.quarter_values(indicators, rows)
    result = []
    for item in items:
        ind = item.indicator
        current = rows.get(ind.pk, {}).get(upto)
        result.append(
            calc.IndicatorYear(
                code=ind.code or str(ind.pk),
                name=ind.name,
                target=item.annual_target,
                rule=rule_of(ind),
                pk_target=item.annual_target,
                renstra_target=renstra_targets.get(ind.pk),
                tw_targets={q: item.quarter_target(q) for q in range(1, 5)},
                realisations={q: v for q, v in enumerate(values[ind.pk], start=1)},
                faktor_penghambat=current.faktor_penghambat if current else "",
                solusi=current.solusi if current else "",
            )  # fmt: skip
        )
    budgets = list(agreement.program_budgets.select_related("program"))
    from apps.budgets.selectors import consistency_budget

    return calc.OrgYearInput(
        budget=consistency_budget(organisation=organisation, year=year, upto=upto),
        organisation=str(organisation),
        year=year,
        upto=upto,
        indicators=tuple(result),
        pk_budgets=tuple(calc.PkBudget(program_code=b.program.code, name=b.program.name, amount=b.amount) for b in budgets),
    )


def consistency_findings(*, organisation: Any, year: int, upto: int = 4) -> list[calc.Finding]:
    return calc.check_consistency(org_year_input(organisation=organisation, year=year, upto=upto))


def scale_for(*, pemda: Any, use: str) -> calc.Scale | None:
    """The pemda's scale for ``use`` as a calculation-module scale (one query), or None."""
    scale = PredikatScale.objects.in_use(pemda, use)
    return scale.to_calc() if scale is not None else None
