"""The LRA by kode akun (apps.calculations.budget): totals are sums of the kode akun stated, percentages
computed, never typed (seed 001 Ringkasan L82-92, notes §4.2 and §5.3.1; ROUND_HALF_UP, 2 places)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from apps import calculations as calc
from apps.budgets.codes import AKUN_BELANJA

ANGGARAN = {"5.1.01": D("1595777740"), "5.1.02": D("577364401"), "5.2.02": D("29542000")}
REALISASI = {"5.1.01": D("1217230642"), "5.1.02": D("537430848"), "5.2.02": D("29296000")}
PREVIOUS = {"5.1.01": D("941849195"), "5.1.02": D("446621747"), "5.2.02": D("70150000")}

SEED_001 = [
    # akun, anggaran, realisasi, serapan, realisasi 2021, sisa, sisa %, kenaikan
    ("5", "2202684141", "1783957490", "80.99", "1458620942", "418726651", "19.01", "22.30"),
    ("5.1", "2173142141", "1754661490", "80.74", "1388470942", "418480651", "19.26", "26.37"),
    ("5.1.01", "1595777740", "1217230642", "76.28", "941849195", "378547098", "23.72", "29.24"),
    ("5.1.02", "577364401", "537430848", "93.08", "446621747", "39933553", "6.92", "20.33"),
    ("5.2", "29542000", "29296000", "99.17", "70150000", "246000", "0.83", "-58.24"),
]


@pytest.mark.parametrize(("akun", "anggaran", "realisasi", "serapan", "previous", "sisa", "sisa_persen", "kenaikan"), SEED_001)
def test_seed_001_lra_rows(akun, anggaran, realisasi, serapan, previous, sisa, sisa_persen, kenaikan):
    rows = {r.akun: r for r in calc.lra_rows(AKUN_BELANJA, ANGGARAN, REALISASI, PREVIOUS)}
    row = rows[akun]
    assert (row.anggaran, row.realisasi, row.previous) == (D(anggaran), D(realisasi), D(previous))
    assert row.serapan().rounded(2) == D(serapan)
    assert row.sisa().rounded(0) == D(sisa)
    assert row.sisa_persen().rounded(2) == D(sisa_persen)
    assert row.kenaikan().rounded(2) == D(kenaikan)


def test_lra_rows_only_where_something_is_stated_in_catalogue_order():
    rows = calc.lra_rows(AKUN_BELANJA, ANGGARAN, REALISASI, PREVIOUS)
    assert [r.akun for r in rows] == ["5", "5.1", "5.1.01", "5.1.02", "5.2", "5.2.02"]


@pytest.mark.parametrize(
    ("amounts", "akun", "expected"),
    [
        ({"5.1": D(10), "5.2": D(5)}, "5", D(15)),
        ({"5.1": D(10), "5.2": D(5)}, "5.1", D(10)),
        ({"5.1": D(10)}, "5.2", None),  # nothing stated: blank, never zero
        ({"5.1.01": D(0)}, "5.1", D(0)),  # a stated zero is zero
        ({"5.10": D(7)}, "5.1", None),  # 5.10 is not under 5.1
        ({}, "5", None),
    ],
)
def test_akun_total(amounts, akun, expected):
    assert calc.akun_total(amounts, akun) == expected


def test_akun_overlaps_are_a_code_and_one_under_it():
    assert calc.akun_overlaps(["5.1", "5.1.01", "5.2", "5.10"]) == [("5.1", "5.1.01")]
    assert calc.akun_overlaps(["5.1.01", "5.1.02", "5.2.02"]) == []


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [(D(110), D(100), D("10")), (D(50), D(100), D("-50")), (None, D(100), None), (D(5), None, None), (D(5), D(0), None)],
)
def test_kenaikan(current, previous, expected):
    result = calc.kenaikan(current, previous)
    assert (None if result.is_blank else result.rounded(2)) == expected
