"""Background rendering of draft PDFs (apps.core.jobs: rq with REDIS_URL, else a thread; inline in the tests)."""

from __future__ import annotations

import hashlib
import logging
import time
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from apps.core import jobs

from .models import RenderJob
from .renderers import filename, html_for_pdf, pdf_from_html
from .services import report_document

logger = logging.getLogger(__name__)


def render_job(job_id: int) -> None:
    """Render a draft PDF for its requester. The document and its HTML are computed (a fraction of a second);
    when a finished job of the same report was made of the same HTML, its file is reused (the same HTML
    makes the same PDF), so an unchanged report is never laid out twice (issue 21)."""
    job = RenderJob.objects.select_related("report__organisation__pemda").get(pk=job_id)
    job.state = RenderJob.State.RUNNING
    job.save(update_fields=["state"])
    started = time.perf_counter()
    try:
        doc = report_document(report=job.report)
        html = html_for_pdf(doc)
        job.html_sha256 = hashlib.sha256(html.encode()).hexdigest()
        job.filename = filename(doc, "pdf")
        cached = (
            RenderJob.objects.filter(report=job.report, state=RenderJob.State.DONE, html_sha256=job.html_sha256)
            .exclude(file="")
            .order_by("-finished_at")
            .first()
        )
        if cached is not None and cached.file.storage.exists(cached.file.name):
            job.file.name, job.reused = cached.file.name, True
        else:
            job.file.save(job.filename, ContentFile(pdf_from_html(html)), save=False)
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
