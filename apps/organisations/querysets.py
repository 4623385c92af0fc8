"""Per-user scoping of everything organisational (convention 3).

Operators and camat see their own kecamatan; inspektorat and admin see every
kecamatan of their pemda; superusers see everything. Every view fetches through
``for_user`` so that a forged URL to another kecamatan's object is a 404.

Organisations sits below accounts and imports nothing from it: the user's scope (which pemdas and
kecamatan their active memberships reach, in which role) comes from the user object through the
small ``ScopedUser`` protocol below, which ``accounts.User.organisation_scope()`` implements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class OrganisationScope:
    """What a user's active memberships reach, as lazy subqueries of ids (never evaluated here).

    ``pemdas``: every pemda of a membership; ``organisations``: every kecamatan of a membership;
    ``pemda_wide_pemdas``: pemdas where the user is inspektorat or admin; ``administered_pemdas``:
    pemdas where the user is admin; ``editable_organisations``: kecamatan where the user is operator."""

    pemdas: models.QuerySet[Any]
    organisations: models.QuerySet[Any]
    pemda_wide_pemdas: models.QuerySet[Any]
    administered_pemdas: models.QuerySet[Any]
    editable_organisations: models.QuerySet[Any]


class ScopedUser(Protocol):
    """The user as the organisational querysets see it."""

    @property
    def is_authenticated(self) -> bool: ...

    is_superuser: bool

    def organisation_scope(self) -> OrganisationScope: ...


def _related_model(model: Any, path: str) -> Any:
    """The model at the end of the relation ``path`` (``"report__organisation"``) from ``model``.

    The querysets reach Pemda and Organisation through their own model's relations, so this module
    needs no import of ``.models`` (which imports it)."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def visible_organisation_q(user: Any, prefix: str = "") -> Q:
    """Q object selecting organisations visible to ``user``; ``prefix`` is the path to the organisation."""
    scope = user.organisation_scope()
    return Q(**{f"{prefix}pk__in": scope.organisations}) | Q(**{f"{prefix}pemda__in": scope.pemda_wide_pemdas})


class PemdaQuerySet(models.QuerySet):
    def for_user(self, user: ScopedUser) -> PemdaQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=user.organisation_scope().pemdas)

    def administered_by(self, user: ScopedUser) -> PemdaQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=user.organisation_scope().administered_pemdas)

    def overseen_by(self, user: ScopedUser) -> PemdaQuerySet:
        """Pemdas whose every kecamatan ``user`` may see side by side: those where the user is
        inspektorat or admin. Being operator or camat of one kecamatan of a pemda is not enough,
        even for a user who holds a pemda-wide role in another pemda."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=user.organisation_scope().pemda_wide_pemdas)


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user: ScopedUser) -> OrganisationQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(visible_organisation_q(user))

    def editable_by(self, user: ScopedUser) -> OrganisationQuerySet:
        """Organisations whose performance data ``user`` may enter: the operator's own kecamatan."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=user.organisation_scope().editable_organisations)

    def administered_by(self, user: ScopedUser) -> OrganisationQuerySet:
        """Organisations whose master data ``user`` may change (admin of the pemda)."""
        pemda = _related_model(self.model, "pemda")
        return self.filter(pemda__in=pemda.objects.administered_by(user))


class OrganisationScopedQuerySet(models.QuerySet):
    """For models with an ``organisation`` foreign key (or ``organisation_lookup``)."""

    def _lookup(self) -> str:
        return getattr(self.model, "organisation_lookup", "organisation")

    def for_user(self, user: ScopedUser) -> OrganisationScopedQuerySet:
        organisation = _related_model(self.model, self._lookup())
        return self.filter(**{f"{self._lookup()}__in": organisation.objects.for_user(user)})

    def editable_by(self, user: ScopedUser) -> OrganisationScopedQuerySet:
        organisation = _related_model(self.model, self._lookup())
        return self.filter(**{f"{self._lookup()}__in": organisation.objects.editable_by(user)})

    def administered_by(self, user: ScopedUser) -> OrganisationScopedQuerySet:
        organisation = _related_model(self.model, self._lookup())
        return self.filter(**{f"{self._lookup()}__in": organisation.objects.administered_by(user)})


class PemdaScopedQuerySet(models.QuerySet):
    """For models attached to a pemda and optionally to an organisation (positions, officials)."""

    def _lookup(self) -> str:
        return getattr(self.model, "pemda_lookup", "pemda")

    def for_user(self, user: ScopedUser) -> PemdaScopedQuerySet:
        pemda = _related_model(self.model, self._lookup())
        return self.filter(**{f"{self._lookup()}__in": pemda.objects.for_user(user)})

    def administered_by(self, user: ScopedUser) -> PemdaScopedQuerySet:
        pemda = _related_model(self.model, self._lookup())
        return self.filter(**{f"{self._lookup()}__in": pemda.objects.administered_by(user)})


class PositionQuerySet(PemdaScopedQuerySet):
    """Pemda-level posts (Bupati, Inspektur) are visible pemda-wide; a kecamatan's posts only with the kecamatan."""

    def for_user(self, user: ScopedUser) -> PositionQuerySet:
        prefix = getattr(self.model, "position_lookup", "")
        pemda = _related_model(self.model, f"{prefix}pemda")
        organisation = _related_model(self.model, f"{prefix}organisation")
        return self.filter(
            Q(**{f"{prefix}organisation__isnull": True, f"{prefix}pemda__in": pemda.objects.for_user(user)})
            | Q(**{f"{prefix}organisation__in": organisation.objects.for_user(user)})
        )
