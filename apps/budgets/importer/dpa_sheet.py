"""Reading a DPA sheet: the pagu and anggaran kas columns chosen, every row read by the reader of its
layout (:mod:`.layout_a`, :mod:`.layout_b`), the sub kegiatan lines checked, and the tree built with
its stated totals checked (:func:`_build_tree`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps import calculations as calc
from apps.core.numbers import format_rupiah

from .. import codes as C
from .columns import (
    CODE_AKUN,
    CODE_KEGIATAN,
    CODE_PROGRAM,
    CODE_SUB,
    KAS,
    KAS_MONTH,
    MONTHS,
    NAME_AKUN,
    NAME_SUB,
    PAGU,
    SUMBER,
    Header,
    ImportColumn,
    _KasColumns,
    clean_text,
)
from .dpa import ParsedDpa, ParsedLine, Stated
from .dpa_form import parse_forms
from .layout_a import LayoutA
from .layout_b import LayoutB
from .messages import (
    AKUN_NOT_BELANJA,
    AKUN_REQUIRED,
    AMBIGUOUS_PAGU,
    DUPLICATE_CODE,
    DUPLICATE_QUARTER,
    FORMULA_NO_VALUE,
    HIDDEN,
    KAS_BEFORE_IGNORED,
    KAS_DECREASING,
    KAS_NOT_PAGU,
    LEAVES_TOTAL,
    NAME_REQUIRED,
    NO_LINES,
    PAGU_REQUIRED,
    TOTAL_MISMATCH,
    CellError,
    ImportIssue,
    ImportRejected,
)
from .sheet import Sheet, _data_rows, form_sheets, open_sheet, sheet_notes


def _check_kas(line: ParsedLine, errors: list[ImportIssue], column: str) -> None:
    previous: tuple[int, Decimal] | None = None
    for q, v in enumerate(line.kas, start=1):
        if v is None:
            continue
        if previous is not None and v < previous[1]:
            errors.append(
                ImportIssue(
                    line.row, column, KAS_DECREASING % {"q": q, "v": format_rupiah(v), "p": previous[0], "pv": format_rupiah(previous[1])}
                )
            )
        previous = (q, v)
    if line.kas[3] is not None and line.kas[3] != line.pagu:
        errors.append(ImportIssue(line.row, column, KAS_NOT_PAGU % {"kas": format_rupiah(line.kas[3]), "pagu": format_rupiah(line.pagu)}))


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return a if b is None else (b if a is None else a + b)


def _flat_row(
    result: ParsedDpa, flat: dict[str, ParsedLine], sub: Any, values: tuple[Any, ...], number: int, pagu: Decimal | None,
    akun_col: Any, akun_name_col: Any, kas_reader: Any, sumber_col: Any,
) -> None:  # fmt: skip
    """One row of a flat SIPD rekap: its amount (Nilai Rincian / NILAI) and anggaran kas added to its sub
    kegiatan's line, and to the line's kode akun; a row without a kode akun, or whose kode akun is not a belanja
    account (5.x), is an error of its cell."""
    errors = result.errors
    raw_akun = clean_text(akun_col.raw(values), 60)
    if not raw_akun:
        errors.append(ImportIssue(number, akun_col.label, AKUN_REQUIRED))
        return
    if not C.is_rekening(raw_akun) or not raw_akun.startswith("5"):
        errors.append(ImportIssue(number, akun_col.label, AKUN_NOT_BELANJA % {"code": raw_akun}))
        return
    if not sub.name:
        errors.append(ImportIssue(number, sub.name_column.label, NAME_REQUIRED))
    kas, months = kas_reader.read(values, number, errors)
    amount = pagu if pagu is not None else Decimal(0)
    line = flat.get(sub.code)
    if line is None:
        line = flat[sub.code] = ParsedLine(
            row=number, code=sub.code, name=sub.name, program_code=sub.program_code, kegiatan_code=sub.kegiatan_code,
            sumber_dana=clean_text(sumber_col.raw(values), 200) if sumber_col else "", pagu=Decimal(0),
            program_name=sub.program_name, kegiatan_name=sub.kegiatan_name,
        )  # fmt: skip
        result.lines.append(line)
    elif sumber_col is not None:
        sumber = clean_text(sumber_col.raw(values), 200)
        if sumber and sumber not in line.sumber_dana.split("; "):
            line.sumber_dana = "; ".join(s for s in (line.sumber_dana, sumber) if s)[:200]
    line.pagu += amount
    line.kas = tuple(_add(a, b) for a, b in zip(line.kas, kas, strict=True))
    line.months = tuple(_add(a, b) for a, b in zip(line.months, months, strict=True))
    name, total = line.akun.get(raw_akun, ("", Decimal(0)))
    line.akun[raw_akun] = (name or (clean_text(akun_name_col.raw(values), 400) if akun_name_col else ""), total + amount)


def parse_dpa(data: bytes) -> ParsedDpa:
    """Read and validate a DPA workbook. Raises :class:`ImportRejected` for a file that cannot be read
    at all; otherwise returns every line with every error and warning (nothing is written anywhere)."""
    try:
        wb, sheet = open_sheet(data, "dpa")
    except ImportRejected as exc:
        if not exc.no_header:
            raise
        forms = form_sheets(data)  # a DPPA form's two-row header ("Setelah Perubahan … Jumlah") is no summary header
        if not forms:
            raise
    else:
        try:
            if not sheet.is_form:
                return _parse_dpa_sheet(sheet)
        finally:
            wb.close()
        forms = form_sheets(data)
    # SIPD's printed DPA form (issue 20): label blocks and kode rekening tables, one form per sub kegiatan
    result = parse_forms(forms)
    if not result.lines and not result.errors:
        result.errors.append(ImportIssue(None, "", NO_LINES))
    _build_tree(result, ImportColumn(kind=PAGU, index=0, header="Jumlah"))
    return result


_BEFORE = ("sebelum", "murni", "semula", "pokok")
_AFTER = ("setelah", "sesudah", "menjadi")


def _after_change(columns: list[ImportColumn]) -> tuple[list[ImportColumn], list[ImportColumn]]:
    """A DPPA's anggaran kas columns in sebelum/setelah pairs: the setelah ones are read, the sebelum ones dropped
    (and named in a warning) when the file has both for the same quarter or month."""
    after = {(c.quarter, c.month, c.cumulative) for c in columns if any(w in c.header.lower() for w in _AFTER)}
    dropped = [c for c in columns if any(w in c.header.lower() for w in _BEFORE) and (c.quarter, c.month, c.cumulative) in after]
    return [c for c in columns if c not in dropped], dropped


def _choose_pagu(header: Header) -> tuple[ImportColumn | None, list[ImportColumn]]:
    candidates = header.of(PAGU)
    if len(candidates) > 1:
        kept = [c for c in candidates if not any(w in c.header.lower() for w in ("sebelum", "murni", "semula", "pokok"))]
        candidates = kept or candidates
    if len(candidates) > 1:
        preferred = [c for c in candidates if any(w in c.header.lower() for w in ("setelah", "sesudah", "menjadi"))]
        candidates = preferred or candidates
    if len(candidates) > 1:
        return None, candidates
    return (candidates[0] if candidates else None), []


def _parse_dpa_sheet(sheet: Sheet) -> ParsedDpa:
    header = sheet.header
    result = ParsedDpa(sheet=sheet.title, header_row=header.row, title_lines=sheet.title_lines)
    result.warnings.extend(sheet_notes(sheet, "dpa"))
    errors = result.errors
    pagu_col, ambiguous = _choose_pagu(header)
    if pagu_col is None:
        labels = [c.label + (f" ({HIDDEN})" if c.index + 1 in sheet.hidden_columns else "") for c in ambiguous]
        errors.append(ImportIssue(header.row, "", AMBIGUOUS_PAGU % {"cols": ", ".join(labels)}))
        return result
    result.pagu_column = pagu_col.label
    layout_b = bool(header.of(CODE_SUB) or header.of(CODE_PROGRAM) or header.of(CODE_KEGIATAN) or header.of(NAME_SUB))
    result.layout = "B" if layout_b else "A"
    kas_cols, dropped = _after_change(header.of(KAS))
    month_cols, dropped_months = _after_change(header.of(KAS_MONTH))
    if dropped or dropped_months:
        result.warnings.append(str(KAS_BEFORE_IGNORED % {"list": ", ".join(c.label for c in [*dropped, *dropped_months])}))
    seen_q: dict[tuple[int, bool], ImportColumn] = {}
    for col in kas_cols:
        key = (col.quarter or 0, col.cumulative)
        if key in seen_q:
            what = f"anggaran kas {'s/d ' if col.cumulative else ''}TW {col.quarter}"
            errors.append(ImportIssue(header.row, col.label, DUPLICATE_QUARTER % {"a": seen_q[key].label, "b": col.label, "what": what}))
        seen_q[key] = col
    seen_m: dict[int, ImportColumn] = {}
    for col in month_cols:
        if (col.month or 0) in seen_m:
            what = f"anggaran kas {MONTHS[(col.month or 1) - 1]}"
            errors.append(
                ImportIssue(header.row, col.label, DUPLICATE_QUARTER % {"a": seen_m[col.month or 0].label, "b": col.label, "what": what})
            )
        seen_m[col.month or 0] = col
    sumber_col = header.first(SUMBER)
    seen_codes: dict[str, int] = {}
    # SIPD's flat rekap (issue 20): one row per sub kegiatan x kode akun; the rows of a sub kegiatan are summed
    # into its line (pagu, anggaran kas, months), the akun detail kept, instead of being "Kode ganda".
    akun_col, akun_name_col = header.first(CODE_AKUN), header.first(NAME_AKUN)
    flat: dict[str, ParsedLine] = {}
    if akun_col is not None:
        result.layout = "SIPD"
    layout: LayoutA | LayoutB = LayoutB(header, result, pagu_col) if layout_b else LayoutA(header, result, pagu_col, seen_codes)
    kas_reader = _KasColumns(kas_cols, month_cols)
    kas_label = kas_cols[-1].label if kas_cols else (month_cols[-1].label if month_cols else "")
    formula_cells = sheet.formula_cells
    used_cols = header.columns

    for number, values in _data_rows(sheet):
        if formula_cells:
            for col in used_cols:
                if (number, col.index + 1) in formula_cells:
                    errors.append(ImportIssue(number, col.label, FORMULA_NO_VALUE))
        try:
            pagu = pagu_col.clean(pagu_col.raw(values))
        except CellError as exc:
            errors.append(ImportIssue(number, pagu_col.label, str(exc)))
            pagu = None
            pagu_bad = True
        else:
            pagu_bad = False
        sub = layout.row(number, values, pagu, pagu_bad)
        if sub is None:
            continue

        # A sub kegiatan line.
        code = sub.code
        if akun_col is not None:
            _flat_row(result, flat, sub, values, number, pagu, akun_col, akun_name_col, kas_reader, sumber_col)
            continue
        if code in seen_codes:
            errors.append(ImportIssue(number, sub.column.label, DUPLICATE_CODE % {"code": code, "row": seen_codes[code]}))
            continue
        seen_codes[code] = number
        if not sub.name:
            errors.append(ImportIssue(number, sub.name_column.label, NAME_REQUIRED))
        if pagu is None and not pagu_bad and (number, pagu_col.index + 1) not in formula_cells:
            errors.append(ImportIssue(number, pagu_col.label, PAGU_REQUIRED))
        kas, months = kas_reader.read(values, number, errors)
        line = ParsedLine(
            row=number, code=code, name=sub.name, program_code=sub.program_code, kegiatan_code=sub.kegiatan_code,
            sumber_dana=clean_text(sumber_col.raw(values), 200) if sumber_col else "", pagu=pagu if pagu is not None else Decimal(0),
            kas=kas, months=months, program_name=sub.program_name, kegiatan_name=sub.kegiatan_name,
        )  # fmt: skip
        if pagu is not None:
            _check_kas(line, errors, kas_label)
        result.lines.append(line)

    result.title_lines = sheet.identity_lines()
    for line in flat.values():
        if line.pagu is not None:
            _check_kas(line, errors, kas_label)
    if layout.rekening_rows:
        result.warnings.append(f"{layout.rekening_rows} baris kode rekening belanja diabaikan (rincian di bawah sub kegiatan).")
    if not result.lines and not errors:
        errors.append(ImportIssue(None, "", NO_LINES))
    _build_tree(result, pagu_col)
    return result


def _build_tree(result: ParsedDpa, pagu_col: ImportColumn) -> None:
    """Program > kegiatan > sub kegiatan as :class:`calc.BudgetNode`; stated totals are checked."""
    by_kegiatan: dict[str, list[ParsedLine]] = {}
    for line in result.lines:
        by_kegiatan.setdefault(line.kegiatan_code, []).append(line)
        if line.program_code not in result.programs:
            result.programs[line.program_code] = Stated(line.row, line.program_code, "", None)
            result.warnings.append(f"Program {line.program_code} tidak memiliki baris sendiri; namanya kosong.")
        if line.kegiatan_code not in result.kegiatan:
            result.kegiatan[line.kegiatan_code] = Stated(line.row, line.kegiatan_code, "", None)
            result.warnings.append(f"Kegiatan {line.kegiatan_code} tidak memiliki baris sendiri; namanya kosong.")
    for line in result.lines:
        line.program_name = line.program_name or result.programs[line.program_code].name
        line.kegiatan_name = line.kegiatan_name or result.kegiatan[line.kegiatan_code].name
    for code, stated in result.kegiatan.items():
        if code not in by_kegiatan and stated.pagu:
            result.errors.append(
                ImportIssue(
                    stated.row, pagu_col.label, f"Kegiatan {code} berpagu {format_rupiah(stated.pagu)} tetapi tidak memiliki sub kegiatan."
                )
            )
    programs = []
    for p_code in sorted({line.program_code for line in result.lines}):
        kegiatan_nodes = []
        for k_code in sorted(k for k in by_kegiatan if k.startswith(p_code + ".")):
            leaves = tuple(
                calc.BudgetNode(code=ln.code, name=ln.name, level=calc.BudgetLevel.SUB_KEGIATAN, pagu=ln.pagu) for ln in by_kegiatan[k_code]
            )
            k = result.kegiatan[k_code]
            kegiatan_nodes.append(calc.BudgetNode(code=k_code, name=k.name, level=calc.BudgetLevel.KEGIATAN, pagu=k.pagu, children=leaves))
        p = result.programs[p_code]
        programs.append(
            calc.BudgetNode(code=p_code, name=p.name, level=calc.BudgetLevel.PROGRAM, pagu=p.pagu, children=tuple(kegiatan_nodes))
        )
    for code, stated in result.programs.items():
        if code not in {n.code for n in programs} and stated.pagu:
            result.errors.append(
                ImportIssue(
                    stated.row, pagu_col.label, f"Program {code} berpagu {format_rupiah(stated.pagu)} tetapi tidak memiliki sub kegiatan."
                )
            )
    total = result.grand_total
    root = calc.BudgetNode(
        code="", name=total.name if total else "Jumlah", level=calc.BudgetLevel.ORGANISASI, pagu=total.pagu if total else None,
        children=tuple(programs),
    )  # fmt: skip
    result.tree = root
    rows = {code: s.row for code, s in {**result.programs, **result.kegiatan}.items()}
    levels = {calc.BudgetLevel.PROGRAM: "program", calc.BudgetLevel.KEGIATAN: "kegiatan", calc.BudgetLevel.ORGANISASI: "jumlah"}
    nodes = {n.code: n for _, n in root.walk()}
    for mismatch in root.mismatches():
        if mismatch.field != "pagu":
            continue
        node = nodes[mismatch.code]
        row = rows.get(mismatch.code) if mismatch.code else (total.row if total else None)
        message = TOTAL_MISMATCH % {
            "level": levels.get(node.level, ""),
            "name": mismatch.name or mismatch.code,
            "stated": format_rupiah(mismatch.stated),
            "computed": format_rupiah(mismatch.computed),
            "diff": format_rupiah(abs(mismatch.difference)),
        }
        leaves = node.total_pagu()
        if leaves is not None and leaves != mismatch.computed:
            message += " " + LEAVES_TOTAL % {"total": format_rupiah(leaves)}
        result.total_mismatches.append(ImportIssue(row, pagu_col.label, message))
    for group in result.groups:
        leaves = [ln.pagu for ln in result.lines if ln.code.startswith(group.code + ".")]
        computed = sum(leaves, Decimal(0))
        if group.pagu is not None and leaves and computed != group.pagu:
            result.total_mismatches.append(
                ImportIssue(
                    group.row,
                    pagu_col.label,
                    TOTAL_MISMATCH
                    % {
                        "level": "urusan/bidang",
                        "name": group.name or group.code,
                        "stated": format_rupiah(group.pagu),
                        "computed": format_rupiah(computed),
                        "diff": format_rupiah(abs(group.pagu - computed)),
                    },  # fmt: skip
                )
            )
    result.errors.sort(key=lambda i: (i.row is None, i.row or 0))
    result.total_mismatches.sort(key=lambda i: (i.row is None, i.row or 0))
