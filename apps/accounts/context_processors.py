"""Expose the user's roles to templates for navigation (never for permission checks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from .models import Notification


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": set(), "user_memberships": [], "unread_notifications": 0}
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {
        "user_roles": user.roles,
        "user_memberships": user.active_memberships(),
        "unread_notifications": unread,
        "current_year": timezone.localdate().year,
    }
