"""English event triggers: the lexicon (resources/events_en.json), the trigger scan (longest phrase
first), which candidates are events, the stretch of words that names each, two triggers that tell
one event, and the clauses of a sentence that decide which words belong to which trigger."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Event
from ..event_triggers import longest_match, phrase_table
from ..resources import load_json
from .lexicon import (
    EVENT_NAME_HEADS,
    NOT_NAME,
    ORG_HEADS,
    REL_WORDS,
    is_acronym,
    is_capitalized,
    joiner,
    lowered,
)

_E = load_json("events_en.json")
_A = load_json("agreements_en.json")

TRIGGERS = phrase_table({**_E["triggers"], "_REF": _E["generic_references"]}, lowered)
_MAX_TRIGGER = max(len(k) for k in TRIGGERS)
WEAK = {(t, tuple(p.split())) for t, ps in _E["weak"].items() for p in ps}
VERBS = {tuple(v.split()) for v in _E["verbs"]}
NEEDS_NAME = set(_E["needs_name"])
BODY_NOUNS = set(_E["body_nouns"])
BECOME = set(_E["become_words"])
ADDRESS_OBJECTS = set(_E["address_objects"])
MEET_OBJECTS = set(_E["meet_objects"])
RECEIVE_OBJECTS = set(_E["receive_objects"])
PARENT_FRAMES = [tuple(f.split()) for f in _E["parent_frames"]]
PARTICIPATION = [tuple(p.split()) for p in _E["participation"]]
SIDES_ALL = [tuple(p.split()) for p in _E["sides"]["all"]]
SIDES_STATES = [tuple(p.split()) for p in _E["sides"]["states"]]
SIDES_PERSONS = [tuple(p.split()) for p in _E["sides"]["persons"]]
DELEGATION_NOUNS = set(_E["delegation_nouns"])
PLANNED_WORDS = {w for w in _E["status"]["planned"] if " " not in w}
PLANNED_PHRASES = [tuple(w.split()) for w in _E["status"]["planned"] if " " in w]
ONGOING_VERBS = [tuple(w.split()) for w in _E["status"]["ongoing_verbs"]]
PAST_IRREGULAR = set(_E["status"]["past_irregular"])
INCEPTION = set(_E["status"]["inception_verbs"])
ADVERBS = set(_E["status"]["adverbs"])
ENDING = set(_E["ending"])
VALIDITY_PREPS = set(_E["validity_prepositions"])
ORDINAL_WORDS = dict(_E["ordinals"])
NEW_MARKERS = set(_E["new_markers"])
NOUN_DETERMINERS = set(_E["determiners_before_noun"])
DOC_HEADS = {tuple(k.split()) for k in _A["heads"]}
INTERGOVERNMENTAL = set(_E["intergovernmental"])
_VENUES = {"Hall", "Halls", "Centre", "Center", "Palace", "Building", "Complex", "Pavilion", "Arena", "Venue"}
REPORTING_VERBS = set(_E["reporting_verbs"])
REMOTE_SESSIONS = set(_E["remote_sessions"])
_DOC_WORDS = {k.split()[-1] for k in _A["heads"]} | {k.split()[0] for k in _A["heads"]} | set(_A["plurals"])
DOC_REFERENCES = set(_A["references"])
BACKGROUND = {"FOUNDING", "ACCESSION"}
ORDINAL_NUM = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")
PRONOUNS = {"he", "she", "his", "her", "him"}
PREPS_PLACE = {"in", "at"}
EMBEDDING = {"for", "of", "on", "about", "regarding", "concerning", "towards"}
MAX_PLACE_DISTANCE = 30


@dataclass
class Trigger:
    type: str
    start: int  # token index
    end: int
    words: tuple[str, ...]
    char_start: int
    char_end: int
    weak: bool = False
    verb: bool = False
    name0: int = 0  # token span of the event's name around the trigger
    name1: int = 0
    ref: Event | None = None
    frame: bool = False
    event: Event | None = None
    extra: list[Trigger] = field(default_factory=list)


class TriggerRules:
    """EnglishEvents' trigger steps: scan, accept, free of names, name span, merge."""

    def _triggers(self, toks, low) -> list[Trigger]:
        found: list[Trigger] = []
        i = 0
        while i < len(toks):
            hit = longest_match(low, i, TRIGGERS, _MAX_TRIGGER)
            if hit is None:
                i += 1
                continue
            n, type_, key = hit
            if type_ != "_IGNORE":
                verb = key in VERBS and not (i > 0 and low[i - 1] in NOUN_DETERMINERS)
                type_ = self._retype(type_, key, i + n, toks, low)
                found.append(
                    Trigger(
                        type_, i, i + n, key, toks[i].start, toks[i + n - 1].end, (type_, key) in WEAK, verb
                    )
                )
            i += n
        return [t for t in found if self._accept(t, toks, low)]

    @staticmethod
    def _retype(type_: str, key, end: int, toks, low) -> str:
        """A conference of ministers or governments is a MEETING; a videoconference of a named body is
        that body's session, a MEETING, not a call."""
        if type_ == "FORUM" and key[-1] in ("conference", "conferences"):
            if is_capitalized(toks[end - 1].text):  # a named conference: "Ministerial Conference", not "Connectivity Conference"
                if set(low[max(0, end - 4) : end]) & INTERGOVERNMENTAL:
                    return "MEETING"
            elif set(low) & INTERGOVERNMENTAL and low[end - 2 : end - 1] not in (["the"], ["this"], ["that"]):
                return "MEETING"  # "ministers endorsed ... at a high-level conference"; "the conference" refers back
        if (
            type_ == "CALL"
            and key[-1] in REMOTE_SESSIONS
            and low[end : end + 2] == ["of", "the"]
            and end + 2 < len(toks)
            and is_capitalized(toks[end + 2].text)
        ):
            return "MEETING"
        return type_

    def _accept(self, t: Trigger, toks, low) -> bool:
        near = low[max(0, t.start - 5) : t.end + 3]
        after = low[t.end : t.end + 6]
        word = toks[t.start].text
        if t.end < len(low) and is_capitalized(word) and toks[t.end].text in _VENUES:
            return False  # "at the City Congress Hall", "the Expo Centre": a building, not an event
        if (
            t.type in ("FORUM", "MEETING")
            and low[t.start].endswith("s")
            and not low[t.start].endswith("ss")
            and t.words[-1] in ("meetings", "conferences", "forums", "exhibitions", "seminars", "workshops")
            and not is_capitalized(word)
            and not set(low[max(0, t.start - 3) : t.start]) & {"hold", "held", "holding", "holds"}
            and not set(low[max(0, t.start - 2) : t.start]) & {"upcoming", "forthcoming"}
        ):
            return False  # "in previous meetings": events in general; "held bilateral meetings", "upcoming
            # meetings" are events
        if (
            t.words[0] in NEEDS_NAME
            and not is_capitalized(word)
            and not (t.start >= 3 and low[t.start - 3 : t.start - 1] == ["round", "of"])
        ):
            return False
        if t.type == "ACCESSION":
            if t.words[0] in ("joined", "join", "joins", "joining"):
                if set(low[max(0, t.start - 5) : t.start]) & {"invited", "invites", "inviting", "urged", "urges",
                                                               "encouraged", "encourages"}:
                    return False  # "invited member countries to join the Alliance's initiative": an invitation
                return not any(
                    w
                    in (
                        "talks",
                        "meeting",
                        "session",
                        "call",
                        "discussion",
                        "delegation",
                        "event",
                        "conference",
                        "forum",
                        "us",
                        "efforts",
                    )
                    for w in after[:3]
                )
            if t.weak:
                window = low[max(0, t.start - 5) : t.start]
                if set(window) & BECOME:
                    return True
                return bool({"been", "is", "are", "was"} & set(window)) and "since" in low[t.end : t.end + 8]
            return True
        if t.type == "FOUNDING":
            before = low[max(0, t.start - 3) : t.start]
            if set(before) & {
                "importance",
                "need",
                "necessity",
                "question",
                "issue",
                "possibility",
                "prospects",
                "participation",
                "discussed",
                "discussing",
                "discuss",
                "consider",
                "considered",
                "proposal",
                "proposed",
                "idea",
                "anniversary",
            }:
                k = t.start - 1
                if not (low[k] == "consider" and low[k - 1] == "to"
                        and {"agreed", "decided"} & set(low[:k])):
                    return False  # "agreed ... to consider establishing a council": a founding planned
            if t.words[-1] == "opened":  # "a centre for ... was opened at ...": the body is its subject
                before = low[max(0, t.start - 10) : t.start]
                occasion = any(
                    TRIGGERS.get((w,)) in ("MEETING", "FORUM", "SESSION", "VISIT", "SPEECH") for w in before
                )  # "the session of the Council was opened by ...": an event opened, not a body
                return bool(set(before) & BODY_NOUNS) and not occasion
            window = low[max(0, t.start - 4) : t.end + 11]
            org_near = any(k in self._org_toks for k in range(max(0, t.start - 4), min(len(toks), t.end + 4)))
            if t.verb and low[t.start] in ("create", "creates", "creating", "establish", "establishes"):
                # an active verb founds its object: "create new opportunities" founds nothing
                after6 = range(t.end, min(len(toks), t.end + 6))
                return bool(set(low[t.end : t.end + 6]) & BODY_NOUNS) or any(k in self._org_toks for k in after6)
            return (
                bool(set(window) & BODY_NOUNS)
                or org_near
                or any(
                    is_acronym(x.text) or (is_capitalized(x.text) and x.text in ORG_HEADS)
                    for x in toks[max(0, t.start - 4) : t.start]
                )
            )
        if t.type == "MEETING":
            if t.words[0] == "round":
                prev = low[t.start - 1] if t.start else ""
                return (
                    (bool(after) and after[0] == "of")
                    or prev in NEW_MARKERS
                    or prev in ORDINAL_WORDS
                    or bool(ORDINAL_NUM.match(prev))
                )
            if t.words[0] in ("meet", "meets", "met"):
                return not (set(after[:3]) & MEET_OBJECTS)
            if t.words[0] in ("received", "receives", "receiving"):
                return bool(set(after[:4]) & RECEIVE_OBJECTS) or any(
                    k in self._per_toks for k in range(t.end, min(len(toks), t.end + 4))
                )
            if t.words == ("ministerial",):
                return is_capitalized(word) and not (after and after[0] in _DOC_WORDS)  # "Ministerial Declaration"
            # "a protocol on our meeting": the meeting named as a document's subject is no new event
            return not (
                not t.verb
                and set(low[max(0, t.start - 4) : t.start]) & _DOC_WORDS
                and t.start > 0
                and low[t.start - 1] in ("our", "this", "the", "today's")
                and any(w in ("on", "of") for w in low[max(0, t.start - 3) : t.start])
            )
        if t.type == "SPEECH" and t.weak:
            if t.words[0] in ("address", "addressing", "addressed", "addresses"):
                prev = low[t.start - 1] if t.start else ""
                if prev in (
                    "his",
                    "her",
                    "an",
                    "the",
                    "a",
                    "their",
                    "its",
                    "opening",
                    "keynote",
                    "video",
                    "welcome",
                ):
                    return after[:1] != ["to"] or prev in ("his", "her", "an")
                return bool(set(after[:5]) & ADDRESS_OBJECTS) or any(
                    is_capitalized(x.text) for x in toks[t.end : t.end + 3]
                )
            if t.words in (("remarks",), ("presentations",), ("statement", "at")):
                return bool(
                    set(near)
                    & {
                        "delivered",
                        "made",
                        "gave",
                        "delivering",
                        "making",
                        "opening",
                        "closing",
                        "welcoming",
                        "concluding",
                        "deliver",
                        "make",
                        "give",
                    }
                )
            return True
        if t.type == "SIGNING" and t.weak:
            # "adopted the Action Plan", "the Declaration was endorsed"; "the meeting concluded" is no signing
            if low[t.start] == "approved":  # "approved a Roadmap for ...": a document by its title only
                return any(low[k] in _DOC_WORDS and is_capitalized(toks[k].text) for k in range(t.end, min(t.end + 4, len(low))))
            if set(low[t.end : t.end + 8]) & _DOC_WORDS:
                return True
            before = low[max(0, t.start - 8) : t.start]
            return bool(set(before) & _DOC_WORDS) and bool(set(before[-2:]) & {"was", "were", "been", "be", "is"})
        if t.type == "CALL" and t.weak:
            prev = low[t.start - 1] if t.start else ""
            return prev in (
                "a",
                "the",
                "phone",
                "held",
                "had",
                "during",
                "joint",
                "this",
                "video",
                "online",
                "conference",
                "telephone",
            ) or (bool(after) and after[0] in ("with", "between"))
        if t.type == "FORUM" and t.weak:
            return is_capitalized(word) or t.words[-1] not in (
                "conferences",
                "forums",
                "exhibitions",
                "seminars",
                "workshops",
            )
        if t.type == "VISIT":
            prev = low[t.start - 1] if t.start else ""
            if t.words == ("visits",) and prev in ("of", "mutual", "reciprocal", "regular", "exchange"):
                return False
            if t.words == ("trip",):
                return prev in (
                    "a",
                    "the",
                    "his",
                    "her",
                    "their",
                    "official",
                    "working",
                    "business",
                    "study",
                ) or (bool(after) and after[0] == "to")
        return True

    def _free(self, t: Trigger, toks, low, s_mentions) -> bool:
        """A trigger word inside the name of a body or a document is no event."""
        for m in s_mentions:
            if m.type == "ORG" and m.start <= t.char_start < m.end and m.entity:
                ent = self.table.entity(m.entity)
                if ent is not None and not ent.gazetteer_id or is_capitalized(toks[t.start].text):
                    return False
        if t.type in ("MEETING", "SESSION", "FORUM", "FOUNDING", "ACCESSION", "VISIT"):
            k = t.start - 1
            steps = 0
            while (
                k >= 0
                and steps < 5
                and (
                    low[k] in ("of", "on", "the", "a", "an", "for")
                    or (is_capitalized(toks[k].text) and (low[k],) not in DOC_HEADS)
                )
            ):
                k -= 1
                steps += 1
            if (
                k >= 0
                and ((low[k],) in DOC_HEADS or (k > 0 and (low[k - 1], low[k]) in DOC_HEADS))
                and low[k] not in ("statement",)
            ):
                return False  # "Protocol of the 26th Meeting", "agreement on the establishment of"
        return True

    def _name_span(self, toks, low, t: Trigger) -> None:
        """The stretch of tokens that names the event: 'the 15th Mongolia–Korea ICT Policy Dialogue',
        'second meeting of the ... Joint Working Group on ...'."""
        a, b = t.start, t.end
        if t.verb:
            t.name0, t.name1 = a, b
            return
        while a > 0:
            p = toks[a - 1]
            w = p.text
            if (
                is_capitalized(w)
                or is_acronym(w)
                or joiner(self.text, p)
                or w in ("'", "’")
                or (
                    w in ("and", "&")
                    and a > 1
                    and (is_capitalized(toks[a - 2].text) or is_acronym(toks[a - 2].text))
                    and is_capitalized(toks[a].text)
                )
            ):
                if w in ("The", "A", "An") or w.endswith(("'s", "’s")):
                    break
                if a - 1 == 0 and w in NOT_NAME and not is_acronym(w) and w not in EVENT_NAME_HEADS:
                    break
                a -= 1
                continue
            if ORDINAL_NUM.match(w) or lowered(w) in ORDINAL_WORDS or lowered(w) in ("next",):
                a -= 1
            break
        if (
            b + 1 < len(toks)
            and low[b] in ("of", "for")
            and (
                is_capitalized(toks[b + 1].text)
                or (
                    low[b + 1] in ("the", "their")
                    and b + 2 < len(toks)
                    and (is_capitalized(toks[b + 2].text) or is_acronym(toks[b + 2].text))
                )
            )
        ):
            k = b + 1
            while k < len(toks) and (
                low[k] in ("the", "their")
                or is_capitalized(toks[k].text)
                or is_acronym(toks[k].text)
                or joiner(self.text, toks[k])
                or (
                    low[k] in ("of", "on", "and", "for", "&")
                    and k + 1 < len(toks)
                    and (is_capitalized(toks[k + 1].text) or is_acronym(toks[k + 1].text))
                )
            ):
                k += 1
                if is_capitalized(toks[k - 1].text) or is_acronym(toks[k - 1].text):
                    b = k
        t.name0, t.name1 = a, b

    def _merge(self, live: list[Trigger], clauses, toks, low) -> list[Trigger]:
        """'met ... for the third Ministerial Meeting', 'the fourth round of their Cybersecurity Dialogue':
        two triggers of one type in one clause that tell one event."""
        out: list[Trigger] = []
        for t in live:
            prev = next(
                (p for p in reversed(out) if p.type == t.type and clauses[p.start] == clauses[t.start]), None
            )
            told = next((p for p in reversed(out) if p.type == t.type and p.end <= t.start), None)
            if told is not None and _when_clause(low, told.end, t.start) and (
                t.verb or low[t.start - 1 : t.start] == ["the"]
            ):
                # "... last met in Riga, when the ministers co-chaired the session": the same meeting
                told.extra.append(t)
                continue
            if (t.type == "SIGNING" and told is not None and told.verb and t.verb
                    and low[t.start - 1] == "and" and "." not in low[told.end:t.start]):
                told.extra.append(t)  # "adopted the Declaration and endorsed the Plan": one signing, two documents
                continue
            # "the next round of talks": a word that makes an event new belongs to the first noun
            lo = max(0, t.start - 3) if prev is None else max(prev.end, t.start - 3)
            fresh = bool(set(low[lo : t.start]) & {"next", "upcoming", "another", "following", "new"})
            between = low[prev.end : t.start] if prev is not None else []
            if (
                prev is not None
                and not fresh
                and (
                    prev.verb
                    and not t.verb
                    or (prev.name0 <= t.start < prev.name1)
                    or (t.name0 <= prev.start < t.name1)
                    or (between[:1] == ["of"] and set(between) <= {"of", "the", "their", "its"})
                    or (between[:1] == ["of"] and len(between) <= 3
                        and all(w.replace("-", "").isalpha() for w in between)
                        and prev.words[-1] in ("round", "rounds"))  # "round of strategic dialogue"
                )
            ):
                prev.extra.append(t)
                if t.name1 - t.name0 > 1 and not prev.verb and prev.name1 < t.name1:
                    prev.name1 = max(prev.name1, t.name1)
                elif prev.verb:
                    prev.name0, prev.name1 = t.name0, t.name1
                continue
            out.append(t)
        return out


