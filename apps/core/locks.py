"""The period lock, an interface at the ground (convention 16).

Whether a period is frozen (a submitted or approved report shows it) is the reports app's concept, but
the lower apps (planning, agreements, budgets, realisations) must ask it before they write. They ask
here; the reports app registers its implementation (apps.reports.freeze) at start-up, in
``ReportsConfig.ready()``, so no lower app imports reports. Each function delegates to the registered
implementation at call time; nothing registered is a configuration error, raised loudly.

Refusals are ``django.core.exceptions.ValidationError`` with code ``frozen`` (``is_frozen`` tells them
apart); ``lock_reports`` locks the organisation's report rows (``SELECT ... FOR NO KEY UPDATE``) until
the caller's transaction ends, so a submission cannot slip in between a check and a write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from django.core.exceptions import ValidationError

NOT_REGISTERED = (
    "No period lock is registered: apps.core.locks needs the implementation of the reports app "
    "(apps.reports.apps.ReportsConfig.ready registers apps.reports.freeze). Is apps.reports in INSTALLED_APPS?"
)


class PeriodLockNotRegistered(RuntimeError):
    """Raised when a lower app asks the period lock before the reports app registered it."""


class PeriodLock(Protocol):
    """What the lower apps may ask of the period lock (apps.reports.freeze implements it)."""

    def is_frozen(self, exc: ValidationError) -> bool: ...

    def lock_reports(self, *, organisation_id: int, year: int | None = None) -> None: ...

    def frozen_upto(self, organisation_id: int, year: int) -> int: ...

    def assert_editable(self, organisation_id: int, year: int, quarter: int = 1) -> None: ...

    def assert_renstra_editable(self, renstra_id: int | None) -> None: ...

    def assert_pk_editable(self, agreement: Any) -> None: ...


_lock: PeriodLock | None = None


def register_period_lock(lock: PeriodLock) -> None:
    """Install the implementation (the reports app calls this once, at start-up)."""
    global _lock
    _lock = lock


def _registered() -> PeriodLock:
    if _lock is None:
        raise PeriodLockNotRegistered(NOT_REGISTERED)
    return _lock


def is_frozen(exc: ValidationError) -> bool:
    """Whether a ValidationError is (or contains) a refusal of the period lock (code ``frozen``)."""
    return _registered().is_frozen(exc)


def lock_reports(*, organisation_id: int, year: int | None = None) -> None:
    """Lock the organisation's report rows (of ``year``, or of every year) in primary-key order until the
    caller's transaction ends: a workflow transition waits, and a check made after this sees the status in force."""
    _registered().lock_reports(organisation_id=organisation_id, year=year)


def frozen_upto(organisation_id: int, year: int) -> int:
    """The last quarter of ``year`` covered by a submitted or approved report (0 when nothing is frozen)."""
    return _registered().frozen_upto(organisation_id, year)


def assert_editable(organisation_id: int, year: int, quarter: int = 1) -> None:
    """Refuse (ValidationError, code ``frozen``) when ``quarter`` of ``year`` is frozen."""
    _registered().assert_editable(organisation_id, year, quarter)


def assert_renstra_editable(renstra_id: int | None) -> None:
    """Refuse (code ``frozen``) when a frozen report reads this Renstra (through the PK it pinned)."""
    _registered().assert_renstra_editable(renstra_id)


def assert_pk_editable(agreement: Any) -> None:
    """Refuse (code ``frozen``) when a frozen report reads this PK version."""
    _registered().assert_pk_editable(agreement)
