"""The report as data: sections, paragraphs, tables and figures, numbered automatically.

One ``Document`` is built from the entered data (apps.reports.builder) and rendered four ways
(renderers.py): HTML, PDF, XLSX, JSON. Tables and figures are numbered per chapter in
the order they are added ("Tabel 3.4"), so numbering can never break or repeat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from apps.calculations import Reason, Result, is_state

#: The language of every report, whatever the reader's interface language (issue 19): building a Document
#: and rendering it (HTML, PDF, XLSX, JSON) run under ``translation.override(REPORT_LANGUAGE)``, so a report
#: downloaded after switching the interface to English still says "7 Desember 2026".
REPORT_LANGUAGE = "id"


@dataclass
class Column:
    label: str
    kind: str = "text"  # text | number | percent | rupiah | int
    places: int = 2
    width: str = ""


@dataclass
class Cell:
    """A table cell: a text, a number, or a calculation Result (whose derivation is kept)."""

    value: Any
    places: int | None = None
    kind: str | None = None
    colour: str = ""
    rounding: str | None = None  # HALF_UP or TRUNCATE (apps.core.numbers), as the pemda's report convention says; None: half up
    bold: bool = False
    indent: int = 0
    level: str = ""  # on a row's first cell: the row's level in a hierarchical table ("Program", "Kegiatan", ...)

    @property
    def number(self) -> Decimal | None:
        if isinstance(self.value, Result):
            return self.value.value
        if isinstance(self.value, Decimal):
            return self.value
        if isinstance(self.value, int) and not isinstance(self.value, bool) and self.kind not in (None, "text"):
            return Decimal(self.value)  # a count in a number column (programs of a budget document), printed like any number
        return None

    @property
    def derivation(self) -> str:
        return self.value.derivation if isinstance(self.value, Result) else ""

    @property
    def reason(self) -> str:
        return (self.value.reason or "") if isinstance(self.value, Result) else ""

    @property
    def state(self) -> str:
        """A realisation state printed where the figure would be, with its reason (issue 18: "belum tersedia:
        survei IKM oleh BPS (...)"); "" for any other cell, a blank of another reason printing "-"."""
        return (self.value.reason or "") if isinstance(self.value, Result) and is_state(self.value) else ""

    @property
    def state_code(self) -> str:
        """The stored value of the state ("belum_tersedia", "tidak_dapat_diukur"), "" for any other cell."""
        if not self.state:
            return ""
        return "belum_tersedia" if self.value.code is Reason.NOT_YET_AVAILABLE else "tidak_dapat_diukur"


class Numbered:
    """A table or figure: numbered per chapter (:class:`Numbering`), captioned "Tabel 3.4 Title"."""

    number: str
    title: str

    @property
    def caption(self) -> str:
        return f"{self.number} {self.title}".strip()


#: A table of at most this many rows is kept whole on one page in the PDF (report.css, ``.small``).
SMALL_TABLE_ROWS = 12


@dataclass
class Table(Numbered):
    block: ClassVar[str] = "table"
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    subtitle: str = ""
    note: str = ""
    landscape: bool = False
    number: str = ""
    footer: list[Cell] | None = None

    @property
    def small(self) -> bool:
        """Printed whole on one page (the PDF does not split it), with its caption and note."""
        return len(self.rows) <= SMALL_TABLE_ROWS

    def add(self, *cells: Any, bold: bool = False, indent: int = 0, level: str = "") -> None:
        """Add a row; ``indent`` and ``level`` (the row's level in a hierarchical table: "Program",
        "Kegiatan", "Sub kegiatan", "Sasaran", ...) are kept on its first cell."""
        row = [c if isinstance(c, Cell) else Cell(c) for c in cells]
        for c in row:
            c.bold = c.bold or bold
        if row:
            row[0].indent = indent
            row[0].level = level
        self.rows.append(row)

    @property
    def levels(self) -> list[str]:
        """Each row's level, or [] for a flat table: a spreadsheet filters or sums by it (the XLSX writes it
        as a "Tingkat" column), so a program's total is not added to its kegiatan and sub kegiatan (issue 19)."""
        levels = [row[0].level if row else "" for row in self.rows]
        return levels if any(levels) else []


_SVG_ID = re.compile(r'\bid="([^"]+)"')
_SVG_REF = re.compile(r'(href="#|url\(#)([^")]+)')


def prefix_svg_ids(svg: str, prefix: str) -> str:
    """The SVG with every element id (and every reference to one: ``href="#..."``, ``url(#...)``) prefixed:
    matplotlib numbers ``figure_1``, ``axes_1``, ``patch_1``... in every chart, and an HTML page holding two
    charts inline would hold each id twice (a link, a clip path resolved to the other chart)."""
    svg = _SVG_ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    return _SVG_REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)


