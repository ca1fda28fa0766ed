from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "hromada.practices"
    verbose_name = _("База практик")

    def ready(self) -> None:
        from hromada.core import registry
        from hromada.practices import contributions

        registry.register(
            registry.HomeBlock(
                "practices", "practices/home_block.html", contributions.home_context, order=20
            ),
            registry.NavEntry("practices", _("Практики"), "practices:search", order=10),
            registry.SearchProvider(
                "practices",
                _("Практики"),
                contributions.search_public,
                order=20,
                more_url=contributions.full_search_url,
            ),
        )
