"""DPA data is imported and entered in the app; the admin shows it read-only for support."""

from __future__ import annotations

from django.contrib import admin

from apps.planning.admin import SuperuserOnlyAdmin

from .models import DpaLine, DpaUpload, DpaVersion, Pendapatan, RealisasiAnggaran


class DpaLineAdmin(SuperuserOnlyAdmin):
    list_display = ["code", "name", "pagu", "version"]
    list_filter = ["version__year"]
    search_fields = ["code", "name"]


class DpaUploadAdmin(SuperuserOnlyAdmin):
    exclude = ["content"]
    list_display = ["source_name", "organisation", "year", "uploaded_by", "created_at", "version"]


admin.site.register(DpaVersion, SuperuserOnlyAdmin)
admin.site.register(DpaLine, DpaLineAdmin)
admin.site.register(RealisasiAnggaran, SuperuserOnlyAdmin)
admin.site.register(DpaUpload, DpaUploadAdmin)
admin.site.register(Pendapatan, SuperuserOnlyAdmin)
