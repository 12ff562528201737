"""Agreements named in Russian and English texts written for these tests (invented bodies and documents)."""

import communique


def agreements(text, language, published="2025-03-03"):
    f = communique.extract(text, published=published, language=language).to_facts()
    return [(a["kind"], a["title"], a["signed"]) for a in f["agreements"]]


def test_a_treaty_and_a_convention_keep_their_head_noun_as_kind():
    ru = agreements("Стороны подписали Договор о дружбе между Руританией и Фридонией и Конвенцию о рыболовстве.", "ru")
    assert sorted(k for k, _, _ in ru) == ["convention", "treaty"]
    en = agreements("The ministers signed the Treaty on Fisheries and the Convention on Inland Waterways.", "en")
    assert sorted(k for k, _, _ in en) == ["convention", "treaty"]


def test_a_document_word_inside_a_body_name_is_no_document():
    found = agreements("Обе страны входят в Организацию Договора о северном судоходстве, созданную в 2004 году.", "ru")
    assert found == []


def test_the_date_after_ot_is_the_signing_date_and_closes_the_title():
    [(kind, title, signed)] = agreements(
        "Сотрудничество строится на основе Договора о северном судоходстве от 3 апреля 1997 года.", "ru")
    assert (kind, title, signed) == ("treaty", "Договор о северном судоходстве", "1997-04-03")


def test_a_list_of_documents_gives_one_agreement_each():
    found = agreements(
        "По итогам встречи подписаны Протокол третьего заседания рабочей группы, Дорожная карта по развитию "
        "речного транспорта на 2026–2027 годы, а также Меморандум о взаимопонимании между Министерством "
        "транспорта Руритании и Министерством транспорта Фридонии.", "ru")
    assert [k for k, _, _ in found] == ["protocol", "roadmap", "memorandum"]
    assert found[0][1] == "Протокол третьего заседания рабочей группы"
    en = agreements("The ministers approved the Action Plan on River Transport for 2026-2027 and the Roadmap "
                    "for Digital Customs.", "en")
    assert [(k, t) for k, t, _ in en] == [("plan", "Action Plan on River Transport for 2026-2027"),
                                          ("roadmap", "Roadmap for Digital Customs")]


def test_an_order_and_a_decision_signed_together_are_documents():
    found = agreements("Члены совета подписали распоряжение о порядке обмена данными, а также решение об "
                       "изменении ставок сборов.", "ru")
    assert [(k, t) for k, t, _ in found] == [("decision", "распоряжение о порядке обмена данными"),
                                             ("decision", "решение об изменении ставок сборов")]


def test_a_vision_adopted_together_is_a_document_of_its_own_kind():
    ru = agreements("Главы государств приняли Решение о принятии Северного цифрового видения до 2040 года.", "ru")
    assert ("vision", "Северное цифровое видение до 2040 года") in [(k, t) for k, t, _ in ru]
    en = agreements("The leaders adopted the Northern Digital Vision 2040.", "en")
    assert [(k, t) for k, t, _ in en] == [("vision", "Northern Digital Vision 2040")]
    assert agreements("The minister shared his vision of digital cooperation.", "en") == []


def test_english_titles_a_body_named_programme_a_list_inside_a_title_and_the_year_after_it():
    found = agreements("The United Nations Environment Programme (UNEP) and the ministry signed a memorandum of "
                       "understanding on rural schools.", "en")
    assert [k for k, _, _ in found] == ["memorandum"]
    [(kind, title, signed)] = agreements("Ruritania and Freedonia signed a Declaration on Strategic Partnership "
                                         "in 2013.", "en")
    assert (kind, title, signed) == ("declaration", "Declaration on Strategic Partnership", "2013")
    [(kind, title, _)] = agreements("The Treaty on Friendship, Trade and Cooperation opened a new chapter.", "en")
    assert (kind, title) == ("treaty", "Treaty on Friendship, Trade and Cooperation")


def test_memoranda_signed_in_the_plural_are_a_document_and_one_applied_is_only_referred_to():
    import communique
    f = communique.extract("В рамках форума Северный фонд подписал меморандумы о сотрудничестве с Западным фондом "
                           "и Южным банком. Стороны обсудили применение временного соглашения о свободной торговле.",
                           published="2026-09-14", language="ru").to_facts()
    kinds = [a["kind"] for a in f["agreements"]]
    assert kinds == ["memorandum"]
