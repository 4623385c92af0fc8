"""Predikat scales as data (docs/domain.md section 5): bands with explicit bounds, per pemda and use.

Catalogue scales (``pemda`` empty) ship with the application (seeds 001-003, Permendagri
86/2017, AKIP PermenPANRB 88/2021, IKM, efisiensi); a pemda adopts one per use and may edit
its copy. Every save is validated by the calculation module's ``validate_scale`` (no overlap,
no gap, the region above 100 decided). The pure calculation module never sees these rows,
only the ``calc.Scale`` that ``to_calc`` builds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps import calculations as calc
from apps.core.models import TimeStampedModel
from apps.organisations.models import Pemda

#: At most this many places for an efisiensi operand (capaian, serapan) rounded as printed.
MAX_OPERAND_PLACES = 4


class ScaleQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> ScaleQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(pemda__isnull=True) | Q(pemda__in=Pemda.objects.for_user(user)))

    def administered_by(self, user: Any) -> ScaleQuerySet:
        if user.is_superuser:
            return self.all()
        return self.filter(pemda__in=Pemda.objects.administered_by(user))

    def in_use(self, pemda: Any, use: str) -> PredikatScale | None:
        return self.filter(pemda=pemda, use=use).prefetch_related("bands").first()


class PredikatScale(TimeStampedModel):
    class Display(models.TextChoices):
        """How a report prints a predikat of the scale (calc.predikat_text)."""

        CODE_LABEL = "code_label", _("Kode dan predikat, mis. «AA (Sangat Memuaskan)»")
        LABEL = "label", _("Predikat saja, mis. «Sangat Memuaskan»")
        CODE = "code", _("Kode saja, mis. «AA»")

    class OrganisationMean(models.TextChoices):
        """What the organisation's capaian averages (calc.Scale.organisation_mean)."""

        SASARAN = "sasaran", _("Rata-rata capaian sasaran")
        IKU = "iku", _("Rata-rata capaian seluruh IKU (termasuk IKU tujuan)")

    class Use(models.TextChoices):
        CAPAIAN = "capaian", _("Capaian kinerja")
        AKIP = "akip", _("Nilai evaluasi AKIP")
        IKM = "ikm", _("Nilai IKM")
        EFISIENSI_SELISIH = "efisiensi_selisih", _("Efisiensi (selisih capaian - serapan)")
        EFISIENSI_RASIO = "efisiensi_rasio", _("Efisiensi (rasio capaian / serapan)")
        RB = "rb", _("Indeks reformasi birokrasi")

    pemda = models.ForeignKey(
        Pemda, on_delete=models.CASCADE, null=True, blank=True, related_name="scales", verbose_name=_("pemda"),
        help_text=_("Kosong: skala katalog bawaan aplikasi"),
    )  # fmt: skip
    use = models.CharField(_("kegunaan"), max_length=20, choices=Use.choices)
    name = models.CharField(_("nama"), max_length=200)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    catalogue_key = models.SlugField(_("kunci katalog"), max_length=60, blank=True)
    clamp_min = models.DecimalField(_("batasi nilai minimal"), max_digits=12, decimal_places=4, null=True, blank=True)
    clamp_max = models.DecimalField(
        _("batasi nilai maksimal"), max_digits=12, decimal_places=4, null=True, blank=True,
        help_text=_("Mis. 0 dan 100: capaian di atas 100 % dihitung 100 sebelum diberi predikat (seed 002)"),
    )  # fmt: skip
    clamp_averages = models.BooleanField(
        _("batasi juga sebelum dirata-rata"), default=False,
        help_text=_("Biasanya tidak: batas hanya dipakai untuk memberi predikat, rata-rata capaian sasaran dihitung dari nilai apa adanya"),
    )  # fmt: skip

    predikat_display = models.CharField(
        _("cara menampilkan predikat"), max_length=12, choices=Display.choices, default=Display.CODE_LABEL,
        help_text=_("Bagaimana predikat dicetak di laporan, seperti dalam laporan kinerja kabupaten"),
    )  # fmt: skip

    organisation_mean = models.CharField(
        _("capaian organisasi"), max_length=10, choices=OrganisationMean.choices, default=OrganisationMean.SASARAN,
        help_text=_("Capaian kinerja organisasi (dan baris rata-rata tabel IKU) dirata-rata dari sasaran, atau dari seluruh IKU "
                    "termasuk IKU tingkat tujuan, seperti dalam laporan kinerja kabupaten"),
    )  # fmt: skip
    efisiensi_capaian_places = models.PositiveSmallIntegerField(
        _("desimal capaian untuk efisiensi"), null=True, blank=True, validators=[MaxValueValidator(MAX_OPERAND_PLACES)],
        help_text=_("Kosong: efisiensi dihitung dari capaian apa adanya. Mis. 1: capaian dibulatkan ke 1 desimal, seperti dicetak, "
                    "sebelum efisiensi dihitung (seed 002: 103,2 − 94,19 = 9,01)"),
    )  # fmt: skip
    efisiensi_serapan_places = models.PositiveSmallIntegerField(
        _("desimal serapan untuk efisiensi"), null=True, blank=True, validators=[MaxValueValidator(MAX_OPERAND_PLACES)],
        help_text=_("Kosong: efisiensi dihitung dari serapan apa adanya. Mis. 2: serapan dibulatkan ke 2 desimal sebelum efisiensi dihitung"),
    )  # fmt: skip

    objects = ScaleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skala predikat")
        verbose_name_plural = _("skala predikat")
        ordering = ["pemda__name", "use", "name"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "use"], condition=Q(pemda__isnull=False), name="scale_one_per_use_per_pemda"),
            models.UniqueConstraint(fields=["catalogue_key"], condition=Q(pemda__isnull=True), name="scale_catalogue_key_unique"),
            models.CheckConstraint(
                condition=Q(clamp_min__isnull=True, clamp_max__isnull=True)
                | Q(clamp_min__isnull=False, clamp_max__isnull=False, clamp_min__lte=models.F("clamp_max")),
                name="scale_clamp_both_or_none",
            ),
            models.CheckConstraint(
                condition=Q(efisiensi_capaian_places__isnull=True, efisiensi_serapan_places__isnull=True)
                | Q(efisiensi_capaian_places__isnull=False, efisiensi_serapan_places__isnull=False),
                name="scale_efisiensi_places_both_or_none",
                violation_error_message=_("Isi desimal capaian dan desimal serapan untuk efisiensi keduanya, atau kosongkan keduanya."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.pemda or _('katalog')})"

    def to_calc(self, bands: list[PredikatBand] | None = None) -> calc.Scale:
        rows = bands if bands is not None else list(self.bands.all())
        clamp = (self.clamp_min, self.clamp_max) if self.clamp_min is not None and self.clamp_max is not None else None
        return calc.Scale(
            name=self.name,
            use=self.use,
            bands=tuple(b.to_calc() for b in rows),
            clamp=clamp,
            source=self.source,
            clamp_averages=self.clamp_averages,
            display=self.predikat_display,
            organisation_mean=self.organisation_mean,
            efisiensi_operand_places=self.efisiensi_operand_places,
        )

    @property
    def efisiensi_operand_places(self) -> tuple[int, int] | None:
        """(capaian places, serapan places) efisiensi rounds its operands to, or None (exact operands)."""
        if self.efisiensi_capaian_places is None or self.efisiensi_serapan_places is None:
            return None
        return (self.efisiensi_capaian_places, self.efisiensi_serapan_places)


