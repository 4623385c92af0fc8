"""Shared set-up of the benchmark scripts: Django on the bench database, the synthetic data, timing.

Each script is run as ``.venv/bin/python bench/<name>.py``. It reads ``DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/lkjip_bench``), creates that database if it is missing,
migrates it, generates the synthetic kabupaten it needs (``generate_kabupaten``) once, and reuses
them on later runs. It refuses the databases that CI and the other engineers use.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lkjip_bench"
FORBIDDEN_DATABASES = {"lkjip", "test_lkjip"}
YEAR = 2024

# The synthetic kabupaten the scripts use: pemda code -> generate_kabupaten options.
DATASETS: dict[str, dict[str, Any]] = {
    "synth": {"kecamatan": 30},  # issue 9's kabupaten: 30 kecamatan, 8 IKU / 6 / 15 / 40 each
    "synth3": {"kecamatan": 3},  # the same shape, 3 kecamatan (for "constant across 3 vs 30")
    "synth-small": {"kecamatan": 1, "iku": 1, "programs": 1, "kegiatan": 1, "sub_kegiatan": 1},  # few indicators
}


def _ensure_database(url: str) -> None:
    parsed = urlparse(url)
    if not parsed.scheme.startswith("postgres"):
        return
    name = parsed.path.lstrip("/")
    import psycopg2

    admin = psycopg2.connect(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password or None,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def setup(*, datasets: tuple[str, ...] = ()) -> None:
    """Django on the bench database (created and migrated if needed), with ``datasets`` generated."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    url = os.environ["DATABASE_URL"]
    name = urlparse(url).path.lstrip("/")
    if name in FORBIDDEN_DATABASES and os.environ.get("BENCH_ALLOW_ANY_DB") != "1":
        sys.exit(f"bench: refusing DATABASE_URL database «{name}» (used by CI/others); use e.g. {DEFAULT_DATABASE_URL}")
    _ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    for code in datasets:
        ensure_dataset(code)


def ensure_dataset(code: str) -> Any:
    from apps.organisations.models import Pemda

    pemda = Pemda.objects.filter(code=code).first()
    if pemda is None:
        from apps.tools.synthetic import Shape, generate_kabupaten

        opts = dict(DATASETS[code])
        kecamatan = opts.pop("kecamatan")
        t0 = time.perf_counter()
        summary = generate_kabupaten(kecamatan=kecamatan, year=YEAR, seed=1, pemda_code=code, shape=Shape(**opts))
        print(f"# generated «{code}»: {kecamatan} kecamatan in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        pemda = summary.pemda
    return pemda


def organisations(code: str) -> list[Any]:
    from apps.organisations.models import Organisation

    return list(Organisation.objects.filter(pemda__code=code).select_related("pemda").order_by("slug"))


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def wall_ms(self) -> float:
        return statistics.median(self.wall) * 1000

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpu) * 1000


def measure(fn: Callable[[], Any], timing: Timing) -> Any:
    """Run ``fn`` once, adding its wall-clock and process CPU time to ``timing``."""
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    timing.wall.append(time.perf_counter() - w)
    timing.cpu.append(time.process_time() - c)
    return result


def reps(default: int) -> int:
    return int(os.environ.get("BENCH_REPS", default))


def machine() -> str:
    import platform

    return f"{platform.node()} {platform.machine()} {os.cpu_count()} cpu, Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}"


def emit(name: str, figures: dict[str, Any]) -> None:
    """One machine-readable line per script (docs/performance.md quotes these)."""
    print("RESULT " + json.dumps({"bench": name, **figures}, sort_keys=True, default=str))


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"
