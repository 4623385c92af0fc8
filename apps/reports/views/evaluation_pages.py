"""The SAKIP evaluation of a kecamatan for a year: the Inspektorat records it (scores, LHE,
recommendations), the kecamatan answers each recommendation with its follow-up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, scoped_get
from apps.core.forms import errors_by_field
from apps.organisations.models import Organisation

from ..evaluation import evaluation_save, follow_up_save, nilai
from ..forms import EvaluationForm, FollowUpForm
from ..models import Recommendation, SakipEvaluation


class EvaluationView(RoleRequiredMixin, View):
    """The SAKIP evaluation of a kecamatan for a year: the Inspektorat records it, the kecamatan answers each recommendation."""

    def _ctx(self, request: HttpRequest, org_pk: int, year: int, form: EvaluationForm | None = None) -> dict[str, Any]:
        organisation = scoped_get(Organisation, request.user, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
        evaluation = SakipEvaluation.objects.filter(organisation=organisation, year=year).first()
        recs = list(evaluation.recommendations.select_related("follow_up")) if evaluation else []
        score = nilai(evaluation) if evaluation else None
        roles = {m.role for m in request.user.active_memberships()}
        return {
            "organisation": organisation, "year": year, "evaluation": evaluation, "score": score,
            "recommendations": [(r, FollowUpForm(prefix=f"r{r.pk}", instance=getattr(r, "follow_up", None))) for r in recs],
            "form": form or EvaluationForm(evaluation=evaluation), "can_evaluate": request.user.has_role("inspektorat", organisation),
            "can_follow_up": "operator" in roles and request.user.has_role("operator", organisation),
        }  # fmt: skip

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        return render(request, "reports/evaluation.html", self._ctx(request, org_pk, year))

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, pk=org_pk)
        if "recommendation" in request.POST:
            self._follow_up(request, organisation)
            return redirect("reports:evaluation", org_pk=org_pk, year=year)
        form = EvaluationForm(request.POST)
        if form.is_valid() and self._evaluation(request, organisation, year, form):
            messages.success(request, _("Hasil evaluasi disimpan."))
            return redirect("reports:evaluation", org_pk=org_pk, year=year)
        return render(request, "reports/evaluation.html", self._ctx(request, org_pk, year, form))

    def _follow_up(self, request: HttpRequest, organisation: Organisation) -> None:
        """The kecamatan's follow-up of one recommendation of its evaluation."""
        rec = scoped_get(
            Recommendation,
            request.user,
            queryset=Recommendation.objects.filter(evaluation__organisation=organisation),
            pk=request.POST.get("recommendation", "0") if request.POST.get("recommendation", "").isdigit() else 0,
        )
        form = FollowUpForm(request.POST, prefix=f"r{rec.pk}")
        if not form.is_valid():
            messages.error(request, _("Periksa isian tindak lanjut."))
            return
        try:
            follow_up_save(recommendation=rec, user=request.user, data=form.cleaned_data)
        except ValidationError as exc:  # the LKjIP of the year is submitted or approved (apps.reports.freeze)
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Tindak lanjut disimpan."))

    def _evaluation(self, request: HttpRequest, organisation: Organisation, year: int, form: EvaluationForm) -> bool:
        """The Inspektorat's evaluation saved; refused, its errors go to the form's fields."""
        try:
            evaluation_save(
                organisation=organisation,
                year=year,
                user=request.user,
                fields=form.fields_data(),
                recommendations=form.cleaned_data["recommendations"].splitlines(),
            )
        except ValidationError as exc:
            for field, msgs in errors_by_field(exc).items():
                for m in msgs:
                    form.add_error(field if field in form.fields else None, m)
            return False
        return True
