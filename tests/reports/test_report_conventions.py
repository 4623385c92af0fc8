"""Issue 18: a pemda's report convention (places and rounding per figure kind) is printed alike by every
renderer (HTML, PDF text, XLSX, JSON), with values where half up and truncation differ."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from apps import calculations as calc
from apps.core.numbers import HALF_UP, TRUNCATE, format_decimal_id, quantize, quantize_truncate
from apps.performance.models import ReportConvention
from apps.performance.services import convention_adopt
from apps.realisations.models import Realisation
from apps.reports import services
from apps.reports.renderers import document_dict, render_html, render_pdf, render_xlsx
from tests.factories import DpaLineFactory, DpaVersionFactory, RealisasiAnggaranFactory


def test_truncating_quantize_cuts_toward_zero():
    assert quantize_truncate(Decimal("0.255"), 2) == Decimal("0.25")  # an index printed 0,25
    assert quantize(Decimal("0.255"), 2) == Decimal("0.26")
    assert quantize_truncate(Decimal("-1.239"), 2) == Decimal("-1.23")
    assert str(quantize_truncate(Decimal("-0.001"), 2)) == "0.00"
    assert format_decimal_id(Decimal("0.255"), 2, rounding=TRUNCATE) == "0,25"


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12), st.integers(0, 6))
def test_truncation_never_moves_away_from_zero(value, places):
    cut = quantize_truncate(value, places)
    step = Decimal(1).scaleb(-places)
    assert abs(cut) <= abs(value)
    assert abs(value - cut) < step
    assert cut == cut.quantize(step)
    assert abs(quantize(value, places) - cut) <= step


def test_efisiensi_ratio_from_printed_operands_truncated():
    """TRUNC(ROUND(capaian,1) / ROUND(serapan,1) x 100): 103,26 and 94,14 print 103,3 and 94,1 -> 109,77... -> 109."""
    conv = calc.Convention(
        rules={
            **calc.NEUTRAL.rules,
            "capaian": calc.FigureRule(1),
            "serapan": calc.FigureRule(1),
            "efisiensi": calc.FigureRule(0, TRUNCATE),
        },
        efisiensi_forms="rasio",
        efisiensi_from_displayed=True,
    )
    capaian, serapan = conv.efisiensi_operands
    result = calc.efisiensi(
        Decimal("103.26"), Decimal("94.14"), form=calc.EfficiencyForm.RATIO,
        operand_places=(capaian.places, serapan.places), operand_rounding=(capaian.rounding, serapan.rounding),
    )  # fmt: skip
    assert quantize(result.value, 10) == quantize(Decimal("103.3") / Decimal("94.1") * 100, 10)
    assert conv.rule("efisiensi").apply(result.value) == Decimal("109")  # half up would give 110 (109,776...)
    assert quantize(result.value, 0) == Decimal("110")


def test_efisiensi_anggaran_is_the_unspent_share():
    assert calc.efisiensi_anggaran(Decimal("94.19")).value == Decimal("5.81")
    assert calc.efisiensi_anggaran(None).value is None


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        calc.FigureRule(2, "banker")


@pytest.mark.django_db
def test_convention_validation_and_presets(world):
    row = ReportConvention(pemda=world.pemda, name="Uji", capaian_places=9)
    with pytest.raises(ValidationError):
        row.full_clean()
    with pytest.raises(ValidationError):
        convention_adopt(pemda=world.pemda, preset="tidak-ada")
    assert not ReportConvention.objects.filter(pemda=world.pemda).exists()
    adopted = convention_adopt(pemda=world.pemda, preset="seed-002-jombang")
    conv = adopted.to_calc()
    assert conv.rule("capaian") == calc.FigureRule(1, HALF_UP) and conv.efisiensi_forms == "selisih" and conv.efisiensi_from_displayed
    assert adopted.history.count() == 1


@pytest.fixture
def truncating_doc(plan, world):
    """Capaian 84,24 / 73 x 100 = 115,397...: one decimal, truncated 115,3 (half up 115,4)."""
    ReportConvention.objects.create(
        pemda=world.pemda, name="Konvensi potong", capaian_places=1, capaian_rounding=TRUNCATE, efisiensi_places=0,
        efisiensi_rounding=TRUNCATE, efisiensi_forms="rasio", efisiensi_from_displayed=True, serapan_places=1,
        state_efisiensi_anggaran=True,
    )  # fmt: skip
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"))
    # Serapan 941.400 / 1.000.000 = 94,14 %, printed 94,1: efisiensi ratio TRUNC(115,3 / 94,1 x 100) = 122
    # (half up from the exact operands, 115,397 / 94,14 x 100 = 122,58, would print 123).
    dpa = DpaVersionFactory(organisation=world.own, year=2024)
    DpaLineFactory(version=dpa, code="7.01.01.2.01.0001", name="Penyusunan Dokumen Perencanaan", pagu=Decimal(1_000_000))
    RealisasiAnggaranFactory(organisation=world.own, year=2024, code="7.01.01.2.01.0001", quarter=4, amount=Decimal(941_400))
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    return services.report_document(report=report)


def _capaian_cells(doc):
    table = next(t for t in doc.tables if t.key == "capaian-sasaran")
    return [c for row in table.rows for c in row if c.number is not None and c.kind == "percent"]


def test_every_renderer_prints_the_convention(truncating_doc, tmp_path):
    doc = truncating_doc
    cells = _capaian_cells(doc)
    assert cells and all(c.places == 1 and c.rounding == TRUNCATE for c in cells)
    assert any(quantize(c.number, 1) != quantize_truncate(c.number, 1) for c in cells), [c.number for c in cells]
    # JSON: value at full precision, places and rounding mode
    data = json.dumps(document_dict(doc))
    assert '"places": 1, "rounding": "truncate"' in data
    # HTML
    _name, _ctype, html = render_html(doc)
    page = html.decode() if isinstance(html, bytes) else html
    assert "115,3 %" in page  # the capaian tables (derivations keep the exact working)
    assert "Konvensi Penyajian Angka" in page and "1 desimal, dipotong" in page
    # XLSX: the truncated figure as printed, at one decimal
    _name, _ctype, xlsx = render_xlsx(doc)
    wb = load_workbook(io.BytesIO(xlsx))
    values = [(c.value, c.number_format) for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert (Decimal("115.3"), '#,##0.0" %"') in [(Decimal(str(v)), f) for v, f in values if isinstance(v, int | float)]
    # PDF text (poppler-utils is installed by .ci/run and the README's setup: a missing pdftotext fails, it is not skipped)
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    _name, _ctype, pdf = render_pdf(doc)
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout)
    assert "115,3 %" in text
    # The efisiensi ratio from the printed operands, truncated to an integer, in all four renderers
    efisiensi = next(t for t in doc.tables if t.key == "efisiensi")
    assert [c.label for c in efisiensi.columns if c.label.startswith("Efisiensi")] == ["Efisiensi (rasio)"]
    ratio = next(row[-1] for row in efisiensi.rows if "akuntabilitas" in str(row[0].value))
    assert (ratio.places, ratio.rounding, quantize_truncate(ratio.number, 0)) == (0, TRUNCATE, Decimal(122))
    assert quantize(ratio.number, 0) == Decimal(123)  # 115,3 / 94,1 x 100 = 122,53: half up would print 123
    start = text.rfind(efisiensi.title)
    segment = text[start : start + 700]
    assert start >= 0 and " 122 %" in segment and " 123 %" not in segment, segment
    assert "122 %" in page and '"places": 0, "rounding": "truncate"' in data
    assert (Decimal(122), '#,##0" %"') in [(Decimal(str(v)), f) for v, f in values if isinstance(v, int | float)]
