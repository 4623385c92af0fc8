"""DPA/DPPA and realisasi anggaran spreadsheets: container checks, tolerant parsing, validation.

Nothing here touches the database (services.py writes, selectors.py reads). The flow follows
convention 10 (after pretix's ``modelimport``): the container is checked before openpyxl sees
it, the header row is found, every cell goes through a column object's ``clean()``, every error
is collected as (row, column, message), and the caller writes nothing unless the list is empty.

Accepted workbooks (docs/budgets.md):

* ``.xlsx`` judged by content (a zip with ``xl/workbook.xml``), at most :data:`MAX_UPLOAD_BYTES`,
  :data:`MAX_UNCOMPRESSED_BYTES` once unzipped (checked from the zip directory before loading),
  :data:`MAX_DATA_ROWS` non-empty rows after the header.
* Every part is read once before openpyxl sees it (:func:`_scan_parts`): no DTD (``<!DOCTYPE``/``<!ENTITY``:
  entity expansion, external entities), no row wider than Excel's 16.384 columns, and element counts
  bounded, so the time and memory of a hostile file stay those of a legitimate one (tests/budgets/test_hostile_input.py).
* Title rows above the header; the header row is found by keywords (a code column, a name column,
  a pagu column); a second header row below merged cells is joined to the first; a row of column
  numbers ("(1) (2) (3)") and repeated header rows are skipped.
* Layout A: one code column, program and kegiatan rows interleaved with sub kegiatan rows; the level
  is the code's depth (:mod:`.codes`). Their pagu, when printed, is a *stated* total: it is checked
  against the sum of the sub kegiatan and never stored.
* Layout B: one row per sub kegiatan with separate code columns (full codes, or the program code
  with "2.01" and "0001" suffixes); program and kegiatan cells may be merged vertically.
* Amounts as numbers or Indonesian text ("1.555.607.740,00", "Rp 467.358.000"; "-" is 0).
* Anggaran kas per triwulan (per quarter, or cumulative "s/d TW n") and per month.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from apps.core.numbers import NumberParseError, format_rupiah, parse_decimal_id, quantize
from apps.core.periods import ROMAN
from apps.performance import calculations as calc

from . import codes as C

# ---------------------------------------------------------------------------------------------------
# Limits and messages (module constants: the tests import them)
# ---------------------------------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
MAX_DATA_ROWS = 20_000
MAX_SCANNED_ROWS = 100_000  # rows iterated in all, empty formatted rows included
MAX_COLUMNS = 80
MAX_ROW_CELLS = 16_384  # Excel's column count: a row cannot hold more cells
MAX_XML_ELEMENTS = 2_000_000  # start tags in all parts together (20.000 rows x 40 columns of cells fit)
MAX_PART_ELEMENTS = 200_000  # start tags in one part, not counting cells (openpyxl builds these as objects)
MAX_SHEETS = 255
_SCAN_CHUNK = 1024 * 1024
HEADER_SEARCH_ROWS = 30
MAX_AMOUNT = Decimal(10) ** 15

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"

EMPTY_FILE = _("Berkas kosong.")
TOO_LARGE = _("Berkas terlalu besar (%(size)s MB); batasnya %(limit)s MB.")
NOT_SPREADSHEET = _("Berkas ini bukan lembar kerja Excel (.xlsx). Jenis berkas diperiksa dari isinya, bukan dari nama atau ekstensinya.")
ENCRYPTED = _(
    "Berkas dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. Buka di Excel, hapus kata sandinya "
    "(File > Info > Lindungi Buku Kerja), simpan sebagai .xlsx, lalu unggah lagi."
)
LEGACY_XLS = _("Format Excel lama (.xls) tidak didukung. Buka berkas lalu simpan sebagai Excel Workbook (.xlsx), kemudian unggah lagi.")
ODS = _("Format OpenDocument (.ods) tidak didukung. Simpan sebagai Excel Workbook (.xlsx) lalu unggah lagi.")
CORRUPT = _("Berkas .xlsx rusak atau tidak dapat dibaca.")
TOO_MANY_MEMBERS = _("Berkas berisi terlalu banyak bagian (%(n)s); batasnya %(limit)s. Berkas ditolak demi keamanan.")
UNCOMPRESSED_TOO_LARGE = _(
    "Isi berkas setelah diekstrak terlalu besar (%(size)s MB; batasnya %(limit)s MB). Berkas ditolak sebelum dibaca demi keamanan."
)
XML_DOCTYPE = _("Berkas berisi deklarasi DOCTYPE/ENTITY XML yang tidak diizinkan. Berkas ditolak demi keamanan.")
TOO_MANY_ELEMENTS = _(
    "Isi berkas terlalu rumit (bagian «%(part)s» berisi lebih dari %(limit)s unsur). Berkas ditolak sebelum dibaca demi keamanan. "
    "Simpan ulang dari Excel sebagai .xlsx atau pecah menjadi beberapa berkas."
)
ROW_TOO_WIDE = _("Satu baris pada bagian «%(part)s» berisi lebih dari %(limit)s sel (batas Excel). Berkas ditolak demi keamanan.")
TOO_MANY_SHEETS = _("Berkas berisi lebih dari %(limit)s lembar kerja. Berkas ditolak demi keamanan.")
TOO_MANY_ROWS = _("Berkas berisi lebih dari %(limit)s baris data. Pecah menjadi beberapa berkas atau hapus baris yang tidak perlu.")
NO_HEADER_DPA = _(
    "Baris judul kolom tidak ditemukan pada %(n)s baris pertama lembar mana pun. Diperlukan kolom «Kode», "
    "«Uraian» (atau «Program/Kegiatan/Sub Kegiatan») dan «Pagu» (atau «Jumlah Anggaran»). Unduh templat untuk contoh."
)
NO_HEADER_REALISASI = _(
    "Baris judul kolom tidak ditemukan pada %(n)s baris pertama. Diperlukan kolom «Kode Sub Kegiatan» dan sedikitnya "
    "satu kolom triwulan, mis. «Realisasi s/d TW I» atau «TW I». Unduh templat untuk contoh."
)
AMBIGUOUS_PAGU = _("Lebih dari satu kolom pagu (%(cols)s). Hapus atau ganti nama kolom yang bukan pagu.")
DUPLICATE_QUARTER = _("Kolom %(a)s dan %(b)s sama-sama berisi %(what)s.")
FORMULA_NO_VALUE = _(
    "Sel berisi rumus tanpa nilai tersimpan. Buka berkas di Excel atau LibreOffice agar rumus dihitung, simpan, lalu unggah lagi "
    "(atau salin lalu tempel sebagai nilai)."
)
NOT_A_NUMBER = _("«%(text)s» bukan angka yang sah.")
DATE_NOT_NUMBER = _("Berisi tanggal, bukan angka.")
TOO_MANY_DECIMALS = _("Paling banyak 2 angka di belakang koma (sen).")
AMOUNT_TOO_LARGE = _("Angka terlalu besar.")
NEGATIVE_PAGU = _("Pagu tidak boleh negatif.")
NEGATIVE_AMOUNT = _("Nilai tidak boleh negatif.")
PAGU_REQUIRED = _("Pagu sub kegiatan kosong. Isi angkanya (0 bila memang tidak dianggarkan).")
NAME_REQUIRED = _("Nama sub kegiatan kosong.")
NAME_NOT_TEXT = _("Berisi %(what)s, bukan nama (teks).")
NAME_EXCEL_ERROR = _("Berisi galat Excel %(code)s, bukan nama. Perbaiki rumus atau rujukannya, simpan, lalu unggah lagi.")
NAME_TOO_LONG = _("Nama terlalu panjang (%(n)s karakter); paling banyak %(limit)s.")
NAME_CONTROL_CHARS = _("Nama berisi karakter kendali atau penanda arah teks (%(chars)s) yang tidak diizinkan.")
CODE_REQUIRED = _("Baris berisi angka tetapi tidak memiliki kode.")
BAD_DEPTH = _("Kode «%(code)s» tidak sesuai tingkat program (7.01.01), kegiatan (7.01.01.2.01) atau sub kegiatan (7.01.01.2.01.0001).")
DUPLICATE_CODE = _("Kode %(code)s ganda: sudah ada di baris %(row)s.")
NOT_UNDER_PROGRAM = _("Kode kegiatan «%(code)s» tidak berada di bawah program «%(program)s».")
INCOMPLETE_CODE = _("Kode sub kegiatan tidak lengkap: isi kode lengkap (7.01.01.2.01.0001) atau kode program, kegiatan dan sub kegiatan.")
NO_LINES = _("Tidak ada satu pun baris sub kegiatan.")
TOTAL_MISMATCH = _("Pagu %(level)s «%(name)s» tertulis %(stated)s, sedangkan jumlah rinciannya %(computed)s (selisih %(diff)s).")
LEAVES_TOTAL = _("Jumlah seluruh sub kegiatannya %(total)s.")
KAS_DECREASING = _("Anggaran kas s/d TW %(q)s (%(v)s) lebih kecil dari s/d TW %(p)s (%(pv)s).")
KAS_NOT_PAGU = _("Anggaran kas s/d TW IV (%(kas)s) tidak sama dengan pagu (%(pagu)s).")
KAS_MONTHS_DISAGREE = _("Anggaran kas s/d TW %(q)s (%(v)s) tidak sama dengan jumlah anggaran kas bulanan (%(m)s).")
QUARTER_GAP = _("TW %(gap)s kosong sedangkan TW %(q)s diisi. Isi 0 bila memang tidak ada realisasi (kosong berarti belum dilaporkan).")
REALISASI_NOT_LEAF = _("Baris %(level)s diabaikan: jumlahnya dihitung dari sub kegiatan.")

MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember")
_MONTH_ALIASES = {
    "jan": 1, "januari": 1, "feb": 2, "peb": 2, "februari": 2, "pebruari": 2, "mar": 3, "maret": 3, "apr": 4, "april": 4,
    "mei": 5, "may": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "agu": 8, "agt": 8, "aug": 8, "agustus": 8,
    "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10, "nov": 11, "nop": 11, "november": 11,
    "nopember": 11, "des": 12, "dec": 12, "desember": 12,
}  # fmt: skip
_ROMAN = {**{numeral.lower(): q for q, numeral in ROMAN.items()}, **{str(q): q for q in ROMAN}}  # "iv" and "4" both give 4
_QUARTER_RE = re.compile(r"\b(?:tw|triwulan|trw|tri wulan)\s*\.?\s*-?\s*(iv|iii|ii|i|[1-4])\b")
_CUMULATIVE_RE = re.compile(r"\bs\s*/\s*d\b|\bs\s*\.\s*d\b|\bsd\b|sampai|kumulatif")
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTH_ALIASES, key=len, reverse=True)) + r")\b")
_NUMBERING_RE = re.compile(r"^\(?\d{1,2}\)?(\s*=.*)?$")
_SPACES = re.compile(r"\s+")
_TOTAL_RE = re.compile(r"^(jumlah|total)\b")


# ---------------------------------------------------------------------------------------------------
# Issues
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportIssue:
    """One problem: the sheet row (as Excel numbers it; None for the whole file), the column
    (letter and header text) and an Indonesian message."""

    row: int | None
    column: str
    message: str

    def __post_init__(self) -> None:
        # Messages are translated when the issue is made (in the language of the request).
        object.__setattr__(self, "message", str(self.message))

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(str(_("baris %(n)s") % {"n": self.row}))
        if self.column:
            where.append(str(_("kolom %(c)s") % {"c": self.column}))
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRejected(Exception):
    """The file cannot be read at all (not a spreadsheet, encrypted, too large, no header)."""

    def __init__(self, message: Any) -> None:
        message = str(message)  # a lazy translation, translated now
        super().__init__(message)
        self.message = message

    @property
    def issues(self) -> list[ImportIssue]:
        return [ImportIssue(None, "", self.message)]


class CellError(ValueError):
    pass


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


# ---------------------------------------------------------------------------------------------------
# 1. The container, before openpyxl sees it
# ---------------------------------------------------------------------------------------------------


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
    from xml.parsers import expat

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


# ---------------------------------------------------------------------------------------------------
# 2. Formula cells without a cached value
# ---------------------------------------------------------------------------------------------------

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


def clean_amount(value: Any, *, allow_negative: bool = False, negative_message: str = NEGATIVE_AMOUNT) -> Decimal | None:
    """A cell as Rupiah: ``None`` for blank (blank is not zero), a ``Decimal`` with at most two
    decimals otherwise. Numbers, Indonesian text and the accounting dash ("-" = 0) are accepted."""
    if value is None:
        return None
    if type(value) is int:  # the common case, numbers typed in the sheet
        if value < 0 and not allow_negative:
            raise CellError(negative_message)
        if -MAX_AMOUNT < value < MAX_AMOUNT:
            return Decimal(value)
        raise CellError(AMOUNT_TOO_LARGE)
    if isinstance(value, bool):
        raise CellError(NOT_A_NUMBER % {"text": value})
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(NOT_A_NUMBER % {"text": value})
        exact = Decimal(repr(value))
        number = quantize(exact, 2)
        if abs(exact - number) > Decimal("0.000001"):  # beyond float noise: really more than 2 decimals
            raise CellError(TOO_MANY_DECIMALS)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError(NOT_A_NUMBER % {"text": value})
        number = value
    elif isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise CellError(DATE_NOT_NUMBER)
    else:
        text = str(value).strip()
        if not text:
            return None
        if text in {"-", "\u2013", "\u2014", "Rp -", "Rp-"}:
            return Decimal(0)
        try:
            number = parse_decimal_id(text)
        except NumberParseError as exc:
            raise CellError(str(exc)) from None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise CellError(TOO_MANY_DECIMALS)
    if abs(number) >= MAX_AMOUNT:
        raise CellError(AMOUNT_TOO_LARGE)
    if number < 0 and not allow_negative:
        raise CellError(negative_message)
    return number


EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"})
# C0/C1 controls left after whitespace is collapsed, and the bidi embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069) that can make a name display as something else.
_CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NAME_MAX_LENGTH = 400


def name_problem(value: Any) -> str | None:
    """Why a name cell (program, kegiatan, sub kegiatan) is not a usable name, or None.

    Names are stored as given, so a cell that is not text (a date, TRUE/FALSE, a number), an Excel
    error value, a text longer than the column, or one with control or bidi characters is an error of
    its row and column rather than silently converted or cut."""
    if value is None:
        return None
    if isinstance(value, bool):
        return NAME_NOT_TEXT % {"what": "nilai TRUE/FALSE"}
    if isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        return NAME_NOT_TEXT % {"what": "tanggal atau waktu"}
    if isinstance(value, int | float | Decimal):
        return NAME_NOT_TEXT % {"what": "angka"}
    text = " ".join(str(value).split())
    if text in EXCEL_ERRORS:
        return NAME_EXCEL_ERROR % {"code": text}
    if len(text) > NAME_MAX_LENGTH:
        return NAME_TOO_LONG % {"n": f"{len(text):,}".replace(",", "."), "limit": NAME_MAX_LENGTH}
    found = sorted(set(_CONTROL_CHARS.findall(text)))
    if found:
        return NAME_CONTROL_CHARS % {"chars": ", ".join(f"U+{ord(c):04X}" for c in found[:5])}
    return None


def _check_names(columns: Iterable[ImportColumn | None], values: tuple[Any, ...], row: int, errors: list[ImportIssue]) -> None:
    for col in columns:
        if col is not None:
            problem = name_problem(col.raw(values))
            if problem:
                errors.append(ImportIssue(row, col.label, problem))


def clean_text(value: Any, max_length: int = 400) -> str:
    if value is None:
        return ""
    if type(value) is not str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
    return " ".join(value.split())[:max_length]


@dataclass
class ImportColumn:
    """A column of the sheet mapped to a field: its position, header text and cleaning rule."""

    kind: str
    index: int  # 0-based
    header: str
    quarter: int | None = None
    month: int | None = None
    cumulative: bool = False

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index + 1)

    @functools.cached_property
    def label(self) -> str:
        return f"{self.letter} ({self.header})" if self.header else self.letter

    def raw(self, values: tuple[Any, ...]) -> Any:
        return values[self.index] if self.index < len(values) else None

    def clean(self, value: Any) -> Any:
        if self.kind in AMOUNT_KINDS:
            return clean_amount(value, negative_message=NEGATIVE_PAGU if self.kind == PAGU else NEGATIVE_AMOUNT)
        if self.kind in CODE_KINDS:
            return clean_text(value, 60)
        return clean_text(value, 400 if self.kind != SUMBER else 200)


# Column kinds
CODE, CODE_PROGRAM, CODE_KEGIATAN, CODE_SUB = "code", "code_program", "code_kegiatan", "code_sub"
NAME, NAME_PROGRAM, NAME_KEGIATAN, NAME_SUB = "name", "name_program", "name_kegiatan", "name_sub"
SUMBER, PAGU, KAS, KAS_MONTH, REALISASI = "sumber", "pagu", "kas", "kas_month", "realisasi"
CODE_KINDS = {CODE, CODE_PROGRAM, CODE_KEGIATAN, CODE_SUB}
NAME_KINDS = {NAME, NAME_PROGRAM, NAME_KEGIATAN, NAME_SUB}
AMOUNT_KINDS = {PAGU, KAS, KAS_MONTH, REALISASI}


def display_header(value: Any) -> str:
    text = clean_text(value, 200).replace("\u2013", "-").replace("_", " ")
    return _SPACES.sub(" ", text).strip(" :")


def normalise_header(value: Any) -> str:
    return display_header(value).lower()


def classify_header(text: str, purpose: str) -> tuple[str, dict[str, Any]] | None:
    """The kind of a column from its (joined, lower-case) header text, or None when ignored.

    ``purpose`` is ``"dpa"`` or ``"realisasi"``. Quarter and month columns carry their number;
    "s/d" (or "sampai", "kumulatif") marks a cumulative quarter column.
    """
    text = text.lower()
    if not text:
        return None
    if any(w in text for w in ("keterangan", "catatan", "indikator", "satuan", "permasalahan", "kendala")):
        return None
    if "kode" in text:
        if "sub" in text and "kegiatan" in text and "program" not in text:
            return CODE_SUB, {}
        if "kegiatan" in text and "program" not in text and "sub" not in text:
            return CODE_KEGIATAN, {}
        if "program" in text and "kegiatan" not in text:
            return CODE_PROGRAM, {}
        if "rekening" in text and "sub" not in text:
            return CODE, {}
        return CODE, {}
    quarter = _QUARTER_RE.search(text)
    month = _MONTH_RE.search(text) if not quarter else None
    realisasi = "realisasi" in text
    if purpose == "realisasi":
        if quarter and not any(w in text for w in ("kas", "target", "pagu", "sisa", "selisih", "%", "persen", "serapan")):
            return REALISASI, {"quarter": _ROMAN[quarter.group(1)], "cumulative": bool(_CUMULATIVE_RE.search(text))}
    else:
        if realisasi or any(w in text for w in ("sisa", "selisih", "%", "persen", "serapan", "bertambah", "berkurang")):
            return None
        if quarter:
            return KAS, {"quarter": _ROMAN[quarter.group(1)], "cumulative": bool(_CUMULATIVE_RE.search(text))}
        if month and (len(text) <= 12 or "kas" in text or "bulan" in text):
            return KAS_MONTH, {"month": _MONTH_ALIASES[month.group(1)]}
        if "sumber" in text and "dana" in text:
            return SUMBER, {}
        if ("pagu" in text or "anggaran" in text or text.startswith("jumlah") or text.startswith("nilai")) and "kas" not in text:
            if "uraian" not in text and "kegiatan" not in text:
                return PAGU, {}
    if realisasi:
        return None
    if "uraian" in text or "nomenklatur" in text or ("program" in text and "kegiatan" in text):
        return NAME, {}
    if "sub" in text and "kegiatan" in text:
        return NAME_SUB, {}
    if "kegiatan" in text:
        return NAME_KEGIATAN, {}
    if "program" in text:
        return NAME_PROGRAM, {}
    if text in {"nama", "keterangan nama"}:
        return NAME, {}
    return None


@dataclass
class Header:
    row: int  # last header row (1-based); data starts below
    columns: list[ImportColumn]
    labels: list[str]

    def of(self, kind: str) -> list[ImportColumn]:
        return [c for c in self.columns if c.kind == kind]

    def first(self, kind: str) -> ImportColumn | None:
        found = self.of(kind)
        return found[0] if found else None


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


# ---------------------------------------------------------------------------------------------------
# 4. Reading the workbook
# ---------------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    title: str
    header: Header
    rows: Iterator[tuple[int, tuple[Any, ...]]]  # (row number, values) below the header
    formula_cells: set[tuple[int, int]]


def _open(data: bytes) -> Any:
    import openpyxl

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
            header, _used = found
            rest = head[header.row :]

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
            if path:
                with zipfile.ZipFile(io.BytesIO(data)) as zf:
                    formula_cells = formulas_without_value(zf.read(path))
            return wb, Sheet(title=ws.title, header=header, rows=rows(), formula_cells=formula_cells)
    except ImportRejected:
        wb.close()
        raise
    except Exception:  # noqa: BLE001
        wb.close()
        raise ImportRejected(CORRUPT) from None
    wb.close()
    raise ImportRejected((NO_HEADER_DPA if purpose == "dpa" else NO_HEADER_REALISASI) % {"n": HEADER_SEARCH_ROWS})


def _data_rows(sheet: Sheet) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Non-empty rows below the header, without numbering rows and repeated headers, within the limits."""
    header_code = {c.index: c.header.lower() for c in sheet.header.columns if c.kind in CODE_KINDS}
    formula_rows = {r for r, _c in sheet.formula_cells}
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
        yield number, values


