"""The region's other languages: dates from each language's month names, persons by title
patterns, and a Record that says which steps ran. Every text here was written for these tests."""

import pytest

import communique
from communique.extract import regional_dates
from communique.extract.regional import steps_for

PUB = "2026-05-10"


def values(text, lang, published=PUB):
    """(matched text, value) for each date; a range's value is 'start/end'."""
    out = []
    for d in regional_dates.find_dates(text, published, lang):
        assert text[d.start:d.end] == d.text
        v = d.value_start if d.value_end is None else f"{d.value_start}/{d.value_end}"
        out.append((d.text, v))
    return out


# -- dates at day precision ------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("kk", "2026 жылғы 27 сәуірде Астанада кездесу өтті.", ("2026 жылғы 27 сәуірде", "2026-04-27")),
    ("kk", "Форум 27 сәуір 2026 жылы басталады.", ("27 сәуір 2026 жылы", "2026-04-27")),
    ("uz", "Vazirlar 2026-yil 27-aprel kuni uchrashdi.", ("2026-yil 27-aprel kuni", "2026-04-27")),
    ("uz", "Учрашув 27 апрель 2026 йил куни бўлди.", ("27 апрель 2026 йил", "2026-04-27")),
    ("uz", "Учрашув 2026 йил 27 апрелда бўлди.", ("2026 йил 27 апрелда", "2026-04-27")),
    ("ky", "2026-жылдын 27-апрелинде Бишкекте жолугушуу болду.", ("2026-жылдын 27-апрелинде", "2026-04-27")),
    ("tg", "Мулоқот 27 апрели соли 2026 дар Душанбе баргузор шуд.", ("27 апрели соли 2026", "2026-04-27")),
    ("be", "27 красавіка 2026 года ў Мінску адбылася сустрэча.", ("27 красавіка 2026 года", "2026-04-27")),
    ("sr", "Састанак је одржан 27. априла 2026. у Београду.", ("27. априла 2026", "2026-04-27")),
    ("sr", "Sastanak je održan 27. aprila 2026. u Beogradu.", ("27. aprila 2026", "2026-04-27")),
    ("zh", "2026年4月27日，会议在比什凯克举行。", ("2026年4月27日", "2026-04-27")),
    ("kk", "Келісімге 12.03.2026 қол қойылды.", ("12.03.2026", "2026-03-12")),  # day first, never March/December swapped
])
def test_a_full_date_is_read_to_the_day(lang, text, expected):
    assert values(text, lang) == [expected]
    assert values(text, lang, published=None) == [expected]  # a written year needs no publication date


@pytest.mark.parametrize("lang, text, expected", [
    ("uz", "Vazir 27-aprelda Samarqandga keldi.", ("27-aprelda", "2026-04-27")),
    ("ky", "Министр 27-апрелде Ошко келди.", ("27-апрелде", "2026-04-27")),
    ("zh", "代表团4月27日抵达。", ("4月27日", "2026-04-27")),
])
def test_a_day_without_a_year_takes_the_publication_year_and_none_without_it(lang, text, expected):
    assert values(text, lang) == [expected]
    (d,) = regional_dates.find_dates(text, None, lang)
    assert d.relative and d.value_start is None


@pytest.mark.parametrize("lang, text, expected", [
    ("kk", "Көрме 27–28 сәуір 2026 жылы өтеді.", "2026-04-27/2026-04-28"),
    ("uz", "Forum 27-28 aprel kunlari oʻtadi.", "2026-04-27/2026-04-28"),
    ("be", "Форум пройдзе 27–28 красавіка.", "2026-04-27/2026-04-28"),
    ("sr", "Форум ће се одржати 27.–28. априла 2026.", "2026-04-27/2026-04-28"),
    ("zh", "论坛于4月27日至28日举行。", "2026-04-27/2026-04-28"),
    ("kk", "Апталық 30 сәуір – 2 мамыр 2026 ж. өтеді.", "2026-04-30/2026-05-02"),
    ("kk", "2024–2026 жылдарға арналған жоспар бекітілді.", "2024/2026"),
    # two days running joined by 'and'
    ("sr", "Ministar će 15. i 16. oktobra boraviti u poseti.", "2026-10-15/2026-10-16"),
    ("be", "Дэлегацыя наведае Гродна 27 і 28 красавіка.", "2026-04-27/2026-04-28"),
])
def test_ranges_are_periods(lang, text, expected):
    assert [v for _, v in values(text, lang)] == [expected]


