"""What the search matches. The Django suite runs on SQLite and again on PostgreSQL, so every
expectation here is checked on both databases."""

from __future__ import annotations

import threading

import pytest

from hromada.practices.models import Practice
from hromada.practices.search import search


def titles(query: str, **filters: list[str]) -> list[str]:
    return [hit.practice.title for hit in search(query, filters).hits]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("громадського бюджету", "pb"),  # another case and number than the text
        ("громадським бюджетом", "pb"),
        ("міської ради", "pb"),
        ("проєкт енергозбереження", "old_spelling"),  # new spelling finds the old one
        ("проекти громади", "pb"),  # old spelling finds the new one
        ("об'єднана громада", "apostrophe"),  # ' finds ’
        ("обʼєднаної громади", "apostrophe"),  # ʼ too, in another case
        ("петиція", "petitions"),
        ("петиціями", "petitions"),
        ("бюджета участия", "ru"),
        ("проектов благоустройства", "ru"),
        ("youth council", "en"),
        ("village budget", "en"),
        ("мобільного цнапу", "apostrophe"),
        ("громадсько", "pb"),  # half-typed, as in search-as-you-type
        ("проє", "old_spelling"),  # half-typed new spelling reaches the old one through keys
    ],
)
def test_inflected_queries_find_their_entries(
    corpus: dict[str, Practice], query: str, key: str
) -> None:
    assert corpus[key].title in titles(query)


def test_every_word_must_match_while_some_entry_has_them_all(
    corpus: dict[str, Practice],
) -> None:
    assert titles("гідроелектростанція") == []
    assert titles("громадського бюджету міська рада") == [corpus["pb"].title]
    # No entry has both words: the search relaxes to either word, and says so.
    relaxed = search("петиції енергозбереження")
    assert relaxed.relaxed
    assert {h.practice.title for h in relaxed.hits} == {
        corpus["petitions"].title,
        corpus["old_spelling"].title,
    }
    assert not search("громадського бюджету").relaxed


def test_title_matches_rank_above_body_matches(corpus: dict[str, Practice]) -> None:
    found = titles("громадський бюджет")
    assert found[0] == corpus["pb"].title


def test_hostile_input_is_just_text(corpus: dict[str, Practice]) -> None:
    for query in ['"', "(", "NEAR(", "бюджет OR", "*", "a:b", "-", "')--", "\\", "😀"]:
        search(query)  # never raises


def test_drafts_are_never_found(corpus: dict[str, Practice]) -> None:
    Practice.objects.filter(pk=corpus["pb"].pk).update(status=Practice.Status.DRAFT)
    assert corpus["pb"].title not in titles("громадський бюджет")


def test_facet_counts_and_filters(corpus: dict[str, Practice]) -> None:
    result = search("", {})
    counts = {name: {v.code: v.count for v in values} for name, values in result.facets.items()}
    assert counts["oblast"] == {"Полтавська": 2, "Львівська": 1, "Вінницька": 1, "Одеська": 1}
    assert counts["theme"]["budget_process"] == 2
    assert counts["language"] == {"uk": 4, "ru": 1, "en": 1}
    assert counts["kind"] == {"case": 5, "method": 1}
    filtered = search("", {"oblast": ["Полтавська"], "theme": ["admin_services"]})
    assert [h.practice.title for h in filtered.hits] == [corpus["apostrophe"].title]
    # A facet is counted with the other facets' filters, not its own: alternatives stay visible.
    oblasts = {v.code: v.count for v in search("", {"oblast": ["Полтавська"]}).facets["oblast"]}
    assert oblasts["Львівська"] == 1


def test_facet_counts_agree_with_a_plain_count(corpus: dict[str, Practice]) -> None:
    result = search("громада", {})
    matched = [hit.practice for hit in result.hits]
    for value in result.facets["oblast"]:
        assert value.count == sum(1 for p in matched if p.oblast == value.code)


def test_snippet_marks_inflected_words_and_escapes_html(corpus: dict[str, Practice]) -> None:
    hit = search("петиції", {}).hits[0]
    assert "<mark>петицій</mark>" in hit.snippet
    from tests.practices.conftest import publish

    publish(title="Небезпечний текст", body="<script>alert(1)</script> петиція про сквер")
    snippet = next(h.snippet for h in search("петиція").hits if "script" in h.snippet)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_did_you_mean(corpus: dict[str, Practice]) -> None:
    result = search("петицй")
    assert result.suggestion is not None and "петиц" in result.suggestion


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("петицїй", "петицій"),  # one letter wrong
        ("енергозберижиння", "енергозбереження"),  # two letters wrong
        ("громадського бюджкту", "громадського бюджету"),  # only the unknown word changes
        ("обєднана громада мобільнй", "обєднана громада мобільний"),  # apostrophe left out
        ("енергозберженню", "енергозбереженню"),  # in the typed case, not the entry's
    ],
)
def test_did_you_mean_fixes_real_typos(corpus: dict[str, Practice], typed: str, meant: str) -> None:
    assert search(typed).suggestion == meant
    assert search(meant).suggestion is None and search(meant).total


