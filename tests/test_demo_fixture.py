"""The demo data the README promises: it loads (base demo and the four seed fixtures
fixtures/demo_<slug>_<year>.json), and its logins and pages work. That the committed seed fixtures
are exactly what `manage.py build_demo` writes is checked in tests/test_demo_entry.py, on the one
build that also proves the entry (a second build here would double the time in CI)."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import User
from apps.organisations.models import Organisation, Position
from apps.organisations.selectors import signatory_at
from apps.tools.demo_seeds import SEEDS


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
        assert adopted.predikat_display == catalogue.predikat_display, seed.slug  # as the seed prints a predikat
        akip = PredikatScale.objects.get(pemda=org.pemda, use=PredikatScale.Use.AKIP)
        assert akip.predikat_display == (seed.akip_display or "code_label"), seed.slug  # seed 001: "BB"
    for username in ["operator.aluh-aluh", "camat.aluh-aluh", "inspektorat.banjar", "admin.banjar", "operator.klakah",
                     "camat.klakah", "inspektorat.lumajang", "admin.lumajang", "admin.lutim"]:  # fmt: skip
        assert User.objects.get(username=username).check_password("demo12345")
    klakah = Organisation.objects.get(slug="klakah-lumajang")
    camat = signatory_at(organisation=klakah, kind=Position.Kind.CAMAT, day=dt.date(2024, 1, 31))
    assert camat.official.nip == "197804151998031011"  # seed 003 decision 20 (#11)
