from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "hromada.communities"
    verbose_name = _("Громади")

    def ready(self) -> None:
        from hromada.communities.selectors import works_for_a_community
        from hromada.core import registry

        registry.register(
            registry.NavEntry(
                "communities.staff",
                _("Кабінет працівника"),
                "staff:dashboard",
                order=50,
                visible=lambda request: works_for_a_community(request.user),
            )
        )
