"""Events, government bodies and agreements in the region's other languages (kk, ky, uz in both
scripts, tg, be, sr in both scripts, zh). Every sentence here was written for these tests; the names
are made up."""

import pytest

import communique
from communique.extract import regional_agreements, regional_events, regional_orgs
from communique.extract.regional import RegionalPipeline
from communique.model import Document


def record(text, lang, published=None):
    return RegionalPipeline(lang)(Document(id="t", text=text, published=published))


def events(text, lang, published=None):
    rec = record(text, lang, published)
    names = {e.id: e.name for e in rec.entities}
    return [(ev.type, ev.status, ev.start, names.get(ev.location)) for ev in rec.events]


# -- events: type and status per language ----------------------------------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("kk", "Сыртқы істер министрі Қайрат Сейітов Ташкентте әріптесімен кездесті.", ("MEETING", "occurred")),
    ("kk", "Үкімет басшысы келесі аптада Бішкекке ресми сапармен барады.", ("VISIT", "planned")),
    ("kk", "Астанада халықаралық көлік форумы өтіп жатыр.", ("FORUM", "ongoing")),
    ("ky", "Министрлер эки тараптуу кызматташтык боюнча жолугушту.", ("MEETING", "occurred")),
    ("ky", "Тараптар меморандумга кол коюшту.", ("SIGNING", "occurred")),
    ("uz", "Vazir Alisher Karimov Samarqandda xalqaro konferensiyada nutq so‘zladi.", ("SPEECH", "occurred")),
    ("uz", "Ikki davlat rahbarlari telefon orqali suhbatlashdi.", ("CALL", "occurred")),
    ("uz", "Форум Тошкентда давом этмоқда ва кейинги ҳафта якунланади.", ("FORUM", "ongoing")),
    ("uz", "Mamlakat tashkilotga kuzatuvchi maqomida qo‘shildi.", ("ACCESSION", "occurred")),
    ("tg", "Вазирон дар Душанбе мулоқот карданд.", ("MEETING", "occurred")),
    ("tg", "Намоишгоҳ дар шаҳри Хуҷанд баргузор гардида истодааст.", ("FORUM", "ongoing")),
    ("be", "Міністры правялі перагаворы ў Віцебску.", ("MEETING", "occurred")),
    ("be", "Наступнае пасяджэнне савета пройдзе ў Гродне.", ("MEETING", "planned")),
    ("sr", "Ministar je razgovarao sa ambasadorom o saradnji.", ("MEETING", "occurred")),
    ("sr", "Делегација ће посетити Ниш следеће недеље.", ("VISIT", "planned")),
    ("sr", "Udruženje je osnovano pre deset godina.", ("FOUNDING", "occurred")),
    ("zh", "两国外长在北京举行会谈。", ("MEETING", "occurred")),
    ("zh", "部长将于下月出访哈萨克斯坦。", ("VISIT", "planned")),
    ("zh", "双方签署了合作谅解备忘录。", ("SIGNING", "occurred")),
])
def test_a_trigger_gives_an_event_of_its_type_and_status(lang, text, expected):
    got = [(t, s) for t, s, _, _ in events(text, lang)]
    assert expected in got


@pytest.mark.parametrize("lang, text", [
    ("kk", "Министр жаңа жолды аралап, құрылысшылармен әңгімелесті."),
    ("sr", "Ministar je rekao da je saradnja dobra."),
    ("zh", "双方表示将继续深化务实合作。"),
])
def test_a_sentence_without_a_trigger_gives_no_event(lang, text):
    assert events(text, lang) == []


def test_a_trigger_framed_as_a_reference_to_a_told_event_is_no_new_event():
    text = ("Vazirlar Buxoroda uchrashdi.\n"
            "Uchrashuv davomida tomonlar turizm masalalarini muhokama qildi.")
    assert [t for t, *_ in events(text, "uz")] == ["MEETING"]


def test_a_headline_that_the_body_repeats_gives_one_event_with_the_body_sentence():
    text = ("Министрлер Бішкекте кездесті\n"
            "Бүгін Бішкекте екі елдің көлік министрлері кездесті.")
    rec = record(text, "kk")
    assert len(rec.events) == 1
    assert rec.events[0].evidence.text.startswith("Бүгін")


def test_a_dateline_is_not_part_of_the_event_sentence():
    text = "Ош, 14.03.2026 /Агент/. Министрлер Ош шаарында жолугушту."
    rec = record(text, "ky")
    assert [ev.evidence.text for ev in rec.events] == ["Министрлер Ош шаарында жолугушту."]


def test_an_event_takes_the_date_and_the_city_of_its_sentence():
    got = events("27 красавіка 2026 года ў Мінску адбылася сустрэча міністраў.", "be")
    assert got == [("MEETING", "occurred", "2026-04-27", "Мінск")]


def test_a_date_after_publication_makes_an_event_planned():
    got = events("Форум өтеді 2026 жылғы 20 мамырда.", "kk", published="2026-05-01")
    assert got[0][:3] == ("FORUM", "planned", "2026-05-20")


def test_a_speech_inside_a_forum_takes_its_place_and_period():
    text = ("Аз 3 то 5 марти соли 2026 дар шаҳри Хуҷанд форуми саноатӣ баргузор гардид.\n"
            "Дар форум вазир суханронӣ намуд.")
    got = events(text, "tg")
    assert got[0][0] == "FORUM"
    assert got[1][0] == "SPEECH" and got[1][3] == got[0][3] == "Хуҷанд"


def test_a_call_absorbs_the_talk_it_is():
    got = events("Министрлер видеобайланыш аркылуу сүйлөштү.", "ky")
    assert [t for t, *_ in got] == ["CALL"]


def test_a_trigger_inside_an_organization_name_is_no_event():
    got = events("中哈合作委员会秘书处发布了年度报告。", "zh")
    assert "MEETING" not in [t for t, *_ in got]


def test_regional_sentences_split_after_dots_before_capitals_not_after_numbers():
    text = "Potpisan je 2025. godine sporazum. Ministar je otputovao."
    spans = regional_events.sentences(text)
    assert [text[s:e] for s, e in spans] == ["Potpisan je 2025. godine sporazum.", "Ministar je otputovao."]


