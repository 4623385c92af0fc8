from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from . import organisations_admin  # noqa: F401  (registers the organisational master data)
from .admin_scoping import (
    USER_NEEDS_MEMBERSHIP,
    PemdaScopedAdmin,
    ScopedFormfieldsMixin,
    ScopedInline,
    change_url,
    is_pemda_admin,
    managed_memberships,
    managed_users,
    refuse_and_return,
    restrict_to_superusers,
)
from .models import Membership, User

# Groups, Django permissions and the login records of the whole installation are the superuser's.
restrict_to_superusers(Group, AccessAttempt, AccessLog, AccessFailureLog)


class MembershipFormSet(BaseInlineFormSet):
    require_membership = False

    def clean(self) -> None:
        super().clean()
        if not self.require_membership or any(self.errors):
            return
        if not any(f.cleaned_data and not self._should_delete_form(f) for f in self.forms):
            raise ValidationError(USER_NEEDS_MEMBERSHIP)


class MembershipInline(ScopedInline):
    model = Membership
    fk_name = "user"
    formset = MembershipFormSet
    fields = ["role", "pemda", "organisation", "is_active"]

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        return 1 if obj is None and not request.user.is_superuser else 0

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        # A pemda admin's user keeps (or, new, gets in the same save) a role in the admin's pemda:
        # otherwise the account would fall out of the admin's reach.
        formset.require_membership = not request.user.is_superuser
        return formset


@admin.register(User)
class UserAdmin(ScopedFormfieldsMixin, BaseUserAdmin):
    """Superusers manage everyone; a pemda admin manages the users ``managed_users`` gives: name,
    e-mail, active flag, password and memberships; never superuser, staff, groups or permissions."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    pemda_admin_fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Data pribadi"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Status"), {"fields": ["is_active"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=managed_users(request.user).values("pk"))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)  # the add form asks only for username and password
        return self.pemda_admin_fieldsets

    def get_list_filter(self, request: HttpRequest) -> Any:
        return super().get_list_filter(request) if request.user.is_superuser else ["is_active"]

    def _in_scope(self, request: HttpRequest, obj: Any) -> bool:
        if request.user.is_superuser:
            return True
        return is_pemda_admin(request) and (obj is None or managed_users(request.user).filter(pk=obj.pk).exists())

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or is_pemda_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._in_scope(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser  # deactivate instead

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser and (obj.is_superuser or obj.is_staff):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The form and its inline cannot produce anything else; should they, the save is undone.
        if not self._in_scope(request, form.instance):
            raise PermissionDenied


@admin.register(Membership)
class MembershipAdmin(PemdaScopedAdmin):
    """A pemda admin sees every membership of its pemda and changes those of the users it manages."""

    list_display = ["user", "role", "pemda", "organisation", "is_active"]
    list_filter = ["role", "pemda"]

    def get_changeable_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return managed_memberships(request.user)

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)  # one by one, so that no user loses its last role
        return actions

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        if not request.user.is_superuser:
            obj = self.get_changeable_queryset(request).filter(pk=object_id).first() if object_id.isdigit() else None
            if obj is not None and not Membership.objects.filter(user_id=obj.user_id).exclude(pk=obj.pk).exists():
                return refuse_and_return(request, USER_NEEDS_MEMBERSHIP, change_url(obj))
        return super().delete_view(request, object_id, extra_context)
