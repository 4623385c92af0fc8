"""Tujuan-level IKU, the penghitungan lampiran and the comparison with other kecamatan (issue 17, seed 003).

One kecamatan as seed 003 (Klakah 2023): the tujuan's IKM is an IKU the PK does not list, the mean of four
quarterly surveys (81,25 / 89,51 / 83,84 / 82,14 -> 84,185 against 90); two sasaran IKU typed at TW IV with
their operands (40 of 42 -> 95,23 against 95,23; 36 of 36 -> 100 against 95,23); two peer kecamatan."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from apps import calculations as calc
from apps.agreements.services import pk_create_from_renstra
from apps.core.numbers import quantize
from apps.core.templatetags.lkjip import _cell_text
from apps.performance.models import PredikatScale
from apps.performance.services import scale_adopt
from apps.planning.models import ComparisonFigure, Indicator
from apps.reports import services
from apps.reports.renderers import RENDERERS

from ..factories import (
    IndicatorFactory,
    IndicatorTargetFactory,
    RealisationFactory,
    RenstraFactory,
    SasaranFactory,
    TujuanFactory,
)

D = Decimal
IKM_NAME = "Nilai IKM Pelayanan Kecamatan"


@dataclass
class Plan:
    world: Any
    ikm: Indicator
    faskor: Indicator
    dok: Indicator


def _q(value: Any, places: int = 2) -> Decimal | None:
    number = getattr(value, "number", value)
    return None if number is None else quantize(number, places)


@pytest.fixture
def plan(world) -> Plan:
    r = RenstraFactory(organisation=world.own, start_year=2019, end_year=2023)
    t = TujuanFactory(renstra=r, code="1", text="Meningkatnya Kepuasan Masyarakat")
    s1 = SasaranFactory(tujuan=t, code="1.1", text="Mengoptimalkan fasilitasi dan koordinasi")
    s2 = SasaranFactory(tujuan=t, code="1.2", text="Meningkatnya akuntabilitas pemerintahan desa")
    ikm = IndicatorFactory(
        parent=t, name=IKM_NAME, satuan="Nilai", is_iku=True, code="IKM", end_target=D(90), aggregation=Indicator.Aggregation.AVERAGE,
        formula_text="(IKM TW I + TW II + TW III + TW IV) / 4",
    )  # fmt: skip
    faskor = IndicatorFactory(parent=s1, name="Persentase fasilitasi yang ditindaklanjuti", satuan="%", is_iku=True, end_target=D("95.23"))
    dok = IndicatorFactory(parent=s2, name="Persentase dokumen desa tepat waktu", satuan="%", is_iku=True, end_target=D("95.23"))
    for ind, target in [(ikm, "90"), (faskor, "95.23"), (dok, "95.23")]:
        IndicatorTargetFactory(indicator=ind, year=2023, value=D(target))
    pk_create_from_renstra(organisation=world.own, year=2023)  # sasaran and programs: the IKM is not in the PK
    for q, v in enumerate(["81.25", "89.51", "83.84", "82.14"], start=1):
        RealisationFactory(indicator=ikm, year=2023, quarter=q, value=D(v))
    RealisationFactory(indicator=faskor, year=2023, quarter=4, value=D("95.23"), numerator=D(40), denominator=D(42))
    RealisationFactory(indicator=dok, year=2023, quarter=4, value=D(100), numerator=D(36), denominator=D(36))
    for ind, kedung, ranu in [(ikm, "82.86", "84.92"), (faskor, "85.48", "86"), (dok, "97.22", "84.85")]:
        ComparisonFigure.objects.create(indicator=ind, year=2023, level="pd", peer="Kedungjajang", value=D(kedung))
        ComparisonFigure.objects.create(indicator=ind, year=2023, level="pd", peer="Ranuyoso", value=D(ranu))
    scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key="seed-003-lumajang"))
    return Plan(world=world, ikm=ikm, faskor=faskor, dok=dok)


def _tables(world, period: str = "annual") -> dict[str, Any]:
    report = services.report_get_or_create(organisation=world.own, year=2023, period=period)
    return {t.key: t for t in services.report_document(report=report).tables}


def _row(table, *words: str) -> list[Any]:
    for row in [*table.rows, table.footer or []]:
        text = " ".join(str(c.value) for c in row if isinstance(c.value, str))
        if all(w in text for w in words):
            return row
    raise AssertionError(f"{table.key}: no row with {words}")


def test_the_tujuan_indicator_stands_in_tabel_2_1_under_its_tujuan(plan):
    t = _tables(plan.world)["tujuan-sasaran"]
    first = t.rows[0]
    assert (first[0].value, first[1].value, first[2].value) == ("Meningkatnya Kepuasan Masyarakat", "-", IKM_NAME)
    assert (_q(first[4]), _q(first[5])) == (D("90.00"), D("90.00"))
    assert len(t.rows) == 3


def test_the_tujuan_iku_is_measured_in_the_lampiran_quarter_by_quarter(plan):
    t = _tables(plan.world)["pengukuran"]
    ikm = _row(t, IKM_NAME)
    assert [c.number for c in ikm[3:7]] == [D("81.25"), D("89.51"), D("83.84"), D("82.14")]  # numbers (issue 19)
    assert [_cell_text(c) for c in ikm[3:7]] == ["81,25", "89,51", "83,84", "82,14"]
    assert (_q(ikm[7]), _q(ikm[8])) == (D("84.19"), D("93.54"))  # 336,74 / 4 = 84,185; 84,185 / 90


def test_penghitungan_shows_the_operands_behind_each_iku(plan):
    t = _tables(plan.world)["penghitungan"]
    assert [c.label for c in t.columns] == ["Indikator", "Formulasi", "Pembilang", "Penyebut", "Hasil"]
    ikm = _row(t, IKM_NAME)
    assert (_q(ikm[2]), _q(ikm[3], 0), _q(ikm[4])) == (D("336.74"), D(4), D("84.19"))
    assert ikm[1].value == "(IKM TW I + TW II + TW III + TW IV) / 4"
    faskor = _row(t, "fasilitasi")
    assert (_q(faskor[2], 0), _q(faskor[3], 0), _q(faskor[4])) == (D(40), D(42), D("95.23"))  # typed as the kabupaten prints it
    assert faskor[2].places == 0
    dok = _row(t, "dokumen desa")
    assert (_q(dok[2], 0), _q(dok[3], 0), _q(dok[4])) == (D(36), D(36), D("100.00"))


def test_organisation_capaian_is_the_mean_of_all_iku_when_the_scale_says_so(plan):
    """Seed 003 §5.2: (93,54 + 100 + 105,01) / 3 = 99,52, the IKU table's average row as the organisation's capaian."""
    tables = _tables(plan.world)
    assert _q(tables["capaian-iku"].footer[6]) == D("99.52")
    first = tables["capaian-iku"].rows[0]  # the tujuan's IKU first, under its tujuan (seed 003 Tabel 3.1)
    assert (first[1].value, first[2].value, _q(first[6])) == ("Meningkatnya Kepuasan Masyarakat", IKM_NAME, D("93.54"))
    assert tables["iku"].rows[0][1].value == "Meningkatnya Kepuasan Masyarakat"


def test_organisation_capaian_is_the_mean_of_the_sasaran_by_default(plan):
    PredikatScale.objects.filter(pemda=plan.world.pemda, use="capaian").update(organisation_mean="sasaran")
    tables = _tables(plan.world)
    assert _q(tables["capaian-iku"].footer[6]) == D("102.50")  # (100 + 105,01) / 2: the PK's sasaran indicators
    assert _q(tables["capaian-sasaran"].footer[2]) == D("102.50")


def test_the_convention_is_data_of_the_scale(db):
    assert PredikatScale.objects.get(pemda__isnull=True, catalogue_key="seed-003-lumajang").organisation_mean == "iku"
    assert PredikatScale.objects.get(pemda__isnull=True, catalogue_key="seed-002-jombang").organisation_mean == "sasaran"
    assert calc.Scale(name="x", use="capaian", bands=()).organisation_mean == calc.ORGANISATION_MEAN_SASARAN


def test_comparison_with_other_kecamatan(plan):
    t = _tables(plan.world)["pembanding-pd"]
    assert [c.label for c in t.columns] == [
        "Indikator", "Realisasi", "Kedungjajang", "Ranuyoso", "Selisih Kedungjajang", "Selisih Ranuyoso",
    ]  # fmt: skip
    ikm = _row(t, IKM_NAME)
    # 84,185 - 84,92 = -0,735 -> -0,74 from the unrounded operand (seed 003 #17: not "the highest")
    assert [_q(c) for c in ikm[1:]] == [D("84.19"), D("82.86"), D("84.92"), D("1.33"), D("-0.74")]
    assert [_q(c) for c in _row(t, "dokumen desa")[4:]] == [D("2.78"), D("15.15")]


def test_no_peer_figure_no_peer_table(plan):
    ComparisonFigure.objects.filter(level="pd").delete()
    assert "pembanding-pd" not in _tables(plan.world)


def test_the_quarterly_report_prints_tujuan_sasaran_and_the_previous_years(plan):
    """Seed 004's Laporan Evaluasi Kinerja TW IV prints Tabel 2.1 and Tabel 3.1 (2022 against s/d TW IV 2023)."""
    tables = _tables(plan.world, "tw4")
    assert "tujuan-sasaran" in tables and "tahun-sebelumnya" in tables
    assert _row(tables["tujuan-sasaran"], IKM_NAME)


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_the_new_tables_render_in_every_format(plan, fmt):
    report = services.report_get_or_create(organisation=plan.world.own, year=2023, period="annual")
    _name, _ctype, payload = RENDERERS[fmt](services.report_document(report=report))
    titles = ["Penghitungan Realisasi Indikator Kinerja Utama Tahun 2023", "dengan Perangkat Daerah Lain"]
    if fmt != "xlsx":
        text = payload.decode()
        assert all(t in text for t in titles) and "Selisih Ranuyoso" in text
    else:
        book = load_workbook(io.BytesIO(payload))
        cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
        assert all(t in cells for t in titles) and "Selisih Ranuyoso" in cells
