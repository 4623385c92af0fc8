"""Issue 19: the XLSX holds the report's text too (sheet "Teks"): every section's heading, its paragraphs, lists and
narratives, one per row, listed in the index; text that looks like a formula stays text."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from apps.reports import services
from apps.reports.renderers import TEXT_SHEET, render_xlsx


def test_the_workbook_holds_the_text_of_every_section(ready):
    doc = services.report_document(report=ready.report)
    _name, _ctype, payload = render_xlsx(doc)
    wb = load_workbook(io.BytesIO(payload))
    rows = [r[0] for r in wb[TEXT_SHEET].iter_rows(values_only=True) if r[0]]
    assert rows[0] == doc.title
    for section in doc.walk():
        assert " ".join(p for p in (section.number, section.title) if p) in rows, section.title
    assert any(str(r).startswith("Puji syukur") for r in rows)  # the kata pengantar's draft
    assert any(str(r).startswith("Sistem Akuntabilitas Kinerja Instansi Pemerintah") for r in rows)  # latar belakang
    assert wb[TEXT_SHEET].print_title_rows and str(wb[TEXT_SHEET].page_setup.paperSize) == wb[TEXT_SHEET].PAPERSIZE_A4
    index = {r[1]: r[2] for r in wb["Daftar tabel"].iter_rows(min_row=4, values_only=True) if r[1]}
    assert index["Teks laporan (bab, paragraf, daftar)"] == TEXT_SHEET


def test_text_that_looks_like_a_formula_stays_text(ready):
    from apps.reports.models import NarrativeSection

    NarrativeSection.objects.create(report=ready.report, key="saran", text='=HYPERLINK("http://x","klik")')
    _name, _ctype, payload = render_xlsx(services.report_document(report=ready.report))
    cell = next(
        c for row in load_workbook(io.BytesIO(payload))[TEXT_SHEET].iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s"
