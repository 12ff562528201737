"""Event status in the region's languages: cue words of tense and aspect, on sentences written for
these tests (made-up names)."""

import pytest

from communique.extract.regional import RegionalPipeline
from communique.model import Document


def statuses(text, lang, published=None):
    rec = RegionalPipeline(lang)(Document(id="t", text=text, published=published))
    return [(ev.type, ev.status) for ev in rec.events]


@pytest.mark.parametrize("lang, text, expected", [
    # a lasting event opened or arrived at goes on, whatever the tense of the verb
    ("sr", "Ministar Petar Marković otvorio je danas u Nišu Srpsko-austrijski poslovni forum.", ("FORUM", "ongoing")),
    ("be", "Сёння Прэм'ер-міністр накіраваўся з афіцыйным візітам у Казахстан.", ("VISIT", "ongoing")),
    # ... but not one said to come
    ("sr", "Ministar je najavio da će sledeće nedelje boraviti u zvaničnoj poseti Beču.", ("VISIT", "planned")),
    # a participle going on before the trigger, past the event's name
    ("kk", "Бүгін министр Алматыда өтіп жатқан «Digital Steppe» форумының жұмысына қатысты.", ("FORUM", "ongoing")),
    # an invitation is to a coming visit
    ("ky", "Министр кесиптешин Бишкекке расмий сапар менен келүүгө чакырды.", ("VISIT", "planned")),
])
def test_the_status_of_an_event(lang, text, expected):
    assert statuses(text, lang)[0] == expected


def test_a_noun_ending_like_a_verb_going_on_is_no_status_cue():
    # "сауда" (trade) ends like "-уда"; the clause's verb is past
    text = "Министр отырыста сөз сөйлеп, өзара сауда көлемін арттыру маңызды екенін атап өтті."
    assert ("SPEECH", "occurred") in statuses(text, "kk")


def test_a_word_of_the_meeting_before_a_trigger_is_no_participle_going_on():
    text = "Министр отырыста сөз сөйлеп, ынтымақтастықты дамыту туралы айтты."
    assert ("SPEECH", "occurred") in statuses(text, "kk")


def test_the_chinese_opening_ceremony_is_no_opening_going_on():
    text = "国务院副总理张明出席开幕式并致辞。"
    assert ("SPEECH", "occurred") in statuses(text, "zh")


@pytest.mark.parametrize("lang, text, expected", [
    ("sr", "Наредно заседање Мешовитог комитета биће одржано у јуну у Нишу.", ("MEETING", "planned")),
    ("be", "Нагадаем, у ліпені 2024 года на саміце ў Астане было падпісана пагадненне.", ("MEETING", "occurred")),
])
def test_more_meeting_words(lang, text, expected):
    assert expected in statuses(text, lang)


def test_a_document_named_again_when_it_is_signed_is_one_agreement():
    text = ("Министри су разговарали о примени Споразума о слободној трговини. Споразум о слободној трговини "
            "између Владе Републике Србије и Владе Републике Казахстан потписан је 12. маја 2024. године у Астани.")
    rec = RegionalPipeline("sr")(Document(id="t", text=text))
    assert [(a.kind, a.signed) for a in rec.agreements] == [("agreement", "2024-05-12")]
    assert rec.agreements[0].title.startswith("Споразум о слободној трговини између")


@pytest.mark.parametrize("lang, text", [
    ("zh", "有记者提问,中国—东盟数字论坛成功开幕,可否介绍论坛有关情况?"),
    ("sr", "Novinari su pitali da li je forum u Nišu uspešno otvoren?"),
])
def test_a_question_tells_no_event(lang, text):
    assert statuses(text, lang) == []


@pytest.mark.parametrize("lang, text, signed", [
    # adopting signs only in a sentence that names a document
    ("ky", "Министр кесиптешин Бишкекке келүүгө чакырды. Чакыруу ыраазычылык менен кабыл алынды.", False),
    ("ky", "Жыйында кызматташтык боюнча меморандум кабыл алынды.", True),
    ("kk", "Ұсыныс қызығушылықпен қабылданды.", False),
])
def test_adopting_is_a_signing_only_of_a_document(lang, text, signed):
    assert (("SIGNING", "occurred") in statuses(text, lang)) is signed


def test_the_next_meeting_after_one_going_on_is_a_new_planned_meeting():
    text = ("Бүгүн Минскте Евразиялык өкмөттөр аралык кеңештин жыйыны өтүп жатат. "
            "Кеңештин кийинки жыйыны Бишкекте өтөт.")
    assert [st for st in statuses(text, "ky") if st[0] == "MEETING"] == [("MEETING", "ongoing"), ("MEETING", "planned")]


def test_a_meeting_told_first_as_what_is_prepared_for_takes_the_sentence_that_tells_it():
    text = ("Министрлер алдағы саммитке дайындалған декларацияның жобасын талқылады. "
            "Саммит ертең Түркістанда өтеді.")
    rec = RegionalPipeline("kk")(Document(id="t", text=text))
    meetings = [ev for ev in rec.events if ev.type == "MEETING"]
    assert [(ev.status, ev.evidence.text) for ev in meetings] == [("planned", "Саммит ертең Түркістанда өтеді.")]


def test_an_event_told_again_with_its_place_takes_the_place():
    text = ("Ўзбекистон ва Қозоғистон вазирликлари меморандум имзолади. "
            "Меморандум Тошкентда имзоланди.")
    rec = RegionalPipeline("uz")(Document(id="t", text=text))
    names = {e.id: e.name for e in rec.entities}
    assert [(ev.type, names.get(ev.location)) for ev in rec.events] == [("SIGNING", "Тошкент")]


def test_an_event_takes_the_date_and_place_of_its_own_coordinate_clause():
    text = ("Podsetimo, Visoki savet za saradnju Srbije i Austrije osnovan je 2019. godine, a njegova poslednja "
            "sednica održana je u Beogradu.")
    rec = RegionalPipeline("sr")(Document(id="t", text=text, published="2026-05-10"))
    names = {e.id: e.name for e in rec.entities}
    got = {ev.type: (ev.start, names.get(ev.location)) for ev in rec.events}
    assert got == {"FOUNDING": ("2019", None), "MEETING": (None, "Beograd")}


def test_a_meeting_done_after_one_to_come_in_one_sentence_is_a_second_event():
    text = ("Наступнае пасяджэнне Савета пройдзе 14 кастрычніка 2026 года ў Мінску, паведаміў сёння журналістам "
            "па выніках пасяджэння Савета старшыня камітэта Пятро Каваленка.")
    rec = RegionalPipeline("be")(Document(id="t", text=text, published="2026-05-10"))
    names = {e.id: e.name for e in rec.entities}
    got = [(ev.type, ev.status, ev.start, names.get(ev.location)) for ev in rec.events]
    assert got == [("MEETING", "planned", "2026-10-14", "Мінск"), ("MEETING", "occurred", None, None)]


def test_two_meetings_done_in_one_sentence_are_one_event():
    rec = RegionalPipeline("be")(Document(id="t", text="Міністр сустрэўся з паслом, а пасля сустрэчы правёў нараду."))
    assert [ev.type for ev in rec.events].count("MEETING") == 1
