"""One source for every figure (CONVENTIONS 17, issue 16): every page and export shows the same
capaian, predikat, serapan and efisiensi for each kecamatan.

A generated kabupaten of three kecamatan (``generate_kabupaten``: IKM and IPP feed a composite IKPP in
every kecamatan), changed the way that made the pages disagree before the figures selector
(apps/reports/figures.py):

* kecamatan A: a PK TW IV target that differs from the annual target, and a changed realisation;
* kecamatan B: a changed realisation, its LKjIP submitted (PK and DPA versions pinned), then a PK
  perubahan with another annual target and a DPPA with another pagu: its LKjIP keeps reading the
  pinned versions, and so must the pemda overview;
* kecamatan C: as generated.

Each figure is read as the reader sees it (the displayed text): the LKjIP page (HTML), its JSON and XLSX
exports, the quarterly reports, the Inspektorat's pemda overview, the realisation grid and the operator's
home page. A mismatch names the kecamatan, the figure and every source's text.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from typing import Any

import pytest
import tinyhtml5
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.agreements.models import PKItem
from apps.agreements.services import pk_revise
from apps.budgets.models import DpaLine, DpaVersion
from apps.core.numbers import format_cell
from apps.core.periods import reporting_quarter
from apps.planning.models import Indicator
from apps.realisations.models import Realisation
from apps.reports.models import Report, Status
from apps.reports.workflow import report_submit
from apps.tools.synthetic import generate_kabupaten

pytestmark = pytest.mark.django_db

NS = "{http://www.w3.org/1999/xhtml}"
FIGURES = ("capaian", "predikat", "serapan", "efisiensi")


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


# --- Readers: one per page or export, each giving {figure: displayed text} -----------------------------


def _html_tables(html: str) -> dict[str, dict[str, Any]]:
    """The report tables of a page by key: body rows and footer, as cell texts."""
    root = tinyhtml5.parse(html)
    out = {}
    for fig in root.iter(f"{NS}figure"):
        key = (fig.get("id") or "").removeprefix("tabel-")
        table = fig.find(f"{NS}table")
        if table is None:
            continue
        body = table.find(f"{NS}tbody")
        foot = table.find(f"{NS}tfoot")
        rows = [[_text(td) for td in tr.iter(f"{NS}td")] for tr in (body.iter(f"{NS}tr") if body is not None else [])]
        footer = [_text(td) for td in foot.iter(f"{NS}td")] if foot is not None else None
        out[key] = {"rows": rows, "footer": footer}
    return out


def _report_figures(tables: dict[str, dict[str, Any]]) -> dict[str, str | None]:
    """The organisation's figures as a report states them: the footer of the sasaran table (the mean of
    the sasaran and its predikat), of the budget table (serapan) and of the efisiensi table."""

    def foot(key: str, index: int) -> str | None:
        footer = tables.get(key, {}).get("footer")
        return footer[index] if footer and len(footer) > index else None

    return {
        "capaian": foot("capaian-sasaran", 2),
        "predikat": foot("capaian-sasaran", 3),
        "serapan": foot("anggaran", 4),
        "efisiensi": foot("efisiensi", 5),
    }


def _indicator_capaian(tables: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Capaian per indicator name from the sasaran and program indicator tables."""
    out = {}
    for key in ("capaian-iku", "capaian-program"):
        for row in tables.get(key, {}).get("rows", []):
            if len(row) > 6:
                out[row[2]] = row[6]
    return out


