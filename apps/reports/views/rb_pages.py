"""The Reformasi Birokrasi evaluation of a kecamatan for a year: everyone who sees the kecamatan reads it; the
Inspektorat records it (the letter's component tree and Indeks RB)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps import calculations as calc
from apps.accounts.permissions import RoleRequiredMixin, scoped_get
from apps.core.forms import errors_by_field
from apps.organisations.models import Organisation
from apps.performance.selectors import scale_for

from ..forms import RbEvaluationForm
from ..models import RbEvaluation
from ..rb import can_enter_rb, rb_components_text, rb_evaluation_save, rb_figures

NOTHING_SAVED = "Tidak ada yang disimpan."


class RbEvaluationView(RoleRequiredMixin, View):
    def _render(
        self, request: HttpRequest, organisation: Organisation, year: int, form: RbEvaluationForm | None, status: int = 200
    ) -> HttpResponse:
        evaluation = RbEvaluation.objects.filter(organisation=organisation, year=year).first()
        components = list(evaluation.components.order_by("number")) if evaluation else []
        figures = rb_figures(evaluation, components) if evaluation else None
        scale = scale_for(pemda=organisation.pemda, use="rb") if evaluation else None
        band = calc.categorise(scale, figures.indeks, places=2) if figures and scale else None
        initial: dict[str, Any] = {}
        if evaluation:
            initial = {"letter_number": evaluation.letter_number, "letter_date": evaluation.letter_date, "indeks": evaluation.indeks,
                       "components": rb_components_text(components)}  # fmt: skip
        ctx = {
            "organisation": organisation, "year": year, "evaluation": evaluation, "figures": figures,
            "predikat": calc.predikat_text(band, scale.display) if band and scale else "",
            "form": form or RbEvaluationForm(initial=initial), "can_edit": can_enter_rb(request.user, organisation),
        }  # fmt: skip
        return render(request, "reports/rb_evaluation.html", ctx, status=status)

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
        return self._render(request, organisation, year, None)

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
        if not can_enter_rb(request.user, organisation):
            raise PermissionDenied
        form = RbEvaluationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Periksa isian yang ditandai.") + " " + _(NOTHING_SAVED))
            return self._render(request, organisation, year, form)
        data = form.cleaned_data
        try:
            rb_evaluation_save(
                organisation=organisation, year=year, user=request.user, letter_number=data["letter_number"],
                letter_date=data["letter_date"], indeks=data["indeks"], components=data["components"],
            )  # fmt: skip
        except ValidationError as exc:
            for name, msgs in errors_by_field(exc).items():
                for m in msgs:
                    form.add_error(name if name in form.fields else None, m)
            messages.error(request, _(NOTHING_SAVED))
            return self._render(request, organisation, year, form, status=422)
        messages.success(request, _("Hasil evaluasi RB disimpan."))
        return redirect("reports:rb_evaluation", org_pk=organisation.pk, year=year)
