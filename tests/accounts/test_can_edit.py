"""can_edit of an organisation is read from the memberships already loaded for the request (issue 21); it must
agree with the queryset rule (OrganisationQuerySet.editable_by) for every role, scope and inactive membership."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from apps.accounts.models import Membership, Role, User
from apps.accounts.permissions import can_edit
from apps.organisations.models import Organisation
from tests.factories import UserFactory, member


def test_it_agrees_with_the_queryset_for_every_user_and_kecamatan(world):
    retired = UserFactory(username="operator_pensiun")
    member(retired, Role.OPERATOR, organisation=world.own)
    Membership.objects.filter(user=retired).update(is_active=False)
    root = UserFactory(username="root", is_superuser=True)
    users = [
        world.operator, world.camat, world.inspektorat, world.admin, world.other_operator, world.foreign_inspektorat,
        world.foreign_admin, world.no_role, retired, root,
    ]  # fmt: skip
    for user in users:
        for organisation in (world.own, world.other, world.foreign):
            fresh = User.objects.get(pk=user.pk)
            expected = Organisation.objects.editable_by(fresh).filter(pk=organisation.pk).exists()
            assert can_edit(fresh, organisation) is expected, (user.username, organisation.name)
    assert can_edit(world.operator, world.own) and not can_edit(world.camat, world.own)
    assert can_edit(AnonymousUser(), world.own) is False
