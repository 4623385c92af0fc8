"""Import messages are translated in the language of the request (Indonesian by default, English available)."""

from __future__ import annotations

import pytest
from django.utils import translation

from apps.budgets import importer
from apps.budgets.importer import ImportIssue, ImportRejected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "Berkas ini bukan lembar kerja Excel (.xlsx)"), ("en", "This file is not an Excel workbook (.xlsx)")],
)
def test_a_rejected_file_is_explained_in_the_users_language(language, expected):
    with translation.override(language), pytest.raises(ImportRejected) as exc:
        importer.parse_dpa(b"%PDF-1.4 bukan excel")
    assert exc.value.message.startswith(expected)
    assert isinstance(exc.value.message, str) and str(exc.value) == exc.value.message


def test_a_row_and_column_issue_in_english():
    with translation.override("en"):
        issue = ImportIssue(7, "D (Pagu)", importer.NEGATIVE_PAGU)
        assert str(issue) == "row 7, column D (Pagu): The budget ceiling (pagu) may not be negative."
    with translation.override("id"):
        issue = ImportIssue(7, "D (Pagu)", importer.NEGATIVE_PAGU)
        assert str(issue) == "baris 7, kolom D (Pagu): Pagu tidak boleh negatif."
