"""RussianNER on sentences written for these tests (not taken from the NER corpora)."""

from __future__ import annotations

import pytest

from communique.extract.ner import RULES, RussianNER, Span


@pytest.fixture(scope="module")
def ner() -> RussianNER:
    return RussianNER()


def found(text: str, spans: list[Span]) -> set[tuple[str, str]]:
    return {(text[s.start:s.end], s.type) for s in spans}


def test_ministry_with_its_country_is_one_org_with_the_country_nested(ner):
    text = "Делегация Министерства связи и информатизации Республики Беларусь прибыла в Бишкек."
    got = found(text, ner(text))
    assert ("Министерства связи и информатизации Республики Беларусь", "ORG") in got
    assert ("Республики Беларусь", "LOC") in got
    assert ("Министерства связи и информатизации", "ORG") not in got  # the short name was replaced
    assert ("Бишкек", "LOC") in got


def test_body_named_by_a_head_word_and_a_country(ner):
    text = "Заявление МИД Грузии поддержали правительство Казахстана и посольство Монголии."
    got = found(text, ner(text))
    assert {("МИД Грузии", "ORG"), ("правительство Казахстана", "ORG"), ("посольство Монголии", "ORG")} <= got
    assert {("Грузии", "LOC"), ("Казахстана", "LOC"), ("Монголии", "LOC")} <= got


def test_country_adjective_with_a_head_word_is_a_body(ner):
    text = "Глава японского МИДа прибыл в Москву."
    got = found(text, ner(text))
    assert ("японского МИДа", "ORG") in got
    assert ("МИДа", "ORG") not in got


def test_acronym_introduced_in_parentheses_is_tagged_where_reused(ner):
    text = ("Ассоциация цифровых регуляторов (АЦР) объявила о начале работы. "
            "В работе АЦР участвуют девять стран.")
    reuse = text.rindex("АЦР")
    spans = ner(text)
    assert ("Ассоциация цифровых регуляторов", "ORG") in found(text, spans)
    assert any(s.start == reuse and s.end == reuse + 3 and s.type == "ORG" for s in spans)
    # the model alone misses the second mention: the rule is what finds it
    without = RussianNER(disable=["acronyms"])(text)
    assert not any(s.start == reuse and s.type == "ORG" for s in without)


def test_quoted_company_name_without_descriptor_or_quotes(ner):
    text = "Соглашение подписали ООО «Северный ветер» и компания «Ладога-Транс»."
    got = found(text, ner(text))
    assert ("Северный ветер", "ORG") in got
    assert ("Ладога-Транс", "ORG") in got
    assert not any("«" in name or "»" in name or name.startswith("ООО") for name, _ in got)


def test_gazetteer_organization_in_an_oblique_case(ner):
    text = "Министры связи государств — участников Регионального содружества в области связи встретились в Минске."
    spans = ner(text)
    got = found(text, spans)
    assert ("Регионального содружества в области связи", "ORG") in got
    assert ("Регионального содружества", "ORG") not in got
    assert any(s.source == "gazetteer" and s.type == "ORG" for s in spans)


def test_two_known_bodies_joined_by_and_are_two_spans(ner):
    text = "Участники Содружества Независимых Государств и Евразийской экономической комиссии подписали меморандум."
    got = found(text, ner(text))
    assert ("Содружества Независимых Государств", "ORG") in got
    assert ("Евразийской экономической комиссии", "ORG") in got


def test_adjectives_are_not_places(ner):
    text = ("Кипрское правительство одобрило проект. Российская и белорусская делегации обсудили "
            "казахстанские предложения.")
    spans = ner(text)
    for s in spans:
        if s.type == "LOC":
            assert text[s.start:s.end] not in {"Кипрское", "Российская", "белорусская", "казахстанские"}
    assert ("Кипрское правительство", "ORG") in found(text, spans)


def test_person_noun_is_not_part_of_a_body(ner):
    text = "Замглавы Федеральной миграционной службы России Михаил Тюркин заявил о новых правилах."
    got = found(text, ner(text))
    assert ("Федеральной миграционной службы России", "ORG") in got
    assert not any(name.startswith("Замглавы") for name, _ in got)


def test_territorial_body_with_po(ner):
    text = "Сотрудники ГУ МВД России по Тюменской области задержали подозреваемого."
    got = found(text, ner(text))
    assert ("ГУ МВД России по Тюменской области", "ORG") in got
    assert ("Тюменской области", "LOC") in got


def test_embassy_with_the_country_it_sits_in(ner):
    text = "Сотрудники Посольства Российской Федерации в Республике Казахстан провели брифинг."
    got = found(text, ner(text))
    assert ("Посольства Российской Федерации в Республике Казахстан", "ORG") in got
    assert {("Российской Федерации", "LOC"), ("Республике Казахстан", "LOC")} <= got


def test_a_name_right_after_a_noun_for_people_is_a_person(ner):
    from communique.extract.normalize import name_cases

    text = "Делегация во главе с Министром Станиславом Ершовым находилась с визитом в Лаосе."
    assert ("Станиславом Ершовым", "PER") in found(text, ner(text))
    assert ("Станиславом Ершовым", "PER") not in found(text, RussianNER(disable=["titled"])(text))  # the model misses it
    assert "ablt" in name_cases(("Иваном", "Петровичем", "Сидоровым"))  # first name, patronymic, surname
    assert not name_cases(("Москва", "Сити")) and not name_cases(("Иваном", "Москва"))


