from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("kecamatan/<int:org_pk>/", views.BudgetCurrentView.as_view(), name="current"),
    path("kecamatan/<int:org_pk>/<int:year>/", views.DpaView.as_view(), name="dpa"),
    path("kecamatan/<int:org_pk>/<int:year>/impor-dpa/", views.DpaImportView.as_view(), name="dpa_import"),
    path("kecamatan/<int:org_pk>/<int:year>/impor-anggaran-kas/", views.AnggaranKasImportView.as_view(), name="kas_import"),
    path("kecamatan/<int:org_pk>/<int:year>/realisasi/tw<int:quarter>/", views.RealisasiGridView.as_view(), name="grid"),
    path("kecamatan/<int:org_pk>/<int:year>/realisasi/impor/", views.RealisasiImportView.as_view(), name="realisasi_import"),
    path("kecamatan/<int:org_pk>/<int:year>/realisasi/templat.xlsx", views.RealisasiTemplateView.as_view(), name="realisasi_template"),
    path("kecamatan/<int:org_pk>/<int:year>/pendapatan/", views.PendapatanView.as_view(), name="pendapatan"),
    path("kecamatan/<int:org_pk>/<int:year>/dokumen-anggaran/<str:kind>/", views.DokumenAnggaranView.as_view(), name="dokumen_anggaran"),
    path("dpa/<int:pk>/", views.DpaVersionView.as_view(), name="version"),
    path("unggahan/<int:pk>/", views.DpaPreviewView.as_view(), name="dpa_preview"),
    path("templat-dpa.xlsx", views.DpaTemplateView.as_view(), name="dpa_template"),
]
