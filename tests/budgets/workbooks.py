"""Small workbooks built in memory for the import tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

LAYOUT_A_HEADER = ["Kode", "Uraian", "Sumber Dana", "Pagu"]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


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
