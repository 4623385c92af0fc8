"""Test settings: fast password hasher, in-memory e-mail, throttling kept on."""

from __future__ import annotations

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from .base import *  # noqa: E402,F403
from .base import BASE_DIR  # noqa: E402

# MD5 keeps factory users fast; PBKDF2 verifies the demo fixture's real hashes.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
ALLOWED_HOSTS = ["*"]
# Jobs run at once in the caller (apps.core.jobs); the tests of the queue and the worker switch to "rq".
JOBS_MODE = "inline"
