"""Small workbooks built in memory for the import tests."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

LAYOUT_A_HEADER = ["Kode", "Uraian", "Sumber Dana", "Pagu"]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_for(name: str, organisation: Any, year: int) -> bytes:
    """The fixture ``name`` as the budget file of ``organisation`` and ``year``: the same content, its title rows
    naming them (issue 20 refuses a file whose title rows name another pemda, kecamatan or year; the tests that only
    need a realistic DPA for some kecamatan use this, the identity check itself is tested in test_file_identity)."""
    return _retitled(name, organisation.pemda.name, organisation.name, year)


@functools.lru_cache(maxsize=32)
def _retitled(name: str, pemda: str, kecamatan: str, year: int) -> bytes:
    wb = openpyxl.load_workbook(FIXTURES / name)
    ws = wb.worksheets[0]
    changed = False
    for row in ws.iter_rows(min_row=1, max_row=10):
        cells = [c for c in row if c.value not in (None, "")]
        if len(cells) > 3:
            break  # the header: the title rows are above it
        for cell in cells:
            text = str(cell.value)
            new = re.sub(
                r"(?i)\b(KABUPATEN|KOTA)\s+[A-Z][A-Z .']*?(?=\s*$|\s+TAHUN|\s*\()", lambda m: f"{m.group(1)} {pemda.upper()}", text
            )
            new = re.sub(r"(?i)\bKECAMATAN\s+[A-Z][A-Z .']*?(?=\s*$|\s+TAHUN|\s*\()", f"Kecamatan {kecamatan}", new)
            new = re.sub(r"(?i)\b(TAHUN(?:\s+ANGGARAN)?)\s+(19|20)\d{2}\b", lambda m: f"{m.group(1)} {year}", new)
            if new != text:
                cell.value, changed = new, True
    if not changed:
        return fixture(name)
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)  # noqa: DTZ001 - OOXML core dates are naive
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx(rows: list[list[Any]], *, title_rows: list[str] = (), sheet: str = "DPA", merges: list[str] = ()) -> bytes:  # type: ignore[assignment]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for text in title_rows:
        ws.append([text])
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def layout_a(lines: list[list[Any]], **kw: Any) -> bytes:
    """A layout A workbook: a header row then ``lines`` (code, name, sumber dana, pagu, ...)."""
    return xlsx([LAYOUT_A_HEADER, *lines], **kw)


def small_dpa(pagu: Any = 1_000_000, second: Any = 500_000) -> bytes:
    """One program, one kegiatan, two sub kegiatan."""
    return layout_a(
        [
            ["7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", None, None],
            ["7.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", None, None],
            ["7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "APBD", pagu],
            ["7.01.01.2.01.0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "APBD", second],
        ]
    )


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()
