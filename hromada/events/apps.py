from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "hromada.events"
    verbose_name = _("Події")

    def ready(self) -> None:
        from hromada.core import registry
        from hromada.events import contributions

        registry.register(
            registry.HomeBlock("events", "events/home_block.html", contributions.home, order=15),
            registry.NavEntry("events", _("Події"), "events:list", order=20),
            registry.DashboardSection(
                "events",
                "events/dashboard_section.html",
                contributions.dashboard,
                visible=contributions.is_organiser,
                order=30,
            ),
            registry.PagePanel(
                "events",
                "network.detail",
                "events/network_panel.html",
                contributions.network_panel,
                order=20,
            ),
            registry.SearchProvider("events", _("Події"), contributions.search_public, order=30),
        )
