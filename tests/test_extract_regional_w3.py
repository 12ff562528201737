"""Trigger, date, title and body words of the region's languages added from the third written set's
error classes (sr, zh, ky, ...). Every sentence here was written for these tests; the names are made up."""

import pytest

from communique.extract.regional import RegionalPipeline
from communique.model import Document


def record(text, lang, published=None):
    return RegionalPipeline(lang)(Document(id="t", text=text, published=published))


def events(text, lang, published=None):
    rec = record(text, lang, published)
    return [(ev.type, ev.status, ev.start) for ev in rec.events]


@pytest.mark.parametrize("lang, text, expected", [
    ("sr", "Министар Петар Илић примио је амбасадора Норвешке.", ("MEETING", "occurred")),
    ("sr", "Ministar Petar Ilić primio je ambasadora Norveške.", ("MEETING", "occurred")),
    ("sr", "Делегација ће се састати са градоначелником Ниша.", ("MEETING", "planned")),
    ("sr", "Министар Петар Илић разговарао је путем видео-линка са колегом из Беча.", ("CALL", "occurred")),
    ("sr", "Министар Петар Илић поднео је информацију о стању путева.", ("SPEECH", "occurred")),
])
def test_serbian_trigger_words(lang, text, expected):
    assert expected in [(t, s) for t, s, _ in events(text, lang)]


def test_a_stay_is_a_visit():
    assert "VISIT" in [t for t, _, _ in events("Delegacija iz Norveške boravi u Nišu.", "sr")]


def test_a_call_by_video_link_is_no_meeting_besides():
    got = [t for t, _, _ in events("Министар Петар Илић разговарао је јуче путем видео-линка са колегом.", "sr")]
    assert got == ["CALL"]


def test_an_exhibition_adjective_is_no_forum():
    got = events("Радови на изложбеном простору теку по плану.", "sr")
    assert not any(t == "FORUM" for t, _, _ in got)


def test_todays_session_is_the_day_of_publication():
    got = events("Министар Петар Илић је на данашњој седници Владе поднео информацију о путевима.", "sr",
                 "2026-03-04")
    assert ("MEETING", "occurred", "2026-03-04") in got


@pytest.mark.parametrize("lang, text, day", [
    ("be", "Навіны / Палітыка\n03.02.2026 11:05\nМіністр наведаў завод\nМІНСК, 3 лютага (БЕЛТА) – ...", "2026-02-03"),
    ("zh", "国际 >> 新闻\n某某部长会见代表团\n2026年03月05日08:15 | 来源：本网\n某某部长会见了代表团。", "2026-03-05"),
    ("zh", "某某部 > 新闻动态\n某某论坛在某地举行\n发布时间：2026-03-05 来源：某某司\n论坛举行。", "2026-03-05"),
    ("kk", "Жаңалықтар\nБір тақырып\nАҚТӨБЕ. 5 наурыз 2026 жыл. Бүгін облыста көрме ашылды.", "2026-03-05"),
    ("be", "Міністэрства / Навіны\nНавіны і падзеі\nАб сустрэчы міністра\n5 сакавіка 2026 г.\nУчора адбылася сустрэча.",
     "2026-03-05"),
    ("be", "Навіны\nГомель, 5 сакавіка 2026 г. Сёння ў Гомелі адкрылася выстава.", "2026-03-05"),
])
def test_a_header_date_is_the_publication_date(lang, text, day):
    from communique.extract import regional_dates
    assert regional_dates.find_published(text, lang)[0] == day


def test_a_body_date_after_the_first_lines_is_no_publication_date():
    from communique.extract import regional_dates
    text = "Навіны\nТэма\nРадок\nЯшчэ радок\nІ яшчэ\n5 сакавіка 2026 г.\nТэкст."
    assert regional_dates.find_published(text, "be") is None


@pytest.mark.parametrize("lang, text", [
    ("kk", "Министрлер ынтымақтастық туралы жол картасын қабылдады."),
    ("uz", "Vazirlar hamkorlik dasturini qabul qildi."),
])
def test_receiving_a_document_adopts_it(lang, text):
    assert [t for t, _, _ in events(text, lang)] == ["SIGNING"]


def test_receiving_a_person_is_a_meeting():
    assert [t for t, _, _ in events("Президент елшіні қабылдады.", "kk")] == ["MEETING"]


