"""What people type, fuzzed: Unicode digits, NUL bytes, huge numbers and very long text reach
the forms and parsers, which answer with a message and never an exception."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hromada.accounts.forms import ProfileForm
from hromada.budgeting.forms import MAX_MARK, parse_ballot
from hromada.core.params import INT32_MAX, INT64_MAX
from hromada.practices.forms import PracticeForm
from hromada.practices.importing import parse_line
from hromada.practices.search import search_arguments

# The inputs the fuzzing of the site found troublesome, mixed with anything at all.
ODD_TEXT = st.one_of(
    st.text(max_size=50),
    st.text(alphabet="0123456789²³¹١٢٣٤۵０１２ \x00-+.,eE_", max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.integers(min_value=4000, max_value=6000).map(lambda n: "9" * n),
    st.just("x" * 100_000),
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(st.dictionaries(st.sampled_from(["page", "sort", "q", "year", "kind"]), ODD_TEXT))
def test_search_arguments_never_raise(params: dict[str, str]) -> None:
    query = QueryDict(mutable=True)
    query.update(params)
    args = search_arguments(query)
    assert 1 <= args["page"] <= INT32_MAX
    assert "\x00" not in args["q"]


@pytest.mark.django_db
@FUZZ
@given(
    st.fixed_dictionaries(
        {
            "participants": ODD_TEXT,
            "money_uah": ODD_TEXT,
            "projects": ODD_TEXT,
            "year": ODD_TEXT,
            "related": ODD_TEXT,
            "title": ODD_TEXT,
            "place": ODD_TEXT,
        }
    )
)
def test_practice_form_only_ever_reports_errors(fields: dict[str, str]) -> None:
    form = PracticeForm(
        {**fields, "summary": "Що зробили", "themes": "youth", "kind": "case", "language": "uk"}
    )
    if form.is_valid():
        data = form.to_data()
        assert data.participants is None or 0 <= data.participants <= INT32_MAX
        assert data.money_uah is None or 0 <= data.money_uah <= INT64_MAX
        assert all(0 < pk <= INT64_MAX for pk in data.related)
        data.errors()  # the action's own check must not raise either


BALLOT_KEYS = st.tuples(st.sampled_from(["sb-", "pts-", "rank-"]), st.text(max_size=8)).map("".join)


@FUZZ
@given(st.dictionaries(BALLOT_KEYS, st.lists(ODD_TEXT, max_size=3)))
def test_ballot_parsing_refuses_with_a_message(post: dict[str, list[str]]) -> None:
    query = QueryDict(mutable=True)
    for key, values in post.items():
        query.setlist(key, values)
    try:
        choices, marks = parse_ballot(query)
    except ValidationError as exc:
        # A forged key or choice, or points and places that are no whole number.
        assert "Бюлетень пошкоджено" in exc.messages[0] or "цілими числами" in exc.messages[0]
        assert "\x00" not in exc.messages[0]
    else:
        assert all(0 < n <= INT64_MAX for values in choices.values() for n in values)
        assert all(0 < n <= MAX_MARK for n in marks.values())


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**80), max_value=2**80), ODD_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(), inner)),
    max_leaves=8,
)


@pytest.mark.django_db
@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            ["title", "body", "language", "kind", "participants", "money_uah", "region", "theme",
             "links", "related", "place", "year"]
        ),
        JSON_VALUES,
    )
)  # fmt: skip
def test_import_lines_are_parsed_or_refused_with_file_and_line(obj: dict[str, object]) -> None:
    data, _related, errors = parse_line(7, json.dumps(obj), "f.jsonl")
    assert (data is None) == bool(errors)
    assert all(error.startswith("f.jsonl:7: ") for error in errors)


@pytest.mark.django_db
@FUZZ
@given(ODD_TEXT)
@example("١٩٩٠")
@example("1990")
def test_birth_year_takes_only_ascii_years(year: str) -> None:
    form = ProfileForm({"full_name": "Олена", "birth_year": year})
    form.is_valid()
    if "birth_year" in form.cleaned_data and form.cleaned_data["birth_year"] is not None:
        assert year.strip().isascii()
