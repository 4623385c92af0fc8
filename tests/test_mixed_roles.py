"""A user with roles in two places gets, in each place, only what the role held there allows
(issue 10: the two defects the access matrix found, docs/security.md)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_operator_here_inspektorat_elsewhere_does_not_oversee_this_pemda(client, world):
    user = UserFactory(username="operator_dan_inspektorat")
    member(user, Role.OPERATOR, organisation=world.own)  # Perak, pemda Jombang
    member(user, Role.INSPEKTORAT, pemda=world.other_pemda)  # Luwu Timur
    client.force_login(user)
    for name in ("reports:pemda", "reports:pemda_zip"):
        assert client.get(reverse(name, args=[world.pemda.pk, 2024])).status_code == 404, name
        assert client.get(reverse(name, args=[world.other_pemda.pk, 2024])).status_code == 200, name
    body = client.get(reverse("reports:pemda", args=[world.other_pemda.pk, 2024])).content.decode()
    assert "Kalaena" in body and "Perak" not in body and "Ploso" not in body


def test_operator_here_camat_there_reads_only_the_audit_trail_where_he_is_camat(client, world):
    user = UserFactory(username="operator_dan_camat")
    member(user, Role.OPERATOR, organisation=world.own)  # Perak
    member(user, Role.CAMAT, organisation=world.other)  # Ploso
    client.force_login(user)
    assert client.get(reverse("organisations:audit", args=[world.own.pk])).status_code == 403
    assert client.get(reverse("organisations:audit", args=[world.other.pk])).status_code == 200
    assert client.get(reverse("organisations:audit", args=[world.foreign.pk])).status_code == 404
