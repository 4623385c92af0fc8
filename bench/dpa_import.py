"""DPA import: the full parse + validate of a 5.000-sub-kegiatan workbook against a bare openpyxl read.

The workbook is generated in memory (layout A: 10 programs x 50 kegiatan x 10 sub kegiatan = 5.000
sub kegiatan rows plus 510 program/kegiatan rows with their stated totals, under a title block; pagu
and anggaran kas TW I-IV, one pagu in ten as Indonesian text). Three figures, medians of BENCH_REPS
runs (default 5):

* ``bare``: ``openpyxl.load_workbook(read_only=True, data_only=True)`` and iterating every row of the
  sheet with ``values_only=True``: the floor any reader pays.
* ``parse``: ``apps.budgets.importer.parse_dpa`` (zip checks, formula scan, header detection, every
  cell through its column object, code normalisation, kas checks, the BudgetNode tree and its
  mismatches) plus the content hash. No database. Goal: parse / bare <= 2.
* ``write``: ``services.dpa_import`` end to end: parse, duplicate checks, diff with the version in
  force, Renstra matching, one DpaVersion and 5.000 DpaLine rows with their history rows, committed.

    .venv/bin/python bench/dpa_import.py            # BENCH_REPS=5, BENCH_SUBS=5000 by default

The database is the benchmarks' own (bench/_common.py: ``lkjip_bench`` on the local PostgreSQL,
created and migrated if needed); the versions written are deleted after each run.
"""

from __future__ import annotations

import io
import os
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Timing, emit, machine, measure, reps, setup, verdict  # noqa: E402

PROGRAMS, KEGIATAN = 10, 50


