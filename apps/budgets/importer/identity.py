"""Whose file is it? The title rows above a budget workbook's header name the pemda, the kecamatan and the
year ("PEMERINTAH KABUPATEN LUWU TIMUR", "Kantor Kecamatan Kalaena", "TAHUN ANGGARAN 2023"); a file that
names another pemda, kecamatan or year than the one it is imported for is refused, naming both values
(issue 20: Kalaena's DPPA 2023 uploaded for Perak 2024 used to preview as "Semua baris valid").

Only what the title rows state is compared: a file without title rows (or whose rows name none of these)
passes as before. Pure functions, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .messages import ImportIssue

WRONG_PEMDA = _("Berkas ini untuk %(found)s, bukan %(target)s (baris %(row)s: «%(text)s»). Periksa apakah berkas yang diunggah benar.")
WRONG_KECAMATAN = _(
    "Berkas ini untuk Kecamatan %(found)s, bukan Kecamatan %(target)s (baris %(row)s: «%(text)s»). "
    "Periksa apakah berkas yang diunggah benar."
)
WRONG_YEAR = _(
    "Berkas ini untuk tahun %(found)s, bukan tahun %(target)s (baris %(row)s: «%(text)s»). Periksa apakah berkas yang diunggah benar."
)

_END = r"(?=\s*(?:$|[,;:()/\-–]|\bTAHUN\b|\bKABUPATEN\b|\bKOTA\b|\bKECAMATAN\b|\bPROVINSI\b|\d))"
_PEMDA = re.compile(r"\b(KABUPATEN|KOTA)\s+([A-Z][A-Z .'’]*?)" + _END, re.IGNORECASE)
_KECAMATAN = re.compile(r"\bKECAMATAN\s+([A-Z][A-Z .'’]*?)" + _END, re.IGNORECASE)
_YEAR = re.compile(r"\bTAHUN(?:\s+ANGGARAN)?\s+((?:19|20)\d{2})\b", re.IGNORECASE)
#: A title row has at most this many filled cells (a header or data row has more).
TITLE_CELLS = 3


@dataclass(frozen=True)
class Stated:
    """A value a title row states, with the row (1-based) and its text."""

    value: str
    row: int
    text: str


@dataclass(frozen=True)
class FileIdentity:
    pemda: list[tuple[str, Stated]] = field(default_factory=list)  # (kind "kabupaten"/"kota", name)
    kecamatan: list[Stated] = field(default_factory=list)
    years: list[Stated] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def title_lines(rows: Iterable[tuple[int, tuple[object, ...]]]) -> list[tuple[int, str]]:
    """The text of each title row (at most :data:`TITLE_CELLS` filled cells) among ``rows`` (number, values)."""
    out = []
    for number, values in rows:
        cells = [str(v).strip() for v in values if v is not None and str(v).strip()]
        if cells and len(cells) <= TITLE_CELLS:
            out.append((number, " ".join(cells)))
    return out


def identify(lines: Iterable[tuple[int, str]]) -> FileIdentity:
    """What the title rows state. ``identify([(1, "PEMERINTAH KABUPATEN JOMBANG"), (3, "TAHUN ANGGARAN 2024")])``
    names the pemda Jombang and the year 2024."""
    found = FileIdentity()
    for row, text in lines:
        short = text[:200]
        for kind, name in _PEMDA.findall(text):
            found.pemda.append((kind.casefold(), Stated(" ".join(name.split()), row, short)))
        for name in _KECAMATAN.findall(text):
            found.kecamatan.append(Stated(" ".join(name.split()), row, short))
        for year in _YEAR.findall(text):
            found.years.append(Stated(year, row, short))
    return found


def mismatches(identity: FileIdentity, *, pemda_label: str, pemda_name: str, kecamatan: str, year: int) -> list[ImportIssue]:
    """An issue (for the whole file) for each pemda, kecamatan or year the title rows state that is not the
    target (``pemda_label`` "Kabupaten Jombang", ``pemda_name`` "Jombang", ``kecamatan`` "Perak")."""
    issues = []
    target_pemda = pemda_label
    for kind, stated in identity.pemda:
        if _norm(stated.value) != _norm(pemda_name):
            found = f"{kind.capitalize()} {stated.value.title()}"
            issues.append(
                ImportIssue(None, "", WRONG_PEMDA % {"found": found, "target": target_pemda, "row": stated.row, "text": stated.text})
            )
            break
    for stated in identity.kecamatan:
        if _norm(stated.value) != _norm(kecamatan):
            args = {"found": stated.value.title(), "target": kecamatan, "row": stated.row, "text": stated.text}
            issues.append(ImportIssue(None, "", WRONG_KECAMATAN % args))
            break
    years = {s.value for s in identity.years}
    if years and str(year) not in years:
        stated = identity.years[0]
        issues.append(ImportIssue(None, "", WRONG_YEAR % {"found": stated.value, "target": year, "row": stated.row, "text": stated.text}))
    return issues
