"""A report (annual LKjIP or quarterly evaluation) of an organisation-year and its narratives.

Figures are never stored here: they are computed from the data each time, until approval
(issue 7) freezes a snapshot. Narratives are plain text (rendered escaped, line breaks kept),
never raw HTML from users.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps import calculations as calc
from apps.core.models import TimeStampedModel
from apps.organisations.models import Organisation
from apps.organisations.querysets import OrganisationScopedQuerySet
from apps.performance.scales_catalogue import AKIP_COMPONENT_WEIGHTS


class Period(models.TextChoices):
    ANNUAL = "annual", _("LKjIP tahunan")
    TW1 = "tw1", _("Evaluasi s/d Triwulan I")
    TW2 = "tw2", _("Evaluasi s/d Triwulan II")
    TW3 = "tw3", _("Evaluasi s/d Triwulan III")
    TW4 = "tw4", _("Evaluasi s/d Triwulan IV")


def period_quarter(period: str) -> int:
    """The last quarter a period covers: the annual report covers the whole year."""
    return 4 if period == Period.ANNUAL else int(period[2])


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "diajukan", _("Diajukan")
    RETURNED = "dikembalikan", _("Dikembalikan")
    APPROVED = "disetujui", _("Disetujui")
    REVIEW_RETURNED = "perbaikan", _("Dikembalikan Inspektorat untuk perbaikan")
    REVIEWED = "direviu", _("Telah direviu")


#: While a report is in one of these states the data of its period is read-only.
FROZEN = (Status.SUBMITTED, Status.APPROVED, Status.REVIEWED)


class Report(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    period = models.CharField(_("periode"), max_length=10, choices=Period.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    pk_version_number = models.PositiveSmallIntegerField(
        _("versi PK yang dipakai"),
        null=True,
        blank=True,
        help_text=_("Ditetapkan saat laporan diajukan: laporan yang dibekukan tetap membaca versi PK ini walau PK perubahan dibuat"),
    )
    dpa_sequence = models.PositiveSmallIntegerField(
        _("versi DPA yang dipakai"),
        null=True,
        blank=True,
        help_text=_("Ditetapkan saat laporan diajukan: laporan yang dibekukan tetap membaca versi DPA ini walau DPPA baru diimpor"),
    )
    convention_pinned = models.JSONField(
        _("konvensi penyajian yang dipakai"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Ditetapkan saat laporan diajukan: laporan yang dibekukan tetap dicetak dengan konvensi ini walau pemda mengubahnya"),
    )
    # The date and place the report is signed (cover, kata pengantar, BAB IV, JSON ``date``), chosen by the
    # operator; unset: the approval date, else the report's due date, and the organisation's place
    # (services.report_date_place). Never the date the file is rendered.
    report_date = models.DateField(
        _("tanggal laporan"),
        null=True,
        blank=True,
        help_text=_("Tanggal penandatanganan laporan; kosong: tanggal persetujuan, atau tanggal jatuh tempo laporan"),
    )
    report_place = models.CharField(
        _("tempat laporan"), max_length=100, blank=True, help_text=_("Tempat penandatanganan laporan; kosong: tempat kedudukan kecamatan")
    )

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["organisation", "-year", "period"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "period"], name="report_unique_period")]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.year} - {self.organisation}"

    @property
    def quarter(self) -> int:
        return period_quarter(self.period)

    def get_absolute_url(self) -> str:
        return reverse("reports:view", args=[self.organisation_id, self.year, self.period])


class NarrativeSection(TimeStampedModel):
    class Key(models.TextChoices):
        KATA_PENGANTAR = "kata_pengantar", _("Kata pengantar")
        IKHTISAR = "ikhtisar", _("Ikhtisar eksekutif")
        LATAR_BELAKANG = "latar_belakang", _("Latar belakang")
        ISU_STRATEGIS = "isu_strategis", _("Isu strategis")
        ANALISIS = "analisis", _("Analisis capaian kinerja")
        KESIMPULAN = "kesimpulan", _("Kesimpulan")
        SARAN = "saran", _("Saran")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="narratives", verbose_name=_("laporan"))
    key = models.CharField(_("bagian"), max_length=20, choices=Key.choices)
    text = models.TextField(_("teks"), blank=True, help_text=_("Teks biasa; baris kosong memisahkan paragraf."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revision = models.PositiveIntegerField(
        _("revisi"), default=0, help_text=_("Naik pada setiap simpan; simpan dari halaman yang dibuka sebelum revisi ini ditolak")
    )

    organisation_lookup = "report__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("narasi")
        verbose_name_plural = _("narasi")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="narrative_unique_key")]

    def __str__(self) -> str:
        return f"{self.report} - {self.get_key_display()}"


class ReportEvent(models.Model):
    """One workflow transition: who, when, from, to, why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=12, choices=Status.choices)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    organisation_lookup = "report__organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat status laporan")
        verbose_name_plural = _("riwayat status laporan")
        ordering = ["report", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.from_status} -> {self.to_status}"