def _json_tables(payload: bytes) -> dict[str, dict[str, Any]]:
    """The JSON export's tables, each cell shown as the page shows it (numbers at their places)."""
    doc = json.loads(payload)

    def text(cell: dict[str, Any]) -> str:
        if "text" in cell:
            return cell["text"] or "-"
        value = cell.get("value")
        return format_cell(cell.get("kind"), Decimal(value) if value is not None else None, cell.get("places"))

    out = {}

    def walk(section: dict[str, Any]) -> None:
        for block in section["blocks"]:
            if block["type"] == "table":
                out[block["key"]] = {
                    "title": block["title"],
                    "columns": block["columns"],
                    "rows": [[text(c) for c in row] for row in block["rows"]],
                    "footer": [text(c) for c in block["footer"]] if block["footer"] else None,
                    "kinds": [c.get("kind") for c in (block["footer"] or [])],
                    "places": [c.get("places") for c in (block["footer"] or [])],
                }
        for child in section["sections"]:
            walk(child)

    for s in doc["sections"]:
        walk(s)
    return out


def _xlsx_tables(payload: bytes, layout: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The XLSX export's footers, found through the JSON layout of the same report (title, row count),
    each number shown at the cell's kind and places."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(payload))
    index = {row[1]: row[2] for row in wb["Daftar tabel"].iter_rows(min_row=4, values_only=True) if row[2]}
    out: dict[str, dict[str, Any]] = {}
    for key, table in layout.items():
        sheet = index.get(table["title"])
        if sheet is None or not table["footer"]:
            out[key] = {"footer": None}
            continue
        values = list(wb[sheet].iter_rows(values_only=True))
        labels = [c["label"] for c in table["columns"]]
        # a hierarchical table's sheet starts with a "Tingkat" (level) column before the document's columns (issue 19)
        header, skip = next(
            (i, k)
            for i, row in enumerate(values)
            for k in (0, 1)
            if list(row[k : k + len(labels)]) == labels and (k == 0 or row[0] == "Tingkat")
        )
        raw = values[header + 1 + len(table["rows"])][skip:]
        footer = []
        for value, kind, places in zip(raw, table["kinds"], table["places"], strict=False):
            if isinstance(value, int | float) and not isinstance(value, bool):
                footer.append(format_cell(kind, Decimal(repr(value)), places))
            else:
                footer.append("-" if value in (None, "") else str(value))
        out[key] = {"footer": footer}
    return out


def _overview(html: str) -> dict[int, dict[str, str | None]]:
    """The pemda overview's figures per kecamatan (rows by ``data-org``, columns by their header)."""
    root = tinyhtml5.parse(html)
    table = next(root.iter(f"{NS}table"))
    labels = [_text(th) for th in table.find(f"{NS}thead").iter(f"{NS}th")]
    columns = {"capaian": "Capaian sasaran", "predikat": "Predikat", "serapan": "Serapan", "efisiensi": "Efisiensi"}
    out = {}
    for tr in table.find(f"{NS}tbody").iter(f"{NS}tr"):
        cells = list(tr.iter(f"{NS}td"))
        row: dict[str, str | None] = {}
        for figure, label in columns.items():
            if label not in labels:
                row[figure] = None
                continue
            cell = cells[labels.index(label)]
            if figure == "predikat":
                code = next((_text(s) for s in cell.iter(f"{NS}span") if "badge" in (s.get("class") or "")), "")
                label_text = _text(cell).removeprefix(code).strip()
                row[figure] = f"{code} ({label_text})" if code else label_text
            else:
                row[figure] = _text(cell)
        out[int(tr.get("data-org"))] = row
    return out


def _grid(html: str) -> dict[str, tuple[str, bool]]:
    """The realisation grid: per indicator name, the capaian shown and whether the row is marked below target."""
    root = tinyhtml5.parse(html)
    table = next(t for t in root.iter(f"{NS}table") if "realisation-grid" in (t.get("class") or ""))
    labels = [_text(th) for th in table.find(f"{NS}thead").iter(f"{NS}th")]
    out = {}
    for tr in table.find(f"{NS}tbody").iter(f"{NS}tr"):
        cells = list(tr.iter(f"{NS}td"))
        # the indicator's name is the first cell's own text (after the IKU badge), before its aggregation note
        badge = cells[0].find(f"{NS}span")
        own = (badge.tail if badge is not None else cells[0].text) or ""
        out[own.strip()] = (_text(cells[labels.index("Capaian")]), "table-warning" in (tr.get("class") or ""))
    return out


def _home_below(html: str) -> set[int]:
    """Indicators the operator's home page lists as below target (by indicator pk)."""
    root = tinyhtml5.parse(html)
    out = set()
    for li in root.iter(f"{NS}li"):
        a = li.find(f"{NS}a")
        if a is not None and "di bawah target" in _text(li):
            match = re.search(r"/indikator/(\d+)/", a.get("href") or "")
            if match:
                out.add(int(match.group(1)))
    return out


# --- The kabupaten ------------------------------------------------------------------------------------


def _set_realisation(indicator: Indicator, year: int, quarter: int, factor: Decimal) -> None:
    r = Realisation.objects.get(indicator=indicator, year=year, quarter=quarter)
    r.value = (r.value * factor).quantize(Decimal("0.01"))
    r.faktor_penghambat, r.solusi = "Cuaca", "Jadwal ulang"
    r.save()


def _tw4_item(agreement: Any) -> PKItem:
    """A sasaran-level PK item whose TW IV target can be moved away from its annual target."""
    return (
        agreement.items.filter(indicator__level="sasaran", indicator__composite_expression="")
        .exclude(indicator__code__in=["IKM", "IPP"])
        .select_related("indicator")
        .order_by("order")
        .first()
    )


@pytest.fixture
def kabupaten(db) -> dict[str, Any]:
    quarter = reporting_quarter(timezone.localdate())
    year = quarter.year
    summary = generate_kabupaten(kecamatan=3, year=year, pemda_code="uji-angka")
    a, b, c = summary.organisations
    agreements = {o.pk: o.agreements.get(year=year) for o in (a, b, c)}

    # A: the TW IV target is no longer the annual target; one realisation changes.
    item = _tw4_item(agreements[a.pk])
    item.tw4 = (item.annual_target * Decimal("1.1")).quantize(Decimal("0.01"))
    item.save()
    _set_realisation(item.indicator, year, 4, Decimal("0.95"))

    # B: a realisation changes, the LKjIP is submitted (PK v0 and DPA v1 pinned), then PK perubahan and DPPA.
    item_b = _tw4_item(agreements[b.pk])
    _set_realisation(item_b.indicator, year, 4, Decimal("0.9"))
    report = Report.objects.create(organisation=b, year=year, period="annual")
    report_submit(report=report, user=User.objects.get(username=f"operator.{b.slug}"))
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.pk_version_number == 0 and report.dpa_sequence == 1
    revised = pk_revise(agreement=agreements[b.pk])
    changed = revised.items.get(indicator=item_b.indicator)
    changed.annual_target = changed.tw4 = (changed.annual_target * Decimal("0.8")).quantize(Decimal("0.01"))
    changed.save()
    old = DpaVersion.objects.get(organisation=b, year=year, sequence=1)
    new = DpaVersion.objects.create(
        organisation=b, year=year, sequence=2, kind="perubahan", source_name="dppa.xlsx", source_sha256="b" * 64, content_sha256="c" * 64
    )
    lines = list(old.lines.all())
    for line in lines:
        line.pk, line.version = None, new
        line.pagu = (line.pagu * Decimal("1.25")).quantize(Decimal("0.01"))
    DpaLine.objects.bulk_create(lines)
    return {"summary": summary, "year": year, "quarter": quarter.number, "orgs": (a, b, c), "frozen": {b.pk}}


def _get(client: Any, user: str, url: str) -> Any:
    client.force_login(User.objects.get(username=user))
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_every_page_and_export_shows_the_same_figures(client, kabupaten):
    year, orgs, pemda = kabupaten["year"], kabupaten["orgs"], kabupaten["summary"].pemda
    inspektorat = f"inspektorat.{pemda.code}"
    overview = _overview(_get(client, inspektorat, reverse("reports:pemda", args=[pemda.pk, year])).content.decode())
    mismatches = []
    shown: dict[str, dict[str, dict[str, str | None]]] = {}
    for org in orgs:
        operator = f"operator.{org.slug}"

        def page(period: str, org: Any = org, operator: str = operator) -> dict[str, dict[str, Any]]:
            return _html_tables(_get(client, operator, reverse("reports:view", args=[org.pk, year, period])).content.decode())

        def export(period: str, fmt: str, org: Any = org, operator: str = operator) -> bytes:
            return _get(client, operator, reverse("reports:period_download", args=[org.pk, year, period, fmt])).content

        annual = page("annual")
        layout = _json_tables(export("annual", "json"))
        sources = {
            "LKjIP page": _report_figures(annual),
            "LKjIP JSON": _report_figures(layout),
            "LKjIP XLSX": _report_figures(_xlsx_tables(export("annual", "xlsx"), layout)),
            "pemda overview": overview[org.pk],
        }
        tw4 = page("tw4")
        if org.pk not in kabupaten["frozen"]:
            # The TW IV report of a kecamatan whose LKjIP is not frozen reads the same versions as its LKjIP.
            sources["TW IV report"] = _report_figures(tw4)
        shown[org.name] = sources
        for figure in FIGURES:
            values = {name: figures[figure] for name, figures in sources.items()}
            if None in values.values() or len(set(values.values())) > 1:
                mismatches.append(f"{org.name} {figure}: {values}")

        # Capaian per indicator: each quarterly report against the realisation grid of its quarter.
        for q in sorted({2, 4, kabupaten["quarter"]}):
            report = _indicator_capaian(tw4 if q == 4 else page(f"tw{q}"))
            grid_html = _get(client, operator, reverse("realisations:grid", args=[org.pk, year, q])).content.decode()
            grid = _grid(grid_html)
            assert report and set(report) <= set(grid), (org.name, q, set(report) - set(grid))
            for name, text in report.items():
                if grid[name][0] != text:
                    mismatches.append(f"{org.name} TW {q} {name}: report {text}, grid {grid[name][0]}")
            if q == kabupaten["quarter"]:
                # The operator's home page flags below-target rows from the grid of the reporting quarter.
                below = {int(pk) for pk in re.findall(r'class="table-warning" data-indicator="(\d+)"', grid_html)}
                home = _home_below(_get(client, operator, reverse("home")).content.decode())
                if not home <= below:
                    mismatches.append(f"{org.name} home page: below target {sorted(home - below)} not below in the grid")

    assert not mismatches, "figures disagree:\n" + "\n".join(mismatches)
    # The changes above are visible: A and B differ from what the generator would give, and each figure is shown.
    assert all(v for sources in shown.values() for figures in sources.values() for v in figures.values())


def test_the_overview_reads_the_versions_pinned_by_a_frozen_lkjip(client, kabupaten):
    """B's LKjIP is frozen on PK v0 and DPA v1: a PK perubahan and a DPPA made since change neither its
    LKjIP nor its row in the overview, while its TW IV report (a draft) reads the new versions."""
    year, b, pemda = kabupaten["year"], kabupaten["orgs"][1], kabupaten["summary"].pemda
    overview = _overview(_get(client, f"inspektorat.{pemda.code}", reverse("reports:pemda", args=[pemda.pk, year])).content.decode())
    operator = f"operator.{b.slug}"
    annual = _report_figures(_html_tables(_get(client, operator, reverse("reports:view", args=[b.pk, year, "annual"])).content.decode()))
    tw4 = _report_figures(_html_tables(_get(client, operator, reverse("reports:view", args=[b.pk, year, "tw4"])).content.decode()))
    assert overview[b.pk] == annual
    assert tw4["serapan"] != annual["serapan"] and tw4["capaian"] != annual["capaian"]
