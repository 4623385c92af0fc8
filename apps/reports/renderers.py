"""One Document, four outputs. Each renderer returns (filename, content_type, bytes) (convention 8)."""

from __future__ import annotations

import base64
import io
import json
import mimetypes
import posixpath
from collections.abc import Callable
from decimal import Decimal
from functools import cache, wraps
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from apps.core.media import LOGO_TYPES, read_logo
from apps.core.numbers import HALF_UP, NUMBER_KINDS, TRUNCATE, cell_places, format_cell, round_display
from apps.core.spreadsheets import workbook_bytes

from .document import REPORT_LANGUAGE, BulletList, Cell, Column, Document, Figure, Narrative, Paragraph, PKForm, Section, Signature, Table

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def in_report_language(render: Callable[..., Any]) -> Callable[..., Any]:
    """Run a renderer in the report's language (Indonesian), whatever the reader's interface language:
    the templates, month names and any translated label of the file are the report's, not the UI's."""

    @wraps(render)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with translation.override(REPORT_LANGUAGE):
            return render(*args, **kwargs)

    return wrapper


def filename(doc: Document, ext: str) -> str:
    return f"{slugify(doc.title)[:120]}.{ext}"


def _report_css() -> str:
    path = finders.find("css/report.css")
    return Path(path).read_text(encoding="utf-8") if path else ""


def html_context(doc: Document, **extra: Any) -> dict[str, Any]:
    return {"doc": doc, "sections_flat": doc.walk(), "report_css": _report_css(), **extra}


@in_report_language
def render_html(doc: Document, **extra: Any) -> tuple[str, str, bytes]:
    extra.setdefault("cover_logos", cover_logos(doc, "data"))  # a downloaded file shows its cover images offline
    html = render_to_string("reports/document.html", html_context(doc, **extra))
    return filename(doc, "html"), "text/html; charset=utf-8", html.encode("utf-8")


class RefusedURL(ValueError):
    """A URL the PDF may not read (WeasyPrint logs it and leaves the resource out)."""


def _pdf_roots() -> tuple[list[Path], Path]:
    """The folders the PDF may read (the logos and the static files) and the media folder."""
    media = Path(settings.MEDIA_ROOT).resolve()
    static = [Path(d[1] if isinstance(d, list | tuple) else d) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        static.append(Path(settings.STATIC_ROOT))
    return [media / "logos", *(d.resolve() for d in static)], media


def pdf_readable_path(url: str) -> Path:
    """The file a ``file:`` URL names, if the PDF may read it: the path is percent-decoded and
    resolved (``..``, symlinks) before it is checked. Only the pemda and kecamatan logos
    (``MEDIA_ROOT/logos``) and the static files; the rest of the media folder holds every
    kecamatan's evidence, approved PDFs and render jobs, and is refused like any other path."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(_("URL tidak diizinkan dalam PDF: %(url)s") % {"url": url[:80]})
    raw = unquote(parts.path)
    if "\x00" in raw or not raw.startswith("/"):
        raise RefusedURL(_("URL tidak diizinkan dalam PDF: %(url)s") % {"url": url[:80]})
    try:
        path = Path(raw).resolve(strict=True)
    except (OSError, RuntimeError):
        raise RefusedURL(_("Berkas untuk PDF tidak ada: %(url)s") % {"url": url[:80]}) from None
    allowed, media = _pdf_roots()
    logos = allowed[0]
    inside = any(path.is_relative_to(root) for root in allowed)
    if not inside or (path.is_relative_to(media) and not path.is_relative_to(logos)) or not path.is_file():
        raise RefusedURL(_("URL tidak diizinkan dalam PDF: %(url)s") % {"url": url[:80]})
    return path


def cover_logos(doc: Document, how: str) -> list[str]:
    """The cover's images (the pemda's lambang, the kecamatan's logo, whichever exist): ``media`` URLs for the
    report page (served to logged-in users under MEDIA_URL/logos), else inline ``data`` URLs (the PDF, whose
    fetcher reads nothing from the media, and the standalone HTML download). A name outside ``logos/`` is left out."""
    uris = []
    for name in doc.logo_paths:
        found = read_logo(name)
        if found is None:
            continue
        if how == "media":
            uris.append(settings.MEDIA_URL + quote(posixpath.normpath(name)))
        else:
            body, content_type = found
            uris.append(f"data:{content_type};base64,{base64.b64encode(body).decode()}")
    return uris


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # inside: WeasyPrint (about 1 s to import) is loaded only to render a PDF

    class PdfUrlFetcher(URLFetcher):
        """WeasyPrint's fetcher for the report PDF: logos and static files read from disk (convention 9),
        every other URL refused, nothing fetched over the network (no server-side request forgery)."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=False)

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url[:5].lower() == "data:":  # the cover's logos, inlined by cover_logos: images only, nothing fetched
                return _data_image(url, URLFetcherResponse)
            path = pdf_readable_path(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type})

    return PdfUrlFetcher


