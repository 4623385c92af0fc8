"""Pure SAKIP performance calculations: capaian, quarters, roll-ups, budget, scales, formulas, checks.

No Django, no database, no floats: standard library only (plus :mod:`apps.core.numbers` for
rounding and Indonesian formatting, and the Roman quarter numerals of :mod:`apps.core.periods`).
Every public function takes ``Decimal`` values (``None`` means blank, which is never zero) and
returns a :class:`Result` holding the value at **full precision**; a caller rounds once, for
display, with :func:`apps.core.numbers.quantize`.

The package sits at the ground of the layers, beside :mod:`apps.core` (docs/architecture.md): every
app may call it, it imports no domain app and no Django (import contracts in pyproject.toml).
Callers write ``from apps import calculations as calc`` and use the names re-exported here:

* :mod:`.results`: ``Result``, ``Reason``, ``CalculationError``, ``FormulaError``, ``clamp``, ``quarter_label``;
* :mod:`.capaian`: ``capaian``, ``percentage``, ``difference``, ``classify``, ``Classification``, ``Direction``,
  ``LowerFormula``, ``RangeTarget``;
* :mod:`.quarters`: ``aggregate``, ``Aggregation``, the cumulative targets, ``target_upto``, ``rollup``, ``mean_of_children``;
* :mod:`.budget`: ``serapan``, ``sisa_anggaran``, ``efisiensi``, ``BudgetNode``, ``BudgetLevel``;
* :mod:`.scales`: ``Band``, ``Scale``, ``validate_scale``, ``categorise``, ``predikat_text``, ``DISPLAYS``;
* :mod:`.formula`: ``evaluate_formula``, ``formula_names``;
* :mod:`.projection`: ``IndicatorRule``, ``indicator_capaian``, ``project_year_end``;
* :mod:`.consistency`: ``check_consistency`` and its inputs and findings;
* :mod:`.aspects`: ``aspect_index``, ``AspectInput``, ``AspectRow``, ``AspectIndex`` (indeks beraspek, issue 18);
* :mod:`.akip`: ``akip_score``, ``blended_score``, ``score_total``, ``rb_index`` (Indeks Reformasi Birokrasi).
* :mod:`.inventory`: ``stock_ratio``, ``stock_totals`` (efisiensi sarana dan prasarana).
* :mod:`.conventions`: ``Convention``, ``FigureRule`` (a pemda's report conventions), ``efisiensi_anggaran``.
* :mod:`.states`: ``RealisationState``, ``StateNote``, ``state_result``, ``is_state`` (realisation states).
* :mod:`.staff`: ``SexCount``, ``sex_total``, ``group_by_sex``, ``ketersediaan_sdm``.

:mod:`.bridge` (not re-exported) turns stored rows, duck-typed, into these inputs.

Regulatory basis, cited per function:

* Perpres 29/2014 (SAKIP) and PermenPANRB 53/2014 (Perjanjian Kinerja, LKjIP and its reviu): capaian
  as realisasi against target, the comparisons of BAB III, the analysis of causes and solutions.
* PermenPANRB 8/2021 for the lower-is-better capaian ``(1 + (1 - R/T)) x 100``.
* PermenPANRB 88/2021 (evaluasi AKIP): the AA-D predikat and the component weights 30/30/15/25.
* Permendagri 86/2017 (evaluasi RKPD/Renja): the five-band capaian predikat.
* PermenPANRB 14/2017 (SKM/IKM) and 17/2017 (IPP) behind composite indicators such as seed 002's IKPP.

The behaviour where the domain notes were silent is written in docs/calculations.md.
"""

from __future__ import annotations

from apps.core.periods import QUARTERS

