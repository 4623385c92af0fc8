"""Settings of the benchmarks that run in-process (bench/*.py): production, less what needs TLS.

Loopback has no TLS proxy, so secure-only cookies and the HTTPS redirect are off, and static
files are served by the plain storage so that no ``collectstatic`` manifest is needed. Everything
else (DEBUG off, templates cached, ATOMIC_REQUESTS, PBKDF2, WhiteNoise middleware) is production's.
The load test (bench/load_test.sh) runs gunicorn on ``lkjip.settings.production`` itself.
"""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lkjip_bench")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from lkjip.settings.production import *  # noqa: E402,F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": s3_storage(S3_BUCKET) if S3_BUCKET else {"BACKEND": "django.core.files.storage.FileSystemStorage"},  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise warns when STATIC_ROOT is missing; in-process benchmarks serve no static files.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

STATIC_ROOT = Path(tempfile.gettempdir()) / "lkjip-bench-static"
STATIC_ROOT.mkdir(exist_ok=True)
