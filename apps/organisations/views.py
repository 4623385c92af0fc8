"""Organisation pages: thin views over scoped selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from apps.core.media import read_logo
from apps.core.permissions import RoleRequiredMixin

from .audit import audit_trail
from .models import Organisation
from .selectors import organisation_list, organisation_profile


class OrganisationListView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "organisations/list.html", {"organisations": organisation_list(user=request.user)})


class OrganisationDetailView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation.objects.for_user(request.user).select_related("pemda"), pk=pk)
        profile = organisation_profile(organisation=organisation, day=timezone.localdate())
        return render(request, "organisations/detail.html", {"profile": profile, "organisation": organisation})


class AuditView(RoleRequiredMixin, View):
    """Who changed what and when (camat, Inspektorat and admin)."""

    required_roles = ("camat", "inspektorat", "admin")

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation.objects.for_user(request.user).select_related("pemda"), pk=pk)
        # The role must hold for this kecamatan: the operator of one kecamatan who is camat of another
        # does not read his own kecamatan's audit trail.
        if not request.user.is_superuser and not any(request.user.has_role(r, organisation) for r in self.required_roles):
            raise PermissionDenied
        return render(request, "organisations/audit.html", {"organisation": organisation, "rows": audit_trail(organisation=organisation)})


@login_required
def logo_file(request: HttpRequest, path: str) -> HttpResponse:
    """A pemda or kecamatan logo under ``logos/`` of the media storage (the only media served as a file, to
    logged-in users); any name that leaves that folder is 404, like a missing file (apps.core.media)."""
    found = read_logo(f"logos/{path}")
    if found is None:
        raise Http404
    body, content_type = found
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"  # an SVG runs no script
    return response
