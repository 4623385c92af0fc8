"""SIPD's printed DPA form, "DPA-RINCIAN BELANJA" (issue 20): one form per sub kegiatan, one or many per sheet and
sheets per file. The codes are in a label block ("Program : 7.01.01 …", "Kegiatan : 7.01.01.2.01 …", "Sub Kegiatan :
7.01.01.2.01.0001 …", "Organisasi : … KECAMATAN PERAK", the Nomor DPA, "TAHUN ANGGARAN 2024"), then a table of kode
rekening lines ("Kode Rekening | Uraian | Koefisien | Satuan | Harga | PPN | Jumlah"), in "Sebelum Perubahan" /
"Setelah Perubahan" pairs for a DPPA. The sub kegiatan's pagu is the sum of its belanja accounts at the most
detailed level (5.x.xx.xx.xx.xxxx); the rows above them (5, 5.1, 5.1.02, …) and the form's "Jumlah" are written
totals, compared; the komponen rows under an account (no code) are its detail and are not added again.

Nothing is written here: the result is a :class:`ParsedDpa` like every other layout's (layout "RINCIAN").
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from apps.core.numbers import format_rupiah

from .. import codes as C
from .columns import CellError, clean_amount, clean_text
from .dpa import ParsedDpa, ParsedLine, Stated
from .messages import TOTAL_MISMATCH, ImportIssue

LAYOUT = "RINCIAN"
_LABEL = re.compile(r"^\s*(program|kegiatan|sub\s*kegiatan|organisasi|nomor\s+dppa?|urusan pemerintahan|bidang urusan)\s*:\s*(.*)$", re.I)
_CODE_NAME = re.compile(r"^([\d.]+)\s*[-–]?\s*(.*)$")
_FORM_MARK = re.compile(r"\bsub\s*kegiatan\s*:", re.I)
#: A belanja account at the level SIPD budgets (six segments: 5.1.02.01.01.0024).
_AKUN_LEAF = re.compile(r"^5(\.\d+){5}$")
_AKUN_ANY = re.compile(r"^5(\.\d+){0,5}$")
DETAIL_NOTE = (
    "Formulir DPA-Rincian: pagu tiap sub kegiatan = jumlah kode rekening belanjanya; kolom koefisien, satuan, harga dan PPN "
    "serta baris komponen di bawah kode rekening adalah rinciannya dan tidak dijumlahkan lagi."
)
BEFORE_NOTE = "Kolom «Sebelum Perubahan» tidak dibaca: yang dibaca kolom «Setelah Perubahan» (versi DPPA ini); nilai sebelumnya ada pada versi DPA sebelumnya."
NO_FORM_TABLE = "Formulir sub kegiatan %(code)s tidak memiliki tabel kode rekening (judul «Kode Rekening … Jumlah»)."
NO_JUMLAH = "Kolom «Jumlah» tabel kode rekening tidak ditemukan (baris %(row)s)."
FORM_DUPLICATE = "Sub kegiatan %(code)s muncul di dua formulir (baris %(first)s dan %(row)s)."


def _text(values: tuple[Any, ...]) -> str:
    return " ".join(str(v).strip() for v in values if v is not None and str(v).strip())


def looks_like_form(rows: list[tuple[Any, ...]]) -> bool:
    """Whether the first rows of a sheet hold a DPA form's label block ("Sub Kegiatan : …")."""
    return any(_FORM_MARK.search(_text(r)) for r in rows)


class _Form:
    def __init__(self, row: int) -> None:
        self.row = row
        self.labels: dict[str, tuple[str, str]] = {}
        self.jumlah: int | None = None  # column index of the amount read (Setelah Perubahan when paired)
        self.code_col: int | None = None
        self.name_col: int | None = None
        self.akun: dict[str, tuple[str, Decimal]] = {}
        self.akun_rows: dict[str, int] = {}
        self.stated: list[tuple[int, str, Decimal]] = []  # (row, code or "", amount) written totals
        self.paired = False  # the table has Sebelum/Setelah Perubahan column pairs (a DPPA)


def _header(values: tuple[Any, ...], below: tuple[Any, ...] | None) -> tuple[int, int, int] | None:
    """(code column, name column, jumlah column) of a kode rekening table header, preferring the Jumlah under
    "Setelah Perubahan" when the header has a sebelum/setelah group above the column names."""
    texts = [clean_text(v, 200).lower() for v in values]
    code = next((i for i, t in enumerate(texts) if "kode" in t and "rekening" in t), None)
    if code is None:
        return None
    name = next((i for i, t in enumerate(texts) if "uraian" in t), code + 1)
    group = ""
    jumlah: list[tuple[int, str]] = []
    rows = [texts] + ([[clean_text(v, 200).lower() for v in below]] if below is not None else [])
    for i in range(max(len(r) for r in rows)):
        top = rows[0][i] if i < len(rows[0]) else ""
        group = top if ("sebelum" in top or "setelah" in top or "sesudah" in top) else group
        for r in rows:
            cell = r[i] if i < len(r) else ""
            if cell.startswith("jumlah") or cell == "nilai":
                jumlah.append((i, group))
    if not jumlah:
        return code, name, -1
    after = [i for i, g in jumlah if "setelah" in g or "sesudah" in g]
    return code, name, after[0] if after else jumlah[0][0]