# ---------------------------------------------------------------------------------------------------
# 5. DPA
# ---------------------------------------------------------------------------------------------------


@dataclass
class ParsedLine:
    """A sub kegiatan of the DPA: its pagu and anggaran kas (cumulative s/d TW n, and per month)."""

    row: int
    code: str
    name: str
    program_code: str
    kegiatan_code: str
    sumber_dana: str = ""
    pagu: Decimal = Decimal(0)
    kas: tuple[Decimal | None, ...] = (None, None, None, None)
    months: tuple[Decimal | None, ...] = (None,) * 12
    program_name: str = ""
    kegiatan_name: str = ""

    def canonical(self) -> str:
        """Every field as text (amounts with exactly 2 decimals), for the content hash."""

        def s(v: Decimal | None) -> str:
            return "" if v is None else f"{v:.2f}"  # exact: every amount has at most 2 decimals

        months = "" if self.months.count(None) == 12 else "\x1f".join(s(m) for m in self.months)
        return "\x1f".join(
            (
                self.code, self.name, self.program_code, self.program_name, self.kegiatan_code, self.kegiatan_name,
                self.sumber_dana, s(self.pagu), s(self.kas[0]), s(self.kas[1]), s(self.kas[2]), s(self.kas[3]), months,
            )
        )  # fmt: skip


