"""Work counted, not timed: the bounds the hostile-input tests assert instead of seconds.

A wall-clock limit fails on a loaded machine and passes a quadratic algorithm on a fast one; the
work done is the same on every machine. Two meters, each a context manager that patches counting
wrappers in and takes them out again:

* :func:`regex_work` counts the calls of every compiled regular expression of the given modules and
  the characters (or bytes) of text they were given: work linear in the input shows as a total of a
  few times its size; text refused before it is looked at shows as zero.
* :func:`importer_work` (the spreadsheet importer, the package ``apps.budgets.importer``) counts the bytes
  inflated out of the zip (by the container scan, the formula scan and openpyxl, per part), the XML
  start tags the container scan listed, the workbooks openpyxl opened, the worksheets and rows (and
  cells of those rows) it iterated, the bytes examined by the formula scan's searches, and the regex
  work of the importer's modules, the nomenclature codes and the number parser. The wrappers are set
  where the importer looks the names up: ``sheet._sheet_rows`` and ``sheet.formulas_without_value``
  (``open_sheet`` calls both), and the patterns of every module of the package.

The timings of the same cases are measured in ``bench/hostile_input.py`` (docs/performance.md).
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

_SCANNING = ("search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split")


@dataclass
class RegexWork:
    calls: int = 0
    chars: int = 0  # characters (bytes) of subject text handed to the regex engine
    matches: Counter[str] = field(default_factory=Counter)  # findall results, per pattern name


class _PatternSpy:
    """Stands in for one compiled pattern: counts, then delegates to it."""

    def __init__(self, name: str, pattern: re.Pattern[Any], work: RegexWork) -> None:
        self._name, self._pattern, self._work = name, pattern, work

    def __getattr__(self, attr: str) -> Any:
        real = getattr(self._pattern, attr)
        if attr not in _SCANNING:
            return real

        def counted(*args: Any, **kwargs: Any) -> Any:
            subject = args[1] if attr in ("sub", "subn") else args[0]
            size = len(subject) if isinstance(subject, str | bytes | bytearray) else 0
            ranged = attr not in ("sub", "subn", "split")  # (string, pos, endpos)
            pos = args[1] if ranged and len(args) > 1 else kwargs.get("pos", 0)
            endpos = args[2] if ranged and len(args) > 2 else kwargs.get("endpos", size)
            self._work.calls += 1
            self._work.chars += max(0, min(endpos, size) - pos)
            result = real(*args, **kwargs)
            if attr == "findall":
                self._work.matches[self._name] += len(result)
            return result

        return counted


@contextmanager
def regex_work(*modules: ModuleType) -> Iterator[RegexWork]:
    """Count the work of every module-level compiled pattern of ``modules`` inside the block."""
    work = RegexWork()
    saved = [(m, name, value) for m in modules for name, value in vars(m).items() if isinstance(value, re.Pattern)]
    try:
        for module, name, pattern in saved:
            setattr(module, name, _PatternSpy(f"{module.__name__}.{name}", pattern, work))
        yield work
    finally:
        for module, name, pattern in saved:
            setattr(module, name, pattern)


class _CountedBytes(bytes):
    """The worksheet XML given to the formula scan: its searches add the span they examine."""

    examined: list[int]

    def find(self, sub: Any, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        lo = 0 if start is None else start
        hi = len(self) if end is None else min(end, len(self))
        found = super().find(sub, lo, hi)
        self.examined[0] += max(0, (hi if found < 0 else found + len(sub)) - lo)
        return found

    def rfind(self, sub: Any, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        lo = 0 if start is None else start
        hi = len(self) if end is None else min(end, len(self))
        found = super().rfind(sub, lo, hi)
        self.examined[0] += max(0, hi - (lo if found < 0 else found))
        return found


@dataclass
class ImporterWork:
    inflated: Counter[str] = field(default_factory=Counter)  # bytes read out of each zip member
    workbooks: int = 0  # openpyxl.load_workbook calls
    sheets: int = 0  # worksheets whose rows were iterated
    rows: int = 0  # worksheet rows openpyxl produced (header search and data rows)
    cells: int = 0  # values in those rows
    formula_scan_bytes: int = 0  # size of the worksheet XML given to the formula scan
    formula_scan_examined: int = 0  # bytes its find/rfind calls looked at
    regex: RegexWork = field(default_factory=RegexWork)

    @property
    def inflated_total(self) -> int:
        return sum(self.inflated.values())

    @property
    def tags(self) -> int:
        """XML start tags listed by the container scan."""
        return self.regex.matches["apps.budgets.importer.guard._START_TAG"]

    def as_dict(self) -> dict[str, int]:
        return {
            "inflated": self.inflated_total, "workbooks": self.workbooks, "sheets": self.sheets, "rows": self.rows,
            "cells": self.cells, "tags": self.tags, "formula_scan_examined": self.formula_scan_examined,
            "regex_chars": self.regex.chars, "regex_calls": self.regex.calls,
        }  # fmt: skip


@contextmanager
def importer_work() -> Iterator[ImporterWork]:
    """Count what ``apps.budgets.importer`` does inside the block (see the module docstring)."""
    import openpyxl

    from apps.budgets import codes
    from apps.budgets.importer import columns, diff, dpa, dpa_sheet, guard, layout_a, layout_b, limits, messages, realisasi, sheet
    from apps.core import numbers

    importer_modules = (columns, diff, dpa, dpa_sheet, guard, layout_a, layout_b, limits, messages, realisasi, sheet)

    work = ImporterWork()
    read, read1 = zipfile.ZipExtFile.read, zipfile.ZipExtFile.read1
    load_workbook, sheet_rows, formulas = openpyxl.load_workbook, sheet._sheet_rows, sheet.formulas_without_value

    def counted_read(self: Any, n: int = -1) -> bytes:
        data = read(self, n)
        work.inflated[self.name] += len(data)
        return data

    def counted_read1(self: Any, n: int) -> bytes:
        data = read1(self, n)
        work.inflated[self.name] += len(data)
        return data

    def counted_load_workbook(*args: Any, **kwargs: Any) -> Any:
        work.workbooks += 1
        return load_workbook(*args, **kwargs)

    def counted_sheet_rows(ws: Any) -> Iterator[tuple[Any, ...]]:
        work.sheets += 1
        for values in sheet_rows(ws):
            work.rows += 1
            work.cells += len(values)
            yield values

    def counted_formulas(xml: bytes) -> set[tuple[int, int]]:
        counted = _CountedBytes(xml)
        counted.examined = [0]
        work.formula_scan_bytes += len(xml)
        try:
            return formulas(counted)
        finally:
            work.formula_scan_examined += counted.examined[0]

    patches = [
        (zipfile.ZipExtFile, "read", counted_read),
        (zipfile.ZipExtFile, "read1", counted_read1),
        (openpyxl, "load_workbook", counted_load_workbook),
        (sheet, "_sheet_rows", counted_sheet_rows),
        (sheet, "formulas_without_value", counted_formulas),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    with ExitStack() as stack:
        work.regex = stack.enter_context(regex_work(*importer_modules, codes, numbers))
        try:
            for owner, name, value in patches:
                setattr(owner, name, value)
            yield work
        finally:
            for owner, name, value in originals:
                setattr(owner, name, value)
