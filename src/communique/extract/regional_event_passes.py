"""Passes of regional_events over a document's events once all are found: the dateline's city places the
first gathering told after it, a release about one meeting has its titled persons take part in it, and
a meeting or forum with no date of its own told after a dated visit falls inside the visit."""

from __future__ import annotations

import datetime as dt
import re

from ..model import Entity, Event, Mention, Participant
from ..nlp import chinese_numeral
from .date_grammar import one_day
from .events import inherit_from
from .resources import load_json

__all__ = ["dateline_city", "inside_visit", "lasting", "same_day", "titled_to_the_one_meeting"]

_GATHERINGS = ("MEETING", "CALL", "FORUM")
# a dateline: a city at the start of a line, then a comma ("Toshkent, 2026-yil 3-mart", "МІНСК, 21 лютага"),
# or a Chinese agency's "新华社北京3月18日电"
_DATELINE_AFTER = re.compile(r"\s*,|[0-9０-９]{1,2}月|\.\s+\d")
_DATELINE_REACH = 200  # characters from the dateline to the sentence of the event it places
# an online meeting takes place nowhere: "дар шакли маҷозӣ", "онлайн", "в режиме видеоконференции", "线上"
_VIRTUAL = ("маҷозӣ", "онлайн", "online", "onlayn", "виртуал", "virtual", "видео", "video", "бейне", "відэа",
            "線上", "线上", "视频", "视讯")


def dateline_city(text: str, events: list[Event], mentions: list[Mention], by_id: dict, own: dict) -> None:
    """The city of a dateline is where the first meeting, forum or session told right after it takes
    place, when its sentence names no place of its own (the Russian step's rule)."""
    for m in mentions:
        ent = by_id.get(m.entity) if m.entity else None
        if m.type != "LOC" or ent is None or ent.kind != "city" or m.start > 400:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        lead = text[line_start:m.start]
        if lead.strip() and not lead.rstrip().endswith("社"):
            continue
        if not _DATELINE_AFTER.match(text, m.end):
            continue
        ev = next((ev for ev in events if ev.type in {"MEETING", "FORUM", "SESSION"}
                   and ev.evidence.start >= line_start and ev.evidence.start - m.end <= _DATELINE_REACH), None)
        if ev is not None and ev.location is None and not own.get(ev.id, (False, False))[1] \
                and not any(w in ev.evidence.text.casefold() for w in _VIRTUAL):
            ev.location = m.entity
        return


def titled_to_the_one_meeting(events: list[Event], entities: list[Entity]) -> None:
    """A release about one meeting names its people by title in the sentences after it ("the
    delegation was led by Minister X", "Minister X noted ..."): a titled person no event has is a
    participant of that meeting. With two meetings or more nothing tells which, so nothing is added."""
    tops = [ev for ev in events if ev.parent is None]
    main = [ev for ev in tops if ev.type in _GATHERINGS]
    if len(main) != 1 or len(tops) != 1:
        return
    taken = {p.entity for ev in events for p in ev.participants}
    for ent in entities:
        if ent.type == "PER" and ent.roles and ent.id not in taken:
            main[0].participants.append(Participant(ent.id))


def inside_visit(events: list[Event], own: dict[str, tuple[bool, bool]]) -> None:
    """A meeting or forum with no date of its own told after a dated visit ("Ташриф доирасида …
    музокаралар", "… бизнес форумида иштирок этади") falls inside the visit and takes its period."""
    for k, ev in enumerate(events):
        if ev.type not in ("MEETING", "FORUM") or ev.start or ev.parent or own.get(ev.id, (False, False))[0]:
            continue
        visit = next((p for p in reversed(events[:k]) if p.type == "VISIT" and p.start), None)
        if visit is not None and not any(p.type in ("MEETING", "FORUM") and own.get(p.id, (False, False))[0]
                                         for p in events[events.index(visit):k]):
            inherit_from(ev, visit, False, own.get(ev.id, (False, False))[1])


# "论坛为期三天", "为期两天的会议": how many days an event lasts
_LASTS = re.compile(r"为期\s*([0-9０-９]+|[一二两三四五六七八九十]+)\s*天")


def lasting(text: str, events: list[Event]) -> None:
    """"9月8日在乌鲁木齐开幕，论坛为期三天": a gathering that starts on a day and lasts N days ends on
    the N-th; its end, when none is told."""
    for ev in events:
        if ev.type not in ("FORUM", "MEETING", "SESSION", "VISIT") or ev.end or not ev.start or len(ev.start) != 10:
            continue
        m = _LASTS.search(text, ev.evidence.start, ev.evidence.end)
        n = chinese_numeral(m.group(1)) if m else None
        if n and 1 < n <= 31:
            ev.end = (dt.date.fromisoformat(ev.start) + dt.timedelta(days=n - 1)).isoformat()


_DATES = load_json("dates_regional.json")


def same_day(language: str, events: list[Event], own: dict) -> None:
    """"Сол күні", "Shu kuni", "同日" (on the same day): an event of no date of its own, in a sentence that
    opens so, takes the day of the last event of one day told before it in another sentence."""
    phrases = tuple(p.casefold() for p in (_DATES.get(language) or {}).get("same_day", []))
    if not phrases:
        return
    for k, ev in enumerate(events):
        if ev.start or own.get(ev.id, (False, False))[0] or ev.evidence is None:
            continue
        said = ev.evidence.text.casefold()
        if not any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", said) for p in phrases):
            continue
        before = next((p for p in reversed(events[:k]) if one_day(p.start, p.end)  # not a visit's days
                       and p.evidence is not None
                       and p.evidence.text != ev.evidence.text), None)
        if before is not None:
            ev.start = before.start
            own[ev.id] = (True, own.get(ev.id, (False, False))[1])
