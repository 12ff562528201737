"""Events: visits, meetings, forums, sessions, speeches, signings, accessions, foundings and calls.

One pass per sentence:
  1. triggers from the lexicon (lemma sequences, longest first) give candidate events and types;
  2. a trigger inside a context frame ("в ходе визита", "по итогам заседания") that points back at
     an event already introduced is a reference, not a new event — it becomes the parent instead;
  3. status comes from tense and modality (проходит → ongoing, подписан → occurred,
     примет участие → planned), checked against the publication date where both are known;
  4. arguments: the nearest date, the place after "в", the persons and bodies of the sentence,
     a quoted or capitalized name, an ordinal ("5-е совещание") that places it in a series.
Sub-events take the period and place of the event they happen inside when they state none.

The helpers both languages use are public (the English step, extract/english/, imports them):
phrase_table and longest_match (the trigger scan, in event_triggers), evidence_for, date_distance and
nearest_trigger, inherit_from, parents_first, period_of and within, plover_code; inside_any, inside_org,
period_told and series_key (in event_arguments).

Modules: event_triggers (the lexicon and step 1, mixin TriggerReading), event_arguments (step 4's
place, participants and name, mixin ArgumentReading), this module (steps 2-3, dates, assembly).
"""

from __future__ import annotations

import bisect
import re

from ..model import Event, Evidence, Mention, Participant, Plover, date_bounds
from . import event_arguments as ea
from .dates import DateMention
from .entities import EntityTable
from .event_arguments import ArgumentReading, is_ordinal, period_told, series_key
from .event_triggers import (
    BARE_DOCUMENTS,
    COMPOUND_TYPES,
    CONTEXT_FRAMES,
    GENERIC_EVENTS,
    ONGOING_PHRASES,
    ORDINAL,
    ORDINAL_WORDS,
    PARTICIPATION,
    PLANNED_CUES,
    PLANNED_PHRASES,
    Trigger,
    TriggerReading,
)
from .nlp import Sentence, headline_spans, in_headline, lemma, parses
from .resources import load_json

_PLOVER = load_json("plover.json")
_COMPLEMENT_WORDS = {"о", "об", "по", "между", "на", "в"}
_NEW_EVENT_CUES = {"также", "затем", "позднее", "далее", "потом", "кроме", "помимо", "еще"}
BACKGROUND = {"FOUNDING", "ACCESSION"}


