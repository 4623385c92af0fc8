"""Login throttling that works behind a reverse proxy (django-axes 8.3.1, settings in lkjip/settings/base.py).

Client address (``client_ip``, axes' ``AXES_CLIENT_IP_CALLABLE``): with ``TRUSTED_PROXY_COUNT`` = N
reverse proxies in front of gunicorn, each appending the address it saw to ``X-Forwarded-For``
(nginx: ``$proxy_add_x_forwarded_for``), the client is the N-th address from the right. Everything
left of it was sent by the client and is ignored, so a forged header cannot choose the address that
is counted. With N = 0 (no proxy) the header is ignored and ``REMOTE_ADDR`` is the client.

Limits, counted over failures younger than the cool-off (``AXES_COOLOFF_HOURS``, 30 minutes;
every further failure, refused ones included, keeps the count alive):

1. one username from one address: ``AXES_FAILURE_LIMIT`` (5) refuses that pair;
2. one address, any usernames: ``LOGIN_IP_FAILURE_LIMIT`` (30) refuses the address (password
   spraying). Higher than 1 because a whole kantor kecamatan may share one public address;
3. one username, any addresses: ``LOGIN_USERNAME_FAILURE_LIMIT`` (10) refuses the username
   (one account attacked from many addresses).

Limits 2 and 3 do not apply to a username at an address where it logged in successfully within
``LOGIN_KNOWN_ADDRESS_DAYS`` (axes' access log): an attacker who keeps failing against the camat's
username from elsewhere would otherwise keep the camat out for as long as the attack lasts. The
known address stays under limit 1. A successful login clears only its own pair's failures, never an
attacker's count on the same username or address.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core import checks
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the N-th entry from the right of X-Forwarded-For with N trusted proxies.

    A chain shorter than N (the request entered at an inner proxy) gives its left-most entry, which
    a trusted proxy wrote. An entry that is not an address (a misconfigured proxy) gives the
    connecting address, as does a request without the header.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    chain = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if not chain:
        return remote
    return _address(chain[-min(count, len(chain))]) or remote


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def is_known_address(username: str, ip_address: str | None) -> bool:
    """The username logged in successfully from this address within LOGIN_KNOWN_ADDRESS_DAYS."""
    since = timezone.now() - dt.timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(username=username, ip_address=ip_address, attempt_time__gte=since).exists()


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with the address-wide and username-wide limits of the module docstring.

    axes compares ``get_failures`` with ``AXES_FAILURE_LIMIT`` (the pair limit, limit 1); when limit
    2 or 3 refuses the attempt, ``get_failures`` reports the pair limit itself.
    """

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        pair = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if pair < limit and self._wide_limit_reached(request, credentials):
            return limit
        return pair

    def _wide_limit_reached(self, request: Any, credentials: dict[str, Any] | None) -> bool:
        username = get_client_username(request, credentials)
        ip_address = request.axes_ip_address
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        reached = _failures(recent.filter(ip_address=ip_address)) >= settings.LOGIN_IP_FAILURE_LIMIT or (
            bool(username) and _failures(recent.filter(username=username)) >= settings.LOGIN_USERNAME_FAILURE_LIMIT
        )
        return reached and not (username and is_known_address(username, ip_address))


@checks.register(checks.Tags.security)
def check_login_limits(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The address-wide and username-wide limits must be above the pair limit (a kantor shares one address)."""
    errors = []
    for name in ("LOGIN_IP_FAILURE_LIMIT", "LOGIN_USERNAME_FAILURE_LIMIT"):
        if getattr(settings, name) <= settings.AXES_FAILURE_LIMIT:
            errors.append(
                checks.Error(f"{name} must be greater than AXES_FAILURE_LIMIT ({settings.AXES_FAILURE_LIMIT}).", id="accounts.E001")
            )
    if getattr(settings, "TRUSTED_PROXY_COUNT", 0) < 0:
        errors.append(checks.Error("TRUSTED_PROXY_COUNT must be 0 or more.", id="accounts.E002"))
    return errors
