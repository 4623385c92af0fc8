"""An indicator discontinued after a year (Indicator.discontinued_after; seed 002 Tabel 3.4, Q27: three sasaran II
indicators of 2023 replaced by IKPP in the 2024-2026 Renstra): entered through the indicator form with its earlier
years in the riwayat form, it has no target after its last year, never enters a PK of a later year, stays out of
the plan tables and shows in the comparison with earlier years with those years only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.agreements.services import pk_create_from_renstra, pk_item_add
from apps.planning.models import Indicator, IndicatorTarget
from apps.planning.services import indicator_save
from apps.reports import services

from .test_planning_views import _indicator_post

NAME = "Persentase Laporan pertanggungjawaban Realisasi APBDesa tepat waktu"


def _discontinued(client, plan, world, **overrides) -> Indicator:
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=sasaran&parent={plan.sasaran.pk}"
    data = _indicator_post(name=NAME, code="", satuan="%", target_2024="", target_2025="", end_target="", discontinued_after=2023)
    data.update(overrides)
    assert client.post(url, data).status_code == 302
    return Indicator.objects.get(name=NAME)


def test_entered_through_the_forms_and_shown_in_tabel_3_4_with_its_earlier_years(client, plan, world):
    ind = _discontinued(client, plan, world)
    assert ind.discontinued_after == 2023 and not ind.targets.exists()
    response = client.post(reverse("realisations:history", args=[ind.pk]), {"year": 2023, "target": "100", "value": "100"})
    assert response.status_code == 302
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    tables = {t.key: t for t in services.report_document(report=report).tables}
    (row,) = [r for r in tables["tahun-sebelumnya"].rows if NAME in r[0].value]
    assert "tidak diukur lagi sesudah 2023" in row[0].value
    labels = [c.label for c in tables["tahun-sebelumnya"].columns]
    cell = dict(zip(labels, row, strict=True))
    assert cell["Target 2023"].value == Decimal(100) and cell["Realisasi 2023"].value.value == Decimal(100)
    assert cell["Capaian 2023"].value.value == Decimal(100) and cell["Target 2024"].value is None
    assert not any(NAME in str(c.value) for r in tables["tujuan-sasaran"].rows for c in r)


def test_a_target_after_its_last_year_is_refused_and_nothing_saved(client, plan, world):
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=sasaran&parent={plan.sasaran.pk}"
    before = (Indicator.objects.count(), IndicatorTarget.objects.count())
    data = _indicator_post(name=NAME, code="", discontinued_after=2023, target_2025="")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "dihentikan setelah tahun 2023: target tahun 2024 tidak dapat diisi" in response.content.decode()
    assert (Indicator.objects.count(), IndicatorTarget.objects.count()) == before


def test_the_last_year_must_lie_before_the_end_of_the_renstra(client, plan, world):
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=sasaran&parent={plan.sasaran.pk}"
    response = client.post(url, _indicator_post(name=NAME, code="", target_2024="", target_2025="", discontinued_after=2026))
    assert response.status_code == 200 and "sebelum tahun akhir Renstra (2026)" in response.content.decode()
    assert not Indicator.objects.filter(name=NAME).exists()


def test_the_service_refuses_a_target_after_the_last_year(client, plan, world):
    ind = _discontinued(client, plan, world)
    with pytest.raises(ValidationError):
        indicator_save(indicator=ind, targets={2024: (Decimal(100), None)})
    assert not ind.targets.exists()


def test_never_in_a_pk_of_a_later_year(client, plan, world):
    ind = _discontinued(client, plan, world)
    assert not plan.agreement.items.filter(indicator=ind).exists()
    with pytest.raises(ValidationError) as exc:
        pk_item_add(agreement=plan.agreement, indicator=ind)
    assert "tidak dapat masuk PK tahun 2024" in str(exc.value)
    plan.agreement.delete()
    agreement = pk_create_from_renstra(organisation=world.own, year=2024)
    assert not agreement.items.filter(indicator=ind).exists() and agreement.items.exists()
