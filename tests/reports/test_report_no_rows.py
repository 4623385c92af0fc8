"""Opening a report never creates its row, whoever opens it and whatever the year: the page (and its
downloads) render from an unsaved report; only a write of the kecamatan's operator (a narrative
saved, a submission) creates it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.realisations.models import Realisation
from apps.reports.models import NarrativeSection, Period, Report, Status

PERSONAS = ["operator", "camat", "inspektorat", "admin"]


def _no_report_rows() -> bool:
    return not Report.objects.exists() and not Report.history.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_opening_reports_of_any_year_creates_no_row(client, plan, world, persona):
    client.force_login(getattr(world, persona))
    pages = [(year, period) for year in (2000, 2024, 2100) for period in Period.values]
    pages += [(year, "annual") for year in range(2001, 2100, 7)]
    for year, period in pages:
        response = client.get(reverse("reports:view", args=[world.own.pk, year, period]))
        assert response.status_code == 200, (year, period)
        assert 'data-status="draft"' in response.content.decode()
    assert _no_report_rows()


@pytest.mark.parametrize("persona", PERSONAS)
def test_downloads_of_a_report_without_row_create_no_row(client, plan, world, persona):
    client.force_login(getattr(world, persona))
    for fmt, marker in (("html", b"<!doctype html>"), ("json", b'"lkjip-report/1"'), ("xlsx", b"PK\x03\x04")):
        response = client.get(reverse("reports:period_download", args=[world.own.pk, 2024, "annual", fmt]))
        assert response.status_code == 200, fmt
        assert marker in response.content[:400], fmt
    assert _no_report_rows()


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_pdf_creates_the_row_only_for_a_year_with_a_pk(client, plan, world, persona):
    """Asking for a PDF is an explicit action: the job needs a report row, created for a year the
    kecamatan reports on (plan has a PK for 2024); for a year without a PK nothing is created."""
    client.force_login(getattr(world, persona))
    response = client.get(reverse("reports:period_download", args=[world.own.pk, 2031, "annual", "pdf"]))
    assert response.status_code == 302 and response["Location"] == reverse("reports:view", args=[world.own.pk, 2031, "annual"])
    assert _no_report_rows()
    response = client.get(reverse("reports:period_download", args=[world.own.pk, 2024, "annual", "pdf"]))
    report = Report.objects.get(organisation=world.own, year=2024, period="annual")
    assert response.status_code == 302 and response["Location"] == reverse("reports:render_job", args=[report.render_jobs.get().pk])


def test_the_page_without_row_links_the_operator_to_the_writes_by_period(client, plan, world):
    client.force_login(world.operator)
    html = client.get(reverse("reports:view", args=[world.own.pk, 2024, "annual"])).content.decode()
    assert reverse("reports:period_narrative", args=[world.own.pk, 2024, "annual", "kesimpulan"]) in html
    assert reverse("reports:period_submit", args=[world.own.pk, 2024, "annual"]) in html
    assert reverse("reports:period_download", args=[world.own.pk, 2024, "annual", "xlsx"]) in html
    client.get(reverse("reports:period_narrative", args=[world.own.pk, 2024, "annual", "kesimpulan"]))
    assert _no_report_rows()


def test_a_narrative_saved_creates_the_row(client, plan, world):
    client.force_login(world.operator)
    url = reverse("reports:period_narrative", args=[world.own.pk, 2024, "tw2", "kesimpulan"])
    response = client.post(url, {"text": "Kesimpulan kami.", "revision": "0"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.year, report.period, report.status) == (2024, "tw2", Status.DRAFT)
    assert NarrativeSection.objects.get(report=report, key="kesimpulan").text == "Kesimpulan kami."
    assert "Kesimpulan kami." in client.get(reverse("reports:view", args=[world.own.pk, 2024, "tw2"])).content.decode()


def test_read_only_roles_cannot_create_a_row_by_narrative(client, plan, world):
    url = reverse("reports:period_narrative", args=[world.own.pk, 2024, "annual", "kesimpulan"])
    for persona, status in (("camat", 403), ("inspektorat", 403), ("admin", 403), ("other_operator", 404)):
        client.force_login(getattr(world, persona))
        assert client.post(url, {"text": "x", "revision": "0"}).status_code == status
        assert client.get(url).status_code == status
    assert _no_report_rows()


def _complete_year(plan):
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"))
    for q in (1, 2, 3, 4):
        Realisation.objects.create(indicator=plan.laporan, year=2024, quarter=q, value=Decimal(3))


def test_the_operator_submits_a_report_without_row(client, plan, world):
    _complete_year(plan)
    client.force_login(world.operator)
    response = client.post(reverse("reports:period_submit", args=[world.own.pk, 2024, "annual"]), follow=True)
    assert 'data-status="diajukan"' in response.content.decode()
    assert Report.objects.get().status == Status.SUBMITTED


def test_a_refused_submission_creates_no_row(client, plan, world):
    """No realisations: the consistency check refuses the submission, and no row is left behind."""
    client.force_login(world.operator)
    response = client.post(reverse("reports:period_submit", args=[world.own.pk, 2024, "annual"]), follow=True)
    assert "belum dapat diajukan" in response.content.decode()
    assert _no_report_rows()


@pytest.mark.parametrize(("persona", "status"), [("camat", 302), ("inspektorat", 302), ("admin", 302), ("other_operator", 404)])
def test_only_the_operator_submits_by_period(client, plan, world, persona, status):
    _complete_year(plan)
    client.force_login(getattr(world, persona))
    response = client.post(reverse("reports:period_submit", args=[world.own.pk, 2024, "annual"]))
    assert response.status_code == status
    assert client.get(reverse("reports:period_submit", args=[world.own.pk, 2024, "annual"])).status_code in (405, 404)
    assert _no_report_rows()