@dataclass
class Stated:
    """A total printed in the file (program, kegiatan, urusan/bidang or grand total): only checked."""

    row: int
    code: str
    name: str
    pagu: Decimal | None


@dataclass
class ParsedDpa:
    sheet: str = ""
    layout: str = ""
    header_row: int = 0
    lines: list[ParsedLine] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    programs: dict[str, Stated] = field(default_factory=dict)
    kegiatan: dict[str, Stated] = field(default_factory=dict)
    groups: list[Stated] = field(default_factory=list)
    grand_total: Stated | None = None
    tree: calc.BudgetNode | None = None
    pagu_column: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.lines)

    @property
    def content_sha256(self) -> str:
        return content_hash(self.lines)

    @property
    def total_pagu(self) -> Decimal | None:
        return self.tree.total_pagu() if self.tree else None


def content_hash(lines: Iterable[ParsedLine]) -> str:
    """What makes two DPA files the same DPA: every line's fields, in code order."""
    payload = "\n".join(sorted(line.canonical() for line in lines))
    return hashlib.sha256(payload.encode()).hexdigest()


def _code_of(raw: Any, column: ImportColumn, row: int, errors: list[ImportIssue]) -> str | None:
    if raw in (None, ""):
        return None
    try:
        return C.normalise_code(raw)
    except C.CodeError as exc:
        errors.append(ImportIssue(row, column.label, str(exc)))
        return None


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


