"""Behaviour of the Russian pipeline on texts written for these tests (fictional people and events)."""

import pytest

import communique


def facts(text, published=None):
    return communique.extract(text, published=published, language="ru").to_facts()


def events_of(f, type_):
    return [e for e in f["events"] if e["type"] == type_]


def person(f, surname):
    return next(p for p in f["persons"] if p["name"].endswith(surname))


# -- names, roles, acronyms ------------------------------------------------------------------------

def test_inflected_person_and_title_are_normalized():
    text = ("В Минске состоялась встреча Министра иностранных дел Республики Беларусь Андрея Ковальчука "
            "с делегацией Вьетнама.")
    f = facts(text)
    p = person(f, "Ковальчук")
    assert p["name"] == "Андрей Ковальчук"
    assert p["roles"] == ["Министр иностранных дел Республики Беларусь"]
    assert "Беларусь" in [loc["name"] for loc in f["locations"]]
    # the ministry named only through its minister's title is an organization of its own in the Record,
    # the organization of the role; the facts view lists only the organizations the text names
    record = communique.extract(text, language="ru")
    role = next(e for e in record.entities if e.type == "PER").roles[0]
    assert record.entity_name(role.organization) == "Министерство иностранных дел Республики Беларусь"
    assert "Министерство иностранных дел Республики Беларусь" not in [o["name"] for o in f["organizations"]]


def test_title_after_the_name_and_initials_after_the_surname():
    f = facts("Сидоренко В.П., заместитель Председателя Исполнительного комитета СНГ, выступил с докладом "
              "на заседании Совета.")
    p = person(f, "Сидоренко")
    assert p["name"] == "В.П. Сидоренко"
    assert p["roles"] == ["заместитель Председателя Исполнительного комитета СНГ"]


def test_list_of_participants_with_titles():
    f = facts("В заседании приняли участие заместитель Министра цифрового развития Республики Казахстан "
              "Ержан Мусин, директор Департамента международного сотрудничества Марина Лосева и "
              "Чрезвычайный и Полномочный Посол Республики Узбекистан Бахром Турсунов.")
    assert person(f, "Мусин")["roles"] == ["заместитель Министра цифрового развития Республики Казахстан"]
    assert person(f, "Лосева")["roles"] == ["директор Департамента международного сотрудничества"]
    assert person(f, "Турсунов")["roles"] == ["Чрезвычайный и Полномочный Посол Республики Узбекистан"]


def test_surname_alone_later_joins_the_full_name():
    f = facts("Вчера в Астане прошли переговоры Министра связи Монголии Батбаяра Цогтгэрэла с коллегами. "
              "Позже Цогтгэрэл выступил с докладом на форуме.", published="2025-06-10")
    names = [p["name"] for p in f["persons"]]
    assert names == ["Батбаяр Цогтгэрэл"]
    speech = events_of(f, "SPEECH")[0]
    assert speech["participants"] == ["Батбаяр Цогтгэрэл"]


def test_acronym_in_parentheses_is_an_alias_and_resolves_later_mentions():
    f = facts("Состоялось заседание Совета Международной ассоциации операторов цифровой связи (МАОЦС). "
              "МАОЦС объединяет операторов девяти стран.")
    orgs = {o["name"]: o["aliases"] for o in f["organizations"]}
    owner = [name for name, aliases in orgs.items() if "МАОЦС" in aliases]
    assert owner, orgs
    assert "МАОЦС" not in orgs


def test_gazetteer_acronym_gets_its_full_name():
    f = facts("Делегация приняла участие в саммите СНГ в Душанбе.")
    assert any(o["name"] == "Содружество Независимых Государств" and "СНГ" in o["aliases"]
               for o in f["organizations"])


# -- events: types, status, arguments --------------------------------------------------------------

@pytest.mark.parametrize("sentence,type_,status", [
    ("12 мая в Ташкенте состоялись переговоры министров связи двух стран.", "MEETING", "occurred"),
    ("В эти дни в Ташкенте проходит международная конференция по кибербезопасности.", "FORUM", "ongoing"),
    ("Министр примет участие в международной выставке связи в Бишкеке.", "FORUM", "planned"),
    ("Следующее заседание комиссии состоится в Баку.", "MEETING", "planned"),
    ("Стороны подписали Меморандум о сотрудничестве в области связи.", "SIGNING", "occurred"),
    ("Подписание Соглашения о сотрудничестве запланировано на осень.", "SIGNING", "planned"),
    ("Министр выступит с докладом на пленарном заседании.", "SPEECH", "planned"),
    ("Министр выступил с докладом на отраслевой конференции.", "SPEECH", "occurred"),
    ("Делегация находится в Ереване с официальным визитом.", "VISIT", "ongoing"),
    ("Министр посетил технопарк в Казани.", "VISIT", "occurred"),
    ("Состоялся телефонный разговор министров иностранных дел двух стран.", "CALL", "occurred"),
    ("Министры проведут видеоконференцию на следующей неделе.", "CALL", "planned"),
    ("Монголия стала полноправным членом организации в 2023 году.", "ACCESSION", "occurred"),
    ("Ассоциация была создана 12 апреля 1999 г. в Москве.", "FOUNDING", "occurred"),
])
def test_event_type_and_status(sentence, type_, status):
    f = facts(sentence)
    found = events_of(f, type_)
    assert found, f["events"]
    assert found[0]["status"] == status


def test_period_place_and_participants_of_a_visit():
    f = facts("С 3 по 5 июня 2025 г. Министр цифрового развития Республики Армения Ашот Варданян находится с "
              "официальным визитом в Казахстане.")
    visit = events_of(f, "VISIT")[0]
    assert (visit["start"], visit["end"]) == ("2025-06-03", "2025-06-05")
    assert visit["location"] == "Казахстан"
    assert visit["participants"] == ["Ашот Варданян"]
    assert visit["plover"] == {"code": "CONSULT", "mode": "visit"}


def test_relative_date_resolved_against_publication_and_never_guessed():
    text = "Вчера в Бишкеке прошли переговоры делегаций."
    assert events_of(facts(text, "2025-03-12"), "MEETING")[0]["start"] == "2025-03-11"
    assert events_of(facts(text), "MEETING")[0]["start"] is None


def test_sub_events_nest_and_inherit_the_visit_period():
    f = facts("С 10 по 12 сентября 2025 г. проходит визит Министра связи Республики Таджикистан Рустама Саидова "
              "в Китай.\nВ ходе визита Министр примет участие в Форуме по цифровой экономике.\n"
              "Также Рустам Саидов примет участие в панельной сессии Форума «Данные и доверие».")
    visit = events_of(f, "VISIT")[0]
    forum = events_of(f, "FORUM")[0]
    session = events_of(f, "SESSION")[0]
    assert forum["parent"] == visit["id"]
    assert session["parent"] == forum["id"]
    assert session["name"] == "Данные и доверие"
    assert forum["name"] == "Форум по цифровой экономике"
    assert forum["start"] == session["start"] == "2025-09"  # the period the visit spans
    assert forum["location"] == session["location"] == "Китай"
    assert forum["participants"] == ["Рустам Саидов"]  # "Министр" alone refers to him
    assert len(events_of(f, "VISIT")) == 1  # "в ходе визита" refers back, it is no second visit


