"""A withdrawn approved version (issue 15, finding 6): the public verification page says it was
withdrawn (when, by whom, why) instead of "Dokumen asli ... disetujui", a later re-approval verifies
normally, and the pemda zip holds only the current approved version of each report."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from django.urls import reverse
from django.utils import formats, timezone

from apps.realisations.models import Realisation
from apps.reports import workflow
from apps.reports.models import ReportEvent, ReportSnapshot, Status

REASON = "Koreksi realisasi nilai AKIP triwulan IV"


def _approve(report, world):
    workflow.report_submit(report=report, user=world.operator)
    workflow.report_approve(report=report, user=world.camat)
    return ReportSnapshot.objects.filter(report=report).order_by("-version").first()


def _verify(client, snapshot):
    by_token = client.get(reverse("verify_token", args=[snapshot.token])).content.decode()
    by_sha = client.get(reverse("verify") + f"?sha256={snapshot.sha256}").content.decode()
    return by_token, by_sha


def _zip_names(client, world):
    client.force_login(world.inspektorat)
    response = client.get(reverse("reports:pemda_zip", args=[world.pemda.pk, 2024]))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_a_reopened_version_verifies_as_withdrawn(client, ready, world):
    v1 = _approve(ready.report, world)
    workflow.report_reopen(report=ready.report, user=world.camat, reason=REASON)
    event = ReportEvent.objects.get(report=ready.report, to_status=Status.DRAFT)
    when = formats.date_format(timezone.localtime(event.created_at), "j F Y H:i")
    for body in _verify(client, v1):
        assert 'data-verified="withdrawn"' in body
        assert 'data-verified="1"' not in body and "Dokumen asli." not in body
        assert "ditarik" in body and str(world.camat) in body and when in body
        assert REASON not in body  # the reason is internal free text; the public page does not print it
        assert v1.sha256 in body  # still identifies which file it is


def test_a_reapproved_version_verifies_normally_and_the_old_one_stays_withdrawn(client, ready, world, plan):
    v1 = _approve(ready.report, world)
    workflow.report_reopen(report=ready.report, user=world.camat, reason=REASON)
    Realisation.objects.filter(indicator=plan.akip, quarter=4).update(value=Decimal("74.64"))
    ready.report.refresh_from_db()
    v2 = _approve(ready.report, world)
    assert v2.version == 2 and v2.sha256 != v1.sha256
    for body in _verify(client, v2):
        assert 'data-verified="1"' in body and "Dokumen asli." in body
        assert "ditarik" not in body
    for body in _verify(client, v1):
        assert 'data-verified="withdrawn"' in body and REASON not in body
        assert "versi 2" in body  # points to the version now in force


def test_a_reviewed_version_verifies_normally(client, ready, world):
    v1 = _approve(ready.report, world)
    workflow.review_complete(report=ready.report, user=world.inspektorat)
    for body in _verify(client, v1):
        assert 'data-verified="1"' in body


def test_a_version_returned_by_the_inspektorat_is_not_presented_as_in_force(client, ready, world):
    v1 = _approve(ready.report, world)
    workflow.review_return(report=ready.report, user=world.inspektorat, reason="Analisis efisiensi belum ada")
    for body in _verify(client, v1):
        assert 'data-verified="withdrawn"' in body and "Dokumen asli." not in body
        assert "Analisis efisiensi belum ada" not in body and str(world.inspektorat) in body


def test_the_pemda_zip_leaves_out_a_reopened_report(client, ready, world):
    _approve(ready.report, world)
    assert _zip_names(client, world) == ["LKjIP-2024-perak-v1.pdf"]
    workflow.report_reopen(report=ready.report, user=world.camat, reason=REASON)
    assert _zip_names(client, world) == ["BACA.txt"]
    ready.report.refresh_from_db()
    workflow.report_submit(report=ready.report, user=world.operator)  # resubmitted, not yet approved
    assert _zip_names(client, world) == ["BACA.txt"]


def test_the_pemda_zip_holds_the_reapproved_version_only(client, ready, world):
    v1 = _approve(ready.report, world)
    workflow.report_reopen(report=ready.report, user=world.camat, reason=REASON)
    ready.report.refresh_from_db()
    v2 = _approve(ready.report, world)
    client.force_login(world.inspektorat)
    response = client.get(reverse("reports:pemda_zip", args=[world.pemda.pk, 2024]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == ["LKjIP-2024-perak-v2.pdf"]
    import hashlib

    data = archive.read("LKjIP-2024-perak-v2.pdf")
    assert hashlib.sha256(data).hexdigest() == v2.sha256 != v1.sha256


def test_the_pemda_zip_leaves_out_a_version_returned_by_the_inspektorat(client, ready, world):
    _approve(ready.report, world)
    workflow.review_return(report=ready.report, user=world.inspektorat, reason="Analisis efisiensi belum ada")
    assert _zip_names(client, world) == ["BACA.txt"]
