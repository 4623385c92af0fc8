"""Fetch every input of an organisation-year in a fixed number of queries, then hand it to
the pure calculation module (convention 6: fetch, then compute).

These reads sit above realisations and budgets because they join both (the consistency check) or
grade a figure on the pemda's predikat scale (:class:`PredikatScale`, this app's model): the
realisation grid and the pre-submission check are read here (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from apps import calculations as calc
from apps.agreements.models import PerjanjianKinerja, PKItem
from apps.agreements.selectors import latest_pk
from apps.budgets.selectors import consistency_budget
from apps.calculations import bridge
from apps.core.periods import ROMAN
from apps.planning.models import Indicator, IndicatorTarget
from apps.planning.selectors import with_components
from apps.realisations.models import Evidence, Realisation
from apps.realisations.selectors import values_by_indicator

from .models import PredikatScale, ReportConvention

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
    state: str = ""  # "Belum tersedia" / "Tidak dapat diukur" for the quarter, with its reason in capaian.reason


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
    by_indicator = values_by_indicator(realisations)
    values = bridge.quarter_values(renstra_indicators, by_indicator)
    states = bridge.quarter_states(by_indicator)
    scale = scale_for(pemda=organisation.pemda, use="capaian")
    rows = []
    for item in items:
        ind = item.indicator
        qvals = values[ind.pk]
        # The indicator's figure as every report shows it (apps.reports.figures reads the same one).
        figure = bridge.indicator_figure(item, qvals, quarter, scale, states.get(ind.pk))
        target, cumulative, capaian, below = figure.target, figure.realised, figure.capaian, figure.below_target
        missing = []
        mine = by_indicator.get(ind.pk, {})
        current = mine.get(quarter)
        computed = bridge.is_rollup(ind)  # a roll-up's realisation is computed from the indicators under it
        stated = current is not None and bool(current.state)  # "belum tersedia" / "tidak dapat diukur" with its reason
        if qvals[quarter - 1] is None and not computed and not stated:
            missing.append(MISSING_VALUE)
        if not ind.is_composite and not computed and not stated and (current is None or not current.evidence.all()):
            missing.append(MISSING_EVIDENCE)
        if below and (current is None or not current.faktor_penghambat.strip() or not current.solusi.strip()):
            missing.append(MISSING_FAKTOR)
        projection = bridge.projection(item, qvals, quarter)
        rows.append(
            GridRow(indicator=ind, item=item, annual_target=item.annual_target, target=target, quarter_values=qvals,
                    cumulative=cumulative, capaian=capaian, below_target=below, missing=missing,
                    predikat=figure.predikat, projection=projection,
                    state=str(current.get_state_display()) if stated else "")
        )  # fmt: skip
    return Grid(agreement=agreement, quarter=quarter, rows=rows)


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
    states = bridge.quarter_states(rows)
    result = []
    for item in items:
        ind = item.indicator
        current = rows.get(ind.pk, {}).get(upto)
        result.append(
            calc.IndicatorYear(
                code=ind.code or str(ind.pk),
                name=ind.name,
                target=item.annual_target,
                rule=bridge.rule_of(ind),
                pk_target=item.annual_target,
                renstra_target=renstra_targets.get(ind.pk),
                tw_targets={q: item.quarter_target(q) for q in range(1, 5)},
                realisations={q: v for q, v in enumerate(values[ind.pk], start=1)},
                faktor_penghambat=current.faktor_penghambat if current else "",
                solusi=current.solusi if current else "",
                computed=bridge.is_rollup(ind),
                states=states.get(ind.pk, {}),
            )  # fmt: skip
        )
    budgets = list(agreement.program_budgets.select_related("program"))
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


def convention_for(*, pemda: Any) -> calc.Convention:
    """The pemda's report convention (one query); the neutral convention when it has none (issue 18)."""
    row = ReportConvention.objects.filter(pemda=pemda).first()
    return row.to_calc() if row is not None else calc.NEUTRAL


def scales_for(*, pemda: Any, uses: tuple[str, ...]) -> dict[str, calc.Scale]:
    """The pemda's scales for ``uses`` by use, in the queries of one (the scales, their bands)."""
    scales = PredikatScale.objects.filter(pemda=pemda, use__in=uses).prefetch_related("bands")
    return {scale.use: scale.to_calc() for scale in scales}
