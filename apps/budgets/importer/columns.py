"""Column objects: header text to column kind, cell cleaning (amounts, names, text, codes) and the
anggaran kas columns of a row."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from apps.core.numbers import NumberParseError, format_rupiah, parse_decimal_id, quantize
from apps.core.periods import ROMAN

from .. import codes as C
from .limits import MAX_AMOUNT
from .messages import (
    AMOUNT_TOO_LARGE,
    DATE_NOT_NUMBER,
    KAS_MONTHS_DISAGREE,
    NAME_CONTROL_CHARS,
    NAME_EXCEL_ERROR,
    NAME_NOT_TEXT,
    NAME_TOO_LONG,
    NEGATIVE_AMOUNT,
    NEGATIVE_PAGU,
    NOT_A_NUMBER,
    TOO_MANY_DECIMALS,
    CellError,
    ImportIssue,
)

MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember")
_MONTH_ALIASES = {
    "jan": 1, "januari": 1, "feb": 2, "peb": 2, "februari": 2, "pebruari": 2, "mar": 3, "maret": 3, "apr": 4, "april": 4,
    "mei": 5, "may": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "agu": 8, "agt": 8, "aug": 8, "agustus": 8,
    "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10, "nov": 11, "nop": 11, "november": 11,
    "nopember": 11, "des": 12, "dec": 12, "desember": 12,
}  # fmt: skip
_ROMAN = {**{numeral.lower(): q for q, numeral in ROMAN.items()}, **{str(q): q for q in ROMAN}}  # "iv" and "4" both give 4
_QUARTER_RE = re.compile(r"\b(?:tw|triwulan|trw|tri wulan)\s*\.?\s*-?\s*(iv|iii|ii|i|[1-4])\b")
# A group header "Anggaran Kas per Triwulan (Setelah Perubahan)" over sub-headers "I" ... "IV" (issue 20: its kas
# columns used to be dropped silently): the quarter is the last word.
_QUARTER_LAST_RE = re.compile(r"\b(?:tw|triwulan|trw)\b.*\s(iv|iii|ii|i|[1-4])$")
_CUMULATIVE_RE = re.compile(r"\bs\s*/\s*d\b|\bs\s*\.\s*d\b|\bsd\b|sampai|kumulatif")
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTH_ALIASES, key=len, reverse=True)) + r")\b")
_SPACES = re.compile(r"\s+")
_TOTAL_RE = re.compile(r"^(jumlah|total)\b")
_BULAN_RE = re.compile(r"^bulan\s*-?\s*(1[0-2]|0?[1-9])$")  # SIPD's "Bulan 1" ... "Bulan 12"
#: Columns of SIPD exports that hold codes or names of levels above the program, or a per-kegiatan total repeated on
#: every row: never a field, always listed as ignored.
_OWNER_NAME_RE = re.compile(r"^(?:nama\s+)?(?:skpd|sub skpd|opd|unit|sub unit|organisasi|perangkat daerah|pemda|pemerintah daerah)$")
_OWNER_YEAR_RE = re.compile(r"^tahun(?: anggaran)?$")
_IGNORED_SIPD = re.compile(r"\b(urusan|bidang|skpd|opd|sub unit|unit|organisasi|tipe dokumen|jenis dokumen)\b|total rincian")


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
CODE_AKUN, NAME_AKUN = "code_akun", "name_akun"  # SIPD's flat rekap: one row per sub kegiatan x kode akun (issue 20)
#: Whose file: SIPD's flat exports name the SKPD (and sometimes the year) on every row, not in title rows; the
#: values are compared like title rows (identity.py), so a wrong kecamatan's rekap is refused too (issue 20).
OWNER_NAME, OWNER_YEAR = "owner_name", "owner_year"
OWNER_KINDS = {OWNER_NAME, OWNER_YEAR}
CODE_KINDS = {CODE, CODE_PROGRAM, CODE_KEGIATAN, CODE_SUB, CODE_AKUN}
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
    if _OWNER_NAME_RE.match(text):
        return OWNER_NAME, {}
    if _OWNER_YEAR_RE.match(text):
        return OWNER_YEAR, {}
    if _IGNORED_SIPD.search(text) and not ("sub" in text and "kegiatan" in text):
        return None
    if purpose == "realisasi" and "kode" in text and ("akun" in text or "rekening" in text) and "sub" not in text:
        return CODE_AKUN, {}  # SIPD's realisasi by kode rekening: one row per sub kegiatan x account, summed (issue 20)
    if purpose in ("dpa", "kas") and "akun" in text:
        if "kode" in text:
            return CODE_AKUN, {}
        if "nama" in text or "uraian" in text:
            return NAME_AKUN, {}
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
    quarter = _QUARTER_RE.search(text) or _QUARTER_LAST_RE.search(text)
    month = _MONTH_RE.search(text) if not quarter else None
    realisasi = "realisasi" in text
    if purpose == "realisasi":
        if quarter and not any(w in text for w in ("kas", "target", "pagu", "sisa", "selisih", "%", "persen", "serapan")):
            return REALISASI, {"quarter": _ROMAN[quarter.group(1)], "cumulative": bool(_CUMULATIVE_RE.search(text))}
        if realisasi and not quarter and not any(w in text for w in ("kas", "target", "pagu", "sisa", "selisih", "%", "persen", "serapan")):
            # "Nilai Realisasi" (SIPD): realisasi s/d the quarter the file's title or the upload names (issue 20)
            return REALISASI, {"quarter": None, "cumulative": True}
    else:
        if realisasi or any(w in text for w in ("sisa", "selisih", "%", "persen", "serapan", "bertambah", "berkurang")):
            return None
        if quarter:
            return KAS, {"quarter": _ROMAN[quarter.group(1)], "cumulative": bool(_CUMULATIVE_RE.search(text))}
        if month and (len(text) <= 12 or "kas" in text or "bulan" in text):
            return KAS_MONTH, {"month": _MONTH_ALIASES[month.group(1)]}
        bulan = _BULAN_RE.match(text)
        if bulan:
            return KAS_MONTH, {"month": int(bulan.group(1))}
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


def _code_of(raw: Any, column: ImportColumn, row: int, errors: list[ImportIssue]) -> str | None:
    if raw in (None, ""):
        return None
    try:
        return C.normalise_code(raw)
    except C.CodeError as exc:
        errors.append(ImportIssue(row, column.label, str(exc)))
        return None


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
