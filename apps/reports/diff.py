"""Changes since the last approved version: values, evidence and narratives, before and after."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.core.numbers import format_cell


@dataclass
class Change:
    where: str
    item: str
    column: str
    before: str
    after: str


def _cell_text(cell: dict[str, Any] | None) -> str:
    if cell is None:
        return "-"
    if "value" in cell:
        return "-" if cell["value"] is None else str(cell["value"])
    return cell.get("text", "")


def _display(cell: dict[str, Any] | None) -> str:
    """The cell as the report prints it (apps.core.numbers.format_cell: Indonesian format at the cell's precision)."""
    if cell is not None and cell.get("state"):  # "belum tersedia: <alasan>", as the report prints it (issue 18)
        return str(cell.get("reason", ""))
    if cell is None or ("value" in cell and cell["value"] is None):
        return "-"
    if "value" not in cell:
        return cell.get("text", "")
    return format_cell(cell.get("kind"), Decimal(cell["value"]), cell.get("places"), cell.get("rounding"))


def _tables(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}

    def walk(section: dict[str, Any]) -> None:
        for block in section["blocks"]:
            if block["type"] == "table":
                out[block["key"]] = block
        for child in section["sections"]:
            walk(child)

    for s in doc["sections"]:
        walk(s)
    return out


def _narratives(doc: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}

    def walk(section: dict[str, Any]) -> None:
        for block in section["blocks"]:
            if block["type"] == "narrative":
                out[block["key"]] = block["text"]
        for child in section["sections"]:
            walk(child)

    for s in doc["sections"]:
        walk(s)
    return out


def _row_key(row: list[dict[str, Any]], index: int) -> str:
    texts = [c.get("text", "") for c in row if c.get("text")]
    return " / ".join(t for t in texts[:3] if t) or f"baris {index + 1}"


def document_changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    old_tables, new_tables = _tables(before), _tables(after)
    for key, new in new_tables.items():
        old = old_tables.get(key)
        title = f"{new['number']} {new['title']}"
        if old is None:
            changes.append(Change(title, "(tabel baru)", "", "", ""))
            continue
        old_rows = {_row_key(r, i): r for i, r in enumerate(old["rows"])}
        for i, row in enumerate(new["rows"]):
            key_text = _row_key(row, i)
            previous = old_rows.pop(key_text, None)
            if previous is None:
                changes.append(Change(title, key_text, "(baris baru)", "", " | ".join(_display(c) for c in row)))
                continue
            for n, cell in enumerate(row):
                prev = previous[n] if n < len(previous) else None
                if _cell_text(prev) != _cell_text(cell):
                    column = new["columns"][n]["label"] if n < len(new["columns"]) else str(n + 1)
                    changes.append(Change(title, key_text, column, _display(prev), _display(cell)))
        for key_text, row in old_rows.items():
            changes.append(Change(title, key_text, "(baris dihapus)", " | ".join(_display(c) for c in row), ""))
    old_n, new_n = _narratives(before), _narratives(after)
    for key in sorted(set(old_n) | set(new_n)):
        if old_n.get(key, "") != new_n.get(key, ""):
            changes.append(Change("Narasi", key, "teks", old_n.get(key, ""), new_n.get(key, "")))
    return changes


def evidence_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    def key(e: dict[str, Any]) -> tuple[Any, ...]:
        return (e["indicator"], e["quarter"], e["description"], e.get("sha256") or e.get("url"))

    old, new = {key(e): e for e in before}, {key(e): e for e in after}
    out = [
        Change("Bukti dukung", f"{e['indicator']} TW {e['quarter']}", "ditambahkan", "", e["description"])
        for k, e in new.items()
        if k not in old
    ]
    out += [
        Change("Bukti dukung", f"{e['indicator']} TW {e['quarter']}", "dihapus", e["description"], "")
        for k, e in old.items()
        if k not in new
    ]
    return out
