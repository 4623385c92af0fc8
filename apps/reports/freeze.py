"""Approved (or submitted) periods are read-only, whatever the route: form, admin or import.

The check is a model signal, so no code path can forget it; services also call
``assert_editable`` first to give the user the message before any work is done.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext_lazy as _

from .models import FROZEN, Report, period_quarter

FROZEN_MESSAGE = _(
    "Data %(org)s tahun %(year)s s/d TW %(q)s sudah diajukan atau disetujui dan dikunci. "
    "Minta camat membuka kembali laporan (dengan alasan) untuk mengubahnya."
)


_SUSPENDED: ContextVar[bool] = ContextVar("freeze_suspended", default=False)


@contextmanager
def suspended() -> Iterator[None]:
    """Lift the guard for the duration of a restore from backup (apps.core.backup), which replaces an
    organisation-year as a whole, approved reports included; nothing else may use it."""
    token = _SUSPENDED.set(True)
    try:
        yield
    finally:
        _SUSPENDED.reset(token)


def frozen_upto(organisation_id: int, year: int) -> int:
    """The last quarter of ``year`` covered by a submitted/approved report (0 when nothing is frozen)."""
    periods = Report.objects.filter(organisation_id=organisation_id, year=year, status__in=FROZEN).values_list("period", flat=True)
    return max((period_quarter(p) for p in periods), default=0)


def assert_editable(organisation_id: int, year: int, quarter: int = 1) -> None:
    upto = frozen_upto(organisation_id, year)
    if upto and quarter <= upto:
        from apps.organisations.models import Organisation

        org = Organisation.objects.filter(pk=organisation_id).first()
        raise ValidationError(FROZEN_MESSAGE % {"org": org, "year": year, "q": upto}, code="frozen")


def report_status(report_id: int) -> str | None:
    from .models import Report

    return Report.objects.filter(pk=report_id).values_list("status", flat=True).first()


def _realisation(instance: Any) -> tuple[int, int, int]:
    return instance.indicator.organisation_id, instance.year, instance.quarter


def _guard(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or _SUSPENDED.get():
        return  # loaddata of fixtures, restore of backups
    from apps.agreements.models import PerjanjianKinerja, PKItem, PKProgramBudget
    from apps.planning.models import ComparisonFigure
    from apps.realisations.models import Evidence, Realisation

    from .models import NarrativeSection

    if isinstance(instance, Realisation):
        assert_editable(*_realisation(instance))
    elif isinstance(instance, Evidence):
        assert_editable(*_realisation(instance.realisation))
    elif isinstance(instance, ComparisonFigure):
        assert_editable(instance.indicator.organisation_id, instance.year, 4)
    elif isinstance(instance, NarrativeSection):
        # The status in the database, not the instance's (possibly read before a submission).
        if report_status(instance.report_id) in FROZEN:
            assert_editable(instance.report.organisation_id, instance.report.year, instance.report.quarter)
    elif isinstance(instance, PerjanjianKinerja):
        if instance.pk:
            assert_editable(instance.organisation_id, instance.year, 1)
    elif isinstance(instance, PKItem | PKProgramBudget):
        assert_editable(instance.agreement.organisation_id, instance.agreement.year, 1)


def connect() -> None:
    from apps.agreements.models import PerjanjianKinerja, PKItem, PKProgramBudget
    from apps.planning.models import ComparisonFigure
    from apps.realisations.models import Evidence, Realisation

    from .models import NarrativeSection

    for model in (Realisation, Evidence, ComparisonFigure, NarrativeSection, PerjanjianKinerja, PKItem, PKProgramBudget):
        pre_save.connect(_guard, sender=model, dispatch_uid=f"freeze-save-{model.__name__}")
        pre_delete.connect(_guard, sender=model, dispatch_uid=f"freeze-delete-{model.__name__}")
