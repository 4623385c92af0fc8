"""DPA pages in the browser: who may read and import, upload > preview > confirm, duplicates, nothing written on failure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.budgets.models import DpaLine, DpaUpload, DpaVersion

from .conftest import counts, import_fixture
from .workbooks import fixture, fixture_for, layout_a, small_dpa

PREVIEW_MARK = "Terapkan sebagai versi baru"


def _upload(client, org, data: bytes, name: str = "dpa.xlsx", year: int = 2024, **extra):
    return client.post(
        reverse("budgets:dpa_import", args=[org.pk, year]),
        {"file": SimpleUploadedFile(name, data, content_type="application/octet-stream"), "kind": "murni", "number": "", **extra},
    )


@pytest.mark.parametrize(
    ("persona", "target", "expected"),
    [
        ("admin", "own", 302),
        ("admin", "other", 302),
        ("operator", "own", 403),
        ("camat", "own", 403),
        ("inspektorat", "own", 403),
        ("other_operator", "own", 404),
        ("operator", "other", 404),
        ("foreign_admin", "own", 404),
        ("admin", "foreign", 404),
        ("no_role", "own", 404),
    ],
)
def test_who_may_import_a_dpa(client, world, persona, target, expected):
    """DPA import belongs to the pemda admin (docs/budgets.md); others of the pemda get 403, outsiders 404."""
    client.force_login(getattr(world, persona))
    org = getattr(world, target)
    assert client.get(reverse("budgets:dpa_import", args=[org.pk, 2024])).status_code == (200 if expected == 302 else expected)
    response = _upload(client, org, small_dpa())
    assert response.status_code == expected
    assert DpaUpload.objects.exists() == (expected == 302)
    assert not DpaVersion.objects.exists()  # an upload is only a preview until confirmed


@pytest.mark.parametrize(
    ("persona", "target", "expected"),
    [
        ("operator", "own", 200),
        ("camat", "own", 200),
        ("inspektorat", "own", 200),
        ("admin", "own", 200),
        ("inspektorat", "other", 200),
        ("operator", "other", 404),
        ("other_operator", "own", 404),
        ("foreign_inspektorat", "own", 404),
        ("foreign_admin", "own", 404),
        ("no_role", "own", 404),
    ],
)
def test_who_may_read_the_dpa(client, world, persona, target, expected):
    org = getattr(world, target)
    version = import_fixture(org, 2024, "dpa_seed002_layout_a.xlsx")
    client.force_login(getattr(world, persona))
    for url in (
        reverse("budgets:dpa", args=[org.pk, 2024]),
        reverse("budgets:version", args=[version.pk]),
        reverse("budgets:grid", args=[org.pk, 2024, 4]),
        reverse("budgets:realisasi_template", args=[org.pk, 2024]),
    ):
        response = client.get(url)
        assert response.status_code == expected, url
    if expected == 200:
        body = client.get(reverse("budgets:dpa", args=[org.pk, 2024])).content.decode()
        assert "Rp 3.180.247.616" in body and "Penyediaan Gaji dan Tunjangan ASN" in body
        assert ("Impor DPA/DPPA" in body) == (persona == "admin")
        assert ("Isi realisasi" in body) == (persona == "operator")


def test_the_org_tab_redirects_to_the_latest_dpa_year(client, world):
    import_fixture(world.own, 2023, "dpa_seed004_layout_b.xlsx")
    client.force_login(world.camat)
    response = client.get(reverse("budgets:current", args=[world.own.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("budgets:dpa", args=[world.own.pk, 2023])
    client.force_login(world.other_operator)
    assert client.get(reverse("budgets:current", args=[world.own.pk])).status_code == 404


def test_upload_preview_confirm_creates_one_version(client, world, seed002_plan):
    client.force_login(world.admin)
    response = _upload(client, world.own, fixture("dpa_seed002_layout_a.xlsx"), name="DPA Perak 2024.xlsx", number="DPA/1/2024")
    upload = DpaUpload.objects.get()
    assert response["Location"] == reverse("budgets:dpa_preview", args=[upload.pk])
    page = client.get(response["Location"]).content.decode()
    assert PREVIEW_MARK in page
    assert "Rp 3.180.247.616" in page  # the total computed from the sub kegiatan, next to the one printed
    assert "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota" in page and "Rp 3.025.434.166" in page
    assert "23 ditambah" in page
    assert "22 sub kegiatan tidak ditemukan di Renstra" in page  # only one sub kegiatan is in the test Renstra
    assert not DpaVersion.objects.exists()
    response = client.post(reverse("budgets:dpa_preview", args=[upload.pk]))
    version = DpaVersion.objects.get()
    assert response["Location"] == reverse("budgets:version", args=[version.pk])
    assert (version.sequence, version.number, version.source_name, version.imported_by) == (
        1,
        "DPA/1/2024",
        "DPA Perak 2024.xlsx",
        world.admin,
    )
    assert version.source_sha256 == upload.sha256 and version.lines.count() == 23
    upload.refresh_from_db()
    assert upload.version == version
    # Confirming twice (a double click, a replayed POST) creates nothing more.
    response = client.post(reverse("budgets:dpa_preview", args=[upload.pk]))
    assert DpaVersion.objects.count() == 1
    assert client.get(reverse("budgets:dpa_preview", args=[upload.pk]))["Location"] == reverse("budgets:version", args=[version.pk])


def test_confirm_reads_the_stored_bytes_never_a_reposted_file(client, world):
    client.force_login(world.admin)
    _upload(client, world.own, small_dpa(pagu=1_000_000))
    upload = DpaUpload.objects.get()
    other = SimpleUploadedFile("x.xlsx", small_dpa(pagu=9_999_999))
    client.post(reverse("budgets:dpa_preview", args=[upload.pk]), {"file": other})
    line = DpaLine.objects.get(code="7.01.01.2.01.0001")
    assert line.pagu == Decimal(1_000_000)


@pytest.mark.parametrize("persona", ["foreign_admin", "operator", "inspektorat", "other_operator"])
def test_someone_else_cannot_see_or_confirm_an_upload(client, world, persona):
    client.force_login(world.admin)
    _upload(client, world.own, small_dpa())
    upload = DpaUpload.objects.get()
    client.force_login(getattr(world, persona))
    assert client.get(reverse("budgets:dpa_preview", args=[upload.pk])).status_code == 404
    assert client.post(reverse("budgets:dpa_preview", args=[upload.pk])).status_code == 404
    assert not DpaVersion.objects.exists()


def test_an_expired_upload_is_not_applied(client, world):
    client.force_login(world.admin)
    _upload(client, world.own, small_dpa())
    DpaUpload.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    upload = DpaUpload.objects.get()
    response = client.post(reverse("budgets:dpa_preview", args=[upload.pk]))
    assert response.status_code == 302 and not DpaVersion.objects.exists()


def test_reimporting_the_same_file_creates_nothing_and_says_so(client, world):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    before = counts()
    client.force_login(world.admin)
    response = _upload(client, world.own, fixture("dpa_seed002_layout_a.xlsx"))
    assert response.status_code == 302 and response["Location"] == reverse("budgets:dpa", args=[world.own.pk, 2024])
    page = client.get(response["Location"]).content.decode()
    assert "sama persis (SHA-256 sama)" in page and "Tidak ada yang dibuat" in page
    assert counts() == before


def test_reimporting_the_same_content_in_another_file_creates_nothing(client, world):
    client.force_login(world.admin)
    _upload(client, world.own, small_dpa(pagu=1_000_000))
    client.post(reverse("budgets:dpa_preview", args=[DpaUpload.objects.get().pk]))
    before = counts()
    response = _upload(client, world.own, small_dpa(pagu="Rp 1.000.000"))  # other bytes, same DPA
    page = client.get(response["Location"]).content.decode()
    assert "Isi berkas sama dengan DPA yang berlaku" in page
    assert counts() == before


def test_a_changed_dppa_becomes_version_2_and_the_preview_lists_old_and_new_pagu(client, world):
    client.force_login(world.admin)
    _upload(client, world.own, small_dpa(pagu=1_000_000, second=500_000))
    client.post(reverse("budgets:dpa_preview", args=[DpaUpload.objects.get().pk]))
    data = layout_a(
        [
            ["7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "APBD", 1_250_000],
            ["7.01.01.2.01.0003", "Koordinasi dan Penyusunan DPA-SKPD", "APBD", 300_000],
        ]
    )
    response = _upload(client, world.own, data, kind="perubahan")
    page = client.get(response["Location"]).content.decode()
    assert "1 ditambah, 1 dihapus, 1 berubah" in page
    assert "Rp 1.000.000" in page and "Rp 1.250.000" in page and "Rp 250.000" in page
    client.post(response["Location"])
    v2 = DpaVersion.objects.get(sequence=2)
    assert v2.kind == "perubahan" and v2.lines.count() == 2
    body = client.get(reverse("budgets:version", args=[v2.pk])).content.decode()
    assert "Perubahan dari" in body and "dihapus" in body and "Koordinasi dan Penyusunan Dokumen RKA-SKPD" in body


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bukan.xlsx", b"%PDF-1.4 bukan excel", "bukan lembar kerja Excel"),
        (
            "terkunci.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"),
            "dilindungi kata sandi",
        ),
        ("negatif.xlsx", small_dpa(pagu=-1), "Pagu tidak boleh negatif"),
        ("huruf.xlsx", small_dpa(pagu="satu juta"), "bukan angka yang sah"),
        ("ganda.xlsx", layout_a([["7.01.01.2.01.01", "A", None, 1], ["7.01.01.2.01.0001", "B", None, 1]]), "ganda"),
    ],
)
def test_a_failed_import_lists_every_problem_and_writes_nothing(client, world, name, data, message):
    import_fixture(world.own, 2024, "dpa_seed004_layout_b.xlsx")
    before = counts()
    client.force_login(world.admin)
    response = _upload(client, world.own, data, name=name)
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body and "tidak ada yang disimpan" in body.lower()
    assert counts() == before


def test_the_rejection_table_shows_row_and_column(client, world):
    client.force_login(world.admin)
    response = _upload(client, world.own, small_dpa(pagu="satu juta"))
    body = response.content.decode()
    assert '<td class="text-end">4</td><td class="small">D (Pagu)</td>' in body


def test_dpa_template_downloads_for_any_logged_in_user_and_reimports(client, world):
    client.force_login(world.camat)
    response = client.get(reverse("budgets:dpa_template"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    from apps.budgets import importer

    with pytest.raises(importer.ImportRejected):
        importer.parse_dpa(b"")
    parsed = importer.parse_dpa(response.content)
    assert parsed.header_row == 4 and not parsed.lines and parsed.errors[0].message == str(importer.NO_LINES)


def test_pages_use_a_fixed_number_of_queries(client, world):
    """The DPA page and the grid cost the same number of queries for 23 or 33 sub kegiatan (fetch, then compute)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import import_realisasi

    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    import_realisasi(world.own, 2024, "realisasi_seed002.xlsx")
    import_fixture(world.other, 2024, "dpa_seed004_layout_b.xlsx")
    import_realisasi(world.other, 2024, "realisasi_seed004.xlsx")
    client.force_login(world.inspektorat)
    counts_by_page = []
    for org in (world.own, world.other):
        for url in (reverse("budgets:dpa", args=[org.pk, 2024]), reverse("budgets:grid", args=[org.pk, 2024, 4])):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            counts_by_page.append(len(ctx.captured_queries))
    assert counts_by_page[:2] == counts_by_page[2:], counts_by_page
    assert max(counts_by_page) <= 25


def test_a_file_with_wrong_written_totals_is_applied_with_the_computed_ones_after_confirmation(client, world):
    """Issue 20: the official DPA as printed (two written totals that are not the sums of their lines) previews with
    both figures of each and a required confirmation; applied, the version records the disagreement."""
    client.force_login(world.admin)
    response = _upload(client, world.own, fixture_for("dpa_seed002_as_printed.xlsx", world.own, 2024), name="salah.xlsx")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "tertulis Rp 3.025.434.166" in page and "jumlah hasil hitung" in page and 'name="acknowledge"' in page
    upload = DpaUpload.objects.get()
    client.post(reverse("budgets:dpa_preview", args=[upload.pk]))
    assert not DpaVersion.objects.exists()
    client.post(reverse("budgets:dpa_preview", args=[upload.pk]), {"acknowledge": "1"})
    version = DpaVersion.objects.get()
    assert "Rp 73.791.200" in version.stated_totals_note
    assert "Rp 73.791.200" in client.get(reverse("budgets:version", args=[version.pk])).content.decode()