# -- government bodies ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, name", [
    ("kk", "Бүгін Энергетика министрлігінде кеңес өтті.", "Энергетика министрлігі"),
    ("ky", "Бул тууралуу Саламаттык сактоо министрлигинен билдиришти.", "Саламаттык сактоо министрлиги"),
    ("uz", "Loyiha Qishloq xo‘jaligi vazirligi tomonidan tayyorlandi.", "Qishloq xo‘jaligi vazirligi"),
    ("uz", "Лойиҳа Соғлиқни сақлаш вазирлигида муҳокама қилинди.", "Соғлиқни сақлаш вазирлиги"),
    ("tg", "Дар ин бора Вазорати маорифи Ҷумҳурии Тоҷикистон хабар дод.", "Вазорати маорифи Ҷумҳурии Тоҷикистон"),
    ("be", "Пра гэта паведаміла Міністэрства аховы здароўя.", "Міністэрства аховы здароўя"),
    ("sr", "Saopštenje je objavilo Ministarstvo zdravlja danas.", "Ministarstvo zdravlja"),
    ("sr", "Саопштење је издало Министарства финансија јуче.", "Министарство финансија"),
    ("zh", "商务部发言人介绍了有关情况。", "商务部"),
])
def test_a_body_is_named_by_its_head_noun_in_the_nominative(lang, text, name):
    rec = record(text, lang)
    assert name in [e.name for e in rec.entities if e.type == "ORG"]


def test_a_title_word_is_no_body_and_a_bare_head_is_no_name():
    assert regional_orgs.find_organizations("Ministar finansija je stigao.", "sr", []) == []
    assert regional_orgs.find_organizations("部长会见了代表团。", "zh", []) == []


def test_a_place_in_a_local_case_is_no_part_of_a_body_name():
    rec = record("Ташкентте Көлік министрлігі мәлімдеме жасады.", "kk")
    names = [e.name for e in rec.entities if e.type == "ORG"]
    assert names == ["Көлік министрлігі"]


# -- agreements ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, kind, title", [
    ("uz", "Vazirliklar turizm sohasida hamkorlik to‘g‘risidagi memorandumni imzoladi.", "memorandum",
     "turizm sohasida hamkorlik to‘g‘risidagi memorandumi"),
    ("kk", "Тараптар көлік саласындағы ынтымақтастық туралы келісімге қол қойды.", "agreement",
     "көлік саласындағы ынтымақтастық туралы келісімі"),
    ("ky", "Шаарлар ортосунда туристтик алмашуу протоколуна кол коюлду.", "protocol", "туристтик алмашуу протоколу"),
    ("sr", "Ministri su potpisali Sporazum o saradnji u oblasti turizma.", "agreement",
     "Sporazum o saradnji u oblasti turizma"),
    ("be", "Бакі падпісалі Мемарандум аб супрацоўніцтве ў галіне адукацыі.", "memorandum",
     "Мемарандум аб супрацоўніцтве ў галіне адукацыі"),
    ("tg", "Ҷонибҳо созишномаи ҳамкорӣ дар соҳаи маорифро имзо карданд.", "agreement", "созишномаи ҳамкорӣ"),
    ("zh", "双方签署了农业合作议定书。", "protocol", "农业合作议定书"),
    ("zh", "两国外长签署了关于水资源合作的联合声明。", "statement", "水资源合作的联合声明"),
    ("uz", "Vazirlar madaniy almashinuv dasturini imzoladi.", "programme", "madaniy almashinuv dasturi"),
])
def test_an_agreement_has_its_kind_and_title(lang, text, kind, title):
    rec = record(text, lang)
    assert (kind, title) in [(a.kind, a.title) for a in rec.agreements]
    ag = next(a for a in rec.agreements if a.kind == kind)
    assert ag.event is not None and any(ev.id == ag.event and ev.type == "SIGNING" for ev in rec.events)


def test_a_named_resolution_or_concept_is_a_document_of_that_kind():
    assert [(a.kind, a.title) for a in record("Savet je usvojio Rezoluciju o zaštiti kulturnog nasleđa.", "sr").agreements] \
        == [("resolution", "Rezolucija o zaštiti kulturnog nasleđa")]
    kk = record("Министрлер «Су ресурстарын басқару» тұжырымдамасы аясындағы жұмысты талқылады.", "kk")
    assert [a.kind for a in kk.agreements] == ["concept"]


def test_a_weak_document_word_without_a_signing_is_no_agreement():
    rec = record("Tomonlar hamkorlikni kengaytirish bo‘yicha kelishuvga erishdi.", "uz")
    assert rec.agreements == []


def test_agreement_parties_are_the_bodies_and_the_signing_date_is_the_events():
    text = ("2026 жылғы 12 наурызда Денсаулық сақтау министрлігі мен Білім министрлігі "
            "ынтымақтастық туралы меморандумға қол қойды.")
    rec = record(text, "kk")
    names = {e.id: e.name for e in rec.entities}
    (ag,) = rec.agreements
    assert ag.signed == "2026-03-12"
    assert [names[p] for p in ag.parties] == ["Денсаулық сақтау министрлігі", "Білім министрлігі"]


def test_a_signing_of_a_second_document_is_a_second_signing():
    text = ("Министрлер меморандумга кол коюшту.\n"
            "Андан кийин тараптар соода протоколуна кол коюшту.")
    rec = record(text, "ky")
    assert [ev.type for ev in rec.events] == ["SIGNING", "SIGNING"]
    assert [a.kind for a in rec.agreements] == ["memorandum", "protocol"]


def test_candidates_know_a_language_without_a_lexicon():
    assert regional_agreements.candidates("Some text.", "xx", []) == []


def test_the_extract_entry_point_gives_regional_events():
    rec = communique.extract("Министры правялі перагаворы ў Віцебску.", language="be")
    assert [ev.type for ev in rec.events] == ["MEETING"]


# -- places and bodies in both scripts ---------------------------------------------------------------

@pytest.mark.parametrize("lang, text, place", [
    ("uz", "Делегация Самарқандга келди.", "Самарқанд"),
    ("uz", "Delegatsiya Samarqandga keldi.", "Samarqand"),
    ("sr", "Delegacija je doputovala u Budimpeštu.", "Budimpešta"),
    ("sr", "Делегација је допутовала у Будимпешту.", "Будимпешта"),
    ("be", "Дэлегацыя прыбыла ў Мінск.", "Мінск"),
])
def test_a_place_is_named_in_the_script_and_case_of_the_text(lang, text, place):
    rec = record(text, lang)
    assert place in [e.name for e in rec.entities if e.type == "LOC"]


@pytest.mark.parametrize("lang, text, gid", [
    ("kk", "Саммит ШЫҰ аясында өтті.", "sco"),
    ("uz", "Sammit ShHT doirasida oʻtdi.", "sco"),
    ("uz", "Саммит ШҲТ доирасида ўтди.", "sco"),
    ("be", "Сустрэча прайшла ў межах СНД.", "cis"),
    ("sr", "Sastanak je održan u sedištu UN-a.", "un"),
    ("zh", "上合组织秘书长出席了会议。", "sco"),
])
def test_an_international_body_is_found_by_its_local_acronym_and_links_to_its_gazetteer_entry(lang, text, gid):
    rec = record(text, lang)
    assert gid in [e.gazetteer_id for e in rec.entities if e.type == "ORG"]


def test_transliteration_keeps_case_and_reads_digraphs():
    from communique.extract.regional_script import to_cyrillic

    assert to_cyrillic("Gʻijduvon", "uz") == "Ғиждувон"
    assert to_cyrillic("Shahrisabz", "uz") == "Шаҳрисабз"
    assert to_cyrillic("Njegoš", "sr") == "Његош"


