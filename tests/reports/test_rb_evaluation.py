"""The Reformasi Birokrasi evaluation (issue 17, seed 002 Tabel 1.4): the Inspektorat enters the letter's
component tree and the index it states; the report prints table ``nilai-rb`` with the index's predikat on the
pemda's RB scale (seed notes 002 §4.2, §5.2, §5.3.3, Q11)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps import calculations as calc
from apps.performance.models import PredikatScale
from apps.performance.services import scale_adopt
from apps.reports import services
from apps.reports.models import RbComponent, RbEvaluation, Report, Status
from apps.reports.rb import parse_components

from .test_summary_tables import _q, _row, _tables

D = Decimal

SEED = """Capaian Strategi Pelaksanaan Reformasi Birokrasi Perangkat Daerah; 10
- Pengelolaan Reformasi Birokrasi; 2; 1,25
- Rencana Aksi; 4; 2,67
- Monitoring dan Evaluasi; 4; 2,45
Capaian Sasaran Strategis Pelaksanaan Reformasi Birokrasi Perangkat Daerah; 90
- Tata kelola pemerintahan digital yang lincah, kolaboratif, dan akuntabel; 50; 38,49
- Budaya birokrasi BerAKHLAK dengan ASN yang profesional; 40; 30,03"""


def _post(**kw: str) -> dict[str, str]:
    data = {"letter_number": "000.8.6/10012/415.10/2024", "letter_date": "2024-12-12", "components": SEED, "indeks": "74,90"}
    data.update(kw)
    return data


def _url(world) -> str:
    return reverse("reports:rb_evaluation", args=[world.own.pk, 2024])


def _snapshot() -> list[tuple]:
    return [(*e,) for e in RbEvaluation.objects.values_list("letter_number", "indeks")] + [
        (*c,) for c in RbComponent.objects.order_by("number").values_list("name", "bobot", "nilai")
    ]


def test_rb_index_is_the_letters_index_or_the_sum():
    assert calc.rb_index([D("6.37"), D("68.52")]).value == D("74.89")
    assert calc.rb_index([D("6.37"), D("68.52")], entered=D("74.90")).value == D("74.90")
    assert calc.rb_index([D("6.37"), None]).is_blank
    assert calc.rb_index([], entered=D("80")).value == D("80")
    with pytest.raises(calc.CalculationError):
        calc.rb_index([D("6.37")], entered=D("101"))


def test_parse_components_reads_the_tree():
    groups = parse_components(SEED)
    assert [(g.name[:20], g.bobot, g.nilai, len(g.children)) for g in groups] == [
        ("Capaian Strategi Pel", D(10), None, 3),
        ("Capaian Sasaran Stra", D(90), None, 2),
    ]
    assert [c.nilai for c in groups[0].children] == [D("1.25"), D("2.67"), D("2.45")]
    assert parse_components("") == []
    assert parse_components("Komponen tunggal; 100; 70,5")[0].nilai == D("70.5")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- Rencana Aksi; 4; 2,67", "harus berada di bawah komponen utama"),
        ("Komponen A; 100", "harus punya rincian"),
        ("Komponen A; 100\n- B; 40; 30", "jumlah bobot rincian (40,00) tidak sama dengan bobot komponen"),
        ("Komponen A; 60; 50\nKomponen B; 30; 20", "Jumlah bobot komponen utama harus 100, bukan 90,00"),
        ("Komponen A; 100; 120", "nilai harus antara 0 dan bobotnya"),
        ("Komponen A; 100; tujuh", "bukan angka"),
        ("Komponen A; 0; 0", "bobot harus lebih dari 0"),
        ("Komponen A; 100; 70,123", "paling banyak 2 desimal"),
        ("Komponen A", "tulis «komponen; bobot»"),
    ],
)
def test_bad_components_are_refused_in_indonesian(text, message):
    with pytest.raises(ValidationError) as exc:
        parse_components(text)
    assert any(message in m for m in exc.value.messages), exc.value.messages


def test_model_validation_is_indonesian(world):
    ev = RbEvaluation(organisation=world.own, year=2024, indeks=D("120"))
    with pytest.raises(ValidationError) as exc:
        ev.full_clean()
    assert "Indeks RB harus antara 0 dan 100." in exc.value.messages
    ev = RbEvaluation.objects.create(organisation=world.own, year=2024)
    with pytest.raises(ValidationError) as exc:
        RbComponent(evaluation=ev, number=1, name="A", bobot=D(4), nilai=D(5)).full_clean()
    assert any("Nilai komponen RB harus antara 0 dan bobotnya" in m for m in exc.value.messages)


def test_the_inspektorat_enters_it_and_the_table_prints_the_letters_index(client, world):
    scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key="seed-002-jombang-rb"))
    client.force_login(world.inspektorat)
    assert client.post(_url(world), _post()).status_code == 302
    assert client.get(_url(world)).status_code == 200
    t = _tables(world)["nilai-rb"]
    assert [c.label for c in t.columns] == ["Komponen", "Bobot (%)", "Nilai", "Predikat"]
    assert _q(_row(t, "Capaian Strategi Pelaksanaan")[2]) == D("6.37")
    assert _q(_row(t, "Capaian Sasaran Strategis")[2]) == D("68.52")
    assert _q(_row(t, "Rencana Aksi")[2]) == D("2.67")
    footer = _row(t, "Indeks Reformasi Birokrasi")
    assert (_q(footer[1]), _q(footer[2]), footer[3].value) == (D("100"), D("74.90"), "BB (Sangat Baik)")
    assert "74,89" in t.note and "74,90" in t.note and "000.8.6/10012/415.10/2024" in t.note


def test_without_an_entered_index_the_index_is_the_sum_and_no_difference_is_noted(client, world):
    client.force_login(world.inspektorat)
    assert client.post(_url(world), _post(indeks="")).status_code == 302
    t = _tables(world)["nilai-rb"]
    assert _q(_row(t, "Indeks Reformasi Birokrasi")[2]) == D("74.89")
    assert "berbeda" not in t.note


def test_the_operator_may_read_but_not_enter_it(client, world):
    client.force_login(world.operator)
    assert client.get(_url(world)).status_code == 200
    assert client.post(_url(world), _post()).status_code == 403
    assert not RbEvaluation.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"components": "Komponen A; 100"}, "harus punya rincian"),
        ({"indeks": "101"}, "Indeks RB harus antara 0 dan 100."),
        ({"indeks": "abc"}, ""),
        ({"components": "", "indeks": ""}, "Isi komponen evaluasi RB"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(client, world, data, message):
    client.force_login(world.inspektorat)
    client.post(_url(world), _post())
    before = _snapshot()
    response = client.post(_url(world), _post(**data))
    assert response.status_code in (200, 422) and message in response.content.decode()
    assert _snapshot() == before


def test_refused_while_the_lkjip_of_the_year_awaits_the_camat(client, world):
    client.force_login(world.inspektorat)
    client.post(_url(world), _post())
    before = _snapshot()
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    Report.objects.filter(pk=report.pk).update(status=Status.SUBMITTED)
    response = client.post(_url(world), _post(indeks="", components="Komponen A; 100; 50"))
    assert response.status_code == 422 and "dikunci" in response.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_the_table_renders_in_every_format(client, world, fmt):
    from apps.reports.renderers import RENDERERS

    client.force_login(world.inspektorat)
    client.post(_url(world), _post())
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    _name, _ctype, payload = RENDERERS[fmt](services.report_document(report=report))
    if fmt == "xlsx":
        from io import BytesIO

        from openpyxl import load_workbook

        wb = load_workbook(BytesIO(payload))
        text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    else:
        text = payload.decode()
    assert "Indeks Reformasi Birokrasi" in text and "Rencana Aksi" in text
