"""Perjanjian Kinerja (PK): the yearly agreement between the Camat and the Bupati.

A PK has versions (murni, perubahan when the budget changes). Its items carry the
annual target and the cumulative TW I-IV targets of an indicator; program budgets
sit on their own rows because several indicators of one program share one budget
(seed 002 L611-L612). Signatories are resolved from position history at the
signing date, so a Plt camat signs as Plt.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.organisations.models import Organisation
from apps.organisations.querysets import OrganisationScopedQuerySet
from apps.planning.models import DECIMALS, MAX_DIGITS, Indicator, Program, Renstra


class PerjanjianKinerja(TimeStampedModel):
    class VersionKind(models.TextChoices):
        MURNI = "murni", _("PK murni")
        PERUBAHAN = "perubahan", _("PK perubahan")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("organisasi"))
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("Renstra"))
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    version_kind = models.CharField(_("versi"), max_length=10, choices=VersionKind.choices, default=VersionKind.MURNI)
    version_number = models.PositiveSmallIntegerField(_("perubahan ke-"), default=0)
    signing_date = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    signing_place = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    notes = models.TextField(_("catatan"), blank=True)

    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        ordering = ["organisation", "-year", "-version_number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "version_number"], name="pk_unique_version")]

    def __str__(self) -> str:
        label = f"Perjanjian Kinerja {self.year}"
        if self.version_kind == self.VersionKind.PERUBAHAN:
            label += " (Perubahan)" if self.version_number <= 1 else f" (Perubahan {self.version_number})"
        return label

    def clean(self) -> None:
        if self.renstra_id and self.year and not (self.renstra.start_year <= self.year <= self.renstra.end_year):
            raise ValidationError({"year": _("Tahun PK harus di dalam periode Renstra %(r)s.") % {"r": self.renstra}})
        if self.renstra_id and self.organisation_id and self.renstra.organisation_id != self.organisation_id:
            raise ValidationError({"renstra": _("Renstra bukan milik organisasi ini.")})


class PKItem(TimeStampedModel):
    """One indicator of the PK with its annual and cumulative quarterly targets."""

    class QuarterMode(models.TextChoices):
        ABSOLUTE = "absolute", _("Nilai (satuan indikator)")
        PERCENT = "percent", _("Persen dari target tahunan")

    agreement = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="items", verbose_name=_("PK"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="pk_items", verbose_name=_("indikator"))
    annual_target = models.DecimalField(_("target tahunan"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    annual_target_max = models.DecimalField(
        _("target tahunan (maks)"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True
    )
    quarter_mode = models.CharField(_("bentuk target triwulan"), max_length=10, choices=QuarterMode.choices, default=QuarterMode.ABSOLUTE)
    tw1 = models.DecimalField(_("target s/d TW I"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    tw2 = models.DecimalField(_("target s/d TW II"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    tw3 = models.DecimalField(_("target s/d TW III"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    tw4 = models.DecimalField(_("target s/d TW IV"), max_digits=MAX_DIGITS, decimal_places=DECIMALS, null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    organisation_lookup = "agreement__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("butir PK")
        verbose_name_plural = _("butir PK")
        ordering = ["agreement", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "indicator"], name="pk_item_unique_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.annual_target}"

    def quarter_targets(self) -> list[Decimal | None]:
        return [self.tw1, self.tw2, self.tw3, self.tw4]

    def quarter_target(self, quarter: int) -> Decimal | None:
        """The cumulative target s/d TW ``quarter`` in the indicator's unit."""
        raw = self.quarter_targets()[quarter - 1]
        if raw is None:
            return None
        if self.quarter_mode == self.QuarterMode.PERCENT:
            if self.annual_target is None:
                return None
            return self.annual_target * raw / Decimal(100)
        return raw


class PKProgramBudget(TimeStampedModel):
    """The budget (anggaran) the PK attaches to a program."""

    agreement = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="program_budgets", verbose_name=_("PK"))
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="pk_budgets", verbose_name=_("program"))
    amount = models.DecimalField(_("anggaran (Rp)"), max_digits=18, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])

    organisation_lookup = "agreement__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("anggaran program PK")
        verbose_name_plural = _("anggaran program PK")
        constraints = [models.UniqueConstraint(fields=["agreement", "program"], name="pk_budget_unique_program")]

    def __str__(self) -> str:
        return f"{self.program}: {self.amount}"
