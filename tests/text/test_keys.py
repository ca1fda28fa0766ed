"""Index keys of inflected words: the corpus the analyzer must get right.

Each case says: this word (in a document of this language) has this key among its keys. The
analyzer gives EVERY possible lemma, so membership, not equality, is what matters for recall;
`test_same_keys` checks that forms people would expect to match really share keys.
"""

from __future__ import annotations

import pytest

from hromada.text import get_analyzer, normalise

# (word as written, document language, a key it must have)
INFLECTED = [
    # Ukrainian nouns and adjectives, several cases and numbers
    ("громадського", "uk", "громадський"),
    ("громадській", "uk", "громадський"),
    ("громадських", "uk", "громадський"),
    ("бюджету", "uk", "бюджет"),
    ("бюджетів", "uk", "бюджет"),
    ("бюджетом", "uk", "бюджет"),
    ("міської", "uk", "міський"),
    ("міських", "uk", "міський"),
    ("ради", "uk", "рада"),
    ("раді", "uk", "рада"),
    ("радою", "uk", "рада"),
    ("петиції", "uk", "петиція"),
    ("петицій", "uk", "петиція"),
    ("петиціями", "uk", "петиція"),
    ("петиціях", "uk", "петиція"),
    ("голосування", "uk", "голосування"),
    ("голосуванням", "uk", "голосування"),
    ("голосували", "uk", "голосувати"),
    ("голосує", "uk", "голосувати"),
    ("молодіжна", "uk", "молодіжний"),
    ("молодіжної", "uk", "молодіжний"),
    ("молодіжних", "uk", "молодіжний"),
    ("громад", "uk", "громада"),
    ("громадою", "uk", "громада"),
    ("громадам", "uk", "громада"),
    ("жителів", "uk", "житель"),
    ("мешканців", "uk", "мешканець"),
    ("учасників", "uk", "учасник"),
    ("ініціативи", "uk", "ініціатива"),
    ("пропозицій", "uk", "пропозиція"),
    ("обговорення", "uk", "обговорення"),
    ("консультацій", "uk", "консультація"),
    ("депутатів", "uk", "депутат"),
    ("села", "uk", "село"),
    ("сільської", "uk", "сільський"),
    ("роки", "uk", "рік"),
    ("року", "uk", "рік"),
    ("людей", "uk", "людина"),
    ("участі", "uk", "участь"),
    ("школах", "uk", "школа"),
    ("дітей", "uk", "дитина"),
    ("подали", "uk", "подати"),
    # the 2019 spelling: old and new forms share one key
    ("проєктів", "uk", "проєкт"),
    ("проектів", "uk", "проєкт"),
    ("проекту", "uk", "проєкт"),
    ("проєктом", "uk", "проєкт"),
    ("законопроекту", "uk", "законопроєкт"),
    ("проектування", "uk", "проєктування"),
    ("мітом", "uk", "міф"),
    ("авдиторії", "uk", "аудиторія"),
    # apostrophes: ASCII, right single quotation mark, modifier letter, and none at all
    ("об'єднаних", "uk", "обєднаний"),
    ("об’єднаних", "uk", "обєднаний"),
    ("обʼєднаних", "uk", "обєднаний"),
    ("обєднаних", "uk", "обєднаний"),
    ("сім’ї", "uk", "сімя"),
    ("інтерв'ю", "uk", "інтервю"),
    # abbreviations decline in Ukrainian: ЦНАПу, ЦНАПі are forms of ЦНАП
    ("ЦНАП", "uk", "цнап"),
    ("ЦНАПу", "uk", "цнап"),
    ("ЦНАПі", "uk", "цнап"),
    # Latin look-alikes typed inside Cyrillic words, ґ folded
    ("iнформацiя", "uk", "інформація"),
    ("громадськiсть", "uk", "громадськість"),
    ("Ґанку", "uk", "ганок"),
    # Russian
    ("бюджета", "ru", "бюджет"),
    ("участия", "ru", "участие"),
    ("петиций", "ru", "петиция"),
    ("петициями", "ru", "петиция"),
    ("сельских", "ru", "сельский"),
    ("советов", "ru", "совет"),
    ("жителей", "ru", "житель"),
    ("городского", "ru", "городской"),
    ("голосования", "ru", "голосование"),
    ("проекта", "ru", "проєкт"),  # merged with the Ukrainian spelling on purpose
    ("объединённых", "ru", "объединить"),  # ё as е; participles lemmatise to the verb
    # English
    ("budgets", "en", "budget"),
    ("budgeting", "en", "budget"),
    ("councils", "en", "council"),
    # Latin words in a Ukrainian text are English
    ("Budgets", "uk", "budget"),
    # digits are keys as they are
    ("2024", "uk", "2024"),
    ("COVID19", "en", "covid19"),
]


