"""Every page in both languages: it opens, says which language it is in, an English page has
no Ukrainian interface text left in it, and a Ukrainian page no English.

The test data is written in Latin letters, so any Cyrillic on an English page (outside an
element marked lang="uk", such as the language switch) is interface text that missed its
translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hromada.accounts.models import User
from hromada.budgeting import actions as budgeting
from hromada.budgeting.models import Process, Project
from hromada.communities.models import Community, PlatformRole, StaffRole
from hromada.practices import actions as practices
from hromada.practices.models import Practice
from tests.factories import (
    CommunityFactory,
    UserFactory,
    enable_totp,
    make_process,
    verified_resident,
)

CYRILLIC = re.compile(r"[А-Яа-яЄєІіЇїҐґ][А-Яа-яЄєІіЇїҐґ'ʼ’\-]*")
# Attributes whose values people read or hear (screen readers); the rest are machine names.
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Names and formats a Ukrainian page writes in Latin letters on purpose.
LATIN_ALLOWED = {"API", "CSV", "JSON", "UTF", "Pabulib", "identifier", "birth_year", "https"}
LATIN_ALLOWED |= {"settlement"}  # the register file's column name, as it must be typed
LATIN_ALLOWED |= {"eID", "BankID", "ABCDE", "FGHJK", "example", "org", "birth", "year"}
LATIN_ALLOWED |= {"XLSX", "SHA"}  # file formats and the digest's name, in either language
READ_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt", "content"}
SKIPPED_PREFIXES = ("admin/", "i18n/", "api/", "media/", "^media")
# Non-parameterised URLs that are not pages a person opens on their own: each redirects or
# refuses without a flow in progress (a pending login, a code sent, TOTP switched on).
NOT_STANDALONE = {
    "account_logout",  # a POST form on every page
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "account_confirm_login_code",
    "account_inactive",
    "account_set_password",  # only for accounts without a password
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_activate_totp",  # asks to sign in again first
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "accounts:eid_start",  # POST
    "accounts:eid_callback",
    "accounts:eid_simulator_authorize",
    "accounts:verify_register",  # POST from the profile
    "accounts:declare_residence",  # POST from the profile
    "favicon",  # a redirect to the static file
    "healthz",  # JSON for the load balancer
    "practices:suggest",  # JSON
    "events:feed",  # a calendar file (ICS)
}
# Pages a signed-in person opens to leave the site's flows (allauth redirects them home).
ANONYMOUS_ONLY = {"account_login", "account_signup", "account_reset_password"}


@dataclass
class World:
    community: Community
    boss: User  # platform admin, community admin and practices editor: sees every page
    resident: User
    process: Process
    finished: Process
    project: Project
    practice: Practice


def _world() -> World:
    community = CommunityFactory.create(name="Vyshneva", slug="vyshneva", oblast="")
    boss = UserFactory.create(email="boss@example.org", full_name="Olena Boss", is_superuser=True)
    StaffRole.objects.create(user=boss, community=community, role=StaffRole.Role.ADMIN)
    PlatformRole.objects.create(user=boss, role=PlatformRole.Role.PRACTICES_EDITOR)
    enable_totp(boss)  # staff pages open only with two-factor on
    resident = verified_resident(community, email="res@example.org", full_name="Ivan Resident")
    process = make_process(community, title="Budget 2027", max_projects_per_author=5)
    finished = make_process(community, phase="submission", title="Budget 2026")
    for index, sub_budget in enumerate([*process.sub_budgets.all(), *finished.sub_budgets.all()]):
        sub_budget.name = f"Pot {index}"
        sub_budget.save()
    project = _project(process, resident, "Benches in the park")
    _project(finished, resident, "Street lights")
    Process.objects.filter(pk=finished.pk).update(**_dates("implementation"))
    data = practices.PracticeData(
        title="Open budget for the young",
        language="en",
        summary="Young people chose what to build.",
        body="The council set aside money; 1200 people voted.",
        themes=["budget_process", "youth"],
        instruments=["participatory_budget"],
        oblast="Полтавська",
        size_band="medium",
        year=2021,
        participants=12000,
        money_uah=1500000,
        projects=41,
    )
    practice = practices.import_practices(boss, [data])[0]
    practices.edit_practice(boss, practice, replace(data, summary="Changed."))  # a history
    StaffRole.objects.create(user=boss, community=community, role=StaffRole.Role.APPEALS)
    _supported_process(community, boss)
    return World(community, boss, resident, process, finished, project, practice)


def _dates(phase: str) -> dict[str, object]:
    from hromada.demo.timeline import dates_for_phase

    return dict(dates_for_phase(phase))


def _project(process: Process, author: User, title: str) -> Project:
    project = budgeting.submit_project(
        author,
        process,
        sub_budget_id=process.sub_budgets.first().pk,  # type: ignore[union-attr]
        title=title,
        description="Twenty benches along the alley of the park.",
        cost=10_000_000,
        location="Central park",
    )
    reviewer = User.objects.get(email="boss@example.org")
    # Reviewers decide in the review phase only: step into it for the decision, then back.
    dates = {name: getattr(process, name) for name in _dates("review")}
    Process.objects.filter(pk=process.pk).update(**_dates("review"))
    admitted = budgeting.review_project(reviewer, project, decision="admit")
    Process.objects.filter(pk=process.pk).update(**dates)
    return admitted


def _supported_process(community: Community, boss: User) -> None:
    """A process that collects supporters, with a project, a paper signature and a review
    assignment: its pages (paper list, conclusion, appeals) are walked too."""
    from hromada.budgeting import actions_review, actions_support
    from hromada.core.identifiers import rnokpp_with_check_digit
    from hromada.demo.timeline import dates_with_support

    fields: dict[str, Any] = {"title": "Budget 2028", "supporters_required": 3}
    fields.update(dates_with_support("submission"))
    process = make_process(community, **fields)
    for index, sub_budget in enumerate(process.sub_budgets.all(), start=4):
        sub_budget.name = f"Pot {index}"
        sub_budget.save()
    author = verified_resident(community, email="author@example.org", full_name="Ivan Author")
    project = budgeting.submit_project(
        author,
        process,
        sub_budget_id=process.sub_budgets.first().pk,  # type: ignore[union-attr]
        title="Reading corner",
        description="Shelves and armchairs in the library hall.",
        cost=10_000_000,
        location="Library",
    )
    actions_support.enter_paper_support(
        boss, project, identifier=rnokpp_with_check_digit("301234567"), birth_year=1970
    )
    reviewer = UserFactory.create(email="roads@example.org", full_name="Roads Reviewer")
    StaffRole.objects.create(
        user=reviewer, community=community, role=StaffRole.Role.REVIEWER, department="Roads"
    )
    actions_review.assign_review(boss, project, department="Roads")


def _plain_urls() -> list[tuple[str, str]]:
    """(name, path) of every URL pattern without parameters, outside the skipped areas."""
    found = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern.url_patterns, route, inner)
            elif pattern.name and not re.search(r"[<(^$]", route):
                found.append((namespace + pattern.name, "/" + route))

    walk(get_resolver().url_patterns, "", "")
    return [
        (name, path)
        for name, path in found
        if not path[1:].startswith(SKIPPED_PREFIXES) and name not in NOT_STANDALONE
    ]


def _detail_urls(world: World) -> list[str]:
    process, finished, practice = world.process.slug, world.finished.slug, world.practice
    return [
        reverse("budgeting:process", args=[process]),
        reverse("budgeting:project", args=[process, world.project.number]),
        reverse("budgeting:project_submit", args=[process]),
        reverse("budgeting:review_queue", args=[process]),
        reverse("budgeting:vote", args=[process]),
        reverse("budgeting:receipt", args=[process]),
        reverse("budgeting:paper_entry", args=[process]),
        reverse("budgeting:paper_report", args=[process]),
        reverse("pb_staff:service_points", args=[world.community.slug]),
        reverse("budgeting:results", args=[process]),  # not yet: the "pending" page
        reverse("budgeting:results", args=[finished]),
        reverse("budgeting:process", args=[finished]),
        reverse("budgeting:statistics", args=[finished]),
        reverse("budgeting:implementation_overview", args=[finished]),
        reverse("pb_staff:process_create", args=[world.community.slug]),
        reverse("pb_staff:process_create", args=[world.community.slug]) + "?template=city",
        reverse("pb_staff:process_create", args=[world.community.slug]) + "?template=village",
        reverse("budgeting:regulation", args=[process]),
        reverse("budgeting:regulation", args=[finished]),
        reverse("accounts:register_upload", args=[world.community.slug]),
        reverse("accounts:verify_in_person", args=[world.community.slug]),
        practice.get_absolute_url(),
        reverse("practices:edit", args=[practice.pk]),
        reverse("practices:search") + "?q=budget&theme=youth&oblast=Полтавська",
        reverse("practices:search") + "?q=nothing-like-this",
        reverse("practices:search") + "?sort=date",
        reverse("practices:propose") + "?full=1",
        reverse("api-docs"),
        *_supporter_urls(),
        *_counting_urls(world),
    ]


def _counting_urls(world: World) -> list[str]:
    """The commission's and the implementation's staff pages: the boss joins the counting
    commission, and the finished process gets a milestone to correct."""
    import datetime as dt

    from hromada.budgeting.models import Milestone

    StaffRole.objects.get_or_create(
        user=world.boss, community=world.community, role=StaffRole.Role.COMMISSION
    )
    project = world.finished.projects.get()
    milestone = Milestone.objects.create(
        project=project, date=dt.date(2026, 1, 5), text="10 %", percent_done=10
    )
    large = world.process.sub_budgets.last()
    assert large is not None
    return [
        reverse("budgeting:paper_reconcile", args=[world.process.slug]),
        reverse("budgeting:results_freeze", args=[world.finished.slug]),
        reverse("budgeting:rule_change_sb", args=[world.process.slug, "winner_rule", large.pk]),
        reverse(
            "budgeting:milestone_edit", args=[world.finished.slug, project.number, milestone.pk]
        ),
    ]


def _supporter_urls() -> list[str]:
    from hromada.budgeting.models import ReviewAssignment

    assignment = ReviewAssignment.objects.select_related("project__process").get()
    project = assignment.project
    slug, number = project.process.slug, project.number
    return [
        reverse("budgeting:process", args=[slug]),
        reverse("budgeting:project", args=[slug, number]),
        reverse("budgeting:paper_support", args=[slug, number]),
        reverse("budgeting:conclusion", args=[slug, number, assignment.pk]),
        reverse("budgeting:appeal_queue", args=[slug]),
    ]


def _client(language: str, user: User | None = None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


class _VisibleText(HTMLParser):
    """The text a person reads or hears, outside elements marked as written in another
    language (lang="uk" and the like: the language switch, entries in their own language)."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, foreign or inside foreign/script)
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang")
        hidden = (
            self._hidden()
            or tag in {"script", "style"}
            or values.get("aria-hidden") == "true"  # decoration: the logo's letter
            or (tag != "html" and lang is not None and lang != self.language)
        )
        if not hidden:
            self.parts += [v or "" for k, v in attrs if k in READ_ATTRIBUTES]
            if tag == "input" and values.get("type") in {"submit", "button"}:
                self.parts.append(values.get("value") or "")
        if tag not in self.VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.parts.append(data)


