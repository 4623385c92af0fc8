"""Reads of the report pages that are not figures (the figures: apps.reports.figures): the years a
kecamatan reports on, the evidence of a report's period and an approved version looked up for verification."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from apps.agreements.models import PerjanjianKinerja
from apps.realisations.models import Evidence

from .models import Report, ReportSnapshot


def plan_years(*, organisation: Any) -> list[int]:
    """The years the organisation has a Perjanjian Kinerja for (so reports on), newest first."""
    return sorted(set(PerjanjianKinerja.objects.filter(organisation=organisation).values_list("year", flat=True)), reverse=True)


def report_evidence(report: Report) -> QuerySet[Evidence]:
    """The evidence of the report's period (its quarters so far), by indicator and quarter."""
    return (
        Evidence.objects.filter(
            realisation__indicator__organisation=report.organisation,
            realisation__year=report.year,
            realisation__quarter__lte=report.quarter,
        )
        .select_related("realisation__indicator")
        .order_by("realisation__indicator__name", "realisation__quarter", "pk")
    )


def snapshot_to_verify(*, token: UUID | None, sha256: str) -> ReportSnapshot | None:
    """The approved version a verifier asks about: by the token printed on its PDF, else by the PDF's SHA-256."""
    if token:
        lookup: dict[str, object] = {"token": token}
    elif sha256:
        lookup = {"sha256": sha256}
    else:
        return None
    return ReportSnapshot.objects.filter(**lookup).select_related("report__organisation__pemda", "approved_by").first()
