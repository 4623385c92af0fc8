"""Issue 21: nobody waits for a PDF. The camat's approval is stored at once and completed by a worker; no
request renders a PDF; a failed, killed or disconnected render leaves the report submitted with the approval
visibly in progress, and a retry completes it with the same SHA-256 (the PDF is the decision's: same date,
same token, frozen data). Nothing is half-approved."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core import signals
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from apps.accounts.models import Notification
from apps.core import jobs
from apps.reports import workflow
from apps.reports.models import ApprovalRender, Report, ReportSnapshot, Status
from apps.reports.views.common import approval_state

ROOT = Path(__file__).resolve().parents[2]


class Queue:
    """The rq queue as the web node sees it: jobs are recorded at commit, run later by "the worker" (the test)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Any, tuple[Any, ...]]] = []

    def enqueue(self, func: Any, *args: Any) -> None:
        self.jobs.append((func, args))

    def work(self) -> int:
        done = 0
        while self.jobs:
            func, args = self.jobs.pop(0)
            func(*args)
            done += 1
        return done


@pytest.fixture
def queue(settings, monkeypatch) -> Queue:
    """JOBS_MODE "rq" with the queue recorded (jobs.enqueue defers to the commit, as on a web node)."""
    settings.JOBS_MODE = "rq"
    q = Queue()
    monkeypatch.setattr(jobs, "_rq_enqueue", q.enqueue)
    return q


@pytest.fixture
def no_pdf_in_requests(monkeypatch) -> list[str]:
    """Fails the test if WeasyPrint writes a PDF while a request is being handled; records the PDFs written."""
    from weasyprint import HTML

    in_request = threading.local()
    written: list[str] = []

    def started(**_kw: Any) -> None:
        in_request.on = True

    def finished(**_kw: Any) -> None:
        in_request.on = False

    original = HTML.write_pdf

    def write_pdf(self: Any, *args: Any, **kwargs: Any) -> Any:
        assert not getattr(in_request, "on", False), "a PDF was rendered inside a request"
        written.append("pdf")
        return original(self, *args, **kwargs)

    signals.request_started.connect(started, dispatch_uid="t-started")
    signals.request_finished.connect(finished, dispatch_uid="t-finished")
    monkeypatch.setattr(HTML, "write_pdf", write_pdf)
    yield written
    signals.request_started.disconnect(dispatch_uid="t-started")
    signals.request_finished.disconnect(dispatch_uid="t-finished")


def _submitted(ready, world) -> Report:
    report = workflow.report_submit(report=ready.report, user=world.operator)
    assert report.status == Status.SUBMITTED
    return report


def _approve(client, world, report: Report, django_capture_on_commit_callbacks) -> Any:
    client.force_login(world.camat)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("reports:transition", args=[report.pk, "setujui"]))


def _page(client, report: Report) -> str:
    return client.get(report.get_absolute_url()).content.decode()


