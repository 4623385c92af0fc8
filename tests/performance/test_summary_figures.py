"""The calculations behind issue 17's summary tables: how a predikat is printed, the gap to a comparison
figure, and the nilai AKIP of an LHE that states only its total."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from apps.calculations import CalculationError, Result, akip_score, categorise, difference, predikat_text
from apps.performance.scales_catalogue import (
    AKIP_COMPONENT_WEIGHTS,
    AKIP_PERMENPANRB_88_2021,
    SEED_001_BANJAR,
    SEED_002_JOMBANG,
    SEED_003_LUMAJANG,
    SEED_004_LUWU_TIMUR,
)


@pytest.mark.parametrize(("display", "text"), [("code_label", "AA (Sangat Memuaskan)"), ("label", "Sangat Memuaskan"), ("code", "AA")])
def test_predikat_text(display, text):
    assert predikat_text(categorise(SEED_002_JOMBANG, D("103.24"), places=2), display) == text


def test_predikat_text_of_no_band_and_of_a_band_without_code():
    band = categorise(SEED_001_BANJAR, D("115.40"))
    assert predikat_text(None, "code") == "-"
    assert predikat_text(replace(band, code=""), "code") == "Berhasil"
    with pytest.raises(CalculationError):
        predikat_text(band, "kode")


def test_each_seed_scale_prints_the_predikat_as_its_seed():
    """Seed 002 prints "AA (Sangat Memuaskan)"; seeds 001, 003 and 004 the label alone."""
    assert SEED_002_JOMBANG.display == "code_label"
    assert [s.display for s in (SEED_001_BANJAR, SEED_003_LUMAJANG, SEED_004_LUWU_TIMUR)] == ["label"] * 3
    assert AKIP_PERMENPANRB_88_2021.display == "code_label"


def test_difference_realisation_minus_comparison():
    """Seed 002 §4.12: nilai AKIP 74,64 against the national 64,23."""
    gap = difference(Result.of(D("74.64"), ""), D("64.23"))
    assert (gap.value, gap.derivation) == (D("10.41"), "74,64 − 64,23 = 10,41")
    assert difference(D("8.13"), D("8.45")).value == D("-0.32")
    assert difference(None, D("64.23")).value is None and difference(D("1"), None).value is None


def test_akip_score_of_the_components_or_of_the_total_alone():
    none = dict.fromkeys(AKIP_COMPONENT_WEIGHTS)
    seed_002 = {"perencanaan": D("24.81"), "pengukuran": D("19.87"), "pelaporan": D("10.87"), "evaluasi_internal": D("19.09")}
    assert akip_score(seed_002, AKIP_COMPONENT_WEIGHTS).value == D("74.64")
    assert akip_score(seed_002, AKIP_COMPONENT_WEIGHTS, total=D("99")).value == D("74.64")  # the components win
    total = akip_score(none, AKIP_COMPONENT_WEIGHTS, total=D("70.88"))  # seed 001: the LHE states no components
    assert total.value == D("70.88") and "komponen tidak dirinci" in total.derivation
    assert categorise(AKIP_PERMENPANRB_88_2021, total, places=2).code == "BB"
    assert akip_score(none, AKIP_COMPONENT_WEIGHTS).value is None
    assert akip_score({**none, "perencanaan": D("20")}, AKIP_COMPONENT_WEIGHTS, total=D("70")).value is None  # partial: no nilai
    with pytest.raises(CalculationError):
        akip_score(none, AKIP_COMPONENT_WEIGHTS, total=D("100.01"))
