"""Report workflow (docs/domain.md section 8): every transition is a service with its permission check,
recorded as a ReportEvent (who, when, from, to, why), under a row lock so that two concurrent
approvals give one approval and one clear error.

draft/dikembalikan/perbaikan --submit(operator)--> diajukan
diajukan --return(camat, reason)--> dikembalikan
diajukan --approve(camat, not the submitter)--> disetujui   (snapshot + PDF with SHA-256)
disetujui --reopen(camat, reason)--> draft
disetujui (LKjIP) --review_return(inspektorat, notes)--> perbaikan
disetujui (LKjIP) --review_complete(inspektorat)--> direviu
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Membership, Role
from apps.accounts.notifications import notify
from apps.agreements.selectors import latest_pk
from apps.budgets.selectors import version_in_force
from apps.core import jobs
from apps.performance.selectors import consistency_findings, convention_for

from .models import ApprovalRender, Period, Report, ReportEvent, ReportSnapshot, ReviewNote, Status
from .renderers import document_dict, html_for_pdf, pdf_from_html, render_xlsx
from .selectors import report_evidence
from .services import report_document
from .snapshot import page_document_html

WRONG_STATE = _("Laporan berstatus «%(status)s»; tindakan ini tidak dapat dilakukan.")
REASON_REQUIRED = _("Alasan wajib diisi.")
SUBMITTER_CANNOT_APPROVE = _("Yang mengajukan laporan tidak dapat menyetujuinya sendiri.")
NOT_CONSISTENT = _("Laporan belum dapat diajukan: %(n)s galat pada pemeriksaan konsistensi. %(list)s")
CHANGED_WHILE_APPROVING = _("Laporan berubah selama disetujui (dikembalikan atau diajukan ulang). Muat ulang halaman lalu periksa lagi.")
logger = logging.getLogger(__name__)
ONLY_ANNUAL = _("Reviu Inspektorat hanya untuk LKjIP tahunan.")
APPROVAL_IN_PROGRESS = _("Laporan ini sudah disetujui dan dokumennya sedang dibuat; tunggu sampai selesai (atau batalkan bila gagal).")
NO_APPROVAL_IN_PROGRESS = _("Tidak ada persetujuan yang sedang diproses untuk laporan ini.")
APPROVAL_RUNNING = _("Dokumen persetujuan sedang dibuat; tunggu sampai selesai.")


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("organisation__pemda").get(pk=report.pk)


def _require(user: Any, role: str, report: Report) -> None:
    if not user.has_role(role, report.organisation):
        raise PermissionDenied


def _move(report: Report, user: Any, allowed: tuple[str, ...], to: str, reason: str = "") -> Report:
    if report.status not in allowed:
        raise ValidationError(WRONG_STATE % {"status": report.get_status_display()}, code="wrong_state")
    event = ReportEvent(report=report, actor=user, from_status=report.status, to_status=to, reason=reason)
    report.status = to
    report.save(update_fields=["status", "submitted_by", "updated_at"])
    event.save()
    return report


def _users(report: Report, role: str) -> list[Any]:
    qs = Membership.objects.filter(role=role, is_active=True, pemda=report.organisation.pemda_id)
    if role in Role.organisation_bound():
        qs = qs.filter(organisation=report.organisation)
    return [m.user for m in qs.select_related("user")]


def _pin(report: Report, *, clear: bool = False) -> None:
    """A frozen report reads the PK and DPA versions and the report convention in force at its submission (apps.reports.inputs),
    whatever PK perubahan or DPPA is made after; back to the kecamatan (returned, reopened), it reads the
    newest again. Written with the transition (in its history record), not as a save of its own."""
    version = None if clear else version_in_force(organisation=report.organisation, year=report.year)
    report.dpa_sequence = version.sequence if version is not None else None
    agreement = None if clear else latest_pk(organisation=report.organisation, year=report.year)
    report.pk_version_number = agreement.version_number if agreement is not None else None
    # and the pemda's report convention in force (issue 18): a later edit reprints no frozen figure
    report.convention_pinned = None if clear else convention_for(pemda=report.organisation.pemda_id).to_dict()
    Report.objects.filter(pk=report.pk).update(
        dpa_sequence=report.dpa_sequence, pk_version_number=report.pk_version_number, convention_pinned=report.convention_pinned
    )


@transaction.atomic
def report_submit(*, report: Report, user: Any) -> Report:
    report = _lock(report)
    _require(user, Role.OPERATOR, report)
    errors = [
        f
        for f in consistency_findings(organisation=report.organisation, year=report.year, upto=report.quarter)
        if f.severity.name == "ERROR"
    ]
    if errors:
        listing = "; ".join(f"{f.subject}: {f.message}" for f in errors[:5])
        raise ValidationError(NOT_CONSISTENT % {"n": len(errors), "list": listing}, code="inconsistent")
    report.submitted_by = user
    _pin(report)
    _move(report, user, (Status.DRAFT, Status.RETURNED, Status.REVIEW_RETURNED), Status.SUBMITTED)
    notify(_users(report, Role.CAMAT), f"{report} diajukan oleh {user} dan menunggu persetujuan Anda.", report)
    return report


def _send_back(report: Report, user: Any, allowed: tuple[str, ...], to: str, reason: str, *, tell: tuple[str, ...], message: str) -> Report:
    """Back to the kecamatan with a reason (returned by the camat, reopened, returned by the Inspektorat): the
    reason is required, the pins are cleared (it reads the newest PK and DPA again), the roles ``tell`` are
    told ``message: reason``."""
    if not reason.strip():
        raise ValidationError(REASON_REQUIRED, code="reason")
    _pin(report, clear=True)
    _move(report, user, allowed, to, reason.strip())
    notify([u for role in tell for u in _users(report, role)], f"{message}: {reason.strip()}", report)
    return report


@transaction.atomic
def report_return(*, report: Report, user: Any, reason: str) -> Report:
    report = _lock(report)
    _require(user, Role.CAMAT, report)
    if report.status == Status.SUBMITTED:
        _not_approving(report)
    return _send_back(
        report, user, (Status.SUBMITTED,), Status.RETURNED, reason, tell=(Role.OPERATOR,), message=f"{report} dikembalikan oleh camat"
    )


def _not_approving(report: Report) -> None:
    if ApprovalRender.objects.filter(report=report, state__in=ApprovalRender.OPEN).exists():
        raise ValidationError(APPROVAL_IN_PROGRESS, code="wrong_state")


def _approvable(report: Report, user: Any) -> None:
    _require(user, Role.CAMAT, report)
    if report.status != Status.SUBMITTED:
        raise ValidationError(WRONG_STATE % {"status": report.get_status_display()}, code="wrong_state")
    _not_approving(report)
    if report.submitted_by_id == user.pk:
        raise PermissionDenied(SUBMITTER_CANNOT_APPROVE)


def report_approve(*, report: Report, user: Any) -> Report:
    """Approve (issue 21: nobody waits for the PDF). The decision is stored at once: an :class:`ApprovalRender`
    with the camat, the time, the verification token and the submission it approves; the report stays
    submitted (frozen) with the approval in progress, and no other transition is possible meanwhile. The
    documents (PDF with SHA-256, XLSX, the page's HTML, the evidence list) are made by
    :func:`approval_render_run` in the background (apps.core.jobs), which stores the snapshot and moves the
    report to approved in one transaction. Returns the report as it is after the decision (approved already
    when the jobs run inline, as in the tests)."""
    with transaction.atomic():
        report = _lock(report)
        _approvable(report, user)
        render = ApprovalRender.objects.create(
            report=report, approved_by=user, approved_at=timezone.now(), token=uuid.uuid4(), submission_updated_at=report.updated_at
        )
    jobs.enqueue(approval_render_run, render.pk)
    return Report.objects.select_related("organisation__pemda").get(pk=report.pk)


def open_approval(report: Report) -> ApprovalRender | None:
    """The approval of ``report`` still being completed (queued, running or failed), if any."""
    return ApprovalRender.objects.filter(report=report, state__in=ApprovalRender.OPEN).select_related("approved_by").first()


def _approval_documents(render: ApprovalRender) -> dict[str, Any]:
    """Everything the snapshot holds, from the frozen data, dated and tokenised by the decision: rendered again
    by a retry, it gives the same bytes."""
    report = Report.objects.select_related("organisation__pemda").get(pk=render.report_id)
    doc = report_document(report=report, day=timezone.localdate(render.approved_at))
    html = html_for_pdf(doc, verification=f"/verifikasi/{render.token}/", verification_token=str(render.token))
    pdf = pdf_from_html(html)
    _name, _ctype, xlsx = render_xlsx(doc)
    return {"document": document_dict(doc), "pdf": pdf, "xlsx": xlsx, "html": page_document_html(doc, report=report),
            "evidence": evidence_list(report)}  # fmt: skip


def approval_render_run(render_pk: int) -> None:
    """The worker's half of an approval (apps.core.jobs): render, then store the snapshot and approve in one
    transaction. Safe to run again: a render another live process is running is left to it (an advisory
    lock that dies with its holder), a finished one is not redone; a failure is recorded on the render (the
    report page shows it, with a retry) and the report stays submitted."""
    with jobs.try_advisory_lock("approval", render_pk) as taken:
        if not taken:
            return
        render = ApprovalRender.objects.filter(pk=render_pk, state__in=ApprovalRender.OPEN).first()
        if render is None:
            return
        ApprovalRender.objects.filter(pk=render_pk).update(
            state=ApprovalRender.State.RUNNING, attempts=F("attempts") + 1, started_at=timezone.now(), error=""
        )
        try:
            made = _approval_documents(render)
            _approval_store(render_pk, made)
        except Exception as exc:  # noqa: BLE001 - recorded for the camat; the log keeps the traceback
            logger.exception("Dokumen persetujuan gagal dibuat (render %s)", render_pk)
            _approval_failed(render_pk, exc)


@transaction.atomic
def _approval_store(render_pk: int, made: dict[str, Any]) -> None:
    render = ApprovalRender.objects.select_for_update().select_related("approved_by").get(pk=render_pk)
    report = _lock(render.report)
    if render.state not in ApprovalRender.OPEN:
        return
    if report.status != Status.SUBMITTED or report.updated_at != render.submission_updated_at:
        raise ValidationError(CHANGED_WHILE_APPROVING, code="wrong_state")
    user = render.approved_by
    snapshot = ReportSnapshot(
        report=report, version=report.snapshots.count() + 1, approved_by=user, approved_at=render.approved_at,
        document=made["document"], evidence=made["evidence"], sha256=hashlib.sha256(made["pdf"]).hexdigest(), token=render.token,
        xlsx=made["xlsx"], html=made["html"],
    )  # fmt: skip
    snapshot.pdf.save("laporan.pdf", ContentFile(made["pdf"]), save=False)
    snapshot.save()
    render.state, render.snapshot, render.finished_at = ApprovalRender.State.DONE, snapshot, timezone.now()
    render.save(update_fields=["state", "snapshot", "finished_at"])
    _move(report, user, (Status.SUBMITTED,), Status.APPROVED)
    notify(_users(report, Role.OPERATOR), f"{report} disetujui camat.", report)
    notify([user], f"{report}: dokumen yang disetujui (PDF, XLSX) sudah siap diunduh.", report)
    if report.period == Period.ANNUAL:
        notify(_users(report, Role.INSPEKTORAT), f"{report} disetujui dan siap direviu.", report)


def _approval_failed(render_pk: int, exc: Exception) -> None:
    message = " ".join(exc.messages) if isinstance(exc, ValidationError) else f"{type(exc).__name__}: {exc}"
    for _attempt in range(2):  # the database may have dropped the connection (restarted): reconnect once
        try:
            ApprovalRender.objects.filter(pk=render_pk).update(
                state=ApprovalRender.State.FAILED, error=message[:2000], finished_at=timezone.now()
            )
            return
        except (OperationalError, InterfaceError):
            connection.close()
    # Still unreachable: the render stays "running" with no live holder; the page offers the retry.


def _approval_retryable(report: Report, user: Any) -> ApprovalRender:
    _require(user, Role.CAMAT, report)
    render = open_approval(report)
    if render is None:
        raise ValidationError(NO_APPROVAL_IN_PROGRESS, code="wrong_state")
    if render.state != ApprovalRender.State.FAILED and jobs.is_running("approval", render.pk):
        raise ValidationError(APPROVAL_RUNNING, code="wrong_state")
    return render


def approval_retry(*, report: Report, user: Any) -> Report:
    """Run an approval's render again (failed, or its worker died: no live process holds it). The decision is
    unchanged, so the PDF and its SHA-256 are the same as an uninterrupted render's."""
    render = _approval_retryable(report, user)
    ApprovalRender.objects.filter(pk=render.pk).update(state=ApprovalRender.State.QUEUED)
    jobs.enqueue(approval_render_run, render.pk)
    return Report.objects.select_related("organisation__pemda").get(pk=report.pk)


@transaction.atomic
def approval_cancel(*, report: Report, user: Any) -> Report:
    """Withdraw an approval whose documents could not be made: the report stays submitted (the camat may
    approve again or return it)."""
    report = _lock(report)
    render = _approval_retryable(report, user)
    ApprovalRender.objects.filter(pk=render.pk).update(state=ApprovalRender.State.CANCELLED, finished_at=timezone.now())
    return report


@transaction.atomic
def report_reopen(*, report: Report, user: Any, reason: str) -> Report:
    report = _lock(report)
    _require(user, Role.CAMAT, report)
    return _send_back(
        report, user, (Status.APPROVED,), Status.DRAFT, reason, tell=(Role.OPERATOR,), message=f"{report} dibuka kembali oleh camat"
    )


@transaction.atomic
def review_note_add(*, report: Report, user: Any, text: str) -> ReviewNote:
    report = _lock(report)
    _require(user, Role.INSPEKTORAT, report)
    if report.status not in (Status.APPROVED, Status.REVIEWED):
        raise ValidationError(WRONG_STATE % {"status": report.get_status_display()}, code="wrong_state")
    if not text.strip():
        raise ValidationError(_("Catatan reviu tidak boleh kosong."))
    note = ReviewNote.objects.create(report=report, author=user, text=text.strip())
    notify(_users(report, Role.OPERATOR) + _users(report, Role.CAMAT), f"Catatan reviu Inspektorat untuk {report}.", report)
    return note


@transaction.atomic
def review_return(*, report: Report, user: Any, reason: str) -> Report:
    report = _lock(report)
    _require(user, Role.INSPEKTORAT, report)
    if report.period != Period.ANNUAL:
        raise ValidationError(ONLY_ANNUAL)
    return _send_back(
        report,
        user,
        (Status.APPROVED,),
        Status.REVIEW_RETURNED,
        reason,
        tell=(Role.OPERATOR, Role.CAMAT),
        message=f"{report} dikembalikan Inspektorat untuk perbaikan",
    )


@transaction.atomic
def review_complete(*, report: Report, user: Any, notes: str = "") -> Report:
    report = _lock(report)
    _require(user, Role.INSPEKTORAT, report)
    if report.period != Period.ANNUAL:
        raise ValidationError(ONLY_ANNUAL)
    _move(report, user, (Status.APPROVED,), Status.REVIEWED, notes.strip())
    notify(_users(report, Role.OPERATOR) + _users(report, Role.CAMAT), f"{report} telah direviu Inspektorat.", report)
    return report


def evidence_list(report: Report) -> list[dict[str, Any]]:
    """The evidence of the report's period, by indicator and quarter (stored with the snapshot, compared by the diff)."""
    return [
        {"indicator": e.realisation.indicator.name, "quarter": e.realisation.quarter, "description": e.description,
         "file": e.original_name, "url": e.url, "sha256": e.sha256}
        for e in report_evidence(report)
    ]  # fmt: skip


def latest_snapshot(report: Report) -> ReportSnapshot | None:
    return report.snapshots.order_by("-version").first()
