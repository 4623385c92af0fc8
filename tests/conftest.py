"""Personas used across the suite (convention 13): each test names who is acting.

Two pemda; the first has two kecamatan ("own" and "other"), the second one ("foreign"). On top of
``world``: ``plan`` (world.own's Renstra 2024-2026 and PK 2024) and ``ready`` (``plan`` plus a year
ready for its report). docs/testing.md says when to use which.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from apps.accounts.models import Role, User
from apps.organisations.models import Organisation, Pemda

from .factories import (
    DpaLineFactory,
    DpaVersionFactory,
    EvidenceFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    KegiatanFactory,
    OrganisationFactory,
    PemdaFactory,
    ProgramFactory,
    RealisationFactory,
    RenstraFactory,
    ReportFactory,
    SasaranFactory,
    TujuanFactory,
    UserFactory,
    member,
)

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
    from apps.agreements.services import pk_create_from_renstra
    from apps.planning.models import Indicator

    r = RenstraFactory(organisation=world.own, start_year=2024, end_year=2026)
    t = TujuanFactory(renstra=r, code="1", text="Meningkatkan akuntabilitas dan kinerja birokrasi")
    s = SasaranFactory(tujuan=t, code="1.1", text="Meningkatnya akuntabilitas dan kinerja kecamatan")
    p = ProgramFactory(renstra=r, code="7.01.01", name="Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", sasaran=[s])
    k = KegiatanFactory(program=p, code="7.01.01.2.01", name="Perencanaan, Penganggaran dan Evaluasi Kinerja")
    akip = IndicatorFactory(
        parent=s, name="Nilai evaluasi AKIP", satuan="nilai", is_iku=True, aggregation=Indicator.Aggregation.LATEST,
        end_target=Decimal("75"),
    )  # fmt: skip
    laporan = IndicatorFactory(
        parent=p, name="Jumlah laporan kinerja", satuan="laporan", aggregation=Indicator.Aggregation.CUMULATIVE_SUM, precision=0
    )
    IndicatorTargetFactory(indicator=akip, year=2024, value=Decimal("73"))
    IndicatorTargetFactory(indicator=laporan, year=2024, value=Decimal("12"))
    agreement = pk_create_from_renstra(organisation=world.own, year=2024)
    return Plan(renstra=r, tujuan=t, sasaran=s, program=p, kegiatan=k, akip=akip, laporan=laporan, agreement=agreement)


@dataclass
class Ready:
    plan: Plan
    report: Any  # the annual report 2024 of world.own, draft
    akip_tw4: Any  # AKIP TW IV = 84,24 (target 73: capaian 115,40 %)
    laporan: list[Any]  # the program indicator, 3 reports in each of TW I-IV (11 -> 12 s/d TW IV, target 12)
    evidence: list[Any]  # one link per realisation above, TW I-IV
    dpa: Any  # DPA murni 2024, version 1: one sub kegiatan line of program 7.01.01


@pytest.fixture
def ready(plan, world, settings, tmp_path) -> Ready:
    """World.own's year 2024 ready for its report: ``plan`` with the PK's quarter targets of the program
    indicator (3, 6, 9, 12), realisations with evidence for TW I-IV, a DPA, and the annual report as a
    draft. The year has no consistency error, so the report can be submitted and approved at once.
    MEDIA_ROOT goes to a temporary folder (approval stores the PDF)."""
    settings.MEDIA_ROOT = tmp_path
    item = plan.agreement.items.get(indicator=plan.laporan)
    item.tw1, item.tw2, item.tw3, item.tw4 = Decimal(3), Decimal(6), Decimal(9), Decimal(12)
    item.save(update_fields=["tw1", "tw2", "tw3", "tw4"])
    akip_tw4 = RealisationFactory(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"))
    laporan = [RealisationFactory(indicator=plan.laporan, year=2024, quarter=q, value=Decimal(3)) for q in (1, 2, 3, 4)]
    evidence = [
        EvidenceFactory(realisation=r, description=f"Laporan kinerja TW {r.quarter}", url=f"https://example.go.id/lapkin/{r.quarter}")
        for r in laporan
    ]
    evidence.append(EvidenceFactory(realisation=akip_tw4, description="LHE AKIP 2024", url="https://example.go.id/lhe-2024"))
    dpa = DpaVersionFactory(organisation=world.own, year=2024, number="DPA/7.01.01/2024")
    DpaLineFactory(
        version=dpa, code="7.01.01.2.01.0001", name="Penyusunan Dokumen Perencanaan Perangkat Daerah",
        program_name=plan.program.name, kegiatan_name=plan.kegiatan.name, pagu=Decimal(50_000_000),
        kas_tw1=Decimal(10_000_000), kas_tw2=Decimal(25_000_000), kas_tw3=Decimal(40_000_000), kas_tw4=Decimal(50_000_000),
    )  # fmt: skip
    report = ReportFactory(organisation=world.own, year=2024, period="annual")
    return Ready(plan=plan, report=report, akip_tw4=akip_tw4, laporan=laporan, evidence=evidence, dpa=dpa)


@pytest.fixture(autouse=True)
def _indonesian():
    """A request switched to English must not leak its language into the next test."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.activate("id")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The report page's cache (issue 21) is keyed by ids a rolled-back test may reuse: every test starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
