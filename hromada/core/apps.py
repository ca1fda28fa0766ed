from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hromada.core"
    verbose_name = _("Ядро")

    def ready(self) -> None:
        # Pillow's pixel limit holds for every image opened anywhere (Django's ImageField too),
        # not only after the first upload has imported the module that sets it.
        from hromada.core import (
            checks,  # noqa: F401 — registers the system checks
            registry,
            uploads,  # noqa: F401
        )

        # The site-wide search fans out to the apps' registered search providers.
        registry.register(registry.NavEntry("core.search", _("Пошук"), "search", order=5))
