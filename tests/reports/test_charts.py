"""Charts: deterministic SVG with the figures as text (searchable in the PDF), nothing external."""

from __future__ import annotations

from decimal import Decimal

from apps.reports import charts


def test_capaian_chart_prints_each_figure_as_text_in_the_report_font():
    charts._capaian_chart.cache_clear()
    rows = [("Nilai evaluasi AKIP", Decimal("115.40")), ("IKM", Decimal("90.99")), ("Tanpa realisasi", None)]
    svg = charts.capaian_chart(rows)
    assert svg.startswith("<svg")
    for text in ("115,40 %", "90,99 %", "Nilai evaluasi AKIP", "Capaian (%)"):
        assert f">{text}</text>" in svg, text
    assert "font-family: 'DejaVu Sans'" in svg
    assert "<script" not in svg and 'href="http' not in svg and "<image" not in svg


def test_charts_are_deterministic():
    rows = [("A", Decimal("101")), ("B", Decimal("87.5"))]
    first = charts.capaian_chart(rows)
    charts._capaian_chart.cache_clear()
    assert charts.capaian_chart(rows) == first
    quarters = [("TW I", Decimal(100), Decimal(80)), ("TW II", Decimal(200), None)]
    first = charts.serapan_chart(quarters)
    charts._serapan_chart.cache_clear()
    assert charts.serapan_chart(quarters) == first


def test_dollar_signs_in_names_are_drawn_as_text_not_parsed_as_mathtext():
    """A `$` in an indicator name crashed matplotlib's mathtext (issue 15, finding 6): every report,
    download and approval of the kecamatan was a server error; a pair of `$` was drawn as math."""
    charts._capaian_chart.cache_clear()
    names = ["Biaya a $_$ b", "Harga $\\frac{$ x", "$\\undefinedcmd$", "US$ 5 dan US$ 6", "Biaya $x^2$ per unit"]
    svg = charts.capaian_chart([(name, Decimal("50")) for name in names])
    for name in names:
        assert f">{name}</text>" in svg, name
