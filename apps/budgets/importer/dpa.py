"""A parsed DPA: its sub kegiatan lines, the totals printed in the file, and the content hash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from apps import calculations as calc

from .columns import ImportColumn
from .messages import ImportIssue


@dataclass
class ParsedLine:
    """A sub kegiatan of the DPA: its pagu and anggaran kas (cumulative s/d TW n, and per month)."""

    row: int
    code: str
    name: str
    program_code: str
    kegiatan_code: str
    sumber_dana: str = ""
    pagu: Decimal = Decimal(0)
    kas: tuple[Decimal | None, ...] = (None, None, None, None)
    months: tuple[Decimal | None, ...] = (None,) * 12
    program_name: str = ""
    kegiatan_name: str = ""
    #: The belanja per kode akun (code -> (name, amount)) when the file gives it (SIPD's flat rekap, issue 20).
    akun: dict[str, tuple[str, Decimal]] = field(default_factory=dict)

    @property
    def akun_rows(self) -> list[tuple[str, str, Decimal]]:
        """The belanja per kode akun as (code, name, amount), by code."""
        return [(code, name, amount) for code, (name, amount) in sorted(self.akun.items())]

    def canonical(self) -> str:
        """Every field as text (amounts with exactly 2 decimals), for the content hash."""

        def s(v: Decimal | None) -> str:
            return "" if v is None else f"{v:.2f}"  # exact: every amount has at most 2 decimals

        months = "" if self.months.count(None) == 12 else "\x1f".join(s(m) for m in self.months)
        text = "\x1f".join(
            (
                self.code, self.name, self.program_code, self.program_name, self.kegiatan_code, self.kegiatan_name,
                self.sumber_dana, s(self.pagu), s(self.kas[0]), s(self.kas[1]), s(self.kas[2]), s(self.kas[3]), months,
            )
        )  # fmt: skip
        if self.akun:  # only then: the hash of a file without akun detail is unchanged
            text += "\x1e" + "\x1f".join(f"{code}\x1d{name}\x1d{s(amount)}" for code, (name, amount) in sorted(self.akun.items()))
        return text


@dataclass
class Stated:
    """A total printed in the file (program, kegiatan, urusan/bidang or grand total): only checked."""

    row: int
    code: str
    name: str
    pagu: Decimal | None


@dataclass
class ParsedDpa:
    sheet: str = ""
    layout: str = ""
    header_row: int = 0
    lines: list[ParsedLine] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    programs: dict[str, Stated] = field(default_factory=dict)
    kegiatan: dict[str, Stated] = field(default_factory=dict)
    groups: list[Stated] = field(default_factory=list)
    grand_total: Stated | None = None
    tree: calc.BudgetNode | None = None
    pagu_column: str = ""
    title_lines: tuple[tuple[int, str], ...] = ()  # the title rows above the header: whose file it is (identity.py)
    #: Totals written in the file (program, kegiatan, urusan/bidang, grand total) that are not the sum of their lines:
    #: not errors; the file imports with the computed totals once the admin confirms, and they are recorded (issue 20).
    total_mismatches: list[ImportIssue] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.lines)

    @property
    def content_sha256(self) -> str:
        return content_hash(self.lines)

    @property
    def total_pagu(self) -> Decimal | None:
        return self.tree.total_pagu() if self.tree else None


def content_hash(lines: Iterable[ParsedLine]) -> str:
    """What makes two DPA files the same DPA: every line's fields, in code order."""
    payload = "\n".join(sorted(line.canonical() for line in lines))
    return hashlib.sha256(payload.encode()).hexdigest()


class SubRow(NamedTuple):
    """A sub kegiatan row as a layout reader found it, before the checks every layout shares."""

    code: str
    name: str
    column: ImportColumn  # blamed for a duplicate code
    name_column: ImportColumn  # blamed for an empty name
    program_code: str
    kegiatan_code: str
    program_name: str
    kegiatan_name: str
