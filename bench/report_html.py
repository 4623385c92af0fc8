"""HTML pages of a small organisation (few indicators) against a large one (8 IKU / 40 sub kegiatan).

Through the Django test Client (the whole middleware stack, in-process, no network), logged in as
each kecamatan's operator: the report page (``reports:view``, annual and TW II), the realisation
grid and the consistency page. For each page: the query count (CaptureQueriesContext) and the
median time; the small organisation is the floor. Goal for the report page: the same query count
for both, at most 25 queries, under 300 ms. Each page is measured on a cache miss (the cache emptied before
every request) and, for the report pages, on a hit (issue 21: the page's document part cached by the data
version; goal at most 10 queries and 30 ms CPU on a hit, 120 ms CPU on a miss).

    .venv/bin/python bench/report_html.py            # BENCH_REPS=7 by default
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import YEAR, Timing, emit, machine, measure, organisations, reps, setup, verdict  # noqa: E402

GOAL_QUERIES = 25
GOAL_MS = 300.0

# (label, url name, kwargs without org_pk); every page is measured for both organisations.
PAGES = [
    ("report page (annual)", "reports:view", {"year": YEAR, "period": "annual"}),
    ("report page (TW II)", "reports:view", {"year": YEAR, "period": "tw2"}),
    ("realisation grid (TW IV)", "realisations:grid", {"year": YEAR, "quarter": 4}),
    ("consistency page (TW IV)", "realisations:consistency", {"year": YEAR, "quarter": 4}),
]


def page_figures(client, url: str, n: int) -> tuple[int, Timing, int, int, Timing]:  # type: ignore[no-untyped-def]
    """Queries and times on a miss (cache emptied first), then on a hit."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up (creates the report row on first use)
    assert response.status_code == 200, (url, response.status_code)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)  # now: the next request_started signal empties the log
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    hit_queries = len(ctx.captured_queries)
    timing, hit = Timing(), Timing()
    for _ in range(n):
        cache.clear()
        measure(lambda: client.get(url), timing)
        measure(lambda: client.get(url), hit)
    return queries, timing, len(response.content), hit_queries, hit


def main() -> None:
    setup(datasets=("synth", "synth-small"))
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from apps.accounts.models import User
    from apps.planning.models import Indicator

    setup_test_environment()
    n = reps(7)
    small, large = organisations("synth-small")[0], organisations("synth")[0]
    rows = []
    for org in (small, large):
        client = Client()
        client.force_login(User.objects.get(username=f"operator.{org.slug}"))
        for label, name, kwargs in PAGES:
            url = reverse(name, kwargs={"org_pk": org.pk, **kwargs})
            queries, timing, size, hit_queries, hit = page_figures(client, url, n)
            rows.append((label, org, queries, timing, size, hit_queries, hit))
    print(f"# {machine()}")
    for org in (small, large):
        count = Indicator.objects.filter(organisation=org).count()
        print(f"# {'small' if org is small else 'large'}: {org.slug}, {count} indicators")
    print(f"# {n} repetitions, medians of wall and process CPU time; ratio = large / small (the small organisation is the floor)")
    print(
        f"{'page':28}{'q small':>8}{'q large':>8}{'ms small':>10}{'ms large':>10}{'ratio':>7}{'cpu small':>10}{'cpu large':>10}{'ratio':>7}"
    )
    results = {}
    ok = True
    for label, _name, _kw in PAGES:
        (s,) = [r for r in rows if r[0] == label and r[1] is small]
        (big,) = [r for r in rows if r[0] == label and r[1] is large]
        ratio, ratio_cpu = big[3].wall_ms / s[3].wall_ms, big[3].cpu_ms / s[3].cpu_ms
        print(
            f"{label:28}{s[2]:8}{big[2]:8}{s[3].wall_ms:10.1f}{big[3].wall_ms:10.1f}{ratio:7.2f}"
            f"{s[3].cpu_ms:10.1f}{big[3].cpu_ms:10.1f}{ratio_cpu:7.2f}"
        )
        results[label] = {
            "queries_small": s[2],
            "queries_large": big[2],
            "ms_small": round(s[3].wall_ms, 1),
            "ms_large": round(big[3].wall_ms, 1),
            "cpu_ms_small": round(s[3].cpu_ms, 1),
            "cpu_ms_large": round(big[3].cpu_ms, 1),
            "ratio": round(ratio, 2),
            "ratio_cpu": round(ratio_cpu, 2),
            "kib_large": round(big[4] / 1024),
            "hit_queries_large": big[5],
            "hit_cpu_ms_large": round(big[6].cpu_ms, 1),
            "hit_ms_large": round(big[6].wall_ms, 1),
        }
        if label.startswith("report page"):
            queries_ok = s[2] == big[2] and big[2] <= GOAL_QUERIES
            page_ok = queries_ok and big[3].wall_ms < GOAL_MS
            ok = ok and page_ok
            print(
                f"  goal (equal queries, <= {GOAL_QUERIES}, < {GOAL_MS:.0f} ms): {verdict(page_ok)} on wall time; "
                f"{verdict(queries_ok and big[3].cpu_ms < GOAL_MS)} on process CPU time"
            )
            print(
                f"  cache hit (large): {big[5]} queries, {big[6].wall_ms:.1f} ms wall, {big[6].cpu_ms:.1f} ms cpu "
                f"(goal <= 10 queries: {verdict(big[5] <= 10)}, < 30 ms cpu: {verdict(big[6].cpu_ms < 30)}); "
                f"miss < 120 ms cpu: {verdict(big[3].cpu_ms < 120)}"
            )
    emit("report_html", {"reps": n, "pages": results, "goal_met": ok})


if __name__ == "__main__":
    main()
