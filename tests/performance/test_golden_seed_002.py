"""Golden tests, seed 002: LKjIP Kecamatan Perak (Kab. Jombang) 2024.

Expected values are the RECOMPUTED ones of /work/shared/seed-notes/seed_002.md (section in each case
id); where the document printed something else the id names the defect (Q-number of section 5.5).
"""

from decimal import Decimal as D

import pytest

from apps.calculations import (
    Aggregation,
    BudgetLevel,
    BudgetMismatch,
    BudgetNode,
    EfficiencyForm,
    Reason,
    aggregate,
    capaian,
    categorise,
    efisiensi,
    evaluate_formula,
    percentage,
    rollup,
    serapan,
    sisa_anggaran,
    targets_from_percent,
    validate_cumulative_targets,
)
from apps.core.numbers import quantize
from apps.performance.scales_catalogue import AKIP_COMPONENT_WEIGHTS, SEED_002_JOMBANG

ORG, SAS, P, K, S = (
    BudgetLevel.ORGANISASI,
    BudgetLevel.SASARAN,
    BudgetLevel.PROGRAM,
    BudgetLevel.KEGIATAN,
    BudgetLevel.SUB_KEGIATAN,
)
IKPP = "((IKM/25 × 2,5) + (IPP × 2)) / 2"  # Tabel 2.2 (L631-641), IKM non konversi = IKM / 25
AKIP = capaian(D("74.64"), D("73"))
IKPP_CAPAIAN = capaian(D("8.13"), D("7.8"))  # 5.3.1: the document uses the rounded realisasi 8,13


# --- 3.3 IKPP composite ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ikm", "ipp", "exact", "shown"),
    [
        pytest.param(D("93.53"), D("3.45"), D("8.1265"), D("8.13"), id="3.3-realisasi-2024-HU"),
        pytest.param(D("94"), D("3.10"), D("7.80"), D("7.80"), id="3.3-target-2024"),
        pytest.param(D("89"), D("3.5"), D("7.95"), D("7.95"), id="3.3-target-akhir-renstra"),
        pytest.param(D("94.39"), D("2.45"), D("7.1695"), D("7.17"), id="3.3-2023-not-reported"),
        pytest.param(D("89.85"), D("2.31"), D("6.8025"), D("6.80"), id="3.3-2022-not-reported"),
    ],
)
def test_ikpp(ikm, ipp, exact, shown):
    result = evaluate_formula(IKPP, {"IKM": ikm, "IPP": ipp})
    assert result.value == exact
    assert quantize(result.value, 2) == shown


# --- 5.3.1 IKU capaian at the three precisions the tables use -------------------------------------
@pytest.mark.parametrize(
    ("result", "p0", "p1", "p2"),
    [
        pytest.param(AKIP, D("102"), D("102.2"), D("102.25"), id="5.3.1-AKIP-73-74.64-Q21"),
        pytest.param(IKPP_CAPAIAN, D("104"), D("104.2"), D("104.23"), id="5.3.1-IKPP-7.8-8.13-Q21"),
        pytest.param(rollup([AKIP, IKPP_CAPAIAN]), D("103"), D("103.2"), D("103.24"), id="5.3.1-F5-average-uncapped"),
    ],
)
def test_iku_capaian(result, p0, p1, p2):
    assert (quantize(result.value, 0), quantize(result.value, 1), quantize(result.value, 2)) == (p0, p1, p2)


def test_iku_exact_values():
    assert quantize(AKIP.value, 4) == D("102.2466")
    assert quantize(IKPP_CAPAIAN.value, 4) == D("104.2308")
    assert quantize(rollup([AKIP, IKPP_CAPAIAN]).value, 4) == D("103.2387")
    # from the unrounded IKPP 8,1265 the capaian would be 104,19
    assert quantize(capaian(D("8.1265"), D("7.8")).value, 2) == D("104.19")


# --- 5.3.2 SAKIP component blend (Tabel 1.3) ----------------------------------------------------------
BLEND = "0,8 × LKE + 0,2 × LAP"


