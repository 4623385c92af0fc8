"""Writes of reports and narratives; building a report's Document (fetch, then compute)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import PerjanjianKinerja
from apps.core.periods import Quarter, lkjip_due

from .builder import Drafts, Figures, build_document
from .document import REPORT_LANGUAGE, Document
from .inputs import report_inputs
from .models import FROZEN, NarrativeSection, Period, Report, ReportEvent, Status, period_quarter

NARRATIVE_TOO_LONG = _("Narasi terlalu panjang (paling banyak 20.000 karakter).")
NARRATIVE_CONFLICT = _(
    "Narasi ini sudah diubah oleh %(user)s pada %(when)s setelah Anda membuka formulir. "
    "Teks Anda tidak disimpan; teks terbaru ada di formulir, teks Anda di bawahnya. Gabungkan lalu simpan lagi bila perlu."
)
UNKNOWN_PERIOD = _("Periode laporan tidak dikenal.")
REPORT_DATE_TOO_EARLY = _("Tanggal laporan tidak boleh sebelum akhir periode yang dilaporkan (%(end)s).")
REPORT_DATE_IN_FUTURE = _("Tanggal laporan tidak boleh melewati hari ini.")
REPORT_DATE_FROZEN = _("Laporan sudah diajukan atau disetujui dan dikunci: tanggal dan tempat laporan tidak dapat diubah.")
MAX_NARRATIVE = 20_000


class NarrativeConflict(ValidationError):
    """Raised when the narrative changed since the form was opened; ``current`` is the stored one."""

    def __init__(self, message: Any, *, current: NarrativeSection) -> None:
        super().__init__(message, code="conflict")
        self.current = current


def report_for_period(*, organisation: Any, year: int, period: str) -> Report:
    """The report of the period, or an unsaved one (a draft) when none exists yet: reading never
    creates a report row; only a write does (:func:`report_get_or_create`). The caller's
    organisation (with its pemda) is kept, so the report does not fetch it again. The report carries
    ``year_statuses``, the (period, status) of every report of its year."""
    if period not in Period.values:
        raise ValidationError(UNKNOWN_PERIOD)
    year_reports = list(Report.objects.filter(organisation=organisation, year=year))  # at most five rows, one query
    report = next((r for r in year_reports if r.period == period), None)
    if report is None:
        report = Report(organisation=organisation, year=year, period=period)
    report.organisation = organisation
    # The statuses of the year's reports, read in the same query: whether the period is frozen (freeze.frozen_upto_of).
    report.year_statuses = tuple((r.period, r.status) for r in year_reports)
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


def period_end(*, year: int, period: str) -> dt.date:
    """The last day of the period a report covers: 31 December for the LKjIP, the quarter's end for s/d TW n."""
    return Quarter(year, period_quarter(period)).end


def report_due(*, year: int, period: str) -> dt.date:
    """When the report is due (apps.core.periods): the LKjIP on the last day of February of the next year,
    the report s/d TW n 15 days after its quarter."""
    return lkjip_due(year) if period == Period.ANNUAL else Quarter(year, period_quarter(period)).due


def report_date_place(*, report: Report, approval_day: dt.date | None = None) -> tuple[dt.date, str]:
    """The date and place the report is signed: the ones the operator chose, else the approval date (the day
    ``approval_day`` when the caller approves now, today for a submitted report awaiting approval, else the last
    approval event of an approved or reviewed report), else the report's due date; the place chosen, else the organisation's. Never the render date:
    a 2024 LKjIP downloaded in 2026 is still signed in 2025."""
    place = report.report_place or report.organisation.place
    if report.report_date is not None:
        return report.report_date, place
    if approval_day is None and report.status == Status.SUBMITTED:
        # awaiting the camat: the date it is approved if he approves it now, so that the page he approves is the
        # document the approval stores (the snapshot), date included
        approval_day = timezone.localdate()
    if approval_day is None and report.pk and report.status in (Status.APPROVED, Status.REVIEWED):
        event = ReportEvent.objects.filter(report=report, to_status=Status.APPROVED).order_by("-created_at", "-pk").first()
        if event is not None:
            approval_day = timezone.localdate(event.created_at)
    return approval_day or report_due(year=report.year, period=report.period), place


@transaction.atomic
def report_date_set(*, report: Report, report_date: dt.date | None, report_place: str, today: dt.date | None = None) -> Report:
    """Set the date and place the report is signed (an input of the report: refused while it is frozen). The date
    may not be before the end of the reported period nor after today; an empty date or place restores the default
    (:func:`report_date_place`). A report without a row yet gets it here: this is a write."""
    today = today or timezone.localdate()
    end = period_end(year=report.year, period=report.period)
    if report_date is not None and report_date < end:
        raise ValidationError({"report_date": REPORT_DATE_TOO_EARLY % {"end": formats.date_format(end, "j F Y")}})
    if report_date is not None and report_date > today:
        raise ValidationError({"report_date": REPORT_DATE_IN_FUTURE})
    if report.pk is None:
        report = report_get_or_create(organisation=report.organisation, year=report.year, period=report.period)
    # the row locked as a narrative save does (a transition in progress decides first), then the status in force read
    status = Report.objects.select_for_update(no_key=True).filter(pk=report.pk).values_list("status", flat=True).get()
    if status in FROZEN:
        raise ValidationError(REPORT_DATE_FROZEN, code="frozen")
    report.report_date = report_date
    report.report_place = report_place.strip()
    report.full_clean(exclude=["organisation", "status", "submitted_by"], validate_unique=False, validate_constraints=False)
    report.save(update_fields=["report_date", "report_place", "updated_at"])
    return report


def report_document(*, report: Report, day: dt.date | None = None) -> Document:
    """The report's Document built from the current data (also for a report without a row yet), dated and
    placed by :func:`report_date_place` (``day``: the approval date, for a caller approving now or comparing with
    an approval), in the report's language (Indonesian) whatever the reader's interface language. The camat who
    signs and the staff composition are the ones on that date."""
    organisation = report.organisation
    when, place = report_date_place(report=report, approval_day=day)
    with translation.override(REPORT_LANGUAGE):
        data = report_inputs(
            organisation=organisation,
            year=report.year,
            upto=period_quarter(report.period),
            day=when,
            report=report if report.pk else None,
        )
        data.place = place
        return build_document(data, report.period)


def narrative_draft(*, report: Report, key: str) -> str:
    """The draft generated from the figures for one narrative (shown until the operator saves one), in the
    report's language."""
    with translation.override(REPORT_LANGUAGE):
        data = report_inputs(
            organisation=report.organisation,
            year=report.year,
            upto=report.quarter,
            day=report_date_place(report=report)[0],
            report=report if report.pk else None,
        )
        return Drafts(Figures(data)).get(key)
