"""Quarterly realisations of indicators, their provenance, evidence and analysis.

A realisation is the value *of that quarter* as the operator reports it; how the
quarters combine into "s/d TW n" is the indicator's aggregation rule, applied by the
calculation module. A blank value means "not reported", never zero.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps import calculations as calc
from apps.core.models import TimeStampedModel
from apps.organisations.querysets import OrganisationScopedQuerySet
from apps.planning.models import DECIMALS, MAX_DIGITS, Indicator, IndicatorAspect

OPERANDS_BOTH = _("Isi pembilang dan penyebut bersama-sama, atau kosongkan keduanya.")
OPERAND_NEGATIVE = _("Pembilang tidak boleh negatif.")
DENOMINATOR_POSITIVE = _("Penyebut harus lebih dari 0.")
OPERANDS_WITHOUT_VALUE = _("Pembilang dan penyebut hanya diisi bersama nilai realisasinya.")
STATE_REASON_REQUIRED = _("Isi alasan mengapa realisasi belum tersedia atau tidak dapat diukur.")
STATE_WITH_VALUE = _(
    "Realisasi yang «belum tersedia» atau «tidak dapat diukur» tidak boleh berisi nilai: kosongkan nilainya atau pilih «nilai»."
)
EXPECTED_ONLY_PENDING = _("Sumber dan perkiraan tanggal hanya diisi untuk realisasi yang «belum tersedia».")
STATE_DETAILS_WITHOUT_STATE = _("Alasan hanya diisi bila realisasi «belum tersedia» atau «tidak dapat diukur».")


class Realisation(TimeStampedModel):
    class State(models.TextChoices):
        """What the realisation is (apps.calculations.states.RealisationState holds the same values)."""

        VALUE = "", _("Nilai")
        NOT_YET_AVAILABLE = "belum_tersedia", _("Belum tersedia")
        NOT_MEASURABLE = "tidak_dapat_diukur", _("Tidak dapat diukur")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations", verbose_name=_("indikator"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    value = models.DecimalField(_("realisasi"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    source_document = models.CharField(
        _("nomor dokumen sumber"), max_length=200, blank=True, help_text=_("mis. SK Bupati 188.4.45/398/415/10.1.3/2024")
    )
    source_date = models.DateField(_("tanggal dokumen"), null=True, blank=True)
    source_issuer = models.CharField(_("penerbit dokumen"), max_length=200, blank=True, help_text=_("mis. Inspektorat Kabupaten (LHE)"))
    # The operands behind a ratio indicator's value (seed 003 L4: 40 of 42 fasilitasi followed up), shown in the
    # lampiran "penghitungan"; both or neither. The value stays what the kabupaten reports (it may truncate).
    numerator = models.DecimalField(_("pembilang"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    denominator = models.DecimalField(_("penyebut"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    # Issue 18: "belum tersedia" (measured by another party, survey pending) with the expected source and date,
    # or "tidak dapat diukur"; either with a reason and no value. A warning, not an error, before submission.
    state = models.CharField(_("keadaan realisasi"), max_length=20, choices=State.choices, default=State.VALUE, blank=True)
    state_reason = models.TextField(_("alasan"), blank=True)
    expected_source = models.CharField(
        _("sumber yang ditunggu"), max_length=200, blank=True, help_text=_("mis. Survei IKM oleh BPS Kabupaten")
    )
    expected_date = models.DateField(_("perkiraan tanggal tersedia"), null=True, blank=True)
    faktor_pendukung = models.TextField(_("faktor pendukung"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)
    solusi = models.TextField(_("solusi / upaya"), blank=True)
    revision = models.PositiveIntegerField(
        _("revisi"), default=0, help_text=_("Naik setiap simpan; mencegah dua penyimpanan saling menimpa")
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    organisation_lookup = "indicator__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="realisation_unique_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="realisation_quarter_1_4"),
            models.CheckConstraint(condition=models.Q(state="") | models.Q(value__isnull=True), name="realisation_state_without_value"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} TW {self.quarter}: {self.value}"

    def clean(self) -> None:
        super().clean()
        if (self.numerator is None) != (self.denominator is None):
            raise ValidationError({"denominator": OPERANDS_BOTH})
        if self.numerator is not None and self.numerator < 0:
            raise ValidationError({"numerator": OPERAND_NEGATIVE})
        if self.denominator is not None and self.denominator <= 0:
            raise ValidationError({"denominator": DENOMINATOR_POSITIVE})
        if self.numerator is not None and self.value is None:
            raise ValidationError({"value": OPERANDS_WITHOUT_VALUE})
        self.clean_state()

    def clean_state(self) -> None:
        """A state other than a value has a reason and no value; only "belum tersedia" has an expected source and date."""
        if self.state:
            if self.value is not None:
                raise ValidationError({"value": STATE_WITH_VALUE})
            if not self.state_reason.strip():
                raise ValidationError({"state_reason": STATE_REASON_REQUIRED})
        elif self.state_reason.strip():
            raise ValidationError({"state_reason": STATE_DETAILS_WITHOUT_STATE})
        if self.state != self.State.NOT_YET_AVAILABLE and (self.expected_source.strip() or self.expected_date is not None):
            raise ValidationError({"expected_source": EXPECTED_ONLY_PENDING})

    @property
    def state_note(self) -> calc.StateNote | None:
        """The state for the calculation module (None for a value)."""
        if not self.state:
            return None
        return calc.StateNote(calc.RealisationState(self.state), self.state_reason, self.expected_source, self.expected_date)


def evidence_path(instance: Evidence, filename: str) -> str:  # noqa: ARG001 - Django's upload_to signature
    r = instance.realisation
    # The stored name is random; the original name is kept in the row, never trusted on disk.
    return f"evidence/{r.indicator.organisation_id}/{r.year}/{uuid.uuid4().hex}"


class Evidence(TimeStampedModel):
    """Bukti dukung: a file (type and size checked on content) or a link."""

    class Kind(models.TextChoices):
        DOCUMENT = "dokumen", _("Dokumen (SK, laporan, notulen)")
        PHOTO = "foto", _("Foto kegiatan")
        DATA = "data", _("Data / rekap")
        LINK = "tautan", _("Tautan")

    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("realisasi"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("keterangan"), max_length=300)
    file = models.FileField(_("berkas"), upload_to=evidence_path, blank=True)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(_("tipe berkas"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    organisation_lookup = "realisation__indicator__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="tautan") & ~models.Q(url="") & models.Q(file=""))
                | (~models.Q(kind="tautan") & models.Q(url="") & ~models.Q(file="")),
                name="evidence_file_xor_link",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class ServiceScore(TimeStampedModel):
    """An indicator's value for one jenis layanan in a year (seed 002 §4.6: IKM per jenis layanan, KTP 98,35 ...
    Surat Keterangan Lainnya 80,56), typed by the operator from the survey report; the unit's value is their
    unweighted mean (F14: 93,53), computed by the report, never typed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="service_scores", verbose_name=_("indikator"))
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    name = models.CharField(_("jenis layanan"), max_length=200)
    value = models.DecimalField(_("nilai"), max_digits=MAX_DIGITS, decimal_places=DECIMALS)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    organisation_lookup = "indicator__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nilai per jenis layanan")
        verbose_name_plural = _("nilai per jenis layanan")
        ordering = ["indicator", "year", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "name"], name="service_score_unique_name")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.name}"


class AspectScore(TimeStampedModel):
    """The skor of one aspect of an "indeks beraspek" indicator in a year (issue 18), typed by the operator
    from the evaluation sheet. The index (Σ skor × bobot, × the perhitungan aspek percentage) is computed by
    apps.calculations.aspects and stored as the indicator's realisation of TW IV, never typed."""

    aspect = models.ForeignKey(IndicatorAspect, on_delete=models.CASCADE, related_name="scores", verbose_name=_("aspek"))
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    score = models.DecimalField(_("skor"), max_digits=MAX_DIGITS, decimal_places=DECIMALS)

    organisation_lookup = "aspect__indicator__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skor aspek")
        verbose_name_plural = _("skor aspek")
        ordering = ["aspect", "year"]
        constraints = [models.UniqueConstraint(fields=["aspect", "year"], name="aspect_score_unique_year")]

    def __str__(self) -> str:
        return f"{self.aspect} {self.year}: {self.score}"
