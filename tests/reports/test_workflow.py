"""Workflow: each transition's permissions for every role, freezing, snapshots, verification."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Notification, Role
from apps.realisations.models import Realisation
from apps.reports import workflow
from apps.reports.models import Report, ReportEvent, ReportSnapshot, Status
from tests.factories import ReportFactory, member


def _approved(report, world):
    workflow.report_submit(report=report, user=world.operator)
    workflow.report_approve(report=report, user=world.camat)
    report.refresh_from_db()
    return report


TRANSITIONS = [
    # (action, starting state, the only persona allowed)
    ("report_submit", Status.DRAFT, "operator"),
    ("report_return", Status.SUBMITTED, "camat"),
    ("report_approve", Status.SUBMITTED, "camat"),
    ("report_reopen", Status.APPROVED, "camat"),
    ("review_return", Status.APPROVED, "inspektorat"),
    ("review_complete", Status.APPROVED, "inspektorat"),
]
PERSONAS = ["operator", "camat", "inspektorat", "admin", "other_operator", "foreign_inspektorat"]


@pytest.mark.parametrize(("action", "state", "allowed"), TRANSITIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_transition_permissions(ready, world, action, state, allowed, persona):
    Report.objects.filter(pk=ready.report.pk).update(status=state, submitted_by=world.operator if state != Status.DRAFT else None)
    ready.report.refresh_from_db()
    kwargs = {"report": ready.report, "user": getattr(world, persona)}
    if action in ("report_return", "report_reopen", "review_return"):
        kwargs["reason"] = "alasan uji"
    if persona == allowed:
        getattr(workflow, action)(**kwargs)
        assert ReportEvent.objects.filter(report=ready.report, actor=getattr(world, persona), from_status=state).exists()
    else:
        with pytest.raises(PermissionDenied):
            getattr(workflow, action)(**kwargs)
        ready.report.refresh_from_db()
        assert ready.report.status == state


def test_the_submitter_cannot_approve(ready, world):
    member(world.operator, Role.CAMAT, organisation=world.own)  # operator who is also camat
    world.operator._active_memberships = None
    workflow.report_submit(report=ready.report, user=world.operator)
    with pytest.raises(PermissionDenied) as exc:
        workflow.report_approve(report=ready.report, user=world.operator)
    assert "tidak dapat menyetujuinya sendiri" in str(exc.value)


def test_return_needs_a_reason_and_notifies_the_operator(ready, world):
    workflow.report_submit(report=ready.report, user=world.operator)
    assert Notification.objects.filter(user=world.camat).exists()
    with pytest.raises(ValidationError):
        workflow.report_return(report=ready.report, user=world.camat, reason="  ")
    workflow.report_return(report=ready.report, user=world.camat, reason="Bukti dukung AKIP belum ada")
    ready.report.refresh_from_db()
    assert ready.report.status == Status.RETURNED
    assert Notification.objects.filter(user=world.operator, text__contains="Bukti dukung AKIP belum ada").exists()


def test_submission_with_consistency_errors_is_refused(plan, world):
    report = ReportFactory(organisation=world.own, year=2024, period="annual")
    with pytest.raises(ValidationError) as exc:
        workflow.report_submit(report=report, user=world.operator)
    assert "galat pada pemeriksaan konsistensi" in exc.value.messages[0]


def test_approval_freezes_the_period_by_every_route(ready, world, client):
    _approved(ready.report, world)
    r = Realisation.objects.get(indicator__name="Nilai evaluasi AKIP", quarter=4)
    r.value = Decimal(90)
    with pytest.raises(ValidationError):  # model / admin / import route
        r.save()
    with pytest.raises(ValidationError), transaction.atomic():  # a request boundary, as in admin
        r.delete()
    client.force_login(world.operator)  # form route
    url = reverse("realisations:edit", args=[r.indicator_id, 2024, 4])
    response = client.post(url, {"value": "90", "revision": r.revision, "faktor_penghambat": "", "solusi": ""})
    assert "dikunci" in response.content.decode()
    assert Realisation.objects.get(pk=r.pk).value == Decimal("84.24")
    item = ready.report.organisation.agreements.get().items.first()
    item.annual_target = Decimal(1)
    with pytest.raises(ValidationError):
        item.save()


def test_reopen_unfreezes(ready, world):
    """Reopened with a reason, the approved report is a draft again and its period's data can be
    changed (the approval froze it: test_approval_freezes_the_period_by_every_route)."""
    _approved(ready.report, world)
    workflow.report_reopen(report=ready.report, user=world.camat, reason="Koreksi realisasi AKIP")
    ready.report.refresh_from_db()
    assert ready.report.status == Status.DRAFT
    event = ReportEvent.objects.filter(report=ready.report).order_by("-pk").first()
    assert (event.from_status, event.to_status, event.actor, event.reason) == (
        Status.APPROVED, Status.DRAFT, world.camat, "Koreksi realisasi AKIP",
    )  # fmt: skip
    r = Realisation.objects.get(indicator__name="Nilai evaluasi AKIP", quarter=4)
    r.value = Decimal("74.64")
    r.save()
    assert Realisation.objects.get(pk=r.pk).value == Decimal("74.64")


def test_approved_pdf_is_byte_identical_a_day_later_after_renaming_an_indicator(ready, world, client, plan):
    _approved(ready.report, world)
    client.force_login(world.inspektorat)
    url = reverse("reports:download", args=[ready.report.pk, "pdf"])
    first = client.get(url).content
    assert first.startswith(b"%PDF")
    plan.akip.name = "Nilai SAKIP (nama baru)"
    with pytest.raises(ValidationError, match="dikunci"):  # the Renstra of an approved report is frozen (issue 15)
        plan.akip.save()
    from apps.reports.freeze import suspended

    with suspended():  # changed anyway (a restore from backup): the approved bytes stay
        plan.akip.save()
    later = timezone.now() + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        second = client.get(url).content
    assert first == second
    snapshot = ReportSnapshot.objects.get(report=ready.report)
    import hashlib

    assert hashlib.sha256(second).hexdigest() == snapshot.sha256


def test_verification_page(ready, world, client):
    _approved(ready.report, world)
    snapshot = ReportSnapshot.objects.get(report=ready.report)
    body = client.get(reverse("verify_token", args=[snapshot.token])).content.decode()
    assert 'data-verified="1"' in body and snapshot.sha256 in body
    assert 'data-verified="1"' in client.get(reverse("verify") + f"?sha256={snapshot.sha256}").content.decode()
    assert 'data-verified="0"' in client.get(reverse("verify") + "?sha256=" + "0" * 64).content.decode()


def test_changes_since_the_approved_version(ready, world, client, plan):
    _approved(ready.report, world)
    workflow.report_reopen(report=ready.report, user=world.camat, reason="koreksi")
    r = Realisation.objects.get(indicator=plan.akip, quarter=4)
    r.value = Decimal("74.64")
    r.save()
    client.force_login(world.camat)
    body = client.get(reverse("reports:changes", args=[ready.report.pk])).content.decode()
    assert "84,24" in body and "74,64" in body and "102,25 %" in body


def test_review_flow_and_notes(ready, world, client):
    _approved(ready.report, world)
    note = workflow.review_note_add(report=ready.report, user=world.inspektorat, text="Lengkapi analisis efisiensi")
    assert note.pk
    workflow.review_complete(report=ready.report, user=world.inspektorat)
    ready.report.refresh_from_db()
    assert ready.report.status == Status.REVIEWED
    client.force_login(world.operator)
    body = client.get(ready.report.get_absolute_url()).content.decode()
    assert "Pernyataan Telah Direviu" in body and "Lengkapi analisis efisiensi" in body


@pytest.mark.parametrize(
    ("persona", "expected"), [("inspektorat", 200), ("admin", 200), ("operator", 403), ("camat", 403), ("foreign_inspektorat", 404)]
)
def test_pemda_overview(client, ready, world, persona, expected):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("reports:pemda", args=[world.pemda.pk, 2024]))
    assert response.status_code == expected
    if expected == 200:
        body = response.content.decode()
        assert "Kecamatan Perak" in body and "Kecamatan Ploso" in body and "Kecamatan Kalaena" not in body


def test_pemda_zip_holds_the_approved_pdfs(client, ready, world):
    import io
    import zipfile

    _approved(ready.report, world)
    client.force_login(world.inspektorat)
    response = client.get(reverse("reports:pemda_zip", args=[world.pemda.pk, 2024]))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == ["LKjIP-2024-perak-v1.pdf"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_concurrent_approvals_give_one_approval_and_one_error(world, ready):
    report = ready.report
    workflow.report_submit(report=report, user=world.operator)
    second_camat = world.camat.__class__.objects.create(username="camat2")
    member(second_camat, Role.CAMAT, organisation=world.own)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def approve(user):
        from django.db import connection as conn

        try:
            barrier.wait()
            workflow.report_approve(report=Report.objects.get(pk=report.pk), user=user)
            results.append("ok")
        except ValidationError as exc:
            results.append(exc.messages[0])
        finally:
            conn.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (world.camat, second_camat)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # The loser comes after the decision (approval in progress: issue 21) or after the approval is complete.
    loser = next(r for r in results if r != "ok")
    assert results.count("ok") == 1 and (loser.startswith("Laporan berstatus «Disetujui»") or loser == str(workflow.APPROVAL_IN_PROGRESS))
    assert ReportSnapshot.objects.filter(report=report).count() == 1
