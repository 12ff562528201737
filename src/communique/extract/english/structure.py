"""English event structure: sub-events inside their parents, what a sub-event inherits from its
parent (the same inheritance as the Russian step, with English specifics), numbered events of a
series, speakers up to the forum, and the place a dateline names."""

from __future__ import annotations

import re

from ...model import Event, Participant, date_bounds
from ..date_grammar import one_day
from ..events import inherit_from, parents_first, within
from ..nlp import in_headline
from .lexicon import is_capitalized
from .triggers import BACKGROUND

_SAME_DAY = re.compile(
    r"\b(?:(?:on|during) (?:the )?same day|(?:later|earlier) (?:on )?(?:in )?(?:the|that) day)\b", re.I
)


class EventStructure:
    """EnglishEvents' steps that relate events to each other."""

    def _same_day(self, events: list[Event]) -> None:
        """'On the same day, X was received by Y', 'Later in the day ...': the day of the event told
        before that has a day of its own (a period or a month is no day to share)."""
        for k, ev in enumerate(events):
            own_date, own_place = self._own.get(ev.id, (False, False))
            if own_date or ev.type in BACKGROUND or not _SAME_DAY.search(ev.evidence.text):
                continue
            before = next(
                (e for e in reversed(events[:k])
                 if e.evidence.start < ev.evidence.start and e.type not in BACKGROUND
                 and self._own.get(e.id, (False, False))[0] and one_day(e.start, e.end)),
                None,
            )
            if before is not None:
                ev.start, ev.end = before.start, None
                self._own[ev.id] = (True, own_place)

    def _series(self, events: list[Event]) -> None:
        """'The fourth Ministerial Meeting' after 'the third ... Ministerial Meeting': a numbered event of
        a series told before has the same parties when the text names none."""
        for k, ev in enumerate(events):
            if (
                ev.ordinal is None
                or not ev.name
                or any(self.table.entity(p.entity).type != "PER" for p in ev.participants)
            ):
                continue
            tail = [w for w in ev.name.split()[-2:] if is_capitalized(w)]
            if len(tail) < 2:
                continue
            prev = next(
                (
                    e
                    for e in reversed(events[:k])
                    if e.type == ev.type and e.name and e.name.split()[-2:] == tail
                ),
                None,
            )
            if prev is not None:
                ev.participants += [
                    Participant(p.entity, p.role)
                    for p in prev.participants
                    if self.table.entity(p.entity).type != "PER"
                ]

    def _persons_up(self, events: list[Event]) -> None:
        """Who speaks at a session of a forum takes part in the forum."""
        by_id = {e.id: e for e in events}
        for ev in events:
            if ev.type not in ("SPEECH", "SESSION"):
                continue
            persons = [p.entity for p in ev.participants if self.table.entity(p.entity).type == "PER"]
            parent, seen = by_id.get(ev.parent), set()
            if parent is not None and parent.status == "planned" and ev.status != "planned":
                continue  # "Speaking at a briefing, X said the leaders would meet": X told of it, not in it
            while (
                parent is not None
                and parent.id not in seen
                and parent.type in ("FORUM", "MEETING", "SESSION")
            ):
                seen.add(parent.id)
                have = {p.entity for p in parent.participants}
                parent.participants += [Participant(e) for e in persons if e not in have]
                parent = by_id.get(parent.parent)

    # -- structure -------------------------------------------------------------------------------------
    def _nest(self, made: list[Event], context: Event | None, embedded: set[str]) -> None:
        by_type: dict[str, Event] = {}
        for e in made:
            if e.id not in embedded:
                by_type.setdefault(e.type, e)
        for ev in made:
            parent = None
            if ev.type == "SPEECH":
                parent = by_type.get("SESSION") or by_type.get("FORUM") or by_type.get("MEETING")
            elif ev.type == "SIGNING":
                parent = by_type.get("MEETING") or by_type.get("FORUM") or by_type.get("VISIT")
            elif ev.type == "SESSION":
                parent = by_type.get("FORUM") or by_type.get("MEETING")
                if parent is None:
                    holders = [e for e in reversed(self.events) if e.type in ("FORUM", "MEETING")]
                    main = self._main()
                    if holders and re.search(r"(?i)\bits\s+(?:[a-z-]+\s+){0,2}(?:session|panel)", ev.evidence.text):
                        parent = holders[0]  # "... business forum will be held. X is to address its opening session"
                    elif ev.start:
                        parent = next((e for e in holders if within(ev.start, e.start, e.end)), None)
                    if parent is None and main is not None and main.type in ("FORUM", "MEETING"):
                        parent = main
                    parent = (
                        parent
                        or next((e for e in holders if e.type == "FORUM"), None)
                        or next(iter(holders), None)
                    )
            if parent is None and context is not None:
                parent = context
                self._explicit_parent.add(ev.id)
            if parent is ev:
                parent = None
            ev.parent = parent.id if parent else None
            if parent is not None and ev.type in BACKGROUND:
                self._explicit_parent.add(ev.id)

    def _inherit(self, events: list[Event]) -> None:
        """As in the Russian step: a sub-event without a date or place of its own takes its parent's, or
        the opening event's; a planned event does not fall inside one that is over, and background
        facts keep to themselves unless the text puts them inside an event ('joined ... at the meeting').
        English specifics: a call has no place, a site visit does not take the trip's country, and a
        signing after a meeting of several days gets no date from it."""
        by_id = {e.id: e for e in events}
        main = self._main_of(events, containers=True)

        for ev in parents_first(events):
            own_date, own_place = self._own.get(ev.id, (False, False))
            if ev.type in BACKGROUND and ev.id not in self._explicit_parent:
                continue
            source = by_id.get(ev.parent) if ev.parent else main
            if source is None or source is ev or (source is main and not ev.parent and ev.id in self._fresh):
                continue
            multi_day = bool(source.end and source.end != source.start)
            inherit_from(
                ev,
                source,
                own_date,
                own_place,
                take_date=not (ev.type == "SIGNING" and multi_day),
                take_place=ev.type != "CALL" and not (ev.type == "VISIT" and source.type == "VISIT"),
                inside_too=_within_a_week,
            )

    # -- the dateline ------------------------------------------------------------------------------------
    def _dateline(self, text, sents, mentions, headlines) -> tuple[int | None, str | None, int | None]:
        """The first sentence of the story (the lead), the place its dateline names ('GENEVA – ...',
        'Baku, 4 March, AZERTAC'), and where the dateline ends inside the lead."""
        lead = next(
            (s for s in sents if not in_headline(s, headlines)), None
        )
        if lead is None:
            return None, None, None
        place, end = None, None
        m = re.match(r"\s*([^\W\d_][^–—\-,\n]{1,40}?)(?:,[^–—\n]{0,40})?\s+[–—-]\s+", lead.text)
        base = lead.start
        alone = _DATELINE_ALONE.fullmatch(lead.text)
        if alone and m is None:
            # "TASHKENT, March 3 (UzA)." as a sentence of its own: the story starts with the next one
            m = alone
            lead = next((s for s in sents if s.start >= lead.end), lead)
        if m:
            loc = next(
                (
                    x
                    for x in mentions
                    if x.type == "LOC" and base + m.start(1) <= x.start < base + m.end(1)
                ),
                None,
            )
            if loc is not None:
                place, end = loc.entity, base + m.end()
        if place is None:
            for a, b in headlines:
                line = text[a:b]
                if re.search(r"\d", line) and "," in line:
                    loc = next(
                        (x for x in mentions if x.type == "LOC" and a <= x.start < a + line.index(",")), None
                    )
                    if loc is not None:
                        place = loc.entity
                        break
        return lead.start, place, end


_DATELINE_ALONE = re.compile(r"\s*([^\W\d_][^,\n]{1,40}),\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
                             r"(?:,?\s+\d{4})?\s*\([^()\n]{2,30}\)\s*\.?\s*")


def _days(a: str, b: str) -> int:
    from datetime import date

    lo, hi = date_bounds(a)[0], date_bounds(b)[0]
    return (date.fromisoformat(hi) - date.fromisoformat(lo)).days


def _within_a_week(ev: Event, source: Event) -> bool:
    """An event with a date of its own outside an ongoing event that has no end yet is still inside
    it when it falls within a week of its start."""
    if source.status == "ongoing" and source.start and not source.end:
        return bool(ev.start) and ev.start >= source.start and _days(source.start, ev.start) <= 7
    return False
