"""Pre-submission consistency check."""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    Aggregation,
    BudgetLevel,
    BudgetNode,
    CalculationError,
    Direction,
    Finding,
    IndicatorRule,
    IndicatorYear,
    OrgYearInput,
    PkBudget,
    Severity,
    check_consistency,
)

P, K, S = BudgetLevel.PROGRAM, BudgetLevel.KEGIATAN, BudgetLevel.SUB_KEGIATAN


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def good_indicator(**overrides) -> IndicatorYear:
    values = {
        "code": "IKU1",
        "name": "Indeks Kepuasan Masyarakat",
        "target": D("87"),
        "pk_target": D("87"),
        "renstra_target": D("87"),
        "tw_targets": {1: D("87"), 2: D("87"), 3: D("87"), 4: D("87")},
        "realisations": {4: D("92.79")},
    }
    values.update(overrides)
    return IndicatorYear(**values)


def test_clean_input_has_no_findings():
    data = OrgYearInput(organisation="Kalaena", year=2023, indicators=(good_indicator(),))
    assert check_consistency(data) == []


def test_missing_target_and_realisation():
    data = OrgYearInput("Kalaena", 2023, indicators=(good_indicator(target=None, pk_target=None, realisations={}),))
    findings = check_consistency(data)
    assert codes(findings) == ["TARGET_KOSONG", "REALISASI_KOSONG"]
    assert all(f.severity is Severity.ERROR for f in findings)
    assert findings[1].message == "Indikator «Indeks Kepuasan Masyarakat» belum memiliki realisasi s/d TW IV."
    assert findings[1].subject == "IKU1 Indeks Kepuasan Masyarakat"


def test_realisation_counted_up_to_reporting_quarter():
    data = OrgYearInput("Kalaena", 2023, upto=2, indicators=(good_indicator(realisations={3: D("90")}),))
    assert codes(check_consistency(data)) == ["REALISASI_KOSONG"]


def test_below_target_needs_faktor_and_solusi():
    below = good_indicator(realisations={4: D("80")})
    findings = check_consistency(OrgYearInput("X", 2023, indicators=(below,)))
    assert codes(findings) == ["TANPA_FAKTOR_PENGHAMBAT", "TANPA_SOLUSI"]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message == ("Capaian «Indeks Kepuasan Masyarakat» 91,95 % di bawah target, tetapi faktor penghambat belum diisi.")
    explained = good_indicator(realisations={4: D("80")}, faktor_penghambat="SDM kurang", solusi="Bimtek petugas")
    assert check_consistency(OrgYearInput("X", 2023, indicators=(explained,))) == []


def test_below_tw_target_during_the_year():
    rule = IndicatorRule(aggregation=Aggregation.CUMULATIVE_SUM)
    indicator = good_indicator(
        rule=rule, target=D("6"), pk_target=D("6"), renstra_target=D("6"), tw_targets={2: D("3"), 4: D("6")}, realisations={1: D("1")}
    )
    findings = check_consistency(OrgYearInput("Kalaena", 2023, upto=2, indicators=(indicator,)))
    assert codes(findings) == ["TANPA_FAKTOR_PENGHAMBAT", "TANPA_SOLUSI"]
    assert "33,33 %" in findings[0].message


def test_pk_and_renstra_targets():
    indicator = good_indicator(target=D("90"), pk_target=D("87"), renstra_target=D("85"))
    findings = check_consistency(OrgYearInput("Kalaena", 2023, indicators=(indicator,)))
    assert codes(findings) == ["TARGET_BEDA_PK", "PK_BEDA_RENSTRA", "TARGET_TW4_BEDA_TAHUNAN"]
    assert findings[0].severity is Severity.ERROR
    assert findings[1].severity is Severity.WARNING
    assert findings[1].message == ("Target PK «Indeks Kepuasan Masyarakat» (87) berbeda dengan target Renstra tahun 2023 (85).")


