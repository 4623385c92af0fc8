from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core import locks


class ReportsConfig(AppConfig):
    name = "apps.reports"
    label = "reports"
    verbose_name = _("Laporan (LKjIP dan triwulan)")

    def ready(self) -> None:
        from . import freeze, page_cache  # inside ready(): they import the models, not importable before the registry is ready

        freeze.connect()
        page_cache.connect()
        # The lower apps ask whether a period is frozen through apps.core.locks (convention 16).
        locks.register_period_lock(freeze)
