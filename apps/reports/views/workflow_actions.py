"""Workflow actions on a report (docs/domain.md section 8, docs/workflow.md): a narrative edited, a period
submitted, a transition (return, approve, reopen, review). The services check the role; these views the scope."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin

from .. import services, workflow
from ..forms import NarrativeForm, ReportDateForm
from ..models import NarrativeSection, Report
from .common import approval_state, period_report, run_transition, scoped_report


class NarrativeEditView(RoleRequiredMixin, View):
    """One narrative of a report (by its row, or by its period when it may have none). The form carries
    the narrative's revision: a save from a form opened before someone else's save is a 409."""

    def _report(self, request: HttpRequest, key: str, pk: int | None, period: dict[str, Any]) -> Report:
        if key not in NarrativeSection.Key.values:
            raise Http404
        if pk is not None:
            return scoped_report(request, pk, write=True)
        return period_report(request, **period, write=True)

    def _render(
        self, request: HttpRequest, report: Report, key: str, form: NarrativeForm, status: int = 200, **extra: object
    ) -> HttpResponse:
        ctx = {"form": form, "report": report, "organisation": report.organisation, "label": NarrativeSection.Key(key).label, "key": key}
        return render(request, "reports/narrative.html", {**ctx, **extra}, status=status)

    def _form(self, report: Report, key: str, stored: NarrativeSection | None) -> NarrativeForm:
        text = stored.text if stored and stored.text else services.narrative_draft(report=report, key=key)
        return NarrativeForm(initial={"text": text, "revision": stored.revision if stored else 0})

    def get(self, request: HttpRequest, key: str, pk: int | None = None, **period: Any) -> HttpResponse:
        report = self._report(request, key, pk, period)
        stored = NarrativeSection.objects.filter(report=report, key=key).first() if report.pk else None
        return self._render(request, report, key, self._form(report, key, stored))

    def post(self, request: HttpRequest, key: str, pk: int | None = None, **period: Any) -> HttpResponse:
        report = self._report(request, key, pk, period)
        form = NarrativeForm(request.POST)
        if not form.is_valid():
            return self._render(request, report, key, form)
        try:
            services.narrative_save(
                report=report, key=key, text=form.cleaned_data["text"], user=request.user, revision=form.cleaned_data["revision"]
            )
        except services.NarrativeConflict as exc:
            # Nothing saved: the form now holds the stored text and revision, the rejected text is shown below it.
            messages.error(request, exc.messages[0])
            return self._render(request, report, key, self._form(report, key, exc.current), status=409, rejected=form.cleaned_data["text"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Narasi disimpan."))
        return redirect("reports:view", org_pk=report.organisation_id, year=report.year, period=report.period)


class PeriodSubmitView(RoleRequiredMixin, View):
    """POST only: submit the report of a period, which may have no row yet (its page does not create
    one). The row is created with the submission, in one savepoint: a refused submission leaves none."""

    def post(self, request: HttpRequest, org_pk: int, year: int, period: str) -> HttpResponse:
        draft = period_report(request, org_pk, year, period)

        def submit() -> Report:
            with transaction.atomic():
                report = services.report_get_or_create(organisation=draft.organisation, year=year, period=period)
                workflow.report_submit(report=report, user=request.user)
            return report

        run_transition(request, submit)
        return redirect("reports:view", org_pk=org_pk, year=year, period=period)


class ReportDateView(RoleRequiredMixin, View):
    """POST only: the date and place the report of a period is signed (the operator's input of the report,
    refused while it is frozen); the row is created with the first one, as with a narrative."""

    def post(self, request: HttpRequest, org_pk: int, year: int, period: str) -> HttpResponse:
        report = period_report(request, org_pk, year, period, write=True)
        form = ReportDateForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("reports:view", org_pk=org_pk, year=year, period=period)
        try:
            services.report_date_set(
                report=report, report_date=form.cleaned_data["report_date"], report_place=form.cleaned_data["report_place"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Tanggal dan tempat laporan disimpan."))
        return redirect("reports:view", org_pk=org_pk, year=year, period=period)


# URL action -> (workflow service, whether it takes the text of the form)
ACTIONS = {
    "ajukan": ("report_submit", False),
    "kembalikan": ("report_return", True),
    "setujui": ("report_approve", False),
    "buka-kembali": ("report_reopen", True),
    "catatan-reviu": ("review_note_add", True),
    "kembalikan-reviu": ("review_return", True),
    "telah-direviu": ("review_complete", False),
    "ulangi-persetujuan": ("approval_retry", False),
    "batalkan-persetujuan": ("approval_cancel", False),
}


class TransitionView(RoleRequiredMixin, View):
    """POST only: one workflow service per action; the service checks the role, this view only the scope."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        report = scoped_report(request, pk)
        if action not in ACTIONS:
            raise Http404
        name, needs_text = ACTIONS[action]
        kwargs: dict[str, Any] = {"report": report, "user": request.user}
        text = request.POST.get("reason", "")[:5000]
        if name == "review_note_add":
            kwargs["text"] = text
        elif name == "review_complete":
            kwargs["notes"] = text
        elif needs_text:
            kwargs["reason"] = text

        def act() -> Report:
            getattr(workflow, name)(**kwargs)
            return report

        run_transition(request, act)
        return redirect(report.get_absolute_url())


class ApprovalStatusView(RoleRequiredMixin, View):
    """The approval in progress (issue 21), polled by the report page every 2 s while its documents are made;
    when it is complete (or there is none) the page reloads itself (HX-Refresh) to show the approved version."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = scoped_report(request, pk)
        approval = approval_state(report)
        if approval is None:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        roles = {m.role for m in request.user.active_memberships()}
        return render(request, "reports/_approval.html", {"report": report, "approval": approval, "roles": roles})
