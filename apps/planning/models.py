"""Renstra: the kecamatan's strategic plan and every indicator it measures.

Hierarchy (docs/domain.md section 2): Renstra (period, version) > tujuan > sasaran, and
program > kegiatan > sub kegiatan (national nomenclature codes); each level carries
indicators with a baseline, a target per year of the period and an end-of-period target.
A program may serve several sasaran (seed 004: P2-P6 serve S1).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.organisations.models import Organisation, Unit
from apps.organisations.querysets import OrganisationScopedQuerySet

MAX_DIGITS = 20
DECIMALS = 4


class Renstra(TimeStampedModel):
    """One version of a Renstra period (murni or perubahan)."""

    class VersionKind(models.TextChoices):
        MURNI = "murni", _("Murni")
        PERUBAHAN = "perubahan", _("Perubahan")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="renstras", verbose_name=_("organisasi"))
    start_year = models.PositiveSmallIntegerField(_("tahun awal"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    version_kind = models.CharField(_("jenis versi"), max_length=10, choices=VersionKind.choices, default=VersionKind.MURNI)
    version_number = models.PositiveSmallIntegerField(_("perubahan ke-"), default=0)
    legal_basis = models.CharField(
        _("dasar penetapan"), max_length=300, blank=True, help_text=_("mis. Keputusan Camat Nomor 036 Tahun 2021")
    )
    source_plan = models.CharField(_("dokumen induk"), max_length=200, blank=True, help_text=_("mis. RPD Kabupaten Jombang 2024-2026"))
    visi = models.TextField(_("visi kepala daerah"), blank=True)
    misi = models.TextField(_("misi yang didukung"), blank=True, help_text=_("Satu misi per baris"))
    is_active = models.BooleanField(_("versi berlaku"), default=True)
    iku_legal_basis = models.CharField(
        _("dasar penetapan IKU"),
        max_length=300,
        blank=True,
        help_text=_("mis. Keputusan Camat Perak Nomor 188/05/415.51/2024 tentang Penetapan Indikator Kinerja Utama"),
    )

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["organisation", "-start_year", "-version_number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "start_year", "end_year", "version_number"], name="renstra_unique_version"),
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="renstra_years_ordered"),
        ]

    def __str__(self) -> str:
        label = f"Renstra {self.start_year}-{self.end_year}"
        if self.version_kind == self.VersionKind.PERUBAHAN:
            label += f" (Perubahan {self.version_number})" if self.version_number > 1 else " (Perubahan)"
        return label

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    def clean(self) -> None:
        if self.start_year and self.end_year:
            if self.end_year < self.start_year:
                raise ValidationError({"end_year": _("Tahun akhir tidak boleh sebelum tahun awal.")})
            if self.end_year - self.start_year > 5:
                raise ValidationError({"end_year": _("Periode Renstra paling lama 6 tahun.")})
        if self.version_kind == self.VersionKind.MURNI and self.version_number:
            raise ValidationError({"version_number": _("Renstra murni adalah versi ke-0.")})
        if self.version_kind == self.VersionKind.PERUBAHAN and not self.version_number:
            raise ValidationError({"version_number": _("Renstra perubahan harus bernomor 1 atau lebih.")})


class PlanNode(TimeStampedModel):
    """Common fields of the tree nodes: an order, a code and a text, inside one Renstra."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="+", verbose_name=_("Renstra"))
    code = models.CharField(_("kode"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    organisation_lookup = "renstra__organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "code"]


class Tujuan(PlanNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan_set", verbose_name=_("Renstra"))
    text = models.TextField(_("tujuan"))
    history = HistoricalRecords()

    class Meta(PlanNode.Meta):
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")

    def __str__(self) -> str:
        return self.text


class Sasaran(PlanNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran_set", verbose_name=_("Renstra"))
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran_set", verbose_name=_("tujuan"))
    text = models.TextField(_("sasaran strategis"))
    # Analisis beban kerja (ABK): the staff the sasaran needs and those assigned to it (seed 002 Tabel 3.12).
    abk = models.PositiveSmallIntegerField(
        _("kebutuhan SDM (ABK)"), null=True, blank=True, help_text=_("Jumlah pegawai yang dibutuhkan menurut analisis beban kerja")
    )
    sdm_tersedia = models.PositiveSmallIntegerField(
        _("ketersediaan SDM"), null=True, blank=True, help_text=_("Jumlah pegawai yang tersedia untuk sasaran ini")
    )
    history = HistoricalRecords()

    class Meta(PlanNode.Meta):
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.tujuan_id and self.renstra_id and self.tujuan.renstra_id != self.renstra_id:
            raise ValidationError({"tujuan": _("Tujuan harus dari Renstra yang sama.")})
        if (self.abk is None) != (self.sdm_tersedia is None):
            raise ValidationError({"abk": _("Isi kebutuhan SDM (ABK) dan ketersediaan SDM bersama-sama, atau kosongkan keduanya.")})
        if self.abk == 0:
            raise ValidationError({"abk": _("Kebutuhan SDM (ABK) harus lebih dari nol.")})


CODE_VALIDATOR = RegexValidator(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$", _("Kode nomenklatur berupa angka bertitik, mis. 7.01.01.2.01.0001."))
PENANGGUNG_JAWAB_MAX = 300
PENANGGUNG_JAWAB_TOO_LONG = _("Penanggung jawab paling panjang %(max)s karakter.")
PENANGGUNG_JAWAB_NO_LETTER = _(
    "Penanggung jawab berupa nama unit, jabatan atau kelurahan/desa, mis. «Seksi Pemerintahan; Kelurahan Perak»."
)


def penanggung_jawab_field() -> models.CharField:  # type: ignore[type-arg]
    """Who carries out a program, kegiatan or sub kegiatan: free text, often several units or a kelurahan
    (issue 18), printed in the tables that list them."""
    return models.CharField(
        _("penanggung jawab"),
        max_length=PENANGGUNG_JAWAB_MAX,
        blank=True,
        help_text=_("Unit, jabatan atau kelurahan/desa pelaksana; beberapa dipisah titik koma, mis. «Seksi Pemerintahan; Kelurahan Perak»"),
    )


def clean_penanggung_jawab(node: models.Model) -> None:
    """Spaces collapsed; refused (in Indonesian) when it holds no letter at all."""
    text = " ".join(str(getattr(node, "penanggung_jawab", "")).split())
    node.penanggung_jawab = text  # type: ignore[attr-defined]
    if text and not any(ch.isalpha() for ch in text):
        raise ValidationError({"penanggung_jawab": PENANGGUNG_JAWAB_NO_LETTER})


class Program(PlanNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="programs", verbose_name=_("Renstra"))
    code = models.CharField(_("kode"), max_length=40, blank=True, validators=[CODE_VALIDATOR])
    name = models.CharField(_("nama program"), max_length=300)
    sasaran_program = models.TextField(_("sasaran program"), blank=True)
    sasaran = models.ManyToManyField(Sasaran, related_name="programs", blank=True, verbose_name=_("sasaran yang didukung"))
    penanggung_jawab = penanggung_jawab_field()
    history = HistoricalRecords(m2m_fields=[sasaran])

    class Meta(PlanNode.Meta):
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def clean(self) -> None:
        clean_penanggung_jawab(self)


class Kegiatan(PlanNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="kegiatan_set", verbose_name=_("Renstra"))
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan_set", verbose_name=_("program"))
    code = models.CharField(_("kode"), max_length=40, blank=True, validators=[CODE_VALIDATOR])
    name = models.CharField(_("nama kegiatan"), max_length=300)
    penanggung_jawab = penanggung_jawab_field()
    history = HistoricalRecords()

    class Meta(PlanNode.Meta):
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def clean(self) -> None:
        if self.program_id and self.renstra_id and self.program.renstra_id != self.renstra_id:
            raise ValidationError({"program": _("Program harus dari Renstra yang sama.")})
        clean_penanggung_jawab(self)


class SubKegiatan(PlanNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sub_kegiatan_set", verbose_name=_("Renstra"))
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan_set", verbose_name=_("kegiatan"))
    code = models.CharField(_("kode"), max_length=40, blank=True, validators=[CODE_VALIDATOR])
    name = models.CharField(_("nama sub kegiatan"), max_length=400)
    penanggung_jawab = penanggung_jawab_field()
    history = HistoricalRecords()

    class Meta(PlanNode.Meta):
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def clean(self) -> None:
        if self.kegiatan_id and self.renstra_id and self.kegiatan.renstra_id != self.renstra_id:
            raise ValidationError({"kegiatan": _("Kegiatan harus dari Renstra yang sama.")})
        clean_penanggung_jawab(self)


class StrategiKebijakan(PlanNode):
    """A strategi of the Renstra and its arah kebijakan (BAB II A of the LKjIP, issue 19), for one sasaran
    (or the whole Renstra when none is given); frozen with the Renstra like its tree."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="strategi_set", verbose_name=_("Renstra"))
    sasaran = models.ForeignKey(
        Sasaran, on_delete=models.CASCADE, null=True, blank=True, related_name="strategi_set", verbose_name=_("sasaran")
    )
    strategi = models.TextField(_("strategi"))
    arah_kebijakan = models.TextField(_("arah kebijakan"), help_text=_("Satu arah kebijakan per baris"))
    history = HistoricalRecords()

    class Meta(PlanNode.Meta):
        verbose_name = _("strategi dan arah kebijakan")
        verbose_name_plural = _("strategi dan arah kebijakan")

    def __str__(self) -> str:
        return self.strategi

    @property
    def kebijakan_list(self) -> list[str]:
        return [line.strip() for line in self.arah_kebijakan.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.sasaran_id and self.renstra_id and self.sasaran.renstra_id != self.renstra_id:
            raise ValidationError({"sasaran": _("Sasaran harus dari Renstra yang sama.")})
        self.strategi = " ".join(self.strategi.split())
        if not self.strategi:
            raise ValidationError({"strategi": _("Strategi wajib diisi.")})
        if not self.kebijakan_list:
            raise ValidationError({"arah_kebijakan": _("Isi sedikitnya satu arah kebijakan (satu per baris).")})


class Level(models.TextChoices):
    TUJUAN = "tujuan", _("Tujuan")
    SASARAN = "sasaran", _("Sasaran")
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan")


LEVEL_FIELDS = [level.value for level in Level]
RANGE_MIN_ABOVE_MAX = _("Batas bawah rentang tidak boleh lebih besar dari batas atas.")
DISCONTINUED_TARGET = _("Indikator ini dihentikan setelah tahun %(last)s: target tahun %(year)s tidak dapat diisi.")
DISCONTINUED_AFTER_END = _("Tahun dihentikan harus sebelum tahun akhir Renstra (%(end)s).")
BASELINE_YEAR_REQUIRED = _("Isi tahun kondisi awal / target awal bersama nilainya.")
BASELINE_VALUE_REQUIRED = _("Isi nilai kondisi awal / target awal untuk tahun itu, atau kosongkan keduanya.")
BASELINE_YEAR_AFTER_START = _("Tahun kondisi awal harus sebelum atau sama dengan tahun awal Renstra (%(start)s).")
SUPPORT_ONLY_PROGRAM = _("Status menunjang / tidak menunjang sasaran hanya untuk indikator program.")
CAPAIAN_ONLY_PROGRAM = _("Capaian yang dimasukkan langsung hanya untuk indikator program.")
CAPAIAN_SATUAN = _("Indikator yang dilaporkan sebagai capaian bersatuan «%».")
CAPAIAN_TARGET = _("Indikator yang dilaporkan sebagai capaian bertarget 100 (%%); target tahun %(year)s: isi 100 atau kosongkan.")


class Indicator(TimeStampedModel):
    """An indicator and how to measure it (docs/domain.md section 3)."""

    class Direction(models.TextChoices):
        HIGHER_BETTER = "higher", _("Semakin tinggi semakin baik")
        LOWER_BETTER = "lower", _("Semakin rendah semakin baik")
        RANGE = "range", _("Target rentang (min-maks)")

    class LowerFormula(models.TextChoices):
        TWO_T_MINUS_R = "2t_minus_r", _("(2 x target - realisasi) / target x 100 (PermenPANRB 8/2021)")
        T_OVER_R = "t_over_r", _("target / realisasi x 100")

    class Aggregation(models.TextChoices):
        CUMULATIVE_SUM = "sum", _("Dijumlahkan (kumulatif)")
        LATEST = "latest", _("Nilai terakhir (indeks, persentase)")
        AVERAGE = "average", _("Rata-rata triwulan")
        MAXIMUM = "max", _("Nilai tertinggi")

    class Measurement(models.TextChoices):
        ENTERED = "entered", _("Realisasi dimasukkan per triwulan")
        CHILDREN_MEAN = "children_mean", _("Realisasi = rata-rata capaian indikator di bawahnya (%)")
        CAPAIAN = "capaian", _("Capaian (%) dimasukkan langsung sebagai realisasi, target 100 %")
        ASPECTS = "aspects", _("Indeks beraspek: realisasi dihitung dari skor aspek (skor x bobot)")

    class Support(models.TextChoices):
        MENUNJANG = "menunjang", _("Menunjang sasaran")
        TIDAK_MENUNJANG = "tidak_menunjang", _("Tidak menunjang sasaran")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("organisasi"))
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("Renstra"))
    level = models.CharField(_("tingkat"), max_length=20, choices=Level.choices)
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")

    code = models.CharField(
        _("kode singkat"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z_][A-Za-z0-9_]*$", _("Kode singkat berupa huruf/angka tanpa spasi, mis. IKM."))],
        help_text=_("Dipakai dalam rumus indikator komposit, mis. IKM"),
    )
    name = models.CharField(_("nama indikator"), max_length=400)
    satuan = models.CharField(_("satuan"), max_length=40)
    direction = models.CharField(_("arah"), max_length=10, choices=Direction.choices, default=Direction.HIGHER_BETTER)
    lower_formula = models.CharField(
        _("rumus capaian bila semakin rendah"), max_length=12, choices=LowerFormula.choices, default=LowerFormula.TWO_T_MINUS_R
    )
    aggregation = models.CharField(_("agregasi triwulan"), max_length=10, choices=Aggregation.choices, default=Aggregation.LATEST)
    measurement = models.CharField(
        _("cara pengukuran"),
        max_length=20,
        choices=Measurement.choices,
        default=Measurement.ENTERED,
        help_text=_(
            "Rata-rata capaian: realisasi indikator program = rata-rata capaian indikator kegiatannya, indikator "
            "kegiatan = rata-rata capaian indikator sub kegiatannya (dihitung, tidak dimasukkan)."
        ),
    )
    precision = models.PositiveSmallIntegerField(_("jumlah desimal"), default=2, validators=[MaxValueValidator(4)])
    definition = models.TextField(_("definisi operasional"), blank=True)
    formula_text = models.TextField(_("formulasi / rumus perhitungan"), blank=True)
    composite_expression = models.CharField(
        _("rumus komposit"),
        max_length=300,
        blank=True,
        help_text=_("Bila nilai dihitung dari indikator lain, mis. ((IKM / 25 * 2,5) + (IPP * 2)) / 2"),
    )
    data_source = models.CharField(_("sumber data"), max_length=300, blank=True)
    responsible_unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("penanggung jawab"))
    is_iku = models.BooleanField(_("IKU"), default=False)
    weight = models.DecimalField(
        _("bobot"), max_digits=6, decimal_places=2, default=Decimal("1"), validators=[MinValueValidator(Decimal("0"))]
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("tahun kondisi awal"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    baseline_value = models.DecimalField(
        _("kondisi awal / target awal"),
        max_digits=MAX_DIGITS,
        decimal_places=DECIMALS,
        null=True,
        blank=True,
        help_text=_("Nilai awal (baseline) yang dibandingkan dengan realisasi tahun ini, mis. realisasi tahun sebelum Renstra"),
    )
    support = models.CharField(
        _("menunjang sasaran"),
        max_length=20,
        choices=Support.choices,
        blank=True,
        help_text=_("Indikator program: apakah program menunjang sasaran (dicetak di tabel capaian program)"),
    )
    end_target = models.DecimalField(_("target akhir periode"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    end_target_max = models.DecimalField(
        _("target akhir periode (maks)"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    discontinued_after = models.PositiveSmallIntegerField(
        _("dihentikan setelah tahun"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_(
            "Kosong: indikator yang diukur Renstra ini. Diisi: indikator yang tidak diukur lagi sesudah tahun itu (mis. indikator "
            "periode sebelumnya yang diganti), dicatat agar target dan realisasi tahun-tahun sebelumnya (isi di riwayat indikator) "
            "tetap tampil dalam perbandingan dengan tahun sebelumnya; tidak masuk PK maupun tabel rencana tahun sesudahnya."
        ),
    )

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["renstra", "level", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        level="tujuan",
                        tujuan__isnull=False,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        level="sasaran",
                        tujuan__isnull=True,
                        sasaran__isnull=False,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        level="program",
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=False,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        level="kegiatan",
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=False,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        level="sub_kegiatan",
                        tujuan__isnull=True,
                        sasaran__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=False,
                    )
                ),
                name="indicator_exactly_one_parent",
            ),
            models.UniqueConstraint(fields=["renstra", "code"], condition=~Q(code=""), name="indicator_unique_code_in_renstra"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def parent(self) -> models.Model | None:
        return getattr(self, self.level, None)

    @property
    def is_aspect_index(self) -> bool:
        """Whether the realisation is computed from the scores of its aspects (AspectScale, IndicatorAspect)."""
        return self.measurement == self.Measurement.ASPECTS

    @property
    def is_composite(self) -> bool:
        return bool(self.composite_expression.strip())

    def measured_in(self, year: int) -> bool:
        """Whether the indicator is measured in ``year``: always, unless it was discontinued before it."""
        return self.discontinued_after is None or year <= self.discontinued_after

    def clean(self) -> None:
        errors: dict[str, object] = {}
        parent = self.parent
        if parent is None:
            errors[self.level or "level"] = _("Pilih %(level)s tempat indikator ini melekat.") % {"level": self.get_level_display()}
        elif getattr(parent, "renstra_id", None) != self.renstra_id:
            errors[self.level] = _("Induk indikator harus dari Renstra yang sama.")
        if self.renstra_id and self.organisation_id and self.renstra.organisation_id != self.organisation_id:
            errors["renstra"] = _("Renstra bukan milik organisasi ini.")
        if self.responsible_unit_id and self.responsible_unit.organisation_id != self.organisation_id:
            errors["responsible_unit"] = _("Unit penanggung jawab harus dari organisasi ini.")
        if self.discontinued_after is not None and self.renstra_id and self.discontinued_after >= self.renstra.end_year:
            errors["discontinued_after"] = DISCONTINUED_AFTER_END % {"end": self.renstra.end_year}
        if self.baseline_value is not None and self.baseline_year is None:
            errors["baseline_year"] = BASELINE_YEAR_REQUIRED
        if self.baseline_year is not None and self.baseline_value is None:
            errors["baseline_value"] = BASELINE_VALUE_REQUIRED
        if self.baseline_year is not None and self.renstra_id and self.baseline_year > self.renstra.start_year:
            errors["baseline_year"] = BASELINE_YEAR_AFTER_START % {"start": self.renstra.start_year}
        if self.support and self.level != Level.PROGRAM:
            errors["support"] = SUPPORT_ONLY_PROGRAM
        if self.measurement == self.Measurement.CAPAIAN:
            if self.level != Level.PROGRAM:
                errors["measurement"] = CAPAIAN_ONLY_PROGRAM
            elif self.satuan.strip() != "%":
                errors["satuan"] = CAPAIAN_SATUAN
        if self.direction == self.Direction.RANGE:
            if self.end_target is not None and self.end_target_max is not None and self.end_target > self.end_target_max:
                errors["end_target_max"] = RANGE_MIN_ABOVE_MAX
        if errors:
            raise ValidationError(errors)


class IndicatorTarget(TimeStampedModel):
    """The Renstra target of an indicator for one year (a range when the indicator is a range)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indikator"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    value_max = models.DecimalField(_("target maks"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)

    organisation_lookup = "indicator__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target tahunan")
        verbose_name_plural = _("target tahunan")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_unique_year")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


PEER_REQUIRED = _("Isi nama perangkat daerah pembanding, mis. «Kedungjajang».")
PEER_ONLY_FOR_PD = _("Nama pembanding hanya diisi untuk tingkat «perangkat daerah lain».")


class ComparisonFigure(TimeStampedModel):
    """A national/provincial/kabupaten figure for an indicator and year, or "tidak tersedia" (BAB III A.4),
    or the value of another perangkat daerah of the kabupaten, named in ``peer`` (seed 003 Tabel 3.4: the
    IKM of Kecamatan Kedungjajang and Ranuyoso)."""

    class Level(models.TextChoices):
        NASIONAL = "nasional", _("Nasional")
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten/Kota")
        PERANGKAT_DAERAH = "pd", _("Perangkat daerah lain (mis. kecamatan lain)")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparisons", verbose_name=_("indikator"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    value = models.DecimalField(_("nilai"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    not_available = models.BooleanField(_("tidak tersedia"), default=False)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    peer = models.CharField(
        _("nama perangkat daerah pembanding"), max_length=200, blank=True,
        help_text=_("Hanya untuk tingkat perangkat daerah lain, sebagaimana dicetak di kepala kolom, mis. «Kedungjajang»"),
    )  # fmt: skip

    organisation_lookup = "indicator__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("data pembanding")
        verbose_name_plural = _("data pembanding")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "level", "peer"], name="comparison_unique"),
            models.CheckConstraint(condition=(Q(level="pd") & ~Q(peer="")) | (~Q(level="pd") & Q(peer="")), name="comparison_peer_iff_pd"),
            models.CheckConstraint(
                condition=(Q(not_available=True) & Q(value__isnull=True)) | (Q(not_available=False) & Q(value__isnull=False)),
                name="comparison_value_xor_not_available",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.peer or self.get_level_display()}"

    def clean(self) -> None:
        super().clean()
        self.peer = " ".join(self.peer.split())
        if self.level == self.Level.PERANGKAT_DAERAH and not self.peer:
            raise ValidationError({"peer": PEER_REQUIRED})
        if self.level != self.Level.PERANGKAT_DAERAH and self.peer:
            raise ValidationError({"peer": PEER_ONLY_FOR_PD})


ASPECT_WEIGHT_POSITIVE = _("Bobot setiap aspek harus lebih dari 0.")
ASPECT_WEIGHT_SUM = _("Jumlah bobot aspek harus %(total)s (sekarang %(sum)s).")
ASPECT_SCALE_RANGE = _("Skor minimum tidak boleh lebih besar dari skor maksimum.")
ASPECT_FACTOR_POSITIVE = _("Perhitungan aspek harus lebih dari 0 %.")


class AspectScale(TimeStampedModel):
    """How an "indeks beraspek" indicator (Indicator.Measurement.ASPECTS) is scored: the skor range of its
    scale, the basis its aspects' bobot sum to (100 % or 1), the "perhitungan aspek" percentage the summed
    nilai is multiplied by (blank: none) and, optionally, the meaning of the skor levels (issue 18)."""

    class WeightBasis(models.TextChoices):
        PERCENT = "100", _("Persen (jumlah bobot 100 %)")
        FRACTION = "1", _("Pecahan (jumlah bobot 1)")

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="aspect_scale", verbose_name=_("indikator"))
    score_min = models.DecimalField(_("skor minimum"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, default=Decimal("0"))
    score_max = models.DecimalField(_("skor maksimum"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, default=Decimal("5"))
    weight_basis = models.CharField(_("satuan bobot"), max_length=3, choices=WeightBasis.choices, default=WeightBasis.PERCENT)
    factor_percent = models.DecimalField(
        _("perhitungan aspek (%)"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True,
        help_text=_("Bila jumlah nilai aspek dikalikan suatu persentase, mis. 100. Kosongkan bila tidak."),
    )  # fmt: skip
    levels = models.TextField(
        _("arti tingkat skor"), blank=True, help_text=_("Satu tingkat per baris, mis. «1 = Sangat kurang». Dicetak di bawah tabel aspek.")
    )

    organisation_lookup = "indicator__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skala skor aspek")
        verbose_name_plural = _("skala skor aspek")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.score_min}-{self.score_max}"

    @property
    def weight_total(self) -> Decimal:
        return Decimal(self.weight_basis)

    def clean(self) -> None:
        super().clean()
        if self.score_min is not None and self.score_max is not None and self.score_min > self.score_max:
            raise ValidationError({"score_max": ASPECT_SCALE_RANGE})
        if self.factor_percent is not None and self.factor_percent <= 0:
            raise ValidationError({"factor_percent": ASPECT_FACTOR_POSITIVE})


class IndicatorAspect(TimeStampedModel):
    """One aspect of an "indeks beraspek" indicator, with its bobot (on the scale's basis) and its order."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="aspects", verbose_name=_("indikator"))
    name = models.CharField(_("aspek"), max_length=300)
    weight = models.DecimalField(_("bobot"), max_digits=MAX_DIGITS, decimal_places=DECIMALS)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    organisation_lookup = "indicator__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aspek indikator")
        verbose_name_plural = _("aspek indikator")
        ordering = ["indicator", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["indicator", "name"], name="indicator_aspect_unique_name")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.name}"

    def clean(self) -> None:
        super().clean()
        if self.weight is not None and self.weight <= 0:
            raise ValidationError({"weight": ASPECT_WEIGHT_POSITIVE})
