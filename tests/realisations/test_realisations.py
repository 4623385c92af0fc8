from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.planning.models import ComparisonFigure
from apps.realisations import services
from apps.realisations.models import Evidence, Realisation

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(**overrides):
    data = {
        "value": "",
        "revision": 0,
        "source_document": "",
        "source_date": "",
        "source_issuer": "",
        "faktor_pendukung": "",
        "faktor_penghambat": "",
        "solusi": "",
    }
    data.update(overrides)
    return data


def _url(plan, indicator=None, quarter=3):
    return reverse("realisations:edit", args=[(indicator or plan.akip).pk, 2024, quarter])


def test_operator_enters_a_value_in_indonesian_format(client, plan, world):
    client.force_login(world.operator)
    response = client.post(
        _url(plan), _post(value="74,64", source_document="X.700/559/415.15/2024", source_issuer="Inspektorat Kabupaten Jombang")
    )
    assert response.status_code == 302
    r = Realisation.objects.get(indicator=plan.akip, year=2024, quarter=3)
    assert r.value == Decimal("74.64") and r.revision == 1 and r.updated_by == world.operator


def test_blank_is_not_zero(client, plan, world):
    client.force_login(world.operator)
    client.post(_url(plan), _post(value=""))
    assert Realisation.objects.get(indicator=plan.akip, quarter=3).value is None


@pytest.mark.parametrize("bad", ["7a", "1,2,3", "--5", "1.2.3,4,5"])
def test_letters_or_malformed_numbers_are_refused(client, plan, world, bad):
    client.force_login(world.operator)
    response = client.post(_url(plan), _post(value=bad))
    assert response.status_code == 200
    assert "bukan angka" in response.content.decode()
    assert not Realisation.objects.exists()


def test_negative_is_refused(client, plan, world):
    client.force_login(world.operator)
    response = client.post(_url(plan), _post(value="-3"))
    assert "tidak boleh negatif" in response.content.decode()
    assert not Realisation.objects.filter(value__isnull=False).exists()


