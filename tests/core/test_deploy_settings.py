"""Production settings pass ``manage.py check --deploy`` with no warning, and refuse to start without
a secret key (issue 10). Run in a subprocess: the test session itself uses the development settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The environment of a production server: not the test session's (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly reports).
    dropped = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "lkjip.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_no_warning():
    done = _manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="lkjip.example.go.id"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_a_weak_secret_key_is_reported():
    """The check itself is live: the same command with a short key fails (the test above can fail)."""
    done = _manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY="pendek", ALLOWED_HOSTS="lkjip.example.go.id")
    assert done.returncode != 0 and "security.W009" in done.stdout + done.stderr


def test_production_refuses_to_start_without_a_secret_key():
    done = _manage("check", ALLOWED_HOSTS="lkjip.example.go.id")
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_production_cookies_and_headers():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.X_FRAME_OPTIONS, s.DEBUG)"
    )
    done = _manage("shell", "--no-imports", "-c", code, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="lkjip.example.go.id")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "True", "True", "DENY", "False"]
