import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog

from apps.organisations import views as organisation_views
from apps.performance import urls as performance_urls
from apps.realisations import urls as realisation_urls
from apps.reports import views as report_views

admin.site.site_header = "LKjIP - Administrasi"
admin.site.site_title = "LKjIP"
admin.site.index_title = "Data induk"

urlpatterns = [
    path("", report_views.HomeView.as_view(), name="home"),  # the per-role home page
    path("", include("apps.core.urls")),
    path("akun/", include("apps.accounts.urls")),
    path("organisasi/", include("apps.organisations.urls")),
    path("perencanaan/", include("apps.planning.urls")),
    path("perjanjian/", include("apps.agreements.urls")),
    # One namespace for the realisation pages: entry and evidence (apps.realisations) and the pages of
    # computed figures, the grid and the pre-submission check (apps.performance, above what they read).
    path("kinerja/", include((realisation_urls.urlpatterns + performance_urls.realisation_urlpatterns, realisation_urls.app_name))),
    path("anggaran/", include("apps.budgets.urls")),
    path("laporan/", include("apps.reports.urls")),
    path("verifikasi/", report_views.VerifyView.as_view(), name="verify"),
    path("verifikasi/<uuid:token>/", report_views.VerifyView.as_view(), name="verify_token"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]

# Of the media, only the kecamatan logos are served as files (to logged-in users: the organisation page).
# Evidence, approved PDFs and render jobs are served only by their scoped views, in development too.
urlpatterns += [
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}logos/(?P<path>.+)$",
        organisation_views.logo_file,
        name="media_logo",
    ),
]