# -- event names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, name", [
    ("kk", "Астанада «Жібек жолы» форматындағы көлік министрлерінің үшінші кездесуі өтті.",
     "«Жібек жолы» форматындағы көлік министрлерінің үшінші кездесуі"),
    ("ky", "Бишкекте өткөн өкмөттөр аралык Комиссиянын 7-жыйынына министрлер катышты.",
     "өкмөттөр аралык Комиссиянын 7-жыйыны"),
    ("zh", "9月5日,中亚交通合作委员会第三次会议在阿拉木图召开。", "中亚交通合作委员会第三次会议"),
])
def test_an_official_name_is_read_with_its_ordinal(lang, text, name):
    names = [ev.name for ev in record(text, lang).events if ev.name]
    assert names == [name]


@pytest.mark.parametrize("lang, text", [
    ("kk", "Министрлер кездесуі өтті."),
    ("zh", "双方举行了高级别会议。"),
])
def test_a_generic_descriptor_is_no_name(lang, text):
    assert [ev.name for ev in record(text, lang).events] == [None]


# -- titles ----------------------------------------------------------------------------------------

def roles(text, lang):
    rec = record(text, lang)
    return {e.name: [r.title for r in e.roles] for e in rec.entities if e.type == "PER"}


def test_a_head_final_title_holds_two_words_joined_by_and():
    got = roles("Qurilish va uy-joy vaziri Botir Rahimov Navoiyga bordi.", "uz")
    assert got == {"Botir Rahimov": ["Qurilish va uy-joy vaziri"]}


def test_a_head_final_title_stops_at_the_head_of_another_title():
    got = roles("Moliya vaziri va iqtisodiyot vaziri Botir Rahimov keldi.", "uz")
    assert got == {"Botir Rahimov": ["iqtisodiyot vaziri"]}


def test_a_chinese_title_includes_the_body_before_it_and_a_foreign_name_with_a_dot():
    got = roles("商务部副部长王立军与哈萨克斯坦贸易部副部长阿斯卡尔·努尔兰举行会谈。", "zh")
    assert got["王立军"] == ["商务部副部长"]
    assert got["阿斯卡尔·努尔兰"] == ["哈萨克斯坦贸易部副部长"] or got["阿斯卡尔·努尔兰"] == ["贸易部副部长"]


def test_a_chinese_trigger_inside_a_longer_word_is_no_event():
    pytest.importorskip("jieba")
    assert events("代表团参观了人民大会堂。", "zh") == []
    assert events("网站访问量大幅增加。", "zh") == []
    assert [t for t, *_ in events("上合峰会在青岛举行。", "zh")] == ["MEETING"]


def test_a_chinese_trigger_joined_to_a_function_character_still_counts():
    pytest.importorskip("jieba")
    assert [t for t, *_ in events("部长在讲话中介绍了合作成果。", "zh")] == ["SPEECH"]


# -- today and tomorrow ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, value", [
    ("kk", "Бүгін Астанада кездесу өтті.", "2026-03-12"),
    ("uz", "Bugun Buxoroda uchrashuv boʻlib oʻtdi.", "2026-03-12"),
    ("sr", "Ministri su se danas sastali u Nišu.", "2026-03-12"),
    ("be", "Заўтра ў Гродне пройдзе форум.", "2026-03-13"),
    ("zh", "明天两国外长将举行会谈。", "2026-03-13"),
    ("zh", "两国外长昨天在上海举行会谈。", "2026-03-11"),  # 'yesterday' inside a sentence, no space around it
])
def test_today_and_tomorrow_date_an_event_against_the_publication_day(lang, text, value):
    got = events(text, lang, published="2026-03-12")
    assert got[0][2] == value


def test_a_present_day_adjective_is_no_date():
    from communique.extract import regional_dates

    assert regional_dates.find_dates("Бүгінгі таңда ынтымақтастық дамып келеді.", "2026-03-12", "kk") == []
    assert regional_dates.find_dates("Bugungi kunda hamkorlik rivojlanmoqda.", "2026-03-12", "uz") == []


def test_a_chinese_verb_with_le_is_done_even_beside_a_plan():
    got = events("双方签署了两国外交部合作计划。", "zh")
    assert got[0][:2] == ("SIGNING", "occurred")


def test_a_slavic_place_takes_case_endings_not_any_letters():
    rec = record("Лідары краін сустрэліся ў Мінску.", "be")
    assert [e.name for e in rec.entities if e.type == "LOC"] == ["Мінск"]


def test_a_document_for_signing_is_no_signing():
    assert [t for t, *_ in events("Дакументы падрыхтаваны для падпісання.", "be")] == []
    assert [t for t, *_ in events("Dokumenti su spremni za potpisivanje.", "sr")] == []


# -- publication dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, published", [
    ("ky", "Ош, 14.03.26. /Агент/. Министрлер жолугушту.", "2026-03-14"),
    ("zh", "标题\n| 作者: 某 | 时间: 2026-03-14 09:30:00 | 来源: 网 |\n正文。", "2026-03-14"),
    ("sr", "Naslov\nDatum: 14.03.2026.\nTekst.", "2026-03-14"),
])
def test_a_short_dated_dateline_or_a_date_header_gives_the_publication_date(lang, text, published):
    from communique.extract import regional_dates

    assert regional_dates.find_published(text, lang)[0] == published


def test_a_two_digit_year_inside_a_sentence_is_no_publication_date():
    from communique.extract import regional_dates

    assert regional_dates.find_published("Министрлер 14.03.26 жолугушту.", "ky") is None


@pytest.mark.parametrize("lang, text, name, title", [
    ("sr", "Sastanku je prisustvovao i ministar zdravlja Petar Marković.", "Petar Marković", "ministar zdravlja"),
    ("sr", "Министар културе и информисања Петар Марковић отворио је изложбу.", "Петар Марковић",
     "Министар културе и информисања"),
])
def test_a_head_first_title_with_its_complements_vouches_for_the_name_after_it(lang, text, name, title):
    assert roles(text, lang) == {name: [title]}


def test_a_conjunction_between_a_title_and_a_name_ends_the_title():
    assert roles("Ministar i Petar Marković su stigli.", "sr") == {}


@pytest.mark.parametrize("lang, text", [
    ("uz", "Bugun vazir Anvar Toshev xorijiy hamkasbi bilan uchrashdi. Uchrashuv yakunida 2026–2028-yillarga "
           "mo‘ljallangan hamkorlik dasturi imzolandi."),
    ("be", "Сёння міністр сустрэўся з калегам з Польшчы. Па выніках сустрэчы падпісаны план супрацоўніцтва "
           "на 2026–2028 гады."),
    ("zh", "今天，两国外长举行会谈。会谈后，双方签署了《2026—2028年合作计划》。"),
])
def test_a_range_of_years_is_the_documents_term_not_the_signing_date(lang, text):
    rec = record(text, lang, published="2025-11-20")
    signing = next(ev for ev in rec.events if ev.type == "SIGNING")
    assert signing.start == "2025-11-20"
    assert signing.end is None


