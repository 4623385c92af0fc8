from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.organisations.models import Organisation
from apps.reports import services
from apps.reports.renderers import RENDERERS


class Command(BaseCommand):
    help = """Writes a report of an organisation-year to a file, computed from the current data.
    Creates the report row (with no narrative) if it does not exist yet; changes nothing else.
    Example: python manage.py export_report perak-jombang 2024 --period annual --format pdf --output lkjip.pdf"""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("organisation", help="kode singkat (slug) organisasi, mis. perak-jombang")
        parser.add_argument("year", type=int)
        parser.add_argument("--period", default="annual", choices=["annual", "tw1", "tw2", "tw3", "tw4"])
        parser.add_argument("--format", default="pdf", choices=sorted(RENDERERS))
        parser.add_argument("--output", required=True)

    def handle(self, *args: Any, organisation: str, year: int, period: str, format: str, output: str, **options: Any) -> None:  # noqa: A002
        org = Organisation.objects.filter(slug=organisation).select_related("pemda").first()
        if org is None:
            raise CommandError(f"Organisasi «{organisation}» tidak ditemukan.")
        report = services.report_get_or_create(organisation=org, year=year, period=period)
        doc = services.report_document(report=report)
        _name, _ctype, payload = RENDERERS[format](doc)
        Path(output).write_bytes(payload)
        self.stdout.write(f"{output}: {len(payload)} bita")
