"""Fidelity: a report as the app exports it, compared figure by figure with a file of expected figures.

An expected-figures file (format ``lkjip-expected/1``, JSON; see docs/fidelity.md) lists the figures a
real report should print, each addressed the way a reader finds it on the page: a table (its key in
the exported JSON, e.g. ``capaian-iku``), a row (words that appear in the row's text cells) and a
column (words of the column's label). The expected value is written as the report prints it, in the
Indonesian format ("103,24"), at the report's own precision; the app's exact value is rounded half
up to that many places before it is compared, so the comparison is at the precision the reader sees.

The comparer reads only the exported document (``renderers.document_dict``), never the database: what
is compared is exactly what a kabupaten downloads. Pure Python.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from apps.core.numbers import HALF_UP, format_decimal_id, parse_decimal_id, quantize

FORMAT = "lkjip-expected/1"

MATCHED = "cocok"
DIFFERENT = "berbeda"
NO_TABLE = "tabel tidak ada"
NO_ROW = "baris tidak ada"
NO_COLUMN = "kolom tidak ada"
EMPTY = "sel kosong"
AMBIGUOUS = "baris ganda"


class ExpectedFileError(ValueError):
    """The expected-figures file is not in the format; the message is in Indonesian."""


@dataclass(frozen=True)
class Expected:
    id: str
    table: str
    row: tuple[str, ...]
    column: str
    value: str
    places: int | None
    section: str = ""
    defect: str = ""
    note: str = ""
    row_n: int = 1


@dataclass(frozen=True)
class Outcome:
    expected: Expected
    status: str
    actual: str = ""

    @property
    def matched(self) -> bool:
        return self.status == MATCHED


@dataclass(frozen=True)
class Score:
    outcomes: tuple[Outcome, ...]

    @property
    def matched(self) -> int:
        return sum(1 for o in self.outcomes if o.matched)

    @property
    def compared(self) -> int:
        return len(self.outcomes)

    @property
    def percent(self) -> Decimal:
        if not self.outcomes:
            return Decimal(0)
        return quantize(Decimal(self.matched) * 100 / Decimal(self.compared), 2)


# --- reading the expected file ----------------------------------------------------------------


def load_expected(path: str | Path) -> tuple[dict[str, Any], list[Expected]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExpectedFileError(f"Berkas angka harapan tidak dapat dibaca: {exc.strerror}.") from exc
    except json.JSONDecodeError as exc:
        raise ExpectedFileError(f"Berkas angka harapan bukan JSON yang sah (baris {exc.lineno}).") from exc
    return parse_expected(data)


def parse_expected(data: object) -> tuple[dict[str, Any], list[Expected]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExpectedFileError(f"Berkas angka harapan harus berformat «{FORMAT}».")
    items = data.get("figures")
    if not isinstance(items, list) or not items:
        raise ExpectedFileError("Berkas angka harapan tidak memuat daftar «figures».")
    seen: set[str] = set()
    figures: list[Expected] = []
    for n, item in enumerate(items, start=1):
        figure = _expected(item, n)
        if figure.id in seen:
            raise ExpectedFileError(f"Angka ke-{n}: id «{figure.id}» ganda.")
        seen.add(figure.id)
        figures.append(figure)
    header = {k: v for k, v in data.items() if k != "figures"}
    return header, figures


def _expected(item: object, n: int) -> Expected:
    if not isinstance(item, dict):
        raise ExpectedFileError(f"Angka ke-{n} bukan objek.")
    missing = [k for k in ("id", "table", "row", "column", "value") if not item.get(k)]
    if missing:
        raise ExpectedFileError(f"Angka ke-{n}: kolom {', '.join(missing)} wajib diisi.")
    row = item["row"]
    words = (row,) if isinstance(row, str) else tuple(str(w) for w in row)
    places = item.get("places")
    if places is not None and (not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 6):
        raise ExpectedFileError(f"Angka ke-{n} («{item['id']}»): places harus bilangan bulat 0 sampai 6.")
    row_n = item.get("row_n", 1)
    if not isinstance(row_n, int) or isinstance(row_n, bool) or row_n < 1:
        raise ExpectedFileError(f"Angka ke-{n} («{item['id']}»): row_n harus bilangan bulat mulai 1.")
    value = str(item["value"])
    if places is not None:
        try:
            parse_decimal_id(value)
        except (ValueError, InvalidOperation) as exc:
            raise ExpectedFileError(f"Angka ke-{n} («{item['id']}»): nilai «{value}» bukan angka Indonesia.") from exc
    return Expected(
        id=str(item["id"]),
        table=str(item["table"]),
        row=words,
        column=str(item["column"]),
        value=value,
        places=places,
        section=str(item.get("section", "")),
        defect=str(item.get("defect", "")),
        note=str(item.get("note", "")),
        row_n=row_n,
    )


# --- reading the exported document ------------------------------------------------------------


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def tables_of(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every table of the exported document by its key (the first one where a key repeats)."""
    found: dict[str, dict[str, Any]] = {}

    def walk(sections: Iterable[Mapping[str, Any]]) -> None:
        for section in sections:
            for block in section.get("blocks", []):
                if block.get("type") == "table":
                    found.setdefault(block["key"], block)
            walk(section.get("sections", []))

    walk(document.get("sections", []))
    return found


