"""The role check as a mixin with a declared ``required_roles`` attribute (convention 5).

Generic, at the ground: it asks only ``request.user.roles`` (a set of role names, given by
``accounts.User``), so any app may use it without importing accounts. Object-level scoping is done
by ``for_user`` querysets; this mixin only decides whether the user's role may use a view at all
(403 otherwise).
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
