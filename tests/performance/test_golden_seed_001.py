"""Golden tests, seed 001: LKjIP Kecamatan Aluh Aluh (Kab. Banjar) 2022.

Every expected value is the RECOMPUTED one of /work/shared/seed-notes/seed_001.md (section cited in
each case id), never the document's; where the document printed something else, the id names the
defect (Q-number of seed notes 001 section 5.4).
"""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    BudgetLevel,
    BudgetMismatch,
    BudgetNode,
    Direction,
    LowerFormula,
    capaian,
    categorise,
    evaluate_formula,
    percentage,
    serapan,
    sisa_anggaran,
)
from apps.core.numbers import quantize
from apps.performance.scales_catalogue import AKIP_PERMENPANRB_88_2021, IKM_MUTU_PERMENPANRB_14_2017, SEED_001_BANJAR

ORG, P, K, S = BudgetLevel.ORGANISASI, BudgetLevel.PROGRAM, BudgetLevel.KEGIATAN, BudgetLevel.SUB_KEGIATAN


# --- 5.3.1 LRA (Ringkasan L84-91): serapan, half up, 2 dp; exact to 6 dp as in the note -------------
LRA = [
    pytest.param(D("2202684141"), D("1783957490"), D("80.990164"), D("80.99"), id="5.3.1-belanja-daerah-L84"),
    pytest.param(D("2173142141"), D("1754661490"), D("80.743061"), D("80.74"), id="5.3.1-belanja-operasi-L85"),
    pytest.param(D("1595777740"), D("1217230642"), D("76.278207"), D("76.28"), id="5.3.1-belanja-pegawai-L86-HU"),
    pytest.param(D("577364401"), D("537430848"), D("93.083475"), D("93.08"), id="5.3.1-barang-jasa-L87"),
    pytest.param(D("29542000"), D("29296000"), D("99.167287"), D("99.17"), id="5.3.1-belanja-modal-L88-HU"),
]


@pytest.mark.parametrize(("pagu", "realisasi", "exact6", "shown"), LRA)
def test_lra_serapan(pagu, realisasi, exact6, shown):
    result = serapan(realisasi, pagu)
    assert quantize(result.value, 6) == exact6
    assert quantize(result.value, 2) == shown


@pytest.mark.parametrize(
    ("pagu", "realisasi", "sisa", "sisa_pct"),
    [
        pytest.param(D("2202684141"), D("1783957490"), D("418726651"), D("19.01"), id="5.3.1-sisa-belanja-daerah"),
        pytest.param(D("2173142141"), D("1754661490"), D("418480651"), D("19.26"), id="5.3.1-sisa-operasi"),
        pytest.param(D("1595777740"), D("1217230642"), D("378547098"), D("23.72"), id="5.3.1-sisa-pegawai"),
        pytest.param(D("577364401"), D("537430848"), D("39933553"), D("6.92"), id="5.3.1-sisa-barang-jasa"),
        pytest.param(D("29542000"), D("29296000"), D("246000"), D("0.83"), id="5.3.1-sisa-modal"),
    ],
)
def test_lra_sisa(pagu, realisasi, sisa, sisa_pct):
    result = sisa_anggaran(pagu, realisasi)
    assert result.value == sisa
    assert quantize(percentage(result.value, pagu).value, 2) == sisa_pct


@pytest.mark.parametrize(
    ("r2021", "r2022", "delta", "growth"),
    [
        pytest.param(D("1458620942"), D("1783957490"), D("325336548"), D("22.30"), id="5.3.1-yoy-belanja-daerah"),
        pytest.param(D("1388470942"), D("1754661490"), None, D("26.37"), id="5.3.1-yoy-operasi"),
        pytest.param(D("941849195"), D("1217230642"), None, D("29.24"), id="5.3.1-yoy-pegawai"),
        pytest.param(D("446621747"), D("537430848"), None, D("20.33"), id="5.3.1-yoy-barang-jasa"),
        pytest.param(D("70150000"), D("29296000"), None, D("-58.24"), id="5.3.1-yoy-modal"),
    ],
)
def test_lra_year_on_year(r2021, r2022, delta, growth):
    values = {"R2021": r2021, "R2022": r2022}
    if delta is not None:
        assert evaluate_formula("R2022 − R2021", values).value == delta
    assert quantize(evaluate_formula("(R2022 − R2021) / R2021 × 100", values).value, 2) == growth


