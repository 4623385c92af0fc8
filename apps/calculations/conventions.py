"""A kabupaten's report conventions as data: how each kind of figure is printed (pure Python, no Django).

DOMAIN.md section 6: what a report displays, and how, is each kabupaten's convention. A
:class:`Convention` says, per figure kind, the decimals and the rounding mode (half up or truncation
toward zero), which efisiensi forms the report prints and whether efisiensi is computed from the
displayed operands (seed 002: 103,2 − 94,19 = 9,01; issue 18: ``TRUNC(ROUND(capaian,1) / ROUND(serapan,1)
× 100)``), whether the budget section states the efisiensi anggaran (100 − serapan) and how the budget
table is laid out. The stored model (apps.performance.models.ReportConvention) turns into this one;
values are always kept at full precision and only the display (and a derived figure computed from
displayed operands) follows the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from apps.core.numbers import HALF_UP, ROUNDING_MODES, TRUNCATE, round_display

from .results import HUNDRED, Reason, Result, checked_places, percent_text, value_of

__all__ = [
    "BUDGET_LAYOUTS",
    "EFISIENSI_FORMS",
    "FIGURE_KINDS",
    "LAYOUT_PROGRAM_TREE",
    "LAYOUT_SASARAN",
    "NEUTRAL",
    "Convention",
    "FigureRule",
    "efisiensi_anggaran",
]

#: The kinds of figure a convention gives a rule for, with their Indonesian names (the report's notes).
FIGURE_KINDS: dict[str, str] = {
    "capaian": "Capaian kinerja",
    "serapan": "Serapan anggaran",
    "efisiensi": "Efisiensi",
    "efisiensi_anggaran": "Efisiensi anggaran (100 − serapan)",
    "indeks": "Indeks dan nilai (IKM, SAKIP, RB)",
    "tingkat_kemajuan": "Tingkat kemajuan",
    "rupiah": "Rupiah",
}

#: Which efisiensi forms a report prints: the difference (capaian − serapan), the ratio (capaian / serapan × 100), both.
EFISIENSI_FORMS = ("selisih", "rasio", "both")

LAYOUT_PROGRAM_TREE = "program_tree"
LAYOUT_SASARAN = "sasaran"
#: The layouts of the budget table: the program tree (program > kegiatan > sub kegiatan) or grouped by sasaran.
BUDGET_LAYOUTS = (LAYOUT_PROGRAM_TREE, LAYOUT_SASARAN)

NEUTRAL_NAME = "Konvensi netral"

ROUNDING_NAMES = {HALF_UP: "dibulatkan (setengah ke atas)", TRUNCATE: "dipotong (dibulatkan ke bawah)"}


@dataclass(frozen=True)
class FigureRule:
    """How one kind of figure is printed: ``places`` decimals, rounded by ``rounding`` (HALF_UP or TRUNCATE)."""

    places: int = 2
    rounding: str = HALF_UP

    def __post_init__(self) -> None:
        checked_places(self.places)
        if self.rounding not in ROUNDING_MODES:
            raise ValueError(f"cara pembulatan tidak dikenal: {self.rounding!r}")

    def apply(self, value: Decimal) -> Decimal:
        """``value`` as printed under this rule (full precision kept elsewhere)."""
        return round_display(value, self.places, self.rounding)

    @property
    def text(self) -> str:
        """The rule in words for the report's notes: "2 desimal, dibulatkan (setengah ke atas)"."""
        return f"{self.places} desimal, {ROUNDING_NAMES[self.rounding]}"


def _neutral_rules() -> dict[str, FigureRule]:
    rules = {kind: FigureRule() for kind in FIGURE_KINDS}
    rules["rupiah"] = FigureRule(places=0)
    return rules


