"""Predikat scales: data, never code (docs/domain.md section 5). A :class:`Scale` of :class:`Band`
intervals, its validation (no gap, no overlap, every value covered) and :func:`categorise`
(PermenPANRB 88/2021 AA-D; Permendagri 86/2017 five bands). docs/calculations.md section 2."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from apps.core.numbers import format_number_id, quantize

from .results import HUNDRED, ZERO, CalculationError, Result, checked_places


@dataclass(frozen=True)
class Band:
    """One band of a predikat scale. ``None`` bounds are open (minus or plus infinity); the
    inclusive flag of an open bound is ignored."""

    lower: Decimal | None
    upper: Decimal | None
    lower_inclusive: bool
    upper_inclusive: bool
    label: str
    code: str
    colour: str

    def contains(self, value: Decimal) -> bool:
        if self.lower is not None and (value < self.lower or (value == self.lower and not self.lower_inclusive)):
            return False
        return not (self.upper is not None and (value > self.upper or (value == self.upper and not self.upper_inclusive)))

    def describe(self) -> str:
        """E.g. ``"> 90 dan ≤ 100"``, ``"≥ 100"``, ``"< 40"``, ``"semua nilai"``."""
        parts = []
        if self.lower is not None:
            parts.append(f"{'≥' if self.lower_inclusive else '>'} {format_number_id(self.lower)}")
        if self.upper is not None:
            parts.append(f"{'≤' if self.upper_inclusive else '<'} {format_number_id(self.upper)}")
        return " dan ".join(parts) if parts else "semua nilai"


@dataclass(frozen=True)
class Scale:
    """A predikat scale: data, never code (docs/domain.md section 5).

    ``use`` says what it grades ("capaian", "nilai AKIP", "efisiensi"...). ``clamp``, when set, limits
    a value before it is categorised (seed 002 L720-722: above 100 counts as 100, below 0 as 0); only
    that interval must then be covered; ``clamp_averages`` says whether it also applies before an
    average. ``source`` cites the document or regulation.
    """

    name: str
    use: str
    bands: tuple[Band, ...]
    clamp: tuple[Decimal, Decimal] | None = None
    source: str = ""
    #: Whether the clamp also limits each capaian before an average (sasaran, organisation). Off by
    #: default: the seeds clamp only to give a predikat and average the values as computed (seed
    #: notes 002 section 4.8: sasaran II 104,23, not 100). A kabupaten whose rule differs says so here.
    clamp_averages: bool = False
    #: How a report prints a predikat of this scale (:func:`predikat_text`): ``"code_label"``
    #: "AA (Sangat Memuaskan)" (seed 002), ``"label"`` "Berhasil" (seeds 001, 003, 004) or ``"code"`` "BB"
    #: (seed 001's nilai SAKIP).
    display: str = "code_label"
    #: What the organisation's capaian (and the average row of the IKU table) is the mean of
    #: (:data:`ORGANISATION_MEANS`): ``"sasaran"`` the capaian of the sasaran (seed 002: 103,2, Tabel 3.4),
    #: ``"iku"`` the capaian of every IKU, the tujuan-level ones included (seed 003: IKM, S1, S2 -> 99,52,
    #: notes 003 section 5.2). The kabupaten's convention, data like the bands.
    organisation_mean: str = "sasaran"
    #: Places capaian and serapan are rounded to before efisiensi is computed from them (``efisiensi``'s
    #: ``operand_places``): seed 002 subtracts the printed operands, capaian at 1 place and serapan at 2
    #: (103,2 − 94,19 = 9,01; seed notes 002 §5.3.8, §5.4 item 3). None: the exact operands (round once).
    efisiensi_operand_places: tuple[int, int] | None = None


#: What the organisation's capaian averages (Scale.organisation_mean): its sasaran, or all its IKU.
ORGANISATION_MEAN_SASARAN = "sasaran"
ORGANISATION_MEAN_IKU = "iku"
ORGANISATION_MEANS = (ORGANISATION_MEAN_SASARAN, ORGANISATION_MEAN_IKU)


#: The ways a predikat is printed (Scale.display): code and label, the label only, the code only.
DISPLAY_CODE_LABEL = "code_label"
DISPLAY_LABEL = "label"
DISPLAY_CODE = "code"
DISPLAYS = (DISPLAY_CODE_LABEL, DISPLAY_LABEL, DISPLAY_CODE)


def predikat_text(band: Band | None, display: str = DISPLAY_CODE_LABEL) -> str:
    """A predikat as the report prints it: ``"AA (Sangat Memuaskan)"`` (``code_label``), ``"Sangat Memuaskan"``
    (``label``) or ``"AA"`` (``code``); a band without a code prints its label; no band prints ``"-"``."""
    if band is None:
        return "-"
    if display not in DISPLAYS:
        raise CalculationError(f"cara menampilkan predikat tidak dikenal: {display!r}")
    if not band.code or display == DISPLAY_LABEL:
        return band.label
    if display == DISPLAY_CODE:
        return band.code
    return f"{band.code} ({band.label})"


def _lower_key(band: Band) -> tuple[int, Decimal, int]:
    if band.lower is None:
        return (0, ZERO, 0)
    return (1, band.lower, 0 if band.lower_inclusive else 1)


def _band_is_empty(band: Band) -> bool:
    if band.lower is None or band.upper is None:
        return False
    if band.lower > band.upper:
        return True
    return band.lower == band.upper and not (band.lower_inclusive and band.upper_inclusive)


@dataclass
class _Span:
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool


def _reaches(span: _Span, band: Band) -> bool:
    """Whether ``band`` (sorted after ``span``) touches or overlaps ``span`` with no gap between."""
    if span.upper is None or band.lower is None:
        return True
    if band.lower < span.upper:
        return True
    return band.lower == span.upper and (band.lower_inclusive or span.upper_inclusive)


def _overlap(a: Band, b: Band) -> tuple[Decimal | None, Decimal | None] | None:
    """The common part of two bands as (low, high), or None when they do not overlap."""
    lows = [(x.lower, x.lower_inclusive) for x in (a, b) if x.lower is not None]
    highs = [(x.upper, x.upper_inclusive) for x in (a, b) if x.upper is not None]
    low: tuple[Decimal, bool] | None = None
    for value, inclusive in lows:
        if low is None or value > low[0] or (value == low[0] and not inclusive):
            low = (value, inclusive)
    high: tuple[Decimal, bool] | None = None
    for value, inclusive in highs:
        if high is None or value < high[0] or (value == high[0] and not inclusive):
            high = (value, inclusive)
    if low is not None and high is not None:
        if low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1])):
            return None
    return (low[0] if low else None, high[0] if high else None)


def validate_scale(scale: Scale) -> list[str]:
    """Indonesian messages for everything wrong with a scale; an empty list means it is usable.

    Checks: no bands; a band with a bound that is not a Decimal, with lower > upper, or empty; a
    repeated code; two bands overlapping (a value would get two predikat); a gap between bands; values
    above the highest band (e.g. capaian above 100) or below the lowest (negative values) not covered,
    unless the scale clamps them.
    """
    messages: list[str] = []
    if not scale.bands:
        return [f"Skala «{scale.name}» belum memiliki rentang nilai."]
    good: list[Band] = []
    for band in scale.bands:
        bad_type = False
        for bound in (band.lower, band.upper):
            if bound is not None and (not isinstance(bound, Decimal) or not bound.is_finite()):
                messages.append(f"Rentang «{band.label}»: batas harus angka Decimal yang terhingga.")
                bad_type = True
        if bad_type:
            continue
        if band.lower is not None and band.upper is not None and band.lower > band.upper:
            messages.append(
                f"Rentang «{band.label}»: batas bawah {format_number_id(band.lower)} lebih besar "
                f"dari batas atas {format_number_id(band.upper)}."
            )
        elif _band_is_empty(band):
            messages.append(f"Rentang «{band.label}» kosong: tidak ada nilai yang masuk ({band.describe()}).")
        else:
            good.append(band)
    codes = [band.code for band in scale.bands]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        messages.append(f"Kode «{code}» dipakai lebih dari satu rentang.")

    for i, first in enumerate(good):
        for second in good[i + 1 :]:
            common = _overlap(first, second)
            if common is None:
                continue
            low, high = common
            if low is not None and low == high:
                where = f"nilai {format_number_id(low)} masuk ke keduanya"
            elif low is None and high is None:
                where = "semua nilai masuk ke keduanya"
            else:
                where = f"nilai {_describe_interval(low, high)} masuk ke keduanya"
            messages.append(f"Rentang «{first.label}» dan «{second.label}» tumpang tindih: {where}.")

    if scale.clamp is not None:
        if not (isinstance(scale.clamp[0], Decimal) and isinstance(scale.clamp[1], Decimal)) or scale.clamp[0] > scale.clamp[1]:
            messages.append("Batas pembatasan (clamp) skala tidak sah.")
            return messages

    spans: list[_Span] = []
    for band in sorted(good, key=_lower_key):
        if spans and _reaches(spans[-1], band):
            span = spans[-1]
            if span.upper is not None and (
                band.upper is None or band.upper > span.upper or (band.upper == span.upper and band.upper_inclusive)
            ):
                span.upper, span.upper_inclusive = band.upper, band.upper_inclusive
        else:
            spans.append(_Span(band.lower, band.lower_inclusive, band.upper, band.upper_inclusive))
    if not spans:
        return messages

    domain_low = scale.clamp[0] if scale.clamp else None
    domain_high = scale.clamp[1] if scale.clamp else None

    first_span, last_span = spans[0], spans[-1]
    if first_span.lower is not None:
        if domain_low is None:
            where = f"di bawah {format_number_id(first_span.lower)}"
            if not first_span.lower_inclusive:
                where = f"{format_number_id(first_span.lower)} ke bawah"
            if first_span.lower > 0:
                messages.append(f"Nilai {where} (termasuk nilai negatif) tidak masuk rentang mana pun.")
            elif first_span.lower == 0:
                messages.append(f"Nilai negatif ({where}) tidak masuk rentang mana pun: tentukan rentangnya atau batasi nilainya.")
            else:
                messages.append(f"Nilai {where} tidak masuk rentang mana pun.")
        elif first_span.lower > domain_low or (first_span.lower == domain_low and not first_span.lower_inclusive):
            messages.append(f"Nilai {_describe_interval(domain_low, first_span.lower)} tidak masuk rentang mana pun.")
    for before, after in zip(spans, spans[1:], strict=False):
        gap_low, gap_high = before.upper, after.lower
        if gap_low is None or gap_high is None:
            continue
        if domain_high is not None and gap_low >= domain_high and not (gap_low == domain_high and not before.upper_inclusive):
            continue
        if domain_low is not None and gap_high <= domain_low and not (gap_high == domain_low and not after.lower_inclusive):
            continue
        if gap_low == gap_high:
            messages.append(f"Nilai {format_number_id(gap_low)} tidak masuk rentang mana pun (celah antara rentang).")
        else:
            messages.append(f"Nilai {_describe_interval(gap_low, gap_high)} tidak masuk rentang mana pun (celah antara rentang).")
    if last_span.upper is not None:
        if domain_high is None:
            where = f"di atas {format_number_id(last_span.upper)}"
            if not last_span.upper_inclusive:
                where = f"{format_number_id(last_span.upper)} ke atas"
            if last_span.upper < HUNDRED:
                messages.append(f"Nilai {where} (termasuk capaian di atas 100) tidak masuk rentang mana pun.")
            elif last_span.upper == HUNDRED:
                messages.append(f"Capaian {where} tidak masuk rentang mana pun: tentukan rentangnya atau batasi nilainya ke 100.")
            else:
                messages.append(f"Nilai {where} tidak masuk rentang mana pun.")
        elif last_span.upper < domain_high or (last_span.upper == domain_high and not last_span.upper_inclusive):
            messages.append(f"Nilai {_describe_interval(last_span.upper, domain_high)} tidak masuk rentang mana pun.")
    return messages


def _describe_interval(low: Decimal | None, high: Decimal | None) -> str:
    if low is None and high is not None:
        return f"di bawah {format_number_id(high)}"
    if high is None and low is not None:
        return f"di atas {format_number_id(low)}"
    return f"antara {format_number_id(low)} dan {format_number_id(high)}"


def categorise(scale: Scale, value: Result | Decimal | None, *, places: int | None = None) -> Band | None:
    """The band of ``scale`` containing ``value`` (first match in the scale's order), or ``None`` for a
    blank value. ``places``, when given, categorises the value as displayed (rounded half up), so that a
    printed "100,00" never gets the label of "below 100"; by default the exact value is used. The
    scale's ``clamp`` is applied first (seed 002: 104,23 % counts as 100 → AA)."""
    if isinstance(value, Result):
        number = value.value
    elif value is None:
        number = None
    else:
        if isinstance(value, float) or not isinstance(value, Decimal):
            raise TypeError("nilai harus Decimal, Result atau None")
        if not value.is_finite():
            raise CalculationError("nilai: NaN atau tak hingga tidak diterima")
        number = value  # any finite Decimal can be compared, however large
    if number is None:
        return None
    if places is not None:
        number = quantize(number, checked_places(places))
    if scale.clamp is not None:
        number = min(max(number, scale.clamp[0]), scale.clamp[1])
    for band in scale.bands:
        if band.contains(number):
            return band
    return None