def test_capitalized_words_after_a_noun_for_people_that_are_not_a_name(ner):
    text = "Встреча с министрами Москва Сити не состоялась. Директор Завода представил доклад."
    got = found(text, ner(text))
    assert not any(t == "PER" for _, t in got)


def test_spans_are_sorted_typed_and_never_cross(ner):
    text = (
        "С 27 по 28 апреля в Бишкеке прошло совещание министров Шанхайской организации сотрудничества. "
        "Министр связи и информатизации Республики Беларусь Кирилл Залесский встретился с представителями "
        "Министерства цифрового развития, связи и массовых коммуникаций Российской Федерации, МИД Китая и "
        "ООО «Ромашка» (Ромашка). Эксперты ШОС и Организации Объединённых Наций (ООН) обсудили доклад "
        "Совета ООН по правам человека; японское правительство и ГУ МВД России по городу Москве — тоже."
    )
    spans = ner(text)
    assert spans, "no spans at all"
    assert spans == sorted(spans, key=lambda s: (s.start, -s.end))
    for s in spans:
        assert s.type in {"PER", "ORG", "LOC"} and s.source in {"model", "rule", "gazetteer"}
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    for a in spans:
        for b in spans:
            if a is b:
                continue
            disjoint = a.end <= b.start or b.end <= a.start
            nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
            assert disjoint or nested, (text[a.start:a.end], text[b.start:b.end])
    assert len({(s.start, s.end) for s in spans}) == len(spans)


def test_sentences_can_be_passed_in(ner):
    from communique.extract import nlp

    text = "Правительство Казахстана и МИД Грузии сделали заявления."
    assert ner(text, nlp.sentences(text)) == ner(text)


def test_empty_text_and_unknown_rule():
    assert RussianNER()("   ") == []
    with pytest.raises(ValueError):
        RussianNER(disable=["no-such-rule"])
    assert set(RULES) >= {"clean", "gazetteer", "acronyms", "heads", "extend"}


def test_a_council_named_by_its_members_runs_on_over_their_genitive_words(ner):
    text = "Высшим органом союза является Совет глав почтовых ведомств, работа которого идет по плану."
    assert ("Совет глав почтовых ведомств", "ORG") in found(text, ner(text))
    text = ("Состоялось заседание Совета глав правительств (премьер-министров) государств-членов "
            "Организации черноморского сотрудничества.")
    assert ("Совета глав правительств (премьер-министров) государств-членов Организации черноморского "
            "сотрудничества", "ORG") in found(text, ner(text))
    text = "Совет министров обороны одобрил план учений."
    assert ("Совет министров обороны", "ORG") in found(text, ner(text))


def test_a_head_word_and_an_acronym_the_dictionary_does_not_know_are_one_body(ner):
    # "ПСТ" and "ОВКС" are nobody's real acronyms: indeclinable, so they stand in the genitive here
    text = ("Заседание провел Председатель Комиссии ПСТ по координации научного сотрудничества Иван Лукин. "
            "Участники обсудили итоги сессии Совета ОВКС.")
    got = found(text, ner(text))
    assert ("Комиссии ПСТ по координации научного сотрудничества", "ORG") in got
    assert ("Совета ОВКС", "ORG") in got


def test_a_capitalized_head_with_what_it_is_in_charge_of_starts_a_name(ner):
    text = ("С приветствием выступил Председатель Службы по надзору за рыболовством Республики Молдова "
            "Иван Лукин. Совет одобрил план, и служба по надзору согласилась.")
    got = found(text, ner(text))
    assert any(t.startswith("Службы по надзору") and ty == "ORG" for t, ty in got)
    assert not any(t.startswith("службы по надзору") or t.startswith("служба по надзору") for t, _ in got)


def test_a_head_with_the_office_it_serves_and_the_state(ner):
    text = ("Ранее Председатель Кабинета Министров – Руководитель Администрации Президента Республики Молдова "
            "Иван Лукин принял делегацию.")
    got = found(text, ner(text))
    assert ("Администрации Президента Республики Молдова", "ORG") in got


def test_a_council_of_members_runs_on_over_an_acronym_compound(ner):
    text = "Завтра пройдет заседание Совета руководителей ИТ-парков стран Южной Европы, а затем секция."
    got = found(text, ner(text))
    assert ("Совета руководителей ИТ-парков стран Южной Европы", "ORG") in got


def test_a_body_cut_inside_its_complement_runs_on_over_the_states_it_governs(ner):
    text = ("Министр выступил на заседании Комиссии по подготовке ежегодных встреч глав правительств Молдовы "
            "и Румынии в Кишиневе.")
    got = found(text, ner(text))
    assert ("Комиссии по подготовке ежегодных встреч глав правительств Молдовы и Румынии", "ORG") in got


def test_a_first_name_and_patronymic_the_model_parts_from_the_surname_are_one_person(ner):
    text = "Встреча с Виктором Евгеньевичем Мальцевым прошла в Минске."
    got = found(text, ner(text))
    assert ("Виктором Евгеньевичем Мальцевым", "PER") in got
    assert ("Мальцевым", "PER") not in got
