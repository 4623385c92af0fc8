"""Predikat scales: validation messages, categorisation, and the shipped catalogue."""

from decimal import Decimal as D

import pytest

from apps.calculations import Band, Result, Scale, capaian, categorise, validate_scale
from apps.performance.scales_catalogue import (
    AKIP_COMPONENT_WEIGHTS,
    AKIP_COMPONENTS,
    AKIP_PERMENPANRB_88_2021,
    ALL_SCALES,
    EFISIENSI_RASIO,
    EFISIENSI_SELISIH,
    IKM_MUTU_PERMENPANRB_14_2017,
    PERMENDAGRI_86_2017,
    SEED_001_BANJAR,
    SEED_002_JOMBANG,
    SEED_003_LUMAJANG,
)


def band(lower, upper, li, ui, label):
    return Band(None if lower is None else D(lower), None if upper is None else D(upper), li, ui, label, label, "#000")


@pytest.mark.parametrize("scale", ALL_SCALES, ids=lambda s: s.name)
def test_every_shipped_scale_validates_clean(scale):
    assert validate_scale(scale) == []
    assert scale.source


def test_empty_scale():
    assert validate_scale(Scale("Kosong", "capaian", ())) == ["Skala «Kosong» belum memiliki rentang nilai."]


def test_seed_003_as_printed_overlaps_and_stops_at_100():
    printed = Scale(
        "Klakah tercetak",
        "capaian",
        (
            band("95", "100", True, True, "Sangat berhasil"),
            band("80", "95", True, True, "Berhasil"),
            band("50", "80", True, True, "Cukup berhasil"),
            band(None, "50", False, False, "Tidak berhasil"),
        ),
    )
    assert validate_scale(printed) == [
        "Rentang «Sangat berhasil» dan «Berhasil» tumpang tindih: nilai 95 masuk ke keduanya.",
        "Rentang «Berhasil» dan «Cukup berhasil» tumpang tindih: nilai 80 masuk ke keduanya.",
        "Capaian di atas 100 tidak masuk rentang mana pun: tentukan rentangnya atau batasi nilainya ke 100.",
    ]


def test_gap_below_zero_and_above():
    scale = Scale("Celah", "capaian", (band("0", "40", True, False, "a"), band("50", "60", False, True, "b")))
    assert validate_scale(scale) == [
        "Nilai negatif (di bawah 0) tidak masuk rentang mana pun: tentukan rentangnya atau batasi nilainya.",
        "Nilai antara 40 dan 50 tidak masuk rentang mana pun (celah antara rentang).",
        "Nilai di atas 60 (termasuk capaian di atas 100) tidak masuk rentang mana pun.",
    ]


def test_point_gap_when_both_bounds_exclusive():
    scale = Scale("Titik", "x", (band(None, "40", False, False, "a"), band("40", None, False, False, "b")))
    assert validate_scale(scale) == ["Nilai 40 tidak masuk rentang mana pun (celah antara rentang)."]


def test_partial_overlap_region():
    scale = Scale("Tumpang", "x", (band(None, "60", False, True, "a"), band("50", None, True, False, "b")))
    assert validate_scale(scale) == ["Rentang «a» dan «b» tumpang tindih: nilai antara 50 dan 60 masuk ke keduanya."]


def test_bad_bands():
    scale = Scale(
        "Rusak",
        "x",
        (
            band("10", "5", True, True, "terbalik"),
            band("5", "5", True, False, "kosong"),
            Band(1.5, None, True, False, "float", "f", "#000"),  # type: ignore[arg-type]
            band(None, None, False, False, "semua"),
            band(None, None, False, False, "semua"),
        ),
    )
    messages = validate_scale(scale)
    assert "Rentang «terbalik»: batas bawah 10 lebih besar dari batas atas 5." in messages
    assert "Rentang «kosong» kosong: tidak ada nilai yang masuk (≥ 5 dan < 5)." in messages
    assert "Rentang «float»: batas harus angka Decimal yang terhingga." in messages
    assert "Kode «semua» dipakai lebih dari satu rentang." in messages
    assert "Rentang «semua» dan «semua» tumpang tindih: semua nilai masuk ke keduanya." in messages


def test_clamped_scale_only_needs_its_interval():
    scale = Scale("0-100", "x", (band("0", "50", True, False, "a"), band("50", "100", True, True, "b")), clamp=(D(0), D(100)))
    assert validate_scale(scale) == []
    short = Scale("0-90", "x", (band("0", "50", True, False, "a"), band("50", "90", True, True, "b")), clamp=(D(0), D(100)))
    assert validate_scale(short) == ["Nilai antara 90 dan 100 tidak masuk rentang mana pun."]
    bad = Scale("x", "x", (band(None, None, False, False, "a"),), clamp=(D(100), D(0)))
    assert validate_scale(bad) == ["Batas pembatasan (clamp) skala tidak sah."]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (D("100.00"), "hijau"),
        (D("115.40"), "hijau"),
        (D("99.99"), "biru"),
        (D("70.00"), "biru"),
        (D("69.99"), "kuning"),
        (D("40.00"), "kuning"),
        (D("39.99"), "merah"),
        (D("-5"), "merah"),
    ],
)
def test_categorise_seed_001_boundaries(value, code):
    # seed notes 001 section 5.2.1: the boundary cases a golden test should add
    assert categorise(SEED_001_BANJAR, value).code == code


def test_categorise_blank_and_result():
    assert categorise(SEED_001_BANJAR, None) is None
    assert categorise(SEED_001_BANJAR, capaian(None, D(73))) is None
    assert categorise(SEED_001_BANJAR, capaian(D("84.24"), D("73"))).label == "Berhasil"