def test_speech_in_a_session_and_ordinal_series():
    f = facts("20 мая в Баку состоялось 7-е заседание Совета руководителей администраций связи. "
              "В ходе пленарного заседания Эльдар Гасанов выступил с докладом.")
    meeting = events_of(f, "MEETING")[0]
    assert meeting["name"].startswith("7-е заседание Совета руководителей администраций связи")
    assert meeting["series"]
    session, speech = events_of(f, "SESSION")[0], events_of(f, "SPEECH")[0]
    assert session["parent"] == meeting["id"]
    assert speech["parent"] == session["id"]
    assert len(events_of(f, "MEETING")) == 1


def test_background_facts_keep_their_own_dates():
    f = facts("25 ноября 2025 г. в Минске проходит заседание Совета.\n"
              "Справочно: Союз создан 8 декабря 1999 г. в Москве. В январе 2021 г. Узбекистан вошел в состав Союза.",
              published="2025-11-25")
    founding = events_of(f, "FOUNDING")[0]
    accession = events_of(f, "ACCESSION")[0]
    assert founding["start"] == "1999-12-08" and founding["location"] == "Москва"
    assert accession["start"] == "2021-01"
    assert "Узбекистан" in accession["participants"]


def test_no_event_from_a_mere_mention_of_membership():
    f = facts("В мероприятии участвуют представители государств — членов организации.")
    assert not events_of(f, "ACCESSION")


# -- agreements -----------------------------------------------------------------------------------

def test_signed_agreement_kind_title_parties_and_date():
    f = facts("12 ноября 2024 г. в Ханое Министерство связи Республики Беларусь и Министерство информации "
              "Вьетнама подписали Программу сотрудничества на 2025–2027 годы.")
    a = f["agreements"][0]
    assert a["kind"] == "programme"
    assert a["title"] == "Программа сотрудничества на 2025–2027 годы"
    assert a["signed"] == "2024-11-12"
    assert len(a["parties"]) == 2


def test_agreement_title_stops_before_the_signing_clause():
    f = facts("Стороны обсудили выполнение Дорожной карты сотрудничества в области связи, подписанной в мае "
              "2023 г. в Астане.")
    a = f["agreements"][0]
    assert a["kind"] == "roadmap"
    assert a["title"] == "Дорожная карта сотрудничества в области связи"
    assert events_of(f, "SIGNING")[0]["start"] == "2023-05"


def test_parties_named_inside_the_title():
    f = facts("Стороны договорились о подписании Соглашения между Арменией и Грузией о роуминге.")
    a = f["agreements"][0]
    assert a["kind"] == "agreement"
    assert set(a["parties"]) == {"Армения", "Грузия"}
    assert a["signed"] is None


# -- topics and the record ------------------------------------------------------------------------

def test_topics_from_the_taxonomy():
    f = facts("Стороны обсудили регулирование технологий искусственного интеллекта и этические аспекты "
              "применения ИИ, а также кибербезопасность сетей электросвязи.")
    ids = [t["id"] for t in f["topics"]]
    assert "ai" in ids and "ai_regulation" in ids and "cybersecurity" in ids
    assert "education_research" not in ids


def test_every_event_points_at_its_sentence():
    text = "Первая фраза без событий.\n12 мая в Ташкенте состоялись переговоры министров."
    rec = communique.extract(text, language="ru")
    ev = rec.events[0]
    assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    assert ev.evidence.text.startswith("12 мая")
    for m in rec.mentions:
        assert text[m.start:m.end] == m.text


def test_publication_date_from_a_dateline():
    rec = communique.extract("Ташкент, 14 марта 2025 г.\nВчера в Ташкенте прошли переговоры министров.",
                             language="ru")
    assert rec.document.published == "2025-03-14"
    assert rec.events[0].start == "2025-03-13"


def test_a_body_name_does_not_run_on_into_the_next_paragraph():
    f = facts("Минск, 13 марта 2026 г.\nВ Секретариате СНГ проходит второе совещание Рабочей группы по цифровой экономике\n"
              "12–13 марта в Минске проходит второе совещание Рабочей группы.", published="2026-03-13")
    names = [o["name"] for o in f["organizations"]]
    assert "Рабочая группа по цифровой экономике" in names
    assert not any(n[-1].isdigit() for n in names), names


def test_a_body_name_stops_before_the_person_who_heads_it():
    f = facts("Заседание открыл председатель Комиссии по вопросам этики в сфере ИИ Павел Воронин, "
              "который выступил с докладом о практике.")
    names = [o["name"] for o in f["organizations"]]
    assert names == ["Комиссия по вопросам этики в сфере ИИ"], names  # 'ИИ' kept, the person not


def test_names_follow_the_texts_spelling_of_yo():
    plain = facts("Министр встретился с представителями Организации Объединенных Наций в Минске.")
    assert "Организация Объединенных Наций" in [o["name"] for o in plain["organizations"]]
    with_yo = facts("Министр встретился с представителями Организации Объединённых Наций в Минске.")
    assert "Организация Объединённых Наций" in [o["name"] for o in with_yo["organizations"]]


def test_a_known_body_named_in_full_is_called_by_the_texts_full_name():
    f = facts("В Ашхабаде прошло заседание Совета глав правительств Содружества Независимых Государств. "
              "В заседании СГП СНГ приняли участие премьер-министры.")
    body = next(o for o in f["organizations"] if o["name"].startswith("Совет глав правительств"))
    assert body["name"] == "Совет глав правительств Содружества Независимых Государств"
    assert {"СГП СНГ", "Совет глав правительств СНГ"} <= set(body["aliases"])  # the short forms stay aliases
    short = facts("В Ашхабаде прошло заседание Совета глав правительств СНГ.")
    # the union named inside the council's name is one of the text's organizations too (real/README.md)
    assert [o["name"] for o in short["organizations"]] == ["Совет глав правительств СНГ",
                                                           "Содружество Независимых Государств"]
    run_on = facts("Делегация посетила штаб-квартиру Шанхайской организации сотрудничества в сфере ИКТ.")
    assert [o["name"] for o in run_on["organizations"]] == ["Шанхайская организация сотрудничества"]


def test_lexicon_words_written_with_yo_still_match():
    f = facts("Стороны подписали Договорённость о сотрудничестве в области связи.")
    assert [a["kind"] for a in f["agreements"]] == ["agreement"]


