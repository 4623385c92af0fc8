"""Golden tests, seed 004: Laporan Evaluasi Kinerja Triwulan IV 2023, Kecamatan Kalaena (Kab. Luwu Timur).

Expected values are the RECOMPUTED ones of /work/shared/seed-notes/seed_004.md (section in each case
id); where the document printed something else the id names the inconsistency (number of section 5.3).
"""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    Aggregation,
    BudgetLevel,
    BudgetMismatch,
    BudgetNode,
    IndicatorRule,
    IndicatorYear,
    OrgYearInput,
    PkBudget,
    aggregate,
    capaian,
    categorise,
    check_consistency,
    efisiensi,
    percentage,
    project_year_end,
    rollup,
    serapan,
    sisa_anggaran,
    validate_cumulative_targets,
)
from apps.core.numbers import format_decimal_id, quantize
from apps.performance.scales_catalogue import (
    AKIP_PERMENPANRB_88_2021,
    IKM_MUTU_PERMENPANRB_14_2017,
    PERMENDAGRI_86_2017,
    SEED_003_LUMAJANG,
)

ORG, P, K, S = BudgetLevel.ORGANISASI, BudgetLevel.PROGRAM, BudgetLevel.KEGIATAN, BudgetLevel.SUB_KEGIATAN

# --- 4.12 Tabel 3.6, every row: (7) = realisasi / target kas (= pagu at TW IV), (10) sisa, (11) sisa % -------------
# code: (level, pagu, realisasi, (7), (10), (11), printed-defect)
TABEL_3_6 = {
    "1": (P, "2581826400", "2545888659", "98.61", "35937741", "1.39", ""),
    "1.1": (K, "24958800", "24409055", "97.80", "549745", "2.20", ""),
    "1.1.1": (S, "12804600", "12681580", "99.04", "123020", "0.96", ""),
    "1.1.2": (S, "3613900", "3470300", "96.03", "143600", "3.97", ""),
    "1.1.3": (S, "3632400", "3408600", "93.84", "223800", "6.16", ""),
    "1.1.4": (S, "4907900", "4848575", "98.79", "59325", "1.21", ""),
    "1.2": (K, "1684311146", "1663231109", "98.75", "21080037", "1.25", ""),
    "1.2.1": (S, "1661472446", "1640585099", "98.74", "20887347", "1.26", ""),
    "1.2.2": (S, "22838700", "22646010", "99.16", "192690", "0.84", ""),
    "1.3": (K, "13464800", "13390600", "99.45", "74200", "0.55", ""),
    "1.3.1": (S, "13464800", "13390600", "99.45", "74200", "0.55", ""),
    "1.4": (K, "35022100", "34935725", "99.75", "86375", "0.25", "-24-doc-selisih-35.022.100-100,00"),
    "1.4.1": (S, "35022100", "34935725", "99.75", "86375", "0.25", ""),
    "1.5": (K, "42175600", "33900650", "80.38", "8274950", "19.62", ""),
    "1.5.1": (S, "3825600", "3768650", "98.51", "56950", "1.49", ""),
    "1.5.2": (S, "38350000", "30132000", "78.57", "8218000", "21.43", ""),
    "1.6": (K, "424729250", "424531088", "99.95", "198162", "0.05", ""),
    "1.6.1": (S, "5840000", "5840000", "100.00", "0", "0.00", ""),
    "1.6.2": (S, "3699250", "3699250", "100.00", "0", "0.00", ""),
    "1.6.3": (S, "14060000", "14001308", "99.58", "58692", "0.42", ""),
    "1.6.4": (S, "5880000", "5880000", "100.00", "0", "0.00", ""),
    "1.6.5": (S, "139500000", "139374300", "99.91", "125700", "0.09", ""),
    "1.6.6": (S, "255750000", "255736230", "99.99", "13770", "0.01", ""),
    "1.7": (K, "107400000", "106300000", "98.98", "1100000", "1.02", ""),
    "1.7.1": (S, "107400000", "106300000", "98.98", "1100000", "1.02", ""),
    "1.8": (K, "177966704", "174759232", "98.20", "3207472", "1.80", ""),
    "1.8.1": (S, "9707000", "9705700", "99.99", "1300", "0.01", ""),
    "1.8.2": (S, "35434704", "32228532", "90.95", "3206172", "9.05", ""),
    "1.8.3": (S, "3825000", "3825000", "100.00", "0", "0.00", ""),
    "1.8.4": (S, "129000000", "129000000", "100.00", "0", "0.00", ""),
    "1.9": (K, "71798000", "70431200", "98.10", "1366800", "1.90", ""),
    "1.9.1": (S, "21968000", "20601200", "93.78", "1366800", "6.22", ""),
    "1.9.2": (S, "10690000", "10690000", "100.00", "0", "0.00", ""),
    "1.9.3": (S, "39140000", "39140000", "100.00", "0", "0.00", ""),
    "2": (P, "1950900", "1721300", "88.23", "229600", "11.77", ""),
    "2.1": (K, "1950900", "1721300", "88.23", "229600", "11.77", ""),
    "2.1.1": (S, "1950900", "1721300", "88.23", "229600", "11.77", ""),
    "3": (P, "92001600", "91691170", "99.66", "310430", "0.34", ""),
    "3.1": (K, "92001600", "91691170", "99.66", "310430", "0.34", ""),
    "3.1.1": (S, "10164300", "10114300", "99.51", "50000", "0.49", ""),
    "3.1.2": (S, "81837300", "81576870", "99.68", "260430", "0.32", ""),
    "4": (P, "14060400", "13978150", "99.42", "82250", "0.58", "-25-doc-41.350-0,29-100,00"),
    "4.1": (K, "11835000", "11793650", "99.65", "41350", "0.35", "-26-doc-sisa-100,00"),
    "4.1.1": (S, "8423900", "8382550", "99.51", "41350", "0.49", ""),
    "4.1.2": (S, "3411100", "3411100", "100.00", "0", "0.00", ""),
    "4.2": (K, "2225400", "2184500", "98.16", "40900", "1.84", "-26-doc-sisa-100,00-41-Qanun"),
    "4.2.1": (S, "2225400", "2184500", "98.16", "40900", "1.84", ""),
    "5": (P, "18052700", "17996096", "99.69", "56604", "0.31", ""),
    "5.1": (K, "18052700", "17996096", "99.69", "56604", "0.31", ""),
    "5.1.1": (S, "18052700", "17996096", "99.69", "56604", "0.31", ""),
    "6": (P, "19938700", "19907650", "99.84", "31050", "0.16", ""),
    "6.1": (K, "19938700", "19907650", "99.84", "31050", "0.16", ""),
    "6.1.1": (S, "12069800", "12038900", "99.74", "30900", "0.26", ""),
    "6.1.2": (S, "7868900", "7868750", "100.00", "150", "0.00", "-100,00-with-sisa-150"),
}


