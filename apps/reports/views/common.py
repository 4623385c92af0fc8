"""What the report views share: the report of a period or of a row in the user's scope, a file as an
attachment, and the outcome of a workflow action told to the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.permissions import scoped_get
from apps.core import jobs
from apps.organisations.models import Organisation

from .. import services, workflow
from ..bundles import Output
from ..models import ApprovalRender, Period, Report, Status


def period_report(request: HttpRequest, org_pk: int, year: int, period: str, *, write: bool = False) -> Report:
    """The report of an organisation-period in the user's scope: its row, or an unsaved draft (never created here)."""
    organisation = scoped_get(Organisation, request.user, write=write, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
    if period not in Period.values or not (2000 <= year <= 2100):
        raise Http404
    return services.report_for_period(organisation=organisation, year=year, period=period)


def scoped_report(request: HttpRequest, pk: int, *, write: bool = False) -> Report:
    """A report row in the user's scope (with ``write``: one the user may change), its organisation and pemda joined."""
    report: Report = scoped_get(Report, request.user, write=write, queryset=Report.objects.select_related("organisation__pemda"), pk=pk)
    return report


def attachment(output: Output) -> HttpResponse:
    """A file ``(filename, content_type, bytes)`` (a renderer's or a bundle's) as a download."""
    name, content_type, payload = output
    response = HttpResponse(payload, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def run_transition(request: HttpRequest, action: Callable[[], Report]) -> None:
    """Run one workflow action (the service checks the role) and tell the user the report's new status,
    or why it was refused."""
    try:
        report = action()
    except PermissionDenied as exc:
        messages.error(request, str(exc) if str(exc) else _("Anda tidak berwenang melakukan tindakan ini."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if workflow.open_approval(report) is not None:
            messages.info(request, APPROVAL_RECORDED)
            return
        messages.success(request, _("Status laporan: %(s)s.") % {"s": Report.objects.get(pk=report.pk).get_status_display()})


APPROVAL_RECORDED = gettext_lazy(
    "Persetujuan dicatat. Dokumen yang disetujui (PDF, XLSX) sedang dibuat; laporan berstatus disetujui setelah selesai dan Anda akan "
    "diberi tahu."
)


@dataclass(frozen=True)
class ApprovalState:
    """An approval in progress as the report page shows it: its render and whether its worker is gone."""

    render: ApprovalRender
    stalled: bool  # running, but no live process holds it (the worker died): a retry is offered

    @property
    def retryable(self) -> bool:
        return self.stalled or self.render.state == ApprovalRender.State.FAILED


def approval_state(report: Report) -> ApprovalState | None:
    """The approval of a submitted report still being completed, if any (one query; two when it runs)."""
    if not report.pk or report.status != Status.SUBMITTED:
        return None
    render = workflow.open_approval(report)
    if render is None:
        return None
    stalled = render.state == ApprovalRender.State.RUNNING and not jobs.is_running("approval", render.pk)
    return ApprovalState(render, stalled)
