"""The four seed reports, entered through the forms (the committed demo fixtures), exported as JSON and
compared figure by figure with their expected files (docs/fidelity.md, issue 17).

A ratchet while issue 17 is open: each seed must match at least FLOOR figures (what the app matched at
the last commit that raised it); a lower score is a regression. The floor rises with every change that
adds figures and ends at the whole file (100 %). The score is printed (`pytest -s`)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.calculations.results import Result
from apps.core.numbers import NUMBER_KINDS
from apps.core.templatetags.lkjip import _cell_text
from apps.organisations.models import Organisation
from apps.reports import fidelity, services
from apps.reports.document import Section, Table
from apps.reports.renderers import document_dict
from apps.tools.demo_seeds import SEEDS

#: slug -> (expected file, year, matched figures at least). Raise a floor when a change adds figures.
FLOOR = {
    "aluh-aluh-banjar": ("fixtures/expected/seed_001.json", 2022, 272),
    "perak-jombang": ("fixtures/expected/seed_002.json", 2024, 480),
    "klakah-lumajang": ("fixtures/expected/seed_003.json", 2023, 424),
    "kalaena-luwu-timur": ("fixtures/expected/seed_004.json", 2023, 793),
}


def test_every_seed_of_the_demo_has_an_expected_file():
    assert {seed.slug for seed in SEEDS} == set(FLOOR)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(FLOOR))
def test_seed_report_matches_its_expected_figures(slug, settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    path, year, floor = FLOOR[slug]
    header, figures = fidelity.load_expected(settings.BASE_DIR / path)
    assert (header["organisation"], header["year"]) == (slug, year)
    organisation = Organisation.objects.select_related("pemda").get(slug=slug)
    report = services.report_for_period(organisation=organisation, year=year, period=header.get("period") or "annual")
    document = services.report_document(report=report)
    score = fidelity.compare(document_dict(document), figures)
    # The page and the PDF print every number the JSON holds (one cell, four renderers): a number cell
    # with a value never prints the blank "-" (an int count in a "number" cell once did).
    blanked = [(t.key, cell.value) for t in _tables(document.sections) for cell in _cells(t) if _prints_blank(cell)]
    assert blanked == [], blanked[:20]
    with capsys.disabled():
        print(f"\n{slug} {year}: {fidelity.report_lines(score)[-1]}")
    misses = [line for line in fidelity.report_lines(score, only_misses=True)][:-1]
    assert score.matched >= floor, f"{slug}: {score.matched} < {floor}\n" + "\n".join(misses[:40])


def _tables(sections: list[Section]) -> list[Table]:
    found: list[Table] = []
    for section in sections:
        found += [b for b in section.blocks if isinstance(b, Table)]
        found += _tables(section.children)
    return found


def _cells(table: Table) -> list:
    return [cell for row in table.rows for cell in row] + list(table.footer or [])


def _prints_blank(cell) -> bool:
    """A number cell holding a number (not a blank Result, which prints "-" with its reason) that prints "-"."""
    if cell.kind not in NUMBER_KINDS or cell.value is None:
        return False
    if isinstance(cell.value, Result) and cell.value.value is None:
        return False
    return _cell_text(cell) == "-"