@pytest.mark.parametrize(
    ("code", "lke", "lap", "blend", "nilai", "pct", "predikat"),
    [
        pytest.param("perencanaan", D("25.53"), D("21.95"), D("24.814"), D("24.81"), D("82.70"), "A", id="5.3.2-perencanaan-Q16d-doc-BB"),
        pytest.param(
            "pengukuran", D("21.40"), D("13.75"), D("19.870"), D("19.87"), D("66.23"), "B", id="5.3.2-pengukuran-Q16a-Q16d-doc-CC"
        ),
        pytest.param(
            "pelaporan", D("11.79"), D("7.17"), D("10.866"), D("10.87"), D("72.47"), "BB", id="5.3.2-pelaporan-HU-Q16b-Q16d-doc-B"
        ),
        pytest.param(
            "evaluasi_internal", D("19.09"), None, None, D("19.09"), D("76.36"), "BB", id="5.3.2-evaluasi-no-field-score-Q16d-doc-B"
        ),
    ],
)
def test_sakip_components(code, lke, lap, blend, nilai, pct, predikat):
    result = evaluate_formula(BLEND, {"LKE": lke, "LAP": lap})
    if lap is None:
        assert result.value is None and result.code is Reason.MISSING_INPUT  # no field score: nilai = LKE
        shown = lke
    else:
        assert result.value == blend
        shown = quantize(result.value, 2)
    assert shown == nilai
    percent = percentage(nilai, AKIP_COMPONENT_WEIGHTS[code])
    assert quantize(percent.value, 2) == pct
    assert categorise(SEED_002_JOMBANG, percent).code == predikat


def test_sakip_total():
    assert sum([D("24.81"), D("19.87"), D("10.87"), D("19.09")]) == D("74.64")  # Q16c: "Jumlah 74,61"
    assert sum([D("25.53"), D("21.40"), D("11.79"), D("19.09")]) == D("77.81")
    assert sum([D("21.95"), D("13.75"), D("7.17")]) == D("42.87")


@pytest.mark.parametrize(
    ("nilai", "bobot", "expected"),
    [
        pytest.param(D("25.53"), D("30"), D("85.10"), id="4.20-2023-perencanaan-Q18-doc-85.09"),
        pytest.param(D("23.58"), D("30"), D("78.60"), id="4.20-2023-pengukuran-Q18-doc-78.61"),
        pytest.param(D("6.91"), D("15"), D("46.07"), id="4.20-2023-pelaporan"),
        pytest.param(D("16.59"), D("25"), D("66.36"), id="4.20-2023-evaluasi-Q18-doc-66.38"),
    ],
)
def test_sakip_2023_components(nilai, bobot, expected):
    assert quantize(percentage(nilai, bobot).value, 2) == expected


def test_sakip_2023_total_q18():
    assert sum([D("25.53"), D("23.58"), D("6.91"), D("16.59")]) == D("72.61")


# --- 5.3.3 RB index (Tabel 1.4) ------------------------------------------------------------------------
def test_rb_index_q11():
    strategi = evaluate_formula("1,25 + 2,67 + 2,45", {}).value
    sasaran = evaluate_formula("38,49 + 30,03", {}).value
    assert (strategi, sasaran, strategi + sasaran) == (D("6.37"), D("68.52"), D("74.89"))  # printed 74,90


@pytest.mark.parametrize(
    ("nilai", "bobot", "expected"),
    [
        pytest.param(D("6.37"), D("10"), D("63.70"), id="5.3.3-strategi"),
        pytest.param(D("1.25"), D("2"), D("62.50"), id="5.3.3-pengelolaan"),
        pytest.param(D("2.67"), D("4"), D("66.75"), id="5.3.3-rencana-aksi"),
        pytest.param(D("2.45"), D("4"), D("61.25"), id="5.3.3-monev"),
        pytest.param(D("68.52"), D("90"), D("76.13"), id="5.3.3-sasaran"),
        pytest.param(D("38.49"), D("50"), D("76.98"), id="5.3.3-digital"),
        pytest.param(D("30.03"), D("40"), D("75.08"), id="5.3.3-berakhlak"),
    ],
)
def test_rb_component_percent(nilai, bobot, expected):
    assert quantize(percentage(nilai, bobot).value, 2) == expected


