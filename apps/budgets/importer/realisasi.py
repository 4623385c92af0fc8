"""Realisasi anggaran workbooks: a sub kegiatan code and triwulan columns, cumulative or per quarter."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .. import codes as C
from .columns import _ROMAN, _TOTAL_RE, CODE, CODE_AKUN, NAME_KINDS, REALISASI, ImportColumn, clean_text
from .layout_b import _Composer
from .messages import CODE_REQUIRED, DUPLICATE_CODE, DUPLICATE_QUARTER, FORMULA_NO_VALUE, QUARTER_GAP, CellError, ImportIssue
from .sheet import Sheet, _data_rows, open_sheet, sheet_notes


@dataclass
class RealisasiRow:
    """One sub kegiatan row of a realisasi workbook: its realisasi s/d TW n for the quarters given."""

    row: int
    code: str
    column: str
    cumulative: dict[int, Decimal]  # quarter -> realisasi s/d TW n, only the quarters given


@dataclass
class RealisasiSheet:
    """A whole realisasi workbook (its sheet): the quarters it gives, every row, every error."""

    sheet: str = ""
    header_row: int = 0
    quarters: tuple[int, ...] = ()
    quarter_columns: dict[int, str] = field(default_factory=dict)
    rows: list[RealisasiRow] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title_lines: tuple[tuple[int, str], ...] = ()  # the title rows above the header: whose file it is (identity.py)


_TITLE_QUARTER = re.compile(r"\b(?:s\s*/\s*d|s\.\s*d\.?|sampai(?:\s+dengan)?)\s+(?:tw|triwulan)\s*(iv|iii|ii|i|[1-4])\b", re.I)
_TITLE_MONTH = re.compile(r"\b(?:s\s*/\s*d|s\.\s*d\.?|sampai(?:\s+dengan)?)\s+(?:\d{1,2}\s+)?(maret|juni|september|desember)\b", re.I)
_MONTH_QUARTER = {"maret": 1, "juni": 2, "september": 3, "desember": 4}
QUARTER_UNKNOWN = (
    "Kolom %(col)s tidak menyebut triwulan, dan judul berkas juga tidak («s/d Triwulan III» atau «s.d. 30 September»): "
    "pilih triwulannya pada formulir unggah (--quarter pada perintah)."
)


def quarter_of_titles(lines: tuple[tuple[int, str], ...]) -> int | None:
    """The quarter a realisasi file's title rows name: "s/d Triwulan III", "s.d. 30 September 2024" give 3."""
    for _row, text in lines:
        found = _TITLE_QUARTER.search(text)
        if found:
            return _ROMAN[found.group(1).lower()]
        month = _TITLE_MONTH.search(text)
        if month:
            return _MONTH_QUARTER[month.group(1).lower()]
    return None


def parse_realisasi(data: bytes, *, quarter: int | None = None) -> RealisasiSheet:
    """Read a realisasi workbook: a sub kegiatan code and quarter columns, either cumulative
    ("Realisasi s/d TW II") or per quarter ("TW II"), converted to cumulative. A blank cell is not
    reported (never 0); per-quarter values need every earlier quarter. A column without a quarter
    ("Nilai Realisasi") is the realisasi s/d the quarter the title rows name, else ``quarter`` (the upload's
    choice); with a kode rekening column the rows of a sub kegiatan are summed (SIPD's per-account export)."""
    wb, sheet = open_sheet(data, "realisasi")
    try:
        return _parse_realisasi_sheet(sheet, quarter)
    finally:
        wb.close()