def test_agreement_evidence_is_the_text_at_its_offsets():
    text = "Заголовок\n*Стороны подписали Меморандум о сотрудничестве в области связи.*\n"
    rec = communique.extract(text, language="ru")
    assert rec.agreements
    for a in rec.agreements:
        assert text[a.evidence.start:a.evidence.end] == a.evidence.text
        assert not a.evidence.text.startswith("*")


# -- long sentences (issue 14) ---------------------------------------------------------------------

def test_date_owners_agree_with_nearest_trigger():
    from types import SimpleNamespace as NS

    from communique.extract.events import date_owners, nearest_trigger

    triggers = [NS(char_start=s, char_end=s + 5) for s in (10, 30, 31 + 5, 80, 200)]
    dates = [NS(start=s, end=s + 4) for s in (0, 16, 20, 25, 41, 60, 70, 150, 190, 260)]
    dates[2] = NS(start=20, end=25)  # 5 characters from the first trigger and from the second
    owners = date_owners(dates, triggers)
    assert all(owners[id(d)] is nearest_trigger(d, triggers) for d in dates)
    # equal distances: the first trigger wins, as nearest_trigger says
    assert owners[id(dates[2])] is triggers[0]


def test_a_long_run_on_sentence_keeps_its_dates():
    text = "".join(f"{day:02d}.03.2026 визит, " for day in range(1, 29)) * 12 + \
        "а 30 марта 2026 года подписано соглашение."
    f = facts(text)
    assert [e["start"] for e in events_of(f, "SIGNING")] == ["2026-03-30"]
    assert events_of(f, "VISIT")[0]["start"] == "2026-03-01"


def test_an_event_told_before_the_dated_one_takes_no_date_from_it():
    f = facts("Министр транспорта Олег Журавский провел встречу с послом Чили Мануэлем Ортисом.\n\n"
              "Стороны вспомнили о конференции, которая состоялась в мае 2019 года в Сантьяго.")
    meeting = events_of(f, "MEETING")[0]
    assert meeting["start"] is None and meeting["location"] is None


# -- agreements ------------------------------------------------------------------------------------

def agreements_of(text):
    return [(a["kind"], a["title"]) for a in facts(text)["agreements"]]


def test_a_title_stops_where_the_next_clause_begins():
    got = agreements_of("Министры обсудили ход реализации Соглашения о транзите грузов и подготовку очередного "
                        "заседания комиссии.")
    assert got == [("agreement", "Соглашение о транзите грузов")]
    got = agreements_of("В 1995 году было подписано Соглашение о создании АСТ - организации почтовой связи.")
    assert got == [("agreement", "Соглашение о создании АСТ")]
    # "между X и Y" keeps both parties in the title
    got = agreements_of("Подписан Меморандум о сотрудничестве между Министерством финансов Республики Беларусь и "
                        "Министерством финансов Монголии.")
    assert got[0][1].endswith("Министерством финансов Монголии")


def test_praise_and_a_bare_participle_are_not_in_the_title():
    got = agreements_of("В Гродно подписан исторически важный меморандум, призванный укрепить связи городов.")
    assert got == [("memorandum", "меморандум")]


def test_a_bare_document_noun_refers_back_and_a_headline_title_is_told_in_full():
    got = agreements_of("Грузия и Молдова подписали план сотрудничества\n\n"
                        "В Тбилиси министры подписали меморандум о сотрудничестве в области туризма. "
                        "Соглашение подписали также представители Армении. "
                        "Стороны подписали план действий программы сотрудничества на 2024-2026 годы.")
    kinds = [k for k, _ in got]
    assert kinds.count("agreement") == 0 and kinds.count("plan") == 1
    assert next(t for k, t in got if k == "plan").startswith("план действий программы сотрудничества")


def test_documents_listed_after_a_colon_are_agreements():
    got = agreements_of("По итогам саммита приняты следующие документы:\n\n"
                        "1. Тбилисская декларация 5-го Саммита Ассоциации приморских государств;\n\n"
                        "2. Совместное заявление о борьбе с пиратством.")
    assert ("declaration", "Тбилисская декларация 5-го Саммита Ассоциации приморских государств") in got
    assert any(k == "statement" and t.startswith("Совместное заявление") for k, t in got)


def test_a_document_adopted_inside_another_title_is_one_of_its_own():
    got = agreements_of("Стороны подписали Протокол об утверждении Программы научного сотрудничества.")
    assert ("protocol", "Протокол об утверждении Программы научного сотрудничества") in got
    assert ("programme", "Программа научного сотрудничества") in got


# -- events on the shapes of real releases ---------------------------------------------------------

def test_creating_a_system_is_no_founding_and_an_institution_is_no_founding():
    f = facts("Министры обсудили ход создания единой информационной системы таможенных органов. "
              "Институт является ведущим учреждением страны в области метрологии.")
    assert events_of(f, "FOUNDING") == []
    f = facts("Стороны договорились о создании совместной комиссии по торговле.")
    assert len(events_of(f, "FOUNDING")) == 1


def test_acting_as_and_appealing_with_a_proposal_are_no_speeches():
    f = facts("Новый технопарк выступит катализатором для стартапов региона. "
              "Секретариат обратится к руководству телеканала с предложением подготовить фильм.")
    assert events_of(f, "SPEECH") == []
    f = facts("К участникам конференции с приветственным словом обратился мэр Гродно Павел Лисовский.")
    assert len(events_of(f, "SPEECH")) == 1


def test_people_told_in_a_participation_sentence_join_the_meeting():
    f = facts("Министр энергетики Олег Журавский провел встречу с послом Чили Мануэлем Ортисом. "
              "Во встрече также приняли участие председатель правления компании «Энергосеть» Игорь Лапин "
              "и представители АО «Гидрострой».")
    meetings = events_of(f, "MEETING")
    assert len(meetings) == 1
    assert {"Олег Журавский", "Мануэль Ортис", "Игорь Лапин"} <= set(meetings[0]["participants"])


def test_a_lead_told_again_in_full_is_one_meeting():
    f = facts("Министр культуры Олег Журавский встретился в Гродно с руководителем агентства туризма.\n\n"
              "Министр культуры Олег Журавский встретился в Гродно с руководителем агентства туризма "
              "Мануэлем Ортисом.")
    meetings = events_of(f, "MEETING")
    assert len(meetings) == 1 and {"Олег Журавский", "Мануэль Ортис"} <= set(meetings[0]["participants"])
    f = facts("Министр культуры Олег Журавский встретился в Гродно с послом Чили Мануэлем Ортисом. "
              "Затем министр культуры Олег Журавский встретился в Гродно с послом Перу Хосе Гарсией.")
    assert len(events_of(f, "MEETING")) == 2


def test_a_document_signed_again_is_the_same_signing():
    f = facts("Союзы журналистов Грузии и Армении подписали в Тбилиси меморандум о сотрудничестве. "
              "Документ подписали председатель Союза журналистов Грузии Нино Беридзе и председатель "
              "Союза журналистов Армении Арам Петросян.")
    signings = events_of(f, "SIGNING")
    assert len(signings) == 1 and {"Нино Беридзе", "Арам Петросян"} <= set(signings[0]["participants"])


