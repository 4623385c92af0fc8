"""Django admin for the kabupaten admin role, scoped to the pemda they administer.

Admin-role users are staff without Django model permissions: these ModelAdmins grant
them rights on their own pemda's rows only and restrict every foreign-key choice
to that pemda, so a forged POST cannot attach data to another pemda.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Role


def is_pemda_admin(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_staff and Role.ADMIN in user.roles)


class PemdaScopedAdmin(SimpleHistoryAdmin):
    """A ModelAdmin whose queryset and FK choices go through ``administered_by``."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.administered_by(request.user)  # type: ignore[attr-defined]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        manager = related._default_manager
        if not request.user.is_superuser and hasattr(manager, "administered_by"):
            kwargs["queryset"] = manager.administered_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or is_pemda_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser or is_pemda_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or is_pemda_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser or is_pemda_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser or is_pemda_admin(request)


class ScopedInline(admin.TabularInline):
    extra = 0

    def _ok(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or is_pemda_admin(request)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        manager = db_field.related_model._default_manager
        if not request.user.is_superuser and hasattr(manager, "administered_by"):
            kwargs["queryset"] = manager.administered_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._ok(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._ok(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._ok(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._ok(request)