def _cell_text(cell: Mapping[str, Any]) -> str:
    if "text" in cell:
        return str(cell["text"])
    return "" if cell.get("value") is None else str(cell["value"])


def _rows(table: Mapping[str, Any]) -> list[Sequence[Mapping[str, Any]]]:
    rows = list(table.get("rows") or [])
    if table.get("footer"):
        rows.append(table["footer"])
    return rows


def _column(table: Mapping[str, Any], label: str) -> int | None:
    labels = [_norm(c["label"]) for c in table.get("columns", [])]
    wanted = _norm(label)
    if wanted in labels:
        return labels.index(wanted)
    for i, have in enumerate(labels):
        if wanted in have:
            return i
    return None


def _find_rows(table: Mapping[str, Any], words: Sequence[str]) -> list[Sequence[Mapping[str, Any]]]:
    wanted = [_norm(w) for w in words]
    hits = []
    for row in _rows(table):
        text = " | ".join(_norm(_cell_text(c)) for c in row if "text" in c or c.get("kind") in (None, "text"))
        if all(w in text for w in wanted):
            hits.append(row)
    return hits


def _shown(cell: Mapping[str, Any], places: int | None) -> str:
    if places is None:
        if "text" not in cell and cell.get("value") is not None and isinstance(cell.get("places"), int):
            # a number compared as a text figure: as the report prints it, at the cell's own places ("95,23")
            mode = cell.get("rounding") or HALF_UP
            return format_decimal_id(Decimal(str(cell["value"])), cell["places"], rounding=mode)
        return _cell_text(cell).strip()
    raw = cell.get("value")
    if raw is None:
        return ""
    return format_decimal_id(Decimal(str(raw)), places, rounding=cell.get("rounding") or HALF_UP)


def compare(document: Mapping[str, Any], figures: Iterable[Expected]) -> Score:
    tables = tables_of(document)
    outcomes = []
    for figure in figures:
        outcomes.append(_compare_one(tables, figure))
    return Score(tuple(outcomes))


def _compare_one(tables: Mapping[str, Mapping[str, Any]], figure: Expected) -> Outcome:
    table = tables.get(figure.table)
    if table is None:
        return Outcome(figure, NO_TABLE)
    col = _column(table, figure.column)
    if col is None:
        return Outcome(figure, NO_COLUMN)
    rows = _find_rows(table, figure.row)
    if len(rows) < figure.row_n:
        return Outcome(figure, NO_ROW if not rows else AMBIGUOUS)
    row = rows[figure.row_n - 1]
    if col >= len(row):
        return Outcome(figure, NO_COLUMN)
    shown = _shown(row[col], figure.places)
    if shown in ("", "-"):
        return Outcome(figure, EMPTY)
    if figure.places is None:
        same = _norm(shown) == _norm(figure.value)
    else:
        same = shown == format_decimal_id(parse_decimal_id(figure.value), figure.places)
    return Outcome(figure, MATCHED if same else DIFFERENT, shown)


def report_lines(score: Score, *, title: str = "", only_misses: bool = False) -> list[str]:
    """The score as plain text lines: one line per figure, then the total (matched / compared)."""
    lines = [title] if title else []
    for o in score.outcomes:
        if only_misses and o.matched:
            continue
        e = o.expected
        where = " ".join(x for x in (e.section, e.defect) if x)
        got = f" (aplikasi: {o.actual})" if o.actual and not o.matched else ""
        lines.append(f"{'OK ' if o.matched else 'XX '} {e.id:<36} {e.value:>16} {o.status}{got}  {where}".rstrip())
    lines.append(f"Cocok {score.matched} dari {score.compared} ({format_decimal_id(score.percent, 2)} %)")
    return lines
