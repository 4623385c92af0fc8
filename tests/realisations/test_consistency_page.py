from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from apps.agreements.models import PKItem
from apps.realisations.models import Realisation


def test_consistency_lists_missing_realisations_and_analysis(client, plan, world):
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("70"))  # below 73, no faktor
    client.force_login(world.camat)
    body = client.get(reverse("realisations:consistency", args=[world.own.pk, 2024, 4])).content.decode()
    assert 'data-code="REALISASI_KOSONG"' in body  # the program indicator has none
    assert 'data-code="TANPA_FAKTOR_PENGHAMBAT"' in body and 'data-code="TANPA_SOLUSI"' in body
    assert "Jumlah laporan kinerja" in body


def test_pk_target_different_from_renstra_is_flagged(client, plan, world):
    PKItem.objects.filter(agreement=plan.agreement, indicator=plan.akip).update(annual_target=Decimal("74"))
    client.force_login(world.operator)
    body = client.get(reverse("realisations:consistency", args=[world.own.pk, 2024, 4])).content.decode()
    assert 'data-code="PK_BEDA_RENSTRA"' in body


def test_consistency_of_another_kecamatan_is_404(client, plan, world):
    client.force_login(world.other_operator)
    assert client.get(reverse("realisations:consistency", args=[world.own.pk, 2024, 4])).status_code == 404


def test_consistency_query_count_is_fixed(client, plan, world, django_assert_max_num_queries):
    client.force_login(world.operator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("realisations:consistency", args=[world.own.pk, 2024, 4]))
    assert response.status_code == 200  # the budget is of the page itself, not of a refusal or a redirect
    assert 'data-code="REALISASI_KOSONG"' in response.content.decode()  # the checks ran: no realisation yet
