"""Events in the region's other languages (Kazakh, Kyrgyz, Uzbek in both scripts, Tajik, Belarusian,
Serbian in both scripts, Chinese), from the trigger lexicons of resources/events_regional.json.

One pass per sentence:
  1. triggers: phrases of word stems matched as prefixes of consecutive words (the case and tense
     endings of these languages follow the stem), or substrings in Chinese; a trigger inside the
     name of an organization ("... meeting committee") is no trigger; one event per type a sentence;
  2. a trigger framed as a reference ("in the course of the meeting", "the said conference") to an
     event of its type already told is no new event;
  3. status: in the head-final languages (Turkic, Tajik) the first verb after the trigger carries
     tense and aspect (-di past, -moqda ongoing, future forms planned), with an auxiliary after it
     (жатыр, истода) making it ongoing; elsewhere cue words of the sentence (будзе, će, 将, 正在);
     a date after the publication date makes it planned;
  4. arguments: the date nearest the trigger in the sentence, a city named in it (a country for a
     visit), the persons and bodies of the sentence (and states, when the sentence lists several).
Speeches, sessions and signings that state no place or date take them from the event they happen
inside (events.inherit_from); a headline that a later sentence repeats gives one event, the later.

The shared logic is the Russian step's: evidence trimming, inheritance, PLOVER codes.
"""

from __future__ import annotations

import functools
import re

from ..model import Entity, Event, Mention, Participant, date_bounds
from . import regional_cases, regional_coref, regional_event_passes
from .dates import DateMention
from .events import date_distance, inherit_from, plover_code
from .gazetteer import normalize_key
from .regional_orgs import lexicon as _org_lang
from .regional_orgs import title_forms, zh_breaks, zh_verbs
from .regional_persons import WORD_TOKEN
from .regional_sentences import evidence_of, sentences
from .resources import load_json

_LEX = load_json("events_regional.json")
_DOCUMENTS = load_json("agreements_regional.json")
LANGUAGES = tuple(k for k in _LEX if not k.startswith("_"))
CONTAINERS = ("FORUM", "MEETING", "VISIT")  # what speeches, sessions and signings happen inside
SUB_EVENTS = {"SPEECH", "SESSION", "SIGNING"}
NAMED = {"MEETING", "FORUM", "SESSION"}  # the types whose events carry official names
LASTING = {"FORUM", "SESSION", "VISIT"}  # events that last: one opened or arrived at goes on
_ADOPTED_REACH = 6  # words back from "was adopted" to the document word
_ZH_ANNIVERSARY = re.compile(r"\s*(?:[0-9０-９一二三四五六七八九十百]+\s*(?:周年|年来|年以来|多年)|以来|周年)")
_ORDINAL = re.compile(r"\d|\b[IVXLC]+\b")
_PAST_REACH = 4  # words around a trigger where a past verb settles its status in the cue-word languages
_WORD_WINDOW = 12  # words after a trigger where a head-final language puts the verb of its clause


def supports(lang: str | None) -> bool:
    return lang in LANGUAGES


class Cue:
    """A cue word: a prefix ("жоспар"), a whole word ("=болады") or an ending ("-моқда"); a phrase of
    several words matches consecutive words."""

    def __init__(self, spec: str) -> None:
        self.words = []
        for w in spec.split():
            if w == "~":
                self.words.append(("~", ""))
            elif w.startswith("="):
                self.words.append(("=", normalize_key(w[1:])))
            elif w.startswith("-") and len(w) > 1:
                self.words.append(("-", normalize_key(w[1:])))
            else:
                self.words.append(("^", normalize_key(w)))

    def match(self, keys: list[str], i: int) -> bool:
        return self.length(keys, i) > 0

    def length(self, keys: list[str], i: int, k: int = 0) -> int:
        """How many words from i the phrase matches (0: none); a "~" in it skips up to four words
        ("адкрыцц ~ цэнтр": 'the opening of the Belarusian-Vietnamese centre')."""
        if k == len(self.words):
            return 1 if k else 0  # the words matched are counted by the callers above
        how, w = self.words[k]
        if how == "~":
            for skip in range(5):
                n = self.length(keys, i + skip, k + 1) if i + skip <= len(keys) else 0
                if n:
                    return n + skip - (1 if k + 1 == len(self.words) else 0)
            return 0
        if i >= len(keys):
            return 0
        key = keys[i]
        ok = key == w if how == "=" else key.endswith(w) and len(key) > len(w) + 1 if how == "-" else key.startswith(w)
        if not ok:
            return 0
        if k + 1 == len(self.words):
            return 1
        n = self.length(keys, i + 1, k + 1)
        return n + 1 if n else 0