# --- 5.3.4 Tabel 3.4, three-year comparison (1 dp) -----------------------------------------------------
@pytest.mark.parametrize(
    ("target", "realisasi", "exact", "shown"),
    [
        pytest.param(D("71"), D("70.93"), D("99.9014"), D("99.9"), id="5.3.4-AKIP-2022"),
        pytest.param(D("72"), D("72.61"), D("100.8472"), D("100.8"), id="5.3.4-AKIP-2023"),
        pytest.param(D("73"), D("74.64"), D("102.2466"), D("102.2"), id="5.3.4-AKIP-2024"),
        pytest.param(D("86"), D("89.85"), D("104.4767"), D("104.5"), id="5.3.4-IKM-2022-HU"),
        pytest.param(D("89.95"), D("94.39"), D("104.9361"), D("104.9"), id="5.3.4-IKM-2023"),
        pytest.param(D("94"), D("93.53"), D("99.5000"), D("99.5"), id="5.3.4-IKM-2024"),
        pytest.param(D("3.10"), D("2.31"), D("74.5161"), D("74.5"), id="5.3.4-IPP-2022"),
        pytest.param(D("3.10"), D("2.45"), D("79.0323"), D("79.0"), id="5.3.4-IPP-2023"),
        pytest.param(D("3.10"), D("3.45"), D("111.2903"), D("111.3"), id="5.3.4-IPP-2024-HU"),
        pytest.param(D("76.5"), D("80.25"), D("104.9020"), D("104.9"), id="5.3.4-PATEN-2022-Q26-doc-105.6"),
        pytest.param(D("85.3"), D("85.33"), D("100.0352"), D("100.0"), id="5.3.4-PATEN-2023"),
        pytest.param(D("86"), D("78.25"), D("90.9884"), D("91.0"), id="5.3.4-PATEN-2024"),
    ],
)
def test_three_year_comparison(target, realisasi, exact, shown):
    result = capaian(realisasi, target)
    assert quantize(result.value, 4) == exact
    assert quantize(result.value, 1) == shown


def test_paten_2022_printed_value_used_target_76_q26():
    assert quantize(capaian(D("80.25"), D("76")).value, 1) == D("105.6")


@pytest.mark.parametrize(
    ("before", "after", "delta"),
    [
        pytest.param(D("89.85"), D("94.39"), D("4.54"), id="5.3.4-IKM-2022-2023"),
        pytest.param(D("94.39"), D("93.53"), D("-0.86"), id="5.3.4-IKM-2023-2024-Q25"),
        pytest.param(D("2.31"), D("2.45"), D("0.14"), id="5.3.4-IPP-2022-2023"),
        pytest.param(D("2.45"), D("3.45"), D("1.00"), id="5.3.4-IPP-2023-2024"),
        pytest.param(D("7.80"), D("8.13"), D("0.33"), id="4.10-IKPP-excess-over-target-Q60"),
        pytest.param(D("64.23"), D("74.64"), D("10.41"), id="4.12-gap-to-national-L984"),
        pytest.param(D("64.23"), D("74.61"), D("10.38"), id="4.12-gap-with-74.61-Q17"),
    ],
)
def test_deltas(before, after, delta):
    assert evaluate_formula("B − A", {"A": before, "B": after}).value == delta


# --- 5.3.5 Tabel 3.5, against the Renstra end targets (tingkat kemajuan) ---------------------------
@pytest.mark.parametrize(
    ("target", "realisasi", "exact", "shown", "places"),
    [
        pytest.param(D("75"), D("74.61"), D("99.4800"), D("99.5"), 1, id="5.3.5-AKIP-printed-74.61-Q17"),
        pytest.param(D("75"), D("74.64"), D("99.5200"), D("99.5"), 1, id="5.3.5-AKIP-true-74.64"),
        pytest.param(D("7.95"), D("8.13"), D("102.2642"), D("102.3"), 1, id="5.3.5-IKPP"),
        pytest.param(D("85.3"), D("78.25"), D("91.7351"), D("91.7"), 1, id="5.3.5-PATEN-Q29-L954-doc-91"),
        pytest.param(D("89"), D("93.53"), D("105.0899"), D("105"), 0, id="5.3.5-IKM-L946"),
        pytest.param(D("3.5"), D("3.45"), D("98.5714"), D("98.6"), 1, id="5.3.5-IPP-L947"),
    ],
)
def test_renstra_progress(target, realisasi, exact, shown, places):
    result = percentage(realisasi, target)
    assert quantize(result.value, 4) == exact
    assert quantize(result.value, places) == shown