@pytest.mark.parametrize("lang, text", [
    ("uz", "Samarqandda xalqaro turizm forumi bo‘lib o‘tmoqda. Bugun forumning yalpi sessiyasida vazir Anvar Toshev "
           "ma’ruza qildi."),
    ("kk", "Алматыда халықаралық көлік форумы өтіп жатыр. Бүгін форумның пленарлық отырысында министр Ерлан Досжанов "
           "баяндама жасады."),
])
def test_a_forum_in_the_genitive_is_the_forum_told_before(lang, text):
    types = [ev.type for ev in record(text, lang, published="2025-11-20").events]
    assert types.count("FORUM") == 1
    assert "SESSION" in types and "SPEECH" in types


def test_a_chinese_sentence_runs_to_its_full_stop_not_to_a_semicolon():
    text = "据悉，首届论坛于2021年5月在成都举行；2022年3月，该论坛秘书处在成都正式成立。"
    evs = record(text, "zh").events
    assert {ev.type for ev in evs} == {"FORUM", "FOUNDING"}
    assert all(ev.evidence.text == text for ev in evs)


def test_chinese_video_talks_are_a_call():
    text = "12月2日，商务部部长刘明远与俄罗斯经济发展部部长伊戈尔·索科洛夫举行视频会谈。"
    assert [ev.type for ev in record(text, "zh", published="2025-12-03").events] == ["CALL"]


@pytest.mark.parametrize("lang, text", [
    ("tg", "Вазири корҳои хориҷии Қазоқистон 13-15 апрели соли 2026 бо сафари расмӣ дар Тоҷикистон қарор дошт."),
    ("kk", "Делегация 13-15 сәуір 2026 жылы Өзбекстанға сапармен барды."),
])
def test_an_event_whose_dates_span_the_publication_day_is_ongoing(lang, text):
    (visit,) = [ev for ev in record(text, lang, published="2026-04-14").events if ev.type == "VISIT"]
    assert visit.status == "ongoing"


def test_belarusian_negotiations_are_a_meeting_and_holding_is_no_future():
    text = ("Міністр замежных спраў Беларусі Пётр Камароў сёння ў Мінску правёў перамовы з калегам з Польшчы. "
            "Па выніках перамоў падпісаны пратакол аб правядзенні кансультацый.")
    evs = record(text, "be", published="2026-02-21").events
    assert [(ev.type, ev.status) for ev in evs] == [("MEETING", "occurred"), ("SIGNING", "occurred")]


def test_a_signing_after_the_talks_takes_the_talks_day_not_the_visits_month():
    text = ("Бүгін Астанада Сыртқы істер министрі Ерлан Досжанов Моңғолия Сыртқы істер министрі Батбаяр Ганзоригпен "
            "кездесті. Моңғолия делегациясы 11-13 қараша аралығында Қазақстанда ресми сапармен болып жатыр. "
            "Кездесу қорытындысы бойынша ынтымақтастық туралы меморандумға қол қойылды.")
    signing = next(ev for ev in record(text, "kk", published="2025-11-12").events if ev.type == "SIGNING")
    assert signing.start == "2025-11-12"


def test_a_short_body_head_is_not_the_start_of_another_word():
    # "қорытындысы" (result) begins with "қоры" (fund): no body "Кездесу қоры"
    text = "Кездесу қорытындысы бойынша меморандумға қол қойылды. Ұлттық инвестиция қорының өкілдері келді."
    names = [name for _, _, name in regional_orgs.find_organizations(text, "kk", [])]
    assert names == ["Ұлттық инвестиция қоры"]


def test_the_dateline_city_places_the_first_meeting():
    text = ("Samarqand, 2026-yil 5-may (O‘zA). Bugun tashqi ishlar vaziri Anvar Toshev hamkasbi bilan uchrashdi.\n"
            "Ertaga delegatsiya Buxoro shahriga boradi.")
    assert events(text, "uz")[0] == ("MEETING", "occurred", "2026-05-05", "Samarqand")


def test_an_online_meeting_takes_no_place_from_the_dateline():
    text = "ДУШАНБЕ, 08.09.2031 /Ховар/. Имрӯз мулоқоти вазирони корҳои хориҷӣ дар шакли маҷозӣ сурат гирифт."
    evs = events(text, "tg")
    assert evs and evs[0][0] == "MEETING" and evs[0][3] is None


@pytest.mark.parametrize("lang, text, name", [
    ("sr", "Меморандум је потписан између Привредне коморе Војводине и партнера.", "Привредна комора Војводине"),
    ("sr", "Ministarka se sastala sa predstavnicima Visokog saveta za saradnju dveju vlada.",
     "Visoki savet za saradnju dveju vlada"),
    ("be", "Міністр выступіў перад студэнтамі Гомельскага дзяржаўнага ўніверсітэта.", "Гомельскі дзяржаўны ўніверсітэт"),
    ("tg", "Вазир дар Донишгоҳи давлатии Хуҷанд баромад кард.", "Донишгоҳи давлатии Хуҷанд"),
])
def test_a_body_named_by_adjectives_before_its_head_is_found_in_the_nominative(lang, text, name):
    names = [n for _, _, n in regional_orgs.find_organizations(text, lang, [])]
    assert name in names


def test_a_lowercase_noun_before_a_capitalized_adjective_is_not_part_of_the_name():
    text = "Наредно заседање Мешовитог комитета биће одржано у јуну."
    names = [n for _, _, n in regional_orgs.find_organizations(text, "sr", [])]
    assert names == ["Мешовити комитет"]


@pytest.mark.parametrize("lang, text", [
    ("tg", "Имрӯз дар шаҳри Хуҷанд Конфронси байналмилалии энергетика оғоз ёфт. Конфронс то 9 июн идома меёбад."),
    ("sr", "Danas je u Nišu otvorena Međunarodna konferencija o energetici. Konferencija traje do 9. juna."),
])
def test_until_a_day_is_the_end_of_the_event_told_before(lang, text):
    evs = record(text, lang, published="2026-06-07").events
    (forum,) = [ev for ev in evs if ev.type == "FORUM"]
    assert (forum.start, forum.end, forum.status) == ("2026-06-07", "2026-06-09", "ongoing")


def test_a_meeting_on_the_sidelines_of_a_forum_falls_inside_it():
    text = ("Имрӯз дар шаҳри Хуҷанд Конфронси байналмилалии энергетика оғоз ёфт. Конфронс то 9 июн идома меёбад. "
            "Дар ҳошияи конфронс Вазири энергетикаи Тоҷикистон Равшан Саидмурод бо ҳамкасбаш мулоқот кард.")
    evs = events(text, "tg", published="2026-06-07")
    assert ("MEETING", "occurred", "2026-06", "Хуҷанд") in evs


