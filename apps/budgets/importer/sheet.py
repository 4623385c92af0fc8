"""The sheet: the header row found by keywords (joined with a sub-header row), the rows below it
read once, within the row limits."""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from .. import codes as C
from .columns import (
    CODE_KINDS,
    KAS,
    KAS_MONTH,
    NAME_KINDS,
    OWNER_KINDS,
    OWNER_YEAR,
    PAGU,
    REALISASI,
    Header,
    ImportColumn,
    classify_header,
    display_header,
)
from .dpa_form import looks_like_form
from .guard import check_container, formulas_without_value, hidden_parts
from .identity import title_lines
from .limits import HEADER_SEARCH_ROWS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_SCANNED_ROWS
from .messages import (
    CORRUPT,
    DID_YOU_MEAN,
    HIDDEN,
    HIDDEN_COLUMNS_READ,
    HIDDEN_ROWS_READ,
    IGNORED_COLUMNS,
    NO_HEADER_DPA,
    NO_HEADER_KAS,
    NO_HEADER_REALISASI,
    TOO_MANY_ROWS,
    ImportRejected,
)

_NUMBERING_RE = re.compile(r"^\(?\d{1,2}\)?(\s*=.*)?$")


def _is_numbering_row(values: tuple[Any, ...]) -> bool:
    """A row of column numbers, "(1) (2) (3)" or 1 2 3, printed under the header."""
    n = 0
    for v in values:
        if v is None or v == "":
            continue
        if type(v) is int:
            if not 0 < v < 100:
                return False
        elif type(v) is str:
            if not _NUMBERING_RE.match(v.strip()):
                return False
        else:
            return False
        n += 1
    return n >= 2


def _join_header(top: tuple[Any, ...], sub: tuple[Any, ...]) -> list[str]:
    """Join a header row with the row under it (merged group cells only hold the top-left value)."""
    width = max(len(top), len(sub))
    labels: list[str] = []
    carry = ""
    for i in range(width):
        t = display_header(top[i] if i < len(top) else None)
        s = display_header(sub[i] if i < len(sub) else None)
        if t:
            carry = t
            labels.append(f"{t} {s}".strip())
        elif s:
            labels.append(f"{carry} {s}".strip())
        else:
            carry = ""
            labels.append("")
    return labels


def _columns(labels: list[str], purpose: str) -> list[ImportColumn]:
    columns = []
    for i, text in enumerate(labels[:MAX_COLUMNS]):
        found = classify_header(text, purpose)
        if found:
            kind, extra = found
            columns.append(ImportColumn(kind=kind, index=i, header=text, **extra))
    return columns


def _header_ok(columns: list[ImportColumn], purpose: str) -> bool:
    kinds = {c.kind for c in columns}
    has_code = bool(kinds & CODE_KINDS)
    if purpose == "realisasi":
        return has_code and REALISASI in kinds
    if purpose == "kas":  # the anggaran kas document (issue 20): codes and months or quarters, no pagu needed
        return has_code and bool(kinds & {KAS, KAS_MONTH})
    return has_code and PAGU in kinds and bool(kinds & NAME_KINDS)


def _looks_like_subheader(values: tuple[Any, ...]) -> bool:
    cells = [v for v in values if v not in (None, "")]
    if not cells or _is_numbering_row(values):
        return False
    if not all(isinstance(v, str) for v in cells):
        return False
    return not any(C.try_normalise(v) and "." in str(v) for v in cells)


def find_header(rows: list[tuple[Any, ...]], purpose: str) -> tuple[Header, int] | None:
    """The header among the first rows: (header, number of rows consumed), or None."""
    for i, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for v in values if v not in (None, "")) < 2:
            continue  # blank rows and one-cell title rows are never the header
        labels = [display_header(v) for v in values]
        columns = _columns(labels, purpose)
        used = 1
        nxt = rows[i + 1] if i + 1 < len(rows) else ()
        if nxt and _looks_like_subheader(nxt):
            joined = _join_header(values, nxt)
            joined_columns = _columns(joined, purpose)
            if _header_ok(joined_columns, purpose) and len(joined_columns) >= len(columns):
                labels, columns, used = joined, joined_columns, 2
        if _header_ok(columns, purpose):
            return Header(row=i + used, columns=columns, labels=labels), used
    return None


@dataclass
class Sheet:
    title: str
    header: Header
    rows: Iterator[tuple[int, tuple[Any, ...]]]  # (row number, values) below the header
    formula_cells: set[tuple[int, int]]
    title_lines: tuple[tuple[int, str], ...] = ()  # (row, text) of the title rows above the header (identity.title_lines)
    hidden_columns: frozenset[int] = frozenset()  # 1-based, hidden in the file (still read)
    is_form: bool = False  # a printed DPA form's label block ("Sub Kegiatan : …") above the header: read by dpa_form
    hidden_rows: frozenset[int] = frozenset()
    owner_lines: list[tuple[int, str]] = field(default_factory=list)  # whose file, from the rows' SKPD/year cells

    def identity_lines(self) -> tuple[tuple[int, str], ...]:
        """The title rows and, for a flat export, the first row naming each SKPD or year (after reading the rows)."""
        return self.title_lines + tuple(self.owner_lines)


