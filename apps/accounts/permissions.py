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
    return type(obj)._default_manager.editable_by(user).filter(pk=obj.pk).exists()
