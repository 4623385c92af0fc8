"""Budget fixtures: seed 002's Renstra for world.own (Perak 2024) and helpers to import the samples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from apps.budgets import services
from apps.budgets.models import DpaLine, DpaUpload, DpaVersion, RealisasiAnggaran
from tests import factories as f

from .workbooks import fixture_for


@dataclass
class Seed002Plan:
    renstra: Any
    sasaran_1: Any
    sasaran_2: Any


# Programs of seed 002 (§3.8 relations: P1 serves sasaran 1; P2-P6 serve sasaran 2), with the codes used
# by tests/fixtures/make_dpa_samples.py.
PROGRAMS = [
    ("7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 1),
    ("7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", 2),
    ("7.01.03", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", 2),
    ("7.01.04", "Program Koordinasi Ketentraman dan Ketertiban Umum", 2),
    ("7.01.05", "Program Penyelenggaraan Urusan Pemerintahan Umum", 2),
    ("7.01.06", "Program Pembinaan dan Pengawasan Pemerintahan Desa", 2),
]


@pytest.fixture
def seed002_plan(world) -> Seed002Plan:
    """Renstra 2024-2026 of world.own with seed 002's two sasaran, six programs, and one kegiatan and
    sub kegiatan (code 7.01.01.2.01.01, written with 2 digits on purpose) to check code matching."""
    r = f.RenstraFactory(organisation=world.own, start_year=2024, end_year=2026)
    t1 = f.TujuanFactory(renstra=r, code="1", text="Meningkatkan akuntabilitas dan kinerja birokrasi")
    t2 = f.TujuanFactory(renstra=r, code="2", text="Meningkatkan kualitas layanan publik")
    s1 = f.SasaranFactory(tujuan=t1, code="1", order=1, text="Meningkatnya akuntabilitas dan kinerja Kecamatan")
    s2 = f.SasaranFactory(tujuan=t2, code="2", order=2, text="Meningkatnya kualitas layanan Publik Kecamatan Perak")
    for code, name, sasaran in PROGRAMS:
        p = f.ProgramFactory(renstra=r, code=code, name=name, sasaran=[s1 if sasaran == 1 else s2])
        if code == "7.01.01":
            k = f.KegiatanFactory(program=p, code="7.01.01.2.01", name="Perencanaan, Penganggaran dan Evaluasi Kinerja")
            f.SubKegiatanFactory(kegiatan=k, code="7.01.01.2.01.01", name="Penyusunan Dokumen Perencanaan Perangkat Daerah")
    return Seed002Plan(renstra=r, sasaran_1=s1, sasaran_2=s2)


def counts() -> dict[str, int]:
    """Rows of every budget table, history included: a failed import must leave them unchanged."""
    models = [DpaVersion, DpaLine, DpaUpload, RealisasiAnggaran]
    out = {m.__name__: m.objects.count() for m in models}
    out.update({f"history.{m.__name__}": m.history.model.objects.count() for m in models})
    return out


def import_fixture(organisation: Any, year: int, name: str, **kw: Any) -> Any:
    """The fixture imported as ``organisation``'s DPA of ``year`` (its title rows retitled to them: fixture_for)."""
    data = fixture_for(name, organisation, year)
    return services.dpa_import(organisation=organisation, year=year, data=data, source_name=name, **kw).version


def import_realisasi(organisation: Any, year: int, name: str, user: Any = None) -> Any:
    data = fixture_for(name, organisation, year)
    return services.realisasi_import(organisation=organisation, year=year, data=data, source_name=name, user=user)
