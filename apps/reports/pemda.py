"""The Inspektorat's pemda-wide overview: every kecamatan with report status and the figures of its
LKjIP of the year (apps.reports.figures: the same figures as its LKjIP page, from the PK and DPA
versions that LKjIP reads), in a fixed number of queries however many kecamatan the pemda has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from apps import calculations as calc
from apps.organisations.models import Organisation

from .figures import OrganisationFigures, figures_of
from .models import Period, Report, ReportSnapshot, Status


@dataclass
class OverviewRow:
    organisation: Organisation
    annual: Report | None
    quarterly: list[Report]
    figures: OrganisationFigures

    @property
    def capaian(self) -> calc.Result:
        return self.figures.capaian

    @property
    def predikat(self) -> calc.Band | None:
        return self.figures.predikat

    @property
    def serapan(self) -> calc.Result:
        return self.figures.serapan

    @property
    def efisiensi(self) -> calc.Result:
        return self.figures.efisiensi_selisih


def pemda_overview(*, pemda: Any, year: int) -> list[OverviewRow]:
    """One row per kecamatan: its reports of ``year`` and the figures of its annual LKjIP."""
    orgs = list(Organisation.objects.filter(pemda=pemda).order_by("name"))
    reports: dict[int, list[Report]] = {}
    for r in Report.objects.filter(organisation__pemda=pemda, year=year).order_by("period"):
        reports.setdefault(r.organisation_id, []).append(r)
    annual = {org.pk: next((r for r in reports.get(org.pk, []) if r.period == Period.ANNUAL), None) for org in orgs}
    figures = figures_of(organisations=orgs, year=year, upto=4, reports=annual)
    return [
        OverviewRow(
            organisation=org,
            annual=annual[org.pk],
            quarterly=[r for r in reports.get(org.pk, []) if r.period != Period.ANNUAL],
            figures=figures[org.pk],
        )
        for org in orgs
    ]


def approved_snapshots(*, pemda: Any, year: int) -> list[ReportSnapshot]:
    """The annual LKjIP in force of each kecamatan of the pemda: reports approved or reviewed, each
    with its latest approved version (a reopened or returned report has none in force)."""
    latest: dict[int, ReportSnapshot] = {}
    for s in (
        ReportSnapshot.objects.filter(
            report__organisation__pemda=pemda,
            report__year=year,
            report__period=Period.ANNUAL,
            report__status__in=[Status.APPROVED, Status.REVIEWED],
        )
        .select_related("report__organisation")
        .order_by("report__organisation__name", "report_id", "version")
    ):
        latest[s.report_id] = s
    return list(latest.values())
