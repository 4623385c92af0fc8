"""Template filters that format figures the Indonesian way.

They only format: every figure is computed by apps.performance.calculations and
rounded by apps.performance.numbers.quantize, the project's single rounding helper.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from apps.performance.numbers import format_decimal_id, format_percent, format_rupiah

register = template.Library()


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def angka(value: Any, places: int = 2) -> str:
    """1234567.891|angka:2 -> 1.234.567,89; blank -> "-"."""
    return format_decimal_id(_to_decimal(value), int(places))


@register.filter
def rupiah(value: Any) -> str:
    """3180247616|rupiah -> Rp 3.180.247.616."""
    d = _to_decimal(value)
    return format_rupiah(d) if d is not None else "-"


@register.filter
def persen(value: Any, places: int = 2) -> str:
    """115.4|persen -> 115,40 %."""
    d = _to_decimal(value)
    return format_percent(d, int(places)) if d is not None else "-"
