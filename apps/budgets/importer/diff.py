"""Differences between two DPA versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from apps.core.numbers import quantize

from .dpa import ParsedLine


@dataclass(frozen=True)
class LineChange:
    code: str
    name: str
    old_pagu: Decimal | None
    new_pagu: Decimal | None
    what: tuple[str, ...] = ()

    @property
    def difference(self) -> Decimal | None:
        if self.old_pagu is None or self.new_pagu is None:
            return None
        return self.new_pagu - self.old_pagu


@dataclass
class DpaDiff:
    added: list[LineChange] = field(default_factory=list)
    removed: list[LineChange] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)
    unchanged: int = 0
    old_total: Decimal | None = None
    new_total: Decimal | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


_COMPARED = (("name", "nama"), ("sumber_dana", "sumber dana"), ("pagu", "pagu"), ("kas", "anggaran kas"), ("months", "kas bulanan"))


def diff_lines(old: list[Any] | None, new: list[ParsedLine]) -> DpaDiff:
    """Added, removed and changed sub kegiatan between the version in force (``old``: objects with
    the same attribute names, e.g. ``DpaLine`` rows) and the parsed file."""
    result = DpaDiff(new_total=sum((ln.pagu for ln in new), Decimal(0)))
    if old is None:
        result.added = [LineChange(ln.code, ln.name, None, ln.pagu) for ln in new]
        return result
    result.old_total = sum((ln.pagu for ln in old), Decimal(0))
    before = {ln.code: ln for ln in old}
    after = {ln.code: ln for ln in new}
    for code, ln in after.items():
        was = before.get(code)
        if was is None:
            result.added.append(LineChange(code, ln.name, None, ln.pagu))
            continue
        what = tuple(label for attr, label in _COMPARED if _values(was, attr) != _values(ln, attr))
        if what:
            result.changed.append(LineChange(code, ln.name, was.pagu, ln.pagu, what))
        else:
            result.unchanged += 1
    for code, was in before.items():
        if code not in after:
            result.removed.append(LineChange(code, was.name, was.pagu, None))
    for items in (result.added, result.removed, result.changed):
        items.sort(key=lambda c: c.code)
    return result


def _values(obj: Any, attr: str) -> Any:
    value = getattr(obj, attr)
    if attr in ("kas", "months"):
        return tuple(None if v is None else quantize(v, 2) for v in value)
    if attr == "pagu":
        return quantize(value, 2)
    return value
