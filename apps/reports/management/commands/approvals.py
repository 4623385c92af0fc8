"""Approvals in progress (issue 21): list them, run one in this process, or resume every one whose worker is gone.

manage.py approvals                 # what is open: report, state, attempts, whether a live worker holds it
manage.py approvals --run 12        # render approval 12 here (what the rq worker does)
manage.py approvals --resume        # after an outage: queue again every open approval no live worker holds
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from apps.core import jobs
from apps.reports import workflow
from apps.reports.models import ApprovalRender


class Command(BaseCommand):
    help = "Persetujuan laporan yang dokumennya belum selesai dibuat: daftar, jalankan satu (--run), lanjutkan semua (--resume)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--run", type=int, metavar="ID", help="buat dokumen persetujuan ini di proses ini")
        parser.add_argument("--resume", action="store_true", help="antrekan lagi setiap persetujuan terbuka yang tidak sedang dikerjakan")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["run"]:
            workflow.approval_render_run(options["run"])
            render = ApprovalRender.objects.get(pk=options["run"])
            self.stdout.write(f"{render}: {render.error}" if render.error else str(render))
            return
        open_renders = ApprovalRender.objects.filter(state__in=ApprovalRender.OPEN).select_related("report__organisation")
        for render in open_renders:
            running = jobs.is_running("approval", render.pk)
            line = f"{render.pk}: {render.report} · {render.get_state_display()} · percobaan {render.attempts}"
            if options["resume"] and not running:
                ApprovalRender.objects.filter(pk=render.pk).update(state=ApprovalRender.State.QUEUED)
                jobs.enqueue(workflow.approval_render_run, render.pk)
                line += " · diantrekan lagi"
            elif running:
                line += " · sedang dikerjakan"
            self.stdout.write(line)
        if not open_renders:
            self.stdout.write("Tidak ada persetujuan yang sedang diproses.")
