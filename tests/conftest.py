"""Personas used across the suite (convention 13): each test names who is acting.

Two pemda; the first has two kecamatan ("own" and "other"), the second one ("foreign").
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from hypothesis import settings as hypothesis_settings

from apps.accounts.models import Role, User
from apps.organisations.models import Organisation, Pemda

from .factories import OrganisationFactory, PemdaFactory, UserFactory, member

# CI runs hypothesis derandomised (the same examples on every run: a failure is reproducible, never
# a flake); locally it explores new examples. .ci/run sets HYPOTHESIS_PROFILE=ci. Loaded here, before
# any test module builds its settings objects.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


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


@dataclass
class Plan:
    renstra: object
    tujuan: object
    sasaran: object
    program: object
    kegiatan: object
    akip: object  # IKU, latest value, target 2024 = 73 (seed 002)
    laporan: object  # program indicator, cumulative sum, target 2024 = 12
    agreement: object


@pytest.fixture
def plan(world) -> Plan:
    """A small Renstra 2024-2026 for world.own with a PK 2024 (figures from seed 002)."""
    from decimal import Decimal

    from apps.agreements.services import pk_create_from_renstra
    from apps.planning.models import Indicator, IndicatorTarget, Kegiatan, Program, Renstra, Sasaran, Tujuan

    r = Renstra.objects.create(organisation=world.own, start_year=2024, end_year=2026)
    t = Tujuan.objects.create(renstra=r, code="1", text="Meningkatkan akuntabilitas dan kinerja birokrasi")
    s = Sasaran.objects.create(renstra=r, tujuan=t, code="1.1", text="Meningkatnya akuntabilitas dan kinerja kecamatan")
    p = Program.objects.create(renstra=r, code="7.01.01", name="Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota")
    p.sasaran.add(s)
    k = Kegiatan.objects.create(renstra=r, program=p, code="7.01.01.2.01", name="Perencanaan, Penganggaran dan Evaluasi Kinerja")
    akip = Indicator.objects.create(
        organisation=world.own, renstra=r, level="sasaran", sasaran=s, name="Nilai evaluasi AKIP", satuan="nilai",
        is_iku=True, aggregation=Indicator.Aggregation.LATEST, end_target=Decimal("75"),
    )  # fmt: skip
    laporan = Indicator.objects.create(
        organisation=world.own, renstra=r, level="program", program=p, name="Jumlah laporan kinerja", satuan="laporan",
        aggregation=Indicator.Aggregation.CUMULATIVE_SUM, precision=0,
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=akip, year=2024, value=Decimal("73"))
    IndicatorTarget.objects.create(indicator=laporan, year=2024, value=Decimal("12"))
    agreement = pk_create_from_renstra(organisation=world.own, year=2024)
    return Plan(renstra=r, tujuan=t, sasaran=s, program=p, kegiatan=k, akip=akip, laporan=laporan, agreement=agreement)


@pytest.fixture(autouse=True)
def _indonesian():
    """A request switched to English must not leak its language into the next test."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.activate("id")
