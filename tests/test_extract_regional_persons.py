"""Persons in the region's languages on short releases written for these tests (made-up names)."""

import pytest

import communique


def persons(text, lang):
    rec = communique.extract(text, language=lang)
    for m in rec.mentions:
        assert text[m.start:m.end] == m.text
    return {e.name: [r.title for r in e.roles] for e in rec.entities if e.type == "PER"}


@pytest.mark.parametrize("lang, text, name", [
    # a title right before the name vouches for it, even without a surname ending of the language
    ("kk", "Кеңесті Сыртқы істер министрі Дәулет Серікбай басқарды.", "Дәулет Серікбай"),
    ("ky", "Тышкы иштер министри Ахмад Жамил Фарук менен сүйлөштү.", "Ахмад Жамил Фарук"),
    ("uz", "Hujjatga aloqa vaziri Karim Ali Nurzai imzo qo‘ydi.", "Karim Ali Nurzai"),
    # head-first: after the state the title names
    ("tg", "Вазири корҳои хориҷии Тоҷикистон Равшан Саидмурод қайд намуд, ки ҳамкорӣ меафзояд.",
     "Равшан Саидмурод"),
    ("sr", "Министар финансија Србије Стеван Милош обишао је сајам.", "Стеван Милош"),
])
def test_a_titled_name_without_a_surname_ending_is_found(lang, text, name):
    assert list(persons(text, lang)) == [name]


@pytest.mark.parametrize("lang, text", [
    ("kk", "Қаржы министрі Ұлттық Банк өкілдерімен кездесті."),
    ("uz", "Moliya vaziri Xalqaro Taraqqiyot Banki vakillarini qabul qildi."),
    ("ky", "Министр Эл аралык Валюта Фонду менен жолукту."),
    ("tg", "Вазири молияи Тоҷикистон Бонки Осиёӣ мулоқот кард."),
    ("be", "Міністр фінансаў Беларусі Нацыянальны Банк наведаў."),
    ("sr", "Министар финансија Србије Народна Банка је саопштила."),
])
def test_the_name_of_a_body_after_a_title_is_no_person(lang, text):
    assert persons(text, lang) == {}


def test_a_foreign_chinese_name_ends_before_together():
    text = "财政部副部长李明远与俄罗斯财政部副部长伊戈尔·索科洛夫共同主持会议。"
    assert "伊戈尔·索科洛夫" in persons(text, "zh")


@pytest.mark.parametrize("lang, text, name", [
    ("kk", "Кеңеске Әзербайжан Республикасының Премьер-министрі Рашид Камал оғлы Велиев қатысты.",
     "Рашид Камал оғлы Велиев"),
    ("uz", "Oʻzbekiston tashqi ishlar vaziri Anvar Karim oʻgʻli Toshev delegatsiyani qabul qildi.",
     "Anvar Karim oʻgʻli Toshev"),
])
def test_a_patronymic_written_with_son_of_as_a_word_stays_in_the_name(lang, text, name):
    assert list(persons(text, lang)) == [name]


@pytest.mark.parametrize("lang, text, name, title", [
    ("kk", "Кеңеске Моңғолия вице-премьері Батболд Ганбаатар қатысты.", "Батболд Ганбаатар", "Моңғолия вице-премьері"),
    ("ky", "Кыргыз Республикасынын вице-премьер-министри Бакыт Жумалиев сүйлөдү.", "Бакыт Жумалиев",
     "Кыргыз Республикасынын вице-премьер-министри"),
])
def test_deputy_prime_minister_titles(lang, text, name, title):
    assert persons(text, lang) == {name: [title]}


