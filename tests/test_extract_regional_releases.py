"""Short releases in the region's languages, written for these tests in the style of ministry news
(a meeting, a visit or a forum, a phone call or a signing; made-up people and days): the persons,
their titles and the events with their people must come out as a reader would list them."""

from __future__ import annotations

import pytest

import communique

PUB = "2031-12-30"

RELEASES = [
    # (lang, text, {person: title}, [(event type, date, location, {participants} or None)])
    ("kk", "Астана, 3 ақпан 2031 жыл. Қазақстан Республикасының Сыртқы істер министрі Нұрлан Әбдіров Моңғолия "
           "Сыртқы істер министрі Батбаяр Ганзоригпен кездесті. Тараптар сауда-экономикалық ынтымақтастықты талқылады.",
     {"Нұрлан Әбдіров": "Қазақстан Республикасының Сыртқы істер министрі",
      "Батбаяр Ганзориг": "Моңғолия Сыртқы істер министрі"},
     [("MEETING", None, None, {"Нұрлан Әбдіров", "Батбаяр Ганзориг"})]),
    ("kk", "Қазақстан Республикасының Премьер-Министрі Бауыржан Ермеков Әзербайжан Республикасының "
           "Премьер-министрі Рауф Гасановпен телефон арқылы сөйлесті.",
     {"Бауыржан Ермеков": "Қазақстан Республикасының Премьер-Министрі",
      "Рауф Гасанов": "Әзербайжан Республикасының Премьер-министрі"},
     [("CALL", None, None, {"Бауыржан Ермеков", "Рауф Гасанов"})]),
    ("kk", "Қазақстан Республикасының Энергетика министрі Самат Оразбаев 12 наурызда Ташкентке жұмыс сапарымен "
           "барды. Сапар барысында тараптар энергетика саласындағы ынтымақтастық туралы меморандумға қол қойды.",
     {"Самат Оразбаев": "Қазақстан Республикасының Энергетика министрі"},
     [("VISIT", "2031-03-12", "Ташкент", {"Самат Оразбаев"}), ("SIGNING", ..., None, None)]),
    ("ky", "Бишкек, 5-апрель 2031-жыл. Кыргыз Республикасынын тышкы иштер министри Талант Осмонов Түркия "
           "Республикасынын элчиси Мехмет Йылдыз менен жолукту.",
     {"Талант Осмонов": "Кыргыз Республикасынын тышкы иштер министри",
      "Мехмет Йылдыз": "Түркия Республикасынын элчиси"},
     [("MEETING", None, None, {"Талант Осмонов", "Мехмет Йылдыз"})]),
    ("ky", "Кыргыз Республикасынын экономика министри Нурлан Бакиров 20-майда Алматыда өткөн инвестициялык "
           "форумга катышты.",
     {"Нурлан Бакиров": "Кыргыз Республикасынын экономика министри"},
     [("FORUM", None, "Алматы", {"Нурлан Бакиров"})]),
    ("ky", "Кыргыз Республикасынын Президенти Азамат Жумабеков Казакстан Республикасынын Президенти Ерлан "
           "Сатыбалдиев менен телефон аркылуу сүйлөштү.",
     {"Азамат Жумабеков": "Кыргыз Республикасынын Президенти",
      "Ерлан Сатыбалдиев": "Казакстан Республикасынын Президенти"},
     [("CALL", None, None, {"Азамат Жумабеков", "Ерлан Сатыбалдиев"})]),
    ("uz", "Toshkent, 2031-yil 14-iyun. Oʻzbekiston tashqi ishlar vaziri Sardor Rahimov Turkiya tashqi ishlar "
           "vaziri Emre Kaya bilan uchrashdi.",
     {"Sardor Rahimov": "Oʻzbekiston tashqi ishlar vaziri", "Emre Kaya": "Turkiya tashqi ishlar vaziri"},
     [("MEETING", None, None, {"Sardor Rahimov", "Emre Kaya"})]),
    ("uz", "Oʻzbekiston Respublikasi investitsiyalar vaziri Jasur Toshmatov 10-iyul kuni Pekinga tashrif buyurdi. "
           "Tashrif davomida investitsiyalar toʻgʻrisidagi bitim imzolandi.",
     {"Jasur Toshmatov": "Oʻzbekiston Respublikasi investitsiyalar vaziri"},
     [("VISIT", "2031-07-10", "Pekin", {"Jasur Toshmatov"}), ("SIGNING", ..., None, None)]),
    ("uz", "Oʻzbekiston Prezidenti Bahrom Qodirov Qozogʻiston Prezidenti Erlan Satibaldiyev bilan telefon orqali "
           "muloqot qildi.",
     {"Bahrom Qodirov": "Oʻzbekiston Prezidenti", "Erlan Satibaldiyev": "Qozogʻiston Prezidenti"},
     [("CALL", None, None, {"Bahrom Qodirov", "Erlan Satibaldiyev"})]),
    ("tg", "Душанбе, 7 майи соли 2031. Вазири корҳои хориҷии Ҷумҳурии Тоҷикистон Фаридун Раҳимзода бо сафири "
           "Ҷумҳурии Исломии Эрон Алӣ Ҳусейнӣ мулоқот кард.",
     {"Фаридун Раҳимзода": "Вазири корҳои хориҷии Ҷумҳурии Тоҷикистон",
      "Алӣ Ҳусейнӣ": "сафири Ҷумҳурии Исломии Эрон"},
     [("MEETING", None, None, {"Фаридун Раҳимзода", "Алӣ Ҳусейнӣ"})]),
    ("tg", "Вазири энергетикаи Ҷумҳурии Тоҷикистон Баҳодур Қурбонов 15 июн дар форуми байналмилалии об дар "
           "Душанбе суханронӣ кард.",
     {"Баҳодур Қурбонов": "Вазири энергетикаи Ҷумҳурии Тоҷикистон"},
     [("SPEECH", "2031-06-15", "Душанбе", {"Баҳодур Қурбонов"})]),
    ("tg", "Дар Душанбе ёддошти тафоҳум оид ба ҳамкорӣ дар соҳаи маориф байни Ҷумҳурии Тоҷикистон ва Ҷумҳурии "
           "Ӯзбекистон имзо шуд.",
     {},
     [("SIGNING", None, "Душанбе", {"Тоҷикистон", "Ӯзбекистон"})]),
    ("be", "Мінск, 9 сакавіка 2031 года. Міністр замежных спраў Рэспублікі Беларусь Павел Карпенка сустрэўся з "
           "дэлегацыяй парламента Манголіі.",
     {"Павел Карпенка": "Міністр замежных спраў Рэспублікі Беларусь"},
     [("MEETING", None, None, {"Павел Карпенка"})]),
    ("be", "Міністр эканомікі Рэспублікі Беларусь Ігар Сідарэнка 18 красавіка наведаў Маскву з рабочым візітам.",
     {"Ігар Сідарэнка": "Міністр эканомікі Рэспублікі Беларусь"},
     [("VISIT", "2031-04-18", "Масква", {"Ігар Сідарэнка"})]),
    ("be", "Прэзідэнт Рэспублікі Беларусь Аляксей Барысевіч правёў тэлефонную размову з кіраўніком урада "
           "Казахстана.",
     {"Аляксей Барысевіч": "Прэзідэнт Рэспублікі Беларусь"},
     [("CALL", None, None, {"Аляксей Барысевіч"})]),
    ("sr", "Београд, 11. јун 2031. Министар спољних послова Србије Немања Петровић састао се са делегацијом "
           "парламента Грчке.",
     {"Немања Петровић": "Министар спољних послова Србије"},
     [("MEETING", None, None, {"Немања Петровић"})]),
    ("sr", "Ministar privrede Srbije Dejan Savić posetio je 22. septembra Budimpeštu i učestvovao na poslovnom "
           "forumu.",
     {"Dejan Savić": "Ministar privrede Srbije"},
     [("VISIT", "2031-09-22", "Budimpešta", {"Dejan Savić"})]),
    ("sr", "Predsednik Srbije Milan Stojković razgovarao je telefonom sa predsednikom vlade Hrvatske.",
     {"Milan Stojković": "Predsednik Srbije"},
     [("CALL", None, None, {"Milan Stojković"})]),
    ("zh", "2031年6月3日,外交部长李文华在北京会见哈萨克斯坦外交部长叶尔兰·萨特巴耶夫。",
     {"李文华": "外交部长", "叶尔兰·萨特巴耶夫": "哈萨克斯坦外交部长"},
     [("MEETING", "2031-06-03", "北京", {"李文华", "叶尔兰·萨特巴耶夫"})]),
    ("zh", "商务部副部长张国强于5月12日出席在上海举行的中国—中亚经贸合作论坛并致辞。",
     {"张国强": "商务部副部长"},
     [("FORUM", "2031-05-12", "上海", {"张国强"})]),
    ("zh", "国家主席赵立新同俄罗斯总统通电话。",
     {"赵立新": "国家主席"},
     [("CALL", None, None, {"赵立新"})]),
]


