"""Scored-aspect indicators (issue 18): aspects and scale entered on the indicator's page, scores per year on the
realisation side, the index as the realisation of TW IV, the aspect table in BAB III and the exports."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from apps.core.numbers import quantize
from apps.planning.models import AspectScale, Indicator, IndicatorAspect
from apps.realisations.models import AspectScore, Realisation
from apps.reports import services as report_services
from apps.reports.renderers import RENDERERS

D = Decimal
GOOD = {"score_min": "0", "score_max": "100", "weight_basis": "100", "factor_percent": "",
        "aspects": "Kebijakan Pelayanan ; 60\nInovasi ; 40", "levels": "100 = Sangat baik"}  # fmt: skip


@pytest.fixture
def index(plan):
    plan.akip.measurement = Indicator.Measurement.ASPECTS
    plan.akip.code = "IPP"
    plan.akip.save(update_fields=["measurement", "code"])
    return plan.akip


def _aspects_url(ind):
    return reverse("planning:indicator_aspects", args=[ind.pk])


def _scores_url(ind, year=2024):
    return reverse("realisations:aspect_scores", args=[ind.pk, year])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"aspects": "Kebijakan Pelayanan ; 60\nInovasi ; 30"}, "Jumlah bobot aspek harus 100"),
        ({"aspects": "Kebijakan Pelayanan ; 100\nInovasi ; 0"}, "lebih dari 0"),
        ({"aspects": "Kebijakan Pelayanan 60"}, "nama aspek ; bobot"),
        ({"aspects": "Kebijakan Pelayanan ; enam"}, "bukan angka"),
        ({"aspects": "A ; 50\nA ; 50"}, "lebih dari sekali"),
        ({"score_min": "5", "score_max": "1"}, "Skor minimum tidak boleh lebih besar"),
        ({"weight_basis": "1"}, "Jumlah bobot aspek harus 1"),
        ({"factor_percent": "0"}, "Perhitungan aspek harus lebih dari 0"),
    ],
)
def test_bad_aspects_are_refused_and_nothing_saved(client, index, world, change, message):
    client.force_login(world.operator)
    response = client.post(_aspects_url(index), {**GOOD, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorAspect.objects.exists() and not AspectScale.objects.exists()


def test_aspects_of_an_indicator_that_is_not_an_index_are_refused(client, plan, world):
    client.force_login(world.operator)
    response = client.post(_aspects_url(plan.akip), GOOD)
    assert "Indeks beraspek" in response.content.decode()
    assert not IndicatorAspect.objects.exists()


def test_a_skor_outside_the_scale_is_refused_and_nothing_saved(client, index, world):
    client.force_login(world.operator)
    assert client.post(_aspects_url(index), GOOD).status_code == 302
    a, b = IndicatorAspect.objects.order_by("order")
    response = client.post(_scores_url(index), {f"aspect_{a.pk}": "80", f"aspect_{b.pk}": "101"})
    assert response.status_code == 200 and "harus antara 0 dan 100" in response.content.decode()
    assert not AspectScore.objects.exists()
    assert not Realisation.objects.filter(indicator=index).exists()


def test_weights_cannot_change_once_scored_but_names_can(client, index, world):
    client.force_login(world.operator)
    client.post(_aspects_url(index), GOOD)
    a, b = IndicatorAspect.objects.order_by("order")
    client.post(_scores_url(index), {f"aspect_{a.pk}": "80", f"aspect_{b.pk}": "70"})
    response = client.post(_aspects_url(index), {**GOOD, "aspects": "Kebijakan Pelayanan ; 50\nInovasi ; 50"})
    assert "Skor aspek sudah diisi" in response.content.decode()
    assert [x.weight for x in IndicatorAspect.objects.order_by("order")] == [D(60), D(40)]
    assert client.post(_aspects_url(index), {**GOOD, "aspects": "Kebijakan ; 60\nInovasi Pelayanan ; 40"}).status_code == 302
    assert [x.name for x in IndicatorAspect.objects.order_by("order")] == ["Kebijakan", "Inovasi Pelayanan"]


def test_the_index_is_not_typed_on_the_realisation_side(index, world):
    from django.core.exceptions import ValidationError

    from apps.realisations.services import realisation_save

    with pytest.raises(ValidationError, match="dihitung dari skor aspek"):
        realisation_save(indicator=index, year=2024, quarter=4, revision=0, user=world.operator, value=D(90))


def test_from_entered_aspects_to_the_exported_table(client, index, world):
    """Aspects 60/40 on 0-100; 2023 scores 70 and 60 (index 66), 2024 scores 80 and 70 (index 76): the
    realisation of TW IV is 76, its capaian against the target 73 is 104,11 %, and the aspect table prints
    both years in HTML, JSON and XLSX."""
    client.force_login(world.operator)
    assert client.post(_aspects_url(index), GOOD).status_code == 302
    a, b = IndicatorAspect.objects.order_by("order")
    assert client.post(_scores_url(index, 2023), {f"aspect_{a.pk}": "70", f"aspect_{b.pk}": "60"}).status_code == 302
    assert client.post(_scores_url(index, 2024), {f"aspect_{a.pk}": "80", f"aspect_{b.pk}": "70"}).status_code == 302
    assert Realisation.objects.get(indicator=index, year=2024, quarter=4).value == D(76)
    assert Realisation.objects.get(indicator=index, year=2023, quarter=4).value == D(66)
    page = client.get(_scores_url(index, 2024)).content.decode()
    assert "76,00" in page
    report = report_services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    document = report_services.report_document(report=report)
    t = {t.key: t for t in document.tables}["aspek-IPP"]
    assert [c.label for c in t.columns] == ["No", "Aspek", "Bobot", "Skor 2023", "Nilai 2023", "Skor 2024", "Nilai 2024"]
    assert [r[1].value for r in t.rows] == ["Kebijakan Pelayanan", "Inovasi"]
    assert t.rows[0][6].value.value == D(48) and t.rows[1][6].value.value == D(28)
    assert t.footer[4].value.value == D(66) and t.footer[6].value.value == D(76)
    assert "100 = Sangat baik" in t.note
    iku = {tbl.key: tbl for tbl in document.tables}["capaian-iku"]
    row = next(r for r in iku.rows if any(getattr(c, "value", None) == index.name for c in r))
    assert D("104.11") in [quantize(c.number, 2) for c in row if c.kind == "percent" and c.number is not None]
    _n, _c, payload = RENDERERS["json"](document)
    text = payload.decode()
    assert "aspek-IPP" in text and "Kebijakan Pelayanan" in text
    _n, _c, xlsx = RENDERERS["xlsx"](document)
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    found = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value in ("Kebijakan Pelayanan", "Inovasi")]
    assert found
    _n, _c, html = RENDERERS["html"](document)
    assert b"Kebijakan Pelayanan" in html
    from apps.reports.figures import compute
    from apps.reports.inputs import figure_inputs

    data = figure_inputs(organisations=[world.own], year=2024, upto=4, reports={world.own.pk: report})[world.own.pk]
    figure = next(f for f in compute(data).indicators if f.indicator.pk == index.pk)
    assert figure.realised.value == D(76) and figure.capaian.value.quantize(D("0.01")) == D("104.11")
