"""The consistency check before submission: what is missing or contradictory in an organisation-year
(docs/domain.md section 9; PermenPANRB 53/2014 requires target, realisasi, capaian and the analysis of
causes and solutions). docs/calculations.md section 9, docs/workflow.md."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from apps.core.numbers import format_decimal_id, format_number_id, format_percent
from apps.core.periods import QUARTERS

from .budget import BudgetNode
from .capaian import Direction, capaian_of
from .projection import IndicatorRule
from .quarters import Aggregation, aggregate, target_upto, validate_cumulative_targets
from .results import HUNDRED, QUARTER_LABELS, ZERO, Reason, check_quarter, checked, checked_places, exact
from .states import StateNote, state_result


class Severity(Enum):
    """ERROR: a contradiction or missing figure to fix before submitting. WARNING: to review."""

    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True)
class Finding:
    """One item of the pre-submission check; ``subject`` names the indicator or budget line."""

    code: str
    severity: Severity
    message: str
    subject: str


@dataclass(frozen=True)
class IndicatorYear:
    """An indicator's figures for one year, as the report would print them.

    ``target`` is the annual target used by the report; ``pk_target`` the one in the signed PK;
    ``renstra_target`` the Renstra's target for that year. ``tw_targets`` are cumulative ("s/d TW n")
    quarterly targets; ``realisations`` are per quarter, aggregated by ``rule.aggregation``.
    """

    code: str
    name: str
    target: Decimal | None
    rule: IndicatorRule = IndicatorRule()  # noqa: B008 - frozen, immutable default
    pk_target: Decimal | None = None
    renstra_target: Decimal | None = None
    tw_targets: Mapping[int, Decimal | None] = field(default_factory=dict)
    realisations: Mapping[int, Decimal | None] = field(default_factory=dict)
    faktor_penghambat: str = ""
    solusi: str = ""
    computed: bool = False  # a roll-up (mean of the capaian of the indicators under it): nothing to enter
    states: Mapping[int, StateNote | None] = field(default_factory=dict)  # per quarter: "belum tersedia", "tidak dapat diukur"


@dataclass(frozen=True)
class PkBudget:
    """A program's budget as written in the PK (to compare with the DPA line of the same code)."""

    program_code: str
    name: str
    amount: Decimal | None


@dataclass(frozen=True)
class OrgYearInput:
    """Everything :func:`check_consistency` needs for one kecamatan and year, up to quarter ``upto``.

    ``budget`` holds the DPA tree(s) (:class:`BudgetNode`, program codes must match the PK's);
    ``pk_budgets`` the PK's program budgets and ``pk_budget_total`` the total printed in the PK.
    """

    organisation: str
    year: int
    upto: int = 4
    indicators: tuple[IndicatorYear, ...] = ()
    budget: tuple[BudgetNode, ...] = ()
    pk_budgets: tuple[PkBudget, ...] = ()
    pk_budget_total: Decimal | None = None


def _rp(value: Decimal) -> str:
    return "Rp " + format_decimal_id(value, 0) if value == value.to_integral_value() else "Rp " + format_number_id(value)


