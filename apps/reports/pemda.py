"""The Inspektorat's pemda-wide overview: every kecamatan with report status, capaian and serapan,
computed in a fixed number of queries however many kecamatan the pemda has."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.agreements.models import PerjanjianKinerja, PKItem
from apps.organisations.models import Organisation
from apps.performance import bridge
from apps.performance import calculations as calc
from apps.performance.selectors import scale_for, with_components
from apps.realisations.models import Realisation

from .models import Period, Report, ReportSnapshot, Status


@dataclass
class OverviewRow:
    organisation: Organisation
    annual: Report | None
    quarterly: list[Report]
    capaian: calc.Result
    predikat: calc.Band | None
    serapan: calc.Result


def pemda_overview(*, pemda: Any, year: int) -> list[OverviewRow]:
    orgs = list(Organisation.objects.filter(pemda=pemda).order_by("name"))
    reports: dict[int, list[Report]] = {}
    for r in Report.objects.filter(organisation__pemda=pemda, year=year).order_by("period"):
        reports.setdefault(r.organisation_id, []).append(r)
    latest: dict[int, PerjanjianKinerja] = {}
    for pk in PerjanjianKinerja.objects.filter(organisation__pemda=pemda, year=year).order_by("version_number"):
        latest[pk.organisation_id] = pk
    items: dict[int, list[PKItem]] = {}
    for item in PKItem.objects.filter(agreement__in=[p.pk for p in latest.values()]).select_related("indicator"):
        items.setdefault(item.agreement_id, []).append(item)
    # Only what the overview computes: the sasaran-level PK indicators and their components.
    shown = [item.indicator for its in items.values() for item in its if item.indicator.level == "sasaran"]
    indicators = with_components(shown, renstra_ids={p.renstra_id for p in latest.values()})
    rows_by_indicator: dict[int, dict[int, Realisation]] = {}
    for r in Realisation.objects.filter(indicator__in=[i.pk for i in indicators], year=year).only("indicator_id", "quarter", "value"):
        rows_by_indicator.setdefault(r.indicator_id, {})[r.quarter] = r
    values = bridge.quarter_values(indicators, rows_by_indicator)
    scale = scale_for(pemda=pemda, use="capaian")
    budgets = _serapan(pemda, year)
    out = []
    for org in orgs:
        pk = latest.get(org.pk)
        mine = items.get(pk.pk, []) if pk else []
        by_sasaran: dict[int, list[tuple[calc.Result, Decimal]]] = {}
        for item in mine:
            ind = item.indicator
            if ind.level != "sasaran":
                continue
            realised = bridge.aggregate(ind, values.get(ind.pk, [None] * 4), 4)
            cap = bridge.capaian(ind, item.annual_target, item.annual_target_max, realised.value)
            by_sasaran.setdefault(ind.sasaran_id, []).append((cap, ind.weight))
        clamp = scale.clamp if scale else None
        per_sasaran = [calc.rollup(v, weighted=True, clamp=clamp) for v in by_sasaran.values()]
        capaian = calc.rollup(per_sasaran, clamp=clamp) if per_sasaran else calc.Result.blank(calc.Reason.NO_VALUES)
        org_reports = reports.get(org.pk, [])
        out.append(
            OverviewRow(
                organisation=org,
                annual=next((r for r in org_reports if r.period == Period.ANNUAL), None),
                quarterly=[r for r in org_reports if r.period != Period.ANNUAL],
                capaian=capaian,
                predikat=calc.categorise(scale, capaian, places=2) if scale else None,
                serapan=budgets.get(org.pk, calc.Result.blank(calc.Reason.MISSING_SERAPAN)),
            )
        )
    return out


def _serapan(pemda: Any, year: int) -> dict[int, calc.Result]:
    """Serapan s/d TW IV per kecamatan from the DPA in force and its realisasi (3 queries for the whole pemda)."""
    from apps.budgets.models import BudgetRealisation, DpaLine, DpaVersion
    from apps.budgets.selectors import build_tree

    latest: dict[int, int] = {}
    for v in DpaVersion.objects.filter(organisation__pemda=pemda, year=year).order_by("sequence").values("pk", "organisation_id"):
        latest[v["organisation_id"]] = v["pk"]
    lines: dict[int, list[Any]] = {}
    for line in DpaLine.objects.filter(version__in=latest.values()).select_related("version"):
        lines.setdefault(line.version.organisation_id, []).append(line)
    amounts: dict[tuple[int, str], Any] = {}
    for r in BudgetRealisation.objects.filter(organisation__pemda=pemda, year=year, quarter=4):
        amounts[(r.organisation_id, r.code)] = r.amount
    out = {}
    for org_id, org_lines in lines.items():
        tree = build_tree(org_lines, pagu=lambda ln: ln.pagu, realisasi=lambda ln, o=org_id: amounts.get((o, ln.code)))
        out[org_id] = tree.serapan()
    return out


def approved_snapshots(*, pemda: Any, year: int) -> list[ReportSnapshot]:
    """The annual LKjIP in force of each kecamatan of the pemda: reports approved or reviewed, each
    with its latest approved version (a reopened or returned report has none in force)."""
    latest: dict[int, ReportSnapshot] = {}
    for s in (
        ReportSnapshot.objects.filter(
            report__organisation__pemda=pemda, report__year=year, report__period=Period.ANNUAL, report__status__in=[Status.APPROVED, Status.REVIEWED]
        )
        .select_related("report__organisation")
        .order_by("report__organisation__name", "report_id", "version")
    ):
        latest[s.report_id] = s
    return list(latest.values())