class _KasColumns:
    """The anggaran kas columns of a sheet: per quarter, cumulative ("s/d TW n") and per month."""

    NONE: tuple[Decimal | None, ...] = (None, None, None, None)
    NO_MONTHS: tuple[Decimal | None, ...] = (None,) * 12

    def __init__(self, kas_cols: list[ImportColumn], month_cols: list[ImportColumn]) -> None:
        self.per_quarter = [c for c in kas_cols if not c.cumulative]
        self.cumulative = [c for c in kas_cols if c.cumulative]
        self.months = month_cols
        self.present = {c.quarter for c in self.per_quarter}
        self.any = bool(kas_cols or month_cols)

    @staticmethod
    def _cell(col: ImportColumn, values: tuple[Any, ...], row: int, errors: list[ImportIssue]) -> Decimal | None:
        raw = values[col.index] if col.index < len(values) else None
        if raw is None:
            return None
        try:
            return clean_amount(raw)
        except CellError as exc:
            errors.append(ImportIssue(row, col.label, str(exc)))
            return None

    def read(
        self, values: tuple[Any, ...], row: int, errors: list[ImportIssue]
    ) -> tuple[tuple[Decimal | None, ...], tuple[Decimal | None, ...]]:
        """Cumulative kas s/d TW 1-4 and the 12 monthly amounts of a row."""
        if not self.any:
            return self.NONE, self.NO_MONTHS
        zero = Decimal(0)
        cell = self._cell
        given_q = given_m = given_c = False
        quarters: dict[int, Decimal | None] = {}
        for c in self.per_quarter:
            v = quarters[c.quarter or 0] = cell(c, values, row, errors)
            given_q = given_q or v is not None
        stated: dict[int, Decimal | None] = {}
        for c in self.cumulative:
            v = stated[c.quarter or 0] = cell(c, values, row, errors)
            given_c = given_c or v is not None
        months: list[Decimal | None] = [None] * 12
        for c in self.months:
            v = months[(c.month or 1) - 1] = cell(c, values, row, errors)
            given_m = given_m or v is not None
        if not (given_q or given_m or given_c):
            return self.NONE, self.NO_MONTHS
        kas: list[Decimal | None] = [None] * 4
        # A cash plan spreads the whole pagu: in a row that has one, an empty quarter or month is 0.
        if given_q:
            running = zero
            for q in range(1, 5):
                if q not in self.present:
                    break
                running += quarters[q] or zero
                kas[q - 1] = running
        for q, v in stated.items():
            if v is not None:
                kas[q - 1] = v
        if given_m:
            months = [m if m is not None else zero for m in months]
            running = zero
            for q in range(1, 5):
                running += sum(months[3 * q - 3 : 3 * q], zero)  # type: ignore[arg-type]
                if kas[q - 1] is None:
                    kas[q - 1] = running
                elif kas[q - 1] != running:
                    errors.append(
                        ImportIssue(row, "", KAS_MONTHS_DISAGREE % {"q": q, "v": format_rupiah(kas[q - 1]), "m": format_rupiah(running)})
                    )
        return tuple(kas), tuple(months)


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


