"""The realisation pages that show computed figures: the quarterly grid (capaian graded on the pemda's
predikat scale, projection, completeness) and the pre-submission consistency check (which joins the
realisations and the budgets). They read apps.performance.selectors, above both, and keep the paths
and names of the ``realisations`` URL namespace (apps.performance.urls, joined in lkjip/urls.py)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, can_edit, scoped_get
from apps.organisations.models import Organisation

from .selectors import consistency_findings, realisation_grid

QUARTER_NUMBERS = [1, 2, 3, 4]


def _quarter(q: int) -> int:
    if q not in QUARTER_NUMBERS:
        raise Http404
    return q


def _organisation(request: HttpRequest, org_pk: int) -> Organisation:
    organisation: Organisation = scoped_get(Organisation, request.user, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
    return organisation


class GridView(RoleRequiredMixin, View):
    """The PK's indicators for a quarter: realisations, capaian, predikat, projection, what is missing."""

    def get(self, request: HttpRequest, org_pk: int, year: int, quarter: int) -> HttpResponse:
        organisation = _organisation(request, org_pk)
        grid = realisation_grid(organisation=organisation, year=year, quarter=_quarter(quarter))
        ctx = {"organisation": organisation, "grid": grid, "year": year, "quarter": quarter, "quarters": QUARTER_NUMBERS,
               "can_edit": can_edit(request.user, organisation)}  # fmt: skip
        return render(request, "realisations/grid.html", ctx)


class ConsistencyView(RoleRequiredMixin, View):
    """What is missing or contradictory in an organisation-year, before submission (docs/domain.md section 9)."""

    def get(self, request: HttpRequest, org_pk: int, year: int, quarter: int) -> HttpResponse:
        organisation = _organisation(request, org_pk)
        findings = consistency_findings(organisation=organisation, year=year, upto=_quarter(quarter))
        errors = [f for f in findings if f.severity.name == "ERROR"]
        warnings = [f for f in findings if f.severity.name != "ERROR"]
        ctx = {"organisation": organisation, "year": year, "quarter": quarter, "errors": errors, "warnings": warnings,
               "quarters": QUARTER_NUMBERS}  # fmt: skip
        return render(request, "realisations/consistency.html", ctx)
