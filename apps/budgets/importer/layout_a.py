"""Layout A (SIPD export): one code column; program, kegiatan and sub kegiatan rows interleaved. The
level is the code's depth; program, kegiatan and urusan/bidang rows carry stated totals (only checked)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import codes as C
from .columns import _TOTAL_RE, CODE, CODE_SUB, NAME, Header, ImportColumn, _check_names, _code_of, clean_text
from .dpa import ParsedDpa, Stated, SubRow
from .messages import BAD_DEPTH, CODE_REQUIRED, DUPLICATE_CODE, ImportIssue


class LayoutA:
    """Reads the rows of a layout A sheet: a sub kegiatan row gives a :class:`SubRow`, every other row
    (program, kegiatan, urusan/bidang, grand total, kode rekening) is recorded here and gives None."""

    def __init__(self, header: Header, result: ParsedDpa, pagu_col: ImportColumn, seen_codes: dict[str, int]) -> None:
        self.result = result
        self.pagu_col = pagu_col
        self.seen_codes = seen_codes  # shared with the caller, which adds the sub kegiatan
        self.name_col = header.first(NAME)
        self.code_col = header.first(CODE) or header.first(CODE_SUB)
        self.rekening_rows = 0

    def row(self, number: int, values: tuple[Any, ...], pagu: Decimal | None, pagu_bad: bool) -> SubRow | None:
        result, errors, seen_codes = self.result, self.result.errors, self.seen_codes
        code_col, name_col = self.code_col, self.name_col
        assert code_col is not None and name_col is not None
        raw_code = clean_text(code_col.raw(values), 60)
        name = clean_text(name_col.raw(values))
        if not raw_code:
            if _TOTAL_RE.match(name.lower()) and pagu is not None:
                result.grand_total = Stated(number, "", name, pagu)
            elif pagu is not None and not pagu_bad:
                errors.append(ImportIssue(number, code_col.label, CODE_REQUIRED))
            return None
        if C.is_rekening(raw_code):
            self.rekening_rows += 1
            return None
        code = _code_of(raw_code, code_col, number, errors)
        if code is None:
            return None
        level = C.level_of(code) or ""
        column = code_col
        _check_names((name_col,), values, number, errors)
        if level in ("urusan", "bidang"):
            if pagu is not None:
                result.groups.append(Stated(number, code, name, pagu))
            return None
        if level == "program":
            if code in seen_codes:
                errors.append(ImportIssue(number, code_col.label, DUPLICATE_CODE % {"code": code, "row": seen_codes[code]}))
                return None
            seen_codes[code] = number
            result.programs[code] = Stated(number, code, name, pagu)
            return None
        if level == "kegiatan":
            if code in seen_codes:
                errors.append(ImportIssue(number, code_col.label, DUPLICATE_CODE % {"code": code, "row": seen_codes[code]}))
                return None
            seen_codes[code] = number
            result.kegiatan[code] = Stated(number, code, name, pagu)
            return None
        if level != "sub_kegiatan":
            errors.append(ImportIssue(number, code_col.label, BAD_DEPTH % {"code": raw_code}))
            return None
        program_code, kegiatan_code = C.parent_code(code, "program"), C.parent_code(code, "kegiatan")
        program_name = kegiatan_name = ""
        return SubRow(code, name, column, name_col or column, program_code, kegiatan_code, program_name, kegiatan_name)
