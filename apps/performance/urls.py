"""Routes of apps.performance.views. They are realisation pages (paths under ``kinerja/``, names in the
``realisations`` namespace, unchanged since they moved here); lkjip/urls.py joins them to the patterns of
apps.realisations.urls under that namespace, because apps.realisations, below this app, may not import
these views (docs/architecture.md)."""

from django.urls import path

from . import views

realisation_urlpatterns = [
    path("kecamatan/<int:org_pk>/realisasi/<int:year>/tw<int:quarter>/", views.GridView.as_view(), name="grid"),
    path("kecamatan/<int:org_pk>/pemeriksaan/<int:year>/tw<int:quarter>/", views.ConsistencyView.as_view(), name="consistency"),
    path("indikator/<int:indicator_pk>/aspek/<int:year>/", views.AspectScoresView.as_view(), name="aspect_scores"),
]