def _lra_tree(anggaran: bool) -> BudgetNode:
    """The LRA as a tree; stated totals must equal the sums (5.3.1: fully consistent)."""

    def line(code, name, pagu, real, children=()):
        return BudgetNode(code, name, ORG if not children else K, D(pagu), D(real), tuple(children))

    pegawai = line("5.1.1", "Belanja Pegawai", "1595777740", "1217230642")
    barang = line("5.1.2", "Belanja Barang dan Jasa", "577364401", "537430848")
    mesin = line("5.2.1", "Belanja Modal Peralatan dan Mesin", "29542000", "29296000")
    if not anggaran:  # 2021 realisations in both columns, to check the 2021 sums too
        pegawai = line("5.1.1", "Belanja Pegawai", "941849195", "941849195")
        barang = line("5.1.2", "Belanja Barang dan Jasa", "446621747", "446621747")
        mesin = line("5.2.1", "Belanja Modal Peralatan dan Mesin", "70150000", "70150000")
        operasi = line("5.1", "Belanja Operasi", "1388470942", "1388470942", [pegawai, barang])
        modal = line("5.2", "Belanja Modal", "70150000", "70150000", [mesin])
        return line("5", "Belanja Daerah", "1458620942", "1458620942", [operasi, modal])
    operasi = line("5.1", "Belanja Operasi", "2173142141", "1754661490", [pegawai, barang])
    modal = line("5.2", "Belanja Modal", "29542000", "29296000", [mesin])
    return line("5", "Belanja Daerah", "2202684141", "1783957490", [operasi, modal])


@pytest.mark.parametrize("anggaran", [pytest.param(True, id="5.3.1-sums-2022"), pytest.param(False, id="5.3.1-sums-2021")])
def test_lra_sums(anggaran):
    tree = _lra_tree(anggaran)
    assert tree.mismatches() == []
    if anggaran:
        assert quantize(tree.serapan().value, 2) == D("80.99")


# --- 5.3.2 IKM capaian (F1, half up 2 dp) and kategori of Tabel 3.1 ------------------------------
@pytest.mark.parametrize(
    ("target", "realisasi", "expected", "kategori"),
    [
        pytest.param(D("73"), D("84.24"), D("115.40"), "Berhasil", id="5.3.2-PK-73-T3.6-L627-Q3-doc-86.65-Cukup"),
        pytest.param(D("84"), D("84.24"), D("100.29"), "Berhasil", id="5.3.2-T3.7-L669-Q4-doc-99.71"),
        pytest.param(D("87"), D("84.24"), D("96.83"), "Cukup Berhasil", id="5.3.2-T3.4-target-87"),
        pytest.param(D("85.16"), D("84.24"), D("98.92"), "Cukup Berhasil", id="5.3.2-T3.2-target-85.16"),
        pytest.param(D("73"), D("87.92"), D("120.44"), "Berhasil", id="5.3.2-73-vs-87.92"),
        pytest.param(D("84"), D("87.92"), D("104.67"), "Berhasil", id="5.3.2-84-vs-87.92"),
        pytest.param(D("87"), D("87.92"), D("101.06"), "Berhasil", id="5.3.2-87-vs-87.92"),
    ],
)
def test_ikm_capaian_and_kategori(target, realisasi, expected, kategori):
    result = capaian(realisasi, target)
    assert quantize(result.value, 2) == expected
    assert categorise(SEED_001_BANJAR, result).label == kategori


@pytest.mark.parametrize(
    ("target", "realisasi", "places", "expected"),
    [
        pytest.param(D("84"), D("87.92"), 1, D("104.7"), id="5.3.2-T3.3-2022-L508-1dp"),
        pytest.param(D("86"), D("70"), 2, D("81.40"), id="5.3.2-T3.3-2020-implied-target-86"),
        pytest.param(D("84"), D("70"), 2, D("83.33"), id="5.3.2-B-L637-Q6-target-84"),
        pytest.param(D("73"), D("70"), 2, D("95.89"), id="5.3.2-B-L637-Q6-stated-target-73"),
    ],
)
def test_ikm_history_capaian(target, realisasi, places, expected):
    assert quantize(capaian(realisasi, target).value, places) == expected


def test_document_errors_explained_q3_q4():
    # Q3: 86,65 is target / realisasi truncated; half up the inverted ratio gives 86,66, and the lower-is-better
    # (2T - R) / T formula gives 84,60 - neither is the F1 capaian 115,40 of a higher-is-better IKM.
    inverted = capaian(D("84.24"), D("73"), direction=Direction.LOWER_BETTER, lower_formula=LowerFormula.T_OVER_R)
    assert quantize(inverted.value, 2) == D("86.66")
    two_t = capaian(D("84.24"), D("73"), direction=Direction.LOWER_BETTER)
    assert quantize(two_t.value, 2) == D("84.60")
    # Q4: gaji 11 of 10 orang is 110 %, printed 100 %; capaian is not capped
    assert quantize(capaian(D("11"), D("10")).value, 2) == D("110.00")


