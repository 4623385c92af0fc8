"""parse_decimal_id under hostile input (issue 10), beyond tests/performance/test_properties.py.

That file already checks arbitrary text up to 45 characters (only NumberParseError, a finite
Decimal) and format -> parse round trips within 10^15. Here: text made of the characters numbers are
made of (so the deep branches are reached), the exact Indonesian message, other digit systems,
inputs of megabytes refused before any of their text is looked at (work counted by tests/work.py, not
timed: the time is in bench/hostile_input.py), parentheses and Rupiah round trips, and the other
direction (parse -> format -> parse).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from apps.core import numbers
from apps.core.numbers import (
    MAX_INPUT_LENGTH,
    NumberParseError,
    format_decimal_id,
    format_number_id,
    format_rupiah,
    parse_decimal_id,
    quantize,
)
from tests.work import regex_work

FUZZ = settings(max_examples=150, deadline=None)
HINT = "Gunakan format 1.234,56."

# What numbers typed in a spreadsheet are made of, and what they are confused with.
PIECES = list("0123456789.,.,.,  -+()%") + [
    "Rp", "Rp.", "IDR", "rp", "\u2212", "\u00a0", "\u202f", "e", "E", "_", "nan", "inf", "\u0661", "\uff11", "\u00b2", "\u200b",
]  # fmt: skip
NUMBERISH = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


def check_refusal(exc: NumberParseError, text: str) -> None:
    message = str(exc)
    assert isinstance(exc, ValueError)
    assert "bukan angka yang sah" in message and message.endswith(HINT)
    assert len(message) <= 200  # the input is quoted, cut at 50 characters
    assert exc.text == text


@FUZZ
@given(text=NUMBERISH)
@example("1.555.607.740,00")
@example("(Rp -5)")
@example("Rp 1.000,-%")
@example("1_000")
@example("\u0661\u0662\u0663")
def test_numberish_text_parses_to_an_exact_decimal_or_an_indonesian_refusal(text):
    try:
        value = parse_decimal_id(text)
    except NumberParseError as exc:
        check_refusal(exc, text)
        return
    assert type(value) is Decimal and value.is_finite()
    assert not (value.is_zero() and value.is_signed())
    # Only ASCII digits make a number: never "_", "e", other digit systems or invisible characters.
    assert not set(text) & set("_eE\u0661\uff11\u00b2\u200b")
    digits = [c for c in text if c.isdigit()]
    assert digits and all("0" <= c <= "9" for c in digits)


@FUZZ
@given(text=st.text(min_size=MAX_INPUT_LENGTH + 1, max_size=5000))
def test_anything_longer_than_the_limit_is_refused_as_too_long(text):
    with pytest.raises(NumberParseError) as info:
        parse_decimal_id(text)
    check_refusal(info.value, text)
    assert "terlalu panjang" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "9" * 10_000_000,
        "1." * 5_000_000,
        " " * 10_000_000,
        "(" * 5_000_000 + ")" * 5_000_000,
        "Rp" * 5_000_000,
        "\u0661" * 10_000_000,
        "1" + "\u200b" * 1_000_000,
    ],
    ids=["digits", "dots", "spaces", "parentheses", "rp", "arabic-indic", "zero-width"],
)
def test_megabytes_of_text_are_refused_at_once(text):
    """Refused on its length alone: no pattern of the parser looks at a character of it, and the
    message quotes at most 50 of them (check_refusal)."""
    with regex_work(numbers) as work, pytest.raises(NumberParseError) as info:
        parse_decimal_id(text)
    check_refusal(info.value, text)
    assert "terlalu panjang" in str(info.value)
    assert (work.calls, work.chars) == (0, 0)


def test_the_regex_meter_sees_the_parser():
    """Guard for the test above: a number of normal length does go through the parser's patterns."""
    with regex_work(numbers) as work:
        assert parse_decimal_id("Rp 1.234,50") == Decimal("1234.50")
    assert work.calls > 0 and 0 < work.chars <= 3 * len("Rp 1.234,50")


@FUZZ
@given(digits=st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=10))
def test_digits_of_other_scripts_are_refused(digits):
    """Decimal() would read "١٢٣" (Arabic-Indic) or "１２３" (full width); a Rupiah cell must not."""
    if all("0" <= c <= "9" for c in digits):
        assert parse_decimal_id(digits) == Decimal(digits)
        return
    with pytest.raises(NumberParseError) as info:
        parse_decimal_id(digits)
    check_refusal(info.value, digits)


amounts = st.decimals(min_value=-(10**15), max_value=10**15, places=2, allow_nan=False, allow_infinity=False)


@FUZZ
@given(value=amounts)
def test_accounting_forms_round_trip(value):
    """Parentheses and the Rupiah prefix as printed in LRA tables, and the typographic minus."""
    text = format_decimal_id(value.copy_abs(), 2)
    expected = quantize(value.copy_abs(), 2)
    assert parse_decimal_id(f"({text})") == -expected
    assert parse_decimal_id(f"(Rp {text})") == -expected
    assert parse_decimal_id(f"\u2212Rp\u00a0{text}") == -expected
    assert parse_decimal_id(f"Rp. {text}") == expected
    assert parse_decimal_id(f"{text.partition(',')[0]},-") == quantize(value.copy_abs(), 2).to_integral_value(rounding="ROUND_DOWN")
    assert parse_decimal_id(format_rupiah(value, 2)) == quantize(value, 2)


@FUZZ
@given(text=NUMBERISH)
def test_parse_format_parse_is_stable(text):
    """What is accepted prints back (with its own decimals) to text that parses to the same value."""
    try:
        value = parse_decimal_id(text)
    except NumberParseError:
        return
    if value.copy_abs() >= 10**15:
        return  # printed with thousands dots it may exceed the input length limit
    assert parse_decimal_id(format_number_id(value)) == value


@FUZZ
@given(value=st.one_of(st.sampled_from([Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")]), amounts))
def test_formatting_refuses_nan_and_never_prints_an_exponent(value):
    if not value.is_finite():
        with pytest.raises(ValueError):
            format_decimal_id(value)
        return
    text = format_decimal_id(value, 2)
    assert isinstance(text, str) and "e" not in text.lower() and "nan" not in text.lower()


@pytest.mark.parametrize("bad", [1.5, float("nan"), float("inf"), None, b"12", 12, ["1"]])
def test_only_text_is_parsed(bad):
    with pytest.raises(TypeError):
        parse_decimal_id(bad)  # type: ignore[arg-type]
