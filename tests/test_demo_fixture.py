"""The demo data the README promises: it loads, and its logins and pages work."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import User
from apps.organisations.models import Organisation, Position
from apps.organisations.selectors import signatory_at


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
    assert Organisation.objects.count() == 3


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
