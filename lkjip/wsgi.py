"""WSGI entry point (gunicorn lkjip.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkjip.settings.production")
application = get_wsgi_application()
