"""Writes of realisations, evidence and comparison figures (convention 2).

Two browsers editing one realisation: each form carries the row's ``revision``;
saving checks it under a row lock and refuses a stale one with a conflict
message, so the second save never silently overwrites the first.

Every write first locks the organisation-year's reports (:func:`_lock_period`), the rows the
workflow transitions lock: an edit and a concurrent submission are serialised, so the freeze guard
sees the submission and no edit lands in a period after it was submitted.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from apps import calculations as calc
from apps.calculations.bridge import plain
from apps.core import locks
from apps.core.numbers import HALF_UP, format_number_id
from apps.planning.models import AspectScale, ComparisonFigure, Indicator, IndicatorTarget

from .evidence import sniff
from .models import AspectScore, Evidence, Realisation, ServiceScore
from .selectors import below_target_with

CONFLICT = _(
    "Realisasi ini sudah diubah oleh %(user)s pada %(when)s setelah Anda membuka formulir. "
    "Isian Anda tidak disimpan; periksa nilai terbaru di bawah lalu simpan lagi bila perlu."
)
FAKTOR_REQUIRED = _("Capaian di bawah target: isi faktor penghambat.")
SOLUSI_REQUIRED = _("Capaian di bawah target: isi solusi / upaya.")
NEGATIVE_NOT_ALLOWED = _("Realisasi tidak boleh negatif.")
LINK_OR_FILE = _("Unggah berkas atau isi tautan (salah satu).")
COMPARISON_VALUE_OR_NA = _("Isi nilai atau centang «tidak tersedia» (salah satu).")
COMPARISON_NEGATIVE = _("Nilai pembanding tidak boleh negatif.")
HISTORY_NOT_PAST = _("Riwayat hanya untuk tahun sebelum tahun berjalan (%(year)s).")
HISTORY_EMPTY = _("Isi target atau realisasi tahun tersebut.")
HISTORY_COMPOSITE = _("Realisasi indikator komposit dihitung dari komponennya: isi targetnya saja.")
HISTORY_NEGATIVE = _("Target tidak boleh negatif.")
STATE_UNKNOWN = _("Keadaan realisasi tidak dikenal: pilih «nilai», «belum tersedia» atau «tidak dapat diukur».")
SERVICE_SCORE_RANGE = _("Nilai per jenis layanan harus antara 0 dan 100.")
SERVICE_SCORE_NAME = _("Isi jenis layanan.")
ASPECT_NOT_INDEX = _("Indikator ini bukan indeks beraspek.")
ASPECT_NO_ASPECTS = _("Isi aspek dan skala skor indikator ini terlebih dahulu (halaman Renstra, «Aspek dan skala skor»).")
ASPECT_SCORE_RANGE = _("Skor «%(name)s» harus antara %(low)s dan %(high)s.")
ASPECT_SCORE_FUTURE = _("Skor aspek hanya untuk tahun berjalan atau sebelumnya (%(year)s).")
ASPECT_VALUE_COMPUTED = _("Realisasi indikator beraspek dihitung dari skor aspek: ubah skornya di halaman «Skor aspek».")
SERVICE_SCORE_FUTURE = _("Nilai per jenis layanan hanya untuk tahun berjalan atau sebelumnya (%(year)s).")


class RealisationConflict(ValidationError):
    """Raised when the row changed since the form was opened."""


def _lock_period(*, organisation_id: int, year: int) -> None:
    """Wait for any workflow transition of the organisation-year's reports (they hold the report row
    lock) and hold them off until this write commits; the freeze guard, which runs after, then reads
    the status in force. Rows are locked in primary-key order, so two writes cannot deadlock. The report
    rows are the reports app's: they are locked through the period lock at the ground (apps.core.locks)."""
    locks.lock_reports(organisation_id=organisation_id, year=year)


