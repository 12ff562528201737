"""Central Asian names between Latin and Cyrillic (link/translit.py with romanization.json): names
invented for these tests in the patterns of the national romanizations."""

import pytest

from communique.link import resolve, translit


@pytest.mark.parametrize("latin, cyrillic", [
    ("Jeenkul Sarybekov", "Жээнкул Сарыбеков"),  # Kyrgyz: j is ж, ee is ээ
    ("Jasurbek Xolmatov", "Жасурбек Холматов"),  # Uzbek: x is х
    ("Oʻrinboy Gʻaniyev", "Уринбой Ганиев"),  # Uzbek oʻ and gʻ (modifier letter turned comma)
    ("O‘rinboy G‘aniyev", "Уринбой Ганиев"),  # the same with typographic quotes
    ("Qudratjon Sharipov", "Кудратжон Шарипов"),  # Uzbek/Tajik q is қ, read к in Russian
    ("Maxim Alexeev", "Максим Алексеев"),  # an English x between vowels stays кс
    ("Taras Pleshkoveenko", "Тарас Плешковеенко"),  # Ukrainian -eenko is -еенко, not a long vowel
])
def test_to_cyrillic_follows_the_national_romanizations(latin, cyrillic):
    assert translit.to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize("spellings", [
    ["Jeenkul", "Жээнкул", "Zheenkul"],
    ["Jasurbek", "Жасурбек", "Джасурбек", "Dzhasurbek", "Djasurbek", "Zhasurbek"],
    ["Xolmatov", "Холматов", "Kholmatov", "Holmatov"],
    ["Oʻrinboy", "O'rinboy", "Ўринбой", "Уринбой", "Urinboy"],
    ["Gʻaniyev", "Ғаниев", "Ганиев", "Ganiev"],
    ["Ҷамолиддин", "Jamoliddin", "Джамолиддин"],  # Tajik ҷ
    ["Qanatbek", "Қанатбек", "Канатбек", "Kanatbek"],
    ["Öskönbaev", "Өскөнбаев", "Осконбаев", "Oskonbaev"],  # Kyrgyz ö
])
def test_keys_meet_across_romanizations_and_scripts(spellings):
    assert len({translit.key(s) for s in spellings}) == 1, {s: translit.key(s) for s in spellings}


def test_english_x_and_distinct_names_stay_apart():
    assert translit.key("Alexei") == translit.key("Алексей")
    assert translit.key("Xolmatov") != translit.key("Kolmatov")
    assert translit.key("Jasurbek") != translit.key("Dasurbek")


def test_a_latin_only_name_gets_its_russian_spelling_in_the_knowledge_base():
    names = resolve.person_names(["Jeenkul Sarybekov"])
    assert names == {"en": "Jeenkul Sarybekov", "ru": "Жээнкул Сарыбеков"}