def parse_dpa(data: bytes) -> ParsedDpa:
    """Read and validate a DPA workbook. Raises :class:`ImportRejected` for a file that cannot be read
    at all; otherwise returns every line with every error and warning (nothing is written anywhere)."""
    wb, sheet = open_sheet(data, "dpa")
    try:
        return _parse_dpa_sheet(sheet)
    finally:
        wb.close()


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
    result = ParsedDpa(sheet=sheet.title, header_row=header.row)
    errors = result.errors
    pagu_col, ambiguous = _choose_pagu(header)
    if pagu_col is None:
        errors.append(ImportIssue(header.row, "", AMBIGUOUS_PAGU % {"cols": ", ".join(c.label for c in ambiguous)}))
        return result
    result.pagu_column = pagu_col.label
    layout_b = bool(header.of(CODE_SUB) or header.of(CODE_PROGRAM) or header.of(CODE_KEGIATAN) or header.of(NAME_SUB))
    result.layout = "B" if layout_b else "A"
    kas_cols = header.of(KAS)
    month_cols = header.of(KAS_MONTH)
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
    name_col = header.first(NAME)
    names = {k: header.first(k) for k in (NAME_PROGRAM, NAME_KEGIATAN, NAME_SUB)}
    code_col = header.first(CODE) or header.first(CODE_SUB)
    composer = _Composer(header) if layout_b else None
    kas_reader = _KasColumns(kas_cols, month_cols)
    kas_label = kas_cols[-1].label if kas_cols else (month_cols[-1].label if month_cols else "")
    formula_cells = sheet.formula_cells
    used_cols = header.columns
    seen_codes: dict[str, int] = {}
    rekening_rows = 0
    last_program_name: str = ""
    last_kegiatan_name: str = ""

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

        if composer is not None:
            code, blame, any_code = composer.compose(values, number, errors)
            if blame is not None and code is None and any_code and C.is_rekening(clean_text(blame.raw(values))):
                rekening_rows += 1
                continue
            program_name = clean_text(names[NAME_PROGRAM].raw(values)) if names[NAME_PROGRAM] else ""
            kegiatan_name = clean_text(names[NAME_KEGIATAN].raw(values)) if names[NAME_KEGIATAN] else ""
            # Merged (vertically) program and kegiatan names: fill down.
            program_name = program_name or last_program_name
            kegiatan_name = kegiatan_name or last_kegiatan_name
            sub_name_col = names[NAME_SUB] or name_col
            name = clean_text(sub_name_col.raw(values)) if sub_name_col else ""
            if code is None:
                if not any_code:
                    texts = [clean_text(c.raw(values)) for c in header.columns if c.kind in NAME_KINDS]
                    label = next((t for t in texts if t), "")
                    if _TOTAL_RE.match(label.lower()) and pagu is not None:
                        result.grand_total = Stated(number, "", label, pagu)
                    elif pagu is not None and not pagu_bad:
                        errors.append(ImportIssue(number, (code_col or pagu_col).label, CODE_REQUIRED))
                continue
            last_program_name, last_kegiatan_name = program_name, kegiatan_name
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
            column = blame or pagu_col
        else:
            assert code_col is not None and name_col is not None
            raw_code = clean_text(code_col.raw(values), 60)
            name = clean_text(name_col.raw(values))
            if not raw_code:
                if _TOTAL_RE.match(name.lower()) and pagu is not None:
                    result.grand_total = Stated(number, "", name, pagu)
                elif pagu is not None and not pagu_bad:
                    errors.append(ImportIssue(number, code_col.label, CODE_REQUIRED))
                continue
            if C.is_rekening(raw_code):
                rekening_rows += 1
                continue
            code = _code_of(raw_code, code_col, number, errors)
            if code is None:
                continue
            level = C.level_of(code) or ""
            column = code_col
            _check_names((name_col,), values, number, errors)
            if level in ("urusan", "bidang"):
                if pagu is not None:
                    result.groups.append(Stated(number, code, name, pagu))
                continue
            if level == "program":
                if code in seen_codes:
                    errors.append(ImportIssue(number, code_col.label, DUPLICATE_CODE % {"code": code, "row": seen_codes[code]}))
                    continue
                seen_codes[code] = number
                result.programs[code] = Stated(number, code, name, pagu)
                continue
            if level == "kegiatan":
                if code in seen_codes:
                    errors.append(ImportIssue(number, code_col.label, DUPLICATE_CODE % {"code": code, "row": seen_codes[code]}))
                    continue
                seen_codes[code] = number
                result.kegiatan[code] = Stated(number, code, name, pagu)
                continue
            if level != "sub_kegiatan":
                errors.append(ImportIssue(number, code_col.label, BAD_DEPTH % {"code": raw_code}))
                continue
            program_code, kegiatan_code = C.parent_code(code, "program"), C.parent_code(code, "kegiatan")
            program_name = kegiatan_name = ""

        # A sub kegiatan line.
        if code in seen_codes:
            errors.append(ImportIssue(number, column.label, DUPLICATE_CODE % {"code": code, "row": seen_codes[code]}))
            continue
        seen_codes[code] = number
        if not name:
            errors.append(ImportIssue(number, (names.get(NAME_SUB) or name_col or column).label, NAME_REQUIRED))
        if pagu is None and not pagu_bad and (number, pagu_col.index + 1) not in formula_cells:
            errors.append(ImportIssue(number, pagu_col.label, PAGU_REQUIRED))
        kas, months = kas_reader.read(values, number, errors)
        line = ParsedLine(
            row=number, code=code, name=name, program_code=program_code, kegiatan_code=kegiatan_code,
            sumber_dana=clean_text(sumber_col.raw(values), 200) if sumber_col else "", pagu=pagu if pagu is not None else Decimal(0),
            kas=kas, months=months, program_name=program_name, kegiatan_name=kegiatan_name,
        )  # fmt: skip
        if pagu is not None:
            _check_kas(line, errors, kas_label)
        result.lines.append(line)

    if rekening_rows:
        result.warnings.append(f"{rekening_rows} baris kode rekening belanja diabaikan (rincian di bawah sub kegiatan).")
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
        result.errors.append(ImportIssue(row, pagu_col.label, message))
    for group in result.groups:
        leaves = [ln.pagu for ln in result.lines if ln.code.startswith(group.code + ".")]
        computed = sum(leaves, Decimal(0))
        if group.pagu is not None and leaves and computed != group.pagu:
            result.errors.append(
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


# ---------------------------------------------------------------------------------------------------
# 6. Differences between two DPA versions
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineChange:
    code: str
    name: str
    old_pagu: Decimal | None
    new_pagu: Decimal | None
    what: tuple[str, ...] = ()

    @property
    def difference(self) -> Decimal | None:
        if self.old_pagu is None or self.new_pagu is None:
            return None
        return self.new_pagu - self.old_pagu


@dataclass
class DpaDiff:
    added: list[LineChange] = field(default_factory=list)
    removed: list[LineChange] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)
    unchanged: int = 0
    old_total: Decimal | None = None
    new_total: Decimal | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


