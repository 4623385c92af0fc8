"""Efisiensi of sarana dan prasarana: what the BMD reconciliation counts against what the standard needs
(seed 002 "Tabel. 3.1.2", seed notes 002 §4.19, §5.3.10, F19)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from apps.core.numbers import format_decimal_id

from .results import ZERO, CalculationError, Reason, Result, checked, checked_places, exact, operand


@exact
def stock_ratio(hasil: Decimal | int | None, standar: Decimal | int | None, *, places: int = 2) -> Result:
    """Tingkat efisiensi of one item: ``hasil rekon / standar kebutuhan`` as a ratio (not a percentage: 3 of
    7 filing cabinets is 0,43). Blank without a standard or with a standard of 0."""
    places = checked_places(places)
    h = checked(Decimal(hasil) if isinstance(hasil, int) else hasil, "hasil rekon")
    s = checked(Decimal(standar) if isinstance(standar, int) else standar, "standar kebutuhan")
    for value, what in ((h, "hasil rekon"), (s, "standar kebutuhan")):
        if value is not None and value < 0:
            raise CalculationError(f"{what} tidak boleh negatif")
    if s is None:
        return Result.blank(Reason.MISSING_VALUE, "tanpa standar kebutuhan → -")
    if h is None:
        return Result.blank(Reason.MISSING_VALUE)
    if s == 0:
        return Result.blank(Reason.ZERO_DENOMINATOR, f"{operand(h)} / 0: tidak dihitung → -")
    value = h / s
    return Result.of(value, f"{operand(h)} / {operand(s)} = {format_decimal_id(value, places)}")


@exact
def stock_totals(items: Sequence[tuple[int | None, int | None]], *, places: int = 2) -> tuple[Result, Result, Result]:
    """The row "Jumlah": the sum of hasil rekon (every item), the sum of standar kebutuhan (the items that have
    one) and their ratio, the ratio of the totals (340 / 359 = 0,95; not the mean of the item ratios, 0,96)."""
    places = checked_places(places)
    hasil = [Decimal(h) for h, _s in items if h is not None]
    standar = [Decimal(s) for _h, s in items if s is not None]
    total_h = sum(hasil, ZERO)
    total_s = sum(standar, ZERO)
    h = Result.of(total_h, f"jumlah {len(hasil)} barang = {format_decimal_id(total_h, 0)}") if hasil else Result.blank(Reason.MISSING_VALUE)
    s = (
        Result.of(total_s, f"jumlah {len(standar)} standar = {format_decimal_id(total_s, 0)}")
        if standar
        else Result.blank(Reason.MISSING_VALUE)
    )
    return h, s, stock_ratio(total_h if hasil else None, total_s if standar else None, places=places)