def _open(data: bytes, *, checked: bool = False) -> Any:
    if not checked:  # the printed-form reader opens a file open_sheet has already checked: one scan is enough
        check_container(data)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a broken file
        raise ImportRejected(CORRUPT) from None


def _sheet_rows(ws: Any) -> Iterator[tuple[Any, ...]]:
    ws.reset_dimensions()  # never trust the stored dimension (some writers lie)
    # Columns beyond MAX_COLUMNS are never read (the header is looked for in the first MAX_COLUMNS);
    # without max_col openpyxl would pad every row to its last cell, up to 16.384 values per row.
    yield from ws.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS, values_only=True)


def open_sheet(data: bytes, purpose: str) -> tuple[Any, Sheet]:
    """Check the container, load read-only with cached values, and find the first sheet with a header."""
    wb = _open(data)
    try:
        seen: set[str] = set()
        for ws in wb.worksheets:
            path = getattr(ws, "_worksheet_path", None)
            if path in seen:
                continue  # two sheet entries pointing to the same part: read it once
            seen.add(path)
            it = _sheet_rows(ws)
            head: list[tuple[Any, ...]] = []
            for values in it:
                head.append(values)
                if len(head) >= HEADER_SEARCH_ROWS + 1:
                    break
            found = find_header(head, purpose)
            if found is None:
                continue
            header, used = found
            rest = head[header.row :]
            titles = tuple(title_lines(enumerate(head[: header.row - used], start=1)))

            def rows(rest: list[tuple[Any, ...]] = rest, it: Iterator[tuple[Any, ...]] = it, start: int = header.row + 1) -> Iterator:
                number = start
                for values in rest:
                    yield number, values
                    number += 1
                try:
                    for values in it:
                        yield number, values
                        number += 1
                except Exception:  # noqa: BLE001 - the sheet breaks below the header (bad XML, bad cell)
                    raise ImportRejected(CORRUPT) from None

            formula_cells: set[tuple[int, int]] = set()
            hidden: tuple[set[int], set[int]] = (set(), set())
            is_form = looks_like_form(head[: header.row])
            if path and not is_form:  # a printed form is read again by form_sheets: no need to scan its XML here
                with zipfile.ZipFile(io.BytesIO(data)) as zf:
                    xml = zf.read(path)
                formula_cells = formulas_without_value(xml)
                hidden = hidden_parts(xml)
            return wb, Sheet(
                title=ws.title, header=header, rows=rows(), formula_cells=formula_cells, title_lines=titles,
                hidden_columns=frozenset(hidden[0]), hidden_rows=frozenset(hidden[1]),
                is_form=is_form,
            )  # fmt: skip
    except ImportRejected:
        wb.close()
        raise
    except Exception:  # noqa: BLE001
        wb.close()
        raise ImportRejected(CORRUPT) from None
    wb.close()
    message = {"dpa": NO_HEADER_DPA, "kas": NO_HEADER_KAS}.get(purpose, NO_HEADER_REALISASI)
    rejected = ImportRejected(message % {"n": HEADER_SEARCH_ROWS})
    rejected.no_header = True  # a printed DPA form may still be read (dpa_sheet.parse_dpa)
    raise rejected


def _data_rows(sheet: Sheet) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Non-empty rows below the header, without numbering rows and repeated headers, within the limits."""
    header_code = {c.index: c.header.lower() for c in sheet.header.columns if c.kind in CODE_KINDS}
    formula_rows = {r for r, _c in sheet.formula_cells}
    owners = [c for c in sheet.header.columns if c.kind in OWNER_KINDS]
    seen_owner: set[str] = set()
    count = 0
    for scanned, (number, values) in enumerate(sheet.rows, start=1):
        if scanned > MAX_SCANNED_ROWS:
            raise ImportRejected(TOO_MANY_ROWS % {"limit": f"{MAX_DATA_ROWS:,}".replace(",", ".")})
        for v in values:
            if v is not None and v != "":
                break
        else:
            if number not in formula_rows:
                continue  # an empty row (formulas without values read as blanks: the row is reported, not skipped)
        if _is_numbering_row(values):
            continue
        repeated = False
        for i, text in header_code.items():
            v = values[i] if i < len(values) else None
            if type(v) is str and " ".join(v.split()).lower() == text:
                repeated = True  # the header repeated after a page break
        if repeated:
            continue
        count += 1
        if count > MAX_DATA_ROWS:
            raise ImportRejected(TOO_MANY_ROWS % {"limit": f"{MAX_DATA_ROWS:,}".replace(",", ".")})
        for column in owners:
            line = _owner_line(column, values)
            if line and line not in seen_owner:
                seen_owner.add(line)
                sheet.owner_lines.append((number, line))
        yield number, values


def _owner_line(column: ImportColumn, values: tuple[Any, ...]) -> str:
    """A row's SKPD name ("Kecamatan Kalaena") or year ("Tahun 2023") as a title line identity.py reads."""
    raw = values[column.index] if column.index < len(values) else None
    if raw is None:
        return ""
    text = " ".join(str(raw).split())[:200]
    if column.kind == OWNER_YEAR:
        year = text.removesuffix(".0")
        return f"Tahun {year}" if re.fullmatch(r"(?:19|20)\d{2}", year) else ""
    return text


