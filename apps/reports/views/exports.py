"""Downloads: a report in every format (the approved version's stored bytes, else live data), its PDF
rendered in the background, the pemda's approved LKjIP in one zip and a report's evidence in one zip.
The files are built by apps.reports.bundles and the renderers; these views check the scope and send them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, scoped_get
from apps.organisations.models import Pemda

from .. import services
from ..bundles import evidence_zip, pemda_lkjip_zip, stored_output
from ..models import RenderJob, Report, Status
from ..renderers import RENDERERS
from ..tasks import enqueue_render
from ..workflow import latest_snapshot
from .common import attachment, period_report, scoped_report

PDF_NEEDS_REPORT = _("Belum ada Perjanjian Kinerja %(org)s tahun %(year)s, jadi belum ada laporan yang dapat dicetak sebagai PDF.")


class ReportDownloadView(RoleRequiredMixin, View):
    """A report in one format (by its row, or by its period when it may have none): an approved or
    reviewed report's stored version in every format (PDF, XLSX, JSON and the page's HTML), else live data."""

    def get(self, request: HttpRequest, fmt: str, pk: int | None = None, **period: Any) -> HttpResponse:
        report = scoped_report(request, pk) if pk is not None else period_report(request, **period)
        if fmt not in RENDERERS:
            raise Http404
        snapshot = latest_snapshot(report) if report.pk and report.status in (Status.APPROVED, Status.REVIEWED) else None
        if snapshot is not None:
            return attachment(stored_output(snapshot, fmt))
        if fmt == "pdf":
            return self._pdf(request, report)
        return attachment(RENDERERS[fmt](services.report_document(report=report)))

    def _pdf(self, request: HttpRequest, report: Report) -> HttpResponse:
        """A live PDF is rendered in the background (tasks.enqueue_render), for a report row."""
        if report.pk is None:
            # A PDF job belongs to a report row. Asking for a PDF is an explicit action, so it creates the
            # row, but only for a year the kecamatan reports on (it has a PK): opening a page never does.
            if not services.period_has_plan(organisation=report.organisation, year=report.year):
                messages.info(request, PDF_NEEDS_REPORT % {"org": report.organisation, "year": report.year})
                return redirect(report.get_absolute_url())
            report = services.report_get_or_create(organisation=report.organisation, year=report.year, period=report.period)
        job = enqueue_render(report=report, user=request.user)
        return redirect("reports:render_job", pk=job.pk)


class RenderJobView(RoleRequiredMixin, View):
    """Progress of a background PDF; polled by htmx until the file is ready, then offered for download."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        job = scoped_get(RenderJob, request.user, queryset=RenderJob.objects.select_related("report__organisation__pemda"), pk=pk)
        if job.requested_by_id != request.user.pk:
            raise Http404
        if request.GET.get("unduh") and job.state == RenderJob.State.DONE:
            return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename, content_type="application/pdf")
        template = "reports/_render_job.html" if request.htmx else "reports/render_job.html"
        return render(request, template, {"job": job, "report": job.report, "organisation": job.report.organisation})


class PemdaZipView(RoleRequiredMixin, View):
    """The approved LKjIP PDFs of the pemda's kecamatan for a year, in one zip (bundles.pemda_lkjip_zip)."""

    required_roles = ("inspektorat", "admin")

    def get(self, request: HttpRequest, pemda_pk: int, year: int) -> HttpResponse:
        pemda = get_object_or_404(Pemda.objects.overseen_by(request.user), pk=pemda_pk)
        return attachment(pemda_lkjip_zip(pemda=pemda, year=year))


class EvidenceBundleView(RoleRequiredMixin, View):
    """One zip of all evidence of a report, indexed by indicator and quarter (bundles.evidence_zip)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return attachment(evidence_zip(scoped_get(Report, request.user, pk=pk)))
