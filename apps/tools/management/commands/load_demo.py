from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.organisations.models import Pemda
from apps.performance.models import PredikatScale
from apps.performance.services import scale_adopt


class Command(BaseCommand):
    help = """Loads the demo data (fixtures/demo.json): Kabupaten Jombang with Kecamatan Perak
    (seed 002) and Ploso (synthetic), Kabupaten Luwu Timur with Kecamatan Kalaena (seed 004),
    and one demo user per role. Does nothing when a pemda already exists, unless --force
    is given, which overwrites the demo rows (same primary keys) and leaves other rows alone."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="reload even if data exists")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if Pemda.objects.exists() and not force:
            self.stdout.write("Data sudah ada; demo tidak dimuat ulang (pakai --force untuk memuat ulang).")
            return
        call_command("loaddata", "demo", verbosity=0)
        if (Path(settings.BASE_DIR) / "fixtures" / "demo_perak_2024.json").exists():
            call_command("loaddata", "demo_perak_2024", verbosity=0)
        # Each demo pemda adopts the predikat scales its seed report uses.
        for code, capaian_key in (("jombang", "seed-002-jombang"), ("luwu-timur", "permendagri-86-2017")):
            pemda = Pemda.objects.get(code=code)
            scale_adopt(pemda=pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key=capaian_key))
            scale_adopt(pemda=pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key="akip-permenpanrb-88-2021"))
        self.stdout.write(self.style.SUCCESS("Data demo dimuat."))