@transaction.atomic
def realisation_save(
    *,
    indicator: Indicator,
    year: int,
    quarter: int,
    revision: int,
    user: Any,
    value: Decimal | None,
    source_document: str = "",
    source_date: dt.date | None = None,
    source_issuer: str = "",
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    faktor_pendukung: str = "",
    faktor_penghambat: str = "",
    solusi: str = "",
    state: str = "",
    state_reason: str = "",
    expected_source: str = "",
    expected_date: dt.date | None = None,
) -> Realisation:
    """Save one quarter's realisation. When the capaian s/d this quarter with the new value is below
    target (under 100 %, computed here by the calculation module whoever calls), faktor penghambat and
    solusi are required (PermenPANRB 53/2014: the LKjIP analyses the causes and the solutions).

    Instead of a value, ``state`` may say the realisation is "belum tersedia" (with ``state_reason``, and the
    ``expected_source`` and ``expected_date``) or "tidak dapat diukur" (with ``state_reason``): checked here,
    before anything is locked or written (Realisation.clean_state), a warning in the consistency check."""
    if value is not None and value < 0:
        raise ValidationError({"value": NEGATIVE_NOT_ALLOWED})
    if state not in Realisation.State.values:
        raise ValidationError({"state": STATE_UNKNOWN})
    state_reason, expected_source = state_reason.strip(), " ".join(expected_source.split())
    Realisation(
        value=value, state=state, state_reason=state_reason, expected_source=expected_source, expected_date=expected_date
    ).clean_state()
    if indicator.is_aspect_index:
        stored = Realisation.objects.filter(indicator=indicator, year=year, quarter=quarter).values_list("value", flat=True).first()
        if value != stored:
            raise ValidationError({"value": ASPECT_VALUE_COMPUTED})
    # A state ("belum tersedia", "tidak dapat diukur") has no capaian to analyse: its reason stands for it.
    if not state and below_target_with(indicator=indicator, year=year, quarter=quarter, value=value):
        errors = {}
        if not faktor_penghambat.strip():
            errors["faktor_penghambat"] = FAKTOR_REQUIRED
        if not solusi.strip():
            errors["solusi"] = SOLUSI_REQUIRED
        if errors:
            raise ValidationError(errors)
    _lock_period(organisation_id=indicator.organisation_id, year=year)
    obj, _created = Realisation.objects.select_for_update().get_or_create(indicator=indicator, year=year, quarter=quarter)
    if obj.revision != revision:
        who = (obj.updated_by.get_full_name() or obj.updated_by.username) if obj.updated_by else "pengguna lain"
        when = formats.date_format(obj.updated_at.astimezone(), "j F Y H:i")
        raise RealisationConflict(CONFLICT % {"user": who, "when": when}, code="conflict")
    obj.value = value
    obj.source_document = source_document
    obj.source_date = source_date
    obj.source_issuer = source_issuer
    obj.numerator, obj.denominator = numerator, denominator  # checked by Realisation.clean (both or neither, penyebut > 0)
    obj.state, obj.state_reason = state, state_reason
    obj.expected_source, obj.expected_date = expected_source, expected_date
    obj.faktor_pendukung = faktor_pendukung
    obj.faktor_penghambat = faktor_penghambat
    obj.solusi = solusi
    obj.revision = revision + 1
    obj.updated_by = user
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def evidence_add(
    *, realisation: Realisation, user: Any, kind: str, description: str, upload: UploadedFile | None = None, url: str = ""
) -> Evidence:
    """Attach a file (type and size checked on its content) or a link, never both."""
    if bool(upload) == bool(url):
        raise ValidationError(LINK_OR_FILE)
    _lock_period(organisation_id=realisation.indicator.organisation_id, year=realisation.year)
    evidence = Evidence(realisation=realisation, kind=kind, description=description, uploaded_by=user)
    if upload is not None:
        sniffed = sniff(upload, upload.size or 0)
        if kind == Evidence.Kind.LINK:
            evidence.kind = Evidence.Kind.DOCUMENT
        evidence.content_type = sniffed.content_type
        evidence.size = sniffed.size
        evidence.sha256 = sniffed.sha256
        evidence.original_name = os.path.basename(upload.name or "berkas")[:255]
        evidence.file.save(f"{sniffed.sha256[:16]}.{sniffed.extension}", upload, save=False)
    else:
        evidence.kind = Evidence.Kind.LINK
        evidence.url = url
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    _lock_period(organisation_id=evidence.realisation.indicator.organisation_id, year=evidence.realisation.year)
    stored = evidence.file.name if evidence.file else None
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def comparison_set(
    *, indicator: Indicator, year: int, level: str, value: Decimal | None, not_available: bool, source: str = "", peer: str = ""
) -> ComparisonFigure | None:
    """A national/provincial/kabupaten figure, or "tidak tersedia", or the value of another perangkat daerah
    of the kabupaten named ``peer`` (one row per peer; seed 003 Tabel 3.4); both blank removes the row."""
    peer = " ".join(peer.split())
    ComparisonFigure(indicator=indicator, year=year, level=level, peer=peer).clean()  # the peer's name: with "pd" only
    _lock_period(organisation_id=indicator.organisation_id, year=year)
    if value is None and not not_available:
        ComparisonFigure.objects.filter(indicator=indicator, year=year, level=level, peer=peer).delete()
        return None
    if value is not None and not_available:
        raise ValidationError(COMPARISON_VALUE_OR_NA)
    if value is not None and value < 0:
        raise ValidationError({"value": COMPARISON_NEGATIVE})
    obj, _created = ComparisonFigure.objects.get_or_create(
        indicator=indicator, year=year, level=level, peer=peer, defaults={"not_available": not_available, "value": value}
    )
    obj.value, obj.not_available, obj.source = value, not_available, source
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def realisation_ensure(*, indicator: Indicator, year: int, quarter: int) -> Realisation:
    """The realisation row evidence hangs on, created blank (value None) if it does not exist yet."""
    obj, _created = Realisation.objects.get_or_create(indicator=indicator, year=year, quarter=quarter)
    return obj