def test_statuses_from_opening_and_arriving_and_plans():
    f = facts("В Вене начала работу очередная сессия Генеральной конференции МАГАТЭ.")
    assert events_of(f, "MEETING")[0]["status"] == "ongoing"
    f = facts("5 марта 2019 года в Республику Армения с официальным визитом прибыл министр иностранных дел "
              "Чили Мануэль Ортис.")
    assert events_of(f, "VISIT")[0]["status"] == "ongoing"
    f = facts("В планах сторон заключить соглашение между университетами об обмене студентами.")
    assert events_of(f, "SIGNING")[0]["status"] == "planned"


def test_adopting_documents_is_a_signing_and_a_generic_event_noun_gives_its_date():
    f = facts("По итогам саммита лидерами стран приняты следующие документы:")
    s = events_of(f, "SIGNING")
    assert len(s) == 1 and s[0]["status"] == "occurred"
    f = facts("Министр связи Олег Журавский примет участие в заседании Совета операторов связи. "
              "Мероприятие состоится 14-15 июня 2027 года в Казани.")
    m = events_of(f, "MEETING")[0]
    assert (m["start"], m["end"], m["location"]) == ("2027-06-14", "2027-06-15", "Казань")


def test_a_hyphenated_forum_and_a_congress_are_forums():
    f = facts("В Гродно состоялся Первый молодежный ИТ-форум Беларуси и Литвы.")
    assert len(events_of(f, "FORUM")) == 1
    f = facts("В Бресте 3-5 мая 2027 года пройдет IV Съезд библиотекарей стран Содружества.")
    assert len(events_of(f, "FORUM")) == 1


# -- roles on the shapes of real releases ----------------------------------------------------------

def test_two_titles_of_one_person_are_two_roles_in_the_nominative():
    f = facts("В Гродно состоялась встреча мэра Гродно Павла Лисовского с Министром культуры Республики Беларусь, "
              "Председателем Совета по культурному сотрудничеству Мартином Зелинским.")
    assert person(f, "Зелинский")["roles"] == ["Министр культуры Республики Беларусь",
                                               "Председатель Совета по культурному сотрудничеству"]


def test_acting_quoted_company_and_former_titles():
    f = facts("На заседании председательствовал Исполняющий обязанности Премьер-министра Республики Молдова "
              "Иван Морару.")
    assert person(f, "Морару")["roles"] == ["Исполняющий обязанности Премьер-министра Республики Молдова"]
    f = facts("Во встрече участвовал президент компании «Связьинвест» Олег Лапин.")
    assert person(f, "Лапин")["roles"] == ["президент компании «Связьинвест»"]
    f = facts("Его предшественником был экс-глава Минтранса Армении Ваграм Галстян.")
    assert person(f, "Галстян")["roles"] == ["экс-глава Минтранса Армении"]
    f = facts("Замминистра транспорта Армении Ваграм Галстян подписал протокол.")
    assert person(f, "Галстян")["roles"] == ["Замминистра транспорта Армении"]


def test_under_the_leadership_of_is_no_title():
    f = facts("Совещание прошло под руководством Председателя Комиссии по связи Ирины Беловой.")
    assert person(f, "Белова")["roles"] == ["Председатель Комиссии по связи"]


# -- organizations that are no body of the story ---------------------------------------------------

def test_datelines_credits_sections_and_navigation_give_no_organizations():
    text = ("Министры обсудили транзит - Вести Полесья, 03.02.2027\n"
            "КОММЮНИКЕ\n"
            "03.02.2027 | 12:40 — ЭКОНОМИКА\n"
            "© Вести Полесья / Иван Сидоров\n"
            "БРЕСТ, 3 фев - Вести Полесья. Министр транспорта Республики Беларусь Олег Журавский "
            "встретился с президентом компании «Полесьеавто» Игорем Лапиным, сообщает агентство «Белинформ».\n"
            "Подписывайтесь на Вести Полесья в Телеграме\n"
            "ГРОДНО, 4 февраля. /Вести Полесья/. Министр связи Игорь Лапин посетил Гродно.")
    names = [o["name"] for o in facts(text)["organizations"]]
    assert not any("Вести" in n or "КОММЮНИКЕ" in n or "ЭКОНОМИКА" in n for n in names), names
    assert any("Белинформ" in n for n in names) and any("Полесьеавто" in n for n in names)


def test_arriving_in_a_capital_names_the_capital_and_a_reception_is_a_meeting():
    f = facts("Министр транспорта Армении Ваграм Галстян прибыл в Астану с рабочим визитом.")
    assert ("Астана", "KZ") in [(loc["name"], loc.get("iso")) for loc in f["locations"]]
    visit = events_of(f, "VISIT")[0]
    assert visit["location"] == "Астана" and visit["status"] == "ongoing"
    f = facts("Президент Молдовы Игорь Лапин принял посла Чили Мануэля Ортиса.")
    meeting = events_of(f, "MEETING")
    assert len(meeting) == 1 and {"Игорь Лапин", "Мануэль Ортис"} <= set(meeting[0]["participants"])
    assert events_of(facts("Министр принял решение о проверке."), "MEETING") == []


def test_event_dates_from_weekdays_relative_clauses_and_the_same_day():
    f = facts("Министр в четверг провел встречу с послом Чили Мануэлем Ортисом.", published="2031-05-09")
    assert events_of(f, "MEETING")[0]["start"] == "2031-05-08"
    f = facts("Стороны обсудили подготовку V Съезда библиотекарей стран СНГ, который состоится "
              "7-9 октября 2031 года в Бресте.")
    forum = events_of(f, "FORUM")[0]
    assert forum["status"] == "planned" and forum["start"] == "2031-10-07"
    f = facts("Ассоциация почтовых операторов создана 12 марта 1993 года в Минске. "
              "В тот же день стороны подписали Соглашение о создании Ассоциации.")
    signing = events_of(f, "SIGNING")[0]
    assert (signing["start"], signing["location"]) == ("1993-03-12", "Минск")


def test_a_quoted_statement_and_a_frame_around_the_event_just_told():
    f = facts("В Гродно состоялось 3-е заседание Совета глав почтовых ведомств.\n\n"
              "\"Заседание прошло в Гродно\", — сообщил Игорь Лапин.\n\n"
              "По итогам мероприятия участниками приняты следующие документы:")
    assert len(events_of(f, "MEETING")) == 1
    signing = events_of(f, "SIGNING")[0]
    assert signing["location"] == "Гродно" and signing["parent"] == events_of(f, "MEETING")[0]["id"]


