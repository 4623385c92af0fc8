"""Media files: only the kecamatan logos are served as files (to logged-in users); evidence, approved
PDFs and render jobs exist only behind their scoped views, even when their storage name is known."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.realisations.models import Evidence

PDF = b"%PDF-1.4\n% bukti rahasia\n%%EOF\n"
# 1x1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_evidence_file_is_not_reachable_by_its_media_url(client, plan, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.operator)
    client.post(
        reverse("realisations:evidence_add", args=[plan.akip.pk, 2024, 3]),
        {"kind": "dokumen", "description": "LHE", "upload": SimpleUploadedFile("lhe.pdf", PDF)},
    )
    evidence = Evidence.objects.get()
    assert (tmp_path / evidence.file.name).read_bytes() == PDF
    for url in (evidence.file.url, "/media/" + evidence.file.name, "/media/logos/../" + evidence.file.name):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"bukti rahasia" not in getattr(response, "content", b"")
    # the scoped view still serves it
    assert client.get(reverse("realisations:evidence_download", args=[evidence.pk])).status_code == 200


def test_logo_is_served_to_logged_in_users_only(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world.own.logo.save("perak.png", SimpleUploadedFile("perak.png", PNG), save=True)
    url = world.own.logo.url
    assert url.startswith("/media/logos/")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse(django_settings.LOGIN_URL))
    client.force_login(world.operator)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == PNG and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize("path", ["../settings.py", "..%2F..%2Fetc%2Fpasswd", "organisation/../../evidence/x.pdf"])
def test_logo_route_does_not_escape_its_folder(client, world, settings, tmp_path, path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "x.pdf").write_bytes(PDF)
    client.force_login(world.operator)
    assert client.get("/media/logos/" + path).status_code == 404
