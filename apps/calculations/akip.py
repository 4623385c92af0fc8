"""The nilai AKIP of the SAKIP evaluation (PermenPANRB 88/2021: perencanaan 30, pengukuran 30,
pelaporan 15, evaluasi internal 25), and a component's nilai blended from its LKE and evaluasi lapangan
scores (seed 002). docs/workflow.md."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from apps.core.numbers import format_decimal_id, format_number_id, quantize

from .results import ZERO, CalculationError, Reason, Result, checked, checked_places, exact, operand, required


@exact
def akip_score(
    scores: Mapping[str, Decimal | None], weights: Mapping[str, Decimal], *, total: Decimal | None = None, places: int = 2
) -> Result:
    """Nilai AKIP = the sum of the component scores, each between 0 and its weight (PermenPANRB 88/2021:
    perencanaan 30, pengukuran 30, pelaporan 15, evaluasi internal 25). A missing component gives no nilai.

    ``total``: the nilai of an LHE that states no components (seed 001: 70,88); it is the nilai when no
    component is given, between 0 and the sum of the weights. With components it is not used."""
    places = checked_places(places)
    given = checked(total, "nilai AKIP")
    if given is not None and all(checked(scores.get(code), f"nilai komponen {code}") is None for code in weights):
        top = sum((required(w, f"bobot {code}") for code, w in weights.items()), ZERO)
        if given < 0 or given > top:
            raise CalculationError(f"nilai AKIP harus antara 0 dan {format_number_id(top)}")
        return Result.of(given, f"nilai LHE {format_decimal_id(given, places)} (komponen tidak dirinci)")
    terms = []
    total = ZERO
    for code, weight in weights.items():
        value = checked(scores.get(code), f"nilai komponen {code}")
        if value is None:
            return Result.blank(Reason.MISSING_INPUT, f"komponen {code} belum dinilai → -")
        w = required(weight, f"bobot {code}")
        if value < 0 or value > w:
            raise CalculationError(f"nilai komponen {code} harus antara 0 dan {format_number_id(w)}")
        total += value
        terms.append(operand(value))
    return Result.of(total, f"{' + '.join(terms)} = {format_decimal_id(total, places)}")


#: The share of the LKE score and of the evaluasi lapangan score in a component's nilai (seed notes 002
#: §5.3.2, F15: it fits the three blended rows of the LHE SAKIP 2024 of Kabupaten Jombang exactly).
LKE_SHARE = Decimal("0.8")
LAPANGAN_SHARE = Decimal("0.2")


@exact
def blended_score(
    lke: Decimal | None, lapangan: Decimal | None, *, weight: Decimal, places: int = 2,
    shares: tuple[Decimal, Decimal] = (LKE_SHARE, LAPANGAN_SHARE),
) -> Result:  # fmt: skip
    """A component's nilai from the evaluator's two scores: ``0,8 × LKE + 0,2 × evaluasi lapangan``, or the LKE
    alone when there is no field score (seed 002: Evaluasi Akuntabilitas Kinerja Internal 19,09). Both scores lie
    between 0 and the component's ``weight``. The nilai is rounded half up to ``places``: the LHE prints and adds
    the rounded nilai (0,8 × 11,79 + 0,2 × 7,17 = 10,866 → 10,87; the four nilai add up to 74,64)."""
    places = checked_places(places)
    w = required(weight, "bobot")
    score = checked(lke, "nilai LKE")
    field = checked(lapangan, "nilai evaluasi lapangan")
    if score is None:
        return Result.blank(Reason.MISSING_INPUT, "nilai LKE belum diisi → -")
    for value, what in ((score, "nilai LKE"), (field, "nilai evaluasi lapangan")):
        if value is not None and (value < 0 or value > w):
            raise CalculationError(f"{what} harus antara 0 dan {format_number_id(w)}")
    if field is None:
        return Result.of(quantize(score, places), f"nilai LKE {format_decimal_id(score, places)} (tanpa evaluasi lapangan)")
    a, b = (required(s, "porsi") for s in shares)
    value = quantize(a * score + b * field, places)
    return Result.of(value, f"{operand(a)} × {operand(score)} + {operand(b)} × {operand(field)} = {format_decimal_id(value, places)}")


@exact
def score_total(values: list[Decimal | None], *, places: int = 2) -> Result:
    """The sum of the given scores (a column's row "Jumlah"); blank when none is given."""
    places = checked_places(places)
    given = [v for v in (checked(x, "nilai") for x in values) if v is not None]
    if not given:
        return Result.blank(Reason.MISSING_INPUT, "tidak ada nilai → -")
    total = sum(given, ZERO)
    return Result.of(total, f"{' + '.join(operand(v) for v in given)} = {format_decimal_id(total, places)}")


@exact
def rb_index(group_scores: list[Decimal | None], *, entered: Decimal | None = None, places: int = 2) -> Result:
    """Indeks Reformasi Birokrasi of an RB evaluation: the index the evaluation letter states (``entered``)
    when given, else the sum of its top-level components' nilai (seed 002 Tabel 1.4: 6,37 + 68,52 = 74,89, while
    the letter states 74,90, rounded from unprinted decimals, seed notes 002 Q11). The index lies in 0-100. Blank
    when nothing is entered and a component has no nilai."""
    places = checked_places(places)
    given = checked(entered, "indeks RB")
    values = [checked(v, "nilai komponen") for v in group_scores]
    if given is not None:
        if given < 0 or given > 100:
            raise CalculationError("indeks RB harus antara 0 dan 100")
        return Result.of(given, f"indeks RB dari surat hasil evaluasi: {format_decimal_id(given, places)}")
    if not values or any(v is None for v in values):
        return Result.blank(Reason.MISSING_INPUT, "nilai komponen RB belum lengkap → -")
    total = sum((v for v in values if v is not None), ZERO)
    return Result.of(total, f"{' + '.join(operand(v) for v in values if v is not None)} = {format_decimal_id(total, places)}")
