"""The date and place a report is signed (issue 19): chosen by the operator, else the approval date, else the
report's due date, and the organisation's place; never the date the file is rendered. Printed on the cover,
under the kata pengantar and BAB IV, and in the JSON ``date``."""

from __future__ import annotations

import datetime as dt
import json
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.reports import services, workflow
from apps.reports.document import Signature
from apps.reports.models import Report
from apps.reports.renderers import render_html, render_json


def _signatures(doc) -> list[Signature]:
    return [b for s in doc.walk() for b in s.blocks if isinstance(b, Signature)]


def _dates(doc) -> set[str]:
    return {doc.date_text} | {f"{s.place}, {s.date_text}" for s in _signatures(doc)} | {f"{doc.place}, {doc.date_text}"}


def test_an_unset_date_is_the_due_date_and_the_place_the_organisations(ready, world):
    doc = services.report_document(report=ready.report)
    place = world.own.place
    assert doc.date_text == "28 Februari 2025"  # the LKjIP 2024 is due on the last day of February 2025
    assert _dates(doc) == {"28 Februari 2025", f"{place}, 28 Februari 2025"}
    assert len(_signatures(doc)) == 2
    assert json.loads(render_json(doc)[2])["date"] == "28 Februari 2025"
    tw3 = services.report_for_period(organisation=world.own, year=2024, period="tw3")
    assert services.report_date_place(report=tw3) == (dt.date(2024, 10, 15), place)  # 15 days after TW III


def test_the_chosen_date_and_place_are_on_the_cover_the_signatures_and_the_json(ready):
    services.report_date_set(report=ready.report, report_date=dt.date(2025, 3, 25), report_place="Perak")
    doc = services.report_document(report=Report.objects.get(pk=ready.report.pk))
    assert _dates(doc) == {"25 Maret 2025", "Perak, 25 Maret 2025"}
    html = render_html(doc)[2].decode()
    assert '<p class="cover-date">Perak, 25 Maret 2025</p>' in html
    assert html.count("<p>Perak, 25 Maret 2025</p>") == 2  # kata pengantar and BAB IV
    assert {k: json.loads(render_json(doc)[2])[k] for k in ("date", "place")} == {"date": "25 Maret 2025", "place": "Perak"}


@pytest.mark.parametrize(
    ("day", "message"),
    [(dt.date(2024, 12, 30), "sebelum akhir periode"), (dt.date(2025, 6, 2), "melewati hari ini")],
)
def test_a_date_before_the_period_ends_or_in_the_future_is_refused(ready, day, message):
    with pytest.raises(ValidationError) as exc:
        services.report_date_set(report=ready.report, report_date=day, report_place="", today=dt.date(2025, 6, 1))
    assert message in " ".join(exc.value.messages)
    assert Report.objects.get(pk=ready.report.pk).report_date is None


def test_the_date_of_a_frozen_report_cannot_change(ready, world):
    workflow.report_submit(report=ready.report, user=world.operator)
    with pytest.raises(ValidationError) as exc:
        services.report_date_set(report=ready.report, report_date=dt.date(2025, 1, 10), report_place="X")
    assert "dikunci" in " ".join(exc.value.messages)
    assert Report.objects.get(pk=ready.report.pk).report_date is None


def test_an_approved_report_without_a_date_is_dated_on_its_approval(ready, world):
    workflow.report_submit(report=ready.report, user=world.operator)
    approval = dt.datetime(2025, 4, 7, 10, 0, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=approval):
        workflow.report_approve(report=ready.report, user=world.camat)
    report = Report.objects.get(pk=ready.report.pk)
    snapshot = report.snapshots.get()
    assert snapshot.document["date"] == "7 April 2025"
    assert services.report_document(report=report).date_text == "7 April 2025"  # rendered again later: still the approval date


def test_the_operator_sets_the_date_on_the_report_page(ready, world, client):
    client.force_login(world.operator)
    page = client.get(reverse("reports:view", args=[world.own.pk, 2024, "annual"]))
    assert 'id="tanggal-laporan"' in page.content.decode()
    url = reverse("reports:period_date", args=[world.own.pk, 2024, "annual"])
    response = client.post(url, {"report_date": "2025-01-15", "report_place": "Perak"})
    assert response.status_code == 302
    report = Report.objects.get(pk=ready.report.pk)
    assert (report.report_date, report.report_place) == (dt.date(2025, 1, 15), "Perak")
    response = client.post(url, {"report_date": "2024-06-30", "report_place": "Perak"}, follow=True)
    assert "sebelum akhir periode" in response.content.decode()
    assert Report.objects.get(pk=ready.report.pk).report_date == dt.date(2025, 1, 15)
