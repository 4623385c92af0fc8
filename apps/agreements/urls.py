from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("kecamatan/<int:org_pk>/pk/", views.PKListView.as_view(), name="list"),
    path("pk/<int:pk>/", views.PKDetailView.as_view(), name="detail"),
    path("pk/<int:pk>/cetak/", views.PKPrintView.as_view(), name="print"),
]
