"""apps.core.locks: the period lock at the ground, filled in by the reports app at start-up (convention 16)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from apps.core import locks
from apps.reports import freeze


def test_the_reports_app_registers_its_freeze_at_start_up() -> None:
    assert locks._registered() is freeze


def test_nothing_registered_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locks, "_lock", None)
    with pytest.raises(locks.PeriodLockNotRegistered, match="apps.reports.freeze"):
        locks.frozen_upto(1, 2024)


def test_each_function_delegates_to_the_registered_lock_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, Any]] = []

    class Fake:
        def is_frozen(self, exc: ValidationError) -> bool:
            calls.append(("is_frozen", exc.code))
            return True

        def lock_reports(self, *, organisation_id: int, year: int | None = None) -> None:
            calls.append(("lock_reports", (organisation_id, year)))

        def frozen_upto(self, organisation_id: int, year: int) -> int:
            calls.append(("frozen_upto", (organisation_id, year)))
            return 3

        def assert_editable(self, organisation_id: int, year: int, quarter: int = 1) -> None:
            calls.append(("assert_editable", (organisation_id, year, quarter)))

        def assert_renstra_editable(self, renstra_id: int | None) -> None:
            calls.append(("assert_renstra_editable", renstra_id))

        def assert_pk_editable(self, agreement: Any) -> None:
            calls.append(("assert_pk_editable", agreement))

    monkeypatch.setattr(locks, "_lock", None)
    locks.register_period_lock(Fake())
    assert locks.is_frozen(ValidationError("x", code="frozen")) is True
    locks.lock_reports(organisation_id=7, year=2024)
    assert locks.frozen_upto(7, 2024) == 3
    locks.assert_editable(7, 2024, 2)
    locks.assert_renstra_editable(5)
    locks.assert_pk_editable("pk")
    assert calls == [
        ("is_frozen", "frozen"),
        ("lock_reports", (7, 2024)),
        ("frozen_upto", (7, 2024)),
        ("assert_editable", (7, 2024, 2)),
        ("assert_renstra_editable", 5),
        ("assert_pk_editable", "pk"),
    ]