@pytest.mark.parametrize(("word", "language", "key"), INFLECTED)
def test_inflected_word_has_key(word: str, language: str, key: str) -> None:
    assert key in get_analyzer().word_keys(normalise(word), language)


@pytest.mark.parametrize(("word", "key"), [(w, k) for w, lang, k in INFLECTED if lang != "en"])
def test_query_without_language_has_the_same_key(word: str, key: str) -> None:
    # Queries carry no language: letters decide, else uk+ru union — a superset of the keys.
    assert key in get_analyzer().word_keys(normalise(word), None)


SAME_KEYS = [
    ("громадського бюджету", "громадський бюджет", "uk"),
    ("міської ради", "міська рада", "uk"),
    ("молодіжної ради", "молодіжна рада", "uk"),
    ("проєктів", "проект", "uk"),
    ("проект", "проєкт", "uk"),
    ("законопроєкт", "законопроект", "uk"),
    ("об'єднаних громад", "об’єднана громада", "uk"),
    ("міт", "міф", "uk"),
    ("iнформацiя", "інформація", "uk"),
    ("бюджета участия", "бюджет участие", "ru"),
    ("сельских советов", "сельский совет", "ru"),
    ("объединённых", "объединенных", "ru"),
    ("budgets budgeting", "budget budget", "en"),
    ("petitions councils", "petition council", "en"),
]


@pytest.mark.parametrize(("inflected", "base", "language"), SAME_KEYS)
def test_same_keys(inflected: str, base: str, language: str) -> None:
    analyzer = get_analyzer()
    for one, other in zip(normalise(inflected).split(), normalise(base).split(), strict=True):
        assert set(analyzer.word_keys(one, language)) & set(analyzer.word_keys(other, language))


@pytest.mark.parametrize(
    ("word", "language"),
    [
        *[
            (w, "uk")
            for w in [
                "і",
                "й",
                "та",
                "в",
                "у",
                "на",
                "з",
                "із",
                "що",
                "для",
                "до",
                "від",
                "але",
                "або",
                "як",
                "це",
                "його",
                "її",
                "їх",
                "є",
            ]
        ],
        *[(w, "ru") for w in ["и", "в", "на", "что", "это", "его", "для", "не", "как", "быть"]],
        *[(w, "en") for w in ["the", "and", "of", "is", "was", "to", "in"]],
    ],
)
def test_stop_words_have_no_keys(word: str, language: str) -> None:
    analyzer = get_analyzer()
    assert analyzer.word_keys(word, language) == ()
    assert analyzer.word_keys(word, None) == ()


@pytest.mark.parametrize(
    ("word", "key"),
    [("рік", "рік"), ("рада", "рада"), ("люди", "людина"), ("два", "два"), ("можна", "можний")],
)
def test_content_words_are_kept(word: str, key: str) -> None:
    assert key in get_analyzer().word_keys(word, "uk")


def test_script_decides_for_queries() -> None:
    analyzer = get_analyzer()
    assert "petit" in analyzer.word_keys("petitions", None)
    # `і` only exists in Ukrainian: no Russian lemmas are added.
    assert analyzer.word_keys("петиції", None) == analyzer.word_keys("петиції", "uk")
    # `ы` only exists in Russian: a Ukrainian document still uses the Russian dictionary.
    assert analyzer.word_keys("выборы", "uk") == analyzer.word_keys("выборы", "ru")
    # A word a Ukrainian dictionary cannot tell from Russian gets both languages' lemmas.
    assert {"людина", "человек"} <= set(analyzer.word_keys("люди", None))


