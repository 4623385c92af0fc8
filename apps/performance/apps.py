from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_catalogue(sender: AppConfig, **kwargs: Any) -> None:
    """Keep the shipped catalogue scales in the database, as contenttypes does for its rows."""
    from .services import catalogue_sync  # inside: services import the models; apps.py loads before the registry is ready

    catalogue_sync()


class PerformanceConfig(AppConfig):
    name = "apps.performance"
    label = "performance"
    verbose_name = _("Pengukuran kinerja (skala predikat)")

    def ready(self) -> None:
        post_migrate.connect(_sync_catalogue, sender=self)