class _Lang:
    def __init__(self, code: str, lex: dict) -> None:
        self.code = code
        self.order = lex.get("order", "head_first")
        self.chinese = self.order == "chinese"
        self.triggers: list[tuple[str, str, Cue]] = []
        for type_, phrases in lex["triggers"].items():
            for ph in phrases:
                self.triggers.append((type_, ph, Cue(ph)))
        # longest first: more words, then more letters
        self.triggers.sort(key=lambda t: (-len(t[2].words), -len(t[1])))
        self.context = [Cue(w) for w in lex.get("context", [])]
        self.context_before = bool(lex.get("context_before"))
        self.genitive = tuple(normalize_key(w) for w in regional_cases.endings(code, "genitive"))
        self.until = {normalize_key(w) for w in lex.get("until", [])}
        self.until_suffix = tuple(normalize_key(w) for w in lex.get("until_suffix", []))
        self.the_document = {normalize_key(w) for w in lex.get("the_document", [])}
        self.event_word = tuple(normalize_key(w) for w in lex.get("event_word", []))
        self.weak_planned = {normalize_key(w) for w in lex.get("weak_planned", [])}
        self._ordinal = re.compile(lex["ordinal"]) if lex.get("ordinal") else None
        self.not_triggers = tuple(normalize_key(w) for w in lex.get("not_triggers", []))
        self.took_part = tuple(normalize_key(w) for w in lex.get("took_part", []) if not w.startswith("="))
        self.took_part_words = {normalize_key(w[1:]) for w in lex.get("took_part", []) if w.startswith("=")}
        st = lex.get("status", {})
        self.status = {k: [Cue(w) for w in st.get(k, [])] for k in ("ongoing", "planned", "past")}
        self.status_raw = {k: list(st.get(k, [])) for k in ("ongoing", "planned", "past")}
        self.begun = [Cue(w) for w in st.get("begun", [])]
        self.going_on = [Cue(w) for w in st.get("going_on", [])]
        self.not_status = [Cue(w) for w in st.get("not", [])]
        self.not_status_raw = [w for w in st.get("not", []) if not w.startswith(("=", "-"))]
        aux = lex.get("aux", {})
        self.aux = {k: [Cue(w) for w in aux.get(k, [])] for k in ("ongoing", "planned")}
        self.context_raw = list(lex.get("context", []))
        self.word_prefixes = tuple(lex.get("word_prefixes", []))
        self.purpose = {normalize_key(w) for w in lex.get("purpose", [])}
        self.adopt = set(lex.get("adopt", []))
        # head-final: a word right after a trigger of a type told that makes it the purpose of another
        # act, no event again ("ташрифга тайёргарлик", preparing the visit told)
        self.purpose_after = tuple(normalize_key(w) for w in lex.get("purpose_after", []))
        self.adopt_reach = int(lex.get("adopt_reach", 1))  # words back to the document word
        self.adopted = set(lex.get("adopted", []))
        joiners = lex.get("clause_joiners") or []
        then = "|".join(map(re.escape, lex.get("clause_then") or []))  # "..., а потом": the same time goes on
        self.clause_joiners = re.compile(rf",\s+(?:{'|'.join(map(re.escape, joiners))})\s"
                                         + (rf"(?!\s*(?:{then})(?!\w))" if then else "")) if joiners else None
        self.preparing = tuple(normalize_key(w) for w in lex.get("preparing", []))
        self.adopting = set(lex.get("adopting", []))

    def ordinal(self, words: list[str]) -> bool:
        """Whether one of the words is an ordinal numeral written out ("үшінші", "панҷуми"): a numbered event."""
        return self._ordinal is not None and any(self._ordinal.fullmatch(w.casefold()) for w in words)


@functools.cache
def _lang(code: str) -> _Lang:
    return _Lang(code, _LEX[code])


@functools.cache
def _document_words(code: str) -> tuple[str, ...]:
    """The last word of each document noun of the language ("карта" of "жол карта")."""
    heads = _DOCUMENTS.get(code, {}).get("heads", []) if code in _DOCUMENTS else []
    return tuple(normalize_key(h[0]).split()[-1] for h in heads) or ("\0",)


_END = tuple(".!?…。！？")


def _headline(text: str, s: int, e: int) -> bool:
    """A title line: among the first lines (blank ones aside), ending without a full stop, a line break after it."""
    body = text[s:e].rstrip()
    return (sum(1 for line in text[:s].split("\n") if line.strip()) <= 2 and not body.endswith(_END) and e < len(text)
            and text[e:e + 2].lstrip(" \t")[:1] in {"\n", ""})


class _Trig:
    __slots__ = ("type", "char_start", "char_end", "i", "j", "phrase")

    def __init__(self, type_, char_start, char_end, i, j, phrase) -> None:
        self.type, self.char_start, self.char_end, self.i, self.j, self.phrase = type_, char_start, char_end, i, j, phrase