def test_on_the_eve_of_a_told_meeting_is_no_new_meeting():
    text = ("Астанада министрлердің кездесуі өтті. Кездесу қарсаңында министр Асқар Сейітов "
            "әріптесімен телефон арқылы сөйлесті.")
    assert [t for t, _, _ in events(text, "kk", "2026-03-05")] == ["MEETING", "CALL"]


def _places(text, lang):
    rec = record(text, lang)
    return {e.name for e in rec.entities if e.type == "LOC"}


def test_a_word_that_only_begins_like_a_place_is_no_place():
    got = _places("Кубанычбек Асанов Санариптик өнүктүрүү министрлигинде сүйлөдү.", "ky")
    assert not got & {"Куба", "Сана"}


@pytest.mark.parametrize("lang, text, place", [
    ("ky", "Министр Бишкекте жолугушту.", "Бишкек"),
    ("kk", "Делегация Ресейдің астанасына келді.", "Ресей"),
    ("uz", "Vazir Toshkentdagi forumda so‘zladi.", "Toshkent"),
])
def test_a_place_with_a_case_ending_is_still_found(lang, text, place):
    assert place in _places(text, lang)


def _roles(text, lang):
    rec = record(text, lang)
    return {e.name: [r.title for r in e.roles] for e in rec.entities if e.type == "PER"}


def test_a_body_in_the_genitive_before_a_capitalized_title_belongs_to_the_title():
    got = _roles("Министр бүгүн Түштүк өнөктөштүк уюмунун Башкы катчысы Асан Токтогулов менен жолугушту.", "ky")
    assert got.get("Асан Токтогулов") == ["Түштүк өнөктөштүк уюмунун Башкы катчысы"]


def test_kyrgyz_deputy_written_in_two_words():
    got = _roles("Форумда Кыргыз Республикасынын Министрлер Кабинетинин Төрагасынын орун басары Бакыт Асанов "
                 "сөз сүйлөдү.", "ky")
    assert "Бакыт Асанов" in got and got["Бакыт Асанов"][0].endswith("Төрагасынын орун басары")


def test_chinese_a_given_name_does_not_end_in_a_function_character():
    got = _roles("国务院总理王强将于5月17日出访。访问期间，王强总理将同对方举行会谈。", "zh")
    assert got == {"王强": ["国务院总理"]}


def test_chinese_a_long_transliterated_name_after_a_title():
    got = _roles("应吉尔吉斯斯坦外长叶尔兰卡斯巴耶夫邀请，部长将出访。", "zh")
    assert "叶尔兰卡斯巴耶夫" in got


def test_chinese_an_international_body_before_a_title_is_part_of_the_role():
    got = _roles("上合组织秘书长叶尔兰诺夫表示，合作前景广阔。", "zh")
    assert got.get("叶尔兰诺夫") == ["上合组织秘书长"]


def test_chinese_a_committee_is_no_member_title():
    got = _roles("双方同意中吉合作委员会高新会议明年举行。", "zh")
    assert got == {}


@pytest.mark.parametrize("lang, text, value", [
    ("sr", "Седница ће бити одржана у марту следеће године у Нишу.", "2027-03"),
    ("sr", "Sednica će biti održana sledeće godine.", "2027"),
    ("zh", "双方商定明年3月在北京举行会议。", "2027-03"),
    ("zh", "会议将于明年上半年举行。", "2027"),
    ("kk", "Кеңес келесі жылы Бішкекте өтеді.", "2027"),
    ("be", "Форум пройдзе ў сакавіку наступнага года.", "2027-03"),
    ("ky", "Былтыр форум Ошто өттү.", "2025"),
])
def test_a_year_counted_from_the_publication(lang, text, value):
    from communique.extract.regional_dates import find_dates
    assert value in [d.value_start for d in find_dates(text, "2026-12-02", lang)]


def test_a_counted_year_without_a_publication_date_has_no_value():
    from communique.extract.regional_dates import find_dates
    assert [d.value_start for d in find_dates("会议将于明年举行。", None, "zh")] == [None]


def _bodies(text, lang):
    rec = record(text, lang)
    return {e.name: e.aliases for e in rec.entities if e.type == "ORG"}


def test_chinese_department_after_its_ministry_is_one_name():
    got = _bodies("会谈由商务部欧亚司主持。", "zh")
    assert "商务部欧亚司" in got


