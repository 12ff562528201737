"""Who a phrase of the region's languages refers to, when no name is written: a name's case ending
the text leaves off elsewhere, the head of state named by the office ("Мемлекет басшысы", "давлатимиз
раҳбари", "Пешвои миллат"), the visitor in a meeting held on the visit."""

from __future__ import annotations

import functools
import re

from ..model import Entity, Event, Mention, Participant, Role
from .gazetteer import normalize_key
from .resources import load_json

__all__ = ["bare_elsewhere", "drop_title_bodies", "head_of_state", "join", "states_taking_part", "title_alone",
           "visitor_in_meetings"]


def bare_elsewhere(text: str, words: list[str]) -> str:
    """The last word of a name without the case ending the text shows it has: the same name written
    elsewhere with the word one to four letters shorter ("Дима Аль-Яхьяны" and later "Дима Аль-Яхья",
    "Ван Иро" and "Ван И"), since a short ending is left on a name no surname ending vouches for."""
    last = words[-1]
    before = r"\s+".join(re.escape(w) for w in words[:-1])
    for cut in range(1, 5):
        stem = last[:-cut]
        if not stem or not stem[-1:].isalpha():
            break
        if re.search(rf"(?<![\w-]){before}\s+{re.escape(stem)}(?![\w-])", text):
            return stem
    return last


@functools.cache
def _head_of_state_lexicon(lang: str) -> tuple[tuple[str, ...], re.Pattern]:
    """The president's title stems and the office's forms, compiled once per language."""
    lex = (load_json("titles_regional.json").get(lang) or {})["head_of_state"]
    forms = "|".join(re.escape(f) for f in lex["forms"])
    return (tuple(normalize_key(w) for w in lex["president"]),
            re.compile(rf"(?<![\w-])(?:{forms})({lex.get('ending', '')})(?![\w-])"))


def head_of_state(text: str, lang: str, mentions: list[Mention], entities: list[Entity]) -> list[Mention]:
    """Mentions of the head of state where the text names him by his office alone ("Мамлекет башчысы
    ... белгиледи", "давлатимиз раҳбари ... иштирок этади"): the first person whose title is the
    president's (the release's own head of state comes first). Where the language's lexicon says so,
    the office in the nominative is one of his roles too ("Мемлекет басшысы")."""
    lex = (load_json("titles_regional.json").get(lang) or {}).get("head_of_state")
    if not lex:
        return []
    stems, rx = _head_of_state_lexicon(lang)
    president = next((e for e in entities if e.type == "PER" and any(
        w.startswith(stems) for r in e.roles for w in normalize_key(r.title).split())), None)
    if president is None:
        return []
    persons = [m for m in mentions if m.type == "PER"]
    out: list[Mention] = []
    for m in rx.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in ((x.start, x.end) for x in mentions)):
            continue
        if any(0 <= p.start - m.end() <= 1 for p in persons):
            continue  # the office as the title of the name right after it
        out.append(Mention(m.start(), m.end(), "PER", m.group(), president.id))
        if lex.get("role") and not m.group(1):
            title = " ".join(m.group().split())
            if not any(r.title == title for r in president.roles):
                president.roles.append(Role(title=title))
    return out


def visitor_in_meetings(events: list[Event], by_id: dict[str, Entity]) -> None:
    """The visitor takes part in a meeting held on the visit ("Ташриф доирасида ... музокаралар")."""
    of = {ev.id: ev for ev in events}
    for ev in events:
        visit = of.get(ev.parent or "")
        if visit is None or visit.type != "VISIT" or ev.type != "MEETING":
            continue
        have = {p.entity for p in ev.participants}
        for p in visit.participants:
            ent = by_id.get(p.entity)
            if ent is not None and ent.type == "PER" and p.entity not in have:
                have.add(p.entity)
                ev.participants.append(Participant(p.entity))




