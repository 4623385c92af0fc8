from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client

from apps.accounts.models import User
from apps.budgets.services import dpa_import, realisasi_import
from apps.organisations.models import Organisation
from apps.planning.models import Renstra
from apps.tools.demo_entry import EntryError, enter

DEMO_MODELS = [
    "planning.renstra", "planning.tujuan", "planning.sasaran", "planning.program", "planning.kegiatan", "planning.subkegiatan",
    "planning.indicator", "planning.indicatortarget", "planning.comparisonfigure",
    "agreements.perjanjiankinerja", "agreements.pkitem", "agreements.pkprogrambudget",
    "realisations.realisation", "realisations.evidence",
    "budgets.dpaversion", "budgets.dpaline", "budgets.realisasianggaran",
]  # fmt: skip


class Command(BaseCommand):
    help = """Rebuilds fixtures/demo_perak_2024.json: on an EMPTY database, loads the base demo
    (fixtures/demo.json), then enters Kecamatan Perak's 2024 Renstra, PK and four quarters of
    realisations (fixtures/perak_2024_data.py, from seed 002) through the app's own forms as
    operator.perak, and dumps what was entered. Refuses to run on a database that already
    holds plans."""

    def handle(self, *args: Any, **options: Any) -> None:
        if Renstra.objects.exists():
            raise CommandError(
                "Database sudah berisi Renstra; jalankan pada basis data kosong (mis. DATABASE_URL=sqlite:////tmp/x.sqlite3)."
            )
        call_command("loaddata", "demo", verbosity=0)
        data = importlib.import_module("fixtures.perak_2024_data")
        client = Client(SERVER_NAME="localhost")
        client.force_login(User.objects.get(username="operator.perak"))
        perak = Organisation.objects.get(slug="perak-jombang")
        try:
            with transaction.atomic():
                enter(client=client, organisation=perak, data=data)
                # Seed 002's budget (DPA and realisasi s/d TW IV), from the sample workbooks of tests/fixtures.
                samples = Path(settings.BASE_DIR) / "tests" / "fixtures"
                admin = User.objects.get(username="admin.jombang")
                operator = User.objects.get(username="operator.perak")
                for service, workbook, user in (
                    (dpa_import, "dpa_seed002_layout_a.xlsx", admin),
                    (realisasi_import, "realisasi_seed002.xlsx", operator),
                ):
                    service(organisation=perak, year=2024, data=(samples / workbook).read_bytes(), source_name=workbook, user=user)
        except EntryError as exc:
            raise CommandError(str(exc)) from exc
        out = Path(settings.BASE_DIR) / "fixtures" / "demo_perak_2024.json"
        call_command("dumpdata", *DEMO_MODELS, indent=1, output=str(out), verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"{out} ditulis."))