def test_chinese_source_credit_is_no_body():
    got = _bodies("发布时间：2026-03-05 来源：国际合作司\n论坛在某地举行。", "zh")
    assert "国际合作司" not in got


def test_chinese_foreign_minister_names_the_ministry():
    assert "外交部" in _bodies("外交部长王毅在北京会见了客人。", "zh")


def test_chinese_two_states_ministries_are_two_bodies_joined_by_and():
    got = _bodies("双方签署了《中华人民共和国外交部和吉尔吉斯共和国外交部合作计划》。", "zh")
    assert {"中华人民共和国外交部", "吉尔吉斯共和国外交部"} <= set(got)


def test_chinese_cabinet_is_a_body():
    assert "吉尔吉斯共和国内阁" in _bodies("代表团会见了吉尔吉斯共和国内阁成员。", "zh")


@pytest.mark.parametrize("lang, text, names", [
    ("kk", "Кездесуге Еуразиялық экономикалық комиссия алқасының мүшесі қатысты.",
     {"Еуразиялық экономикалық комиссия алқасы", "Еуразиялық экономикалық комиссия"}),
    ("uz", "Vazir Jahon savdo tashkiloti vakillari bilan uchrashdi.", {"Jahon savdo tashkiloti"}),
    ("ky", "Кыргызстан Евразия экономикалык биримдигине мүчө.", {"Евразиялык экономикалык биримдик"}),
])
def test_international_bodies_in_local_names_and_their_parent(lang, text, names):
    assert names <= set(_bodies(text, lang))


def test_a_parent_named_inside_a_body_is_no_participant_of_its_own():
    rec = record("Еуразиялық экономикалық комиссия алқасы Астанада отырыс өткізді.", "kk")
    names = {e.id: e.name for e in rec.entities}
    parts = [names[p.entity] for ev in rec.events for p in ev.participants]
    assert "Еуразиялық экономикалық комиссия" not in parts


@pytest.mark.parametrize("lang, text, body", [
    ("sr", "Delegacija će se sastati sa predsednicom Narodne skupštine Republike Srbije Marom Ilić.",
     "Narodna skupština Republike Srbije"),
    ("sr", "Делегација ће се састати са председницом Народне скупштине Републике Србије.",
     "Народна скупштина Републике Србије"),
    ("be", "На форуме выступіў Старшыня Савета Федэрацыі Расійскай Федэрацыі Пётр Іваноў.",
     "Савет Федэрацыі Расійскай Федэрацыі"),
])
def test_a_state_ends_a_body_name_and_the_person_after_it_is_no_part_of_it(lang, text, body):
    assert body in _bodies(text, lang)


def test_an_infinitive_ends_a_serbian_body_name():
    got = _bodies("Министар ће у Привредној комори Србије учествовати на форуму.", "sr")
    assert "Привредна комора Србије" in got


@pytest.mark.parametrize("text", [
    "今年是该组织成立25周年，各方表示祝贺。",
    "该组织成立以来，合作不断深化。",
])
def test_chinese_an_anniversary_is_no_founding(text):
    assert not any(t == "FOUNDING" for t, _, _ in events(text, "zh"))


def test_chinese_partner_states_taking_part_are_no_accession_but_granting_observer_status_is():
    assert not any(t == "ACCESSION" for t, _, _ in events("来自成员国及伙伴国的代表约500人参会。", "zh"))
    assert ("ACCESSION", "occurred") in [(t, s) for t, s, _ in events("会议决定给予某国观察员国地位。", "zh")]


@pytest.mark.parametrize("text, expected", [
    ("Дар ҷаласаи пленарии форум вазир Раҳим Саидов баромад кард.", "SESSION"),
    ("Раҳим Саидов дар суханронии худ ба масъалаҳои об таваҷҷуҳ зоҳир намуд.", "SPEECH"),
    ("Вазир Раҳим Саидов дар ҳамоиш маърӯза кард.", "SPEECH"),
    ("Вазирон Изҳорот оид ба ҳамкорӣ дар соҳаи об ва Нақшаи машваратҳоро қабул карданд.", "SIGNING"),
])
def test_tajik_trigger_forms(text, expected):
    assert expected in [t for t, _, _ in events(text, "tg")]


