"""One meeting reported in Russian, English and Kazakh becomes one knowledge base: one
organization (ШОС / SCO / ШЫҰ), one person, one event. The three releases are written for this
test (a made-up minister and city day)."""

from __future__ import annotations

import pytest

from communique.extract.pipeline import extract_document
from communique.link import KnowledgeBase
from communique.model import Document

RELEASES = [
    ("xl-ru", "ru",
     "14 марта 2031 года в Астане состоялось заседание Совета министров иностранных дел ШОС. "
     "Министр иностранных дел Республики Казахстан Арман Тлеубеков провёл переговоры с коллегами "
     "и выступил на заседании. Стороны обсудили подготовку юбилейного саммита ШОС."),
    ("xl-en", "en",
     "On 14 March 2031, the SCO Council of Foreign Ministers met in Astana. "
     "Minister of Foreign Affairs of the Republic of Kazakhstan Arman Tleubekov held talks with "
     "his counterparts and spoke at the meeting. The sides discussed preparations for the anniversary "
     "summit of the SCO."),
    ("xl-kk", "kk",
     "2031 жылғы 14 наурызда Астанада ШЫҰ Сыртқы істер министрлері кеңесінің отырысы өтті. "
     "Қазақстан Республикасының Сыртқы істер министрі Арман Тлеубеков әріптестерімен келіссөздер "
     "жүргізіп, отырыста сөз сөйледі. Тараптар ШЫҰ мерейтойлық саммитіне дайындықты талқылады."),
]


def records():
    return [extract_document(Document(id=i, text=t, language=lang, published="2031-03-14"))
            for i, lang, t in RELEASES]


def test_each_release_names_the_body_and_the_minister():
    for rec in records():
        orgs = {e.name for e in rec.entities if e.type == "ORG"}
        pers = {e.name for e in rec.entities if e.type == "PER"}
        assert orgs, (rec.document.language, orgs)
        assert pers, (rec.document.language, pers)


@pytest.fixture
def kb(store):
    kb = KnowledgeBase(store)
    for rec in records():
        store.put(rec)
        kb.link_document(rec.document.id)
    return kb


def test_one_organization_and_one_person_across_three_languages(kb):
    orgs = kb.entities("ORG")
    sco = [e for e in orgs if e["gazetteer_id"] == "sco"]
    assert len(sco) == 1 and sco[0]["members"] == 3, orgs  # ШОС, SCO, ШЫҰ: one entity
    council = [e for e in orgs if e["gazetteer_id"] == "sco_cfm"]
    assert len(council) == 1 and council[0]["members"] == 3, orgs  # its council, named in three languages
    assert {"ШЫҰ Сыртқы істер министрлері кеңесі"} <= set(council[0]["aliases"])
    people = kb.entities("PER")
    assert len(people) == 1 and people[0]["members"] == 3, people
    assert {"Арман Тлеубеков", "Arman Tleubekov"} <= set(people[0]["aliases"])


def test_the_council_session_is_one_event_across_three_languages(kb):
    sessions = [ev for ev in kb.timeline()
                if any(p.get("id") and p["name"].startswith("Совет министров иностранных дел") for p in ev["participants"])
                and ev["type"] == "MEETING" and ev["start"] == "2031-03-14"]
    assert len(sessions) == 1, sessions
    assert {s["document_id"] for s in sessions[0]["sources"]} == {"xl-ru", "xl-en", "xl-kk"}
