"""The container, before openpyxl sees it: zip, OLE and ODS signatures, sizes read from the zip
directory, every XML part read once (no DTD, bounded element counts), and the formula scan."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from typing import Any
from xml.parsers import expat

from .limits import (
    MAX_DATA_ROWS,
    MAX_PART_ELEMENTS,
    MAX_ROW_CELLS,
    MAX_SCANNED_ROWS,
    MAX_SHEETS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_XML_ELEMENTS,
    MAX_ZIP_MEMBERS,
)
from .messages import (
    CORRUPT,
    EMPTY_FILE,
    ENCRYPTED,
    LEGACY_XLS,
    NOT_SPREADSHEET,
    ODS,
    ROW_TOO_WIDE,
    TOO_LARGE,
    TOO_MANY_ELEMENTS,
    TOO_MANY_MEMBERS,
    TOO_MANY_ROWS,
    TOO_MANY_SHEETS,
    UNCOMPRESSED_TOO_LARGE,
    XML_DOCTYPE,
    ImportRejected,
)

_SCAN_CHUNK = 1024 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_container(data: bytes) -> None:
    """Refuse what is not a plain .xlsx: empty, too large, OLE (encrypted OOXML or legacy .xls),
    ODS, not a zip, a zip without a workbook, or a zip that would unpack beyond the limit (the sizes
    are read from the zip directory; ``zipfile`` never inflates a member past its declared size), then
    read every part once (:func:`_scan_parts`)."""
    if not data:
        raise ImportRejected(EMPTY_FILE)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRejected(TOO_LARGE % {"size": _mb(len(data)), "limit": MAX_UPLOAD_BYTES // 1024 // 1024})
    if data.startswith(OLE_SIGNATURE):
        # An encrypted .xlsx is an OLE compound file holding "EncryptionInfo" and "EncryptedPackage"
        # streams (MS-OFFCRYPTO); any other OLE file here is a legacy .xls.
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise ImportRejected(ENCRYPTED)
        raise ImportRejected(LEGACY_XLS)
    if not data.startswith(ZIP_SIGNATURE):
        raise ImportRejected(NOT_SPREADSHEET)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise ImportRejected(TOO_MANY_MEMBERS % {"n": len(infos), "limit": MAX_ZIP_MEMBERS})
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise ImportRejected(UNCOMPRESSED_TOO_LARGE % {"size": _mb(total), "limit": MAX_UNCOMPRESSED_BYTES // 1024 // 1024})
            names = {i.filename for i in infos}
            if "mimetype" in names and zf.read("mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                raise ImportRejected(ODS)
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise ImportRejected(NOT_SPREADSHEET)
            _scan_parts(zf, infos)
    except ImportRejected:
        raise
    except Exception:  # noqa: BLE001 - zipfile/zlib raise many types for a broken archive (NotImplementedError, RuntimeError, zlib.error...)
        raise ImportRejected(CORRUPT) from None


# Any start tag; the local name (after an optional prefix) is group 1. Closing tags, comments and
# processing instructions do not match ("/", "!" and "?" are not name characters).
_START_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,64}:)?([A-Za-z_][\w.-]{0,64})")
# Cell contents are streamed by openpyxl row by row; every other element of a part is built as an object.
_CELL_CONTENT = frozenset({b"row", b"c", b"v", b"f", b"is", b"t", b"r"})


class _RootFound(Exception):
    pass


class _Doctype(Exception):
    pass


def _prolog_parser() -> Any:
    """An expat parser (the one openpyxl's ElementTree uses) that fails on a DOCTYPE or an entity
    declaration and stops at the root element: no entity is ever expanded, no file or URL read."""
    parser = expat.ParserCreate()

    def doctype(*_args: Any) -> None:
        raise _Doctype

    def root(*_args: Any) -> None:
        raise _RootFound

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    return parser


def _scan_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Read every part once, in chunks (memory bounded by the chunk size), before openpyxl does:
    refuse DTDs (entity expansion, external entities), rows wider than Excel allows, a sheet of more
    than :data:`MAX_SCANNED_ROWS` rows (openpyxl would read them all before the header is even looked
    for), more than :data:`MAX_SHEETS` sheets, and more elements than :data:`MAX_XML_ELEMENTS` in all or
    :data:`MAX_PART_ELEMENTS` (cell contents aside) in one part. Linear in the size, which the zip
    directory already bounded; the tags are listed by the regex engine and counted by ``Counter``."""
    total = sheets = 0
    for info in infos:
        if info.is_dir():
            continue
        part = info.filename[:100]
        prolog: Any = _prolog_parser()
        others = cells = rows = 0  # cells: in the row being read
        carry = b""
        with zf.open(info) as member:
            while True:
                chunk = member.read(_SCAN_CHUNK)
                if prolog is not None:
                    try:
                        prolog.Parse(chunk, not chunk)
                    except _Doctype:
                        raise ImportRejected(XML_DOCTYPE) from None
                    except Exception:  # noqa: BLE001 - the root was found, or the part is not XML (openpyxl decides)
                        prolog = None
                buf = carry + chunk
                # A tag name may be cut by the chunk boundary: scan up to the last "<" and keep the rest,
                # unless that "<" is far enough from the end for its name (at most 131 bytes) to be whole.
                last = buf.rfind(b"<")
                end = last if chunk and last > len(buf) - 200 else len(buf)
                names = _START_TAG.findall(buf, 0, end)
                counted = Counter(names)
                if cells + counted[b"c"] > MAX_ROW_CELLS:
                    for name in names:
                        if name == b"c":
                            cells += 1
                            if cells > MAX_ROW_CELLS:
                                raise ImportRejected(ROW_TOO_WIDE % {"part": part, "limit": f"{MAX_ROW_CELLS:,}".replace(",", ".")})
                        elif name == b"row":
                            cells = 0
                elif counted[b"row"]:
                    cells = names[len(names) - names[::-1].index(b"row") :].count(b"c")
                else:
                    cells += counted[b"c"]
                total += len(names)
                others += len(names) - sum(counted[n] for n in _CELL_CONTENT)
                sheets += counted[b"sheet"]
                rows += counted[b"row"]
                if rows > MAX_SCANNED_ROWS:
                    raise ImportRejected(TOO_MANY_ROWS % {"limit": f"{MAX_DATA_ROWS:,}".replace(",", ".")})
                if total > MAX_XML_ELEMENTS or others > MAX_PART_ELEMENTS:
                    limit = MAX_XML_ELEMENTS if total > MAX_XML_ELEMENTS else MAX_PART_ELEMENTS
                    raise ImportRejected(TOO_MANY_ELEMENTS % {"part": part, "limit": f"{limit:,}".replace(",", ".")})
                if sheets > MAX_SHEETS:
                    raise ImportRejected(TOO_MANY_SHEETS % {"limit": MAX_SHEETS})
                if not chunk:
                    break
                carry = buf[end:]


_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_FORMULA_TOKEN = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]{0,64}:)?(c|f|v)(?=[\s/>])")
_TAG_SPAN = 4096  # a cell's or value's start tag is far shorter; a longer one is not looked at


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def formulas_without_value(xml: bytes) -> set[tuple[int, int]]:
    """(row, column) of every formula cell whose cached value is missing or empty.

    With ``data_only=True`` openpyxl gives ``None`` for such a cell, which would otherwise be read as
    a blank. Files saved by Excel or LibreOffice carry the values; files written by scripts often not.
    One pass over the cell, formula and value tags (linear in the size of the sheet, whatever it holds).
    """
    found: set[tuple[int, int]] = set()
    if b"<f" not in xml and b":f" not in xml:
        return found
    cell: tuple[int, int] | None = None
    has_formula = has_value = False
    for m in _FORMULA_TOKEN.finditer(xml):
        closing, name = m.group(1), m.group(2)
        if name == b"c":
            if closing:
                if cell is not None and has_formula and not has_value:
                    found.add(cell)
                cell = None
                continue
            gt = xml.find(b">", m.end(), m.end() + _TAG_SPAN)
            ref = _CELL_REF.search(xml, m.end(), gt) if gt > 0 else None
            if ref is None or xml[gt - 1 : gt] == b"/":
                cell = None  # no reference, or an empty cell <c .../>
                continue
            cell = (int(ref.group(2)), _column_index(ref.group(1).decode()))
            has_formula = has_value = False
        elif cell is None or closing:
            continue
        elif name == b"f":
            has_formula = True
        else:
            gt = xml.find(b">", m.end(), m.end() + _TAG_SPAN)
            has_value = gt > 0 and xml[gt - 1 : gt] != b"/" and xml[gt + 1 : gt + 2] not in (b"<", b"")
    return found


# ---------------------------------------------------------------------------------------------------
# 3. Column objects
# ---------------------------------------------------------------------------------------------------


_HIDDEN_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ATTR = re.compile(rb'\b(min|max|r|hidden)="([^"]*)"')


def hidden_parts(xml: bytes) -> tuple[set[int], set[int]]:
    """The hidden columns and rows (1-based) of a worksheet part: read-only openpyxl does not report them, and
    a hidden column (a "Pagu 2023" left in the file) or row is still read, so the preview must say so (issue 20)."""
    columns: set[int] = set()
    rows: set[int] = set()
    if b"hidden" not in xml:
        return columns, rows
    for m in _HIDDEN_COL.finditer(xml):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get(b"hidden") in (b"1", b"true"):
            low, high = int(attrs.get(b"min", b"0") or 0), int(attrs.get(b"max", b"0") or 0)
            columns.update(range(low, min(high, low + 16384) + 1))
    for m in _HIDDEN_ROW.finditer(xml):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"r", b"").isdigit():
            rows.add(int(attrs[b"r"]))
    return columns, rows
