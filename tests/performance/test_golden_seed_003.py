"""Golden tests, seed 003: LKj Kecamatan Klakah (Kab. Lumajang) 2023.

Expected values are the RECOMPUTED ones of /work/shared/seed-notes/seed_003.md (section in each case
id); where the document printed something else the id names the defect (number of section 5.3).
"""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    Aggregation,
    BudgetLevel,
    BudgetMismatch,
    BudgetNode,
    aggregate,
    capaian,
    categorise,
    efisiensi,
    evaluate_formula,
    percentage,
    rollup,
    serapan,
    sisa_anggaran,
)
from apps.core.numbers import quantize
from apps.performance.scales_catalogue import IKM_MUTU_PERMENPANRB_14_2017, SEED_003_LUMAJANG

ORG, P, K, S = BudgetLevel.ORGANISASI, BudgetLevel.PROGRAM, BudgetLevel.KEGIATAN, BudgetLevel.SUB_KEGIATAN
SKM = {1: D("81.25"), 2: D("89.51"), 3: D("83.84"), 4: D("82.14")}  # 4.10, L1-L4


# --- 5.2 IKM: F4, mean of the four quarterly surveys ---------------------------------------------------
def test_ikm_sum_defect_1():
    assert aggregate(SKM, 4, Aggregation.CUMULATIVE_SUM).value == D("336.74")  # printed "336,6"


def test_ikm_annual_mean_defect_1():
    result = aggregate(SKM, 4, Aggregation.AVERAGE)
    assert result.value == D("84.185")
    assert quantize(result.value, 2) == D("84.19")  # half up; printed 84,25 in five places, 84,19 in Tabel 3.1
    assert quantize(aggregate(SKM, 3, Aggregation.AVERAGE).value, 3) == D("84.867")  # TW I-III only (not used)


@pytest.mark.parametrize(
    ("realisasi", "exact", "p2", "p0"),
    [
        pytest.param(D("84.19"), D("93.5444"), D("93.54"), D("94"), id="5.2-capaian-IKM-84.19-T3.1"),
        pytest.param(D("84.25"), D("93.6111"), D("93.61"), D("94"), id="5.2-capaian-IKM-84.25-T3.3-defect-2"),
        pytest.param(D("84.185"), D("93.5389"), D("93.54"), D("94"), id="5.2-capaian-IKM-unrounded"),
    ],
)
def test_ikm_capaian(realisasi, exact, p2, p0):
    result = capaian(realisasi, D("90"))
    assert (quantize(result.value, 4), quantize(result.value, 2), quantize(result.value, 0)) == (exact, p2, p0)
    assert categorise(SEED_003_LUMAJANG, result).label == "Berhasil"


# --- 5.2 S1 fasilitasi & koordinasi (F5) -------------------------------------------------------------------
def test_s1_ratio_defect_5():
    result = percentage(D("40"), D("42"))
    assert quantize(result.value, 6) == D("95.238095")
    assert quantize(result.value, 2) == D("95.24")  # the document truncates to 95,23


@pytest.mark.parametrize(
    ("realisasi", "target", "expected", "label"),
    [
        pytest.param(D("95.23"), D("95.23"), D("100.00"), "Sangat berhasil", id="5.2-S1-T3.3"),
        pytest.param(D("95.238095238"), D("95.23"), D("100.01"), "Sangat berhasil", id="5.2-S1-unrounded"),
        pytest.param(D("93.65"), D("95.23"), D("98.34"), "Sangat berhasil", id="5.2-S1-T3.1-defect-3-doc-97"),
    ],
)
def test_s1_capaian(realisasi, target, expected, label):
    result = capaian(realisasi, target)
    assert quantize(result.value, 2) == expected
    assert categorise(SEED_003_LUMAJANG, result).label == label


# --- 5.2 S2 desa documents (F6) ----------------------------------------------------------------------------
S2 = "(RKP + APB + LPP) / (DESA × 3) × 100"


def test_s2_formula_defect_6():
    values = {"RKP": D(12), "APB": D(12), "LPP": D(12), "DESA": D(12)}
    assert evaluate_formula(S2, values).value == D("100")
    assert evaluate_formula(S2.replace("× 3", "× 2"), values).value == D("150")  # the body text's "x 2 Dokumen"


@pytest.mark.parametrize(
    ("target", "exact", "p2", "p0"),
    [
        pytest.param(D("95.23"), D("105.0089"), D("105.01"), D("105"), id="5.2-S2-vs-95.23"),
        pytest.param(D("85.23"), D("117.3296"), D("117.33"), D("117"), id="5.2-S2-vs-original-PK-85.23-defect-8"),
    ],
)
def test_s2_capaian(target, exact, p2, p0):
    result = capaian(D("100"), target)
    assert (quantize(result.value, 4), quantize(result.value, 2), quantize(result.value, 0)) == (exact, p2, p0)
    assert categorise(SEED_003_LUMAJANG, result).label == "Sangat berhasil"  # decision: above 100 is the top band


