from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hromada.accounts"
    verbose_name = _("Користувачі")

    def ready(self) -> None:
        from hromada.accounts import checks  # noqa: F401  (registers the system checks)