def test_tw_targets_not_cumulative():
    rule = IndicatorRule(aggregation=Aggregation.CUMULATIVE_SUM)
    indicator = good_indicator(
        rule=rule,
        target=D("12"),
        pk_target=D("12"),
        renstra_target=D("12"),
        tw_targets={1: D("3"), 2: D("2"), 3: D("9"), 4: D("12")},
        realisations={1: D(3), 2: D(3), 3: D(3), 4: D(3)},
    )
    findings = check_consistency(OrgYearInput("X", 2023, indicators=(indicator,)))
    assert codes(findings) == ["TARGET_TW_TIDAK_KUMULATIF"]
    assert "Target TW II (2) lebih kecil dari target TW I (3)" in findings[0].message


def test_decreasing_targets_allowed_for_lower_is_better_latest_values():
    rule = IndicatorRule(direction=Direction.LOWER_BETTER, aggregation=Aggregation.LATEST)
    indicator = good_indicator(
        rule=rule,
        target=D("10"),
        pk_target=D("10"),
        renstra_target=D("10"),
        tw_targets={1: D("16"), 2: D("14"), 3: D("12"), 4: D("10")},
        realisations={4: D("9")},
    )
    assert check_consistency(OrgYearInput("X", 2023, indicators=(indicator,))) == []


def _budget(kegiatan_pagu: D = D("100")) -> BudgetNode:
    return BudgetNode(
        "P1",
        "Program Penunjang",
        P,
        pagu=D("150"),
        realisasi=D("140"),
        children=(
            BudgetNode(
                "K1",
                "Administrasi Keuangan",
                K,
                pagu=kegiatan_pagu,
                realisasi=D("90"),
                children=(BudgetNode("S1", "Gaji", S, D("100"), D("90")),),
            ),
            BudgetNode("K2", "Administrasi Umum", K, children=(BudgetNode("S2", "Logistik", S, D("50"), D("50")),)),
        ),
    )


def test_budget_tree_sums_and_pk():
    data = OrgYearInput(
        "X",
        2023,
        budget=(_budget(),),
        pk_budgets=(PkBudget("P1", "Program Penunjang", D("150")),),
        pk_budget_total=D("150"),
    )
    assert check_consistency(data) == []


def test_budget_tree_that_does_not_sum():
    data = OrgYearInput("X", 2023, budget=(_budget(kegiatan_pagu=D("110")),))
    findings = check_consistency(data)
    assert codes(findings) == ["ANGGARAN_TIDAK_SAMA", "ANGGARAN_TIDAK_SAMA"]
    assert findings[0].message == "Pagu «Program Penunjang» tertulis Rp 150, jumlah rinciannya Rp 160 (selisih Rp -10)."
    assert findings[1].subject == "K1 Administrasi Keuangan"


def test_blank_leaf_and_overspending():
    tree = BudgetNode("P1", "Program", P, children=(BudgetNode("S1", "Sub", S, None, D("5")), BudgetNode("S2", "Sub 2", S, D("5"), D("6"))))
    findings = check_consistency(OrgYearInput("X", 2023, budget=(tree,)))
    # pre-order: the program (realisasi 5 + 6 = 11 against the only known pagu, 5), then its lines
    assert codes(findings) == ["REALISASI_MELEBIHI_PAGU", "ANGGARAN_KOSONG", "REALISASI_MELEBIHI_PAGU"]
    assert [f.subject for f in findings] == ["P1 Program", "S1 Sub", "S2 Sub 2"]


def test_pk_budget_against_dpa():
    data = OrgYearInput(
        "Kalaena",
        2023,
        budget=(_budget(),),
        pk_budgets=(PkBudget("P1", "Program Penunjang", D("140")), PkBudget("P9", "Program Hilang", D("10"))),
        pk_budget_total=D("160"),
    )
    findings = check_consistency(data)
    assert codes(findings) == ["PK_ANGGARAN_BEDA_DPA", "PK_PROGRAM_TIDAK_ADA", "PK_TOTAL_TIDAK_SAMA"]
    assert findings[0].message == ("Anggaran PK «Program Penunjang» (Rp 140) berbeda dengan pagu DPA (Rp 150): perlu PK perubahan.")
    assert findings[2].message == "Jumlah anggaran PK tertulis Rp 160, jumlah per program Rp 150."


def test_invalid_quarter_rejected():
    with pytest.raises(CalculationError):
        check_consistency(OrgYearInput("X", 2023, upto=5))
