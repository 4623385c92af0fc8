"""Scored-aspect indices ("indeks beraspek", issue 18): an index computed from aspects, each with a weight
(bobot) and a score (skor) on the indicator's scale, as the kabupaten's evaluation sheets print them:
per aspect ``skor × bobot = nilai``, the nilai summed, times the "perhitungan aspek" percentage if any
(PermenPANRB 17/2017 for the IPP; the aspect indices of other kabupaten follow the same sheet).

The weights are given on their basis: percentages summing to 100 (``weight_total`` 100) or fractions
summing to 1 (``weight_total`` 1); ``bobot / weight_total`` is the share each aspect carries, so with
weights summing to their total the index is the weighted mean of the skor (times the perhitungan
percentage). Every value is at full precision; a caller rounds once, for display.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from apps.core.numbers import HALF_UP, ROUNDING_MODES, format_decimal_id, round_display

from .results import HUNDRED, ZERO, CalculationError, Reason, Result, checked, checked_places, exact, operand, required


@dataclass(frozen=True)
class AspectInput:
    """One aspect: its name, its bobot (on the basis ``weight_total``) and its skor (None: not scored)."""

    name: str
    weight: Decimal
    score: Decimal | None


@dataclass(frozen=True)
class AspectRow:
    """One aspect as the aspect table prints it: bobot, skor and nilai = skor × bobot / weight_total."""

    name: str
    weight: Decimal
    score: Decimal | None
    nilai: Result


@dataclass(frozen=True)
class AspectIndex:
    """The aspects of one year, their summed nilai and the index (the sum × the perhitungan percentage)."""

    rows: tuple[AspectRow, ...]
    total: Result
    index: Result

    def printed(self, places: int, rounding: str = HALF_UP) -> Decimal | None:
        """The index as the pemda prints and records it: ``places`` decimals by ``rounding`` (its report
        convention's rule for indices; TRUNCATE prints 0,255 as 0,25). None while the index is blank."""
        value = self.index.value
        return None if value is None else round_display(value, checked_places(places), rounding)


@exact
def aspect_index(
    aspects: Sequence[AspectInput],
    *,
    weight_total: Decimal,
    score_range: tuple[Decimal, Decimal],
    factor_percent: Decimal | None = None,
    places: int = 2,
    rounding: str = HALF_UP,
) -> AspectIndex:
    """The index of scored aspects: ``Σ (skor × bobot / weight_total)``, times ``factor_percent / 100`` when a
    perhitungan aspek percentage is given. Each skor must lie in ``score_range`` (the indicator's scale), each
    bobot be positive and the bobot sum to ``weight_total`` (100 % or 1). An aspect without a skor leaves the
    total and the index blank (never a partial sum). ``places`` and ``rounding`` (HALF_UP or TRUNCATE, the
    pemda's rule for indices) are only how the derivation prints; the values stay at full precision."""
    places = checked_places(places)
    if rounding not in ROUNDING_MODES:
        raise CalculationError(f"mode pembulatan tidak dikenal: {rounding}")

    def text(value: Decimal) -> str:
        return format_decimal_id(value, places, rounding=rounding)

    basis = required(weight_total, "jumlah bobot")
    if basis <= 0:
        raise CalculationError("jumlah bobot harus lebih dari 0")
    low, high = required(score_range[0], "skor minimum"), required(score_range[1], "skor maksimum")
    if low > high:
        raise CalculationError("skor minimum lebih besar dari skor maksimum")
    factor = checked(factor_percent, "perhitungan aspek")
    if factor is not None and factor <= 0:
        raise CalculationError("perhitungan aspek harus lebih dari 0 %")
    if not aspects:
        blank = Result.blank(Reason.NO_VALUES, "tidak ada aspek → -")
        return AspectIndex(rows=(), total=blank, index=blank)
    weights = [required(a.weight, f"bobot {a.name}") for a in aspects]
    if any(w <= 0 for w in weights):
        raise CalculationError("bobot setiap aspek harus lebih dari 0")
    if sum(weights, ZERO) != basis:
        raise CalculationError(f"jumlah bobot harus {operand(basis)}")
    rows = []
    missing = []
    terms = []
    total = ZERO
    for aspect, weight in zip(aspects, weights, strict=True):
        score = checked(aspect.score, f"skor {aspect.name}")
        if score is None:
            missing.append(aspect.name)
            rows.append(AspectRow(aspect.name, weight, None, Result.blank(Reason.MISSING_VALUE)))
            continue
        if not low <= score <= high:
            raise CalculationError(f"skor {aspect.name} harus antara {operand(low)} dan {operand(high)}")
        nilai = score * weight / basis
        share = operand(weight) if basis == 1 else f"{operand(weight)}/{operand(basis)}"
        rows.append(AspectRow(aspect.name, weight, score, Result.of(nilai, f"{operand(score)} × {share} = {text(nilai)}")))
        total += nilai
        terms.append(text(nilai))
    if missing:
        blank = Result.blank(Reason.MISSING_INPUT, f"skor belum diisi: {', '.join(missing)} → -")
        return AspectIndex(rows=tuple(rows), total=blank, index=blank)
    summed = Result.of(total, f"{' + '.join(terms)} = {text(total)}")
    if factor is None:
        return AspectIndex(rows=tuple(rows), total=summed, index=summed)
    value = total * factor / HUNDRED
    index = Result.of(value, f"{text(total)} × {operand(factor)} % = {text(value)}")
    return AspectIndex(rows=tuple(rows), total=summed, index=index)
