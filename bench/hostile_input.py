"""Hostile spreadsheets and over-long numbers: the time the tests no longer assert.

tests/budgets/test_hostile_input.py and tests/core/test_numbers_fuzz.py bound the *work* of
each hostile case (bytes inflated, rows, cells, characters read by the parsers: tests/work.py), which
does not depend on the machine's load. This script measures the *time* of the same cases, built by
the same functions, in process CPU time and wall time (medians of BENCH_REPS runs, default 3), as a
ratio against a floor measured in the same run:

* importer cases: ``parse_dpa`` (or ``parse_realisasi``) of the hostile file, against the parse of
  seed 002's DPA as printed in layout A (23 sub kegiatan, tests/fixtures/dpa_seed002_layout_a.xlsx);
  a valid DPA of 5.000 sub kegiatan (bench/dpa_import.py's workbook) is listed for scale;
* numbers: ``parse_decimal_id`` of 10 MB of digits, against ``parse_decimal_id("Rp 1.234,50")``.

Each line also prints the work the tests bound (one more run, counted, not timed). No database:
Django is set up with the test settings only for the importer's translatable messages.

    .venv/bin/python bench/hostile_input.py            # BENCH_REPS=3 by default
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from _common import emit, machine, reps  # noqa: E402


def _cpu_and_wall(fn: Callable[[], Any], n: int) -> tuple[float, float, Any]:
    """Median process CPU and wall seconds of ``n`` runs of ``fn``, and its last result."""
    cpu, wall, result = [], [], None
    for _ in range(n):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(cpu), statistics.median(wall), result


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings.test")
    import django

    django.setup()
    from dpa_import import make_workbook

    from apps.budgets import importer
    from apps.core.numbers import NumberParseError, parse_decimal_id
    from tests.budgets import test_hostile_input as h
    from tests.budgets.workbooks import fixture
    from tests.work import importer_work

    warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")  # "Unknown extension" of the <f/> case
    n = reps(3)
    print(f"# {machine()}, BENCH_REPS={n}")

    def importer_outcome(data: bytes, purpose: str) -> str:
        try:
            parsed = importer.parse_dpa(data) if purpose == "dpa" else importer.parse_realisasi(data)
        except importer.ImportRejected as exc:
            return "refused: " + exc.message[:60]
        return f"parsed {len(getattr(parsed, 'lines', getattr(parsed, 'rows', [])))} lines, {len(parsed.errors)} errors"

    print("# building the files ...", file=sys.stderr)
    row_1048576 = h.row(1_048_576, h.istr("A1048576", f"{h.K}.0009".encode()), h.num("D1048576", b"1"))
    formula_tags = h.sheet_xml(h.dpa_rows()).replace(
        b"</worksheet>", b'<extLst><ext uri="x">' + b"<f/>" * 150_000 + b"</ext></extLst></worksheet>"
    )
    two_entries = h.members(h.small_dpa())
    two_entries["xl/workbook.xml"] = two_entries["xl/workbook.xml"].replace(
        b"</sheets>", b"".join(b'<sheet name="S%d" sheetId="%d" r:id="rId1"/>' % (i, i + 2) for i in range(100)) + b"</sheets>"
    )
    cases: list[tuple[str, bytes, str]] = [
        ("zip bomb, 200 MB declared", h.make_zip_bomb(), "dpa"),
        ("zip bomb lying about its size", h._patch_declared_size(h.make_zip_bomb(), "xl/worksheets/sheet2.xml", 1024), "dpa"),
        ("billion laughs in the worksheet", h.ENTITY_CASES["laughs_in_worksheet"](), "dpa"),
        ("XXE in shared strings (realisasi)", h.ENTITY_CASES["xxe_in_shared_strings"](), "realisasi"),
        ("1.000.000 shared strings", h.make_amplification("shared_strings"), "dpa"),
        ("250.000 styles", h.make_amplification("styles"), "dpa"),
        ("2.200.000 cells", h.make_amplification("cells"), "dpa"),
        ("a row of 1.000.000 cells", h.make_amplification("wide_row"), "dpa"),
        ("300 sheets", h.make_amplification("sheets"), "dpa"),
        ("100.000 rows", h.make_hundred_thousand_rows(), "dpa"),
        ("3.000 rows x 16.384 columns", h.make_sixteen_thousand_columns(), "dpa"),
        ("a row at 1.048.576", h.with_sheet(h.sheet_xml(h.dpa_rows() + row_1048576)), "dpa"),
        ("1 MB name cell", h.with_sheet(h.sheet_xml(h.dpa_rows(name=h.MEGA))), "dpa"),
        ("1 MB code cell", h.with_sheet(h.sheet_xml(h.dpa_rows(code=h.MEGA))), "dpa"),
        ("150.000 <f/> outside cells", h.with_sheet(formula_tags), "dpa"),
        ("101 sheet entries on one part", h.rezip(two_entries), "dpa"),
        ("valid DPA, 5.000 sub kegiatan (scale)", make_workbook(5000), "dpa"),
    ]
    floor_data = fixture("dpa_seed002_layout_a.xlsx")
    floor_cpu, floor_wall, floor_out = _cpu_and_wall(lambda: importer_outcome(floor_data, "dpa"), max(n, 5))
    print(f"floor: seed 002 DPA, layout A: {floor_cpu * 1000:.1f} ms cpu, {floor_wall * 1000:.1f} ms wall ({floor_out})")
    print(f"{'case':40} {'size':>9} {'cpu ms':>9} {'wall ms':>9} {'x floor':>8}  outcome; work")
    figures: dict[str, Any] = {"floor_cpu_ms": round(floor_cpu * 1000, 1), "floor_wall_ms": round(floor_wall * 1000, 1), "cases": {}}
    for label, data, purpose in cases:
        cpu, wall, out = _cpu_and_wall(lambda data=data, purpose=purpose: importer_outcome(data, purpose), n)
        with importer_work() as work:
            importer_outcome(data, purpose)
        counted = work.as_dict()
        shown = {k: v for k, v in counted.items() if v and k in ("inflated", "workbooks", "rows", "cells", "formula_scan_examined")}
        print(f"{label:40} {len(data) / 1024:>7.0f}KB {cpu * 1000:>9.1f} {wall * 1000:>9.1f} {cpu / floor_cpu:>7.1f}x  {out}; {shown}")
        figures["cases"][label] = {
            "cpu_ms": round(cpu * 1000, 1),
            "wall_ms": round(wall * 1000, 1),
            "ratio_cpu": round(cpu / floor_cpu, 2),
            **counted,
        }

    text, short = "9" * 10_000_000, "Rp 1.234,50"

    def refuse() -> None:
        try:
            parse_decimal_id(text)
        except NumberParseError:
            return
        raise AssertionError("10 MB of digits parsed")

    n_short = 10_000
    short_cpu, short_wall, _ = _cpu_and_wall(lambda: [parse_decimal_id(short) for _ in range(n_short)], n)
    long_cpu, long_wall, _ = _cpu_and_wall(lambda: [refuse() for _ in range(n_short)], n)
    per_short, per_long = short_cpu / n_short * 1e6, long_cpu / n_short * 1e6
    print(
        f"numbers: parse_decimal_id({short!r}) {per_short:.2f} µs cpu; 10 MB of digits refused in {per_long:.2f} µs cpu ({per_long / per_short:.2f}x)"
    )
    figures["numbers"] = {"short_us": round(per_short, 2), "ten_mb_refused_us": round(per_long, 2), "ratio": round(per_long / per_short, 2)}
    emit("hostile_input", figures)


if __name__ == "__main__":
    main()
