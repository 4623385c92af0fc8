"""In-app notifications and e-mail (Django's e-mail backend) when something awaits someone."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)


def notify(users: list[Any], text: str, obj: Any = None) -> None:
    """Record a notification for each user and e-mail those with an address, after the transaction commits."""
    url = obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else ""
    unique = {u.pk: u for u in users}.values()
    Notification.objects.bulk_create([Notification(user=u, text=text[:500], url=url) for u in unique])
    messages = [("LKjIP: " + text[:80], f"{text}\n\n{url}", settings.DEFAULT_FROM_EMAIL, [u.email]) for u in unique if u.email]

    def send() -> None:
        try:
            send_mass_mail(messages, fail_silently=False)
        except Exception:  # noqa: BLE001 - a mail server outage must not undo a workflow step
            logger.exception("notifikasi e-mail gagal dikirim")

    if messages:
        transaction.on_commit(send)


def notifications_mark_read(*, user: Any, notification: Any = None) -> int:
    """Mark the user's unread notifications read: the one given, or all. Never another user's."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())