def _data_image(url: str, response: Any) -> Any:
    head, _sep, payload = url[5:].partition(",")
    content_type, _sep, encoding = head.partition(";")
    if content_type.lower() not in LOGO_TYPES or encoding.lower() != "base64":
        raise RefusedURL(_("URL tidak diizinkan dalam PDF: %(url)s") % {"url": url[:80]})
    try:
        body = base64.b64decode(payload, validate=True)
    except ValueError:
        raise RefusedURL(_("URL tidak diizinkan dalam PDF: %(url)s") % {"url": url[:80]}) from None
    return response(url, body=body, headers={"Content-Type": content_type})


def pdf_url_fetcher() -> Any:
    """A new fetcher for one PDF (``weasyprint.urls.URLFetcher`` keeps per-request state)."""
    return _fetcher_class()()


def verification_qr(path: str) -> str:
    """An inline SVG QR code of the public verification URL (segno)."""
    import segno  # inside: needed only for the QR code of a PDF, loaded then like WeasyPrint

    buf = io.BytesIO()
    segno.make(settings.SITE_URL + path, error="m").save(buf, kind="svg", scale=2, border=1, xmldecl=False, svgns=True)
    return buf.getvalue().decode()


@in_report_language
def html_for_pdf(doc: Document, **extra: Any) -> str:
    extra.setdefault("cover_logos", cover_logos(doc, "file"))
    if extra.get("verification"):
        extra["verification_qr"] = verification_qr(extra["verification"])
        extra["verification"] = settings.SITE_URL + extra["verification"]
    return render_to_string("reports/document.html", html_context(doc, **extra))


#: The PDF variant of every report (issue 19): PDF/A-3b, declared in the XMP metadata with the title, author
#: (the kecamatan), subject and keywords the HTML's <title> and <meta> give (templates/reports/document.html).
PDF_VARIANT = "pdf/a-3b"


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML  # inside: WeasyPrint (about 1 s to import) is loaded only to render a PDF

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=pdf_url_fetcher()).write_pdf(
        pdf_identifier=b"lkjip", pdf_variant=PDF_VARIANT, uncompressed_pdf=False
    )


@in_report_language
def render_pdf(doc: Document, **extra: Any) -> tuple[str, str, bytes]:
    return filename(doc, "pdf"), PDF, pdf_from_html(html_for_pdf(doc, **extra))


def _cell_value(cell: Cell) -> Any:
    number = cell.number
    if number is not None:
        if cell.rounding == TRUNCATE and cell.kind in NUMBER_KINDS:
            # Excel's number format only rounds half up: a truncated figure is written as printed.
            return round_display(number, cell_places(cell.kind, cell.places), TRUNCATE)
        return number
    if isinstance(cell.value, int | Decimal) and not isinstance(cell.value, bool):
        return cell.value
    if cell.state:  # "belum tersedia: <alasan>" where the figure would be (issue 18)
        return cell.state
    if cell.value is None or (hasattr(cell.value, "reason") and cell.number is None and cell.kind in ("number", "percent", "rupiah")):
        return "-"
    return str(cell.value)