class EventStep(TriggerReading, ArgumentReading):
    name = "events"

    def __call__(self, text: str, sents: list[Sentence], mentions: list[Mention], dates: list[DateMention],
                 table: EntityTable, published: str | None, role_spans: list[tuple[int, int]]) -> list[Event]:
        events: list[Event] = []
        self._n = 0
        self._text, self._mentions = text, mentions
        self._table = table
        self._own: dict[str, tuple[bool, bool]] = {}
        headlines = _headlines(text)
        self._told_in: dict[str, int] = {}
        self._dateline = None
        self._trig_of: dict[str, Trigger] = {}
        for sent_no, sent in enumerate(sents):
            dl = _DATELINE.match(sent.text)
            if dl:
                city = next((m for m in mentions if m.type == "LOC" and m.start == sent.start + dl.start(1)
                             and m.entity), None)
                ent = table.entity(city.entity) if city else None
                self._dateline = (sent.start, city.entity) if ent is not None and ent.kind == "city" else None
            if in_headline(sent, headlines) or sent.text.lstrip("*_ ")[:1] in _QUOTE_OPEN:
                continue  # a headline repeats the story; direct speech reports no event of its own
            toks = sent.tokens
            lemmas = [lemma(t.text) for t in toks]
            s_mentions = [m for m in mentions if sent.start <= m.start < sent.end]
            self._s_mentions = s_mentions
            triggers = [t for t in self._triggers(toks, lemmas) if self._free(t, toks, lemmas, s_mentions)]
            cut = max((e for s, e in headlines if s <= sent.start < e), default=None)
            if cut is not None:
                triggers = [t for t in triggers if t.char_start >= cut]  # a headline run into the first sentence
            triggers = self._numbered_bodies(toks, lemmas, s_mentions, triggers)
            self._s_mentions = s_mentions
            self._sentence_triggers = triggers
            s_dates = [d for d in dates if sent.start <= d.start < sent.end and not _validity(text, d)]
            if not triggers:
                self._participation(sent, lemmas, mentions, events, table, role_spans)
                if events and _generic_subject(toks, lemmas):
                    self._fill_in(events[-1], sent, toks, lemmas, s_dates, s_mentions, table, role_spans)
                continue
            self._owners = date_owners(s_dates, triggers)
            self._owned_by: dict[int, list[DateMention]] = {}  # id(trigger): its dates, in the sentence's order
            for d in s_dates:
                o = self._owners.get(id(d))
                if o is not None:
                    self._owned_by.setdefault(id(o), []).append(d)
            self._ending = any(w in _ENDING for w in lemmas)  # found once: per trigger it was n squared
            self._participation_told = bool(PARTICIPATION & set(lemmas))
            context = self._context_reference(triggers, lemmas, events)
            made: list[Event] = []
            joined: Event | None = None
            for k, trig in enumerate(triggers):
                if context is not None and trig is context[0]:
                    continue
                target = self._joins(trig, lemmas, events, sent)
                if target is not None:
                    joined = joined or target
                    continue
                if k > 0 and triggers[k - 1].type == "SESSION" and triggers[k - 1].end == trig.start \
                        and trig.type in {"FORUM", "MEETING"} and ea.latest_of(events, trig.type) is not None:
                    continue  # "панельной сессии Форума": the forum told before, as the session's frame
                if self._is_reference(trig, lemmas, events, s_dates, sent, triggers, s_mentions):
                    continue
                if not s_dates and _habitual(toks, trig, lemmas):
                    continue  # "ассамблея, которая собирается раз в два года": what is done, not an event
                ev = self._event(text, sent, toks, lemmas, trig, s_mentions, s_dates, table, published, role_spans)
                if ev is None or any(e.type == ev.type and e.evidence.start == ev.evidence.start
                                     and (e.start == ev.start or not (e.start and ev.start)) for e in made):
                    continue
                made.append(ev)
                self._trig_of[ev.id] = trig
            if joined is not None and not made:
                self._add_people(sent, mentions, joined, table, role_spans)
            if not made and events and (joined is not None or _generic_subject(toks, lemmas)):
                self._fill_in(joined or events[-1], sent, toks, lemmas, s_dates, s_mentions, table, role_spans)
            elif made and events and events[-1].type == "SIGNING" and lemmas[:1] == ["церемония"]:
                # "Церемония прошла 13 апреля в Алматы в рамках визита ...": when and where it was signed
                self._fill_in(events[-1], sent, toks, lemmas, s_dates, s_mentions, table, role_spans)
            if context is None and events and _generic_frame(lemmas):
                # "По итогам мероприятия ...": the event of the sentences just before
                recent = next((e for e in reversed(events) if e.type in COMPOUND_TYPES), None)
                if recent is not None and self._told_in.get(recent.id, -9) >= sent_no - 2:
                    context = (None, recent)
            self._at_setting(made, toks)
            for ev in made:
                if ev.start is None and events and _same_day(lemmas):
                    # "В этот день ...", "В эти дни ..."; a past event's day is not a planned one's told before
                    before = next((e for e in reversed(events) if ev.status != "occurred" or e.status != "planned"),
                                  events[-1])
                    self._same_day_as(ev, before, days=any(t.text.casefold() == "дни" for t in toks))
            parent = context[1] if context else None
            self._nest(made, parent, events)
            for ev in made:
                self._told_in[ev.id] = sent_no
            events.extend(made)
        events = self._merge_retold(events, sents)
        self._inherit(events)
        for ev in events:
            ev.plover = plover_code(ev)
        return events

    # -- triggers ----------------------------------------------------------------------------------
    def _same_day_as(self, ev: Event, before: Event, days: bool = False) -> None:
        if before.start and len(before.start) == 10 and self._own.get(before.id, (False, False))[0]:
            ev.start = before.start
            if days and before.end:
                ev.end = before.end
            own_place = self._own.get(ev.id, (False, False))[1]
            if ev.location is None and before.location is not None and not ea.ONLINE.search(ev.evidence.text):
                ev.location, own_place = before.location, True
            self._own[ev.id] = (True, own_place)

    def _fill_in(self, target, sent, toks, lemmas, s_dates, s_mentions, table, role_spans) -> None:
        """'Мероприятие состоится 22-23 мая в Казани': the date and place of the event told before."""
        if target.type in BACKGROUND:
            return
        own_date, own_place = self._own.get(target.id, (False, False))
        probe = Trigger(target.type, 0, 1, (), sent.start, sent.start)
        if not own_date and target.start is None and target.end is None:
            date = _nearest(s_dates, probe, lambda d: d.value_start or d.value_end)
            if date is not None and (date.value_start or date.value_end):
                target.start, target.end = date.value_start, date.value_end
                own_date = True
        elif target.start and target.end is None:
            # "Мероприятие продлится до 11 сентября": the end of an event whose start was told
            until = next((d for d in s_dates if d.kind == "until" and d.value_end and d.value_end > target.start), None)
            if until is not None:
                target.end = until.value_end
        if not own_place and target.location is None:
            target.location = self._location(sent, toks, lemmas, probe, s_mentions, table, role_spans)
            own_place = target.location is not None
        self._own[target.id] = (own_date, own_place)

    def _joins(self, trig, lemmas, events, sent) -> Event | None:
        """'Во встрече также приняли участие ...', 'В заседании участвовали ...', 'На заседании страну
        представляет делегация ...': an event noun in a sentence that tells who took part is the event
        told before (it brings no date, ordinal or name of its own); its people join that event."""
        if trig.type == "SIGNING":
            return self._signed_again(trig, lemmas, events)
        members = lemmas[trig.start - 1:trig.start] == ["участник"]  # "Участники заседания приветствовали ..."
        opened = trig.start > 0 and lemmas[trig.start - 1] in {"открыть", "закрыть", "открывать", "закрывать"}
        if trig.type not in COMPOUND_TYPES or not (self._participation_told or members or opened
                                                   or "продлиться" in lemmas):
            return None
        latest = ea.latest_of(events, trig.type)
        if latest is None or not all(p.tag.POS == "NOUN" for p in parses(sent.tokens[trig.start].text)[:1]):
            return None
        prev = lemmas[max(0, trig.start - 2):trig.start]
        lasts = lemmas[trig.end:trig.end + 1] == ["продлиться"]  # "Форум продлится до 16 сентября": its end
        subject = trig.start == 0 and (bool(PARTICIPATION & set(lemmas[trig.end:trig.end + 2])) or lasts)
        if not ({"в", "во", "на", "участник"} & set(prev)) and not opened and not subject:
            return None  # "Во встрече приняли участие ...", "Заседание провели ...", "Открыл заседание ..."
        if id(trig) in self._owned_by and not lasts \
                and not (members and ea.pass_dates_on(trig, self._sentence_triggers, self._owned_by)):
            return None
        if _another_body(trig, latest, self._s_mentions):
            return None  # "с участниками заседания Группы ...": another body's meeting
        if any(w in {"следующий", "очередной", "новый", "другой"} or ORDINAL.match(w) or w in ORDINAL_WORDS
               for w in prev) or lemmas[trig.end:trig.end + 1] in (["«"], ['"']):
            return None
        return latest

    def _signed_again(self, trig, lemmas, events) -> Event | None:
        """'Документ подписали ...', 'Соглашение подписали ...': a bare document noun beside the verb
        is the document told before, and so is its signing."""
        latest = ea.latest_of(events, "SIGNING")
        if latest is None or id(trig) in self._owned_by:
            return None
        for j in (trig.start - 1, trig.end):
            if 0 <= j < len(lemmas) and lemmas[j] in BARE_DOCUMENTS and \
                    (j + 1 >= len(lemmas) or lemmas[j + 1] not in _COMPLEMENT_WORDS) and \
                    not (j > 0 and parses(self._tokens[j - 1].text)[0].tag.POS == "ADJF"):
                return latest
        return None

    def _context_reference(self, triggers, lemmas, events):
        """'В ходе визита ...', 'По итогам заседания ...': the frame names an event told before."""
        for trig in triggers:
            before = tuple(lemmas[max(0, trig.start - 2):trig.start])
            if any(before[-len(f):] == f for f in CONTEXT_FRAMES if len(f) <= len(before)):
                ref = self._framed(trig, events)
                if ref is not None:
                    return trig, ref
        return None

    @staticmethod
    def _framed(trig, events) -> Event | None:
        """The event 'по итогам переговоров' points at: the latest of its type told by the same word,
        else the latest that is not merely planned (a signing 'по итогам' is not under a meeting
        still to come), else the latest of its type."""
        same = [e for e in events if e.type == trig.type]
        if not same:
            return None
        word = lemma(trig.lemmas[0]) if trig.lemmas else None
        told = [e for e in same if e.trigger and lemma(e.trigger.split()[0]) == word and e.status != "planned"]
        held = [e for e in same if e.status != "planned"]
        pick = (told or held or same)[-1]  # not a past one told in passing ("с 25-го заседания, которое прошло в 2023")
        return next((e for e in told if e.start and pick.start and pick.start < e.start[:len(pick.start)]), pick)

    def _is_reference(self, trig, lemmas, events, s_dates, sent, triggers, s_mentions) -> bool:
        """A bare noun for an event of a type already told ("Заседание прошло под председательством",
        "Впервые в совещании приняла участие ...") is the same event again. It is news when it
        brings its own date, ordinal, name, body or people."""
        if trig.type in {"SPEECH", "SIGNING", "CALL", "FOUNDING", "ACCESSION"}:
            return False
        latest = ea.latest_of(events, trig.type)
        if latest is None:
            return False
        # a verb trigger ("встретился", "посетил") is always news; only nouns refer back, and not in the plural
        head = parses(sent.tokens[trig.start].text)[0]
        if head.tag.POS != "NOUN" or head.tag.number == "plur":
            return False
        own_dates = self._owned_by.get(id(trig), [])
        if own_dates:
            return False
        prev = lemmas[max(0, trig.start - 3):trig.start]
        if any(w in {"следующий", "очередной", "новый", "первый", "второй", "третий", "другой"}
               or ORDINAL.match(w) for w in prev):
            return False
        nxt = lemmas[trig.end:trig.end + 1]
        if nxt and nxt[0] in {"«", '"'}:
            return False
        if _another_body(trig, latest, s_mentions):
            return False  # "заседание Рабочей группы ...": another body's meeting
        known = {p.entity for p in latest.participants}
        people = {m.entity for m in s_mentions if m.type == "PER" and m.entity and not _quoted_by(sent, m)}
        return not (people - known)

    # -- one event ---------------------------------------------------------------------------------
    def _event(self, text, sent, toks, lemmas, trig, s_mentions, s_dates, table, published, role_spans):
        self._n += 1
        evidence = evidence_for(sent)
        status = self._status(toks, lemmas, trig, s_dates, published)
        owned = self._owned_by.get(id(trig), []) \
            if len(self._sentence_triggers) > 1 else s_dates
        if not owned and trig.type == "SESSION" and len(s_dates) == 1 and getattr(self._owners.get(id(s_dates[0])),
                                                                                    "type", None) == "SPEECH":
            owned = s_dates  # "Вчера выступил на пленарном заседании": the sitting held on the speech's day
        date = _nearest(owned, trig, lambda d: d.value_start or d.value_end)
        start = end = None
        if date is not None:
            start, end = period_told(date, self._ending)
        location = None  # a call has no place
        if trig.type != "CALL":
            location = self._location(sent, toks, lemmas, trig, s_mentions, table, role_spans)
        if location is None and self._dateline is not None and self._dateline[0] >= sent.start - 200 \
                and trig.type in {"MEETING", "FORUM", "SESSION"}:
            location = self._dateline[1]  # "ПЕКИН, 15 янв - РИА Новости. ... провел встречу": the dateline's city
            self._dateline = None
        participants = self._participants(trig, s_mentions, table, role_spans, location)
        body = self._generic_body(toks, trig, s_mentions, table)
        if body is not None and all(p.entity != body for p in participants):
            participants.insert(0, Participant(body, "participant"))
        founded = next((m for m in s_mentions if trig.type == "FOUNDING" and m.type == "ORG" and m.entity
                        and 0 <= trig.char_start - m.end <= 2 and parses(toks[trig.start].text)[0].tag.POS == "PRTF"),
                       None)
        if founded is not None:
            participants = [Participant(founded.entity, "participant")]  # "ОДКБ, созданной в 2002 году": the body
        if trig.type == "VISIT":
            participants += self._delegations(toks, table, participants)
        elif trig.type in {"MEETING", "CALL"}:
            participants += self._bilateral(toks, trig, table, participants)
        home = {r.country for p in participants for r in (table.entity(p.entity).roles or []) if r.country}
        place = table.entity(location)
        visitors_elsewhere = trig.type == "VISIT" and bool(home - {place.iso if place is not None else None})
        # ("находится в России с визитом" of a guest received by a Russian host: the host's country
        # is the venue)
        if place is not None and place.kind == "country" and place.iso in home and not visitors_elsewhere:
            # "опытом цифровизации в Республике Беларусь" of a Belarusian minister abroad: his home, not the venue
            location = None
        if self._told_at(trig) is None and not any(m.type == "PER" and m.end <= trig.char_start for m in s_mentions):
            # "министр провёл встречу с X": a bare title before the event names its holder too
            cut = trig.start if any(table.entity(p.entity).type == "PER" for p in participants) else len(toks)
            participants = self._title_references(toks[:cut], lemmas[:cut], table) + participants
        name, ordinal = self._name(text, sent, toks, lemmas, trig)
        ev = Event(id=f"e{self._n}", type=trig.type, status=status, evidence=evidence, start=start, end=end,
                   location=location, name=name, ordinal=ordinal, participants=participants,
                   trigger=text[trig.char_start:trig.char_end])
        if ordinal is not None and name:
            ev.series = series_key(name, lemma, is_ordinal)
        self._own[ev.id] = (date is not None, location is not None)
        return ev

    def _status(self, toks, lemmas, trig, s_dates, published) -> str:
        # modality first: "запланировано", "планируется", "примет участие"
        idx = self._index(toks, lemmas)
        lo, hi = idx.lo_of[trig.start], idx.hi_of[trig.end]
        # "С докладом о ходе подготовки к конференции выступил": what is prepared for is ahead, not the report
        planned = any(lo <= a and b <= hi and not (a >= trig.end and lemmas[a] == "подготовка")
                      for a, b in idx.planned[bisect.bisect_left(idx.planned, (lo, lo)):])
        k = trig.start - 1
        while k > lo and parses(toks[k].text)[0].tag.POS == "ADJF":
            k -= 1
        if k >= lo and lemmas[k] in {"к", "ко"} and idx.any_span(idx.preparing, lo, hi):
            planned = True  # "подготовка региона к Всемирной конференции": what is prepared for is ahead
        if trig.start > 0 and (lemmas[trig.start - 1] == "приглашение" and lemmas[trig.start - 2:trig.start - 1] != ["по"]
                               or "пригласить" in lemmas[max(lo, trig.start - 3):trig.start]):
            return "planned"  # "приглашение посетить Астану", "пригласил коллегу посетить": a visit ahead
        if trig.type == "ACCESSION" and "получение" in lemmas[max(lo, trig.start - 2):trig.start]:
            return "planned"  # "обращение о получении статуса наблюдателя": a status asked for, not yet had
        # the tense of the nearest verb (or past participle) of the clause; the few nearest are enough
        best, best_dist = None, 10 ** 6
        at = bisect.bisect_left(idx.verb_at, trig.start)
        for i, tense, participle in idx.verbs[max(0, at - 4):at + 4]:
            if not lo <= i < hi:
                continue
            dist = abs(i - trig.start) + (1 if participle else (0 if i > trig.start else 0.5))
            if dist < best_dist:
                best, best_dist = tense, dist
        near = lemmas[max(0, trig.start - 6):trig.end + 3]
        if _has_phrase(near, ONGOING_PHRASES) and best != "futr":
            return self._check_dates("ongoing", trig, s_dates, published)  # "начала работу сессия"
        relative = self._relative_clause_tense(toks, trig, hi)
        if relative == "futr" or (planned and relative is None):
            return self._check_dates("planned", trig, s_dates, published)
        if relative is not None:
            best = relative  # "... Съезда, который состоится 7-10 октября": the clause tells the event's time
        since = trig.type == "ACCESSION" and any(d.kind == "since" for d in s_dates)  # "член ... с 1948 года"
        status = {"futr": "planned", "pres": "occurred" if since else "ongoing"}.get(best or "", "occurred")
        return self._check_dates(status, trig, s_dates, published)

    def _index(self, toks, lemmas) -> _SentenceIndex:
        if getattr(self, "_idx", None) is None or self._idx[0] is not toks:
            self._idx = (toks, _SentenceIndex(toks, lemmas))
        return self._idx[1]

    @staticmethod
    def _relative_clause_tense(toks, trig, hi) -> str | None:
        """The tense of a 'который' clause that follows the trigger's noun phrase (a few words on)."""
        if hi >= len(toks) - 1 or hi - trig.end > 12 or toks[hi].text != ",":
            return None
        if lemma(toks[hi + 1].text) != "который" or any(t.text in {",", "("} for t in toks[trig.end:hi]):
            return None
        head = parses(toks[trig.start].text)[0]
        if head.tag.POS != "NOUN" or head.tag.case == "nomn":
            return None  # "открылась конференция, которая пройдет 3-4 июня": the main verb tells it
        for t in toks[hi + 2:hi + 6]:
            p = parses(t.text)[0] if t.text[:1].isalpha() else None
            if p is not None and p.tag.POS == "VERB" and p.tag.tense:
                return p.tag.tense
        return None

    @staticmethod
    def _check_dates(status: str, trig, s_dates, published) -> str:
        """Tense is read relative to the text; the publication date, when known, settles it."""
        if not published or not s_dates:
            return status
        date = _nearest(s_dates, trig, lambda d: d.value_start or d.value_end)
        if date is None:
            return status
        first = date.value_start or date.value_end
        last = date.value_end or date.value_start
        if not first or len(first) < 10 or not last:
            return status
        if status == "planned" and last < published[:len(last)]:
            return "occurred"
        if status == "occurred" and first > published:
            return "planned"
        if status == "ongoing" and len(last) == 10 and last < published:
            return "occurred"
        return status

    def _merge_retold(self, events: list[Event], sents) -> list[Event]:
        """A lead that a later sentence tells again in full ('Министр встретился с руководителем агентства'
        and then '... встретился с руководителем агентства Иваном Петровым'): one meeting, told by the
        sentence that names more people. Same type and status, the people of one among the other's, no
        other place or date, and no 'также' / 'затем' that makes it another event."""
        out: list[Event] = []
        for ev in events:
            twin = next((e for e in out if self._retells(e, ev, sents)), None)
            if twin is None:
                out.append(ev)
                continue
            keep, drop = (ev, twin) if self._persons(ev) > self._persons(twin) else (twin, ev)
            for p in drop.participants:
                if p.entity not in {q.entity for q in keep.participants}:
                    keep.participants.append(p)
            if keep is ev:
                out[out.index(twin)] = ev
            for e in events:
                if e.parent == drop.id:
                    e.parent = keep.id
            if self._own.get(drop.id, (False, False))[0] and not self._own.get(keep.id, (False, False))[0]:
                keep.start, keep.end = drop.start, drop.end
                self._own[keep.id] = (True, self._own.get(keep.id, (False, False))[1])
        return out

    def _persons(self, ev: Event) -> int:
        return sum(1 for p in ev.participants if (e := self._table.entity(p.entity)) is not None and e.type == "PER")

    def _retells(self, a: Event, b: Event, sents) -> bool:
        if a.type != b.type or a.type not in {"MEETING", "CALL", "VISIT"} or a.status != b.status:
            return False
        pa = {p.entity for p in a.participants}
        pb = {p.entity for p in b.participants}
        people_a = {p.entity for p in a.participants if p.role == "participant"} & pa
        pers_a = {e for e in people_a if self._table.entity(e) and self._table.entity(e).type == "PER"}
        pers_b = {p.entity for p in b.participants if self._table.entity(p.entity)
                  and self._table.entity(p.entity).type == "PER"}
        if not pers_a or not pers_b or not (pers_a <= pers_b or pers_b <= pers_a) or not (pa & pb):
            return False
        if a.location != b.location or a.parent or b.parent or a.name or b.name or a.ordinal or b.ordinal:
            return False
        if self._own.get(a.id, (False, False))[0] or self._own.get(b.id, (False, False))[0]:
            return False
        later = {lemma(w) for w in re.findall(r"\w+", b.evidence.text)}
        return not (later & _NEW_EVENT_CUES)


    def _nest(self, made: list[Event], context: Event | None, events: list[Event]) -> None:
        by_type = {e.type: e for e in made}
        for ev in made:
            parent = None
            if ev.type == "SPEECH":
                parent = by_type.get("SESSION") or by_type.get("FORUM") or by_type.get("MEETING")
                if parent is not None and self._reported(ev, parent):
                    parent = None  # "в приветственном слове напомнил, что на саммите ...": what was told
            elif ev.type == "SESSION":
                parent = by_type.get("FORUM") or by_type.get("MEETING") or ea.containing(events, ev) \
                    or ea.latest_of(events, "FORUM") or ea.latest_of(events, "MEETING")
            if parent is None and ev.type not in BACKGROUND and context is not None:
                parent = context
            if parent is ev:
                parent = None
            ev.parent = parent.id if parent else None

    def _at_setting(self, made: list[Event], toks) -> None:
        """'в июле 2024 года на саммите в Астане Лаос получил статус партнера': what happens at a dated
        event told as its setting ('на саммите', 'на заседании') takes its date."""
        for ev in made:
            if ev.start or ev.end or ev.type not in BACKGROUND | {"SIGNING"}:
                continue
            mine = self._trig_of.get(ev.id)
            for other in made:
                where = self._trig_of.get(other.id)
                if other is ev or where is None or mine is None or where.start >= mine.start or where.start == 0:
                    continue
                means = ev.type == "SIGNING" and "ablt" in parses(toks[mine.start].text)[0].tag
                # ("учреждена 3 октября 2009 года подписанием соглашения": the signing was the founding's means)
                if (toks[where.start - 1].text.casefold() == "на" or means) and self._own.get(other.id, (False, False))[0]:
                    ev.start, ev.end = other.start, other.end
                    ev.location = ev.location or other.location
                    self._own[ev.id] = (True, self._own.get(ev.id, (False, False))[1])
                    break

    def _reported(self, speech: Event, other: Event) -> bool:
        """Whether `other` is told inside what the speech says ('..., что ...' after it) or is what the
        speech is about ('с докладом о подготовке к конференции')."""
        a, b = self._trig_of.get(speech.id), self._trig_of.get(other.id)
        toks = self._tokens
        return a is not None and b is not None and a.end <= b.start and \
            any(lemma(toks[k].text) == "что" or k == a.end and toks[k].text in {"о", "об"}
                for k in range(a.end, min(b.start, len(toks))))

    def _restates(self, ev: Event, source: Event) -> bool:
        """'Заседание прошло в Москве' after 'на заседании 23 мая': an undated event opening its sentence
        with the word that told `source`, placed where `source` is not."""
        own, src_own = self._own.get(ev.id, (False, False)), self._own.get(source.id, (False, False))
        trig = self._trig_of.get(ev.id)
        if trig is None or trig.start > 1 or own[0] or not own[1] or src_own[1] \
                or source.location is not None:
            return False

        def word(e):
            return lemma(e.trigger.split()[0]) if e.trigger else None

        return ev.type == source.type and ev.status == source.status and word(ev) == word(source)

    def _inherit(self, events: list[Event]) -> None:
        """Sub-events without a date or place of their own take their parent's, or the opening event's:
        the speech at a meeting happened when and where the meeting did. A planned event does not
        fall inside one that is over, and background facts keep to themselves."""
        by_id = {e.id: e for e in events}
        main = next((e for e in events if self._own.get(e.id, (False, False))[0] and e.type not in BACKGROUND), None)
        told = {e.id: k for k, e in enumerate(events)}
        # "Совет на заседании 23 мая одобрил ... Заседание прошло в Москве": the restatement's place
        for ev in events:
            source = by_id.get(ev.parent) if ev.parent else main
            if source is not None and source is not ev and self._restates(ev, source):
                source.location = ev.location
        for ev in parents_first(events):  # a speech told before its session takes what the session took
            own_date, own_place = self._own.get(ev.id, (False, False))
            if ev.type in BACKGROUND:
                # "Совет принял решение о предоставлении ... статуса наблюдателя": a status granted or a
                # body founded with no date of its own is decided at the event the text is about
                source = main or next((e for e in events if e.type not in BACKGROUND), None)
                if not ev.parent and source is not None and told[source.id] < told[ev.id]:
                    inherit_from(ev, source, own_date, own_place)
                continue
            source = by_id.get(ev.parent) if ev.parent else main
            if source is main and main is not None and told[main.id] > told[ev.id]:
                continue  # an event told before the dated one is not inside it
            if source is None or source is ev:
                continue
            inherit_from(ev, source, own_date, own_place,
                         take_place=not self._city_elsewhere(source) and not ea.ONLINE.search(ev.evidence.text))


    def _city_elsewhere(self, source: Event) -> bool:
        """A visit to a country whose cities the text names: what happens in its course took place in one
        of them, which the text would name, not in the country at large."""
        place = self._table.entity(source.location) if source.type == "VISIT" else None
        return place is not None and place.kind == "country" and any(
            e.type == "LOC" and e.kind == "city" and e.iso == place.iso for e in self._table.entities)


