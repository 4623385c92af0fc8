"""Writes of reports and narratives; building a report's Document (fetch, then compute)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .builder import build_document
from .document import Document
from .inputs import report_inputs
from .models import NarrativeSection, Period, Report, period_quarter

NARRATIVE_TOO_LONG = _("Narasi terlalu panjang (paling banyak 20.000 karakter).")
MAX_NARRATIVE = 20_000


def report_get_or_create(*, organisation: Any, year: int, period: str) -> Report:
    """The report of the period (created on first view). ``get_or_create`` is atomic where it must be;
    the caller's organisation (with its pemda) is kept, so the report does not fetch it again."""
    if period not in Period.values:
        raise ValidationError(_("Periode laporan tidak dikenal."))
    report, _created = Report.objects.get_or_create(organisation=organisation, year=year, period=period)
    report.organisation = organisation
    return report


@transaction.atomic
def narrative_save(*, report: Report, key: str, text: str, user: Any) -> NarrativeSection:
    """Store a narrative as plain text (control characters removed); an empty text restores the generated draft."""
    if key not in NarrativeSection.Key.values:
        raise ValidationError(_("Bagian narasi tidak dikenal."))
    clean = "".join(ch for ch in text.replace("\r\n", "\n") if ch in "\n\t" or ch.isprintable()).strip()
    if len(clean) > MAX_NARRATIVE:
        raise ValidationError(NARRATIVE_TOO_LONG)
    with transaction.atomic():
        # Wait for a transition of this report in progress (it holds the row) and hold off the next
        # until this save commits: the freeze guard then reads the status in force, so a narrative
        # is never written into a report submitted meanwhile (tests/test_concurrency.py).
        list(Report.objects.select_for_update(no_key=True).filter(pk=report.pk).values_list("pk", flat=True))
        obj, _created = NarrativeSection.objects.get_or_create(report=report, key=key)
        obj.text = clean
        obj.updated_by = user
        obj.full_clean()
        obj.save()
    return obj


def report_document(*, report: Report, day: dt.date | None = None) -> Document:
    """The report's Document built from the current data."""
    organisation = report.organisation
    data = report_inputs(
        organisation=organisation, year=report.year, upto=period_quarter(report.period), day=day or timezone.localdate(), report=report
    )
    return build_document(data, report.period)
