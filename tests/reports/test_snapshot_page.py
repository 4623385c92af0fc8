"""An approved (or reviewed) report is shown as it was approved: the page and the HTML download come
from the snapshot (its stored HTML, or for older snapshots its JSON document), never from live data,
with a banner naming the version, who approved it and when, and a link to the changes since."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.realisations.models import Realisation
from apps.reports import freeze, workflow
from apps.reports.models import Report, ReportSnapshot, Status


@pytest.fixture
def ready(ready, world):
    """The shared ready year (AKIP TW IV = 84,24), approved by a camat with a name."""
    world.camat.first_name, world.camat.last_name = "Budi", "Santoso"
    world.camat.save()
    return ready


def _approve(report, world):
    workflow.report_submit(report=report, user=world.operator)
    workflow.report_approve(report=report, user=world.camat)
    report.refresh_from_db()
    return report


def _change_live_data(world, plan):
    """Data the report shows changes after approval by paths that are not frozen: the admin renames
    the kecamatan; a realisation is changed directly in the database (guard lifted)."""
    world.own.name = "Perakbaru"
    world.own.save()
    with freeze.suspended():
        Realisation.objects.filter(indicator=plan.akip, year=2024, quarter=4).update(value=Decimal("91.37"))


def _document_part(html: str) -> str:
    """The report itself on the page (the navigation and header around it show live names)."""
    start = html.index('<div class="report">')
    return html[start : html.index("</main>")]


def _page(client, world, period="annual"):
    return client.get(reverse("reports:view", args=[world.own.pk, 2024, period]))


@pytest.mark.parametrize("persona", ["operator", "camat", "inspektorat", "admin"])
def test_approved_page_shows_the_approved_version_with_a_banner(client, ready, plan, world, persona):
    report = _approve(ready.report, world)
    _change_live_data(world, plan)
    client.force_login(getattr(world, persona))
    response = _page(client, world)
    assert response.status_code == 200
    html = response.content.decode()
    doc = _document_part(html)
    assert "Kecamatan Perak" in doc and "Perakbaru" not in doc
    assert "84,24" in doc and "91,37" not in doc
    banner = re.search(r"<div[^>]*data-snapshot-banner[^>]*>(.*?)</div>", html, re.S)
    assert banner, "the approved page has a banner"
    text = re.sub(r"\s+", " ", banner.group(1))
    assert "Versi disetujui ke-1" in text and "Budi Santoso" in text and "data dapat berubah setelahnya" in text
    assert reverse("reports:changes", args=[report.pk]) in banner.group(1)


def test_snapshot_html_is_the_document_part_exactly_as_the_page_showed_it(client, ready, world):
    """Just before approval the (submitted, read-only) page shows the same document the snapshot stores."""
    workflow.report_submit(report=ready.report, user=world.operator)
    client.force_login(world.camat)
    before = _page(client, world).content.decode()
    workflow.report_approve(report=ready.report, user=world.camat)
    snapshot = ReportSnapshot.objects.get(report=ready.report)
    assert snapshot.html.startswith('<div class="report">')
    assert snapshot.html.strip() in before
    after = _page(client, world).content.decode()
    assert snapshot.html.strip() in after


def test_html_download_of_an_approved_report_is_the_snapshot(client, ready, plan, world):
    report = _approve(ready.report, world)
    _change_live_data(world, plan)
    client.force_login(world.inspektorat)
    response = client.get(reverse("reports:download", args=[report.pk, "html"]))
    assert response.status_code == 200
    assert "-v1.html" in response["Content-Disposition"]
    html = response.content.decode()
    assert "Kecamatan Perak" in html and "Perakbaru" not in html
    assert "84,24" in html and "91,37" not in html
    assert ReportSnapshot.objects.get(report=report).html.strip() in html


def test_reviewed_report_is_still_shown_as_approved(client, ready, plan, world):
    report = _approve(ready.report, world)
    workflow.review_complete(report=report, user=world.inspektorat)
    _change_live_data(world, plan)
    client.force_login(world.camat)
    html = _page(client, world).content.decode()
    assert "84,24" in _document_part(html) and "91,37" not in html
    assert "Versi disetujui ke-1" in html


def test_an_older_snapshot_without_html_is_rendered_from_its_document_never_from_live_data(client, ready, plan, world):
    report = _approve(ready.report, world)
    ReportSnapshot.objects.filter(report=report).update(html="")
    _change_live_data(world, plan)
    client.force_login(world.camat)
    html = _page(client, world).content.decode()
    doc = _document_part(html)
    assert "Kecamatan Perak" in doc and "Perakbaru" not in doc
    assert "84,24" in doc and "91,37" not in doc
    assert "Tabel 3.1" in doc and "BAB III" in doc.upper()
    assert "Versi disetujui ke-1" in html
    download = client.get(reverse("reports:download", args=[report.pk, "html"])).content.decode()
    assert "84,24" in download and "91,37" not in download and "Perakbaru" not in download


def test_a_draft_shows_live_data(client, ready, plan, world):
    _change_live_data(world, plan)
    client.force_login(world.camat)
    html = _page(client, world).content.decode()
    doc = _document_part(html)
    assert "Perakbaru" in doc and "91,37" in doc
    assert "data-snapshot-banner" not in html
    download = client.get(reverse("reports:download", args=[ready.report.pk, "html"])).content.decode()
    assert "91,37" in download


def test_a_reopened_report_shows_live_data_again(client, ready, plan, world):
    report = _approve(ready.report, world)
    workflow.report_reopen(report=report, user=world.camat, reason="Data baru")
    _change_live_data(world, plan)
    client.force_login(world.camat)
    html = _page(client, world).content.decode()
    assert "91,37" in _document_part(html) and "data-snapshot-banner" not in html
    assert Report.objects.get(pk=report.pk).status == Status.DRAFT
