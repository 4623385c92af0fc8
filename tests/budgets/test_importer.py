"""The spreadsheet importer without the database: tolerant reading, and every rejection with its message."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import openpyxl
import pytest

from apps.budgets import codes, importer
from apps.budgets.importer import ImportRejected, parse_dpa, parse_realisasi
from tests.work import importer_work

from .workbooks import layout_a, small_dpa, xlsx, zip_bytes

D = Decimal
P, K = "7.01.01", "7.01.01.2.01"


# ---------------------------------------------------------------------------------------------------
# Codes
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("7.01.01.2.01.0001", "7.01.01.2.01.0001"),
        ("7.01.01.2.01.01", "7.01.01.2.01.0001"),
        ("7.1.1.2.1.1", "7.01.01.2.01.0001"),
        (" 7.01.01.2.01.0012. ", "7.01.01.2.01.0012"),
        ("7.01.01.2.01.012", "7.01.01.2.01.0012"),
        ("7.01.01", "7.01.01"),
        ("7.01.01.2.09", "7.01.01.2.09"),
        ("7", "7"),
    ],
)
def test_codes_are_normalised_to_one_canonical_form(raw, canonical):
    assert codes.normalise_code(raw) == canonical


@pytest.mark.parametrize("raw", ["", "7.01.x", "7.01.01.2.01.12345", "7.01.01.2.01.0001.1", "77.01", "Program 1"])
def test_bad_codes_are_refused_in_indonesian(raw):
    with pytest.raises(codes.CodeError) as exc:
        codes.normalise_code(raw)
    assert "kode" in str(exc.value).lower() or "segmen" in str(exc.value)


def test_rekening_codes_are_recognised():
    assert codes.is_rekening("5.1.02.01.01.0024") and codes.is_rekening("5.1")
    assert not codes.is_rekening("5.01.01.2.01.0001") and not codes.is_rekening("7.01.01")


# ---------------------------------------------------------------------------------------------------
# Tolerant reading
# ---------------------------------------------------------------------------------------------------


def test_title_rows_above_the_header_are_skipped():
    data = xlsx(
        [["Kode", "Program/Kegiatan/Sub Kegiatan", "Jumlah"], [f"{K}.0001", "Sub", 100]],
        title_rows=["PEMERINTAH KABUPATEN X", "DPA TAHUN 2024", "Organisasi: 7.01.0.00.0.00.01.0000 Kecamatan X", ""],
    )
    parsed = parse_dpa(data)
    assert parsed.is_valid and parsed.header_row == 5 and parsed.lines[0].pagu == D(100)


def test_program_and_kegiatan_rows_are_derived_by_code_depth_and_only_checked():
    parsed = parse_dpa(
        layout_a(
            [
                [P, "Program A", None, "1.500.000"],
                [K, "Kegiatan A", None, 1_500_000],
                [f"{K}.0001", "Sub 1", "DAU", "Rp 1.000.000"],
                [f"{K}.0002", "Sub 2", "DAU", "500.000,00"],
                [None, "JUMLAH", None, 1_500_000],
            ]
        )
    )
    assert parsed.is_valid, parsed.errors
    assert [line.pagu for line in parsed.lines] == [D(1_000_000), D("500000.00")]
    assert parsed.lines[0].program_name == "Program A" and parsed.lines[0].kegiatan_name == "Kegiatan A"
    assert parsed.tree.total_pagu() == D(1_500_000)


def test_layout_b_with_separate_code_columns_and_merged_names():
    rows = [
        ["Kode Program", "Program", "Kode Kegiatan", "Kegiatan", "Kode Sub Kegiatan", "Sub Kegiatan", "Pagu"],
        [P, "Program A", "2.01", "Kegiatan A", "01", "Sub 1", 100],
        [None, None, None, None, "02", "Sub 2", 200],
        [None, None, "2.02", "Kegiatan B", "0001", "Sub 3", 300],
        ["7.01.02", "Program B", "7.01.02.2.01", "Kegiatan C", "7.01.02.2.01.01", "Sub 4", 400],
    ]
    parsed = parse_dpa(xlsx(rows, merges=["A2:A4", "B2:B4", "C2:C3", "D2:D3"]))
    assert parsed.is_valid, parsed.errors
    assert parsed.layout == "B"
    assert [line.code for line in parsed.lines] == [f"{K}.0001", f"{K}.0002", "7.01.01.2.02.0001", "7.01.02.2.01.0001"]
    assert parsed.lines[1].program_name == "Program A" and parsed.lines[1].kegiatan_name == "Kegiatan A"
    assert parsed.lines[2].kegiatan_name == "Kegiatan B"


def test_merged_two_row_header_with_quarterly_cash_plan():
    rows = [
        ["Kode", "Uraian", "Pagu", "Anggaran Kas", None, None, None],
        [None, None, None, "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"],
        [f"{K}.0001", "Sub 1", 1000, 100, 200, 300, 400],
        [f"{K}.0002", "Sub 2", 1000, None, None, 1000, None],  # a filled cash row: blank quarters are 0
    ]
    parsed = parse_dpa(xlsx(rows, merges=["D1:G1", "A1:A2", "B1:B2", "C1:C2"]))
    assert parsed.is_valid, parsed.errors
    assert parsed.lines[0].kas == (D(100), D(300), D(600), D(1000))  # stored cumulative s/d TW n
    assert parsed.lines[1].kas == (D(0), D(0), D(1000), D(1000))


def test_monthly_cash_plan_gives_the_quarters():
    months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    rows = [["Kode", "Uraian", "Pagu", *months], [f"{K}.0001", "Sub 1", 1200, *([100] * 12)]]
    parsed = parse_dpa(xlsx(rows))
    assert parsed.is_valid, parsed.errors
    line = parsed.lines[0]
    assert line.months == (D(100),) * 12 and line.kas == (D(300), D(600), D(900), D(1200))


def test_cash_plan_must_add_up_to_pagu_and_never_decrease():
    rows = [
        ["Kode", "Uraian", "Pagu", "Kas s/d TW I", "Kas s/d TW II", "Kas s/d TW III", "Kas s/d TW IV"],
        [f"{K}.0001", "Sub 1", 1000, 500, 400, 900, 900],
    ]
    messages = [i.message for i in parse_dpa(xlsx(rows)).errors]
    assert any("lebih kecil dari s/d TW 1" in m for m in messages)
    assert any("tidak sama dengan pagu" in m for m in messages)


def test_rekening_rows_under_a_sub_kegiatan_are_skipped_with_a_warning():
    parsed = parse_dpa(layout_a([[f"{K}.0001", "Sub 1", None, 1000], ["5.1.02.01.01.0024", "Belanja ATK", None, 1000]]))
    assert parsed.is_valid and len(parsed.lines) == 1
    assert "1 baris kode rekening" in parsed.warnings[0]


def test_repeated_header_and_column_number_rows_are_skipped():
    parsed = parse_dpa(
        layout_a(
            [
                ["(1)", "(2)", "(3)", "(4)"],
                [f"{K}.0001", "Sub 1", None, 1],
                ["Kode", "Uraian", "Sumber Dana", "Pagu"],
                [f"{K}.0002", "Sub 2", None, 2],
            ]
        )
    )
    assert parsed.is_valid and len(parsed.lines) == 2


def test_dppa_columns_before_and_after_the_change_use_the_new_pagu():
    rows = [
        ["Kode", "Uraian", "Jumlah", None, None],
        [None, None, "Sebelum Perubahan", "Setelah Perubahan", "Bertambah/(Berkurang)"],
        [f"{K}.0001", "Sub 1", 1000, 1200, 200],
    ]
    parsed = parse_dpa(xlsx(rows, merges=["C1:E1"]))
    assert parsed.is_valid, parsed.errors
    assert parsed.lines[0].pagu == D(1200)


def test_float_cells_are_read_as_rupiah_with_two_decimals():
    parsed = parse_dpa(layout_a([[f"{K}.0001", "Sub 1", None, 467358000.0], [f"{K}.0002", "Sub 2", None, 0.1 + 0.2]]))
    assert parsed.is_valid and [line.pagu for line in parsed.lines] == [D("467358000.00"), D("0.30")]


def test_content_hash_ignores_layout_and_formatting():
    a = small_dpa(pagu=1_000_000)
    b = small_dpa(pagu="Rp 1.000.000")
    assert a != b
    assert parse_dpa(a).content_sha256 == parse_dpa(b).content_sha256
    assert parse_dpa(a).content_sha256 != parse_dpa(small_dpa(pagu=1_000_001)).content_sha256


# ---------------------------------------------------------------------------------------------------
# Rejections: each with a clear Indonesian message
# ---------------------------------------------------------------------------------------------------


def _rejected(data: bytes) -> str:
    with pytest.raises(ImportRejected) as exc:
        parse_dpa(data)
    return exc.value.message


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj<<>>endobj\n",
        b"Kode;Uraian;Pagu\n7.01.01.2.01.0001;Sub;1000\n",
        b"<html><body>DPA</body></html>",
    ],
    ids=["pdf", "csv", "html"],
)
def test_not_a_spreadsheet_by_content_whatever_the_name(data):
    assert "bukan lembar kerja Excel" in _rejected(data)


def test_a_zip_that_is_not_a_workbook_is_refused():
    docx_like = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert "bukan lembar kerja Excel" in _rejected(docx_like)


def test_a_truncated_xlsx_is_refused():
    assert str(importer.CORRUPT) in _rejected(small_dpa()[:2000])


def test_ods_is_refused_with_advice():
    ods = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    assert str(importer.ODS) == _rejected(ods)


def _ole(*streams: str) -> bytes:
    # An OLE compound file header (MS-CFB signature) followed by directory entry names in UTF-16LE.
    return importer.OLE_SIGNATURE + b"\x00" * 504 + b"".join(s.encode("utf-16-le") + b"\x00" * 16 for s in streams)


def test_password_protected_xlsx_is_refused_by_its_ole_signature():
    assert _rejected(_ole("EncryptionInfo", "EncryptedPackage")) == str(importer.ENCRYPTED)


def test_legacy_xls_is_refused_with_advice():
    assert _rejected(_ole("Workbook", "SummaryInformation")) == str(importer.LEGACY_XLS)


def test_formulas_without_cached_values_are_refused_with_row_and_column():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Uraian", "Pagu"])
    ws.append([f"{K}.0001", "Sub 1", 100])
    ws.append([f"{K}.0002", "Sub 2", "=C2*2"])  # openpyxl stores no cached value
    import io

    buf = io.BytesIO()
    wb.save(buf)
    parsed = parse_dpa(buf.getvalue())
    assert [(i.row, i.column.split()[0]) for i in parsed.errors] == [(3, "C")]
    assert parsed.errors[0].message == str(importer.FORMULA_NO_VALUE)


def test_formula_cells_with_cached_values_are_read():
    xml = (
        b'<worksheet><sheetData><row r="2"><c r="C2"><f>SUM(C3:C4)</f><v>300</v></c>'
        b'<c r="D2"><f t="shared" si="0"/><v></v></c></row></sheetData></worksheet>'
    )
    assert importer.formulas_without_value(xml) == {(2, 4)}


def test_more_rows_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(importer.sheet, "MAX_DATA_ROWS", 5)  # where _data_rows reads it
    data = layout_a([[f"{K}.{n:04d}", f"Sub {n}", None, 1] for n in range(1, 7)])
    assert "lebih dari 5 baris data" in _rejected(data)
    assert importer.sheet.MAX_DATA_ROWS == 5 and parse_dpa(layout_a([[f"{K}.{n:04d}", "S", None, 1] for n in range(1, 6)])).is_valid


def test_the_documented_row_limit_is_20000():
    assert importer.__dict__["MAX_DATA_ROWS"] == 20_000


def test_zip_bomb_is_refused_before_openpyxl_reads_it(monkeypatch):
    calls = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: calls.append(1))
    big = b"<row/>" * (importer.MAX_UNCOMPRESSED_BYTES // 6 + 10)
    bomb = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": big})
    assert len(bomb) < 1024 * 1024  # it is small on disk
    assert "setelah diekstrak terlalu besar" in _rejected(bomb)
    assert calls == []


def test_too_large_upload_is_refused():
    assert "terlalu besar" in _rejected(b"PK\x03\x04" + b"\x00" * (importer.MAX_UPLOAD_BYTES + 1))


def test_no_header_row_is_explained():
    message = _rejected(xlsx([["Nama", "Nilai"], ["a", 1]]))
    assert "Baris judul kolom tidak ditemukan" in message and "«Kode»" in message


def test_totals_that_disagree_show_both_figures():
    parsed = parse_dpa(
        layout_a(
            [
                [P, "Program A", None, 2_000_000],
                [K, "Kegiatan A", None, "1.400.000"],
                [f"{K}.0001", "Sub 1", None, 1_000_000],
                [f"{K}.0002", "Sub 2", None, 500_000],
                [None, "JUMLAH", None, 1_500_000],
            ]
        )
    )
    messages = {i.row: i.message for i in parsed.total_mismatches}
    # Each stated total is compared with the rows directly under it (BudgetNode.mismatches), so the mismatch
    # is reported where it is made; the sum of all sub kegiatan is added when it differs. A written total is not
    # an error (issue 20): the file imports with the computed totals once the admin confirms.
    assert parsed.errors == [] and parsed.is_valid
    assert set(messages) == {2, 3, 6}
    assert (
        "tertulis Rp 1.400.000" in messages[3] and "jumlah rinciannya Rp 1.500.000" in messages[3] and "selisih Rp 100.000" in messages[3]
    )
    assert "tertulis Rp 2.000.000" in messages[2] and "rinciannya Rp 1.400.000" in messages[2]
    assert "Jumlah seluruh sub kegiatannya Rp 1.500.000" in messages[2]
    assert "tertulis Rp 1.500.000" in messages[6] and "rinciannya Rp 2.000.000" in messages[6]


def _dpa_with_urusan_and_bidang(urusan: int, bidang: int) -> bytes:
    """A DPA as printed: urusan (7) and bidang (7.01) rows with their totals above one program."""
    return layout_a(
        [
            ["7", "Urusan Pemerintahan Umum", None, urusan],
            ["7.01", "Kecamatan", None, bidang],
            [P, "Program A", None, 1_500_000],
            [K, "Kegiatan A", None, 1_500_000],
            [f"{K}.0001", "Sub 1", "APBD", 1_000_000],
            [f"{K}.0002", "Sub 2", "APBD", 500_000],
        ]
    )


@pytest.mark.parametrize(
    ("urusan", "bidang", "row", "name", "stated"),
    [(1_500_001, 1_500_000, 2, "Urusan Pemerintahan Umum", "Rp 1.500.001"), (1_500_000, 1_499_999, 3, "Kecamatan", "Rp 1.499.999")],
)
def test_urusan_and_bidang_totals_that_disagree_are_reported_with_row_and_column(urusan, bidang, row, name, stated):
    """Each printed urusan/bidang total is compared with the sum of the sub kegiatan under it; a difference is
    reported at that row, in the pagu column (to be confirmed before the computed totals are imported)."""
    parsed = parse_dpa(_dpa_with_urusan_and_bidang(urusan, bidang))
    message = str(importer.TOTAL_MISMATCH) % {
        "level": "urusan/bidang", "name": name, "stated": stated, "computed": "Rp 1.500.000", "diff": "Rp 1",
    }  # fmt: skip
    assert parsed.errors == []
    assert [(i.row, i.column, i.message) for i in parsed.total_mismatches] == [(row, "D (Pagu)", message)]


def test_urusan_and_bidang_rows_with_the_right_totals_are_totals_only():
    parsed = parse_dpa(_dpa_with_urusan_and_bidang(1_500_000, 1_500_000))
    assert parsed.is_valid and parsed.errors == []
    assert [ln.code for ln in parsed.lines] == [f"{K}.0001", f"{K}.0002"]


def test_a_wrong_grand_total_is_reported():
    parsed = parse_dpa(layout_a([[f"{K}.0001", "Sub 1", None, 1000], [None, "TOTAL", None, 999]]))
    found = parsed.total_mismatches
    assert parsed.errors == [] and len(found) == 1 and "tertulis Rp 999" in found[0].message and "Rp 1.000" in found[0].message


def test_duplicate_codes_are_refused_with_both_rows():
    parsed = parse_dpa(layout_a([[f"{K}.0001", "Sub 1", None, 1], [f"{K}.01", "Sub 1 lagi", None, 2]]))
    assert [(i.row, i.message) for i in parsed.errors] == [(3, "Kode 7.01.01.2.01.0001 ganda: sudah ada di baris 2.")]


def test_negative_pagu_is_refused():
    parsed = parse_dpa(layout_a([[f"{K}.0001", "Sub 1", None, -5], [f"{K}.0002", "Sub 2", None, "(1.000)"]]))
    assert [(i.row, i.message) for i in parsed.errors] == [(2, str(importer.NEGATIVE_PAGU)), (3, str(importer.NEGATIVE_PAGU))]


@pytest.mark.parametrize("bad", ["satu juta", "1,2,3", "1.23.456", "12abc", "Rp"])
def test_non_numeric_pagu_is_refused_with_the_cell(bad):
    parsed = parse_dpa(layout_a([[f"{K}.0001", "Sub 1", None, bad]]))
    assert len(parsed.errors) == 1
    issue = parsed.errors[0]
    assert (issue.row, issue.column) == (2, "D (Pagu)") and "bukan angka yang sah" in issue.message


def test_a_date_in_the_pagu_column_is_refused():
    import datetime as dt

    parsed = parse_dpa(layout_a([[f"{K}.0001", "Sub 1", None, dt.datetime(2024, 1, 1)]]))  # noqa: DTZ001
    assert parsed.errors[0].message == str(importer.DATE_NOT_NUMBER)


def test_blank_pagu_more_than_two_decimals_and_missing_name_are_refused():
    parsed = parse_dpa(
        layout_a([[f"{K}.0001", "Sub 1", None, None], [f"{K}.0002", "Sub 2", None, "1.000,125"], [f"{K}.0003", None, None, 5]])
    )
    assert [i.message for i in parsed.errors] == [str(importer.PAGU_REQUIRED), str(importer.TOO_MANY_DECIMALS), str(importer.NAME_REQUIRED)]


def test_a_code_of_the_wrong_depth_and_a_row_without_code_are_refused():
    parsed = parse_dpa(layout_a([["7.01.01.2", "Apa ini", None, 1], [None, "Belanja lain", None, 7], [f"{K}.0001", "Sub", None, 1]]))
    assert [i.row for i in parsed.errors] == [2, 3]
    assert "tidak sesuai tingkat" in parsed.errors[0].message and parsed.errors[1].message == str(importer.CODE_REQUIRED)


def test_every_error_of_the_file_is_reported_not_only_the_first():
    parsed = parse_dpa(layout_a([[f"{K}.{n:04d}", f"Sub {n}", None, "x"] for n in range(1, 11)]))
    assert len(parsed.errors) == 10 and [i.row for i in parsed.errors] == list(range(2, 12))


# ---------------------------------------------------------------------------------------------------
# Realisasi
# ---------------------------------------------------------------------------------------------------


def test_realisasi_per_quarter_columns_become_cumulative():
    rows = [["Kode Sub Kegiatan", "TW I", "TW II", "TW III"], [f"{K}.0001", 100, "200", None], [f"{K}.0002", None, None, None]]
    parsed = parse_realisasi(xlsx(rows))
    assert not parsed.errors
    assert parsed.rows[0].cumulative == {1: D(100), 2: D(300)}
    assert parsed.rows[1].cumulative == {}


def test_realisasi_per_quarter_with_a_gap_is_refused_because_blank_is_not_zero():
    parsed = parse_realisasi(xlsx([["Kode", "TW I", "TW II"], [f"{K}.0001", None, 200]]))
    assert len(parsed.errors) == 1 and "TW 1 kosong" in parsed.errors[0].message


def test_realisasi_cumulative_columns_are_kept_as_given():
    parsed = parse_realisasi(xlsx([["Kode", "Realisasi s/d TW II", "Realisasi s.d. Triwulan IV"], [f"{K}.01", "1.000", 5000]]))
    assert parsed.quarters == (2, 4) and parsed.rows[0].cumulative == {2: D(1000), 4: D(5000)}
    assert parsed.rows[0].code == f"{K}.0001"


def test_realisasi_program_rows_are_ignored_and_bad_values_refused():
    rows = [["Kode", "Uraian", "Realisasi s/d TW IV"], [P, "Program", 900], [f"{K}.0001", "Sub", "sembilan"], [f"{K}.0001", "Sub", 1]]
    parsed = parse_realisasi(xlsx(rows))
    assert [i.row for i in parsed.errors] == [3, 4]
    assert parsed.warnings == ["1 baris program diabaikan: jumlahnya dihitung dari sub kegiatan."]


def test_realisasi_without_quarter_columns_is_refused():
    with pytest.raises(ImportRejected) as exc:
        parse_realisasi(xlsx([["Kode", "Uraian", "Pagu"], [f"{K}.0001", "Sub", 1]]))
    assert "Realisasi s/d TW I" in exc.value.message


def test_sheet_is_chosen_by_its_header_not_its_position():
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi lembar berikut"])
    ws = wb.create_sheet("Data")
    ws.append(["Kode", "Uraian", "Pagu"])
    ws.append([f"{K}.0001", "Sub", 10])
    import io

    buf = io.BytesIO()
    wb.save(buf)
    parsed = parse_dpa(buf.getvalue())
    assert parsed.sheet == "Data" and parsed.is_valid


def test_uncompressed_check_reads_the_zip_directory_only(monkeypatch):
    """The uncompressed size comes from the zip directory: a file within the limit passes the container
    check, whose scan then reads each part exactly once; a file declaring more than the limit is
    refused before a single byte is inflated."""
    data = small_dpa()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
        declared = {i.filename: i.file_size for i in zf.infolist()}
    assert sum(declared.values()) < importer.MAX_UNCOMPRESSED_BYTES
    with importer_work() as work:
        assert importer.check_container(data) is None
    assert dict(work.inflated) == declared and work.workbooks == 0
    monkeypatch.setattr(importer.guard, "MAX_UNCOMPRESSED_BYTES", sum(declared.values()) - 1)
    with importer_work() as work:
        assert "setelah diekstrak terlalu besar" in _rejected(data)
    assert work.inflated_total == 0
