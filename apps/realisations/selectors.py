"""Reads for the realisation grid and the realisation page: fetch, then compute.

Every figure (aggregates, capaian) comes from apps.calculations; this
module only gathers its inputs in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from apps import calculations as calc
from apps.agreements.models import PerjanjianKinerja, PKItem
from apps.agreements.selectors import latest_pk
from apps.calculations import bridge
from apps.core.periods import ROMAN
from apps.performance.selectors import rule_of, scale_for, with_components
from apps.planning.models import ComparisonFigure, Indicator

from .models import Evidence, Realisation

MISSING_VALUE = "realisasi belum diisi"
MISSING_EVIDENCE = "bukti dukung belum ada"
MISSING_FAKTOR = "di bawah target: faktor penghambat/solusi belum diisi"


@dataclass
class GridRow:
    indicator: Indicator
    item: PKItem
    annual_target: Decimal | None
    target: Decimal | None
    quarter_values: list[Decimal | None]
    cumulative: Any
    capaian: Any
    below_target: bool
    missing: list[str] = field(default_factory=list)
    predikat: Any = None
    projection: Any = None


@dataclass
class Grid:
    agreement: PerjanjianKinerja | None
    quarter: int
    rows: list[GridRow]

    @property
    def quarter_label(self) -> str:
        return f"Triwulan {ROMAN[self.quarter]}"

    @property
    def complete_count(self) -> int:
        return sum(1 for r in self.rows if not r.missing)

    @property
    def complete_percent(self) -> int:
        return round(100 * self.complete_count / len(self.rows)) if self.rows else 0


def _values_by_indicator(realisations: list[Realisation]) -> dict[int, dict[int, Realisation]]:
    out: dict[int, dict[int, Realisation]] = {}
    for r in realisations:
        out.setdefault(r.indicator_id, {})[r.quarter] = r
    return out


def realisation_grid(*, organisation: Any, year: int, quarter: int) -> Grid:
    """The PK in force for ``year`` with realisations, capaian s/d ``quarter`` and completeness (5 queries)."""
    agreement = latest_pk(organisation=organisation, year=year)
    if agreement is None:
        return Grid(agreement=None, quarter=quarter, rows=[])
    items = list(agreement.items.select_related("indicator").order_by("order", "pk"))
    # Only what the grid shows: the PK's indicators and the components of its composites.
    renstra_indicators = with_components([i.indicator for i in items], renstra_ids=[agreement.renstra_id])
    realisations = list(
        Realisation.objects.filter(indicator__in=[i.pk for i in renstra_indicators], year=year).prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.only("pk", "realisation_id"))
        )
    )
    by_indicator = _values_by_indicator(realisations)
    values = bridge.quarter_values(renstra_indicators, by_indicator)
    scale = scale_for(pemda=organisation.pemda, use="capaian")
    rows = []
    for item in items:
        ind = item.indicator
        qvals = values[ind.pk]
        # The indicator's figure as every report shows it (apps.reports.figures reads the same one).
        figure = bridge.indicator_figure(item, qvals, quarter, scale)
        target, cumulative, capaian, below = figure.target, figure.realised, figure.capaian, figure.below_target
        missing = []
        mine = by_indicator.get(ind.pk, {})
        current = mine.get(quarter)
        if qvals[quarter - 1] is None:
            missing.append(MISSING_VALUE)
        if not ind.is_composite and (current is None or not current.evidence.all()):
            missing.append(MISSING_EVIDENCE)
        if below and (current is None or not current.faktor_penghambat.strip() or not current.solusi.strip()):
            missing.append(MISSING_FAKTOR)
        annual: Any = item.annual_target
        if ind.direction == Indicator.Direction.RANGE and item.annual_target is not None and item.annual_target_max is not None:
            annual = calc.RangeTarget(item.annual_target, item.annual_target_max)
        projection = calc.project_year_end(dict(enumerate(qvals, start=1)), quarter, annual, rule_of(ind)) if quarter < 4 else None
        rows.append(
            GridRow(indicator=ind, item=item, annual_target=item.annual_target, target=target, quarter_values=qvals,
                    cumulative=cumulative, capaian=capaian, below_target=below, missing=missing,
                    predikat=figure.predikat, projection=projection)
        )  # fmt: skip
    return Grid(agreement=agreement, quarter=quarter, rows=rows)


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


def realisation_detail(*, indicator: Indicator, year: int, quarter: int, candidate: Decimal | None | bool = False) -> RealisationDetail:
    """One indicator's year, quarter by quarter; with ``candidate`` the figures are those the
    new value would give (used to decide whether faktor penghambat and solusi are required)."""
    agreement = latest_pk(organisation=indicator.organisation, year=year)
    item = agreement.items.filter(indicator=indicator).first() if agreement else None
    codes = bridge.formula_codes(indicator)
    related = [indicator, *Indicator.objects.filter(renstra=indicator.renstra_id, code__in=codes)] if codes else [indicator]
    realisations = list(Realisation.objects.filter(indicator__in=related, year=year))
    by_indicator = _values_by_indicator(realisations)
    if candidate is not False:
        stub = by_indicator.setdefault(indicator.pk, {})
        existing = stub.get(quarter)
        stub[quarter] = Realisation(indicator=indicator, year=year, quarter=quarter, value=candidate,
                                    faktor_penghambat=existing.faktor_penghambat if existing else "")  # fmt: skip
    qvals = bridge.quarter_values(related, by_indicator)[indicator.pk]
    cells = []
    for q in calc.QUARTERS:
        target, target_max = bridge.target_upto(item, q) if item is not None else (None, None)
        cumulative = bridge.aggregate(indicator, qvals, q)
        cap = bridge.capaian(indicator, target, target_max, cumulative.value)
        cells.append(QuarterCell(number=q, target=target, value=qvals[q - 1], cumulative=cumulative, capaian=cap))
    current = cells[quarter - 1].capaian
    realisation = Realisation.objects.filter(indicator=indicator, year=year, quarter=quarter).prefetch_related("evidence").first()
    return RealisationDetail(
        indicator=indicator,
        realisation=realisation,
        item=item,
        quarters=cells,
        capaian=current,
        below_target=current.value is not None and current.value < 100,
        evidence=list(realisation.evidence.all()) if realisation else [],
        comparisons=list(ComparisonFigure.objects.filter(indicator=indicator, year=year).order_by("level")),
    )
