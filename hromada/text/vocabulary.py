"""Hand-made word lists: stop lemmas per language and spelling variants merged into one key.

Stop lemmas are deliberately short (function words only). Published stop lists contain
content words (`рік`, `рада`, `люди`, `можна`, `два`) that people search for — "міської ради"
must find the council. Entries are written as index keys: lower case, no apostrophes, `е` for
`ё`, `г` for `ґ`. Do not add a word that is also a common content word in one of its forms
(`ніж` is "than" but also "knife"; `мати` is "have" but also "mother").

Spelling variants: the 2019 Ukrainian orthography made `проєкт` the norm (older texts and
Russian write `проект`) and allowed pairs such as `міф`/`міт`, `аудиторія`/`авдиторія`. Both
spellings are in the dictionary as separate lemmas, so we map each lemma to one canonical key.
"""

from __future__ import annotations

__all__ = ["STOP_LEMMAS", "canonical_key"]

_UK_STOP = """
а аби або адже аж але б без би бо бути в вам ваш ввесь весь вже ви від він вона вони воно все
всі втім де для до дуже є же з за зате зі із і й її їй їм їх їхній коли котрий куди лиш лише
між мій ми мовби на навіть над наче наш не нехай неї ні ніби нібито ніхто ніщо ну о об
он от отже ото ось оце під після по поза поки понад попри при про проте сам свій себе собі
та так також там твій те теж ти тим то тобто той тож тощо тут у увесь уже усе усі хай хоч
хоча це цей через чи чий чим чого що щоб щодо як який якийсь якщо я
"""

_RU_STOP = """
а без бы быть в вам ваш весь во вот все вы где да даже для до его ее если еще ж же за зачем
здесь и из или им их к как какой когда кто куда ли либо лишь между мой мы на над нас наш не
него нее нет ни но ну о об он она они оно от очень по под после потому поэтому при про с сам
свой себя со так также такой там твой те то тоже тот только ты тут у уж уже хоть хотя чей чем
через что чтобы это этот я который
"""

_EN_STOP = """
a about after again all also am an and any are as at be because been before being between
both but by can could did do does doing during each for from had has have having he her here
hers herself him himself his how i if in into is it its itself just may me might must my
myself no nor not of off on once only or our ours ourselves out over own same shall she should
so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself yourselves s t
"""

STOP_LEMMAS: dict[str, frozenset[str]] = {
    "uk": frozenset(_UK_STOP.split()),
    "ru": frozenset(_RU_STOP.split()),
    # English stop words are checked on the word itself, before stemming.
    "en": frozenset(_EN_STOP.split()),
}

# Whole-lemma variants (2019 orthography, Greek θ as т/ф and au as ав/ау) → the form we keep.
_VARIANT_LEMMAS = {
    "міт": "міф",
    "мітологія": "міфологія",
    "мітичний": "міфічний",
    "етер": "ефір",
    "катедра": "кафедра",
    "авдиторія": "аудиторія",
    "авдиторний": "аудиторний",
    "аритметика": "арифметика",
    "логаритм": "логарифм",
    "маратон": "марафон",
    "анатема": "анафема",
    "ортографія": "орфографія",
    "павза": "пауза",
    "лавреат": "лауреат",
    "авра": "аура",
}

# Stems replaced wherever they occur, so that compounds and derivatives follow:
# законопроект, проектний, проектування, проекція → законопроєкт, проєктний, ...
_VARIANT_STEMS = (("проект", "проєкт"), ("проекц", "проєкц"))


def canonical_key(lemma: str) -> str:
    """The index key of a Cyrillic lemma: no apostrophes, `ё`→`е`, `ґ`→`г`, variants merged.

    `ґ` is folded because the 2019 orthography lets loanwords and names be written either way
    (Геґель/Гегель) and many people never type `ґ`; the few minimal pairs (ґрати/грати) are
    rare in our texts.
    """
    key = lemma.replace("'", "").replace("ё", "е").replace("ґ", "г")
    for old, new in _VARIANT_STEMS:
        if old in key:
            key = key.replace(old, new)
    return _VARIANT_LEMMAS.get(key, key)
