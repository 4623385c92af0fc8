"""Pemda-wide pages of the inspektorat over 3 kecamatan against 30: queries must not grow.

The pemda-wide page (issue 7: ``reports:pemda``, every kecamatan with report status, capaian and
serapan) is measured with the inspektorat's home page and the organisations list. To point the
script at another page, change PEMDA_PAGE or add a row to PAGES; the kwarg value PEMDA stands for
the measured pemda's primary key.

The 3-kecamatan kabupaten is the floor: ratio = time with 30 / time with 3.

    .venv/bin/python bench/inspektorat_page.py            # BENCH_REPS=7 by default
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import YEAR, Timing, emit, machine, measure, reps, setup, verdict  # noqa: E402

PEMDA = object()  # placeholder for the pemda's pk in PAGES kwargs
PEMDA_PAGE = "reports:pemda"  # the pemda-wide page of issue 7
# (label, url name, kwargs)
PAGES: list[tuple[str, str, dict[str, object]]] = [
    ("pemda overview", PEMDA_PAGE, {"pemda_pk": PEMDA, "year": YEAR}),
    ("home (inspektorat)", "home", {}),
    ("organisations list", "organisations:list", {}),
]
SMALL, LARGE = "synth3", "synth"  # 3 and 30 kecamatan


def main() -> None:
    setup(datasets=(SMALL, LARGE))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from apps.accounts.models import User
    from apps.organisations.models import Organisation, Pemda

    setup_test_environment()
    n = reps(7)
    figures: dict[str, dict[str, object]] = {}
    print(f"# {machine()}")
    sizes = {code: Organisation.objects.filter(pemda__code=code).count() for code in (SMALL, LARGE)}
    print(f"# inspektorat.{SMALL} ({sizes[SMALL]} kecamatan) vs inspektorat.{LARGE} ({sizes[LARGE]} kecamatan); {n} repetitions, medians")
    print(f"{'page':24}{'q 3':>6}{'q 30':>6}{'ms 3':>9}{'ms 30':>9}{'ratio':>7}{'cpu 3':>9}{'cpu 30':>9}{'ratio':>7}  constant queries")
    all_ok = True
    for label, name, kwargs in PAGES:
        row: dict[str, object] = {}
        for code in (SMALL, LARGE):
            pemda_pk = Pemda.objects.get(code=code).pk
            url = reverse(name, kwargs={k: pemda_pk if v is PEMDA else v for k, v in kwargs.items()} or None)
            client = Client()
            client.force_login(User.objects.get(username=f"inspektorat.{code}"))
            assert client.get(url).status_code == 200
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            queries = len(ctx.captured_queries)
            timing = Timing()
            for _ in range(n):
                measure(lambda: client.get(url), timing)  # noqa: B023 - called at once
            row[code] = (queries, timing.wall_ms, timing.cpu_ms)
        (q3, ms3, cpu3), (q30, ms30, cpu30) = row[SMALL], row[LARGE]  # type: ignore[misc]
        ok = q3 == q30
        all_ok = all_ok and ok
        print(f"{label:24}{q3:6}{q30:6}{ms3:9.1f}{ms30:9.1f}{ms30 / ms3:7.2f}{cpu3:9.1f}{cpu30:9.1f}{cpu30 / cpu3:7.2f}  {verdict(ok)}")
        figures[label] = {
            "queries_3": q3,
            "queries_30": q30,
            "ms_3": round(ms3, 1),
            "ms_30": round(ms30, 1),
            "ratio": round(ms30 / ms3, 2),
            "cpu_ms_3": round(cpu3, 1),
            "cpu_ms_30": round(cpu30, 1),
            "ratio_cpu": round(cpu30 / cpu3, 2),
        }
    emit("inspektorat_page", {"reps": n, "pages": figures, "constant_queries": all_ok})


if __name__ == "__main__":
    main()