def test_approval_returns_before_any_pdf_and_the_worker_completes_it(
    client, world, ready, queue, no_pdf_in_requests, django_capture_on_commit_callbacks
):
    report = _submitted(ready, world)
    response = _approve(client, world, report, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and no_pdf_in_requests == []
    render = ApprovalRender.objects.get(report=report)
    assert render.state == ApprovalRender.State.QUEUED and render.approved_by == world.camat
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED and not ReportSnapshot.objects.exists()
    assert [f.__name__ for f, _a in queue.jobs] == ["approval_render_run"]
    page = _page(client, report)
    assert "Persetujuan dicatat" in page and "sedang dibuat" in page and 'data-approval="queued"' in page
    assert f'action="/laporan/{report.pk}/alur/setujui/"' not in page  # no second approval meanwhile
    # Nothing approved can be downloaded yet: the PDF asked for now is a draft job, also off the request.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 302
    assert no_pdf_in_requests == []

    assert queue.work() == 2  # "the worker": the approval, then the draft PDF
    assert no_pdf_in_requests == ["pdf", "pdf"]
    report.refresh_from_db()
    render.refresh_from_db()
    snapshot = ReportSnapshot.objects.get(report=report)
    assert report.status == Status.APPROVED and render.state == ApprovalRender.State.DONE and render.snapshot == snapshot
    assert snapshot.token == render.token and snapshot.approved_at == render.approved_at and snapshot.approved_by == world.camat
    with snapshot.pdf.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == snapshot.sha256
    assert Notification.objects.filter(user=world.camat, text__contains="sudah siap diunduh").exists()
    assert Notification.objects.filter(user=world.operator, text__contains="disetujui camat").exists()
    status = client.get(reverse("reports:approval_status", args=[report.pk]))
    assert status.status_code == 204 and status["HX-Refresh"] == "true"
    download = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert download.status_code == 200 and hashlib.sha256(download.content).hexdigest() == snapshot.sha256
    assert no_pdf_in_requests == ["pdf", "pdf"]


def test_a_failed_render_is_shown_blocks_other_transitions_and_a_retry_gives_the_same_hash(
    client, world, ready, queue, monkeypatch, django_capture_on_commit_callbacks
):
    report = _submitted(ready, world)
    _approve(client, world, report, django_capture_on_commit_callbacks)
    real = workflow.pdf_from_html
    monkeypatch.setattr(workflow, "pdf_from_html", lambda html: (_ for _ in ()).throw(RuntimeError("font hilang")))
    queue.work()
    render = ApprovalRender.objects.get(report=report)
    assert render.state == ApprovalRender.State.FAILED and "font hilang" in render.error and render.attempts == 1
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED and not ReportSnapshot.objects.exists()
    page = _page(client, report)
    assert "dokumennya tidak dapat dibuat" in page and "font hilang" in page and "Coba buat lagi" in page
    with pytest.raises(ValidationError) as exc:  # the camat cannot return it meanwhile: the decision stands
        workflow.report_return(report=report, user=world.camat, reason="Periksa lagi")
    assert exc.value.messages == [str(workflow.APPROVAL_IN_PROGRESS)]

    monkeypatch.setattr(workflow, "pdf_from_html", real)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:transition", args=[report.pk, "ulangi-persetujuan"]))
    assert queue.work() == 1
    render.refresh_from_db()
    snapshot = ReportSnapshot.objects.get(report=report)
    assert render.state == ApprovalRender.State.DONE and render.attempts == 2 and Report.objects.get(pk=report.pk).status == Status.APPROVED
    again = hashlib.sha256(workflow._approval_documents(render)["pdf"]).hexdigest()
    assert snapshot.sha256 == again  # the PDF is the decision's: rendering it again gives the same bytes


def test_a_failed_approval_can_be_cancelled_and_the_report_returned(
    client, world, ready, queue, monkeypatch, django_capture_on_commit_callbacks
):
    report = _submitted(ready, world)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_approve(report=report, user=world.camat)
    monkeypatch.setattr(workflow, "pdf_from_html", lambda html: (_ for _ in ()).throw(RuntimeError("x")))
    queue.work()
    client.force_login(world.camat)
    client.post(reverse("reports:transition", args=[report.pk, "batalkan-persetujuan"]))
    assert ApprovalRender.objects.get(report=report).state == ApprovalRender.State.CANCELLED
    assert approval_state(Report.objects.get(pk=report.pk)) is None
    returned = workflow.report_return(report=Report.objects.get(pk=report.pk), user=world.camat, reason="Lengkapi analisis")
    assert returned.status == Status.RETURNED and not ReportSnapshot.objects.exists()


def test_only_the_camat_retries_or_cancels(client, world, ready, queue, monkeypatch, django_capture_on_commit_callbacks):
    report = _submitted(ready, world)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_approve(report=report, user=world.camat)
    monkeypatch.setattr(workflow, "pdf_from_html", lambda html: (_ for _ in ()).throw(RuntimeError("x")))
    queue.work()
    for user in (world.operator, world.inspektorat, world.admin):
        client.force_login(user)
        for action in ("ulangi-persetujuan", "batalkan-persetujuan"):
            client.post(reverse("reports:transition", args=[report.pk, action]))
        assert ApprovalRender.objects.get(report=report).state == ApprovalRender.State.FAILED and queue.jobs == []
        assert "Coba buat lagi" not in _page(client, report)


# ---------------------------------------------------------------- a worker killed, a database connection lost

pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks and a second process need PostgreSQL")


def _database_url() -> str:
    s = connection.settings_dict
    user = s.get("USER") or "postgres"
    auth = f"{user}:{s['PASSWORD']}" if s.get("PASSWORD") else user
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@pg_only
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_leaves_it_pending_and_a_retry_completes_it(world, ready, queue, settings):
    report = _submitted(ready, world)
    workflow.report_approve(report=report, user=world.camat)  # committed: the queue holds the job
    render = ApprovalRender.objects.get(report=report)
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "lkjip.settings.test",
           "MEDIA_ROOT": str(settings.MEDIA_ROOT)}  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "approvals", "--run", str(render.pk)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and ApprovalRender.objects.get(pk=render.pk).state != ApprovalRender.State.RUNNING:
            assert worker.poll() is None, worker.stdout.read().decode() if worker.stdout else ""
            time.sleep(0.02)
        assert jobs.is_running("approval", render.pk)  # a live worker holds it: no retry beside it
        with pytest.raises(ValidationError):
            workflow.approval_retry(report=report, user=world.camat)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    deadline = time.monotonic() + 10
    while jobs.is_running("approval", render.pk) and time.monotonic() < deadline:
        time.sleep(0.05)  # the server notices the dead client and drops its session lock
    state = approval_state(Report.objects.get(pk=report.pk))
    assert state is not None and state.stalled and state.retryable
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED and not ReportSnapshot.objects.exists()

    settings.JOBS_MODE = "inline"
    workflow.approval_retry(report=Report.objects.get(pk=report.pk), user=world.camat)
    render.refresh_from_db()
    snapshot = ReportSnapshot.objects.get(report=report)
    assert render.state == ApprovalRender.State.DONE and render.attempts == 2
    assert Report.objects.get(pk=report.pk).status == Status.APPROVED
    assert snapshot.sha256 == hashlib.sha256(workflow._approval_documents(render)["pdf"]).hexdigest()


