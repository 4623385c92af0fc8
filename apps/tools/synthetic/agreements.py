"""Each kecamatan's Perjanjian Kinerja murni for the year: items with quarterly targets and the
program budgets (``p["program_budget"]``, which the DPA lines later add up to)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from apps.agreements.models import PerjanjianKinerja, PKItem, PKProgramBudget
from apps.core.numbers import quantize
from apps.planning.models import Indicator
from apps.tools.synthetic.context import HUNDRED, Plan, Run


def agreements(run: Run, plans: list[Plan]) -> None:
    """A PK murni per kecamatan: sasaran-level items (IKU first) then program items, as pk_create_from_renstra orders them."""
    year = run.year
    pks = run.bulk(
        PerjanjianKinerja,
        [
            PerjanjianKinerja(
                organisation=p["org"], renstra=p["renstra"], year=year, signing_date=dt.date(year, 1, 31), signing_place=p["org"].name
            )
            for p in plans
        ],
    )
    items, budgets = [], []
    for p, pk in zip(plans, pks, strict=True):
        p["agreement"] = pk
        chosen = [s for s in p["specs"] if s["indicator"].level in ("sasaran", "program")]
        chosen.sort(key=lambda s: (s["indicator"].level != "sasaran", not s["indicator"].is_iku, s["indicator"].order))
        for order, spec in enumerate(chosen):
            ind, target = spec["indicator"], spec["target"]
            tw = tw_targets(ind, target)
            items.append(PKItem(agreement=pk, indicator=ind, annual_target=target, tw1=tw[0], tw2=tw[1], tw3=tw[2], tw4=tw[3], order=order))
            spec["in_pk"] = True
        p["program_budget"] = {}
        for prog in p["programs"]:
            amount = Decimal(p["rng"].randint(200, 2500) * 1_000_000)
            p["program_budget"][prog.pk] = amount
            budgets.append(PKProgramBudget(agreement=pk, program=prog, amount=amount))
    run.bulk(PKItem, items)
    run.bulk(PKProgramBudget, budgets)


def tw_targets(ind: Indicator, target: Decimal) -> list[Decimal]:
    """Cumulative TW targets: a quarter of the year each for sums; 70/80/90/100 % of the target for latest values."""
    if ind.aggregation == Indicator.Aggregation.CUMULATIVE_SUM:
        return [quantize(target * q / 4, ind.precision) for q in (1, 2, 3)] + [target]
    return [quantize(target * pct / HUNDRED, ind.precision) for pct in (70, 80, 90)] + [target]
