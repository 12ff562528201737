"""Event arguments (Russian) on sentences written for them: places a decision takes from its meeting,
the status of a status asked for, the place of a visit."""

import communique


def facts(text, published=None):
    return communique.extract(text, published=published, language="ru").to_facts()


def events_of(f, type_):
    return [e for e in f["events"] if e["type"] == type_]


def test_a_status_granted_at_a_session_takes_its_place_and_a_status_asked_for_is_planned():
    f = facts("12–13 мая 2025 года в Казани состоялось 40-е заседание Совета Северного союза связи. "
              "Совет принял решение о предоставлении Республике Ивании статуса наблюдателя. "
              "Рассмотрено также обращение Республики Остров о получении статуса наблюдателя.",
              published="2025-05-14")
    granted = next(e for e in events_of(f, "ACCESSION") if "предоставлении" in e["evidence"])
    asked = next(e for e in events_of(f, "ACCESSION") if "получении" in e["evidence"])
    assert granted["location"] == "Казань" and granted["status"] == "occurred"
    assert asked["status"] == "planned" and asked["location"] is None


def test_a_background_fact_with_its_own_date_keeps_to_itself():
    f = facts("12 мая 2025 года в Казани состоялось заседание Совета Северного союза связи. "
              "Республика Ивания получила статус наблюдателя в ноябре 2021 года.", published="2025-05-14")
    acc = events_of(f, "ACCESSION")[0]
    assert acc["location"] is None and acc["start"] == "2021-11"


def test_a_body_told_by_its_acronym_takes_its_full_name_told_later():
    f = facts("Секретариат ШОС сообщил об этом 3 мая 2026 г. В Секретариате Шанхайской организации "
              "сотрудничества прошла встреча экспертов.", published="2026-05-04")
    assert "Секретариат Шанхайской организации сотрудничества" in [o["name"] for o in f["organizations"]]


def test_ministers_who_agree_to_hold_consultations_are_not_their_participants():
    f = facts("12 марта 2026 года в Москве состоялись переговоры Министра иностранных дел Республики Ивания "
              "Петра Калинина с Министром иностранных дел Королевства Остров Иваном Лесовским. П.Р.Калинин и "
              "И.С.Лесовский условились провести очередной раунд консультаций в Казани в апреле.",
              published="2026-03-13")
    ahead = next(e for e in events_of(f, "MEETING") if "условились" in e["evidence"])
    assert ahead["participants"] == []


def test_a_deputy_minister_told_by_the_short_word_is_the_one_the_text_names():
    f = facts("5 мая 2025 г. заместитель Министра связи Республики Ивания Петр Калинин провел переговоры с "
              "Министром связи Королевства Остров Иваном Лесовским. Замминистра также выступил на пленарной "
              "сессии форума «Связь — 2025».", published="2025-05-06")
    speech = events_of(f, "SPEECH")[0]
    assert any(p.endswith("Калинин") for p in speech["participants"])


def test_the_head_of_a_ministry_is_its_minister_the_text_names():
    f = facts("Министр цифрового развития, связи и массовых коммуникаций Российской Федерации Петр Калинин 5 мая "
              "2025 г. прибыл в Астану. В ходе визита глава Минцифры России выступил с докладом на форуме "
              "«Связь — 2025».", published="2025-05-06")
    speech = events_of(f, "SPEECH")[0]
    assert any(p.endswith("Калинин") for p in speech["participants"])


def test_the_other_side_of_a_talk_after_a_comma_and_a_is_not_at_the_speech_before_it():
    f = facts("5 мая 2025 г. Министр связи Республики Беларусь Петр Калинин выступил с докладом на форуме "
              "«Связь — 2025», а в среду проведет переговоры с Министром связи Республики Сербия Иваном "
              "Лесовским.", published="2025-05-06")
    forum = events_of(f, "FORUM")[0]
    assert not any(p.endswith("Лесовский") for p in forum["participants"])


def test_the_ceremony_told_after_a_signing_gives_its_date_and_place():
    f = facts("Министр связи Республики Беларусь Петр Калинин и министр связи Республики Сербия Иван Лесовский "
              "подписали Меморандум о сотрудничестве. Церемония прошла 13 апреля в Белграде в рамках рабочего "
              "визита белорусской делегации в Сербию.", published="2026-04-14")
    signing = events_of(f, "SIGNING")[0]
    assert signing["location"] == "Белград" and signing["start"] == "2026-04-13"