def _parse_realisasi_sheet(sheet: Sheet, quarter: int | None = None) -> RealisasiSheet:
    header = sheet.header
    result = RealisasiSheet(sheet=sheet.title, header_row=header.row, title_lines=sheet.title_lines)
    result.warnings.extend(sheet_notes(sheet, "realisasi"))
    errors = result.errors
    columns = header.of(REALISASI)
    undated = [c for c in columns if c.quarter is None]
    if undated:
        named = quarter_of_titles(sheet.title_lines) or quarter
        if named is None:
            errors.extend(ImportIssue(header.row, c.label, QUARTER_UNKNOWN % {"col": c.label}) for c in undated)
            return result
        columns = [c if c.quarter is not None else dataclasses.replace(c, quarter=named, cumulative=True) for c in columns]
    by_account = header.first(CODE_AKUN) is not None
    by_quarter: dict[int, ImportColumn] = {}
    for col in columns:
        q = col.quarter or 0
        if q in by_quarter:
            errors.append(
                ImportIssue(
                    header.row, col.label, DUPLICATE_QUARTER % {"a": by_quarter[q].label, "b": col.label, "what": f"realisasi TW {q}"}
                )
            )
        by_quarter[q] = col
    result.quarters = tuple(sorted(by_quarter))
    result.quarter_columns = {q: col.label for q, col in by_quarter.items()}
    composer = _Composer(header)
    seen: dict[str, int] = {}
    by_code: dict[str, RealisasiRow] = {}
    ignored: dict[str, int] = {}
    for number, values in _data_rows(sheet):
        for col in columns:
            if (number, col.index + 1) in sheet.formula_cells:
                errors.append(ImportIssue(number, col.label, FORMULA_NO_VALUE))
        generic = header.first(CODE)
        raw = clean_text(generic.raw(values), 60) if generic else ""
        if raw and not C.is_rekening(raw) and raw.count(".") < 5:
            code = C.try_normalise(raw)
            level = C.level_of(code) if code else None
            if level in ("program", "kegiatan", "urusan", "bidang"):
                ignored[level] = ignored.get(level, 0) + 1
                continue
        code, blame, any_code = composer.compose(values, number, errors)
        cells: dict[int, Decimal | None] = {}
        for q, col in by_quarter.items():
            try:
                cells[q] = col.clean(col.raw(values))
            except CellError as exc:
                errors.append(ImportIssue(number, col.label, str(exc)))
        if code is None:
            if any_code or not any(v is not None for v in cells.values()):
                continue
            name_texts = [clean_text(c.raw(values)) for c in header.columns if c.kind in NAME_KINDS]
            if any(_TOTAL_RE.match(t.lower()) for t in name_texts if t):
                continue  # a total row: derived, not read
            errors.append(ImportIssue(number, (blame or columns[0]).label, CODE_REQUIRED))
            continue
        if code in seen and by_account:  # one row per account: added to the sub kegiatan's row
            row = by_code[code]
            for q, v in cells.items():
                if v is not None:
                    row.cumulative[q] = row.cumulative.get(q, Decimal(0)) + v
            continue
        if code in seen:
            errors.append(ImportIssue(number, (blame or columns[0]).label, DUPLICATE_CODE % {"code": code, "row": seen[code]}))
            continue
        seen[code] = number
        cumulative: dict[int, Decimal] = {}
        running = Decimal(0)
        for q in sorted(by_quarter):
            col, v = by_quarter[q], cells.get(q)
            if col.cumulative:
                if v is not None:
                    cumulative[q] = v
                continue
            if v is None:
                continue
            gaps = [p for p in range(1, q) if p not in by_quarter or by_quarter[p].cumulative is False and cells.get(p) is None]
            if gaps:
                errors.append(ImportIssue(number, col.label, QUARTER_GAP % {"gap": ", ".join(str(g) for g in gaps), "q": q}))
                break
            running += v
            cumulative[q] = running
        by_code[code] = RealisasiRow(row=number, code=code, column=(blame or columns[0]).label, cumulative=cumulative)
        result.rows.append(by_code[code])
    result.title_lines = sheet.identity_lines()
    for level, n in ignored.items():
        result.warnings.append(f"{n} baris {level} diabaikan: jumlahnya dihitung dari sub kegiatan.")
    return result
