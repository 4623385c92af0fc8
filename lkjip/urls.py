from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from apps.reports import views as report_views

admin.site.site_header = "LKjIP - Administrasi"
admin.site.site_title = "LKjIP"
admin.site.index_title = "Data induk"

urlpatterns = [
    path("", include("apps.core.urls")),
    path("akun/", include("apps.accounts.urls")),
    path("organisasi/", include("apps.organisations.urls")),
    path("perencanaan/", include("apps.planning.urls")),
    path("perjanjian/", include("apps.agreements.urls")),
    path("kinerja/", include("apps.realisations.urls")),
    path("anggaran/", include("apps.budgets.urls")),
    path("laporan/", include("apps.reports.urls")),
    path("verifikasi/", report_views.VerifyView.as_view(), name="verify"),
    path("verifikasi/<uuid:token>/", report_views.VerifyView.as_view(), name="verify_token"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
