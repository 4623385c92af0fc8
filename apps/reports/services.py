"""Writes of reports and narratives; building a report's Document (fetch, then compute)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import PerjanjianKinerja

from .builder import Drafts, Figures, build_document
from .document import REPORT_LANGUAGE, Document
from .inputs import report_inputs
from .models import NarrativeSection, Period, Report, period_quarter

NARRATIVE_TOO_LONG = _("Narasi terlalu panjang (paling banyak 20.000 karakter).")
NARRATIVE_CONFLICT = _(
    "Narasi ini sudah diubah oleh %(user)s pada %(when)s setelah Anda membuka formulir. "
    "Teks Anda tidak disimpan; teks terbaru ada di formulir, teks Anda di bawahnya. Gabungkan lalu simpan lagi bila perlu."
)
UNKNOWN_PERIOD = _("Periode laporan tidak dikenal.")
MAX_NARRATIVE = 20_000


class NarrativeConflict(ValidationError):
    """Raised when the narrative changed since the form was opened; ``current`` is the stored one."""

    def __init__(self, message: Any, *, current: NarrativeSection) -> None:
        super().__init__(message, code="conflict")
        self.current = current


def report_for_period(*, organisation: Any, year: int, period: str) -> Report:
    """The report of the period, or an unsaved one (a draft) when none exists yet: reading never
    creates a report row; only a write does (:func:`report_get_or_create`). The caller's
    organisation (with its pemda) is kept, so the report does not fetch it again."""
    if period not in Period.values:
        raise ValidationError(UNKNOWN_PERIOD)
    report = Report.objects.filter(organisation=organisation, year=year, period=period).first()
    if report is None:
        report = Report(organisation=organisation, year=year, period=period)
    report.organisation = organisation
    return report


def period_has_plan(*, organisation: Any, year: int) -> bool:
    """Whether the organisation reports on ``year`` at all: it has a Perjanjian Kinerja for it."""
    return PerjanjianKinerja.objects.filter(organisation=organisation, year=year).exists()


def report_get_or_create(*, organisation: Any, year: int, period: str) -> Report:
    """The report of the period, its row created if needed: for writes only (a narrative saved, a
    submission), never for a page view. ``get_or_create`` is atomic where it must be."""
    if period not in Period.values:
        raise ValidationError(UNKNOWN_PERIOD)
    report, _created = Report.objects.get_or_create(organisation=organisation, year=year, period=period)
    report.organisation = organisation
    return report


@transaction.atomic
def narrative_save(*, report: Report, key: str, text: str, user: Any, revision: int) -> NarrativeSection:
    """Store a narrative as plain text (control characters removed); an empty text restores the generated draft.

    ``revision`` is the narrative's revision when the form was opened: if someone saved it since, the
    save is refused (:class:`NarrativeConflict`, nothing stored), otherwise the revision goes up by one.
    A report without a row yet (an unsaved instance) gets it here: saving a narrative is a write.
    """
    if key not in NarrativeSection.Key.values:
        raise ValidationError(_("Bagian narasi tidak dikenal."))
    clean = "".join(ch for ch in text.replace("\r\n", "\n") if ch in "\n\t" or ch.isprintable()).strip()
    if len(clean) > MAX_NARRATIVE:
        raise ValidationError(NARRATIVE_TOO_LONG)
    with transaction.atomic():
        if report.pk is None:
            report = report_get_or_create(organisation=report.organisation, year=report.year, period=report.period)
        # Wait for a transition of this report in progress (it holds the row) and hold off the next
        # until this save commits: the freeze guard then reads the status in force, so a narrative
        # is never written into a report submitted meanwhile (tests/test_concurrency.py). The same
        # lock serialises two saves of one narrative, so the revision check below cannot race.
        list(Report.objects.select_for_update(no_key=True).filter(pk=report.pk).values_list("pk", flat=True))
        obj = NarrativeSection.objects.select_related("updated_by").filter(report=report, key=key).first()
        if obj is not None and obj.revision != revision:
            who = (obj.updated_by.get_full_name() or obj.updated_by.username) if obj.updated_by else _("pengguna lain")
            when = formats.date_format(timezone.localtime(obj.updated_at), "j F Y H:i")
            raise NarrativeConflict(NARRATIVE_CONFLICT % {"user": who, "when": when}, current=obj)
        if obj is None:
            obj = NarrativeSection(report=report, key=key)
        obj.text = clean
        obj.updated_by = user
        obj.revision = (obj.revision or 0) + 1
        obj.full_clean()
        obj.save()
    return obj


def report_document(*, report: Report, day: dt.date | None = None) -> Document:
    """The report's Document built from the current data (also for a report without a row yet), in the
    report's language (Indonesian) whatever the reader's interface language."""
    organisation = report.organisation
    with translation.override(REPORT_LANGUAGE):
        data = report_inputs(
            organisation=organisation,
            year=report.year,
            upto=period_quarter(report.period),
            day=day or timezone.localdate(),
            report=report if report.pk else None,
        )
        return build_document(data, report.period)


def narrative_draft(*, report: Report, key: str) -> str:
    """The draft generated from the figures for one narrative (shown until the operator saves one), in the
    report's language."""
    with translation.override(REPORT_LANGUAGE):
        data = report_inputs(
            organisation=report.organisation,
            year=report.year,
            upto=report.quarter,
            day=timezone.localdate(),
            report=report if report.pk else None,
        )
        return Drafts(Figures(data)).get(key)