@pytest.mark.parametrize("lang, text, name, title", [
    # instrumental after "з" / "sa" / "са": name and title back in the nominative
    ("be", "Учора адбыліся перамовы з Міністрам замежных спраў Султаната Аман Халідам Аль-Мансуры.",
     "Халід Аль-Мансуры", "Міністр замежных спраў Султаната Аман"),
    ("sr", "Razgovarao je sa ministrom spoljnih poslova Grčke Nikosom Dimitrakisom o saradnji.",
     "Nikos Dimitrakis", "ministar spoljnih poslova Grčke"),
    ("sr", "Састала се са потпредседником Владе Србије Милошем Петровићем у Београду.",
     "Милош Петровић", "потпредседник Владе Србије"),
    # a feminine title word: the given name ends in -a again
    ("sr", "Razgovori su nastavljeni sa ministarkom privrede Srbije Jovanom Ilić u Beogradu.",
     "Jovana Ilić", "ministarka privrede Srbije"),
    # the office one is deputy of, capitalized, in the genitive
    ("be", "З дакладам выступіў намеснік Міністра сувязі Рэспублікі Беларусь Антон Ляшкевіч.",
     "Антон Ляшкевіч", "намеснік Міністра сувязі Рэспублікі Беларусь"),
])
def test_a_name_after_an_oblique_title_is_found_in_the_nominative(lang, text, name, title):
    assert persons(text, lang) == {name: [title]}


def test_an_undeclined_foreign_name_after_an_oblique_title_stays_as_written():
    text = "Перамовы адбыліся з Міністрам замежных спраў Рэспублікі Беларусь Нгуен Ван Ту."
    assert list(persons(text, "be")) == ["Нгуен Ван Ту"]


@pytest.mark.parametrize("lang, text, surname", [
    ("sr", "Ministar finansija Srbije Petar Jovanović obišao je sajam. Kasnije je Jovanović govorio o investicijama.",
     "Jovanović"),
    ("kk", "Сыртқы істер министрі Ерлан Досжанов келді. Кездесуде Досжановпен келіссөздер өтті.", "Досжановпен"),
])
def test_the_surname_alone_is_a_mention_of_the_person(lang, text, surname):
    rec = communique.extract(text, language=lang)
    (person,) = [e for e in rec.entities if e.type == "PER"]
    start = text.rindex(surname)
    assert any(m.start == start and m.entity == person.id and m.text == surname for m in rec.mentions)


def test_a_surname_two_persons_share_is_left_alone():
    text = ("Ministar finansija Srbije Petar Jovanović i ministar pravde Srbije Ana Jovanović obišli su sajam. "
            "Jovanović je govorio o investicijama.")
    rec = communique.extract(text, language="sr")
    last = text.rindex("Jovanović")
    assert not any(m.start == last for m in rec.mentions if m.type == "PER")


@pytest.mark.parametrize("lang, text, name, title", [
    # the state before a long body name, beyond the usual reach back
    ("kk", "Бүгін Қазақстан Республикасының Ауыл шаруашылығы және су ресурстары министрі Ерболат Сапаров келді.",
     "Ерболат Сапаров", "Қазақстан Республикасының Ауыл шаруашылығы және су ресурстары министрі"),
    # the office a deputy stands in for
    ("uz", "Bugun Qozog‘iston Respublikasi moliya vaziri o‘rinbosari Asqar Nurlanov keldi.",
     "Asqar Nurlanov", "Qozog‘iston Respublikasi moliya vaziri o‘rinbosari"),
    # two offices joined by a dash
    ("kk", "Жиынға Қазақстан Республикасы Премьер-Министрінің орынбасары – Қаржы министрі Серік Омаров қатысты.",
     "Серік Омаров", "Қазақстан Республикасы Премьер-Министрінің орынбасары – Қаржы министрі"),
    # a body of two capitalized words after the state
    ("ky", "Кыргыз Республикасынын Министрлер Кабинетинин Төрагасы Нурлан Бекматов сүйлөдү.",
     "Нурлан Бекматов", "Кыргыз Республикасынын Министрлер Кабинетинин Төрагасы"),
])
def test_head_final_titles_reach_back_to_their_state(lang, text, name, title):
    assert persons(text, lang) == {name: [title]}


def test_a_title_does_not_reach_back_into_a_person_found_before():
    text = ("Сыртқы істер министрі Ерлан Досжанов келді. Кейін Ерлан Досжанов Моңғолия Республикасының "
            "премьер-министрі Батбаяр Ганзориг менен кездесті.")
    assert persons(text, "kk")["Батбаяр Ганзориг"] == ["Моңғолия Республикасының премьер-министрі"]