@pytest.mark.parametrize(
    ("akip", "exact"),
    [pytest.param(D("74.61"), D("100.8721"), id="5.3.5-average-74.61"), pytest.param(D("74.64"), D("100.8921"), id="5.3.5-average-74.64")],
)
def test_renstra_average(akip, exact):
    result = rollup([percentage(akip, D("75")), percentage(D("8.13"), D("7.95"))])
    assert quantize(result.value, 4) == exact
    assert quantize(result.value, 1) == D("100.9")


# --- 4.6 IKM unit = unweighted mean of the five services (F14) ----------------------------------------
def test_ikm_unit_mean():
    services = [D("98.35"), D("98.02"), D("92.59"), D("98.15"), D("80.56")]
    result = rollup(services, percent=False)
    assert result.value == D("93.534")
    assert quantize(result.value, 2) == D("93.53")


# --- 5.3.6 Budget, every row of Tabel 3.7 / 3.10 ---------------------------------------------------------
@pytest.mark.parametrize(
    ("pagu", "realisasi", "sisa", "pct"),
    [
        pytest.param("3025434166", "2841094465", "184339701", "93.91", id="5.3.6-P1"),
        pytest.param("6001500", "6001500", "0", "100.00", id="5.3.6-K1.1"),
        pytest.param("4451500", "4451500", "0", "100.00", id="5.3.6-S-penyusunan-dokumen"),
        pytest.param("1550000", "1550000", "0", "100.00", id="5.3.6-S-laporan-capaian"),
        pytest.param("2506813032", "2362081364", "144731668", "94.23", id="5.3.6-K1.2"),
        pytest.param("2454556932", "2309846114", "144710818", "94.10", id="5.3.6-S-gaji"),
        pytest.param("51206100", "51197500", "8600", "99.98", id="5.3.6-S-penatausahaan-Q39-3.7-doc-100"),
        pytest.param("1050000", "1037750", "12250", "98.83", id="5.3.6-S-lap-keuangan"),
        pytest.param("110466750", "103220175", "7246575", "93.44", id="5.3.6-K1.3"),
        pytest.param("19236500", "19205500", "31000", "99.84", id="5.3.6-S-peralatan"),
        pytest.param("48400000", "41810000", "6590000", "86.38", id="5.3.6-S-logistik"),
        pytest.param("8990250", "8990250", "0", "100.00", id="5.3.6-S-cetak-3.7-Q38"),
        pytest.param("8990250", "8990000", "250", "100.00", id="5.3.6-S-cetak-3.10-Q38"),
        pytest.param("2352000", "2352000", "0", "100.00", id="5.3.6-S-bahan-bacaan"),
        pytest.param("31488000", "30862675", "625325", "98.01", id="5.3.6-S-rapat"),
        pytest.param("121286350", "117943000", "3343350", "97.24", id="5.3.6-K1.4-and-S"),
        pytest.param("32295180", "27673944", "4621236", "85.69", id="5.3.6-K1.5-3.7-Q36"),
        pytest.param("27924500", "27781221", "143279", "99.49", id="5.3.6-K1.5-3.10-and-S"),
        pytest.param("160976200", "157288100", "3688100", "97.71", id="5.3.6-K1.6-3.7-Q37"),
        pytest.param("253470070", "249089120", "4380950", "98.27", id="5.3.6-K1.6-3.10"),
        pytest.param("56268200", "52615100", "3653100", "93.51", id="5.3.6-S-kendaraan"),
        pytest.param("180961870", "180260670", "701200", "99.61", id="5.3.6-S-gedung"),
        pytest.param("16240000", "16213350", "26650", "99.84", id="5.3.6-S-sarpras-gedung"),
        pytest.param("6163750", "6163750", "0", "100.00", id="5.3.6-P2-and-K2.1-3.10"),
        pytest.param("6526250", "6526250", "0", "100.00", id="5.3.6-K2.1-3.7-Q40"),
        pytest.param("73791200", "73585850", "205350", "99.72", id="5.3.6-P3-K3.1-doc-99.7"),
        pytest.param("16510000", "16497200", "12800", "99.92", id="5.3.6-S-persatuan-bangsa-Q41"),
        pytest.param("2645000", "2575000", "70000", "97.35", id="5.3.6-S-forkopimcam-Q41"),
        pytest.param("19510000", "19510000", "0", "100.00", id="5.3.6-P4-K4.1-S"),
        pytest.param("7505000", "7490000", "15000", "99.80", id="5.3.6-P5-K5.1-S-Q43-doc-99.81"),
        pytest.param("44928500", "44911000", "17500", "99.96", id="5.3.6-P6-3.7-Q42"),
        pytest.param("47843500", "47560450", "283050", "99.41", id="5.3.6-P6-3.10-PK-doc-99.4"),
        pytest.param("3180247616", "2995404515", "184843101", "94.19", id="5.3.6-JUMLAH-4.14-SiLPA-L1109"),
        pytest.param("154813450", "154310050", "503400", "99.67", id="5.3.6-sasaran-II-T3.9"),
    ],
)
def test_budget_rows(pagu, realisasi, sisa, pct):
    assert sisa_anggaran(D(pagu), D(realisasi)).value == D(sisa)
    assert quantize(serapan(D(realisasi), D(pagu)).value, 2) == D(pct)


