"""DPA/DPPA versions, their sub kegiatan lines, and the realisasi anggaran per triwulan.

What is stored (docs/domain.md sections 2 and 4; docs/budgets.md):

* A :class:`DpaVersion` per import: organisation, year, sequence (1, 2, ... in import order; the
  highest is the version in force), kind (murni, pergeseran, perubahan/DPPA), number, date, and the
  source file's name and SHA-256.
* A :class:`DpaLine` per **sub kegiatan** of a version: code, the names of its program and kegiatan,
  sumber dana, pagu, anggaran kas s/d TW I-IV and per month. Program and kegiatan totals are never
  stored: they are sums of the lines (a total printed in the file is only checked on import).
* A :class:`RealisasiAnggaran` per organisation, year, sub kegiatan code and triwulan: the
  realisasi **s/d** that triwulan (cumulative, as SIPD's LRA and the reports print it). Blank means
  "not reported" and is never zero. Keyed by code, so it survives a new DPA version.
* A :class:`DpaUpload`: a validated file waiting for confirmation; the confirm step re-reads these
  stored bytes, never a re-posted file.

Money is ``Decimal`` with 18 digits and 2 decimals.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.organisations.models import Organisation
from apps.organisations.querysets import OrganisationScopedQuerySet
from apps.planning.models import SubKegiatan

MONEY = {"max_digits": 18, "decimal_places": 2}
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class DpaKind(models.TextChoices):
    MURNI = "murni", _("DPA murni (pokok)")
    PERGESERAN = "pergeseran", _("DPA pergeseran")
    PERUBAHAN = "perubahan", _("DPPA (perubahan)")


class DpaVersion(TimeStampedModel):
    """One imported DPA or DPPA of an organisation-year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="dpa_versions", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun anggaran"), validators=YEAR_VALIDATORS)
    sequence = models.PositiveSmallIntegerField(_("versi ke-"), help_text=_("Urutan impor dalam tahun; versi tertinggi yang berlaku"))
    kind = models.CharField(_("jenis"), max_length=12, choices=DpaKind.choices, default=DpaKind.MURNI)
    number = models.CharField(_("nomor DPA"), max_length=120, blank=True)
    document_date = models.DateField(_("tanggal DPA"), null=True, blank=True)
    source_name = models.CharField(_("nama berkas sumber"), max_length=255)
    source_sha256 = models.CharField(_("SHA-256 berkas"), max_length=64)
    content_sha256 = models.CharField(_("SHA-256 isi"), max_length=64, help_text=_("Sidik isi baris; berkas lain dengan isi sama ditolak"))
    layout = models.CharField(_("tata letak"), max_length=10, blank=True)
    stated_totals_note = models.TextField(
        _("jumlah tertulis yang berbeda"), blank=True,
        help_text=_("Jumlah yang tertulis di berkas tetapi tidak sama dengan jumlah rinciannya; diimpor dengan jumlah hasil hitung "
                    "setelah dikonfirmasi admin"),
    )  # fmt: skip
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("versi DPA")
        verbose_name_plural = _("versi DPA")
        ordering = ["organisation", "-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "sequence"], name="dpa_version_unique_sequence"),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="dpa_version_sequence_positive"),
        ]

    def __str__(self) -> str:
        label = f"{self.get_kind_display()} {self.year} (versi {self.sequence})"
        return f"{label} no. {self.number}" if self.number else label


