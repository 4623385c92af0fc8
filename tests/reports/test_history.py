"""Issue 17 (history): the riwayat form (earlier years' target and realisasi, before the Renstra period
too) and what the LKjIP shows of it: tahun-sebelumnya over Pemda.previous_years earlier years, the IKU
the PK does not list, the components of a composite."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from apps.planning.models import Indicator, IndicatorTarget
from apps.realisations.models import Realisation
from apps.reports import services
from apps.reports.models import Report
from tests.factories import IndicatorFactory, IndicatorTargetFactory


def _cell(table, row_text: str, column: str):
    col = [c.label for c in table.columns].index(column)
    row = next(r for r in table.rows if any(row_text in str(c.value) for c in r))
    return row[col]


def _table(report, key):
    return next(t for t in services.report_document(report=report).tables if t.key == key)


def test_riwayat_form_enters_a_target_before_the_renstra_and_the_report_shows_it(plan, world, client):
    client.force_login(world.operator)
    url = reverse("realisations:history", args=[plan.akip.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"year": 2022, "target": "71", "value": "70,93"})
    assert response.status_code == 302
    client.post(url, {"year": 2023, "target": "72", "value": "72,61"})
    assert IndicatorTarget.objects.get(indicator=plan.akip, year=2022).value == Decimal("71")  # before the Renstra 2024-2026
    assert Realisation.objects.get(indicator=plan.akip, year=2022, quarter=4).value == Decimal("70.93")
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("74.64"))
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    t = _table(report, "tahun-sebelumnya")
    assert [c.label for c in t.columns][2:] == [f"{k} {y}" for y in (2022, 2023, 2024) for k in ("Target", "Realisasi", "Capaian")]
    assert _cell(t, "AKIP", "Target 2022").number == Decimal("71")
    assert _cell(t, "AKIP", "Realisasi 2022").number == Decimal("70.93")
    assert _cell(t, "AKIP", "Capaian 2022").number.quantize(Decimal("0.01")) == Decimal("99.90")  # 70,93 / 71
    assert _cell(t, "AKIP", "Capaian 2024").number.quantize(Decimal("0.01")) == Decimal("102.25")  # 74,64 / 73


def test_riwayat_form_refuses_the_current_year_and_an_empty_entry(plan, world, client):
    client.force_login(world.operator)
    url = reverse("realisations:history", args=[plan.akip.pk])
    response = client.post(url, {"year": 2100, "target": "71"})
    assert response.status_code == 200 and "tahun sebelum tahun berjalan" in response.content.decode()
    response = client.post(url, {"year": 2022})
    assert response.status_code == 200 and "Isi target atau realisasi" in response.content.decode()
    assert not IndicatorTarget.objects.filter(indicator=plan.akip, year=2022).exists()


def test_riwayat_is_scoped(plan, world, client):
    client.force_login(world.other_operator)
    url = reverse("realisations:history", args=[plan.akip.pk])
    assert client.post(url, {"year": 2022, "target": "71"}).status_code in (403, 404)
    assert not IndicatorTarget.objects.filter(indicator=plan.akip, year=2022).exists()


def test_riwayat_is_frozen_with_the_report_of_its_year(plan, world, client):
    Report.objects.create(organisation=world.own, year=2022, period="annual", status="diajukan")
    client.force_login(world.operator)
    response = client.post(reverse("realisations:history", args=[plan.akip.pk]), {"year": 2022, "target": "71"})
    assert response.status_code == 200
    assert not IndicatorTarget.objects.filter(indicator=plan.akip, year=2022).exists()


def test_previous_years_is_a_pemda_setting(plan, world):
    world.pemda.previous_years = 4
    world.pemda.save()
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    labels = [c.label for c in _table(report, "tahun-sebelumnya").columns]
    assert labels[2] == "Target 2020" and labels[-1] == "Capaian 2024"


def test_an_iku_outside_the_pk_and_the_components_of_a_composite_are_reported(plan, world):
    ikm = IndicatorFactory(parent=plan.tujuan, name="Nilai IKM", satuan="nilai", is_iku=True, code="IKM", end_target=Decimal("90"))
    IndicatorTargetFactory(indicator=ikm, year=2024, value=Decimal("90"))
    Realisation.objects.create(indicator=ikm, year=2024, quarter=4, value=Decimal("84.19"))
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    iku = _table(report, "capaian-iku")
    assert _cell(iku, "Nilai IKM", "Capaian").number.quantize(Decimal("0.01")) == Decimal("93.54")  # 84,19 / 90, against the Renstra target
    assert _cell(_table(report, "tahun-sebelumnya"), "Nilai IKM", "Target 2024").number == Decimal("90")
    assert _cell(_table(report, "tingkat-kemajuan"), "Nilai IKM", "Tingkat kemajuan").number.quantize(Decimal("0.01")) == Decimal("93.54")
    # A composite of the PK (the AKIP indicator made one) reports its component in capaian-komponen.
    Indicator.objects.filter(pk=plan.akip.pk).update(composite_expression="IKM / 1")
    komponen = _table(report, "capaian-komponen")
    assert _cell(komponen, "Nilai IKM", "Target").number == Decimal("90")
    assert _cell(komponen, "Nilai IKM", "Realisasi").number == Decimal("84.19")


def test_riwayat_is_frozen_with_the_annual_report_that_compares_it(plan, world, client):
    Report.objects.create(organisation=world.own, year=2024, period="annual", status="diajukan")
    client.force_login(world.operator)
    url = reverse("realisations:history", args=[plan.akip.pk])
    response = client.post(url, {"year": 2022, "target": "71"})  # 2024 compares 2022 and 2023 (previous_years 2)
    assert response.status_code == 200 and "dikunci" in response.content.decode()
    assert not IndicatorTarget.objects.filter(indicator=plan.akip, year=2022).exists()
    assert client.post(url, {"year": 2021, "target": "70"}).status_code == 302  # not compared: open


def test_an_indicator_with_entered_history_only_is_a_row_of_tahun_sebelumnya(plan, world):
    checklist = IndicatorFactory(parent=plan.kegiatan, name="Laporan Administrasi Kepegawaian", satuan="laporan", precision=0)
    Realisation.objects.create(indicator=checklist, year=2022, quarter=4, value=Decimal("8"))
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    t = _table(report, "tahun-sebelumnya")
    assert _cell(t, "Administrasi Kepegawaian", "Realisasi 2022").number == Decimal("8")
    assert not any("Administrasi Kepegawaian" in str(r[0].value) for r in _table(report, "tingkat-kemajuan").rows)
