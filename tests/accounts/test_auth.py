from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.accounts.models import ROLE_NEEDS_ORGANISATION, Membership, Role
from tests.factories import PASSWORD, UserFactory


def test_login_then_home_shows_the_role(client, world):
    response = client.post(reverse("accounts:login"), {"username": "operator", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Yang harus diisi triwulan ini" in body
    assert "Perak" in body


def test_wrong_password_shows_an_indonesian_message(client, world):
    response = client.post(reverse("accounts:login"), {"username": "operator", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_login_is_throttled_after_five_failures(client, world):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "operator", "password": "salah"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(url, {"username": "operator", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    # the right password from the same address is refused while locked
    assert "_auth_user_id" not in client.session


def test_logout_requires_post_and_logs_out(client, world):
    client.force_login(world.operator)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_password_change(client, world):
    client.force_login(world.operator)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "kata-sandi-baru-99", "new_password2": "kata-sandi-baru-99"},
    )
    assert response.status_code == 302
    world.operator.refresh_from_db()
    assert world.operator.check_password("kata-sandi-baru-99")


def test_password_change_rejects_a_wrong_old_password(client, world):
    client.force_login(world.operator)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "salah", "new_password1": "kata-sandi-baru-99", "new_password2": "kata-sandi-baru-99"},
    )
    assert response.status_code == 200
    world.operator.refresh_from_db()
    assert world.operator.check_password(PASSWORD)


def test_operator_membership_needs_an_organisation(world):
    m = Membership(user=UserFactory(), role=Role.OPERATOR, pemda=world.pemda)
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert str(ROLE_NEEDS_ORGANISATION) in exc.value.message_dict["organisation"]
    with pytest.raises(IntegrityError), transaction.atomic():
        m.save()


def test_membership_organisation_must_belong_to_its_pemda(world):
    m = Membership(user=UserFactory(), role=Role.CAMAT, pemda=world.other_pemda, organisation=world.own)
    with pytest.raises(ValidationError):
        m.full_clean()


def test_inspektorat_membership_is_pemda_wide(world):
    m = Membership(user=UserFactory(), role=Role.INSPEKTORAT, pemda=world.pemda, organisation=world.own)
    with pytest.raises(ValidationError):
        m.full_clean()


def test_has_role(world):
    assert world.operator.has_role(Role.OPERATOR, world.own)
    assert not world.operator.has_role(Role.OPERATOR, world.other)
    assert world.inspektorat.has_role(Role.INSPEKTORAT, world.other)
    assert not world.inspektorat.has_role(Role.INSPEKTORAT, world.foreign)
    assert not world.camat.has_role(Role.OPERATOR)