def _leaf(code, pagu, real):
    return BudgetNode(code, code, S, D(pagu), D(real))


def _p1_3_10() -> BudgetNode:
    return BudgetNode(
        "P1",
        "Program Penunjang",
        P,
        D("3025434166"),
        D("2841094465"),
        (
            BudgetNode(
                "K1.1", "Perencanaan", K, D("6001500"), D("6001500"), (_leaf("S1", "4451500", "4451500"), _leaf("S2", "1550000", "1550000"))
            ),
            BudgetNode(
                "K1.2",
                "Administrasi Keuangan",
                K,
                D("2506813032"),
                D("2362081364"),
                (_leaf("S3", "2454556932", "2309846114"), _leaf("S4", "51206100", "51197500"), _leaf("S5", "1050000", "1037750")),
            ),
            BudgetNode(
                "K1.3",
                "Administrasi Umum",
                K,
                D("110466750"),
                D("103220175"),
                (
                    _leaf("S6", "19236500", "19205500"),
                    _leaf("S7", "48400000", "41810000"),
                    _leaf("S8", "8990250", "8990000"),
                    _leaf("S9", "2352000", "2352000"),
                    _leaf("S10", "31488000", "30862675"),
                ),
            ),
            BudgetNode("K1.4", "Pengadaan BMD", K, D("121286350"), D("117943000"), (_leaf("S11", "121286350", "117943000"),)),
            BudgetNode("K1.5", "Jasa Penunjang", K, D("27924500"), D("27781221"), (_leaf("S12", "27924500", "27781221"),)),
            BudgetNode(
                "K1.6",
                "Pemeliharaan BMD",
                K,
                D("253470070"),
                D("249089120"),
                (_leaf("S13", "56268200", "52615100"), _leaf("S14", "180961870", "180260670"), _leaf("S15", "16240000", "16213350")),
            ),
        ),
    )


def test_p1_does_not_roll_up_q35():
    # 5.3.6 finding 2: the 3.10 kegiatan exceed the program by Rp 528.036 (pagu) and Rp 25.021.915 (realisasi);
    # every kegiatan of the 3.10 version equals the sum of its sub kegiatan
    assert _p1_3_10().mismatches() == [
        BudgetMismatch("P1", "Program Penunjang", "pagu", D("3025434166"), D("3025962202")),
        BudgetMismatch("P1", "Program Penunjang", "realisasi", D("2841094465"), D("2866116380")),
    ]
    assert [m.difference for m in _p1_3_10().mismatches()] == [D("-528036"), D("-25021915")]


def test_p1_3_7_version_q35():
    kegiatan = [
        ("6001500", "6001500"),
        ("2506813032", "2362081364"),
        ("110466750", "103220175"),
        ("121286350", "117943000"),
        ("32295180", "27673944"),
        ("160976200", "157288100"),
    ]
    program = BudgetNode("P1", "P1", P, D("3025434166"), D("2841094465"), tuple(_leaf(str(i), p, r) for i, (p, r) in enumerate(kegiatan)))
    assert (program.total_pagu(), program.total_realisasi()) == (D("2937839012"), D("2774208083"))


def test_k1_3_with_the_3_7_cetak_row_q38():
    rows = [("19236500", "19205500"), ("48400000", "41810000"), ("8990250", "8990250"), ("2352000", "2352000"), ("31488000", "30862675")]
    kegiatan = BudgetNode("K1.3", "K1.3", K, D("110466750"), D("103220175"), tuple(_leaf(str(i), p, r) for i, (p, r) in enumerate(rows)))
    assert kegiatan.mismatches() == [BudgetMismatch("K1.3", "K1.3", "realisasi", D("103220175"), D("103220425"))]


