from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "hromada.communities"
    verbose_name = _("Громади")

    def ready(self) -> None:
        from allauth.mfa import signals as mfa_signals

        from hromada.communities import contributions
        from hromada.communities.rules import forget_totp
        from hromada.core import registry

        # The per-request TOTP answer (communities/rules.py) is dropped when TOTP changes.
        for signal in (
            mfa_signals.authenticator_added,
            mfa_signals.authenticator_removed,
            mfa_signals.authenticator_reset,
        ):
            signal.connect(forget_totp, dispatch_uid=f"forget_totp_{id(signal)}")

        registry.register(
            registry.NavEntry(
                "communities.staff",
                _("Кабінет працівника"),
                "staff:dashboard",
                order=50,
                visible=contributions.nav_visible,
            ),
            registry.DashboardSection(
                "communities.people",
                "communities/dashboard_section.html",
                contributions.dashboard_context,
                visible=contributions.dashboard_visible,
                order=10,
            ),
        )