def _when_clause(low: list[str], lo: int, hi: int) -> bool:
    """Whether 'when' or 'where' opens a clause between two triggers, with no full stop between."""
    return any(w in ("when", "where") for w in low[lo:hi]) and "." not in low[lo:hi]


def clause_marks(toks, low) -> tuple[list[int], dict[int, tuple[int, str]]]:
    """A clause id per token: relative clauses (', who ...', ', which ...', ', where ...', ', while ...')
    apart from the clause around them, up to the next comma; for each, the index of its comma and
    the relative word (the antecedent stands before the comma)."""
    ids = [0] * len(toks)
    relatives: dict[int, tuple[int, str]] = {}
    main, cur, next_id, in_rel, seg = 0, 0, 1, False, 0
    for k, t in enumerate(toks):
        if (
            t.text == ","
            and not in_rel
            and k + 1 < len(toks)
            and low[k + 1] in ("and", "but")
            and any(_finite(low, j) for j in range(seg, k))
            and any(_finite(low, j) for j in range(k + 2, min(len(toks), k + 9)))
        ):
            main = cur = next_id  # "Iran became a member in 2023, and Belarus joined in 2024"
            next_id += 1
            seg = k
        elif t.text == "," and k + 1 < len(toks) and low[k + 1] in REL_WORDS:
            cur = next_id
            next_id += 1
            relatives[cur] = (k, low[k + 1])
            in_rel = True
        elif t.text == "," and in_rel:
            in_rel = False
            cur = main
        elif t.text == ";":
            main = cur = next_id
            next_id += 1
            in_rel = False
        ids[k] = cur
    return ids, relatives


def _finite(low: list[str], k: int) -> bool:
    """A finite verb form: an auxiliary, a past form, or a verb of the trigger lexicon."""
    w = low[k]
    if w in ("was", "were", "is", "are", "will", "has", "have", "had", "shall") or w in PAST_IRREGULAR:
        return True
    if (w,) in VERBS and not (k > 0 and low[k - 1] in NOUN_DETERMINERS):
        return True
    return bool(re.match(r"^[a-z][a-z-]{2,}ed$", w)) and k > 0 and low[k - 1] not in ("a", "an", "the")


def describing_clauses(triggers, clauses: list[int], relatives: dict[int, tuple[int, str]]) -> None:
    """'the Digital Almaty 2026 forum, which will take place in Almaty': a relative clause that
    describes an event belongs to that event's clause."""
    for cid, (comma, word) in relatives.items():
        if word not in ("which", "that"):
            continue
        t = next((t for t in triggers if t.name1 == comma and not t.verb), None)
        if t is None:
            continue
        home = clauses[t.start]
        for k, c in enumerate(clauses):
            if c == cid:
                clauses[k] = home