@pytest.mark.parametrize("text, status", [
    ("Ministar finansija Srbije Petar Jovanović razgovarao je danas telefonom sa kolegom o pripremama za "
     "predstojeću sednicu.", "occurred"),
    ("Ministar Jovanović pozvao je kolegu da poseti Srbiju.", "planned"),
])
def test_a_serbian_past_verb_beside_the_trigger_settles_its_status(text, status):
    ev = record(text, "sr", published="2026-03-10").events[0]
    assert ev.type in ("CALL", "VISIT") and ev.status == status


def test_a_chinese_agreement_title_is_the_whole_text_between_book_title_marks():
    text = "会谈后，双方签署了《中华人民共和国财政部和吉尔吉斯共和国财政部2027—2028年合作计划》。"
    rec = record(text, "zh", published="2026-03-10")
    assert [a.title for a in rec.agreements] == ["中华人民共和国财政部和吉尔吉斯共和国财政部2027—2028年合作计划"]


def test_a_quoted_document_word_of_two_words_is_the_title():
    text = ("Бугун вазир Анвар Тошев Қатар савдо вазири билан учрашди. Учрашув якунида томонлар инвестиция "
            "ҳамкорлиги бўйича «йўл харитаси»ни имзолади.")
    rec = record(text, "uz", published="2026-03-10")
    assert [(a.kind, a.title) for a in rec.agreements] == [("roadmap", "йўл харитаси")]


def test_a_body_after_a_document_word_is_part_of_its_title():
    text = "Қатъномаи Ассамблеяи Генералии СММ соли 2016 бо ташаббуси Тоҷикистон қабул шуда буд."
    rec = record(text, "tg", published="2026-06-05")
    assert [(a.kind, a.title, a.signed) for a in rec.agreements] == [
        ("resolution", "Қатъномаи Ассамблеяи Генералии СММ", "2016")]


@pytest.mark.parametrize("lang, text, kind", [
    ("kk", "Моңғолия 2019 жылы ұйымда бақылаушы мемлекет мәртебесін алды.", "ACCESSION"),
    ("uz", "Маълумот учун, Тожикистон 2021 йил май ойида иттифоқда кузатувчи давлат мақомини олган.", "ACCESSION"),
    ("ky", "Эске салсак, Армения союзга 2015-жылы расмий түрдө кошулган.", "ACCESSION"),
    ("be", "Нагадаем, у 2023 годзе Іран стаў паўнапраўным членам арганізацыі.", "ACCESSION"),
    ("uz", "Eslatib o‘tamiz, ikki davlat 1998-yilda forumni ta’sis etgan.", "FOUNDING"),
])
def test_background_accessions_and_foundings(lang, text, kind):
    assert kind in [ev.type for ev in record(text, lang, published="2026-03-10").events]


def test_the_next_session_announced_after_one_that_took_place_is_a_new_event():
    text = ("Сёння ў Гомелі адбылося пасяджэнне камітэта па транспарце. "
            "Наступнае пасяджэнне камітэта плануецца правесці ў Брэсце.")
    evs = record(text, "be", published="2026-05-12").events
    assert [(ev.type, ev.status) for ev in evs] == [("MEETING", "occurred"), ("MEETING", "planned")]


def test_those_who_took_part_in_a_meeting_told_before_are_its_participants():
    text = ("Бүгін Астанада Ұйымның Сыртқы істер министрлері кеңесінің отырысы өтті. "
            "Отырысқа Моңғолия Сыртқы істер министрі Батбаяр Ганзориг және Қырғыз Республикасының Сыртқы істер "
            "министрі Нұрлан Бекматов қатысты, ал Армения вице-премьері Арам Саркисян бейнеконференция арқылы қатысты.")
    rec = record(text, "kk", published="2026-03-10")
    names = {e.id: e.name for e in rec.entities}
    assert [ev.type for ev in rec.events] == ["MEETING"]
    people = {names[p.entity] for p in rec.events[0].participants}
    assert {"Батбаяр Ганзориг", "Нұрлан Бекматов", "Арам Саркисян"} <= people


def test_a_visit_takes_the_place_named_next_to_it_not_the_visitors_country():
    text = "Моңғолия делегациясы 11-13 қараша аралығында Қазақстанда жұмыс сапарымен болып жатыр."
    (visit,) = events(text, "kk", published="2025-11-12")
    assert visit[0] == "VISIT" and visit[3] == "Қазақстан"


def test_a_drafted_plan_is_an_agreement_and_creating_is_no_founding_there():
    text = ("Удзельнікі абмеркавалі праект плана мерапрыемстваў па стварэнні агульнага рынку электраэнергіі "
            "на 2027–2029 гады.")
    rec = record(text, "be", published="2026-05-12")
    assert [a.kind for a in rec.agreements] == ["plan"]
    assert "FOUNDING" not in [ev.type for ev in rec.events]


def test_a_body_attached_to_another_keeps_it_in_its_name():
    text = "Адбылося пасяджэнне Кансультатыўнага камітэта па транспарце пры Калегіі Еўразійскай эканамічнай камісіі."
    rec = record(text, "be", published="2026-05-12")
    names = {e.name for e in rec.entities if e.type == "ORG"}
    assert "Кансультатыўны камітэт па транспарце пры Калегіі Еўразійскай эканамічнай камісіі" in names


def test_a_result_is_no_meeting_and_a_deadline_is_no_date():
    text = ("Бүгүн Бишкекте өкмөт башчылардын жыйыны өттү. Жыйындын жыйынтыгы боюнча 2032-жылга чейин "
            "өнөр жай кызматташтыгынын «жол картасы» бекитилди.")
    evs = record(text, "ky", published="2026-03-10").events
    assert [(ev.type, ev.start) for ev in evs] == [("MEETING", "2026-03-10"), ("SIGNING", "2026-03-10")]


def test_a_signing_during_video_talks_takes_the_calls_day():
    text = ("12月2日，财政部部长刘明远与吉尔吉斯斯坦财政部部长阿斯卡尔·别克诺夫举行视频会谈。"
            "双方就落实两国元首会晤共识等议题交换意见。会谈期间，双方视频签署了《关于加强财政合作的谅解备忘录》。")
    evs = record(text, "zh", published="2025-12-03").events
    assert [(ev.type, ev.start) for ev in evs] == [("CALL", "2025-12-02"), ("SIGNING", "2025-12-02")]


# -- participants: an employer named in a title, a host who invites --------------------------------

def participants(text, lang, type_):
    rec = record(text, lang)
    names = {e.id: e.name for e in rec.entities}
    return [[names[p.entity] for p in ev.participants] for ev in rec.events if ev.type == type_]