def test_categorise_exact_or_displayed_value():
    value = Result.of(D("99.996"), "")
    assert categorise(SEED_001_BANJAR, value).label == "Cukup Berhasil"  # exact: below 100
    assert categorise(SEED_001_BANJAR, value, places=2).label == "Berhasil"  # as printed: 100,00


@pytest.mark.parametrize(
    ("scale", "value", "places", "half_up", "half_even"),
    [
        # 90,005 is printed 90,01 (half up), so it is AA (> 90); half even would print 90,00: A.
        (SEED_002_JOMBANG, "90.005", 2, "AA", "A"),
        (SEED_002_JOMBANG, "90.5", 0, "AA", "A"),
        (AKIP_PERMENPANRB_88_2021, "70.005", 2, "BB", "B"),
        (IKM_MUTU_PERMENPANRB_14_2017, "88.305", 2, "A", "B"),
        (PERMENDAGRI_86_2017, "75.05", 1, "T", "S"),
    ],
)
def test_categorise_rounds_half_up_at_a_band_boundary(scale, value, places, half_up, half_even):
    """The displayed value is rounded half up (numbers.quantize), never half even, before it is
    categorised: at an exclusive bound the two modes put the value in different bands."""
    from decimal import ROUND_HALF_EVEN

    assert categorise(scale, D(value), places=places).code == half_up
    as_half_even = D(value).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    assert categorise(scale, as_half_even).code == half_even  # the band half even would have given


def test_categorise_applies_clamp():
    assert categorise(SEED_002_JOMBANG, D("104.23")).code == "AA"
    assert categorise(SEED_002_JOMBANG, D("-3")).code == "D"


def test_categorise_rejects_float():
    with pytest.raises(TypeError):
        categorise(SEED_001_BANJAR, 99.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("scale", "value", "code"),
    [
        (SEED_003_LUMAJANG, D("95"), "SB"),  # decision: the printed overlap at 95 goes to the top band
        (SEED_003_LUMAJANG, D("94.99"), "B"),
        (SEED_003_LUMAJANG, D("80"), "B"),
        (SEED_003_LUMAJANG, D("79.99"), "CB"),
        (SEED_003_LUMAJANG, D("50"), "CB"),
        (SEED_003_LUMAJANG, D("49.99"), "TB"),
        (SEED_003_LUMAJANG, D("117.33"), "SB"),  # decision: above 100 stays "Sangat berhasil"
        (PERMENDAGRI_86_2017, D("91"), "ST"),
        (PERMENDAGRI_86_2017, D("90.5"), "ST"),
        (PERMENDAGRI_86_2017, D("90"), "T"),
        (PERMENDAGRI_86_2017, D("76"), "T"),
        (PERMENDAGRI_86_2017, D("75"), "S"),
        (PERMENDAGRI_86_2017, D("66"), "S"),
        (PERMENDAGRI_86_2017, D("65"), "R"),
        (PERMENDAGRI_86_2017, D("51"), "R"),
        (PERMENDAGRI_86_2017, D("50"), "SR"),
        (PERMENDAGRI_86_2017, D("130"), "ST"),
        (AKIP_PERMENPANRB_88_2021, D("90.01"), "AA"),
        (AKIP_PERMENPANRB_88_2021, D("90"), "A"),
        (AKIP_PERMENPANRB_88_2021, D("70"), "B"),  # seed 004: the Nilai Lakip target 70 sits on the B/BB bound
        (AKIP_PERMENPANRB_88_2021, D("30.01"), "C"),
        (AKIP_PERMENPANRB_88_2021, D("30"), "D"),
        (AKIP_PERMENPANRB_88_2021, D("0"), "D"),
        (SEED_002_JOMBANG, D("40.5"), "C"),
        (SEED_002_JOMBANG, D("40"), "D"),
        (IKM_MUTU_PERMENPANRB_14_2017, D("88.31"), "A"),
        (IKM_MUTU_PERMENPANRB_14_2017, D("88.30"), "B"),
        (IKM_MUTU_PERMENPANRB_14_2017, D("76.61"), "B"),
        (IKM_MUTU_PERMENPANRB_14_2017, D("76.60"), "C"),
        (IKM_MUTU_PERMENPANRB_14_2017, D("65.00"), "C"),
        (IKM_MUTU_PERMENPANRB_14_2017, D("64.99"), "D"),
        (IKM_MUTU_PERMENPANRB_14_2017, D("92.79"), "A"),  # seed 004 IKM 2023
        (EFISIENSI_SELISIH, D("9.01"), "E"),
        (EFISIENSI_SELISIH, D("0"), "CE"),
        (EFISIENSI_SELISIH, D("-88.23"), "TE"),
        (EFISIENSI_RASIO, D("109.57"), "E"),
        (EFISIENSI_RASIO, D("100"), "CE"),
        (EFISIENSI_RASIO, D("0"), "TE"),
    ],
)
def test_catalogue_bounds(scale, value, code):
    assert categorise(scale, value).code == code


def test_akip_component_weights():
    assert [c.weight for c in AKIP_COMPONENTS] == [D(30), D(30), D(15), D(25)]
    assert sum(AKIP_COMPONENT_WEIGHTS.values()) == D(100)
    assert AKIP_COMPONENT_WEIGHTS["pelaporan"] == D(15)


def test_band_describe():
    assert SEED_002_JOMBANG.bands[0].describe() == "> 90 dan ≤ 100"
    assert SEED_001_BANJAR.bands[0].describe() == "≥ 100"
    assert SEED_001_BANJAR.bands[-1].describe() == "< 40"
    assert band(None, None, False, False, "x").describe() == "semua nilai"
