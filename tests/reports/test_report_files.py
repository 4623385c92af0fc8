"""Issue 19: documents that behave as files. The report speaks Indonesian whatever the reader's interface
language; every figure is a number in the XLSX and the JSON; each sheet is set up to print (A4, orientation,
fit to width, repeated and frozen header, widths from content) and a hierarchical table has a level column;
the PDF declares PDF/A-3b with its title, author, subject and keywords and passes ``qpdf --check``; the
XLSX prints in LibreOffice to at most about 1,5 times the PDF's pages."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from apps.organisations.models import Organisation
from apps.reports import services
from apps.reports.renderers import TEXT_SHEET, render_html, render_json, render_pdf, render_xlsx

DAY = dt.date(2026, 12, 7)
#: Text a spreadsheet would show as a number: "52,08 %", "1.234.567", "84,24" (a code such as "7.01.01" is not).
NUMBER_TEXT = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?( ?%)?$|^-?\d+,\d+( ?%)?$")


def _document(ready):
    return services.report_document(report=ready.report, day=DAY)


def _workbook(doc):
    _name, _ctype, payload = render_xlsx(doc)
    return load_workbook(io.BytesIO(payload))


def _sheets(doc, wb):
    """(table, worksheet, header row number) for every table of the document, in order."""
    tables = [ws for ws in wb.worksheets[1:] if ws.title != TEXT_SHEET]  # the report's text has its own sheet
    for table, ws in zip(doc.tables, tables, strict=True):
        header = next(r for r in range(1, 5) if ws.cell(row=r, column=1).value in ("Tingkat", table.columns[0].label))
        yield table, ws, header


def test_the_report_is_indonesian_whatever_the_interface_language(ready):
    translation.activate("en")
    doc = _document(ready)
    assert doc.date_text == "7 Desember 2026"
    html = render_html(doc)[2].decode()
    assert "7 Desember 2026" in html and "December" not in html
    assert json.loads(render_json(doc)[2])["date"] == "7 Desember 2026"
    assert translation.get_language() == "en"  # the reader's language is left as it was


def test_every_figure_is_a_number_in_the_xlsx_and_the_json(ready):
    doc = _document(ready)
    wb = _workbook(doc)
    as_text = []
    for table, ws, header in _sheets(doc, wb):
        codes = {i for i, c in enumerate(ws[header]) if str(c.value).startswith("Kode")}
        for row in ws.iter_rows(min_row=header + 1):
            for i, xl in enumerate(row):
                if i not in codes and isinstance(xl.value, str) and NUMBER_TEXT.match(xl.value.strip()):
                    as_text.append((table.number, xl.coordinate, xl.value))
    assert as_text == []
    # The quarter columns of the PK's programs (Tabel 2.5) and of the pengukuran (L.1): numbers with a number format.
    tables = {t.key: (t, ws, header) for t, ws, header in _sheets(doc, wb)}
    for key, wanted in (("pk-program", [3, 6, 9, 12]), ("pengukuran", [3, 3, 3, 3])):
        table, ws, header = tables[key]
        labels = [c.label for c in table.columns]
        first = labels.index("TW I") + 1
        row = next(
            r for r in ws.iter_rows(min_row=header + 1) if r[first - 1].value is not None and not isinstance(r[first - 1].value, str)
        )
        assert [row[first - 1 + q].value for q in range(4)] == wanted, key
        assert all(row[first - 1 + q].number_format.startswith("#,##0") for q in range(4))
    blocks = [b for s in json.loads(render_json(doc)[2])["sections"] for b in _blocks(s) if b.get("key") == "pk-program"]
    cells = blocks[0]["rows"][0][4:8]
    assert [Decimal(c["value"]) for c in cells] == [3, 6, 9, 12] and {c["kind"] for c in cells} == {"number"}


def _blocks(section):
    yield from section["blocks"]
    for child in section["sections"]:
        yield from _blocks(child)


def test_each_sheet_prints_like_the_pdf_table(ready):
    doc = _document(ready)
    wb = _workbook(doc)
    for table, ws, header in _sheets(doc, wb):
        setup = ws.page_setup
        assert str(setup.paperSize) == str(ws.PAPERSIZE_A4), table.number
        assert setup.orientation == ("landscape" if table.landscape else "portrait"), table.number
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows.replace("$", "") == f"{header}:{header}", table.number
        assert ws.freeze_panes == f"A{header + 1}", table.number
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[header]]
        assert all(6 <= w <= 60 for w in widths), (table.number, widths)
    _table, renja, header = next(sheet for sheet in _sheets(doc, wb) if sheet[0].key == "renja")
    widths = {c.value: renja.column_dimensions[c.column_letter].width for c in renja[header]}
    assert widths["Indikator"] > widths["Satuan"]  # from the content, not one width per kind


def test_a_hierarchical_table_has_a_level_column_to_sum_by(ready):
    doc = _document(ready)
    indented = [t.key for t in doc.tables if any(row and row[0].indent for row in t.rows) and not t.levels]
    assert indented == []  # every table whose rows nest says each row's level
    wb = _workbook(doc)
    sheets = {t.key: (t, ws, h) for t, ws, h in _sheets(doc, wb)}
    table, ws, header = sheets["anggaran"]
    labels = [c.value for c in ws[header]]
    assert labels[:2] == ["Tingkat", "Kode"]
    pagu = labels.index("Pagu (Rp)")
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=header + 1) if r[0].value]
    assert {r[0] for r in rows} >= {"Program", "Kegiatan", "Sub kegiatan"}
    total = next(r for r in ws.iter_rows(min_row=header + 1) if r[2].value == "Jumlah")[pagu].value
    for level in ("Program", "Kegiatan", "Sub kegiatan"):  # SUMIF by level: each gives the total once
        assert sum(r[pagu] for r in rows if r[0] == level) == total == 50_000_000
    assert sum(r[pagu] for r in rows) == 3 * total  # what a SUM over the column without the level gives
    levels = json.loads(render_json(doc)[2])
    table_json = next(b for s in levels["sections"] for b in _blocks(s) if b.get("key") == "anggaran")
    assert table_json["levels"] == table.levels


needs_qpdf = pytest.mark.skipif(
    shutil.which("qpdf") is None or shutil.which("pdfinfo") is None, reason="qpdf and pdfinfo (poppler-utils) are installed by .ci/run"
)


@needs_qpdf
def test_the_pdf_is_pdf_a_3b_with_its_metadata_and_bookmarks(ready, tmp_path):
    doc = _document(ready)
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(doc)[2])
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    assert fields["Title"] == doc.title
    assert fields["Author"] == doc.organisation
    assert doc.title in fields["Subject"]
    assert fields["Keywords"] == f"LKjIP, SAKIP, kecamatan, {doc.organisation}, {doc.pemda}, {doc.year}"
    xmp = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, check=True, text=True).stdout
    assert re.search(r'pdfaid:part="3"', xmp) and re.search(r'pdfaid:conformance="B"', xmp)
    outline = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", str(path)], capture_output=True, check=True).stdout)
    titles = [o["title"] for o in outline["outlines"]]
    assert "BAB I PENDAHULUAN" in titles and "BAB III AKUNTABILITAS KINERJA" in titles, titles


@pytest.mark.django_db
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed"
)
def test_the_xlsx_prints_to_about_the_pdf_pages_in_libreoffice(settings, tmp_path):
    """Seed 002 (Perak 2024): the XLSX printed by LibreOffice takes at most 1,5 times the PDF's pages
    (measured: 36 sheets' pages against 45, docs/reports.md)."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    organisation = Organisation.objects.select_related("pemda").get(slug="perak-jombang")
    doc = services.report_document(report=services.report_for_period(organisation=organisation, year=2024, period="annual"))
    (tmp_path / "r.xlsx").write_bytes(render_xlsx(doc)[2])
    (tmp_path / "r.pdf").write_bytes(render_pdf(doc)[2])
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(tmp_path / "r.xlsx")],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip

    def pages(path):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    xlsx_pages, pdf_pages = pages(out / "r.pdf"), pages(tmp_path / "r.pdf")
    assert xlsx_pages <= 1.5 * pdf_pages, (xlsx_pages, pdf_pages)