from .akip import LAPANGAN_SHARE, LKE_SHARE, akip_score, blended_score, rb_index, score_total
from .aspects import AspectIndex, AspectInput, AspectRow, aspect_index
from .budget import (
    BudgetLevel,
    BudgetMismatch,
    BudgetNode,
    EfficiencyForm,
    LraRow,
    akun_overlaps,
    akun_total,
    efisiensi,
    kenaikan,
    lra_rows,
    serapan,
    sisa_anggaran,
    sisa_persen,
)
from .capaian import Classification, Direction, LowerFormula, RangeTarget, capaian, classify, difference, percentage
from .consistency import Finding, IndicatorYear, OrgYearInput, PkBudget, Severity, check_consistency
from .conventions import (
    BUDGET_LAYOUTS,
    EFISIENSI_FORMS,
    FIGURE_KINDS,
    LAYOUT_PROGRAM_TREE,
    LAYOUT_SASARAN,
    NEUTRAL,
    Convention,
    FigureRule,
    efisiensi_anggaran,
)
from .formula import MAX_FORMULA_LENGTH, evaluate_formula, formula_names
from .inventory import stock_ratio, stock_totals
from .projection import IndicatorRule, Projection, indicator_capaian, project_year_end
from .quarters import (
    Aggregation,
    RollupItem,
    RollupValue,
    aggregate,
    cumulative_targets,
    mean_of_children,
    operands,
    rollup,
    target_upto,
    targets_from_percent,
    validate_cumulative_targets,
)
from .results import (
    MAX_MAGNITUDE,
    MIN_MAGNITUDE,
    CalculationError,
    FormulaError,
    Reason,
    Result,
    clamp,
    quarter_label,
)
from .scales import (
    DISPLAYS,
    ORGANISATION_MEAN_IKU,
    ORGANISATION_MEAN_SASARAN,
    ORGANISATION_MEANS,
    Band,
    Scale,
    categorise,
    predikat_text,
    validate_scale,
)
from .staff import SexCount, group_by_sex, ketersediaan_sdm, sex_total
from .states import STATE_CODES, RealisationState, StateNote, is_state, state_result

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
    "STATE_CODES",
    "RealisationState",
    "StateNote",
    "is_state",
    "state_result",
    "AspectIndex",
    "AspectInput",
    "AspectRow",
    "aspect_index",
    "DISPLAYS",
    "ORGANISATION_MEANS",
    "ORGANISATION_MEAN_IKU",
    "ORGANISATION_MEAN_SASARAN",
    "MAX_FORMULA_LENGTH",
    "MAX_MAGNITUDE",
    "MIN_MAGNITUDE",
    "QUARTERS",
    "Aggregation",
    "Band",
    "BudgetLevel",
    "BudgetMismatch",
    "LraRow",
    "BudgetNode",
    "CalculationError",
    "Direction",
    "EfficiencyForm",
    "Finding",
    "FormulaError",
    "IndicatorRule",
    "IndicatorYear",
    "LowerFormula",
    "OrgYearInput",
    "PkBudget",
    "Projection",
    "RangeTarget",
    "Reason",
    "Result",
    "RollupItem",
    "RollupValue",
    "Scale",
    "Severity",
    "SexCount",
    "aggregate",
    "operands",
    "akip_score",
    "blended_score",
    "rb_index",
    "score_total",
    "stock_ratio",
    "stock_totals",
    "LKE_SHARE",
    "LAPANGAN_SHARE",
    "capaian",
    "classify",
    "Classification",
    "categorise",
    "check_consistency",
    "clamp",
    "cumulative_targets",
    "difference",
    "efisiensi",
    "evaluate_formula",
    "formula_names",
    "group_by_sex",
    "indicator_capaian",
    "ketersediaan_sdm",
    "percentage",
    "predikat_text",
    "project_year_end",
    "quarter_label",
    "mean_of_children",
    "rollup",
    "akun_overlaps",
    "akun_total",
    "kenaikan",
    "lra_rows",
    "serapan",
    "sex_total",
    "sisa_anggaran",
    "sisa_persen",
    "target_upto",
    "targets_from_percent",
    "validate_cumulative_targets",
    "validate_scale",
]
