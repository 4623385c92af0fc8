"""Approved (or submitted) periods are read-only, whatever the route: form, admin or import.

A frozen report (diajukan, disetujui, direviu) must show what the camat approves; every row it reads
(apps/reports/inputs.py) is one of (tests/reports/test_freeze_inputs.py keeps the list):

* year-scoped, frozen by the reports of its year: realisations and evidence of the quarters up to the
  frozen quarter, comparison figures, Renstra targets of the year, realisasi anggaran s/d a frozen
  quarter, the report's narratives; the SAKIP evaluation of the year
  with its recommendations and tindak lanjut, and the RB evaluation of the year with its components, while the year's LKjIP is diajukan (after approval they
  go on, and the approved document is sealed by its snapshot);
* Renstra-wide, frozen while a frozen report reads the Renstra through the PK version it pinned: the
  Renstra, its tujuan, sasaran, programs (and which sasaran they serve), kegiatan, sub kegiatan,
  indicators and its strategi and arah kebijakan. A Renstra perubahan (a new version) stays possible;
* the PK and DPA versions pinned at submission (``Report.pk_version_number``, ``Report.dpa_sequence``):
  the PK with its items and program budgets, the DPA version row and its lines; a new version (a PK
  perubahan, a DPPA) may be made (only drafts read it until a report reading it is submitted);
* not frozen: the organisation master data of the kabupaten admin (dated or historical); an approved
  document is sealed by its snapshot.

The check is a model signal (``pre_save``, ``pre_delete``, ``m2m_changed``), so no code path can
forget it; services also check first (``assert_*``) to give the user the message before any work is
done. Every refusal is a ``ValidationError`` with code ``frozen`` and a message saying "dikunci".
Bulk writes (``QuerySet.update``, ``bulk_create``) bypass model signals: the services that use them
write only rows no frozen report reads (a new DPA version's lines, a Renstra perubahan's or a PK
perubahan's copy).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import PerjanjianKinerja, PKItem, PKProgramBudget
from apps.budgets.models import BelanjaAkun, DokumenAnggaran, DpaLine, DpaLineAkun, DpaVersion, Pendapatan, RealisasiAnggaran
from apps.organisations.models import Organisation
from apps.planning.models import (
    AspectScale,
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
from apps.realisations.models import AspectScore, Evidence, Realisation, ServiceScore

from .models import (
    FROZEN,
    FollowUp,
    NarrativeSection,
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
    period_quarter,
)

FROZEN_CODE = "frozen"
FROZEN_MESSAGE = _(
    "Data %(org)s tahun %(year)s s/d TW %(q)s sudah diajukan atau disetujui dan dikunci. "
    "Minta camat membuka kembali laporan (dengan alasan) untuk mengubahnya."
)
RENSTRA_FROZEN_MESSAGE = _(
    "%(renstra)s dipakai laporan %(org)s tahun %(year)s s/d TW %(q)s yang sudah diajukan atau disetujui, sehingga dikunci. "
    "Ubah lewat Renstra perubahan, atau minta camat membuka kembali laporan (dengan alasan)."
)
DPA_PINNED_MESSAGE = _(
    "%(version)s dipakai laporan %(org)s tahun %(year)s s/d TW %(q)s yang sudah diajukan atau disetujui, sehingga dikunci. "
    "Impor DPA/DPPA baru sebagai versi berikutnya, atau minta camat membuka kembali laporan (dengan alasan)."
)
PK_PINNED_MESSAGE = _(
    "%(version)s dipakai laporan %(org)s tahun %(year)s s/d TW %(q)s yang sudah diajukan atau disetujui, sehingga dikunci. "
    "Buat PK perubahan sebagai versi berikutnya, atau minta camat membuka kembali laporan (dengan alasan)."
)


_SUSPENDED: ContextVar[bool] = ContextVar("freeze_suspended", default=False)


@contextmanager
def suspended() -> Iterator[None]:
    """Lift the guard for the duration of a restore from backup (apps.tools.backup), which replaces an
    organisation-year as a whole, approved reports included; nothing else may use it."""
    token = _SUSPENDED.set(True)
    try:
        yield
    finally:
        _SUSPENDED.reset(token)


def is_frozen(exc: ValidationError) -> bool:
    """Whether a ValidationError is (or contains) a freeze refusal."""
    errors = exc.error_list if hasattr(exc, "error_list") else [e for es in exc.error_dict.values() for e in es]
    return any(getattr(e, "code", None) == FROZEN_CODE for e in errors)


def lock_reports(*, organisation_id: int, year: int | None = None) -> None:
    """Wait for a workflow transition of the organisation's reports (of ``year``, or of every year) and
    hold off the next until the caller's transaction ends, so that a check made after this sees the
    status in force (the transitions lock the report row). Rows are locked in primary-key order, so two
    writers cannot deadlock. The lower apps call it through ``apps.core.locks.lock_reports``."""
    reports = Report.objects.select_for_update(no_key=True).filter(organisation_id=organisation_id)
    if year is not None:
        reports = reports.filter(year=year)
    list(reports.order_by("pk").values_list("pk", flat=True))


def _organisation(organisation_id: int) -> Any:
    return Organisation.objects.filter(pk=organisation_id).first()


# --- Year-scoped ------------------------------------------------------------------------------------


def frozen_upto(organisation_id: int, year: int) -> int:
    """The last quarter of ``year`` covered by a submitted/approved report (0 when nothing is frozen)."""
    periods = Report.objects.filter(organisation_id=organisation_id, year=year, status__in=FROZEN).values_list("period", flat=True)
    return max((period_quarter(p) for p in periods), default=0)


def frozen_upto_of(statuses: Iterable[tuple[str, str]]) -> int:
    """:func:`frozen_upto` from the (period, status) of the year's reports already read (``Report.year_statuses``)."""
    return max((period_quarter(p) for p, status in statuses if status in FROZEN), default=0)


