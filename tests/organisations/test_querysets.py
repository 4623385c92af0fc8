"""Scoping through memberships (apps/organisations/querysets.py): only an active membership counts.

A membership is deactivated (``is_active=False``) when someone leaves a post; the row stays for the
history. From then on it gives nothing: no kecamatan to see, none to edit, no pemda to oversee, no
page and no write.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.accounts.models import Membership, Role, User
from apps.organisations.models import Organisation, Pemda
from apps.planning.models import Renstra
from tests.factories import UserFactory, member

ROLES = ("operator", "camat", "inspektorat", "admin")


def _scopes(user: User) -> dict[str, set[int]]:
    """Everything ``user`` is given by the scoped querysets, as primary keys."""
    user = User.objects.get(pk=user.pk)  # no cached memberships
    return {
        "organisations for_user": set(Organisation.objects.for_user(user).values_list("pk", flat=True)),
        "organisations editable_by": set(Organisation.objects.editable_by(user).values_list("pk", flat=True)),
        "organisations administered_by": set(Organisation.objects.administered_by(user).values_list("pk", flat=True)),
        "pemda for_user": set(Pemda.objects.for_user(user).values_list("pk", flat=True)),
        "pemda administered_by": set(Pemda.objects.administered_by(user).values_list("pk", flat=True)),
        "pemda overseen_by": set(Pemda.objects.overseen_by(user).values_list("pk", flat=True)),
        "renstra for_user": set(Renstra.objects.for_user(user).values_list("pk", flat=True)),
        "renstra editable_by": set(Renstra.objects.editable_by(user).values_list("pk", flat=True)),
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_deactivated_membership_gives_nothing(world, plan, role):
    user = getattr(world, role)
    before = _scopes(user)
    assert world.own.pk in before["organisations for_user"] and plan.renstra.pk in before["renstra for_user"]
    assert before["pemda for_user"] == {world.pemda.pk}
    assert Membership.objects.filter(user=user).update(is_active=False) == 1
    assert _scopes(user) == {name: set() for name in before}


def test_only_the_active_membership_counts(client, world):
    """Operator of Perak (active); formerly operator of Ploso and inspektorat of the pemda (both
    deactivated). He sees and edits Perak only: Ploso's page is a 404 and a write to it is refused."""
    user = UserFactory(username="pindahan")
    member(user, Role.OPERATOR, organisation=world.own)
    member(user, Role.OPERATOR, organisation=world.other)
    member(user, Role.INSPEKTORAT, pemda=world.pemda)
    Membership.objects.filter(user=user).exclude(organisation=world.own).update(is_active=False)
    scopes = _scopes(user)
    assert scopes["organisations for_user"] == scopes["organisations editable_by"] == {world.own.pk}
    assert scopes["pemda overseen_by"] == scopes["pemda administered_by"] == set()

    client.force_login(user)
    assert client.get(reverse("organisations:detail", args=[world.own.pk])).status_code == 200
    assert client.get(reverse("organisations:detail", args=[world.other.pk])).status_code == 404
    assert client.get(reverse("reports:pemda", args=[world.pemda.pk, 2024])).status_code == 403
    new_renstra = {"start_year": 2027, "end_year": 2031, "version_kind": "murni", "version_number": 0}
    response = client.post(reverse("planning:renstra_create", args=[world.other.pk]), new_renstra)
    assert response.status_code == 404
    assert not Renstra.objects.filter(organisation=world.other).exists()
    response = client.post(reverse("planning:renstra_create", args=[world.own.pk]), new_renstra)
    assert response.status_code == 302 and Renstra.objects.filter(organisation=world.own, start_year=2027).exists()