@pytest.mark.parametrize(
    "query",
    [
        "громадського бюджету",  # found directly
        "петиції енергозбереження",  # no entry has both: relaxed, but each word matched
        "громадськими",  # a form no entry has, matched through its lemma
        "громадсько",  # half-typed: the start of a word
        "проекти громади",  # old spelling, matched through the shared key
        "бюджета участия",
    ],
)
def test_did_you_mean_is_silent_when_every_word_matched(
    corpus: dict[str, Practice], query: str
) -> None:
    assert search(query).suggestion is None


def test_the_vocabulary_is_read_once_per_published_set(
    corpus: dict[str, Practice], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hromada.practices import search as module
    from tests.practices.conftest import publish

    reads = []
    original = module._read_vocabulary

    def counted() -> module.Vocabulary:
        reads.append(1)
        return original()

    monkeypatch.setattr(module, "_read_vocabulary", counted)
    assert search("петицїй").suggestion == "петицій"
    assert search("фонтанк").suggestion is None  # not (yet) a word of any entry
    assert len(reads) == 1
    publish(title="Фонтани міста", body="Нові фонтани.")
    assert search("фонтанк").suggestion in {"фонтан", "фонтани"}
    assert len(reads) == 2
    assert search("громадського бюджету").suggestion is None  # found: nothing read
    assert len(reads) == 2


def test_a_word_that_matched_needs_no_vocabulary(
    corpus: dict[str, Practice], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a word matched is asked of the index, word by word; the vocabulary (and its
    spelling index) is read only for a word that matched nothing."""
    from hromada.practices import search as module

    def refuse() -> None:
        raise AssertionError("the vocabulary was read for words that all matched")

    monkeypatch.setattr(module, "_read_vocabulary", refuse)
    result = search("петиції енергозбереження")  # relaxed: no entry has both
    assert result.relaxed and result.total and result.suggestion is None
    assert search("громадсько").suggestion is None  # the start of a word


@pytest.mark.django_db(transaction=True)
def test_the_vocabulary_is_built_off_the_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """A search that finds the vocabulary out of date builds it in a background thread; the
    later request with a typo finds it ready and reads nothing itself."""
    from hromada.practices import search as module
    from tests.practices.conftest import publish

    publish(title="Електронні петиції", body="Зареєстровано 120 петицій.")
    module.PUBLISHED_VOCABULARY.clear()
    assert search("петиції").total == 1
    building = module.PUBLISHED_VOCABULARY._building
    assert building is not None, "no background build was started"
    building.join(timeout=30)
    request_threads = []
    original = module._read_vocabulary

    def counted() -> module.Vocabulary:
        request_threads.append(threading.current_thread())
        return original()

    monkeypatch.setattr(module, "_read_vocabulary", counted)
    assert search("петицїй").suggestion == "петицій"
    assert request_threads == []
    publish(title="Фонтани міста", body="Нові фонтани.")  # a new published set
    assert search("фонтанк").suggestion in {"фонтан", "фонтани"}  # built here, waited for
    assert module.PUBLISHED_VOCABULARY._building is None


def test_sort_by_date_and_pagination(corpus: dict[str, Practice]) -> None:
    result = search("", {}, sort="date", per_page=4)
    assert (result.total, result.pages, len(result.hits)) == (6, 2, 4)
    assert len(search("", {}, sort="date", page=2, per_page=4).hits) == 2


def test_full_text_index_is_kept_current(corpus: dict[str, Practice]) -> None:
    """Editing and deleting reach the index (on SQLite through triggers that a table rebuild in a
    later migration would silently drop)."""
    entry = corpus["petitions"]
    Practice.objects.filter(pk=entry.pk).update(status=Practice.Status.PUBLISHED)
    from hromada.practices.actions import PracticeData, edit_practice
    from tests.factories import platform_admin

    editor = platform_admin()
    edit_practice(editor, entry, PracticeData(title="Толока на березі ставка", body="Прибирання."))
    assert titles("толока") == ["Толока на березі ставка"]
    assert titles("петиції") == []
    Practice.objects.filter(pk=entry.pk).delete()
    assert titles("толока") == []


def test_the_postgresql_ranking_vector_and_planner_setting(corpus: dict[str, Practice]) -> None:
    """PostgreSQL ranks on the keys-only vector, kept in the row; the planner setting a search
    changes for its own statement does not outlive it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'practices_practice'::regclass AND attname = 'rank_vector'"
        )
        assert cursor.fetchone() == ("m",)
        cursor.execute(
            "SELECT rank_vector @@ to_tsquery('simple', 'бюджет'), "
            "rank_vector @@ to_tsquery('simple', 'бюджету') FROM practices_practice WHERE id = %s",
            [corpus["pb"].pk],
        )
        assert cursor.fetchone() == (True, False)  # keys only: lemmas, not the inflected words
        assert corpus["pb"].title in titles("бюджет")
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)