@pytest.mark.parametrize("code", list(TABEL_3_6), ids=[f"4.12-{c}{TABEL_3_6[c][6]}" for c in TABEL_3_6])
def test_tabel_3_6_row(code):
    _, pagu, realisasi, pct, sisa, sisa_pct, _ = TABEL_3_6[code]
    assert quantize(serapan(D(realisasi), D(pagu)).value, 2) == D(pct)
    remainder = sisa_anggaran(D(pagu), D(realisasi)).value
    assert remainder == D(sisa)
    assert quantize(percentage(remainder, D(pagu)).value, 2) == D(sisa_pct)
    # at TW IV target kas = pagu, so (8) selisih = (10) sisa and (9) = (11)


def _tree(rows: dict, total: tuple[str, str]) -> BudgetNode:
    def build(prefix: str) -> tuple[BudgetNode, ...]:
        depth = prefix.count(".") + 1 if prefix else 0
        codes = [c for c in rows if c.count(".") == depth and (not prefix or c.startswith(prefix + "."))]
        return tuple(BudgetNode(c, c, rows[c][0], D(rows[c][1]), D(rows[c][2]), build(c)) for c in codes)

    return BudgetNode("TOTAL", "TOTAL BELANJA", ORG, D(total[0]), D(total[1]), build(""))