@dataclass(frozen=True)
class Convention:
    """A pemda's report conventions (the neutral default: 2 places half up, Rupiah whole, both efisiensi forms)."""

    name: str = NEUTRAL_NAME
    rules: dict[str, FigureRule] = field(default_factory=_neutral_rules)
    efisiensi_forms: str = "both"
    #: Efisiensi computed from capaian and serapan as printed (their rules), not from the exact values.
    efisiensi_from_displayed: bool = False
    #: The budget section states the efisiensi anggaran (100 − serapan, the unspent share).
    state_efisiensi_anggaran: bool = False
    budget_layout: str = LAYOUT_PROGRAM_TREE

    def __post_init__(self) -> None:
        unknown = set(self.rules) - set(FIGURE_KINDS)
        if unknown:
            raise ValueError(f"jenis angka tidak dikenal: {sorted(unknown)}")
        if self.efisiensi_forms not in EFISIENSI_FORMS:
            raise ValueError(f"bentuk efisiensi tidak dikenal: {self.efisiensi_forms!r}")
        if self.budget_layout not in BUDGET_LAYOUTS:
            raise ValueError(f"susunan tabel anggaran tidak dikenal: {self.budget_layout!r}")

    def rule(self, kind: str) -> FigureRule:
        """The rule of ``kind`` (a kind the convention does not name follows the neutral rule)."""
        if kind not in FIGURE_KINDS:
            raise ValueError(f"jenis angka tidak dikenal: {kind!r}")
        return self.rules.get(kind) or _neutral_rules()[kind]

    @property
    def prints_selisih(self) -> bool:
        return self.efisiensi_forms in ("selisih", "both")

    @property
    def prints_rasio(self) -> bool:
        return self.efisiensi_forms in ("rasio", "both")

    @property
    def efisiensi_operands(self) -> tuple[FigureRule, FigureRule] | None:
        """The rules capaian and serapan are printed by, when efisiensi is computed from them as printed."""
        if not self.efisiensi_from_displayed:
            return None
        return (self.rule("capaian"), self.rule("serapan"))

    def to_dict(self) -> dict[str, Any]:
        """The convention as plain JSON data (a frozen report pins the one it was submitted under)."""
        return {
            "name": self.name,
            "rules": {kind: {"places": self.rule(kind).places, "rounding": self.rule(kind).rounding} for kind in FIGURE_KINDS},
            "efisiensi_forms": self.efisiensi_forms,
            "efisiensi_from_displayed": self.efisiensi_from_displayed,
            "state_efisiensi_anggaran": self.state_efisiensi_anggaran,
            "budget_layout": self.budget_layout,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Convention:
        """The convention :meth:`to_dict` gave (validated as any other; a kind it lacks follows the neutral rule)."""
        rules = {kind: FigureRule(places=int(r["places"]), rounding=str(r["rounding"])) for kind, r in data.get("rules", {}).items()}
        return cls(
            name=str(data.get("name", NEUTRAL_NAME)),
            rules={**_neutral_rules(), **rules},
            efisiensi_forms=str(data.get("efisiensi_forms", "both")),
            efisiensi_from_displayed=bool(data.get("efisiensi_from_displayed", False)),
            state_efisiensi_anggaran=bool(data.get("state_efisiensi_anggaran", False)),
            budget_layout=str(data.get("budget_layout", LAYOUT_PROGRAM_TREE)),
        )


NEUTRAL = Convention()


def efisiensi_anggaran(serapan: Result | Decimal | None, *, places: int = 2) -> Result:
    """Efisiensi anggaran: the unspent share of the pagu, ``100 − serapan`` (issue 18; in percent).

    ``efisiensi_anggaran(Decimal("94.19"))`` is 5,81 %. A blank serapan gives a blank.
    """
    places = checked_places(places)
    s, s_reason = value_of(serapan, "serapan")
    if s is None:
        return Result.blank(Reason.MISSING_SERAPAN, detail=s_reason or "")
    value = HUNDRED - s
    return Result.of(value, f"100 − {percent_text(s, places)} = {percent_text(value, places)}")
