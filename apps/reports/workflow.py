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
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Membership, Role
from apps.accounts.notifications import notify
from apps.agreements.selectors import latest_pk
from apps.budgets.selectors import version_in_force
from apps.performance.selectors import consistency_findings, convention_for

from .models import Period, Report, ReportEvent, ReportSnapshot, ReviewNote, Status
from .renderers import document_dict, html_for_pdf, pdf_from_html, render_xlsx
from .selectors import report_evidence
from .services import report_document
from .snapshot import page_document_html

WRONG_STATE = _("Laporan berstatus «%(status)s»; tindakan ini tidak dapat dilakukan.")
REASON_REQUIRED = _("Alasan wajib diisi.")
SUBMITTER_CANNOT_APPROVE = _("Yang mengajukan laporan tidak dapat menyetujuinya sendiri.")
NOT_CONSISTENT = _("Laporan belum dapat diajukan: %(n)s galat pada pemeriksaan konsistensi. %(list)s")
CHANGED_WHILE_APPROVING = _("Laporan berubah selama disetujui (dikembalikan atau diajukan ulang). Muat ulang halaman lalu periksa lagi.")
ONLY_ANNUAL = _("Reviu Inspektorat hanya untuk LKjIP tahunan.")


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
    return _send_back(
        report, user, (Status.SUBMITTED,), Status.RETURNED, reason, tell=(Role.OPERATOR,), message=f"{report} dikembalikan oleh camat"
    )


def _approvable(report: Report, user: Any) -> None:
    _require(user, Role.CAMAT, report)
    if report.status != Status.SUBMITTED:
        raise ValidationError(WRONG_STATE % {"status": report.get_status_display()}, code="wrong_state")
    if report.submitted_by_id == user.pk:
        raise PermissionDenied(SUBMITTER_CANNOT_APPROVE)


@transaction.atomic
def report_approve(*, report: Report, user: Any) -> Report:
    """Approve and freeze: the document, its evidence list, the PDF (with SHA-256), the XLSX and the report
    page's document part (HTML, shown on the page and downloaded from now on instead of live data) are stored.

    The PDF (seconds of CPU) is rendered before the report row is locked: a submitted period is
    frozen, so its data cannot change meanwhile, and the row lock (which every edit of the
    organisation-year and every transition waits for) is held only to store the result. Under the
    lock the submission must still be the one that was rendered (same status and ``updated_at``);
    if it was returned, approved or resubmitted meanwhile, nothing is stored and the camat is told.
    """
    seen = Report.objects.select_related("organisation__pemda").get(pk=report.pk)
    _approvable(seen, user)
    now = timezone.now()
    token = uuid.uuid4()
    doc = report_document(report=seen, day=timezone.localdate())
    html = html_for_pdf(doc, verification=f"/verifikasi/{token}/", verification_token=str(token))
    pdf = pdf_from_html(html)
    page_html = page_document_html(doc, report=seen)  # the report page's document part, from the PDF's Document
    _name, _ctype, xlsx = render_xlsx(doc)
    evidence = evidence_list(seen)
    report = _lock(report)
    _approvable(report, user)
    if report.updated_at != seen.updated_at:
        raise ValidationError(CHANGED_WHILE_APPROVING, code="wrong_state")
    version = report.snapshots.count() + 1
    snapshot = ReportSnapshot(
        report=report, version=version, approved_by=user, approved_at=now, document=document_dict(doc), evidence=evidence,
        sha256=hashlib.sha256(pdf).hexdigest(), token=token, xlsx=xlsx, html=page_html,
    )  # fmt: skip
    snapshot.pdf.save("laporan.pdf", ContentFile(pdf), save=False)
    snapshot.save()
    _move(report, user, (Status.SUBMITTED,), Status.APPROVED)
    notify(_users(report, Role.OPERATOR), f"{report} disetujui camat.", report)
    if report.period == Period.ANNUAL:
        notify(_users(report, Role.INSPEKTORAT), f"{report} disetujui dan siap direviu.", report)
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
