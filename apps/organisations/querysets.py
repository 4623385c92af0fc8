"""Per-user scoping of everything organisational (convention 3).

Operators and camat see their own kecamatan; inspektorat and admin see every
kecamatan of their pemda; superusers see everything. Every view fetches through
``for_user`` so that a forged URL to another kecamatan's object is a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from apps.accounts.models import User


def _memberships(user: Any) -> models.QuerySet[Any]:
    from apps.accounts.models import Membership

    return Membership.objects.filter(user=user, is_active=True)


def visible_organisation_q(user: Any, prefix: str = "") -> Q:
    """Q object selecting organisations visible to ``user``; ``prefix`` is the path to the organisation."""
    from apps.accounts.models import Role

    ms = _memberships(user)
    own = ms.filter(organisation__isnull=False).values("organisation")
    pemda_wide = ms.filter(role__in=Role.pemda_wide()).values("pemda")
    return Q(**{f"{prefix}pk__in": own}) | Q(**{f"{prefix}pemda__in": pemda_wide})


class PemdaQuerySet(models.QuerySet):
    def for_user(self, user: User) -> PemdaQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=_memberships(user).values("pemda"))

    def administered_by(self, user: User) -> PemdaQuerySet:
        from apps.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=_memberships(user).filter(role=Role.ADMIN).values("pemda"))

    def overseen_by(self, user: User) -> PemdaQuerySet:
        """Pemdas whose every kecamatan ``user`` may see side by side: those where the user is
        inspektorat or admin. Being operator or camat of one kecamatan of a pemda is not enough,
        even for a user who holds a pemda-wide role in another pemda."""
        from apps.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=_memberships(user).filter(role__in=Role.pemda_wide()).values("pemda"))


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user: User) -> OrganisationQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(visible_organisation_q(user))

    def editable_by(self, user: User) -> OrganisationQuerySet:
        """Organisations whose performance data ``user`` may enter: the operator's own kecamatan."""
        from apps.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = _memberships(user).filter(role=Role.OPERATOR).values("organisation")
        return self.filter(pk__in=own)

    def administered_by(self, user: User) -> OrganisationQuerySet:
        """Organisations whose master data ``user`` may change (admin of the pemda)."""
        from .models import Pemda

        return self.filter(pemda__in=Pemda.objects.administered_by(user))


class OrganisationScopedQuerySet(models.QuerySet):
    """For models with an ``organisation`` foreign key (or ``organisation_lookup``)."""

    def _lookup(self) -> str:
        return getattr(self.model, "organisation_lookup", "organisation")

    def for_user(self, user: User) -> OrganisationScopedQuerySet:
        from .models import Organisation

        return self.filter(**{f"{self._lookup()}__in": Organisation.objects.for_user(user)})

    def editable_by(self, user: User) -> OrganisationScopedQuerySet:
        from .models import Organisation

        return self.filter(**{f"{self._lookup()}__in": Organisation.objects.editable_by(user)})

    def administered_by(self, user: User) -> OrganisationScopedQuerySet:
        from .models import Organisation

        return self.filter(**{f"{self._lookup()}__in": Organisation.objects.administered_by(user)})


class PemdaScopedQuerySet(models.QuerySet):
    """For models attached to a pemda and optionally to an organisation (positions, officials)."""

    def _lookup(self) -> str:
        return getattr(self.model, "pemda_lookup", "pemda")

    def for_user(self, user: User) -> PemdaScopedQuerySet:
        from .models import Pemda

        return self.filter(**{f"{self._lookup()}__in": Pemda.objects.for_user(user)})

    def administered_by(self, user: User) -> PemdaScopedQuerySet:
        from .models import Pemda

        return self.filter(**{f"{self._lookup()}__in": Pemda.objects.administered_by(user)})


class PositionQuerySet(PemdaScopedQuerySet):
    """Pemda-level posts (Bupati, Inspektur) are visible pemda-wide; a kecamatan's posts only with the kecamatan."""

    def for_user(self, user: User) -> PositionQuerySet:
        from .models import Organisation, Pemda

        prefix = getattr(self.model, "position_lookup", "")
        return self.filter(
            Q(**{f"{prefix}organisation__isnull": True, f"{prefix}pemda__in": Pemda.objects.for_user(user)})
            | Q(**{f"{prefix}organisation__in": Organisation.objects.for_user(user)})
        )
