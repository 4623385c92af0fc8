from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("kecamatan/<int:org_pk>/", views.ReportIndexView.as_view(), name="index"),
    path("kecamatan/<int:org_pk>/<int:year>/<str:period>/", views.ReportView.as_view(), name="view"),
    path("<int:pk>/unduh/<str:fmt>/", views.ReportDownloadView.as_view(), name="download"),
    path("<int:pk>/narasi/<str:key>/", views.NarrativeEditView.as_view(), name="narrative"),
]
