"""Issue 20: a new DPA version that would push recorded realisasi above its pagu, drop the total sharply or drop
a sub kegiatan with realisasi is shown with those cautions, and is applied only when the admin acknowledges
them (browser and CLI); without it nothing is written."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from apps.budgets import services
from apps.budgets.models import DpaUpload, DpaVersion
from tests.factories import RealisasiAnggaranFactory

from .conftest import counts
from .workbooks import layout_a, small_dpa

S1, S2 = "7.01.01.2.01.0001", "7.01.01.2.01.0002"


@pytest.fixture
def spent(world):
    """Version 1 (pagu 1.000.000 and 500.000) with realisasi 900.000 s/d TW III on the first sub kegiatan."""
    services.dpa_import(organisation=world.own, year=2024, data=small_dpa(), source_name="v1.xlsx")
    RealisasiAnggaranFactory(organisation=world.own, year=2024, code=S1, quarter=3, amount=Decimal(900_000))
    return world


def _preview(world, data):
    return services.dpa_preview(organisation=world.own, year=2024, data=data)


def test_realisasi_above_the_new_pagu_is_a_caution(spent):
    cautions = _preview(spent, small_dpa(pagu=600_000, second=900_000)).cautions  # the total stays 1.500.000
    assert len(cautions) == 1
    assert f"{S1} Penyusunan Dokumen Perencanaan Perangkat Daerah" in cautions[0]
    assert "s/d TW 3 (Rp 900.000) melebihi pagu baru (Rp 600.000); serapannya akan menjadi 150,00 %" in cautions[0]


def test_a_sharp_drop_of_the_total_is_a_caution(spent):
    cautions = _preview(spent, small_dpa(pagu=1_000_000, second=300_000)).cautions
    assert cautions == []  # 1.300.000 of 1.500.000: a 13,33 % drop is no caution (the threshold is a fifth)
    cautions = _preview(spent, small_dpa(pagu=950_000, second=1)).cautions
    assert any("Total pagu turun 36,67 % dari Rp 1.500.000 menjadi Rp 950.001" in c for c in cautions), cautions


def test_dropping_a_sub_kegiatan_with_realisasi_is_a_caution(spent):
    only_second = layout_a(
        [["7.01.01", "Program", None, None], ["7.01.01.2.01", "Kegiatan", None, None], [S2, "Koordinasi", "APBD", 1_500_000]]
    )
    cautions = _preview(spent, only_second).cautions
    assert any(
        c.startswith(f"{S1} Penyusunan Dokumen Perencanaan Perangkat Daerah tidak ada lagi") and "Rp 900.000 s/d TW 3" in c
        for c in cautions
    )


def test_a_plain_change_has_no_caution(spent):
    assert _preview(spent, small_dpa(pagu=1_200_000)).cautions == []


def test_the_service_applies_it_only_when_acknowledged(spent):
    before = counts()
    with pytest.raises(services.NeedsAcknowledgement) as exc:
        services.dpa_import(organisation=spent.own, year=2024, data=small_dpa(pagu=600_000), source_name="v2.xlsx", kind="perubahan")
    assert "2 peringatan" in exc.value.messages[0] and counts() == before  # above the pagu, and a 26,67 % drop
    result = services.dpa_import(
        organisation=spent.own, year=2024, data=small_dpa(pagu=600_000), source_name="v2.xlsx", kind="perubahan", acknowledged=True
    )
    assert result.version.sequence == 2


def test_the_browser_shows_the_cautions_and_asks_for_the_tick(client, spent):
    client.force_login(spent.admin)
    response = client.post(
        reverse("budgets:dpa_import", args=[spent.own.pk, 2024]),
        {"file": SimpleUploadedFile("dppa.xlsx", small_dpa(pagu=600_000), content_type="application/octet-stream"), "kind": "perubahan",
         "number": ""},
    )  # fmt: skip
    upload = DpaUpload.objects.get(version__isnull=True)
    page = client.get(response["Location"]).content.decode()
    assert "melebihi pagu baru (Rp 600.000)" in page and 'name="acknowledge"' in page and "Ada 2 peringatan" in page
    response = client.post(reverse("budgets:dpa_preview", args=[upload.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("budgets:dpa_preview", args=[upload.pk])
    assert DpaVersion.objects.count() == 1
    assert "harus Anda periksa dan setujui" in client.get(response["Location"]).content.decode()
    client.post(reverse("budgets:dpa_preview", args=[upload.pk]), {"acknowledge": "1"})
    assert DpaVersion.objects.count() == 2


def test_the_command_needs_acknowledge(spent, tmp_path):
    path = tmp_path / "dppa.xlsx"
    path.write_bytes(small_dpa(pagu=600_000))
    err = io.StringIO()
    with pytest.raises(CommandError, match="--acknowledge; tidak ada yang disimpan"):
        call_command("import_dpa", spent.own.slug, "2024", str(path), "--kind", "perubahan", stdout=io.StringIO(), stderr=err)
    assert "melebihi pagu baru" in err.getvalue() and DpaVersion.objects.count() == 1
    out = io.StringIO()
    call_command("import_dpa", spent.own.slug, "2024", str(path), "--kind", "perubahan", "--acknowledge", stdout=out, stderr=io.StringIO())
    assert "disimpan" in out.getvalue() and DpaVersion.objects.count() == 2
