"""Concurrency of the freeze's new guards on PostgreSQL (issue 15, finding 2): an edit of the Renstra, a
target, the realisasi anggaran or the PK racing a submission must land before the submission or be refused;
never after it. The worst interleaving is forced: the edit has passed every freeze check (the service's
and the model signal's) and pauses just before its row is written, while the submission runs.

Without the report-row lock the edits take first (``freeze.lock_reports``), the submission completes
during the pause and the edit is written into a submitted period.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.budgets import services as budgets
from apps.budgets.models import RealisasiAnggaran
from apps.budgets.selectors import grid_stamp
from apps.planning import services as planning
from apps.planning.models import IndicatorTarget, Tujuan
from apps.reports.models import Report, ReportEvent, Status
from tests.budgets.workbooks import small_dpa
from tests.test_concurrency import S1, collide, fresh

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent writers need PostgreSQL"),
]


@pytest.fixture
def report(plan, world, settings, tmp_path) -> Report:
    """A consistent year 2024 and its annual report (draft), as in tests/test_concurrency.py."""
    from apps.realisations.models import Realisation

    settings.MEDIA_ROOT = tmp_path
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"))
    for q in (1, 2, 3, 4):
        Realisation.objects.create(indicator=plan.laporan, year=2024, quarter=q, value=Decimal(3))
    return Report.objects.create(organisation=world.own, year=2024, period="annual")


def _pause_before_write(monkeypatch: Any, model: Any, reached: threading.Event, release: threading.Event) -> None:
    """In the thread called "edit", a save of ``model`` runs its checks (pre_save signal included), then
    waits before writing its row until ``release`` (at most 3 s)."""
    original = model._save_table

    def paused(self: Any, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == "edit" and isinstance(self, model):
            reached.set()
            release.wait(timeout=3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(model, "_save_table", paused)


def _race(report: Report, user: Any, model: Any, edit: Callable[[], Any], monkeypatch: Any) -> Any:
    reached, submitted = threading.Event(), threading.Event()
    _pause_before_write(monkeypatch, model, reached, submitted)

    def submit() -> Any:
        from apps.reports import workflow

        reached.wait(timeout=10)
        try:
            return workflow.report_submit(report=Report.objects.get(pk=report.pk), user=fresh(user))
        finally:
            submitted.set()

    outcomes = collide(submit=submit, edit=edit)
    assert outcomes["submit"].ok, outcomes
    event = ReportEvent.objects.filter(report=report, to_status=Status.SUBMITTED).latest("created_at", "pk")
    if not outcomes["edit"].ok:
        error = outcomes["edit"].error
        assert isinstance(error, ValidationError) and error.code == "frozen" and "dikunci" in error.messages[0], outcomes
    late = model.history.filter(history_date__gt=event.created_at)
    assert not late.exists(), f"{model.__name__} changed after the report was submitted"
    return outcomes["edit"]


def test_a_renstra_node_edit_never_lands_after_the_submission(world, plan, report, monkeypatch):

    def edit() -> Any:
        node = Tujuan.objects.get(pk=plan.tujuan.pk)
        node.text = "Tujuan diubah"
        return planning.plan_node_save(node=node)

    _race(report, world.operator, Tujuan, edit, monkeypatch)


def test_a_target_edit_never_lands_after_the_submission(world, plan, report, monkeypatch):

    def edit() -> Any:
        from apps.planning.models import Indicator

        return planning.indicator_save(indicator=Indicator.objects.get(pk=plan.akip.pk), targets={2024: (Decimal(74), None)})

    _race(report, world.operator, IndicatorTarget, edit, monkeypatch)


def test_a_realisasi_anggaran_save_never_lands_after_the_submission(world, plan, report, monkeypatch):
    budgets.dpa_import(organisation=world.own, year=2024, data=small_dpa(1_000_000, 500_000), source_name="dpa.xlsx")

    def edit() -> Any:
        return budgets.realisasi_save(
            organisation=world.own, year=2024, quarter=4, values={S1: Decimal(250_000)},
            stamp=grid_stamp(organisation=world.own, year=2024), user=fresh(world.operator),
        )  # fmt: skip

    outcome = _race(report, world.operator, RealisasiAnggaran, edit, monkeypatch)
    assert RealisasiAnggaran.objects.filter(code=S1, quarter=4).exists() == outcome.ok


def test_a_pk_item_edit_never_lands_after_the_submission(world, plan, report, monkeypatch):
    """The submission pins the PK version it reads; an edit of that version racing it lands before or is refused."""
    from apps.agreements.models import PerjanjianKinerja, PKItem
    from apps.agreements.services import pk_update

    def edit() -> Any:
        agreement = PerjanjianKinerja.objects.get(pk=plan.agreement.pk)
        item = agreement.items.select_related("indicator").get(indicator=plan.laporan)
        item.tw2 = Decimal(6)
        return pk_update(agreement=agreement, items=[item], budgets={})

    _race(report, world.operator, PKItem, edit, monkeypatch)
