"""A PDF that reads like the real thing (issue 19): no page ends with a heading, every TOC entry links to its own
section, no element id twice in the page (the inline charts included), charts that draw what their legend
names, a message instead of an empty chart, readable labels and any text safe.

The page test reads the PDF one page at a time (``pdftotext -f N -l N -layout``): the last line of a page
(the running header and the page number aside) is never a heading of the document."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command

from apps.core.templatetags.lkjip import _cell_text
from apps.organisations.models import Organisation
from apps.reports import charts, services
from apps.reports.document import Figure, prefix_svg_ids
from apps.reports.renderers import render_html, render_pdf
from apps.tools.demo_seeds import SEEDS

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is installed by .ci/run")
ODD_NAME = "Indeks $ <b> 50% {x}"


def _page_texts(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
        for n in range(1, pages + 1)
    ]


def _headings(doc) -> set[str]:
    found = set()
    for s in doc.walk():
        found |= {s.heading, s.title.upper(), s.title}
    return {" ".join(h.split()) for h in found if h}


def pages_ending_with_a_heading(doc, pdf: bytes, tmp_path) -> list[tuple[int, str]]:
    """(page, heading) for every page whose last line of text (or last two, for a heading over two lines) is a heading."""
    headings = _headings(doc)
    running = " ".join(doc.title.split())
    wrong = []
    for number, text in enumerate(_page_texts(pdf, tmp_path), start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        lines = [line for line in lines if not line.isdigit() and line != running]  # the page number, the running header
        for k in (1, 2):
            tail = " ".join(lines[-k:])
            if len(lines) >= k and tail in headings:
                wrong.append((number, tail))
    return wrong


def ids_and_targets(html: str) -> tuple[Counter[str], list[str]]:
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    targets = re.findall(r'href="#([^"]+)"', html)
    return ids, targets


def assert_links_resolve(html: str) -> None:
    ids, targets = ids_and_targets(html)
    assert [i for i, n in ids.items() if n > 1] == [], "element ids used twice"
    assert sorted({t for t in targets if ids[t] != 1}) == [], "links to no element"
    toc = html[html.index('id="daftar-isi"') : html.index("</nav>")]
    toc_targets = re.findall(r'href="#([^"]+)"', toc)
    assert len(toc_targets) == len(set(toc_targets)), "two TOC entries link to one place"


# -- the realistic small report of the test fixtures ---------------------------------------------------------


@pytest.fixture
def odd_doc(ready):
    ready.plan.akip.name = ODD_NAME
    ready.plan.akip.save(update_fields=["name"])
    charts._capaian_chart.cache_clear()
    return services.report_document(report=ready.report)


def test_every_toc_entry_and_link_resolves_to_one_element(odd_doc):
    html = render_html(odd_doc)[2].decode()
    # the capaian and serapan charts, the organisation chart, the pohon kinerja...: inline, their ids prefixed per figure
    assert {"grafik-capaian", "grafik-serapan"} <= {f.key for f in odd_doc.figures} and len(odd_doc.figures) >= 2
    assert_links_resolve(html)
    anchors = [s.anchor for s in odd_doc.walk()]
    assert len(anchors) == len(set(anchors)) and "target-akhir-renstra" in anchors


@needs_poppler
def test_a_name_with_dollar_angle_percent_and_brace_renders_in_the_html_and_the_pdf(odd_doc, tmp_path):
    chart = next(f for f in odd_doc.figures if f.key == "grafik-capaian")
    assert ">Indeks $ &lt;b&gt; 50% {x}</text>" in chart.svg
    html = render_html(odd_doc)[2].decode()
    assert html.count("Indeks $ &lt;b&gt; 50% {x}") >= 3  # tables and the chart
    text = "\n".join(_page_texts(render_pdf(odd_doc)[2], tmp_path))
    assert text.count(ODD_NAME) >= 3


@needs_poppler
def test_no_page_of_the_fixture_report_ends_with_a_heading(odd_doc, tmp_path):
    assert pages_ending_with_a_heading(odd_doc, render_pdf(odd_doc)[2], tmp_path) == []


# -- charts ---------------------------------------------------------------------------------------------------


def test_the_serapan_chart_draws_the_plan_its_legend_names():
    charts._serapan_chart.cache_clear()
    svg = charts.serapan_chart([("TW I", Decimal(10_000_000), Decimal(8_000_000)), ("TW II", Decimal(25_000_000), None)])
    assert "Rencana (anggaran kas) s/d TW" in svg and "Realisasi s/d TW" in svg
    for value in ("10,0", "25,0", "8,0"):  # each bar labelled with its juta rupiah
        assert f">{value}</text>" in svg, value
    only_real = charts.serapan_chart([("TW I", None, Decimal(8_000_000))])
    assert "Realisasi s/d TW" in only_real and "anggaran kas" not in only_real  # no legend for a series not drawn


@pytest.mark.parametrize("quarters", [[("TW I", None, None), ("TW II", None, None)], [("TW I", Decimal(0), Decimal(0))], []])
def test_a_chart_without_data_is_a_message_not_an_empty_axis(quarters):
    svg = charts.serapan_chart(quarters)
    assert "Belum ada anggaran kas maupun realisasi anggaran" in svg
    assert "-0,04" not in svg and "-0.04" not in svg and "axes" not in svg
    assert "Belum ada data" in charts.capaian_chart([])


def test_capaian_labels_wrap_and_print_at_least_8_pt():
    charts._capaian_chart.cache_clear()
    long = "Persentase penyelesaian pengaduan masyarakat yang ditindaklanjuti tepat waktu oleh kecamatan"
    svg = charts.capaian_chart([(long, Decimal("101")), ("IKM", Decimal("90"))])
    assert "…" not in svg
    for word in ("Persentase", "kecamatan"):
        assert word in svg
    width_pt = float(re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', svg).group(1))
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    text_width_pt = 16.5 / 2.54 * 72  # the text width of the A4 page (report.css): the SVG is scaled to it
    assert sizes and min(sizes) * text_width_pt / width_pt >= 8


def test_svg_ids_are_prefixed_with_their_figure():
    svg = '<svg><g id="patch_1" clip-path="url(#p1)"/><use xlink:href="#m2"/><clipPath id="p1"/></svg>'
    assert prefix_svg_ids(svg, "gambar-x") == (
        '<svg><g id="gambar-x-patch_1" clip-path="url(#gambar-x-p1)"/><use xlink:href="#gambar-x-m2"/><clipPath id="gambar-x-p1"/></svg>'
    )
    assert Figure("a", "A", '<g id="axes_1"/>').svg == '<g id="gambar-a-axes_1"/>'


# -- the demo seeds (the demo is loaded once: one test walks them) ----------------------------------------------


@needs_poppler
@pytest.mark.django_db
def test_demo_seed_reports_link_every_toc_entry_and_end_no_page_with_a_heading(settings, tmp_path):
    """Every demo PDF: the four seeds' annual reports and Kalaena's TW III report (a render costs seconds each)."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    wrong = []
    reports = [(seed.slug, seed.year, "annual") for seed in SEEDS] + [("kalaena-luwu-timur", 2023, "tw3")]
    for slug, year, period in reports:
        organisation = Organisation.objects.select_related("pemda").get(slug=slug)
        report = services.report_for_period(organisation=organisation, year=year, period=period)
        doc = services.report_document(report=report)
        html = render_html(doc)[2].decode()
        assert_links_resolve(html)
        pdf = render_pdf(doc)[2]
        wrong += [(slug, period, *w) for w in pages_ending_with_a_heading(doc, pdf, tmp_path)]
        wrong += [(slug, period, "signature alone", n) for n in pages_starting_with_a_signature(doc, pdf, tmp_path)]
        if period == "annual" and slug in ("perak-jombang", "kalaena-luwu-timur"):
            wrong += [(slug, period, "total repeated", t) for t in totals_repeated(doc, html, pdf, tmp_path)]
    assert wrong == []


def pages_starting_with_a_signature(doc, pdf: bytes, tmp_path) -> list[int]:
    """The pages whose text (the running header aside) starts with the signature's place and date: the signature of
    the kata pengantar or of BAB IV went over alone, without the last lines of the text it signs."""
    running = " ".join(doc.title.split())
    signed = f"{doc.place}, {doc.date_text}"
    pages = []
    for number, text in enumerate(_page_texts(pdf, tmp_path), start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        lines = [line for line in lines if line != running]
        if lines and lines[0] == signed:
            pages.append(number)
    return pages


def totals_repeated(doc, html: str, pdf: bytes, tmp_path) -> list[str]:
    """The figures of each table's total row (tfoot) printed more often in the PDF than in the page: a tfoot is
    repeated at the foot of every page a table spans unless report.css prints it once, after the last row."""
    visible = " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)).split())
    text = " ".join(" ".join(_page_texts(pdf, tmp_path)).split())
    figures = {_cell_text(c) for t in doc.tables if t.footer for c in t.footer if c.number is not None and c.number > 1000}
    assert figures, "no table of the report has a total row"
    return sorted(f for f in figures if text.count(f) > visible.count(f))
