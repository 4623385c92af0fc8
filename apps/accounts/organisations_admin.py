"""Django admin of the organisational master data (pemda, kecamatan, units, officials), scoped to
the pemda a kabupaten admin administers.

It lives in accounts, not in organisations: who may change which rows follows from the users'
memberships (``admin_scoping``), and organisations sits below accounts and imports nothing from it.
Registered when ``accounts.admin`` is loaded; the admin URLs keep the models' app label
(``admin:organisations_...``).
"""

from __future__ import annotations

from django.contrib import admin

from apps.organisations.models import (
    Appointment,
    Desa,
    Official,
    Organisation,
    Pemda,
    Position,
    StaffComposition,
    StaffCount,
    StaffEselonCount,
    StaffPost,
    StaffUnitCount,
    Unit,
)

from .admin_scoping import PemdaScopedAdmin, ScopedInline


class UnitInline(ScopedInline):
    model = Unit
    fields = ["order", "kind", "name", "parent"]


class DesaInline(ScopedInline):
    model = Desa
    fields = ["kind", "name", "code"]


class AppointmentInline(ScopedInline):
    model = Appointment
    fields = ["official", "status", "sk_number", "sk_date", "start_date", "end_date"]


class StaffCountInline(ScopedInline):
    model = StaffCount
    fields = ["golongan", "pendidikan", "jabatan", "male", "female"]


class StaffEselonCountInline(ScopedInline):
    """Structural officials by eselon (seed 004 Tabel 1.2): a part of the staff above, counted again by eselon."""

    model = StaffEselonCount
    fields = ["eselon", "pendidikan", "male", "female"]


class StaffUnitCountInline(ScopedInline):
    """The same staff per unit and per desa/kelurahan, ASN or non-ASN, by pendidikan and sex (issue 19)."""

    model = StaffUnitCount
    fields = ["unit", "desa", "status", "pendidikan", "male", "female"]


class StaffPostInline(ScopedInline):
    """Formasi (kebutuhan) and terisi per jabatan and unit: the report prints the vacant posts (issue 19)."""

    model = StaffPost
    fields = ["unit", "jabatan", "formasi", "terisi"]


@admin.register(Pemda)
class PemdaAdmin(PemdaScopedAdmin):
    list_display = ["display_name", "province", "code"]
    search_fields = ["name"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser


@admin.register(Organisation)
class OrganisationAdmin(PemdaScopedAdmin):
    list_display = ["display_name", "pemda", "slug", "signing_place"]
    list_filter = ["pemda"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline, DesaInline]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Deleting a kecamatan deletes its reports, snapshots and history (rows no admin page asks about).
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(PemdaScopedAdmin):
    list_display = ["name", "kind", "organisation", "parent", "order"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name"]


@admin.register(Desa)
class DesaAdmin(PemdaScopedAdmin):
    list_display = ["name", "kind", "organisation", "code"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name"]


@admin.register(Position)
class PositionAdmin(PemdaScopedAdmin):
    list_display = ["title", "kind", "organisation", "unit", "eselon"]
    list_filter = ["kind", "pemda", "organisation"]
    search_fields = ["title"]
    inlines = [AppointmentInline]


@admin.register(Official)
class OfficialAdmin(PemdaScopedAdmin):
    list_display = ["name", "nip_display", "pangkat", "golongan", "pemda"]
    search_fields = ["name", "nip"]
    list_filter = ["pemda", "golongan"]


@admin.register(Appointment)
class AppointmentAdmin(PemdaScopedAdmin):
    list_display = ["position", "official", "status", "start_date", "end_date", "sk_number"]
    list_filter = ["status", "position__organisation"]
    date_hierarchy = "start_date"


@admin.register(StaffComposition)
class StaffCompositionAdmin(PemdaScopedAdmin):
    list_display = ["organisation", "as_of", "source"]
    list_filter = ["organisation"]
    inlines = [StaffCountInline, StaffEselonCountInline, StaffUnitCountInline, StaffPostInline]
