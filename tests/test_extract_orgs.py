"""Organizations in Russian and English texts written for these tests (fictional bodies and people)."""

import communique


def orgs(text, language="ru", url=None):
    f = communique.extract(text, language=language, url=url).to_facts()
    return [o["name"] if isinstance(o, str) else o["name"] for o in f["organizations"]]


# -- the outlet that publishes the text --------------------------------------------------------------

_AGENCY_TEXT = ("МИНСК, 3 марта (БелПресс) – Министерство сельского хозяйства провело совещание, сообщили "
                "БелПресс в ведомстве. Агентство «Вестник» также сообщило об этом.")


def test_the_outlet_on_its_own_site_is_not_an_organization_of_the_story():
    found = orgs(_AGENCY_TEXT, url="https://www.belpress.by/news/123")
    assert "БелПресс" not in found and "Вестник" in found
    # on another site the agency is a cited source, one of the text's organizations
    assert "БелПресс" in orgs(_AGENCY_TEXT, url="https://example.org/news/123")


def test_a_known_body_on_its_own_site_stays():
    text = ("The Organization for Security and Co-operation in Europe held a seminar in Vienna on "
            "cyber security, the OSCE said.")
    assert "Organization for Security and Co-operation in Europe" in orgs(text, "en", url="https://www.osce.org/x")


def test_english_outlet_byline_on_its_own_site():
    text = ("Minister of Transport Peter Olsen met the delegation of the Nordic Council in Oslo, "
            "he told Fjordpost News Agency.")
    assert "Fjordpost News Agency" not in orgs(text, "en", url="https://fjordpost.no/a/1")
    assert "Fjordpost News Agency" in orgs(text, "en", url="https://example.org/a/1")


# -- one body named in full and in fewer words ---------------------------------------------------------

def test_a_headline_name_without_its_union_is_the_body_named_in_full():
    text = ("Совет министров транспорта одобрил пять документов\n\n"
            "В Бишкеке прошло заседание Совета министров транспорта Северного союза сотрудничества (ССС). "
            "Совет министров транспорта ССС собирается дважды в год.")
    found = orgs(text)
    assert "Совет министров транспорта" not in found
    assert sum(o.startswith("Совет министров транспорта") for o in found) == 1


def test_a_contracted_ministry_and_its_full_name_are_one_body():
    text = ("Делегация Минсвязи Монголии прибыла в Бишкек. Министерство связи и цифровых технологий "
            "Монголии представило проект соглашения.")
    found = orgs(text)
    assert "Министерство связи и цифровых технологий Монголии" in found
    assert "Минсвязи Монголии" not in found


def test_two_bodies_that_share_the_start_of_their_names_stay_two():
    text = ("В Женеве выступили представители Организации Объединенных Наций и Организации Объединенных "
            "Наций по промышленному развитию.")
    found = orgs(text)
    assert any(o.startswith("Организация Объединенных Наций по") for o in found)
    assert "Организация Объединенных Наций" in found


def test_a_name_with_capitals_inside_is_kept_as_written():
    text = "Об этом сообщает КазТА со ссылкой на пресс-службу. По данным КазТА, решение принято."
    assert orgs(text, url="https://example.org/1") == ["КазТА"]


# -- acronyms ---------------------------------------------------------------------------------------

def test_an_acronym_that_leaves_out_a_lower_case_word_names_the_inner_body():
    text = ("Прошло заседание Совета директоров Северного объединения в сфере энергетики (СОЭ). "
            "Северное объединение в сфере энергетики создано в 2001 году. СОЭ объединяет 9 стран.")
    f = communique.extract(text, language="ru", url="https://example.org/1").to_facts()
    by_name = {o["name"]: o.get("aliases", []) for o in f["organizations"]}
    union = next(n for n in by_name if n.startswith("Северное объединение"))
    council = next(n for n in by_name if n.startswith("Совет директоров"))
    assert "СОЭ" in by_name[union] and "СОЭ" not in by_name[council]


def test_a_known_body_named_only_inside_another_name_is_listed():
    text = "Участники обсудили итоги сессии Совета МСЭ и работу Бюро развития электросвязи МСЭ."
    f = communique.extract(text, language="ru", url="https://example.org/1").to_facts()
    names = [o["name"] for o in f["organizations"]]
    assert "Международный союз электросвязи" in names


def test_a_head_and_a_known_acronym_are_written_out_and_the_short_form_kept():
    text = "Участники обсудили итоги сессии Совета МСЭ и работу Бюро развития электросвязи МСЭ."
    f = communique.extract(text, language="ru", url="https://example.org/1").to_facts()
    by_name = {o["name"]: o.get("aliases", []) for o in f["organizations"]}
    assert "Совет МСЭ" in by_name["Совет Международного союза электросвязи"]
    assert "Бюро развития электросвязи МСЭ" in by_name  # a longer name keeps the acronym as written


