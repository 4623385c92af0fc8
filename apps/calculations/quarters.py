"""Quarters (triwulan): the value "s/d TW n" from quarterly values, cumulative targets and the target
an indicator is measured against, and the roll-up of capaian values (Perpres 29/2014 quarterly
measurement; PermenPANRB 53/2014). docs/calculations.md sections 3 and 4."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum

from apps.core.numbers import format_decimal_id, format_number_id, format_percent
from apps.core.periods import QUARTERS

from .results import (
    HUNDRED,
    QUARTER_LABELS,
    ZERO,
    CalculationError,
    Reason,
    Result,
    check_quarter,
    checked,
    checked_places,
    exact,
    operand,
    required,
    value_of,
)


class Aggregation(Enum):
    """How quarterly values make the value "s/d TW n" (per indicator; docs/domain.md section 3)."""

    #: Quarterly values are per-quarter amounts (flows: documents, meetings); they are added up.
    CUMULATIVE_SUM = "jumlah kumulatif"
    #: The latest entered value (indices, percentages, stocks, or values already entered "s/d TW n").
    LATEST = "nilai terakhir"
    #: The mean of the entered values (seed 003: IKM = mean of four quarterly surveys).
    AVERAGE = "rata-rata"
    #: The highest entered value.
    MAXIMUM = "nilai tertinggi"


def present_quarters(values_by_quarter: Mapping[int, Decimal | None], upto: int) -> tuple[list[tuple[int, Decimal]], list[int]]:
    """The entered ``(quarter, value)`` pairs up to ``upto`` and the blank quarters (skipped, never zero)."""
    check_quarter(upto)
    for key in values_by_quarter:
        check_quarter(key)
    present: list[tuple[int, Decimal]] = []
    skipped: list[int] = []
    for quarter in range(1, upto + 1):
        value = checked(values_by_quarter.get(quarter), f"nilai {QUARTER_LABELS[quarter]}")
        if value is None:
            skipped.append(quarter)
        else:
            present.append((quarter, value))
    return present, skipped


def _skipped_note(skipped: list[int]) -> str:
    if not skipped:
        return ""
    labels = ", ".join(QUARTER_LABELS[q] for q in skipped)
    return f"; {labels} belum diisi (dilewati)"


def _fmt(value: Decimal, places: int, percent: bool) -> str:
    return format_percent(value, places) if percent else format_decimal_id(value, places)


@exact
def aggregate(
    values_by_quarter: Mapping[int, Decimal | None],
    upto: int,
    rule: Aggregation,
    *,
    places: int = 2,
    percent: bool = False,
) -> Result:
    """The value "s/d TW ``upto``" from quarterly values (Perpres 29/2014 quarterly measurement).

    Quarters after ``upto`` are ignored; blank quarters are skipped (blank is not zero); if every
    quarter up to ``upto`` is blank the result is blank ("realisasi belum diisi"). ``CUMULATIVE_SUM``
    adds per-quarter amounts (seed 004: Evaluasi Kinerja 4 + 2 + 2 + 2 = 10); ``LATEST`` takes the
    last entered value; ``AVERAGE`` the mean (seed 003: IKM 336,74 / 4 = 84,185); ``MAXIMUM`` the
    highest.
    """
    places = checked_places(places)
    present, skipped = present_quarters(values_by_quarter, upto)
    if not present:
        return Result.blank(Reason.MISSING_REALISATION, f"tidak ada nilai s/d {QUARTER_LABELS[upto]} → -")
    note = _skipped_note(skipped)
    terms = [f"{QUARTER_LABELS[q]} {operand(v)}" for q, v in present]
    if rule is Aggregation.CUMULATIVE_SUM:
        value = sum((v for _, v in present), ZERO)
        working = f"{' + '.join(terms)} = {_fmt(value, places, percent)}"
    elif rule is Aggregation.LATEST:
        quarter, value = present[-1]
        working = f"nilai terakhir ({QUARTER_LABELS[quarter]}) = {_fmt(value, places, percent)}"
    elif rule is Aggregation.AVERAGE:
        value = sum((v for _, v in present), ZERO) / len(present)
        working = f"({' + '.join(terms)}) / {len(present)} = {_fmt(value, places, percent)}"
    else:
        value = max(v for _, v in present)
        working = f"tertinggi dari {', '.join(terms)} = {_fmt(value, places, percent)}"
    return Result.of(value, working + note)


@exact
def operands(
    values_by_quarter: Mapping[int, Decimal | None],
    upto: int,
    rule: Aggregation,
    entered: Mapping[int, tuple[Decimal | None, Decimal | None]],
) -> tuple[Result, Result]:
    """The pembilang and penyebut behind the value "s/d TW ``upto``" (the lampiran "penghitungan", seed 003
    L4). ``AVERAGE``: the sum of the entered quarters and their number (IKM 81,25 + 89,51 + 83,84 + 82,14 =
    336,74 over 4); ``LATEST`` and ``MAXIMUM``: the operands entered with the quarter whose value is taken
    (``entered``: quarter -> (pembilang, penyebut), seed 003 S1: 40 of 42); ``CUMULATIVE_SUM`` (an amount,
    not a ratio) or none entered: blank."""
    present, _skipped = present_quarters(values_by_quarter, upto)
    blank = Result.blank(Reason.MISSING_VALUE, "pembilang/penyebut tidak diisi → -")
    if not present:
        return blank, blank
    if rule is Aggregation.AVERAGE:
        total = sum((v for _, v in present), ZERO)
        terms = " + ".join(f"{QUARTER_LABELS[q]} {operand(v)}" for q, v in present)
        return Result.of(total, f"{terms} = {operand(total)}"), Result.of(Decimal(len(present)), f"{len(present)} triwulan terisi")
    if rule is Aggregation.CUMULATIVE_SUM:
        return blank, blank
    quarter = present[-1][0] if rule is Aggregation.LATEST else max(present, key=lambda p: p[1])[0]
    raw_numerator, raw_denominator = entered.get(quarter, (None, None))
    numerator, denominator = checked(raw_numerator, "pembilang"), checked(raw_denominator, "penyebut")
    if numerator is None or denominator is None:
        return blank, blank
    where = f"diisi bersama realisasi {QUARTER_LABELS[quarter]}"
    return Result.of(numerator, where), Result.of(denominator, where)


@exact
def cumulative_targets(per_quarter: Mapping[int, Decimal | None]) -> dict[int, Decimal | None]:
    """Running totals "s/d TW n" from per-quarter targets. A blank quarter makes it and every later
    cumulative target blank (blank is not zero: enter 0 for a quarter with nothing planned)."""
    for key in per_quarter:
        check_quarter(key)
    result: dict[int, Decimal | None] = {}
    running: Decimal | None = ZERO
    for quarter in QUARTERS:
        value = checked(per_quarter.get(quarter), f"target {QUARTER_LABELS[quarter]}")
        running = None if running is None or value is None else running + value
        result[quarter] = running
    return result


def target_upto(quarter_targets: Sequence[Decimal | None], annual: Decimal | None, upto: int) -> Decimal | None:
    """The target an indicator is measured against "s/d TW ``upto``", the one rule every page and report
    uses: during the year (TW I-III) the cumulative TW target of the PK (blank when not entered: no
    capaian, never one against the annual target); at TW IV, the end of the year of both the TW IV
    report and the LKjIP, the annual target of the PK (PermenPANRB 53/2014: the LKjIP measures the
    Perjanjian Kinerja, so its target is the one signed; a TW IV target that differs is a warning of
    :func:`check_consistency`, TARGET_TW4_BEDA_TAHUNAN), or the TW IV target when no annual target is
    entered. ``quarter_targets`` are the four cumulative targets in the indicator's unit."""
    check_quarter(upto)
    if len(quarter_targets) != len(QUARTERS):
        raise CalculationError("target triwulan harus empat nilai (TW I s/d TW IV)")
    tw = checked(quarter_targets[upto - 1], f"target {QUARTER_LABELS[upto]}")
    if upto < QUARTERS[-1]:
        return tw
    year = checked(annual, "target tahunan")
    return year if year is not None else tw


