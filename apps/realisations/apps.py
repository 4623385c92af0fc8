from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RealisationsConfig(AppConfig):
    name = "apps.realisations"
    label = "realisations"
    verbose_name = _("Realisasi kinerja")
