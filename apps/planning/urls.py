from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("kecamatan/<int:org_pk>/renstra/", views.RenstraListView.as_view(), name="renstra_list"),
    path("kecamatan/<int:org_pk>/renstra/baru/", views.RenstraCreateView.as_view(), name="renstra_create"),
    path("renstra/<int:pk>/", views.RenstraDetailView.as_view(), name="renstra_detail"),
    path("renstra/<int:pk>/perubahan/", views.RenstraReviseView.as_view(), name="renstra_revise"),
    path("renstra/<int:renstra_pk>/indikator/tambah/", views.IndicatorCreateView.as_view(), name="indicator_create"),
    path("renstra/<int:renstra_pk>/<str:kind>/tambah/", views.NodeCreateView.as_view(), name="node_create"),
    path("indikator/<int:pk>/", views.IndicatorUpdateView.as_view(), name="indicator_update"),
    path("indikator/<int:pk>/aspek/", views.IndicatorAspectsView.as_view(), name="indicator_aspects"),
    path("<str:kind>/<int:pk>/", views.NodeUpdateView.as_view(), name="node_update"),
]
