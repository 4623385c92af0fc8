"""Issue 20: a budget file names its pemda, kecamatan and year in its title rows; another pemda's, another
kecamatan's or another year's file is refused, naming what differs, and nothing is written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.budgets import services
from apps.budgets.importer.identity import identify, mismatches, title_lines
from apps.budgets.models import DpaVersion

from .conftest import counts, import_fixture
from .workbooks import fixture, layout_a, small_dpa, xlsx

SMALL_LINES = [
    ["7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", None, None],
    ["7.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", None, None],
    ["7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "APBD", 1_000_000],
]


def _titled(*titles: str) -> bytes:
    return layout_a(SMALL_LINES, title_rows=list(titles))


# ---------------------------------------------------------------- what the title rows state


def test_the_title_rows_are_read_as_the_seeds_print_them():
    found = identify([(1, "PEMERINTAH KABUPATEN LUWU TIMUR"), (2, "DOKUMEN PELAKSANAAN PERUBAHAN ANGGARAN (DPPA) TAHUN ANGGARAN 2023"),
                      (3, "Kantor Kecamatan Kalaena")])  # fmt: skip
    assert [(k, s.value) for k, s in found.pemda] == [("kabupaten", "LUWU TIMUR")]
    assert [s.value for s in found.kecamatan] == ["Kalaena"] and [s.value for s in found.years] == ["2023"]
    found = identify([(1, "REALISASI ANGGARAN KECAMATAN PERAK TAHUN 2024 (seed 002 Tabel 3.10)"), (2, "Organisasi : Kecamatan Aluh Aluh")])
    assert [s.value for s in found.kecamatan] == ["PERAK", "Aluh Aluh"] and [s.value for s in found.years] == ["2024"]


def test_only_title_rows_count():
    rows = [(1, ("PEMERINTAH KOTA MALANG",)), (2, ("Kode", "Uraian", "Anggaran Tahun 2023", "x"))]
    assert title_lines(rows) == [(1, "PEMERINTAH KOTA MALANG")]


def test_the_same_names_in_another_case_pass():
    found = identify([(1, "pemerintah kabupaten jombang"), (2, "KECAMATAN  PERAK"), (3, "Tahun Anggaran 2024")])
    assert mismatches(found, pemda_label="Kabupaten Jombang", pemda_name="Jombang", kecamatan="Perak", year=2024) == []


# ---------------------------------------------------------------- the imports refuse the wrong file


def test_kalaenas_dppa_uploaded_for_perak_is_refused_naming_what_differs(world):
    before = counts()
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.dpa_import(organisation=world.own, year=2024, data=fixture("dpa_seed004_layout_b.xlsx"), source_name="dppa.xlsx")
    messages = [i.message for i in exc.value.issues]
    assert any("Kabupaten Luwu Timur, bukan Kabupaten Jombang" in m for m in messages), messages
    assert any("Kecamatan Kalaena, bukan Kecamatan Perak" in m for m in messages), messages
    assert any("tahun 2023, bukan tahun 2024" in m for m in messages), messages
    assert counts() == before


@pytest.mark.parametrize(
    ("titles", "message"),
    [
        (["PEMERINTAH KABUPATEN BANJAR", "TAHUN ANGGARAN 2024"], "Kabupaten Banjar, bukan Kabupaten Jombang"),
        (["PEMERINTAH KABUPATEN JOMBANG", "Organisasi : Kecamatan Ploso", "TAHUN ANGGARAN 2024"], "Kecamatan Ploso, bukan Kecamatan Perak"),
        (["PEMERINTAH KABUPATEN JOMBANG", "TAHUN ANGGARAN 2025"], "tahun 2025, bukan tahun 2024"),
    ],
)
def test_the_browser_upload_refuses_another_files_and_writes_nothing(client, world, titles, message):
    before = counts()
    client.force_login(world.admin)
    response = client.post(
        reverse("budgets:dpa_import", args=[world.own.pk, 2024]),
        {"file": SimpleUploadedFile("dpa.xlsx", _titled(*titles), content_type="application/octet-stream"), "kind": "murni", "number": ""},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body and "tidak ada yang disimpan" in body.lower()
    assert counts() == before


def test_the_right_file_and_a_file_without_titles_pass(world):
    ok = _titled("PEMERINTAH KABUPATEN JOMBANG", "Organisasi : Kecamatan Perak", "TAHUN ANGGARAN 2024")
    services.dpa_import(organisation=world.own, year=2024, data=ok, source_name="a.xlsx")
    services.dpa_import(organisation=world.other, year=2024, data=small_dpa(), source_name="b.xlsx")
    assert DpaVersion.objects.count() == 2


def test_a_realisasi_file_of_another_kecamatan_and_year_is_refused(world):
    import_fixture(world.own, 2024, "dpa_seed002_layout_a.xlsx")
    before = counts()
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.realisasi_import(
            organisation=world.own, year=2024, data=fixture("realisasi_seed004.xlsx"), source_name="r.xlsx", user=None
        )
    messages = [i.message for i in exc.value.issues]
    assert any("Kecamatan Kalaena, bukan Kecamatan Perak" in m for m in messages) and any(
        "tahun 2023, bukan tahun 2024" in m for m in messages
    )
    assert counts() == before
    data = xlsx(
        [["Kode Sub Kegiatan", "Realisasi s/d TW I"], ["7.01.01.2.01.0001", 1]], title_rows=["REALISASI KECAMATAN PERAK TAHUN 2024"]
    )
    assert services.realisasi_import(organisation=world.own, year=2024, data=data, source_name="r.xlsx", user=None).changed == 1


# ---------------------------------------------------------------- flat exports name their owner on every row

FLAT_HEADER = ["Tahun", "Kode SKPD", "Nama SKPD", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Akun", "Nama Akun", "Nilai Rincian"]


def _flat(kecamatan: str, year: object) -> bytes:
    row = [year, "7.01.0.00.0.00.21.0000", kecamatan, "7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"]
    return xlsx([FLAT_HEADER, [*row, "5.1.02.01.01.0024", "Belanja ATK", 600_000], [*row, "5.1.02.01.01.0026", "Belanja Cetak", 400_000]])


@pytest.mark.parametrize(
    ("kecamatan", "year", "message"),
    [("KECAMATAN KALAENA", 2024, "Kecamatan Kalaena, bukan Kecamatan Perak (baris 2: «KECAMATAN KALAENA»)"),
     ("KECAMATAN PERAK", 2023, "tahun 2023, bukan tahun 2024 (baris 2: «Tahun 2023»)")],
)  # fmt: skip
def test_a_flat_rekap_of_another_kecamatan_or_year_is_refused_by_its_rows(world, kecamatan, year, message):
    """SIPD's flat rekap has no title rows: the Nama SKPD and Tahun cells of its rows say whose it is."""
    before = counts()
    with pytest.raises(services.DpaImportInvalid) as exc:
        services.dpa_import(organisation=world.own, year=2024, data=_flat(kecamatan, year), source_name="rekap.xlsx")
    assert any(message in i.message for i in exc.value.issues), exc.value.issues
    assert counts() == before


def test_a_flat_rekap_of_the_right_kecamatan_passes_and_its_owner_columns_are_read(world):
    result = services.dpa_import(organisation=world.own, year=2024, data=_flat("Kecamatan Perak", 2024.0), source_name="rekap.xlsx")
    version = result.version
    assert version is not None and version.layout == "SIPD" and version.lines.get().pagu == 1_000_000