class DpaLine(models.Model):
    """A sub kegiatan of one DPA version. Anggaran kas is cumulative ("s/d TW n"); months are per month."""

    version = models.ForeignKey(DpaVersion, on_delete=models.CASCADE, related_name="lines", verbose_name=_("versi DPA"))
    order = models.PositiveIntegerField(_("urutan"), default=0)
    source_row = models.PositiveIntegerField(_("baris di berkas"), null=True, blank=True)
    code = models.CharField(_("kode sub kegiatan"), max_length=30)
    name = models.CharField(_("sub kegiatan"), max_length=400)
    program_code = models.CharField(_("kode program"), max_length=20)
    program_name = models.CharField(_("program"), max_length=400, blank=True)
    kegiatan_code = models.CharField(_("kode kegiatan"), max_length=25)
    kegiatan_name = models.CharField(_("kegiatan"), max_length=400, blank=True)
    sumber_dana = models.CharField(_("sumber dana"), max_length=200, blank=True)
    pagu = models.DecimalField(_("pagu"), **MONEY, validators=[MinValueValidator(0)])
    kas_tw1 = models.DecimalField(_("anggaran kas s/d TW I"), **MONEY, null=True, blank=True)
    kas_tw2 = models.DecimalField(_("anggaran kas s/d TW II"), **MONEY, null=True, blank=True)
    kas_tw3 = models.DecimalField(_("anggaran kas s/d TW III"), **MONEY, null=True, blank=True)
    kas_tw4 = models.DecimalField(_("anggaran kas s/d TW IV"), **MONEY, null=True, blank=True)
    kas_m01 = models.DecimalField(_("kas Januari"), **MONEY, null=True, blank=True)
    kas_m02 = models.DecimalField(_("kas Februari"), **MONEY, null=True, blank=True)
    kas_m03 = models.DecimalField(_("kas Maret"), **MONEY, null=True, blank=True)
    kas_m04 = models.DecimalField(_("kas April"), **MONEY, null=True, blank=True)
    kas_m05 = models.DecimalField(_("kas Mei"), **MONEY, null=True, blank=True)
    kas_m06 = models.DecimalField(_("kas Juni"), **MONEY, null=True, blank=True)
    kas_m07 = models.DecimalField(_("kas Juli"), **MONEY, null=True, blank=True)
    kas_m08 = models.DecimalField(_("kas Agustus"), **MONEY, null=True, blank=True)
    kas_m09 = models.DecimalField(_("kas September"), **MONEY, null=True, blank=True)
    kas_m10 = models.DecimalField(_("kas Oktober"), **MONEY, null=True, blank=True)
    kas_m11 = models.DecimalField(_("kas November"), **MONEY, null=True, blank=True)
    kas_m12 = models.DecimalField(_("kas Desember"), **MONEY, null=True, blank=True)
    sub_kegiatan = models.ForeignKey(
        SubKegiatan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dpa_lines",
        verbose_name=_("sub kegiatan Renstra"),
        help_text=_("Dicocokkan dengan kode dalam Renstra yang berlaku pada tahun anggaran"),
    )

    organisation_lookup = "version__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("baris DPA")
        verbose_name_plural = _("baris DPA")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="dpa_line_unique_code"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="dpa_line_pagu_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def kas(self) -> tuple:
        return (self.kas_tw1, self.kas_tw2, self.kas_tw3, self.kas_tw4)

    @property
    def months(self) -> tuple:
        return tuple(getattr(self, f"kas_m{m:02d}") for m in range(1, 13))