def test_a_visit_is_placed_where_it_goes_not_where_a_ceremony_in_it_was():
    f = facts("Министр связи Республики Беларусь Петр Калинин и министр связи Республики Сербия Иван Лесовский "
              "подписали Меморандум о сотрудничестве. Церемония прошла 13 апреля в Белграде в рамках рабочего "
              "визита белорусской делегации в Сербию.", published="2026-04-14")
    assert events_of(f, "VISIT")[0]["location"] == "Сербия"


def test_events_of_a_visit_to_a_country_whose_city_is_named_do_not_take_the_country():
    f = facts("С 3 по 5 июня 2025 г. Министр связи Республики Беларусь Петр Калинин находится с визитом в "
              "Сербии. 3 июня в Белграде он провел переговоры с Министром связи Сербии Иваном Лесовским. "
              "В ходе визита Министр выступил с докладом на форуме «Связь — 2025».", published="2025-06-04")
    assert events_of(f, "FORUM")[0]["location"] is None


def test_events_of_a_visit_to_a_country_with_no_city_named_take_the_country():
    f = facts("С 3 по 5 июня 2025 г. Министр связи Республики Беларусь Петр Калинин находится с визитом в "
              "Сербии. В ходе визита Министр выступил с докладом на форуме «Связь — 2025».",
              published="2025-06-04")
    assert events_of(f, "FORUM")[0]["location"] == "Сербия"


def test_a_report_on_preparing_for_a_conference_was_delivered_the_conference_is_ahead():
    f = facts("5 мая 2025 г. в Казани состоялось заседание Совета Северного союза связи. С докладом о ходе "
              "подготовки к Северной конференции связи 2027 года выступил директор Петр Калинин.",
              published="2025-05-06")
    assert events_of(f, "SPEECH")[0]["status"] == "occurred"


def test_a_report_about_a_conference_is_not_inside_it_and_takes_the_meetings_place():
    f = facts("5 мая 2025 г. в Казани состоялось заседание Совета Северного союза связи. С докладом о ходе "
              "подготовки к Северной конференции связи 2027 года выступил директор Петр Калинин.",
              published="2025-05-06")
    assert events_of(f, "SPEECH")[0]["location"] == "Казань"


def test_a_minister_leading_a_ministrys_delegation_is_its_minister():
    f = facts("Делегация Министерства связи и информатизации Республики Беларусь во главе с министром Петром "
              "Калининым примет участие в заседании Совета 5 мая 2025 г.", published="2025-05-01")
    person = next(p for p in f["persons"] if p["name"].endswith("Калинин"))
    assert person["roles"] == ["министр связи и информатизации Республики Беларусь"]


def test_the_head_of_a_ministry_told_without_a_name_is_a_title_of_its_minister():
    f = facts("Министр цифрового развития, связи и массовых коммуникаций Российской Федерации Петр Калинин 5 мая "
              "2025 г. прибыл в Астану. В ходе визита глава Минцифры России выступил с докладом на форуме.",
              published="2025-05-06")
    person = next(p for p in f["persons"] if p["name"].endswith("Калинин"))
    assert "глава Минцифры России" in person["roles"]


def test_dialogue_partners_are_a_status_and_the_delegations_expected_join_the_forum():
    f = facts("С 8 по 10 сентября 2026 г. в Казани состоится Международный форум «Северная торговля». На форуме "
              "ожидаются участники из государств – членов и партнеров по диалогу Северного союза, в том числе "
              "делегации Индии, Ирана и Монголии.", published="2026-08-01")
    assert not events_of(f, "MEETING")
    assert {"Индия", "Иран", "Монголия"} <= set(events_of(f, "FORUM")[0]["participants"])


def test_receiving_a_delegation_in_a_residence_is_a_meeting_not_an_admission():
    f = facts("Президент Республики Беларусь Петр Калинин вчера принял в резиденции «Северный дом» делегацию во "
              "главе с министром связи Республики Сербия Иваном Лесовским.", published="2026-10-21")
    assert not events_of(f, "ACCESSION")
    assert events_of(f, "MEETING")


def test_he_who_held_talks_is_the_person_the_sentence_before_opens_with():
    f = facts("Министр связи Республики Беларусь Петр Калинин находится в Сербии с официальным визитом 19–23 "
              "октября.\nВ понедельник он провел переговоры с министром связи Республики Сербия Иваном "
              "Лесовским.", published="2026-10-22")
    talks = next(e for e in events_of(f, "MEETING") if "понедельник" in e["evidence"])
    assert {"Петр Калинин", "Иван Лесовский"} <= set(talks["participants"])


