"""The nilai AKIP of the SAKIP evaluation (PermenPANRB 88/2021: perencanaan 30, pengukuran 30,
pelaporan 15, evaluasi internal 25). docs/workflow.md."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from apps.core.numbers import format_decimal_id, format_number_id

from .results import ZERO, CalculationError, Reason, Result, checked, checked_places, exact, operand, required


@exact
def akip_score(scores: Mapping[str, Decimal | None], weights: Mapping[str, Decimal], *, places: int = 2) -> Result:
    """Nilai AKIP = the sum of the component scores, each between 0 and its weight (PermenPANRB 88/2021:
    perencanaan 30, pengukuran 30, pelaporan 15, evaluasi internal 25). A missing component gives no nilai."""
    places = checked_places(places)
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
