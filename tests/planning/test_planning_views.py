from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.planning.models import Indicator, IndicatorTarget, Program, Renstra, Sasaran
from apps.planning.services import renstra_revise


@pytest.mark.parametrize(
    ("persona", "expected"), [("operator", 302), ("camat", 403), ("inspektorat", 403), ("admin", 403), ("other_operator", 404)]
)
def test_who_may_create_a_renstra(client, world, persona, expected):
    client.force_login(getattr(world, persona))
    response = client.post(
        reverse("planning:renstra_create", args=[world.own.pk]),
        {"start_year": 2024, "end_year": 2026, "version_kind": "murni", "version_number": 0},
    )
    assert response.status_code == expected
    assert Renstra.objects.filter(organisation=world.own).exists() == (expected == 302)


def test_renstra_with_end_before_start_is_rejected(client, world):
    client.force_login(world.operator)
    response = client.post(
        reverse("planning:renstra_create", args=[world.own.pk]),
        {"start_year": 2026, "end_year": 2024, "version_kind": "murni", "version_number": 0},
    )
    assert response.status_code == 200
    assert "Tahun akhir tidak boleh sebelum tahun awal" in response.content.decode()
    assert not Renstra.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("operator", 200), ("camat", 200), ("inspektorat", 200), ("other_operator", 404), ("foreign_inspektorat", 404)],
)
def test_who_may_read_the_renstra(client, plan, world, persona, expected):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("planning:renstra_detail", args=[plan.renstra.pk]))
    assert response.status_code == expected
    if expected == 200:
        body = response.content.decode()
        assert "Nilai evaluasi AKIP" in body and "73" in body
        assert ("bi-pencil" in body) == (persona == "operator")


def test_operator_adds_a_sasaran_under_a_tujuan(client, plan, world):
    client.force_login(world.operator)
    url = reverse("planning:node_create", args=[plan.renstra.pk, "sasaran"])
    response = client.post(url, {"tujuan": plan.tujuan.pk, "order": 2, "code": "1.2", "text": "Meningkatnya kualitas layanan publik"})
    assert response.status_code == 302
    assert Sasaran.objects.filter(renstra=plan.renstra, code="1.2").exists()


def test_a_parent_from_another_renstra_is_refused(client, plan, world):
    other = Renstra.objects.create(organisation=world.own, start_year=2021, end_year=2023)
    client.force_login(world.operator)
    response = client.post(reverse("planning:node_create", args=[other.pk, "sasaran"]), {"tujuan": plan.tujuan.pk, "order": 1, "text": "x"})
    assert response.status_code == 200
    assert not Sasaran.objects.filter(renstra=other).exists()


def test_unknown_node_kind_is_404(client, plan, world):
    client.force_login(world.operator)
    assert client.get(reverse("planning:node_create", args=[plan.renstra.pk, "bukan"])).status_code == 404


def test_program_serves_several_sasaran(client, plan, world):
    s2 = Sasaran.objects.create(renstra=plan.renstra, tujuan=plan.tujuan, code="1.2", text="Sasaran dua")
    client.force_login(world.operator)
    response = client.post(
        reverse("planning:node_create", args=[plan.renstra.pk, "program"]),
        {"order": 2, "code": "7.01.02", "name": "Program Penyelenggaraan Pemerintahan", "sasaran": [plan.sasaran.pk, s2.pk]},
    )
    assert response.status_code == 302
    assert set(Program.objects.get(code="7.01.02").sasaran.all()) == {plan.sasaran, s2}


def _indicator_post(**overrides):
    data = {
        "name": "Indeks Kepuasan Masyarakat", "code": "IKM", "satuan": "indeks", "direction": "higher", "lower_formula": "2t_minus_r",
        "aggregation": "average", "precision": 2, "weight": "1", "order": 1, "target_2024": "94", "target_2025": "95,5", "target_2026": "",
        "end_target": "89", "baseline_value": "89,85", "baseline_year": 2022,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_operator_creates_an_indicator_with_indonesian_numbers(client, plan, world):
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=sasaran&parent={plan.sasaran.pk}"
    response = client.post(url, _indicator_post(**{"target_2025": "1.234,5"}))
    assert response.status_code == 302
    ind = Indicator.objects.get(code="IKM")
    assert ind.baseline_value == Decimal("89.85")
    assert {t.year: t.value for t in ind.targets.all()} == {2024: Decimal("94"), 2025: Decimal("1234.5")}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"target_2024": "9a4"}, "bukan angka"),
        ({"end_target": "12,3,4"}, "bukan angka"),
        ({"direction": "range", "target_2024": "90", "target_max_2024": "80"}, "Batas bawah rentang tidak boleh lebih besar"),
        ({"target_max_2024": "80"}, "hanya untuk indikator dengan target rentang"),
        ({"code": "I K M"}, "Kode singkat"),
    ],
)
def test_bad_indicator_input_is_rejected_and_nothing_saved(client, plan, world, overrides, message):
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[plan.renstra.pk]) + f"?level=sasaran&parent={plan.sasaran.pk}"
    before = (Indicator.objects.count(), IndicatorTarget.objects.count())
    response = client.post(url, _indicator_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Indicator.objects.count(), IndicatorTarget.objects.count()) == before


def test_indicator_parent_must_be_in_this_renstra(client, plan, world):
    other = Renstra.objects.create(organisation=world.own, start_year=2021, end_year=2023)
    client.force_login(world.operator)
    url = reverse("planning:indicator_create", args=[other.pk]) + f"?level=sasaran&parent={plan.sasaran.pk}"
    assert client.get(url).status_code == 404


def test_camat_cannot_edit_an_indicator(client, plan, world):
    client.force_login(world.camat)
    response = client.post(reverse("planning:indicator_update", args=[plan.akip.pk]), _indicator_post())
    assert response.status_code == 403


def test_indicator_in_a_pk_cannot_be_deleted(client, plan, world):
    client.force_login(world.operator)
    response = client.post(reverse("planning:indicator_update", args=[plan.akip.pk]), {"delete": "1"}, follow=True)
    assert "sudah dipakai" in response.content.decode()
    assert Indicator.objects.filter(pk=plan.akip.pk).exists()


def test_renstra_revise_copies_the_tree(plan):
    new = renstra_revise(renstra=plan.renstra, legal_basis="Keputusan Camat Nomor 10 Tahun 2025")
    plan.renstra.refresh_from_db()
    assert new.version_number == 1 and new.is_active and not plan.renstra.is_active
    assert new.indicators.count() == 2
    akip = new.indicators.get(name="Nilai evaluasi AKIP")
    assert akip.sasaran.renstra == new and akip.targets.get(year=2024).value == Decimal("73")
    assert set(new.programs.get().sasaran.all()) == {akip.sasaran}
    # the old version is untouched
    assert plan.akip.sasaran.renstra == plan.renstra