# -- no more precision than the text gives ---------------------------------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("kk", "Бағдарлама 2026 жылы қабылданды.", [("2026 жылы", "2026")]),
    ("uz", "2026-yilda 15 ta loyiha amalga oshirildi.", [("2026-yilda", "2026")]),
    ("be", "У 2026 годзе праграма была прынята.", [("2026 годзе", "2026")]),
    ("sr", "Програм је усвојен 2026. године.", [("2026. године", "2026")]),
    ("tg", "Барнома соли 2026 қабул шуд.", [("соли 2026", "2026")]),
    ("zh", "2026年，双方签署协议。", [("2026年", "2026")]),
    ("kk", "2026 жылғы сәуір айында келіссөздер болды.", [("2026 жылғы сәуір айында", "2026-04")]),
    ("be", "У красавіку 2026 года адбыліся перамовы.", [("красавіку 2026 года", "2026-04")]),
    ("zh", "2026年4月，双方举行会谈。", [("2026年4月", "2026-04")]),
    # a month name alone is no date: October / a cauldron / the city of Kazan; March / the holiday
    ("kk", "Делегация Қазан қаласында болды. Наурыз мейрамы тойланды.", []),
    # "май" is also oil or wine: a day with it counts only with a year
    ("ky", "Дүкөнгө 20 май жеткирилди.", []),
    ("uz", "Universitetda adabiy kecha boʻldi.", []),  # "kecha" is yesterday and an evening: not read inside
])
def test_year_and_month_precision_and_what_is_dropped(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize("lang, text", [
    ("kk", "Кездесуге 2026 адам қатысты, 15 бағдарлама ұсынылды."),
    ("uz", "Loyihada 2026 nafar talaba va 3 martaba gʻolib qatnashdi."),
    ("ky", "Жыйынга 2026 киши катышты."),
    ("tg", "Дар чорабинӣ 2026 нафар ширкат варзиданд."),
    ("be", "У форуме ўдзельнічалі 2026 чалавек."),
    ("sr", "На скупу је било 2026 учесника и 12 министара."),
    ("zh", "共有2026人参加，签署了15份文件。"),
])
def test_a_bare_number_never_becomes_a_date(lang, text):
    assert values(text, lang) == []
    rec = communique.extract(text, language=lang)
    assert not [m for m in rec.mentions if m.type == "DATE"]


@pytest.mark.parametrize("lang, word", [("kk", "Кеше"), ("ky", "Кечээ"), ("tg", "Дирӯз"), ("be", "Учора"),
                                        ("sr", "Јуче"), ("zh", "昨天")])
def test_yesterday_needs_a_publication_day(lang, word):
    text = f"{word} делегация келді." if lang != "zh" else f"{word}，代表团抵达。"
    assert values(text, lang) == [(word, "2026-05-09")]
    assert values(text, lang, published="2026-05") == [(word, None)]
    assert values(text, lang, published=None) == [(word, None)]


def test_a_language_without_a_lexicon_gets_no_dates():
    assert regional_dates.find_dates("27 квітня 2026 року", PUB, "uk") == []
    assert not regional_dates.supports("ru")  # Russian has its own module: never read with these words


# -- the Record ------------------------------------------------------------------------------------

def test_dates_are_date_mentions_and_a_dateline_gives_the_publication_date():
    text = "Toshkent, 2026-yil 5-mart. Oʻzbekiston tashqi ishlar vaziri Qozogʻiston delegatsiyasi bilan uchrashdi."
    rec = communique.extract(text)
    assert rec.document.language == "uz" and rec.document.published == "2026-03-05"
    dates = [m for m in rec.mentions if m.type == "DATE"]
    assert [(m.text, m.entity) for m in dates] == [("2026-yil 5-mart", None)]
    for m in rec.mentions:
        assert text[m.start:m.end] == m.text


def test_a_date_inside_a_sentence_is_no_dateline():
    rec = communique.extract("Кездесу 2026 жылғы 27 сәуірде Астанада өтті. Қазақстан және Қырғызстан өкілдері қатысты.")
    assert rec.document.language == "kk" and rec.document.published is None


@pytest.mark.parametrize("lang", ["kk", "uz", "ky", "tg", "be", "sr", "zh"])
def test_the_record_says_which_steps_ran(lang):
    steps, skipped = steps_for(lang)
    assert {"dates", "persons-patterns", "roles-patterns", "events", "agreements", "organizations-heads"} <= set(steps)
    assert "ner" in skipped and "events" not in skipped
    assert not set(steps) & set(skipped)


def test_a_language_without_lexicons_says_dates_and_persons_were_skipped():
    rec = communique.extract("Сьогодні у Києві відбулася зустріч міністрів. Сторони обговорили співпрацю.",
                             language="uk")
    assert {"dates", "persons-patterns"} <= set(rec.extractor.skipped)
    assert "dates" not in rec.extractor.steps
    assert not [e for e in rec.entities if e.type == "PER"]


# -- persons by pattern ----------------------------------------------------------------------------

def persons(text, lang):
    rec = communique.extract(text, language=lang)
    for m in rec.mentions:
        assert text[m.start:m.end] == m.text
    return {e.name: [(r.title, r.country) for r in e.roles] for e in rec.entities if e.type == "PER"}


@pytest.mark.parametrize("lang, text, name, title, country", [
    ("kk", "Қазақстан Республикасының Сыртқы істер министрі Ермек Көшербаев Бішкекке келді.",
     "Ермек Көшербаев", "Қазақстан Республикасының Сыртқы істер министрі", "KZ"),
    ("kk", "Кездесу Сыртқы істер министрі Ермек Көшербаевпен өтті.",  # the case ending comes off
     "Ермек Көшербаев", "Сыртқы істер министрі", None),
    ("uz", "Oʻzbekiston tashqi ishlar vaziri Baxtiyor Saidov delegatsiyani qabul qildi.",
     "Baxtiyor Saidov", "Oʻzbekiston tashqi ishlar vaziri", "UZ"),
    ("ky", "Кыргыз Республикасынын тышкы иштер министри Жээнбек Кулубаев сүйлөдү.",
     "Жээнбек Кулубаев", "Кыргыз Республикасынын тышкы иштер министри", "KG"),
    ("tg", "Вазири рушди иқтисод ва савдои Ҷумҳурии Тоҷикистон Завқи Завқизода суханронӣ кард.",
     "Завқи Завқизода", "Вазири рушди иқтисод ва савдои Ҷумҳурии Тоҷикистон", "TJ"),
    ("be", "Міністр замежных спраў Рэспублікі Беларусь Максім Рыжанкоў правёў перамовы.",
     "Максім Рыжанкоў", "Міністр замежных спраў Рэспублікі Беларусь", "BY"),
    ("sr", "Министар спољних послова Србије Марко Ђурић састао се са делегацијом.",
     "Марко Ђурић", "Министар спољних послова Србије", "RS"),
    ("sr", "Ивица Дачић, министар унутрашњих послова, говорио је на скупу.",
     "Ивица Дачић", "министар унутрашњих послова", None),
    ("zh", "外交部长王毅在北京会见代表团。", "王毅", "外交部长", None),
    ("zh", "习近平主席出席会议。", "习近平", "主席", None),
])
def test_a_person_beside_a_title_is_found_with_the_title_as_role(lang, text, name, title, country):
    found = persons(text, lang)
    assert list(found) == [name]
    assert found[name] == [(title, country)]


@pytest.mark.parametrize("lang, text", [
    ("kk", "Сыртқы істер министрі Ұлттық Қауіпсіздік Комитетінің өкілдерімен кездесті."),
    ("uz", "Moliya vaziri Xalqaro Valyuta Jamgʻarmasi vakillari bilan uchrashdi."),
    ("ky", "Министр Улуттук Банктын өкүлдөрү менен жолукту."),
    ("be", "Міністр Нацыянальнага Банка выступіў на форуме."),
    # a genitive place the gazetteer cannot see is not the first word of a name
    ("sr", "Председник Ирске Зоран Милановић није присуствовао."),
    # the name in an oblique case after a verb: not read as the minister's name
    ("sr", "Министар је разговарао са Марком Ђурићем."),
    ("tg", "Вазир бо Бонки Миллии Тоҷикистон вохӯрд."),
    # 于 is "at", 高度 is "highly": no names after these titles
    ("zh", "外长于北京会见俄罗斯代表。秘书长高度评价合作。"),
    # a capitalized name with no title beside it stays unread
    ("kk", "Ермек Көшербаев Бішкекке келді."),
])
def test_capitalized_words_that_are_not_a_titled_person_stay_unread(lang, text):
    assert persons(text, lang) == {}


def test_the_same_name_again_is_the_same_person():
    text = ("Қазақстан Республикасының Сыртқы істер министрі Ермек Көшербаев Бішкекке келді. "
            "Ермек Көшербаевтың сапары екі күнге созылады.")
    rec = communique.extract(text, language="kk")
    (p,) = [e for e in rec.entities if e.type == "PER"]
    assert [m.text for m in rec.mentions if m.entity == p.id] == ["Ермек Көшербаев", "Ермек Көшербаевтың"]


def names(text, lang, kind):
    rec = communique.extract(text, language=lang)
    return {e.name for e in rec.entities if e.type == kind}


def places(text, lang):
    return names(text, lang, "LOC")


@pytest.mark.parametrize("lang, text, place", [
    # a city named inside a body's name is a place of the text too
    ("uz", "O‘zbekiston Shanxay hamkorlik tashkiloti doirasida hamkorlikni kengaytiradi.", "Shanxay"),
    ("tg", "Тоҷикистон дар доираи Созмони ҳамкории Шанхай ҳамкориро густариш медиҳад.", "Шанхай"),
])
def test_a_city_inside_an_international_bodys_name_is_a_place(lang, text, place):
    assert place in places(text, lang)


@pytest.mark.parametrize("lang, text", [
    ("be", "Дэлегацыя наведала Шанхай і Пекін."),
    ("ky", "Делегация Шанхайда болду."),
])
def test_a_foreign_city_without_a_local_name_is_read_as_russian_writes_it(lang, text):
    assert "Шанхай" in places(text, lang)


@pytest.mark.parametrize("lang, text, place", [
    # Belarusian writes a Russian city name with its own letters: "и" as "ы" after a hard consonant
    ("be", "Заўтра дэлегацыя прыляціць у Сочы.", "Сочы"),
    ("be", "Кансультацыі прайшлі ў Тбілісі.", "Тбілісі"),
])
def test_a_russian_city_name_in_belarusian_spelling(lang, text, place):
    assert place in places(text, lang)


@pytest.mark.parametrize("lang, text", [
    ("be", "Наступная сустрэча пройдзе ў Нур-Султане."),
    ("ky", "Кийинки жыйын Нур-Султанда өтөт."),
])
def test_a_citys_other_russian_name_is_that_city(lang, text):
    rec = communique.extract(text, language=lang)
    city = next(e for e in rec.entities if e.type == "LOC")
    assert (city.name, city.gazetteer_id) == ("Нур-Султан", "KZ:astana")


def test_one_city_under_two_names_is_one_place():
    rec = communique.extract("Саммит Астанада өтеді. Бұрын Нур-Султанда да кездесу болған.", language="kk")
    cities = [e for e in rec.entities if e.type == "LOC"]
    assert [(e.name, e.aliases) for e in cities] == [("Астана", ["Нур-Султан"])]


def organizations(text, lang):
    return names(text, lang, "ORG")


@pytest.mark.parametrize("lang, text, body", [
    # an adjective of a body's name in an oblique case
    ("sr", "Srbija ostaje posvećena putu ka Evropskoj uniji.", "Evropska unija"),
    ("be", "Пасяджэнне прайшло ў штаб-кватэры Еўразійскай эканамічнай камісіі.", "Еўразійская эканамічная камісія"),
    # the usual names of the union in Kyrgyz, named by the one the gazetteer gives
    ("ky", "Кыргызстан Евразиялык экономикалык биримдиктин алкагында кызматташат.", "Евразиялык экономикалык биримдик"),
    ("ky", "Кыргызстан Евразиялык экономикалык бирликтин алкагында кызматташат.", "Евразиялык экономикалык биримдик"),
])
def test_regional_names_of_international_bodies_in_oblique_cases(lang, text, body):
    assert body in organizations(text, lang)


def test_two_days_not_running_are_no_period():
    assert [v for _, v in values("Ministar će 15. i 17. oktobra boraviti u poseti.", "sr")] == ["2026-10-17"]


def test_a_place_whose_name_ends_in_a_soft_sign_is_found_in_an_oblique_case():
    assert "Беларусь" in places("Дэлегацыя знаходзіцца ў Беларусі з візітам.", "be")


@pytest.mark.parametrize("lang, text, expected", [
    ("tg", "Аз 17 то 28 ноябри соли 2031 дар шаҳри Хуҷанд конфронс баргузор мегардад.", "2031-11-17/2031-11-28"),
    ("sr", "Sajam traje od 17. do 20. novembra 2031. godine.", "2031-11-17/2031-11-20"),
    ("be", "Выстава пройдзе з 17 па 20 лістапада 2031 года.", "2031-11-17/2031-11-20"),
])
def test_from_one_day_to_another_is_a_period(lang, text, expected):
    assert [v for _, v in values(text, lang)] == [expected]


def test_a_chinese_body_with_and_without_its_state_is_one_body():
    text = ("12月2日，商务部部长刘明远与哈萨克斯坦贸易和一体化部部长举行会谈。会谈期间，双方签署了"
            "《中华人民共和国商务部与哈萨克斯坦共和国贸易和一体化部关于加强合作的谅解备忘录》。")
    rec = communique.extract(text, language="zh")
    bodies = {e.name: e.aliases for e in rec.entities if e.type == "ORG"}
    assert bodies == {"中华人民共和国商务部": ["商务部"], "哈萨克斯坦共和国贸易和一体化部": ["哈萨克斯坦贸易和一体化部"]}


@pytest.mark.parametrize("lang, text, expected", [
    # a month alone after a preposition or before the month word: the publication year's
    ("be", "Наступнае пасяджэнне пройдзе ў кастрычніку ў Мінску.", [("кастрычніку", "2026-10")]),
    ("sr", "Sledeći sastanak biće održan u oktobru.", [("oktobru", "2026-10")]),
    ("kk", "Келесі кездесу қазан айында өтеді.", [("қазан айында", "2026-10")]),
    # without such a word a month name stays unread ("Қазан" is also a city)
    ("kk", "Делегация Қазан қаласына барды.", []),
    # "the day before", where no noun follows it
    ("be", "Напярэдадні Пятро Каваленка правёў кансультацыі.", [("Напярэдадні", "2026-05-09")]),
    ("be", "Напярэдадні сустрэчы міністр выступіў.", []),
])
def test_a_month_alone_and_the_day_before(lang, text, expected):
    assert values(text, lang) == expected


def test_a_place_is_named_as_the_text_names_it_when_the_language_has_two_names():
    # Kyrgyz says both "Ооганстан" and "Афганистан"; the text's own word names the place
    assert places("Министр Афганистандагы кырдаалды талкуулады.", "ky") == {"Афганистан"}


@pytest.mark.parametrize("lang, text, city", [
    # a city the gazetteer does not hold, named beside the word for 'city'
    ("kk", "Әзербайжанның Шеки қаласында министрлер кеңесінің отырысы өтті.", "Шеки"),
    ("ky", "Кол коюу аземи Кара-Балта шаарында өттү.", "Кара-Балта"),
    ("tg", "Ҷаласа дар шаҳри Панҷакент баргузор шуд.", "Панҷакент"),
])
def test_a_city_named_by_the_word_for_city(lang, text, city):
    assert city in places(text, lang)


def test_a_lower_case_word_before_the_word_for_city_is_no_city():
    assert places("Елордамыз – бас қаласы.", "kk") == set()


@pytest.mark.parametrize("text, city", [
    # a city with no Serbian name of its own: its Russian name in the text's Serbian script
    ("Ministar je danas boravio u Tirani.", "Tirana"),
    ("Министар је боравио у Тирани.", "Тирана"),
])
def test_a_serbian_text_reads_a_capital_by_its_russian_name_transliterated(text, city):
    assert city in places(text, "sr")


def test_a_given_name_that_is_also_a_city_in_russian_stays_a_name():
    assert places("Predsednik Srbije Milan Stojković razgovarao je telefonom.", "sr") == {"Srbija"}


@pytest.mark.parametrize("lang, text, expected", [
    # a weekday after its preposition: that day in the week around the publication day (a Sunday here)
    ("be", "У пятніцу адбудзецца сустрэча, а ў панядзелак адбылася нарада.",
     [("пятніцу", "2026-05-08"), ("панядзелак", "2026-05-11")]),
    ("sr", "Sastanak će biti održan u sredu.", [("sredu", "2026-05-13")]),
    ("be", "Пятніца — рабочы дзень.", []),  # no preposition: no date
])
def test_a_weekday_is_dated_around_the_publication_day(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("be", "Перамовы прайшлі ў канцы мінулага года.", [("мінулага года", "2025")]),
    ("sr", "Forum će biti održan sledeće godine.", [("sledeće godine", "2027")]),
    ("kk", "Биыл форум Астанада өтеді.", [("Биыл", "2026")]),
    ("zh", "欢迎企业参加明年举办的博览会。", [("明年", "2027")]),
])
def test_last_this_and_next_year(lang, text, expected):
    assert values(text, lang) == expected