class DpaLineAkun(models.Model):
    """The belanja of a DPA line (sub kegiatan) per kode akun, as SIPD's flat rekap gives it (one row per sub
    kegiatan x kode akun, summed per akun; issue 20): kept so that the detail the file held is not lost and a
    report can show belanja by jenis. The line's pagu is the sum of its akun (checked at import)."""

    line = models.ForeignKey(DpaLine, on_delete=models.CASCADE, related_name="akun", verbose_name=_("baris DPA"))
    order = models.PositiveIntegerField(_("urutan"), default=0)
    code = models.CharField(_("kode akun"), max_length=40)
    name = models.CharField(_("nama akun"), max_length=400, blank=True)
    amount = models.DecimalField(_("nilai"), **MONEY, validators=[MinValueValidator(0)])

    organisation_lookup = "line__version__organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("belanja per akun baris DPA")
        verbose_name_plural = _("belanja per akun baris DPA")
        ordering = ["line", "order"]
        constraints = [
            models.UniqueConstraint(fields=["line", "code"], name="dpa_line_akun_unique_code"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dpa_line_akun_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RealisasiAnggaran(TimeStampedModel):
    """Realisasi anggaran of a sub kegiatan s/d a triwulan (cumulative). ``amount`` None = not reported."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="realisasi_anggaran", verbose_name=_("organisasi")
    )
    year = models.PositiveSmallIntegerField(_("tahun anggaran"), validators=YEAR_VALIDATORS)
    code = models.CharField(_("kode sub kegiatan"), max_length=30)
    quarter = models.PositiveSmallIntegerField(_("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    amount = models.DecimalField(_("realisasi s/d triwulan"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)])
    source = models.CharField(_("sumber isian"), max_length=300, blank=True, help_text=_("Isian langsung atau nama berkas impor"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        ordering = ["organisation", "year", "code", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "code", "quarter"], name="realisasi_anggaran_unique"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="realisasi_anggaran_quarter_1_4"),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="realisasi_anggaran_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year} s/d TW {self.quarter}: {self.amount}"


class DpaUpload(TimeStampedModel):
    """A validated DPA file waiting for the admin's confirmation (kept with its version afterwards)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="dpa_uploads", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun anggaran"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("jenis"), max_length=12, choices=DpaKind.choices, default=DpaKind.MURNI)
    number = models.CharField(_("nomor DPA"), max_length=120, blank=True)
    document_date = models.DateField(_("tanggal DPA"), null=True, blank=True)
    source_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(_("SHA-256 berkas"), max_length=64)
    content = models.BinaryField(_("isi berkas"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.OneToOneField(
        DpaVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="upload", verbose_name=_("versi yang dibuat")
    )

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = _("unggahan DPA")
        verbose_name_plural = _("unggahan DPA")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.organisation}, {self.year})"


class Pendapatan(TimeStampedModel):
    """A jenis pendapatan asli daerah a kecamatan collects (retribusi pasar, ...), s/d a triwulan: the
    anggaran of the DPA in force then, the target and the realisasi s/d that triwulan (cumulative).
    The kelompok total (PAD) is never stored: it is the sum of the rows. Blank is "not reported"."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pendapatan", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun anggaran"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("s/d triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    code = models.CharField(_("kode rekening"), max_length=30, blank=True)
    name = models.CharField(_("jenis pendapatan"), max_length=200)
    anggaran = models.DecimalField(_("anggaran"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)])
    target = models.DecimalField(_("target s/d triwulan"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)])
    realisasi = models.DecimalField(_("realisasi s/d triwulan"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)])
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pendapatan daerah")
        verbose_name_plural = _("pendapatan daerah")
        ordering = ["organisation", "year", "quarter", "code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "quarter", "name"], name="pendapatan_unique_name"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="pendapatan_quarter_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year} s/d TW {self.quarter}"


class DokumenKind(models.TextChoices):
    """The budget documents of a year whose belanja per kode akun the report prints (LRA, Tabel 2.6)."""

    RENJA = "renja", _("Renja (pagu indikatif)")
    MURNI = "murni", _("DPA murni (pokok)")
    PERUBAHAN = "perubahan", _("DPPA (perubahan)")
    REALISASI = "realisasi", _("Realisasi anggaran (LRA)")


class DokumenAnggaran(TimeStampedModel):
    """A budget document of an organisation-year as a summary: belanja per kode akun (rows of
    :class:`BelanjaAkun`) and, for a document whose sub kegiatan lines the app does not hold (a Renja,
    a DPA known only by its totals), the number of programs, kegiatan and sub kegiatan it states.
    ``realisasi`` is the year's LRA: realisasi s/d TW IV per kode akun. Totals (belanja daerah,
    belanja operasi) are never stored: they are sums of the kode akun (apps.calculations)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="dokumen_anggaran", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun anggaran"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("dokumen"), max_length=12, choices=DokumenKind.choices)
    program_count = models.PositiveSmallIntegerField(_("jumlah program"), null=True, blank=True)
    kegiatan_count = models.PositiveSmallIntegerField(_("jumlah kegiatan"), null=True, blank=True)
    sub_kegiatan_count = models.PositiveSmallIntegerField(_("jumlah sub kegiatan"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dokumen anggaran")
        verbose_name_plural = _("dokumen anggaran")
        ordering = ["organisation", "year", "kind"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "kind"], name="dokumen_anggaran_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def lock_quarter(self) -> int:
        """The triwulan its figures belong to for the period lock: a Renja and a DPA murni are read from
        TW I on; a DPPA and the LRA (realisasi s/d TW IV) by the TW IV and annual reports."""
        return 1 if self.kind in (DokumenKind.RENJA, DokumenKind.MURNI) else 4


class BelanjaAkun(models.Model):
    """Belanja of one kode akun (5.1.01 belanja pegawai, 5.2 belanja modal, ...) in a budget document.
    A document states each amount at one level only (never a kode akun and one under it)."""

    dokumen = models.ForeignKey(DokumenAnggaran, on_delete=models.CASCADE, related_name="akun", verbose_name=_("dokumen anggaran"))
    akun = models.CharField(_("kode akun"), max_length=30)
    amount = models.DecimalField(_("jumlah (Rp)"), **MONEY, validators=[MinValueValidator(0)])

    organisation_lookup = "dokumen__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("belanja per kode akun")
        verbose_name_plural = _("belanja per kode akun")
        ordering = ["dokumen", "akun"]
        constraints = [
            models.UniqueConstraint(fields=["dokumen", "akun"], name="belanja_akun_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="belanja_akun_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.akun}: {self.amount}"