def title_alone(text: str, lang: str, mentions: list[Mention], entities: list[Entity]) -> list[Mention]:
    """Mentions of a person named later by the opening words of his title alone, in the nominative and
    with no name after them ("Министарка се јутрос обратила ...", "Генеральны сакратар выступіў ...",
    "Беларускі міністр нагадаў ..."): the one person found whose title opens so; the words as written
    are one of his roles too. Only in a sentence that names no person, in the languages whose lexicon
    says so ('title_alone' of titles_regional.json)."""
    lex = load_json("titles_regional.json").get(lang) or {}
    if not lex.get("title_alone"):
        return []
    heads = {h.casefold() for h in lex.get("heads", [])}
    adjective = tuple(lex.get("adjective_endings", []))
    state = "|".join(map(re.escape, lex.get("state_adjective_endings", [])))
    state = rf"(?:[^\W\d_]+(?:{state})\s+)?" if state else ""  # "Беларускі міністр"
    cores: dict[str, list[Entity]] = {}
    for ent in entities:
        if ent.type != "PER":
            continue
        for role in ent.roles:
            words = role.title.split()
            k = next((i for i, w in enumerate(words) if w.casefold() in heads), None)
            if k is not None and k <= 1:
                core = " ".join(words[:k + 1]).casefold()
                if ent not in cores.setdefault(core, []):
                    cores[core].append(ent)
    persons = [m for m in mentions if m.type == "PER"]
    spans = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for core, ents in cores.items():
        if len(ents) != 1:
            continue
        ent = ents[0]
        role_words = {w.casefold() for r in ent.roles for w in r.title.split()}
        body = r"\s+".join(re.escape(w) for w in core.split())
        for m in re.finditer(rf"(?i)(?<![\w'’-]){state}{body}(?![\w'’-])", text):
            nxt = re.match(r"\s+([^\W\d_][\w'’-]*)", text[m.end():])
            if nxt and (nxt.group(1)[:1].isupper() or nxt.group(1).casefold() in role_words
                        or nxt.group(1).casefold().endswith(adjective)):
                continue  # the title of a name, its own words run on, or another's ("Šef srpske diplomatije")
            s0 = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
            e0 = min((x for x in (text.find(c, m.end()) for c in ".!?\n") if x >= 0), default=len(text))
            if any(s0 <= p.start < e0 for p in persons) or any(a < m.end() and m.start() < b for a, b in spans):
                continue
            out.append(Mention(m.start(), m.end(), "PER", m.group(), ent.id))
            title = " ".join(m.group().split())
            if " " in title and not any(r.title.casefold() == title.casefold() for r in ent.roles):
                ent.roles.append(Role(title=title))
    return out


_ACRONYM_IN_BRACKETS = re.compile(r"\s*\([^\W\d_]{2,8}\)")


def _bare(s: str) -> str:
    return " ".join(_ACRONYM_IN_BRACKETS.sub("", s).split()).casefold()


_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”")


def drop_title_bodies(text: str, lang: str, events: list[Event], mentions: list[Mention],
                      by_id: dict[str, Entity]) -> None:
    """A body named only inside the title of a person who takes part ("Шанхай ынтымақтастық ұйымының Бас
    хатшысы Бауыржан Төлегенов") is where the person works, no party of the gathering: it leaves the
    participants (not of a signing, whose parties the signatories' bodies are); so does a body named
    only inside an event's quoted name («ШЫҰ кеңістігіндегі ...» конференциясы) or as the source of the
    news ("Сыртқы істер министрлігінің баспасөз қызметі": its press service)."""
    credits = _source_credits(lang)
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]

    def bystander(m: Mention) -> bool:
        after = normalize_key(text[m.end:m.end + 40])
        return any(a < m.start and m.end < b for a, b in quoted) or bool(credits and after.startswith(credits))

    persons = sorted((m for m in mentions if m.type == "PER" and m.entity), key=lambda m: m.start)
    for ev in events:
        if ev.evidence is None:
            continue
        s, e = ev.evidence.start, ev.evidence.end
        people = {p.entity for p in ev.participants if (by_id.get(p.entity) or Entity("", "ORG", "")).type == "PER"}
        keep = []
        for p in ev.participants:
            ent = by_id.get(p.entity)
            if ent is None or ent.type != "ORG":
                keep.append(p)
                continue
            own = [m for m in mentions if m.entity == p.entity and s <= m.start and m.end <= e]
            if not own or not all(bystander(m) or (ev.type != "SIGNING" and _in_title(text, m, persons, people, by_id))
                                  for m in own):
                keep.append(p)
        ev.participants = keep


