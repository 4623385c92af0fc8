"""The approved report as it was shown: the document part of the report page, stored at approval
(``ReportSnapshot.html``, rendered from the same Document as the approved PDF), shown on the page and
served as the HTML download of an approved or reviewed report instead of live data.

Snapshots stored before the page was kept have an empty ``html``: they are rendered from the
snapshot's JSON document (``renderers.document_dict``) rebuilt into a Document, never from live data.
That JSON has every figure (value, derivation, places) and text but not the charts' drawings nor
cell colours; the approved PDF has them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.calculations import Result
from apps.core.periods import ROMAN

from .document import BulletList, Cell, Column, Document, Figure, Narrative, Paragraph, Section, Signature, Table
from .models import Period, Report, ReportSnapshot, period_quarter
from .renderers import _report_css, cover_logos


def page_document_html(doc: Document, *, report: Report | None = None, editable: bool = False) -> SafeString:
    """The document part of the report page (what ``reports/page.html`` shows inside its frame)."""
    context = {"doc": doc, "sections_flat": doc.walk(), "report": report, "editable": editable, "cover_logos": cover_logos(doc, "media")}
    return render_to_string("reports/_body.html", context)


def snapshot_document_html(snapshot: ReportSnapshot) -> SafeString:
    """The approved document part: as stored at approval, else rebuilt from the snapshot's JSON document."""
    if snapshot.html:
        # Rendered by our templates (autoescaped) at approval and written by nothing else: safe.
        return mark_safe(snapshot.html)  # noqa: S308
    return page_document_html(document_from_dict(snapshot.document))


def snapshot_download_html(snapshot: ReportSnapshot) -> str:
    """The HTML download of an approved report: the approved document part in a standalone page."""
    return render_to_string(
        "reports/snapshot_download.html",
        {"snapshot": snapshot, "title": snapshot.document.get("title", ""), "document_html": snapshot_document_html(snapshot),
         "report_css": _report_css()},
    )  # fmt: skip


# --- Fallback: a Document from the JSON document of an older snapshot ---------------------------


def _cell(data: dict[str, Any]) -> Cell:
    kind, places = data.get("kind"), data.get("places")
    if "text" in data:
        return Cell(data["text"], places=places, kind=kind)
    if data.get("value") is None:
        return Cell(Result(value=None, reason=data.get("reason") or "-", derivation=""), places=places, kind=kind)
    number = Decimal(data["value"])
    value: Any = Result.of(number, data["derivation"]) if data.get("derivation") else number
    return Cell(value, places=places, kind=kind)


def _block(data: dict[str, Any]) -> Any:
    kind = data.get("type")
    if kind == "table":
        return Table(
            key=data.get("key", ""), title=data.get("title", ""), number=data.get("number", ""), subtitle=data.get("subtitle") or "",
            note=data.get("note") or "", columns=[Column(label=c.get("label", ""), kind=c.get("kind", "text")) for c in data.get("columns", [])],
            rows=[[_cell(c) for c in row] for row in data.get("rows", [])],
            footer=[_cell(c) for c in data["footer"]] if data.get("footer") else None,
        )  # fmt: skip
    if kind == "figure":  # the drawing is not in the JSON document; the approved PDF has it
        svg = format_html('<p class="note">{}</p>', _("Grafik versi ini tersimpan di PDF yang disetujui."))
        return Figure(key=data.get("key", ""), title=data.get("title", ""), svg=svg, number=data.get("number", ""))
    if kind == "narrative":
        return Narrative(key=data.get("key", ""), text=data.get("text", ""), is_draft=bool(data.get("is_draft")))
    if kind == "paragraph":
        return Paragraph(text=data.get("text", ""))
    if kind == "signature":
        fields = ("place", "date_text", "title", "name", "pangkat", "nip")
        return Signature(**{f: data.get(f) or "" for f in fields})
    return BulletList(items=list(data.get("items", [])))


def _section(data: dict[str, Any], level: int) -> Section:
    return Section(
        anchor=data.get("anchor", ""), number=data.get("number", ""), title=data.get("title", ""), level=level,
        blocks=[_block(b) for b in data.get("blocks", [])], children=[_section(c, level + 1) for c in data.get("sections", [])],
    )  # fmt: skip


def document_from_dict(data: dict[str, Any]) -> Document:
    """The Document of a snapshot's JSON (``format: lkjip-report/1``); the cover's labels are derived
    from the period as the builder makes them."""
    year, period = data.get("year"), data.get("period", Period.ANNUAL)
    if period == Period.ANNUAL:
        cover_title, period_label = "Laporan Kinerja Instansi Pemerintah (LKjIP)", f"Tahun {year}"
    else:
        roman = ROMAN[period_quarter(period)]
        cover_title, period_label = f"Laporan Evaluasi Kinerja s/d Triwulan {roman}", f"s/d Triwulan {roman} Tahun {year}"
    return Document(
        title=data.get("title", ""), cover_title=cover_title, organisation=data.get("organisation", ""), pemda=data.get("pemda", ""),
        year=year, period=period, period_label=period_label, place="", date_text=data.get("date", ""),
        sections=[_section(s, 1) for s in data.get("sections", [])],
    )  # fmt: skip
