"""A report (annual LKjIP or quarterly evaluation) of an organisation-year and its narratives.

Figures are never stored here: they are computed from the data each time, until approval
(issue 7) freezes a snapshot. Narratives are plain text (rendered escaped, line breaks kept),
never raw HTML from users.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.organisations.models import Organisation
from apps.organisations.querysets import OrganisationScopedQuerySet


class Period(models.TextChoices):
    ANNUAL = "annual", _("LKjIP tahunan")
    TW1 = "tw1", _("Evaluasi s/d Triwulan I")
    TW2 = "tw2", _("Evaluasi s/d Triwulan II")
    TW3 = "tw3", _("Evaluasi s/d Triwulan III")
    TW4 = "tw4", _("Evaluasi s/d Triwulan IV")


def period_quarter(period: str) -> int:
    """The last quarter a period covers: the annual report covers the whole year."""
    return 4 if period == Period.ANNUAL else int(period[2])


class Report(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports", verbose_name=_("organisasi"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    period = models.CharField(_("periode"), max_length=10, choices=Period.choices)

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

    organisation_lookup = "report__organisation"
    objects = OrganisationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("narasi")
        verbose_name_plural = _("narasi")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="narrative_unique_key")]

    def __str__(self) -> str:
        return f"{self.report} - {self.get_key_display()}"