def test_program_lppdes_defect_7():
    assert quantize(capaian(D("100"), D("85.23")).value, 2) == D("117.33")  # printed 110 %


# --- 5.2 Historical capaian (not printed; R / T x 100, 2 dp) --------------------------------------------------
@pytest.mark.parametrize(
    ("target", "realisasi", "expected"),
    [
        pytest.param(D("85.25"), D("78.6"), D("92.20"), id="5.2-hist-IKM-2019"),
        pytest.param(D("85.5"), D("82.34"), D("96.30"), id="5.2-hist-IKM-2020-2021-defect-13"),
        pytest.param(D("86.75"), D("87.03"), D("100.32"), id="5.2-hist-IKM-2022"),
        pytest.param(D("90"), D("84.25"), D("93.61"), id="5.2-hist-IKM-2023-84.25"),
        pytest.param(D("90"), D("84.19"), D("93.54"), id="5.2-hist-IKM-2023-84.19"),
        pytest.param(D("90"), D("100"), D("111.11"), id="5.2-hist-faskor-2019"),
        pytest.param(D("95"), D("93.33"), D("98.24"), id="5.2-hist-faskor-2020-2021"),
        pytest.param(D("94.53"), D("95.45"), D("100.97"), id="5.2-hist-faskor-2022"),
        pytest.param(D("95.23"), D("95.23"), D("100.00"), id="5.2-hist-faskor-2023"),
        pytest.param(D("91"), D("97.8"), D("107.47"), id="5.2-hist-desa-2019"),
        pytest.param(D("100"), D("83.33"), D("83.33"), id="5.2-hist-desa-2020-2021"),
        pytest.param(D("84.53"), D("97.2"), D("114.99"), id="5.2-hist-desa-2022"),
        pytest.param(D("95.23"), D("100"), D("105.01"), id="5.2-hist-desa-2023"),
    ],
)
def test_historical_capaian(target, realisasi, expected):
    assert quantize(capaian(realisasi, target).value, 2) == expected


def test_s1_change_2022_2023():
    assert evaluate_formula("B − A", {"A": D("95.45"), "B": D("95.23")}).value == D("-0.22")


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        pytest.param(D("35"), D("36"), D("97.22"), id="5.2-peer-Kedungjajang-12-desa"),
        pytest.param(D("28"), D("33"), D("84.85"), id="5.2-peer-Ranuyoso-11-desa"),
        pytest.param(D("14"), D("15"), D("93.33"), id="5.2-fraction-93.33"),
        pytest.param(D("21"), D("22"), D("95.45"), id="5.2-fraction-95.45"),
        pytest.param(D("30"), D("36"), D("83.33"), id="5.2-fraction-83.33"),
    ],
)
def test_peer_and_fraction_ratios(numerator, denominator, expected):
    assert quantize(percentage(numerator, denominator).value, 2) == expected


# --- 4.9 / 5.2 budget: every row, serapan and sisa ---------------------------------------------------------------
ROWS = {
    # no: (level, pagu, realisasi, serapan 2 dp, sisa)
    1: (P, "2038004581", "1923283100", "94.37", "114721481"),
    2: (K, "6140000", "6140000", "100.00", "0"),
    3: (S, "1050000", "1050000", "100.00", "0"),
    4: (S, "2000000", "2000000", "100.00", "0"),
    5: (S, "1570000", "1570000", "100.00", "0"),
    6: (S, "1520000", "1520000", "100.00", "0"),
    7: (K, "1573983446", "1466030424", "93.14", "107953022"),
    8: (S, "1554001446", "1446048424", "93.05", "107953022"),
    9: (S, "18525000", "18525000", "100.00", "0"),
    10: (S, "1457000", "1457000", "100.00", "0"),
    14: (K, "73538135", "73530300", "99.99", "7835"),
    15: (S, "1830000", "1830000", "100.00", "0"),
    16: (S, "29382985", "29375150", "99.97", "7835"),
    17: (S, "9905150", "9905150", "100.00", "0"),
    18: (S, "1530000", "1530000", "100.00", "0"),
    19: (S, "1800000", "1800000", "100.00", "0"),
    20: (S, "29090000", "29090000", "100.00", "0"),
    23: (K, "231109200", "225767976", "97.69", "5341224"),
    24: (S, "33540000", "28517976", "85.03", "5022024"),
    25: (S, "197250000", "197250000", "100.00", "0"),
    26: (K, "153233800", "151814400", "99.07", "1419400"),
    27: (S, "36403800", "35677000", "98.00", "726800"),
    28: (S, "6000000", "6000000", "100.00", "0"),
    29: (S, "110830000", "110137400", "99.38", "692600"),
    30: (P, "10360000", "10360000", "100.00", "0"),
    31: (K, "5000000", "5000000", "100.00", "0"),
    32: (S, "5000000", "5000000", "100.00", "0"),
    33: (K, "5360000", "5360000", "100.00", "0"),
    34: (S, "5360000", "5360000", "100.00", "0"),
    35: (P, "125307900", "125307900", "100.00", "0"),
    36: (K, "125307900", "125307900", "100.00", "0"),
    37: (S, "3600000", "3600000", "100.00", "0"),
    38: (S, "8213000", "8213000", "100.00", "0"),
    39: (S, "93494900", "93494900", "100.00", "0"),
    42: (S, "20000000", "20000000", "100.00", "0"),
    48: (P, "4850000", "4850000", "100.00", "0"),
    49: (K, "4850000", "4850000", "100.00", "0"),
    50: (S, "4850000", "4850000", "100.00", "0"),
    52: (P, "2400000", "2400000", "100.00", "0"),
    53: (K, "2400000", "2400000", "100.00", "0"),
    54: (S, "2400000", "2400000", "100.00", "0"),
    55: (P, "305100000", "305100000", "100.00", "0"),
    56: (K, "305100000", "305100000", "100.00", "0"),
    59: (S, "305100000", "305100000", "100.00", "0"),
}