def visible_text(html: str, language: str) -> str:
    parser = _VisibleText(language)
    parser.feed(html)
    return unescape(" ".join(parser.parts))


def _fetch(world: World, language: str, path: str, name: str = "") -> tuple[int, str]:
    anonymous = _client(language)
    response = anonymous.get(path)
    if name not in ANONYMOUS_ONLY and response.status_code in {302, 403, 404}:
        resident_pages = ("/vote/", "/projects/new/")
        user = world.resident if path.endswith(resident_pages) else world.boss
        response = _client(language, user).get(path)
    return response.status_code, response.content.decode()


@pytest.fixture
def world(db: None) -> World:
    return _world()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["uk", "en"])
def test_every_page_opens_in_both_languages(world: World, language: str) -> None:
    pages = [path for _name, path in _plain_urls()] + _detail_urls(world)
    names = {path: name for name, path in _plain_urls()}
    problems = []
    for path in pages:
        status, html = _fetch(world, language, path, names.get(path, ""))
        if status != 200:
            problems.append(f"{path}: HTTP {status}")
            continue
        if f'<html lang="{language}"' not in html:
            problems.append(f"{path}: <html lang> is not {language}")
        if language == "en":
            leftovers = sorted(set(CYRILLIC.findall(visible_text(html, "en"))))
            if leftovers:
                problems.append(f"{path}: Ukrainian left on the English page: {leftovers}")
        else:
            main = html[html.find("<main") :]  # the header's language switch says "English"
            words = set(LATIN_WORD.findall(visible_text(main, "uk")))
            leftovers = sorted(words - _data_words(world) - LATIN_ALLOWED)
            if leftovers:
                problems.append(f"{path}: English left on the Ukrainian page: {leftovers}")
    assert not problems, "\n".join(problems)


