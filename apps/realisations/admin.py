from __future__ import annotations

from django.contrib import admin

from apps.planning.admin import SuperuserOnlyAdmin

from .models import Evidence, Realisation

for model in (Realisation, Evidence):
    admin.site.register(model, SuperuserOnlyAdmin)