def test_a_numbered_body_that_is_held_is_its_meeting():
    f = facts("В Риге состоялся 17-й Балтийский совет по энергетике.\n\n"
              "Стороны договорились о проведении 18-го Балтийского совета по энергетике 5 мая 2031 года.")
    meetings = events_of(f, "MEETING")
    assert [m["status"] for m in meetings] == ["occurred", "planned"]
    assert meetings[0]["location"] == "Рига" and meetings[1]["start"] == "2031-05-05"
    assert events_of(facts("Совет по энергетике рассмотрел вопросы тарифов."), "MEETING") == []


def test_the_agency_that_reports_is_no_participant():
    f = facts("Министр связи Олег Журавский встретился в Гродно с послом Чили Мануэлем Ортисом, сообщает "
              "агентство «Гроднопресс».")
    meeting = events_of(f, "MEETING")[0]
    assert not any("Гроднопресс" in p for p in meeting["participants"])
    assert any("Гроднопресс" in o["name"] for o in f["organizations"])


def test_two_acronyms_with_a_slash_and_a_meeting_word_before_a_body():
    f = facts("Заседание стало этапом подготовки стран ЕАЭС/СНГ к конференции.\n\n"
              "Заседание Совета министров обороны прошло в Минске.")
    names = [o["name"] for o in f["organizations"]]
    assert "Содружество Независимых Государств" in names and "Евразийский экономический союз" in names
    assert not any(n.startswith("Заседание") for n in names) and not any("/" in n for n in names)


def test_a_title_after_the_name_too_and_not_the_next_persons_title():
    f = facts("Заседание прошло под руководством Председателя Комиссии по связи Ирины Беловой, заместителя "
              "министра связи Республики Беларусь.")
    assert person(f, "Белова")["roles"] == ["Председатель Комиссии по связи",
                                            "заместитель министра связи Республики Беларусь"]
    f = facts("В заседании участвовали посол Чили Мануэль Ортис, Исполняющий обязанности Премьер-министра "
              "Республики Молдова Игорь Лапин.")
    assert person(f, "Ортис")["roles"] == ["посол Чили"]
    assert person(f, "Лапин")["roles"] == ["Исполняющий обязанности Премьер-министра Республики Молдова"]


def test_a_plural_title_with_two_states_is_shared_out_to_two_names():
    f = facts("Встреча министров иностранных дел Грузии и Чили Нино Беридзе и Мануэля Ортиса прошла в Тбилиси.")
    assert person(f, "Беридзе")["roles"] == ["министр иностранных дел Грузии"]
    assert person(f, "Ортис")["roles"] == ["министр иностранных дел Чили"]


def test_election_to_a_council_approving_a_package_and_preparing_for_a_conference():
    f = facts("Грузия, являясь членом Союза с 1994 года, в 2016 году была избрана в Совет Союза.")
    assert sorted(e["start"] for e in events_of(f, "ACCESSION")) == ["1994", "2016"]
    f = facts("Комиссия одобрила итоговый пакет предложений к ассамблее.")
    assert events_of(f, "SIGNING")[0]["status"] == "occurred"
    f = facts("Совещание стало этапом подготовки стран региона к Всемирной конференции по туризму 2031 года.")
    assert events_of(f, "FORUM")[0]["status"] == "planned"


def test_event_names_take_their_ordinal_across_adjectives_and_stop_at_a_date():
    f = facts("В Гродно состоялся Второй молодежный ИТ-форум Беларуси и Литвы.")
    assert events_of(f, "FORUM")[0]["name"] == "Второй молодежный ИТ-форум Беларуси и Литвы"
    f = facts("Стороны обсудили подготовку IV Съезда библиотекарей стран СНГ.")
    assert events_of(f, "FORUM")[0]["name"].startswith("IV Съезд библиотекарей")
    f = facts("Стороны договорились о проведении 18-го заседания Совета по энергетике 5 мая 2031 года в Риге.")
    assert events_of(f, "MEETING")[0]["name"] == "18-е заседание Совета по энергетике"


def test_habits_datelines_and_a_clause_after_a_subject():
    f = facts("Генеральная ассамблея, которая созывается раз в два года, является высшим органом Союза.")
    assert events_of(f, "FORUM") == [] and events_of(f, "MEETING") == []
    f = facts("ГРОДНО, 5 мая - Вести Полесья. Министр связи Игорь Лапин в четверг провел встречу с послом Чили "
              "Мануэлем Ортисом.", published="2031-05-09")
    assert events_of(f, "MEETING")[0]["location"] == "Гродно"
    f = facts("Сегодня в Бресте открылась конференция «Связь — 2031», которая продлится до пятницы.",
              published="2031-05-06")
    assert events_of(f, "FORUM")[0]["status"] != "planned"


def test_forums_planned_in_the_plural_are_news():
    f = facts("В Гродно прошел молодежный форум Беларуси и Литвы. "
              "В планах сторон провести молодежные белорусско-литовские форумы в других городах.")
    forums = events_of(f, "FORUM")
    assert [e["status"] for e in forums] == ["occurred", "planned"]


def test_an_abbreviation_of_common_words_is_no_bodys_acronym():
    f = facts("Ассоциация создана в 1993 году руководителями почтовых ведомств (ПВ) стран региона.")
    assert not any(o["name"] == "ПВ" or "ПВ" in o["aliases"] for o in f["organizations"])
    f = facts("Протокол подписали руководители администраций связи (АС) стран региона.")
    assert not any("Африканск" in o["name"] for o in f["organizations"])


def test_a_headline_after_a_dots_line_and_one_run_into_the_first_sentence_tell_no_events():
    f = facts("...\n\nМинистр связи Армении примет участие в заседании Совета по связи\n\n"
              "Министр связи Армении Ваграм Галстян примет участие в 12-м заседании Совета по связи.")
    assert len(events_of(f, "MEETING")) == 1
    f = facts("По итогам саммита подписаны многосторонние документы\n"
              "в Гродно состоялось 5-е заседание Совета глав почтовых ведомств.")
    assert events_of(f, "SIGNING") == [] and len(events_of(f, "MEETING")) == 1


def test_photo_credits_and_bylines_name_no_persons():
    f = facts("© Вести Полесья / Ирина Белова\n"
              "5 мая (ИА «Вести Полесья», Олег Журавский). — Министр связи Игорь Лапин посетил Брест.")
    names = [p["name"] for p in f["persons"]]
    assert names == ["Игорь Лапин"], names


def test_a_body_named_with_an_acronym_and_then_in_full_is_one_organization():
    f = facts("Совет экспертов ЕАЭС соберется в мае\n\n"
              "В Минске пройдет заседание Совета экспертов Евразийского экономического союза.")
    names = [o["name"] for o in f["organizations"] if o["name"].startswith("Совет экспертов")]
    assert names == ["Совет экспертов Евразийского экономического союза"], names
    f = facts("В Бресте прошло заседание Совета глав администраций связи Регионального Содружества в области связи.")
    council = next(o for o in f["organizations"] if o["name"].startswith("Совет глав"))
    assert "Совет глав администраций связи РСС" in council["aliases"]


