import pytest

from communique.extract.normalize import nominative_text, person_nominative, surname_key


@pytest.mark.parametrize("inflected,nominative", [
    ("Кирилла Залесского", "Кирилл Залесский"),
    ("Эрмека Токтосунова", "Эрмек Токтосунов"),
    ("Шерзодом Алимовым", "Шерзод Алимов"),
    ("Анны Петровой", "Анна Петрова"),
    ("Ивану Сергеевичу Петрову", "Иван Сергеевич Петров"),
    ("Давлетов Р.Р.", "Р.Р. Давлетов"),
    ("Зорин А.Г.", "А.Г. Зорин"),
    ("Э.Т. Токтосунов", "Э.Т. Токтосунов"),
    ("Еленой Марчетти", "Елена Марчетти"),
    ("Максут Шадаев", "Максут Шадаев"),
    # foreign names: the words agree in case even where their genders read differently
    ("Викрамом Кумаром Вармой", "Викрам Кумар Варма"),
    ("Аминатой Диалло", "Амината Диалло"),
    ("Нарендрой Моди", "Нарендра Моди"),  # 'Моди' is no form of the noun 'модь' here
    ("Си Цзиньпином", "Си Цзиньпин"),  # not an adjective 'цзиньпиный'
    ("Ахмада Рахимзоды", "Ахмад Рахимзода"),  # an a-declension surname the dictionary does not know
    ("Умару Турсунзоде", "Умар Турсунзоде"),  # ... but an unknown '-е' stays: indeclinable names end so
    ("Рикарду Мендонса Алвис", "Рикарду Мендонса Алвис"),  # the surname can only be nominative
])
def test_person_names_to_nominative(inflected, nominative):
    assert person_nominative(inflected) == nominative


@pytest.mark.parametrize("inflected,nominative", [
    ("Министра связи и информатизации Республики Беларусь", "Министр связи и информатизации Республики Беларусь"),
    ("заместителя Министра цифрового развития", "заместитель Министра цифрового развития"),
    ("Шанхайской организации сотрудничества", "Шанхайская организация сотрудничества"),
    ("Регионального содружества в области связи", "Региональное содружество в области связи"),
    ("Генерального директора Исполнительного комитета РСС", "Генеральный директор Исполнительного комитета РСС"),
    ("5-м совещании руководителей министерств", "5-е совещание руководителей министерств"),
    ("Министерству цифрового развития и коммуникаций Монголии",
     "Министерство цифрового развития и коммуникаций Монголии"),
    ("Дорожной карты сотрудничества", "Дорожная карта сотрудничества"),
])
def test_phrase_heads_to_nominative(inflected, nominative):
    assert nominative_text(inflected) == nominative


def test_surname_key_ignores_initials_and_case():
    assert surname_key("О.Н. Ракитин") == surname_key("Олег Ракитин") == "ракитин"


def test_cyrillic_lookalikes_fold_latin_capitals_only_in_a_cyrillic_word():
    from communique.extract.normalize import cyrillic_lookalikes
    assert cyrillic_lookalikes("СHГ") == "СНГ"
    assert cyrillic_lookalikes("NATO") == "NATO"
    assert cyrillic_lookalikes("ЕSG") == "ЕSG"  # S has no Cyrillic twin


def test_inflection_is_cached_within_bounds_and_reads_as_pymorphy_does():
    from communique.extract import entities, normalize
    from communique.nlp import parses

    p = parses("Сергея")[0]
    assert normalize._inflect(p, {"nomn"}) == p.inflect({"nomn"}).word
    before = normalize._inflected.cache_info().hits
    assert normalize._inflect(p, {"nomn"}) == p.inflect({"nomn"}).word
    assert normalize._inflected.cache_info().hits == before + 1
    assert entities._geo_nominative("Астану") == "Астана"
    assert normalize._inflected.cache_info().maxsize and entities._geo_nominative.cache_info().maxsize
