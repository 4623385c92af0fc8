"""Scales in Django admin: the kabupaten admin adopts and edits its pemda's scales; the
catalogue is read-only for them. Bands are validated together (overlap, gap, above 100)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from apps.accounts.admin_scoping import PemdaScopedAdmin, ScopedInline

from .models import PredikatBand, PredikatScale
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
    fields = ["pemda", "use", "name", "source", "clamp_min", "clamp_max"]

    def get_queryset(self, request: HttpRequest) -> Any:
        qs = PredikatScale.objects.all()
        return qs if request.user.is_superuser else qs.for_user(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.pemda_id is None and not request.user.is_superuser:
            return False  # the catalogue is read-only; adopt a copy for the pemda instead
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)