def test_a_signing_after_the_talks_hangs_under_the_talks_not_a_planned_meeting():
    f = facts("5 мая 2031 года в Гродно состоялись переговоры министров культуры Литвы и Чили. "
              "Стороны договорились о проведении очередной встречи в 2032 году. "
              "По итогам переговоров подписан меморандум о сотрудничестве.")
    talks = next(e for e in events_of(f, "MEETING") if e["status"] == "occurred")
    signing = events_of(f, "SIGNING")[0]
    assert signing["parent"] == talks["id"]
    assert (signing["start"], signing["location"]) == ("2031-05-05", "Гродно")


def test_a_title_after_a_dash_in_the_instrumental_is_nominative():
    f = facts("Состоялась встреча с Андреем Сидоренко – Министром иностранных дел Республики Беларусь.")
    assert person(f, "Сидоренко")["roles"] == ["Министр иностранных дел Республики Беларусь"]


def test_a_title_ends_with_its_years_before_an_and():
    got = agreements_of("Стороны обсудили ход реализации Программы научного обмена на 2030–2032 годы и подготовку "
                        "очередной сессии комиссии.")
    assert got == [("programme", "Программа научного обмена на 2030–2032 годы")]


def test_who_held_or_opened_the_meeting_joins_it_but_holding_talks_is_news():
    f = facts("5 мая 2031 года в Гродно состоялось 7-е заседание рабочей группы по туризму. "
              "Заседание провели министр туризма Литвы Игорь Лапин и посол Чили Мануэль Ортис.")
    meetings = events_of(f, "MEETING")
    assert len(meetings) == 1 and {"Игорь Лапин", "Мануэль Ортис"} <= set(meetings[0]["participants"])
    f = facts("5 мая 2031 года в Гродно состоялось 7-е заседание рабочей группы по туризму. "
              "Министр туризма Литвы Игорь Лапин провел консультации с послом Чили Мануэлем Ортисом.")
    assert len(events_of(f, "MEETING")) == 2


def test_a_ministry_with_a_state_abbreviation_is_expanded_and_merged():
    f = facts("Заместитель министра Пётр Озёрный провёл консультации, сообщили в пресс-службе МИД РТ. "
              "Глава Минцифры РК посетил технопарк. "
              "Фото: Министерство цифрового развития, инноваций и аэрокосмической промышленности РК")
    names = {o["name"]: o["aliases"] for o in f["organizations"]}
    assert "МИД РТ" in names.get("Министерство иностранных дел Республики Таджикистан", []), names
    full = "Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан"
    assert "Минцифры РК" in names.get(full, []), names
    assert not any(n.startswith("Минцифр") or n.endswith(" РК") for n in names), names


def test_a_known_acronym_typed_with_a_latin_letter_is_the_same_body():
    f = facts("В Гродно пройдет совещание экспертов стран СHГ по вопросам почтовой связи.")  # Latin H
    org = next((o for o in f["organizations"] if "СHГ" in o["aliases"] or o["name"] == "СHГ"), None)
    assert org is not None and org["name"] == "Содружество Независимых Государств", f["organizations"]


def test_a_council_of_a_unions_member_states_is_the_known_council_and_union_ministries_are_no_body():
    f = facts("Главы МИД СНГ собрались в Гродно. Заседание Совета министров иностранных дел стран "
              "Содружества Независимых Государств прошло в закрытом формате.")
    council = [o for o in f["organizations"] if o["name"].startswith("Совет министров иностранных дел")]
    assert len(council) == 1 and "СМИД" in council[0]["aliases"], f["organizations"]
    assert council[0]["name"] == "Совет министров иностранных дел СНГ"  # "стран" makes no fuller name
    assert not any("МИД СНГ" in o["aliases"] or o["name"] == "Министерство иностранных дел"
                   for o in f["organizations"]), f["organizations"]


def test_initials_and_a_surname_in_ova_after_a_genitive_title_are_a_mans_name():
    f = facts("Заседание прошло с участием Премьер-министра Республики Чили Б.А.Коврова и "
              "Министра культуры Республики Перу Е.В.Лапиной. Министр культуры Е.В.Петрова выступила с докладом.")
    names = {p["name"] for p in f["persons"]}
    assert "Б.А.Ковров" in names and "Б.А.Коврова" not in names, names
    assert "Е.В.Петрова" in names, names  # a woman's name in the nominative stays as it is


def test_agreement_kind_is_the_head_noun_as_in_english():
    f = facts("Министры подписали Совместное заявление о сотрудничестве в сфере почтовой связи. "
              "Также была подписана Программа сотрудничества в области образования на 2027–2029 годы.",
              published="2026-11-02")
    assert sorted(a["kind"] for a in f["agreements"]) == ["programme", "statement"]


def test_a_speech_told_before_its_session_takes_the_forums_month():
    f = facts("Сегодня в Заречье начал работу Форум речного судоходства. Мероприятие продлится до 14 мая. "
              "Министр транспорта Руритании Олег Сомов выступил на пленарной сессии форума.",
              published="2025-05-12")
    [forum] = events_of(f, "FORUM")
    assert (forum["start"], forum["end"]) == ("2025-05-12", "2025-05-14")
    [speech] = events_of(f, "SPEECH")
    assert speech["start"] == "2025-05"  # inside a forum of several days: its month


def test_a_known_body_whose_name_is_all_generic_words_is_an_organization():
    f = facts("Очередное заседание Евразийского межправительственного совета пройдет в Заречье.")
    assert [o["name"] for o in f["organizations"]] == ["Евразийский межправительственный совет"]
    bare = facts("В Заречье прошло заседание Совета.")
    assert bare["organizations"] == []


def test_a_contracted_body_name_is_the_commission_named_before_and_a_venue_is_no_body():
    f = facts("Сегодня в Доме правительства состоялось третье заседание Межправительственной армяно-грузинской "
              "комиссии по торговле. По итогам подписан Протокол третьего заседания Межправкомиссии.")
    assert [o["name"] for o in f["organizations"]] == ["Межправительственная армяно-грузинская комиссия по торговле"]


def test_a_title_case_dateline_with_a_year_gives_the_meeting_its_city():
    f = facts("Ереван, 14 марта 2025. /Агентство/. Сегодня в Доме правительства состоялось заседание "
              "Межправительственной армяно-грузинской комиссии по торговле.", published="2025-03-14")
    [meeting] = events_of(f, "MEETING")
    assert meeting["location"] == "Ереван"


def test_observer_state_status_is_an_accession_and_members_taking_part_are_not():
    f = facts("Министр напомнил, что Монголия получила статус государства-наблюдателя при ЕАЭС в декабре 2020 года.")
    [acc] = events_of(f, "ACCESSION")
    assert acc["start"] == "2020-12" and "Монголия" in acc["participants"]
    g = facts("В заседании приняли участие члены Совета ЕЭК – вице-премьеры государств – членов Евразийского "
              "экономического союза.")
    assert events_of(g, "ACCESSION") == []


