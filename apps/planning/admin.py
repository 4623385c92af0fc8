"""Plans are entered by operators in the app; the admin shows them read-only for support."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from apps.accounts.admin_scoping import SuperuserOnlyMixin
from apps.core import locks

from .models import ComparisonFigure, Indicator, IndicatorTarget, Kegiatan, Program, Renstra, Sasaran, SubKegiatan, Tujuan


class FreezeRefusalMixin:
    """A save or delete of data that a submitted or approved report shows is refused by the freeze's model
    signal (apps.reports.freeze, asked through apps.core.locks): the admin page says so (error message, back to the page) instead of
    answering with a server error; nothing is written."""

    def _unless_frozen(self, request: HttpRequest, view: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ValidationError as exc:
            if not locks.is_frozen(exc):
                raise
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._unless_frozen(request, super().changeform_view, *args, **kwargs)  # type: ignore[misc]

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._unless_frozen(request, super().delete_view, *args, **kwargs)  # type: ignore[misc]

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._unless_frozen(request, super().changelist_view, *args, **kwargs)  # type: ignore[misc]

    def history_form_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._unless_frozen(request, super().history_form_view, *args, **kwargs)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():  # a savepoint: a refused bulk delete leaves the request's transaction usable
            super().delete_queryset(request, queryset)  # type: ignore[misc]


class SuperuserOnlyAdmin(FreezeRefusalMixin, SuperuserOnlyMixin, SimpleHistoryAdmin):
    """Every page (list, add, change, delete, history, revert) is the superuser's, whatever Django
    permissions a staff user holds."""


for model in (Renstra, Tujuan, Sasaran, Program, Kegiatan, SubKegiatan, Indicator, IndicatorTarget, ComparisonFigure):
    admin.site.register(model, SuperuserOnlyAdmin)