def test_tajik_receiving_a_person_stays_a_meeting():
    assert [t for t, _, _ in events("Президент сафири Ҷопонро қабул кард.", "tg")] == ["MEETING"]


def test_a_day_until_which_the_event_goes_on_is_its_end_not_its_start():
    rec = record("Bugun Toshkentda xalqaro forum o‘z ishini boshladi. 11-sentabrga qadar davom etadigan forumda "
                 "ko‘plab ishtirokchilar qatnashmoqda.", "uz", "2026-09-09")
    forum = next(ev for ev in rec.events if ev.type == "FORUM")
    assert (forum.start, forum.end, forum.status) == ("2026-09-09", "2026-09-11", "ongoing")


def test_a_year_inside_a_name_does_not_date_the_event_when_its_day_is_told():
    got = events("9月15日至16日，2026年某某合作论坛在厦门举行。", "zh", "2026-09-16")
    assert ("FORUM", "occurred", "2026-09-15") in got


def test_a_day_without_a_year_takes_the_year_told_before_it_in_the_sentence():
    from communique.extract.regional_dates import find_dates
    text = ("Нагадаем, 8 снежня 1991 года было падпісана пагадненне, а 21 снежня ў Гомелі да яго далучылася "
            "Арменія. Форум прайшоў 5 траўня.")
    got = [d.value_start for d in find_dates(text, "2026-12-04", "be")]
    assert got == ["1991-12-08", "1991-12-21", "2026-05-05"]


@pytest.mark.parametrize("text, value", [
    ("Predsednik će početkom novembra učestvovati na sajmu.", "2026-11"),
    ("Споразум ће бити потписан у Паризу у децембру.", "2026-12"),
])
def test_serbian_a_month_alone_after_a_time_word(text, value):
    from communique.extract.regional_dates import find_dates
    assert [d.value_start for d in find_dates(text, "2026-10-14", "sr")] == [value]


def test_serbian_a_month_alone_without_a_time_word_is_no_date():
    from communique.extract.regional_dates import find_dates
    assert find_dates("Mart je bio hladan.", "2026-10-14", "sr") == []


def test_an_undated_forum_after_a_dated_visit_falls_inside_it():
    text = ("Президент Шавкат Каримов 1-2 декабрь кунлари Минскка давлат ташрифи билан боради. "
            "Шунингдек, Президент Минскда бўлиб ўтадиган бизнес форумида иштирок этади.")
    got = events(text, "uz", "2026-11-28")
    assert ("FORUM", "planned", "2026-12") in got


def test_preparing_a_told_visit_is_no_new_visit():
    text = ("Президент Шавкат Каримов 1-2 декабрь кунлари Минскка давлат ташрифи билан боради. "
            "Бугун вазирлар ташрифга тайёргарлик масалаларини муҳокама қилди.")
    assert [t for t, _, _ in events(text, "uz", "2026-11-28")].count("VISIT") == 1


def _agreements(text, lang, published="2026-08-27"):
    rec = record(text, lang, published)
    return [(a.kind, a.title) for a in rec.agreements]


def test_chinese_the_head_that_ends_a_title_names_its_kind():
    got = _agreements("两国元首签署了《关于新时代全面战略伙伴关系的联合声明》。", "zh")
    assert got == [("statement", "关于新时代全面战略伙伴关系的联合声明")]


def test_chinese_a_body_adopting_a_document_is_a_signing():
    text = "会议通过《关于加强地区粮食安全合作的声明》。"
    assert "SIGNING" in [t for t, _, _ in events(text, "zh", "2026-08-27")]
    assert ("statement", "关于加强地区粮食安全合作的声明") in _agreements(text, "zh")


@pytest.mark.parametrize("lang, text, kind", [
    ("uz", "Ikki davlat o‘rtasida do‘stlik to‘g‘risidagi shartnoma imzolandi.", "treaty"),
    ("kk", "Мемлекеттер одақ туралы шартқа қол қойды.", "treaty"),
    ("ky", "Уюмдун Уставына кол коюлду.", "charter"),
    ("tg", "Вазоратҳо Ёддошти тафоҳум оид ба ҳамкорӣ дар соҳаи об имзо карданд.", "memorandum"),
    ("sr", "Predsednici su potpisali Zajedničku izjavu o strateškom partnerstvu.", "statement"),
])
def test_document_words(lang, text, kind):
    assert kind in [k for k, _ in _agreements(text, lang)]