def test_a_chinese_name_before_a_day_number():
    text = "新华社上海5月9日电 外交部长李明远9日在上海会见来访的客人。"
    assert persons(text, "zh") == {"李明远": ["外交部长"]}


def test_a_transliterated_surname_without_the_dot_after_a_foreign_title():
    text = "外交部长李明远同哈萨克斯坦外长托卡耶科夫举行会谈。"
    found = persons(text, "zh")
    assert found["托卡耶科夫"] == ["哈萨克斯坦外长"]


def test_chinese_titles_listed_before_a_name_are_all_its_roles():
    text = "新华社北京5月9日电 中共中央政治局委员、外交部长李明远9日在北京会见客人。"
    rec = communique.extract(text, language="zh")
    (person,) = [e for e in rec.entities if e.type == "PER"]
    assert sorted(r.title for r in person.roles) == ["中共中央政治局委员", "外交部长"]
    assert len([m for m in rec.mentions if m.entity == person.id]) == 1


def test_a_name_after_a_body_and_its_acronym_in_an_oblique_title():
    text = ("Министарка се састала са потпредседником Српског савета за развој извоза (SSRI) Зораном Марковићем, "
            "са којим је разговарала о сарадњи.")
    assert persons(text, "sr")["Зоран Марковић"] == ["потпредседник Српског савета за развој извоза"]


@pytest.mark.parametrize("lang, text, name", [
    ("uz", "Вазир Қатар савдо вазири Муҳаммад ал-Тоний билан учрашди.", "Муҳаммад ал-Тоний"),
    ("kk", "Министр Оман сауда министрі Халид әл-Харуси мен кездесті.", "Халид әл-Харуси"),
])
def test_an_arabic_article_in_lower_case_stays_in_the_name(lang, text, name):
    assert name in persons(text, lang)


@pytest.mark.parametrize("lang, text, name, title", [
    # head-first: the adjective before the head belongs to the title
    ("be", "Сустрэчу правёў першы намеснік міністра замежных спраў Рэспублікі Беларусь Пятро Каваленка.",
     "Пятро Каваленка", "першы намеснік міністра замежных спраў Рэспублікі Беларусь"),
    ("sr", "Sastanku je prisustvovao prvi potpredsednik Vlade Petar Marković.", "Petar Marković",
     "prvi potpredsednik Vlade"),
    # a verb before the head is no adjective of it
    ("sr", "Ministri su razgovarali i ministar finansija Petar Marković.", "Petar Marković", "ministar finansija"),
    # one title of two offices, across a dash
    ("be", "Аб гэтым паведаміў старшыня Выканаўчага камітэта - выканаўчы сакратар СНД Пятро Каваленка.",
     "Пятро Каваленка", "старшыня Выканаўчага камітэта - выканаўчы сакратар СНД"),
    ("uz", "Ўзбекистон Республикаси Бош вазирининг ўринбосари – инвестициялар, саноат ва савдо вазири "
           "Алишер Каримов учрашди.", "Алишер Каримов",
     "Ўзбекистон Республикаси Бош вазирининг ўринбосари – инвестициялар, саноат ва савдо вазири"),
    # a title word before a genitive names a body inside the title ("the President's Administration")
    ("kk", "Қырғыз Республикасы Министрлер кабинетінің төрағасы - Президент Әкімшілігінің басшысы Ерлан Сейітов келді.",
     "Ерлан Сейітов", "Қырғыз Республикасы Министрлер кабинетінің төрағасы - Президент Әкімшілігінің басшысы"),
    # a list of a head-final title's complements, the joiner before its last
    ("kk", "Кеше Жасанды интеллект, цифрлық экономика және қашықтан жұмыс жөніндегі мемлекеттік министр Ерлан Сейітов келді.",
     "Ерлан Сейітов", "Жасанды интеллект, цифрлық экономика және қашықтан жұмыс жөніндегі мемлекеттік министр"),
])
def test_a_title_is_read_whole(lang, text, name, title):
    assert persons(text, lang)[name] == [title]


