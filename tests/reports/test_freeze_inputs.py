"""Every input of a report is classified for the freeze (issue 15, finding 2).

A frozen report (diajukan, disetujui, direviu) must not change under the camat's eyes: every row it
reads is either

* frozen by year: year-scoped data, refused while a report of its year (and quarter) is frozen;
* frozen by Renstra: the Renstra the report reads through the PK of its year, refused while any report
  of the organisation reading it is frozen (changes go through a Renstra perubahan);
* pinned: the PK and DPA versions in force at submission (``Report.pk_version_number``,
  ``Report.dpa_sequence``); their rows are refused, a new version (PK perubahan, DPPA) may be made and
  is read by drafts only;
* frozen while submitted: the SAKIP evaluation of the year and its tindak lanjut, while the year's
  LKjIP awaits the camat; after approval they go on and the approved document is sealed by its snapshot;
* the report itself (its row and its workflow);
* sealed by snapshot: organisation master data of the kabupaten admin, dated or historical, not
  frozen; an approved document is sealed by its stored snapshot.

The tables below list each model the report reads. The test builds a full report, records the SQL
its document needs, and fails when a table is read that has no class here (a new input must be
classified, and guarded if frozen), or when a model classified as frozen has no freeze guard.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.test.utils import CaptureQueriesContext

from apps.realisations.models import AspectScore
from apps.reports.inputs import ReportInputs

FROZEN_BY_YEAR = "frozen by year"
FROZEN_BY_RENSTRA = "frozen by renstra"
FROZEN_WHILE_SUBMITTED = "frozen while the year's LKjIP is submitted, then sealed by snapshot"
PINNED = "pinned"
REPORT = "the report"
SEALED = "sealed by snapshot"

MODELS: dict[str, str] = {
    # year-scoped: the period's data
    "planning.IndicatorTarget": FROZEN_BY_YEAR,  # target of year Y: any frozen report of Y
    "planning.ComparisonFigure": FROZEN_BY_YEAR,
    "realisations.Realisation": FROZEN_BY_YEAR,  # quarters up to the frozen quarter
    "realisations.Evidence": FROZEN_BY_YEAR,
    "budgets.RealisasiAnggaran": FROZEN_BY_YEAR,  # (Y, q) with q <= the frozen quarter
    "budgets.Pendapatan": FROZEN_BY_YEAR,  # (Y, q) with q <= the frozen quarter
    "reports.SarprasItem": FROZEN_BY_YEAR,  # sarana dan prasarana of Y: any frozen report of Y
    "reports.Penghargaan": FROZEN_BY_YEAR,  # awards of Y (lampiran): any frozen report of Y
    "budgets.DokumenAnggaran": FROZEN_BY_YEAR,  # (Y, TW I) for a Renja or DPA murni, (Y, TW IV) for a DPPA or the realisasi
    "budgets.BelanjaAkun": FROZEN_BY_YEAR,  # as its document
    "realisations.ServiceScore": FROZEN_BY_YEAR,  # values per jenis layanan of Y: any frozen report of Y
    "realisations.AspectScore": FROZEN_BY_YEAR,  # skor per aspect of Y: any frozen report of Y
    # evaluation of Y, listed by the LKjIP of Y: frozen while that LKjIP is diajukan; after approval the
    # Inspektorat's evaluation and the kecamatan's tindak lanjut go on (sealed by the snapshot)
    "reports.SakipEvaluation": FROZEN_WHILE_SUBMITTED,
    "reports.Recommendation": FROZEN_WHILE_SUBMITTED,
    "reports.FollowUp": FROZEN_WHILE_SUBMITTED,
    "reports.RbEvaluation": FROZEN_WHILE_SUBMITTED,  # the RB evaluation of Y, as the SAKIP evaluation
    "reports.RbComponent": FROZEN_WHILE_SUBMITTED,
    # Renstra-wide: the Renstra of the PK of the report's year
    "planning.Renstra": FROZEN_BY_RENSTRA,
    "planning.Tujuan": FROZEN_BY_RENSTRA,
    "planning.Sasaran": FROZEN_BY_RENSTRA,
    "planning.Program": FROZEN_BY_RENSTRA,
    "planning.Program_sasaran": FROZEN_BY_RENSTRA,  # m2m: m2m_changed guard
    "planning.Kegiatan": FROZEN_BY_RENSTRA,
    "planning.SubKegiatan": FROZEN_BY_RENSTRA,
    "planning.StrategiKebijakan": FROZEN_BY_RENSTRA,  # strategi and arah kebijakan of the Renstra (BAB II A)
    "planning.Indicator": FROZEN_BY_RENSTRA,
    "planning.AspectScale": FROZEN_BY_RENSTRA,  # the scale of an indeks beraspek: with its indicator
    "planning.IndicatorAspect": FROZEN_BY_RENSTRA,
    # the PK version in force at submission (a PK perubahan is a new version, read by drafts only)
    "agreements.PerjanjianKinerja": PINNED,
    "agreements.PKItem": PINNED,
    "agreements.PKProgramBudget": PINNED,
    # the DPA version in force at submission
    "budgets.DpaVersion": PINNED,
    "budgets.DpaLine": PINNED,
    # the report itself: its narratives are frozen with it (existing guard)
    "reports.Report": REPORT,
    "reports.NarrativeSection": REPORT,
    "reports.ReportEvent": REPORT,  # its workflow: the "telah direviu" of the Pernyataan Telah Direviu (issue 19)
    "accounts.User": SEALED,  # who reviewed (the event's actor)
    # organisation master data (kabupaten admin): dated/historical, sealed by the approved snapshot
    "organisations.Pemda": SEALED,
    "organisations.Organisation": SEALED,
    "organisations.Unit": SEALED,
    "organisations.Position": SEALED,
    "organisations.Official": SEALED,
    "organisations.Appointment": SEALED,
    "organisations.StaffComposition": SEALED,
    "organisations.StaffCount": SEALED,
    "organisations.StaffEselonCount": SEALED,
    "organisations.StaffUnitCount": SEALED,  # staff per unit and desa/kelurahan (issue 19, part E)
    "organisations.StaffPost": SEALED,  # formasi and terisi per jabatan (issue 19, part E)
    "organisations.Desa": SEALED,
    "performance.PredikatScale": SEALED,
    "performance.ReportConvention": SEALED,  # the pemda's report convention (issue 18): master data, sealed by the snapshot
    "performance.PredikatBand": SEALED,
}

# The fields of ReportInputs and the models behind them ("" for a parameter of the call).
FIELDS: dict[str, tuple[str, ...]] = {
    "organisation": ("organisations.Organisation", "organisations.Pemda"),
    "year": (),
    "upto": (),
    "day": ("reports.Report",),  # the report's date (Report.report_date, else its approval event or due date): refused while frozen
    "place": ("reports.Report", "organisations.Organisation"),  # Report.report_place, else the organisation's place
    "agreement": ("agreements.PerjanjianKinerja",),
    "items": ("agreements.PKItem", "planning.Indicator", "planning.Sasaran", "planning.Program"),
    "tujuan": ("planning.Tujuan",),
    "sasaran": ("planning.Sasaran",),
    "programs": ("planning.Program",),
    "program_links": ("planning.Program", "planning.Program_sasaran"),
    "kegiatan": ("planning.Kegiatan",),
    "sub_kegiatan": ("planning.SubKegiatan",),
    "indicators": ("planning.Indicator", "organisations.Unit"),
    "measured": ("planning.Indicator", "organisations.Unit"),
    "targets": ("planning.IndicatorTarget",),
    "renstra_targets": ("planning.IndicatorTarget",),
    "plan_targets": ("planning.IndicatorTarget",),
    "realisations": ("realisations.Realisation",),
    "comparisons": ("planning.ComparisonFigure",),
    "budgets": ("agreements.PKProgramBudget",),
    "units": ("organisations.Unit",),
    "staff": (
        "organisations.StaffComposition",
        "organisations.StaffCount",
        "organisations.StaffEselonCount",
        "organisations.StaffUnitCount",
        "organisations.StaffPost",
        "organisations.Unit",
        "organisations.Desa",
    ),
    "camat": ("organisations.Appointment", "organisations.Official", "organisations.Position"),
    "scale": ("performance.PredikatScale", "performance.PredikatBand"),
    "narratives": ("reports.NarrativeSection",),
    "dpa_lines": ("budgets.DpaVersion", "budgets.DpaLine"),
    "budget_amounts": ("budgets.RealisasiAnggaran",),
    "budget_trees": ("budgets.DpaVersion", "budgets.DpaLine", "budgets.RealisasiAnggaran"),
    "budget_quarters": ("budgets.DpaVersion", "budgets.DpaLine", "budgets.RealisasiAnggaran"),
    "kas_trees": ("budgets.DpaVersion", "budgets.DpaLine", "budgets.RealisasiAnggaran"),
    "pk_before": ("agreements.PerjanjianKinerja", "agreements.PKItem", "agreements.PKProgramBudget"),
    "pendapatan": ("budgets.Pendapatan",),
    "dokumen_anggaran": ("budgets.DokumenAnggaran", "budgets.BelanjaAkun"),
    "dpa_version": ("budgets.DpaVersion",),
    "dpa_murni_lines": ("budgets.DpaVersion", "budgets.DpaLine"),
    "service_scores": ("realisations.ServiceScore", "planning.Indicator"),
    "aspects": ("planning.IndicatorAspect", "planning.AspectScale", "planning.Indicator"),
    "aspect_scores": ("realisations.AspectScore",),
    "recommendations": ("reports.SakipEvaluation", "reports.Recommendation", "reports.FollowUp"),
    "evaluation": ("reports.SakipEvaluation",),
    "sarpras": ("reports.SarprasItem",),
    "penghargaan": ("reports.Penghargaan",),
    "pk_document": (
        "agreements.PKItem",
        "agreements.PKProgramBudget",
        "planning.Program",
        "organisations.Appointment",
        "organisations.Official",
        "organisations.Position",
    ),
    "review": ("reports.ReportEvent", "reports.Report", "accounts.User"),
    "inspektur": ("organisations.Appointment", "organisations.Official", "organisations.Position"),
    "rb_evaluation": ("reports.RbEvaluation",),
    "rb_components": ("reports.RbComponent",),
    "rb_scale": ("performance.PredikatScale", "performance.PredikatBand"),
    "akip_scale": ("performance.PredikatScale", "performance.PredikatBand"),
    "convention": ("performance.ReportConvention",),
    "renstra": ("planning.Renstra",),
    "strategi": ("planning.StrategiKebijakan",),
    "unit_heads": ("organisations.Appointment", "organisations.Official", "organisations.Position"),
}

FROZEN = {FROZEN_BY_YEAR, FROZEN_BY_RENSTRA, PINNED, FROZEN_WHILE_SUBMITTED}


def _label(model) -> str:  # type: ignore[no-untyped-def]
    return f"{model._meta.app_label}.{model._meta.object_name}"


def _tables() -> dict[str, str]:
    """db_table -> label, auto-created m2m tables included (``planning.Program_sasaran``)."""
    return {m._meta.db_table: _label(m) for m in apps.get_models(include_auto_created=True)}


def test_every_field_of_report_inputs_is_classified():
    fields = {f.name for f in dataclasses.fields(ReportInputs)}
    assert sorted(fields - set(FIELDS)) == [], "classify the new ReportInputs fields (FIELDS and MODELS)"
    assert sorted(set(FIELDS) - fields) == [], "these ReportInputs fields no longer exist"
    for name, labels in FIELDS.items():
        for label in labels:
            assert label in MODELS, f"{name}: {label} has no freeze class"


@pytest.fixture
def full_report(world, settings, tmp_path):
    """A report with every kind of input: Renstra, PK, realisations, evidence, comparison, DPA with
    realisasi, evaluation with a tindak lanjut, RB evaluation, narrative, units, staff, the camat, a scale."""
    import datetime as dt
    from decimal import Decimal

    from apps.budgets.models import BelanjaAkun, DokumenAnggaran
    from apps.organisations.models import Desa, StaffComposition, StaffCount, StaffPost, StaffUnitCount, Unit
    from apps.performance.models import PredikatBand, PredikatScale
    from apps.planning.models import ComparisonFigure
    from apps.reports.models import FollowUp, RbComponent, RbEvaluation
    from tests.access_objects import build
    from tests.factories import AppointmentFactory, OfficialFactory, PositionFactory

    settings.MEDIA_ROOT = tmp_path
    k = build("own", world.own, operator=world.operator, admin=world.admin)
    ComparisonFigure.objects.create(indicator=k.akip, year=2024, level="nasional", value=Decimal(70))
    FollowUp.objects.create(recommendation=k.recommendation, rencana_aksi="Rencana")
    rb = RbEvaluation.objects.create(organisation=world.own, year=2024)
    RbComponent.objects.create(evaluation=rb, number=1, name="Komponen", bobot=Decimal(100), nilai=Decimal(70))
    unit = Unit.objects.create(organisation=world.own, name="Seksi Pemerintahan")
    staff = StaffComposition.objects.create(organisation=world.own, as_of=dt.date(2024, 1, 1))
    StaffCount.objects.create(composition=staff, golongan="III", male=2, female=1)
    desa = Desa.objects.create(organisation=world.own, name="Kalangsemanding")
    StaffUnitCount.objects.create(composition=staff, unit=unit, status="asn", pendidikan="s1", male=2, female=1)
    StaffUnitCount.objects.create(composition=staff, desa=desa, status="non_asn", male=1)
    StaffPost.objects.create(composition=staff, unit=unit, jabatan="Pengadministrasi Umum", formasi=2, terisi=1)
    position = PositionFactory(organisation=world.own, kind="camat")
    AppointmentFactory(position=position, official=OfficialFactory(pemda=world.pemda), start_date=dt.date(2020, 1, 1))
    scale = PredikatScale.objects.create(pemda=world.pemda, use="capaian", name="Uji")
    PredikatBand.objects.create(scale=scale, lower=None, upper=None, label="Baik", code="B")
    dokumen = DokumenAnggaran.objects.create(organisation=world.own, year=2024, kind="realisasi")
    BelanjaAkun.objects.create(dokumen=dokumen, akun="5.1.02", amount=Decimal(1000))
    AspectScore.objects.create(aspect=k.ipp.aspects.first(), year=2024, score=Decimal(3))
    return k


def test_every_model_the_report_reads_is_classified_and_the_frozen_ones_are_guarded(full_report):
    from apps.reports.services import report_document

    tables = _tables()
    with CaptureQueriesContext(connection) as ctx:
        report_document(report=full_report.report)
    found = set()
    for q in ctx.captured_queries:
        for table in re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', q["sql"]):
            if table in tables:
                found.add(tables[table])
    assert sorted(found - set(MODELS)) == [], "the report reads these models: classify them in MODELS (and guard them if frozen)"
    # Every classified model is read (the table stays true), and every field's models are read.
    # (The report row is given, not read; evidence is listed at approval, apps.reports.workflow.evidence_list.)
    assert sorted(set(MODELS) - found - {"reports.Report", "realisations.Evidence"}) == [], "classified but no longer read by the report"
    unguarded = [f"{label} ({name})" for label, kind in MODELS.items() if kind in FROZEN for name in _missing_guards(label)]
    assert unguarded == [], "models classified as frozen without a freeze guard"


def _from_freeze(signal, sender) -> bool:  # type: ignore[no-untyped-def]
    sync, async_ = signal._live_receivers(sender)
    return any(getattr(r, "__module__", "") == "apps.reports.freeze" for r in [*sync, *async_])


def _missing_guards(label: str) -> list[str]:
    model = apps.get_model(label)
    if model._meta.auto_created:  # an m2m table
        return [] if _from_freeze(m2m_changed, model) else ["m2m_changed"]
    return [name for signal, name in ((pre_save, "pre_save"), (pre_delete, "pre_delete")) if not _from_freeze(signal, model)]
