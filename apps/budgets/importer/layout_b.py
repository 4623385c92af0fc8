"""Layout B (one row per sub kegiatan): separate program, kegiatan and sub kegiatan code and name
columns; the sub kegiatan code full or as suffixes; program and kegiatan cells filled down."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import codes as C
from .columns import (
    _TOTAL_RE,
    CODE,
    CODE_KEGIATAN,
    CODE_PROGRAM,
    CODE_SUB,
    NAME,
    NAME_KEGIATAN,
    NAME_KINDS,
    NAME_PROGRAM,
    NAME_SUB,
    Header,
    ImportColumn,
    _check_names,
    _code_of,
    clean_text,
)
from .dpa import ParsedDpa, Stated, SubRow
from .messages import BAD_DEPTH, CODE_REQUIRED, INCOMPLETE_CODE, NOT_UNDER_PROGRAM, ImportIssue


class _Composer:
    """Layout B: the sub kegiatan code from separate columns, program/kegiatan filled down."""

    def __init__(self, header: Header) -> None:
        self.code = header.first(CODE)
        self.program = header.first(CODE_PROGRAM)
        self.kegiatan = header.first(CODE_KEGIATAN)
        self.sub = header.first(CODE_SUB)
        self.last_program: str | None = None
        self.last_kegiatan: str | None = None

    def compose(self, values: tuple[Any, ...], row: int, errors: list[ImportIssue]) -> tuple[str | None, ImportColumn | None, bool]:
        """(canonical sub kegiatan code or None, column to blame, row had any code cell)."""
        any_code = False
        for col in (self.code, self.sub):
            if col is None:
                continue
            raw = clean_text(col.raw(values), 60)
            if raw and C.is_rekening(raw):
                return None, col, True
            if raw and raw.count(".") >= 5:
                any_code = True
                code = _code_of(raw, col, row, errors)
                if code is not None and C.level_of(code) == "sub_kegiatan":
                    self.last_program, self.last_kegiatan = C.parent_code(code, "program"), C.parent_code(code, "kegiatan")
                return code, col, True
        program = None
        if self.program is not None:
            raw = clean_text(self.program.raw(values), 60)
            if raw:
                any_code = True
                program = _code_of(raw, self.program, row, errors)
                if program is not None and C.level_of(program) != "program":
                    errors.append(ImportIssue(row, self.program.label, BAD_DEPTH % {"code": raw}))
                    program = None
                if program is not None and program != self.last_program:
                    self.last_kegiatan = None
                self.last_program = program
        program = program or self.last_program
        kegiatan = None
        if self.kegiatan is not None:
            raw = clean_text(self.kegiatan.raw(values), 60)
            if raw:
                any_code = True
                if raw.count(".") >= 4:
                    kegiatan = _code_of(raw, self.kegiatan, row, errors)
                    if kegiatan is not None and C.level_of(kegiatan) != "kegiatan":
                        errors.append(ImportIssue(row, self.kegiatan.label, BAD_DEPTH % {"code": raw}))
                        kegiatan = None
                elif program:
                    kegiatan = _code_of(f"{program}.{raw}", self.kegiatan, row, errors)
                if kegiatan is not None and program and C.parent_code(kegiatan, "program") != program:
                    errors.append(ImportIssue(row, self.kegiatan.label, NOT_UNDER_PROGRAM % {"code": raw, "program": program}))
                    kegiatan = None
                self.last_kegiatan = kegiatan
        kegiatan = kegiatan or self.last_kegiatan
        sub_col = self.sub or self.code
        if sub_col is None:
            return None, None, any_code
        raw = clean_text(sub_col.raw(values), 60)
        if not raw:
            return None, sub_col, any_code
        if kegiatan is None:
            errors.append(ImportIssue(row, sub_col.label, INCOMPLETE_CODE))
            return None, sub_col, True
        code = _code_of(f"{kegiatan}.{raw}", sub_col, row, errors)
        if code is not None and C.level_of(code) != "sub_kegiatan":
            errors.append(ImportIssue(row, sub_col.label, INCOMPLETE_CODE))
            return None, sub_col, True
        return code, sub_col, True


class LayoutB:
    """Reads the rows of a layout B sheet: a sub kegiatan row gives a :class:`SubRow`; a grand total or
    kode rekening row is recorded here and gives None."""

    def __init__(self, header: Header, result: ParsedDpa, pagu_col: ImportColumn) -> None:
        self.header = header
        self.result = result
        self.pagu_col = pagu_col
        self.name_col = header.first(NAME)
        self.names = {k: header.first(k) for k in (NAME_PROGRAM, NAME_KEGIATAN, NAME_SUB)}
        self.code_col = header.first(CODE) or header.first(CODE_SUB)
        self.composer = _Composer(header)
        self.rekening_rows = 0
        self.last_program_name: str = ""
        self.last_kegiatan_name: str = ""

    def row(self, number: int, values: tuple[Any, ...], pagu: Decimal | None, pagu_bad: bool) -> SubRow | None:
        result, errors, names, name_col = self.result, self.result.errors, self.names, self.name_col
        code, blame, any_code = self.composer.compose(values, number, errors)
        if blame is not None and code is None and any_code and C.is_rekening(clean_text(blame.raw(values))):
            self.rekening_rows += 1
            return None
        program_name = clean_text(names[NAME_PROGRAM].raw(values)) if names[NAME_PROGRAM] else ""
        kegiatan_name = clean_text(names[NAME_KEGIATAN].raw(values)) if names[NAME_KEGIATAN] else ""
        # Merged (vertically) program and kegiatan names: fill down.
        program_name = program_name or self.last_program_name
        kegiatan_name = kegiatan_name or self.last_kegiatan_name
        sub_name_col = names[NAME_SUB] or name_col
        name = clean_text(sub_name_col.raw(values)) if sub_name_col else ""
        if code is None:
            if not any_code:
                texts = [clean_text(c.raw(values)) for c in self.header.columns if c.kind in NAME_KINDS]
                label = next((t for t in texts if t), "")
                if _TOTAL_RE.match(label.lower()) and pagu is not None:
                    result.grand_total = Stated(number, "", label, pagu)
                elif pagu is not None and not pagu_bad:
                    errors.append(ImportIssue(number, (self.code_col or self.pagu_col).label, CODE_REQUIRED))
            return None
        self.last_program_name, self.last_kegiatan_name = program_name, kegiatan_name
        _check_names((names[NAME_PROGRAM], names[NAME_KEGIATAN], sub_name_col), values, number, errors)
        program_code, kegiatan_code = C.parent_code(code, "program"), C.parent_code(code, "kegiatan")
        if program_code not in result.programs:
            result.programs[program_code] = Stated(number, program_code, program_name, None)
        elif program_name and not result.programs[program_code].name:
            result.programs[program_code].name = program_name
        if kegiatan_code not in result.kegiatan:
            result.kegiatan[kegiatan_code] = Stated(number, kegiatan_code, kegiatan_name, None)
        elif kegiatan_name and not result.kegiatan[kegiatan_code].name:
            result.kegiatan[kegiatan_code].name = kegiatan_name
        column = blame or self.pagu_col
        return SubRow(code, name, column, names[NAME_SUB] or name_col or column, program_code, kegiatan_code, program_name, kegiatan_name)