def test_tabel_3_6_tree_sums_and_total():
    tree = _tree(TABEL_3_6, ("2727830700", "2691183025"))
    assert tree.mismatches() == []  # every parent = sum of its children, pagu and realisasi
    assert quantize(tree.serapan().value, 2) == D("98.66")
    assert tree.sisa().value == D("36647675")
    assert quantize(percentage(tree.sisa().value, tree.total_pagu()).value, 2) == D("1.34")
    assert format_decimal_id(tree.serapan().value) == "98,66"


def test_total_sisa_from_data_not_from_printed_rows_27():
    correct = sum((sisa_anggaran(D(TABEL_3_6[p][1]), D(TABEL_3_6[p][2])).value for p in "123456"), D(0))
    assert correct == D("36647675")
    printed = [D("35937741"), D("229600"), D("310430"), D("41350"), D("56604"), D("31050")]
    assert sum(printed) == D("36606775")


def test_p4_printed_percent_is_k4_1_only_25():
    assert quantize(percentage(D("41350"), D("14060400")).value, 2) == D("0.29")
    assert quantize(percentage(D("82250"), D("14060400")).value, 5) == D("0.58498")


# --- 4.7 Tabel 2.10 Rencana Aksi: program 5 does not roll up (22) ----------------------------------------------
def test_rencana_aksi_p5_22():
    program = BudgetNode(
        "5",
        "Program Penyelenggaraan Urusan Pemerintahan Umum",
        P,
        D("18052700"),
        children=(
            BudgetNode(
                "5.1",
                "Penyelenggaraan urusan pemerintahan umum",
                K,
                D("11052700"),
                children=(BudgetNode("5.1.1", "Forkopimcam", S, D("11052700")),),
            ),
        ),
    )
    assert program.mismatches() == [
        BudgetMismatch("5", "Program Penyelenggaraan Urusan Pemerintahan Umum", "pagu", D("18052700"), D("11052700"))
    ]
    # sum of all sub kegiatan pagu in the RA = 2.720.830.700 against the JUMLAH 2.727.830.700
    subs = [TABEL_3_6[c][1] for c in TABEL_3_6 if TABEL_3_6[c][0] is S and c != "5.1.1"] + ["11052700"]
    assert sum(D(x) for x in subs) == D("2720830700")


# --- 4.6 / 4.14 PK and DPA ------------------------------------------------------------------------------------------
PK_PROGRAMS = [
    ("1", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "2581826400"),
    ("2", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "1950900"),
    ("3", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "92001600"),
    ("4", "Program Koordinasi Ketentraman dan Ketertiban Umum", "14060400"),
    ("5", "Program Penyelenggaraan Urusan Pemerintahan Umum", "18052700"),
    ("6", "Program Pembinaan dan Pengawasan Pemerintahan Desa", "19938700"),
]


def test_pk_total_21_and_consistency_check():
    ikm = IndicatorYear(
        code="IKU1",
        name="Indeks Kepuasan Masyarakat",
        target=D("87"),
        pk_target=D("87"),
        renstra_target=D("87"),
        realisations={4: D("92.79")},
    )
    lakip = IndicatorYear(code="S2", name="Nilai Lakip", target=D("70"), pk_target=D("70"), renstra_target=D("70"))
    data = OrgYearInput(
        organisation="Kecamatan Kalaena",
        year=2023,
        upto=4,
        indicators=(ikm, lakip),
        budget=(_tree(TABEL_3_6, ("2727830700", "2691183025")),),
        pk_budgets=tuple(PkBudget(code, name, D(amount)) for code, name, amount in PK_PROGRAMS),
        pk_budget_total=D("2727830900"),
    )
    findings = check_consistency(data)
    assert [(f.code, f.subject) for f in findings] == [
        ("REALISASI_KOSONG", "S2 Nilai Lakip"),  # 30: no realisation of Nilai Lakip anywhere
        ("PK_TOTAL_TIDAK_SAMA", "Perjanjian Kinerja"),  # 21: printed 2.727.830.900
    ]
    assert findings[1].message == "Jumlah anggaran PK tertulis Rp 2.727.830.900, jumlah per program Rp 2.727.830.700."


