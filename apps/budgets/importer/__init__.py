"""DPA/DPPA and realisasi anggaran spreadsheets: container checks, tolerant parsing, validation.

Nothing here touches the database (services.py writes, selectors.py reads). The flow follows
convention 10 (after pretix's ``modelimport``): the container is checked before openpyxl sees
it, the header row is found, every cell goes through a column object's ``clean()``, every error
is collected as (row, column, message), and the caller writes nothing unless the list is empty.

Accepted workbooks (docs/budgets.md):

* ``.xlsx`` judged by content (a zip with ``xl/workbook.xml``), at most :data:`MAX_UPLOAD_BYTES`,
  :data:`MAX_UNCOMPRESSED_BYTES` once unzipped (checked from the zip directory before loading),
  :data:`MAX_DATA_ROWS` non-empty rows after the header.
* Every part is read once before openpyxl sees it (:func:`.guard._scan_parts`): no DTD (``<!DOCTYPE``/``<!ENTITY``:
  entity expansion, external entities), no row wider than Excel's 16.384 columns, and element counts
  bounded, so the time and memory of a hostile file stay those of a legitimate one (tests/budgets/test_hostile_input.py).
* Title rows above the header; the header row is found by keywords (a code column, a name column,
  a pagu column); a second header row below merged cells is joined to the first; a row of column
  numbers ("(1) (2) (3)") and repeated header rows are skipped.
* Layout A: one code column, program and kegiatan rows interleaved with sub kegiatan rows; the level
  is the code's depth (:mod:`apps.budgets.codes`). Their pagu, when printed, is a *stated* total: it is checked
  against the sum of the sub kegiatan and never stored.
* Layout B: one row per sub kegiatan with separate code columns (full codes, or the program code
  with "2.01" and "0001" suffixes); program and kegiatan cells may be merged vertically.
* Amounts as numbers or Indonesian text ("1.555.607.740,00", "Rp 467.358.000"; "-" is 0).
* Anggaran kas per triwulan (per quarter, or cumulative "s/d TW n") and per month.

One module per job; this package re-exports what the rest of the code and the tests use:

* :mod:`.limits` (sizes, rows, columns, amounts) and :mod:`.messages` (the Indonesian messages,
  :class:`ImportIssue`, :class:`ImportRejected`, :class:`CellError`);
* :mod:`.guard`: the container (zip/OLE/ODS, sizes, XML parts, formulas without a cached value);
* :mod:`.columns`: header text to column kinds, cell cleaning, the anggaran kas columns;
* :mod:`.sheet`: the header row, the rows of the sheet within the limits;
* :mod:`.dpa` (the parsed DPA), :mod:`.dpa_sheet` (:func:`parse_dpa`: choices every layout shares,
  line checks, the tree and its totals), :mod:`.layout_a` and :mod:`.layout_b` (one reader per layout);
* :mod:`.diff`: differences between two DPA versions;
* :mod:`.realisasi`: realisasi workbooks, a :class:`RealisasiSheet` of :class:`RealisasiRow`.
"""