def test_a_country_in_a_place_phrase_is_no_participant():
    f = facts("3 марта в Тбилиси прошли переговоры министра иностранных дел Грузии Ираклия Беридзе с министром "
              "иностранных дел Армении Арамом Саркисяном, прибывшим в Грузию с рабочим визитом.", published="2025-03-03")
    [talks] = events_of(f, "MEETING")
    assert talks["participants"] == ["Ираклий Беридзе", "Арам Саркисян"]


def test_a_body_founded_in_a_participle_clause_is_the_foundings_one_participant():
    f = facts("Армения и Грузия являются членами Организации Договора о северном судоходстве, созданной в 2004 году.")
    [founding] = events_of(f, "FOUNDING")
    assert founding["start"] == "2004"
    assert founding["participants"] == ["Организация Договора о северном судоходстве"]


def test_a_plural_title_before_a_dash_is_shared_by_each_holder():
    f = facts("Встречу провели сопредседатели группы – министр транспорта Армении Арам Саркисян и министр "
              "транспорта Грузии Ираклий Беридзе.")
    assert person(f, "Саркисян")["roles"] == ["сопредседатель группы", "министр транспорта Армении"]
    assert person(f, "Беридзе")["roles"] == ["сопредседатель группы", "министр транспорта Грузии"]


def test_a_region_is_no_place_of_the_facts():
    f = facts("Форум организован совместно с Правительством Тверской области в Казани.")
    assert [loc["name"] for loc in f["locations"]] == ["Казань"]
    record = communique.extract("Делегация посетила Тверскую область.", language="ru")
    assert [(e.name, e.kind) for e in record.entities] == [("Тверская область", "region")]  # kept in the KB


def test_what_a_speaker_recalls_is_not_part_of_the_speech():
    f = facts("Сегодня в Казани начал работу Форум речного судоходства. Министр транспорта Армении Арам Саркисян "
              "в приветственном слове участникам напомнил, что в мае 2023 года на саммите в Тбилиси Армения "
              "получила статус наблюдателя.", published="2025-05-12")
    [speech] = events_of(f, "SPEECH")
    assert speech["start"] == "2025-05-12" and speech["location"] == "Казань"
    [summit] = events_of(f, "MEETING")
    assert summit["start"] == "2023-05" and "Арам Саркисян" not in summit["participants"]
    [accession] = events_of(f, "ACCESSION")  # what happened at the summit takes its date
    assert (accession["start"], accession["location"]) == ("2023-05", "Тбилиси")


def test_in_those_days_gives_the_whole_period_of_the_event_before():
    f = facts("Делегация Министерства связи Армении примет участие в заседании комиссии, которое пройдет 14-15 мая "
              "2025 года в Ереване. В эти дни также пройдут переговоры министров связи.", published="2025-05-01")
    periods = [(e["start"], e["end"]) for e in events_of(f, "MEETING")]
    assert periods == [("2025-05-14", "2025-05-15")] * 2


def test_a_meeting_of_the_commission_is_one_of_the_commission_named_before():
    f = facts("Сегодня в Ереване состоялось третье заседание Межправительственной армяно-грузинской комиссии по "
              "торговле. Следующее заседание комиссии решено провести в 2026 году в Тбилиси.", published="2025-05-01")
    nxt = next(e for e in events_of(f, "MEETING") if e["start"] == "2026")
    assert nxt["participants"] == ["Межправительственная армяно-грузинская комиссия по торговле"]


def test_the_head_of_state_told_without_a_name_is_a_role_of_the_releases_president():
    f = facts("Президент Армении Ваан Хачатурян провел телефонный разговор с Президентом Грузии Михаилом "
              "Кавелашвили. Глава государства поздравил коллегу с праздником.")
    assert person(f, "Хачатурян")["roles"] == ["Президент Армении", "Глава государства"]
    assert person(f, "Кавелашвили")["roles"] == ["Президент Грузии"]


def test_a_visit_one_is_invited_to_is_planned_but_one_made_at_an_invitation_occurred():
    invited = facts("Президент Армении Ваан Хачатурян подтвердил приглашение посетить Ереван с официальным визитом.")
    assert [e["status"] for e in events_of(invited, "VISIT")] == ["planned"]
    made = facts("По приглашению Министра делегация Грузии посетила Ереван 3 марта 2025 года.")
    assert [e["status"] for e in events_of(made, "VISIT")] == ["occurred"]


def test_the_place_a_visit_goes_to_without_a_preposition_is_its_location():
    f = facts("Министр иностранных дел Армении Арам Саркисян посетит Грузию с рабочим визитом.")
    assert [e["location"] for e in events_of(f, "VISIT")] == ["Грузия"]


def test_a_signing_that_was_the_means_of_a_founding_takes_its_date():
    f = facts("Напомним, Организация черноморского сотрудничества была учреждена 25 июня 1992 года подписанием "
              "Стамбульской декларации.")
    assert [e["start"] for e in events_of(f, "SIGNING")] == ["1992-06-25"]
    assert [a["signed"] for a in f["agreements"]] == ["1992-06-25"]


# -- participants: who takes part, not who is only named -------------------------------------------

def test_parent_body_of_a_council_is_not_a_participant_of_its_meeting():
    f = facts("В Ташкенте состоялось заседание Совета министров иностранных дел Содружества Независимых "
              "Государств (СНГ).")
    (ev,) = events_of(f, "MEETING")
    assert ev["participants"] == ["Совет министров иностранных дел Содружества Независимых Государств"]


def test_visit_told_in_a_relative_clause_has_only_the_visitor():
    f = facts("Заместитель министра Олег Петрунин провел переговоры с Министром связи Республики Молдова "
              "Андреем Чобану, который находится в России с рабочим визитом.")
    (visit,) = events_of(f, "VISIT")
    assert visit["participants"] == ["Андрей Чобану"]
    (meeting,) = events_of(f, "MEETING")
    assert meeting["participants"] == ["Олег Петрунин", "Андрей Чобану"]


def test_who_invites_to_a_visit_does_not_travel():
    f = facts("Президент Ильдар Касенов пригласил министра Павла Ровенко посетить Астану с официальным визитом.")
    (visit,) = events_of(f, "VISIT")
    assert "Ильдар Касенов" not in visit["participants"]


def test_body_named_only_in_a_documents_title_is_not_its_signer():
    f = facts("Соглашение о создании Центра цифровых компетенций сегодня подписали Министерство связи "
              "Республики Армения и ПАО «Армтелеком».")
    (ev,) = events_of(f, "SIGNING")
    assert ev["participants"] == ["Министерство связи Республики Армения", "ПАО «Армтелеком»"]


def test_bodies_a_document_is_between_stay_its_parties():
    f = facts("Стороны подписали Меморандум о взаимопонимании между Министерством связи Республики Армения и "
              "Министерством цифрового развития Республики Молдова.")
    (ev,) = events_of(f, "SIGNING")
    assert len(ev["participants"]) == 2


