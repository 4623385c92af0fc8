"""Diagrams drawn as SVG directly from the data (issue 19): the organisation chart (struktur organisasi,
Gambar 1.1) and the pohon kinerja / cascading of the Renstra.

No matplotlib: boxes, lines and wrapped text, every text escaped, no element ids (a page holds several
diagrams and charts), a ``viewBox`` so that the drawing scales to the page width in the browser and in
the PDF (report.css: ``.report-figure svg { width: 100%; height: auto }``). The same data always gives
the same bytes (an approved PDF is reproducible). Pure Python.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from html import escape

FONT = "DejaVu Sans, sans-serif"
PAD = 6
FILLS = ("#e7f1ff", "#eef7ee", "#fff4e5", "#f3ecff", "#f8f9fa")
STROKE = "#495057"
# DejaVu Sans is wide: about 0,60 em per character on average, 0,66 em in bold (the wrap width of a box).
REGULAR_EM, BOLD_EM = 0.60, 0.66


@dataclass
class Node:
    """A box: a title (bold), further lines (plain), its children."""

    title: str
    lines: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class Style:
    box_width: int
    font: int

    @property
    def line(self) -> int:
        return round(self.font * 1.2)

    def chars(self, bold: bool) -> int:
        return max(8, int((self.box_width - 2 * PAD) / (self.font * (BOLD_EM if bold else REGULAR_EM))))


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(str(text).split()), width=width, break_long_words=True) or [""]


def _box_lines(node: Node, style: Style) -> list[tuple[str, bool]]:
    out = [(line, True) for line in _wrap(node.title, style.chars(True))]
    for extra in node.lines:
        out += [(line, False) for line in _wrap(extra, style.chars(False))]
    return out


def _height(node: Node, style: Style) -> float:
    return len(_box_lines(node, style)) * style.line + 2 * PAD


def _text(x: float, y: float, lines: list[tuple[str, bool]], style: Style, *, anchor: str = "middle") -> str:
    parts = []
    for n, (line, bold) in enumerate(lines):
        weight = ' font-weight="bold"' if bold else ""
        parts.append(f'<tspan x="{x:.1f}" y="{y + (n + 1) * style.line - style.font * 0.25:.1f}"{weight}>{escape(line)}</tspan>')
    return f'<text text-anchor="{anchor}" font-family="{FONT}" font-size="{style.font}" fill="#212529">{"".join(parts)}</text>'


def _box(x: float, y: float, w: float, h: float, depth: int) -> str:
    fill = FILLS[min(depth, len(FILLS) - 1)]
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.0f}" height="{h:.1f}" rx="4" fill="{fill}" stroke="{STROKE}" stroke-width="1"/>'


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{STROKE}"/>'


def _svg(width: float, height: float, label: str, body: list[str], page_width_cm: float, max_height_cm: float) -> str:
    """The drawing scaled to the page width (report.css), or narrower when at that width it would be taller than
    ``max_height_cm`` (a figure is never split across pages: a taller one is drawn smaller, centred)."""
    natural = height / width * page_width_cm
    style = "" if natural <= max_height_cm else f' style="width: {max_height_cm / natural * 100:.1f}%; display: block; margin: 0 auto"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}"{style} role="img" aria-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


#: The text width of a portrait and of a landscape page (report.css: A4, margins 2,5 + 2 cm and 2 + 2 cm).
PORTRAIT_CM, LANDSCAPE_CM = 16.5, 25.7


def org_chart(root: Node, *, label: str, box_width: int = 140, font: int = 13, max_height_cm: float = 18.0) -> str:
    """A top-down organisation chart: the head at the top, each unit under its parent, siblings side by side;
    the units of a unit whose units have none (the sub bagian of a sekretariat) stacked under it. A box holds the
    unit's name (bold) and who heads it, wrapped."""
    style = Style(box_width, font)
    gap_x, gap_y, indent = 12, 30, 14

    def stacked(node: Node, depth: int) -> bool:
        return depth > 0 and bool(node.children) and all(not c.children for c in node.children)

    widths: dict[int, float] = {}

    def measure(node: Node, depth: int) -> float:
        if not node.children:
            widths[id(node)] = float(box_width)
        elif stacked(node, depth):
            widths[id(node)] = float(box_width + indent)
        else:
            inner = sum(measure(c, depth + 1) for c in node.children) + gap_x * (len(node.children) - 1)
            widths[id(node)] = max(float(box_width), inner)
        return widths[id(node)]

    total = measure(root, 0)
    row: dict[int, float] = {}

    def rows(node: Node, depth: int) -> None:
        row[depth] = max(row.get(depth, 0.0), _height(node, style))
        if node.children and not stacked(node, depth):
            for c in node.children:
                rows(c, depth + 1)

    rows(root, 0)
    tops = {0: 10.0}
    for depth in range(1, len(row)):
        tops[depth] = tops[depth - 1] + row[depth - 1] + gap_y
    body: list[str] = []
    bottom = [0.0]

    def draw(node: Node, x: float, y: float, depth: int) -> None:
        h = _height(node, style)
        body.append(_box(x, y, box_width, h, depth))
        body.append(_text(x + box_width / 2, y + PAD, _box_lines(node, style), style))
        bottom[0] = max(bottom[0], y + h)

    def place(node: Node, left: float, depth: int) -> float:
        """Draw the subtree in [left, left + width); returns the centre of its box."""
        width = widths[id(node)]
        if stacked(node, depth) or not node.children:
            x = left + (width - box_width - (indent if node.children else 0)) / 2
            centre = x + box_width / 2
        else:
            x = left + (width - box_width) / 2
            centre = left + width / 2
        y = tops[depth]
        draw(node, x, y, depth)
        h = _height(node, style)
        if not node.children:
            return centre
        if stacked(node, depth):
            spine = x + indent / 2
            child_y = y + h + gap_y / 2
            for c in node.children:
                ch = _height(c, style)
                draw(c, x + indent, child_y, depth + 1)
                body.append(_line(spine, child_y + ch / 2, x + indent, child_y + ch / 2))
                last = child_y + ch / 2
                child_y += ch + gap_y / 2
            body.append(_line(spine, y + h, spine, last))
            return centre
        mid = y + h + gap_y / 2
        body.append(_line(centre, y + h, centre, mid))
        inner = sum(widths[id(c)] for c in node.children) + gap_x * (len(node.children) - 1)
        cx = left + (width - inner) / 2
        centres = []
        for c in node.children:
            c_centre = place(c, cx, depth + 1)
            centres.append(c_centre)
            body.append(_line(c_centre, mid, c_centre, tops[depth + 1]))
            cx += widths[id(c)] + gap_x
        body.append(_line(min(centres), mid, max(centres), mid))
        return centre

    place(root, 10.0, 0)
    return _svg(total + 20, bottom[0] + 10, label, body, PORTRAIT_CM, max_height_cm)


