"""LKjIP PDF of one generated kecamatan: the full path against bare WeasyPrint on the same HTML.

Full path = ``report_document`` (fetch and compute) + ``html_for_pdf`` + ``pdf_from_html``.
Floor = ``weasyprint.HTML(string=same_html).write_pdf()`` on the identical pre-rendered HTML, in
the same run, interleaved with the full path so that both see the same machine load.
Goal: full / floor <= 1.3 and the full report < 5 s (medians).

    .venv/bin/python bench/report_pdf.py            # BENCH_REPS=5 by default
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import YEAR, Timing, emit, machine, measure, organisations, reps, setup, verdict  # noqa: E402

GOAL_RATIO = 1.3
GOAL_SECONDS = 5.0


def main() -> None:
    setup(datasets=("synth",))
    from weasyprint import HTML

    from apps.reports import renderers, services

    org = organisations("synth")[0]
    report = services.report_get_or_create(organisation=org, year=YEAR, period="annual")
    n = reps(5)
    full, bare, build, html_t, pdf_t = Timing(), Timing(), Timing(), Timing(), Timing()
    html = renderers.html_for_pdf(services.report_document(report=report))
    HTML(string=html).write_pdf()  # warm-up: fonts, fontconfig cache, imports
    size = 0
    state: dict[str, str] = {}

    def full_path() -> bytes:
        doc = measure(lambda: services.report_document(report=report), build)
        state["html"] = measure(lambda: renderers.html_for_pdf(doc), html_t)
        return measure(lambda: renderers.pdf_from_html(state["html"]), pdf_t)

    for _ in range(n):
        pdf = measure(full_path, full)
        size = len(pdf)
        same_html = state["html"]
        measure(lambda: HTML(string=same_html).write_pdf(), bare)  # noqa: B023 - called at once
    pages = len(HTML(string=html).render().pages)
    ratio_wall = full.wall_ms / bare.wall_ms
    ratio_cpu = full.cpu_ms / bare.cpu_ms
    print(f"# {machine()}")
    print(f"# {org.slug} ({org}): {pages} pages, {size / 1024:.0f} KiB PDF, {len(html) / 1024:.0f} KiB HTML; {n} repetitions, medians")
    print(f"{'':28}{'wall ms':>10}{'cpu ms':>10}")
    for label, t in [
        ("report_document", build),
        ("html_for_pdf", html_t),
        ("pdf_from_html", pdf_t),
        ("full path", full),
        ("floor: bare WeasyPrint", bare),
    ]:
        print(f"{label:28}{t.wall_ms:10.0f}{t.cpu_ms:10.0f}")
    print(
        f"ratio full / floor: {ratio_wall:.2f}x wall ({verdict(ratio_wall <= GOAL_RATIO)}), {ratio_cpu:.2f}x cpu "
        f"({verdict(ratio_cpu <= GOAL_RATIO)}); goal <= {GOAL_RATIO}x"
    )
    print(
        f"full report: {full.wall_ms / 1000:.2f} s wall ({verdict(full.wall_ms / 1000 < GOAL_SECONDS)}), "
        f"{full.cpu_ms / 1000:.2f} s cpu ({verdict(full.cpu_ms / 1000 < GOAL_SECONDS)}); goal < {GOAL_SECONDS:.0f} s"
    )
    emit(
        "report_pdf",
        {
            "organisation": org.slug,
            "pages": pages,
            "reps": n,
            "full_ms": round(full.wall_ms),
            "floor_ms": round(bare.wall_ms),
            "full_cpu_ms": round(full.cpu_ms),
            "floor_cpu_ms": round(bare.cpu_ms),
            "ratio": round(ratio_wall, 2),
            "ratio_cpu": round(ratio_cpu, 2),
            "document_ms": round(build.wall_ms),
            "html_ms": round(html_t.wall_ms),
            "pdf_ms": round(pdf_t.wall_ms),
        },
    )


if __name__ == "__main__":
    main()
