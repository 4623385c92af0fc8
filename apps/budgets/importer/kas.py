"""The anggaran kas document (issue 20): SIPD prints the cash plan apart from the DPA, per sub kegiatan (or per sub
kegiatan x kode akun, summed) with its months ("Januari" … "Desember", "Bulan 1" … "Bulan 12") or quarters. Read
here into cumulative kas s/d TW I-IV and the months per sub kegiatan; the service checks them against the DPA in
force (every code one of its lines, the whole year's kas equal to its pagu) and makes a new version with that cash
plan. Nothing is written here."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .. import codes as C
from .columns import _TOTAL_RE, CODE, CODE_AKUN, KAS, KAS_MONTH, NAME_KINDS, _KasColumns, clean_text
from .layout_b import _Composer
from .messages import CODE_REQUIRED, ImportIssue
from .sheet import _data_rows, open_sheet, sheet_notes


@dataclass
class KasRow:
    row: int
    code: str
    kas: tuple[Decimal | None, ...]
    months: tuple[Decimal | None, ...]


@dataclass
class KasSheet:
    sheet: str = ""
    header_row: int = 0
    rows: list[KasRow] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title_lines: tuple[tuple[int, str], ...] = ()


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return a if b is None else (b if a is None else a + b)


def parse_kas(data: bytes) -> KasSheet:
    """Read an anggaran kas document: one row per sub kegiatan (program and kegiatan rows skipped as totals), or
    per sub kegiatan x kode akun (summed per sub kegiatan)."""
    wb, sheet = open_sheet(data, "kas")
    try:
        header = sheet.header
        result = KasSheet(sheet=sheet.title, header_row=header.row, title_lines=sheet.title_lines)
        result.warnings.extend(sheet_notes(sheet, "kas"))
        reader = _KasColumns(header.of(KAS), header.of(KAS_MONTH))
        composer = _Composer(header)
        generic = header.first(CODE)
        by_account = header.first(CODE_AKUN) is not None
        by_code: dict[str, KasRow] = {}
        for number, values in _data_rows(sheet):
            raw = clean_text(generic.raw(values), 60) if generic else ""
            if raw and not C.is_rekening(raw) and raw.count(".") < 5:
                continue  # a program or kegiatan row: its total is derived
            code, blame, any_code = composer.compose(values, number, result.errors)
            kas, months = reader.read(values, number, result.errors)
            if code is None:
                names = [clean_text(c.raw(values)) for c in header.columns if c.kind in NAME_KINDS]
                if any_code or kas[3] is None or any(_TOTAL_RE.match(t.lower()) for t in names if t):
                    continue
                result.errors.append(ImportIssue(number, (blame or header.columns[0]).label, CODE_REQUIRED))
                continue
            row = by_code.get(code)
            if row is None:
                by_code[code] = KasRow(number, code, kas, months)
                result.rows.append(by_code[code])
            elif by_account:
                row.kas = tuple(_add(a, b) for a, b in zip(row.kas, kas, strict=True))
                row.months = tuple(_add(a, b) for a, b in zip(row.months, months, strict=True))
            else:
                result.errors.append(
                    ImportIssue(number, (blame or header.columns[0]).label, f"Kode {code} ganda: sudah ada di baris {row.row}.")
                )
        result.title_lines = sheet.identity_lines()
        return result
    finally:
        wb.close()
