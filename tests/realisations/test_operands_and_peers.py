"""The operands typed with a realisation (pembilang, penyebut) and the values of other kecamatan typed as
comparison figures (level "perangkat daerah lain"): validated, a refusal says why in Indonesian and
writes nothing (issue 17, seed 003 L4 and Tabel 3.4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.planning.models import PEER_ONLY_FOR_PD, PEER_REQUIRED, ComparisonFigure
from apps.realisations import services
from apps.realisations.models import DENOMINATOR_POSITIVE, OPERANDS_BOTH, Realisation


def _post(**overrides):
    data = {"value": "", "revision": 0, "source_document": "", "source_date": "", "source_issuer": "",
            "numerator": "", "denominator": "", "faktor_pendukung": "", "faktor_penghambat": "", "solusi": ""}  # fmt: skip
    data.update(overrides)
    return data


def _url(plan):
    return reverse("realisations:edit", args=[plan.akip.pk, 2024, 4])


def test_operands_are_saved_with_the_value(client, plan, world):
    client.force_login(world.operator)
    response = client.post(_url(plan), _post(value="95,23", numerator="40", denominator="42"))
    assert response.status_code == 302
    r = Realisation.objects.get(indicator=plan.akip, quarter=4)
    assert (r.value, r.numerator, r.denominator) == (Decimal("95.23"), Decimal(40), Decimal(42))


@pytest.mark.parametrize(
    ("numerator", "denominator", "message"),
    [("40", "", OPERANDS_BOTH), ("", "42", OPERANDS_BOTH), ("40", "0", DENOMINATOR_POSITIVE)],
)
def test_bad_operands_are_refused_and_nothing_is_saved(client, plan, world, numerator, denominator, message):
    client.force_login(world.operator)
    response = client.post(_url(plan), _post(value="95,23", numerator=numerator, denominator=denominator))
    assert response.status_code == 200
    assert str(message) in response.content.decode()
    assert not Realisation.objects.filter(indicator=plan.akip, quarter=4, value__isnull=False).exists()


def test_operands_without_a_value_are_refused(plan, world):
    with pytest.raises(ValidationError):
        services.realisation_save(
            indicator=plan.akip, year=2024, quarter=4, revision=0, user=world.operator, value=None,
            numerator=Decimal(1), denominator=Decimal(2),
        )  # fmt: skip
    assert not Realisation.objects.filter(numerator__isnull=False).exists()


def _peer(client, plan, **fields):
    url = reverse("realisations:comparison", args=[plan.akip.pk, 2024, 4])
    data = {"pembanding-level": "pd", "pembanding-peer": "", "pembanding-value": "", "pembanding-source": ""}
    data.update({f"pembanding-{k}": v for k, v in fields.items()})
    return client.post(url, data, follow=True)


def test_an_operator_enters_the_values_of_two_other_kecamatan(client, plan, world):
    client.force_login(world.operator)
    _peer(client, plan, peer="Kedungjajang", value="82,86", source="Tabel 3.4")
    _peer(client, plan, peer=" Ranuyoso ", value="84,92")
    _peer(client, plan, level="nasional", value="80")
    rows = sorted(ComparisonFigure.objects.filter(indicator=plan.akip, year=2024).values_list("level", "peer", "value"))
    assert rows == [("nasional", "", Decimal(80)), ("pd", "Kedungjajang", Decimal("82.86")), ("pd", "Ranuyoso", Decimal("84.92"))]
    _peer(client, plan, peer="Kedungjajang", value="83")  # the same peer again: updated, not doubled
    assert ComparisonFigure.objects.get(peer="Kedungjajang").value == Decimal(83)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"peer": "", "value": "82,86"}, PEER_REQUIRED),
        ({"level": "provinsi", "peer": "Kedungjajang", "value": "82,86"}, PEER_ONLY_FOR_PD),
    ],
)
def test_a_peer_needs_its_name_and_only_a_peer_has_one(client, plan, world, fields, message):
    client.force_login(world.operator)
    response = _peer(client, plan, **fields)
    assert str(message) in response.content.decode()
    assert not ComparisonFigure.objects.exists()


def test_the_service_refuses_a_peer_without_a_name_or_a_negative_value(plan):
    with pytest.raises(ValidationError):
        services.comparison_set(indicator=plan.akip, year=2024, level="pd", value=Decimal(1), not_available=False)
    with pytest.raises(ValidationError):
        services.comparison_set(indicator=plan.akip, year=2024, level="pd", peer="Ranuyoso", value=Decimal(-1), not_available=False)
    assert not ComparisonFigure.objects.exists()
