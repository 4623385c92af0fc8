from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.budgets import services
from apps.organisations.models import Organisation


class Command(BaseCommand):
    help = """Imports an anggaran kas document (.xlsx: kode sub kegiatan with months or quarters) for one kecamatan and
    year as a new version of the DPA in force (issue 20): same lines and pagu, the file's cash plan. All or nothing."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("organisation", help="kode singkat (slug) kecamatan, mis. perak-jombang")
        parser.add_argument("year", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", default=None, help="username yang dicatat sebagai pengimpor")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = Organisation.objects.get(slug=options["organisation"])
        except Organisation.DoesNotExist:
            raise CommandError(f"Kecamatan «{options['organisation']}» tidak ditemukan.") from None
        user = User.objects.filter(username=options["user"]).first() if options["user"] else None
        if options["user"] and user is None:
            raise CommandError(f"Pengguna «{options['user']}» tidak ditemukan.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        try:
            version = services.anggaran_kas_import(
                organisation=organisation, year=options["year"], data=path.read_bytes(), source_name=path.name, user=user
            )
        except services.DpaImportInvalid as exc:
            for issue in exc.issues:
                self.stderr.write(str(issue))
            raise CommandError(f"{len(exc.issues)} masalah; tidak ada yang disimpan.") from None
        except services.NothingToImport as exc:
            self.stdout.write(exc.message)
            return
        self.stdout.write(self.style.SUCCESS(f"Anggaran kas disimpan sebagai {version}."))
