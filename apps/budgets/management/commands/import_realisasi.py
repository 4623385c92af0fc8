from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import User
from apps.budgets import services
from apps.organisations.models import Organisation


class Command(BaseCommand):
    help = """Imports realisasi anggaran (.xlsx: kode sub kegiatan and cumulative triwulan columns) for one
    kecamatan and year, against the DPA in force (issue 20).

    All or nothing: every row is validated first (a code of the DPA in force, not above its pagu, cumulative
    order, no triwulan shown by a submitted or approved report); on any error the errors are printed with
    row and column, nothing is written and the command exits with status 1. A blank cell leaves the stored
    value unchanged. With --dry-run everything is checked and counted, then rolled back."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("organisation", help="kode singkat (slug) kecamatan, mis. perak-jombang")
        parser.add_argument("year", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", default=None, help="username yang dicatat sebagai pengimpor")
        parser.add_argument("--dry-run", action="store_true", help="periksa dan hitung, tanpa menyimpan")
        parser.add_argument(
            "--quarter", type=int, choices=[1, 2, 3, 4], default=None,
            help="realisasi s/d triwulan ini, untuk kolom «Nilai Realisasi» yang tidak menyebut triwulan (bila judul berkas juga tidak)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = Organisation.objects.get(slug=options["organisation"])
        except Organisation.DoesNotExist:
            raise CommandError(f"Kecamatan «{options['organisation']}» tidak ditemukan.") from None
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Pengguna «{options['user']}» tidak ditemukan.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        try:
            with transaction.atomic():
                result = services.realisasi_import(
                    organisation=organisation, year=options["year"], data=path.read_bytes(), source_name=path.name, user=user,
                    quarter=options["quarter"],
                )  # fmt: skip
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except services.DpaImportInvalid as exc:
            for issue in exc.issues:
                self.stderr.write(str(issue))
            raise CommandError(f"{len(exc.issues)} masalah; tidak ada yang disimpan.") from None
        quarters = ", ".join(f"TW {q}" for q in result.quarters) or "-"
        self.stdout.write(f"Triwulan dalam berkas: {quarters}. {result.changed} nilai berubah, {result.unchanged} tetap.")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
        if options["dry_run"]:
            self.stdout.write("--dry-run: tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Realisasi anggaran {organisation} {options['year']} disimpan."))
