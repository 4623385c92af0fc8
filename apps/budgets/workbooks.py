"""Downloadable templates: an empty DPA workbook, and a realisasi workbook prefilled with the DPA in force.

Both are read back by :mod:`.importer` without any mapping step: the headers are the keywords it
looks for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from apps.core.periods import QUARTERS, ROMAN
from apps.core.spreadsheets import workbook_bytes

from .importer import MAX_DATA_ROWS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")
NUMBER_FORMAT = "#,##0"

DPA_HEADERS = [
    ("Kode Sub Kegiatan", 22),
    ("Program", 40),
    ("Kegiatan", 40),
    ("Sub Kegiatan", 50),
    ("Sumber Dana", 14),
    ("Pagu (Rp)", 18),
    ("Anggaran Kas TW I", 16),
    ("Anggaran Kas TW II", 16),
    ("Anggaran Kas TW III", 16),
    ("Anggaran Kas TW IV", 16),
]

DPA_GUIDE = [
    "PETUNJUK PENGISIAN TEMPLAT DPA",
    "",
    "1. Isi lembar «DPA»: satu baris per sub kegiatan. Jangan mengubah judul kolom; baris judul di atasnya boleh diubah.",
    "2. Kode sub kegiatan lengkap, mis. 7.01.01.2.01.0001 (nomor sub kegiatan 2 angka, mis. 7.01.01.2.01.01, juga diterima).",
    "3. Pagu dan anggaran kas dalam Rupiah: angka, atau teks format Indonesia (1.555.607.740,00 atau Rp 467.358.000).",
    "4. Anggaran kas per triwulan adalah jumlah yang direncanakan DALAM triwulan itu; jumlah keempatnya harus sama dengan pagu.",
    "   Kosongkan keempatnya bila rencana kas belum ada. Kolom «Anggaran Kas s/d TW I» (kumulatif) juga diterima.",
    "5. Jumlah program dan kegiatan tidak perlu diisi: dihitung dari sub kegiatan. Baris «JUMLAH» di bawah tabel boleh ada dan akan diperiksa.",
    "6. Berkas hasil rumus harus disimpan dari Excel/LibreOffice agar nilainya tersimpan.",
    f"7. Paling banyak {MAX_DATA_ROWS:,} baris data; berkas paling besar 10 MB.".replace(",", "."),
    "8. Berkas ekspor SIPD (tata letak program/kegiatan/sub kegiatan berselang-seling dalam satu kolom kode) juga dapat diunggah langsung.",
    "",
    "Contoh baris:",
]
DPA_EXAMPLE = [
    "7.01.01.2.01.0001",
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "Penyusunan Dokumen Perencanaan Perangkat Daerah",
    "APBD",
    12804600,
    2000000,
    4000000,
    4000000,
    2804600,
]


def _head(ws: Any, row: int, headers: list[tuple[str, int]]) -> None:
    for col, (text, width) in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _bytes(wb: Workbook) -> bytes:
    return workbook_bytes(wb)  # names from the DPA stay text: no formula injection


def dpa_template() -> bytes:
    """An empty DPA workbook (layout B with full codes and quarterly cash plan) and a guide sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DPA"
    ws["A1"] = "DOKUMEN PELAKSANAAN ANGGARAN (DPA/DPPA)"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Kecamatan: ............  Tahun anggaran: ....  (baris judul ini boleh diubah)"
    _head(ws, 4, DPA_HEADERS)
    for col in range(6, 11):
        for row in range(5, 205):
            ws.cell(row=row, column=col).number_format = NUMBER_FORMAT
    guide = wb.create_sheet("Petunjuk")
    for i, text in enumerate(DPA_GUIDE, start=1):
        guide.cell(row=i, column=1, value=text).font = Font(bold=i == 1)
    start = len(DPA_GUIDE) + 1
    for col, (text, _w) in enumerate(DPA_HEADERS, start=1):
        guide.cell(row=start, column=col, value=text).font = Font(italic=True)
        guide.cell(row=start + 1, column=col, value=DPA_EXAMPLE[col - 1])
    guide.column_dimensions["A"].width = 24
    return _bytes(wb)


def realisasi_template(*, organisation: Any, year: int, lines: Iterable[Any], stored: dict[str, dict[int, Any]]) -> bytes:
    """The DPA in force as rows (code, name, pagu) with realisasi s/d TW I-IV, prefilled with what is stored."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    ws["A1"] = f"REALISASI ANGGARAN {organisation} TAHUN {year}".upper()
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Isi realisasi kumulatif (s/d triwulan) dalam Rupiah. Sel kosong tidak mengubah nilai yang tersimpan; kosong bukan nol."
    headers = [("Kode Sub Kegiatan", 22), ("Sub Kegiatan", 60), ("Pagu (Rp)", 18)] + [
        (f"Realisasi s/d TW {ROMAN[q]}", 18) for q in QUARTERS
    ]
    _head(ws, 4, headers)
    row = 5
    for line in lines:
        ws.cell(row=row, column=1, value=line.code)
        ws.cell(row=row, column=2, value=line.name)
        ws.cell(row=row, column=3, value=line.pagu).number_format = NUMBER_FORMAT
        for q in range(1, 5):
            r = stored.get(line.code, {}).get(q)
            cell = ws.cell(row=row, column=3 + q, value=r.amount if r is not None else None)
            cell.number_format = NUMBER_FORMAT
        row += 1
    return _bytes(wb)