@pytest.mark.parametrize(
    ("word", "languages"),
    [
        ("петиції", ("uk",)),  # і
        ("їзди", ("uk",)),  # ї
        ("проєкт", ("uk",)),  # є
        ("ґанок", ("uk",)),  # ґ
        ("выборы", ("ru",)),  # ы
        ("объединение", ("ru",)),  # ъ
        ("этаж", ("ru",)),  # э
        ("ставитиме", ("uk",)),  # no telling letter; only the Ukrainian dictionary knows it
        ("минемо", ("uk",)),
        ("дитина", ("uk",)),
        ("голосовали", ("ru",)),  # only the Russian dictionary knows it
        ("работа", ("ru",)),
        ("рада", ("uk", "ru")),  # a word of both languages
        ("село", ("uk", "ru")),
        ("пять", ("uk", "ru")),  # Ukrainian with its apostrophe left out, and Russian
        ("іыї", ("uk", "ru")),  # letters of both: a typo, try both
    ],
)
def test_languages_chosen_per_query_word(word: str, languages: tuple[str, ...]) -> None:
    analyzer = get_analyzer()
    assert analyzer._cyrillic_languages(word, None) == languages
    expected: dict[str, None] = {}
    for language in languages:  # the query's keys are those languages' keys, nothing more
        expected.update(dict.fromkeys(analyzer._cyrillic_keys(word, (language,))))
    assert analyzer.word_keys(word, None) == tuple(expected)


def test_no_junk_lemmas_from_the_other_dictionary() -> None:
    analyzer = get_analyzer()
    assert analyzer.word_keys("ставитиме", None) == ("ставити",)
    assert "минемой" not in analyzer.word_keys("минемо", None)
    # Documents follow the same rule: a Ukrainian word in a Russian entry keeps its lemma.
    assert analyzer.word_keys("ставитиме", "ru") == ("ставити",)
    assert analyzer.word_keys("голосовали", "uk") == ("голосовать",)
    # A document's language still decides for words of both languages.
    assert analyzer.word_keys("село", "uk") == ("село",)


def test_index_text_keys_and_words() -> None:
    keys, words = get_analyzer().index_text("Громадський бюджет: об’єднана громада і 2024!", "uk")
    assert words == "громадський бюджет обєднана громада і 2024"
    assert keys.split() == ["громадський", "бюджет", "обєднаний", "громада", "2024"]


def test_word_with_several_lemmas_indexes_all() -> None:
    keys, _ = get_analyzer().index_text("ради", "uk")
    assert {"рада", "рад"} <= set(keys.split())


def test_suggest_near_keys() -> None:
    analyzer = get_analyzer()
    vocabulary = ["бюджет", "бюджетний", "рада", "громада", "петиція"]
    assert analyzer.suggest("бюджт", vocabulary)[0] == "бюджет"
    assert analyzer.suggest("петицыя", vocabulary) == ["петиція"]
    assert analyzer.suggest("зовсімінше", vocabulary) == []
    assert analyzer.suggest("бюджету", vocabulary) == []  # found already: nothing to suggest
    assert len(analyzer.suggest("рада", ["рад", "рида", "ряда", "радо"], limit=2)) <= 2


@pytest.mark.parametrize(
    ("suggestion", "typed", "expected"),
    [
        ("громадського", "громадскому", "громадському"),  # the typed word's case
        ("енергозбереження", "енергозберженню", "енергозбереженню"),
        ("громадський", "громадськая", "громадська"),  # gender from the ending
        ("виводять", "вивісять", "виводять"),  # no form is nearer: unchanged
        ("budget", "budgt", "budget"),  # no dictionary to inflect with
    ],
)
def test_suggestion_in_the_typed_form(suggestion: str, typed: str, expected: str) -> None:
    assert get_analyzer().in_form_of(suggestion, typed) == expected


def test_an_apostrophe_makes_a_word_ukrainian() -> None:
    analyzer = get_analyzer()
    ukrainian = analyzer._cyrillic_keys("семя", ("uk",))
    # «семя» alone is a Russian word (the Russian dictionary knows it, the Ukrainian does not).
    assert analyzer.word_keys("семя", None) == analyzer._cyrillic_keys("семя", ("ru",))
    assert ukrainian != analyzer.word_keys("семя", None)
    for typed in ("сем'я ", "сем’я ", "семʼя "):  # queries, whichever apostrophe
        assert analyzer.parse_query(typed).terms[0].keys == ukrainian
    # Documents alike, whatever their language, so that queries find them.
    keys, words = analyzer.index_text("Сем'я", "ru")
    assert keys.split() == list(ukrainian) and words == "семя"
