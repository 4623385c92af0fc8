"""Background rendering of draft PDFs (apps.core.jobs: rq with REDIS_URL, else a thread; inline in the tests)."""

from __future__ import annotations

import logging
import time
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from apps.core import jobs

from .models import RenderJob
from .renderers import render_pdf
from .services import report_document

logger = logging.getLogger(__name__)


def render_job(job_id: int) -> None:
    job = RenderJob.objects.select_related("report__organisation__pemda").get(pk=job_id)
    job.state = RenderJob.State.RUNNING
    job.save(update_fields=["state"])
    started = time.perf_counter()
    try:
        name, _ctype, pdf = render_pdf(report_document(report=job.report))
        job.filename = name
        job.file.save(name, ContentFile(pdf), save=False)
        job.state = RenderJob.State.DONE
    except Exception as exc:  # noqa: BLE001 - the user sees that it failed; the log has the traceback
        logger.exception("PDF gagal dibuat")
        job.state = RenderJob.State.FAILED
        job.error = str(exc)[:2000]
    job.seconds = Decimal(str(round(time.perf_counter() - started, 3)))
    job.finished_at = timezone.now()
    job.save()


def enqueue_render(*, report: Any, user: Any) -> RenderJob:
    job = RenderJob.objects.create(report=report, requested_by=user)
    jobs.enqueue(render_job, job.pk)
    job.refresh_from_db()
    return job
