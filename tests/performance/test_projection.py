"""Year-end projection from the quarters so far, and the early warning."""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    Aggregation,
    Direction,
    IndicatorRule,
    RangeTarget,
    Reason,
    indicator_capaian,
    project_year_end,
)
from apps.core.numbers import quantize

SUM = IndicatorRule(aggregation=Aggregation.CUMULATIVE_SUM)


@pytest.mark.parametrize(
    ("values", "upto", "rule", "target", "projected", "capaian", "warning"),
    [
        # seed 004 4.16 Evaluasi Kinerja PD: 4 + 2 by TW II -> 6 / 2 x 4 = 12 against 10
        ({1: D(4), 2: D(2)}, 2, SUM, D(10), D(12), D("120.00"), False),
        # Forkopimcam: 3 meetings in TW I -> 12 against 12
        ({1: D(3)}, 1, SUM, D(12), D(12), D("100.00"), False),
        # Musrenbang participation 113 of 140 at TW I (cumulative headcount): latest value
        ({1: D(113)}, 1, IndicatorRule(aggregation=Aggregation.LATEST), D(140), D(113), D("80.71"), True),
        # blank TW II is skipped: (4 + 2) / 2 x 4
        ({1: D(4), 2: None, 3: D(2)}, 3, SUM, D(10), D(12), D("120.00"), False),
        ({1: D("81.25"), 2: D("89.51")}, 2, IndicatorRule(aggregation=Aggregation.AVERAGE), D(90), D("85.38"), D("94.87"), True),
        ({1: D(1), 2: D(3), 3: D(2)}, 3, IndicatorRule(aggregation=Aggregation.MAXIMUM), D(3), D(3), D("100.00"), False),
        # at TW IV the projection is the actual value
        ({1: D(4), 2: D(2), 3: D(2), 4: D(1)}, 4, SUM, D(10), D(9), D("90.00"), True),
        # lower is better: 3 complaints in TW I -> 12 a year against a target of 10
        (
            {1: D(3)},
            1,
            IndicatorRule(direction=Direction.LOWER_BETTER, aggregation=Aggregation.CUMULATIVE_SUM),
            D(10),
            D(12),
            D("80.00"),
            True,
        ),
    ],
)
def test_projection(values, upto, rule, target, projected, capaian, warning):
    projection = project_year_end(values, upto, target, rule)
    assert quantize(projection.value.value, 2) == quantize(projected, 2)
    assert quantize(projection.capaian.value, 2) == capaian
    assert projection.early_warning is warning
    assert ("Peringatan dini" in projection.message) is warning


def test_projection_derivation():
    projection = project_year_end({1: D(4), 2: D(2)}, 2, D(10), SUM)
    assert projection.value.derivation == "TW I 4 + TW II 2 = 6,00; proyeksi 6,00 / 2 × 4 = 12,00"
    assert projection.message == "Proyeksi capaian akhir tahun 120,00 %: sesuai jalur."


def test_projection_without_data_or_target_has_no_warning():
    empty = project_year_end({}, 2, D(10), SUM)
    assert empty.value.value is None and empty.capaian.value is None and not empty.early_warning
    assert empty.message == "Proyeksi capaian tidak dapat dihitung (realisasi belum diisi)."
    no_target = project_year_end({1: D(1)}, 1, None, SUM)
    assert no_target.capaian.code is Reason.MISSING_TARGET and not no_target.early_warning


def test_projection_with_range_target():
    rule = IndicatorRule(direction=Direction.RANGE, aggregation=Aggregation.LATEST)
    assert project_year_end({1: D(85)}, 1, RangeTarget(D(80), D(90)), rule).capaian.value == D(100)


def test_indicator_capaian():
    rule = IndicatorRule(aggregation=Aggregation.AVERAGE)
    result = indicator_capaian({1: D("81.25"), 2: D("89.51"), 3: D("83.84"), 4: D("82.14")}, 4, D(90), rule)
    assert quantize(result.value, 2) == D("93.54")  # seed 003 5.2
    assert indicator_capaian({}, 4, D(90), rule).code is Reason.MISSING_REALISATION
