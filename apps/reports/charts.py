"""Server-side SVG charts (matplotlib), identical in the HTML page and the PDF.

The SVG is made deterministic (fixed hash salt, no date metadata) so the same data always gives the
same bytes: an approved PDF must be reproducible. Text stays text in DejaVu Sans (``svg.fonttype:
none``), the report's font, vendored for the browser in ``static/vendor/dejavu`` and installed for
WeasyPrint: the PDF's charts are searchable and render about 20 % faster than with text drawn as
paths (7,7 -> 6,2 s of CPU for a 33-page LKjIP, docs/performance.md).
"""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal
from functools import lru_cache
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from apps.core.numbers import HALF_UP, format_decimal_id  # noqa: E402

# ``text.parse_math`` off: names are user text, and a `$` in one made matplotlib parse it as mathtext
# (a crash of every report of the kecamatan for an unbalanced `$`, math drawn for a pair).
plt.rcParams.update(
    {"svg.hashsalt": "lkjip", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 8, "text.parse_math": False}
)

BLUE = "#0d6efd"
GREEN = "#198754"
RED = "#dc3545"
GREY = "#adb5bd"


def _svg(fig: plt.Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": "LKjIP"})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


#: The report's text width (A4 less the 2,5 cm and 2 cm margins, report.css), in inches: a chart drawn at
#: this width prints at its own font size, since the SVG is scaled to the width of the text.
PAGE_WIDTH_IN = 6.5
NO_DATA = "Belum ada data untuk digambarkan."


def _wrap(label: str, width: int = 38, lines: int = 3) -> str:
    """A name over at most ``lines`` lines of about ``width`` characters (cut with "…" only past them)."""
    parts = textwrap.wrap(label, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def message_svg(text: str) -> str:
    """A chart's place when there is nothing to draw: the message, as text, in the report's font."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart-message" width="468pt" height="36pt" viewBox="0 0 468 36" '
        'role="img"><rect x="0.5" y="0.5" width="467" height="35" fill="#f8f9fa" stroke="#adb5bd"/>'
        f'<text x="234" y="22" text-anchor="middle" style="font-family: \'DejaVu Sans\'; font-size: 10px">{escape(text)}</text></svg>'
    )


def _no_parse(*texts: Any) -> None:
    """Every label drawn as the text it is (no mathtext, whatever the rcParams say): user text may hold `$`."""
    for t in texts:
        t.set_parse_math(False)


def capaian_chart(rows: list[tuple[str, Decimal | None]], places: int = 2, rounding: str = HALF_UP) -> str:
    """Horizontal bars of capaian (%) per indicator with the 100 % line; blanks are shown as "-". The labels
    print ``places`` decimals by ``rounding`` (the pemda's report convention for capaian, as in its tables).
    Long names wrap over up to three lines (9 pt in the page: the figure is drawn at the text width)."""
    if not rows:
        return message_svg(NO_DATA)
    return _capaian_chart(tuple(rows[:30]), places, rounding)


@lru_cache(maxsize=256)
def _capaian_chart(rows: tuple[tuple[str, Decimal | None], ...], places: int, rounding: str) -> str:
    """Drawn once per distinct input (matplotlib costs ~0,5 s per chart); the SVG is deterministic."""
    labels = [_wrap(name) for name, _ in rows][::-1]
    line_counts = [label.count("\n") + 1 for label in labels]
    height = max(1.6, sum(0.2 + 0.15 * n for n in line_counts) + 0.8)
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH_IN, height))
    fig.subplots_adjust(left=0.4, right=0.97, top=0.98, bottom=0.6 / height)
    values = [float(v) if v is not None else 0.0 for _, v in rows][::-1]  # float only for drawing
    colours = [GREY if v is None else (GREEN if v >= 100 else RED) for _, v in rows][::-1]
    bars = ax.barh(range(len(rows)), values, color=colours)
    ax.set_yticks(range(len(rows)), labels, fontsize=9, linespacing=1.1)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.axvline(100, color="#495057", linewidth=0.8, linestyle="--")
    for bar, (_, v) in zip(bars, rows[::-1], strict=True):
        t = ax.text(
            bar.get_width() + 1,
            bar.get_y() + bar.get_height() / 2,
            format_decimal_id(v, places, rounding=rounding) + (" %" if v is not None else ""),
            va="center",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},  # readable across the 100 % line
            zorder=3,
        )
        _no_parse(t)
    _no_parse(*ax.get_yticklabels(), ax.set_xlabel("Capaian (%)", fontsize=9))
    ax.tick_params(axis="x", labelsize=9)
    ax.set_xlim(0, max([110.0, *values]) * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def serapan_chart(quarters: list[tuple[str, Decimal | None, Decimal | None]]) -> str:
    """Cumulative budget plan (anggaran kas) and realisation per quarter, in rupiah: a series is drawn (and
    named in the legend) only when it has a figure; with neither, the message instead of an empty chart."""
    if not any(p for _, p, _ in quarters) and not any(r for _, _, r in quarters):
        return message_svg("Belum ada anggaran kas maupun realisasi anggaran untuk digambarkan.")
    return _serapan_chart(tuple(quarters))


@lru_cache(maxsize=256)
def _serapan_chart(quarters: tuple[tuple[str, Decimal | None, Decimal | None], ...]) -> str:
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH_IN, 2.8))
    labels = [q for q, _, _ in quarters]
    x = list(range(len(labels)))
    series = [
        ("Rencana (anggaran kas) s/d TW", GREY, [p for _, p, _ in quarters]),
        ("Realisasi s/d TW", BLUE, [r for _, _, r in quarters]),
    ]
    drawn = [(name, colour, values) for name, colour, values in series if any(values)]
    width = 0.8 / len(drawn)
    for i, (name, colour, values) in enumerate(drawn):
        offset = (i - (len(drawn) - 1) / 2) * width
        heights = [float(v or 0) / 1e6 for v in values]  # float only for drawing
        bars = ax.bar([j + offset for j in x], heights, width=width, color=colour, label=name)
        for bar, v in zip(bars, values, strict=True):
            if v is not None:
                t = ax.annotate(
                    format_decimal_id(v / Decimal(1_000_000), 1), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=7, xytext=(0, 1), textcoords="offset points",
                )  # fmt: skip
                _no_parse(t)
    ax.set_xticks(x, labels)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("Juta rupiah")
    legend = ax.legend(frameon=False, loc="upper left")
    _no_parse(*ax.get_xticklabels(), *legend.get_texts())
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)