_ENDING = {"завершиться", "закончиться", "завершать", "завершаться"}


def evidence_for(sent: Sentence) -> Evidence:
    """The sentence, trimmed of Markdown emphasis and list marks at its edges."""
    text = sent.text
    left = len(text) - len(text.lstrip("*_#>- \t"))
    right = len(text.rstrip("*_ \t"))
    return Evidence(sent.start + left, sent.start + right, text[left:right])


def _validity(text: str, d: DateMention) -> bool:
    """'Программа ... на 2025–2027 годы': the years a document runs for, not when anything happened."""
    before = text[max(0, d.start - 11):d.start].casefold()  # (and "на период до 2030 года")
    years = (d.value_start or "").isdigit() and (d.value_end is None or (d.value_end or "").isdigit())
    return years and bool(re.search(r"\bна\s*$", before)) and d.value_end is not None or \
        d.kind == "until" and (d.value_end or "").isdigit() and bool(re.search(r"\bпериод\s*$", before))


def _another_body(trig, latest: Event, s_mentions: list[Mention]) -> bool:
    """An organization named right after the event noun that is not among the participants of the
    event told before: the noun is another body's event, not that one again."""
    known = {p.entity for p in latest.participants}
    follows = [m for m in s_mentions if m.type == "ORG" and 0 <= m.start - trig.char_end <= 2]
    return any(m.entity and m.entity not in known for m in follows)


