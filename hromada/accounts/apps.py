from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hromada.accounts"
    verbose_name = _("Користувачі")

    def ready(self) -> None:
        # Imported for their side effect: registering system checks and audit receivers.
        from hromada.accounts import audit_signals, checks  # noqa: F401
