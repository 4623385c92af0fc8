from __future__ import annotations

from django.contrib import admin

from apps.planning.admin import SuperuserOnlyAdmin

from .models import PerjanjianKinerja, PKItem, PKProgramBudget

for model in (PerjanjianKinerja, PKItem, PKProgramBudget):
    admin.site.register(model, SuperuserOnlyAdmin)