def test_two_head_first_titles_listed_with_a_comma_are_both_the_persons():
    text = "Имрӯз Вазир бо Ноиби Сарвазир, Вазири корҳои хориҷии Ҷумҳурии Покистон Аҳмад Ҳасан Ризо мулоқот кард."
    assert persons(text, "tg")["Аҳмад Ҳасан Ризо"] == ["Ноиби Сарвазир", "Вазири корҳои хориҷии Ҷумҳурии Покистон"]


def test_a_comma_without_a_joiner_after_it_ends_a_head_final_title():
    text = "Делегацияны қабылдады, Қаржы министрі Ерлан Сейітов."
    assert persons(text, "kk") == {"Ерлан Сейітов": ["Қаржы министрі"]}


def test_a_roles_evidence_is_the_sentence_the_events_see():
    # one split per document: "2026. godine" closes no sentence, for the roles as for the events
    text = "U Beču je 12. maja 2026. godine ministar finansija Marko Perić otvorio forum. Forum traje dva dana."
    rec = communique.extract(text, language="sr")
    person = next(e for e in rec.entities if e.type == "PER")
    forum = next(ev for ev in rec.events if ev.type == "FORUM")
    assert person.roles[0].evidence.text == forum.evidence.text == text.split(" Forum traje")[0]


@pytest.mark.parametrize("lang, text, name, title", [
    # more title words: the head of a body, a director, the chief of diplomacy in an oblique case
    ("tg", "Дар конфронс сардори Кумитаи ҳифзи муҳити зисти назди Ҳукумати Ҷумҳурии Тоҷикистон Комил Раҳимзода "
           "баромад кард.", "Комил Раҳимзода",
     "сардори Кумитаи ҳифзи муҳити зисти назди Ҳукумати Ҷумҳурии Тоҷикистон"),
    ("sr", "Ministar je razgovarao sa šefom diplomatije Hrvatske Markom Horvatom.", "Mark Horvat",
     "šef diplomatije Hrvatske"),
    # where the office is held
    ("sr", "Амбасадор Србије у Казахстану Петар Марковић посетио је Алмати.", "Петар Марковић",
     "Амбасадор Србије у Казахстану"),
    ("be", "Пасол Рэспублікі Беларусь у Казахстане Пятро Каваленка сустрэўся з міністрам.", "Пятро Каваленка",
     "Пасол Рэспублікі Беларусь у Казахстане"),
    # a title word after 'under' names the body's owner, not the office of the name
    ("tg", "Дар конфронс сардори Агентии омори назди Президенти Ҷумҳурии Тоҷикистон Комил Раҳимзода баромад кард.",
     "Комил Раҳимзода", "сардори Агентии омори назди Президенти Ҷумҳурии Тоҷикистон"),
])
def test_more_titles(lang, text, name, title):
    assert persons(text, lang)[name] == [title]


def test_the_persons_a_meeting_noun_names_in_the_genitive():
    text = "У пятніцу адбудзецца сустрэча Аляксандра Петрачэнкі і Івана Сідарэнкі з міністрамі."
    assert persons(text, "be") == {"Аляксандр Петрачэнка": [], "Іван Сідарэнка": []}


@pytest.mark.parametrize("text", [
    "Адбылася сустрэча Кіраўніцтва дзвюх краін.",
    "Пасля сустрэчы Савет Міністраў зацвердзіў план.",
    "Пасля сустрэчы Пятро Каваленка выступіў.",  # a nominative name: the subject, not whose meeting
])
def test_capitalized_words_after_a_meeting_noun_without_a_surname_are_no_persons(text):
    assert persons(text, "be") == {}


