from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.planning.models import Renstra
from apps.tools.demo_entry import EntryError
from apps.tools.demo_seeds import SEEDS, build, fixture_text


class Command(BaseCommand):
    help = """Rebuilds the seeded demo fixtures (fixtures/demo_<slug>_<year>.json, one per seed of
    apps/tools/demo_seeds.SEEDS): on an EMPTY database, loads the base demo (fixtures/demo.json), then
    types each seed's data module (fixtures/*_data.py) into the app's own forms as the kecamatan's
    operator, imports its DPA and realisasi anggaran through the budget services, and writes what was
    entered. Refuses to run on a database that already holds plans."""

    def handle(self, *args: Any, **options: Any) -> None:
        if Renstra.objects.exists():
            raise CommandError(
                "Database sudah berisi Renstra; jalankan pada basis data kosong (mis. DATABASE_URL=sqlite:////tmp/x.sqlite3)."
            )
        try:
            with transaction.atomic():
                build()
        except EntryError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:  # an import the budget services refused (DpaImportInvalid and others)
            raise CommandError(f"Impor anggaran ditolak: {exc.messages}") from exc
        for seed in SEEDS:
            seed.fixture.write_text(fixture_text(seed), encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"{seed.fixture} ditulis (seed {seed.number})."))
