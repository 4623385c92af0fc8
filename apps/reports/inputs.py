"""Fetch every input of a report in a fixed number of queries (whatever the organisation's size)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from apps.agreements.models import PerjanjianKinerja, PKItem
from apps.agreements.selectors import latest_pk
from apps.organisations.models import Appointment, Position, StaffComposition, Unit
from apps.organisations.selectors import holder_at
from apps.performance import calculations as calc
from apps.performance.selectors import scale_for
from apps.planning.models import ComparisonFigure, Indicator, IndicatorTarget, Kegiatan, Program, Sasaran, SubKegiatan, Tujuan
from apps.realisations.models import Realisation

from .models import Report


@dataclass
class ReportInputs:
    organisation: Any
    year: int
    upto: int
    day: dt.date
    agreement: PerjanjianKinerja | None
    items: list[PKItem] = field(default_factory=list)
    tujuan: list[Tujuan] = field(default_factory=list)
    sasaran: list[Sasaran] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    kegiatan: list[Kegiatan] = field(default_factory=list)
    sub_kegiatan: list[SubKegiatan] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    targets: dict[tuple[int, int], IndicatorTarget] = field(default_factory=dict)
    realisations: dict[int, dict[int, dict[int, Realisation]]] = field(default_factory=dict)  # year -> indicator -> quarter
    comparisons: dict[int, list[ComparisonFigure]] = field(default_factory=dict)
    budgets: dict[int, Any] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    staff: StaffComposition | None = None
    camat: Appointment | None = None
    scale: calc.Scale | None = None
    narratives: dict[str, str] = field(default_factory=dict)
    budget_trees: list[calc.BudgetNode] = field(default_factory=list)
    budget_quarters: dict[int, Any] = field(default_factory=dict)
    recommendations: list[Any] = field(default_factory=list)


def report_inputs(*, organisation: Any, year: int, upto: int, day: dt.date, report: Report | None = None) -> ReportInputs:
    """All rows a report needs, in about 20 queries, independent of the number of indicators."""
    agreement = _agreement(organisation, year, report)
    data = ReportInputs(organisation=organisation, year=year, upto=upto, day=day, agreement=agreement)
    data.units = list(organisation.units.all())
    data.staff = organisation.staff_compositions.filter(as_of__lte=day).prefetch_related("counts").first()
    camat_appointments = list(
        Appointment.objects.filter(position__organisation=organisation, position__kind=Position.Kind.CAMAT).select_related(
            "official", "position"
        )
    )
    data.camat = holder_at(camat_appointments, day)
    data.scale = scale_for(pemda=organisation.pemda, use="capaian")
    if report is not None:
        data.narratives = {n.key: n.text for n in report.narratives.all()}
    from .models import Recommendation

    data.recommendations = list(
        Recommendation.objects.filter(evaluation__organisation=organisation, evaluation__year=year).select_related(
            "evaluation", "follow_up"
        )
    )
    if agreement is None:
        return data
    renstra = agreement.renstra_id
    data.items = list(agreement.items.select_related("indicator").order_by("order", "pk"))
    data.tujuan = list(Tujuan.objects.filter(renstra=renstra).order_by("order", "code"))
    data.sasaran = list(Sasaran.objects.filter(renstra=renstra).order_by("order", "code"))
    data.programs = list(Program.objects.filter(renstra=renstra).prefetch_related(Prefetch("sasaran", queryset=Sasaran.objects.only("pk"))))
    data.kegiatan = list(Kegiatan.objects.filter(renstra=renstra))
    data.sub_kegiatan = list(SubKegiatan.objects.filter(renstra=renstra))
    data.indicators = list(Indicator.objects.filter(renstra=renstra).select_related("responsible_unit").order_by("order", "pk"))
    data.targets = {(t.indicator_id, t.year): t for t in IndicatorTarget.objects.filter(indicator__renstra=renstra)}
    for r in Realisation.objects.filter(indicator__renstra=renstra, year__in=[year - 2, year - 1, year]):
        data.realisations.setdefault(r.year, {}).setdefault(r.indicator_id, {})[r.quarter] = r
    for c in ComparisonFigure.objects.filter(indicator__renstra=renstra, year=year):
        data.comparisons.setdefault(c.indicator_id, []).append(c)
    data.budgets = {b.program_id: b.amount for b in agreement.program_budgets.all()}
    data.budget_trees, data.budget_quarters = _budget(organisation, year, upto, report)
    return data


def _agreement(organisation: Any, year: int, report: Report | None) -> PerjanjianKinerja | None:
    """The PK the report reads: a frozen report the version pinned at its submission
    (``Report.pk_version_number``), whatever PK perubahan was made since; a draft, the newest."""
    from .freeze import pinned_pk
    from .models import FROZEN

    if report is not None and report.status in FROZEN:
        return pinned_pk(report)
    return latest_pk(organisation=organisation, year=year)


def _budget(organisation: Any, year: int, upto: int, report: Report | None = None) -> tuple[list[calc.BudgetNode], dict[int, Any]]:
    """The DPA with cumulative realisasi s/d ``upto`` (3 queries), as program trees, and the cumulative
    anggaran kas and realisasi per quarter for the chart. A frozen report reads the DPA version in force
    when it was submitted (``Report.dpa_sequence``), whatever was imported since; a draft, the newest."""
    from apps.budgets.selectors import build_tree, dpa_version, realisations

    from .freeze import pinned_dpa_sequence
    from .models import FROZEN

    if report is not None and report.status in FROZEN:
        sequence = pinned_dpa_sequence(report)
        version = dpa_version(organisation=organisation, year=year, sequence=sequence) if sequence else None
    else:
        version = dpa_version(organisation=organisation, year=year)
    if version is None:
        return [], {}
    lines = list(version.lines.all())
    stored = realisations(organisation=organisation, year=year)

    def amount(line: Any, q: int) -> Any:
        r = stored.get(line.code, {}).get(q)
        return r.amount if r is not None else None

    tree = build_tree(lines, pagu=lambda ln: ln.pagu, realisasi=lambda ln: amount(ln, upto))
    quarters = {}
    for q in range(1, upto + 1):
        per_q = build_tree(lines, pagu=lambda ln, q=q: getattr(ln, f"kas_tw{q}"), realisasi=lambda ln, q=q: amount(ln, q))
        quarters[q] = {"plan": per_q.total_pagu(), "realisasi": per_q.total_realisasi()}
    return list(tree.children), quarters
