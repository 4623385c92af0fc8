"""The figures of an organisation-period, defined once (CONVENTIONS 17, issue 16).

Capaian per indicator, per sasaran and of the organisation, predikat, serapan and efisiensi are
computed here, by the pure calculation module, from inputs fetched in a fixed number of queries
(:func:`apps.reports.inputs.figure_inputs`): fetch, then compute. Every page and export that shows
one of them reads it from here:

* the LKjIP and the quarterly reports (apps.reports.builder, and so HTML, PDF, XLSX and JSON);
* the Inspektorat's pemda overview (apps.reports.pemda: a list of these, one per kecamatan);
* the realisation grid and the operator's home page, through the same per-indicator figure
  (apps.calculations.bridge.indicator_figure, the rule "target s/d TW n" being calc.target_upto).

Where a figure is defined and which pages show it: docs/reports.md, "Figures".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from apps import calculations as calc
from apps.budgets.codes import try_normalise
from apps.calculations import bridge

from .inputs import PLAN_LEVELS, FigureInputs, figure_inputs
from .models import Report

IndicatorFigure = bridge.IndicatorFigure


@dataclass(frozen=True)
class SasaranFigure:
    """A sasaran: the (weighted) mean capaian of its PK indicators, its predikat, and the budget of the
    programs serving it (Program.sasaran) with serapan, both efisiensi forms and its share of the
    organisation's pagu (alokasi, seed 002 Tabel 3.8: 95,13 % and 4,87 %)."""

    sasaran: Any
    indicators: tuple[IndicatorFigure, ...]
    capaian: calc.Result
    predikat: calc.Band | None
    budget: calc.BudgetNode | None
    serapan: calc.Result
    efisiensi_selisih: calc.Result
    efisiensi_rasio: calc.Result
    alokasi: calc.Result


@dataclass(frozen=True)
class ProgramFigure:
    """A program: the mean capaian of its PK program indicators (seed 002: P3 = the mean of its two
    indicators' capaian; seed 001: each program's IKM), and the budget of its DPA program with serapan and
    both efisiensi forms, for the program and for each of its indicators (seed 003 Tabel 3.6: one row per
    program indicator against the program's serapan). A DPA program that no PK indicator measures has
    ``program`` None, no indicators and a blank capaian."""

    program: Any | None
    code: str
    name: str
    indicators: tuple[IndicatorFigure, ...]
    capaian: calc.Result
    predikat: calc.Band | None
    budget: calc.BudgetNode | None
    serapan: calc.Result
    efisiensi_selisih: calc.Result
    efisiensi_rasio: calc.Result
    indicator_efisiensi: tuple[tuple[calc.Result, calc.Result], ...]  # (selisih, rasio) per indicator, in its order


@dataclass(frozen=True)
class RenstraTargetItem:
    """An indicator the PK does not list, measured against its Renstra target of the year as a PK item
    would be against its annual target: an IKU of the Renstra left out of the PK (seed 003's tujuan-level
    IKM) or a component of a composite PK indicator (seed 002's IKM and IPP of IKPP)."""

    indicator: Any
    annual_target: Decimal | None
    annual_target_max: Decimal | None = None

    @property
    def pk(self) -> int:
        return -self.indicator.pk  # never a PKItem's pk: OrganisationFigures.of tells them apart

    @property
    def indicator_id(self) -> int:
        return int(self.indicator.pk)

    def quarter_target(self, quarter: int) -> Decimal | None:
        return None


