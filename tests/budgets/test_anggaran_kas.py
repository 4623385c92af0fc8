"""Issue 20: SIPD's anggaran kas document (a separate monthly document, per sub kegiatan or per account) becomes a new
version of the DPA in force with that cash plan; all or nothing (browser and CLI). Fixture synthetic
(make_dpa_samples.py): the seed 002 DPA's accounts spread over the months."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from apps.budgets import services
from apps.budgets.models import DpaLine, DpaVersion

from .conftest import counts, import_fixture
from .workbooks import FIXTURES, fixture, xlsx

D = Decimal
GAJI = "7.01.01.2.02.0001"
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]


@pytest.fixture
def perak(world):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    return world


def test_the_document_gives_the_dpa_in_force_its_cash_plan(perak):
    version = services.anggaran_kas_import(organisation=perak.own, year=2024, data=fixture("anggaran_kas_seed002.xlsx"),
                                           source_name="kas.xlsx", user=perak.admin)  # fmt: skip
    assert version.sequence == 2 and version.layout == "KAS" and version.lines.count() == 23
    gaji = DpaLine.objects.get(version=version, code=GAJI)
    assert gaji.pagu == D("2454028896") and gaji.kas_tw4 == gaji.pagu and sum(gaji.months, D(0)) == gaji.pagu
    assert gaji.kas_tw1 == sum(gaji.months[:3], D(0))
    first = DpaLine.objects.get(version__sequence=1, code=GAJI)
    assert first.kas_tw4 is None  # version 1 is untouched: the pinned reports keep reading it


def test_kas_that_is_not_the_pagu_or_a_foreign_code_is_refused_and_nothing_written(perak):
    rows = [["Kode Sub Kegiatan", "Nama", *MONTHS], ["7.01.01.2.01.0001", "Penyusunan", *([100] * 12)],
            ["7.01.09.2.01.0001", "Tidak ada", *([1] * 12)]]  # fmt: skip
    before = counts()
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.anggaran_kas_import(organisation=perak.own, year=2024, data=xlsx(rows), source_name="k.xlsx", user=None)
    messages = [i.message for i in exc.value.issues]
    assert any("tidak sama dengan pagu" in m for m in messages) and any("7.01.09.2.01.0001 tidak ada dalam DPA" in m for m in messages)
    assert counts() == before


def test_without_a_dpa_it_is_refused(world):
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.anggaran_kas_import(organisation=world.own, year=2024, data=fixture("anggaran_kas_seed002.xlsx"), source_name="k.xlsx",
                                     user=None)  # fmt: skip
    assert "Belum ada DPA tahun 2024" in exc.value.issues[0].message


def test_the_admin_imports_it_in_the_browser(client, perak):
    client.force_login(perak.admin)
    url = reverse("budgets:kas_import", args=[perak.own.pk, 2024])
    assert "Impor dokumen anggaran kas" in client.get(url).content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("kas.xlsx", fixture("anggaran_kas_seed002.xlsx"),
                                                            content_type="application/octet-stream")})  # fmt: skip
    version = DpaVersion.objects.get(sequence=2)
    assert response.status_code == 302 and response["Location"] == reverse("budgets:version", args=[version.pk])


def test_the_command(perak):
    out = io.StringIO()
    call_command(
        "import_anggaran_kas", perak.own.slug, "2024", str(FIXTURES / "anggaran_kas_seed002.xlsx"), stdout=out, stderr=io.StringIO()
    )
    assert "Anggaran kas disimpan sebagai" in out.getvalue()
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_anggaran_kas", "tidak-ada", "2024", "x.xlsx", stdout=io.StringIO(), stderr=io.StringIO())
