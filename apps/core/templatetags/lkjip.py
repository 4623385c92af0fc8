"""Template filters that format figures the Indonesian way.

They only format: every figure is computed by apps.calculations and
rounded by apps.core.numbers.quantize, the project's single rounding helper.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from apps.core.numbers import NUMBER_KINDS, format_cell, format_decimal_id, format_percent, format_rupiah

register = template.Library()

_FIGURE_TEXT = re.compile(r"^[-+]?[\d.,]+\s?(%|‰)$")


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


def _cell_text(cell: Any) -> str:
    """A report cell's text, as the report prints it (the PDF and the HTML page use the same):
    a number through ``format_cell``, the one place that turns a cell's number into text."""
    if getattr(cell, "state", ""):  # "belum tersedia: <alasan>" where the figure would be (issue 18)
        return str(cell.state)
    if cell.kind in NUMBER_KINDS:
        return format_cell(cell.kind, cell.number if cell.kind != "int" else _to_decimal(cell.value), cell.places, cell.rounding)
    return "-" if cell.value is None else str(cell.value)


@register.simple_tag
def report_cell(cell: Any, footer: bool = False) -> str:
    """One ``<td>`` of a report table: a tag rather than an include per cell (an annual LKjIP has
    thousands of cells; the include was the largest cost of the report page, docs/performance.md).
    Built by joining strings, each value escaped once (issue 21: ``format_html`` per attribute was
    two thirds of the tag's time); the same markup as before."""
    kind = cell.kind
    if kind and kind != "text":
        cls = "num"
    elif isinstance(cell.value, str) and _FIGURE_TEXT.match(cell.value):
        cls = "nowrap"  # a figure given as text ("52,08 %"): its unit never wraps onto a line of its own
    else:
        cls = ""
    if cell.bold or footer:
        cls = f"{cls} bold" if cls else "bold"
    parts = ['<td class="', cls, '"']
    if cell.derivation and not footer:
        parts += [' title="', conditional_escape(cell.derivation), '"']
    if cell.indent and not footer:
        parts.append(f' style="padding-left: {int(cell.indent)}.2em"')
    parts.append(">")
    if cell.colour and not footer:
        parts += ['<span class="swatch" style="background: ', conditional_escape(cell.colour), '"></span>']
    parts += [conditional_escape(_cell_text(cell)), "</td>"]
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
