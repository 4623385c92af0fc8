"""The kabupaten admin manages master data of its own pemda only, through Django admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import DesaFactory


@pytest.mark.parametrize("persona", ["operator", "camat", "inspektorat"])
def test_non_admin_roles_cannot_enter_admin(client, world, persona):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_sees_only_its_pemda(client, world):
    client.force_login(world.admin)
    body = client.get(reverse("admin:organisations_organisation_changelist")).content.decode()
    assert "Perak" in body and "Ploso" in body and "Kalaena" not in body
    assert client.get(reverse("admin:organisations_organisation_change", args=[world.foreign.pk])).status_code == 302
    assert client.get(reverse("admin:organisations_organisation_change", args=[world.own.pk])).status_code == 200


def test_admin_cannot_attach_a_desa_to_another_pemda(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:organisations_desa_add"),
        {"organisation": world.foreign.pk, "kind": "desa", "name": "Desa Palsu", "code": ""},
    )
    assert response.status_code == 200  # form redisplayed with an error
    assert "Desa Palsu" not in [d.name for d in world.foreign.desa_set.all()]


def test_admin_can_add_a_desa_in_its_pemda(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:organisations_desa_add"), {"organisation": world.own.pk, "kind": "desa", "name": "Glagahan", "code": ""}
    )
    assert response.status_code == 302
    assert world.own.desa_set.filter(name="Glagahan").exists()


def test_admin_history_is_recorded(client, world):
    desa = DesaFactory(organisation=world.own, name="Lama")
    client.force_login(world.admin)
    client.post(
        reverse("admin:organisations_desa_change", args=[desa.pk]),
        {"organisation": world.own.pk, "kind": "desa", "name": "Baru", "code": ""},
    )
    desa.refresh_from_db()
    assert desa.name == "Baru"
    latest = desa.history.first()
    assert latest.name == "Baru" and latest.history_user == world.admin
