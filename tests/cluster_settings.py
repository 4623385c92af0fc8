"""Settings of the two-node test (tests/test_two_nodes.py): production on loopback, without TLS.

Each gunicorn node and the rq worker run these, against the same PostgreSQL (the test database), Redis
(cache, sessions, queue) and S3 bucket (moto's server), all named by the environment the test sets.
Static files use the plain storage (no collectstatic manifest is built for a test).
"""

from __future__ import annotations

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TRUSTED_PROXY_COUNT", "0")

from lkjip.settings.production import *  # noqa: E402,F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": s3_storage(S3_BUCKET),  # noqa: F405 - the test names the bucket: the nodes share it
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