def test_belarusian_is_planned_is_no_plan():
    got = _agreements("Заўтра дэлегацыя наведае завод, дзе плануецца падпісанне пагаднення аб супрацоўніцтве.", "be")
    assert not any(k == "plan" for k, _ in got)


def test_kazakh_conditions_are_no_treaty():
    assert _agreements("Тараптар ынтымақтастық шарттарын талқылады.", "kk") == []


def test_chinese_a_second_titled_document_in_a_release_is_its_own_agreement():
    text = ("双方于2023年5月签署《关于全面战略伙伴关系的联合声明》。"
            "双方商定，明年将签署《关于开展数字贸易合作的联合声明》。")
    got = [t for _, t in _agreements(text, "zh", "2026-10-29")]
    assert got == ["关于全面战略伙伴关系的联合声明", "关于开展数字贸易合作的联合声明"]


def test_chinese_fields_listed_inside_a_ministry_name():
    from communique.extract import regional_orgs
    got = regional_orgs.find_organizations("阿根廷经济、能源和矿业部副部长出席。", "zh", [])
    assert [n for _, _, n in got] == ["阿根廷经济、能源和矿业部"]


def test_chinese_a_list_of_bodies_or_titles_is_no_one_body():
    from communique.extract import regional_orgs
    assert [n for _, _, n in regional_orgs.find_organizations("会见了外交部、商务部负责人。", "zh", [])] == ["外交部", "商务部"]
    got = [n for _, _, n in regional_orgs.find_organizations("政治局委员、国务院副总理出席。", "zh", [])]
    assert "国务院" in got and not any("、" in n for n in got)


def test_uzbek_a_word_in_the_dative_or_locative_is_no_part_of_a_title():
    got = _roles("O‘zbekiston delegatsiyasiga tashqi ishlar vazirining birinchi o‘rinbosari Akmal Karimov "
                 "rahbarlik qildi.", "uz")
    assert got.get("Akmal Karimov") == ["tashqi ishlar vazirining birinchi o‘rinbosari"]


@pytest.mark.parametrize("lang, text, name", [
    ("tg", "Сардори Хадамоти гумруки Ҷумҳурии Тоҷикистон Раҳим Саидзода дар ҷаласа баромад кард.", "Раҳим Саидзода"),
    ("sr", "Šef diplomatije Norveške Erik Hansen razgovarao je sa ministrom.", "Erik Hansen"),
])
def test_more_title_words(lang, text, name):
    assert name in _roles(text, lang)


def test_tajik_two_fields_of_one_ministry_joined_by_and():
    from communique.extract import regional_orgs
    got = regional_orgs.find_organizations("Ҳуҷҷатро Вазорати саноат ва технологияҳои нави Ҷумҳурии Тоҷикистон имзо кард.",
                                           "tg", [])
    assert [n for _, _, n in got] == ["Вазорати саноат ва технологияҳои нави Ҷумҳурии Тоҷикистон"]


@pytest.mark.parametrize("lang, text, signing", [
    ("ky", "Чакыруу ыраазычылык менен кабыл алынды.", False),
    ("ky", "Жыйынтыгында кызматташтык боюнча декларация кабыл алынды.", True),
    ("kk", "Келесі отырысты Алматыда өткізу туралы шешім қабылданды.", False),
])
def test_was_adopted_needs_a_document(lang, text, signing):
    assert ("SIGNING" in [t for t, _, _ in events(text, lang)]) == signing


def test_belarusian_two_fields_of_one_ministry_joined_by_and_but_not_two_bodies():
    from communique.extract import regional_orgs
    got = regional_orgs.find_organizations("Пагадненне падпісала Міністэрства адукацыі і навукі Рэспублікі Беларусь.", "be", [])
    assert [n for _, _, n in got] == ["Міністэрства адукацыі і навукі Рэспублікі Беларусь"]
    got = regional_orgs.find_organizations("Міністэрства замежных спраў і пасольства Кітая арганізавалі сустрэчу.", "be", [])
    assert [n for _, _, n in got] == ["Міністэрства замежных спраў"]


def test_chinese_an_opening_ceremony_tells_no_ongoing_aspect():
    assert ("SPEECH", "occurred") in [(t, s) for t, s, _ in events("部长出席开幕式并致辞。", "zh", "2026-09-16")]