def test_below_target_requires_faktor_penghambat_and_solusi(client, plan, world):
    """AKIP 70 against a target of 73 is below target (capaian 95,89 %)."""
    client.force_login(world.operator)
    response = client.post(_url(plan, quarter=4), _post(value="70"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "isi faktor penghambat" in body and "isi solusi" in body
    assert not Realisation.objects.exists()
    response = client.post(
        _url(plan, quarter=4), _post(value="70", faktor_penghambat="Rekomendasi LHE belum ditindaklanjuti", solusi="Menyusun rencana aksi")
    )
    assert response.status_code == 302
    assert Realisation.objects.get(quarter=4).value == Decimal("70")


def test_the_service_itself_refuses_a_below_target_value_without_faktor_and_solusi(plan, world):
    """Called directly (not through the view), realisation_save computes the capaian with the new value
    (AKIP 70 against 73: 95,89 %) and requires the analysis itself."""
    with pytest.raises(ValidationError) as refused:
        services.realisation_save(indicator=plan.akip, year=2024, quarter=4, revision=0, user=world.operator, value=Decimal("70"))
    assert set(refused.value.message_dict) == {"faktor_penghambat", "solusi"}
    with pytest.raises(ValidationError) as refused:
        services.realisation_save(
            indicator=plan.akip,
            year=2024,
            quarter=4,
            revision=0,
            user=world.operator,
            value=Decimal("70"),
            faktor_penghambat="Rekomendasi LHE",
        )
    assert set(refused.value.message_dict) == {"solusi"}
    assert not Realisation.objects.exists()
    saved = services.realisation_save(
        indicator=plan.akip, year=2024, quarter=4, revision=0, user=world.operator, value=Decimal("70"),
        faktor_penghambat="Rekomendasi LHE belum ditindaklanjuti", solusi="Menyusun rencana aksi",
    )  # fmt: skip
    assert saved.value == Decimal("70")


def test_the_service_needs_no_analysis_on_or_above_target(plan, world):
    """AKIP 73 against 73 is 100 %: on target, nothing more to write."""
    saved = services.realisation_save(indicator=plan.akip, year=2024, quarter=4, revision=0, user=world.operator, value=Decimal("73"))
    assert saved.value == Decimal("73") and saved.faktor_penghambat == ""


def test_two_browsers_editing_the_same_value_get_a_conflict(client, plan, world):
    client.force_login(world.operator)
    first = client.post(_url(plan), _post(value="74,64", revision=0))
    assert first.status_code == 302
    second = client.post(_url(plan), _post(value="80", revision=0))  # opened before the first save
    assert second.status_code == 409
    assert "sudah diubah oleh" in second.content.decode()
    assert Realisation.objects.get(quarter=3).value == Decimal("74.64")


@pytest.mark.parametrize(
    ("persona", "get", "post"),
    [
        ("operator", 200, 302),
        ("camat", 200, 403),
        ("inspektorat", 200, 403),
        ("admin", 200, 403),
        ("other_operator", 404, 404),
        ("foreign_inspektorat", 404, 404),
    ],
)
def test_realisation_permissions(client, plan, world, persona, get, post):
    client.force_login(getattr(world, persona))
    assert client.get(_url(plan)).status_code == get
    assert client.post(_url(plan), _post(value="74,64")).status_code == post


def test_grid_shows_target_realisation_and_capaian(client, plan, world):
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"))
    client.force_login(world.camat)
    response = client.get(reverse("realisations:grid", args=[world.own.pk, 2024, 4]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "84,24" in body and "115,40 %" in body  # 84,24 / 73 x 100 (DOMAIN.md intro)
    assert "bukti dukung belum ada" in body


def test_grid_cumulative_indicator_sums_quarters(client, plan, world):
    for q, v in [(1, 3), (2, 3), (3, 2)]:
        Realisation.objects.create(indicator=plan.laporan, year=2024, quarter=q, value=Decimal(v))
    client.force_login(world.operator)
    from apps.performance.selectors import realisation_grid

    grid = realisation_grid(organisation=world.own, year=2024, quarter=3)
    row = next(r for r in grid.rows if r.indicator == plan.laporan)
    assert row.cumulative.value == Decimal(8)


def test_grid_without_pk_says_so(client, world):
    client.force_login(world.operator)
    body = client.get(reverse("realisations:grid", args=[world.own.pk, 2030, 1])).content.decode()
    assert "Belum ada Perjanjian Kinerja tahun 2030" in body


def test_grid_of_another_kecamatan_is_404(client, plan, world):
    client.force_login(world.other_operator)
    assert client.get(reverse("realisations:grid", args=[world.own.pk, 2024, 1])).status_code == 404


def test_quarter_outside_1_to_4_is_404(client, plan, world):
    client.force_login(world.operator)
    assert client.get(reverse("realisations:grid", args=[world.own.pk, 2024, 5])).status_code == 404


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("lhe.pdf", PDF, True),
        ("notulen.docx", _docx(), True),
        ("virus.pdf", b"MZ\x90\x00 not a pdf", False),
        ("page.html", b"<html><script>alert(1)</script>", False),
    ],
)
def test_evidence_type_is_checked_on_content(client, plan, world, settings, tmp_path, name, content, ok):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.operator)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(
        reverse("realisations:evidence_add", args=[plan.akip.pk, 2024, 3]),
        {"kind": "dokumen", "description": "LHE SAKIP", "upload": upload},
        follow=True,
    )
    assert Evidence.objects.exists() == ok
    if not ok:
        assert "Jenis berkas tidak diterima" in response.content.decode()


def test_evidence_too_large_is_refused(client, plan, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.operator)
    upload = SimpleUploadedFile("besar.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client.post(
        reverse("realisations:evidence_add", args=[plan.akip.pk, 2024, 3]),
        {"kind": "dokumen", "description": "x", "upload": upload},
        follow=True,
    )
    assert "terlalu besar" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_download_is_scoped_and_an_attachment(client, plan, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.operator)
    client.post(
        reverse("realisations:evidence_add", args=[plan.akip.pk, 2024, 3]),
        {"kind": "dokumen", "description": "LHE", "upload": SimpleUploadedFile("lhe.pdf", PDF)},
    )
    evidence = Evidence.objects.get()
    url = reverse("realisations:evidence_download", args=[evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    client.force_login(world.inspektorat)
    assert client.get(url).status_code == 200
    client.force_login(world.other_operator)
    assert client.get(url).status_code == 404
    client.force_login(world.foreign_inspektorat)
    assert client.get(url).status_code == 404


def test_evidence_link(client, plan, world):
    client.force_login(world.operator)
    client.post(
        reverse("realisations:evidence_add", args=[plan.akip.pk, 2024, 3]),
        {"kind": "tautan", "description": "Berita", "url": "https://jombangkab.go.id/berita"},
    )
    assert Evidence.objects.get().url == "https://jombangkab.go.id/berita"


def test_comparison_figure_or_not_available(client, plan, world):
    client.force_login(world.operator)
    url = reverse("realisations:comparison", args=[plan.akip.pk, 2024, 4])
    client.post(url, {"pembanding-level": "nasional", "pembanding-value": "", "pembanding-not_available": "on", "pembanding-source": ""})
    client.post(url, {"pembanding-level": "kabupaten", "pembanding-value": "70,5", "pembanding-source": "LHE Kabupaten"})
    figures = {c.level: c for c in ComparisonFigure.objects.all()}
    assert figures["nasional"].not_available and figures["nasional"].value is None
    assert figures["kabupaten"].value == Decimal("70.5")
    response = client.post(url, {"pembanding-level": "provinsi", "pembanding-value": "70", "pembanding-not_available": "on"}, follow=True)
    assert "salah satu" in response.content.decode()
    assert "provinsi" not in figures and not ComparisonFigure.objects.filter(level="provinsi").exists()
