"""The PDF is checked by reading it back: every figure of every table is in its text, in the
Indonesian format the calculation module's value gives, and the contents page is right."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from apps.core.numbers import format_decimal_id, format_percent
from apps.realisations.models import Realisation
from apps.reports import services
from apps.reports.renderers import render_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is installed by .ci/run")


def _pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return text.split("\f")


def _expected(cell) -> str | None:
    n = cell.number
    if n is None:
        return None
    if cell.kind == "percent":
        return format_percent(n, cell.places or 2)
    if cell.kind in ("rupiah", "int"):
        return format_decimal_id(n, 0)
    return format_decimal_id(n, cell.places if cell.places is not None else 2)


@pytest.fixture
def pdf_doc(plan, world):
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"), faktor_pendukung="Komitmen pimpinan")
    for q, v in [(1, 3), (2, 3), (3, 3), (4, 3)]:
        Realisation.objects.create(indicator=plan.laporan, year=2024, quarter=q, value=Decimal(v))
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    return services.report_document(report=report)


def test_every_table_figure_is_in_the_pdf(pdf_doc, tmp_path):
    _name, ctype, pdf = render_pdf(pdf_doc)
    assert ctype == "application/pdf" and pdf.startswith(b"%PDF")
    text = re.sub(r"\s+", " ", " ".join(_pages(pdf, tmp_path)))
    checked = 0
    for table in pdf_doc.tables:
        assert table.number in text, table.number
        for row in [*table.rows, *([table.footer] if table.footer else [])]:
            for cell in row:
                expected = _expected(cell)
                if expected:
                    assert expected in text, f"{table.number}: {expected} missing"
                    checked += 1
    assert checked > 20
    assert "115,40 %" in text  # 84,24 / 73 x 100


def test_contents_page_numbers_point_at_the_headings(pdf_doc, tmp_path):
    _name, _ctype, pdf = render_pdf(pdf_doc)
    pages = _pages(pdf, tmp_path)
    toc = pages[1]
    checked = 0
    for section in pdf_doc.walk():
        if section.level != 1 or not section.number.startswith("BAB"):
            continue
        match = re.search(re.escape(section.heading) + r"[ .]*?(\d+)\s*$", toc, re.MULTILINE)
        assert match, f"{section.heading} not in the contents page"
        page = int(match.group(1))
        assert section.number in pages[page - 1] and section.title.upper() in pages[page - 1], section.heading
        checked += 1
    assert checked == 4
