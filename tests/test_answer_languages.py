"""Cited answers across languages and numbered meetings: a release in a third language whose names are
spelt its own way, a meeting asked for by its number, a city named in the question and linked in the
release, a signing by many states named whole. The releases are made up for these tests."""

from __future__ import annotations

import pytest

import communique
from communique.answer import answer
from communique.answer.core import _event_line, _gazetteer_ids, _read_question, _states_ordinal, asked_ordinal
from communique.search import Searcher, semantic

RELEASES = {
    "uzlat": ("uz", None,
              "Toshkentda raqamli texnologiyalar vaziri Rustam Qo‘ldoshev hamda Indoneziyaning “Telkomsel Digital” "
              "kompaniyasi prezidenti Arif Wibowo o‘rtasida uchrashuv bo‘lib o‘tdi. "
              "Uchrashuv davomida tomonlar raqamli rivojlanish masalalari yuzasidan fikr almashdi."),
    "decoy": ("en", "2026-03-02",
              "Uzbekistan minister meets partners\n\n"
              "The minister of Uzbekistan held a meeting with partners on digital development in "
              "Tashkent. The partners and the minister of Uzbekistan discussed the meeting agenda."),
    "kgnum": ("ky", None,
              "Бишкек, 12.05.26. /Кабар/. Нарын шаары менен Түркстан шаарынын ортосунда бир тууган шаар "
              "меморандумуна кол коюлду. Кол коюу аземи кыргыз-казак өкмөттөр аралык Кеңешинин 14-жыйынынын "
              "алкагында өттү."),
    "council": ("en", "2026-04-01",
                "Intergovernmental council meets\n\n"
                "The intergovernmental council of the two countries held its meeting in Astana on 1 April 2026. "
                "During the meeting the council discussed trade, and the ministers signed a memorandum on transport."),
}


@pytest.fixture
def kb(store):
    for doc_id, (lang, published, text) in RELEASES.items():
        store.put(communique.extract(text, published=published, language=lang, id=doc_id,
                                     url=f"https://example.test/press/{doc_id}"))
    searcher = Searcher(store, index=semantic.VectorIndex(None))  # in memory: no vector files
    searcher.add_many([(doc_id, None, text) for doc_id, (_, _, text) in RELEASES.items()])
    return store, searcher


def test_names_of_a_release_in_another_language_match_in_the_same_script(kb):
    store, searcher = kb
    result = answer(store, "Which company's president met the Uzbek minister Kuldoshev?",
                    language="en", searcher=searcher)
    assert result.citations[0].document_id == "uzlat"  # before a release in the question's language that names no one
    assert "Telkomsel" in result.answer


def test_a_numbered_meeting_is_found_in_a_release_in_another_language(kb):
    store, searcher = kb
    result = answer(store, "Which cities signed a memorandum during the 14th meeting of the intergovernmental "
                    "council?", language="en", searcher=searcher)
    assert "kgnum" in [c.document_id for c in result.citations]
    assert "Нарын" in result.answer


@pytest.mark.parametrize(("question", "n"), [
    ("Who co-chaired the 18th meeting of the subcommission?", 18),
    ("Где состоится 35-е заседание Совета?", 35),
    ("Что подписали на 41-м совете?", 41),
    ("Когда прошло заседание 2-3 ноября 2025 года?", None),
    ("What was agreed at the G20 summit on COVID-19?", None),
])
def test_asked_ordinal(question, n):
    assert asked_ordinal(question) == n


@pytest.mark.parametrize(("sentence", "n", "states"), [
    ("中俄信息安全工作组第十八次会议在莫斯科召开。", 18, True),
    ("第一百零五次会议召开。", 105, True),
    ("кеңешинин 11-жыйынынын протоколуна кол коюлду", 11, True),
    ("The 11th session opened.", 11, True),
    ("The talks lasted 11-12 May.", 11, False),
    ("In 2011-2015 the council met.", 11, False),
])
def test_states_ordinal(sentence, n, states):
    assert _states_ordinal(sentence, [], n) is states


def test_a_city_of_the_question_is_linked_by_the_gazetteer():
    _, record = _read_question("Who co-chaired the meeting in Moscow?", "en")
    assert "RU:moscow" in _gazetteer_ids(record)


def test_a_fact_line_names_every_party_of_a_signing_by_many_states():
    states = ["Russia", "Belarus", "Kazakhstan", "Armenia", "Moldova", "Tajikistan", "Kyrgyzstan", "Uzbekistan"]
    line = _event_line({"type": "SIGNING", "name": None, "start": None, "end": None, "location": None,
                        "participants": [{"name": s, "role": "party"} for s in states]})
    assert all(s in line for s in states)


def test_each_document_is_read_once(kb, monkeypatch):
    store, searcher = kb
    reads = []
    get_record = store.get_record
    monkeypatch.setattr(store, "get_record", lambda doc_id: reads.append(doc_id) or get_record(doc_id))
    answer(store, "Who met the minister in Uzbekistan?", language="en", searcher=searcher)
    assert reads and len(reads) == len(set(reads))  # near in meaning and naming the country: read once
