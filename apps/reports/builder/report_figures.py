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
from ..inputs import ReportInputs, previous_years


class Figures:
    """The document's view of the figures of its organisation-period (apps.reports.figures, where each
    figure is defined), with the values of the two previous years that only the report shows."""

    def __init__(self, data: ReportInputs) -> None:
        self.d = data
        self.org = figures.compute(data)
        self.previous_years = previous_years(data.organisation)
        self.years = list(range(data.year - self.previous_years, data.year + 1))  # the earlier years compared, then the year
        self.values = {y: bridge.quarter_values(data.measured, data.realisations.get(y, {})) for y in self.years}
        self.states = {y: bridge.quarter_states(data.realisations.get(y, {})) for y in self.years}
        self.sasaran_by_pk = {s.pk: s for s in data.sasaran}
        self.program_by_pk = {p.pk: p for p in data.programs}

    def realised(self, ind: Indicator, year: int | None = None, upto: int | None = None) -> calc.Result:
        year = year or self.d.year
        if bridge.is_rollup(ind) and year == self.d.year and (upto or self.d.upto) == self.d.upto:
            figure = self.org.of_indicator(ind.pk)  # computed from the capaian of the indicators under it
            if figure is not None:
                return figure.realised
        return bridge.aggregate(
            ind, self.values[year][ind.pk], upto or (self.d.upto if year == self.d.year else 4), self.states[year].get(ind.pk)
        )

    def operands(self, ind: Indicator) -> tuple[calc.Result, calc.Result]:
        """The pembilang and penyebut behind the indicator's realisation s/d TW IV of the year (calc.operands)."""
        rows = self.d.realisations.get(self.d.year, {}).get(ind.pk, {})
        return bridge.operands(ind, self.values[self.d.year][ind.pk], rows, 4)

    def figure(self, item: Any, upto: int | None = None) -> figures.IndicatorFigure:
        """The PK item's figure s/d the report's quarter (or s/d ``upto``, by the same rule)."""
        if (upto is None or upto == self.d.upto) and self.org.has(item):
            return self.org.of(item)
        upto = upto or self.d.upto  # an indicator with entered history only (history_items): measured here, by the same rule
        return bridge.indicator_figure(
            item, self.values[self.d.year][item.indicator_id], upto, self.d.scale, self.states[self.d.year].get(item.indicator_id)
        )

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

    def capaian_items(self, level: str) -> list[Any]:
        """The rows of a capaian table: the PK items of ``level``, and with the sasaran level the IKU of the
        Renstra the PK does not list, measured against their Renstra target (figures.compute, "unlisted")."""
        items = self.items(level)
        if level == "sasaran":  # the tujuan's IKU first, as seed 003 Tabel 3.1 prints its IKM
            unlisted = [f.item for f in self.org.unlisted if f.indicator.is_iku]
            first = [i for i in unlisted if i.indicator.level == "tujuan"]
            items = [*first, *items, *[i for i in unlisted if i not in first]]
        return items

    def reported_items(self) -> list[Any]:
        """The indicators of the comparisons with earlier years and with the Renstra's end target: the IKU
        the PK does not list (tujuan level first), then the PK's items, each composite followed by its
        components (seed 002: IKPP, then IKM and IPP) wherever the PK or the Renstra lists them."""
        unlisted = [f.item for f in self.org.unlisted]
        out = [i for i in unlisted if i.indicator.is_iku and i.indicator.level == "tujuan"]
        for item in self.d.items:
            if item in out:
                continue
            out.append(item)
            out += [c.item for c in self.org.components(item) if c.item not in out]
        out += [i for i in unlisted if i.indicator.is_iku and i not in out]
        return out

    def measured_items(self) -> list[Any]:
        """The rows of the lampiran (pengukuran, penghitungan): the tujuan-level IKU the PK does not list (seed
        003's IKM), the PK's items, then the other IKU the PK does not list, each measured against its target."""
        unlisted = [f.item for f in self.org.unlisted if f.indicator.is_iku]
        first = [i for i in unlisted if i.indicator.level == "tujuan"]
        return [*first, *self.d.items, *[i for i in unlisted if i not in first]]

    def history_items(self) -> list[Any]:
        """The rows of the comparison with earlier years: :meth:`reported_items`, then every other indicator
        of the Renstra with a realisation entered for one of the earlier years (seed 001's checklist
        indicators of 2020), measured in the year against its Renstra target."""
        out = self.reported_items()
        shown = {i.indicator_id for i in out}
        earlier = self.years[:-1]
        for ind in self.d.indicators:
            if ind.pk not in shown and any(self.d.realisations.get(y, {}).get(ind.pk) for y in earlier):
                out.append(figures.RenstraTargetItem(ind, *self.year_target(ind, self.d.year)))
        return out

    def year_target(self, ind: Indicator, year: int) -> tuple[Decimal | None, Decimal | None]:
        """The target of ``year`` of the Renstra (an earlier year's may lie before its period: entered in
        the indicator's riwayat form, IndicatorTarget either way)."""
        t = self.d.targets.get((ind.pk, year))
        return (t.value, t.value_max) if t else (None, None)

    def year_capaian(self, ind: Indicator, year: int) -> calc.Result:
        """Capaian of an earlier year: its realisation s/d TW IV against that year's target."""
        realised = self.realised(ind, year)
        if calc.is_state(realised):  # "belum tersedia" / "tidak dapat diukur": blank with its reason
            return realised
        return bridge.capaian(ind, *self.year_target(ind, year), realised.value)

    def iku_items(self) -> list[Any]:
        return [i for i in self.d.items if i.indicator.is_iku] or self.items("sasaran")

    def budget_total(self) -> calc.BudgetNode | None:
        return self.org.budget

    def pk_budget_total(self) -> calc.Result:
        return _sum(list(self.d.budgets.values()))

    def parent_text(self, ind: Indicator) -> str:
        """The text of the tujuan or sasaran an indicator measures (a tujuan's IKU stands under its tujuan)."""
        if ind.level == "tujuan":
            tujuan = next((t for t in self.d.tujuan if t.pk == ind.tujuan_id), None)
            return tujuan.text if tujuan else "-"
        return self.sasaran_text(ind.sasaran_id)

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
