"""The pure calculation of a whole kabupaten-year against the fetch alone.

For each of the 30 generated kecamatan: ``org_year_input`` (the selector: 6 queries), then
``check_consistency`` and the capaian s/d TW IV of every indicator of the input
(``indicator_capaian``). The floor is the fetch alone, measured in the same run; the figure is
(fetch + compute) / fetch, and the compute share on its own.

    .venv/bin/python bench/calc_kabupaten.py            # BENCH_REPS=7 by default
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import YEAR, Timing, emit, machine, measure, organisations, reps, setup  # noqa: E402


def main() -> None:
    setup(datasets=("synth",))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps import calculations as calc
    from apps.performance.selectors import org_year_input

    orgs = organisations("synth")
    n = reps(7)

    def fetch() -> list[calc.OrgYearInput]:
        return [org_year_input(organisation=o, year=YEAR, upto=4) for o in orgs]

    def compute(inputs: list[calc.OrgYearInput]) -> tuple[int, int]:
        findings = capaian = 0
        for data in inputs:
            findings += len(calc.check_consistency(data))
            for ind in data.indicators:
                calc.indicator_capaian(ind.realisations, 4, ind.target, ind.rule)
                capaian += 1
        return findings, capaian

    inputs = fetch()
    compute(inputs)  # warm-up
    with CaptureQueriesContext(connection) as ctx:
        fetch()
    queries = len(ctx.captured_queries)
    fetch_t, compute_t, full_t = Timing(), Timing(), Timing()
    totals = (0, 0)
    for _ in range(n):
        measure(fetch, fetch_t)
        totals = measure(lambda: compute(inputs), compute_t)
        measure(lambda: compute(fetch()), full_t)
    indicators = sum(len(d.indicators) for d in inputs)
    # The compute share is small next to the fetch, so the direct ratio is mostly noise on a busy machine:
    # the figure is (fetch + compute) / fetch from the two separately measured medians; the direct one is printed too.
    ratio = (fetch_t.wall_ms + compute_t.wall_ms) / fetch_t.wall_ms
    ratio_cpu = (fetch_t.cpu_ms + compute_t.cpu_ms) / fetch_t.cpu_ms
    print(f"# {machine()}")
    print(f"# {len(orgs)} kecamatan, {indicators} PK indicators, {totals[0]} findings; {n} repetitions, medians")
    print(f"{'':34}{'wall ms':>10}{'cpu ms':>10}")
    for label, t in [
        ("floor: fetch (org_year_input x30)", fetch_t),
        ("compute only (pure module)", compute_t),
        ("fetch + compute", full_t),
    ]:
        print(f"{label:34}{t.wall_ms:10.1f}{t.cpu_ms:10.1f}")
    print(f"queries for the fetch: {queries} ({queries / len(orgs):.0f} per kecamatan)")
    print(
        f"ratio (fetch + compute) / fetch: {ratio:.2f}x wall, {ratio_cpu:.2f}x cpu (measured together: "
        f"{full_t.wall_ms / fetch_t.wall_ms:.2f}x); compute per kecamatan {compute_t.wall_ms / len(orgs):.2f} ms"
    )
    emit(
        "calc_kabupaten",
        {
            "kecamatan": len(orgs),
            "indicators": indicators,
            "findings": totals[0],
            "reps": n,
            "queries": queries,
            "fetch_ms": round(fetch_t.wall_ms, 1),
            "compute_ms": round(compute_t.wall_ms, 1),
            "full_ms": round(full_t.wall_ms, 1),
            "ratio": round(ratio, 2),
            "ratio_cpu": round(ratio_cpu, 2),
            "fetch_cpu_ms": round(fetch_t.cpu_ms, 1),
            "compute_cpu_ms": round(compute_t.cpu_ms, 1),
        },
    )


if __name__ == "__main__":
    main()