@exact
def targets_from_percent(annual: Decimal, percents: Mapping[int, Decimal | None]) -> dict[int, Decimal | None]:
    """Cumulative TW targets stored as percent of the annual target (seed 002 PK: 52,08 / 70,83 /
    85,42 / 100 %) turned into target values: ``annual x percent / 100``."""
    total = required(annual, "target tahunan")
    result: dict[int, Decimal | None] = {}
    for quarter in QUARTERS:
        p = checked(percents.get(quarter), f"persen {QUARTER_LABELS[quarter]}")
        result[quarter] = None if p is None else total * p / HUNDRED
    for key in percents:
        check_quarter(key)
    return result


@exact
def validate_cumulative_targets(targets: Mapping[int, Decimal | None], annual: Decimal | None = None) -> list[str]:
    """Check cumulative ("s/d TW n") quarterly targets: never decreasing from one quarter to the next,
    and the TW IV target equal to the annual target when both are given (seed 002 PK: TW IV = 100 %).
    Returns Indonesian messages; empty means valid."""
    messages: list[str] = []
    for key in targets:
        if isinstance(key, bool) or not isinstance(key, int) or key not in QUARTER_LABELS:
            messages.append(f"Triwulan «{key}» tidak dikenal: gunakan 1 s/d 4.")
    previous: tuple[int, Decimal] | None = None
    for quarter in QUARTERS:
        value = checked(targets.get(quarter), f"target {QUARTER_LABELS[quarter]}")
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            messages.append(
                f"Target {QUARTER_LABELS[quarter]} ({format_number_id(value)}) lebih kecil dari target "
                f"{QUARTER_LABELS[previous[0]]} ({format_number_id(previous[1])}): target triwulan harus kumulatif (s/d TW)."
            )
        previous = (quarter, value)
    total = checked(annual, "target tahunan")
    last = checked(targets.get(4), "target TW IV")
    if total is not None and last is not None and last != total:
        messages.append(f"Target TW IV ({format_number_id(last)}) tidak sama dengan target tahunan ({format_number_id(total)}).")
    return messages


