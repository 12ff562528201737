"""English events: triggers from resources/events_en.json, status from tense and modality checked
against the publication date, participants by clause, place after "in/at/to", sub-events, and the
same inheritance as the Russian step (a speech at a meeting happened when and where it did).

EnglishEvents is one step; its parts live beside it: triggers.py (scan, names, clauses),
references.py (events told before), arguments.py (place, participants), structure.py (nesting,
inheritance, series, dateline).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...model import Event, Mention, date_bounds
from ..dates import DateMention
from ..entities import EntityTable
from ..event_arguments import inside_any, period_told, series_key
from ..events import date_distance, evidence_for, plover_code, within
from ..nlp import Sentence, in_headline
from .arguments import EventArguments
from .lexicon import QUOTES, comma_segments, is_capitalized, lowered, tok_index
from .references import EventReferences
from .sentences import headline_lines
from .structure import EventStructure
from .triggers import (
    ADVERBS,
    BACKGROUND,
    EMBEDDING,
    ENDING,
    INCEPTION,
    NEW_MARKERS,
    ONGOING_VERBS,
    ORDINAL_NUM,
    ORDINAL_WORDS,
    PAST_IRREGULAR,
    PLANNED_PHRASES,
    PLANNED_WORDS,
    PREPS_PLACE,
    VALIDITY_PREPS,
    Trigger,
    TriggerRules,
    clause_marks,
    describing_clauses,
)


class EnglishEvents(TriggerRules, EventReferences, EventArguments, EventStructure):
    """Sentences → events, with status, dates, place, participants and sub-event structure.

    Its parts are mixins in the modules beside this one. They share the state __call__ sets for one
    document: text, table, published, role_spans, the events made so far, _own (whether each event
    states a date and a place of its own), _explicit_parent, _fresh, and the lead and dateline."""

    name = "events"

    def __call__(
        self,
        text: str,
        sents: list[Sentence],
        mentions: list[Mention],
        dates: list[DateMention],
        table: EntityTable,
        published: str | None,
        role_spans: list[tuple[int, int]],
    ) -> list[Event]:
        self.text = text
        self.table = table
        self.published = published
        self.role_spans = role_spans
        self.events: list[Event] = []
        self._own: dict[str, tuple[bool, bool]] = {}
        self._explicit_parent: set[str] = set()
        self._fresh: set[str] = set()
        self._n = 0
        headlines = headline_lines(text)
        self.lead, self.dateline, self.dateline_end = self._dateline(text, sents, mentions, headlines)
        last_person: str | None = None
        for sent in sents:
            if in_headline(sent, headlines):
                continue
            if sent.text.lstrip("*_ ").startswith(tuple(QUOTES)):
                continue  # direct speech reports no event of its own
            s_mentions = [m for m in mentions if sent.start <= m.start < sent.end]
            self._told = {m.entity for m in mentions if m.type == "PER" and m.entity and m.start < sent.end}
            self._sentence(sent, s_mentions, dates, last_person)
            persons = [m for m in s_mentions if m.type == "PER" and m.entity]
            if persons:
                last_person = persons[-1].entity
        self._same_day(self.events)
        self._inherit(self.events)
        self._series(self.events)
        self._persons_up(self.events)
        for ev in self.events:
            ev.plover = plover_code(ev)
        return self.events

    # -- one sentence -----------------------------------------------------------------------------------
    def _sentence(self, sent: Sentence, s_mentions: list[Mention], dates, last_person) -> None:
        toks = sent.tokens
        low = [lowered(t.text) for t in toks]
        self._org_toks = {
            k for m in s_mentions if m.type == "ORG" for k, t in enumerate(toks) if m.start <= t.start < m.end
        }
        self._per_toks = {
            k for m in s_mentions if m.type == "PER" for k, t in enumerate(toks) if m.start <= t.start < m.end
        }
        triggers = [t for t in self._triggers(toks, low) if self._free(t, toks, low, s_mentions)]
        clauses, relatives = clause_marks(toks, low)
        items = self._items(sent, toks, low, s_mentions)
        if not triggers:
            self._participation(sent, toks, low, items, None)
            return
        s_dates = [
            d
            for d in dates
            if sent.start <= d.start < sent.end
            and not self._validity(d)
            and not (self.dateline_end and sent.start <= d.start < self.dateline_end)
        ]
        for t in triggers:
            self._name_span(toks, low, t)
        describing_clauses(triggers, clauses, relatives)
        self._references(triggers, toks, low, s_dates)
        live = [t for t in triggers if t.ref is None and t.type != "_REF" and not self._implied(t, toks, low)]
        live = self._merge(live, clauses, toks, low)
        # "The visit will be the leader's first trip to China": the trip is the visit told before
        live = [t for t in live if not any(
            r.ref is not None and r.type == t.type and r.end <= t.start and clauses[r.start] == clauses[t.start]
            and (low[r.end:r.end + 1] in (["is"], ["was"], ["became"])
                 or low[r.end:r.end + 2] in (["will", "be"], ["would", "be"]))
            for r in triggers)]
        calls = [t for t in live if t.type == "CALL"]
        live = [
            t
            for t in live
            if not (
                t.type == "MEETING"
                and not is_capitalized(toks[t.start].text)
                and any(clauses[c.start] == clauses[t.start] and abs(c.start - t.start) <= 8 for c in calls)
            )
        ]
        context = next((t.ref for t in triggers if t.ref is not None and t.frame), None)
        owned = self._own_dates(live, s_dates, toks, clauses)
        made: list[Event] = []
        for t in live:
            ev = self._event(sent, toks, low, t, owned.get(id(t), []), clauses)
            t.event = ev
            made.append(ev)
        self._locations(sent, toks, low, live, s_mentions, clauses)
        self._participants(sent, toks, low, live, items, clauses, relatives, last_person)
        _during(toks, low, live, self._own)
        for t in live:
            ev = t.event
            if ev.type == "FORUM" and ev.status == "occurred" and ev.start and ev.end is None \
                    and _day_before(ev.start, self.published) and set(low[t.end:t.end + 6]) & INCEPTION:
                ev.status = "ongoing"  # "the Forum, which opened yesterday": it runs on the day of the text
            self._finish(ev)
        self._followed_by(sent, toks, low, live, items, s_dates, made)
        for r in (t for t in triggers if t.ref is not None):
            if not any(clauses[t.start] == clauses[r.start] for t in live):
                # "... was chaired by X, and attended by delegations of Y and Z": the clause joined on too
                own = {clauses[r.start]} | {clauses[k] for k in range(len(low) - 1)
                                            if low[k] in ("attended", "joined") and low[k + 1] == "by"}
                self._participation(sent, toks, low, [i for i in items if clauses[i.tok] in own], r)
                self._complete(r, toks, low, clauses, s_mentions, s_dates)
                break
            if self._signed_by_at(r, live, low, items):
                break
        embedded = {
            t.event.id
            for t in live
            if self._embedded(
                t, [x for x in live if clauses[x.start] == clauses[t.start]], low, EMBEDDING - {"of"}
            )
        }
        self._nest(made, context, embedded)
        self.events.extend(made)

    def _complete(self, r: Trigger, toks, low, clauses, s_mentions, s_dates) -> None:
        """'The signing took place in Geneva on 3 May': what a sentence about an event told before adds
        to it, where that event lacks it."""
        ev = r.ref
        if ev.location is None:
            for m in s_mentions:
                k = tok_index(toks, m.start)
                if m.type != "LOC" or k is None or k < 1 or clauses[k] != clauses[r.start] or not m.entity:
                    continue
                if k >= 2 and low[k - 2] in ("start", "starts", "begin", "begins", "end", "ends", "continue"):
                    break  # "his visit will start in Tashkent": the first stop of a tour, not its place
                if low[k - 1] in PREPS_PLACE and not inside_any(m, self.role_spans):
                    ev.location = m.entity
                    own_date, _ = self._own.get(ev.id, (False, False))
                    self._own[ev.id] = (own_date, True)
                    break
        if ev.start is None and ev.end is None:
            for d in s_dates:
                k = tok_index(toks, d.start)
                if k is not None and clauses[k] == clauses[r.start] and (d.value_start or d.value_end):
                    ev.start, ev.end = d.value_start, d.value_end
                    self._own[ev.id] = (True, self._own.get(ev.id, (False, False))[1])
                    break

    def _implied(self, t: Trigger, toks, low) -> bool:
        """'the agenda of the visit' with no visit told: an event the text takes for granted, not news."""
        if t.verb or t.name0 < t.start or t.start < 2 or low[t.start - 1] not in ("the", "this"):
            return False
        if low[t.start - 2] not in EMBEDDING or (
            t.end < len(low) and low[t.end] in ("of", "in", "on", "at")
        ):
            return False
        return t.type in ("VISIT", "MEETING", "FORUM", "SESSION") and not any(
            e.type == t.type for e in self.events
        )

    # -- one event --------------------------------------------------------------------------------------
    def _event(self, sent, toks, low, t: Trigger, owned: list[DateMention], clauses) -> Event:
        self._n += 1
        date = _best_date(owned, t)
        start = end = None
        if date is not None:
            start, end = period_told(date, any(w in ENDING for w in low[t.start : t.end + 6]))
            if end is None and start and date.kind != "since":
                until = next(
                    (d for d in owned if d.kind == "until" and d.value_end and d.value_end > start), None
                )
                if until is not None:
                    end = until.value_end  # "opened today and will run until 12 July"
        status, strong = self._status(toks, low, t, clauses)
        if (
            status == "occurred"
            and not strong
            and start
            and start == self.published
            and end is None
            and any(w in INCEPTION for w in low[t.start : t.end + 6])
        ):
            status = "ongoing"  # "The Forum opened in Samarkand today"
        if any(
            w in NEW_MARKERS and w not in ("following", "first") or ORDINAL_NUM.match(w)
            for w in low[max(0, t.name0 - 3) : t.start]
            if not (t.type == "SPEECH" and w == "inaugural")  # "the inaugural address": it opens the event
        ):
            self._fresh.add(f"e{self._n}")  # "the next meeting", "the 5th session": an event of its own
        if t.type not in BACKGROUND:
            status = _check_dates(status, start, end, self.published, strong)
        if (
            status == "ongoing"
            and start is None
            and end is None
            and self.published
            and len(self.published) == 10
            and _under_way(low)
        ):
            start = self.published  # "The Third Meeting ... is underway in Almaty": on the day of the text
        name, ordinal = self._name(toks, low, t)
        ev = Event(
            id=f"e{self._n}",
            type=t.type,
            status=status,
            evidence=evidence_for(sent),
            start=start,
            end=end,
            name=name,
            ordinal=ordinal,
            trigger=self.text[t.char_start : t.char_end],
        )
        if ordinal is not None and name:
            ev.series = series_key(name, str.casefold, _is_ordinal)
        self._own[ev.id] = (date is not None, False)
        return ev

    def _finish(self, ev: Event) -> None:
        own_date, _ = self._own[ev.id]
        self._own[ev.id] = (own_date, ev.location is not None)

    def _status(self, toks, low, t: Trigger, clauses) -> tuple[str, bool]:
        """Status from the verb nearest the trigger in its clause, and whether it is a finite past
        ('was held', 'met') rather than a participle that only describes ('the Forum, held in ...')."""
        cid = clauses[t.start]
        idx = [k for k in range(len(toks)) if clauses[k] == cid]
        lo, hi = idx[0], idx[-1] + 1
        if t.verb and t.start > 0 and (low[t.start - 1] == "to" or low[t.start - 2:t.start] == ["to", "be"]):
            return "planned", False  # "to sign", "are expected to be signed"
        best, best_dist, strong = None, 10**6, False
        for k in range(lo, hi):
            cue = self._cue(low, k, lo, hi)
            if cue is None:
                continue
            dist = abs(k - t.start) + (0.5 if k > t.start else 0)
            if cue == "planned-adj":
                if 0 < t.start - k <= 3:
                    return "planned", False
                continue
            if dist < best_dist:
                weak = (
                    cue == "past"
                    and low[k] not in ("was", "were", "had", "did", "has", "have")
                    and k > 0
                    and (low[k - 1] == "," or k - 1 == t.end - 1)
                )
                best, best_dist, strong = cue, dist, cue == "past" and not weak and low[k] not in INCEPTION
        status = {"planned": "planned", "ongoing": "ongoing", "past": "occurred"}.get(best or "", "occurred")
        return status, strong

    def _cue(self, low, k: int, lo: int, hi: int) -> str | None:
        w = low[k]
        nxt = low[k + 1] if k + 1 < hi else ""
        nxt2 = low[k + 2] if k + 2 < hi else ""
        if w in ("upcoming", "forthcoming", "next"):
            return "planned-adj"
        for ph in PLANNED_PHRASES:
            if tuple(low[k : k + len(ph)]) == ph:
                return "planned"
        if w in PLANNED_WORDS:
            if w == "plan" and nxt not in ("to",):
                return None
            if w == "due" and nxt != "to":
                return None
            if w == "would":
                return "planned"
            return "planned"
        for ph in ONGOING_VERBS:
            if tuple(low[k : k + len(ph)]) == ph:
                return "ongoing"
        if w in ("is", "are", "am"):
            j = k + 1
            while j < hi and low[j] in ADVERBS:
                j += 1
            following = low[j] if j < hi else ""
            if following in ("to", "expected", "scheduled", "due", "set", "planned", "going"):
                return "planned"
            if following == "being" or following.endswith("ing"):
                return "ongoing"
            if following.endswith("ed") or following in PAST_IRREGULAR:
                return "ongoing"  # "the meeting is chaired by"
            return "ongoing"
        if w in ("has", "have") and (
            nxt in ("been",) or nxt.endswith("ed") or nxt in PAST_IRREGULAR or nxt2.endswith("ed")
        ):
            return "past"
        if w in ("was", "were", "had", "did"):
            j = k + 1
            while j < hi and low[j] in ADVERBS:
                j += 1
            if j < hi and low[j] in ("to",):
                return "planned"
            return "past"
        if w in PAST_IRREGULAR and w not in ("been", "had", "was", "were", "did", "set", "put"):
            return "past"
        if w.endswith(("ed", "ised")) and k > lo and low[k - 1] == "," and nxt == "by":
            return None  # "..., followed by talks", "..., organised by the Agency": a participle, no tense
        if (
            re.match(r"^[a-z][a-z-]{2,}ed$", w)
            and k > lo
            and low[k - 1] not in ("a", "an", "the", "be", "been")
        ):
            if w in (
                "based",
                "related",
                "dedicated",
                "connected",
                "advanced",
                "limited",
                "united",
                "interested",
                "expected",
                "scheduled",
                "planned",
                "detailed",
                "needed",
                "proposed",
                "concerned",
            ):
                return None
            return "past"
        return None

    def _name(self, toks, low, t: Trigger) -> tuple[str | None, int | None]:
        ordinal = None
        for k in range(t.name0, t.start + 1):
            w = low[k] if k < len(low) else ""
            m = ORDINAL_NUM.match(w)
            if m:
                ordinal = int(m.group(1))
            elif w in ORDINAL_WORDS:
                ordinal = ORDINAL_WORDS[w]
        if t.start > 0 and ordinal is None:
            w = low[t.start - 1]
            m = ORDINAL_NUM.match(w)
            if m:
                ordinal = int(m.group(1))
            elif w in ORDINAL_WORDS:
                ordinal = ORDINAL_WORDS[w]
        proper = any(is_capitalized(toks[k].text) for k in range(t.name0, t.name1) if k > 0)
        if t.type in ("SPEECH", "SIGNING", "CALL", "VISIT", "FOUNDING", "ACCESSION"):
            return None, ordinal
        if not proper and ordinal is None:
            return None, None
        a = t.name0
        if ordinal is not None and a > 0 and (ORDINAL_NUM.match(low[a - 1]) or low[a - 1] in ORDINAL_WORDS):
            a -= 1
        name = " ".join(self.text[toks[a].start : toks[t.name1 - 1].end].split())
        return (name if len(name.split()) >= 2 else None), ordinal

    # -- dates (place and participants: arguments.py) -------------------------------------------------
    def _signed_by_at(self, r, live, low, items) -> bool:
        """'The document was signed by X and Y on the sidelines of the Forum': X and Y sign the document
        told before; the forum that frames the signing is not theirs."""
        if r.ref.type != "SIGNING" or "by" not in low[r.end:r.end + 2]:
            return False
        after = [t for t in live if t.start > r.end]
        if not after or len(after) != len(live):
            return False
        first = min(min(t.start, t.name1 > t.name0 and t.name0 or t.start) for t in after)
        if not any(w in _FRAMES for w in low[max(r.end, first - 4):first]):
            return False
        signers = [i for i in items if r.end < i.tok < first and not i.about]
        self._participation(None, None, low, signers, r)
        gone = {i.entity for i in signers}
        for t in after:
            t.event.participants = [p for p in t.event.participants if p.entity not in gone]
        return True

    def _validity(self, d: DateMention) -> bool:
        """'Roadmap ... for 2025–2027': the years a document runs for, not when anything happened."""
        before = self.text[max(0, d.start - 8) : d.start].casefold().split()
        values = [v for v in (d.value_start, d.value_end) if v]  # "until 2030" has no start
        years = bool(values) and all(v.isdigit() for v in values)
        lead = d.text.split()[0].casefold() if d.text.split() else ""
        return years and (bool(before) and before[-1] in VALIDITY_PREPS or lead in VALIDITY_PREPS)

    @staticmethod
    def _own_dates(
        live: list[Trigger], s_dates: list[DateMention], toks, clauses
    ) -> dict[int, list[DateMention]]:
        """Each date goes to the nearest trigger of its own clause (else the nearest at all)."""
        out: dict[int, list[DateMention]] = {}
        if not live:
            return out
        # the stretch between commas: "Since the establishment of the Agency in May 2023, the sides signed"
        segment = comma_segments(toks)
        for d in s_dates:
            k = tok_index(toks, d.start)
            same = [t for t in live if k is not None and clauses[t.start] == clauses[k]] or live
            if k is not None:
                same = [t for t in same if segment[t.start] == segment[k]] or same
            best = min(same, key=lambda t: min(date_distance(d, x) for x in [t, *t.extra])
                       + 8 * _and_between(toks, d, t))
            out.setdefault(id(best), []).append(d)
        return out


def _under_way(low: list[str]) -> bool:
    """'is underway', 'is under way', 'is being held', 'is taking place': happening on the day told."""
    text = " ".join(low)
    return any(p in text for p in ("underway", "under way", "being held", "taking place"))


def _best_date(owned: list[DateMention], t: Trigger) -> DateMention | None:
    """The nearest date, or a more precise one inside it ('in 2025 ... on March 11-13')."""
    cands = [d for d in owned if d.value_start or d.value_end or d.relative]
    if not cands:
        return None
    cands.sort(key=lambda d: min(date_distance(d, x) for x in [t, *t.extra]))
    best = cands[0]
    first = best.value_start or best.value_end
    if first and len(first) < 10:
        for d in cands[1:]:
            v = d.value_start or d.value_end
            if v and len(v) > len(first) and within(v, first, best.value_end):
                return d
    return best


def _check_dates(
    status: str, start: str | None, end: str | None, published: str | None, finished: bool = False
) -> str:
    """Tense is read relative to the text; the publication date, when known, settles it: an event
    whose days include the publication day is ongoing unless the text says it is over."""
    if not published or len(published) != 10 or not (start or end):
        return status
    lo = date_bounds(start or end)[0]
    hi = date_bounds(end or start)[1]
    if start and end and start != end and lo <= published <= hi and not finished:
        return "ongoing"
    if status in ("planned", "ongoing") and hi < published:
        return "occurred"
    if status in ("occurred", "ongoing") and lo > published and not finished:
        return "planned"
    return status


def _is_ordinal(word: str) -> bool:
    return bool(ORDINAL_NUM.match(word.casefold())) or word.casefold() in ORDINAL_WORDS


def _during(toks, low, live, own) -> None:
    """'the Treaty, signed in Astana in June 2025 during the second Summit': the event told as the
    setting of a dated one ('during the', 'on the sidelines of the') happened then and there."""
    for t in live:
        ev = t.event
        lead = low[max(0, t.name0 - 2) : t.name0] if t.name0 else []
        sidelines = lead == ["of", "the"] and "sidelines" in low[max(0, t.name0 - 4) : t.name0]
        if ev.start or ev.end or not (lead == ["during", "the"] or sidelines):
            continue
        dated = [x for x in live if x.start < t.start and x.event.start and own.get(x.event.id, (False, False))[0]]
        if dated:
            src = dated[-1].event
            ev.start, ev.end = src.start, src.end
            if src.location:
                ev.location = src.location
            own[ev.id] = (True, own.get(ev.id, (False, False))[1] or bool(src.location))


_FRAMES = {"sidelines", "margins", "during", "at"}


def _day_before(start: str, published: str | None) -> bool:
    """`start` is the day before the publication day: a forum of several days that opened yesterday."""
    if not published or len(published) != 10 or len(start) != 10:
        return False
    return date.fromisoformat(start) == date.fromisoformat(published) - timedelta(days=1)


def _and_between(toks, d: DateMention, t) -> bool:
    """'... in Bishkek in the second half of this year and to consider establishing ...': a date before
    an 'and' that opens the next part of the sentence belongs to the part before it."""
    return d.end <= t.char_start and any(x.text == "and" and d.end <= x.start < t.char_start for x in toks)