def test_dpa_pokok_and_perubahan():
    pokok = BudgetNode(
        "DPA",
        "DPA pokok",
        ORG,
        D("2583235700"),
        children=(BudgetNode("O", "operasi", K, D("2509849700")), BudgetNode("M", "modal", K, D("73386000"))),
    )
    assert pokok.mismatches() == []
    assert D("2727830700") - D("2583235700") == D("144595000")


def test_pendapatan_9():
    result = percentage(D("28684125"), D("21300000"))
    assert quantize(result.value, 3) == D("134.667")
    assert quantize(result.value, 0) == D("135")  # printed 134 (truncated)


# --- 4.11 every sub kegiatan capaian ---------------------------------------------------------------------------------
SUB_KEGIATAN = [
    # (code, target, realisasi, exact 2 dp, integer half up, id suffix)
    ("1.1.1", "2", "2", "100.00", "100", ""),
    ("1.1.2", "2", "2", "100.00", "100", ""),
    ("1.1.3", "2", "2", "100.00", "100", ""),
    ("1.1.4", "10", "10", "100.00", "100", ""),
    ("1.2.1", "17", "16", "94.12", "94", "-gaji"),
    ("1.2.2", "18", "18", "100.00", "100", ""),
    ("1.3.1", "4", "4", "100.00", "100", ""),
    ("1.4.1", "12", "12", "100.00", "100", "-12-target-3-vs-12"),
    ("1.5.1", "12", "12", "100.00", "100", ""),
    ("1.5.2", "5", "7", "140.00", "140", "-bimtek-no-cap"),
    ("1.6.1", "6", "6", "100.00", "100", "-40"),
    ("1.6.2", "17", "17", "100.00", "100", ""),
    ("1.6.3", "6", "6", "100.00", "100", "-11-text-7"),
    ("1.6.4", "48", "48", "100.00", "100", "-blank-predikat"),
    ("1.6.5", "6960", "6960", "100.00", "100", "-table"),
    ("1.6.5", "6960", "2934", "42.16", "42", "-10-text-realisasi"),
    ("1.6.6", "1005", "988", "98.31", "98", ""),
    ("1.7.1", "14", "14", "100.00", "100", "-39"),
    ("1.8.1", "1542", "1723", "111.74", "112", "-8-doc-111"),
    ("1.8.2", "48", "48", "100.00", "100", ""),
    ("1.8.3", "2", "2", "100.00", "100", ""),
    ("1.8.4", "11", "11", "100.00", "100", ""),
    ("1.9.1", "7", "7", "100.00", "100", ""),
    ("1.9.2", "23", "23", "100.00", "100", ""),
    ("1.9.3", "1", "1", "100.00", "100", ""),
    ("2.1.1", "6", "0", "0.00", "0", "-17-perizinan"),
    ("3.1.1", "140", "113", "80.71", "81", "-6-doc-82"),
    ("3.1.2", "49", "49", "100.00", "100", ""),
    ("4.1.1", "4", "4", "100.00", "100", "-13-table-1-of-1"),
    ("4.1.2", "4", "4", "100.00", "100", "-16"),
    ("4.2.1", "4", "4", "100.00", "100", "-14"),
    ("5.1.1", "12", "12", "100.00", "100", "-15-RA-9"),
    ("6.1.1", "14", "14", "100.00", "100", ""),
    ("6.1.2", "7", "7", "100.00", "100", ""),
]


@pytest.mark.parametrize(("code", "target", "realisasi", "p2", "p0", "_"), SUB_KEGIATAN, ids=[f"4.11-{c[0]}{c[5]}" for c in SUB_KEGIATAN])
def test_sub_kegiatan_capaian(code, target, realisasi, p2, p0, _):
    result = capaian(D(realisasi), D(target))
    assert quantize(result.value, 2) == D(p2)
    assert quantize(result.value, 0) == D(p0)


def _sub(code: str):
    target, realisasi = next((t, r) for c, t, r, *_ in SUB_KEGIATAN if c == code)
    return capaian(D(realisasi), D(target))