@pytest.mark.parametrize("lang, text, name, title", [
    # a short foreign name, every character one of transliteration, after the state and its title
    ("zh", "塔吉克斯坦总统拉赫莫表示，双方合作良好。", "拉赫莫", "塔吉克斯坦总统"),
    # a field written between a body and its title
    ("zh", "欧亚经济委员会能源委员卡列宁科夫出席会议。", "卡列宁科夫", "欧亚经济委员会能源委员"),
    # an office held together with another ("兼") is one title
    ("zh", "国务院副总理兼外长刘思源会见了客人。", "刘思源", "国务院副总理兼外长"),
    ("zh", "商务部国际贸易谈判副代表兼副部长陈立新参加会谈。", "陈立新", "商务部国际贸易谈判副代表兼副部长"),
    # "驻" and the sending state belong to an ambassador's title
    ("zh", "会谈后，中国驻哈萨克斯坦大使张晓东陪同参观。", "张晓东", "中国驻哈萨克斯坦大使"),
    # the word of an invitation before the state is no part of the title
    ("zh", "应乌兹别克斯坦总统米尔扎耶夫邀请，国务院总理李明强将出席峰会。", "米尔扎耶夫", "乌兹别克斯坦总统"),
    # a capitalized "first" at the head of a sentence still belongs to the title
    ("be", "Выступіў Першы намеснік Прэм'ер-міністра Рэспублікі Беларусь Андрэй Каваленка.", "Андрэй Каваленка",
     "Першы намеснік Прэм'ер-міністра Рэспублікі Беларусь"),
])
def test_chinese_and_belarusian_titles_read_whole(lang, text, name, title):
    assert title in persons(text, lang).get(name, [])


def test_a_transliterated_name_before_its_title():
    found = persons("李明强总理将同托卡耶夫总统举行会谈。", "zh")
    assert found.get("托卡耶夫") == ["总统"]


def test_a_country_before_a_title_is_no_transliterated_name():
    assert persons("王明远会见了俄罗斯总统。外交部发表声明。", "zh") == {}


@pytest.mark.parametrize("text, name, title", [
    ("外交部长王一明应约同伊朗外长阿拉格尼通电话。", "王一明", "外交部长"),
    ("中共中央政治局常委、国务院总理李明强出席开幕式。", "李明强", "中共中央政治局常委"),
    ("驻白俄罗斯大使谢小勇出席活动。", "谢小勇", "驻白俄罗斯大使"),
    ("塔吉克斯坦总统拉赫蒙表示，双方将加强合作。", "拉赫蒙", "塔吉克斯坦总统"),
    ("国务院副总理樊立东表示，", "樊立东", "国务院副总理"),
    ("约旦国王阿卜杜拉表示，双方关系良好。", "阿卜杜拉", "约旦国王"),
])
def test_more_chinese_titled_names(text, name, title):
    assert title in persons(text, "zh").get(name, [])


def test_a_short_chinese_given_name_loses_its_kazakh_case_ending():
    found = persons("Сауда министрі Арман Шәкенов Қытайдың Сауда министрі Ван Вэйпен кездесті.", "kk")
    assert "Ван Вэй" in found and "Ван Вэйпен" not in found


def test_a_body_before_a_name_is_no_first_name():
    found = persons("Старшыня Савета Ігар Сяргеенка адзначыў.", "be")
    assert not any(name.startswith("Савета") for name in found)


@pytest.mark.parametrize("text, name, title", [
    ("应托卡诺夫总统邀请，李明强总理将出席峰会。", "托卡诺夫", "总统"),
    ("外交部长王一明随后会见记者。", "王一明", "外交部长"),
    ("感谢李明强总理的邀请。", "李明强", "总理"),
])
def test_more_words_around_a_chinese_name(text, name, title):
    assert persons(text, "zh").get(name) == [title]


@pytest.mark.parametrize("lang, text, name, title", [
    # a surname closes the name: the capitalized word after it is a place in the locative or a body's name
    ("kk", "Қазақстан Республикасының Президенті Серік Жұмабаев Ақордада Аграрлық даму қорының Төрағасы "
           "Ерлан Сәкенұлын қабылдады.", "Серік Жұмабаев", "Қазақстан Республикасының Президенті"),
    ("ky", "Кыргыз Республикасынын Президенти Бакыт Асанов Санариптик өнүгүү уюмунун Башкы катчысы "
           "Айдар Ниязбековду кабыл алды.", "Бакыт Асанов", "Кыргыз Республикасынын Президенти"),
])
def test_a_surname_closes_a_name_before_a_capitalized_word(lang, text, name, title):
    got = persons(text, lang)
    assert got.get(name) == [title]


