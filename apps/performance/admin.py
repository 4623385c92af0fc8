"""Scales in Django admin: the kabupaten admin adopts and edits its pemda's scales; the
catalogue is read-only for them. Bands are validated together (overlap, gap, above 100)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin_scoping import PemdaScopedAdmin, ScopedInline

from .models import PredikatBand, PredikatScale, ReportConvention
from .services import scale_errors


class BandFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        bands = [
            PredikatBand(
                **{k: f.cleaned_data.get(k) for k in ("lower", "upper", "lower_inclusive", "upper_inclusive", "label", "code", "colour")}
            )
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        errors = scale_errors(self.instance, bands)
        if errors:
            raise forms.ValidationError(errors)


class BandInline(ScopedInline):
    model = PredikatBand
    formset = BandFormSet
    fields = ["order", "lower", "lower_inclusive", "upper", "upper_inclusive", "label", "code", "colour"]


@admin.register(PredikatScale)
class PredikatScaleAdmin(PemdaScopedAdmin):
    list_display = ["name", "use", "pemda", "source"]
    list_filter = ["use", "pemda"]
    inlines = [BandInline]
    fields = [
        "pemda", "use", "name", "source", "clamp_min", "clamp_max", "clamp_averages", "predikat_display",
        "organisation_mean", "efisiensi_capaian_places", "efisiensi_serapan_places",
    ]  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> Any:
        qs = PredikatScale.objects.all()
        if request.user.is_superuser:
            return qs
        # The catalogue (read-only) and the scales of the pemdas the user administers; not those of
        # a pemda the user only sees through another role.
        return qs.filter(pemda__isnull=True) | qs.administered_by(request.user)

    def get_changeable_queryset(self, request: HttpRequest) -> Any:
        # The catalogue is read-only; adopt a copy for the pemda instead.
        return PredikatScale.objects.administered_by(request.user)


@admin.register(ReportConvention)
class ReportConventionAdmin(PemdaScopedAdmin):
    """A pemda's report convention (issue 18): its admin edits it (validated by ReportConvention.clean,
    versioned by django-simple-history); an admin of another pemda neither sees nor changes it."""

    list_display = ["name", "pemda", "preset_key", "efisiensi_forms", "budget_layout"]
    list_filter = ["pemda"]
    fieldsets = [
        (None, {"fields": ["pemda", "name", "preset_key"]}),
        (
            _("Desimal dan pembulatan per jenis angka"),
            {
                "fields": [
                    ("capaian_places", "capaian_rounding"),
                    ("serapan_places", "serapan_rounding"),
                    ("efisiensi_places", "efisiensi_rounding"),
                    ("efisiensi_anggaran_places", "efisiensi_anggaran_rounding"),
                    ("indeks_places", "indeks_rounding"),
                    ("tingkat_kemajuan_places", "tingkat_kemajuan_rounding"),
                    ("rupiah_places", "rupiah_rounding"),
                ]
            },
        ),
        (
            _("Efisiensi dan anggaran"),
            {"fields": ["efisiensi_forms", "efisiensi_from_displayed", "state_efisiensi_anggaran", "budget_layout"]},
        ),
    ]
