from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hromada.accounts"
    verbose_name = _("Користувачі")

    def ready(self) -> None:
        # Imported for their side effect: registering system checks and audit receivers.
        from hromada.accounts import audit_signals, checks, contributions  # noqa: F401
        from hromada.core import registry

        registry.register(
            registry.NavEntry(
                "accounts.profile",
                _("Мій профіль"),
                "accounts:profile",
                order=90,
                visible=contributions.signed_in,
            ),
            registry.DashboardSection(
                "accounts.residents",
                "accounts/dashboard_section.html",
                contributions.dashboard_context,
                visible=contributions.dashboard_visible,
                order=20,
            ),
        )