@transaction.atomic
def history_save(
    *, indicator: Indicator, year: int, target: Decimal | None, value: Decimal | None, user: Any, today: dt.date | None = None
) -> None:
    """The riwayat of an indicator for a year before the current one: its target (an IndicatorTarget of
    that year, which may lie before the Renstra period: docs/decisions.md) and its realisasi, typed at TW
    IV (s/d TW IV is the annual value) through :func:`realisation_save`. A blank field is left as it is;
    both refused while a report of that year, or the annual report of a later year that compares it, is
    frozen (apps.reports.freeze guards both models for their own year)."""
    current = (today or timezone.localdate()).year
    if year >= current:
        raise ValidationError({"year": HISTORY_NOT_PAST % {"year": current}})
    if target is None and value is None:
        raise ValidationError(HISTORY_EMPTY)
    if value is not None and indicator.is_composite:
        raise ValidationError({"value": HISTORY_COMPOSITE})
    if target is not None and target < 0:
        raise ValidationError({"target": HISTORY_NEGATIVE})
    _lock_period(organisation_id=indicator.organisation_id, year=year)
    locks.assert_editable(indicator.organisation_id, year, 1)
    # The annual LKjIP of a later year compares this one (Pemda.previous_years of them): frozen with it.
    for later in range(year + 1, year + indicator.organisation.pemda.previous_years + 1):
        locks.assert_editable(indicator.organisation_id, later, 4)
    if target is not None:
        IndicatorTarget.objects.update_or_create(indicator=indicator, year=year, defaults={"value": target})
    if value is not None:
        row = Realisation.objects.filter(indicator=indicator, year=year, quarter=4).first()
        kept = {k: getattr(row, k) for k in HISTORY_KEPT} if row else {}
        realisation_save(indicator=indicator, year=year, quarter=4, revision=row.revision if row else 0, user=user, value=value, **kept)


#: What a riwayat entry keeps of the realisation of TW IV it overwrites (the realisation form's fields).
HISTORY_KEPT = ("source_document", "source_date", "source_issuer", "faktor_pendukung", "faktor_penghambat", "solusi")


