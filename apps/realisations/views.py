"""Realisation pages: one realisation with its evidence, evidence download, the redirect to the current grid.

The grid itself and the pre-submission check show computed figures graded on the pemda's scale and
join the budgets: they are apps.performance.views, under this app's URL namespace (lkjip/urls.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, can_edit, scoped_get
from apps.core import locks
from apps.core.forms import errors_by_field
from apps.core.periods import reporting_quarter
from apps.organisations.models import Organisation
from apps.planning.models import Indicator, IndicatorTarget

from . import services
from .evidence import download_name
from .forms import ComparisonForm, EvidenceForm, HistoryForm, RealisationForm, ServiceScoreForm
from .models import Evidence, Realisation, ServiceScore
from .selectors import realisation_detail


def _quarter(q: int) -> int:
    if q not in (1, 2, 3, 4):
        raise Http404
    return q


class CurrentGridView(RoleRequiredMixin, View):
    """The reporting quarter's grid (the previous quarter until its due date)."""

    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, pk=org_pk)
        q = reporting_quarter(timezone.localdate())
        return redirect("realisations:grid", org_pk=organisation.pk, year=q.year, quarter=q.number)


class RealisationEditView(RoleRequiredMixin, View):
    template = "realisations/edit.html"

    def _render(
        self,
        request: HttpRequest,
        indicator: Indicator,
        year: int,
        quarter: int,
        form: RealisationForm | None = None,
        status: int = 200,
        **extra: object,
    ) -> HttpResponse:
        detail = realisation_detail(indicator=indicator, year=year, quarter=quarter)
        editable = can_edit(request.user, indicator)
        if form is None:
            form = RealisationForm.of(detail.realisation, places=indicator.precision + 2)
        ctx = {
            "organisation": indicator.organisation, "indicator": indicator, "year": year, "quarter": quarter, "detail": detail,
            "form": form, "evidence_form": EvidenceForm(), "comparison_form": ComparisonForm(prefix="pembanding"), "can_edit": editable, **extra,
        }  # fmt: skip
        return render(request, self.template, ctx, status=status)

    def get(self, request: HttpRequest, indicator_pk: int, year: int, quarter: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, queryset=Indicator.objects.select_related("organisation__pemda"), pk=indicator_pk)
        return self._render(request, indicator, year, _quarter(quarter))

    def post(self, request: HttpRequest, indicator_pk: int, year: int, quarter: int) -> HttpResponse:
        indicator = scoped_get(
            Indicator, request.user, write=True, queryset=Indicator.objects.select_related("organisation__pemda"), pk=indicator_pk
        )
        quarter = _quarter(quarter)
        form = RealisationForm(request.POST, places=indicator.precision + 2)
        if not form.is_valid():
            messages.error(request, _("Periksa isian yang ditandai. Tidak ada yang disimpan."))
            return self._render(request, indicator, year, quarter, form)
        try:  # the service decides whether the value is below target and then requires the analysis
            services.realisation_save(indicator=indicator, year=year, quarter=quarter, user=request.user, **form.cleaned_data)
        except services.RealisationConflict as exc:
            messages.error(request, exc.messages[0])
            return self._render(request, indicator, year, quarter, None, status=409)
        except ValidationError as exc:
            for field, msgs in errors_by_field(exc).items():
                for m in msgs:
                    form.add_error(field if field in form.fields else None, m)
            messages.error(request, _("Periksa isian yang ditandai. Tidak ada yang disimpan."))
            return self._render(request, indicator, year, quarter, form)
        messages.success(request, _("Realisasi %(name)s TW %(q)s disimpan.") % {"name": indicator.name, "q": quarter})
        return redirect("realisations:edit", indicator_pk=indicator.pk, year=year, quarter=quarter)


class EvidenceAddView(RoleRequiredMixin, View):
    def post(self, request: HttpRequest, indicator_pk: int, year: int, quarter: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, write=True, pk=indicator_pk)
        quarter = _quarter(quarter)
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                realisation = services.realisation_ensure(indicator=indicator, year=year, quarter=quarter)  # refused in a frozen quarter
                services.evidence_add(
                    realisation=realisation, user=request.user, kind=form.cleaned_data["kind"],
                    description=form.cleaned_data["description"],
                    upload=form.cleaned_data.get("upload"), url=form.cleaned_data.get("url") or "",
                )  # fmt: skip
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Bukti dukung ditambahkan."))
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("realisations:edit", indicator_pk=indicator.pk, year=year, quarter=quarter)


