"""The summary tables of issue 17 from data the app already holds: efisiensi per program, alokasi per
sasaran, the average rows of the capaian and tingkat kemajuan tables, the gaps to the comparison figures,
the nilai of the year's SAKIP evaluation, and the predikat printed as the pemda's scale says.

One kecamatan, two sasaran, three programs (one measured by two indicators, one in the DPA only and
serving no sasaran), figures from seed 002 where it has them (AKIP 74,64 against 73, IKPP 8,13 against
7,8, nasional 64,23)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from apps.agreements.services import pk_create_from_renstra
from apps.core.numbers import quantize
from apps.performance.models import PredikatScale
from apps.performance.services import scale_adopt
from apps.planning.models import ComparisonFigure, Indicator
from apps.reports import services
from apps.reports.evaluation import evaluation_save
from apps.reports.models import SakipEvaluation

from ..factories import (
    DpaLineFactory,
    DpaVersionFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    ProgramFactory,
    RealisasiAnggaranFactory,
    RealisationFactory,
    RenstraFactory,
    SasaranFactory,
    TujuanFactory,
)

D = Decimal


@dataclass
class Year:
    world: Any
    akip: Indicator
    ikpp: Indicator


def _q(value: Any, places: int = 2) -> Decimal | None:
    number = getattr(value, "number", value)
    return None if number is None else quantize(number, places)


@pytest.fixture
def year(world) -> Year:
    r = RenstraFactory(organisation=world.own, start_year=2024, end_year=2026)
    t = TujuanFactory(renstra=r, code="1", text="Meningkatkan akuntabilitas")
    s1 = SasaranFactory(tujuan=t, code="1.1", text="Meningkatnya akuntabilitas dan kinerja kecamatan")
    s2 = SasaranFactory(tujuan=t, code="1.2", text="Meningkatnya kualitas layanan publik")
    p1 = ProgramFactory(renstra=r, code="7.01.01", name="Program Penunjang", sasaran=[s1])
    p2 = ProgramFactory(renstra=r, code="7.01.02", name="Program Pelayanan Publik", sasaran=[s2])
    akip = IndicatorFactory(parent=s1, name="Nilai evaluasi AKIP", satuan="nilai", is_iku=True, end_target=D("75"))
    ikpp = IndicatorFactory(parent=s2, name="IKPP", satuan="indeks", is_iku=True, end_target=D("7.95"))
    laporan = IndicatorFactory(parent=p1, name="Jumlah laporan", aggregation=Indicator.Aggregation.CUMULATIVE_SUM, precision=0)
    paten = IndicatorFactory(parent=p2, name="Nilai PATEN", end_target=D("100"))
    surat = IndicatorFactory(parent=p2, name="Surat selesai tepat waktu", end_target=D("100"))
    for ind, target in [(akip, "73"), (ikpp, "7.8"), (laporan, "12"), (paten, "100"), (surat, "100")]:
        IndicatorTargetFactory(indicator=ind, year=2024, value=D(target))
    pk_create_from_renstra(organisation=world.own, year=2024)
    for ind, value in [(akip, "74.64"), (ikpp, "8.13"), (paten, "100"), (surat, "90")]:
        RealisationFactory(indicator=ind, year=2024, quarter=4, value=D(value))
    for q in (1, 2, 3, 4):
        RealisationFactory(indicator=laporan, year=2024, quarter=q, value=D(3))
    dpa = DpaVersionFactory(organisation=world.own, year=2024)
    lines = [("7.01.01.2.01.0001", p1.name, "80000000", "76000000"), ("7.01.02.2.01.0001", p2.name, "20000000", "20000000"),
             ("7.01.03.2.01.0001", "Program Koordinasi", "10000000", "5000000")]  # fmt: skip
    for code, program_name, pagu, realised in lines:
        DpaLineFactory(version=dpa, code=code, program_name=program_name, kegiatan_name="Kegiatan", pagu=D(pagu))
        RealisasiAnggaranFactory(organisation=world.own, year=2024, code=code, quarter=4, amount=D(realised))
    ComparisonFigure.objects.create(indicator=akip, year=2024, level="nasional", value=D("64.23"))
    ComparisonFigure.objects.create(indicator=akip, year=2024, level="kabupaten", value=D("72.33"))
    ComparisonFigure.objects.create(indicator=akip, year=2024, level="provinsi", not_available=True)
    scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key="seed-002-jombang"))
    scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key="akip-permenpanrb-88-2021"))
    return Year(world=world, akip=akip, ikpp=ikpp)


def _tables(world) -> dict[str, Any]:
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    return {t.key: t for t in services.report_document(report=report).tables}


def _row(table, *words: str) -> list[Any]:
    for row in [*table.rows, table.footer or []]:
        text = " ".join(str(c.value) for c in row if isinstance(c.value, str))
        if all(w in text for w in words):
            return row
    raise AssertionError(f"{table.key}: no row with {words}")


def test_efisiensi_per_program_with_its_indicators_and_the_organisation_total(year):
    t = _tables(year.world)["efisiensi-program"]
    assert [c.label for c in t.columns] == [
        "Program", "Indikator program", "Capaian kinerja", "Pagu (Rp)", "Realisasi (Rp)", "Serapan",
        "Efisiensi (selisih, poin)", "Efisiensi (rasio)",
    ]  # fmt: skip
    penunjang = _row(t, "Program Penunjang")
    assert [_q(c) for c in penunjang[2:]] == [D("100.00"), D("80000000.00"), D("76000000.00"), D("95.00"), D("5.00"), D("105.26")]
    # A program with two indicators: the mean of their capaian (100 and 90), then one row per indicator.
    pelayanan = _row(t, "Program Pelayanan Publik", "Rata-rata 2 indikator")
    assert [_q(c) for c in pelayanan[2:]] == [D("95.00"), D("20000000.00"), D("20000000.00"), D("100.00"), D("-5.00"), D("95.00")]
    surat = _row(t, "Program Pelayanan Publik", "Surat selesai tepat waktu")
    assert (_q(surat[2]), _q(surat[5]), _q(surat[6])) == (D("90.00"), D("100.00"), D("-10.00"))
    # A DPA program no PK indicator measures is listed, so that the rupiah add up to the total.
    koordinasi = _row(t, "Program Koordinasi")
    assert koordinasi[2].number is None and _q(koordinasi[5]) == D("50.00")
    total = t.footer
    assert total[0].value == "Jumlah"
    # The organisation's row, as in the table per sasaran: the mean of the sasaran (102,2466 and 104,2308).
    assert [_q(c) for c in total[2:6]] == [D("103.24"), D("110000000.00"), D("101000000.00"), D("91.82")]
    # Efisiensi from the operands as printed, as the seed 002 scale says (capaian 1 place, serapan 2): 103,2 − 91,82.
    assert _q(total[6]) == D("103.2") - D("91.82")


def test_the_efisiensi_per_sasaran_total_row_is_jumlah(year):
    t = _tables(year.world)["efisiensi"]
    assert t.footer[0].value == "Jumlah" and _q(t.footer[2]) == D("110000000.00")


def test_alokasi_per_sasaran_with_the_programs_serving_none(year):
    t = _tables(year.world)["alokasi-sasaran"]
    assert [c.label for c in t.columns] == ["Sasaran", "Pagu (Rp)", "Alokasi (%)"]
    assert [(_q(r[1], 0), _q(r[2])) for r in t.rows] == [
        (D(80_000_000), D("72.73")),
        (D(20_000_000), D("18.18")),
        (D(10_000_000), D("9.09")),
    ]
    assert t.rows[2][0].value == "Program yang tidak terkait sasaran"
    assert (t.footer[0].value, _q(t.footer[1], 0), _q(t.footer[2])) == ("Jumlah", D(110_000_000), D("100.00"))


def test_average_rows_are_unclamped_and_carry_the_predikat(year):
    tables = _tables(year.world)
    iku = tables["capaian-iku"].footer
    # (102,2466 + 104,2308) / 2 = 103,24: unclamped, although the scale clamps to 100 for the predikat.
    assert iku[1].value.startswith("Rata-rata") and _q(iku[6]) == D("103.24") and iku[7].value == "AA (Sangat Memuaskan)"
    program = tables["capaian-program"].footer
    assert program[1].value.startswith("Rata-rata") and _q(program[6]) == D("96.67")  # (100 + 100 + 90) / 3
    progress = tables["tingkat-kemajuan"].footer
    # The IKU only (seed 002 Tabel 3.5): (74,64 / 75 + 8,13 / 7,95) / 2 = 100,89.
    assert "Rata-rata" in progress[0].value and "kemajuan" in progress[0].value and _q(progress[4]) == D("100.89")


def test_the_gaps_to_the_comparison_figures(year):
    t = _tables(year.world)["pembanding"]
    assert [c.label for c in t.columns][-3:] == ["Selisih kabupaten", "Selisih provinsi", "Selisih nasional"]
    akip = _row(t, "Nilai evaluasi AKIP")
    assert (_q(akip[5]), akip[6].number, _q(akip[7])) == (D("2.31"), None, D("10.41"))  # provinsi "tidak tersedia": no gap
    assert akip[7].value.derivation == "74,64 − 64,23 = 10,41"
    ikpp = _row(t, "IKPP")
    assert [c.number for c in ikpp[5:]] == [None, None, None]


def test_the_predikat_prints_as_the_scale_says(year):
    PredikatScale.objects.filter(pemda=year.world.pemda, use="capaian").update(predikat_display="label")
    assert _tables(year.world)["capaian-iku"].rows[0][7].value == "Sangat Memuaskan"
    PredikatScale.objects.filter(pemda=year.world.pemda, use="capaian").update(predikat_display="code")
    tables = _tables(year.world)
    assert tables["capaian-iku"].rows[0][7].value == "AA"
    assert tables["capaian-sasaran"].footer[3].value == "AA"


def test_nilai_sakip_with_its_four_components(year):
    world = year.world
    evaluation_save(
        organisation=world.own, year=2024, user=world.inspektorat, recommendations=["Perbaiki cascading kinerja"],
        fields={"perencanaan": D("24.81"), "pengukuran": D("19.87"), "pelaporan": D("10.87"), "evaluasi_internal": D("19.09")},
    )  # fmt: skip
    t = _tables(world)["nilai-sakip"]
    assert [c.label for c in t.columns] == ["Komponen", "Bobot", "Nilai", "Capaian bobot", "Predikat"]
    assert [(r[0].value, _q(r[1], 0), _q(r[2]), _q(r[3])) for r in t.rows] == [
        ("Perencanaan Kinerja", D(30), D("24.81"), D("82.70")),
        ("Pengukuran Kinerja", D(30), D("19.87"), D("66.23")),
        ("Pelaporan Kinerja", D(15), D("10.87"), D("72.47")),
        ("Evaluasi Akuntabilitas Kinerja Internal", D(25), D("19.09"), D("76.36")),
    ]
    assert (t.footer[0].value, _q(t.footer[2]), t.footer[4].value) == ("Jumlah", D("74.64"), "BB (Sangat Baik)")


def test_nilai_sakip_of_an_lhe_with_its_total_only(year):
    """Seed 001: "nilai 70,88, dengan interpretasi predikat "BB"": no components, the code of the predikat alone."""
    world = year.world
    PredikatScale.objects.filter(pemda=world.pemda, use="akip").update(predikat_display="code")
    evaluation_save(organisation=world.own, year=2024, user=world.inspektorat, fields={"total": D("70.88")}, recommendations=[])
    t = _tables(world)["nilai-sakip"]
    assert t.rows == []
    assert (t.footer[0].value, _q(t.footer[2]), t.footer[4].value) == ("Jumlah", D("70.88"), "BB")


def test_no_evaluation_no_nilai_sakip_table(year):
    assert "nilai-sakip" not in _tables(year.world)


def _post(**kw: str) -> dict[str, str]:
    data = {"lhe_number": "700/731/IP", "lhe_date": "2022-08-20", "recommendations": "Perbaiki cascading kinerja"}
    data.update(kw)
    return data


FOUR = {"perencanaan": "24,81", "pengukuran": "19,87", "pelaporan": "10,87", "evaluasi_internal": "19,09"}


@pytest.mark.parametrize(
    ("data", "saved"),
    [
        ({"total": "70,88"}, D("70.88")),  # the nilai alone (seed 001)
        (FOUR, D("74.64")),  # the four components: the nilai is their sum
        ({**FOUR, "total": "74,64"}, None),  # both: refused
        ({"perencanaan": "24,81", "total": "70,88"}, None),  # some components: refused
        ({"perencanaan": "24,81"}, None),
        ({}, None),  # nothing: refused
        ({"total": "101"}, None),  # above the sum of the weights
    ],
)
def test_the_evaluation_form_takes_the_four_components_or_the_nilai_alone(client, world, data, saved):
    from apps.reports.evaluation import nilai_akip

    client.force_login(world.inspektorat)
    response = client.post(reverse("reports:evaluation", args=[world.own.pk, 2022]), _post(**data))
    if saved is None:
        assert response.status_code == 200 and not SakipEvaluation.objects.exists()
    else:
        assert response.status_code == 302
        assert quantize(nilai_akip(SakipEvaluation.objects.get()).value, 2) == saved


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_the_summary_tables_render_in_every_format(year, fmt):
    from apps.reports.renderers import RENDERERS

    world = year.world
    evaluation_save(
        organisation=world.own, year=2024, user=world.inspektorat, fields={"total": D("70.88")}, recommendations=["Rekomendasi"]
    )
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    _name, _ctype, payload = RENDERERS[fmt](services.report_document(report=report))
    if fmt != "xlsx":
        text = payload.decode()
        assert "Efisiensi Penggunaan Anggaran per Program" in text and "Alokasi Anggaran per Sasaran" in text
        assert "Hasil Evaluasi SAKIP Tahun 2024" in text and "Selisih nasional" in text