def _data_words(world: World) -> set[str]:
    """The Latin words of the test data, which a Ukrainian page shows as they are."""
    texts = [str(world.community), world.boss.email, world.boss.full_name]
    texts += [world.resident.email, world.resident.full_name, world.process.title]
    texts += [world.finished.title, world.project.title, world.project.description]
    texts += [world.project.location, "Street lights", "Pot 0 1 2 3 4 5"]
    texts += ["Budget 2028 Reading corner Shelves and armchairs in the library hall Library"]
    texts += ["Roads", "Ivan Author", "author@example.org"]
    texts += [world.practice.title, world.practice.summary, world.practice.body, "Changed."]
    return {word for text in texts for word in LATIN_WORD.findall(text)}


def test_the_page_walk_covers_the_public_pages() -> None:
    names = {name for name, _path in _plain_urls()}
    assert {"home", "account_login", "account_signup", "practices:search"} <= names
    assert {"practices:mine", "practices:moderation", "staff:dashboard"} <= names


def test_visible_text_leaves_out_other_languages_and_scripts() -> None:
    html = (
        '<html lang="en"><p title="Заголовок">Hello <b lang="uk">Українською</b> там</p>'
        "<script>var x = 'скрипт';</script><input placeholder=\"пошук\"></html>"
    )
    assert CYRILLIC.findall(visible_text(html, "en")) == ["Заголовок", "там", "пошук"]


def _catalogue(language: str) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) of every entry of our catalogue, read without a .po library."""
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        strings: dict[str, str] = {}
        key = ""
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                strings[key] = match.group(2)
            elif line.startswith('"') and key:
                strings[key] += line[1:-1]
        if strings.get("msgid"):
            msgstrs = [v for k, v in strings.items() if k.startswith("msgstr")]
            entries.append((strings["msgid"], msgstrs, fuzzy))
    return entries


def test_every_interface_string_has_its_english_translation() -> None:
    missing = [msgid for msgid, msgstrs, fuzzy in _catalogue("en") if fuzzy or "" in msgstrs]
    assert not missing, f"No English translation in django.po for: {missing}"


def test_every_ukrainian_plural_has_its_three_forms() -> None:
    entries = [entry for entry in _catalogue("uk") if len(entry[1]) > 1]
    assert entries
    incomplete = [msgid for msgid, msgstrs, _fuzzy in entries if len(msgstrs) != 3 or "" in msgstrs]
    assert not incomplete, f"Ukrainian plural forms (one, few, many) missing for: {incomplete}"
