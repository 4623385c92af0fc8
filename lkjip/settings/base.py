"""Settings shared by every environment, read from the environment (django-environ).

`DATABASE_URL` defaults to an SQLite file under the git-ignored `var/` so that a
first run needs nothing; production and CI point it at PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") if DEBUG else env.str("SECRET_KEY")
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 - only with DEBUG on
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "axes",
    "simple_history",
    "django_rq",
    "apps.core",
    "apps.accounts",
    "apps.organisations",
    "apps.performance",
    "apps.planning",
    "apps.agreements",
    "apps.realisations",
    "apps.budgets",
    "apps.reports",
    "apps.tools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "apps.core.middleware.IgnoreAcceptLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes must be last: it throttles failed logins per username and IP.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lkjip.urls"
WSGI_APPLICATION = "lkjip.wsgi.application"
ASGI_APPLICATION = "lkjip.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.accounts.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'lkjip.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Content Security Policy (django-csp): no inline or foreign scripts; inline styles are allowed for the
# colour swatches of predikat and the report's inline SVG charts; images may be data: URIs (QR, logo).
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Login throttling (django-axes with apps/accounts/throttling.py; docs/deploy.md, "Login throttling").
# Within the cool-off (30 minutes): 5 failures of one username from one address refuse that pair;
# 30 from one address (any usernames: password spraying; a kantor may share one address) refuse the
# address; 10 for one username (any addresses) refuse the username; the last two spare a username at
# an address where it logged in within LOGIN_KNOWN_ADDRESS_DAYS.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=30)
LOGIN_USERNAME_FAILURE_LIMIT = env.int("LOGIN_USERNAME_FAILURE_LIMIT", default=10)
LOGIN_KNOWN_ADDRESS_DAYS = env.int("LOGIN_KNOWN_ADDRESS_DAYS", default=90)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "apps.accounts.throttling.LoginThrottleHandler"
# The client address: the TRUSTED_PROXY_COUNT-th entry from the right of X-Forwarded-For (0: REMOTE_ADDR).
AXES_CLIENT_IP_CALLABLE = "apps.accounts.throttling.client_ip"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Internationalisation: Indonesian first, English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Figures are formatted by the angka/rupiah/persen filters (apps.core.templatetags.lkjip); plain
# integers such as years must not become "2.024".
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["lkjip.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media (evidence, logos, approved PDFs, render jobs) on an S3-compatible bucket when one is named (issue 21:
# any number of web nodes and workers share it; MinIO in docker-compose, moto's server in the tests), else
# the local folder MEDIA_ROOT (the embedded first run). Files are private: read only through the app's views.
S3_BUCKET = env.str("S3_BUCKET", default="")


def s3_storage(bucket: str) -> dict[str, object]:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket, "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY", default="") or None, "secret_key": env.str("S3_SECRET_KEY", default="") or None,
            "region_name": env.str("S3_REGION", default="us-east-1"), "default_acl": "private", "file_overwrite": False,
            "querystring_auth": True, "addressing_style": "path", "signature_version": "s3v4",
        },
    }  # fmt: skip


if S3_BUCKET:
    STORAGES["default"] = s3_storage(S3_BUCKET)

# Public address printed in approved PDFs (verification QR code).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="LKjIP <noreply@localhost>")

# Uploads: a logo is small; evidence limits live with the realisations app.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
LOGO_MAX_BYTES = 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every layout step at INFO and warns about SVG style attributes it handles anyway.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "weasyprint.progress": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "matplotlib": {"level": "WARNING"},
    },
}


# Background jobs (issue 21: no PDF is rendered inside a request). apps.core.jobs runs them:
#   "rq":     on the Redis queue, for `manage.py rqworker default` (production, docker-compose; set by REDIS_URL);
#   "thread": after the commit, in a thread of the web process (the embedded default of `make run`, no Redis);
#   "inline": at once, in the caller (the test settings; tests of the queue switch to "rq").
REDIS_URL = env.str("REDIS_URL", default="")
JOBS_MODE = env.str("JOBS_MODE", default="rq" if REDIS_URL else "thread")
# No queue dashboard in the Django admin: its admins are a kabupaten's, a queue serves every kabupaten
# (operators use `manage.py approvals` and `rqinfo` on the server).
RQ_SHOW_ADMIN_LINK = False
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 900}}
# With Redis, the cache and the sessions are shared by every web node (sessions also kept in the database,
# so a Redis restart logs nobody out); without it, the local-memory cache and database sessions of one process.
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "lkjip"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
