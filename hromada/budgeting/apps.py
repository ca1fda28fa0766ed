from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "hromada.budgeting"
    verbose_name = _("Бюджет участі")

    def ready(self) -> None:
        from hromada.budgeting import contributions
        from hromada.core import registry

        registry.register(
            registry.HomeBlock(
                "budgeting", "budgeting/home_block.html", contributions.home_context, order=10
            ),
            registry.DashboardSection(
                "budgeting.processes",
                "budgeting/dashboard_section.html",
                contributions.dashboard_context,
                visible=contributions.dashboard_visible,
                order=10,
            ),
            registry.NavEntry(
                "budgeting.mine",
                _("Моя участь"),
                "budgeting:my_participation",
                order=30,
                visible=lambda request: request.user.is_authenticated,
            ),
            registry.SearchProvider(
                "budgeting", _("Бюджети участі"), contributions.search_public, order=10
            ),
        )