@pytest.mark.parametrize(
    ("stated", "children", "expected"),
    [
        pytest.param(
            ("32295180", "27673944"), [("27924500", "27781221")], [("pagu", "32295180", "27924500"), ("realisasi", "27673944", "27781221")],
            id="5.3.6-K1.5-3.7-Q36",
        ),
        pytest.param(
            ("160976200", "157288100"),
            [("56268200", "52615100"), ("180961870", "180260670"), ("16240000", "16213350")],
            [("pagu", "160976200", "253470070"), ("realisasi", "157288100", "249089120")],
            id="5.3.6-K1.6-3.7-Q37",
        ),
        pytest.param(
            ("73791200", "73585850"), [("16510000", "16497200"), ("2645000", "2575000")],
            [("pagu", "73791200", "19155000"), ("realisasi", "73585850", "19072200")],
            id="5.3.6-K3.1-Q41",
        ),
        pytest.param(
            ("6163750", "6163750"), [("6526250", "6526250")], [("pagu", "6163750", "6526250"), ("realisasi", "6163750", "6526250")],
            id="5.3.6-P2-3.7-Q40",
        ),
    ],
)  # fmt: skip
def test_kegiatan_mismatches(stated, children, expected):
    node = BudgetNode("X", "X", K, D(stated[0]), D(stated[1]), tuple(_leaf(str(i), p, r) for i, (p, r) in enumerate(children)))
    assert [(m.field, m.stated, m.computed) for m in node.mismatches()] == [(f, D(a), D(b)) for f, a, b in expected]


PROGRAMS = [
    ("P1", "3025434166", "2841094465"),
    ("P2", "6163750", "6163750"),
    ("P3", "73791200", "73585850"),
    ("P4", "19510000", "19510000"),
    ("P5", "7505000", "7490000"),
    ("P6", "47843500", "47560450"),
]


def test_program_level_is_the_anchor():
    # 5.3.6 finding 1 and Tabel 3.8/3.9: sasaran I = P1, sasaran II = P2..P6, total = JUMLAH = PK
    sasaran_1 = BudgetNode("I", "Akuntabilitas", SAS, children=(_leaf(*PROGRAMS[0]),))
    sasaran_2 = BudgetNode("II", "Layanan Publik", SAS, D("154813450"), D("154310050"), tuple(_leaf(*p) for p in PROGRAMS[1:]))
    organisation = BudgetNode("OPD", "Kecamatan Perak", ORG, D("3180247616"), D("2995404515"), (sasaran_1, sasaran_2))
    assert organisation.mismatches() == []
    assert quantize(organisation.serapan().value, 2) == D("94.19")
    assert quantize(sasaran_2.serapan().value, 2) == D("99.67")
    # Tabel 3.8 % alokasi per sasaran
    assert quantize(percentage(sasaran_1.total_pagu(), organisation.total_pagu()).value, 2) == D("95.13")
    assert quantize(percentage(sasaran_2.total_pagu(), organisation.total_pagu()).value, 2) == D("4.87")


def test_jumlah_with_the_3_7_p6_row_q42():
    programs = [*PROGRAMS[:5], ("P6", "44928500", "44911000")]
    total = BudgetNode("OPD", "JUMLAH", ORG, D("3180247616"), D("2995404515"), tuple(_leaf(*p) for p in programs))
    assert (total.total_pagu(), total.total_realisasi()) == (D("3177332616"), D("2992755065"))
    assert len(total.mismatches()) == 2


# --- 5.3.7 "RATA-RATA ... 98,81 %" (Q45): three candidates reproduce it ------------------------------------
def test_98_81_candidate_a_mean_of_program_serapan():
    result = rollup([serapan(D(r), D(p)) for _, p, r in PROGRAMS])
    assert quantize(result.value, 4) == D("98.8062")
    assert quantize(result.value, 2) == D("98.81")


def test_98_81_candidate_b_program_indicator_capaian():
    result = rollup([D("100")] * 6 + [D("91.7")])
    assert quantize(result.value, 4) == D("98.8143")
    assert quantize(result.value, 2) == D("98.81")


