"""Plans are entered by operators in the app; the admin shows them read-only for support."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.accounts.admin_scoping import SuperuserOnlyMixin

from .models import ComparisonFigure, Indicator, IndicatorTarget, Kegiatan, Program, Renstra, Sasaran, SubKegiatan, Tujuan


class SuperuserOnlyAdmin(SuperuserOnlyMixin, SimpleHistoryAdmin):
    """Every page (list, add, change, delete, history, revert) is the superuser's, whatever Django
    permissions a staff user holds."""


for model in (Renstra, Tujuan, Sasaran, Program, Kegiatan, SubKegiatan, Indicator, IndicatorTarget, ComparisonFigure):
    admin.site.register(model, SuperuserOnlyAdmin)
