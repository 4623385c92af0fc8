"""Issue 20: SIPD's printed DPA form ("DPA-RINCIAN BELANJA", one form per sub kegiatan, many per sheet or one sheet
per program) imports: codes from the label block, the pagu as the sum of the kode rekening lines, the akun detail
kept, a DPPA's "Setelah Perubahan" columns read. The fixtures (make_dpa_samples.py) are synthetic and carry the
same 23 sub kegiatan and totals as the summary DPA of seed 002."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from apps.budgets import importer, services
from apps.budgets.models import DpaLine, DpaVersion

from .conftest import counts, import_fixture
from .workbooks import FIXTURES, fixture

D = Decimal
GAJI = "7.01.01.2.02.0001"


def _edited(name: str, find: str, replace: object) -> bytes:
    wb = openpyxl.load_workbook(FIXTURES / name)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == find:
                    cell.value = replace
                    buf = io.BytesIO()
                    wb.save(buf)
                    return buf.getvalue()
    raise AssertionError(find)


def test_a_form_workbook_gives_the_lines_of_the_summary_dpa():
    parsed = importer.parse_dpa(fixture("dpa_rincian_seed002.xlsx"))
    assert parsed.errors == [] and parsed.total_mismatches == [] and parsed.layout == "RINCIAN"
    summary = importer.parse_dpa(fixture("dpa_seed002_layout_a.xlsx"))
    assert {ln.code: ln.pagu for ln in parsed.lines} == {ln.code: ln.pagu for ln in summary.lines}
    assert parsed.total_pagu == D("3180247616")
    gaji = next(ln for ln in parsed.lines if ln.code == GAJI)
    assert gaji.akun["5.1.01.01.01.0001"] == ("Belanja Gaji Pokok PNS", D("1963223000"))
    assert gaji.program_name.startswith("Program Penunjang") and gaji.kegiatan_name == "Administrasi Keuangan Perangkat Daerah"
    assert any("jumlah kode rekening" in w for w in parsed.warnings)


def test_a_dppa_form_reads_the_columns_after_the_change_and_says_so(world):
    """The murni as printed (its gaji line 528.036 higher), then the DPPA forms whose Setelah Perubahan columns hold
    the reconciled DPA: version 2 has the gaji line after the change."""
    import_fixture(world.own, 2024, "dpa_seed002_as_printed.xlsx", acknowledged=True)
    parsed = importer.parse_dpa(fixture("dpa_rincian_seed002_dppa.xlsx"))
    assert parsed.errors == [] and len(parsed.lines) == 23 and "Program 7.01.01" in parsed.sheet
    assert any("«Sebelum Perubahan» tidak dibaca" in w for w in parsed.warnings)
    version = import_fixture(world.own, 2024, "dpa_rincian_seed002_dppa.xlsx", kind="perubahan", acknowledged=True)
    assert version.sequence == 2 and version.kind == "perubahan"
    assert DpaLine.objects.get(version=version, code=GAJI).pagu == D("2454028896")
    assert DpaLine.objects.get(version__sequence=1, code=GAJI).pagu == D("2454556932")


def test_the_form_imports_into_perak_with_its_akun_detail(world):
    version = import_fixture(world.own, 2024, "dpa_rincian_seed002.xlsx")
    assert version.layout == "RINCIAN" and version.lines.count() == 23
    assert sum(ln.pagu for ln in version.lines.all()) == D("3180247616")
    assert DpaLine.objects.get(version=version, code=GAJI).akun.count() == 2


def test_a_written_total_of_a_form_that_disagrees_needs_confirmation(world):
    data = _edited("dpa_rincian_seed002.xlsx", 4451500, 4451000)  # the first form's "Jumlah Anggaran Sub Kegiatan"
    parsed = importer.parse_dpa(data)
    assert parsed.errors == [] and len(parsed.total_mismatches) == 1
    assert "tertulis Rp 4.451.000" in parsed.total_mismatches[0].message and "Rp 4.451.500" in parsed.total_mismatches[0].message


def test_another_kecamatans_form_is_refused(world):
    data = _edited("dpa_rincian_seed002.xlsx", "7.01.0.00.0.00.21.0000 KECAMATAN PERAK", "7.01.0.00.0.00.22.0000 KECAMATAN PLOSO")
    before = counts()
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.dpa_import(organisation=world.own, year=2024, data=data, source_name="f.xlsx")
    assert any("Kecamatan Ploso, bukan Kecamatan Perak" in i.message for i in exc.value.issues)
    assert counts() == before


def test_a_form_without_its_table_is_an_error():
    data = _edited("dpa_rincian_seed002.xlsx", "Kode Rekening", "Kode")
    parsed = importer.parse_dpa(data)
    assert any("tidak memiliki tabel kode rekening" in i.message for i in parsed.errors), parsed.errors


def test_the_command_loads_perak_from_the_forms(world):
    out = io.StringIO()
    call_command("import_dpa", world.own.slug, "2024", str(FIXTURES / "dpa_rincian_seed002.xlsx"), stdout=out, stderr=io.StringIO())
    assert "Rp 3.180.247.616" in out.getvalue() and "(23 sub kegiatan)" in out.getvalue() and DpaVersion.objects.count() == 1