CASCADE_WIDTH, CASCADE_FONT = 300, 11
#: The height (in drawing units) a cascade keeps to so that it prints at its full size on a landscape page.
CASCADE_FIT = 440


def cascade_span(node: Node, *, box_width: int = CASCADE_WIDTH, font: int = CASCADE_FONT) -> float:
    """The height of ``node``'s tree drawn by :func:`cascade` (without the column headings)."""
    style = Style(box_width, font)
    inner = sum(cascade_span(c, box_width=box_width, font=font) for c in node.children) + 8 * max(len(node.children) - 1, 0)
    return max(_height(node, style), inner)


def cascade(
    roots: list[Node],
    *,
    label: str,
    columns: list[str],
    box_width: int = CASCADE_WIDTH,
    font: int = CASCADE_FONT,
    max_height_cm: float = 12.5,
) -> str:
    """A left-to-right tree (pohon kinerja / cascading): one column per level (``columns`` are their
    headings), each node beside its children and vertically centred on them; a box holds the node's name
    (bold) and its indicators, wrapped."""
    style = Style(box_width, font)
    gap_x, gap_y, head = 28, 8, 24
    heights: dict[int, float] = {}
    spans: dict[int, float] = {}

    def measure(node: Node) -> float:
        heights[id(node)] = _height(node, style)
        inner = sum(measure(c) for c in node.children) + gap_y * max(len(node.children) - 1, 0)
        spans[id(node)] = max(heights[id(node)], inner)
        return spans[id(node)]

    total = sum(measure(r) for r in roots) + gap_y * max(len(roots) - 1, 0)
    body: list[str] = []
    for n, heading in enumerate(columns):
        x = 10 + n * (box_width + gap_x) + box_width / 2
        body.append(_text(x, 2, [(heading, True)], style))

    def place(node: Node, top: float, depth: int) -> tuple[float, float]:
        x = 10 + depth * (box_width + gap_x)
        h = heights[id(node)]
        y = top + (spans[id(node)] - h) / 2
        body.append(_box(x, y, box_width, h, depth))
        body.append(_text(x + PAD, y + PAD, _box_lines(node, style), style, anchor="start"))
        right, middle = x + box_width, y + h / 2
        inner = sum(spans[id(c)] for c in node.children) + gap_y * max(len(node.children) - 1, 0)
        child_top = top + (spans[id(node)] - inner) / 2
        for c in node.children:
            c_x, c_mid = place(c, child_top, depth + 1)
            elbow = right + gap_x / 2
            body.append(
                f'<polyline points="{right:.1f},{middle:.1f} {elbow:.1f},{middle:.1f} {elbow:.1f},{c_mid:.1f} {c_x:.1f},{c_mid:.1f}" '
                f'fill="none" stroke="{STROKE}"/>'
            )
            child_top += spans[id(c)] + gap_y
        return x, middle

    top = float(head)
    for r in roots:
        place(r, top, 0)
        top += spans[id(r)] + gap_y
    width = 20 + len(columns) * box_width + (len(columns) - 1) * gap_x
    return _svg(width, total + head + 10, label, body, LANDSCAPE_CM, max_height_cm)