class RegionalEvents:
    """Events of one language: a plain object, built once, holding no per-document state."""

    def __init__(self, language: str) -> None:
        self.language, self._text = language, ""
        self.lx = _lang(language)

    def __call__(self, text: str, mentions: list[Mention], entities: list[Entity], dates: list[DateMention],
                 published: str | None, documents: set[int] = frozenset(),
                 named: set[int] | None = None) -> list[Event]:
        """`documents`: where a document is first named (regional_agreements.first_heads); a signing
        in that sentence signs a new document, not one told before. `named`: where any document is
        named; a verb of adopting ('кабыл алынды') signs only in a sentence that names one (when given)."""
        by_id, self._text = {e.id: e for e in entities}, text
        orgs = [(m.start, m.end) for m in mentions if m.type == "ORG"]
        events: list[Event] = []
        own: dict[str, tuple[bool, bool]] = {}
        refs: dict[str, str] = {}  # a sub-event -> the type of the event its sentence refers to
        heads: set[str] = set()
        preparing: set[str] = set()  # planned events told only as what is prepared for
        for s, e in sentences(text):
            raw = text[s:e]
            ev_span = evidence_of(text, s, e)
            body = ev_span.text
            toks = [(m.start() + s, m.end() + s, normalize_key(m.group())) for m in WORD_TOKEN.finditer(raw)]
            keys = [t[2] for t in toks]
            trigs = self._zh_triggers(text, s, e) if self.lx.chinese else self._triggers(toks, keys)
            if body.endswith(("?", "？")):
                trigs = []  # a journalist's question tells no event: "……论坛成功开幕,可否介绍……?"
            if named is not None:  # "Чакыруу ыраазычылык менен кабыл алынды": an invitation accepted, nothing signed
                trigs = [t for t in trigs if t.phrase not in self.lx.adopting or any(s <= d < e for d in named)]
            trigs = [t for t in trigs if not any(a <= t.char_start and t.char_end <= b for a, b in orgs)
                     and not (t.i > 0 and not self.lx.chinese and keys[t.i - 1] in self.lx.purpose)
                     and not (self.lx.purpose_after and t.j < len(keys) and keys[t.j].startswith(self.lx.purpose_after)
                              and any(ev.type == t.type and ev.status != "occurred" for ev in events)
                              and not (t.type in NAMED and self._name(text, toks, t, s, e)))]  # «…» uchinchi sammitga
            trigs = [t for t in (self._adoption(t, keys) for t in trigs) if t is not None]
            calls = [t for t in trigs if t.type == "CALL"]
            trigs = [t for t in trigs if t.type != "MEETING" or not any(abs(c.i - t.i) <= 4 for c in calls)]
            headline = _headline(text, s, e)
            if not trigs and self.lx.event_word and any(k.startswith(self.lx.event_word) for k in keys) \
                    and self._took_part(text, keys, s, e):  # "іс-шараға ... қатысуда": those taking part in
                last = next((ev for ev in reversed(events) if ev.type in ("MEETING", "FORUM")), None)  # the last gathering
                if last is not None:
                    regional_coref.join(last.type, [last], mentions, s, e, text, by_id, self.language)
            told = [ev for ev in events if ev.id not in heads]
            seen: dict[str, str] = {}  # the types of the sentence's events, with the first one's status
            referred: list[str] = []
            made: list[Event] = []
            for trig in trigs:
                if trig.type in seen and (seen[trig.type] == "occurred" or trig.type not in {"MEETING", "FORUM"}
                                          or self._status(text, toks, keys, trig, s, e) != "occurred"):
                    continue  # one event of a type a sentence, unless a gathering done follows one to come
                s_all = [d for d in dates if s <= d.start and d.end <= e and d.value_start and not _term(d)]
                s_dates = _specific([d for d in s_all if not self._until(text, d)])
                s_mentions = [m for m in mentions if s <= m.start and m.end <= e]
                new_doc = trig.type == "SIGNING" and any(s <= d < e for d in documents)
                if not new_doc and self._goes_on(text, trig, told, s_all, published):
                    continue
                # a planned one is new unless one of its type told is planned too ("the next session will be
                # held ..." after a session over or going on)
                ahead = self._status(text, toks, keys, trig, s, e) == "planned" \
                    and not any(ev.type == trig.type and ev.status == "planned" for ev in told)
                if not new_doc and (self._reference(text, toks, keys, trig, told, s)
                                    or (not ahead and not (set(referred) & set(CONTAINERS) - {trig.type}
                                                             or trig.type == "MEETING" and set(seen) & {"VISIT", "FORUM"})
                                        and self._repeat(trig, told, s_dates, s_mentions,
                                                         not self._took_part(text, keys, s, e)))):  # not "within the visit, X met Y"
                    referred.append(trig.type)
                    if trig.type == "SIGNING" and self.lx.the_document & set(keys[:trig.i]):
                        regional_coref.join("SIGNING", told, mentions, s, e)  # the document's signatories
                    status = self._status(text, toks, keys, trig, s, e)
                    again = next((ev for ev in reversed(told) if ev.type == trig.type and ev.status == status),
                                 next((ev for ev in reversed(told) if ev.type == trig.type), None))
                    if again is not None and again.location is None and not self._reference(text, toks, keys, trig, told, s):
                        again.location = self._location(trig, s_mentions, by_id)  # told again, with its place
                    prepared = next((ev for ev in told if ev.id in preparing and ev.type == trig.type), None)
                    if prepared is not None and not self._preparing(keys, trig) and status == "planned":
                        prepared.evidence = ev_span  # "the summit prepared for ...", then "the summit is held
                        preparing.discard(prepared.id)  # tomorrow": the sentence that tells it
                    continue
                second = trig.type in seen
                seen.setdefault(trig.type, self._status(text, toks, keys, trig, s, e))
                ev = self._event(text, toks, keys, trig, ev_span, s, e, [] if second else s_dates, s_mentions, by_id,
                                 published, len(events) + 1)
                if second:  # the sentence's date and place are the first one's
                    ev.location = None
                else:
                    _end_until(ev, [d for d in s_all if d not in s_dates], published)
                own[ev.id] = (True, True) if second else (bool(s_dates), ev.location is not None)
                if ev.status == "planned" and self._preparing(keys, trig):
                    preparing.add(ev.id)
                events.append(ev)
                made.append(ev)
                if headline:
                    heads.add(ev.id)
            if referred and all(ev.type == "CALL" for ev in made) and self._took_part(text, keys, s, e):
                # "... took part (one of them by videoconference)": in the event told, no call of its own
                events = [ev for ev in events if ev not in made]
                made = []
                regional_coref.join(referred[0], told, mentions, s, e, text, by_id, self.language)
            elif referred and self.lx.chinese and self._took_part(text, keys, s, e):
                regional_coref.join(referred[0], told, mentions, s, e)  # "李乐成出席会议并致辞": in the meeting told too
            for ev in made:  # "as a result of the talks, ... was signed": inside the talks; a meeting
                # "on the sidelines of the conference": inside the conference
                container = next((t for t in referred if t in CONTAINERS and t != ev.type), None)
                if container and (ev.type in SUB_EVENTS or ev.type in CONTAINERS):
                    refs[ev.id] = container
        # a headline's event that the body tells again is the body's
        events = [ev for ev in events if ev.id not in heads
                  or not any(o.type == ev.type and o.id not in heads for o in events)]
        events = _drop_repeats(events)
        regional_event_passes.dateline_city(text, events, mentions, by_id, own)
        regional_event_passes.inside_visit(events, own)
        regional_event_passes.lasting(text, events)
        regional_event_passes.same_day(self.language, events, own)
        self._inherit(events, own, refs)
        regional_event_passes.titled_to_the_one_meeting(events, entities)
        regional_coref.visitor_in_meetings(events, by_id)
        for ev in events:
            ev.plover = plover_code(ev)
            if ev.type == "CALL":  # a call has no place: its sides are each at home (a dateline's city is the desk's)
                ev.location = None
        return events

    # -- triggers ----------------------------------------------------------------------------

    def _triggers(self, toks, keys) -> list[_Trig]:
        out, i = [], 0
        while i < len(keys):
            hit = next((t for t in self.lx.triggers if t[2].match(keys, i)), None)
            if hit is None or any(all(i + k < len(keys) and keys[i + k].startswith(w) for k, w in enumerate(nt.split()))
                                  for nt in self.lx.not_triggers):
                i += 1
                continue
            n = hit[2].length(keys, i)
            out.append(_Trig(hit[0], toks[i][0], toks[i + n - 1][1], i, i + n, hit[1]))
            i += n
        return out

    def _adoption(self, trig: _Trig, keys: list[str]) -> _Trig | None:
        """"жол картасын қабылдап", "dasturni qabul qildi": a verb of receiving right after a document
        word adopts the document, a SIGNING (head-final languages: the 'adopt' phrases); a passive
        "was adopted" ('adopted' phrases) with no document word before it adopts nothing ("Чакыруу …
        кабыл алынды": the invitation was accepted): no event."""
        if trig.type == "SIGNING" and trig.phrase in self.lx.adopted:
            reach = max(self.lx.adopt_reach, _ADOPTED_REACH)
            if not any(k.startswith(_document_words(self.language)) for k in keys[max(0, trig.i - reach):trig.i]):
                return None
            return trig
        if trig.type != "MEETING" or trig.phrase not in self.lx.adopt or trig.i == 0:
            return trig
        docs = _document_words(self.language)  # Tajik: the document's name, head first, before the verb
        if not any(k.startswith(docs) for k in keys[max(0, trig.i - self.lx.adopt_reach):trig.i]):
            return trig
        return _Trig("SIGNING", trig.char_start, trig.char_end, trig.i, trig.j, trig.phrase)

    def _zh_triggers(self, text: str, s: int, e: int) -> list[_Trig]:
        """Trigger words that end where a word of jieba's segmentation ends: "会议" and "峰会" of
        "上合峰会" are meetings, "会议室" (a meeting room), "访问量" (visits counted) and
        "人民大会堂" (a building) are not."""
        words = chinese_words(text[s:e], s)
        ends = None
        if words is not None:
            ends = {end for _, end, _ in words}
            for start, end, w in words:
                if w[:1] in self.lx.word_prefixes:  # "在讲话中": a function character joined to a word
                    ends.update(range(start + 2, end + 1))
        out, i = [], s
        while i < e:
            hit = next((t for t in self.lx.triggers if text.startswith(t[1], i)
                        and (ends is None or i + len(t[1]) in ends)), None)
            if hit is not None and text.startswith(self.lx.not_triggers, i):
                i += len(hit[1])  # "落实两国元首会晤共识": a meeting's consensus, no meeting told
                continue
            if hit is None:
                i += 1
                continue
            if hit[0] == "FOUNDING" and _ZH_ANNIVERSARY.match(text, i + len(hit[1])):
                i += len(hit[1])  # "成立25周年", "成立以来": an anniversary, no founding told
                continue
            if hit[0] == "SESSION" and hit[1].endswith("幕式") and out and out[-1].type == "FORUM" \
                    and not text[out[-1].char_end:i].strip("”」\"》 "):
                i += len(hit[1])  # "……论坛”开幕式": the forum's own opening, no session of its own
                continue
            out.append(_Trig(hit[0], i, i + len(hit[1]), i, i + len(hit[1]), hit[1]))
            i += len(hit[1])
        return out

    @staticmethod
    def _repeat(trig: _Trig, told: list[Event], s_dates, s_mentions, new_people: bool = False) -> bool:
        """A trigger of a type already told, in a sentence with no date of its own, speaks of that
        event again ("the meeting also discussed ..."); a speech by someone else, or a signing by
        other parties, is a new one."""
        same = [ev for ev in told if ev.type == trig.type]
        if not same or s_dates:
            return False
        if trig.type in {"SPEECH", "SIGNING"}:
            known = {p.entity for ev in same for p in ev.participants}
            if any(m.type in {"PER", "ORG"} and m.entity and m.entity not in known for m in s_mentions):
                return False
        if trig.type == "MEETING" and new_people:  # "会前，X会见了Y": a counterpart no meeting told has
            known = {p.entity for ev in same for p in ev.participants}
            if sum(m.type == "PER" and m.entity not in known for m in s_mentions) and \
                    any(m.type == "PER" and m.entity in known for m in s_mentions):
                return False
        return True

    def _took_part(self, text: str, keys: list[str], s: int, e: int) -> bool:
        if self.lx.chinese:
            return any(w in text[s:e] for w in self.lx.took_part)
        return any((self.lx.took_part and k.startswith(self.lx.took_part)) or k in self.lx.took_part_words for k in keys)

    def _goes_on(self, text: str, trig: _Trig, told: list[Event], s_dates, published: str | None) -> bool:
        """"The conference continues until 7 June": a sentence dated only by 'until' a day, with a trigger
        of a type already told, gives that event its end (when it has none) and no new event."""
        same = [ev for ev in told if ev.type == trig.type and ev.start]
        if not self.lx.until or not same or not s_dates:
            return False
        if any(d.value_end or len(d.value_start or "") != 10 or not self._until(text, d) for d in s_dates):
            return False  # only a day: "until 2030" is a deadline, not how long a meeting lasts
        ev, end = same[-1], s_dates[0].value_start
        if ev.end is None and end > ev.start:
            ev.end = end
            if published and ev.status == "occurred" and date_bounds(ev.start)[0] <= published < date_bounds(end)[0]:
                ev.status = "ongoing"  # begun on or before the day told, going on after it
        return True

    def _until(self, text: str, d: DateMention) -> bool:
        """Whether an 'until' word stands right before or after the date ("то 7 июн", "2030-жылга чейин")."""
        before = normalize_key(text[max(0, d.start - 12):d.start]).split()[-1:]
        after = normalize_key(text[d.end:d.end + 12]).split()[:1]
        own = normalize_key(d.text).split()[-1:]  # "2 oktyabrgacha": 'until' as the date's own ending
        return bool((set(before) | set(after)) & self.lx.until) \
            or bool(self.lx.until_suffix and own and own[0].endswith(self.lx.until_suffix))

    def _reference(self, text, toks, keys, trig: _Trig, events: list[Event], s: int) -> bool:
        """A trigger framed as a reference ("during the meeting", "the said forum") to an event of its
        type already told."""
        if not any(ev.type == trig.type or (trig.type == "MEETING" and ev.type == "CALL") for ev in events):
            return False  # talks held by video are the call told: "视频会谈 … 会谈期间"
        if self.lx.chinese:
            near = text[max(s, trig.char_start - 4):trig.char_end + 4]
            return any(w in near for w in self.lx.context_raw)
        # the frame word follows the trigger in the head-final languages ("uchrashuv davomida") and
        # precedes it in the others ("падчас сустрэчы", "дар доираи конфронси"); a demonstrative
        # ("the said", "this") stands before it everywhere
        if self.lx.genitive and keys[trig.j - 1].endswith(self.lx.genitive):
            return True  # "форумнинг ... сессиясида": the forum told before, as the possessor
        if trig.type == "SIGNING" and self.lx.the_document & set(keys[:trig.i]):
            return True  # "Ҳужжатни ... имзолади": the document told before, signed by the persons named
        idx = [trig.i - 1, trig.i - 2] + ([] if self.lx.context_before else [trig.j])
        return any(0 <= k < len(keys) and any(c.match(keys, k) for c in self.lx.context) for k in idx)

    # -- one event ---------------------------------------------------------------------------

    def _event(self, text, toks, keys, trig, ev_span, s, e, s_dates, s_mentions, by_id, published, n) -> Event:
        status = self._status(text, toks, keys, trig, s, e)
        cs, ce = self._own_clause(text, trig, s, e)  # "osnovan je 2019. godine, a ... sednica održana je u Beogradu"
        s_dates = [d for d in s_dates if cs <= d.start < ce]
        date = min(s_dates, key=lambda d: date_distance(d, trig)) if s_dates else None
        start = end = None
        if date is not None:
            start, end = date.value_start, date.value_end
            if published and status == "occurred" and date_bounds(start)[0] > published:
                status = "planned"
            elif published and status == "planned" and date.relative and date_bounds(end or start)[1] < published:
                status = "occurred"  # "Кечээ ... форумунда сөз сүйлөп, ... чакырды": yesterday's, an invitation in it
            elif published and status == "occurred" and end and date_bounds(start)[0] <= published < date_bounds(end)[0]:
                status = "ongoing"  # "a visit on 13–15 April", told on the 14th
        ev = Event(id=f"e{n}", type=trig.type, status=status, evidence=ev_span, start=start, end=end,
                   trigger=text[trig.char_start:trig.char_end])
        if trig.type in NAMED and not any(cue.match(keys, trig.i) for cue in self.lx.status["past"]):
            ev.name = self._name(text, toks, trig, s, e)  # a noun's name, not a verb's subject
            if ev.name and any(m.type == "PER" and m.text in ev.name for m in s_mentions):
                ev.name = None
        ev.location = self._location(trig, [m for m in s_mentions if cs <= m.start < ce], by_id)
        ev.participants = self._participants(s_mentions, by_id, ev.location, trig.type, text)
        return ev

    def _own_clause(self, text: str, trig, s: int, e: int) -> tuple[int, int]:
        """The span of the coordinate clause a trigger stands in, where a sentence joins two with a comma
        and 'and/but' ('..., a ...', '..., але ...'); the whole sentence elsewhere."""
        if not self.lx.clause_joiners:
            return s, e
        cs, ce = s, e
        for m in self.lx.clause_joiners.finditer(text, s, e):
            if m.end() <= trig.char_start:
                cs = m.end()
            elif m.start() >= trig.char_end:
                ce = min(ce, m.start())
        return cs, ce

    def _name(self, text, toks, trig, s, e) -> str | None:
        """An official name: the words that name the event with its head noun ("«…» форматындағы
        … бесінші кездесуі", "… Кеңешинин 11-жыйыны", "…第十八次会议", a capitalized "Конфронси …"),
        only when they hold a quote, an ordinal or a capitalized word — generic descriptors get none."""
        if self.lx.chinese:
            j = trig.char_start
            breaks = zh_breaks()
            while j > s and trig.char_start - j < 40 and (text[j - 1] not in breaks or text[j - 1] == "）"
                                                            and "（" in text[max(s, j - 6):j - 2]):
                j = text.rfind("（", s, j) if text[j - 1] == "）" else j - 1  # "政府首脑（总理）理事会"
            for v in zh_verbs():
                k = text.rfind(v, j, trig.char_start)
                if k >= 0:
                    j = max(j, k + len(v))
            name = text[j:trig.char_end]
            return name if trig.char_start - j >= 4 else None
        if self.lx.order == "head_final" and _org_lang(self.language).order == "head_final":
            return self._name_before(text, toks, trig, s)  # (a Tajik noun phrase is head first: ezafe)
        return self._name_after(text, toks, trig, s, e)

    def _name_before(self, text, toks, trig, s) -> str | None:
        ox = _org_lang(self.language) if self.language in ("kk", "ky", "uz") else None
        if ox is None or trig.j - trig.i != 1:
            return None
        j = trig.i
        while j > 0 and trig.i - j < 9:
            gap = text[toks[j - 1][1]:toks[j][0]]
            if "»" in gap or "”" in gap:
                q = text.rfind("«" if "»" in gap else "“", s, toks[j][0])
                if q < 0:
                    break
                k = next((x for x in range(j) if toks[x][0] >= q), j)
                j = k
                if j > 0 and re.search(r"\S", text[toks[j - 1][1]:q]):
                    break
                continue
            if "\n" in gap or re.search(r"[,.;:!?()«“–—]", gap) or re.search(r"\d", gap) and not re.fullmatch(r"\s*\d+-\s*", gap):
                break
            if (ox.stops_at(toks[j - 1][2], heads=False) and not self.lx.ordinal([toks[j - 1][2]])) \
                    or toks[j - 1][2] in ox.joiners:
                break  # (an ordinal "үчүнчү" ends like a participle, and is a word of the name)
            j -= 1
        if j == trig.i and not re.search(r"\d", text[max(s, trig.char_start - 4):trig.char_start]):
            return None
        start = text.rfind("«", s, toks[j][0] + 1) if text[toks[j][0] - 1:toks[j][0]] == "«" else toks[j][0]
        num = re.search(r"\d+-\s*$", text[s:trig.char_start])
        head = _nominative(text[trig.char_start:trig.char_end], self.language)
        span = text[start:trig.char_start]
        if j == trig.i and num:
            span = num.group()
        name = " ".join((span + head).split())
        inner = text[start:trig.char_start]
        official = "«" in inner or "“" in inner or _ORDINAL.search(inner + (num.group() if num else "")) \
            or self.lx.ordinal(inner.split()) or any(
            toks[x][1] - toks[x][0] > 1 and text[toks[x][0]].isupper() for x in range(j + 1, trig.i))
        return name if official else None

    def _name_after(self, text, toks, trig, s, e) -> str | None:
        numbered = trig.j < len(toks) and self.lx.ordinal([text[toks[trig.j][0]:toks[trig.j][1]]])
        ox = _org_lang(self.language) if self.language in ("tg", "be", "sr") else None
        start, k = trig.char_start, trig.i - 1  # back over lower-case adjectives to one capitalized, not the
        while k > 0 and ox is not None and trig.i - k <= 3 and not text[toks[k][1]:start].strip() \
                and ox.adjective(text[toks[k][0]:toks[k][1]], toks[k][2], "Форум") \
                and not ox.stops_at(toks[trig.i][2], heads=False):  # a noun's name, not a verb's subject
            start, k = toks[k][0], k - 1  # sentence's first word: "Српско-кинески пословни форум"
            if text[start].isupper():
                break
        if not text[start].isupper():
            start = trig.char_start
        num = re.search(r"(?:\b[IVXLC]+|\b\d+-[^\W\d]{1,2})\s+$", text[s:start])  # "XIII Форум", "27-е пасяджэнне"
        start = s + num.start() if num else start
        word = text[start:trig.char_end]
        if not (word[:1].isupper() or num or numbered) or trig.i == 0:
            return None  # a capitalized head, or one right before an ordinal ("ҷаласаи панҷуми ...")
        j = trig.j
        while j < len(toks) and j - trig.j < (11 if numbered else 7):
            gap = text[toks[j - 1][1]:toks[j][0]]
            if ox is not None and toks[j][2] in ox.and_words and not gap.strip() and j + 1 < len(toks) \
                    and text[toks[j + 1][0]].isupper():
                j += 1  # "Форум рэгіёнаў Беларусі і Расіі"
                continue
            if gap.strip() or (ox is not None and (ox.stops_at(toks[j][2], heads=False) or toks[j][2] in ox.stop)):
                break
            j += 1
            if numbered and ox is not None and ox.ezafe and not toks[j - 1][2].endswith(ox.ezafe):
                break  # Tajik: the word without the ezafe is the name's last
        end = toks[j - 1][1]
        paren = re.match(r"\s*\([^()]{2,30}\)", text[end:e])
        if paren:
            end += paren.end()
        return " ".join(text[start:end].split())

    def _status(self, text, toks, keys, trig, s, e) -> str:
        lx = self.lx
        if lx.chinese:
            sent = text[s:e]
            for w in lx.not_status_raw:  # "开幕式", the opening ceremony, holds "开幕" (opens) and tells no aspect
                sent = sent.replace(w, "")
            if text.startswith(("了", "过"), trig.char_end):
                return "occurred"  # 签署了: the aspect of the verb itself
            if any(w in sent for w in lx.status_raw["planned"]):
                return "planned"
            if any(w in sent for w in lx.status_raw["ongoing"]):
                return "ongoing"
            return "occurred"
        if lx.order == "head_final":
            if self._going_on_before(text, toks, keys, trig):
                return "ongoing"
            for k in range(trig.i, min(len(keys), trig.j + _WORD_WINDOW)):
                if any(c.match(keys, k) for c in lx.not_status) or (keys[k] in lx.weak_planned and any(
                        c.match(keys, q) for q in range(k + 1, min(len(keys), k + 4)) for c in lx.status["past"])):
                    continue  # "сауда" (trade) ends like a verb going on; "navbatdagi raundi bo‘lib o‘tdi": regular
                for st in ("planned", "ongoing", "past") if k > trig.i else ("past",):
                    # the trigger's own ending tells a past verb ("кездесті"), not an aspect: "-уде"
                    # of "кездесуде" is a noun's locative
                    if any(c.match(keys, k) for c in lx.status[st]):
                        for a in (k + 1, k + 2):
                            for aux in ("ongoing", "planned"):
                                if a < len(keys) and any(c.match(keys, a) for c in lx.aux[aux]):
                                    return aux
                        return "occurred" if st == "past" else st
            return "occurred"
        lo, hi = _clause(text, toks, trig)
        if trig.type in LASTING and any(c.match(keys, k) for k in range(lo, hi) for c in lx.begun) \
                and not any(c.match(keys, k) for k in range(lo, hi) for c in lx.status["planned"]):
            return "ongoing"  # "otvorila je danas ... forum", "накіраваўся з візітам": opened, arrived, whatever the tense
        near = range(max(lo, trig.i - _PAST_REACH), min(hi, trig.j + _PAST_REACH))
        if any(c.match(keys, k) and not any(p.match(keys, m) for m in (k, k + 1) for p in lx.status["planned"])
               for k in near for c in lx.status["past"]):
            return "occurred"  # "razgovarao je ... telefonom o pripremama za predstojeću sednicu"; not "pozvao je"
        for st in ("planned", "ongoing"):
            if any(c.match(keys, k) for k in range(lo, hi) for c in lx.status[st]):
                return st
        return "occurred"

    def _preparing(self, keys: list[str], trig) -> bool:
        """A word of preparing beside the trigger ("алдағы саммитіне дайындалған", "жыйынына даярдык")."""
        near = keys[max(0, trig.i - 2):trig.j + 2]
        return bool(self.lx.preparing) and any(k.startswith(self.lx.preparing) for k in near)

    def _going_on_before(self, text, toks, keys, trig) -> bool:
        """Head-final: a participle going on right before the trigger, past the event's own name ("өтіп
        жатқан «Central Asia AI Week» форумының": the forum being held)."""
        k = trig.i - 1
        while k >= 0 and trig.i - k <= 6 and not text[toks[k][0]].islower():
            k -= 1  # the event's name between them
        return k >= 0 and trig.i - k <= 6 and any(c.match(keys, k) for c in self.lx.going_on)

    def _location(self, trig, s_mentions, by_id) -> str | None:
        orgs = [m for m in s_mentions if m.type == "ORG"]
        places = [m for m in s_mentions if m.type == "LOC" and m.entity and not _inside(m, orgs)]
        cities = [m for m in places if (by_id.get(m.entity) or Entity("", "LOC", "")).kind == "city"]
        # "БАӘ делегациясы … Қазақстанда жұмыс сапарымен": where a visit goes is the place next to it, but
        # not the state of a title right before a name ("Ministar privrede Srbije Dejan Savić posetio je")
        people = {m.start for m in s_mentions if m.type == "PER"}
        before = [(self._text[max(0, m.start - 40):m.start].split() or [""])[-1] for m in places]
        titled = [m.start for m, w in zip(places, before, strict=True) if normalize_key(w) in title_forms(self.language)]
        goals = [m for m in places if not any(m.end < p <= m.end + 2 for p in people) and m.start not in titled]
        if trig.type == "VISIT" and goals:
            return min(goals, key=lambda m: min(abs(m.end - trig.char_start), abs(m.start - trig.char_end))).entity
        if cities:
            return min(cities, key=lambda m: abs(m.start - trig.char_start)).entity
        if trig.type == "VISIT" and places:
            after = [m for m in places if m.start >= trig.char_start]
            return (after or places)[0].entity
        return None

    @staticmethod
    def _participants(s_mentions, by_id, location, type_: str = "", text: str = "") -> list[Participant]:
        out: list[Participant] = []
        seen: set[str] = set()
        orgs = [m for m in s_mentions if m.type == "ORG"]
        # a state or a body joins another, never a person ("Президент ... белгиледи": the speaker of it)
        kinds = {"ORG"} if type_ == "ACCESSION" else {"PER", "ORG"}
        for m in s_mentions:
            if m.type in kinds and m.entity and m.entity not in seen and not _inside(m, orgs):
                seen.add(m.entity)
                out.append(Participant(m.entity))
        states = []
        for m in s_mentions:
            ent = by_id.get(m.entity) if m.entity else None
            if (ent is not None and ent.kind == "country" and m.entity != location and m.entity not in states
                    and not _inside(m, orgs)):
                states.append(m.entity)
        # "Ўзбекистон ... кузатувчи давлат мақомини олган": the state that joins is the party of an accession
        if len(states) >= 3 or (len(states) == 2 and not any(by_id[p.entity].type == "PER" for p in out)) \
                or (type_ == "ACCESSION" and states):
            out += [Participant(x) for x in states if x not in seen]
        # "БАӘ делегациясы ...", "Xitoy delegatsiyasi ...": the state whose delegation comes takes part
        for m in s_mentions:
            if m.entity in states and _DELEGATION.match(text, m.end) and all(p.entity != m.entity for p in out):
                out.append(Participant(m.entity))
        return out

    @staticmethod
    def _inherit(events: list[Event], own: dict[str, tuple[bool, bool]], refs: dict[str, str]) -> None:
        """A sub-event falls inside the last event before it of the type its sentence refers to
        ("кездесу қорытындысы бойынша": the meeting's), else inside the last container."""
        # the year of the news, the first event dated: an event of an earlier year is one recalled ("стала
        # членам ... 4 ліпеня 2024 года на саміце"), and what is done "as a result of the meeting" is not inside it
        year = next((ev.start[:4] for ev in events if ev.start), "")
        for k, ev in enumerate(events):
            if ev.type not in SUB_EVENTS and ev.id not in refs:
                continue
            ref = refs.get(ev.id)  # talks held by video are a call: "会谈期间" after "视频会谈"
            of_ref = [p for p in reversed(events[:k]) if p.type == ref or (ref == "MEETING" and p.type == "CALL")]
            # one whose status agrees first: a signing done "as a result of the meeting" is the meeting held,
            # not the one the parties discussed holding later
            of_ref = sorted(of_ref, key=lambda p: p.status != ev.status and p.status != "ongoing")
            source = next((p for p in of_ref if not (p.start and p.start[:4] < year)), of_ref[0] if of_ref else None) \
                or next((p for p in reversed(events[:k]) if p.type in CONTAINERS), None)
            if source is None:
                continue
            own_date, own_place = own.get(ev.id, (False, False))
            inherit_from(ev, source, own_date, own_place)


