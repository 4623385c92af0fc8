"""The demo data the README promises: it loads, its logins and pages work, and the committed
seed fixtures (fixtures/demo_<slug>_<year>.json) are exactly what `manage.py build_demo` writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import User
from apps.organisations.models import Organisation, Position
from apps.organisations.selectors import signatory_at
from apps.tools.demo_seeds import SEEDS, build, fixture_text


def test_demo_fixture_loads_and_logins_work(client, db):
    call_command("load_demo")
    assert Organisation.objects.filter(pemda__code="jombang").count() >= 2
    perak = Organisation.objects.get(slug="perak-jombang")
    assert perak.desa_set.count() == 13  # seed 002 L686: "13 Desa"
    camat = signatory_at(organisation=perak, kind=Position.Kind.CAMAT, day=dt.date(2024, 12, 31))
    assert camat.official.name == "Drs. SUPRIYONO" and camat.official.nip == "197010131992011001"
    bupati = signatory_at(organisation=perak, kind=Position.Kind.KEPALA_DAERAH, day=dt.date(2024, 12, 31))
    assert bupati.signature_title == "Pj. Bupati Jombang"
    ploso = Organisation.objects.get(slug="ploso-jombang")
    assert signatory_at(organisation=ploso, kind=Position.Kind.CAMAT, day=dt.date(2024, 12, 31)).signature_title == "Plt. Camat Ploso"

    for username in ["operator.perak", "camat.perak", "inspektorat.jombang", "admin.jombang"]:
        assert User.objects.get(username=username).check_password("demo12345")
    response = client.post(reverse("accounts:login"), {"username": "operator.perak", "password": "demo12345"})
    assert response.status_code == 302
    body = client.get(reverse("organisations:detail", args=[perak.pk])).content.decode()
    assert "Drs. SUPRIYONO" in body and "19701013 199201 1 001" in body
    assert client.get(reverse("organisations:detail", args=[ploso.pk])).status_code == 404


def test_load_demo_is_idempotent(db):
    call_command("load_demo")
    call_command("load_demo")
    assert Organisation.objects.count() == 5


def test_every_seed_is_loaded_with_its_kabupaten_scale(db):
    from apps.performance.models import PredikatScale
    from apps.planning.models import Renstra

    call_command("load_demo")
    for seed in SEEDS:
        org = Organisation.objects.get(slug=seed.slug)
        assert Renstra.objects.filter(organisation=org, start_year__lte=seed.year, end_year__gte=seed.year).exists(), seed.slug
        catalogue = PredikatScale.objects.get(pemda__isnull=True, catalogue_key=seed.capaian_scale)
        adopted = PredikatScale.objects.get(pemda=org.pemda, use=catalogue.use)
        assert adopted.name == catalogue.name, seed.slug
        assert PredikatScale.objects.filter(pemda=org.pemda, use=PredikatScale.Use.AKIP).exists()
    for username in ["operator.aluh-aluh", "camat.aluh-aluh", "inspektorat.banjar", "admin.banjar", "operator.klakah",
                     "camat.klakah", "inspektorat.lumajang", "admin.lumajang", "admin.lutim"]:  # fmt: skip
        assert User.objects.get(username=username).check_password("demo12345")
    klakah = Organisation.objects.get(slug="klakah-lumajang")
    camat = signatory_at(organisation=klakah, kind=Position.Kind.CAMAT, day=dt.date(2024, 1, 31))
    assert camat.official.nip == "197804151998031011"  # seed 003 decision 20 (#11)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """``build_demo``'s build, once, on an emptied database (the sequences restart as on a new one)."""
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)
        build()
        yield
        call_command("flush", "--noinput", verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.slug)
def test_committed_fixture_is_what_build_demo_writes(built, seed):
    """Rebuild with `DATABASE_URL=sqlite:////tmp/x.sqlite3 manage.py migrate && ... build_demo` when this fails."""
    assert fixture_text(seed) == seed.fixture.read_text(encoding="utf-8"), f"{seed.fixture.name} is stale: run manage.py build_demo"


def test_demo_lkjip_quotes_the_seed_budget(db):
    """Seed notes 002 §5.3.6: pagu 3.180.247.616, realisasi 2.995.404.515, serapan 94,19 %;
    §4.15: sasaran 93,91 % and 99,67 %."""
    from decimal import Decimal

    from apps.core.numbers import quantize
    from apps.reports import services

    call_command("load_demo")
    perak = Organisation.objects.get(slug="perak-jombang")
    report = services.report_get_or_create(organisation=perak, year=2024, period="annual")
    doc = services.report_document(report=report)
    budget = next(t for t in doc.tables if t.key == "anggaran")
    assert budget.footer[2].number == Decimal("3180247616") and budget.footer[3].number == Decimal("2995404515")
    assert quantize(budget.footer[4].number, 2) == Decimal("94.19")
    efisiensi = next(t for t in doc.tables if t.key == "efisiensi")
    assert [quantize(r[4].number, 2) for r in efisiensi.rows] == [Decimal("93.91"), Decimal("99.67")]