# --- 4.9 kegiatan = mean of sub kegiatan, program = mean of kegiatan -------------------------------------------------
@pytest.mark.parametrize(
    ("subs", "printed_inputs", "exact", "printed_mean"),
    [
        pytest.param(["1.2.1", "1.2.2"], ["94", "100"], "97.06", "97.00", id="4.9-K1.2"),
        pytest.param(["1.5.1", "1.5.2"], ["100", "140"], "120.00", "120.00", id="4.9-K1.5-2-3"),
        pytest.param(
            ["1.6.1", "1.6.2", "1.6.3", "1.6.4", "1.6.5", "1.6.6"],
            ["100", "100", "100", "100", "100", "98"],
            "99.72",
            "99.67",
            id="4.9-K1.6-4",
        ),
        pytest.param(["1.8.1", "1.8.2", "1.8.3", "1.8.4"], ["111", "100", "100", "100"], "102.93", "102.75", id="4.9-K1.8-4-doc-102"),
        pytest.param(["3.1.1", "3.1.2"], ["82", "100"], "90.36", "91.00", id="4.9-K3.1-5-doc-100"),
        pytest.param(["4.1.1", "4.1.2"], ["100", "100"], "100.00", "100.00", id="4.9-K4.1"),
        pytest.param(["6.1.1", "6.1.2"], ["100", "100"], "100.00", "100.00", id="4.9-K6.1-19"),
    ],
)
def test_kegiatan_means(subs, printed_inputs, exact, printed_mean):
    assert quantize(rollup([_sub(c) for c in subs]).value, 2) == D(exact)
    assert quantize(rollup([D(v) for v in printed_inputs]).value, 2) == D(printed_mean)


P1_PRINTED = ["100", "97", "100", "100", "140", "100", "100", "102", "100"]


@pytest.mark.parametrize(
    ("values", "clamp", "expected"),
    [
        pytest.param(P1_PRINTED, None, "104.33", id="4.9-P1-1-doc-94"),
        pytest.param([v if v != "140" else "120" for v in P1_PRINTED], None, "102.11", id="4.9-P1-with-K1.5-120-2"),
        pytest.param(P1_PRINTED, (D(0), D(100)), "99.67", id="4.9-P1-capped"),
        pytest.param(["0"], None, "0.00", id="4.9-P2"),
        pytest.param(["100", "100"], None, "100.00", id="4.9-P4"),
        pytest.param(["94", "0", "100", "100", "100", "100"], None, "82.33", id="4.15-org-printed-programs"),
    ],
)
def test_program_means(values, clamp, expected):
    assert quantize(rollup([D(v) for v in values], clamp=clamp).value, 2) == D(expected)


def test_org_mean_with_recomputed_p1():
    p1 = rollup([D(v) for v in P1_PRINTED])
    assert quantize(rollup([p1, D(0), D(100), D(100), D(100), D(100)]).value, 2) == D("84.06")


# --- 4.8 IKM (Tabel 3.1), sasaran capaian = mean of its one indicator ----------------------------------------------
@pytest.mark.parametrize(
    ("target", "realisasi", "p2", "p0"),
    [
        pytest.param(D("85"), D("92.78"), D("109.15"), D("109"), id="4.8-IKM-2022"),
        pytest.param(D("87"), D("92.79"), D("106.66"), D("107"), id="4.8-IKM-2023-7-doc-106"),
    ],
)
def test_ikm_capaian(target, realisasi, p2, p0):
    result = capaian(realisasi, target)
    assert (quantize(result.value, 2), quantize(result.value, 0)) == (p2, p0)
    assert quantize(rollup([result]).value, 2) == p2  # sasaran 1 has one indicator


def test_ikm_mutu_and_lakip_bound():
    assert categorise(IKM_MUTU_PERMENPANRB_14_2017, D("92.79")).code == "A"
    assert categorise(AKIP_PERMENPANRB_88_2021, D("70")).code == "B"  # the Nilai Lakip target sits on the B/BB bound