def test_organization_inside_an_inflected_title_is_not_a_participant():
    got = participants("Ministar spoljnih poslova Petar Marković razgovarao je danas sa generalnim sekretarom "
                       "Ujedinjenih nacija Antonom Vilerom.", "sr", "MEETING")
    assert got == [["Petar Marković", "Anton Viler"]]


def test_titles_in_a_row_keep_their_bodies_out_of_the_event():
    got = participants("中共中央政治局委员、国务院副总理张国华出席开幕式并致辞。", "zh", "SPEECH")
    assert got == [["张国华"]]


def test_title_holding_part_of_a_bodys_name_keeps_the_body_out():
    from communique.extract.participants import prune_participants
    from communique.model import Entity, Event, Evidence, Mention, Participant, Role

    text = "Жиынға Президент Әкімшілігінің басшысы Бакыт Асанов келді."
    body, name = text.index("Президент Әкімшілігі"), text.index("Бакыт Асанов")
    person = Entity("p1", "PER", "Бакыт Асанов", roles=[Role("Әкімшілігінің басшысы")])
    office = Entity("o1", "ORG", "Президент Әкімшілігі")
    mentions = [Mention(body, body + len("Президент Әкімшілігі"), "ORG", "Президент Әкімшілігі", "o1"),
                Mention(name, name + len("Бакыт Асанов"), "PER", "Бакыт Асанов", "p1")]
    ev = Event("e1", "MEETING", "occurred", Evidence(0, len(text), text),
               participants=[Participant("o1"), Participant("p1")])
    prune_participants(text, mentions, [person, office], [ev])
    assert [p.entity for p in ev.participants] == ["p1"]


def test_who_tells_of_a_meeting_after_it_is_no_participant():
    from communique.extract.participants import prune_participants
    from communique.model import Entity, Event, Evidence, Mention, Participant

    text = "Наступнае пасяджэнне савета пройдзе ў Гродне, паведаміў сёння журналістам міністр Ігар Сасноўскі."
    at = text.index("Ігар")
    person = Entity("p1", "PER", "Ігар Сасноўскі")
    ev = Event("e1", "MEETING", "planned", Evidence(0, len(text), text), trigger="пасяджэнне",
               participants=[Participant("p1")])
    prune_participants(text, [Mention(at, at + len("Ігар Сасноўскі"), "PER", "Ігар Сасноўскі", "p1")], [person], [ev])
    assert ev.participants == []


def test_bare_title_names_the_holder_whose_title_words_follow():
    got = participants("Вазири корҳои хориҷии Ҷумҳурии Тоҷикистон Фаридун Раҳимов бо Вазири корҳои хориҷии "
                       "Ҷумҳурии Исломии Покистон Муҳаммад Ақрам мулоқот кард. Вазири корҳои хориҷии Покистон "
                       "13-15 апрели соли 2026 бо сафари расмӣ дар Ҷумҳурии Тоҷикистон қарор дорад.", "tg", "VISIT")
    assert got == [["Муҳаммад Ақрам"]]


def test_the_one_state_that_joins_is_the_party_of_an_accession():
    from communique.model import Entity, Mention

    state = Entity("l1", "LOC", "Тожикистон", kind="country")
    union = Entity("o1", "ORG", "Евроосиё иқтисодий иттифоқи")
    s_mentions = [Mention(15, 25, "LOC", "Тожикистон", "l1"), Mention(50, 77, "ORG", "Евроосиё иқтисодий иттифоқида", "o1")]
    by_id = {"l1": state, "o1": union}
    got = regional_events.RegionalEvents._participants(s_mentions, by_id, None, "ACCESSION")
    assert [p.entity for p in got] == ["o1", "l1"]
    assert [p.entity for p in regional_events.RegionalEvents._participants(s_mentions, by_id, None, "MEETING")] == ["o1"]


def _pruned(text, people, bodies, type_, trigger, roles=None):
    """Run the last participants pass over one sentence whose names are given as (text, id) pairs."""
    from communique.extract.participants import prune_participants
    from communique.model import Entity, Event, Evidence, Mention, Participant, Role

    entities, mentions = [], []
    for kind, pairs in (("PER", people), ("ORG", bodies)):
        for name, id_ in pairs:
            at = text.index(name)
            mentions.append(Mention(at, at + len(name), kind, name, id_))
            titles = [Role(t) for t in (roles or {}).get(id_, [])]
            entities.append(Entity(id_, kind, name, roles=titles))
    ev = Event("e1", type_, "occurred", Evidence(0, len(text), text), trigger=trigger,
               participants=[Participant(m.entity) for m in sorted(mentions, key=lambda m: m.start)])
    prune_participants(text, mentions, entities, [ev])
    return [p.entity for p in ev.participants]


def test_whom_the_visitor_meets_is_not_a_visitor():
    text = ("Иш сапарынын алкагында Нурбек Алиев Беларусь Республикасынын Премьер-министри Иван Сидоренко "
            "менен жолугушту.")
    assert _pruned(text, [("Нурбек Алиев", "p1"), ("Иван Сидоренко", "p2")], [], "VISIT", "сапарынын") == ["p1"]


def test_body_between_a_title_and_a_bracketed_acronym_is_the_persons_employer():
    text = ("Министарка Ана Петровић састала се са потпредседником Кинеског савета за унапређење међународне "
            "трговине (CCPIT) Љу Веном.")
    got = _pruned(text, [("Ана Петровић", "p1"), ("Љу Веном", "p2")],
                  [("Кинеског савета за унапређење међународне трговине", "o1")], "MEETING", "састала",
                  roles={"p2": ["потпредседник Кинеског савета за унапређење међународне трговине"]})
    assert got == ["p1", "p2"]


def test_body_right_before_a_name_ends_that_persons_title():
    text = "Министар Ана Петровић састала се са потпредседником Народне банке Кине Љу Веном у Београду."
    got = _pruned(text, [("Ана Петровић", "p1"), ("Љу Веном", "p2")], [("Народне банке Кине", "o1")],
                  "MEETING", "састала")
    assert got == ["p1", "p2"]
    text = "Министар Ана Петровић састала се са представницима Народне банке Кине и Љу Веном у Београду."
    got = _pruned(text, [("Ана Петровић", "p1"), ("Љу Веном", "p2")], [("Народне банке Кине", "o1")],
                  "MEETING", "састала")
    assert got == ["p1", "o1", "p2"]  # "и" between: the bank is named on its own


def test_the_state_whose_delegation_comes_takes_part():
    from communique.model import Entity, Mention

    text = "Xitoy delegatsiyasi ertaga Buxoro shahriga borib, viloyat hokimligi rahbariyati bilan uchrashadi."
    by_id = {"l1": Entity("l1", "LOC", "Xitoy", kind="country"), "l2": Entity("l2", "LOC", "Buxoro", kind="city")}
    s_mentions = [Mention(0, 5, "LOC", "Xitoy", "l1"), Mention(27, 33, "LOC", "Buxoro", "l2")]
    got = regional_events.RegionalEvents._participants(s_mentions, by_id, "l2", "MEETING", text)
    assert [p.entity for p in got] == ["l1"]
    assert regional_events.RegionalEvents._participants(s_mentions, by_id, "l2", "MEETING", "") == []