def _in_title(text: str, m: Mention, persons: list[Mention], people: set[str], by_id: dict[str, Entity]) -> bool:
    """The body's mention is the start of, or inside, a title that runs on to a participant's name."""
    nxt = next((p for p in persons if p.start >= m.end), None)
    if nxt is None or nxt.entity not in people or nxt.start - m.end > 120:
        return False
    between = _bare(text[m.start:nxt.start])
    return bool(between) and any(_bare(r.title).endswith(between) for r in by_id[nxt.entity].roles)


def states_taking_part(text: str, s: int, e: int, mentions: list[Mention], by_id: dict[str, Entity],
                       location: str | None, lang: str) -> list[str]:
    """The states a sentence telling who took part names ("Армения, Беларусь ... үкіметтерінің басшылары"),
    not the place of the event, not one inside a body's name or the title of a person named."""
    orgs = [(m.start, m.end) for m in mentions if m.type == "ORG"]
    persons = sorted((m for m in mentions if m.type == "PER" and m.entity), key=lambda m: m.start)
    out: list[str] = []
    for m in mentions:
        ent = by_id.get(m.entity or "")
        if ent is None or ent.kind != "country" or not (s <= m.start and m.end <= e) or m.entity == location \
                or m.entity in out or any(a <= m.start and m.end <= b for a, b in orgs):
            continue
        nxt = re.match(r"\s+([^\W\d_][\w-]*)", text[m.end:])
        if _in_title(text, m, persons, {p.entity for p in persons}, by_id) \
                or (nxt and normalize_key(nxt.group(1)) in _title_heads(lang)):
            continue  # "Тәжікстан Премьер-министрі - ...": the state of a title
        out.append(ent.id)
    return out


@functools.cache
def _title_heads(lang: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in (load_json("titles_regional.json").get(lang) or {}).get("heads", []))


def join(type_: str, told: list[Event], mentions: list[Mention], s: int, e: int, text: str = "",
         by_id: dict | None = None, lang: str = "") -> None:
    """"Отырысқа X, Y және Z қатысты": the persons and bodies of a sentence that says who took part
    in the event of `type_` told before are its participants; with `by_id`, the states whose envoys took
    part too ("оған Армения, Беларусь ... үкіметтерінің басшылары қатысты")."""
    ev = next((ev for ev in reversed(told) if ev.type == type_), None)
    if ev is None:
        return
    orgs = [(m.start, m.end) for m in mentions if m.type == "ORG" and s <= m.start and m.end <= e]
    have = {p.entity for p in ev.participants}
    for m in mentions:
        if s <= m.start and m.end <= e and m.type in {"PER", "ORG"} and m.entity and m.entity not in have \
                and not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in orgs):
            have.add(m.entity)
            ev.participants.append(Participant(m.entity))
    for x in states_taking_part(text, s, e, mentions, by_id, ev.location, lang) if by_id else []:
        if x not in have:
            have.add(x)
            ev.participants.append(Participant(x))


def pronoun_subject(text: str, lang: str, events: list[Event], mentions: list[Mention],
                    by_id: dict[str, Entity]) -> None:
    """"Сапар аясында ол бүгін ... сөз сөйледі": an event told of 'he' or 'she', with no person of its own,
    is the person named last before its sentence (not a founding, an accession or a signing, whose
    parties are bodies and states)."""
    words = _he_words(lang)
    if not words:
        return
    persons = [m for m in mentions if m.type == "PER" and m.entity]
    for ev in events:
        if ev.type in ("FOUNDING", "ACCESSION", "SIGNING") or ev.evidence is None:
            continue
        s, e = ev.evidence.start, ev.evidence.end
        if any((by_id.get(p.entity) or Entity("", "ORG", "")).type == "PER" for p in ev.participants) \
                or any(s <= m.start < e for m in persons):
            continue
        if not words & {normalize_key(w) for w in re.findall(r"\w+", text[s:e])}:
            continue
        before = [m for m in persons if m.end <= s and s - m.end < 600]
        if before:
            ev.participants.append(Participant(before[-1].entity))


@functools.cache
def _he_words(lang: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in (load_json("events_regional.json").get(lang) or {}).get("he", []))


@functools.cache
def _source_credits(lang: str) -> tuple[str, ...]:
    return tuple(normalize_key(w) for w in (load_json("events_regional.json").get(lang) or {}).get("source_credit", []))
