"""The maturity assessment: scoring worked by hand and by property, the self-assessment and the
expert's validation, who sees what, peers' medians, and the pages."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from hromada.core.errors import ActionRefused
from hromada.network import actions_maturity as actions
from hromada.network.maturity import MIN_PEERS, Rated, overall, peer_medians, theme_scores
from hromada.network.maturity_starter import STARTER, install_starter_framework
from hromada.network.models_maturity import Assessment, Indicator
from tests.factories import CommunityFactory, staff
from tests.network.conftest import World


def test_theme_scores_by_hand() -> None:
    rated = [
        Rated("a", 2, 3, 3),  # full
        Rated("a", 1, 0, 2),  # empty
        Rated("b", 1, 1, 2),  # half
    ]
    # a: 100 × (2·3/3 + 1·0/2) / 3 = 200/3; b: 50; overall: 100 × (2 + 0 + 1/2) / 4 = 62.5
    assert theme_scores(rated, ["a", "b", "c"]) == {"a": Fraction(200, 3), "b": 50, "c": None}
    assert overall(rated) == Fraction(125, 2)
    with pytest.raises(ValueError):
        overall([Rated("a", 1, 3, 2)])


def test_peer_median_needs_enough_peers() -> None:
    peers: list[dict[str, Fraction | None]] = [
        {"a": Fraction(10)},
        {"a": Fraction(50)},
        {"a": None},
    ]
    assert peer_medians(peers, ["a"]) == {"a": None}  # two known values: too few to show
    peers.append({"a": Fraction(90)})
    assert MIN_PEERS == 3 and peer_medians(peers, ["a"]) == {"a": 50}
    peers.append({"a": Fraction(70)})
    assert peer_medians(peers, ["a"]) == {"a": 60}


levels = st.lists(
    st.tuples(st.sampled_from(["a", "b"]), st.integers(1, 3), st.integers(1, 3)).flatmap(
        lambda t: st.builds(
            Rated, st.just(t[0]), st.just(t[1]), st.integers(0, t[2]), st.just(t[2])
        )
    ),
    min_size=1,
    max_size=12,
)


@given(levels)
def test_scores_stay_between_0_and_100(rated: list[Rated]) -> None:
    assert 0 <= overall(rated) <= 100
    assert all(s is None or 0 <= s <= 100 for s in theme_scores(rated, ["a", "b"]).values())


@given(levels, st.data())
def test_raising_a_level_never_lowers_a_score(rated: list[Rated], data: Any) -> None:
    index = data.draw(st.integers(0, len(rated) - 1))
    item = rated[index]
    if item.level == item.max_level:
        return
    raised = [*rated]
    raised[index] = Rated(item.theme, item.weight, item.level + 1, item.max_level)
    assert overall(raised) > overall(rated)


@pytest.fixture
def framework(world: World) -> list[Indicator]:
    assert install_starter_framework(world.network) == len(STARTER) == 18
    assert install_starter_framework(world.network) == 0
    return list(Indicator.objects.filter(network=world.network))


def _assess(world: World, community: Any, user: Any, level_of: Any) -> Assessment:
    assessment = actions.start_assessment(user, world.network, community)
    indicators = Indicator.objects.filter(network=world.network)
    return actions.save_self_assessment(
        user,
        assessment,
        {i.pk: level_of(i) for i in indicators},
        {i.pk: "https://example.org/doc" for i in indicators},
        submit=True,
    )


@pytest.mark.django_db
def test_self_assessment_then_validation(world: World, framework: list[Indicator]) -> None:
    draft = actions.start_assessment(world.applicant, world.network, world.community)
    first = framework[0]
    actions.save_self_assessment(world.applicant, draft, {first.pk: 1}, {}, submit=False)
    with pytest.raises(ActionRefused, match="Оберіть рівень"):
        actions.save_self_assessment(world.applicant, draft, {first.pk: 1}, {}, submit=True)
    assessment = _assess(world, world.community, world.applicant, lambda i: i.max_level)
    assert assessment.pk == draft.pk and assessment.status == "submitted"
    levels = {i.pk: i.max_level for i in framework}
    levels[first.pk] = 0
    with pytest.raises(ActionRefused, match="Поясніть"):
        actions.validate_assessment(world.expert, assessment, levels, {}, "")
    with pytest.raises(ActionRefused):
        actions.validate_assessment(world.other_admin, assessment, levels, {first.pk: "Ні"}, "")
    actions.validate_assessment(
        world.expert, assessment, levels, {first.pk: "Групи ще немає."}, "Сильна громада."
    )
    assessment.refresh_from_db()
    assert assessment.status == "validated"
    answer = assessment.answers.get(indicator=first)
    assert (answer.self_level, answer.level) == (first.max_level, 0)


@pytest.mark.django_db
def test_who_sees_an_assessment(world: World, framework: list[Indicator]) -> None:
    assessment = actions.start_assessment(world.applicant, world.network, world.community)
    outsiders = [world.other_admin, AnonymousUser(), world.outsider_admin]
    for phase in ("draft", "submitted", "validated"):
        if phase == "submitted":
            assessment = _assess(world, world.community, world.applicant, lambda i: 1)
        if phase == "validated":
            levels = {i.pk: 1 for i in framework}
            actions.validate_assessment(world.expert, assessment, levels, {}, "")
        assessment.refresh_from_db()
        assert rules.has_perm("network.view_assessment", world.applicant, assessment)
        for user in outsiders:
            assert not rules.has_perm("network.view_assessment", user, assessment), (user, phase)
        for user in (world.expert, world.team, world.board):
            assert rules.has_perm("network.view_assessment", user, assessment) == (
                phase != "draft"
            ), (user, phase)


@pytest.mark.django_db
def test_result_page_chart_peers_and_recommendations(
    world: World, framework: list[Indicator], django_assert_max_num_queries: Any
) -> None:
    for n in range(3):  # three validated peers of the same size band
        peer = CommunityFactory.create(name=f"Сусідня {n}", slug=f"peer{n}", size_band="small")
        admin = staff(peer, "admin", email=f"peer{n}@example.org")
        done = _assess(world, peer, admin, lambda i, n=n: min(n, i.max_level))
        actions.validate_assessment(
            world.expert, done, {i.pk: min(n, i.max_level) for i in framework}, {}, ""
        )
    mine = _assess(
        world, world.community, world.applicant, lambda i: 0 if i.theme == "gender" else i.max_level
    )
    client = Client()
    client.force_login(world.applicant)
    with django_assert_max_num_queries(25):
        page = client.get(f"/network/maturity/{mine.pk}/").content.decode()
    assert "<svg" in page and "<table" in page
    assert 'width="280.0"' in page  # a full bar, with a dot even in Ukrainian
    assert 'id="recommendations"' in page and "theme=gender_policy" in page
    # Peers' totals for a theme: 0, 50 and 100 (levels 0, 1, 2 on 0–2 scales) → median 50.
    assert "<td>50</td>" in page
    client.force_login(world.other_admin)
    assert client.get(f"/network/maturity/{mine.pk}/").status_code == 404


@pytest.mark.django_db
def test_forms_posted(world: World, framework: list[Indicator]) -> None:
    client = Client()
    client.force_login(world.applicant)
    url = f"/network/{world.network.slug}/maturity/{world.community.slug}/"
    assert client.post(url, {"start": "1"}).status_code == 302
    data = {f"i{i.pk}": str(i.max_level) for i in framework}
    data[f"i{framework[0].pk}"] = "٣"  # an Arabic-Indic digit is not a level
    bad = client.post(url, {**data, "submit": "1"})
    assert bad.status_code == 200 and Assessment.objects.get().status == "draft"
    data[f"i{framework[0].pk}"] = "1"
    assert client.post(url, {**data, "submit": "1"}).status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.status == "submitted"
    client.force_login(world.expert)
    form = {f"v{i.pk}": str(i.max_level) for i in framework}
    form[f"v{framework[0].pk}"] = "1"
    response = client.post(f"/network/maturity/{assessment.pk}/", {**form, "conclusion": "Добре."})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "validated"


@pytest.mark.django_db
def test_framework_page_query_count(
    world: World, framework: list[Indicator], django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):
        page = Client().get(f"/network/{world.network.slug}/maturity/").content.decode()
    assert "Гендерна політика" in page and STARTER[0][1] in page