def _quoted_by(sent: Sentence, m: Mention) -> bool:
    """'По словам Петрова, ...': the person a sentence is quoted from, not one who takes part."""
    return bool(re.search(r"(?:^|\W)по\s+(?:словам|мнению|данным)\s*$", sent.text[:m.start - sent.start].casefold()))


_QUOTE_OPEN = {"«", '"', "“", "„"}
_PREPARING = {"подготовка", "подготовить", "подготовиться", "готовиться", "готовить", "подготовительный"}
_SAME_DAY = [("в", "этот", "день"), ("в", "тот", "же", "день"), ("в", "тот", "день")]


# "ПЕКИН, 15 янв - ...", "Бишкек, 18 ноября 2025. /Кабар/.", "Астана, 22 апреля 2026 – Kazinform.": a city, a date
_DATELINE = re.compile(r"^\s*([A-ZА-ЯЁ][A-Za-zА-ЯЁа-яё\-]+(?: [A-ZА-ЯЁ][A-Za-zА-ЯЁа-яё\-]+)?),\s*\d{1,2}\s+[а-яё]+\.?"
                       r"(?:\s+\d{4}(?:\s*г(?:ода|\.)?)?)?\s*(?:[-–—./(]|$)")
_HABITUAL = [("раз", "в"), ("ежегодно",), ("каждый", "год"), ("регулярно",)]


