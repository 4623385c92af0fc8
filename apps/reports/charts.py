"""Server-side SVG charts (matplotlib), identical in the HTML page and the PDF.

The SVG is made deterministic (fixed hash salt, no date metadata) so the same data always gives the
same bytes: an approved PDF must be reproducible. Text stays text in DejaVu Sans (``svg.fonttype:
none``), the report's font, vendored for the browser in ``static/vendor/dejavu`` and installed for
WeasyPrint: the PDF's charts are searchable and render about 20 % faster than with text drawn as
paths (7,7 -> 6,2 s of CPU for a 33-page LKjIP, docs/performance.md).
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache

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


def _short(label: str, n: int = 60) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def capaian_chart(rows: list[tuple[str, Decimal | None]], places: int = 2, rounding: str = HALF_UP) -> str:
    """Horizontal bars of capaian (%) per indicator with the 100 % line; blanks are shown as "-". The labels
    print ``places`` decimals by ``rounding`` (the pemda's report convention for capaian, as in its tables)."""
    return _capaian_chart(tuple(rows[:30]), places, rounding)


@lru_cache(maxsize=256)
def _capaian_chart(rows: tuple[tuple[str, Decimal | None], ...], places: int, rounding: str) -> str:
    """Drawn once per distinct input (matplotlib costs ~0,5 s per chart); the SVG is deterministic."""
    height = max(1.6, 0.38 * len(rows) + 0.8)
    fig, ax = plt.subplots(figsize=(7.2, height))
    labels = [_short(name) for name, _ in rows][::-1]
    values = [float(v) if v is not None else 0.0 for _, v in rows][::-1]  # float only for drawing
    colours = [GREY if v is None else (GREEN if v >= 100 else RED) for _, v in rows][::-1]
    bars = ax.barh(range(len(rows)), values, color=colours)
    ax.set_yticks(range(len(rows)), labels)
    ax.axvline(100, color="#495057", linewidth=0.8, linestyle="--")
    for bar, (_, v) in zip(bars, rows[::-1], strict=True):
        ax.text(
            bar.get_width() + 1,
            bar.get_y() + bar.get_height() / 2,
            format_decimal_id(v, places, rounding=rounding) + (" %" if v is not None else ""),
            va="center",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},  # readable across the 100 % line
            zorder=3,
        )
    ax.set_xlabel("Capaian (%)")
    ax.set_xlim(0, max([110.0, *values]) * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def serapan_chart(quarters: list[tuple[str, Decimal | None, Decimal | None]]) -> str:
    """Cumulative budget plan (anggaran kas) and realisation per quarter, in rupiah."""
    return _serapan_chart(tuple(quarters))


@lru_cache(maxsize=256)
def _serapan_chart(quarters: tuple[tuple[str, Decimal | None, Decimal | None], ...]) -> str:
    fig, ax = plt.subplots(figsize=(7.2, 2.8))
    labels = [q for q, _, _ in quarters]
    plan = [float(p or 0) / 1e6 for _, p, _ in quarters]
    real = [float(r or 0) / 1e6 for _, _, r in quarters]
    x = range(len(labels))
    ax.bar([i - 0.2 for i in x], plan, width=0.4, color=GREY, label="Rencana (anggaran kas) s/d TW")
    ax.bar([i + 0.2 for i in x], real, width=0.4, color=BLUE, label="Realisasi s/d TW")
    ax.set_xticks(list(x), labels)
    ax.set_ylabel("Juta rupiah")
    ax.legend(frameon=False, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)