def _number_format(cell: Cell) -> str | None:
    """The Excel number format of a cell, at the decimals the page shows it with (numbers.cell_places)."""
    if cell.kind not in NUMBER_KINDS:
        return None
    places = cell_places(cell.kind, cell.places)
    base = "#,##0" + ("." + "0" * places if places else "")
    return base + '" %"' if cell.kind == "percent" else base


#: Bounds of a sheet's column width, in characters: a column is as wide as its longest value (a long
#: text wraps at the upper bound), never narrower than a "No" column needs.
XLSX_MIN_WIDTH, XLSX_MAX_WIDTH = 6, 60
#: The font of every sheet (openpyxl's default) and the height of one line of it, in points.
XLSX_FONT, XLSX_LINE_HEIGHT = "Calibri", 15
#: A column label wraps in the header row: it asks for at most this many characters of width.
XLSX_HEADER_WIDTH = 24


def _shown_width(cell: Cell, value: Any) -> int:
    """How many characters the cell's value takes as the sheet shows it."""
    if isinstance(value, int | float | Decimal) and cell.kind in NUMBER_KINDS:
        return len(format_cell(cell.kind, Decimal(value), cell.places, cell.rounding))
    text = "" if value is None else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _row_heights(ws: Any, widths: list[int], *, first: int) -> None:
    """The height of each row from its wrapped text: LibreOffice and Excel keep a row's stored height when
    they open a file, so a row whose text wraps over three lines is written three lines high."""
    for row in ws.iter_rows(min_row=first, max_col=len(widths)):
        lines = 1
        for xl, width in zip(row, widths, strict=False):
            if isinstance(xl.value, str) and (xl.alignment.wrap_text or xl.row == first):
                lines = max(lines, -(-len(xl.value) // max(width - 2, 1)))  # ceil: characters per line
        if lines > 1:
            ws.row_dimensions[row[0].row].height = XLSX_LINE_HEIGHT * lines


def _print_setup(ws: Any, *, landscape: bool, header_row: int) -> None:
    """A sheet that prints like the PDF's table: A4, landscape where the table is, fit to the page width
    (as many pages down as it needs), the header row repeated on every page and frozen on screen."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as the rows need
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&A, " + _("halaman") + " &P / &N"
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate


TEXT_SHEET = "Teks"


def _text_sheet(wb: Any, doc: Document, bold: Any, wrap: Any) -> None:
    """The report's text on one sheet (issue 19): every section's heading, then its paragraphs, lists and narratives,
    one paragraph or list item per row, so that the workbook holds the whole report, not only its tables (the kecamatan's
    tugas and fungsi, aspek strategis, sistematika, the analysis)."""
    ws = wb.create_sheet(TEXT_SHEET)
    ws.append([doc.title])
    ws["A1"].font = Font(name=XLSX_FONT, bold=True, size=12)
    for section in doc.walk():
        ws.append([" ".join(p for p in (section.number, section.title) if p)])
        ws.cell(row=ws.max_row, column=1).font = bold
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines = [block.text]
            elif isinstance(block, BulletList):
                lines = [f"• {item}" for item in block.items]
            elif isinstance(block, Narrative):
                lines = [p.strip() for p in block.text.split("\n\n") if p.strip()]
            else:
                continue
            for line in lines:
                ws.append([line])
                ws.cell(row=ws.max_row, column=1).alignment = wrap
                ws.row_dimensions[ws.max_row].height = XLSX_LINE_HEIGHT * max(1, -(-len(line) // 110))
    ws.column_dimensions["A"].width = 120
    _print_setup(ws, landscape=False, header_row=1)


@in_report_language
def render_xlsx(doc: Document) -> tuple[str, str, bytes]:
    """Every table on its own sheet, numbers as numbers (Decimal) with their number format, the table's
    caption on top; each sheet set up to print (A4, orientation, fit to width, header row repeated and
    frozen, widths from the content). A hierarchical table (rows with a level: program, kegiatan, sub
    kegiatan, sasaran) gets a first column "Tingkat", so a sum filtered by it does not count a program's
    amount again in its kegiatan and sub kegiatan (issue 19)."""
    wb = Workbook()
    index = wb.active
    index.title = "Daftar tabel"
    index.append([doc.title])
    index["A1"].font = Font(name=XLSX_FONT, bold=True, size=12)
    index.append([])
    index.append(["Nomor", "Judul", "Lembar"])
    for c in index[3]:
        c.font = Font(name=XLSX_FONT, bold=True)
    bold = Font(name=XLSX_FONT, bold=True)  # named: a style without a font name falls back to a serif in LibreOffice
    header_fill = PatternFill("solid", fgColor="E9ECEF")
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, table in enumerate(doc.tables, start=1):
        sheet_name = (table.number.replace("Tabel ", "T") or f"T{n}")[:31]
        ws = wb.create_sheet(sheet_name)
        index.append([table.number, table.title, sheet_name])
        ws.append([table.caption])
        ws["A1"].font = Font(name=XLSX_FONT, bold=True, size=11)
        if table.subtitle:
            ws.append([table.subtitle])
        levels = table.levels
        labels = [c.label for c in ([Column(_("Tingkat"))] if levels else []) + table.columns]
        ws.append(labels)
        header_row = ws.max_row
        for c in ws[header_row]:
            c.font, c.fill, c.alignment = bold, header_fill, wrap
        widths = [min(max((len(w) for w in label.split()), default=0), XLSX_HEADER_WIDTH) for label in labels]
        widths = [max(w, min(len(label), XLSX_HEADER_WIDTH)) for w, label in zip(widths, labels, strict=True)]
        body = [[Cell(level), *row] for level, row in zip(levels, table.rows, strict=True)] if levels else table.rows
        footer = [[*([Cell("")] if levels else []), *table.footer]] if table.footer else []
        for row in [*body, *footer]:
            ws.append([_cell_value(c) for c in row])
            for i, (cell, xl) in enumerate(zip(row, ws[ws.max_row], strict=False)):
                fmt = _number_format(cell)
                if fmt and isinstance(xl.value, int | float | Decimal):
                    xl.number_format = fmt
                if cell.bold:
                    xl.font = bold
                shown = _shown_width(cell, xl.value)
                if i < len(widths):
                    widths[i] = max(widths[i], shown)
                xl.alignment = Alignment(wrap_text=shown > XLSX_MAX_WIDTH, vertical="top", indent=cell.indent)
        spans = list(range(1, header_row))  # the caption and the subtitle, across the table
        if table.note:
            ws.append([])
            ws.append([table.note])
            spans.append(ws.max_row)
        widths = [min(max(width + 2, XLSX_MIN_WIDTH), XLSX_MAX_WIDTH) for width in widths]
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        _row_heights(ws, widths, first=header_row)
        for r in spans:  # printed across the table's width, wrapped: not cut at the page's edge
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(len(widths), 1))
            ws.cell(row=r, column=1).alignment = Alignment(wrap_text=True, vertical="top")
            lines = -(-len(str(ws.cell(row=r, column=1).value or "")) // max(sum(widths) - 4, 1))
            if lines > 1:
                ws.row_dimensions[r].height = XLSX_LINE_HEIGHT * lines
        _print_setup(ws, landscape=table.landscape, header_row=header_row)
    index.column_dimensions["A"].width = 12
    for figure in doc.figures:  # drawn in the PDF and the page; listed here so the workbook names every part
        index.append([figure.number, figure.title, "-"])
    _text_sheet(wb, doc, bold, wrap)
    index.append(["", _("Teks laporan (bab, paragraf, daftar)"), TEXT_SHEET])
    index.column_dimensions["B"].width = 80
    index.column_dimensions["C"].width = 10
    _print_setup(index, landscape=False, header_row=3)
    return filename(doc, "xlsx"), XLSX, workbook_bytes(wb)  # text stays text: no formula injection


def _json_cell(cell: Cell) -> Any:
    out: dict[str, Any] = {}
    number = cell.number
    if number is not None:
        out["value"] = str(number)
        if cell.derivation:
            out["derivation"] = cell.derivation
    elif cell.reason:
        out["value"] = None
        out["reason"] = cell.reason
        if cell.state:  # issue 18: the realisation's state, its reason (with source and date) in "reason"
            out["state"] = cell.state_code
    elif isinstance(cell.value, int) and not isinstance(cell.value, bool):
        out["value"] = str(cell.value)
    else:
        out["text"] = "" if cell.value is None else str(cell.value)
    if cell.kind:
        out["kind"] = cell.kind
    if cell.places is not None:
        out["places"] = cell.places
    if number is not None and cell.kind in NUMBER_KINDS:
        out["rounding"] = cell.rounding or HALF_UP  # the value at full precision, printed at places by this mode
    return out


def _party(appointment: Any) -> dict[str, str] | None:
    """A PK signatory (an organisations.Appointment) as the JSON states it."""
    if appointment is None:
        return None
    official = appointment.official
    return {"title": appointment.signature_title, "name": official.name, "nip": official.nip_display, "pangkat": official.pangkat_display}


@in_report_language
def document_dict(doc: Document) -> dict[str, Any]:
    def block(b: Any) -> Any:
        if isinstance(b, Table):
            return {
                "type": "table",
                "key": b.key,
                "number": b.number,
                "title": b.title,
                "subtitle": b.subtitle,
                "note": b.note,
                "columns": [{"label": c.label, "kind": c.kind} for c in b.columns],
                "rows": [[_json_cell(c) for c in row] for row in b.rows],
                "footer": [_json_cell(c) for c in b.footer] if b.footer else None,
                **({"levels": b.levels} if b.levels else {}),  # each row's level in a hierarchical table
            }
        if isinstance(b, PKForm):
            parties = {"first_party": b.pk.first_party, "second_party": b.pk.second_party}
            return {
                "type": "pk_form",
                "date": b.date_text,
                **{key: _party(a) for key, a in parties.items()},
                "table": block(b.table),
            }
        if isinstance(b, Figure):
            return {"type": "figure", "key": b.key, "number": b.number, "title": b.title}
        if isinstance(b, Narrative):
            return {"type": "narrative", "key": b.key, "text": b.text, "is_draft": b.is_draft}
        if isinstance(b, Paragraph):
            return {"type": "paragraph", "text": b.text}
        if isinstance(b, Signature):
            return {"type": "signature", **b.__dict__}
        return {"type": "list", "items": getattr(b, "items", [])}

    def section(s: Section) -> dict[str, Any]:
        return {
            "anchor": s.anchor,
            "number": s.number,
            "title": s.title,
            "blocks": [block(b) for b in s.blocks],
            "sections": [section(c) for c in s.children],
        }

    return {
        "format": "lkjip-report/1",
        "title": doc.title,
        "organisation": doc.organisation,
        "pemda": doc.pemda,
        "year": doc.year,
        "period": doc.period,
        "date": doc.date_text,
        "place": doc.place,
        "sections": [section(s) for s in doc.sections],
    }


@in_report_language
def render_json(doc: Document) -> tuple[str, str, bytes]:
    payload = json.dumps(document_dict(doc), ensure_ascii=False, indent=1)
    return filename(doc, "json"), "application/json", payload.encode("utf-8")


RENDERERS = {"html": render_html, "pdf": render_pdf, "xlsx": render_xlsx, "json": render_json}