def test_a_repeated_query_is_matched_once_until_the_published_set_changes(
    corpus: dict[str, Practice], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hromada.practices.search import RecentMatches
    from tests.practices.conftest import publish

    def full_text_statements(*args: object, **kwargs: object) -> int:
        with CaptureQueriesContext(connection) as captured:
            search(*args, **kwargs)  # type: ignore[arg-type]
        return sum("MATCH" in q["sql"] or "@@" in q["sql"] for q in captured.captured_queries)

    assert full_text_statements("петиції") == 1
    # The next page, a facet, another sort: the same full-text query, not run again.
    assert full_text_statements("петиції", {"oblast": ["Вінницька"]}, sort="date", page=2) == 0
    publish(title="Ще одна петиція", body="Петиція про сквер.")
    assert full_text_statements("петиції") == 1
    assert "Ще одна петиція" in titles("петиції")
    monkeypatch.setattr(RecentMatches, "MAX_AGE", -1.0)  # remembered matches expire
    assert full_text_statements("петиції") == 1


def _no_snippets(*args: object, **kwargs: object) -> str:
    raise AssertionError("a snippet was built for a caller that does not show it")


@pytest.mark.parametrize("address", ["/practices/export.csv", "/practices/export.json"])
def test_exports_do_not_build_snippets(
    corpus: dict[str, Practice], client: object, monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    monkeypatch.setattr("hromada.practices.search.highlight", _no_snippets)
    response = client.get(address, {"q": "громадського бюджету"})
    assert response.status_code == 200
    assert "Вишневій".encode() in response.content
    assert client.get("/practices/suggest/", {"q": "бюдж"}).status_code == 200


def test_the_api_still_gets_snippets(corpus: dict[str, Practice], client: object) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    rows = client.get("/api/practices/", {"q": "петиції"}).json()["results"]
    assert rows and "<mark>" in rows[0]["snippet"]


def test_a_ukrainian_word_does_not_match_a_russian_entry_through_a_guessed_lemma(
    db: None,
) -> None:
    from tests.practices.conftest import publish

    ukrainian = publish(title="Абсурдна вимога", body="Вимогу визнали абсурдною.")
    russian = publish(title="Требование", body="Такое требование абсурдно.", language="ru")
    # The Russian dictionary does not know «абсурдну» and would guess the lemma «абсурдно».
    found = titles("абсурдну вимогу")
    assert found == [ukrainian.title]
    assert russian.title not in titles("абсурдну")
    assert russian.title in titles("абсурдно")


@pytest.mark.parametrize("typed", ["громадського бюджету ", "громадському бюджеті "])
def test_an_entry_with_the_very_forms_typed_ranks_first(db: None, typed: str) -> None:
    """Both entries have the lemmas (in forms other than the lemma), in the same places and
    numbers; the one that has the forms typed wins. Without the bonus they tie, and a tie
    goes to the newer entry: each case has the older one expected first once."""
    from tests.practices.conftest import publish

    older = publish(title="Звіт громади", body="Звіт щодо " + typed.strip() + " села за рік.")
    other = "громадському бюджеті" if typed.startswith("громадського") else "громадського бюджету"
    publish(title="Звіт громади", body="Звіт щодо " + other + " села за рік.")
    ranked = [hit.practice.pk for hit in search(typed).hits]
    assert len(ranked) == 2 and ranked[0] == older.pk


def test_the_vocabulary_build_analyses_every_published_word_for_snippets(
    corpus: dict[str, Practice], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hromada.practices.facets import PUBLISHED_FACETS
    from hromada.practices.search import PUBLISHED_VOCABULARY
    from hromada.text import document_language, get_analyzer

    PUBLISHED_VOCABULARY.clear()
    PUBLISHED_VOCABULARY.current(PUBLISHED_FACETS.current())
    analyzer = get_analyzer()

    def dictionaries_asked(*args: object, **kwargs: object) -> tuple[str, ...]:
        raise AssertionError("a snippet would have waited for the dictionaries")

    monkeypatch.setattr(analyzer, "word_keys", dictionaries_asked)
    for entry in Practice.objects.filter(status=Practice.Status.PUBLISHED):
        norms = set(entry.body_w.split())
        language = document_language(entry.language)
        for apostrophe in (False, True):
            analyzer.matching_norms(norms, language, {"бюджет"}, apostrophe=apostrophe)


def test_exports_leave_the_stored_words_in_the_database(
    corpus: dict[str, Practice], client: object
) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    assert isinstance(client, Client)
    column = '"practices_practice"."body_w"'  # as the ORM selects it
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/practices/export.csv", {"q": "бюджет"}).status_code == 200
    assert not any(column in query["sql"] for query in captured.captured_queries)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/practices/", {"q": "бюджет"}).status_code == 200
    assert any(column in query["sql"] for query in captured.captured_queries)  # snippets