@dataclass(frozen=True)
class OrganisationFigures:
    """Every figure of an organisation "s/d TW ``upto``" of ``year``."""

    organisation: Any
    year: int
    upto: int
    scale: calc.Scale | None
    indicators: tuple[IndicatorFigure, ...]  # every PK item, in the PK's order
    sasaran: tuple[SasaranFigure, ...]  # sasaran with at least one measured PK indicator, in the Renstra's order
    capaian: calc.Result  # the mean of the sasaran
    predikat: calc.Band | None
    budget: calc.BudgetNode | None  # the DPA read by the period, realisasi s/d ``upto``
    serapan: calc.Result
    efisiensi_selisih: calc.Result
    efisiensi_rasio: calc.Result
    # Every kegiatan and sub kegiatan indicator with a target for the year, in the Renstra's order: the
    # PK item's figure when the PK lists it, else against its Renstra target (bridge.PlanItem).
    plan: tuple[IndicatorFigure, ...] = ()
    kas: calc.BudgetNode | None = None  # the same DPA against its anggaran kas s/d ``upto`` ("pagu" = kas)
    # IKU of the Renstra and components of the PK's composites that the PK does not list, with a Renstra
    # target for the year (RenstraTargetItem), in the Renstra's order: reported, never averaged.
    unlisted: tuple[IndicatorFigure, ...] = ()
    programs: tuple[ProgramFigure, ...] = ()  # PK programs in the PK's order, then the DPA programs without one
    sasaran_indicators_capaian: calc.Result | None = None  # mean capaian of the sasaran-level PK indicators
    program_indicators_capaian: calc.Result | None = None  # mean capaian of the program-level PK indicators
    progress: tuple[tuple[int, calc.Result], ...] = ()  # (PK item pk, tingkat kemajuan against the Renstra end target)
    iku_progress: calc.Result | None = None  # mean tingkat kemajuan of the IKU
    unallocated: calc.BudgetNode | None = None  # DPA programs serving none of the listed sasaran
    unallocated_share: calc.Result | None = None  # their share of the total pagu
    klasifikasi: calc.Classification | None = None  # sasaran exceeding / meeting / missing their target (Tabel 3.2)

    @property
    def in_state(self) -> list[IndicatorFigure]:
        """The PK and unlisted indicators whose realisation is "belum tersedia" or "tidak dapat diukur": blank,
        excluded from every average, named in the footnote of the tables that average (issue 18)."""
        return [f for f in (*self.indicators, *self.unlisted) if calc.is_state(f.realised)]

    def of(self, item: Any) -> IndicatorFigure:
        """The figure of a PK item of this period (or of a RenstraTargetItem of ``unlisted``)."""
        return self._by_item[item.pk]

    def level(self, level: str) -> list[IndicatorFigure]:
        """The figures of the kegiatan (``"kegiatan"``) or sub kegiatan (``"sub_kegiatan"``) indicators."""
        return [f for f in self.plan if f.indicator.level == level]

    def of_indicator(self, pk: int) -> IndicatorFigure | None:
        """The figure of an indicator of the PK or of the kegiatan/sub kegiatan levels, None if not measured."""
        return self._by_indicator.get(pk)

    @cached_property
    def _by_indicator(self) -> dict[int, IndicatorFigure]:
        return {f.indicator.pk: f for f in (*self.plan, *self.indicators)}

    def has(self, item: Any) -> bool:
        """Whether ``item`` is a PK item of this period or one of ``unlisted``."""
        return item.pk in self._by_item

    @cached_property
    def _by_item(self) -> dict[int, IndicatorFigure]:
        return {f.item.pk: f for f in (*self.indicators, *self.unlisted)}

    def components(self, item: Any) -> list[IndicatorFigure]:
        """The figures of the components a composite PK indicator's formula names (PK items or unlisted)."""
        codes = bridge.formula_codes(item.indicator)
        return [
            f
            for f in (*self.indicators, *self.unlisted)
            if f.indicator.code in codes and f.indicator.renstra_id == item.indicator.renstra_id
        ]

    def progress_of(self, item: Any) -> calc.Result:
        """Tingkat kemajuan of a PK item: its realisation s/d the period against the Renstra's end target."""
        return self._progress_by_item[item.pk]

    @cached_property
    def _progress_by_item(self) -> dict[int, calc.Result]:
        return dict(self.progress)


