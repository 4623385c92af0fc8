"""Indonesian numbers: THE rounding helper, parsing and formatting (pure Python, no Django).

Rules (see docs/calculations.md, "Rounding" and "Number input"):

* Every figure is a ``Decimal``. Floats are refused with ``TypeError``; NaN and infinities are refused
  with ``ValueError``.
* :func:`quantize` is the only rounding function of the project: ROUND_HALF_UP (the rule every seed
  report reproduces where the rounding mode can be told apart; docs/domain.md section 6). Values are kept
  at full precision and rounded once, for display.
* Display format is Indonesian: thousands dot, decimal comma ("1.234.567,89"), "Rp 1.234.567",
  "115,40 %". Blank (``None``) is shown as "-" and is never zero.
* :func:`parse_decimal_id` reads what users type and what SIPD spreadsheets contain. The dot rule is
  fixed and unambiguous:

  1. With a comma, the comma is the decimal separator (exactly one), and every dot is a thousands
     separator that must group digits correctly: ``"1.555.607.740,00"``, ``"84,24"``.
     ``",-"`` after the integer part means "no decimals" (``"Rp 2.153.076.141,-"``).
  2. Without a comma and with two or more dots, every dot is a thousands separator:
     ``"1.555.607.740"``.
  3. Without a comma and with exactly one dot: followed by exactly three digits (and a head of one to
     three digits not starting with 0) it is a thousands separator (``"467.358"`` is 467358);
     followed by one or two digits it is a decimal point (``"84.24"``, ``"99.7"``, as typed in
     seeds 002 and 003). Anything else (``"0.125"``, ``"3.1415"``, ``"1234.567"``) is refused as
     ambiguous: write it with a comma.

  Accepted decorations: leading ``Rp``/``Rp.``/``IDR`` (optional space), a trailing ``%``, a sign
  (``-``, ``+`` or the typographic minus ``−``) before or after ``Rp``, accounting parentheses
  ``(2.202.684.141,00)`` for a negative, surrounding spaces. Everything else is refused with
  :class:`NumberParseError`, whose message is Indonesian.
"""

from __future__ import annotations

import re
from decimal import MAX_EMAX, MIN_EMIN, ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

__all__ = [
    "HALF_UP",
    "MAX_INPUT_LENGTH",
    "ROUNDING_MODES",
    "TRUNCATE",
    "NUMBER_KINDS",
    "NumberParseError",
    "cell_places",
    "format_cell",
    "format_decimal_id",
    "format_number_id",
    "format_percent",
    "format_rupiah",
    "parse_decimal_id",
    "quantize",
    "quantize_truncate",
    "round_display",
]

#: Rounding modes a pemda's report convention may choose (apps.calculations.conventions): half up (the
#: default, every seed where it can be told apart) or truncation toward zero ("0,255" printed "0,25").
HALF_UP = "half_up"
TRUNCATE = "truncate"
ROUNDING_MODES = (HALF_UP, TRUNCATE)

#: Longest text :func:`parse_decimal_id` accepts ("1.555.607.740.000.000,00" is 24 characters).
MAX_INPUT_LENGTH = 40

_HINT = "Gunakan format 1.234,56."


class NumberParseError(ValueError):
    """A text that is not a valid Indonesian number; the message is meant for the user."""

    def __init__(self, text: str, detail: str = "") -> None:
        shown = text if len(text) <= 50 else text[:47] + "..."
        message = f"«{shown}» bukan angka yang sah. {_HINT}"
        if detail:
            message = f"«{shown}» bukan angka yang sah: {detail}. {_HINT}"
        super().__init__(message)
        self.text = text
        self.detail = detail


def _require_decimal(value: object, what: str = "nilai") -> Decimal:
    if isinstance(value, float):
        raise TypeError(f"{what}: float tidak diterima, gunakan Decimal")
    if not isinstance(value, Decimal):
        raise TypeError(f"{what}: harus Decimal, bukan {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{what}: NaN atau tak hingga tidak diterima")
    return value


def _quantize(value: Decimal, places: int, rounding: str) -> Decimal:
    value = _require_decimal(value)
    if isinstance(places, bool) or not isinstance(places, int):
        raise TypeError("places harus int")
    if places < 0:
        raise ValueError("places tidak boleh negatif")
    exponent = Decimal(1).scaleb(-places)
    with localcontext() as ctx:
        ctx.prec = max(28, max(value.adjusted(), 0) + places + 2)
        ctx.Emax = MAX_EMAX
        ctx.Emin = MIN_EMIN
        result = value.quantize(exponent, rounding=rounding)
    if result.is_zero():
        result = result.copy_abs()
    return result


