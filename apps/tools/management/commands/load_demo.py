from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from apps.organisations.models import Organisation, Pemda
from apps.performance.models import PredikatScale
from apps.performance.services import convention_adopt, scale_adopt
from apps.reports import page_cache
from apps.tools.demo_seeds import AKIP_SCALE, SEEDS


class Command(BaseCommand):
    help = """Loads the demo data: fixtures/demo.json (Kabupaten Jombang with Kecamatan Perak and the
    synthetic Ploso, Kabupaten Luwu Timur with Kalaena, Kabupaten Banjar with Aluh Aluh, Kabupaten
    Lumajang with Klakah, one demo user per role) and the four seeded kecamatan-years entered through
    the forms by build_demo (fixtures/demo_<slug>_<year>.json: seeds 001-004). Each pemda adopts the
    predikat scale its seed uses, the AKIP scale and (seed 002) the scale of its Indeks RB,
    printed as its seed prints a predikat, and the report convention preset of its seed (issue 18).
    Does nothing when a pemda already exists, unless --force is given,
    which overwrites the demo rows (same primary keys) and leaves other rows alone."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="reload even if data exists")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if Pemda.objects.exists() and not force:
            self.stdout.write("Data sudah ada; demo tidak dimuat ulang (pakai --force untuk memuat ulang).")
            return
        call_command("loaddata", "demo", verbosity=0)
        akip = PredikatScale.objects.get(pemda__isnull=True, catalogue_key=AKIP_SCALE)
        for seed in SEEDS:
            if seed.fixture.exists():
                call_command("loaddata", str(seed.fixture), verbosity=0)
            pemda = Organisation.objects.select_related("pemda").get(slug=seed.slug).pemda
            scale_adopt(pemda=pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key=seed.capaian_scale))
            if seed.rb_scale:  # the kabupaten grades its Indeks RB on a scale of its own (seed 002)
                scale_adopt(pemda=pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key=seed.rb_scale))
            adopted = scale_adopt(pemda=pemda, template=akip)
            if seed.akip_display:  # as the kabupaten's admin sets it in the scale's form: the seed prints it so
                adopted.predikat_display = seed.akip_display
                adopted.save(update_fields=["predikat_display", "updated_at"])
            convention_adopt(pemda=pemda, preset=seed.convention)  # how the seed prints its figures (issue 18)
        page_cache.record_all()  # fixtures load raw (no signals): no page cached before the load is served
        self.stdout.write(self.style.SUCCESS("Data demo dimuat."))
