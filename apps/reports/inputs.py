"""Fetch every input of a report in a fixed number of queries (whatever the organisation's size)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from apps import calculations as calc
from apps.agreements.models import PerjanjianKinerja, PKItem
from apps.agreements.selectors import PKBefore, PKDocument, pk_document, version_before
from apps.budgets.models import DpaKind, DpaLine, DpaVersion, RealisasiAnggaran
from apps.budgets.selectors import build_tree, dokumen_anggaran, kas_tree, pendapatan_rows
from apps.calculations import bridge
from apps.organisations.models import Appointment, Position, StaffComposition, StaffPost, StaffUnitCount, Unit
from apps.organisations.selectors import holder_at
from apps.performance.selectors import convention_for, scales_for
from apps.planning.models import (
    ComparisonFigure,
    Indicator,
    IndicatorAspect,
    IndicatorTarget,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    StrategiKebijakan,
    SubKegiatan,
    Tujuan,
)
from apps.planning.selectors import with_components
from apps.realisations.models import AspectScore, Realisation, ServiceScore

from .freeze import pinned_dpa_sequence, pinned_pk_version
from .models import (
    FROZEN,
    Penghargaan,
    Period,
    RbComponent,
    RbEvaluation,
    Recommendation,
    Report,
    ReportEvent,
    SakipEvaluation,
    SarprasItem,
    Status,
)


@dataclass(kw_only=True)
class FigureInputs:
    """What the figures of an organisation-period are computed from (apps.reports.figures): the PK the
    period reads with its items (their indicators and sasaran joined), which program of its Renstra
    serves which sasaran, the measured indicators (the PK's and the components of its composites) with
    their realisations, the pemda's capaian and AKIP scales and the DPA the period reads with its realisasi anggaran."""

    organisation: Any
    year: int
    upto: int
    agreement: PerjanjianKinerja | None = None
    items: list[PKItem] = field(default_factory=list)
    program_links: list[tuple[int, str, int]] = field(default_factory=list)  # (program pk, program code, sasaran pk)
    measured: list[Indicator] = field(default_factory=list)
    realisations: dict[int, dict[int, dict[int, Realisation]]] = field(default_factory=dict)  # year -> indicator -> quarter
    plan_targets: dict[int, tuple[Any, Any]] = field(default_factory=dict)  # kegiatan/sub kegiatan indicator -> (target, max) of the year
    renstra_targets: dict[tuple[int, int], IndicatorTarget] = field(default_factory=dict)  # fetched targets by (indicator, year)
    scale: calc.Scale | None = None
    akip_scale: calc.Scale | None = None  # the pemda's AKIP scale (the nilai SAKIP's predikat), fetched with the capaian scale
    rb_scale: calc.Scale | None = None  # the pemda's scale of the Indeks RB, fetched with the capaian scale
    convention: calc.Convention = calc.NEUTRAL  # how the pemda's reports print their figures (issue 18)
    dpa_lines: list[Any] = field(default_factory=list)
    budget_amounts: dict[str, dict[int, Any]] = field(default_factory=dict)  # sub kegiatan code -> quarter -> amount
    budget_trees: list[calc.BudgetNode] = field(default_factory=list)
    kas_trees: list[calc.BudgetNode] = field(default_factory=list)  # the same DPA against its anggaran kas s/d ``upto``


@dataclass(kw_only=True)
class ReportInputs(FigureInputs):
    """Everything a report shows: its figures' inputs and the rest of the document (plan, people, text)."""

    day: dt.date  # the date the report is signed (services.report_date_place), never the render date
    place: str = ""  # the place it is signed; "": the organisation's
    tujuan: list[Tujuan] = field(default_factory=list)
    sasaran: list[Sasaran] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    kegiatan: list[Kegiatan] = field(default_factory=list)
    sub_kegiatan: list[SubKegiatan] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    targets: dict[tuple[int, int], IndicatorTarget] = field(default_factory=dict)
    comparisons: dict[int, list[ComparisonFigure]] = field(default_factory=dict)
    budgets: dict[int, Any] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    staff: StaffComposition | None = None
    camat: Appointment | None = None
    narratives: dict[str, str] = field(default_factory=dict)
    budget_quarters: dict[int, Any] = field(default_factory=dict)
    recommendations: list[Any] = field(default_factory=list)
    pk_before: PKBefore | None = None  # the PK version the one read replaced (Tabel "PK perubahan")
    pendapatan: list[Any] = field(default_factory=list)  # jenis pendapatan s/d ``upto`` (budgets.Pendapatan)
    service_scores: list[Any] = field(default_factory=list)  # values per jenis layanan of the year (IKM per layanan)
    aspects: list[Any] = field(default_factory=list)  # aspects of the "indeks beraspek" indicators (scale and indicator joined)
    aspect_scores: list[Any] = field(default_factory=list)  # their skor of the year and the year before
    evaluation: SakipEvaluation | None = None  # the SAKIP evaluation (LHE) done in the report's year
    sarpras: list[SarprasItem] = field(default_factory=list)  # sarana dan prasarana of the year (efisiensi sarpras)
    dokumen_anggaran: list[Any] = field(default_factory=list)  # budget documents per kode akun of the year and the year before
    dpa_version: DpaVersion | None = None  # the DPA version the report reads (its lines are ``dpa_lines``)
    dpa_murni_lines: list[Any] = field(default_factory=list)  # the lines of the DPA murni before it (Tabel dokumen anggaran)
    rb_evaluation: RbEvaluation | None = None  # the RB evaluation of the year (Indeks RB)
    rb_components: list[RbComponent] = field(default_factory=list)  # its components, ordered
    renstra: Renstra | None = None  # the Renstra of the PK read (its IKU's legal basis, BAB II A)
    strategi: list[StrategiKebijakan] = field(default_factory=list)  # its strategi and arah kebijakan, ordered
    unit_heads: dict[int, Appointment] = field(default_factory=dict)  # unit -> who heads it at ``day`` (the organisation chart)
    penghargaan: list[Penghargaan] = field(default_factory=list)  # awards of the year (lampiran "Penghargaan")
    pk_document: PKDocument | None = None  # the PK as its print view renders it (lampiran "Perjanjian Kinerja")
    review: ReportEvent | None = None  # the Inspektorat's "telah direviu" of the year's LKjIP (lampiran "Pernyataan Telah Direviu")
    inspektur: Appointment | None = None  # the Inspektur on the day of that review


def report_inputs(*, organisation: Any, year: int, upto: int, day: dt.date, report: Report | None = None) -> ReportInputs:
    """All rows a report needs, in about 25 queries, independent of the number of indicators: the figures'
    inputs through :func:`figure_inputs` (the same fetch as every other page's figures), then the rest."""
    figures = figure_inputs(
        organisations=[organisation],
        year=year,
        upto=upto,
        reports={organisation.pk: report},
        years=tuple(range(year - previous_years(organisation), year + 1)),
        whole_renstra=True,
    )
    data = ReportInputs(**{f.name: getattr(figures[organisation.pk], f.name) for f in fields(FigureInputs)}, day=day)
    data.units = list(organisation.units.all())
    data.staff = (
        organisation.staff_compositions.filter(as_of__lte=day)
        .prefetch_related(
            "counts",
            "eselon_counts",
            Prefetch("unit_counts", queryset=StaffUnitCount.objects.select_related("unit", "desa")),
            Prefetch("posts", queryset=StaffPost.objects.select_related("unit")),
        )
        .first()
    )
    appointments = list(
        Appointment.objects.filter(position__organisation=organisation)
        .select_related("official", "position")
        .order_by("position__order", "pk")
    )  # the camat's (the signatory) and each unit head's (the organisation chart), in one query
    data.camat = holder_at([a for a in appointments if a.position.kind == Position.Kind.CAMAT], day)
    data.unit_heads = _unit_heads(appointments, day)
    data.pendapatan = list(pendapatan_rows(organisation=organisation, year=year, quarter=upto).order_by("code", "name"))
    data.service_scores = list(
        ServiceScore.objects.filter(indicator__organisation=organisation, year=year)
        .select_related("indicator")
        .order_by("indicator", "order", "pk")
    )
    index_pks = [i.pk for i in data.measured if i.is_aspect_index]
    if index_pks:  # no query for an organisation without an aspect index
        data.aspects = list(
            IndicatorAspect.objects.filter(indicator__in=index_pks)
            .select_related("indicator__aspect_scale")
            .order_by("indicator", "order", "pk")
        )
        data.aspect_scores = list(AspectScore.objects.filter(aspect__indicator__in=index_pks, year__in=(year - 1, year)))
    if report is not None:
        data.narratives = {n.key: n.text for n in report.narratives.all()}
    data.evaluation = SakipEvaluation.objects.filter(organisation=organisation, year=year).first()
    data.sarpras = list(SarprasItem.objects.filter(organisation=organisation, year=year).order_by("number"))
    data.dokumen_anggaran = dokumen_anggaran(organisation=organisation, years=(year - 1, year))
    _dpa_documents(data)
    data.rb_evaluation = RbEvaluation.objects.filter(organisation=organisation, year=year).first()
    if data.rb_evaluation is not None:
        data.rb_components = list(RbComponent.objects.filter(evaluation=data.rb_evaluation).order_by("number"))
    if data.evaluation is not None:
        data.recommendations = list(
            Recommendation.objects.filter(evaluation=data.evaluation).select_related("evaluation", "follow_up").order_by("number")
        )
    data.penghargaan = list(Penghargaan.objects.filter(organisation=organisation, year=year).order_by("number"))
    _review(data)
    agreement = data.agreement
    if agreement is None:
        return data
    renstra = agreement.renstra_id
    data.renstra = agreement.renstra  # fetched with the PK (figure_inputs)
    data.strategi = list(StrategiKebijakan.objects.filter(renstra=renstra).order_by("order", "pk"))
    data.tujuan = list(Tujuan.objects.filter(renstra=renstra).order_by("order", "code"))
    data.sasaran = list(Sasaran.objects.filter(renstra=renstra).order_by("order", "code"))
    data.programs = list(Program.objects.filter(renstra=renstra))
    data.kegiatan = list(Kegiatan.objects.filter(renstra=renstra))
    data.sub_kegiatan = list(SubKegiatan.objects.filter(renstra=renstra))
    data.indicators = data.measured  # the whole Renstra (whole_renstra above): its tables list every indicator
    data.targets = data.renstra_targets  # every target of the Renstra, fetched with the figures' inputs (whole_renstra)
    for c in ComparisonFigure.objects.filter(indicator__renstra=renstra, year=year):
        data.comparisons.setdefault(c.indicator_id, []).append(c)
    data.budgets = {b.program_id: b.amount for b in agreement.program_budgets.all()}
    data.budget_quarters = _budget_quarters(data)
    data.pk_before = version_before(agreement)
    programs = sorted(data.programs, key=lambda p: (p.order, p.code))
    agreement.organisation = organisation  # the organisation in hand: the PK's signatories need its pemda (no query)
    data.pk_document = pk_document(
        agreement=agreement,
        items=data.items,
        budgets=data.budgets,
        programs=programs,
        camat_appointments=[a for a in appointments if a.position.kind == Position.Kind.CAMAT],
    )
    return data


def _unit_heads(appointments: list[Appointment], day: dt.date) -> dict[int, Appointment]:
    """Per unit, the appointment heading it on ``day`` (its posts' holders, the strongest status first)."""
    by_unit: dict[int, list[Appointment]] = {}
    for a in appointments:
        if a.position.unit_id is not None:
            by_unit.setdefault(a.position.unit_id, []).append(a)
    heads = {unit: holder_at(items, day) for unit, items in by_unit.items()}
    return {unit: a for unit, a in heads.items() if a is not None}


def _review(data: ReportInputs) -> None:
    """The Inspektorat's last "telah direviu" of the year's LKjIP while it stands, with the Inspektur of the pemda on
    that day (1 query, 2 when reviewed)."""
    data.review = (
        ReportEvent.objects.filter(
            report__organisation=data.organisation,
            report__year=data.year,
            report__period=Period.ANNUAL,
            report__status=Status.REVIEWED,
            to_status=Status.REVIEWED,
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    if data.review is None:
        return
    appointments = Appointment.objects.filter(
        position__pemda=data.organisation.pemda_id, position__kind=Position.Kind.INSPEKTUR, position__organisation__isnull=True
    ).select_related("official", "position")
    data.inspektur = holder_at(list(appointments), timezone.localdate(data.review.created_at))


def _dpa_documents(data: ReportInputs) -> None:
    """The DPA version the report reads and the lines of the last DPA murni up to it (at most 2 queries)."""
    read = data.dpa_lines[0].version_id if data.dpa_lines else None
    versions = list(DpaVersion.objects.filter(organisation=data.organisation, year=data.year).order_by("sequence"))
    data.dpa_version = next((v for v in versions if v.pk == read), None)
    upto = data.dpa_version.sequence if data.dpa_version is not None else 0
    murni = [v for v in versions if v.kind == DpaKind.MURNI and v.sequence <= upto]
    if not murni:
        return
    if murni[-1] is data.dpa_version:
        data.dpa_murni_lines = data.dpa_lines
    else:
        data.dpa_murni_lines = list(DpaLine.objects.filter(version=murni[-1]).order_by("order"))


def previous_years(organisation: Any) -> int:
    """How many years before the reported one its tables compare (Pemda.previous_years, an admin's setting)."""
    return int(getattr(organisation.pemda, "previous_years", 2) or 2)


def figure_inputs(
    *,
    organisations: list[Any],
    year: int,
    upto: int,
    reports: Mapping[int, Report | None] | None = None,
    years: tuple[int, ...] | None = None,
    whole_renstra: bool = False,
) -> dict[int, FigureInputs]:
    """The figures' inputs of every organisation in ``organisations`` for ``year`` "s/d TW ``upto``", in
    a fixed number of queries however many organisations and indicators (about 13). ``reports`` gives,
    per organisation, the report whose figures these are: a frozen report reads the PK and DPA versions
    pinned at its submission (``Report.pk_version_number``, ``Report.dpa_sequence``), whatever PK
    perubahan or DPPA was made since; a draft, or no report, the newest. ``years`` are the years whose
    realisations are fetched (the report's comparison with two previous years), ``year`` by default.
    The measured indicators are those of the PK and the components of its composites, or with
    ``whole_renstra`` every indicator of the Renstra (a report lists them all: one query either way)."""
    reports = reports or {}
    by_pk = {o.pk: o for o in organisations}
    out = {pk: FigureInputs(organisation=o, year=year, upto=upto) for pk, o in by_pk.items()}
    pinned = {pk: _pins(reports.get(pk)) for pk in by_pk}

    versions: dict[int, list[PerjanjianKinerja]] = {}
    for agreement in (
        PerjanjianKinerja.objects.filter(organisation__in=by_pk, year=year).select_related("renstra").order_by("version_number")
    ):
        versions.setdefault(agreement.organisation_id, []).append(agreement)
    for pk, found in versions.items():
        out[pk].agreement = _version(found, pinned[pk][0], lambda a: a.version_number)
    agreements = {d.agreement.pk: d for d in out.values() if d.agreement is not None}
    renstras: dict[int, list[FigureInputs]] = {}
    for d in out.values():
        if d.agreement is not None:
            renstras.setdefault(d.agreement.renstra_id, []).append(d)
    if agreements:
        items = (
            PKItem.objects.filter(agreement__in=agreements)
            .select_related("indicator__sasaran", "indicator__program")
            .order_by("order", "pk")
        )
        for item in items:
            agreements[item.agreement_id].items.append(item)
        links = Program.sasaran.through.objects.filter(program__renstra__in=renstras)
        for renstra_id, *link in links.values_list("program__renstra_id", "program_id", "program__code", "sasaran_id"):
            for d in renstras[renstra_id]:
                d.program_links.append(tuple(link))
        # Only what the figures measure: the PK's indicators and the components their composites name.
        if whole_renstra:
            measured = list(
                Indicator.objects.filter(renstra__in=renstras)
                .select_related("responsible_unit", "kegiatan__program", "sub_kegiatan__kegiatan__program")
                .order_by("order", "pk")
            )
        else:
            measured = with_components([i.indicator for d in agreements.values() for i in d.items], renstra_ids=renstras, iku=True)
            measured += _rollup_children(measured, renstras)
        for ind in measured:
            for d in renstras[ind.renstra_id]:
                d.measured.append(ind)
        by_indicator = {ind.pk: renstras[ind.renstra_id] for ind in measured}
        # The indicators measured against a Renstra target of the year when the PK does not list them:
        # kegiatan and sub kegiatan indicators (the PK lists programs), and IKU and composite components.
        by_level_below = {ind.pk for ind in measured if ind.level in PLAN_LEVELS or ind.is_iku or ind.code}
        for r in Realisation.objects.filter(indicator__in=list(by_indicator), year__in=list(years or (year,))):
            for d in by_indicator[r.indicator_id]:
                d.realisations.setdefault(r.year, {}).setdefault(r.indicator_id, {})[r.quarter] = r
        # The Renstra targets of the year of the kegiatan and sub kegiatan indicators (the PK lists programs);
        # a report (whole_renstra) keeps every target of its Renstra, for its plan tables, in the same query.
        below = [ind.pk for ind in measured if whole_renstra or ind.pk in by_level_below]
        targets = IndicatorTarget.objects.filter(indicator__in=below) if below else IndicatorTarget.objects.none()
        for t in targets if whole_renstra else targets.filter(year=year):
            for d in by_indicator[t.indicator_id]:
                d.renstra_targets[(t.indicator_id, t.year)] = t
                if t.year == year and t.indicator_id in by_level_below:
                    d.plan_targets[t.indicator_id] = (t.value, t.value_max)
    scales: dict[int, dict[str, calc.Scale]] = {}
    conventions: dict[int, calc.Convention] = {}
    for o in organisations:
        if o.pemda_id not in scales:
            scales[o.pemda_id] = scales_for(pemda=o.pemda_id, uses=("capaian", "akip", "rb"))
            conventions[o.pemda_id] = convention_for(pemda=o.pemda_id)
        pinned_convention = _pinned_convention(reports.get(o.pk))
        out[o.pk].convention = pinned_convention or conventions[o.pemda_id]
        out[o.pk].scale = scales[o.pemda_id].get("capaian")
        out[o.pk].akip_scale = scales[o.pemda_id].get("akip")
        out[o.pk].rb_scale = scales[o.pemda_id].get("rb")

    dpa: dict[int, list[Any]] = {}
    for v in DpaVersion.objects.filter(organisation__in=by_pk, year=year).order_by("sequence"):
        dpa.setdefault(v.organisation_id, []).append(v)
    chosen = {}
    for pk, found in dpa.items():
        version = _version(found, pinned[pk][1], lambda v: v.sequence, frozen=pinned[pk][2])
        if version is not None:
            chosen[version.pk] = out[pk]
    if chosen:
        for line in DpaLine.objects.filter(version__in=chosen).order_by("order"):
            chosen[line.version_id].dpa_lines.append(line)
        amounts = RealisasiAnggaran.objects.filter(organisation__in=by_pk, year=year, quarter__lte=upto)
        for org_id, code, quarter, amount in amounts.values_list("organisation_id", "code", "quarter", "amount"):
            out[org_id].budget_amounts.setdefault(code, {})[quarter] = amount
    for d in out.values():
        d.budget_trees = _budget_trees(d)
        d.kas_trees = _kas_trees(d)
    return out


#: The indicator levels below the PK's programs, measured against their Renstra target of the year.
PLAN_LEVELS = ("kegiatan", "sub_kegiatan")


def _rollup_children(measured: list[Indicator], renstras: Mapping[int, Any]) -> list[Indicator]:
    """The kegiatan and sub kegiatan indicators a roll-up indicator of ``measured`` is computed from (one
    query, only when there is a roll-up: the pemda overview and the grid fetch the PK's indicators only)."""
    if not any(bridge.is_rollup(ind) for ind in measured):
        return []
    shown = {ind.pk for ind in measured}
    below = Indicator.objects.filter(renstra__in=list(renstras), level__in=PLAN_LEVELS).select_related(
        "kegiatan__program", "sub_kegiatan__kegiatan__program"
    )
    return [ind for ind in below.order_by("order", "pk") if ind.pk not in shown]


def _pins(report: Report | None) -> tuple[int | None, int | None, bool]:
    """The PK version number and DPA sequence a report reads, and whether it is frozen: a frozen report
    the versions pinned at its submission (apps.reports.freeze), any other the newest (None, None)."""
    if report is None or report.pk is None or report.status not in FROZEN:
        return None, None, False
    return pinned_pk_version(report), pinned_dpa_sequence(report), True


def _pinned_convention(report: Report | None) -> calc.Convention | None:
    """The report convention a frozen report was submitted under (``Report.convention_pinned``), else None."""
    if report is None or report.pk is None or report.status not in FROZEN or not report.convention_pinned:
        return None
    return calc.Convention.from_dict(report.convention_pinned)


def _version(found: list[Any], number: int | None, key: Any, *, frozen: bool = False) -> Any:
    """The version ``number`` among ``found`` (sorted oldest first), or the newest when ``number`` is None.
    A pinned PK that is gone gives the newest (freeze.pinned_pk); a frozen report without a DPA at its
    submission reads none (``frozen`` with no number), as before this module fetched for several reports."""
    if number is None:
        return None if frozen else (found[-1] if found else None)
    return next((v for v in found if key(v) == number), None if frozen else (found[-1] if found else None))


def _budget_trees(d: FigureInputs) -> list[calc.BudgetNode]:
    """The DPA as program trees with the cumulative realisasi s/d ``upto`` of every sub kegiatan."""
    if not d.dpa_lines:
        return []
    tree = build_tree(d.dpa_lines, pagu=lambda ln: ln.pagu, realisasi=lambda ln: _amount(d, ln, d.upto))
    return list(tree.children)


def _kas_trees(d: FigureInputs) -> list[calc.BudgetNode]:
    """The DPA as program trees of anggaran kas s/d ``upto`` with the realisasi s/d ``upto``."""
    if not d.dpa_lines:
        return []
    return list(kas_tree(d.dpa_lines, quarter=d.upto, realisasi=lambda ln: _amount(d, ln, d.upto)).children)


def _amount(d: FigureInputs, line: Any, quarter: int) -> Any:
    return d.budget_amounts.get(line.code, {}).get(quarter)


def _budget_quarters(d: FigureInputs) -> dict[int, Any]:
    """The cumulative anggaran kas and realisasi per quarter s/d ``upto``, for the report's chart."""
    if not d.dpa_lines:
        return {}
    quarters = {}
    for q in range(1, d.upto + 1):
        # the anggaran kas s/d TW q as the budget tables read it: the cumulative column, else the months summed
        per_q = kas_tree(d.dpa_lines, quarter=q, realisasi=lambda ln, q=q: _amount(d, ln, q))
        quarters[q] = {"plan": per_q.total_pagu(), "realisasi": per_q.total_realisasi()}
    return quarters
