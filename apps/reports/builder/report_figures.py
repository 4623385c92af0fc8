"""The report's view of the figures of its organisation-period.

Every figure (capaian, predikat, serapan, efisiensi, per indicator, per sasaran and of the organisation)
is read from :mod:`apps.reports.figures`, the one figures selector (CONVENTIONS 17, docs/reports.md,
"Figures"); this class adds only what the report alone shows: the realisations of the two previous
years, a figure "s/d TW IV" for the lampiran, and the total of the PK's program budgets.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps import calculations as calc
from apps.calculations import bridge
from apps.planning.models import Indicator

from .. import figures
from ..inputs import ReportInputs


class Figures:
    """The document's view of the figures of its organisation-period (apps.reports.figures, where each
    figure is defined), with the values of the two previous years that only the report shows."""

    def __init__(self, data: ReportInputs) -> None:
        self.d = data
        self.org = figures.compute(data)
        self.values = {
            y: bridge.quarter_values(data.measured, data.realisations.get(y, {})) for y in (data.year - 2, data.year - 1, data.year)
        }
        self.sasaran_by_pk = {s.pk: s for s in data.sasaran}
        self.program_by_pk = {p.pk: p for p in data.programs}

    def realised(self, ind: Indicator, year: int | None = None, upto: int | None = None) -> calc.Result:
        year = year or self.d.year
        return bridge.aggregate(ind, self.values[year][ind.pk], upto or (self.d.upto if year == self.d.year else 4))

    def figure(self, item: Any, upto: int | None = None) -> figures.IndicatorFigure:
        """The PK item's figure s/d the report's quarter (or s/d ``upto``, by the same rule)."""
        if upto is None or upto == self.d.upto:
            return self.org.of(item)
        return bridge.indicator_figure(item, self.values[self.d.year][item.indicator_id], upto, self.d.scale)

    def target(self, item: Any, upto: int | None = None) -> Decimal | None:
        return self.figure(item, upto).target

    def capaian(self, item: Any, upto: int | None = None) -> calc.Result:
        return self.figure(item, upto).capaian

    def predikat(self, result: calc.Result) -> calc.Band | None:
        return bridge.predikat(self.d.scale, result)

    @property
    def display(self) -> str:
        """How the pemda's capaian scale prints a predikat (calc.predikat_text)."""
        return self.d.scale.display if self.d.scale is not None else calc.DISPLAYS[0]

    def comparison_gap(self, ind: Indicator, figure: Any) -> calc.Result:
        """Selisih = the realisation minus a comparison figure (seed 002 §4.12: 74,64 − 64,23 = 10,41); blank when
        the comparison is missing or not available."""
        if figure is None or figure.not_available:
            return calc.Result.blank(calc.Reason.MISSING_VALUE, "data pembanding tidak tersedia → -")
        return calc.difference(self.realised(ind), bridge.plain(figure.value), places=ind.precision)

    def realisation_row(self, ind: Indicator, quarter: int | None = None) -> Any:
        return self.d.realisations.get(self.d.year, {}).get(ind.pk, {}).get(quarter or self.d.upto)

    def items(self, level: str) -> list[Any]:
        return [i for i in self.d.items if i.indicator.level == level]

    def sasaran_rollup(self) -> list[tuple[Any, calc.Result, list[Any]]]:
        """Capaian per sasaran (figures.compute): the (weighted) mean of its PK indicators."""
        return [(s.sasaran, s.capaian, [f.item for f in s.indicators]) for s in self.org.sasaran]

    def organisation_rollup(self) -> calc.Result:
        return self.org.capaian

    def iku_items(self) -> list[Any]:
        return [i for i in self.d.items if i.indicator.is_iku] or self.items("sasaran")

    def budget_total(self) -> calc.BudgetNode | None:
        return self.org.budget

    def pk_budget_total(self) -> calc.Result:
        return _sum(list(self.d.budgets.values()))

    def sasaran_text(self, sasaran_id: int | None) -> str:
        """The text of a sasaran of the Renstra, "-" when there is none."""
        s = self.sasaran_by_pk.get(sasaran_id) if sasaran_id is not None else None
        return s.text if s else "-"

    def program_name(self, program_id: int | None) -> str:
        """The name of a program of the Renstra, "-" when there is none."""
        p = self.program_by_pk.get(program_id) if program_id is not None else None
        return p.name if p else "-"


def _sum(values: list[Decimal | None]) -> calc.Result:
    node = calc.BudgetNode(
        code="",
        name="",
        level=calc.BudgetLevel.ORGANISASI,
        children=tuple(calc.BudgetNode(code=str(n), name="", level=calc.BudgetLevel.PROGRAM, pagu=v) for n, v in enumerate(values)),
    )
    total = node.total_pagu()
    return calc.Result.of(total, "jumlah anggaran program") if total is not None else calc.Result.blank(calc.Reason.NO_VALUES)
