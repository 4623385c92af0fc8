"""Seed 002 (Perak 2024) entered through the browser forms gives the seed's recomputed figures.

This is the proof that an operator can enter a whole year of plan, PK and realisations in
the browser: apps.tools.demo_entry posts every form a person would post, as operator.perak.
"""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from apps.accounts.models import User
from apps.agreements.models import PKProgramBudget
from apps.core.numbers import quantize
from apps.organisations.models import Organisation
from apps.performance.selectors import consistency_findings, realisation_grid
from apps.planning.models import Indicator, Kegiatan, Program, SubKegiatan
from apps.tools.demo_entry import enter


@pytest.fixture(scope="module")
def perak(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("loaddata", "demo", verbosity=0)
        perak = Organisation.objects.get(slug="perak-jombang")
        client = Client()
        client.force_login(User.objects.get(username="operator.perak"))
        enter(client=client, organisation=perak, data=importlib.import_module("fixtures.perak_2024_data"))
        yield perak
        call_command("flush", "--noinput", verbosity=0)


@pytest.mark.django_db
def test_the_whole_plan_was_entered(perak):
    assert Program.objects.filter(renstra__organisation=perak).count() == 6
    assert Kegiatan.objects.filter(renstra__organisation=perak).count() == 11
    assert SubKegiatan.objects.filter(renstra__organisation=perak).count() == 25  # seed notes 002 section 3.4
    budgets = sum(b.amount for b in PKProgramBudget.objects.filter(agreement__organisation=perak))
    assert budgets == Decimal("3180247616")  # seed 002 L617 (section 3.6)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "realisasi", "capaian"),
    [
        ("Nilai evaluasi AKIP Kec. Perak", Decimal("74.64"), Decimal("102.25")),  # 74,64 / 73 (seed notes 002 5.3.1, defect Q16)
        ("Indeks Kualitas Pelayanan Publik (IKPP) Kecamatan Perak", Decimal("8.13"), Decimal("104.23")),  # 8,13 / 7,8 (5.3.1)
    ],
)
def test_iku_figures_equal_the_recomputed_seed(perak, name, realisasi, capaian):
    grid = realisation_grid(organisation=perak, year=2024, quarter=4)
    row = next(r for r in grid.rows if r.indicator.name == name)
    assert quantize(row.cumulative.value, 2) == realisasi
    assert quantize(row.capaian.value, 2) == capaian


@pytest.mark.django_db
def test_entered_year_is_consistent(perak):
    errors = [f for f in consistency_findings(organisation=perak, year=2024, upto=4) if f.severity.name == "ERROR"]
    assert errors == []


@pytest.mark.django_db
def test_composite_ikpp_is_computed_not_typed(perak):
    ikpp = Indicator.objects.get(renstra__organisation=perak, code="IKPP")
    assert ikpp.composite_expression and not ikpp.realisations.exclude(value=None).exists()


@pytest.mark.django_db
def test_comparison_figures_were_entered(perak):
    from apps.planning.models import ComparisonFigure

    assert ComparisonFigure.objects.filter(indicator__organisation=perak).count() == 27
