"""Report pages and downloads: thin views over services and renderers."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, can_edit, scoped_get
from apps.organisations.models import Organisation

from . import services
from .builder import Drafts, Figures
from .forms import NarrativeForm
from .inputs import report_inputs
from .models import NarrativeSection, Period, Report
from .renderers import RENDERERS


class ReportIndexView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, pk=org_pk)
        reports = Report.objects.for_user(request.user).filter(organisation=organisation)
        from apps.agreements.models import PerjanjianKinerja

        years = sorted(set(PerjanjianKinerja.objects.filter(organisation=organisation).values_list("year", flat=True)), reverse=True)
        return render(
            request, "reports/index.html", {"organisation": organisation, "reports": reports, "years": years, "periods": Period.choices}
        )


class ReportView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, org_pk: int, year: int, period: str) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
        if period not in Period.values or not (2000 <= year <= 2100):
            raise Http404
        report = services.report_get_or_create(organisation=organisation, year=year, period=period)
        doc = services.report_document(report=report)
        ctx = {
            "organisation": organisation,
            "report": report,
            "doc": doc,
            "sections_flat": doc.walk(),
            "periods": Period.choices,
            "editable": can_edit(request.user, organisation),
        }
        return render(request, "reports/page.html", ctx)


class ReportDownloadView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        report = scoped_get(Report, request.user, queryset=Report.objects.select_related("organisation__pemda"), pk=pk)
        if fmt not in RENDERERS:
            raise Http404
        doc = services.report_document(report=report)
        name, content_type, payload = RENDERERS[fmt](doc)
        response = HttpResponse(payload, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class NarrativeEditView(RoleRequiredMixin, View):
    def _ctx(self, request: HttpRequest, pk: int, key: str) -> tuple[Report, str]:
        if key not in NarrativeSection.Key.values:
            raise Http404
        return scoped_get(Report, request.user, write=True, queryset=Report.objects.select_related("organisation__pemda"), pk=pk), key

    def _draft(self, report: Report, key: str) -> str:
        from django.utils import timezone

        data = report_inputs(
            organisation=report.organisation, year=report.year, upto=report.quarter, day=timezone.localdate(), report=report
        )
        return Drafts(Figures(data)).get(key)

    def get(self, request: HttpRequest, pk: int, key: str) -> HttpResponse:
        report, key = self._ctx(request, pk, key)
        stored = NarrativeSection.objects.filter(report=report, key=key).first()
        form = NarrativeForm(initial={"text": stored.text if stored and stored.text else self._draft(report, key)})
        label = NarrativeSection.Key(key).label
        return render(
            request,
            "reports/narrative.html",
            {"form": form, "report": report, "organisation": report.organisation, "label": label, "key": key},
        )

    def post(self, request: HttpRequest, pk: int, key: str) -> HttpResponse:
        report, key = self._ctx(request, pk, key)
        form = NarrativeForm(request.POST)
        if not form.is_valid():
            label = NarrativeSection.Key(key).label
            return render(
                request,
                "reports/narrative.html",
                {"form": form, "report": report, "organisation": report.organisation, "label": label, "key": key},
            )
        services.narrative_save(report=report, key=key, text=form.cleaned_data["text"], user=request.user)
        messages.success(request, _("Narasi disimpan."))
        return redirect("reports:view", org_pk=report.organisation_id, year=report.year, period=report.period)