def test_98_81_candidate_c():
    result = rollup([D("99.5"), D("91")] + [D("100")] * 6)
    assert result.value == D("98.8125")
    assert quantize(result.value, 2) == D("98.81")


# --- 5.3.8 Efisiensi (F6): difference of the printed values, as the document does -------------------------
@pytest.mark.parametrize(
    ("c", "s", "operand_places", "expected"),
    [
        pytest.param(rollup([AKIP, IKPP_CAPAIAN]), serapan(D("2995404515"), D("3180247616")), (1, 2), D("9.01"), id="5.3.8-total-L1135"),
        pytest.param(rollup([AKIP, IKPP_CAPAIAN]), serapan(D("2995404515"), D("3180247616")), None, D("9.05"), id="5.3.8-total-exact"),
        pytest.param(AKIP, serapan(D("2841094465"), D("3025434166")), (1, 2), D("8.29"), id="5.3.8-sasaran-I"),
        pytest.param(AKIP, serapan(D("2841094465"), D("3025434166")), None, D("8.34"), id="5.3.8-sasaran-I-exact"),
        pytest.param(IKPP_CAPAIAN, serapan(D("154310050"), D("154813450")), (2, 2), D("4.56"), id="5.3.8-sasaran-II-Q46-doc-2.2"),
        pytest.param(IKPP_CAPAIAN, serapan(D("154310050"), D("154813450")), (1, 2), D("4.53"), id="5.3.8-sasaran-II-1dp"),
        pytest.param(IKPP_CAPAIAN, serapan(D("154310050"), D("154813450")), None, D("4.56"), id="5.3.8-sasaran-II-exact"),
        pytest.param(D("100"), serapan(D("19510000"), D("19510000")), None, D("0.00"), id="5.3.8-P4"),
        pytest.param(D("100"), serapan(D("7490000"), D("7505000")), (2, 2), D("0.20"), id="5.3.8-P5-Q43-doc-0.19"),
        pytest.param(D("100"), serapan(D("47560450"), D("47843500")), (2, 2), D("0.59"), id="5.3.8-P6-Q47-doc-0.04"),
    ],
)  # fmt: skip
def test_efisiensi_difference(c, s, operand_places, expected):
    result = efisiensi(c, s, operand_places=operand_places)
    assert quantize(result.value, 2) == expected


def test_efisiensi_exact_small_programs():
    assert quantize(efisiensi(D("100"), serapan(D("7490000"), D("7505000"))).value, 4) == D("0.1999")
    assert quantize(efisiensi(D("100"), serapan(D("47560450"), D("47843500"))).value, 4) == D("0.5916")
    assert efisiensi(D("100"), D("99.4")).value == D("0.6")  # the 99,4 printed for P6


def test_efisiensi_ratio_form_fits_none():
    assert quantize(efisiensi(D("103.2"), D("94.19"), form=EfficiencyForm.RATIO).value, 2) == D("109.57")


# --- 5.3.9 SDM efficiency (Tabel 3.12) -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("tersedia", "abk", "expected"),
    [
        pytest.param(D("18"), D("20"), D("90.00"), id="5.3.9-row-1-Q50-doc-42.11"),
        pytest.param(D("4"), D("10"), D("40.00"), id="5.3.9-row-2"),
        pytest.param(D("8"), D("19"), D("42.11"), id="5.3.9-doc-42.11-is-8-of-19"),
        pytest.param(D("12"), D("19"), D("63.16"), id="5.3.9-doc-63.16-is-12-of-19"),
    ],
)
def test_ketersediaan_sdm(tersedia, abk, expected):
    assert quantize(percentage(tersedia, abk).value, 2) == expected


def test_efisiensi_sdm_average_row():
    assert evaluate_formula("100 − 46,18", {}).value == D("53.82")  # F18, the only consistent row


