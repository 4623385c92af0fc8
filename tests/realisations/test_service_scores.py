"""Values per jenis layanan of an indicator (seed 002 §4.6: IKM per jenis layanan), typed by the operator; the
report prints them with the unit's value, their unweighted mean (F14: 93,53), computed, never typed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.realisations.models import ServiceScore
from apps.reports import services as report_services
from apps.reports.renderers import RENDERERS

D = Decimal
SEED_002 = {"KTP": "98,35", "KK": "98,02", "SKCK": "92,59", "Mutasi / Pindah Kependudukan": "98,15", "Surat Keterangan Lainnya": "80,56"}


def _url(plan):
    return reverse("realisations:service_scores", args=[plan.akip.pk, 2024])


def test_operator_enters_the_services_and_the_report_prints_their_mean(client, plan, world):
    plan.akip.code = "IKM"
    plan.akip.save(update_fields=["code"])
    client.force_login(world.operator)
    for name, value in SEED_002.items():
        assert client.post(_url(plan), {"name": name, "value": value}).status_code == 302
    assert client.post(_url(plan), {"name": "KTP", "value": "98,35"}).status_code == 302  # the same name replaces it
    assert ServiceScore.objects.count() == 5
    report = report_services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    document = report_services.report_document(report=report)
    t = {t.key: t for t in document.tables}["ikm-layanan"]
    assert [c.label for c in t.columns] == ["Jenis layanan", "IKM"]
    assert [r[0].value for r in t.rows] == list(SEED_002)
    assert t.footer[0].value == "IKM unit layanan"
    assert t.footer[1].value.value.quantize(D("0.01")) == D("93.53")  # 467,67 / 5 = 93,534
    for fmt in ("html", "json", "xlsx"):
        _name, _ctype, payload = RENDERERS[fmt](document)
        assert payload


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "KTP", "value": "100,5"}, "antara 0 dan 100"),
        ({"name": "KTP", "value": "9a"}, "bukan angka"),
        ({"name": "", "value": "90"}, ""),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, plan, world, data, message):
    client.force_login(world.operator)
    response = client.post(_url(plan), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert response.context["form"].errors
    assert not ServiceScore.objects.exists()


def test_the_operator_removes_a_service(client, plan, world):
    client.force_login(world.operator)
    client.post(_url(plan), {"name": "KTP", "value": "98,35"})
    score = ServiceScore.objects.get()
    assert client.post(_url(plan), {"delete": score.pk}).status_code == 302
    assert not ServiceScore.objects.exists()


def test_no_services_no_table(client, plan, world):
    report = report_services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    assert "ikm-layanan" not in {t.key for t in report_services.report_document(report=report).tables}
