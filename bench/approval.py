"""Nobody waits (issue 21): the CPU of the requests around a PDF, with the jobs on a queue as on a server.

* ``approve``: the camat's «Setujui» request (decision stored, job queued; no PDF). Goal < 1 s CPU.
* ``worker``: the queued job itself (document, PDF, XLSX, snapshot, status), for scale.
* ``approved PDF``: downloading the approved PDF (stored bytes). Goal < 50 ms CPU.
* ``cached draft``: a second draft PDF of an unchanged report: the request, the worker's reuse of the first
  file (document and HTML computed, no layout), and the download. Goal: download < 50 ms CPU.

    .venv/bin/python bench/approval.py            # BENCH_REPS=5 by default
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import YEAR, Timing, emit, machine, measure, organisations, reps, setup, verdict  # noqa: E402

GOAL_APPROVE_CPU_MS = 1000
GOAL_DOWNLOAD_CPU_MS = 50


def main() -> None:
    setup(datasets=("synth3",))
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from apps.accounts.models import Membership, Role, User
    from apps.core import jobs
    from apps.reports import services
    from apps.reports.models import ApprovalRender, RenderJob, Report, ReportSnapshot, Status

    settings.JOBS_MODE = "rq"
    settings.ALLOWED_HOSTS = ["*"]
    queued: list[tuple] = []
    jobs._rq_enqueue = lambda func, *args: queued.append((func, args))  # the queue, recorded; "the worker" is below

    def work() -> None:
        while queued:
            func, args = queued.pop(0)
            func(*args)

    org = organisations("synth3")[1]
    report = services.report_get_or_create(organisation=org, year=YEAR, period="annual")
    camat, _ = User.objects.get_or_create(username="bench-camat", defaults={"first_name": "Camat", "last_name": "Bench"})
    operator, _ = User.objects.get_or_create(username="bench-operator", defaults={"first_name": "Operator", "last_name": "Bench"})
    for user, role in ((camat, Role.CAMAT), (operator, Role.OPERATOR)):
        Membership.objects.get_or_create(user=user, role=role, pemda=org.pemda, organisation=org, defaults={"is_active": True})
    client = Client()
    client.force_login(camat)
    approve_url = reverse("reports:transition", args=[report.pk, "setujui"])

    def reset() -> None:
        ApprovalRender.objects.filter(report=report).delete()
        ReportSnapshot.objects.filter(report=report).delete()
        Report.objects.filter(pk=report.pk).update(status=Status.SUBMITTED, submitted_by=operator)

    n = reps(5)
    approve, worker, approved_dl, draft_req, draft_work, draft_dl = Timing(), Timing(), Timing(), Timing(), Timing(), Timing()
    reset()
    client.post(approve_url)  # warm-up: templates, imports
    work()
    for _ in range(n):
        reset()
        response = measure(lambda: client.post(approve_url), approve)
        assert response.status_code == 302 and len(queued) == 1, (response.status_code, queued)
        measure(work, worker)
        assert Report.objects.get(pk=report.pk).status == Status.APPROVED
    download_url = reverse("reports:download", args=[report.pk, "pdf"])
    for _ in range(n):
        response = measure(lambda: client.get(download_url), approved_dl)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    reset()
    Report.objects.filter(pk=report.pk).update(status=Status.DRAFT)
    client.get(download_url)
    work()  # the first draft PDF: laid out once
    for _ in range(n):
        response = measure(lambda: client.get(download_url), draft_req)
        measure(work, draft_work)
        job = RenderJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
        assert job.reused and job.state == RenderJob.State.DONE
        url = reverse("reports:render_job", args=[job.pk]) + "?unduh=1"
        response = measure(lambda: b"".join(client.get(url).streaming_content), draft_dl)  # noqa: B023 - called at once

    print(f"# {machine()}")
    print(f"# {org.slug} ({org}), annual LKjIP {YEAR}; {n} repetitions, medians")
    print(f"{'':36}{'wall ms':>10}{'cpu ms':>10}")
    for label, t in [
        ("approve request (decision, queued)", approve),
        ("worker: approval render + store", worker),
        ("approved PDF download", approved_dl),
        ("draft PDF request (queued)", draft_req),
        ("worker: unchanged draft (reused)", draft_work),
        ("cached draft PDF download", draft_dl),
    ]:
        print(f"{label:36}{t.wall_ms:>10.0f}{t.cpu_ms:>10.0f}")
    ok_approve = approve.cpu_ms < GOAL_APPROVE_CPU_MS
    ok_download = max(approved_dl.cpu_ms, draft_dl.cpu_ms) < GOAL_DOWNLOAD_CPU_MS
    print(
        f"approve < {GOAL_APPROVE_CPU_MS} ms cpu: {verdict(ok_approve)}; downloads < {GOAL_DOWNLOAD_CPU_MS} ms cpu: {verdict(ok_download)}"
    )
    emit(
        "approval",
        {
            "approve_cpu_ms": round(approve.cpu_ms), "worker_cpu_ms": round(worker.cpu_ms),
            "approved_download_cpu_ms": round(approved_dl.cpu_ms), "draft_request_cpu_ms": round(draft_req.cpu_ms),
            "draft_reuse_worker_cpu_ms": round(draft_work.cpu_ms), "draft_download_cpu_ms": round(draft_dl.cpu_ms), "reps": n,
        },
    )  # fmt: skip
    reset()
    Report.objects.filter(pk=report.pk).update(status=Status.DRAFT)


if __name__ == "__main__":
    main()
