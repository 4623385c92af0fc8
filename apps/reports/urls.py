from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("kecamatan/<int:org_pk>/", views.ReportIndexView.as_view(), name="index"),
    path("kecamatan/<int:org_pk>/<int:year>/<str:period>/", views.ReportView.as_view(), name="view"),
    # The same report addressed by its period, for a report that has no row yet (its page never creates one).
    path("kecamatan/<int:org_pk>/<int:year>/<str:period>/unduh/<str:fmt>/", views.ReportDownloadView.as_view(), name="period_download"),
    path("kecamatan/<int:org_pk>/<int:year>/<str:period>/narasi/<str:key>/", views.NarrativeEditView.as_view(), name="period_narrative"),
    path("kecamatan/<int:org_pk>/<int:year>/<str:period>/ajukan/", views.PeriodSubmitView.as_view(), name="period_submit"),
    path("kecamatan/<int:org_pk>/<int:year>/<str:period>/tanggal/", views.ReportDateView.as_view(), name="period_date"),
    path("<int:pk>/unduh/<str:fmt>/", views.ReportDownloadView.as_view(), name="download"),
    path("pdf/<int:pk>/", views.RenderJobView.as_view(), name="render_job"),
    path("<int:pk>/narasi/<str:key>/", views.NarrativeEditView.as_view(), name="narrative"),
    path("<int:pk>/alur/<str:action>/", views.TransitionView.as_view(), name="transition"),
    path("<int:pk>/persetujuan/", views.ApprovalStatusView.as_view(), name="approval_status"),
    path("<int:pk>/perubahan/", views.ChangesView.as_view(), name="changes"),
    path("<int:pk>/bukti.zip", views.EvidenceBundleView.as_view(), name="evidence_bundle"),
    path("pemda/<int:pemda_pk>/<int:year>/", views.PemdaOverviewView.as_view(), name="pemda"),
    path("kecamatan/<int:org_pk>/evaluasi/<int:year>/", views.EvaluationView.as_view(), name="evaluation"),
    path("kecamatan/<int:org_pk>/sarpras/<int:year>/", views.SarprasView.as_view(), name="sarpras"),
    path("kecamatan/<int:org_pk>/penghargaan/<int:year>/", views.PenghargaanView.as_view(), name="penghargaan"),
    path("kecamatan/<int:org_pk>/evaluasi-rb/<int:year>/", views.RbEvaluationView.as_view(), name="rb_evaluation"),
    path("pemda/<int:pemda_pk>/<int:year>/lkjip.zip", views.PemdaZipView.as_view(), name="pemda_zip"),
]