_DELEGATION = re.compile(r"(?i)\s*(?:делегаци|delegatsiya|делегацы|delegacij|делегациј|ҳайат|代表团)")


def _specific(dates: list[DateMention]) -> list[DateMention]:
    """A year with a day of it in the same sentence dates nothing itself ("9月15日至16日，2026年…论坛"):
    the year is a name's."""
    return [d for d in dates if not (len(d.value_start or "") == 4 and any(
        o is not d and len(o.value_start or "") > 4 and o.value_start.startswith(d.value_start) for o in dates))]


def _end_until(ev: Event, until: list[DateMention], published: str | None) -> None:
    """"Бүгін … форум басталды, ол 11 қыркүйекке дейін жалғасады": a day 'until' which the event
    of the same sentence goes on is its end (and it is going on when told between the two)."""
    day = next((d.value_start for d in until if d.value_start and len(d.value_start) == 10 and not d.value_end), None)
    if day is None or not ev.start or ev.end or day <= ev.start:
        return
    ev.end = day
    if published and ev.status == "occurred" and date_bounds(ev.start)[0] <= published < day:
        ev.status = "ongoing"


def _term(d: DateMention) -> bool:
    """A range of whole years ("2026–2027 жылдарға", "на 2026–2028 гады", "2026—2027年") is the term
    of a plan or programme, not when an event took place."""
    return d.kind == "range" and len(d.value_start or "") == 4 and len(d.value_end or "") == 4


