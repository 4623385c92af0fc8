from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Pengguna dan peran")

    def ready(self) -> None:
        from . import throttling  # noqa: F401 - inside ready(): registers the login-limit check once the registry is ready