class PredikatBand(models.Model):
    scale = models.ForeignKey(PredikatScale, on_delete=models.CASCADE, related_name="bands", verbose_name=_("skala"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    lower = models.DecimalField(
        _("batas bawah"), max_digits=12, decimal_places=4, null=True, blank=True, help_text=_("Kosong: tanpa batas")
    )
    lower_inclusive = models.BooleanField(_("batas bawah termasuk (≥)"), default=True)
    upper = models.DecimalField(_("batas atas"), max_digits=12, decimal_places=4, null=True, blank=True, help_text=_("Kosong: tanpa batas"))
    upper_inclusive = models.BooleanField(_("batas atas termasuk (≤)"), default=False)
    label = models.CharField(_("predikat"), max_length=100)
    code = models.CharField(_("kode"), max_length=20, blank=True)
    colour = models.CharField(
        _("warna"), max_length=7, default="#6c757d", validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Warna ditulis #RRGGBB."))]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pita predikat")
        verbose_name_plural = _("pita predikat")
        ordering = ["scale", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}".strip()

    def to_calc(self) -> calc.Band:
        return calc.Band(
            lower=self.lower, upper=self.upper, lower_inclusive=self.lower_inclusive, upper_inclusive=self.upper_inclusive,
            label=self.label, code=self.code, colour=self.colour,
        )  # fmt: skip


CATALOGUE_USE = {
    "SEED_001_BANJAR": PredikatScale.Use.CAPAIAN,
    "SEED_002_JOMBANG": PredikatScale.Use.CAPAIAN,
    "SEED_002_JOMBANG_RB": PredikatScale.Use.RB,
    "SEED_003_LUMAJANG": PredikatScale.Use.CAPAIAN,
    "SEED_004_LUWU_TIMUR": PredikatScale.Use.CAPAIAN,
    "PERMENDAGRI_86_2017": PredikatScale.Use.CAPAIAN,
    "AKIP_PERMENPANRB_88_2021": PredikatScale.Use.AKIP,
    "IKM_MUTU_PERMENPANRB_14_2017": PredikatScale.Use.IKM,
    "EFISIENSI_SELISIH": PredikatScale.Use.EFISIENSI_SELISIH,
    "EFISIENSI_RASIO": PredikatScale.Use.EFISIENSI_RASIO,
}

ZERO = Decimal(0)


class ConventionQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> ConventionQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pemda__in=Pemda.objects.for_user(user))

    def administered_by(self, user: Any) -> ConventionQuerySet:
        if user.is_superuser:
            return self.all()
        return self.filter(pemda__in=Pemda.objects.administered_by(user))


class ReportConvention(TimeStampedModel):
    """How a pemda's reports print their figures (DOMAIN.md section 6; issue 18): per figure kind the
    decimals and the rounding mode, the efisiensi forms, efisiensi from the printed operands, the
    efisiensi anggaran, the budget table layout. One per pemda; a pemda without one reports by the
    neutral convention (calc.NEUTRAL). The predikat itself (bands, display, clamp) stays on the scale."""

    class Rounding(models.TextChoices):
        HALF_UP = "half_up", _("Dibulatkan (setengah ke atas)")
        TRUNCATE = "truncate", _("Dipotong (dibulatkan ke bawah)")

    class EfisiensiForms(models.TextChoices):
        SELISIH = "selisih", _("Selisih (capaian − serapan)")
        RASIO = "rasio", _("Rasio (capaian / serapan × 100)")
        BOTH = "both", _("Keduanya")

    class BudgetLayout(models.TextChoices):
        PROGRAM_TREE = "program_tree", _("Pohon program > kegiatan > sub kegiatan")
        SASARAN = "sasaran", _("Dikelompokkan per sasaran (dengan subtotal)")

    KINDS = ("capaian", "serapan", "efisiensi", "efisiensi_anggaran", "indeks", "tingkat_kemajuan", "rupiah")

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="report_convention", verbose_name=_("pemda"))
    name = models.CharField(_("nama"), max_length=200)
    preset_key = models.SlugField(_("berasal dari preset"), max_length=60, blank=True)
    capaian_places = models.PositiveSmallIntegerField(_("desimal capaian"), default=2, validators=[MaxValueValidator(6)])
    capaian_rounding = models.CharField(_("pembulatan capaian"), max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP)
    serapan_places = models.PositiveSmallIntegerField(_("desimal serapan"), default=2, validators=[MaxValueValidator(6)])
    serapan_rounding = models.CharField(_("pembulatan serapan"), max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP)
    efisiensi_places = models.PositiveSmallIntegerField(_("desimal efisiensi"), default=2, validators=[MaxValueValidator(6)])
    efisiensi_rounding = models.CharField(_("pembulatan efisiensi"), max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP)
    efisiensi_anggaran_places = models.PositiveSmallIntegerField(
        _("desimal efisiensi anggaran"), default=2, validators=[MaxValueValidator(6)]
    )
    efisiensi_anggaran_rounding = models.CharField(
        _("pembulatan efisiensi anggaran"), max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP
    )
    indeks_places = models.PositiveSmallIntegerField(_("desimal indeks dan nilai"), default=2, validators=[MaxValueValidator(6)])
    indeks_rounding = models.CharField(_("pembulatan indeks dan nilai"), max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP)
    tingkat_kemajuan_places = models.PositiveSmallIntegerField(_("desimal tingkat kemajuan"), default=2, validators=[MaxValueValidator(6)])
    tingkat_kemajuan_rounding = models.CharField(
        _("pembulatan tingkat kemajuan"), max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP
    )
    rupiah_places = models.PositiveSmallIntegerField(_("desimal Rupiah"), default=0, validators=[MaxValueValidator(2)])
    rupiah_rounding = models.CharField(_("pembulatan Rupiah"), max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP)
    efisiensi_forms = models.CharField(
        _("bentuk efisiensi yang dicetak"), max_length=10, choices=EfisiensiForms.choices, default=EfisiensiForms.BOTH
    )
    efisiensi_from_displayed = models.BooleanField(
        _("efisiensi dari angka tercetak"), default=False,
        help_text=_("Capaian dan serapan dibulatkan dulu seperti dicetak (desimal dan pembulatannya di atas) sebelum efisiensi "
                    "dihitung, mis. 103,2 − 94,19 = 9,01 (Kab. Jombang)"),
    )  # fmt: skip
    state_efisiensi_anggaran = models.BooleanField(
        _("nyatakan efisiensi anggaran"), default=False,
        help_text=_("Bagian realisasi anggaran menyatakan efisiensi anggaran: 100 − serapan (bagian pagu yang tidak terserap)"),
    )  # fmt: skip
    budget_layout = models.CharField(
        _("susunan tabel anggaran"), max_length=15, choices=BudgetLayout.choices, default=BudgetLayout.PROGRAM_TREE
    )

    objects = ConventionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("konvensi penyajian laporan")
        verbose_name_plural = _("konvensi penyajian laporan")
        ordering = ["pemda__name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.pemda})"

    def clean(self) -> None:
        super().clean()
        try:
            self.to_calc()
        except ValueError as exc:
            raise ValidationError(_("Konvensi penyajian tidak sah: %(error)s") % {"error": exc}) from exc

    def to_calc(self) -> calc.Convention:
        rules = {
            kind: calc.FigureRule(places=getattr(self, f"{kind}_places"), rounding=getattr(self, f"{kind}_rounding")) for kind in self.KINDS
        }
        return calc.Convention(
            name=self.name,
            rules=rules,
            efisiensi_forms=self.efisiensi_forms,
            efisiensi_from_displayed=self.efisiensi_from_displayed,
            state_efisiensi_anggaran=self.state_efisiensi_anggaran,
            budget_layout=self.budget_layout,
        )

    def set_from(self, convention: calc.Convention) -> None:
        """Copy a (preset) convention's rules into this row."""
        for kind in self.KINDS:
            rule = convention.rule(kind)
            setattr(self, f"{kind}_places", rule.places)
            setattr(self, f"{kind}_rounding", rule.rounding)
        self.efisiensi_forms = convention.efisiensi_forms
        self.efisiensi_from_displayed = convention.efisiensi_from_displayed
        self.state_efisiensi_anggaran = convention.state_efisiensi_anggaran
        self.budget_layout = convention.budget_layout