def assert_editable(organisation_id: int, year: int, quarter: int = 1) -> None:
    upto = frozen_upto(organisation_id, year)
    if upto and quarter <= upto:
        raise ValidationError(FROZEN_MESSAGE % {"org": _organisation(organisation_id), "year": year, "q": upto}, code=FROZEN_CODE)


def assert_evaluation_editable(organisation_id: int, year: int) -> None:
    """The SAKIP evaluation of ``year`` (its recommendations and tindak lanjut) is listed by the LKjIP of
    ``year``: it may not change while that LKjIP awaits the camat (diajukan). Once approved it goes on (the
    Inspektorat evaluates approved LKjIP, the kecamatan answers each recommendation: docs/domain.md section 8)
    and the approved document is sealed by its snapshot."""
    if Report.objects.filter(organisation_id=organisation_id, year=year, period=Period.ANNUAL, status=Status.SUBMITTED).exists():
        raise ValidationError(FROZEN_MESSAGE % {"org": _organisation(organisation_id), "year": year, "q": 4}, code=FROZEN_CODE)


def report_status(report_id: int) -> str | None:
    return Report.objects.filter(pk=report_id).values_list("status", flat=True).first()


# --- Renstra-wide -----------------------------------------------------------------------------------


def renstra_frozen_by(renstra_id: int) -> tuple[int, int, int] | None:
    """(organisation, year, quarter) of a frozen report that reads the Renstra (through the PK version it
    pinned, apps.reports.inputs), the latest one; None when no frozen report reads it."""
    reports = list(Report.objects.filter(organisation__renstras=renstra_id, status__in=FROZEN))
    if not reports:
        return None
    organisation_id = reports[0].organisation_id
    pks = PerjanjianKinerja.objects.filter(organisation_id=organisation_id, year__in={r.year for r in reports})
    renstra_of = {(year, number): renstra for year, number, renstra in pks.values_list("year", "version_number", "renstra_id")}
    hits = [(r.year, r.quarter) for r in reports if renstra_of.get((r.year, pinned_pk_version(r))) == renstra_id]
    return (organisation_id, *max(hits)) if hits else None


def assert_renstra_editable(renstra_id: int | None) -> None:
    if renstra_id is None:
        return
    hit = renstra_frozen_by(renstra_id)
    if hit is not None:
        organisation_id, year, quarter = hit
        renstra = Renstra.objects.filter(pk=renstra_id).first()
        raise ValidationError(
            RENSTRA_FROZEN_MESSAGE % {"renstra": renstra, "org": _organisation(organisation_id), "year": year, "q": quarter},
            code=FROZEN_CODE,
        )


# --- The DPA pinned at submission -------------------------------------------------------------------