@pytest.mark.parametrize("no", list(ROWS), ids=[f"4.9-row-{n}" + ("-defect-15-1923.283.100" if n == 1 else "") for n in ROWS])
def test_budget_row(no):
    _, pagu, realisasi, pct, sisa = ROWS[no]
    assert quantize(serapan(D(realisasi), D(pagu)).value, 2) == D(pct)
    assert sisa_anggaran(D(pagu), D(realisasi)).value == D(sisa)


def _tree() -> BudgetNode:
    """Rebuild the tree from the row order: each row belongs to the last row of the level above."""
    structure: list[tuple[int, list[tuple[int, list[int]]]]] = []
    for no, (level, *_rest) in ROWS.items():
        if level is P:
            structure.append((no, []))
        elif level is K:
            structure[-1][1].append((no, []))
        else:
            structure[-1][1][-1][1].append(no)

    def node(no: int, children: tuple[BudgetNode, ...] = ()) -> BudgetNode:
        level, pagu, realisasi, _, _ = ROWS[no]
        return BudgetNode(str(no), f"baris {no}", level, D(pagu), D(realisasi), children)

    programs = tuple(node(p_no, tuple(node(k_no, tuple(node(s) for s in subs)) for k_no, subs in kegiatan)) for p_no, kegiatan in structure)
    return BudgetNode("OPD", "Kecamatan Klakah", ORG, D("2486022481"), D("2371301000"), programs)


def test_budget_tree_defect_15():
    tree = _tree()
    # every kegiatan = its sub kegiatan and every program = its kegiatan, except row 23's pagu (delta 319.200)
    assert tree.mismatches() == [BudgetMismatch("23", "baris 23", "pagu", D("231109200"), D("230790000"))]
    assert tree.mismatches()[0].difference == D("319200")
    assert tree.find("1").mismatches() == tree.mismatches()  # program 1 itself sums with the stated kegiatan


def test_budget_total():
    tree = _tree()
    programs_pagu = sum((c.pagu for c in tree.children), D(0))
    programs_real = sum((c.realisasi for c in tree.children), D(0))
    assert (programs_pagu, programs_real) == (D("2486022481"), D("2371301000"))
    total = serapan(programs_real, programs_pagu)
    assert quantize(total.value, 4) == D("95.3853")
    assert quantize(total.value, 2) == D("95.39")
    assert quantize(total.value, 0) == D("95")  # printed "95 %"
    assert sisa_anggaran(programs_pagu, programs_real).value == D("114721481")


@pytest.mark.parametrize(
    ("murni", "perubahan", "delta", "delta_pct"),
    [
        pytest.param(D("2104137463"), D("2038004581"), D("-66132882"), D("-3.14"), id="4.9-murni-perubahan-penunjang"),
        pytest.param(D("10360000"), D("10360000"), D("0"), D("0.00"), id="4.9-murni-perubahan-penyelenggaraan"),
        pytest.param(D("182633000"), D("125307900"), D("-57325100"), D("-31.39"), id="4.9-murni-perubahan-pemberdayaan"),
        pytest.param(D("4850000"), D("4850000"), D("0"), D("0.00"), id="4.9-murni-perubahan-trantibum"),
        pytest.param(D("7800000"), D("2400000"), D("-5400000"), D("-69.23"), id="4.9-murni-perubahan-pemerintahan-umum"),
        pytest.param(D("305100000"), D("305100000"), D("0"), D("0.00"), id="4.9-murni-perubahan-binwas-desa"),
        pytest.param(D("2614880463"), D("2486022481"), D("-128857982"), D("-4.93"), id="4.9-murni-perubahan-total"),
    ],
)
def test_murni_to_perubahan(murni, perubahan, delta, delta_pct):
    change = evaluate_formula("B − A", {"A": murni, "B": perubahan}).value
    assert change == delta
    assert quantize(percentage(change, murni).value, 2) == delta_pct