def quantize(value: Decimal, places: int) -> Decimal:
    """Round ``value`` to ``places`` decimals, half up; the project's default rounding.

    ``quantize(Decimal("84.185"), 2) == Decimal("84.19")`` (seed 003 section 5.2: banker's rounding
    would give 84,18). A rounded zero is never negative (``-0,001`` gives ``0.00``). The precision of
    the arithmetic context is widened as needed, so large Rupiah totals never raise.
    """
    return _quantize(value, places, ROUND_HALF_UP)


def quantize_truncate(value: Decimal, places: int) -> Decimal:
    """Cut ``value`` to ``places`` decimals toward zero (truncation), for a kabupaten whose convention says so.

    ``quantize_truncate(Decimal("0.255"), 2) == Decimal("0.25")``; ``-1,239`` gives ``-1.23`` (toward zero,
    not down); a cut zero is never negative. Same checks and context as :func:`quantize`.
    """
    return _quantize(value, places, ROUND_DOWN)


def round_display(value: Decimal, places: int, rounding: str = HALF_UP) -> Decimal:
    """``value`` at ``places`` decimals by the rounding mode ``rounding`` (:data:`HALF_UP` or :data:`TRUNCATE`)."""
    if rounding == HALF_UP:
        return quantize(value, places)
    if rounding == TRUNCATE:
        return quantize_truncate(value, places)
    raise ValueError(f"cara pembulatan tidak dikenal: {rounding!r}")


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def format_decimal_id(value: Decimal | None, places: int = 2, *, blank: str = "-", rounding: str = HALF_UP) -> str:
    """``Decimal("1234567.891")`` with 2 places gives ``"1.234.567,89"``; ``None`` gives ``blank``.
    ``rounding=TRUNCATE`` cuts instead of rounding half up (``0,255`` gives ``"0,25"``)."""
    if value is None:
        return blank
    rounded = round_display(value, places, rounding)
    sign = "-" if rounded < 0 else ""
    int_part, _, frac = f"{rounded.copy_abs():f}".partition(".")
    text = sign + _group_thousands(int_part)
    if places > 0:
        text += "," + frac
    return text


def format_number_id(value: Decimal | None, *, blank: str = "-") -> str:
    """Format with the value's own decimals, as entered: ``84.24`` gives "84,24", ``73`` gives "73".

    Used in derivations to show the operands exactly as they are stored.
    """
    if value is None:
        return blank
    value = _require_decimal(value)
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_decimal_id(value, places)


def format_rupiah(value: Decimal | None, places: int = 0, *, blank: str = "-", rounding: str = HALF_UP) -> str:
    """``Decimal(1234567)`` gives ``"Rp 1.234.567"``; a negative gives ``"-Rp 1.234.567"``."""
    if value is None:
        return blank
    text = format_decimal_id(value, places, rounding=rounding)
    if text.startswith("-"):
        return "-Rp " + text[1:]
    return "Rp " + text


def format_percent(value: Decimal | None, places: int = 2, *, blank: str = "-", rounding: str = HALF_UP) -> str:
    """``Decimal("115.4")`` gives ``"115,40 %"`` (a space before the sign, as in the seed tables)."""
    if value is None:
        return blank
    return format_decimal_id(value, places, rounding=rounding) + " %"


#: The kinds of a report cell that hold a number (apps.reports.document.Cell.kind); any other kind is text.
NUMBER_KINDS = ("number", "percent", "rupiah", "int")


def cell_places(kind: str | None, places: int | None) -> int:
    """The decimals a report cell is shown with: counts whole, Rupiah whole unless the cell says otherwise
    (the pemda's report convention), percentages and other numbers
    at the cell's own places (2 when it has none). The page, the PDF, the change list and the XLSX
    number format all follow it (:func:`format_cell`, apps.reports.renderers)."""
    if kind == "int" or (kind == "rupiah" and places is None):
        return 0
    return 2 if places is None else places


