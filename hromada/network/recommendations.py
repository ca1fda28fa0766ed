"""What a maturity assessment recommends for a weak indicator beyond the practices base: offers
from providers registered here, by maturity theme. The network registers its hub services
(apps.py); another app — the academy with its courses — registers its own provider from its
AppConfig.ready() without the network importing it:

    from hromada.network import recommendations
    recommendations.register("academy", courses_for_themes)

A provider takes (network id, themes) and returns {theme: [Offer, ...]}; one query at most."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Offer:
    kind: str | Promise  # what it is, shown before the title: "послуга", "курс"
    title: str
    url: str


Provider = Callable[[int, Collection[str]], dict[str, list[Offer]]]
PROVIDERS: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Registering a key again replaces the earlier provider (ready() may run twice)."""
    PROVIDERS[key] = provider


def offers_for(network_id: int, themes: Collection[str]) -> dict[str, list[Offer]]:
    offers: dict[str, list[Offer]] = {theme: [] for theme in themes}
    for key in sorted(PROVIDERS):
        for theme, found in PROVIDERS[key](network_id, themes).items():
            offers.setdefault(theme, []).extend(found)
    return offers


def hub_services(network_id: int, themes: Collection[str]) -> dict[str, list[Offer]]:
    """The network's active services tagged with each theme, linked in its catalogue."""
    from django.utils.translation import gettext_lazy as _

    from hromada.network.selectors_services import services_for_themes

    return {
        theme: [
            Offer(
                _("послуга"),
                service.title,
                reverse("network:services", args=[service.network.slug]) + f"#service-{service.pk}",
            )
            for service in services
        ]
        for theme, services in services_for_themes(network_id, themes).items()
    }