@pytest.mark.parametrize("lang, text, name, title", [
    # the title runs back over the acronym in brackets to the body's name in the genitive
    ("kk", "Министр Халықаралық жол одағының (ХЖО) Бас хатшысы Марат Оспановпен кездесті.",
     "Марат Оспанов", "Халықаралық жол одағының Бас хатшысы"),
    ("ky", "Министр Эл аралык суу уюмунун (ЭСУ) Башкы катчысы Нурлан Осмоновду кабыл алды.",
     "Нурлан Осмонов", "Эл аралык суу уюмунун Башкы катчысы"),
    # a word of a body's name the gazetteer found ends in "-qa" like a dative, and stays in the title
    ("uz", "Samarqandda Xalqaro elektraloqa ittifoqining Bosh kotibi Doreen Bogdan-Martin so‘zga chiqdi.",
     "Doreen Bogdan-Martin", "Xalqaro elektraloqa ittifoqining Bosh kotibi"),
])
def test_a_title_runs_back_over_a_bodys_acronym(lang, text, name, title):
    assert persons(text, lang).get(name) == [title]


def test_a_title_word_after_a_name_ends_it():
    # "Name Surname Вазири ...": the capitalized title word of the next person is no part of the name
    text = ("Имрӯз Президенти Ҷумҳурии Тоҷикистон Фаррух Назаров Вазири корҳои хориҷии Ҷумҳурии Ҳинд "
            "Рам Кумарро ба ҳузур пазируфт.")
    got = persons(text, "tg")
    assert got.get("Фаррух Назаров") == ["Президенти Ҷумҳурии Тоҷикистон"]


@pytest.mark.parametrize("lang, text, name, title", [
    # the sentence's first word in the accusative or dative is the object, no word of the title
    ("uz", "Hujjatni qishloq xo‘jaligi vaziri Anvar Karimov imzoladi.", "Anvar Karimov", "qishloq xo‘jaligi vaziri"),
    ("kk", "Құжатқа ауыл шаруашылығы министрі Серік Ахметов қол қойды.", "Серік Ахметов", "ауыл шаруашылығы министрі"),
    # a time word ("in the month of") ends the title walked back over
    ("uz", "Bu haqda mart oyida Gruziya Prezidenti Levan Beridze ma’lum qildi.", "Levan Beridze", "Gruziya Prezidenti"),
])
def test_an_object_or_time_word_before_a_title_is_none_of_it(lang, text, name, title):
    assert persons(text, lang).get(name) == [title]


@pytest.mark.parametrize("lang, text, name", [
    # a short case ending on a name no surname ending vouches for: the text writes it bare elsewhere
    ("ky", "Президент Эл аралык суу уюмунун Башкы катчысы Луиза Аль-Сабахты кабыл алды. Эртең Луиза Аль-Сабах "
           "Ошко барат.", "Луиза Аль-Сабах"),
    ("tg", "Президенти Ҷумҳурии Тоҷикистон Вазири корҳои хориҷии Ҷумҳурии Мардумии Чин Ли Уро пазируфт. "
           "Дирӯз Ли У бо ҳамтои худ вохӯрд.", "Ли У"),
])
def test_a_name_is_written_as_the_text_writes_it_bare(lang, text, name):
    assert name in persons(text, lang)


@pytest.mark.parametrize("lang, text, name, office", [
    ("kk", "Қазақстан Республикасының Президенті Серік Жұмабаев елшілерді қабылдады. Мемлекет басшысы "
           "ынтымақтастықтың маңызын атап өтті.", "Серік Жұмабаев", "Мемлекет басшысы"),
    ("ky", "Кыргыз Республикасынын Президенти Бакыт Асанов элчилерди кабыл алды. Мамлекет башчысы "
           "кызматташтыктын маанисин белгиледи.", "Бакыт Асанов", "Мамлекет башчысы"),
])
def test_the_head_of_state_by_his_office_is_the_president(lang, text, name, office):
    rec = communique.extract(text, language=lang)
    ent = next(e for e in rec.entities if e.name == name)
    assert office in [r.title for r in ent.roles]
    assert any(m.entity == ent.id and m.text == office for m in rec.mentions)