def _habitual(toks, trig, lemmas) -> bool:
    """A 'который' clause after the event noun that says how often it is held."""
    k = next((i for i in range(trig.end, min(len(lemmas), trig.end + 12)) if lemmas[i] == "который"), None)
    if k is None:
        return False
    clause = lemmas[k:k + 10]
    return _has_phrase(clause, _HABITUAL)


def _same_day(lemmas: list[str]) -> bool:
    return _has_phrase(lemmas, _SAME_DAY)


def _has_phrase(words: list[str], phrases) -> bool:
    """Whether one of the phrases (tuples of lemmas) occurs anywhere in `words`."""
    return any(tuple(words[i:i + len(ph)]) == ph for ph in phrases for i in range(len(words)))


def _generic_frame(lemmas: list[str]) -> bool:
    """'По итогам мероприятия ...', 'В ходе мероприятия ...': a frame around the event told before."""
    for k in range(2, len(lemmas)):
        if lemmas[k] in GENERIC_EVENTS and tuple(lemmas[k - 2:k]) in CONTEXT_FRAMES:
            return True
    return False


def _headlines(text: str) -> list[tuple[int, int]]:
    """nlp.headline_spans, past leading lines without a letter ('...', '***') that a site puts first."""
    pos = 0
    for line in text.split("\n"):
        if any(c.isalpha() for c in line):
            break
        pos += len(line) + 1
    return [(s + pos, e + pos) for s, e in headline_spans(text[pos:])] if pos else headline_spans(text)