def parse_forms(sheets: list[tuple[str, list[tuple[int, tuple[Any, ...]]]]]) -> ParsedDpa:
    """Every form of every sheet (name, [(row number, values)]) as a ParsedDpa: one line per sub kegiatan."""
    result = ParsedDpa(sheet=", ".join(name for name, _rows in sheets), layout=LAYOUT)
    titles: list[tuple[int, str]] = []
    forms: list[_Form] = []
    for _name, rows in sheets:
        form: _Form | None = None
        pending: dict[str, tuple[str, str]] = {}  # the labels of the next form, read before its "Sub Kegiatan :"
        for index, (number, values) in enumerate(rows):
            text = _text(values)
            if not text:
                continue
            label = _LABEL.match(text)
            if label:
                key = re.sub(r"\s+", " ", label.group(1).lower())
                found = _CODE_NAME.match(label.group(2).strip())
                value = (found.group(1).strip("."), found.group(2).strip()) if found else ("", label.group(2).strip())
                if key == "sub kegiatan":
                    form = _Form(number)
                    form.labels.update(pending)
                    pending = {}
                    forms.append(form)
                if key == "sub kegiatan" or (form is not None and form.code_col is None):
                    assert form is not None
                    form.labels[key] = value
                else:
                    pending[key] = value
                if key == "organisasi" or key.startswith("nomor"):
                    titles.append((number, text))
                continue
            if form is None:
                if len([v for v in values if v is not None]) <= 3:
                    titles.append((number, text))  # the title block above the first form: whose file it is
                continue
            if form.code_col is None:
                below = rows[index + 1][1] if index + 1 < len(rows) else None
                found_header = _header(values, below)
                if found_header is not None:
                    form.code_col, form.name_col, form.jumlah = found_header
                    form.paired = "sebelum" in text.lower() and ("setelah" in text.lower() or "sesudah" in text.lower())
                    if form.jumlah < 0:
                        result.errors.append(ImportIssue(number, "", NO_JUMLAH % {"row": number}))
                continue
            _form_row(result, form, number, values, text)
    result.title_lines = tuple(titles)
    _lines(result, forms)
    result.warnings.append(DETAIL_NOTE)
    if any(f.paired for f in forms):
        result.warnings.append(BEFORE_NOTE)
    return result


def _form_row(result: ParsedDpa, form: _Form, number: int, values: tuple[Any, ...], text: str) -> None:
    assert form.code_col is not None
    raw_code = clean_text(values[form.code_col] if form.code_col < len(values) else None, 60)
    raw_amount = values[form.jumlah] if form.jumlah is not None and 0 <= form.jumlah < len(values) else None
    if not raw_code:
        if text.lower().startswith("jumlah") and raw_amount is not None:
            try:
                amount = clean_amount(raw_amount)
            except CellError:
                return
            if amount is not None:
                form.stated.append((number, "", amount))
        return  # a komponen row (the account's detail) or a blank/heading row
    if not _AKUN_ANY.match(raw_code):
        return
    try:
        amount = clean_amount(raw_amount)
    except CellError as exc:
        result.errors.append(ImportIssue(number, f"kolom {form.jumlah + 1 if form.jumlah is not None else '?'}", str(exc)))
        return
    if amount is None:
        return
    if _AKUN_LEAF.match(raw_code):
        name = clean_text(values[form.name_col] if form.name_col is not None and form.name_col < len(values) else None, 400)
        old_name, old = form.akun.get(raw_code, ("", Decimal(0)))
        form.akun[raw_code] = (old_name or name, old + amount)
        form.akun_rows.setdefault(raw_code, number)
    else:
        form.stated.append((number, raw_code, amount))


def _lines(result: ParsedDpa, forms: list[_Form]) -> None:
    seen: dict[str, int] = {}
    for form in forms:
        code_raw, name = form.labels.get("sub kegiatan", ("", ""))
        code = C.try_normalise(code_raw)
        if code is None or C.level_of(code) != "sub_kegiatan":
            result.errors.append(ImportIssue(form.row, "", f"Kode sub kegiatan «{code_raw}» pada formulir tidak sah."))
            continue
        if code in seen:
            result.errors.append(ImportIssue(form.row, "", FORM_DUPLICATE % {"code": code, "first": seen[code], "row": form.row}))
            continue
        seen[code] = form.row
        if form.code_col is None:
            result.errors.append(ImportIssue(form.row, "", NO_FORM_TABLE % {"code": code}))
            continue
        program_code, kegiatan_code = C.parent_code(code, "program"), C.parent_code(code, "kegiatan")
        program_name = form.labels.get("program", ("", ""))[1]
        kegiatan_name = form.labels.get("kegiatan", ("", ""))[1]
        pagu = sum((amount for _n, amount in form.akun.values()), Decimal(0))
        line = ParsedLine(row=form.row, code=code, name=name, program_code=program_code, kegiatan_code=kegiatan_code, pagu=pagu,
                          program_name=program_name, kegiatan_name=kegiatan_name, akun=dict(form.akun))  # fmt: skip
        result.lines.append(line)
        result.programs.setdefault(program_code, Stated(form.row, program_code, program_name, None))
        result.kegiatan.setdefault(kegiatan_code, Stated(form.row, kegiatan_code, kegiatan_name, None))
        for row, stated_code, amount in form.stated:
            computed = sum((a for c, (_n, a) in form.akun.items() if not stated_code or c.startswith(stated_code + ".")), Decimal(0))
            if amount != computed:
                what = f"akun {stated_code}" if stated_code else "sub kegiatan"
                message = TOTAL_MISMATCH % {"level": what, "name": name or code, "stated": format_rupiah(amount),
                                            "computed": format_rupiah(computed), "diff": format_rupiah(abs(amount - computed))}  # fmt: skip
                result.total_mismatches.append(ImportIssue(row, "Jumlah", message))