# --- 5.3.3 Tabel 3.2 serapan (realisasi Rp / target Rp) -----------------------------------------
@pytest.mark.parametrize(
    ("pagu", "realisasi", "expected"),
    [
        pytest.param(D("1555607740"), D("467358000"), D("30.04"), id="5.3.3-P1-K-SK-gaji-Q16"),
        pytest.param(D("85669400"), D("72963500"), D("85.17"), id="5.3.3-P2-K-a-Q13-doc-60.19"),
        pytest.param(D("34169400"), D("21463500"), D("62.81"), id="5.3.3-K-b"),
        pytest.param(D("2202684141"), D("1788009890"), D("81.17"), id="5.3.3-SK-pelayanan-Q17"),
        pytest.param(D("25911800"), D("16173100"), D("62.42"), id="5.3.3-P3-HU"),
        pytest.param(D("53455300"), D("43320000"), D("81.04"), id="5.3.3-SK-pemberdayaan-Q14-doc-81.03-TR"),
        pytest.param(D("20520000"), D("18700000"), D("91.13"), id="5.3.3-P4-K-a"),
        pytest.param(D("2651600"), D("600000"), D("22.63"), id="5.3.3-SK-harmonisasi-Q14-doc-22.62-TR"),
        pytest.param(D("5000000"), D("2500000"), D("50.00"), id="5.3.3-SK-sinergitas"),
        pytest.param(D("32263200"), D("32263200"), D("100.00"), id="5.3.3-P5-K-SK-Q13-doc-99.80"),
    ],
)
def test_tabel_3_2_serapan(pagu, realisasi, expected):
    assert quantize(serapan(realisasi, pagu).value, 2) == expected


def test_tabel_3_2_program_2_rolls_up():
    # 5.3.3 last row: 34.169.400 + 51.500.000 = 85.669.400; 21.463.500 + 51.500.000 = 72.963.500
    program = BudgetNode(
        "b",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        P,
        D("85669400"),
        D("72963500"),
        (
            BudgetNode("b.1", "Penyelenggaraan urusan ... tidak dilaksanakan", K, D("34169400"), D("21463500")),
            BudgetNode("b.2", "Dilimpahkan kepada Camat", K, D("51500000"), D("51500000")),
        ),
    )
    assert program.mismatches() == []


# --- 5.3.4 Tabel 3.7 / 3.8 anggaran %: the F4 serapan, not the printed "smaller / larger" --------
@pytest.mark.parametrize(
    ("target", "realisasi", "expected"),
    [
        pytest.param(D("1955165841"), D("1984707841"), D("101.51"), id="5.3.4-sasaran-Q11-doc-98.51"),
        pytest.param(D("1744146421"), D("1752598421"), D("100.48"), id="5.3.4-admkeu-BL-Q11-doc-99.51"),
        pytest.param(D("2170172141"), D("2199714141"), D("101.36"), id="5.3.4-total-Q11-doc-98.65"),
        pytest.param(D("426025720"), D("447115720"), D("104.95"), id="5.3.4-BTL-Q11-doc-85.28"),
    ],
)
def test_tabel_3_7_serapan(target, realisasi, expected):
    assert quantize(serapan(realisasi, target).value, 2) == expected


def test_tabel_3_7_btl_printed_value_is_an_inverted_ratio_with_a_digit_typo():
    # Q11: 426.025.720 / 447.115.720 = 95,28 (printed 85,28)
    assert quantize(percentage(D("426025720"), D("447115720")).value, 2) == D("95.28")


def test_tabel_3_7_sums():
    # 5.3.4 sums: BL + BTL = TOTAL in both columns; the kegiatan rows do not add up to TOTAL
    total = BudgetNode(
        "T",
        "TOTAL BELANJA",
        ORG,
        D("2170172141"),
        D("2199714141"),
        (
            BudgetNode("BL", "BELANJA LANGSUNG", K, D("1744146421"), D("1752598421")),
            BudgetNode("BTL", "BELANJA TIDAK LANGSUNG", K, D("426025720"), D("447115720")),
        ),
    )
    assert total.mismatches() == []
    rows = [
        ("1744146421", "1752598421"),
        ("34169400", "34169400"),
        ("51500000", "51500000"),
        ("7513400", "7513400"),
        ("53455300", "53455300"),
        ("9250000", "9250000"),
        ("6721200", "6721200"),
        ("2651600", "2651600"),
        ("32263200", "32263200"),
        ("17482200", "17482200"),
    ]
    by_kegiatan = BudgetNode(
        "T",
        "TOTAL BELANJA",
        ORG,
        D("2170172141"),
        D("2199714141"),
        tuple(BudgetNode(str(i), f"baris {i}", K, D(p), D(r)) for i, (p, r) in enumerate(rows)),
    )
    assert by_kegiatan.mismatches() == [
        BudgetMismatch("T", "TOTAL BELANJA", "pagu", D("2170172141"), D("1959152721")),
        BudgetMismatch("T", "TOTAL BELANJA", "realisasi", D("2199714141"), D("1967604721")),
    ]
    assert [m.difference for m in by_kegiatan.mismatches()] == [D("211019420"), D("232109420")]


