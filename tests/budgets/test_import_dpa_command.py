"""``manage.py import_dpa``: the same services as the browser, with --dry-run."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.budgets.models import DpaVersion, RealisasiAnggaran

from .conftest import counts
from .workbooks import FIXTURES, small_dpa


def _run(*args, **kw):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_dpa", *[str(a) for a in args], stdout=out, stderr=err, **kw)
    return out.getvalue(), err.getvalue()


def test_dry_run_prints_the_tree_and_writes_nothing(world):
    before = counts()
    out, _ = _run(world.own.slug, 2024, FIXTURES / "dpa_seed002_layout_a.xlsx", "--dry-run")
    assert "JUMLAH" in out and "Rp 3.180.247.616" in out and "(23 sub kegiatan)" in out
    assert "7.01.01 " in out and "Rp 3.025.434.166" in out
    assert "--dry-run: tidak ada yang disimpan." in out
    assert counts() == before


def test_import_then_reimport(world):
    out, _ = _run(world.foreign.slug, 2023, FIXTURES / "dpa_seed004_layout_b.xlsx", "--kind", "perubahan", "--number", "DPPA/7/2023",
                  "--date", "2023-09-30", "--user", world.foreign_admin.username)  # fmt: skip
    version = DpaVersion.objects.get()
    assert "disimpan" in out and version.kind == "perubahan" and version.number == "DPPA/7/2023"
    assert str(version.document_date) == "2023-09-30" and version.imported_by == world.foreign_admin
    out, _ = _run(world.foreign.slug, 2023, FIXTURES / "dpa_seed004_layout_b.xlsx")
    assert "sama persis" in out and DpaVersion.objects.count() == 1


def test_errors_are_printed_with_row_and_column_and_nothing_is_written(world, tmp_path):
    before = counts()
    path = tmp_path / "negatif.xlsx"
    path.write_bytes(small_dpa(pagu=-1))
    with pytest.raises(CommandError, match="1 masalah; tidak ada yang disimpan"):
        _run(world.own.slug, 2024, path)
    assert counts() == before


def test_written_totals_are_printed_with_their_cells_and_need_acknowledge(world, capsys):
    err = io.StringIO()
    with pytest.raises(CommandError, match="--acknowledge"):
        call_command("import_dpa", world.own.slug, "2024", str(FIXTURES / "dpa_seed002_as_printed.xlsx"), stderr=err, stdout=io.StringIO())
    text = err.getvalue()
    assert "baris 10, kolom D (Anggaran Tahun 2024 Pagu (Rp))" in text and "baris 37" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [(["tidak-ada", "2024", "x.xlsx"], "tidak ditemukan"), (["perak-uji", "2024", "/tmp/tidak-ada.xlsx"], "tidak ada")],
)
def test_bad_arguments(world, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


# ---------------------------------------------------------------- manage.py import_realisasi (issue 20)


def _realisasi(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_realisasi", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_realisasi_dry_run_then_for_real(world):
    _run(world.foreign.slug, 2023, FIXTURES / "dpa_seed004_layout_b.xlsx", "--user", world.foreign_admin.username)
    before = RealisasiAnggaran.objects.count()
    out, _ = _realisasi(world.foreign.slug, 2023, FIXTURES / "realisasi_seed004.xlsx", "--dry-run")
    assert "--dry-run: tidak ada yang disimpan." in out and RealisasiAnggaran.objects.count() == before
    changed = int(re.search(r"(\d+) nilai berubah", out).group(1))
    assert changed > 0
    out, _ = _realisasi(world.foreign.slug, 2023, FIXTURES / "realisasi_seed004.xlsx", "--user", world.foreign_admin.username)
    assert f"{changed} nilai berubah" in out and "disimpan" in out
    assert RealisasiAnggaran.objects.count() == before + changed
    assert RealisasiAnggaran.objects.filter(code="7.01.01.2.01.0001", quarter=4).get().amount == 12681580
    out, _ = _realisasi(world.foreign.slug, 2023, FIXTURES / "realisasi_seed004.xlsx")
    assert f"0 nilai berubah, {changed} tetap" in out


def test_import_realisasi_without_a_dpa_prints_why_and_writes_nothing(world):
    before = counts()
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 masalah; tidak ada yang disimpan"):
        call_command("import_realisasi", world.own.slug, "2024", str(FIXTURES / "realisasi_seed002.xlsx"), stderr=err, stdout=io.StringIO())
    assert "Belum ada DPA tahun 2024" in err.getvalue() and counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [(["tidak-ada", "2024", "x.xlsx"], "tidak ditemukan"), (["perak-uji", "2024", "/tmp/tidak-ada.xlsx"], "tidak ada"),
     (["perak-uji", "2024", "x.xlsx", "--user", "siapa"], "Pengguna «siapa» tidak ditemukan")],
)  # fmt: skip
def test_import_realisasi_refuses_bad_arguments(world, args, message):
    with pytest.raises(CommandError, match=message):
        _realisasi(*args)
