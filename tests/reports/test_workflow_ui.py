from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from apps.realisations.models import Realisation
from apps.reports import workflow
from apps.reports.models import Report


@pytest.fixture
def submitted(ready, world, django_capture_on_commit_callbacks):
    world.camat.email = "camat@example.go.id"
    world.camat.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_submit(report=ready.report, user=world.operator)
    return ready.report


def test_camat_is_notified_in_app_and_by_email(client, submitted, world):
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["camat@example.go.id"]
    client.force_login(world.camat)
    home = client.get(reverse("home")).content.decode()
    assert "data-unread" in home and str(submitted) in home
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert "menunggu persetujuan Anda" in page
    assert "data-unread" in client.get(reverse("home")).content.decode()  # reading changes nothing
    client.post(reverse("accounts:notifications"), {"all": "1"})
    assert "data-unread" not in client.get(reverse("home")).content.decode()


def test_operator_submits_through_the_page(client, ready, world):
    ready.report.delete()  # the submission makes the report row
    client.force_login(world.operator)
    page = client.get(reverse("reports:view", args=[world.own.pk, 2024, "annual"])).content.decode()
    submit = reverse("reports:period_submit", args=[world.own.pk, 2024, "annual"])  # no report row before the submission
    assert f'action="{submit}"' in page and not Report.objects.exists()
    response = client.post(submit, follow=True)
    assert 'data-status="diajukan"' in response.content.decode()
    report = Report.objects.get()
    client.force_login(world.camat)
    response = client.post(reverse("reports:transition", args=[report.pk, "kembalikan"]), {"reason": ""}, follow=True)
    assert "Alasan wajib diisi" in response.content.decode()
    response = client.post(reverse("reports:transition", args=[report.pk, "setujui"]), follow=True)
    assert 'data-status="disetujui"' in response.content.decode()


def test_unknown_action_is_404_and_other_kecamatan_404(client, submitted, world):
    client.force_login(world.camat)
    assert client.post(reverse("reports:transition", args=[submitted.pk, "hapus"])).status_code == 404
    client.force_login(world.other_operator)
    assert client.post(reverse("reports:transition", args=[submitted.pk, "ajukan"])).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [("camat", 200), ("inspektorat", 200), ("admin", 200), ("operator", 403), ("other_operator", 403), ("foreign_inspektorat", 404)],
)
def test_audit_trail_visibility(client, submitted, world, persona, status):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("organisations:audit", args=[world.own.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Realisasi" in response.content.decode()


def test_evidence_bundle_is_indexed(client, submitted, world, plan, settings, tmp_path):
    import io
    import zipfile

    from apps.realisations.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    r = Realisation.objects.get(indicator=plan.akip, quarter=4)
    Report.objects.filter(pk=submitted.pk).update(status="draft")  # unfrozen, so its evidence can change
    Evidence.objects.filter(realisation=r).delete()
    Evidence.objects.create(realisation=r, kind="tautan", description="Berita acara", url="https://example.go.id/ba")
    client.force_login(world.inspektorat)
    response = client.get(reverse("reports:evidence_bundle", args=[submitted.pk]))
    zf = zipfile.ZipFile(io.BytesIO(response.content))
    assert "indeks.tsv" in zf.namelist() and "Berita acara" in zf.read("indeks.tsv").decode()