@dataclass
class Figure(Numbered):
    block: ClassVar[str] = "figure"
    key: str
    title: str
    svg: str
    number: str = ""

    def __post_init__(self) -> None:
        self.svg = prefix_svg_ids(self.svg, f"gambar-{self.key}")


@dataclass
class Paragraph:
    block: ClassVar[str] = "paragraph"
    text: str


@dataclass
class BulletList:
    block: ClassVar[str] = "list"
    items: list[str]


@dataclass
class Narrative:
    """An editable narrative section, prefilled with a draft generated from the data."""

    block: ClassVar[str] = "narrative"
    key: str
    text: str
    is_draft: bool


@dataclass
class Signature:
    block: ClassVar[str] = "signature"
    place: str
    date_text: str
    title: str
    name: str
    pangkat: str
    nip: str


@dataclass
class PKForm:
    """The signed Perjanjian Kinerja as a lampiran page: rendered by the PK print view's own template
    (agreements/_pk_form.html) from ``pk`` (apps.agreements.selectors.PKDocument); ``table`` carries its
    sasaran, indicators and targets (and the parties in its note) for the XLSX and JSON."""

    block: ClassVar[str] = "pk_form"
    pk: Any
    table: Table
    date_text: str = ""


@dataclass
class Section:
    anchor: str
    number: str
    title: str
    level: int
    blocks: list[Any] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    landscape: bool = False
    page_break: bool = False

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def keeps_first(self) -> bool:
        """Whether the heading is printed in one piece with its first block, a chart or a small table (kept
        whole): a heading's ``break-after: avoid`` alone does not move it to the next page with a block that
        cannot be split. A text or a large table may start under its heading and go on over the page."""
        first = self.blocks[0] if self.blocks else None
        return isinstance(first, Figure) or (isinstance(first, Table) and first.small)

    @property
    def starts_wide(self) -> bool:
        """Whether its content starts with a landscape table (or a landscape section): the PDF prints the
        heading on that landscape page too, or the change of page size would leave it alone at the foot of
        the portrait page before."""
        if self.blocks:
            return bool(getattr(self.blocks[0], "landscape", False))
        return bool(self.children) and (self.children[0].landscape or self.children[0].starts_wide)


@dataclass
class Document:
    title: str
    cover_title: str
    organisation: str
    pemda: str
    year: int
    period: str
    period_label: str
    place: str
    date_text: str
    logo_paths: list[str] = field(default_factory=list)  # the cover's images: the pemda's lambang, then the kecamatan's logo
    sections: list[Section] = field(default_factory=list)
    figures_meta: dict[str, Any] = field(default_factory=dict)

    def walk(self) -> list[Section]:
        out: list[Section] = []

        def rec(s: Section) -> None:
            out.append(s)
            for c in s.children:
                rec(c)

        for s in self.sections:
            rec(s)
        return out

    @property
    def tables(self) -> list[Table]:
        return [
            t for s in self.walk() for b in s.blocks for t in ([b] if isinstance(b, Table) else [b.table] if isinstance(b, PKForm) else [])
        ]

    @property
    def figures(self) -> list[Figure]:
        return [b for s in self.walk() for b in s.blocks if isinstance(b, Figure)]


NumberedT = TypeVar("NumberedT", bound=Numbered)


class Numbering:
    """Numbers tables and figures per chapter in the order they are added."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], int] = {}

    def table(self, chapter: str, table: Table) -> Table:
        return self._number("Tabel", chapter, table)

    def figure(self, chapter: str, figure: Figure) -> Figure:
        return self._number("Gambar", chapter, figure)

    def _number(self, kind: str, chapter: str, item: NumberedT) -> NumberedT:
        key = (kind, chapter)
        self.counts[key] = self.counts.get(key, 0) + 1
        item.number = f"{kind} {chapter}.{self.counts[key]}"
        return item
