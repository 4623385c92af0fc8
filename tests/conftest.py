"""Personas used across the suite (convention 13): each test names who is acting.

Two pemda; the first has two kecamatan ("own" and "other"), the second one ("foreign").
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from apps.accounts.models import Role, User
from apps.organisations.models import Organisation, Pemda

from .factories import OrganisationFactory, PemdaFactory, UserFactory, member


@dataclass
class World:
    pemda: Pemda
    other_pemda: Pemda
    own: Organisation
    other: Organisation
    foreign: Organisation
    operator: User
    camat: User
    inspektorat: User
    admin: User
    other_operator: User
    foreign_inspektorat: User
    foreign_admin: User
    no_role: User


@pytest.fixture
def world(db) -> World:
    pemda = PemdaFactory(name="Jombang", code="jombang-uji")
    other_pemda = PemdaFactory(name="Luwu Timur", code="lutim-uji")
    own = OrganisationFactory(pemda=pemda, name="Perak", slug="perak-uji")
    other = OrganisationFactory(pemda=pemda, name="Ploso", slug="ploso-uji")
    foreign = OrganisationFactory(pemda=other_pemda, name="Kalaena", slug="kalaena-uji")

    def u(name: str, role: str, **kw) -> User:
        user = UserFactory(username=name, is_staff=(role == Role.ADMIN))
        member(user, role, **kw)
        return user

    return World(
        pemda=pemda,
        other_pemda=other_pemda,
        own=own,
        other=other,
        foreign=foreign,
        operator=u("operator", Role.OPERATOR, organisation=own),
        camat=u("camat", Role.CAMAT, organisation=own),
        inspektorat=u("inspektorat", Role.INSPEKTORAT, pemda=pemda),
        admin=u("admin", Role.ADMIN, pemda=pemda),
        other_operator=u("operator_lain", Role.OPERATOR, organisation=other),
        foreign_inspektorat=u("inspektorat_luar", Role.INSPEKTORAT, pemda=other_pemda),
        foreign_admin=u("admin_luar", Role.ADMIN, pemda=other_pemda),
        no_role=UserFactory(username="tanpa_peran"),
    )
