"""Budget: serapan, sisa, efisiensi in both forms, and the budget tree."""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    BudgetLevel,
    BudgetMismatch,
    BudgetNode,
    EfficiencyForm,
    Reason,
    capaian,
    efisiensi,
    serapan,
    sisa_anggaran,
)
from apps.core.numbers import quantize

P, K, S = BudgetLevel.PROGRAM, BudgetLevel.KEGIATAN, BudgetLevel.SUB_KEGIATAN


def test_serapan():
    result = serapan(D("1783957490"), D("2202684141"))
    assert quantize(result.value, 2) == D("80.99")
    assert result.derivation == "1.783.957.490 / 2.202.684.141 × 100 = 80,99 %"


@pytest.mark.parametrize(
    ("realisasi", "pagu", "code"),
    [
        (D("5"), D("0"), Reason.ZERO_PAGU),
        (D("0"), D("0"), Reason.ZERO_PAGU),
        (D("5"), None, Reason.MISSING_PAGU),
        (None, D("5"), Reason.MISSING_BUDGET_REALISATION),
    ],
)
def test_serapan_blanks(realisasi, pagu, code):
    result = serapan(realisasi, pagu)
    assert result.value is None and result.code is code


def test_sisa():
    result = sisa_anggaran(D("3180247616"), D("2995404515"))
    assert result.value == D("184843101")
    assert result.derivation == "3.180.247.616 − 2.995.404.515 = 184.843.101"
    assert sisa_anggaran(None, D(1)).code is Reason.MISSING_PAGU
    assert sisa_anggaran(D(1), None).code is Reason.MISSING_BUDGET_REALISATION


def test_efisiensi_difference_and_ratio():
    diff = efisiensi(D("103.2"), D("94.19"))
    assert diff.value == D("9.01")
    assert diff.derivation == "103,2 − 94,19 = 9,01 poin persen"
    ratio = efisiensi(D("103.2"), D("94.19"), form=EfficiencyForm.RATIO)
    assert quantize(ratio.value, 2) == D("109.57")


def test_efisiensi_from_results_full_precision_vs_printed():
    c = capaian(D("74.64"), D("73"))
    s = serapan(D("2841094465"), D("3025434166"))
    assert quantize(efisiensi(c, s).value, 2) == D("8.34")  # round once, at the end
    printed = efisiensi(c, s, operand_places=(1, 2))  # seed 002: subtract the printed 102,2 and 93,91
    assert printed.value == D("8.29")
    assert printed.derivation.startswith("angka tercetak: 102,2 − 93,91")


@pytest.mark.parametrize(
    ("c", "s", "form", "code"),
    [
        (None, D("90"), EfficiencyForm.DIFFERENCE, Reason.MISSING_CAPAIAN),
        (D("90"), None, EfficiencyForm.DIFFERENCE, Reason.MISSING_SERAPAN),
        (D("90"), D("0"), EfficiencyForm.RATIO, Reason.ZERO_SERAPAN),
    ],
)
def test_efisiensi_blanks(c, s, form, code):
    assert efisiensi(c, s, form=form).code is code


def test_efisiensi_blank_result_carries_reason():
    result = efisiensi(capaian(None, D(5)), D("90"))
    assert result.reason == "capaian kinerja tidak tersedia: realisasi belum diisi"


def _tree() -> BudgetNode:
    return BudgetNode(
        "1",
        "Program",
        P,
        pagu=D("300"),
        realisasi=D("250"),
        children=(
            BudgetNode(
                "1.1",
                "Kegiatan A",
                K,
                pagu=D("100"),
                realisasi=D("90"),
                children=(BudgetNode("1.1.1", "Sub A1", S, D("60"), D("50")), BudgetNode("1.1.2", "Sub A2", S, D("40"), D("40"))),
            ),
            BudgetNode(
                "1.2", "Kegiatan B", K, pagu=D("210"), realisasi=D("160"), children=(BudgetNode("1.2.1", "Sub B1", S, D("200"), D("160")),)
            ),
        ),
    )


def test_tree_totals_are_computed_from_leaves():
    tree = _tree()
    assert tree.total_pagu() == D("300")
    assert tree.total_realisasi() == D("250")
    assert quantize(tree.serapan().value, 2) == D("83.33")
    assert tree.sisa().value == D("50")
    assert [n.code for _, n in tree.walk()] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1"]
    assert tree.find("1.2.1").name == "Sub B1"
    assert tree.find("9") is None


def test_tree_mismatch_reported_where_made():
    mismatches = _tree().mismatches()
    # Kegiatan B states 210 for a sub kegiatan of 200. The program states 300 while its rows, as shown,
    # add up to 100 + 210 = 310: each row is checked against the rows printed directly under it.
    assert mismatches == [
        BudgetMismatch("1", "Program", "pagu", D("300"), D("310")),
        BudgetMismatch("1.2", "Kegiatan B", "pagu", D("210"), D("200")),
    ]
    assert mismatches[0].difference == D("-10")


def test_tree_blank_leaves_are_skipped_not_zero():
    tree = BudgetNode("1", "P", P, children=(BudgetNode("a", "a", S, D("10"), None), BudgetNode("b", "b", S, None, None)))
    assert tree.total_pagu() == D("10")
    assert tree.total_realisasi() is None
    assert tree.serapan().code is Reason.MISSING_BUDGET_REALISATION
    assert tree.mismatches() == []


def test_tree_rejects_float_and_bad_children():
    with pytest.raises(TypeError):
        BudgetNode("1", "P", P, pagu=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        BudgetNode("1", "P", P, children=[BudgetNode("a", "a", S)])  # type: ignore[arg-type]
