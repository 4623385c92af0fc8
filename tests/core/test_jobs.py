"""apps.core.jobs (issue 21): where a job runs in each mode, and the session lock that tells a live job from a dead one."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from apps.core import jobs

DONE: list[tuple[str, int]] = []
RAN = threading.Event()


def job(name: str, number: int) -> None:
    DONE.append((name, number))
    RAN.set()


@pytest.fixture(autouse=True)
def _clear():
    DONE.clear()
    RAN.clear()


def test_inline_runs_at_once(settings):
    settings.JOBS_MODE = "inline"
    jobs.enqueue(job, "inline", 1)
    assert DONE == [("inline", 1)]


@pytest.mark.django_db
def test_thread_runs_after_the_commit_in_another_thread(settings, django_capture_on_commit_callbacks):
    settings.JOBS_MODE = "thread"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        jobs.enqueue(job, "thread", 2)
    assert DONE == [] and len(callbacks) == 1  # nothing before the commit
    callbacks[0]()
    assert RAN.wait(timeout=10) and DONE == [("thread", 2)]


@pytest.mark.django_db
def test_rq_is_queued_after_the_commit(settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.JOBS_MODE = "rq"
    queued: list[tuple] = []
    monkeypatch.setattr(jobs, "_rq_enqueue", lambda func, *args: queued.append((func, args)))
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(job, "rq", 3)
        assert queued == []
    assert queued == [(job, ("rq", 3))] and DONE == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="session locks are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_held_lock_is_seen_from_another_connection_and_released_with_it():
    seen: dict[str, bool] = {}

    def other() -> None:
        try:
            seen["running"] = jobs.is_running("approval", 77)
        finally:
            connections.close_all()

    with jobs.try_advisory_lock("approval", 77) as taken:
        assert taken
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen == {"running": True}
    assert not jobs.is_running("approval", 77)  # released at the end of the block