@pytest.mark.parametrize("lang, text, expected", [
    # an international "week" of a trade is a forum
    ("uz", "Samarqandda «Agro Week 2027» xalqaro qishloq xo‘jaligi haftaligi bo‘lib o‘tmoqda.", ("FORUM", "ongoing")),
    ("uz", "Самарқандда «Agro Week 2027» халқаро қишлоқ хўжалиги ҳафталиги бўлиб ўтмоқда.", ("FORUM", "ongoing")),
    ("kk", "Алматыда халықаралық сәулет апталығы өтті.", ("FORUM", "occurred")),
    ("ky", "Ошто эл аралык туризм апталыгы өттү.", ("FORUM", "occurred")),
    # "received in audience" is a meeting; a guest who "is" in the country is on a visit going on
    ("tg", "Президент меҳмонро ба ҳузур пазируфт.", ("MEETING", "occurred")),
    ("tg", "Вазир бо сафари корӣ дар Қирғизистон қарор дорад.", ("VISIT", "ongoing")),
])
def test_week_audience_and_stay_words(lang, text, expected):
    assert expected in [(t, s) for t, s, _, _ in events(text, lang)]


@pytest.mark.parametrize("text", [
    "Samarqand shahrida 14 noyabrdan 17 noyabrgacha xalqaro turizm forumi bo‘lib o‘tmoqda.",
    "Самарқанд шаҳрида 14 ноябрдан 17 ноябргача халқаро туризм форуми бўлиб ўтмоқда.",
])
def test_an_uzbek_date_with_the_ending_until_ends_the_event(text):
    rec = record(text, "uz", "2027-11-15")
    assert [(ev.type, ev.start, ev.end) for ev in rec.events] == [("FORUM", "2027-11-14", "2027-11-17")]


@pytest.mark.parametrize("lang, text", [
    ("uz", "Vazirlik va agentlik o‘rtasida hamkorlik memorandumi imzolandi. Hujjatni qishloq xo‘jaligi vaziri "
           "Anvar Karimov va suv xo‘jaligi vaziri Bobur Rahimov imzoladi."),
    ("kk", "Министрлік пен агенттік арасында ынтымақтастық туралы меморандумға қол қойылды. Құжатқа ауыл "
           "шаруашылығы министрі Серік Ахметов пен су ресурстары министрі Нұрлан Оспанов қол қойды."),
])
def test_the_document_signed_by_persons_is_the_signing_told(lang, text):
    rec = record(text, lang)
    signings = [ev for ev in rec.events if ev.type == "SIGNING"]
    assert len(signings) == 1
    names = {e.id: e.name for e in rec.entities}
    assert {"Anvar Karimov", "Bobur Rahimov"} <= {names[p.entity] for p in signings[0].participants} \
        or {"Серік Ахметов", "Нұрлан Оспанов"} <= {names[p.entity] for p in signings[0].participants}


def test_the_visitor_takes_part_in_a_meeting_held_on_the_visit():
    text = ("Ўзбекистон Республикаси Бош вазири Анвар Каримов 3-4 март кунлари Грузияга расмий ташриф билан боради. "
            "Ташриф доирасида Тбилиси шаҳрида Грузия Бош вазири Леван Беридзе билан музокаралар ўтказилиши "
            "режалаштирилган.")
    rec = record(text, "uz", "2027-03-01")
    names = {e.id: e.name for e in rec.entities}
    meeting = next(ev for ev in rec.events if ev.type == "MEETING")
    assert {"Анвар Каримов", "Леван Беридзе"} <= {names[p.entity] for p in meeting.participants}


@pytest.mark.parametrize("lang, text", [
    ("kk", "Министр Алматыда өтіп жатқан көлік форумының пленарлық отырысында сөз сөйледі."),
    ("ky", "Министр Ошто өтүп жаткан туризм форумунун пленардык отурумунда сөз сүйлөдү."),
])
def test_a_plenary_sitting_is_a_session_and_no_meeting(lang, text):
    assert "MEETING" not in [t for t, _, _, _ in events(text, lang)]
    assert "SESSION" in [t for t, _, _, _ in events(text, lang)]


def _parts(text, lang, kind, published=None):
    rec = record(text, lang, published)
    names = {e.id: e.name for e in rec.entities}
    return [names[p.entity] for ev in rec.events if ev.type == kind for p in ev.participants]


@pytest.mark.parametrize("lang, text, kind, body", [
    # the body of a participant's title is where he works, no party of the meeting
    ("kk", "Сыртқы істер министрі Серік Ахметов бүгін Халықаралық су ресурстары одағының (ХСО) Бас хатшысы Марат "
           "Оспановпен кездесті.", "MEETING", "Халықаралық су ресурстары одағы"),
    # a body inside the quoted name of the event
    ("kk", "Ертең Марат Оспанов Алматыда өтетін «ТМД кеңістігіндегі су ресурстары» халықаралық конференциясында "
           "баяндама жасайды.", "FORUM", "Тәуелсіз Мемлекеттер Достастығы"),
    # the body whose press service reports the news
    ("kk", "Министр Серік Ахметов елшімен кездесті, деп хабарлайды Сыртқы істер министрлігінің баспасөз қызметі.",
     "MEETING", "Сыртқы істер министрлігі"),
])
def test_a_body_named_by_the_way_is_no_participant(lang, text, kind, body):
    assert body not in _parts(text, lang, kind)


def test_the_states_whose_envoys_took_part_join_the_meeting():
    text = ("Премьер-министр Серік Ахметов 5 наурызда Бішкекте үкіметаралық кеңестің отырысына қатысты. "
            "Отырыс кеңейтілген құрамда өтті, оған Армения, Беларусь және Ресей үкіметтерінің басшылары қатысты.")
    assert {"Армения", "Беларусь", "Ресей"} <= set(_parts(text, "kk", "MEETING", "2027-03-06"))


@pytest.mark.parametrize("lang, text, states", [
    ("kk", "Бүгін Алматыда су ресурстары министрлерінің кездесуі басталды. Іс-шараға Әзербайжан, Түркия "
           "министрлері мен делегациялары қатысуда.", {"Әзербайжан", "Түркия"}),
    ("uz", "Bugun Samarqandda suv xo‘jaligi vazirlarining uchrashuvi boshlandi. Tadbirda Ozarbayjon va Turkiya "
           "delegatsiyalari ishtirok etmoqda.", {"Ozarbayjon", "Turkiya"}),
])
def test_who_takes_part_in_the_event_by_the_generic_word(lang, text, states):
    assert states <= set(_parts(text, lang, "MEETING", "2027-03-06"))


