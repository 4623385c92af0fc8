from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.agreements.models import PerjanjianKinerja, PKItem, PKProgramBudget
from apps.agreements.services import pk_create_from_renstra, pk_revise
from apps.organisations.models import Appointment, Position
from tests.factories import AppointmentFactory, PositionFactory


def test_pk_starts_from_the_renstra_targets(plan):
    items = {i.indicator.name: i for i in plan.agreement.items.select_related("indicator")}
    assert items["Nilai evaluasi AKIP"].annual_target == Decimal("73")
    assert items["Jumlah laporan kinerja"].annual_target == Decimal("12")
    # a cumulative indicator's TW IV target is the annual target
    assert items["Jumlah laporan kinerja"].tw4 == Decimal("12")
    assert list(items) == ["Nilai evaluasi AKIP", "Jumlah laporan kinerja"]  # sasaran (IKU) first, then programs


def test_a_second_pk_murni_for_the_year_is_refused(plan, world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        pk_create_from_renstra(organisation=world.own, year=2024)
    assert "sudah ada" in exc.value.messages[0]


def test_pk_outside_the_renstra_period_is_refused(plan, world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        pk_create_from_renstra(organisation=world.own, year=2030)
    assert "Tidak ada Renstra" in exc.value.messages[0]


def _grid_post(agreement, **row_overrides):
    items = list(agreement.items.order_by("order", "pk"))
    data = {"form-TOTAL_FORMS": len(items), "form-INITIAL_FORMS": len(items), "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000,
            "signing_date": "2024-02-01", "signing_place": "Perak", "notes": ""}  # fmt: skip
    for n, item in enumerate(items):
        target = str(item.annual_target or "").replace(".", ",")
        row = {"id": item.pk, "order": item.order, "annual_target": target, "annual_target_max": "",
               "quarter_mode": item.quarter_mode, "tw1": "", "tw2": "", "tw3": "", "tw4": ""}  # fmt: skip
        row.update(row_overrides.get(item.indicator.name, {}))
        data.update({f"form-{n}-{k}": v for k, v in row.items()})
    data[f"budget_{agreement.renstra.programs.get().pk}"] = "3.025.434.166"
    return data


def test_operator_saves_quarter_targets_and_budget(client, plan, world):
    client.force_login(world.operator)
    data = _grid_post(plan.agreement, **{"Jumlah laporan kinerja": {"tw1": "3", "tw2": "6", "tw3": "9", "tw4": "12"}})
    response = client.post(reverse("agreements:detail", args=[plan.agreement.pk]), data)
    assert response.status_code == 302
    item = PKItem.objects.get(agreement=plan.agreement, indicator=plan.laporan)
    assert item.quarter_targets() == [Decimal(3), Decimal(6), Decimal(9), Decimal(12)]
    assert PKProgramBudget.objects.get(agreement=plan.agreement).amount == Decimal("3025434166")
    plan.agreement.refresh_from_db()
    assert plan.agreement.signing_date == dt.date(2024, 2, 1)


def test_a_cumulative_target_that_goes_down_is_refused_and_nothing_saved(client, plan, world):
    client.force_login(world.operator)
    data = _grid_post(plan.agreement, **{"Jumlah laporan kinerja": {"tw1": "3", "tw2": "6", "tw3": "5", "tw4": "12"}})
    response = client.post(reverse("agreements:detail", args=[plan.agreement.pk]), data)
    assert response.status_code == 200
    assert "lebih kecil dari target s/d TW 2" in response.content.decode()
    item = PKItem.objects.get(agreement=plan.agreement, indicator=plan.laporan)
    assert item.tw1 is None and item.tw3 is None
    assert not PKProgramBudget.objects.exists()
    plan.agreement.refresh_from_db()
    assert plan.agreement.signing_date is None


def test_percent_quarter_targets_follow_seed_002(client, plan, world):
    """Seed 002 L609: 52,08 % / 70,83 % / 85,42 % / 100 % of an annual target of 100 %."""
    client.force_login(world.operator)
    data = _grid_post(
        plan.agreement, **{"Nilai evaluasi AKIP": {"quarter_mode": "percent", "tw1": "52,08", "tw2": "70,83", "tw3": "85,42", "tw4": "100"}}
    )
    assert client.post(reverse("agreements:detail", args=[plan.agreement.pk]), data).status_code == 302
    item = PKItem.objects.get(agreement=plan.agreement, indicator=plan.akip)
    assert item.quarter_target(1) == Decimal("73") * Decimal("52.08") / 100
    assert item.quarter_target(4) == Decimal("73")


def test_percent_targets_above_100_are_refused(client, plan, world):
    client.force_login(world.operator)
    data = _grid_post(plan.agreement, **{"Nilai evaluasi AKIP": {"quarter_mode": "percent", "tw1": "120"}})
    response = client.post(reverse("agreements:detail", args=[plan.agreement.pk]), data)
    assert "antara 0 dan 100" in response.content.decode()


def test_letters_in_a_target_are_refused(client, plan, world):
    client.force_login(world.operator)
    data = _grid_post(plan.agreement, **{"Nilai evaluasi AKIP": {"annual_target": "tujuh puluh"}})
    response = client.post(reverse("agreements:detail", args=[plan.agreement.pk]), data)
    assert response.status_code == 200 and "bukan angka" in response.content.decode()
    assert PKItem.objects.get(agreement=plan.agreement, indicator=plan.akip).annual_target == Decimal("73")


@pytest.mark.parametrize(
    ("persona", "get", "post"),
    [
        ("operator", 200, 302),
        ("camat", 200, 403),
        ("inspektorat", 200, 403),
        ("other_operator", 404, 404),
        ("foreign_inspektorat", 404, 404),
    ],
)
def test_pk_permissions(client, plan, world, persona, get, post):
    client.force_login(getattr(world, persona))
    url = reverse("agreements:detail", args=[plan.agreement.pk])
    assert client.get(url).status_code == get
    assert client.post(url, _grid_post(plan.agreement)).status_code == post


def test_pk_revision_copies_items_and_budgets(plan):
    PKProgramBudget.objects.create(agreement=plan.agreement, program=plan.program, amount=Decimal("100"))
    new = pk_revise(agreement=plan.agreement)
    assert new.version_number == 1 and new.version_kind == PerjanjianKinerja.VersionKind.PERUBAHAN
    assert new.items.count() == 2 and new.program_budgets.get().amount == Decimal("100")
    assert str(new) == "Perjanjian Kinerja 2024 (Perubahan)"


def test_printed_pk_names_the_plt_camat_and_pj_bupati(client, plan, world):
    camat_post = PositionFactory(organisation=world.own, title="Camat Perak")
    AppointmentFactory(position=camat_post, start_date=dt.date(2020, 1, 1), end_date=dt.date(2023, 12, 31), official__name="CAMAT LAMA")
    AppointmentFactory(position=camat_post, status=Appointment.Status.PLT, start_date=dt.date(2024, 1, 1), official__name="PLT CAMAT BARU")
    bupati = Position.objects.create(pemda=world.pemda, kind=Position.Kind.KEPALA_DAERAH, title="Bupati Jombang")
    AppointmentFactory(
        position=bupati, status=Appointment.Status.PJ, start_date=dt.date(2023, 9, 25), official__name="SUGIAT", official__nip=""
    )
    plan.agreement.signing_date = dt.date(2024, 2, 1)
    plan.agreement.save()
    client.force_login(world.camat)
    body = client.get(reverse("agreements:print", args=[plan.agreement.pk])).content.decode()
    assert "Plt. Camat Perak" in body and "PLT CAMAT BARU" in body and "CAMAT LAMA" not in body
    assert "Pj. Bupati Jombang" in body and "SUGIAT" in body
    assert "1 Februari 2024" in body
