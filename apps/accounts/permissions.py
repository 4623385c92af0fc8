"""Role checks as a mixin with a declared ``required_roles`` attribute (convention 5).

Object-level scoping is done by ``for_user`` querysets; this mixin only decides
whether the user's role may use a view at all (403 otherwise).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase


class RoleRequiredMixin(LoginRequiredMixin):
    """Login required, then at least one of ``required_roles`` (empty: any logged-in user)."""

    required_roles: ClassVar[tuple[str, ...]] = ()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.required_roles and not request.user.is_superuser and not (request.user.roles & set(self.required_roles)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def scoped_get(model: Any, user: Any, *, write: bool = False, queryset: Any = None, **lookup: Any) -> Any:
    """Fetch one object through ``for_user`` (404 outside the user's scope); with ``write``,
    also require ``editable_by`` (403 for a user who may see but not change it)."""
    from django.shortcuts import get_object_or_404

    qs = queryset if queryset is not None else model._default_manager.all()
    obj = get_object_or_404(qs.for_user(user), **lookup)
    if write and not model._default_manager.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


def can_edit(user: Any, obj: Any) -> bool:
    return type(obj)._default_manager.editable_by(user).filter(pk=obj.pk).exists()