@pytest.mark.parametrize("lang, text, people, events", RELEASES, ids=[f"{r[0]}-{i}" for i, r in enumerate(RELEASES)])
def test_a_short_release(lang, text, people, events):
    rec = communique.extract(text, language=lang, published=PUB)
    names = {e.id: e.name for e in rec.entities}
    found = {e.name: [r.title for r in e.roles] for e in rec.entities if e.type == "PER"}
    assert found == {name: [title] for name, title in people.items()}
    for kind, date, place, who in events:
        match = [ev for ev in rec.events if ev.type == kind]
        assert match, (kind, [ev.type for ev in rec.events])
        ev = match[0]
        if date is not ...:  # ...: what a sub-event takes from its visit is not judged here
            assert ev.start == date
        if place is not None:
            assert names.get(ev.location) == place
        if who is not None:
            assert who <= {names[p.entity] for p in ev.participants}


def _participants(rec, kind):
    names = {e.id: e.name for e in rec.entities}
    return [{names[p.entity] for p in ev.participants} for ev in rec.events if ev.type == kind]


def test_a_titled_person_named_after_the_one_meeting_takes_part_in_it():
    text = ("Бүгін Астанада Қазақстан, Қырғызстан және Моңғолия көлік министрлерінің кездесуі өтті. "
            "Қазақстандық делегацияны Қазақстан Республикасының Көлік министрі Ерболат Сәрсенов басқарды.")
    rec = communique.extract(text, language="kk", published=PUB)
    assert any("Ерболат Сәрсенов" in who for who in _participants(rec, "MEETING"))