def _generic_subject(toks, lemmas) -> bool:
    """'Мероприятие состоится ...': a sentence whose subject is a generic event noun."""
    return any(lemmas[k] in GENERIC_EVENTS and "nomn" in parses(toks[k].text)[0].tag for k in range(min(2, len(toks))))


def _nearest(dates: list[DateMention], trig: Trigger, usable):
    """The usable date nearest a trigger (the first of equals). Dates in text order are searched
    around the trigger's position (bisect), so a sentence of n triggers and n dates costs n log n."""
    cands = [d for d in dates if usable(d) or d.relative]
    if not cands:
        return None
    if any(cands[k].start > cands[k + 1].start for k in range(len(cands) - 1)):
        return min(cands, key=lambda d: date_distance(d, trig))
    return _min_near(cands, [d.start for d in cands], trig.char_start, lambda d: date_distance(d, trig))


def date_distance(d: DateMention, trig) -> int:
    """Characters between a date and a trigger (anything with char_start and char_end)."""
    return min(abs(d.start - trig.char_end), abs(d.end - trig.char_start))


def inherit_from(ev: Event, source: Event, own_date: bool, own_place: bool, *, take_date: bool = True,
                 take_place: bool = True, inside_too=None) -> None:
    """What a sub-event (or an event told after the one the text is about) takes from `source`: its
    period when the event states no date, its place when the event states none and falls inside it,
    and `source` as its parent. Only when the statuses agree (or `source` is still going on): a
    planned event does not fall inside one that is over. Shared by the Russian and the English step;
    a language says when a date or a place may not be taken (`take_date`, `take_place`) and when an
    event with a date of its own outside the source's period is inside it all the same
    (`inside_too(ev, source)`)."""
    compatible = ev.status == source.status or source.status == "ongoing"
    if not own_date and compatible and ev.start is None and ev.end is None and take_date:
        ev.start = period_of(source)
    inside = not own_date or within(ev.start or ev.end, source.start or source.end, source.end)
    if own_date and not inside and inside_too is not None:
        inside = inside_too(ev, source)
    if not own_place and ev.location is None and inside and compatible and take_place and ev.type != "CALL":
        # (a call has no place: its sides are each at home)
        ev.location = source.location
    if ev.parent is None and ev.type not in BACKGROUND and compatible and inside:
        ev.parent = source.id


