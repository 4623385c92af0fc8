"""``python manage.py generate_kabupaten``: a synthetic kabupaten for benchmarks and load tests
(apps/tools/synthetic, docs/performance.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.tools.synthetic import Shape, generate_kabupaten


class Command(BaseCommand):
    help = """Creates a synthetic kabupaten (pemda code --pemda-code, default "synth") for benchmarks and
    load tests: --kecamatan kecamatan (default 30), each with units, desa, camat and sekcam with
    appointments, a Renstra (year-1 to year+3) with tujuan, sasaran, 8 IKU (one a composite of IKM and
    IPP), 6 programs, 15 kegiatan and 40 sub kegiatan each with an indicator and yearly targets, a PK
    murni for --year with TW targets and program budgets, four quarters of realisations with link
    evidence, and, when the budgets app has its models, a DPA murni and realisasi anggaran per TW.
    Users (password --password): operator.<slug> and camat.<slug> per kecamatan, inspektorat.<code>
    and admin.<code> for the pemda. Deterministic for a given --seed. Writes nothing and fails if
    the pemda code already exists."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kecamatan", type=int, default=30)
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--pemda-code", default="synth")
        parser.add_argument("--password", default="demo12345")
        parser.add_argument("--iku", type=int, default=Shape.iku)
        parser.add_argument("--programs", type=int, default=Shape.programs)
        parser.add_argument("--kegiatan", type=int, default=Shape.kegiatan)
        parser.add_argument("--sub-kegiatan", type=int, default=Shape.sub_kegiatan)

    def handle(self, *args: Any, **o: Any) -> None:
        shape = Shape(iku=o["iku"], programs=o["programs"], kegiatan=o["kegiatan"], sub_kegiatan=o["sub_kegiatan"])
        summary = generate_kabupaten(
            kecamatan=o["kecamatan"], year=o["year"], seed=o["seed"], pemda_code=o["pemda_code"], shape=shape, password=o["password"]
        )
        self.stdout.write(f"Pemda «{summary.pemda.code}»: {len(summary.organisations)} kecamatan, tahun {o['year']}.")
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label}: {count}")
        if not summary.budgets_app:
            self.stdout.write("  (aplikasi anggaran belum punya model DPA: anggaran hanya sebagai anggaran program PK)")
        self.stdout.write(f"Pengguna: operator.{summary.organisations[0].slug} ... admin.{summary.pemda.code}; kata sandi: {o['password']}")