def test_kyrgyz_two_fields_of_one_ministry_joined_by_and():
    got = _bodies("Кыргыз Республикасынын Санариптик өнүктүрүү жана инновациялык технологиялар министрлиги "
                  "билдирди.", "ky")
    assert "Кыргыз Республикасынын Санариптик өнүктүрүү жана инновациялык технологиялар министрлиги" in got


def test_kyrgyz_and_between_two_bodies_joins_nothing():
    got = _bodies("Тышкы иштер министрлиги жана Финансы министрлиги билдирди.", "ky")
    assert set(got) == {"Тышкы иштер министрлиги", "Финансы министрлиги"}


def test_a_clause_of_what_comes_next_keeps_the_sentences_day():
    # ", а потом ...": then, the same day; ", а ..." alone begins a clause of its own time
    got = events("Министар Петар Илић ће сутра посетити Ниш, а потом ће учествовати на економском форуму.",
                 "sr", "2026-05-04")
    assert ("FORUM", "planned", "2026-05-05") in got


def test_chinese_this_meeting_and_its_results_are_the_meeting_told():
    got = events("部长将于5月20日出席论坛并举行会议。部长表示，今年双方高度重视本次会议，愿落实好上次会议成果。",
                 "zh", "2026-05-04")
    assert [t for t, _, _ in got].count("MEETING") == 1


def test_what_is_signed_as_a_result_of_the_meeting_is_not_inside_a_meeting_recalled_from_years_before():
    rec = record("Міністр Іван Сідарэнка сёння сустрэўся з паслом Польшчы.\n\n"
                 "Міністр нагадаў, што краіны 5 траўня 2019 года на саміце ў Гродне стварылі раду.\n\n"
                 "Па выніках сустрэчы бакі падпісалі пагадненне аб супрацоўніцтве.", "be", "2026-05-04")
    signing = next(ev for ev in rec.events if ev.type == "SIGNING")
    assert signing.start == "2026-05-04"


def test_preparing_a_named_summit_is_an_event_of_its_own():
    text = ("Vazirlar Alisher Karimov va Rustam Aliyev ertaga Samarqandda uchrashadi. "
            "Tomonlar 2027-yilda bo‘lib o‘tadigan «Markaziy Osiyo – Yevropa» formatidagi ikkinchi sammitga "
            "tayyorgarlik masalalarini muhokama qildi.")
    got = events(text, "uz", "2026-11-28")
    assert ("MEETING", "planned", "2027") in got


def test_a_chinese_document_word_inside_another_word_is_no_document():
    rec = record("双方同意明年在杭州举行第二次中塔外长战略对话，并签署两国外交部2027年合作计划。", "zh")
    titles = [a.title for a in rec.agreements]
    assert not any("战略" in t for t in titles)
    assert any(t.endswith("2027年合作计划") for t in titles)


def test_a_chinese_title_starts_after_a_verb():
    rec = record("两国签署了《中塔友好合作条约》。双方要以落实条约为主线，深化各领域合作。", "zh")
    assert [a.title for a in rec.agreements] == ["中塔友好合作条约"]


@pytest.mark.parametrize("text", [
    "双方同意在阿拉木图举行第五次政府间合作委员会会议。",
    "双方商定于今年秋季在成都举行会谈。",
])
def test_agreeing_to_hold_a_meeting_plans_it(text):
    assert [st for _, st, _ in events(text, "zh")] == ["planned"]


@pytest.mark.parametrize("lang, text, title", [
    # a title runs across 'and' to its second party, and past seven words
    ("be", "Бакі падпісалі Пагадненне аб супрацоўніцтве паміж Міністэрствам аховы здароўя Рэспублікі Беларусь "
           "і Міністэрствам аховы здароўя Кувейта.",
     "Пагадненне аб супрацоўніцтве паміж Міністэрствам аховы здароўя Рэспублікі Беларусь і Міністэрствам "
     "аховы здароўя Кувейта"),
    # two fields in the same case; a preposition before a date is no word of the title
    ("be", "Падпісана Праграма супрацоўніцтва паміж Міністэрствам адукацыі і навукі Беларусі на 2027 год.",
     "Праграма супрацоўніцтва паміж Міністэрствам адукацыі і навукі Беларусі"),
    ("sr", "Potpisan je Memorandum o saradnji između Srbije i Norveške za period 2027-2029.",
     "Memorandum o saradnji između Srbije i Norveške"),
    # a participle after the title is none of it
    ("sr", "Подсетио је да је Споразум о слободној трговини између Србије и Египта потписан прошле године.",
     "Споразум о слободној трговини између Србије и Египта"),
])
def test_a_head_first_title_with_both_parties(lang, text, title):
    assert [a.title for a in record(text, lang).agreements] == [title]