@transaction.atomic
def service_score_save(*, indicator: Indicator, year: int, name: str, value: Decimal, today: dt.date | None = None) -> ServiceScore:
    """The value of one jenis layanan of ``indicator`` in ``year`` (seed 002 §4.6: IKM per jenis layanan), replacing
    the one of the same name: 0 to 100, a year not after the current one; refused while a report of that year is
    frozen (apps.reports.freeze guards the rows too). The unit's value is their mean, computed by the report."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": SERVICE_SCORE_NAME})
    if value is None or not 0 <= value <= 100:
        raise ValidationError({"value": SERVICE_SCORE_RANGE})
    current = (today or timezone.localdate()).year
    if year > current:
        raise ValidationError({"year": SERVICE_SCORE_FUTURE % {"year": current}})
    _lock_period(organisation_id=indicator.organisation_id, year=year)
    locks.assert_editable(indicator.organisation_id, year, 1)
    row = ServiceScore.objects.filter(indicator=indicator, year=year, name=name).first() or ServiceScore(
        indicator=indicator, year=year, name=name, order=ServiceScore.objects.filter(indicator=indicator, year=year).count()
    )
    row.value = value
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def service_score_delete(*, score: ServiceScore) -> None:
    """Remove one jenis layanan, refused while a report of its year is frozen."""
    _lock_period(organisation_id=score.indicator.organisation_id, year=score.year)
    locks.assert_editable(score.indicator.organisation_id, score.year, 1)
    score.delete()


def aspect_index_of(indicator: Indicator, year: int, *, rounding: str = HALF_UP) -> calc.AspectIndex | None:
    """The aspect index of ``indicator`` in ``year`` from its stored aspects and scores (None: no scale or no aspect);
    ``rounding`` is the pemda's report-convention rule for indices (its derivation prints by it)."""
    scale = AspectScale.objects.filter(indicator=indicator).first()
    aspects = list(indicator.aspects.all())
    if scale is None or not aspects:
        return None
    scores = dict(AspectScore.objects.filter(aspect__indicator=indicator, year=year).values_list("aspect_id", "score"))
    return calc.aspect_index(
        [calc.AspectInput(a.name, a.weight, scores.get(a.pk)) for a in aspects],
        weight_total=scale.weight_total,
        score_range=(scale.score_min, scale.score_max),
        factor_percent=scale.factor_percent,
        places=indicator.precision,
        rounding=rounding,
    )


@transaction.atomic
def aspect_scores_save(
    *,
    indicator: Indicator,
    year: int,
    scores: dict[int, Decimal | None],
    user: Any,
    today: dt.date | None = None,
    rounding: str = HALF_UP,
) -> Realisation:
    """The skor of each aspect of an "indeks beraspek" indicator in ``year`` (a blank one removes it), all or
    nothing: each within the indicator's scale, a year not after the current one, refused while a report of that
    year is frozen. The index (calc.aspect_index: Σ skor × bobot, × the perhitungan aspek percentage), at the
    indicator's precision and by ``rounding`` (the pemda's report-convention rule for indices: half up, or
    truncated so that 0,255 is recorded and printed 0,25), becomes the realisation of TW IV (blank while an aspect has no skor): the capaian,
    the tables and the exports follow it through the one figures path (apps.reports.figures)."""
    if not indicator.is_aspect_index:
        raise ValidationError(ASPECT_NOT_INDEX)
    scale = AspectScale.objects.filter(indicator=indicator).first()
    aspects = {a.pk: a for a in indicator.aspects.all()}
    if scale is None or not aspects:
        raise ValidationError(ASPECT_NO_ASPECTS)
    current = (today or timezone.localdate()).year
    if year > current:
        raise ValidationError({"year": ASPECT_SCORE_FUTURE % {"year": current}})
    errors = {}
    for pk, score in scores.items():
        if pk in aspects and score is not None and not scale.score_min <= score <= scale.score_max:
            errors[f"aspect_{pk}"] = (ASPECT_SCORE_RANGE % {"name": aspects[pk].name, "low": format_number_id(plain(scale.score_min)),
                                                "high": format_number_id(plain(scale.score_max))})  # fmt: skip
    if errors:
        raise ValidationError(errors)
    _lock_period(organisation_id=indicator.organisation_id, year=year)
    locks.assert_editable(indicator.organisation_id, year, 1)
    for pk, score in scores.items():
        if pk not in aspects:
            continue
        if score is None:
            AspectScore.objects.filter(aspect_id=pk, year=year).delete()
            continue
        row = AspectScore.objects.filter(aspect_id=pk, year=year).first() or AspectScore(aspect=aspects[pk], year=year)
        row.score = score
        row.full_clean()
        row.save()
    result = aspect_index_of(indicator, year, rounding=rounding)
    value = result.printed(indicator.precision, rounding) if result is not None else None
    obj, _created = Realisation.objects.select_for_update().get_or_create(indicator=indicator, year=year, quarter=4)
    if obj.value != value:
        obj.value, obj.numerator, obj.denominator = value, None, None
        obj.revision += 1
        obj.updated_by = user
        obj.full_clean()
        obj.save()
    return obj
