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
