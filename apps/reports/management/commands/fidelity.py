from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.organisations.models import Organisation
from apps.reports import fidelity, services
from apps.reports.renderers import document_dict


class Command(BaseCommand):
    help = """Compares the report of an organisation-year, as the app exports it (JSON), with a file of
    expected figures (docs/fidelity.md), figure by figure, and prints matched / compared.
    Writes nothing. Exit status 1 when the score is below --min (default 0).
    Example: python manage.py fidelity perak-jombang 2024 --expected fixtures/expected/seed_002.json"""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("organisation", help="kode singkat (slug) organisasi, mis. perak-jombang")
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--period", default=None, choices=["annual", "tw1", "tw2", "tw3", "tw4"], help="bawaan: periode di berkas harapan, atau annual"
        )
        parser.add_argument("--expected", required=True, help="berkas angka harapan (JSON lkjip-expected/1)")
        parser.add_argument("--misses", action="store_true", help="hanya tampilkan angka yang tidak cocok")
        parser.add_argument("--min", type=int, default=0, help="skor minimum dalam persen; di bawahnya keluar dengan status 1")

    def handle(
        self, *args: Any, organisation: str, year: int, period: str | None, expected: str, misses: bool, min: int, **options: Any
    ) -> None:  # noqa: A002
        try:
            header, figures = fidelity.load_expected(expected)
        except fidelity.ExpectedFileError as exc:
            raise CommandError(str(exc)) from exc
        org = Organisation.objects.filter(slug=organisation).select_related("pemda").first()
        if org is None:
            raise CommandError(f"Organisasi «{organisation}» tidak ditemukan.")
        period = period or str(header.get("period") or "annual")
        if period not in ("annual", "tw1", "tw2", "tw3", "tw4"):
            raise CommandError(f"Periode «{period}» tidak dikenal.")
        report = services.report_for_period(organisation=org, year=year, period=period)  # reads, never creates
        score = fidelity.compare(document_dict(services.report_document(report=report)), figures)
        title = f"{org.display_name} {year} ({period}) dibandingkan dengan {expected}"
        for line in fidelity.report_lines(score, title=title, only_misses=misses):
            self.stdout.write(line)
        if score.percent < min:
            raise CommandError(f"Skor {score.matched}/{score.compared} di bawah {min} %.", returncode=1)