def test_body_named_for_its_member_states_is_not_a_participant():
    f = facts("В тот же день Павел Орлов провел консультации с постоянными представителями государств — "
              "участников СНГ при органах Содружества.")
    (ev,) = events_of(f, "MEETING")
    assert ev["participants"] == ["Павел Орлов"]
    f = facts("Вчера в Минске прошло заседание Совета Евразийской экономической комиссии. В заседании приняли "
              "участие вице-премьеры государств – членов Евразийского экономического союза, а также председатель "
              "Коллегии Евразийской экономической комиссии Иван Лосев.")
    (ev,) = events_of(f, "MEETING")
    assert "Евразийский экономический союз" not in ev["participants"]
    assert "Иван Лосев" in ev["participants"]


def test_member_states_phrase_that_names_the_event_keeps_the_body():
    f = facts("Сегодня в Казани начал работу Форум цифровой экономики государств – членов Шанхайской организации "
              "сотрудничества.")
    (ev,) = events_of(f, "FORUM")
    assert ev["participants"] == ["Шанхайская организация сотрудничества"]


def test_title_without_a_name_names_the_one_who_holds_it():
    f = facts("Пятнадцатого мая генеральный секретарь организации Тимур Адилов встретился с послом Армении. "
              "Генеральный секретарь Организации Договора о коллективной безопасности в пятницу провел встречу с "
              "послом Молдовы Андреем Чобану.")
    second = events_of(f, "MEETING")[1]
    assert sorted(second["participants"]) == ["Андрей Чобану", "Тимур Адилов"]


def test_parent_named_right_after_a_council_is_not_a_participant():
    f = facts("В Баку состоялось 30-е заседание Электроэнергетического совета (ЭЭС) СНГ.")
    (ev,) = events_of(f, "MEETING")
    assert ev["participants"] == ["Электроэнергетический совет"]


def test_the_state_whose_delegation_travels_takes_part_in_the_visit():
    f = facts("Министр связи Армении Арам Петросян встретился с коллегой из Индии. Документ планируется подписать в "
              "ходе визита армянской правительственной делегации в Нью-Дели в текущем году.")
    (ev,) = events_of(f, "VISIT")
    assert ev["participants"] == ["Армения"]


def test_states_of_a_compound_adjective_are_the_sides_of_a_meeting():
    f = facts("Министр иностранных дел Республики Беларусь Павел Орлов посетил Оман. Накануне в Маскате состоялся "
              "первый раунд белорусско-оманских межмидовских консультаций.")
    (ev,) = events_of(f, "MEETING")
    assert ev["participants"] == ["Беларусь", "Оман"]


def test_a_takzhe_splits_a_sentence_between_two_events():
    f = facts("Стороны обсудили ход выполнения договоренностей, достигнутых в ходе государственного визита Президента "
              "Азербайджана Ильхама Алиева в Казахстан в августе прошлого года, а также подготовку к неформальному "
              "саммиту Организации тюркских государств, который состоится в Габале.")
    (visit,) = events_of(f, "VISIT")
    assert "Организация тюркских государств" not in visit["participants"]
    f = facts("В Минске министр Павел Орлов встретился с послом Армении Ашотом Мкртчяном, а также выступил с лекцией "
              "перед студентами Белорусского государственного университета.")
    (speech,) = events_of(f, "SPEECH")
    assert "Павел Орлов" in speech["participants"]


def test_states_that_name_a_forum_are_not_its_participants():
    f = facts("В Минске состоялся Первый молодежный IT-форум Латвии и Эстонии.")
    (ev,) = events_of(f, "FORUM")
    assert ev["participants"] == []


def test_body_of_the_other_event_in_the_sentence_is_not_a_party():
    f = facts("Сегодня в Ереване прошло 9-е заседание Постоянной российско-армянской межправительственной комиссии по "
              "экономическому сотрудничеству, в рамках которого планируется подписание Протокола о сотрудничестве "
              "в сфере транспорта.")
    (meeting,) = events_of(f, "MEETING")
    (signing,) = events_of(f, "SIGNING")
    assert len(meeting["participants"]) == 1
    assert signing["participants"] == []


def test_visit_of_a_guest_received_by_a_host_of_the_visited_country():
    f = facts("12 мая 2025 г. в Астане состоялись переговоры Министра энергетики Республики Казахстан Ерлана "
              "Сатпаева с Министром энергетики Республики Армения Гором Мартиросяном, который находится в "
              "Казахстане с рабочим визитом 11–13 мая.")
    visit = events_of(f, "VISIT")[0]
    assert visit["location"] == "Казахстан"


def test_a_minister_abroad_speaking_of_his_own_country_keeps_no_home_venue():
    f = facts("12 мая 2025 г. Министр энергетики Республики Армения Гор Мартиросян посетил с визитом "
              "выставку, рассказав об опыте в Республике Армения.")
    assert all(e["location"] != "Армения" for e in events_of(f, "VISIT"))


def test_a_restated_meeting_gives_its_place_to_the_meeting_and_its_speeches():
    f = facts("Совет Северного энергетического союза на заседании 14 марта 2025 г. одобрил программу развития "
              "сетей. Заседание прошло в Казани под председательством Министра энергетики Ивана Лесовского. "
              "На заседании с докладом выступил Министр связи Петр Калинин.", published="2025-03-15")
    meeting = next(e for e in events_of(f, "MEETING") if "одобрил" in e["evidence"])
    assert meeting["location"] == "Казань"
    assert all(s["location"] == "Казань" for s in events_of(f, "SPEECH"))


def test_a_call_has_no_place_of_its_own_nor_from_the_visit_it_is_told_in():
    f = facts("С 3 по 5 июня 2025 г. Министр связи Ивания Петр Калинин находится с визитом в Казахстане. "
              "В ходе визита состоялся сеанс видеосвязи с участниками заседания экспертной группы, "
              "проходившего в Бангкоке.", published="2025-06-04")
    calls = events_of(f, "CALL")
    assert calls and all(c["location"] is None for c in calls)


def test_a_place_of_the_work_an_agreement_is_about_is_not_its_venue():
    f = facts("С 3 по 5 июня 2025 г. в Астане проходит энергетический форум «Степь — 2025». В рамках форума "
              "министерство и компания «Северный ток» подписали соглашение о строительстве в Караганде "
              "ветровой электростанции.", published="2025-06-04")
    signing = events_of(f, "SIGNING")[0]
    assert signing["location"] == "Астана"


def test_an_event_in_a_where_clause_takes_the_place_the_clause_is_about():
    f = facts("Местом следующего раунда выбрана Вена, где 12 июня 2025 г. пройдут переговоры министров связи.",
              published="2025-06-04")
    assert events_of(f, "MEETING")[0]["location"] == "Вена"
