"""Background jobs (issue 21): a PDF is never rendered inside a request.

``enqueue(func, *args)`` runs ``func(*args)`` according to ``settings.JOBS_MODE``:

* ``"rq"``: after the current transaction commits, on the Redis queue ``default`` (django-rq), for the
  workers (`manage.py rqworker default`); any number of web nodes and workers share one queue;
* ``"thread"``: after the commit, in a daemon thread of this process (the embedded first run without
  Redis: the request returns at once and the page polls);
* ``"inline"``: at once, in the caller (the test settings; the queue's own tests switch to "rq").

``func`` must be importable by path (a module-level function) and take plain arguments (ids), so that a
worker on another machine can run it, and a retry can run it again.

``try_advisory_lock(key)`` tells whether another process is running a job right now: a PostgreSQL
session lock, released when the holder finishes or when its connection dies (a killed worker, a
restarted database), so a retry never runs beside a live worker and never waits for a dead one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import Error, connection, transaction

logger = logging.getLogger(__name__)

#: The first key of the two-integer advisory locks of this app (the second is the job's row id).
LOCK_SPACE = {"approval": 2101, "render": 2102}


def mode() -> str:
    return str(getattr(settings, "JOBS_MODE", "inline"))


def enqueue(func: Callable[..., Any], *args: Any) -> None:
    """Run ``func(*args)`` in the background (see the module's docstring)."""
    how = mode()
    if how == "inline":
        func(*args)
        return
    if how == "rq":
        transaction.on_commit(lambda: _rq_enqueue(func, *args))
        return
    transaction.on_commit(lambda: threading.Thread(target=_in_thread, args=(func, *args), daemon=True).start())


def _rq_enqueue(func: Callable[..., Any], *args: Any) -> None:
    import django_rq  # inside: django-rq loads redis; only the "rq" mode needs it

    django_rq.get_queue("default").enqueue(func, *args)


def _in_thread(func: Callable[..., Any], *args: Any) -> None:
    from django.db import connections

    try:
        func(*args)
    except Exception:  # noqa: BLE001 - a job records its own failure; this only keeps the thread from dying loudly
        logger.exception("Pekerjaan latar belakang gagal")
    finally:
        connections.close_all()


@contextmanager
def try_advisory_lock(space: str, key: int) -> Iterator[bool]:
    """Hold the session lock (``space``, ``key``) for the block if nobody holds it: yields whether it was taken.
    Without PostgreSQL (the embedded SQLite first run: one process) it is always taken."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE[space], key])
        taken = bool(cursor.fetchone()[0])
    try:
        yield taken
    finally:
        if taken:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE[space], key])
            except Error:  # the connection died: the lock died with it
                pass


def is_running(space: str, key: int) -> bool:
    """Whether a live process holds the lock (``space``, ``key``) now (a job is being run)."""
    with try_advisory_lock(space, key) as taken:
        return not taken