def test_a_place_in_a_signing_participle_is_not_the_place_of_the_founding_before_it():
    f = facts("Северный союз связи создан 1 января 2015 года на основании Договора о Северном союзе, подписанного "
              "в Казани 29 мая 2014 года.", published="2026-01-10")
    assert events_of(f, "FOUNDING")[0]["location"] is None
    assert events_of(f, "SIGNING")[0]["location"] == "Казань"


def test_the_subject_before_a_signing_participle_is_not_a_party_to_it():
    f = facts("Шанхайская организация сотрудничества действует с 2003 года на основании Хартии ШОС, "
              "подписанной в Санкт-Петербурге 7 июня 2002 года.", published="2026-01-10")
    assert events_of(f, "SIGNING")[0]["participants"] == []


def test_by_the_results_of_the_session_means_the_session_told_not_a_past_one_named_in_passing():
    f = facts("26–27 августа 2025 г. в Казани прошло 12-е заседание Северной подкомиссии по связи. Стороны "
              "подвели итоги работы с 11-го заседания, которое состоялось в июле 2023 г. в Москве. По итогам "
              "заседания Петр Калинин и Иван Лесовский подписали Протокол.", published="2025-08-28")
    assert events_of(f, "SIGNING")[0]["location"] == "Казань"


def test_a_body_founded_on_the_day_of_the_forum_takes_the_forums_place():
    f = facts("24 апреля 2025 г. в Казани открылся форум связи «Север — 2025». Сегодня же было объявлено о "
              "создании Центра компетенций по искусственному интеллекту.", published="2025-04-24")
    assert events_of(f, "FOUNDING")[0]["location"] == "Казань"


def test_the_chair_of_the_event_told_before_takes_part_in_it_but_a_chairmanship_does_not():
    f = facts("5 мая 2025 г. в Казани состоялось заседание Совета глав государств Северного союза.\n"
              "Мероприятие прошло под председательством Президента Республики Беларусь Петра Калинина.\n"
              "В 2025 году Республика Сербия председательствует в Северном союзе.", published="2025-05-06")
    meeting = events_of(f, "MEETING")[0]
    assert "Петр Калинин" in meeting["participants"] and "Сербия" not in meeting["participants"]


def test_a_body_whose_experts_take_part_in_a_section_is_among_its_participants():
    f = facts("24 апреля 2025 г. в Казани открылся форум связи «Север — 2025». 26 апреля пройдет тематическая "
              "секция по защите данных с участием экспертов Совета Европы.", published="2025-04-24")
    assert "Совет Европы" in events_of(f, "SESSION")[0]["participants"]


def test_the_body_in_whose_statement_an_event_is_told_is_not_a_participant():
    f = facts("Министр связи Республики Беларусь Петр Калинин 5 мая 2025 г. провел встречу с послом Сербии Иваном "
              "Лесовским, говорится в заявлении Исполнительного комитета СНГ.", published="2025-05-06")
    assert events_of(f, "MEETING")[0]["participants"] == ["Петр Калинин", "Иван Лесовский"]


def test_a_city_named_after_the_capital_and_a_dash_is_the_place():
    f = facts("Стороны договорились о проведении следующего заседания Совета 19 октября 2026 года в сербской "
              "столице - Белграде.", published="2026-05-06")
    assert events_of(f, "MEETING")[0]["location"] == "Белград"


def test_a_capitalised_minister_alone_is_the_releases_own_minister_told_first():
    f = facts("5 мая 2025 г. Министр связи Республики Беларусь Петр Калинин провел переговоры с Министром связи "
              "Сербии Иваном Лесовским в Белграде. 6 мая Министр выступил на пленарном заседании форума «Связь "
              "— 2025».", published="2025-05-07")
    speech = events_of(f, "SPEECH")[0]
    assert speech["participants"] == ["Петр Калинин"]


def test_initials_glued_to_an_inflected_surname_give_the_nominative_as_written():
    f = facts("Состоялся телефонный разговор Министра связи Республики Беларусь с Министром связи Сербии "
              "И.С.Лесовским.", published="2025-05-06")
    assert "И.С.Лесовский" in [p["name"] for p in f["persons"]]