@exact
def check_consistency(data: OrgYearInput) -> list[Finding]:
    """List what is missing or contradictory before a report is submitted (docs/domain.md section 9;
    PermenPANRB 53/2014 requires target, realisasi, capaian and the analysis of causes and solutions).

    Findings (code, severity):

    * ``TARGET_KOSONG`` (error): indicator without an annual target.
    * ``REALISASI_KOSONG`` (error): indicator without any realisation up to ``upto`` (never a ``computed``
      roll-up, whose realisation is the mean of the capaian of the indicators under it).
    * ``REALISASI_BELUM_TERSEDIA`` / ``REALISASI_TIDAK_DAPAT_DIUKUR`` (warning): no realisation, the latest
      entry up to ``upto`` being "belum tersedia" or "tidak dapat diukur" with its reason (calc.state_result).
    * ``TARGET_BEDA_PK`` (error): the report's target differs from the PK's.
    * ``PK_BEDA_RENSTRA`` (warning): the PK target differs from the Renstra target for the year.
    * ``TARGET_TW_TIDAK_KUMULATIF`` (error): cumulative TW targets decrease, for indicators whose
      targets accumulate (sums, and higher-is-better latest or maximum values).
    * ``TARGET_TW4_BEDA_TAHUNAN`` (warning): the TW IV target differs from the annual target.
    * ``TANPA_FAKTOR_PENGHAMBAT`` / ``TANPA_SOLUSI`` (warning): capaian below 100 % (against the TW
      target, or the annual target at TW IV) with no faktor penghambat / solusi written.
    * ``ANGGARAN_KOSONG`` (error): a budget leaf without pagu.
    * ``ANGGARAN_TIDAK_SAMA`` (error): a stated parent total that is not the sum of its rows.
    * ``REALISASI_MELEBIHI_PAGU`` (error): realisasi anggaran above pagu.
    * ``PK_ANGGARAN_BEDA_DPA`` (warning): a PK program budget that differs from the DPA (PK perubahan needed).
    * ``PK_PROGRAM_TIDAK_ADA`` (error): a PK program with no DPA line of that code.
    * ``PK_TOTAL_TIDAK_SAMA`` (error): the PK's printed total differs from the sum of its programs.
    """
    upto = check_quarter(data.upto)
    findings: list[Finding] = []

    def add(code: str, severity: Severity, message: str, subject: str) -> None:
        findings.append(Finding(code, severity, message, subject))

    for indicator in data.indicators:
        subject = f"{indicator.code} {indicator.name}".strip()
        rule = indicator.rule
        target = checked(indicator.target, f"target {indicator.code}")
        pk = checked(indicator.pk_target, f"target PK {indicator.code}")
        renstra = checked(indicator.renstra_target, f"target Renstra {indicator.code}")
        if target is None:
            add("TARGET_KOSONG", Severity.ERROR, f"Indikator «{indicator.name}» belum memiliki target tahunan.", subject)
        realised = aggregate(indicator.realisations, upto, rule.aggregation, places=rule.places)
        state = state_result(indicator.states, indicator.realisations, upto) if realised.value is None else None
        if state is not None:
            code = "REALISASI_BELUM_TERSEDIA" if state.code is Reason.NOT_YET_AVAILABLE else "REALISASI_TIDAK_DAPAT_DIUKUR"
            add(
                code,
                Severity.WARNING,
                f"Realisasi «{indicator.name}» s/d {QUARTER_LABELS[upto]} {state.reason}; "
                "indikator ini tidak dihitung dalam rata-rata capaian.",
                subject,
            )
        elif realised.value is None and not indicator.computed:
            add(
                "REALISASI_KOSONG",
                Severity.ERROR,
                f"Indikator «{indicator.name}» belum memiliki realisasi s/d {QUARTER_LABELS[upto]}.",
                subject,
            )
        if target is not None and pk is not None and target != pk:
            add(
                "TARGET_BEDA_PK",
                Severity.ERROR,
                f"Target «{indicator.name}» dalam laporan ({format_number_id(target)}) berbeda dengan target PK ({format_number_id(pk)}).",
                subject,
            )
        if pk is not None and renstra is not None and pk != renstra:
            add(
                "PK_BEDA_RENSTRA",
                Severity.WARNING,
                f"Target PK «{indicator.name}» ({format_number_id(pk)}) berbeda dengan target Renstra tahun {data.year} "
                f"({format_number_id(renstra)}).",
                subject,
            )
        accumulates = rule.aggregation is Aggregation.CUMULATIVE_SUM or (
            rule.direction is Direction.HIGHER_BETTER and rule.aggregation in (Aggregation.LATEST, Aggregation.MAXIMUM)
        )
        if accumulates:
            for message in validate_cumulative_targets(indicator.tw_targets):
                add("TARGET_TW_TIDAK_KUMULATIF", Severity.ERROR, f"«{indicator.name}»: {message}", subject)
        tw4 = checked(indicator.tw_targets.get(4), f"target TW IV {indicator.code}")
        annual = target if target is not None else pk
        if tw4 is not None and annual is not None and tw4 != annual and rule.aggregation is not Aggregation.AVERAGE:
            add(
                "TARGET_TW4_BEDA_TAHUNAN",
                Severity.WARNING,
                f"Target TW IV «{indicator.name}» ({format_number_id(tw4)}) tidak sama dengan target tahunan ({format_number_id(annual)}).",
                subject,
            )
        period_target = target_upto([indicator.tw_targets.get(q) for q in QUARTERS], target, upto)
        if realised.value is not None and period_target is not None:
            achieved = capaian_of(realised.value, period_target, rule.direction, rule.lower_formula, checked_places(rule.places))
            if achieved.value is not None and achieved.value < HUNDRED:
                shown = format_percent(achieved.value, rule.places)
                if not indicator.faktor_penghambat.strip():
                    add(
                        "TANPA_FAKTOR_PENGHAMBAT",
                        Severity.WARNING,
                        f"Capaian «{indicator.name}» {shown} di bawah target, tetapi faktor penghambat belum diisi.",
                        subject,
                    )
                if not indicator.solusi.strip():
                    add(
                        "TANPA_SOLUSI",
                        Severity.WARNING,
                        f"Capaian «{indicator.name}» {shown} di bawah target, tetapi solusi/upaya belum diisi.",
                        subject,
                    )

    for root in data.budget:
        for _, node in root.walk():
            subject = f"{node.code} {node.name}".strip()
            if node.is_leaf and node.pagu is None:
                add("ANGGARAN_KOSONG", Severity.ERROR, f"Pagu «{node.name}» belum diisi.", subject)
            pagu, realisasi = node.shown_pagu(), node.shown_realisasi()
            if pagu is not None and realisasi is not None and realisasi > pagu:
                add(
                    "REALISASI_MELEBIHI_PAGU",
                    Severity.ERROR,
                    f"Realisasi anggaran «{node.name}» ({_rp(realisasi)}) melebihi pagu ({_rp(pagu)}).",
                    subject,
                )
        for mismatch in root.mismatches():
            add(
                "ANGGARAN_TIDAK_SAMA",
                Severity.ERROR,
                f"{mismatch.field.capitalize()} «{mismatch.name}» tertulis {_rp(mismatch.stated)}, "
                f"jumlah rinciannya {_rp(mismatch.computed)} (selisih {_rp(mismatch.difference)}).",
                f"{mismatch.code} {mismatch.name}".strip(),
            )

    pk_amounts: list[Decimal] = []
    for item in data.pk_budgets:
        subject = f"{item.program_code} {item.name}".strip()
        amount = checked(item.amount, f"anggaran PK {item.program_code}")
        if amount is not None:
            pk_amounts.append(amount)
        dpa_node = next((n for root in data.budget if (n := root.find(item.program_code)) is not None), None)
        if dpa_node is None:
            if data.budget:
                add("PK_PROGRAM_TIDAK_ADA", Severity.ERROR, f"Program PK «{item.name}» tidak ditemukan dalam DPA.", subject)
            continue
        dpa = dpa_node.shown_pagu()
        if amount is not None and dpa is not None and amount != dpa:
            add(
                "PK_ANGGARAN_BEDA_DPA",
                Severity.WARNING,
                f"Anggaran PK «{item.name}» ({_rp(amount)}) berbeda dengan pagu DPA ({_rp(dpa)}): perlu PK perubahan.",
                subject,
            )
    stated_total = checked(data.pk_budget_total, "jumlah anggaran PK")
    if stated_total is not None and pk_amounts:
        computed = sum(pk_amounts, ZERO)
        if computed != stated_total:
            add(
                "PK_TOTAL_TIDAK_SAMA",
                Severity.ERROR,
                f"Jumlah anggaran PK tertulis {_rp(stated_total)}, jumlah per program {_rp(computed)}.",
                "Perjanjian Kinerja",
            )
    return findings
