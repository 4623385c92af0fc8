"""Home page per role and the health check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View
from django.views.decorators.http import require_GET

from apps.accounts.permissions import RoleRequiredMixin
from apps.accounts.selectors import home_sections


class HomeView(RoleRequiredMixin, View):
    """One page, one section per role the user holds: what is due, what awaits, which kecamatan."""

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        return render(request, "core/home.html", {"sections": home_sections(request.user, today), "today": today})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
