"""Pemda, kecamatan and their master data: units, desa, positions, officials, staff.

Everything a report prints about *who* the organisation is lives here. Position
history (definitif, Plt, Pj, Plh) lets a document resolve its signatory at its own
signing date rather than "whoever is camat today".
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel

from .querysets import (
    OrganisationQuerySet,
    OrganisationScopedQuerySet,
    PemdaQuerySet,
    PemdaScopedQuerySet,
    PositionQuerySet,
)
from .validators import format_nip, normalise_nip, validate_nip


class Pemda(TimeStampedModel):
    """A kabupaten or kota government: the tenant of the application."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.KABUPATEN)
    name = models.CharField(_("nama"), max_length=100, help_text=_("Tanpa kata Kabupaten/Kota, mis. Jombang"))
    province = models.CharField(_("provinsi"), max_length=100, blank=True)
    code = models.SlugField(_("kode"), max_length=50, unique=True)
    address = models.TextField(_("alamat"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/pemda/", blank=True)
    previous_years = models.PositiveSmallIntegerField(
        _("jumlah tahun sebelumnya di LKjIP"), default=2, validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_("Berapa tahun sebelum tahun laporan yang dibandingkan di LKjIP (bawaan 2; mis. 4)"),
    )  # fmt: skip

    objects = PemdaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def head_title(self) -> str:
        return "Bupati" if self.kind == self.Kind.KABUPATEN else "Wali Kota"


class Organisation(TimeStampedModel):
    """A perangkat daerah that reports; today always a kecamatan."""

    class Kind(models.TextChoices):
        KECAMATAN = "kecamatan", _("Kecamatan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("pemda"))
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.KECAMATAN)
    name = models.CharField(_("nama"), max_length=100, help_text=_("Tanpa kata Kecamatan, mis. Perak"))
    slug = models.SlugField(
        _("kode singkat"), max_length=60, unique=True, help_text=_("Dipakai di perintah export_report, mis. perak-jombang")
    )
    code = models.CharField(_("kode wilayah"), max_length=20, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    postal_code = models.CharField(_("kode pos"), max_length=10, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    signing_place = models.CharField(
        _("tempat penandatanganan"), max_length=100, blank=True, help_text=_("Nama tempat di blok tanda tangan, mis. Perak")
    )
    legal_basis = models.TextField(_("dasar hukum SOTK"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/organisation/", blank=True)
    # BAB I of the LKjIP (issue 19): the kecamatan's tugas and fungsi as its SOTK regulation states them,
    # its aspek strategis and the services it delivers; entered by the kabupaten admin.
    tugas = models.TextField(_("tugas"), blank=True, help_text=_("Tugas kecamatan sebagaimana dalam peraturan SOTK"))
    fungsi = models.TextField(_("fungsi"), blank=True, help_text=_("Satu fungsi per baris"))
    aspek_strategis = models.TextField(_("aspek strategis"), blank=True, help_text=_("Peran strategis kecamatan; satu paragraf per baris"))
    layanan = models.TextField(_("kegiatan dan layanan produk"), blank=True, help_text=_("Satu layanan per baris"))
    # BAB III A.4 (issue 19): a kecamatan is not a perangkat daerah pengampu SPM (PP 2/2018: pendidikan, kesehatan,
    # pekerjaan umum, perumahan rakyat, trantibum, sosial); its LKjIP then explains why no national standard is compared.
    spm_holder = models.BooleanField(
        _("pengampu SPM"),
        default=False,
        help_text=_("Centang bila organisasi ini perangkat daerah pengampu Standar Pelayanan Minimal (SPM)"),
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        ordering = ["pemda__name", "name"]
        constraints = [models.UniqueConstraint(fields=["pemda", "kind", "name"], name="organisation_unique_name_in_pemda")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def place(self) -> str:
        return self.signing_place or self.name


class Unit(TimeStampedModel):
    """An organisational unit: sekretariat, sub bagian, seksi."""

    class Kind(models.TextChoices):
        PIMPINAN = "pimpinan", _("Pimpinan")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        SUBBAG = "subbag", _("Sub Bagian")
        SEKSI = "seksi", _("Seksi")
        FUNGSIONAL = "fungsional", _("Kelompok Jabatan Fungsional")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units", verbose_name=_("organisasi"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk"))
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=200)
    duties = models.TextField(_("tugas"), blank=True, help_text=_("Tugas unit sebagaimana dalam peraturan SOTK"))
    fungsi = models.TextField(_("fungsi"), blank=True, help_text=_("Satu fungsi per baris"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["organisation", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.organisation_id != self.organisation_id:
            raise ValidationError({"parent": _("Unit induk harus dari organisasi yang sama.")})
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Unit tidak boleh menjadi induk dirinya sendiri.")})


class Desa(TimeStampedModel):
    """A desa or kelurahan in the kecamatan's territory; counts are indicator denominators."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="desa_set", verbose_name=_("organisasi"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.DESA)
    name = models.CharField(_("nama"), max_length=100)
    code = models.CharField(_("kode wilayah"), max_length=20, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        ordering = ["organisation", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="desa_unique_name")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Golongan(models.TextChoices):
    I_A = "I/a", "I/a"
    I_B = "I/b", "I/b"
    I_C = "I/c", "I/c"
    I_D = "I/d", "I/d"
    II_A = "II/a", "II/a"
    II_B = "II/b", "II/b"
    II_C = "II/c", "II/c"
    II_D = "II/d", "II/d"
    III_A = "III/a", "III/a"
    III_B = "III/b", "III/b"
    III_C = "III/c", "III/c"
    III_D = "III/d", "III/d"
    IV_A = "IV/a", "IV/a"
    IV_B = "IV/b", "IV/b"
    IV_C = "IV/c", "IV/c"
    IV_D = "IV/d", "IV/d"
    IV_E = "IV/e", "IV/e"


class Position(TimeStampedModel):
    """A post (jabatan) that someone holds over time: Camat, Sekcam, Kasi, or the Bupati."""

    class Kind(models.TextChoices):
        KEPALA_DAERAH = "kepala_daerah", _("Kepala Daerah (Bupati/Wali Kota)")
        CAMAT = "camat", _("Camat")
        SEKCAM = "sekcam", _("Sekretaris Kecamatan")
        KASUBAG = "kasubag", _("Kepala Sub Bagian")
        KASI = "kasi", _("Kepala Seksi")
        INSPEKTUR = "inspektur", _("Inspektur")
        LAINNYA = "lainnya", _("Lainnya")

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="positions", verbose_name=_("pemda"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("organisasi"),
        help_text=_("Kosongkan untuk jabatan tingkat pemda (Bupati, Inspektur)"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="positions", verbose_name=_("unit"))
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("nama jabatan"), max_length=200, help_text=_("Sebagaimana dicetak, mis. Camat Perak"))
    eselon = models.CharField(_("eselon"), max_length=10, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = PositionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["pemda", "organisation", "order", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.organisation_id and self.organisation and self.organisation.pemda_id != self.pemda_id:
            raise ValidationError({"organisation": _("Organisasi harus berada di pemda yang sama.")})
        if self.unit_id and self.unit and self.unit.organisation_id != self.organisation_id:
            raise ValidationError({"unit": _("Unit harus dari organisasi jabatan ini.")})


class Official(TimeStampedModel):
    """A person who can hold a position and sign documents."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="officials", verbose_name=_("pemda"))
    name = models.CharField(_("nama lengkap dengan gelar"), max_length=200)
    nip = models.CharField(
        _("NIP"), max_length=30, blank=True, validators=[validate_nip], help_text=_("18 angka; kosong untuk pejabat politik")
    )
    pangkat = models.CharField(_("pangkat"), max_length=60, blank=True, help_text=_("mis. Pembina Tk. I"))
    golongan = models.CharField(_("golongan/ruang"), max_length=5, choices=Golongan.choices, blank=True)

    objects = PemdaScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pejabat")
        verbose_name_plural = _("pejabat")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~Q(nip=""), name="official_unique_nip"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.nip = normalise_nip(self.nip)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip) if self.nip else ""

    @property
    def pangkat_display(self) -> str:
        if self.pangkat and self.golongan:
            return f"{self.pangkat} ({self.golongan})"
        return self.pangkat or self.golongan


class Appointment(TimeStampedModel):
    """Who held a position, from when to when, and how (definitif, Plt, Pj, Plh)."""

    class Status(models.TextChoices):
        DEFINITIF = "definitif", _("Definitif")
        PJ = "pj", _("Penjabat (Pj)")
        PLT = "plt", _("Pelaksana Tugas (Plt)")
        PLH = "plh", _("Pelaksana Harian (Plh)")

    # When two appointments cover the same day, the stronger one signs.
    PRECEDENCE = {Status.DEFINITIF: 0, Status.PJ: 1, Status.PLT: 2, Status.PLH: 3}
    PREFIX = {Status.DEFINITIF: "", Status.PJ: "Pj. ", Status.PLT: "Plt. ", Status.PLH: "Plh. "}

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("jabatan"))
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("pejabat"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DEFINITIF)
    sk_number = models.CharField(_("nomor SK"), max_length=120, blank=True)
    sk_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"), null=True, blank=True, help_text=_("Kosong bila masih menjabat"))

    objects = PositionQuerySet.as_manager()
    pemda_lookup = "position__pemda"
    position_lookup = "position__"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["position", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="appointment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signature_title}: {self.official}"

    @property
    def signature_title(self) -> str:
        return f"{self.PREFIX[self.Status(self.status)]}{self.position.title}"

    def covers(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if self.position_id and self.official_id and self.official.pemda_id != self.position.pemda_id:
            errors["official"] = _("Pejabat harus terdaftar di pemda yang sama dengan jabatannya.")
        if errors:
            raise ValidationError(errors)
        if self.position_id and self.start_date:
            far_future = dt.date(9999, 12, 31)
            mine_end = self.end_date or far_future
            clash = (
                Appointment.objects.filter(position_id=self.position_id, status=self.status, start_date__lte=mine_end)
                .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
                .exclude(pk=self.pk)
            )
            if clash.exists():
                raise ValidationError(
                    _("Sudah ada pejabat %(status)s pada jabatan ini di rentang tanggal tersebut.") % {"status": self.get_status_display()}
                )


class StaffComposition(TimeStampedModel):
    """Sumber daya aparatur at a date (BAB I of the LKjIP)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff_compositions", verbose_name=_("organisasi")
    )
    as_of = models.DateField(_("per tanggal"))
    source = models.CharField(_("sumber"), max_length=200, blank=True, help_text=_("mis. Data Kepegawaian Kecamatan, 2023"))

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("komposisi pegawai")
        verbose_name_plural = _("komposisi pegawai")
        ordering = ["organisation", "-as_of"]
        constraints = [models.UniqueConstraint(fields=["organisation", "as_of"], name="staff_composition_unique_date")]

    def __str__(self) -> str:
        return f"{self.organisation} per {self.as_of:%d-%m-%Y}"


class StaffCount(models.Model):
    """One cell group of the staff tables: golongan x pendidikan x jenis jabatan, by sex."""

    class GolonganGroup(models.TextChoices):
        IV = "IV", "IV"
        III = "III", "III"
        II = "II", "II"
        I = "I", "I"  # noqa: E741 - the golongan is called I
        PPPK = "pppk", "PPPK"
        NON_ASN = "non_asn", _("Non ASN / Upah Jasa")

    class Pendidikan(models.TextChoices):
        # The groups a table may count by (seed 004 Tabel 1.1) and the single degrees (seed 003 Tabel 1.1).
        S3_S2 = "s3_s2", "S-3/S-2"
        S3 = "s3", "S3"
        S2 = "s2", "S2"
        S1_D4 = "s1_d4", "S-1/D-4"
        S1 = "s1", "S1"
        D4 = "d4", "D4"
        D1_D3 = "d1_d3", "D-1/D-3"
        D3 = "d3", "D3"
        D2 = "d2", "D2"
        D1 = "d1", "D1"
        SLTA = "slta", "SMA/SLTA"
        SMP = "smp", "SMP"
        SD = "sd", "SD"

    class Jabatan(models.TextChoices):
        STRUKTURAL = "struktural", _("Struktural")
        FUNGSIONAL = "fungsional", _("Fungsional")
        PELAKSANA = "pelaksana", _("Pelaksana")

    composition = models.ForeignKey(StaffComposition, on_delete=models.CASCADE, related_name="counts", verbose_name=_("komposisi"))
    # Each dimension may be blank: seed 004 counts golongan x pendidikan, seed 002 only jabatan.
    golongan = models.CharField(_("golongan"), max_length=10, choices=GolonganGroup.choices, blank=True)
    pendidikan = models.CharField(_("pendidikan"), max_length=10, choices=Pendidikan.choices, blank=True)
    jabatan = models.CharField(_("jenis jabatan"), max_length=12, choices=Jabatan.choices, blank=True)
    male = models.PositiveSmallIntegerField(_("laki-laki"), default=0, validators=[MinValueValidator(0)])
    female = models.PositiveSmallIntegerField(_("perempuan"), default=0, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jumlah pegawai")
        verbose_name_plural = _("jumlah pegawai")
        constraints = [
            models.UniqueConstraint(fields=["composition", "golongan", "pendidikan", "jabatan"], name="staff_count_unique_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.golongan}/{self.pendidikan}/{self.jabatan}: {self.male}L {self.female}P"

    @property
    def total(self) -> int:
        return self.male + self.female


class StaffEselonCount(models.Model):
    """Structural officials (pejabat struktural) by eselon, pendidikan and sex (seed 004 Tabel 1.2). They are
    a part of the composition's staff, counted a second time by eselon: never added to its counts."""

    class Eselon(models.TextChoices):
        II_A = "II/a", "II/a"
        II_B = "II/b", "II/b"
        III_A = "III/a", "III/a"
        III_B = "III/b", "III/b"
        IV_A = "IV/a", "IV/a"
        IV_B = "IV/b", "IV/b"
        V_A = "V/a", "V/a"

    composition = models.ForeignKey(StaffComposition, on_delete=models.CASCADE, related_name="eselon_counts", verbose_name=_("komposisi"))
    eselon = models.CharField(_("eselon"), max_length=6, choices=Eselon.choices)
    pendidikan = models.CharField(_("pendidikan"), max_length=10, choices=StaffCount.Pendidikan.choices, blank=True)
    male = models.PositiveSmallIntegerField(_("laki-laki"), default=0, validators=[MinValueValidator(0)])
    female = models.PositiveSmallIntegerField(_("perempuan"), default=0, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jumlah pejabat struktural per eselon")
        verbose_name_plural = _("jumlah pejabat struktural per eselon")
        ordering = ["composition", "eselon", "pendidikan"]
        constraints = [
            models.UniqueConstraint(fields=["composition", "eselon", "pendidikan"], name="staff_eselon_count_unique_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.eselon}/{self.pendidikan}: {self.male}L {self.female}P"

    def clean(self) -> None:
        if not self.male and not self.female:
            raise ValidationError(_("Isi jumlah pejabat laki-laki atau perempuan; baris dengan keduanya nol tidak disimpan."))

    @property
    def total(self) -> int:
        return self.male + self.female


class StaffUnitCount(models.Model):
    """The staff of one unit or one desa/kelurahan of the composition (issue 19, BAB III sumber daya): ASN or
    non-ASN, optionally by pendidikan, by sex; entered by the kabupaten admin on the composition's screen. A
    second view of the same people: never added to the composition's counts."""

    class Status(models.TextChoices):
        ASN = "asn", _("ASN")
        NON_ASN = "non_asn", _("Non ASN")

    composition = models.ForeignKey(StaffComposition, on_delete=models.CASCADE, related_name="unit_counts", verbose_name=_("komposisi"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("unit kerja"))
    desa = models.ForeignKey(Desa, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("desa/kelurahan"))
    status = models.CharField(_("status kepegawaian"), max_length=10, choices=Status.choices)
    pendidikan = models.CharField(_("pendidikan"), max_length=10, choices=StaffCount.Pendidikan.choices, blank=True)
    male = models.PositiveSmallIntegerField(_("laki-laki"), default=0, validators=[MinValueValidator(0)])
    female = models.PositiveSmallIntegerField(_("perempuan"), default=0, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jumlah pegawai per unit")
        verbose_name_plural = _("jumlah pegawai per unit dan desa/kelurahan")
        ordering = ["composition", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["composition", "unit", "desa", "status", "pendidikan"], name="staff_unit_count_unique_cell"),
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(desa__isnull=True)) | (Q(unit__isnull=True) & Q(desa__isnull=False)),
                name="staff_unit_count_unit_xor_desa",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.desa}/{self.status}/{self.pendidikan}: {self.male}L {self.female}P"

    def clean(self) -> None:
        if (self.unit_id is None) == (self.desa_id is None):
            raise ValidationError(_("Pilih satu unit kerja atau satu desa/kelurahan (tidak keduanya)."))
        composition = getattr(self, "composition", None)
        org = composition.organisation_id if composition is not None else None
        place = self.unit or self.desa
        if org is not None and place is not None and place.organisation_id != org:
            raise ValidationError(_("Unit kerja atau desa/kelurahan harus dari organisasi komposisi pegawai ini."))
        if not self.male and not self.female:
            raise ValidationError(_("Isi jumlah pegawai laki-laki atau perempuan; baris dengan keduanya nol tidak disimpan."))

    @property
    def total(self) -> int:
        return self.male + self.female


class StaffPost(models.Model):
    """A jabatan of a unit with its formasi (the posts the ABK needs) and how many are filled (terisi), entered
    by the kabupaten admin on the composition's screen; the report prints the gap (issue 19, jabatan kosong)."""

    composition = models.ForeignKey(StaffComposition, on_delete=models.CASCADE, related_name="posts", verbose_name=_("komposisi"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("unit kerja"))
    jabatan = models.CharField(_("jabatan"), max_length=200)
    formasi = models.PositiveSmallIntegerField(_("formasi (kebutuhan)"), validators=[MinValueValidator(0)])
    terisi = models.PositiveSmallIntegerField(_("terisi"), validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("formasi jabatan")
        verbose_name_plural = _("formasi jabatan")
        ordering = ["composition", "pk"]
        constraints = [models.UniqueConstraint(fields=["composition", "unit", "jabatan"], name="staff_post_unique_jabatan")]

    def __str__(self) -> str:
        return f"{self.jabatan}: {self.terisi}/{self.formasi}"

    def clean(self) -> None:
        composition = getattr(self, "composition", None)
        org = composition.organisation_id if composition is not None else None
        if org is not None and self.unit is not None and self.unit.organisation_id != org:
            raise ValidationError({"unit": _("Unit kerja harus dari organisasi komposisi pegawai ini.")})