RollupValue = Result | Decimal | None
RollupItem = tuple[RollupValue, Decimal] | RollupValue


@exact
def rollup(
    items: Sequence[RollupItem],
    *,
    weighted: bool = False,
    clamp: tuple[Decimal, Decimal] | None = None,
    places: int = 2,
    percent: bool = True,
) -> Result:
    """Mean of capaian values: sasaran from its indicators, program from its kegiatan, organisation
    from its sasaran (PermenPANRB 53/2014; seed 002 L707 "capaian rata-rata atas capaian indikator").

    ``items`` are values (``Result``, ``Decimal`` or ``None``) or ``(value, weight)`` pairs. Blank values
    are excluded and counted in the derivation. ``weighted=True`` gives ``sum(w x v) / sum(w)``
    (weights >= 0; their sum 0 gives a blank); otherwise weights are ignored. ``clamp=(0, 100)``
    limits every value before averaging (a setting: seed 002 clamps before applying its scale, seed 004
    does not clamp at all). The mean always lies between the smallest and largest value used.
    """
    places = checked_places(places)
    bounds: tuple[Decimal, Decimal] | None = None
    if clamp is not None:
        bounds = (required(clamp[0], "batas bawah"), required(clamp[1], "batas atas"))
        if bounds[0] > bounds[1]:
            raise CalculationError("batas bawah lebih besar dari batas atas")
    used: list[tuple[Decimal, Decimal]] = []
    excluded: list[str] = []
    clamped: list[str] = []
    for index, item in enumerate(items, start=1):
        if isinstance(item, tuple):
            raw, weight = item
            w = required(weight, f"bobot butir {index}")
            if w < 0:
                raise CalculationError(f"bobot butir {index} negatif")
        else:
            raw, w = item, Decimal(1)
        value, reason = value_of(raw, f"nilai butir {index}")
        if value is None:
            excluded.append(reason or Reason.MISSING_VALUE.label)
            continue
        if bounds is not None:
            limited = min(max(value, bounds[0]), bounds[1])
            if limited != value:
                clamped.append(f"{_fmt(value, places, percent)} → {_fmt(limited, places, percent)}")
            value = limited
        used.append((value, w))

    notes = ""
    if clamped and bounds is not None:
        notes += f"; dibatasi ke {format_number_id(bounds[0])}–{format_number_id(bounds[1])} sebelum dirata-rata: {', '.join(clamped)}"
    if excluded:
        kinds = sorted(set(excluded))
        notes += f"; {len(excluded)} nilai kosong tidak dihitung ({', '.join(kinds)})"
    if not used:
        return Result.blank(Reason.NO_VALUES, f"tidak ada nilai untuk dirata-rata{notes} → -")

    lowest = min(v for v, _ in used)
    highest = max(v for v, _ in used)
    if weighted:
        total_weight = sum((w for _, w in used), ZERO)
        if total_weight == 0:
            return Result.blank(Reason.ZERO_WEIGHT, f"jumlah bobot 0{notes} → -")
        mean = sum((w * v for v, w in used), ZERO) / total_weight
        terms = " + ".join(f"{operand(w)} × {_fmt(v, places, False)}" for v, w in used)
        working = f"({terms}) / {format_number_id(total_weight)} = {_fmt(mean, places, percent)}"
    else:
        mean = sum((v for v, _ in used), ZERO) / len(used)
        terms = " + ".join(_fmt(v, places, False) for v, _ in used)
        working = f"({terms}) / {len(used)} = {_fmt(mean, places, percent)}"
    mean = min(max(mean, lowest), highest)
    return Result.of(mean, working + notes)


def mean_of_children(
    children: Sequence[RollupValue],
    *,
    of: str,
    clamp: tuple[Decimal, Decimal] | None = None,
    places: int = 2,
) -> Result:
    """The realisation (in percent) of an indicator measured as the mean of the capaian of the indicators
    under it: a program's from its kegiatan, a kegiatan's from its sub kegiatan (seed 004 §4.9 "Total
    Realisasi Kinerja Kegiatan / Jumlah Kegiatan", §5.1.5). ``children`` are their capaian, exact (never
    rounded before averaging); ``of`` names them in the derivation ("sub kegiatan"). A blank child is left
    out and counted, as in :func:`rollup`; no child at all gives a blank, never 0."""
    if not children:
        return Result.blank(Reason.NO_VALUES, f"tidak ada indikator {of} di bawahnya → -")
    mean = rollup(list(children), clamp=clamp, places=places)
    working = f"rata-rata capaian {len(children)} {of}: {mean.derivation}"
    if mean.value is None:
        return Result.blank(mean.code or Reason.NO_VALUES, working)
    return Result.of(mean.value, working)
