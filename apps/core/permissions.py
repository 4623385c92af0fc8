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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: The roles' names as a refusal page states them (the role codes of accounts.Role; the kernel does not import it).
ROLE_NAMES = {"operator": gettext_lazy("operator kecamatan"), "camat": gettext_lazy("camat"),
              "inspektorat": gettext_lazy("Inspektorat"), "admin": gettext_lazy("admin kabupaten")}  # fmt: skip


def role_refusal(required: tuple[str, ...]) -> str:
    """Why a page is refused, naming who may use it: "Halaman ini hanya untuk camat atau admin kabupaten."."""
    names = [str(ROLE_NAMES.get(r, r)) for r in required]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " " + _("atau") + " " + names[-1]
    return _("Halaman ini hanya untuk %(roles)s.") % {"roles": listed}


class RoleRequiredMixin(LoginRequiredMixin):
    """Login required, then at least one of ``required_roles`` (empty: any logged-in user)."""

    required_roles: ClassVar[tuple[str, ...]] = ()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.required_roles and not request.user.is_superuser and not (request.user.roles & set(self.required_roles)):
            raise PermissionDenied(role_refusal(self.required_roles))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
