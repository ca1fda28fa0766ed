from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    """The Academy of participation: a network's courses (lessons, live sessions, a final quiz
    or assignment) and their certificates. It plugs into the shared pages through the registry
    and into the maturity assessment's recommendations (network.recommendations)."""

    name = "hromada.academy"
    verbose_name = _("Академія участі")

    def ready(self) -> None:
        from hromada.academy import contributions
        from hromada.core import registry
        from hromada.network import recommendations

        registry.register(
            registry.HomeBlock(
                "academy", "academy/home_block.html", contributions.home_context, order=35
            ),
            registry.NavEntry("academy", _("Академія"), "academy:list", order=16),
            registry.DashboardSection(
                "academy",
                "academy/dashboard_section.html",
                contributions.dashboard_context,
                visible=contributions.dashboard_visible,
                order=35,
            ),
        )
        # A weak maturity indicator recommends the network's courses on its theme.
        recommendations.register("academy", contributions.courses_for_themes)
