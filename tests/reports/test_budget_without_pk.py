"""Issue 20: a kecamatan with a DPA but no Perjanjian Kinerja yet still has its budget in the LKjIP (the
report used to say "Data DPA dan realisasi anggaran belum diimpor")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.reports import services
from apps.reports.renderers import render_html
from tests.factories import DpaLineFactory, DpaVersionFactory, RealisasiAnggaranFactory

pytestmark = pytest.mark.django_db


def test_the_budget_is_reported_before_the_pk(world):
    dpa = DpaVersionFactory(organisation=world.own, year=2024)
    DpaLineFactory(version=dpa, code="7.01.01.2.01.0001", name="Penyusunan Dokumen Perencanaan", pagu=Decimal(2_000_000))
    RealisasiAnggaranFactory(organisation=world.own, year=2024, code="7.01.01.2.01.0001", quarter=4, amount=Decimal(1_500_000))
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    doc = services.report_document(report=report)
    table = {t.key: t for t in doc.tables}["anggaran"]
    serapan = [c for c in table.footer if getattr(c, "kind", None) == "percent"]
    assert serapan and serapan[0].number == Decimal(75)
    _name, _ctype, html = render_html(doc)
    assert "belum diimpor" not in html.decode()
