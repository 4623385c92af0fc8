from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.budgets import services
from apps.budgets.models import DpaKind
from apps.budgets.selectors import preview_rows
from apps.core.numbers import format_rupiah
from apps.organisations.models import Organisation


class Command(BaseCommand):
    help = """Imports a DPA/DPPA workbook (.xlsx) for one kecamatan and year as a new DPA version.

    The file is checked and every row validated first; on any error the errors are printed with row and
    column, nothing is written and the command exits with status 1. A file already imported for the year
    (same SHA-256) or with the same content as the version in force creates nothing. With --dry-run the
    tree and the differences are printed and nothing is written."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("organisation", help="kode singkat (slug) kecamatan, mis. perak-jombang")
        parser.add_argument("year", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", choices=DpaKind.values, default=DpaKind.MURNI)
        parser.add_argument("--number", default="", help="nomor DPA")
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help="tanggal DPA, YYYY-MM-DD")
        parser.add_argument("--user", default=None, help="username yang dicatat sebagai pengimpor")
        parser.add_argument("--dry-run", action="store_true", help="periksa dan tampilkan, tanpa menyimpan")
        parser.add_argument(
            "--acknowledge", action="store_true",
            help="terapkan walau ada peringatan (realisasi di atas pagu baru, total turun tajam, sub kegiatan berrealisasi hilang)",
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
            result = services.dpa_import(
                organisation=organisation, year=options["year"], data=path.read_bytes(), source_name=path.name,
                kind=options["kind"], number=options["number"], document_date=options["date"], user=user,
                dry_run=options["dry_run"], acknowledged=options["acknowledge"],
            )  # fmt: skip
        except services.DpaImportInvalid as exc:
            for issue in exc.issues:
                self.stderr.write(str(issue))
            raise CommandError(f"{len(exc.issues)} masalah; tidak ada yang disimpan.") from None
        except services.NeedsAcknowledgement as exc:
            for caution in exc.cautions:
                self.stderr.write(caution)
            raise CommandError(f"{exc.messages[0]} Ulangi dengan --acknowledge; tidak ada yang disimpan.") from None
        except services.NothingToImport as exc:
            self.stdout.write(exc.message)
            return
        preview = result.preview
        rows, total = preview_rows(preview.parsed.tree)
        for row in rows:
            if row.level != "sub_kegiatan" or options["verbosity"] > 1:
                indent = {"program": "", "kegiatan": "  ", "sub_kegiatan": "    "}[row.level]
                self.stdout.write(f"{indent}{row.code:<20} {format_rupiah(row.computed):>22}  {row.name[:70]}")
        if total is not None:
            self.stdout.write(f"{'JUMLAH':<20} {format_rupiah(total.computed):>22}  ({len(preview.parsed.lines)} sub kegiatan)")
        diff = preview.diff
        self.stdout.write(
            f"Dibanding versi berlaku: {len(diff.added)} ditambah, {len(diff.removed)} dihapus, {len(diff.changed)} berubah, "
            f"{diff.unchanged} tetap."
        )
        for warning in [*preview.parsed.warnings, *preview.cautions]:
            self.stdout.write(self.style.WARNING(warning))
        if result.version is None:
            self.stdout.write("--dry-run: tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{result.version} disimpan."))