def test_pk_annex_sum():
    programs = ["2104137463", "10360000", "182633000", "4850000", "7800000", "305100000"]
    pk = BudgetNode(
        "PK", "Lampiran PK", ORG, D("2614880463"), children=tuple(BudgetNode(str(i), str(i), P, D(a)) for i, a in enumerate(programs))
    )
    assert pk.mismatches() == []


def test_penunjang_without_salaries_and_unspent_share():
    assert quantize(serapan(D("477234676"), D("484003135")).value, 2) == D("98.60")
    assert evaluate_formula("A − B", {"A": D("2038004581"), "B": D("1554001446")}).value == D("484003135")
    assert quantize(percentage(D("107953022"), D("114721481")).value, 1) == D("94.1")


# --- 5.2 Efisiensi (F7, Tabel 3.6: 7 = 5 - 6), recomputed with the real absorption ------------------------------
@pytest.mark.parametrize(
    ("capaian_kinerja", "pagu", "realisasi", "expected"),
    [
        pytest.param(D("100"), "2038004581", "1923283100", D("5.63"), id="5.2-efisiensi-penunjang-defect-14-doc-dash"),
        pytest.param(D("100"), "10360000", "10360000", D("0.00"), id="5.2-efisiensi-penyelenggaraan"),
        pytest.param(D("100"), "125307900", "125307900", D("0.00"), id="5.2-efisiensi-pemberdayaan"),
        pytest.param(D("100"), "4850000", "4850000", D("0.00"), id="5.2-efisiensi-trantibum"),
        pytest.param(D("100"), "2400000", "2400000", D("0.00"), id="5.2-efisiensi-pemerintahan-umum"),
        pytest.param(D("100"), "305100000", "305100000", D("0.00"), id="5.2-efisiensi-binwas-APBDes-RKPDes"),
        pytest.param(D("85.23"), "305100000", "305100000", D("-14.77"), id="5.2-efisiensi-LPPDes-as-printed-defect-7"),
        pytest.param(capaian(D("100"), D("85.23")), "305100000", "305100000", D("17.33"), id="5.2-efisiensi-LPPDes-recomputed"),
    ],
)
def test_efisiensi(capaian_kinerja, pagu, realisasi, expected):
    result = efisiensi(capaian_kinerja, serapan(D(realisasi), D(pagu)))
    assert quantize(result.value, 2) == expected


# --- 5.2 Predikat summary (seed 003 scale, decisions in scales_catalogue) -----------------------------------------
@pytest.mark.parametrize(
    ("value", "label"),
    [
        pytest.param(D("93.54"), "Berhasil", id="5.2-predikat-IKM"),
        pytest.param(D("100"), "Sangat berhasil", id="5.2-predikat-S1-100"),
        pytest.param(D("97"), "Sangat berhasil", id="5.2-predikat-S1-97-defect-3"),
        pytest.param(D("105"), "Sangat berhasil", id="5.2-predikat-S2-105-defect-9-above-scale"),
        pytest.param(D("95"), "Sangat berhasil", id="5.1-F3-overlap-95-defect-9"),
        pytest.param(D("80"), "Berhasil", id="5.1-F3-overlap-80-defect-9"),
    ],
)
def test_predikat(value, label):
    assert categorise(SEED_003_LUMAJANG, value).label == label


def test_aggregate_not_computed_by_the_seed():
    mean = rollup([capaian(D("84.19"), D("90")), capaian(D("95.23"), D("95.23")), capaian(D("100"), D("95.23"))])
    assert quantize(mean.value, 2) == D("99.52")
    assert categorise(SEED_003_LUMAJANG, mean).label == "Sangat berhasil"  # the Penutup says "berhasil"


@pytest.mark.parametrize(
    ("ikm", "code"),
    [
        pytest.param(D("89.51"), "A", id="5.1-mutu-TW2"),
        pytest.param(D("81.25"), "B", id="5.1-mutu-TW1"),
        pytest.param(D("83.84"), "B", id="5.1-mutu-TW3"),
        pytest.param(D("82.14"), "B", id="5.1-mutu-TW4"),
        pytest.param(D("84.19"), "B", id="5.1-mutu-year"),
    ],
)
def test_ikm_mutu(ikm, code):
    assert categorise(IKM_MUTU_PERMENPANRB_14_2017, ikm).code == code
