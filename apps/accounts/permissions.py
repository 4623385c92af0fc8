"""Permission helpers for views: the role mixin (from the kernel, ``apps.core.permissions``) and
object fetches through the scoped querysets.

Object-level scoping is done by ``for_user`` querysets; the mixin only decides
whether the user's role may use a view at all (403 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from apps.core.permissions import RoleRequiredMixin

__all__ = ["RoleRequiredMixin", "can_edit", "scoped_get"]


def scoped_get(model: Any, user: Any, *, write: bool = False, queryset: Any = None, **lookup: Any) -> Any:
    """Fetch one object through ``for_user`` (404 outside the user's scope); with ``write``,
    also require ``editable_by`` (403 for a user who may see but not change it)."""
    qs = queryset if queryset is not None else model._default_manager.all()
    obj = get_object_or_404(qs.for_user(user), **lookup)
    if write and not model._default_manager.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied(_("Anda dapat melihat data ini, tetapi tidak berhak mengubahnya dengan peran Anda."))
    return obj


def can_edit(user: Any, obj: Any) -> bool:
    """Whether ``user`` may enter performance data of ``obj``. For an organisation it is read from the user's
    memberships, read once per request (``User.active_memberships``; issue 21), by the rule of
    ``OrganisationQuerySet.editable_by``: an active operator membership of that kecamatan (or a superuser)."""
    if obj._meta.label == "organisations.Organisation" and hasattr(user, "active_memberships"):
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return any(m.role == "operator" and m.organisation_id == obj.pk for m in user.active_memberships())
    return bool(type(obj)._default_manager.editable_by(user).filter(pk=obj.pk).exists())