def test_the_state_of_a_title_is_no_party_of_the_meeting():
    text = ("Премьер-министр Серік Ахметов 5 наурызда Бішкекте үкіметаралық кеңестің отырысына қатысты. "
            "Жиынға Тәжікстан Премьер-министрі - кеңестің төрағасы Рустам Назаров келді.")
    assert "Тәжікстан" not in _parts(text, "kk", "MEETING", "2027-03-06")


@pytest.mark.parametrize("lang, text, name", [
    # an ordinal written out makes a numbered meeting's official name
    ("kk", "Бүгін Алматыда су ресурстары министрлерінің екінші кездесуі басталды.",
     "су ресурстары министрлерінің екінші кездесуі"),
    ("ky", "Бүгүн Ош шаарында суу чарба министрлеринин үчүнчү жолугушуусу башталды.",
     "суу чарба министрлеринин үчүнчү жолугушуусу"),
    # Tajik: the head first, the ordinal right after it, a lower-case head too
    ("tg", "Имрӯз дар шаҳри Хуҷанд ҷаласаи сеюми вазирони кишоварзии кишварҳои минтақа баргузор гардид.",
     "ҷаласаи сеюми вазирони кишоварзии кишварҳои минтақа"),
    ("tg", "Имрӯз дар шаҳри Хуҷанд Форуми дуюми соҳибкорони ҷавон оғоз гардид.", "Форуми дуюми соҳибкорони ҷавон"),
])
def test_a_numbered_event_is_named_by_its_ordinal_word(lang, text, name):
    rec = record(text, lang, "2027-03-06")
    assert name in [ev.name for ev in rec.events]


def test_a_tajik_founding_in_the_subjunctive():
    got = events("Ҳамчунин пешниҳод мешавад, ки дар Хуҷанд Маркази минтақавии тиб таъсис дода шавад.", "tg")
    assert "FOUNDING" in [t for t, _, _, _ in got]



@pytest.mark.parametrize("lang, text", [
    ("uz", "Kecha Buxoro shahrida ikki vazirlik o‘rtasidagi maslahatlashuvlarning navbatdagi raundi bo‘lib o‘tdi."),
    ("ky", "Кечээ Ош шаарында эки министрликтин ортосундагы консультациялардын кезектеги айлампасы өттү."),
])
def test_a_regular_round_held_is_over(lang, text):
    assert ("MEETING", "occurred") in [(t, s) for t, s, _, _ in events(text, lang, "2027-03-06")]


def test_a_meeting_within_the_visit_is_a_new_one():
    text = ("Премьер-министр Бакыт Асанов бүгүн Минск шаарында Евразиялык өкмөттөр аралык кеңештин жыйынына катышты. "
            "Ошондой эле иш сапарынын алкагында Бакыт Асанов Беларусь Республикасынын Премьер-министри Иван Петров "
            "менен жолугушту.")
    assert [t for t, _, _, _ in events(text, "ky", "2027-03-06")].count("MEETING") == 2


def test_under_the_document_is_the_signing_told():
    text = ("Икки вазирлик ўртасида ҳамкорлик тўғрисидаги меморандум имзоланди. Ҳужжат остига алоқа вазири "
            "Анвар Каримов ва савдо вазири Бобур Раҳимов имзо чекди.")
    assert [t for t, _, _, _ in events(text, "uz")].count("SIGNING") == 1


def test_a_tajik_reception_to_come():
    text = "Фардо меҳмони олиқадр аз ҷониби Президенти Ҷумҳурии Тоҷикистон Фаррух Назаров қабул хоҳад шуд."
    assert ("MEETING", "planned") in [(t, s) for t, s, _, _ in events(text, "tg")]


def test_the_headlines_document_is_the_one_the_body_signs():
    text = ("Жаңалықтар\n05.03.2027\n\nҚазақстан мен Грузия көлік ынтымақтастығының жол картасын бекітті\n\n"
            "Кеше Тбилисиде екі елдің көлік министрлері 2027-2029 жылдарға арналған көлік ынтымақтастығының жол "
            "картасына қол қойды.")
    rec = record(text, "kk", "2027-03-05")
    assert [(a.kind, a.signed) for a in rec.agreements] == [("roadmap", "2027-03-04")]


def test_a_document_of_a_last_chinese_paragraph_is_no_headline():
    text = ("会议期间各方将通过《关于加强粮食安全合作的声明》。\n\n此前，两国于2023年5月签署《关于全面战略伙伴关系的联合声明》。")
    rec = record(text, "zh")
    assert len([a for a in rec.agreements if a.kind == "statement"]) == 2


@pytest.mark.parametrize("lang, text", [
    ("uz", "Tashrif yakunida ikki davlat o‘rtasida transport sohasida hamkorlik to‘g‘risidagi bitimni imzolash kutilmoqda."),
    ("uz", "Ташриф якунида икки давлат ўртасида транспорт соҳасида ҳамкорлик тўғрисидаги битимни имзолаш кутилмоқда."),
])
def test_a_signing_expected_is_planned(lang, text):
    assert ("SIGNING", "planned") in [(t, s) for t, s, _, _ in events(text, lang)]


def test_an_event_told_of_he_is_the_person_named_before():
    text = ("Халықаралық су ресурстары одағының Бас хатшысы Марат Оспанов Қазақстанға ресми сапармен келді. "
            "Сапар аясында ол бүгін Алматыда өтіп жатқан су форумында сөз сөйледі.")
    names = _parts(text, "kk", "SPEECH", "2027-03-06")
    assert names == ["Марат Оспанов"]


@pytest.mark.parametrize("text", [
    "Tashrif chog‘ida transport sohasida hamkorlik to‘g‘risidagi bitimni imzolash rejasi muhokama qilindi.",
    "Ташриф чоғида транспорт соҳасида ҳамкорлик тўғрисидаги битимни имзолаш режаси муҳокама қилинди.",
])
def test_the_plan_to_sign_a_document_is_no_plan_document(text):
    rec = record(text, "uz")
    assert "plan" not in [a.kind for a in rec.agreements]


def test_a_dateline_city_with_a_full_stop_places_the_event():
    text = "АЛМАТЫ. 5 наурыз 2027. ҚАЗАҚПАРАТ – Премьер-министр Серік Ахметов елшіні қабылдады."
    assert [(t, loc) for t, _, _, loc in events(text, "kk")] == [("MEETING", "Алматы")]


@pytest.mark.parametrize("text", [
    "Vazirlar mart oyida Gruziya Prezidentining tashrifiga tayyorgarlikni ko‘rib chiqdi.",
    "Вазирлар март ойида Грузия Президентининг ташрифига тайёргарликни кўриб чиқди.",
])
def test_an_uzbek_month_alone_with_the_word_month(text):
    from communique.extract import regional_dates
    got = [d.value_start for d in regional_dates.find_dates(text, "2027-02-10", "uz")]
    assert got == ["2027-03"]