def test_a_headlines_short_title_is_the_document_the_text_names_in_full():
    text = ("Србија и Египат потписали Меморандум о туристичкој сарадњи\n\n"
            "Министри су у Београду потписали Меморандум о разумевању између две владе о сарадњи у области "
            "туристичке размене.")
    assert len(record(text, "sr").agreements) == 1


def test_a_belarusian_text_may_spell_memorandum_the_russian_way():
    rec = record("Учора два заводы падпісалі меморандум аб супрацоўніцтве ў галіне логістыкі.", "be")
    assert [(a.kind, a.title) for a in rec.agreements] == [
        ("memorandum", "Меморандум аб супрацоўніцтве ў галіне логістыкі")]


def participants(rec, ev):
    names = {e.id: e.name for e in rec.entities}
    return [names[p.entity] for p in ev.participants]


@pytest.mark.parametrize("lang, text", [
    ("zh", "外长科瓦连科夫于5月3日至5日对中国进行正式访问。访问期间，他还将前往杭州出席中白青年论坛。"),
    ("be", "Міністр замежных спраў Кувейта Салем Аль-Фарах наведаў Мінск. Заўтра ён наведае форум у Гомелі."),
])
def test_he_before_the_trigger_is_the_last_person_named(lang, text):
    rec = record(text, lang)
    forum = next(ev for ev in rec.events if ev.type == "FORUM")
    assert len(participants(rec, forum)) == 1


def test_other_is_no_pronoun_in_chinese():
    rec = record("外长科瓦连科夫会见了记者。其他国家代表出席论坛。", "zh")
    forum = next(ev for ev in rec.events if ev.type == "FORUM")
    assert participants(rec, forum) == []


def test_a_chinese_name_written_again_is_the_same_person():
    rec = record("外长科瓦连科夫会见了记者。据悉，科瓦连科夫于5月3日对中国进行正式访问。", "zh")
    visit = next(ev for ev in rec.events if ev.type == "VISIT")
    assert participants(rec, visit) == ["科瓦连科夫"]


@pytest.mark.parametrize("lang, text", [
    ("sr", "Разговарали су о учешћу српских фирми на сајмовима у Индији."),
    ("sr", "„Сарадња је одлична“, изјавио је министар на конференцији за медије."),
])
def test_fairs_and_a_press_conference_are_no_forums(lang, text):
    assert "FORUM" not in [t for t, _, _ in events(text, lang)]


def test_it_was_discussed_is_no_meeting():
    assert "MEETING" not in [t for t, _, _ in events("Razgovaralo se o mogućnosti da Slovenija bude gost sajma vina.", "sr")]


def test_the_interlocutors_talked_in_the_meeting_told():
    text = ("Predsednik Petrović primio je danas ambasadora Norveške. Sagovornici su razgovarali o saradnji u "
            "oblasti energetike.")
    assert [t for t, _, _ in events(text, "sr")] == ["MEETING"]


@pytest.mark.parametrize("lang, text", [
    ("be", "Ён нагадаў, што з 2024 года Балівія мае статус краіны-партнёра БРІКС."),
    ("zh", "东帝汶于2025年10月正式成为东盟第11个成员国。"),
])
def test_becoming_a_member_or_partner_is_an_accession(lang, text):
    assert "ACCESSION" in [t for t, _, _ in events(text, lang)]


def test_adopting_and_issuing_a_titled_document_is_a_signing_in_chinese():
    assert "SIGNING" in [t for t, _, _ in events("会议审议通过了《数字经济合作行动计划》。", "zh")]
    assert "SIGNING" not in [t for t, _, _ in events("习近平出席会议并发表题为《携手同行》的重要讲话。", "zh")]