def test_the_same_day_as_a_past_meeting_not_a_planned_session_it_mentions():
    f = facts("Сегодня в Казани министр связи Иван Петрович Сидоров провёл встречу с послом Республики Ивания. "
              "Стороны обсудили подготовку к заседанию Совета министров связи, которое состоится 20 июня в Минске. "
              "В тот же день И.П. Сидоров принял участие в заседании Комиссии по цифровой связи, проходившем "
              "в режиме видеоконференции.", published="2025-06-03")
    later = [e for e in f["events"] if "В тот же день" in e["evidence"]]
    assert later and all(e["start"] == "2025-06-03" and e["location"] is None for e in later)


def test_a_session_held_by_video_conference_is_a_meeting_not_a_call():
    f = facts("12 мая 2025 года состоялось заседание Комиссии по цифровой связи в режиме видеоконференции. "
              "Министры Республики Ивания и Республики Остров провели переговоры в режиме видеоконференции.",
              published="2025-05-14")
    calls = events_of(f, "CALL")
    assert events_of(f, "MEETING") and len(calls) == 1 and "переговоры" in calls[0]["evidence"]


def test_a_plenary_sitting_where_a_speech_was_given_yesterday_is_of_that_day():
    f = facts("Делегация Министерства связи Республики Ивания участвует в 12-й сессии Ассамблеи связи, "
              "которая проходит с 4 по 12 июня в Вене. Вчера министр Пётр Орлов выступил на пленарном "
              "заседании ассамблеи с докладом о цифровой связи.", published="2025-06-06")
    sitting = next(e for e in events_of(f, "SESSION") if "пленарном" in e["evidence"])
    assert sitting["start"] == "2025-06-05"


def test_a_status_of_observer_state_written_with_a_spaced_dash_is_an_accession():
    f = facts("Совет принял решение о предоставлении Республике Ивании статуса государства – наблюдателя "
              "при Северном союзе связи.", published="2025-05-14")
    assert events_of(f, "ACCESSION")


def test_the_participants_of_the_session_told_before_frame_what_they_welcomed():
    f = facts("12 мая 2025 года в Казани состоялось заседание Совета Северного союза связи. "
              "Участники заседания приветствовали принятое в марте 2024 года решение о предоставлении "
              "Республике Ивании статуса наблюдателя.", published="2025-05-14")
    assert len(events_of(f, "MEETING")) == 1
    assert events_of(f, "ACCESSION")[0]["start"] == "2024-03"


def test_a_parenthetical_first_person_verb_does_not_make_a_past_forum_planned():
    f = facts("Напомним, первый форум «Северная связь» прошёл в Казани в прошлом году.", published="2026-09-14")
    assert events_of(f, "FORUM")[0]["status"] == "occurred"


def test_a_forum_that_will_last_until_a_day_is_the_forum_told_before_and_gets_its_end():
    f = facts("Сегодня в Казани открылся III форум «Северная связь». Форум продлится до 17 сентября.",
              published="2026-09-15")
    forums = events_of(f, "FORUM")
    assert len(forums) == 1 and forums[0]["end"] == "2026-09-17"


def test_a_ministry_where_consultations_are_held_is_the_venue_not_a_visitor():
    f = facts("На следующей неделе делегация во главе с министром связи Иваном Петровичем Сидоровым посетит Минск "
              "для консультаций в Министерстве иностранных дел Республики Ивания.", published="2025-06-03")
    visit = events_of(f, "VISIT")[0]
    assert all("Министерство" not in p for p in visit["participants"])


def test_a_bare_minister_before_a_meeting_is_the_minister_named_before_not_one_named_later():
    f = facts("Министр связи Республики Ивания Иван Петрович Сидоров принимает участие в форуме в Вене. "
              "На полях форума министр провёл встречу с директором Северного агентства связи Марком Ларсеном. "
              "Завтра запланированы переговоры с министром связи Республики Остров Петром Орловым.",
              published="2025-06-03")
    meeting = next(e for e in events_of(f, "MEETING") if "На полях" in e["evidence"])
    assert "Иван Петрович Сидоров" in meeting["participants"]


def test_a_round_table_on_a_day_of_a_session_told_before_takes_its_place():
    f = facts("Делегация Республики Ивания принимает участие в 12-й сессии Ассамблеи связи, которая проходит "
              "с 4 по 12 июня в Вене. Сегодня запланированы переговоры с министром связи Республики Остров "
              "Петром Орловым. Кроме того, 8 июня делегация примет участие в министерском круглом столе "
              "«Связь будущего».", published="2025-06-06")
    table = next(e for e in events_of(f, "SESSION") if "круглом столе" in e["evidence"])
    assert table["location"] == "Вена"