# --- 5.3.5 BAB IV (L793) ----------------------------------------------------------------------------
def test_bab_iv_q12():
    # "realisasi 2,153,076,141 ... 99,41 %": 99,42 half up (the document truncates); it is the murni pagu,
    # the true serapan being the LRA's 80,99 %
    assert quantize(percentage(D("2153076141"), D("2165714141")).value, 2) == D("99.42")
    assert quantize(serapan(D("1783957490"), D("2202684141")).value, 2) == D("80.99")


# --- 5.3.6 Budget reconciliations -------------------------------------------------------------------
def _pk_tree() -> BudgetNode:
    def sub(code, amount):
        return BudgetNode(code, code, S, D(amount))

    programs = (
        BudgetNode("a", "Program Penunjang", P, children=(BudgetNode("a.1", "Administrasi Keuangan", K, D("1555446741")),)),
        BudgetNode("b", "Program Penyelenggaraan Pemerintahan", P, children=(sub("b.1", "34169400"), sub("b.2", "31500000"))),
        BudgetNode("c", "Program Pemberdayaan", P, children=(sub("c.1", "7513400"), sub("c.2", "31485300"))),
        BudgetNode("d", "Program Trantibum", P, children=(sub("d.1", "6721200"), sub("d.2", "2651600"), sub("d.3", "9250000"))),
        BudgetNode("e", "Program Pemerintahan Umum", P, children=(sub("e.1", "49513200"),)),
        BudgetNode(
            "f",
            "Program Pembinaan Pemdes",
            P,
            children=tuple(sub(f"f.{i}", a) for i, a in enumerate(("2956200", "2911200", "2611200", "3481200", "5522400"))),
        ),
    )
    return BudgetNode("I", "Meningkatnya Kualitas Pelayanan Publik", BudgetLevel.SASARAN, D("2165714141"), children=programs)


def test_pk_sum_q22():
    tree = _pk_tree()
    assert tree.total_pagu() == D("1745733041")
    assert tree.mismatches() == [BudgetMismatch("I", "Meningkatnya Kualitas Pelayanan Publik", "pagu", D("2165714141"), D("1745733041"))]
    assert tree.mismatches()[0].difference == D("419981100")
    subtotals = {code: tree.find(code).total_pagu() for code in "bcdf"}
    assert subtotals == {"b": D("65669400"), "c": D("38998700"), "d": D("18622800"), "f": D("17482200")}


@pytest.mark.parametrize(
    ("column", "stated", "rows", "computed"),
    [
        pytest.param(
            "murni",
            D("2153076141"),
            ("1749956741", "0", "34169400", "31500000", "38998700", "18622800", "49513200", "17482200"),
            D("1940243041"),
            id="5.3.6-matrix-murni-Q23",
        ),
        pytest.param(
            "perubahan",
            D("2173142141"),
            ("1755568421", "0", "34169400", "51500000", "60968700", "18622800", "32263200", "17482200"),
            D("1970574721"),
            id="5.3.6-matrix-perubahan-Q23",
        ),
    ],
)
def test_matrix_sums(column, stated, rows, computed):
    tree = BudgetNode("OPD", column, ORG, stated, children=tuple(BudgetNode(str(i), str(i), K, D(r)) for i, r in enumerate(rows)))
    assert tree.total_pagu() == computed
    assert [m.difference for m in tree.mismatches()] == [stated - computed]


def test_matrix_changes_q23():
    # 4 changed kegiatan add up to +30.331.680 while the total changed by +20.066.000
    delta = evaluate_formula("(A1 − A0) + (B1 − B0) + (C1 − C0) + (E1 − E0)", {
        "A0": D("1749956741"), "A1": D("1755568421"),
        "B0": D("31500000"), "B1": D("51500000"),
        "C0": D("38998700"), "C1": D("60968700"),
        "E0": D("49513200"), "E1": D("32263200"),
    })  # fmt: skip
    assert delta.value == D("30331680")
    assert evaluate_formula("T1 − T0", {"T0": D("2153076141"), "T1": D("2173142141")}).value == D("20066000")


