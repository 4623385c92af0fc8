"""Writes of predikat scales (every save is validated by calc.validate_scale, all or nothing) and of report conventions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from apps import calculations as calc
from apps.organisations.models import Pemda

from . import conventions_catalogue, scales_catalogue
from .models import CATALOGUE_USE, PredikatBand, PredikatScale, ReportConvention

#: A preset key the catalogue does not know.
UNKNOWN_PRESET = "Preset konvensi penyajian «%(key)s» tidak dikenal."


def scale_errors(scale: PredikatScale, bands: list[PredikatBand]) -> list[str]:
    """Indonesian messages for overlaps, gaps and uncovered regions (empty when the scale is sound)."""
    try:
        return calc.validate_scale(scale.to_calc(bands))
    except (calc.CalculationError, TypeError) as exc:
        return [str(exc)]


@transaction.atomic
def scale_save(*, scale: PredikatScale, bands: list[PredikatBand]) -> PredikatScale:
    """Save a scale and replace its bands, or nothing when the bands overlap, leave a gap or leave 100+ undecided."""
    errors = scale_errors(scale, bands)
    if errors:
        raise ValidationError(errors)
    scale.full_clean()
    scale.save()
    scale.bands.all().delete()
    for order, band in enumerate(bands):
        band.pk = None
        band.scale = scale
        band.order = order
        band.full_clean()
    PredikatBand.objects.bulk_create(bands)
    return scale


@transaction.atomic
def scale_adopt(*, pemda: Pemda, template: PredikatScale) -> PredikatScale:
    """Give ``pemda`` its own copy of a (catalogue) scale for the template's use, replacing the previous one."""
    PredikatScale.objects.filter(pemda=pemda, use=template.use).delete()
    copy = PredikatScale(pemda=pemda, use=template.use, name=template.name, source=template.source,
                         clamp_min=template.clamp_min, clamp_max=template.clamp_max,
                         clamp_averages=template.clamp_averages, predikat_display=template.predikat_display,
                         organisation_mean=template.organisation_mean,
                         efisiensi_capaian_places=template.efisiensi_capaian_places,
                         efisiensi_serapan_places=template.efisiensi_serapan_places)  # fmt: skip
    bands = [PredikatBand(lower=b.lower, upper=b.upper, lower_inclusive=b.lower_inclusive, upper_inclusive=b.upper_inclusive,
                          label=b.label, code=b.code, colour=b.colour) for b in template.bands.all()]  # fmt: skip
    return scale_save(scale=copy, bands=bands)


@transaction.atomic
def catalogue_sync() -> int:
    """Create or refresh the catalogue scales (pemda empty) from apps.performance.scales_catalogue."""
    count = 0
    for key, use in CATALOGUE_USE.items():
        source: calc.Scale = getattr(scales_catalogue, key)
        scale = PredikatScale.objects.filter(pemda__isnull=True, catalogue_key=key.lower().replace("_", "-")).first() or PredikatScale(
            catalogue_key=key.lower().replace("_", "-")
        )
        scale.use, scale.name, scale.source = use, source.name, source.source
        scale.clamp_min, scale.clamp_max = source.clamp if source.clamp else (None, None)
        scale.clamp_averages = source.clamp_averages
        scale.predikat_display = source.display
        scale.organisation_mean = source.organisation_mean
        scale.efisiensi_capaian_places, scale.efisiensi_serapan_places = source.efisiensi_operand_places or (None, None)
        bands = [PredikatBand(lower=b.lower, upper=b.upper, lower_inclusive=b.lower_inclusive, upper_inclusive=b.upper_inclusive,
                              label=b.label, code=b.code, colour=b.colour) for b in source.bands]  # fmt: skip
        scale_save(scale=scale, bands=bands)
        count += 1
    return count


@transaction.atomic
def convention_adopt(*, pemda: Pemda, preset: str) -> ReportConvention:
    """Give ``pemda`` the report convention of a preset (conventions_catalogue.PRESETS), replacing its rules.

    An unknown preset changes nothing (ValidationError with UNKNOWN_PRESET)."""
    source = conventions_catalogue.PRESETS.get(preset)
    if source is None:
        raise ValidationError(UNKNOWN_PRESET % {"key": preset}, code="unknown_preset")
    convention = ReportConvention.objects.filter(pemda=pemda).first() or ReportConvention(pemda=pemda)
    convention.name, convention.preset_key = source.name, preset
    convention.set_from(source)
    convention.full_clean()
    convention.save()
    return convention
