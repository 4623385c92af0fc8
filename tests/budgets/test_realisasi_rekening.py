"""Issue 20: SIPD's realisasi by kode rekening ("Kode Sub Kegiatan, Kode Rekening, Nilai Realisasi": one row per sub
kegiatan x account, the quarter named in the title or chosen on upload) imports, summed per sub kegiatan, with the
same totals as the per-sub-kegiatan realisasi of seed 002 (fixtures synthetic: make_dpa_samples.py)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from apps.budgets import importer, services
from apps.budgets.models import RealisasiAnggaran
from apps.budgets.selectors import budget_overview

from .conftest import counts, import_fixture
from .workbooks import FIXTURES, fixture, xlsx

D = Decimal
HEADER = ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Rekening", "Nama Rekening", "Nilai Realisasi"]
S1 = "7.01.01.2.01.0001"


def test_the_rows_of_a_sub_kegiatan_are_summed_and_the_quarter_comes_from_the_title():
    by_account = importer.parse_realisasi(fixture("realisasi_rekening_seed002.xlsx"))
    per_sub = importer.parse_realisasi(fixture("realisasi_seed002.xlsx"))
    assert by_account.errors == [] and by_account.quarters == (4,)
    assert {r.code: r.cumulative for r in by_account.rows} == {r.code: r.cumulative for r in per_sub.rows}


def test_perak_imports_it_with_the_seed_serapan(world):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    services.realisasi_import(organisation=world.own, year=2024, data=fixture("realisasi_rekening_seed002.xlsx"), source_name="r.xlsx",
                              user=None)  # fmt: skip
    total = sum(r.amount for r in RealisasiAnggaran.objects.filter(organisation=world.own, year=2024, quarter=4))
    assert total == D("2995404515")  # seed 002's realisasi total (Tabel 3.10 JUMLAH, §5.3.6: the reconciled lines add up to it)
    overview = budget_overview(organisation=world.own, year=2024, quarter=4)
    assert overview.total.realisasi == total


def test_without_a_quarter_anywhere_it_asks_for_one_and_writes_nothing(world):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    data = xlsx([HEADER, [S1, "Penyusunan", "5.1.02.01.01.0024", "ATK", 100], [S1, "Penyusunan", "5.1.02.01.01.0052", "Mamin", 50]])
    before = counts()
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.realisasi_import(organisation=world.own, year=2024, data=data, source_name="r.xlsx", user=None)
    assert "tidak menyebut triwulan" in exc.value.issues[0].message and counts() == before
    result = services.realisasi_import(organisation=world.own, year=2024, data=data, source_name="r.xlsx", user=None, quarter=2)
    assert result.quarters == (2,) and RealisasiAnggaran.objects.get(code=S1, quarter=2).amount == 150


def test_the_upload_form_and_the_command_take_the_quarter(client, world, tmp_path):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    data = xlsx([HEADER, [S1, "Penyusunan", "5.1.02.01.01.0024", "ATK", 100]])
    client.force_login(world.operator)
    response = client.post(
        reverse("budgets:realisasi_import", args=[world.own.pk, 2024]),
        {"file": SimpleUploadedFile("r.xlsx", data, content_type="application/octet-stream"), "quarter": "1"},
    )
    assert response.status_code == 302 and RealisasiAnggaran.objects.get(code=S1, quarter=1).amount == 100
    path = tmp_path / "r.xlsx"
    path.write_bytes(xlsx([HEADER, [S1, "Penyusunan", "5.1.02.01.01.0024", "ATK", 300]]))
    out = io.StringIO()
    call_command("import_realisasi", world.own.slug, "2024", str(path), "--quarter", "3", stdout=out, stderr=io.StringIO())
    assert "TW 3" in out.getvalue() and RealisasiAnggaran.objects.get(code=S1, quarter=3).amount == 300


def test_the_command_reads_the_fixture(world):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    out = io.StringIO()
    call_command(
        "import_realisasi", world.own.slug, "2024", str(FIXTURES / "realisasi_rekening_seed002.xlsx"), stdout=out, stderr=io.StringIO()
    )
    assert "Triwulan dalam berkas: TW 4" in out.getvalue()
