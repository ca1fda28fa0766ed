"""A maturity assessment's weak indicators recommend the hub's services of the same theme, and
any offers another app registers (the academy's courses) through network.recommendations."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import pytest
from django.test import Client

from hromada.network import actions_services as services
from hromada.network import recommendations
from hromada.network.models_maturity import Indicator
from tests.network.conftest import World
from tests.network.test_maturity import _assess, framework  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_provider() -> Iterator[None]:
    def courses(network_id: int, themes: Collection[str]) -> dict[str, list[Any]]:
        return {"gender": [recommendations.Offer("курс", "Гендерний бюджет", "/academy/1/")]}

    recommendations.register("test-courses", courses)
    yield
    recommendations.PROVIDERS.pop("test-courses")


def test_weak_indicators_recommend_services_of_their_theme(
    world: World,
    framework: list[Indicator],  # noqa: F811
    course_provider: None,
    django_assert_max_num_queries: Any,
) -> None:
    gender = services.save_service(
        world.team,
        world.network,
        services.ServiceData("Гендерний аудит бюджету", themes=["gender"]),
    )
    services.save_service(
        world.team, world.network, services.ServiceData("Фінансовий аналіз", themes=["finance"])
    )
    retired = services.ServiceData("Старий семінар", themes=["gender"], active=False)
    services.save_service(world.team, world.network, retired)
    weak_in_gender = _assess(
        world, world.community, world.applicant, lambda i: 0 if i.theme == "gender" else i.max_level
    )
    client = Client()
    client.force_login(world.applicant)
    with django_assert_max_num_queries(27):
        page = client.get(f"/network/maturity/{weak_in_gender.pk}/").content.decode()
    recommended = page[page.index('id="recommendations"') :]
    assert f'/network/{world.network.slug}/services/#service-{gender.pk}"' in recommended
    assert "Послуга: Гендерний аудит бюджету" in recommended
    assert "Фінансовий аналіз" not in recommended and "Старий семінар" not in recommended
    assert "Курс: Гендерний бюджет" in recommended
