"""Issue 20, nothing silent: every column the importer does not read is listed (with the known header it most
resembles), hidden columns and rows are named, a kas group over "I ... IV" is read, a DPPA's kas "sebelum" columns
are dropped by name, and the preview shows the sumber dana and anggaran kas it read."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.budgets import importer

from .workbooks import fixture

D = Decimal
LINES = [["7.01.01", "Program Penunjang", None], ["7.01.01.2.01", "Perencanaan", None], ["7.01.01.2.01.0001", "Penyusunan Dokumen", 100]]


def _book(header_rows, lines, *, hidden_cols=(), hidden_rows=(), merges=()) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [*header_rows, *lines]:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    for letter in hidden_cols:
        ws.column_dimensions[letter].hidden = True
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_kas_group_over_roman_numerals_is_read():
    header = [["Kode", "Uraian", "Pagu", "Anggaran Kas per Triwulan (Setelah Perubahan)", None, None, None],
              [None, None, None, "I", "II", "III", "IV"]]  # fmt: skip
    lines = [[*row, *([25, 25, 25, 25] if row[2] else [None] * 4)] for row in LINES]
    parsed = importer.parse_dpa(_book(header, lines, merges=["D1:G1"]))
    assert parsed.errors == [] and parsed.lines[0].kas == (D(25), D(50), D(75), D(100))


def test_a_dppa_reads_the_kas_after_the_change_and_names_the_columns_before():
    header = [["Kode", "Uraian", "Pagu", "Kas Sebelum Perubahan TW I", "Kas Sebelum Perubahan TW II", "Kas Setelah Perubahan TW I",
               "Kas Setelah Perubahan TW II"]]  # fmt: skip
    lines = [[*row, *([10, 20, 40, 100] if row[2] else [None] * 4)] for row in LINES]
    parsed = importer.parse_dpa(_book(header, lines))
    assert parsed.errors == [] and parsed.lines[0].kas[:2] == (D(40), D(140))  # per quarter: 40, then 40 + 100
    assert any("sebelum perubahan tidak dibaca" in w and "D (Kas Sebelum Perubahan TW I)" in w for w in parsed.warnings), parsed.warnings


def test_an_unread_column_is_listed_with_what_it_resembles():
    header = [["Kode", "Uraian", "Pagu", "Sumbr Dana", "Catatan bebas"]]
    parsed = importer.parse_dpa(_book(header, [[*row, "APBD", "x"] for row in LINES]))
    note = next(w for w in parsed.warnings if "kolom tidak dibaca" in w)
    assert "D «Sumbr Dana» — maksudnya «Sumber Dana»?" in note and "E «Catatan bebas»" in note


def test_a_hidden_pagu_column_is_named_as_hidden():
    header = [["Kode", "Uraian", "Pagu 2024", "Pagu 2023"]]
    parsed = importer.parse_dpa(_book(header, [[*row, 50] for row in LINES], hidden_cols=["D"]))
    assert any("D (Pagu 2023) (tersembunyi)" in str(i) for i in parsed.errors), parsed.errors


def test_hidden_rows_and_read_hidden_columns_are_named():
    header = [["Kode", "Uraian", "Pagu"]]
    parsed = importer.parse_dpa(_book(header, LINES, hidden_rows=[4], hidden_cols=["C"]))
    assert parsed.errors == []
    assert any("1 baris tersembunyi tetap dibaca: baris 4" in w for w in parsed.warnings), parsed.warnings
    assert any("Kolom tersembunyi ini tetap dibaca: C (Pagu)" in w for w in parsed.warnings), parsed.warnings


def test_the_sipd_rekap_lists_the_columns_it_does_not_read():
    parsed = importer.parse_dpa(fixture("sipd_rekap_seed002.xlsx"))
    note = next(w for w in parsed.warnings if "kolom tidak dibaca" in w)
    for label in ("Kode Urusan", "Kode SKPD", "Total Rincian Anggaran Kegiatan", "Tipe Dokumen"):
        assert f"«{label}»" in note
    assert "«Nama SKPD»" not in note  # read: whose file it is (test_file_identity)


def test_the_preview_shows_the_sumber_dana_and_kas_it_read(client, world):
    client.force_login(world.foreign_admin)
    response = client.post(
        reverse("budgets:dpa_import", args=[world.foreign.pk, 2023]),
        {"file": SimpleUploadedFile("b.xlsx", fixture("dpa_seed004_layout_b.xlsx"), content_type="application/octet-stream"),
         "kind": "perubahan", "number": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = client.get(response["Location"]).content.decode()
    assert "Kas s/d TW IV" in page
    assert '<td class="small">APBD</td>' in page
    assert page.count("Rp 12.804.600") >= 2  # the sub kegiatan's pagu and its anggaran kas s/d TW IV