def test_our_head_of_state_takes_part_in_what_the_sentence_tells():
    text = ("Ўзбекистон Республикаси Президенти Анвар Каримов 3-4 март кунлари Грузияга давлат ташрифи билан "
            "боради. Шунингдек, давлатимиз раҳбари Тбилисида бўлиб ўтадиган бизнес форумида иштирок этади.")
    rec = communique.extract(text, language="uz", published="2027-03-01")
    names = {e.id: e.name for e in rec.entities}
    forum = next(ev for ev in rec.events if ev.type == "FORUM")
    assert "Анвар Каримов" in [names[p.entity] for p in forum.participants]


def test_a_title_runs_back_over_and_before_an_acronym():
    text = "Ҳужжатни Германия Федератив Республикаси таълим ва АКТ вазири ўринбосари Клаус Фишер имзолади."
    assert persons(text, "uz").get("Клаус Фишер") == ["Германия Федератив Республикаси таълим ва АКТ вазири ўринбосари"]


def test_an_aside_in_brackets_between_title_and_name():
    text = "Форумда Евразия экономикалык комиссиясынын Коллегиясынын мүчөсү (министр) Арман Нурланов сөз сүйлөдү."
    assert "Арман Нурланов" in persons(text, "ky")


@pytest.mark.parametrize("lang, text, name, role", [
    # after the title's lower-case complements the title vouches for a name without a surname ending
    ("be", "На сустрэчы выступіў міністр аховы здароўя Зміцер Каваль.", "Зміцер Каваль", "міністр аховы здароўя"),
    # the complement may be a list with commas
    ("be", "Удзел узяў міністр працы, занятасці і сацыяльнай абароны Кітая Лю Шань.", "Лю Шань",
     "міністр працы, занятасці і сацыяльнай абароны Кітая"),
    ("sr", "Sastanku je prisustvovao ministar rada, zapošljavanja i socijalne politike Goran Lukač.",
     "Goran Lukač", "ministar rada, zapošljavanja i socijalne politike"),
    # a capitalized adjective of a state's official name belongs to the title
    ("be", "Ён сустрэўся з намеснікам міністра гандлю Сацыялістычнай Рэспублікі В'етнам Чан Ван Лонгам.",
     "Чан Ван Лонг", "намеснік міністра гандлю Сацыялістычнай Рэспублікі В'етнам"),
])
def test_a_name_after_the_complements_of_a_head_first_title(lang, text, name, role):
    found = persons(text, lang)
    assert name in found and role in found[name]


def test_an_unknown_place_inside_a_title_reads_on_to_the_name():
    text = "Пасол сустрэўся з сакратаром камітэта правінцыі Хэбэй Камуністычнай партыі Кітая Гао Мінам."
    found = persons(text, "be")
    assert list(found) == ["Гао Мін"]


def test_a_chinese_preposition_ends_no_name_before_a_title():
    found = persons("王强同蒙古国副总理通电话。", "zh")
    assert not any(n.endswith("同") for n in found)


def test_a_transliterated_name_with_singh():
    assert "哥宾星" in persons("部长陈文与印度尼西亚交通部长哥宾星举行会谈。", "zh")


def test_a_title_of_each_member_is_no_role_of_the_next_name():
    found = persons("各成员国交通部长、秘书长高原出席会议。", "zh")
    assert found.get("高原") == ["秘书长"]


@pytest.mark.parametrize("lang, text, name, role", [
    ("sr", "Ministar je razgovarao sa generalnim sekretarom Ujedinjenih nacija Dejanom Ilićem.", "Dejan Ilić",
     "generalni sekretar Ujedinjenih nacija"),
    ("be", "Ён сустрэўся з першым намеснікам міністра фінансаў Польшчы Янам Новакам.", "Ян Новак",
     "першы намеснік міністра фінансаў Польшчы"),
])
def test_an_adjective_before_an_oblique_title_in_the_nominative(lang, text, name, role):
    assert persons(text, lang).get(name) == [role]


def test_a_shorter_form_of_a_role_is_the_same_role():
    text = ("Ministar spoljnih poslova Republike Srbije Petar Ilić otvorio je sajam. Ministar spoljnih poslova "
            "Petar Ilić razgovarao je sa izlagačima.")
    assert persons(text, "sr")["Petar Ilić"] == ["Ministar spoljnih poslova Republike Srbije"]