def pinned_dpa_sequence(report: Report) -> int | None:
    """The DPA version a frozen report reads: the one pinned at its submission; for a report submitted
    before the pin existed, the last version imported before its last submission (None: no DPA then)."""
    if report.dpa_sequence:
        return report.dpa_sequence
    events = ReportEvent.objects.filter(report_id=report.pk, to_status=Status.SUBMITTED)
    submitted = events.order_by("-created_at").values_list("created_at", flat=True).first()
    if submitted is None:
        return None
    versions = DpaVersion.objects.filter(organisation_id=report.organisation_id, year=report.year, created_at__lte=submitted)
    return versions.order_by("-sequence").values_list("sequence", flat=True).first()


def pinning_report(organisation_id: int, year: int, sequence: int) -> Report | None:
    """A frozen report of the organisation-year that reads DPA version ``sequence``."""
    for report in Report.objects.filter(organisation_id=organisation_id, year=year, status__in=FROZEN).order_by("pk"):
        if pinned_dpa_sequence(report) == sequence:
            return report
    return None


def assert_dpa_editable(version: Any) -> None:
    """Rows of a DPA version pinned by a frozen report may not change (a new version may be imported)."""
    report = pinning_report(version.organisation_id, version.year, version.sequence)
    if report is not None:
        raise ValidationError(
            DPA_PINNED_MESSAGE
            % {"version": version, "org": _organisation(version.organisation_id), "year": version.year, "q": report.quarter},
            code=FROZEN_CODE,
        )


# --- The PK pinned at submission --------------------------------------------------------------------


def pinned_pk_version(report: Report) -> int | None:
    """The version_number of the PK a frozen report reads: the one pinned at its submission; for a report
    submitted before the pin existed, the latest version created before its last submission, else the
    latest (None: no PK)."""
    if report.pk_version_number is not None:
        return report.pk_version_number
    versions = PerjanjianKinerja.objects.filter(organisation_id=report.organisation_id, year=report.year).order_by("-version_number")
    events = ReportEvent.objects.filter(report_id=report.pk, to_status=Status.SUBMITTED)
    submitted = events.order_by("-created_at").values_list("created_at", flat=True).first()
    if submitted is not None:
        before = versions.filter(created_at__lte=submitted).values_list("version_number", flat=True).first()
        if before is not None:
            return before
    return versions.values_list("version_number", flat=True).first()


def pinned_pk(report: Report) -> Any:
    """The PK a frozen report reads (apps.reports.inputs): the pinned version, or the latest if it is gone."""
    versions = PerjanjianKinerja.objects.filter(organisation_id=report.organisation_id, year=report.year)
    version = pinned_pk_version(report)
    pinned = versions.filter(version_number=version).first() if version is not None else None
    return pinned or versions.order_by("-version_number").first()


def pk_pinning_report(organisation_id: int, year: int, version_number: int) -> Report | None:
    """The frozen report of the organisation-year (the latest quarter) that reads PK version ``version_number``."""
    reports = Report.objects.filter(organisation_id=organisation_id, year=year, status__in=FROZEN)
    hits = [r for r in reports if pinned_pk_version(r) == version_number]
    return max(hits, key=lambda r: r.quarter) if hits else None


def assert_pk_editable(agreement: Any) -> None:
    """A PK version (its row, items and program budgets) read by a frozen report may not change; a new
    version (PK perubahan) may be made, and stays editable until a report that reads it is submitted."""
    report = pk_pinning_report(agreement.organisation_id, agreement.year, agreement.version_number)
    if report is not None:
        raise ValidationError(
            PK_PINNED_MESSAGE
            % {"version": agreement, "org": _organisation(agreement.organisation_id), "year": agreement.year, "q": report.quarter},
            code=FROZEN_CODE,
        )


# --- The guard --------------------------------------------------------------------------------------


def _realisation(instance: Any) -> tuple[int, int, int]:
    return instance.indicator.organisation_id, instance.year, instance.quarter


def _existing(instance: Any) -> bool:
    return instance.pk is not None and not instance._state.adding