from .columns import clean_amount, clean_text, name_problem
from .diff import DpaDiff, LineChange, diff_lines
from .dpa import ParsedDpa, ParsedLine, Stated, content_hash
from .dpa_sheet import _check_kas as check_kas
from .dpa_sheet import parse_dpa
from .guard import OLE_SIGNATURE, ZIP_SIGNATURE, check_container, formulas_without_value
from .kas import KasRow, KasSheet, parse_kas
from .limits import (
    HEADER_SEARCH_ROWS,
    MAX_AMOUNT,
    MAX_COLUMNS,
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
    AMBIGUOUS_PAGU,
    AMOUNT_TOO_LARGE,
    BAD_DEPTH,
    CODE_REQUIRED,
    CORRUPT,
    DATE_NOT_NUMBER,
    DUPLICATE_CODE,
    DUPLICATE_QUARTER,
    EMPTY_FILE,
    ENCRYPTED,
    FORMULA_NO_VALUE,
    INCOMPLETE_CODE,
    KAS_DECREASING,
    KAS_MONTHS_DISAGREE,
    KAS_NOT_PAGU,
    LEAVES_TOTAL,
    LEGACY_XLS,
    NAME_CONTROL_CHARS,
    NAME_EXCEL_ERROR,
    NAME_NOT_TEXT,
    NAME_REQUIRED,
    NAME_TOO_LONG,
    NEGATIVE_AMOUNT,
    NEGATIVE_PAGU,
    NO_HEADER_DPA,
    NO_HEADER_REALISASI,
    NO_LINES,
    NOT_A_NUMBER,
    NOT_SPREADSHEET,
    NOT_UNDER_PROGRAM,
    ODS,
    PAGU_REQUIRED,
    QUARTER_GAP,
    REALISASI_NOT_LEAF,
    ROW_TOO_WIDE,
    TOO_LARGE,
    TOO_MANY_DECIMALS,
    TOO_MANY_ELEMENTS,
    TOO_MANY_MEMBERS,
    TOO_MANY_ROWS,
    TOO_MANY_SHEETS,
    TOTAL_MISMATCH,
    UNCOMPRESSED_TOO_LARGE,
    XML_DOCTYPE,
    CellError,
    ImportIssue,
    ImportRejected,
)
from .realisasi import RealisasiRow, RealisasiSheet, parse_realisasi
from .sheet import Sheet, open_sheet

__all__ = [
    "AMBIGUOUS_PAGU",
    "AMOUNT_TOO_LARGE",
    "BAD_DEPTH",
    "CODE_REQUIRED",
    "CORRUPT",
    "CellError",
    "DATE_NOT_NUMBER",
    "DUPLICATE_CODE",
    "DUPLICATE_QUARTER",
    "DpaDiff",
    "EMPTY_FILE",
    "ENCRYPTED",
    "FORMULA_NO_VALUE",
    "HEADER_SEARCH_ROWS",
    "INCOMPLETE_CODE",
    "ImportIssue",
    "ImportRejected",
    "KAS_DECREASING",
    "KAS_MONTHS_DISAGREE",
    "KAS_NOT_PAGU",
    "LEAVES_TOTAL",
    "LEGACY_XLS",
    "LineChange",
    "MAX_AMOUNT",
    "MAX_COLUMNS",
    "MAX_DATA_ROWS",
    "MAX_PART_ELEMENTS",
    "MAX_ROW_CELLS",
    "MAX_SCANNED_ROWS",
    "MAX_SHEETS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_UPLOAD_BYTES",
    "MAX_XML_ELEMENTS",
    "MAX_ZIP_MEMBERS",
    "NAME_CONTROL_CHARS",
    "NAME_EXCEL_ERROR",
    "NAME_NOT_TEXT",
    "NAME_REQUIRED",
    "NAME_TOO_LONG",
    "NEGATIVE_AMOUNT",
    "NEGATIVE_PAGU",
    "NOT_A_NUMBER",
    "NOT_SPREADSHEET",
    "NOT_UNDER_PROGRAM",
    "NO_HEADER_DPA",
    "NO_HEADER_REALISASI",
    "NO_LINES",
    "ODS",
    "OLE_SIGNATURE",
    "PAGU_REQUIRED",
    "ParsedDpa",
    "ParsedLine",
    "QUARTER_GAP",
    "REALISASI_NOT_LEAF",
    "ROW_TOO_WIDE",
    "RealisasiRow",
    "RealisasiSheet",
    "Sheet",
    "Stated",
    "TOO_LARGE",
    "TOO_MANY_DECIMALS",
    "TOO_MANY_ELEMENTS",
    "TOO_MANY_MEMBERS",
    "TOO_MANY_ROWS",
    "TOO_MANY_SHEETS",
    "TOTAL_MISMATCH",
    "UNCOMPRESSED_TOO_LARGE",
    "XML_DOCTYPE",
    "ZIP_SIGNATURE",
    "check_container",
    "clean_amount",
    "clean_text",
    "content_hash",
    "diff_lines",
    "formulas_without_value",
    "name_problem",
    "open_sheet",
    "parse_dpa",
    "parse_realisasi",
    "parse_kas",
    "check_kas",
    "KasRow",
    "KasSheet",
]