def parents_first(events: list[Event]) -> list[Event]:
    """The events ordered by how deep they nest (stable): a parent before what it holds."""
    by_id = {e.id: e for e in events}

    def depth(ev: Event) -> int:
        d, seen = 0, set()
        while ev.parent and ev.parent in by_id and ev.parent not in seen:
            seen.add(ev.parent)
            ev = by_id[ev.parent]
            d += 1
        return d

    return sorted(events, key=depth)


def period_of(ev: Event) -> str | None:
    """The period a sub-event falls in: its parent's day, or the month (or year) a longer parent spans."""
    if not ev.start:
        return None
    if not ev.end or ev.end == ev.start:
        return ev.start
    for n in (7, 4):
        if ev.start[:n] == ev.end[:n]:
            return ev.start[:n]
    return None


def within(value: str | None, start: str | None, end: str | None) -> bool:
    """Whether a partial date lies inside the period start..end (partial dates too)."""
    if not value or not start:
        return False
    lo, hi = date_bounds(value)
    return date_bounds(start)[0] <= lo and hi <= date_bounds(end or start)[1]


def _min_near(items: list, starts: list[int], pos: int, dist):
    """min(items, key=dist) for items sorted by start, none inside another, whose distance to `pos`
    grows away from it: only the few items around `pos` are compared (the first of equals wins)."""
    i = bisect.bisect_left(starts, pos)
    window = range(max(0, i - 2), min(len(items), i + 2))
    return items[min(window, key=lambda k: (dist(items[k]), k))]


