"""``python manage.py restore_org_year FILE [--replace] [--dry-run]``: restore an organisation-year
backup, all or nothing (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.tools.backup import BackupError, loads, restore_org_year


class Command(BaseCommand):
    help = "Memulihkan cadangan organisasi-tahun (semua atau tidak sama sekali)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--replace", action="store_true", help="ganti data tahun itu yang sudah ada")
        parser.add_argument("--dry-run", action="store_true", help="periksa dan hitung saja, tidak menulis apa pun")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        try:
            document = loads(path.read_bytes())
            result = restore_org_year(document, replace=options["replace"], dry_run=options["dry_run"])
        except BackupError as exc:
            raise CommandError("Pemulihan dibatalkan, tidak ada yang ditulis:\n" + "\n".join(f"- {m}" for m in exc.messages)) from exc
        for label, count in sorted(result.deleted.items()):
            self.stdout.write(f"dihapus   {label}: {count}")
        for label, count in sorted(result.matched.items()):
            self.stdout.write(f"dicocokkan {label}: {count}")
        for label, count in sorted(result.created.items()):
            self.stdout.write(f"dibuat    {label}: {count}")
        for warning in result.warnings:
            self.stderr.write(f"peringatan: {warning}")
        if options["dry_run"]:
            self.stdout.write("Uji coba: semuanya dapat dipulihkan; tidak ada yang ditulis.")
        else:
            self.stdout.write(f"{result.organisation} {result.year} dipulihkan.")