def _nominative(word: str, lang: str) -> str:
    """A Turkic event noun without the case ending after its possessive ("жыйынына" → "жыйыны"): the
    language's 'after_possessive' endings (resources/cases_regional.json)."""
    low = word.casefold()
    for end in regional_cases.endings(lang, "after_possessive"):
        stem = low[: -len(end)]
        if low.endswith(end) and len(stem) >= 4 and stem[-1] in "ыіуүиiuаеoоө":
            return word[: len(stem)]
    return word


@functools.cache
def _jieba():
    """jieba, with its dictionary loaded once and quiet; None when it is not installed."""
    try:
        import logging

        import jieba
    except ImportError:  # pragma: no cover - a declared dependency; substrings alone then
        return None
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def chinese_words(text: str, offset: int = 0) -> list[tuple[int, int, str]] | None:
    """The words of a Chinese text (jieba's segmentation) as (start, end, word); None without jieba."""
    jb = _jieba()
    if jb is None:
        return None
    return [(offset + a, offset + b, w) for w, a, b in jb.tokenize(text)]


def _clause(text: str, toks, trig: _Trig) -> tuple[int, int]:
    """Token bounds of the clause around a trigger: between commas, semicolons and colons."""
    lo = trig.i
    while lo > 0 and not re.search(r"[,;:]", text[toks[lo - 1][1]:toks[lo][0]]):
        lo -= 1
    hi = trig.j
    while hi < len(toks) and not re.search(r"[,;:]", text[toks[hi - 1][1]:toks[hi][0]]):
        hi += 1
    return lo, hi


def _inside(m: Mention, orgs: list[Mention]) -> bool:
    return any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               for o in orgs)


def _words(text: str) -> set[str]:
    """Words of a sentence; character pairs of a Chinese one."""
    han = re.sub(r"[^\u4e00-\u9fff]", "", text)
    if len(han) > len(text) / 2:
        return {han[k:k + 2] for k in range(len(han) - 1)}
    return {normalize_key(w) for w in WORD_TOKEN.findall(text)}


def _drop_repeats(events: list[Event]) -> list[Event]:
    """A sentence (a headline, a lead) whose words a later sentence of the same event type repeats
    is the same event told twice: the fuller sentence keeps it."""
    out = []
    for k, ev in enumerate(events):
        w = _words(ev.evidence.text)
        repeated = any(
            o.type == ev.type and o.evidence.start != ev.evidence.start
            and len(_words(o.evidence.text)) > len(w) and len(w & _words(o.evidence.text)) >= 0.6 * len(w)
            for o in events[k + 1:])
        if not repeated:
            out.append(ev)
    return out
