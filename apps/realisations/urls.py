"""Routes of apps.realisations.views. The grid (``grid``), the pre-submission check (``consistency``) and the
aspect scores (``aspect_scores``) of the same namespace are apps.performance.urls.realisation_urlpatterns, joined in lkjip/urls.py."""

from django.urls import path

from . import views

app_name = "realisations"

urlpatterns = [
    path("kecamatan/<int:org_pk>/realisasi/", views.CurrentGridView.as_view(), name="current"),
    path("indikator/<int:indicator_pk>/realisasi/<int:year>/tw<int:quarter>/", views.RealisationEditView.as_view(), name="edit"),
    path("indikator/<int:indicator_pk>/realisasi/<int:year>/tw<int:quarter>/bukti/", views.EvidenceAddView.as_view(), name="evidence_add"),
    path(
        "indikator/<int:indicator_pk>/realisasi/<int:year>/tw<int:quarter>/pembanding/", views.ComparisonView.as_view(), name="comparison"
    ),
    path("indikator/<int:indicator_pk>/riwayat/", views.HistoryView.as_view(), name="history"),
    path("indikator/<int:indicator_pk>/layanan/<int:year>/", views.ServiceScoreView.as_view(), name="service_scores"),
    path("bukti/<int:pk>/hapus/", views.EvidenceDeleteView.as_view(), name="evidence_delete"),
    path("bukti/<int:pk>/unduh/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
]
