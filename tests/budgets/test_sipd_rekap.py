"""Issue 20: SIPD's flat rekap pagu (one row per sub kegiatan x kode akun, Bulan 1 ... Bulan 12) imports: rows
summed per sub kegiatan, the akun detail kept, the months as anggaran kas; the same totals as the summary DPA
(tests/fixtures/sipd_rekap_seed002.xlsx is the reconciled seed 002 DPA split over illustrative accounts)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from apps.budgets import importer, services
from apps.budgets.models import DpaLine, DpaLineAkun, DpaVersion

from .conftest import counts
from .workbooks import FIXTURES, fixture, xlsx

D = Decimal
GAJI = "7.01.01.2.02.0001"  # "7.01.01.2.02.01" in the file, canonical with 4 digits


def test_the_rekap_is_summed_per_sub_kegiatan():
    parsed = importer.parse_dpa(fixture("sipd_rekap_seed002.xlsx"))
    assert parsed.errors == [] and parsed.layout == "SIPD"
    assert len(parsed.lines) == 23 and parsed.total_pagu == D("3180247616")
    layout_a = importer.parse_dpa(fixture("dpa_seed002_layout_a.xlsx"))
    assert {ln.code: ln.pagu for ln in parsed.lines} == {ln.code: ln.pagu for ln in layout_a.lines}
    gaji = next(ln for ln in parsed.lines if ln.code == GAJI)
    assert gaji.akun == {"5.1.01.01.01.0001": ("Belanja Gaji Pokok PNS", D("1963223000")),
                         "5.1.01.01.02.0001": ("Belanja Tunjangan Keluarga PNS", D("490805896"))}  # fmt: skip
    assert sum(gaji.months, D(0)) == gaji.pagu and gaji.kas[3] in (None, gaji.pagu)


def test_it_imports_through_the_browser_with_its_akun_detail(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("budgets:dpa_import", args=[world.own.pk, 2024]),
        {"file": SimpleUploadedFile("rekap.xlsx", fixture("sipd_rekap_seed002.xlsx"), content_type="application/octet-stream"),
         "kind": "murni", "number": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    assert "tata letak SIPD" in page and "23 sub kegiatan" in page and "Belanja Tunjangan Keluarga PNS" in page and "490.805.896" in page
    client.post(response["Location"])
    version = DpaVersion.objects.get()
    assert version.layout == "SIPD" and sum(ln.pagu for ln in version.lines.all()) == D("3180247616")
    gaji = DpaLine.objects.get(version=version, code=GAJI)
    assert list(gaji.akun.values_list("code", "amount")) == [("5.1.01.01.01.0001", D("1963223000")), ("5.1.01.01.02.0001", D("490805896"))]
    assert gaji.kas_m12 is not None and sum(gaji.months, D(0)) == gaji.pagu
    assert DpaLineAkun.objects.filter(line__version=version).count() == 66


def test_the_command_loads_perak_from_the_rekap(world):
    out = io.StringIO()
    call_command("import_dpa", world.own.slug, "2024", str(FIXTURES / "sipd_rekap_seed002.xlsx"), stdout=out, stderr=io.StringIO())
    assert "JUMLAH" in out.getvalue() and "Rp 3.180.247.616" in out.getvalue() and "(23 sub kegiatan)" in out.getvalue()


HEADER = ["Kode Program", "Nama Program", "Kode Kegiatan", "Nama Kegiatan", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Akun",
          "Nama Akun", "NILAI"]  # fmt: skip
ROW = ["7.01.01", "Program Penunjang", "7.01.01.2.01", "Perencanaan", "7.01.01.2.01.0001", "Penyusunan Dokumen"]


@pytest.mark.parametrize(
    ("akun", "message"),
    [("", "Kode akun kosong"), ("4.1.01.01", "bukan kode rekening belanja"), ("ATK", "bukan kode rekening belanja")],
)
def test_a_row_without_a_belanja_account_is_refused_and_nothing_written(world, akun, message):
    data = xlsx([HEADER, [*ROW, "5.1.02.01.01.0024", "ATK", 100], [*ROW, akun, "x", 50]])
    before = counts()
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.dpa_import(organisation=world.own, year=2024, data=data, source_name="r.xlsx")
    assert any(message in i.message and i.row == 3 for i in exc.value.issues), exc.value.issues
    assert counts() == before


def test_two_rows_of_one_account_are_added():
    parsed = importer.parse_dpa(xlsx([HEADER, [*ROW, "5.1.02.01.01.0024", "ATK", 100], [*ROW, "5.1.02.01.01.0024", "ATK", 50]]))
    assert parsed.errors == [] and parsed.lines[0].pagu == 150 and parsed.lines[0].akun == {"5.1.02.01.01.0024": ("ATK", D(150))}
