"""The realisation pages that show computed figures: the quarterly grid (capaian graded on the pemda's
predikat scale, projection, completeness) and the pre-submission consistency check (which joins the
realisations and the budgets). They read apps.performance.selectors, above both, and keep the paths
and names of the ``realisations`` URL namespace (apps.performance.urls, joined in lkjip/urls.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, can_edit, scoped_get
from apps.core import locks
from apps.core.forms import errors_by_field
from apps.organisations.models import Organisation
from apps.planning.models import Indicator
from apps.realisations import services
from apps.realisations.forms import AspectScoresForm
from apps.realisations.models import AspectScore

from .selectors import consistency_findings, convention_for, realisation_grid

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


def _index_rounding(indicator: Indicator) -> str:
    """The rounding mode the pemda's report convention gives indices (half up, or truncate)."""
    return convention_for(pemda=indicator.organisation.pemda).rule("indeks").rounding


class AspectScoresView(RoleRequiredMixin, View):
    """The skor per aspect of an "indeks beraspek" indicator in a year (issue 18), with the index they give (the
    realisation of TW IV, at the indicator's precision by the rounding the pemda's report convention gives
    indices: it lives here, above apps.realisations, to read that convention) and its derivation.
    POST saves all the year's scores at once; a refusal (a skor outside
    the scale, a frozen year) changes nothing and shows the form again (422 when the year is frozen)."""

    def _page(self, request: HttpRequest, indicator: Indicator, year: int, form: AspectScoresForm, status: int = 200) -> HttpResponse:
        result = services.aspect_index_of(indicator, year, rounding=_index_rounding(indicator))
        ctx = {"indicator": indicator, "organisation": indicator.organisation, "year": year, "form": form,
               "result": result, "can_edit": can_edit(request.user, indicator)}  # fmt: skip
        return render(request, "realisations/aspect_scores.html", ctx, status=status)

    def _form(self, indicator: Indicator, year: int, data: Any = None) -> AspectScoresForm:
        if not indicator.is_aspect_index:
            raise Http404
        scores = dict(AspectScore.objects.filter(aspect__indicator=indicator, year=year).values_list("aspect_id", "score"))
        return AspectScoresForm(data, aspects=list(indicator.aspects.all()), scores=scores)

    def get(self, request: HttpRequest, indicator_pk: int, year: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, pk=indicator_pk)
        return self._page(request, indicator, year, self._form(indicator, year))

    def post(self, request: HttpRequest, indicator_pk: int, year: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, write=True, pk=indicator_pk)
        form = self._form(indicator, year, request.POST)
        if form.is_valid():
            try:
                services.aspect_scores_save(
                    indicator=indicator, year=year, scores=form.scores(), user=request.user, rounding=_index_rounding(indicator)
                )
            except ValidationError as exc:
                for field, errors in errors_by_field(exc).items():
                    form.add_error(field if field in form.fields else None, errors)
                return self._page(request, indicator, year, form, status=422 if locks.is_frozen(exc) else 200)
            messages.success(request, _("Skor aspek %(year)s disimpan.") % {"year": year})
            return redirect("realisations:aspect_scores", indicator_pk=indicator.pk, year=year)
        return self._page(request, indicator, year, form)
