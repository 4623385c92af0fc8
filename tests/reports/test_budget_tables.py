"""Budget tables of the report (issue 17): entered data -> exported report cells (renderers.document_dict)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from apps import calculations as calc
from apps.agreements.models import PerjanjianKinerja
from apps.agreements.services import pk_update
from apps.budgets import services
from apps.budgets.models import Pendapatan
from apps.budgets.selectors import kas_upto
from apps.core.numbers import quantize
from apps.reports.models import Period, Report
from apps.reports.renderers import document_dict
from apps.reports.services import report_document
from tests.budgets.workbooks import layout_a, xlsx

S1, S2 = "7.01.01.2.01.0001", "7.01.01.2.01.0002"
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]


def _dpa_with_monthly_kas() -> bytes:
    """One program, one kegiatan, two sub kegiatan; the anggaran kas per month (S1 1.200.000 spread
    100.000 a month, S2 600.000 all in March and December)."""
    s2 = [0, 0, 300_000, 0, 0, 0, 0, 0, 0, 0, 0, 300_000]
    rows = [
        ["Kode", "Uraian", "Sumber Dana", "Pagu", *MONTHS],
        ["7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", None, None, *[None] * 12],
        ["7.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", None, None, *[None] * 12],
        [S1, "Penyusunan Dokumen Perencanaan Perangkat Daerah", "APBD", 1_200_000, *[100_000] * 12],
        [S2, "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "APBD", 600_000, *s2],
    ]
    return xlsx(rows)


def _realisasi(rows: list[list[Any]]) -> bytes:
    return xlsx([["Kode Sub Kegiatan", "Realisasi s/d TW I", "Realisasi s/d TW II", "Realisasi s/d TW IV"], *rows], sheet="Realisasi")


def _table(org: Any, period: str, key: str) -> dict[str, Any] | None:
    report = Report(organisation=org, year=2024, period=period)
    payload = document_dict(report_document(report=report, day=dt.date(2025, 1, 15)))
    found: list[dict[str, Any]] = []

    def walk(section: dict[str, Any]) -> None:
        for block in section.get("blocks", []):
            if block.get("type") == "table" and block.get("key") == key:
                found.append(block)
        for child in section.get("sections", []):
            walk(child)

    for s in payload["sections"]:
        walk(s)
    return found[0] if found else None


def _cells(row: list[dict[str, Any]]) -> list[Any]:
    """Texts as printed, numbers as Decimal at 2 places (None when blank)."""
    return [c["text"] if "text" in c else (None if c["value"] is None else quantize(Decimal(c["value"]), 2)) for c in row]


def D(*values: str) -> list[Decimal]:
    return [Decimal(v) for v in values]


@pytest.fixture
def entered(world):
    services.dpa_import(organisation=world.own, year=2024, data=_dpa_with_monthly_kas(), source_name="dpa.xlsx")
    services.realisasi_import(
        organisation=world.own,
        year=2024,
        data=_realisasi([[S1, 250_000, 540_000, 1_150_000], [S2, 0, 270_000, 600_000]]),
        source_name="realisasi.xlsx",
        user=world.operator,
    )
    return world


def test_monthly_kas_is_summed_to_the_quarter():
    class Line:
        kas = (None, None, None, None)
        months = tuple(Decimal(m) for m in range(1, 13))

    assert kas_upto(Line(), 2) == Decimal(21)  # 1 + ... + 6
    Line.months = (Decimal(1), None, *[Decimal(1)] * 10)
    assert kas_upto(Line(), 1) is None  # a blank month: no total, never a partial one
    assert calc.sisa_persen(Decimal(200), Decimal(150)).value == Decimal(25)
    assert calc.sisa_persen(Decimal(0), Decimal(0)).value is None


def test_quarterly_report_shows_realisasi_against_the_anggaran_kas_s_d_its_quarter(entered):
    table = _table(entered.own, Period.TW2, "anggaran-kas")
    assert table is not None
    labels = [c["label"] for c in table["columns"]]
    assert labels[2:] == ["Anggaran kas s/d TW II (Rp)", "Realisasi thd anggaran kas (%)", "Selisih (Rp)", "Selisih (%)", "Sisa (%)"]
    rows = {r[0]: r for r in map(_cells, table["rows"])}
    # S1: kas s/d TW II = 6 x 100.000; realisasi 540.000 -> 90 %, selisih 60.000 (10 %), sisa (1.200.000 - 540.000) / 1.200.000 = 55 %
    assert rows[S1][2:] == D("600000.00", "90.00", "60000.00", "10.00", "55.00")
    # S2: kas s/d TW II = 300.000 (March); realisasi 270.000
    assert rows[S2][2:] == D("300000.00", "90.00", "30000.00", "10.00", "55.00")
    footer = _cells(table["footer"])
    assert footer[1:] == ["Jumlah", *D("900000.00", "90.00", "90000.00", "10.00", "55.00")]


def test_annual_report_reads_the_kas_s_d_tw_iv(entered):
    footer = _cells(_table(entered.own, Period.ANNUAL, "anggaran-kas")["footer"])
    # kas s/d TW IV = pagu 1.800.000; realisasi 1.750.000 -> 97,22 %; selisih 50.000 = 2,78 % = sisa
    assert footer[1:] == ["Jumlah", *D("1800000.00", "97.22", "50000.00", "2.78", "2.78")]


def test_a_dpa_without_anggaran_kas_gives_a_sentence_not_an_empty_table(world):
    services.dpa_import(
        organisation=world.own,
        year=2024,
        data=layout_a([[S1, "Penyusunan Dokumen Perencanaan Perangkat Daerah", "APBD", 1_000_000]]),
        source_name="dpa.xlsx",
    )
    assert _table(world.own, Period.ANNUAL, "anggaran-kas") is None
    report = Report(organisation=world.own, year=2024, period=Period.ANNUAL)
    text = str(document_dict(report_document(report=report, day=dt.date(2025, 1, 15))))
    assert "Anggaran kas per triwulan belum tercatat" in text


# --- PK perubahan: targets and program budgets before and after (seed 003 Tabel 2.2) -------------------


def _set_pk(agreement: Any, targets: dict[Any, str], budgets: dict[int, str]) -> None:
    items = list(agreement.items.select_related("indicator"))
    for item in items:
        item.annual_target = Decimal(targets[item.indicator_id])
    pk_update(agreement=agreement, items=items, budgets={k: Decimal(v) for k, v in budgets.items()})


def test_pk_perubahan_table_compares_the_revised_pk_with_the_one_it_replaced(client, world, plan):
    _set_pk(plan.agreement, {plan.akip.pk: "73", plan.laporan.pk: "12"}, {plan.program.pk: "1000000"})
    assert _table(world.own, Period.ANNUAL, "pk-perubahan") is None  # a PK murni: nothing to compare
    client.force_login(world.operator)
    response = client.post(reverse("agreements:detail", args=[plan.agreement.pk]), {"revise": "1"})  # the PK page's "Buat perubahan"
    assert response.status_code == 302
    revised = PerjanjianKinerja.objects.get(organisation=world.own, year=2024, version_number=1)
    _set_pk(revised, {plan.akip.pk: "75", plan.laporan.pk: "12"}, {plan.program.pk: "900000"})

    table = _table(world.own, Period.ANNUAL, "pk-perubahan")
    assert table is not None
    rows = [_cells(r) for r in table["rows"]]
    assert rows[0] == [plan.sasaran.text, "Nilai evaluasi AKIP", Decimal("73.00"), Decimal("75.00"), "", "", "", ""]
    assert rows[1][:4] == [plan.program.name, "Jumlah laporan kinerja", Decimal(12), Decimal(12)]
    assert rows[1][4:] == [Decimal("1000000.00"), Decimal("900000.00"), Decimal("-100000.00"), Decimal("-10.00")]
    assert _cells(table["footer"])[4:] == [Decimal("1000000.00"), Decimal("900000.00"), Decimal("-100000.00"), Decimal("-10.00")]


# --- Pendapatan asli daerah (seed 004 Tabel 2.7 / second Tabel 3.6) ----------------------------------


def test_pad_entered_through_the_form_is_the_reports_pad_table(client, entered):
    world = entered
    url = reverse("budgets:pendapatan", args=[world.own.pk, 2024])
    assert "Tidak ada pendapatan asli daerah" in str(
        document_dict(report_document(report=Report(organisation=world.own, year=2024, period=Period.ANNUAL), day=dt.date(2025, 1, 15)))
    )
    client.force_login(world.camat)
    assert client.post(url, {"quarter": 4, "name": "Retribusi pasar", "target": "1"}).status_code == 403  # the operator enters it
    client.force_login(world.operator)
    bad = client.post(url, {"quarter": 4, "name": "Pendapatan Retribusi Daerah", "target": "-5", "realisasi": "abc"})
    assert bad.status_code == 200 and "Tidak ada yang disimpan" in bad.content.decode()
    assert not Pendapatan.objects.exists()
    data = {
        "quarter": 4,
        "code": "4.1.2",
        "name": "Pendapatan Retribusi Daerah",
        "anggaran": "21.300.000",
        "target": "21.300.000",
        "realisasi": "28.684.125",
    }
    assert client.post(url, data).status_code == 302
    table = _table(world.own, Period.ANNUAL, "pad")
    rows = [_cells(r) for r in table["rows"]]
    assert rows[0][1] == "Pendapatan Asli Daerah (PAD)" and rows[1][:2] == ["4.1.2", "Pendapatan Retribusi Daerah"]
    for row in rows:  # 28.684.125 / 21.300.000 x 100 = 134,67 % (seed 004, printed 134)
        assert row[2:] == [Decimal("21300000.00"), Decimal("21300000.00"), Decimal("28684125.00"), Decimal("134.67")]
    assert _table(world.own, Period.TW2, "pad") is None  # nothing entered s/d TW II


def test_lra_and_dokumen_anggaran_entered_through_the_form_are_the_reports_tables(client, entered):
    """Belanja per kode akun typed by the admin (DPA) and the operator (realisasi of the year and the year
    before): the LRA's totals, serapan, sisa and kenaikan are computed; the DPA pokok's counts come from its lines."""
    world = entered
    client.force_login(world.admin)
    url = reverse("budgets:dokumen_anggaran", args=[world.own.pk, 2024, "murni"])
    assert client.post(url, {"akun_5_1_02": "1.500.000", "akun_5_2": "300.000"}).status_code == 302
    client.force_login(world.operator)
    for year, data in (
        (2024, {"akun_5_1_02": "1.200.000", "akun_5_2": "300.000"}),
        (2023, {"akun_5_1_02": "1.000.000", "akun_5_2": "400.000"}),
    ):
        assert client.post(reverse("budgets:dokumen_anggaran", args=[world.own.pk, year, "realisasi"]), data).status_code == 302
    table = _table(world.own, Period.ANNUAL, "lra")
    assert [c["label"] for c in table["columns"]][5] == "Realisasi 2023 (Rp)"
    rows = {r[0]: r[1:] for r in (_cells(row) for row in table["rows"])}
    assert list(rows) == ["5", "5.1", "5.1.02", "5.2"]
    # 1.500.000 / 1.800.000 = 83,33 %; sisa 300.000 (16,67 %); (1.500.000 - 1.400.000) / 1.400.000 = 7,14 %
    assert rows["5"] == ["Belanja Daerah", *D("1800000", "1500000", "83.33", "1400000", "300000", "16.67", "7.14")]
    assert rows["5.2"] == ["Belanja Modal", *D("300000", "300000", "100", "400000", "0", "0", "-25")]
    documents = _table(world.own, Period.ANNUAL, "dokumen-anggaran")
    (pokok,) = [_cells(r) for r in documents["rows"]]
    assert pokok == ["APBD/DPA pokok", *D("1", "1", "2"), "", *D("1800000", "1500000", "300000")]  # no pendapatan entered