def format_cell(kind: str | None, value: Decimal | None, places: int | None = None, rounding: str | None = None) -> str:
    """The text of a report cell holding a number, in one place for every output that prints one:
    ``format_cell("percent", Decimal("115.397"), 2)`` gives ``"115,40 %"``, a Rupiah or a count is shown
    whole without a prefix (``"1.234.567"``: the column says "(Rp)"), a blank is "-". ``rounding`` is the
    cell's rounding mode (the pemda's report convention; None: half up)."""
    if value is None:
        return "-"
    shown = cell_places(kind, places)
    mode = rounding or HALF_UP
    return format_percent(value, shown, rounding=mode) if kind == "percent" else format_decimal_id(value, shown, rounding=mode)


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_RP_PREFIX = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_SIGNS = {"-": -1, "\u2212": -1, "+": 1}
_DIGITS = re.compile(r"^[0-9]+$")


def _valid_grouping(int_part: str) -> bool:
    groups = int_part.split(".")
    head, rest = groups[0], groups[1:]
    if not (1 <= len(head) <= 3) or not _DIGITS.match(head) or head.startswith("0"):
        return False
    return all(len(g) == 3 and _DIGITS.match(g) for g in rest)


def parse_decimal_id(text: str) -> Decimal:
    """Parse an Indonesian-formatted number into a ``Decimal`` (never a float); see the module rules.

    >>> parse_decimal_id("1.555.607.740,00")
    Decimal('1555607740.00')
    >>> parse_decimal_id("Rp 467.358.000")
    Decimal('467358000')
    >>> parse_decimal_id("12,50 %")
    Decimal('12.50')
    """
    if not isinstance(text, str):
        raise TypeError("parse_decimal_id menerima teks (str)")
    if len(text) > MAX_INPUT_LENGTH:
        raise NumberParseError(text, f"terlalu panjang (lebih dari {MAX_INPUT_LENGTH} karakter)")
    s = _SPACES.sub(" ", text).strip()
    if not s:
        raise NumberParseError(text, "isian kosong")

    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative = True
        s = s[1:-1].strip()

    sign_seen = False

    def take_sign(rest: str) -> str:
        nonlocal negative, sign_seen
        if rest and rest[0] in _SIGNS:
            if sign_seen or negative:
                raise NumberParseError(text, "tanda minus/plus ganda")
            sign_seen = True
            negative = _SIGNS[rest[0]] < 0
            rest = rest[1:].lstrip()
        return rest

    s = take_sign(s)
    rupiah = False
    match = _RP_PREFIX.match(s)
    if match:
        rupiah = True
        s = take_sign(s[match.end() :])
    if s.endswith("%"):
        if rupiah:
            raise NumberParseError(text, "Rupiah dan persen sekaligus")
        s = s[:-1].rstrip()

    if not s:
        raise NumberParseError(text, "tidak ada angka")
    if s.count(",") > 1:
        raise NumberParseError(text, "lebih dari satu koma")

    int_part, comma, frac = s.partition(",")
    if comma:
        if frac == "-":
            frac = ""
        elif not _DIGITS.match(frac):
            raise NumberParseError(text, "bagian desimal setelah koma harus angka")
        if "." in int_part:
            if not _valid_grouping(int_part):
                raise NumberParseError(text, "pemisah ribuan (titik) harus memisahkan tiap 3 angka")
            int_part = int_part.replace(".", "")
        elif not _DIGITS.match(int_part):
            raise NumberParseError(text, "bagian bulat harus angka")
    else:
        dots = int_part.count(".")
        if dots == 0:
            if not _DIGITS.match(int_part):
                raise NumberParseError(text)
        elif dots >= 2:
            if not _valid_grouping(int_part):
                raise NumberParseError(text, "pemisah ribuan (titik) harus memisahkan tiap 3 angka")
            int_part = int_part.replace(".", "")
        else:
            head, _, tail = int_part.partition(".")
            if not _DIGITS.match(head) or not _DIGITS.match(tail):
                raise NumberParseError(text)
            if len(tail) == 3 and _valid_grouping(int_part):
                int_part = head + tail
            elif len(tail) in (1, 2):
                int_part, frac = head, tail
            else:
                raise NumberParseError(text, "titik ini ambigu; tulis desimal dengan koma")

    canonical = int_part + ("." + frac if frac else "")
    value = Decimal(canonical)
    if negative and not value.is_zero():
        value = -value
    return value
