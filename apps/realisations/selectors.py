"""Reads for the realisation page: fetch, then compute.

Every figure (aggregates, capaian) comes from apps.calculations (through its bridge); this
module only gathers its inputs in a fixed number of queries. The quarterly grid, which grades
each capaian on the pemda's predikat scale, is read by apps.performance.selectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps import calculations as calc
from apps.agreements.models import PKItem
from apps.agreements.selectors import latest_pk
from apps.calculations import bridge
from apps.planning.models import ComparisonFigure, Indicator

from .models import Evidence, Realisation

#: No candidate value: the figures of the stored realisations.
STORED = False


def values_by_indicator(realisations: list[Realisation]) -> dict[int, dict[int, Realisation]]:
    """The rows by indicator, then by quarter."""
    out: dict[int, dict[int, Realisation]] = {}
    for r in realisations:
        out.setdefault(r.indicator_id, {})[r.quarter] = r
    return out


@dataclass
class QuarterCell:
    number: int
    target: Decimal | None
    value: Decimal | None
    cumulative: Any
    capaian: Any


@dataclass
class RealisationDetail:
    indicator: Indicator
    realisation: Realisation | None
    item: PKItem | None
    quarters: list[QuarterCell]
    capaian: Any
    below_target: bool
    evidence: list[Evidence]
    comparisons: list[ComparisonFigure]


def _quarter_cells(
    *, indicator: Indicator, year: int, quarter: int, candidate: Decimal | None | bool
) -> tuple[PKItem | None, list[QuarterCell]]:
    """The PK item of ``indicator`` and its four quarters (target, value, value s/d TW, capaian); with a
    ``candidate`` (not :data:`STORED`) the figures are those the new value of ``quarter`` would give."""
    agreement = latest_pk(organisation=indicator.organisation, year=year)
    item = agreement.items.filter(indicator=indicator).first() if agreement else None
    codes = bridge.formula_codes(indicator)
    related = [indicator, *Indicator.objects.filter(renstra=indicator.renstra_id, code__in=codes)] if codes else [indicator]
    by_indicator = values_by_indicator(list(Realisation.objects.filter(indicator__in=related, year=year)))
    if candidate is not STORED:
        stub = by_indicator.setdefault(indicator.pk, {})
        existing = stub.get(quarter)
        stub[quarter] = Realisation(indicator=indicator, year=year, quarter=quarter, value=candidate,
                                    faktor_penghambat=existing.faktor_penghambat if existing else "")  # fmt: skip
    qvals = bridge.quarter_values(related, by_indicator)[indicator.pk]
    states = bridge.quarter_states(by_indicator).get(indicator.pk)  # "belum tersedia" / "tidak dapat diukur"
    cells = []
    for q in calc.QUARTERS:
        target, target_max = bridge.target_upto(item, q) if item is not None else (None, None)
        cumulative = bridge.aggregate(indicator, qvals, q, states)
        cap = cumulative if calc.is_state(cumulative) else bridge.capaian(indicator, target, target_max, cumulative.value)
        cells.append(QuarterCell(number=q, target=target, value=qvals[q - 1], cumulative=cumulative, capaian=cap))
    return item, cells


def _below(capaian: calc.Result) -> bool:
    return capaian.value is not None and capaian.value < 100


def below_target_with(*, indicator: Indicator, year: int, quarter: int, value: Decimal | None) -> bool:
    """Whether the capaian s/d ``quarter`` would be below target (under 100 %) with ``value`` as the
    quarter's realisation: then faktor penghambat and solusi are required (PermenPANRB 53/2014, the
    analysis of causes and solutions; apps.realisations.services.realisation_save)."""
    _item, cells = _quarter_cells(indicator=indicator, year=year, quarter=quarter, candidate=value)
    return _below(cells[quarter - 1].capaian)


def realisation_detail(*, indicator: Indicator, year: int, quarter: int) -> RealisationDetail:
    """One indicator's year, quarter by quarter, with the realisation of ``quarter``, its evidence and
    the comparison figures of the year."""
    item, cells = _quarter_cells(indicator=indicator, year=year, quarter=quarter, candidate=STORED)
    current = cells[quarter - 1].capaian
    realisation = Realisation.objects.filter(indicator=indicator, year=year, quarter=quarter).prefetch_related("evidence").first()
    return RealisationDetail(
        indicator=indicator,
        realisation=realisation,
        item=item,
        quarters=cells,
        capaian=current,
        below_target=_below(current),
        evidence=list(realisation.evidence.all()) if realisation else [],
        comparisons=list(ComparisonFigure.objects.filter(indicator=indicator, year=year).order_by("level", "peer")),
    )