_COMPARED = (("name", "nama"), ("sumber_dana", "sumber dana"), ("pagu", "pagu"), ("kas", "anggaran kas"), ("months", "kas bulanan"))


def diff_lines(old: list[Any] | None, new: list[ParsedLine]) -> DpaDiff:
    """Added, removed and changed sub kegiatan between the version in force (``old``: objects with
    the same attribute names, e.g. ``DpaLine`` rows) and the parsed file."""
    result = DpaDiff(new_total=sum((ln.pagu for ln in new), Decimal(0)))
    if old is None:
        result.added = [LineChange(ln.code, ln.name, None, ln.pagu) for ln in new]
        return result
    result.old_total = sum((ln.pagu for ln in old), Decimal(0))
    before = {ln.code: ln for ln in old}
    after = {ln.code: ln for ln in new}
    for code, ln in after.items():
        was = before.get(code)
        if was is None:
            result.added.append(LineChange(code, ln.name, None, ln.pagu))
            continue
        what = tuple(label for attr, label in _COMPARED if _values(was, attr) != _values(ln, attr))
        if what:
            result.changed.append(LineChange(code, ln.name, was.pagu, ln.pagu, what))
        else:
            result.unchanged += 1
    for code, was in before.items():
        if code not in after:
            result.removed.append(LineChange(code, was.name, was.pagu, None))
    for items in (result.added, result.removed, result.changed):
        items.sort(key=lambda c: c.code)
    return result