class EvidenceDeleteView(RoleRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        evidence = scoped_get(Evidence, request.user, write=True, queryset=Evidence.objects.select_related("realisation"), pk=pk)
        r = evidence.realisation
        try:
            services.evidence_delete(evidence=evidence)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Bukti dukung dihapus."))
        return redirect("realisations:edit", indicator_pk=r.indicator_id, year=r.year, quarter=r.quarter)


class EvidenceDownloadView(RoleRequiredMixin, View):
    """Served only through the scoped queryset, always as an attachment, never inline or executed."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        evidence = scoped_get(Evidence, request.user, pk=pk)
        if not evidence.file:
            raise Http404
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=download_name(evidence.original_name, evidence.content_type),  # extension of the detected type
            content_type=evidence.content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class ComparisonView(RoleRequiredMixin, View):
    def post(self, request: HttpRequest, indicator_pk: int, year: int, quarter: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, write=True, pk=indicator_pk)
        form = ComparisonForm(request.POST, prefix="pembanding")
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.comparison_set(
                    indicator=indicator,
                    year=year,
                    level=d["level"],
                    value=d["value"],
                    not_available=d["not_available"],
                    source=d["source"],
                    peer=d["peer"],
                )
            except ValidationError as exc:  # the year is frozen (or value and "tidak tersedia" both given)
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Data pembanding disimpan."))
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("realisations:edit", indicator_pk=indicator.pk, year=year, quarter=_quarter(quarter))


class HistoryView(RoleRequiredMixin, View):
    """An indicator's riwayat: target and realisasi of years before the current one (the LKjIP's
    comparison with earlier years; a year may lie before the Renstra period)."""

    def _page(self, request: HttpRequest, indicator: Indicator, form: HistoryForm) -> HttpResponse:
        current = timezone.localdate().year
        targets = {t.year: t.value for t in IndicatorTarget.objects.filter(indicator=indicator, year__lt=current)}
        values = {r.year: r.value for r in Realisation.objects.filter(indicator=indicator, year__lt=current, quarter=4)}
        rows = [(y, targets.get(y), values.get(y)) for y in sorted(set(targets) | set(values), reverse=True)]
        ctx = {"indicator": indicator, "organisation": indicator.organisation, "form": form, "rows": rows,
               "can_edit": can_edit(request.user, indicator), "current_year": current}  # fmt: skip
        return render(request, "realisations/history.html", ctx)

    def get(self, request: HttpRequest, indicator_pk: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, pk=indicator_pk)
        return self._page(request, indicator, HistoryForm(initial={"year": timezone.localdate().year - 1}))

    def post(self, request: HttpRequest, indicator_pk: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, write=True, pk=indicator_pk)
        form = HistoryForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.history_save(indicator=indicator, year=d["year"], target=d["target"], value=d["value"], user=request.user)
            except ValidationError as exc:
                for field, errors in errors_by_field(exc).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Riwayat %(year)s disimpan.") % {"year": d["year"]})
                return redirect("realisations:history", indicator_pk=indicator.pk)
        return self._page(request, indicator, form)


class ServiceScoreView(RoleRequiredMixin, View):
    """An indicator's value per jenis layanan in a year (seed 002 §4.6: IKM per jenis layanan); the report prints
    them with the unit's value, their mean. POST adds or replaces one (by name), or removes one (``delete``); a
    refusal (bad input, a frozen year) changes nothing and shows the form again (422 when the year is frozen)."""

    def _page(self, request: HttpRequest, indicator: Indicator, year: int, form: ServiceScoreForm, status: int = 200) -> HttpResponse:
        ctx = {"indicator": indicator, "organisation": indicator.organisation, "year": year, "form": form,
               "rows": list(ServiceScore.objects.filter(indicator=indicator, year=year)), "can_edit": can_edit(request.user, indicator)}  # fmt: skip
        return render(request, "realisations/service_scores.html", ctx, status=status)

    def get(self, request: HttpRequest, indicator_pk: int, year: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, pk=indicator_pk)
        return self._page(request, indicator, year, ServiceScoreForm())

    def post(self, request: HttpRequest, indicator_pk: int, year: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, write=True, pk=indicator_pk)
        form = ServiceScoreForm(request.POST)
        try:
            if "delete" in request.POST:
                score = ServiceScore.objects.filter(indicator=indicator, year=year, pk=request.POST.get("delete") or 0).first()
                if score is None:
                    raise Http404
                services.service_score_delete(score=score)
                messages.success(request, _("Jenis layanan dihapus."))
                return redirect("realisations:service_scores", indicator_pk=indicator.pk, year=year)
            if form.is_valid():
                d = form.cleaned_data
                services.service_score_save(indicator=indicator, year=year, name=d["name"], value=d["value"])
                messages.success(request, _("Nilai %(name)s disimpan.") % {"name": d["name"]})
                return redirect("realisations:service_scores", indicator_pk=indicator.pk, year=year)
        except ValidationError as exc:
            for field, errors in errors_by_field(exc).items():
                form.add_error(field if field in form.fields else None, errors)
            if locks.is_frozen(exc):
                return self._page(request, indicator, year, form, status=422)
        return self._page(request, indicator, year, form)