def test_genitive_of_a_body_name():
    from communique.extract.normalize import genitive_text

    assert genitive_text("Евразийская экономическая комиссия") == "Евразийской экономической комиссии"
    assert genitive_text("Организация тюркских государств") == "Организации тюркских государств"


# -- bodies named inside job titles -------------------------------------------------------------------

def test_a_body_in_a_job_title_runs_on_over_its_complements():
    text = ("С приветствием выступил Председатель Службы по регулированию и надзору в отрасли энергетики "
            "при Министерстве экономики Республики Молдова Иван Лукин. Министр встретился с Председателем "
            "Совета по сотрудничеству в области культуры государств – участников СНГ Петром Зайцевым.")
    found = orgs(text, url="https://example.org/1")
    assert ("Служба по регулированию и надзору в отрасли энергетики при Министерстве экономики "
            "Республики Молдова") in found
    assert "Совет по сотрудничеству в области культуры государств – участников СНГ" in found


def test_an_edition_of_a_conference_is_no_body():
    text = ("Комиссия одобрила общие предложения к КРП-26 и согласовала кандидатуры на руководящие посты "
            "КРП-26. Проект внесет Министерство связи Республики Молдова.")
    found = orgs(text, url="https://example.org/1")
    assert "КРП-26" not in found
    assert "Министерство связи Республики Молдова" in found


# -- English --------------------------------------------------------------------------------------------

def test_an_english_ministry_short_form_with_its_state():
    for text in ("The news was confirmed by the press service of the Moldovan MFA.",
                 "The news was confirmed by the press service of the MFA of Moldova."):
        f = communique.extract(text, language="en", url="https://example.org/1").to_facts()
        body = next(o for o in f["organizations"] if o["name"] == "Ministry of Foreign Affairs of Moldova")
        assert body["aliases"]  # the short form as the text writes it
    bare = "The delegation of the MFA met the press."
    assert orgs(bare, "en", url="https://example.org/1") == []


def test_an_outlet_kind_written_as_an_acronym_is_part_of_the_quoted_name():
    text = "Исполком обратится к руководству МТРК «Звезда» с предложением подготовить передачи."
    assert orgs(text, url="https://example.org/1") == ["МТРК «Звезда»"]


def test_a_complement_that_runs_into_another_body_takes_the_whole_of_it():
    text = ("Министр выступил на заседании Подкомиссии по сотрудничеству в области энергетики Комиссии по "
            "подготовке ежегодных встреч глав правительств Молдовы и Румынии в Кишиневе.")
    found = orgs(text, url="https://example.org/1")
    assert "Комиссия по подготовке ежегодных встреч глав правительств Молдовы и Румынии" in found
    assert ("Подкомиссия по сотрудничеству в области энергетики Комиссии по подготовке ежегодных встреч глав "
            "правительств Молдовы и Румынии") in found


def test_an_english_known_body_named_with_its_member_states():
    text = "The ministers backed a meeting of the Council of Foreign Ministers of the CIS member states in May."
    f = communique.extract(text, language="en", url="https://example.org/1").to_facts()
    body = next(o for o in f["organizations"] if "Foreign Ministers" in o["name"])
    assert body["name"] == "Council of Foreign Ministers of the CIS member states"
    assert body["aliases"]  # the gazetteer's name stays an alias


def test_a_sites_breadcrumb_line_is_no_body():
    text = ("Главная / Пресс-центр / Новости\n9 сентября 2025\n"
            "В Минске прошло заседание Совета Евразийской экономической комиссии.")
    assert not any("Главная" in o for o in orgs(text, url="https://example.org/1"))
    own = "Главная задача Министерства экономики Республики Молдова — рост."
    assert "Министерство экономики Республики Молдова" in orgs(own, url="https://example.org/1")


def test_an_english_body_named_after_of_the_inside_another_name():
    text = ("Lin is a member of the Standing Bureau of the Socialist Party of Moldova Central Committee. "
            "He met the Council of the Danube Water Commission (DWC) in Vienna.")
    f = communique.extract(text, language="en", url="https://example.org/1").to_facts()
    by_name = {o["name"]: o.get("aliases", []) for o in f["organizations"]}
    assert "Socialist Party of Moldova Central Committee" in by_name
    assert "Danube Water Commission" in by_name
    assert "DWC" in by_name["Danube Water Commission"]
    assert "DWC" not in by_name.get("Council of the Danube Water Commission", [])
