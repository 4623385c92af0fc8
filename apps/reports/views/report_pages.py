"""Report pages: the per-role home page, a kecamatan's reports, the report page, what changed since the
last approval, the public verification of an approved PDF and the Inspektorat's pemda overview."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, can_edit, scoped_get
from apps.organisations.models import Organisation, Pemda

from .. import page_cache, services
from ..diff import document_changes, evidence_changes
from ..forms import ReportDateForm
from ..freeze import frozen_upto_of
from ..home import home_sections
from ..models import Period, Report, ReportSnapshot, Status
from ..pemda import pemda_overview
from ..renderers import document_dict
from ..selectors import plan_years, snapshot_to_verify
from ..snapshot import page_document_html, snapshot_document_html
from ..verification import snapshot_standing
from ..workflow import evidence_list, latest_snapshot
from .common import approval_state, period_report, scoped_report


class HomeView(RoleRequiredMixin, View):
    """The home page (``/``): one section per role the user holds: what is due, what awaits, which kecamatan."""

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        return render(request, "reports/home.html", {"sections": home_sections(request.user, today), "today": today})


class ReportIndexView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, pk=org_pk)
        reports = Report.objects.for_user(request.user).filter(organisation=organisation)
        years = plan_years(organisation=organisation)
        return render(
            request, "reports/index.html", {"organisation": organisation, "reports": reports, "years": years, "periods": Period.choices}
        )


class ReportView(RoleRequiredMixin, View):
    """The report page. An approved or reviewed report shows its approved version (the snapshot's HTML)
    with a banner; any other shows live data. Opening it never creates the report row."""

    def get(self, request: HttpRequest, org_pk: int, year: int, period: str) -> HttpResponse:
        report = period_report(request, org_pk, year, period)
        organisation = report.organisation
        snapshot = latest_snapshot(report) if report.pk else None
        editable = can_edit(request.user, organisation) and frozen_upto_of(report.year_statuses) < report.quarter
        approved = snapshot if snapshot is not None and report.status in (Status.APPROVED, Status.REVIEWED) else None
        title, document_html = _document(report, approved, editable)
        ctx = {
            "organisation": organisation,
            "report": report,
            "title": title,
            "document_html": document_html,
            "approved": approved,
            "periods": Period.choices,
            "editable": editable,
            "snapshot": snapshot,
            "events": list(report.events.select_related("actor")) if report.pk else [],
            "notes": list(report.review_notes.select_related("author")) if report.pk else [],
            "roles": {m.role for m in request.user.active_memberships()},
            "approval": approval_state(report),
        }
        if editable and not approved:
            when, place = services.report_date_place(report=report)
            ctx["date_form"] = ReportDateForm(initial={"report_date": report.report_date, "report_place": report.report_place})
            ctx["date_default"] = (when, place)
        return render(request, "reports/page.html", ctx)


def _document(report: Report, approved: ReportSnapshot | None, editable: bool) -> tuple[str, SafeString]:
    """The title and document part of the report page: the approved version's, else from live data."""
    if approved is not None:
        return approved.document.get("title", str(report)), snapshot_document_html(approved)

    def compute() -> tuple[str, str]:
        doc = services.report_document(report=report)
        return doc.title, page_document_html(doc, report=report, editable=editable)

    title, html = page_cache.cached(report, editable=editable, compute=compute)
    return title, mark_safe(html)  # noqa: S308 - the page's own rendered HTML, cached as it was rendered


class ChangesView(RoleRequiredMixin, View):
    """What changed since the last approved version (for the camat before approving again)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = scoped_report(request, pk)
        snapshot = latest_snapshot(report)
        changes = []
        if snapshot is not None:
            current = document_dict(services.report_document(report=report, day=snapshot.approved_at.date()))
            changes = document_changes(snapshot.document, current) + evidence_changes(snapshot.evidence, evidence_list(report))
        return render(
            request,
            "reports/changes.html",
            {"report": report, "organisation": report.organisation, "snapshot": snapshot, "changes": changes},
        )


class VerifyView(View):
    """Public: confirms that a PDF is the approved one (by the token printed on it, or by its SHA-256),
    or says that this version was withdrawn (reopened by the camat, returned by the Inspektorat)."""

    def get(self, request: HttpRequest, token: UUID | None = None) -> HttpResponse:
        sha = request.GET.get("sha256", "").strip().lower()
        snapshot = snapshot_to_verify(token=token, sha256=sha)
        standing = snapshot_standing(snapshot) if snapshot is not None else None
        return render(
            request, "reports/verify.html", {"snapshot": snapshot, "standing": standing, "searched": bool(token or sha), "sha": sha[:64]}
        )


class PemdaOverviewView(RoleRequiredMixin, View):
    required_roles = ("inspektorat", "admin")

    def get(self, request: HttpRequest, pemda_pk: int, year: int) -> HttpResponse:
        pemda = get_object_or_404(Pemda.objects.overseen_by(request.user), pk=pemda_pk)
        rows = pemda_overview(pemda=pemda, year=year)
        return render(request, "reports/pemda.html", {"pemda": pemda, "year": year, "rows": rows})