def date_owners(dates: list[DateMention], triggers: list) -> dict[int, object]:
    """{id(date): the trigger nearest it} for the dates of a sentence: nearest_trigger for each date at
    once, in n log n (triggers sorted by position, found by bisect), for sentences of hundreds of
    triggers and dates."""
    if not triggers:
        return {}
    ordered = all(triggers[k].char_end <= triggers[k + 1].char_start for k in range(len(triggers) - 1))
    if not ordered:
        return {id(d): nearest_trigger(d, triggers) for d in dates}
    starts = [t.char_start for t in triggers]
    return {id(d): _min_near(triggers, starts, d.start, lambda t, d=d: date_distance(d, t)) for d in dates}


def nearest_trigger(d: DateMention, triggers: list):
    """The trigger of a sentence nearest a date (the first of equals), or None."""
    if not triggers:
        return None
    return min(triggers, key=lambda t: date_distance(d, t))


class _SentenceIndex:
    """What the status of every trigger of a sentence reads, found once per sentence: clause bounds
    (between semicolons and ', который'), where planned cues and phrases stand, the verbs with their
    tense. A sentence of n triggers then costs n log n, not n squared."""

    def __init__(self, toks, lemmas):
        n = len(toks)
        self.lo_of = [0] * (n + 1)
        for i in range(1, n + 1):
            self.lo_of[i] = i if toks[i - 1].text in {";", ":"} else self.lo_of[i - 1]
        self.hi_of = [n] * (n + 1)
        for h in range(n - 1, -1, -1):
            stop = toks[h].text == ";" or (toks[h].text == "," and h + 1 < n and lemmas[h + 1] in {"который", "где"})
            self.hi_of[h] = h if stop else self.hi_of[h + 1]
        self.planned: list[tuple[int, int]] = []
        for i, w in enumerate(lemmas):
            if w in PLANNED_CUES and not (w == "следующий" and parses(toks[i].text)[0].tag.number == "plur"):
                self.planned.append((i, i + 1))
            for ph in PLANNED_PHRASES:
                if tuple(lemmas[i:i + len(ph)]) == ph:
                    self.planned.append((i, i + len(ph)))
        self.planned.sort()
        self.preparing = [(i, i + 1) for i, w in enumerate(lemmas) if w in _PREPARING]
        self.verbs: list[tuple[int, str, bool]] = []
        for i, tok in enumerate(toks):
            if not tok.text[:1].isalpha():
                continue
            p = parses(tok.text)[0]
            aside = "1per" in p.tag and "," in [t.text for t in toks[i + 1:i + 2]]  # "Напомним, форум прошёл"
            if p.tag.POS == "VERB" and p.tag.tense and not aside:
                self.verbs.append((i, p.tag.tense, False))
            elif p.tag.POS in {"PRTF", "PRTS"} and "past" in p.tag and "perf" in p.tag:
                self.verbs.append((i, "past", True))
        self.verb_at = [v[0] for v in self.verbs]

    @staticmethod
    def any_span(spans: list[tuple[int, int]], lo: int, hi: int) -> bool:
        """Whether one of the (sorted) spans lies inside lo..hi."""
        k = bisect.bisect_left(spans, (lo, lo))
        while k < len(spans) and spans[k][0] < hi:
            if spans[k][1] <= hi:
                return True
            k += 1
        return False


def plover_code(ev: Event) -> Plover:
    """The PLOVER event code and mode of an event (resources/plover.json)."""
    if ev.status == "planned" and ev.type in {"VISIT", "MEETING", "CALL", "SIGNING"}:
        return Plover(**_PLOVER["planned"])
    p = _PLOVER["by_type"][ev.type]
    mode = p["mode"]
    if ev.type == "MEETING" and sum(1 for x in ev.participants) == 2:
        mode = _PLOVER["bilateral_mode"]
    return Plover(p["code"], mode)
