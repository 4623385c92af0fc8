from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from .admin_scoping import PemdaScopedAdmin, ScopedInline
from .models import Membership, Role, User


class MembershipInline(ScopedInline):
    model = Membership
    fk_name = "user"
    fields = ["role", "pemda", "organisation", "is_active"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Superusers manage everyone; a pemda admin manages the users who hold roles in their pemda."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        pemdas = request.user.memberships.filter(role=Role.ADMIN, is_active=True).values("pemda")
        return qs.filter(memberships__pemda__in=pemdas, is_superuser=False).distinct()

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        # A pemda admin cannot grant superuser or Django permissions.
        return [fs for fs in fieldsets if fs[0] not in ("Permissions", "Hak akses")] + [(None, {"fields": ["is_active", "is_staff"]})]

    def _ok(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or (request.user.is_staff and Role.ADMIN in request.user.roles)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._ok(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._ok(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._ok(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._ok(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser


@admin.register(Membership)
class MembershipAdmin(PemdaScopedAdmin):
    list_display = ["user", "role", "pemda", "organisation", "is_active"]
    list_filter = ["role", "pemda"]