def test_checklist_45_laporan():
    # 3.5 / 5.1 F6: 8 + 12 + 12 + 2 + 1 + 10 = 45
    assert evaluate_formula("8 + 12 + 12 + 2 + 1 + 10", {}).value == D("45")


# --- 5.2.1 Tabel 3.1 boundaries and the document's kategori -------------------------------------
@pytest.mark.parametrize(
    ("value", "label"),
    [
        pytest.param(D("70.00"), "Cukup Berhasil", id="5.2.1-boundary-70"),
        pytest.param(D("69.99"), "Kurang Berhasil", id="5.2.1-boundary-69.99"),
        pytest.param(D("40.00"), "Kurang Berhasil", id="5.2.1-boundary-40"),
        pytest.param(D("39.99"), "Tidak Berhasil", id="5.2.1-boundary-39.99"),
        pytest.param(D("99.99"), "Cukup Berhasil", id="5.2.1-boundary-99.99"),
        pytest.param(D("100.00"), "Berhasil", id="5.2.1-boundary-100-Q7-L396-doc-Cukup"),
        pytest.param(D("86.65"), "Cukup Berhasil", id="5.2.1-doc-86.65-consistent-with-its-own-wrong-value"),
        pytest.param(D("88.24"), "Cukup Berhasil", id="5.2.1-doc-88.24-Q5"),
    ],
)
def test_tabel_3_1_kategori(value, label):
    assert categorise(SEED_001_BANJAR, value).label == label


# --- 5.2.2 SAKIP predikat ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("nilai", "code"),
    [
        pytest.param(D("70.88"), "BB", id="5.2.2-D.1-L758-Q8-doc-also-Cukup-Berhasil"),
        pytest.param(D("51.27"), "CC", id="5.2.2-T3.3-51.27-Cukup"),
        pytest.param(D("51.67"), "CC", id="5.2.2-L394-51.67-Cukup-Q8"),
    ],
)
def test_sakip_predikat(nilai, code):
    assert categorise(AKIP_PERMENPANRB_88_2021, nilai).code == code


# --- 5.2.3 IKM mutu (PermenPANRB 14/2017) -----------------------------------------------------------
@pytest.mark.parametrize("ikm", [pytest.param(D("84.24"), id="5.2.3-84.24-B"), pytest.param(D("87.92"), id="5.2.3-87.92-B")])
def test_ikm_mutu(ikm):
    assert categorise(IKM_MUTU_PERMENPANRB_14_2017, ikm).code == "B"


# --- 5.3.2 "Other IKM changes" ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after", "points", "growth"),
    [
        pytest.param(D("70"), D("84.24"), D("14.24"), D("20.34"), id="5.3.2-IKM-2021-2022"),
        pytest.param(D("70"), D("87.92"), D("17.92"), None, id="5.3.2-IKM-70-87.92"),
        pytest.param(D("51.27"), D("70.88"), D("19.61"), None, id="5.3.2-SAKIP-51.27-70.88"),
        pytest.param(D("51.67"), D("70.88"), D("19.21"), None, id="5.3.2-SAKIP-51.67-70.88"),
    ],
)
def test_changes(before, after, points, growth):
    values = {"A": before, "B": after}
    assert evaluate_formula("B − A", values).value == points
    if growth is not None:
        assert quantize(evaluate_formula("(B − A) / A × 100", values).value, 2) == growth


# --- 5.3.8 IKM plausibility (penimbang 1/9 vs 0,11) --------------------------------------------------
def test_ikm_plausibility_q33():
    assert evaluate_formula("25 × 3,37", {}).value == D("84.25")  # > 84,24 with 1/9 weights
    lowest_mean = evaluate_formula("(8 × 3,365 + 3,645) / 9", {}).value
    assert quantize(lowest_mean, 4) == D("3.3961")
    assert quantize(lowest_mean * 25, 2) == D("84.90")  # 84,24 infeasible under 1/9
    assert quantize(lowest_mean * D("24.75"), 2) == D("84.05")  # feasible under 0,11
    assert quantize(evaluate_formula("84,24 / 24,75", {}).value, 4) == D("3.4036")
    assert quantize(evaluate_formula("87,92 / 25", {}).value, 4) == D("3.5168")
    assert quantize(evaluate_formula("87,92 / 24,75", {}).value, 4) == D("3.5523")
