"""Django admin for the kabupaten admin role, scoped to the pemda they administer.

Admin-role users are staff without Django model permissions: these ModelAdmins grant them rights
on their own pemda's rows only, whatever a forged URL or POST says:

* lists, change, delete, history and revert pages go through the admin's queryset (``get_queryset``
  for reading, ``get_changeable_queryset`` for writing), checked again for the object at hand;
* every foreign-key and many-to-many choice is limited (``scoped_choices``): to ``administered_by``
  for pemda data, to ``managed_users`` for users, and to nothing for a relation nobody scoped (fail
  closed); the role choice never offers the admin role;
* changelist filters list only the related rows present in the admin's list;
* everything else in the admin (plans, realisations, DPA, login records, groups) is superuser-only.

Users: a pemda admin manages only accounts ALL of whose memberships lie in pemdas they administer,
that hold no admin role, are neither superuser nor staff and have no Django groups or permissions.
Admin accounts (a peer of the same pemda included) are the superuser's: a peer could otherwise set
the other's password and act under their name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.organisations.models import Pemda

from .models import Membership, Role, User

USER_NEEDS_MEMBERSHIP = _(
    "Pengguna harus memiliki setidaknya satu peran di pemda yang Anda kelola. Nonaktifkan pengguna bila ia tidak lagi bertugas."
)


def is_pemda_admin(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_staff and Role.ADMIN in user.roles)


def managed_users(user: Any) -> QuerySet[User]:
    """Accounts ``user`` may manage in Django admin (all of them for a superuser).

    A pemda admin manages a user who has at least one membership (active or not) in a pemda the
    admin administers and none elsewhere, holds no admin role, is neither superuser nor staff and
    has no Django group or permission: taking over such an account gives nothing the admin lacks."""
    if user.is_superuser:
        return User.objects.all()
    pemdas = Pemda.objects.administered_by(user)
    inside = Membership.objects.filter(pemda__in=pemdas).values("user")
    outside = Membership.objects.exclude(pemda__in=pemdas).values("user")
    admins = Membership.objects.filter(role=Role.ADMIN).values("user")
    grouped = User.groups.through.objects.values("user")
    permitted = User.user_permissions.through.objects.values("user")
    return (
        User.objects.filter(pk__in=inside, is_superuser=False, is_staff=False)
        .exclude(pk__in=outside)
        .exclude(pk__in=admins)
        .exclude(pk__in=grouped)
        .exclude(pk__in=permitted)
    )


def managed_memberships(user: Any) -> QuerySet[Membership]:
    """Membership rows ``user`` may change or delete: those of the users they manage."""
    if user.is_superuser:
        return Membership.objects.all()
    return Membership.objects.administered_by(user).filter(user__in=managed_users(user))  # type: ignore[attr-defined]


def scoped_choices(db_field: Any, request: HttpRequest) -> QuerySet[Any] | None:
    """The rows a relation field may point at for this request (None: no limit, superusers)."""
    if request.user.is_superuser:
        return None
    related = db_field.related_model
    if related is User:
        return managed_users(request.user)
    manager = related._default_manager
    if hasattr(manager, "administered_by"):
        return manager.administered_by(request.user)
    return manager.none()  # a relation nobody scoped offers nothing


class ScopedFormfieldsMixin:
    """Relation and role choices limited for everyone but superusers (admins and inlines)."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        choices = scoped_choices(db_field, request)
        if choices is not None:
            kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        choices = scoped_choices(db_field, request)
        if choices is not None:
            kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.model is Membership and db_field.name == "role" and not request.user.is_superuser:
            # Admins are appointed by the superuser.
            kwargs["choices"] = [("", "---------")] + [c for c in Role.choices if c[0] != Role.ADMIN]
        return super().formfield_for_choice_field(db_field, request, **kwargs)  # type: ignore[misc]


class PemdaScopedAdmin(ScopedFormfieldsMixin, SimpleHistoryAdmin):
    """A ModelAdmin whose queryset, object permissions and choices go through ``administered_by``."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.administered_by(request.user)  # type: ignore[attr-defined]

    def get_changeable_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """The rows the admin may change and delete (by default all those it sees)."""
        return self.get_queryset(request)

    @staticmethod
    def _has(rows: Callable[[], QuerySet[Any]], obj: Any) -> bool:
        return obj is None or obj.pk is None or rows().filter(pk=obj.pk).exists()

    def _allowed(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or is_pemda_admin(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if request.user.is_superuser:
            return True
        return self._allowed(request) and self._has(lambda: self.get_queryset(request), obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if request.user.is_superuser:
            return True
        return self._allowed(request) and self._has(lambda: self.get_changeable_queryset(request), obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def get_list_filter(self, request: HttpRequest) -> Any:
        """Relation filters list only the related rows of the admin's own list (RelatedOnly)."""
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        scoped = []
        for item in filters:
            if isinstance(item, str):
                try:
                    if get_fields_from_path(self.model, item)[-1].is_relation:
                        item = (item, admin.RelatedOnlyFieldListFilter)
                except FieldDoesNotExist:
                    pass
            scoped.append(item)
        return scoped

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None) -> HttpResponse:
        """simple_history's revert form saves on POST after checking only the right to view."""
        if request.method == "POST" and not request.user.is_superuser:
            try:
                obj = self.get_changeable_queryset(request).filter(pk=unquote(object_id)).first()
            except (ValueError, ValidationError):
                obj = None
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ScopedInline(ScopedFormfieldsMixin, admin.TabularInline):
    """An inline whose rows and rights follow its parent's (and its own ``administered_by``)."""

    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser or not hasattr(qs, "administered_by"):
            return qs
        return qs.administered_by(request.user)

    def _parent(self) -> Any:
        return self.admin_site._registry.get(self.parent_model)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if request.user.is_superuser:
            return True
        parent = self._parent()
        return is_pemda_admin(request) and parent is not None and (obj is None or parent.has_view_permission(request, obj))

    def _may_write(self, request: HttpRequest, obj: Any) -> bool:
        if request.user.is_superuser:
            return True
        parent = self._parent()
        return is_pemda_admin(request) and parent is not None and (obj is None or parent.has_change_permission(request, obj))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_write(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_write(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_write(request, obj)


class SuperuserOnlyMixin:
    """Every page of the ModelAdmin is for superusers (within what the admin itself allows, e.g.
    axes' records cannot be added); Django permissions grant a staff user nothing here."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser and super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser and super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return request.user.is_superuser and super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)  # type: ignore[misc]


def restrict_to_superusers(*models: Any) -> None:
    """Re-register third-party ModelAdmins (groups, login records) as superuser-only."""
    for model in models:
        current = admin.site._registry.get(model)
        if current is None or isinstance(current, SuperuserOnlyMixin):
            continue
        cls = type(current)
        admin.site.unregister(model)
        admin.site.register(model, type(f"SuperuserOnly{cls.__name__}", (SuperuserOnlyMixin, cls), {}))


def refuse_and_return(request: HttpRequest, message: Any, url: str) -> HttpResponse:
    messages.error(request, message)
    return HttpResponseRedirect(url)


def change_url(obj: Any) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