def test_with_two_gatherings_a_person_of_neither_sentence_is_given_to_none():
    text = ("Oʻzbekiston va Turkmaniston vazirlari Toshkentda uchrashdi. Ertasi kuni Buxoroda xalqaro turizm "
            "forumi boʻlib oʻtdi. Oʻzbekiston transport vaziri Ilhom Sobirov delegatsiyani boshqardi.")
    rec = communique.extract(text, language="uz", published=PUB)
    assert {ev.type for ev in rec.events} >= {"MEETING", "FORUM"}
    assert all("Ilhom Sobirov" not in who for kind in ("MEETING", "FORUM") for who in _participants(rec, kind))


@pytest.mark.parametrize("lang, text, iso", [
    ("kk", "Делегация Әзірбайжанға барды.", "AZ"),
    ("kk", "Министр Венгрия елшісімен кездесті.", "HU"),
    ("uz", "Vazir Vengriyaga tashrif buyurdi.", "HU"),
    ("tg", "Вазир ба Маҷористон сафар кард.", "HU"),
    ("be", "Міністр наведаў Венгрыю.", "HU"),
])
def test_country_names_the_shared_gazetteer_lacks_in_the_language(lang, text, iso):
    rec = communique.extract(text, language=lang)
    assert iso in {e.iso for e in rec.entities if e.type == "LOC"}