@pg_only
@pytest.mark.django_db(transaction=True)
def test_a_database_connection_lost_mid_render_fails_visibly_and_a_retry_completes_it(world, ready, queue, settings, monkeypatch):
    """The worker's connection is terminated by the server while the PDF renders (as in a PostgreSQL restart):
    nothing is stored, the render is recorded as failed (on a new connection), and a retry completes it."""
    report = _submitted(ready, world)
    workflow.report_approve(report=report, user=world.camat)
    render = ApprovalRender.objects.get(report=report)
    real = workflow.pdf_from_html
    rendering, killed = threading.Event(), threading.Event()
    worker_pid: list[int] = []

    def slow_pdf(html: str) -> bytes:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            worker_pid.append(cursor.fetchone()[0])
        rendering.set()
        assert killed.wait(timeout=30)
        return real(html)

    monkeypatch.setattr(workflow, "pdf_from_html", slow_pdf)
    thread = threading.Thread(target=lambda: (queue.work(), connection.close()))
    thread.start()
    assert rendering.wait(timeout=60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [worker_pid[0]])
    killed.set()
    thread.join(timeout=60)
    render.refresh_from_db()
    assert render.state == ApprovalRender.State.FAILED, render.error
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED and not ReportSnapshot.objects.exists()

    monkeypatch.setattr(workflow, "pdf_from_html", real)
    settings.JOBS_MODE = "inline"
    workflow.approval_retry(report=Report.objects.get(pk=report.pk), user=world.camat)
    render.refresh_from_db()
    assert render.state == ApprovalRender.State.DONE and Report.objects.get(pk=report.pk).status == Status.APPROVED
    assert ReportSnapshot.objects.get(report=report).sha256 == hashlib.sha256(workflow._approval_documents(render)["pdf"]).hexdigest()


def test_the_worker_settings_are_wired():
    """The compose worker runs `manage.py rqworker default`: django_rq is installed and the queue is configured."""
    assert "django_rq" in django_settings.INSTALLED_APPS and "default" in django_settings.RQ_QUEUES
