from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "hromada.communities"
    verbose_name = _("Громади")

    def ready(self) -> None:
        from hromada.communities import contributions
        from hromada.core import registry

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
