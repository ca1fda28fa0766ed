from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "hromada.network"
    verbose_name = _("Мережа громад")

    def ready(self) -> None:
        from hromada.core import registry
        from hromada.network import contributions, contributions_services, recommendations

        registry.register(
            registry.HomeBlock(
                "network", "network/home_block.html", contributions.home_context, order=30
            ),
            registry.NavEntry("network", _("Мережа"), "network:list", order=15),
            registry.DashboardSection(
                "network",
                "network/dashboard_section.html",
                contributions.dashboard_context,
                visible=contributions.dashboard_visible,
                order=30,
            ),
        )
        # A weak maturity indicator recommends the hub's services of its theme.
        recommendations.register("services", recommendations.hub_services)
        registry.register(
            registry.DashboardSection(
                "network_services",
                "network/services/dashboard_section.html",
                contributions_services.dashboard_context,
                visible=contributions_services.dashboard_visible,
                order=31,
            )
        )
