"""factory_boy factories shared by the test packages."""

from __future__ import annotations

import datetime as dt

import factory

from apps.accounts.models import Membership, Role, User
from apps.organisations.models import Appointment, Desa, Official, Organisation, Pemda, Position, Unit

PASSWORD = "rahasia-uji-123"


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda

    name = factory.Sequence(lambda n: f"Uji {n}")
    code = factory.Sequence(lambda n: f"uji-{n}")
    province = "Jawa Timur"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    pemda = factory.SubFactory(PemdaFactory)
    name = factory.Sequence(lambda n: f"Kec {n}")
    slug = factory.Sequence(lambda n: f"kec-{n}")
    signing_place = factory.LazyAttribute(lambda o: o.name)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Unit.Kind.SEKSI
    name = factory.Sequence(lambda n: f"Seksi {n}")


class DesaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desa

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Desa {n}")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    pemda = factory.SubFactory(PemdaFactory)
    name = factory.Sequence(lambda n: f"PEJABAT {n}")
    nip = factory.Sequence(lambda n: f"197001011990011{n % 1000:03d}")
    pangkat = "Pembina"
    golongan = "IV/a"


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    organisation = factory.SubFactory(OrganisationFactory)
    pemda = factory.LazyAttribute(lambda p: p.organisation.pemda)
    kind = Position.Kind.CAMAT
    title = factory.LazyAttribute(lambda p: f"Camat {p.organisation.name}")


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    position = factory.SubFactory(PositionFactory)
    official = factory.SubFactory(OfficialFactory, pemda=factory.SelfAttribute("..position.pemda"))
    status = Appointment.Status.DEFINITIF
    start_date = dt.date(2024, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = "Uji"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


def member(user: User, role: str, *, organisation: Organisation | None = None, pemda: Pemda | None = None) -> Membership:
    if role in Role.organisation_bound():
        assert organisation is not None
        pemda = organisation.pemda
    assert pemda is not None
    return Membership.objects.create(
        user=user, role=role, organisation=organisation if role in Role.organisation_bound() else None, pemda=pemda
    )
