"""``python manage.py backup_org_year <organisation> <year> --output FILE``: the organisation-year
backup document (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.organisations.models import Organisation
from apps.tools.backup import BackupError, dumps, export_org_year


class Command(BaseCommand):
    help = "Mencadangkan semua data satu organisasi untuk satu tahun ke berkas JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="kode singkat organisasi, mis. perak-jombang")
        parser.add_argument("year", type=int)
        parser.add_argument("--output", "-o", required=True, help="berkas JSON tujuan ('-' untuk stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        org = Organisation.objects.filter(slug=options["organisation"]).select_related("pemda").first()
        if org is None:
            raise CommandError(f"Organisasi '{options['organisation']}' tidak ditemukan.")
        try:
            document = export_org_year(org, options["year"])
        except BackupError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        text = dumps(document)
        if options["output"] == "-":
            self.stdout.write(text)
            return
        Path(options["output"]).write_text(text, encoding="utf-8")
        total = sum(document["counts"].values())
        self.stdout.write(f"{org} {options['year']}: {total} baris dicadangkan ke {options['output']}.")
        for warning in document["warnings"]:
            self.stderr.write(f"peringatan: {warning}")