def compute(data: FigureInputs) -> OrganisationFigures:
    """The figures from their fetched inputs (no query). The rules, each written here only:

    * an indicator's capaian: its realisation s/d TW n by its aggregation rule against the target s/d
      TW n (calc.target_upto), bridge.indicator_figure;
    * a sasaran's capaian: the mean of its sasaran-level PK indicators weighted by Indicator.weight
      (seed 002 L707); an indicator that only feeds a composite IKU (IKM and IPP of seed 002's IKPP) is
      shown but not averaged twice;
    * the organisation's capaian: the unweighted mean of its sasaran (seed 002: 103,2), or where the pemda's
      scale says so (Scale.organisation_mean "iku") of all its IKU, the tujuan-level ones the PK does not
      list included (seed 003: IKM, S1, S2 -> 99,52); the IKU table's average row then is the same mean;
    * the pemda's scale clamps each value before averaging when it says so (seed 002 L720-722);
    * predikat: the band of the capaian as displayed (2 places);
    * serapan: realisasi / pagu of the DPA the period reads, from its sub kegiatan; a sasaran's from the
      programs serving it;
    * efisiensi: capaian - serapan (selisih, percentage points) and capaian / serapan x 100 (rasio),
      from exact operands (docs/domain.md section 4, docs/calculations.md section 7), or from operands
      rounded as printed when the pemda's report convention says so (Convention.efisiensi_from_displayed, seed 002;
      else the older Scale.efisiensi_operand_places);
    * a program's capaian: the unweighted mean of its PK program indicators' capaian (seeds 001-003), its
      budget the DPA program of the same code; a DPA program no PK indicator measures is listed too;
    * the average rows: the mean capaian of the sasaran-level PK indicators (those averaged into a
      sasaran) and of the program-level ones, and the mean tingkat kemajuan of the IKU (seed 002 Tabel
      3.5), unclamped unless the scale clamps averages;
    * alokasi: a sasaran's pagu / the organisation's pagu x 100 (seed 002 Tabel 3.8);
    * a realisation "belum tersedia" or "tidak dapat diukur" (calc.state_result): the indicator's realisation
      and capaian are blank with the state and its reason, and so left out of every average (issue 18);
    * klasifikasi: how many sasaran exceed, meet or miss their target, their capaian compared as
      printed (2 places; seed 002 Tabel 3.2, Q23).
    """
    scale, upto = data.scale, data.upto
    values = bridge.quarter_values(data.measured, data.realisations.get(data.year, {}))
    states = bridge.quarter_states(data.realisations.get(data.year, {}))
    clamp = scale.clamp if scale and scale.clamp_averages else None  # the predikat alone is clamped, unless the scale says so
    figure = _figure_of(data, values, clamp, states)
    indicators = tuple(figure(i.indicator) for i in data.items)
    listed = {i.indicator_id for i in data.items}
    plan = tuple(figure(ind) for ind in _renstra_order(data.measured) if ind.pk in data.plan_targets or ind.pk in listed)
    components = {code for i in data.items for code in bridge.formula_codes(i.indicator)}

    def averaged(f: IndicatorFigure) -> bool:
        ind = f.indicator
        return ind.level == "sasaran" and not (ind.code and ind.code in components and not ind.is_iku)

    budget = _total(data.budget_trees)
    programs = _program_nodes(data.budget_trees)
    served: dict[int, set[str]] = {}  # sasaran pk -> codes of the programs serving it
    for _program, code, sasaran_pk in data.program_links:
        served.setdefault(sasaran_pk, set()).add(_norm(code))
    measured = {f.indicator.sasaran_id: f.indicator.sasaran for f in indicators if averaged(f) and f.indicator.sasaran_id}
    sasaran = []
    for s in sorted(measured.values(), key=lambda s: (s.order, s.code, s.pk)):
        mine = tuple(f for f in indicators if f.indicator.sasaran_id == s.pk and averaged(f))
        result = calc.rollup([(f.capaian, f.indicator.weight) for f in mine], weighted=True, clamp=clamp)
        nodes = [programs[code] for code in sorted(served.get(s.pk, set())) if code in programs]
        node = calc.BudgetNode(code="", name=s.text, level=calc.BudgetLevel.SASARAN, children=tuple(nodes)) if nodes else None
        sasaran.append(_sasaran(s, mine, result, node, scale, data.convention))
    listed = {i.indicator_id for i in data.items}
    unlisted = tuple(
        bridge.indicator_figure(
            RenstraTargetItem(ind, *data.plan_targets[ind.pk]), values.get(ind.pk, [None] * 4), upto, scale, states.get(ind.pk)
        )
        for ind in data.measured
        if ind.pk not in listed and ind.pk in data.plan_targets and (ind.is_iku or (ind.code and ind.code in components))
    )
    by_iku = scale is not None and scale.organisation_mean == calc.ORGANISATION_MEAN_IKU
    all_iku = [f for f in (*indicators, *unlisted) if f.indicator.is_iku]
    if by_iku and all_iku:  # the kabupaten averages every IKU, the tujuan's included (seed 003 §5.2: 99,52)
        capaian = calc.rollup([f.capaian for f in all_iku], clamp=clamp)
        indicators_capaian = capaian
    else:
        capaian = calc.rollup([(f.capaian, Decimal(1)) for f in sasaran], clamp=clamp)
        indicators_capaian = calc.rollup([f.capaian for f in indicators if averaged(f)], clamp=clamp)
    serapan = budget.serapan() if budget is not None else calc.Result.blank(calc.Reason.MISSING_SERAPAN)
    total_pagu = budget.total_pagu() if budget is not None else None
    sasaran = [replace(f, alokasi=calc.percentage(f.budget.total_pagu() if f.budget else None, total_pagu)) for f in sasaran]
    allocated = {node.code for f in sasaran if f.budget for node in f.budget.children}
    rest = tuple(node for code, node in programs.items() if code not in allocated)
    unallocated = calc.BudgetNode(code="", name="", level=calc.BudgetLevel.SASARAN, children=rest) if rest and sasaran else None
    progress = tuple((f.item.pk, _progress(f)) for f in (*indicators, *unlisted))
    iku = [f for f in indicators if f.indicator.is_iku] or [f for f in indicators if f.indicator.level == "sasaran"]
    by_item = dict(progress)
    return OrganisationFigures(
        organisation=data.organisation,
        year=data.year,
        upto=upto,
        scale=scale,
        indicators=indicators,
        sasaran=tuple(sasaran),
        capaian=capaian,
        predikat=bridge.predikat(scale, capaian),
        budget=budget,
        serapan=serapan,
        efisiensi_selisih=calc.efisiensi(capaian, serapan, form=calc.EfficiencyForm.DIFFERENCE, **_operands(scale, data.convention)),
        efisiensi_rasio=calc.efisiensi(capaian, serapan, form=calc.EfficiencyForm.RATIO, **_operands(scale, data.convention)),
        plan=plan,
        kas=_total(data.kas_trees),
        unlisted=unlisted,
        programs=_programs(indicators, programs, clamp, scale, data.convention),
        sasaran_indicators_capaian=indicators_capaian,
        program_indicators_capaian=calc.rollup([f.capaian for f in indicators if f.indicator.level == "program"], clamp=clamp),
        progress=progress,
        iku_progress=calc.rollup([by_item[f.item.pk] for f in iku], clamp=clamp),
        unallocated=unallocated,
        unallocated_share=calc.percentage(unallocated.total_pagu(), total_pagu) if unallocated is not None else None,
        klasifikasi=calc.classify([f.capaian for f in sasaran]),
    )


