"""Background rendering of draft PDFs (django-rq). Without REDIS_URL the job runs inline."""

from __future__ import annotations

import logging
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

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
    if getattr(settings, "RQ_ASYNC", False):
        import django_rq  # inside: the queue is optional (RQ_ASYNC); django-rq loads redis and reads its settings on import

        transaction.on_commit(lambda: django_rq.enqueue(render_job, job.pk))
    else:
        render_job(job.pk)
        job.refresh_from_db()
    return job