def make_workbook(subs: int) -> bytes:
    import openpyxl

    per_kegiatan = max(1, subs // (PROGRAMS * KEGIATAN))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DPA"
    for text in ("PEMERINTAH KABUPATEN SINTETIS", "DOKUMEN PELAKSANAAN ANGGARAN TAHUN 2030", "Organisasi: Kecamatan Bench", ""):
        ws.append([text])
    ws.append(
        ["Kode", "Uraian Program/Kegiatan/Sub Kegiatan", "Sumber Dana", "Pagu (Rp)", "Kas TW I", "Kas TW II", "Kas TW III", "Kas TW IV"]
    )
    total = 0
    n = 0
    for p in range(1, PROGRAMS + 1):
        p_code = f"7.01.{p:02d}"
        rows = []
        p_total = 0
        for k in range(1, KEGIATAN + 1):
            k_code = f"{p_code}.2.{k:02d}"
            subs_rows = []
            for s in range(1, per_kegiatan + 1):
                n += 1
                pagu = 1_000_000 + (n * 7919) % 50_000_000
                q = pagu // 4
                kas = [q, q, q, pagu - 3 * q]
                cell = f"{pagu:,}".replace(",", ".") if n % 10 == 0 else pagu
                subs_rows.append([f"{k_code}.{s:04d}", f"Sub kegiatan sintetis nomor {n}", "APBD", cell, *kas])
                p_total += pagu
            k_total = sum(int(str(r[3]).replace(".", "")) for r in subs_rows)
            rows.append([k_code, f"Kegiatan sintetis {p}.{k}", None, k_total])
            rows.extend(subs_rows)
        ws.append([p_code, f"Program sintetis {p}", None, p_total])
        for row in rows:
            ws.append(row)
        total += p_total
    ws.append([None, "JUMLAH", None, total])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FLAT_HEADER = [
    "Kode Urusan", "Nama Urusan", "Kode SKPD", "Nama SKPD", "Kode Program", "Nama Program", "Kode Kegiatan", "Nama Kegiatan",
    "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Akun", "Nama Akun", "Sumber Dana", "Nilai Rincian",
    "Total Rincian Anggaran Kegiatan", *(f"Bulan {m}" for m in range(1, 13)), "Tipe Dokumen",
]  # fmt: skip
AKUN = [f"5.1.02.01.01.{n:04d}" for n in range(1, 6)]


def make_flat_workbook(rows: int) -> bytes:
    """SIPD's flat rekap pagu (issue 20): ``rows`` rows of sub kegiatan x kode akun (5 accounts per sub kegiatan),
    the monthly anggaran kas in Bulan 1 ... Bulan 12."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    ws.append(FLAT_HEADER)
    subs = rows // len(AKUN)
    for n in range(subs):
        p, k, s = n // 500 + 1, (n // 10) % 50 + 1, n % 10 + 1
        p_code, k_code = f"7.01.{p:02d}", f"7.01.{p:02d}.2.{k:02d}"
        for a, akun in enumerate(AKUN):
            amount = 120_000 * (1 + (n * 7 + a) % 40)
            ws.append([
                "7", "KEWILAYAHAN", "7.01.0.00.0.00.01.0000", "KECAMATAN BENCH", p_code, f"Program {p}", k_code, f"Kegiatan {p}.{k}",
                f"{k_code}.{s:04d}", f"Sub kegiatan {n}", akun, f"Belanja {a}", "PAD", amount, 0, *([amount // 12] * 12), "DPA",
            ])  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bare(data: bytes) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = 0
    for _row in wb.active.iter_rows(values_only=True):
        count += 1
    wb.close()
    return count


def main() -> None:
    setup()
    from apps.budgets import importer, services
    from apps.budgets.models import DpaLine, DpaUpload, DpaVersion, RealisasiAnggaran
    from apps.organisations.models import Organisation, Pemda

    subs = int(os.environ.get("BENCH_SUBS", 5000))
    n = reps(5)
    data = make_workbook(subs)
    rows = bare(data)
    parsed = importer.parse_dpa(data)
    assert parsed.is_valid and len(parsed.lines) == subs, parsed.errors[:3]
    print(f"# {machine()}")
    print(f"# workbook: {subs} sub kegiatan, {rows} rows in all, {len(data) / 1024:.0f} KiB, total pagu {parsed.total_pagu}")

    t_bare, t_parse, t_write = Timing(), Timing(), Timing()
    for _ in range(n):
        measure(lambda: bare(data), t_bare)
        measure(lambda: importer.parse_dpa(data).content_sha256, t_parse)
    flat = make_flat_workbook(subs)
    flat_parsed = importer.parse_dpa(flat)
    assert flat_parsed.is_valid and len(flat_parsed.lines) == subs // len(AKUN), flat_parsed.errors[:3]
    t_flat_bare, t_flat = Timing(), Timing()
    for _ in range(n):
        measure(lambda: bare(flat), t_flat_bare)
        measure(lambda: importer.parse_dpa(flat).content_sha256, t_flat)

    # the names the workbook's title rows state (issue 20 refuses another pemda's or kecamatan's file)
    pemda, _ = Pemda.objects.update_or_create(code="bench-dpa", defaults={"name": "Sintetis"})
    org, _ = Organisation.objects.update_or_create(slug="bench-dpa", defaults={"pemda": pemda, "name": "Bench"})

    def cleanup() -> None:
        versions = DpaVersion.objects.filter(organisation=org)
        DpaLine.history.model.objects.filter(version_id__in=list(versions.values_list("pk", flat=True))).delete()
        DpaVersion.history.model.objects.filter(organisation_id=org.pk).delete()
        versions.delete()
        DpaUpload.objects.filter(organisation=org).delete()
        RealisasiAnggaran.objects.filter(organisation=org).delete()

    cleanup()
    for _ in range(n):
        result = measure(lambda: services.dpa_import(organisation=org, year=2030, data=data, source_name="bench.xlsx"), t_write)
        assert result.version is not None and result.version.lines.count() == subs
        cleanup()

    ratio_parse = t_parse.wall_ms / t_bare.wall_ms
    ratio_write = t_write.wall_ms / t_bare.wall_ms
    print(f"bare openpyxl read_only iteration : {t_bare.wall_ms:8.0f} ms")
    print(
        f"parse + validate (no database)     : {t_parse.wall_ms:8.0f} ms   ratio {ratio_parse:.2f}x  (goal <= 2x: {verdict(ratio_parse <= 2)})"
    )
    print(f"parse + validate + write, committed: {t_write.wall_ms:8.0f} ms   ratio {ratio_write:.2f}x")
    ratio_flat = t_flat.wall_ms / t_flat_bare.wall_ms
    print(f"SIPD flat rekap, {subs} rows: bare {t_flat_bare.wall_ms:6.0f} ms, parse {t_flat.wall_ms:6.0f} ms   ratio {ratio_flat:.2f}x"
          f"  (goal <= 2x: {verdict(ratio_flat <= 2)})")  # fmt: skip
    emit(
        "dpa_import",
        {
            "subs": subs, "rows": rows, "reps": n, "bare_ms": round(t_bare.wall_ms), "parse_ms": round(t_parse.wall_ms),
            "write_ms": round(t_write.wall_ms), "parse_ratio": round(ratio_parse, 2), "write_ratio": round(ratio_write, 2),
            "total_pagu": str(parsed.total_pagu or Decimal(0)), "flat_rows": subs, "flat_bare_ms": round(t_flat_bare.wall_ms),
            "flat_parse_ms": round(t_flat.wall_ms), "flat_ratio": round(ratio_flat, 2),
        },
    )  # fmt: skip


if __name__ == "__main__":
    main()