def _figure_of(data: FigureInputs, values: dict[int, list[Decimal | None]], clamp: Any, states: dict[int, Any]) -> Any:
    """The figure of an indicator of the period: a PK item's against its PK target, a kegiatan or sub
    kegiatan indicator the PK does not list against its Renstra target of the year (bridge.PlanItem); a
    roll-up indicator's (Indicator.measurement) realisation the mean of the capaian of the indicators
    under it (bridge.rollup_figure), each figure computed once."""
    items = {i.indicator_id: i for i in data.items}
    children: dict[tuple[str, Any], list[Any]] = {}
    for ind in data.measured:
        if ind.level == "kegiatan" and ind.kegiatan_id:
            children.setdefault(("program", ind.kegiatan.program_id), []).append(ind)
        elif ind.level == "sub_kegiatan" and ind.sub_kegiatan_id:
            children.setdefault(("kegiatan", ind.sub_kegiatan.kegiatan_id), []).append(ind)
    done: dict[int, IndicatorFigure] = {}

    def figure(ind: Any) -> IndicatorFigure:
        if ind.pk in done:
            return done[ind.pk]
        item = items.get(ind.pk) or bridge.PlanItem(ind, *data.plan_targets.get(ind.pk, (None, None)))
        if bridge.is_rollup(ind):
            parent = ind.program_id if ind.level == "program" else ind.kegiatan_id
            kids = [figure(c) for c in children.get((ind.level, parent), [])]
            result = bridge.rollup_figure(item, kids, data.upto, data.scale, clamp=clamp)
        else:
            result = bridge.indicator_figure(item, values.get(ind.pk, [None] * 4), data.upto, data.scale, states.get(ind.pk))
        done[ind.pk] = result
        return result

    return figure