def _checks() -> dict[type, Callable[[Any], None]]:
    """Per model, the check of one row (raises the refusal)."""

    def narrative(n: Any) -> None:
        # The status in the database, not the instance's (possibly read before a submission).
        if report_status(n.report_id) in FROZEN:
            assert_editable(n.report.organisation_id, n.report.year, n.report.quarter)

    def renstra(r: Any) -> None:
        if _existing(r):  # a new version (Renstra perubahan) is not an edit of the frozen one
            assert_renstra_editable(r.pk)

    def dpa_version(v: Any) -> None:
        if _existing(v):  # a new version may be imported
            assert_dpa_editable(v)

    def node(n: Any) -> None:
        assert_renstra_editable(n.renstra_id)

    def evaluation(organisation_id: int, year: int) -> None:
        assert_evaluation_editable(organisation_id, year)

    return {
        Realisation: lambda r: assert_editable(*_realisation(r)),
        Evidence: lambda e: assert_editable(*_realisation(e.realisation)),
        ComparisonFigure: lambda c: assert_editable(c.indicator.organisation_id, c.year, 4),
        NarrativeSection: narrative,
        PerjanjianKinerja: assert_pk_editable,  # a new version (PK perubahan) is not pinned
        PKItem: lambda i: assert_pk_editable(i.agreement),
        PKProgramBudget: lambda b: assert_pk_editable(b.agreement),
        IndicatorTarget: lambda t: assert_editable(t.indicator.organisation_id, t.year, 1),
        RealisasiAnggaran: lambda b: assert_editable(b.organisation_id, b.year, b.quarter),
        Pendapatan: lambda p: assert_editable(p.organisation_id, p.year, p.quarter),
        SarprasItem: lambda i: assert_editable(i.organisation_id, i.year, 1),
        Penghargaan: lambda p: assert_editable(p.organisation_id, p.year, 1),
        DokumenAnggaran: lambda d: assert_editable(d.organisation_id, d.year, d.lock_quarter),
        BelanjaAkun: lambda a: assert_editable(a.dokumen.organisation_id, a.dokumen.year, a.dokumen.lock_quarter),
        ServiceScore: lambda s: assert_editable(s.indicator.organisation_id, s.year, 1),
        AspectScore: lambda s: assert_editable(s.aspect.indicator.organisation_id, s.year, 1),
        AspectScale: lambda a: assert_renstra_editable(a.indicator.renstra_id),
        IndicatorAspect: lambda a: assert_renstra_editable(a.indicator.renstra_id),
        Renstra: renstra,
        Tujuan: node,
        Sasaran: node,
        Program: node,
        Kegiatan: node,
        SubKegiatan: node,
        StrategiKebijakan: node,
        Indicator: node,
        DpaVersion: dpa_version,
        DpaLine: lambda line: assert_dpa_editable(line.version),
        DpaLineAkun: lambda akun: assert_dpa_editable(akun.line.version),
        SakipEvaluation: lambda e: evaluation(e.organisation_id, e.year),
        Recommendation: lambda r: evaluation(r.evaluation.organisation_id, r.evaluation.year),
        FollowUp: lambda f: evaluation(f.recommendation.evaluation.organisation_id, f.recommendation.evaluation.year),
        RbEvaluation: lambda e: evaluation(e.organisation_id, e.year),
        RbComponent: lambda c: evaluation(c.evaluation.organisation_id, c.evaluation.year),
    }


_CHECKS: dict[type, Callable[[Any], None]] = {}


def _check(instance: Any) -> None:
    if not _CHECKS:
        _CHECKS.update(_checks())
    _CHECKS[type(instance)](instance)


def _guard(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or _SUSPENDED.get():
        return  # loaddata of fixtures, restore of backups
    _check(instance)
    if kwargs.get("signal") is pre_save and _existing(instance):
        # The row as stored too: an edit may not move a frozen row out of its period (year, quarter, Renstra).
        stored = type(instance)._base_manager.filter(pk=instance.pk).first()
        if stored is not None:
            _check(stored)


def _guard_m2m(sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kwargs: Any) -> None:
    """Which sasaran a program serves (``Program.sasaran``, from either side): the report reads them
    through the programs of its Renstra, so the programs' Renstra decides."""
    if action not in ("pre_add", "pre_remove", "pre_clear") or _SUSPENDED.get():
        return
    if not reverse:  # program.sasaran.add/remove/clear/set
        assert_renstra_editable(instance.renstra_id)
        return
    programs = model._base_manager.filter(pk__in=pk_set) if pk_set else instance.programs.all()  # sasaran.programs...
    for renstra_id in sorted(set(programs.values_list("renstra_id", flat=True))):
        assert_renstra_editable(renstra_id)


def connect() -> None:
    for model in _checks():
        pre_save.connect(_guard, sender=model, dispatch_uid=f"freeze-save-{model.__name__}")
        pre_delete.connect(_guard, sender=model, dispatch_uid=f"freeze-delete-{model.__name__}")
    m2m_changed.connect(_guard_m2m, sender=Program.sasaran.through, dispatch_uid="freeze-m2m-program-sasaran")
