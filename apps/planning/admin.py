"""Plans are entered by operators in the app; the admin shows them read-only for support."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ComparisonFigure, Indicator, IndicatorTarget, Kegiatan, Program, Renstra, Sasaran, SubKegiatan, Tujuan


class SuperuserOnlyAdmin(SimpleHistoryAdmin):
    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser


for model in (Renstra, Tujuan, Sasaran, Program, Kegiatan, SubKegiatan, Indicator, IndicatorTarget, ComparisonFigure):
    admin.site.register(model, SuperuserOnlyAdmin)
