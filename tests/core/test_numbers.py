"""apps.core.numbers: rounding, parsing and formatting of Indonesian numbers."""

from decimal import Decimal as D

import pytest

from apps.core.numbers import (
    NumberParseError,
    format_decimal_id,
    format_number_id,
    format_percent,
    format_rupiah,
    parse_decimal_id,
    quantize,
)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("84.185"), 2, D("84.19")),  # seed 003 5.2: half up, banker's would give 84,18
        (D("8.1265"), 2, D("8.13")),  # seed 002 3.3 IKPP
        (D("102.2466"), 1, D("102.2")),
        (D("104.4767"), 1, D("104.5")),
        (D("90.9884"), 0, D("91")),
        (D("0.125"), 2, D("0.13")),  # seed 002 5.3.10 sarpras
        (D("2.5"), 0, D("3")),
        (D("-2.5"), 0, D("-3")),  # half up is "away from zero" on ties
        (D("-0.001"), 2, D("0.00")),  # never a negative zero
        (D("99.996"), 2, D("100.00")),
        (D("1555607740"), 2, D("1555607740.00")),
        (D("1E+40"), 2, D("1" + "0" * 40 + ".00")),  # no InvalidOperation on big values
    ],
)
def test_quantize_half_up(value, places, expected):
    result = quantize(value, places)
    assert result == expected
    assert str(result) == str(expected)


def test_quantize_never_negative_zero():
    assert str(quantize(D("-0.004"), 2)) == "0.00"


@pytest.mark.parametrize("bad", [1.5, 2, "3", None])
def test_quantize_rejects_non_decimal(bad):
    with pytest.raises(TypeError):
        quantize(bad, 2)


@pytest.mark.parametrize("bad", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_quantize_rejects_non_finite(bad):
    with pytest.raises(ValueError):
        quantize(bad, 2)


def test_quantize_rejects_negative_places():
    with pytest.raises(ValueError):
        quantize(D(1), -1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", D("1234.5")),
        ("1.555.607.740,00", D("1555607740.00")),
        ("Rp 467.358.000", D("467358000")),
        ("Rp. 2.153.076.141,00", D("2153076141.00")),
        ("Rp16.173.100", D("16173100")),
        ("Rp. 2.153.076.141,-", D("2153076141")),
        ("IDR 1.000", D("1000")),
        ("84,24", D("84.24")),
        ("73", D("73")),
        ("-3,5", D("-3.5")),
        ("−3,5", D("-3.5")),  # typographic minus
        ("+3,5", D("3.5")),
        ("12,50 %", D("12.50")),
        ("12,50%", D("12.50")),
        ("84.24", D("84.24")),  # lone dot with two digits: decimal point
        ("22.62 %", D("22.62")),  # seed 001 Tabel 3.2
        ("99.7", D("99.7")),
        ("93.53", D("93.53")),
        ("1.234", D("1234")),  # lone dot with three digits: thousands
        ("467.358", D("467358")),
        ("1.555.607.740", D("1555607740")),
        ("(2.202.684.141,00)", D("-2202684141.00")),  # seed 001 LRA accounting negative
        ("(Rp 1.000)", D("-1000")),
        ("Rp -1.000", D("-1000")),
        ("-Rp 1.000", D("-1000")),
        ("  73  ", D("73")),
        ("73\u00a0%", D("73")),
        ("007", D("7")),
        ("0,5", D("0.5")),
        ("0", D("0")),
        ("-0", D("0")),
        ("1.555.446,741", D("1555446.741")),  # seed 001 PK "garbled" cell is still a valid number
    ],
)
def test_parse_decimal_id(text, expected):
    result = parse_decimal_id(text)
    assert isinstance(result, D)
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12a",
        "abc",
        "1,955,165,841",  # two commas (US thousands, seed 001 Tabel 3.7)
        "1,2,3",
        "NaN",
        "nan",
        "Infinity",
        "inf",
        "1e5",
        "0.125",  # ambiguous: leading 0 cannot head a thousands group
        "3.1415",  # dot with four digits
        "1234.567",  # head of four digits before a thousands dot
        "1.23.456",  # bad grouping
        "1.2345,00",
        "12.34.567,00",
        ",5",
        "5,",
        "1.755.568.421,",  # seed 001 trailing comma
        "Rp 5 %",
        "--5",
        "-(5)",
        "(-5)",
        "100 %)",
        "%",
        "Rp",
        "1" * 41,  # absurdly long
        "1 234",
        "5-",
    ],
)
def test_parse_rejects(text):
    with pytest.raises(NumberParseError) as info:
        parse_decimal_id(text)
    message = str(info.value)
    assert "bukan angka yang sah" in message
    assert "1.234,56" in message
    assert isinstance(info.value, ValueError)


def test_parse_error_message_quotes_input():
    with pytest.raises(NumberParseError, match="«12a» bukan angka yang sah. Gunakan format 1.234,56."):
        parse_decimal_id("12a")


def test_parse_rejects_non_string():
    with pytest.raises(TypeError):
        parse_decimal_id(12.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("1234567.891"), 2, "1.234.567,89"),
        (D("1234567"), 0, "1.234.567"),
        (D("115.3972602739726"), 2, "115,40"),
        (D("0"), 2, "0,00"),
        (D("-3.5"), 1, "-3,5"),
        (D("-0.001"), 2, "0,00"),
        (D("999"), 0, "999"),
        (D("1000"), 0, "1.000"),
        (D("100"), 3, "100,000"),
        (D("1E+3"), 0, "1.000"),
    ],
)
def test_format_decimal_id(value, places, expected):
    assert format_decimal_id(value, places) == expected


def test_format_blank_is_not_zero():
    assert format_decimal_id(None) == "-"
    assert format_decimal_id(None, blank="") == ""
    assert format_rupiah(None) == "-"
    assert format_percent(None) == "-"
    assert format_number_id(None) == "-"


def test_format_rupiah_and_percent():
    assert format_rupiah(D("1234567")) == "Rp 1.234.567"
    assert format_rupiah(D("2202684141.00")) == "Rp 2.202.684.141"
    assert format_rupiah(D("-1500"), 2) == "-Rp 1.500,00"
    assert format_percent(D("115.4")) == "115,40 %"
    assert format_percent(D("103.2387"), 1) == "103,2 %"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("84.24"), "84,24"), (D("73"), "73"), (D("3.10"), "3,10"), (D("-5"), "-5"), (D("1555607740"), "1.555.607.740")],
)
def test_format_number_id_keeps_stored_decimals(value, expected):
    assert format_number_id(value) == expected


def test_format_rejects_float():
    with pytest.raises(TypeError):
        format_decimal_id(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [D("1234567.89"), D("-0.5"), D("0"), D("84.24"), D("1555607740"), D("-2202684141.00")])
def test_round_trip(value):
    for formatted in (format_decimal_id(value, 2), format_rupiah(value, 2), format_percent(value, 2)):
        assert parse_decimal_id(formatted) == quantize(value, 2)