# --- 5.3.10 Sarpras efficiency (ratios, not percentages) ------------------------------------------------------
@pytest.mark.parametrize(
    ("hasil", "standar", "expected"),
    [
        pytest.param(D("3"), D("7"), D("0.43"), id="5.3.10-filing-cabinet-Q52-doc-blank"),
        pytest.param(D("10"), D("12"), D("0.83"), id="5.3.10-ac-split"),
        pytest.param(D("1"), D("8"), D("0.13"), id="5.3.10-kursi-eselon-IV-doc-0.125"),
        pytest.param(D("1"), D("2"), D("0.50"), id="5.3.10-video-conference-Q52-doc-blank"),
        pytest.param(D("10"), D("11"), D("0.91"), id="5.3.10-pc-unit-HU"),
        pytest.param(D("9"), D("10"), D("0.90"), id="5.3.10-laptop"),
        pytest.param(D("15"), D("18"), D("0.83"), id="5.3.10-printer"),
        pytest.param(D("2"), D("3"), D("0.67"), id="5.3.10-scanner-HU"),
        pytest.param(D("340"), D("359"), D("0.95"), id="5.3.10-total-ratio-of-totals-Q52-doc-0.95%"),
    ],
)
def test_sarpras_ratio(hasil, standar, expected):
    assert quantize(evaluate_formula("H / S", {"H": hasil, "S": standar}).value, 2) == expected


def test_sarpras_mean_of_item_ratios_is_not_the_printed_value():
    shortfalls = [("3", "7"), ("10", "12"), ("1", "8"), ("1", "2"), ("10", "11"), ("9", "10"), ("15", "18"), ("2", "3")]
    ratios = [evaluate_formula("H / S", {"H": D(h), "S": D(s)}) for h, s in shortfalls] + [D(1)] * 61
    assert quantize(rollup(ratios, percent=False).value, 3) == D("0.959")


# --- 5.2 Predikat, with the seed's own scale (capping rule F3) ---------------------------------------------------
@pytest.mark.parametrize(
    ("value", "code", "label"),
    [
        pytest.param(D("74.64"), "BB", "Sangat Baik", id="5.2-nilai-SAKIP-L347"),
        pytest.param(D("73"), "BB", "Sangat Baik", id="5.2-target-73-Q20"),
        pytest.param(D("74.90"), "BB", "Sangat Baik", id="5.2-indeks-RB-L372"),
        pytest.param(D("72.33"), "BB", "Sangat Baik", id="5.2-kabupaten"),
        pytest.param(D("83.89"), "A", "Memuaskan", id="5.2-provinsi"),
        pytest.param(D("64.23"), "B", "Baik", id="5.2-nasional-unlabelled"),
        pytest.param(rollup([AKIP, IKPP_CAPAIAN]).value, "AA", "Sangat Memuaskan", id="5.2-average-103-capped-Q22"),
        pytest.param(IKPP_CAPAIAN.value, "AA", "Sangat Memuaskan", id="5.2-IKPP-104.23-capped-Q22"),
    ],
)
def test_predikat(value, code, label):
    band = categorise(SEED_002_JOMBANG, value)
    assert (band.code, band.label) == (code, label)


# --- 3.6 PK triwulan targets: cumulative percentages ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("counts", "denominator", "percents"),
    [
        pytest.param((25, 34, 41, 48), 48, ("52.08", "70.83", "85.42", "100.00"), id="3.6-P1-of-48"),
        pytest.param((1, 4, 5, 8), 8, ("12.50", "50.00", "62.50", "100.00"), id="3.6-P5-of-8"),
        pytest.param((5, 6, 7, 8), 8, ("62.50", "75.00", "87.50", "100.00"), id="3.6-P6-of-8"),
        pytest.param((1, 2, 3, 4), 4, ("25.00", "50.00", "75.00", "100.00"), id="3.6-P3-P4"),
    ],
)
def test_pk_tw_targets(counts, denominator, percents):
    shown = [quantize(percentage(D(c), D(denominator)).value, 2) for c in counts]
    assert shown == [D(p) for p in percents]
    targets = targets_from_percent(D("100"), dict(zip((1, 2, 3, 4), shown, strict=True)))
    assert validate_cumulative_targets(targets, D("100")) == []


def test_pk_tw_targets_paten_are_percent_of_a_value_q61():
    targets = targets_from_percent(D("86"), {1: D("26.05"), 2: D("51.70"), 3: D("75.85"), 4: D("100")})
    assert targets[4] == D("86")
    assert validate_cumulative_targets(targets, D("86")) == []


# --- 3.6: no triwulan realisation anywhere in the report --------------------------------------------------------------
def test_no_triwulan_realisation_in_the_report():
    # 3.6: no TW realisasi anywhere: the annual value "s/d TW IV" of a LATEST indicator is then blank
    assert aggregate({}, 4, Aggregation.LATEST).code is Reason.MISSING_REALISATION