def _renstra_order(indicators: list[Any]) -> list[Any]:
    """Kegiatan and sub kegiatan indicators in the Renstra's order: by program, kegiatan, sub kegiatan."""

    def key(ind: Any) -> tuple[Any, ...]:
        sub = ind.sub_kegiatan if ind.level == "sub_kegiatan" else None
        keg = sub.kegiatan if sub is not None else (ind.kegiatan if ind.level == "kegiatan" else None)
        if keg is None:
            return (0,)
        program = keg.program
        return (1, program.order, program.pk, keg.order, keg.pk, sub.order if sub else -1, sub.pk if sub else -1, ind.order, ind.pk)

    return sorted((i for i in indicators if i.level in PLAN_LEVELS), key=key)


def _progress(f: IndicatorFigure) -> calc.Result:
    """Tingkat kemajuan: the realisation s/d the period against the Renstra's end target, by the indicator's polarity."""
    ind = f.indicator
    if calc.is_state(f.realised):  # "belum tersedia" / "tidak dapat diukur": blank with its reason
        return f.realised
    return bridge.capaian(ind, ind.end_target, ind.end_target_max, f.realised.value)


def _programs(
    indicators: tuple[IndicatorFigure, ...],
    nodes: dict[str, calc.BudgetNode],
    clamp: tuple[Decimal, Decimal] | None,
    scale: Any,
    convention: calc.Convention,
) -> tuple[ProgramFigure, ...]:
    """Each program measured by a PK program indicator, in the PK's order, with its DPA program (same code),
    then each DPA program no PK indicator measures, in code order."""
    measured: dict[int, list[IndicatorFigure]] = {}
    for f in indicators:
        if f.indicator.level == "program" and f.indicator.program_id is not None:
            measured.setdefault(f.indicator.program_id, []).append(f)
    out: list[ProgramFigure] = []
    seen: set[str] = set()
    for mine in measured.values():
        program = mine[0].indicator.program
        code = _norm(program.code)
        seen.add(code)
        result = calc.rollup([f.capaian for f in mine], clamp=clamp)
        out.append(_program(program, program.code, program.name, tuple(mine), result, nodes.get(code), scale, convention))
    for code in sorted(set(nodes) - seen, key=_code_key):
        node = nodes[code]
        blank = calc.Result.blank(calc.Reason.NO_VALUES, "tidak ada indikator program dalam PK → -")
        out.append(_program(None, node.code, node.name, (), blank, node, scale, convention))
    return tuple(out)