def snapshot_path(instance: ReportSnapshot, filename: str) -> str:  # noqa: ARG001 - upload_to signature
    return f"approved/{instance.report.organisation_id}/{instance.report.year}/{instance.report.period}-v{instance.version}-{instance.sha256[:16]}.pdf"


class ReportSnapshot(models.Model):
    """What was approved: the computed document (JSON), its evidence list and the exact PDF bytes.

    Later downloads return these bytes; the SHA-256 and the public token let anyone confirm
    that a PDF is the approved one.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="snapshots")
    version = models.PositiveIntegerField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()
    document = models.JSONField()
    evidence = models.JSONField(default=list)
    pdf = models.FileField(upload_to=snapshot_path)
    xlsx = models.BinaryField()
    sha256 = models.CharField(max_length=64, db_index=True)
    token = models.UUIDField(unique=True, editable=False)
    html = models.TextField(blank=True, default="", help_text=_("Isi laporan yang disetujui, seperti ditampilkan di halaman laporan"))

    organisation_lookup = "report__organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi disetujui")
        verbose_name_plural = _("versi disetujui")
        ordering = ["report", "-version"]
        constraints = [models.UniqueConstraint(fields=["report", "version"], name="snapshot_unique_version")]

    def __str__(self) -> str:
        return f"{self.report} v{self.version}"


class ReviewNote(models.Model):
    """A reviu note of the Inspektorat on an approved LKjIP (catatan reviu)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="review_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("catatan"))
    created_at = models.DateTimeField(auto_now_add=True)

    organisation_lookup = "report__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("catatan reviu")
        verbose_name_plural = _("catatan reviu")
        ordering = ["report", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


COMPONENTS_ALL_OR_NONE = _("Isi keempat komponen, atau kosongkan semuanya dan isi nilai AKIP saja.")
NILAI_REQUIRED = _("Isi keempat komponen nilai, atau nilai AKIP saja bila LHE tidak merinci komponen.")
LAPANGAN_WITHOUT_LKE = _("Nilai evaluasi lapangan hanya diisi bersama nilai LKE komponen yang sama.")
NILAI_BESIDE_LKE = _("Nilai komponen dihitung dari LKE dan evaluasi lapangan: kosongkan nilai bila LKE diisi.")
SAKIP_COMPONENT_CODES = ("perencanaan", "pengukuran", "pelaporan", "evaluasi_internal")
TOTAL_OR_COMPONENTS = _("Nilai AKIP diisi hanya bila komponen tidak dirinci: bila komponen diisi, nilai adalah jumlahnya.")
RB_INDEKS_RANGE = _("Indeks RB harus antara 0 dan 100.")
RB_BOBOT_RANGE = _("Bobot komponen RB harus lebih dari 0 dan paling besar 100.")
RB_NILAI_RANGE = _("Nilai komponen RB harus antara 0 dan bobotnya (%(bobot)s).")


class SakipEvaluation(TimeStampedModel):
    """The Inspektorat's SAKIP evaluation (LHE) of a kecamatan, done in ``year``; the LKjIP of that
    year lists its recommendations and their tindak lanjut (seed 002: LHE 2024 in the LKjIP 2024)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun evaluasi"))
    lhe_number = models.CharField(_("nomor LHE"), max_length=200, blank=True)
    lhe_date = models.DateField(_("tanggal LHE"), null=True, blank=True)
    perencanaan = models.DecimalField(_("perencanaan kinerja (maks 30)"), max_digits=6, decimal_places=2, null=True, blank=True)
    pengukuran = models.DecimalField(_("pengukuran kinerja (maks 30)"), max_digits=6, decimal_places=2, null=True, blank=True)
    pelaporan = models.DecimalField(_("pelaporan kinerja (maks 15)"), max_digits=6, decimal_places=2, null=True, blank=True)
    evaluasi_internal = models.DecimalField(
        _("evaluasi akuntabilitas kinerja internal (maks 25)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    # The evaluator's two scores per component (seed 002 Tabel 1.3): the nilai is blended from them
    # (calc.blended_score: 0,8 x LKE + 0,2 x evaluasi lapangan, the LKE alone without a field score).
    perencanaan_lke = models.DecimalField(_("perencanaan kinerja: LKE"), max_digits=6, decimal_places=2, null=True, blank=True)
    perencanaan_lapangan = models.DecimalField(
        _("perencanaan kinerja: evaluasi lapangan"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    pengukuran_lke = models.DecimalField(_("pengukuran kinerja: LKE"), max_digits=6, decimal_places=2, null=True, blank=True)
    pengukuran_lapangan = models.DecimalField(
        _("pengukuran kinerja: evaluasi lapangan"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    pelaporan_lke = models.DecimalField(_("pelaporan kinerja: LKE"), max_digits=6, decimal_places=2, null=True, blank=True)
    pelaporan_lapangan = models.DecimalField(
        _("pelaporan kinerja: evaluasi lapangan"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    evaluasi_internal_lke = models.DecimalField(
        _("evaluasi akuntabilitas kinerja internal: LKE"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    evaluasi_internal_lapangan = models.DecimalField(
        _("evaluasi akuntabilitas kinerja internal: evaluasi lapangan"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    total = models.DecimalField(
        _("nilai AKIP (bila LHE tidak merinci komponen)"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("Isi bila LHE hanya memuat nilai akhir (seed 001: 70,88); bila komponen diisi, nilai adalah jumlahnya"),
    )  # fmt: skip
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluasi SAKIP")
        verbose_name_plural = _("evaluasi SAKIP")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="evaluation_unique_year")]

    def __str__(self) -> str:
        return f"Evaluasi SAKIP {self.year} - {self.organisation}"

    def entered_scores(self) -> dict[str, Any]:
        """The nilai per component as typed (empty where it is blended from LKE and evaluasi lapangan)."""
        return {code: getattr(self, code) for code in SAKIP_COMPONENT_CODES}

    def lke_scores(self) -> dict[str, Any]:
        return {code: getattr(self, f"{code}_lke") for code in SAKIP_COMPONENT_CODES}

    def lapangan_scores(self) -> dict[str, Any]:
        return {code: getattr(self, f"{code}_lapangan") for code in SAKIP_COMPONENT_CODES}

    def has_lke(self) -> bool:
        return any(v is not None for v in self.lke_scores().values())

    def scores(self) -> dict[str, Any]:
        """The nilai per component: as typed, or blended from its LKE and evaluasi lapangan scores."""
        lke, lapangan = self.lke_scores(), self.lapangan_scores()
        out = {}
        for code, typed in self.entered_scores().items():
            if lke[code] is None:
                out[code] = typed
            else:
                out[code] = calc.blended_score(lke[code], lapangan[code], weight=AKIP_COMPONENT_WEIGHTS[code]).value
        return out

    def clean(self) -> None:
        """Either the four components (the nilai is their sum) or only the nilai of an LHE that states no
        components: never some components, nor components beside a typed nilai, nor no nilai at all."""
        super().clean()
        lke, lapangan, typed = self.lke_scores(), self.lapangan_scores(), self.entered_scores()
        errors = {
            f"{code}_lapangan": LAPANGAN_WITHOUT_LKE for code in SAKIP_COMPONENT_CODES if lapangan[code] is not None and lke[code] is None
        }
        errors.update({code: NILAI_BESIDE_LKE for code in SAKIP_COMPONENT_CODES if lke[code] is not None and typed[code] is not None})
        if errors:
            raise ValidationError(errors)
        given = [code for code, value in self.scores().items() if value is not None]
        if not given and self.total is None:
            raise ValidationError({"total": NILAI_REQUIRED})
        if given and len(given) < len(self.scores()):
            missing = [code for code, value in self.scores().items() if value is None]
            raise ValidationError({code: COMPONENTS_ALL_OR_NONE for code in missing})
        if given and self.total is not None:
            raise ValidationError({"total": TOTAL_OR_COMPONENTS})


class SarprasItem(TimeStampedModel):
    """One item of the kecamatan's sarana dan prasarana in ``year``: how many the BMD reconciliation counts
    (hasil rekon) against how many its standard needs (standar kebutuhan), entered by the operator; the
    LKjIP prints their ratio as the efisiensi of sarana dan prasarana (seed 002 "Tabel. 3.1.2")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sarpras", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.PositiveSmallIntegerField(_("nomor"))
    uraian = models.CharField(_("uraian"), max_length=300)
    hasil = models.PositiveIntegerField(_("hasil rekon"))
    standar = models.PositiveIntegerField(_("standar kebutuhan"), null=True, blank=True, help_text=_("Kosong: tidak ada standar"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sarana dan prasarana")
        verbose_name_plural = _("sarana dan prasarana")
        ordering = ["organisation", "year", "number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "number"], name="sarpras_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.uraian} ({self.year})"


class Penghargaan(TimeStampedModel):
    """An award the kecamatan received in ``year`` (nama penghargaan, pemberi, tingkat, tanggal), entered by the
    operator; the LKjIP lists them in its lampiran (issue 19, "Penghargaan")."""

    class Tingkat(models.TextChoices):
        KECAMATAN = "kecamatan", _("Kecamatan")
        KABUPATEN = "kabupaten", _("Kabupaten/Kota")
        PROVINSI = "provinsi", _("Provinsi")
        NASIONAL = "nasional", _("Nasional")
        INTERNASIONAL = "internasional", _("Internasional")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="penghargaan", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.PositiveSmallIntegerField(_("nomor"))
    name = models.CharField(_("nama penghargaan"), max_length=300)
    giver = models.CharField(_("pemberi"), max_length=200)
    level = models.CharField(_("tingkat"), max_length=15, choices=Tingkat.choices)
    date = models.DateField(_("tanggal"), null=True, blank=True, help_text=_("Kosong bila tanggal tidak diketahui"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("penghargaan")
        verbose_name_plural = _("penghargaan")
        ordering = ["organisation", "year", "number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "number"], name="penghargaan_unique_number")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class RbEvaluation(TimeStampedModel):
    """The Reformasi Birokrasi evaluation of a kecamatan for ``year`` (the letter of the kabupaten with its
    component tree and Indeks RB), entered by the Inspektorat; the LKjIP of that year prints it (seed 002
    Tabel 1.4). ``indeks`` is the index the letter states (seed 002: 74,90, while its printed components add
    to 74,89, seed notes 002 Q11): printed when given, else the sum of the components."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rb_evaluations", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    letter_number = models.CharField(_("nomor surat hasil evaluasi"), max_length=200, blank=True)
    letter_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    indeks = models.DecimalField(
        _("indeks RB dalam surat"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("Kosong: indeks adalah jumlah nilai komponen"),
    )  # fmt: skip
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluasi reformasi birokrasi")
        verbose_name_plural = _("evaluasi reformasi birokrasi")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="rb_evaluation_unique_year")]

    def __str__(self) -> str:
        return f"Evaluasi RB {self.year} - {self.organisation}"

    def clean(self) -> None:
        super().clean()
        if self.indeks is not None and not (0 <= self.indeks <= 100):
            raise ValidationError({"indeks": RB_INDEKS_RANGE})


class RbComponent(models.Model):
    """A component of an RB evaluation: a group (``parent`` empty) whose nilai is the sum of its children's,
    or a component scored by the evaluation (``nilai``). ``number`` orders the rows of the evaluation."""

    evaluation = models.ForeignKey(RbEvaluation, on_delete=models.CASCADE, related_name="components")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    number = models.PositiveSmallIntegerField(_("urutan"))
    name = models.CharField(_("komponen"), max_length=300)
    bobot = models.DecimalField(_("bobot (%)"), max_digits=6, decimal_places=2)
    nilai = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2, null=True, blank=True)

    organisation_lookup = "evaluation__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("komponen evaluasi RB")
        verbose_name_plural = _("komponen evaluasi RB")
        ordering = ["evaluation", "number"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "number"], name="rb_component_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def clean(self) -> None:
        super().clean()
        if self.bobot is not None and not (0 < self.bobot <= 100):
            raise ValidationError({"bobot": RB_BOBOT_RANGE})
        if self.nilai is not None and self.bobot is not None and not (0 <= self.nilai <= self.bobot):
            raise ValidationError({"nilai": RB_NILAI_RANGE % {"bobot": self.bobot}})


class Recommendation(models.Model):
    evaluation = models.ForeignKey(SakipEvaluation, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("nomor"))
    text = models.TextField(_("rekomendasi"))

    organisation_lookup = "evaluation__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["evaluation", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class FollowUp(TimeStampedModel):
    """The kecamatan's tindak lanjut of one recommendation."""

    class State(models.TextChoices):
        BELUM = "belum", _("Belum ditindaklanjuti")
        PROSES = "proses", _("Dalam proses")
        SELESAI = "selesai", _("Selesai")

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="follow_up")
    rencana_aksi = models.TextField(_("rencana aksi"), blank=True)
    hasil = models.TextField(_("hasil"), blank=True)
    waktu = models.CharField(_("waktu"), max_length=100, blank=True)
    penanggung_jawab = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.BELUM)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    organisation_lookup = "recommendation__evaluation__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.get_state_display()}"


def render_path(instance: RenderJob, filename: str) -> str:  # noqa: ARG001 - upload_to signature
    return f"renders/{instance.report.organisation_id}/{instance.pk}-{filename}"


class RenderJob(models.Model):
    """A PDF rendered in the background (WeasyPrint takes several seconds for a full LKjIP)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="render_jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.FileField(upload_to=render_path, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    seconds = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The SHA-256 of the HTML the PDF is made of (issue 21): the same HTML makes the same PDF, so a later job
    # whose report has not changed reuses the file instead of rendering it again.
    html_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    reused = models.BooleanField(default=False)

    organisation_lookup = "report__organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.report} PDF ({self.state})"


class ApprovalRender(models.Model):
    """The camat's approval, decided at once and completed in the background (issue 21).

    The decision (who, when, the verification token, the submission it approves) is stored at once; the
    worker renders the PDF, XLSX and page from the frozen data (a submitted period cannot change) and, in
    one transaction, stores the snapshot and moves the report to approved. Until then the report stays
    submitted with this render open (queued, running or failed): nothing is half-approved, no one can
    download what is not complete, and a retry renders the same bytes (the date and token are the
    decision's), so the same SHA-256.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Menunggu giliran")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")
        CANCELLED = "cancelled", _("Dibatalkan")

    OPEN = (State.QUEUED, State.RUNNING, State.FAILED)

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="approval_renders")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()
    token = models.UUIDField(unique=True, editable=False)
    submission_updated_at = models.DateTimeField(help_text=_("Saat terakhir laporan berubah sebelum disetujui"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.OneToOneField(ReportSnapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="render")

    organisation_lookup = "report__organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(state__in=["queued", "running", "failed"]), name="approval_render_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_state_display()}"


class DataChange(models.Model):
    """A change to something a report shows (issue 21: the report page's cache). One row is inserted, in the
    writing transaction, for every saved or deleted row of a report input (apps.reports.page_cache); the newest id
    of an organisation's keys is its data version. Insert-only, so writers never wait for each other; old rows
    are pruned (`manage.py prune_data_changes`)."""

    key = models.CharField(max_length=40)  # "org:<id>", "pemda:<id>" or "global"

    class Meta:
        indexes = [models.Index(fields=["key", "id"], name="datachange_key_id")]

    def __str__(self) -> str:
        return f"{self.key} #{self.pk}"