# ---------------------------------------------------------------------------------------------------
# 5. DPA


#: Header texts the importer knows, for "did you mean" on a header it does not recognise (issue 20).
KNOWN_HEADERS = {
    "dpa": ("Kode", "Uraian", "Pagu", "Anggaran", "Sumber Dana", "Kode Program", "Kode Kegiatan", "Kode Sub Kegiatan", "Nama Program",
            "Nama Kegiatan", "Nama Sub Kegiatan", "Kode Akun", "Nama Akun", "Nilai Rincian", "Anggaran Kas TW I", "Anggaran Kas TW II",
            "Anggaran Kas TW III", "Anggaran Kas TW IV", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember", "Bulan 1"),
    "kas": ("Kode", "Kode Sub Kegiatan", "Kode Akun", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember", "Bulan 1", "TW I", "TW II", "TW III", "TW IV"),
    "realisasi": ("Kode", "Kode Sub Kegiatan", "Kode Rekening", "Realisasi s/d TW I", "Realisasi s/d TW II", "Realisasi s/d TW III",
                  "Realisasi s/d TW IV", "Realisasi TW I", "Nilai Realisasi"),
}  # fmt: skip


def sheet_notes(sheet: Sheet, purpose: str) -> list[str]:
    """What the preview must say so that nothing is dropped silently (issue 20): every column with a header that is
    not read (with the known header it most resembles, "maksudnya «Pagu»?"), every hidden column and row."""
    header = sheet.header
    used = {c.index for c in header.columns}
    notes = []
    ignored = []
    for i, label in enumerate(header.labels):
        if label and i not in used:
            text = f"{get_column_letter(i + 1)} «{label}»"
            if i + 1 in sheet.hidden_columns:
                text += " (" + str(HIDDEN) + ")"
            close = difflib.get_close_matches(label, KNOWN_HEADERS[purpose], n=1, cutoff=0.8)
            if close and close[0].casefold() != label.casefold():
                text += " — " + str(DID_YOU_MEAN % {"known": close[0]})
            ignored.append(text)
    if ignored:
        notes.append(str(IGNORED_COLUMNS % {"n": len(ignored), "list": "; ".join(ignored)}))
    read_hidden = sorted(c.label for c in header.columns if c.index + 1 in sheet.hidden_columns)
    if read_hidden:
        notes.append(str(HIDDEN_COLUMNS_READ % {"list": ", ".join(read_hidden)}))
    rows = sorted(r for r in sheet.hidden_rows if r > header.row)
    if rows:
        shown = ", ".join(str(r) for r in rows[:20]) + (" …" if len(rows) > 20 else "")
        notes.append(str(HIDDEN_ROWS_READ % {"n": len(rows), "list": shown}))
    return notes


def form_sheets(data: bytes) -> list[tuple[str, list[tuple[int, tuple[Any, ...]]]]]:
    """Every sheet's rows (within the row limits) of a printed DPA form workbook ("DPA-RINCIAN BELANJA", one or many
    forms per sheet; issue 20, :mod:`.dpa_form`). A sheet without a form's label block in its first rows is skipped.
    Called after :func:`open_sheet` has checked the container (so it is not scanned a second time)."""
    wb = _open(data, checked=True)
    try:
        sheets = []
        for ws in wb.worksheets:
            rows: list[tuple[int, tuple[Any, ...]]] = []
            for number, values in enumerate(_sheet_rows(ws), start=1):
                if number > MAX_SCANNED_ROWS:
                    raise ImportRejected(TOO_MANY_ROWS % {"limit": f"{MAX_DATA_ROWS:,}".replace(",", ".")})
                if values and any(v is not None for v in values):
                    rows.append((number, values))
                    if len(rows) > MAX_DATA_ROWS:
                        raise ImportRejected(TOO_MANY_ROWS % {"limit": f"{MAX_DATA_ROWS:,}".replace(",", ".")})
                if number == HEADER_SEARCH_ROWS + 10 and not looks_like_form([v for _n, v in rows]):
                    break  # not a form sheet: its rows are not needed
            if looks_like_form([v for _n, v in rows[: HEADER_SEARCH_ROWS + 10]]):
                sheets.append((ws.title, rows))
        return sheets
    except ImportRejected:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a broken sheet
        raise ImportRejected(CORRUPT) from None
    finally:
        wb.close()
