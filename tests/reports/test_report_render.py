from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.realisations.models import Realisation
from apps.reports import services
from apps.reports.renderers import RENDERERS


@pytest.fixture
def filled(plan):
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=3, value=Decimal("74.64"), faktor_pendukung="Komitmen pimpinan")
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"), faktor_pendukung="Komitmen pimpinan")
    Realisation.objects.create(indicator=plan.akip, year=2023, quarter=4, value=Decimal("72.61"))
    for q, v in [(1, 3), (2, 3), (3, 3), (4, 2)]:
        Realisation.objects.create(
            indicator=plan.laporan,
            year=2024,
            quarter=q,
            value=Decimal(v),
            faktor_penghambat="x" if q == 4 else "",
            solusi="y" if q == 4 else "",
        )
    return plan


def test_annual_document_figures(filled, world):
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    doc = services.report_document(report=report)
    numbers = [t.number for t in doc.tables if t.number]
    assert numbers == sorted(set(numbers), key=numbers.index), "table numbers repeat"
    assert all(n.startswith(("Tabel 1.", "Tabel 2.", "Tabel 3.", "Tabel 4.", "Tabel L.")) for n in numbers)
    # unnumbered as the seeds print them (issue 19): the ringkasan eksekutif, the signed PK's table, the reviu statement
    assert {t.key for t in doc.tables if not t.number} <= {"ringkasan-eksekutif", "pk-form", "pernyataan-reviu"}
    t = next(t for t in doc.tables if t.key == "capaian-iku")
    row = t.rows[0]
    assert row[5].number == Decimal("84.24")
    assert row[6].derivation == "84,24 / 73 × 100 = 115,40 %"
    prev = next(t for t in doc.tables if t.key == "tahun-sebelumnya")
    assert prev.rows[0][[c.label for c in prev.columns].index("Realisasi 2023")].number == Decimal("72.61")
    prog = next(t for t in doc.tables if t.key == "capaian-program")
    assert prog.rows[0][5].number == Decimal(11)  # 3 + 3 + 3 + 2, cumulative


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_every_format_renders(filled, world, fmt):
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    name, ctype, payload = RENDERERS[fmt](services.report_document(report=report))
    assert payload and name.endswith(fmt)
    if fmt == "json":
        data = json.loads(payload)
        assert data["format"] == "lkjip-report/1" and data["year"] == 2024
        assert "84,24 / 73 × 100 = 115,40 %" in payload.decode()


def test_quarterly_report(filled, world):
    report = services.report_get_or_create(organisation=world.own, year=2024, period="tw3")
    doc = services.report_document(report=report)
    assert "s/d Triwulan III" in doc.title
    t = next(t for t in doc.tables if t.key == "capaian-iku")
    assert t.rows[0][5].number == Decimal("74.64")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("operator", 200), ("camat", 200), ("inspektorat", 200), ("other_operator", 404), ("foreign_inspektorat", 404)],
)
def test_report_page_permissions(client, filled, world, persona, expected):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("reports:view", args=[world.own.pk, 2024, "annual"]))
    assert response.status_code == expected


def test_narrative_edit_is_plain_text_and_operator_only(client, filled, world):
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    url = reverse("reports:narrative", args=[report.pk, "kesimpulan"])
    client.force_login(world.camat)
    assert client.post(url, {"text": "x"}).status_code == 403
    client.force_login(world.operator)
    assert "Rata-rata capaian sasaran" in client.get(url).content.decode()  # the draft quotes computed figures
    client.post(url, {"text": "<script>alert(1)</script>\n\nKesimpulan kami.", "revision": 0})
    body = client.get(reverse("reports:view", args=[world.own.pk, 2024, "annual"])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_draft_pdf_is_rendered_as_a_job_and_downloaded(client, filled, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    client.force_login(world.operator)
    response = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert response.status_code == 302 and "/laporan/pdf/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "PDF selesai dibuat" in page and "data-ready" in page
    pdf = client.get(response["Location"] + "?unduh=1")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.force_login(world.camat)  # a job is its requester's
    assert client.get(response["Location"]).status_code == 404
    client.force_login(world.other_operator)
    assert client.get(response["Location"]).status_code == 404