def _program(
    program: Any,
    code: str,
    name: str,
    mine: tuple[IndicatorFigure, ...],
    result: calc.Result,
    node: calc.BudgetNode | None,
    scale: Any,
    convention: calc.Convention,
) -> ProgramFigure:
    serapan = node.serapan() if node is not None else calc.Result.blank(calc.Reason.MISSING_SERAPAN)
    return ProgramFigure(
        program=program,
        code=code,
        name=name,
        indicators=mine,
        capaian=result,
        predikat=bridge.predikat(scale, result),
        budget=node,
        serapan=serapan,
        efisiensi_selisih=calc.efisiensi(result, serapan, form=calc.EfficiencyForm.DIFFERENCE, **_operands(scale, convention)),
        efisiensi_rasio=calc.efisiensi(result, serapan, form=calc.EfficiencyForm.RATIO, **_operands(scale, convention)),
        indicator_efisiensi=tuple(
            (
                calc.efisiensi(f.capaian, serapan, form=calc.EfficiencyForm.DIFFERENCE, **_operands(scale, convention)),
                calc.efisiensi(f.capaian, serapan, form=calc.EfficiencyForm.RATIO, **_operands(scale, convention)),
            )
            for f in mine
        ),
    )


def _operands(scale: calc.Scale | None, convention: calc.Convention) -> dict[str, Any]:
    """How efisiensi rounds capaian and serapan first: as the pemda's report convention prints them when it
    says efisiensi comes from the printed operands (issue 18), else as the capaian scale says (the older
    Scale.efisiensi_operand_places, kept for pemdas without a convention), else exact operands."""
    rules = convention.efisiensi_operands
    if rules is not None:
        return {"operand_places": (rules[0].places, rules[1].places), "operand_rounding": (rules[0].rounding, rules[1].rounding)}
    return {"operand_places": scale.efisiensi_operand_places if scale is not None else None}


def _code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """Program codes in their natural order (1.2 before 1.10)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in code.split("."))


def _sasaran(
    s: Any, mine: tuple[IndicatorFigure, ...], result: calc.Result, node: calc.BudgetNode | None, scale: Any, convention: calc.Convention
) -> SasaranFigure:
    serapan = node.serapan() if node is not None else calc.Result.blank(calc.Reason.MISSING_SERAPAN)
    return SasaranFigure(
        sasaran=s,
        indicators=mine,
        capaian=result,
        predikat=bridge.predikat(scale, result),
        budget=node,
        serapan=serapan,
        efisiensi_selisih=calc.efisiensi(result, serapan, form=calc.EfficiencyForm.DIFFERENCE, **_operands(scale, convention)),
        efisiensi_rasio=calc.efisiensi(result, serapan, form=calc.EfficiencyForm.RATIO, **_operands(scale, convention)),
        alokasi=calc.Result.blank(calc.Reason.MISSING_PAGU),  # set by compute, against the organisation's pagu
    )


def _total(trees: list[calc.BudgetNode]) -> calc.BudgetNode | None:
    """The organisation's budget: its one program tree's root, or a root over several."""
    if not trees:
        return None
    if len(trees) == 1:
        return trees[0]
    return calc.BudgetNode(code="", name="Jumlah", level=calc.BudgetLevel.ORGANISASI, children=tuple(trees))


def _program_nodes(trees: list[calc.BudgetNode]) -> dict[str, calc.BudgetNode]:
    out: dict[str, calc.BudgetNode] = {}
    for tree in trees:
        for _depth, node in tree.walk():
            if node.level is calc.BudgetLevel.PROGRAM and node.code:
                out[node.code] = node
    return out


def _norm(code: str) -> str:
    """Program codes of the Renstra and of the DPA compared in one canonical form (apps.budgets.codes)."""
    return try_normalise(code) or code


def organisation_figures(*, organisation: Any, year: int, upto: int, report: Report | None = None) -> OrganisationFigures:
    """The figures of one organisation-period (``report``: the report whose pinned versions are read)."""
    return compute(figure_inputs(organisations=[organisation], year=year, upto=upto, reports={organisation.pk: report})[organisation.pk])


def figures_of(
    *, organisations: list[Any], year: int, upto: int, reports: dict[int, Report | None] | None = None
) -> dict[int, OrganisationFigures]:
    """The figures of several organisations for one period, in the same fixed number of queries as one."""
    inputs = figure_inputs(organisations=organisations, year=year, upto=upto, reports=reports)
    return {pk: compute(d) for pk, d in inputs.items()}