def _values(obj: Any, attr: str) -> Any:
    value = getattr(obj, attr)
    if attr in ("kas", "months"):
        return tuple(None if v is None else quantize(v, 2) for v in value)
    if attr == "pagu":
        return quantize(value, 2)
    return value


# ---------------------------------------------------------------------------------------------------
# 7. Realisasi anggaran
# ---------------------------------------------------------------------------------------------------


@dataclass
class ParsedRealisation:
    row: int
    code: str
    column: str
    cumulative: dict[int, Decimal]  # quarter -> realisasi s/d TW n, only the quarters given


@dataclass
class ParsedRealisasi:
    sheet: str = ""
    header_row: int = 0
    quarters: tuple[int, ...] = ()
    quarter_columns: dict[int, str] = field(default_factory=dict)
    rows: list[ParsedRealisation] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_realisasi(data: bytes) -> ParsedRealisasi:
    """Read a realisasi workbook: a sub kegiatan code and quarter columns, either cumulative
    ("Realisasi s/d TW II") or per quarter ("TW II"), converted to cumulative. A blank cell is not
    reported (never 0); per-quarter values need every earlier quarter."""
    wb, sheet = open_sheet(data, "realisasi")
    try:
        return _parse_realisasi_sheet(sheet)
    finally:
        wb.close()


def _parse_realisasi_sheet(sheet: Sheet) -> ParsedRealisasi:
    header = sheet.header
    result = ParsedRealisasi(sheet=sheet.title, header_row=header.row)
    errors = result.errors
    columns = header.of(REALISASI)
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
        result.rows.append(ParsedRealisation(row=number, code=code, column=(blame or columns[0]).label, cumulative=cumulative))
    for level, n in ignored.items():
        result.warnings.append(f"{n} baris {level} diabaikan: jumlahnya dihitung dari sub kegiatan.")
    return result
