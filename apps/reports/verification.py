"""Whether an approved version (``ReportSnapshot``) is still the one in force, for the public
verification page.

A version is in force while it is the report's latest and the report is approved or reviewed. It is
withdrawn by the event that took the report out of "approved" after that version's approval: the
camat's reopen (``report_reopen``, to draft) or the Inspektorat's return for repair
(``review_return``, to perbaikan). Derived from the report's status and ``ReportEvent`` history; no
field is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import ReportEvent, ReportSnapshot, Status

IN_FORCE = (Status.APPROVED, Status.REVIEWED)


@dataclass(frozen=True)
class Standing:
    in_force: bool
    #: the reopen (camat) or reviu return (Inspektorat) that withdrew the version; None while in force
    withdrawn_by: ReportEvent | None = None
    #: the version in force now, when there is one (a later approval)
    later_version: ReportSnapshot | None = None

    @property
    def returned_for_review(self) -> bool:
        """Withdrawn by the Inspektorat's return for repair (else by the camat's reopen)."""
        return self.withdrawn_by is not None and self.withdrawn_by.to_status == Status.REVIEW_RETURNED


def snapshot_standing(snapshot: ReportSnapshot) -> Standing:
    report = snapshot.report
    latest = report.snapshots.order_by("-version").first()
    if latest is not None and latest.pk == snapshot.pk and report.status in IN_FORCE:
        return Standing(in_force=True)
    event = (
        ReportEvent.objects.filter(report=report, from_status=Status.APPROVED, created_at__gte=snapshot.approved_at)
        .exclude(to_status=Status.REVIEWED)
        .select_related("actor")
        .order_by("created_at", "pk")
        .first()
    )
    later = latest if latest is not None and latest.version > snapshot.version and report.status in IN_FORCE else None
    return Standing(in_force=False, withdrawn_by=event, later_version=later)
