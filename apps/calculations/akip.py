"""The nilai AKIP of the SAKIP evaluation (PermenPANRB 88/2021: perencanaan 30, pengukuran 30,
pelaporan 15, evaluasi internal 25). docs/workflow.md."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from apps.core.numbers import format_decimal_id, format_number_id

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