# --- 5.2 the seed states no scale: its labels are consistent with seed 003's bounds, not with Permendagri 86 --------
@pytest.mark.parametrize(
    ("value", "seed_label", "lumajang", "permendagri"),
    [
        pytest.param(D("94"), "Baik", "Berhasil", "Sangat Tinggi", id="5.2-94-Baik"),
        pytest.param(D("98"), "Sangat Baik", "Sangat berhasil", "Sangat Tinggi", id="5.2-98-Sangat-Baik"),
        pytest.param(D("100"), "Sangat Baik", "Sangat berhasil", "Sangat Tinggi", id="5.2-100-Sangat-Baik"),
        pytest.param(D("111"), "Sangat Baik", "Sangat berhasil", "Sangat Tinggi", id="5.2-111-Sangat-Baik"),
    ],
)
def test_predikat_constraint(value, seed_label, lumajang, permendagri):
    assert categorise(SEED_003_LUMAJANG, value).label == lumajang
    assert categorise(PERMENDAGRI_86_2017, value).label == permendagri


# --- 5.1 item 9 / 4.16: triwulan aggregation from the evidence --------------------------------------------------------
@pytest.mark.parametrize(
    ("values", "rule", "expected"),
    [
        pytest.param({1: D(4), 2: D(2), 3: D(2), 4: D(2)}, Aggregation.CUMULATIVE_SUM, D(10), id="4.16-evaluasi-kinerja-4+2+2+2"),
        pytest.param({1: D(5), 2: D(4), 3: D(4), 4: D(5)}, Aggregation.CUMULATIVE_SUM, D(18), id="4.16-laporan-keuangan-5+4+4+5"),
        pytest.param({1: D(1), 2: D(1), 3: D(1), 4: D(1)}, Aggregation.CUMULATIVE_SUM, D(4), id="4.16-BMD-1-per-TW"),
        pytest.param({1: D(8), 4: D(6)}, Aggregation.CUMULATIVE_SUM, D(14), id="4.16-pengadaan-8-paket+6-unit-39"),
        pytest.param({1: D(3), 2: D(3), 3: D(3), 4: D(3)}, Aggregation.CUMULATIVE_SUM, D(12), id="4.16-pendataan-kepegawaian"),
        pytest.param({1: D(17), 2: D(17), 3: D(17), 4: D(16)}, Aggregation.LATEST, D(16), id="4.16-ASN-paid-stock"),
        pytest.param({4: D("92.79")}, Aggregation.LATEST, D("92.79"), id="4.16-IKM-latest"),
    ],
)
def test_triwulan_aggregation(values, rule, expected):
    assert aggregate(values, 4, rule).value == expected


def test_cumulative_tw_targets_permits():
    # 3.5: "Target untuk Triwulan II sebanyak 3 ijin" with an annual target of 6 -> cumulative targets
    assert validate_cumulative_targets({2: D(3), 4: D(6)}, D(6)) == []


def test_projection_at_tw_ii():
    # Evaluasi Kinerja PD: 4 + 2 by TW II projects to 12 of 10, no early warning; perizinan 0 of 3 warns
    rule = IndicatorRule(aggregation=Aggregation.CUMULATIVE_SUM)
    assert project_year_end({1: D(4), 2: D(2)}, 2, D(10), rule).early_warning is False
    perizinan = project_year_end({1: D(0), 2: D(0)}, 2, D(6), rule)
    assert perizinan.early_warning is True and perizinan.capaian.value == 0


# --- 5.1 item 10: efisiensi is not computed in the seed; the cases the notes single out --------------------------------
@pytest.mark.parametrize(
    ("kinerja", "pagu", "realisasi", "expected"),
    [
        pytest.param(capaian(D(0), D(6)), "1950900", "1721300", D("-88.23"), id="5.1-10-P2-0-output-88.23-spend"),
        pytest.param(capaian(D(7), D(5)), "38350000", "30132000", D("61.43"), id="5.1-10-bimtek-140-output-78.57-spend"),
        pytest.param(capaian(D(2934), D(6960)), "139500000", "139374300", D("-57.75"), id="5.1-10-kunjungan-tamu-text-realisasi"),
    ],
)
def test_efisiensi_cases(kinerja, pagu, realisasi, expected):
    assert quantize(efisiensi(kinerja, serapan(D(realisasi), D(pagu))).value, 2) == expected