def test_opening_the_session_told_before_is_no_new_meeting():
    f = facts("12 мая 2025 года в Казани состоялось заседание Совета Северного союза связи. Открывая заседание "
              "в узком составе, министр связи Республики Ивания Иван Сидоров выступил с приветственным словом.",
              published="2025-05-14")
    assert len(events_of(f, "MEETING")) == 1 and events_of(f, "SPEECH")


def test_a_titled_plan_adopted_as_a_meetings_outcome_is_a_signing_and_its_period_is_no_date():
    f = facts("12 мая 2025 года в Казани состоялось заседание Совета Северного союза связи. По итогам заседания "
              "главы правительств утвердили План мероприятий по развитию связи на период до 2030 года.",
              published="2025-05-14")
    signing = events_of(f, "SIGNING")[0]
    assert signing["end"] is None and signing["location"] == "Казань"


def test_a_membership_held_since_a_year_is_an_accession_that_occurred_then():
    f = facts("Республика Ивания входит в число членов Северного союза связи с 1995 года. "
              "Республика Остров обладает статусом наблюдателя в Северном союзе связи с 2019 года.",
              published="2025-05-14")
    acc = events_of(f, "ACCESSION")
    assert [(e["status"], e["start"]) for e in acc] == [("occurred", "1995"), ("occurred", "2019")]


def test_a_body_named_in_the_subject_of_a_report_is_no_participant():
    f = facts("12 мая 2025 года министр связи Иван Сидоров принял участие в заседании Комиссии по цифровой связи, "
              "где выступил с докладом о ходе выполнения решений Совета министров связи.", published="2025-05-14")
    meeting = events_of(f, "MEETING")[0]
    assert all("Совет" not in p for p in meeting["participants"])


def test_a_parliament_named_skupshtina_or_seim_is_a_body():
    f = facts("Министр провел встречу с заместителем председателя Народной скупщины Республики Сербии "
              "Драганом Петровичем.")
    assert "Народная скупщина Республики Сербии" in [o["name"] for o in f["organizations"]]


def test_a_minister_called_by_his_states_adjective_is_that_states_minister():
    f = facts("Министр промышленности Республики Молдова Ион Русу находится с визитом в Армении. Вчера Ион Русу "
              "провел переговоры с Министром экономики Республики Армения Ашотом Мартиросяном. Сегодня молдавский "
              "министр выступил на пленарной сессии Ереванского промышленного форума.", published="2027-03-02")
    speech = events_of(f, "SPEECH")[0]
    names = [p["name"] for p in f["persons"]]
    moldovan = next(n for n in names if n.startswith("Ион"))
    assert speech["participants"] == [moldovan]


def test_the_states_adjective_with_minister_is_a_role_of_that_states_minister():
    f = facts("Министр промышленности Республики Молдова Ион Русу находится с визитом в Армении. Вчера Ион Русу "
              "провел переговоры с Министром экономики Республики Армения Ашотом Мартиросяном. Сегодня молдавский "
              "министр выступил на пленарной сессии Ереванского промышленного форума.", published="2027-03-02")
    moldovan = next(p for p in f["persons"] if p["name"].startswith("Ион"))
    armenian = next(p for p in f["persons"] if p["name"].startswith("Ашот"))
    assert "молдавский министр" in moldovan["roles"]
    assert "молдавский министр" not in armenian["roles"]


def test_a_verb_after_a_body_named_short_is_not_part_of_its_name():
    f = facts("Заседание Совета министров транспорта прошло в Минске. Члены Совета заслушали информацию "
              "директора департамента Анны Петровой о подготовке форума.", published="2027-03-02")
    assert not any("заслушали" in o["name"] for o in f["organizations"])


def test_a_commission_for_two_hyphenated_fields_keeps_both():
    f = facts("На следующей неделе в Ереване пройдет заседание Армяно-Иранской межправительственной комиссии по "
              "торгово-экономическому и научно-техническому сотрудничеству.", published="2027-03-02")
    assert "Армяно-Иранская межправительственная комиссия по торгово-экономическому и научно-техническому " \
           "сотрудничеству" in [o["name"] for o in f["organizations"]]