@pytest.mark.parametrize("text", [
    "Данас се у Новом Саду одржава Српско-норвешки пословни форум.",
    "Danas se u Nišu održava sajam poljoprivrede.",
])
def test_a_forum_being_held_goes_on(text):
    assert [(t, st) for t, st, _ in events(text, "sr")] == [("FORUM", "ongoing")]


@pytest.mark.parametrize("lang, text", [
    ("sr", "Председник Републике Србије Петар Илић састао се данас са председником Републике Аргентине Хуаном "
           "Пересом. Након разговора два председника потписала су Декларацију о пријатељству Србије и Аргентине."),
    ("zh", "外交部长王强同智利外长佩雷斯举行会谈。会谈后，两国外长签署了《中智外交部合作计划》。"),
])
def test_the_two_presidents_are_the_persons_who_met(lang, text):
    rec = record(text, lang)
    signing = next(ev for ev in rec.events if ev.type == "SIGNING")
    people = {e.id for e in rec.entities if e.type == "PER"}
    assert len(people) == 2 and {p.entity for p in signing.participants} == people


def test_who_takes_part_in_it_takes_part_in_the_event_told():
    text = ("Міжнародная выстава «Аграпрам» праходзіць у Мінску з 3 па 6 чэрвеня. Сёлета ў ёй удзельнічаюць "
            "больш за 200 кампаній з Беларусі, Польшчы і Літвы.")
    rec = record(text, "be")
    forum = next(ev for ev in rec.events if ev.type == "FORUM")
    assert set(participants(rec, forum)) >= {"Беларусь", "Польшча", "Літва"}


@pytest.mark.parametrize("lang, text, name", [
    ("be", "У Віцебску пачаў работу XI Форум гарадоў Беларусі і Латвіі.", "XI Форум гарадоў Беларусі і Латвіі"),
    ("be", "У Мінску праходзіць 12-я Міжнародная выстава.", "12-я Міжнародная выстава"),
    ("sr", "Министар је отворила данас у Нишу Српско-грчки пословни форум.", "Српско-грчки пословни форум"),
])
def test_an_ordinal_and_capitalized_adjectives_name_an_event(lang, text, name):
    assert [ev.name for ev in record(text, lang).events if ev.type == "FORUM"] == [name]


def test_a_verbs_subject_names_no_event():
    rec = record("Ministar Petar Ilić sastao se danas sa ambasadorom Norveške.", "sr")
    assert [ev.name for ev in rec.events] == [None]


@pytest.mark.parametrize("text, name", [
    ("李强将赴阿斯塔纳出席上海合作组织成员国政府首脑（总理）理事会第二十六次会议。",
     "上海合作组织成员国政府首脑（总理）理事会第二十六次会议"),
    ("中方将于明年在杭州主办亚太经合组织第三十五次领导人非正式会议。", "亚太经合组织第三十五次领导人非正式会议"),
    ("双方同意明年在杜尚别举行第三次中塔外长战略对话。", "第三次中塔外长战略对话"),
])
def test_chinese_names_of_numbered_meetings(text, name):
    assert [ev.name for ev in record(text, "zh").events if ev.type == "MEETING"] == [name]


def test_a_plan_of_consultations_is_no_meeting():
    assert "MEETING" not in [t for t, _, _ in events("两国外交部签署了2027年磋商计划。", "zh")]


def test_a_chinese_speaker_tells_of_the_signing_and_is_no_party():
    text = "外交部长王强会见了记者。王强指出，去年5月，两国元首在北京签署《中智友好合作条约》。"
    rec = record(text, "zh")
    signing = next(ev for ev in rec.events if ev.type == "SIGNING")
    assert "王强" not in participants(rec, signing)


def test_the_state_of_a_visitors_title_is_not_where_the_visit_goes():
    text = "Разговор је одржан у оквиру државне посете председника Аргентине Србији, која траје до петка."
    rec = record(text, "sr")
    visit = next(ev for ev in rec.events if ev.type == "VISIT")
    assert {e.id: e.name for e in rec.entities}[visit.location] == "Србија"


def test_attending_the_meeting_told_and_speaking_joins_the_meeting():
    text = "2026年3月2日，第三次中国—东盟交通部长会议在南宁召开。交通运输部部长刘伟出席会议并致辞。"
    rec = record(text, "zh")
    meeting = next(ev for ev in rec.events if ev.type == "MEETING")
    assert "刘伟" in participants(rec, meeting)
