"""The downloadable DPA template reads back through the importer once filled in."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from apps.budgets import importer, workbooks


def test_filled_dpa_template_imports_with_its_quarterly_cash_plan():
    wb = openpyxl.load_workbook(io.BytesIO(workbooks.dpa_template()))
    ws = wb["DPA"]
    ws.append(workbooks.DPA_EXAMPLE)  # the example row of the guide sheet, under the header
    ws.append(["7.01.01.2.01.02", "Program Penunjang", "Perencanaan", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "APBD", "3.613.900"])
    buf = io.BytesIO()
    wb.save(buf)
    parsed = importer.parse_dpa(buf.getvalue())
    assert parsed.is_valid, parsed.errors
    assert parsed.layout == "B" and parsed.sheet == "DPA"
    first, second = parsed.lines
    assert first.pagu == Decimal(12804600) and first.kas == (Decimal(2000000), Decimal(6000000), Decimal(10000000), Decimal(12804600))
    assert second.code == "7.01.01.2.01.0002" and second.kas == (None, None, None, None)
    assert parsed.total_pagu == Decimal(16418500)


def test_the_guide_example_is_consistent():
    *_, pagu, q1, q2, q3, q4 = workbooks.DPA_EXAMPLE
    assert q1 + q2 + q3 + q4 == pagu
