"""Job titles bound to persons.

Two shapes carry almost every title in official Russian texts:
  title before the name  — "визит Министра связи и информатизации Республики Беларусь Павла Ершова"
  title after the name   — "Петров А.В., заместитель министра ..., отметил"
Lists of participants are sequences of either shape. The organization and the state named inside
a title are resolved to entities, and a ministry named only through its minister's title
("Министр иностранных дел Республики Армения") becomes an organization of its own.
"""

from __future__ import annotations

import re

from ..model import Evidence, Mention, Role
from .entities import EntityTable
from .gazetteer import Gazetteer
from .nlp import Sentence, Token, lemma, parses
from .normalize import genitive_text, nominative_phrase
from .resources import load_json

_LEX = load_json("titles_ru.json")
HEADS: frozenset[str] = frozenset(_LEX["heads"])
MODIFIERS: frozenset[str] = frozenset(_LEX["modifiers"])
MINISTER_HEADS: frozenset[str] = frozenset(_LEX["minister_heads"])
_STOP_LEMMAS = frozenset(_LEX["stop_lemmas"])
_MAX_TITLE_TOKENS = 24
# initials and a surname in -ова/-ева/-ина: a woman's name in the nominative, or a man's in the
# genitive or accusative ('с участием Премьер-министра Б.А.Коврова')
_INITIALS_AND_A_SURNAME = re.compile(r"^((?:[А-ЯЁ]\.\s?){1,3})([А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын))а$")


def match_case_word(source: str, word: str) -> str:
    return word[:1].upper() + word[1:] if source[:1].isupper() else word


def text_between(sent: Sentence, a: int, b: int) -> str:
    return sent.text[a - sent.start:b - sent.start]


def _title_lemma(word: str) -> str:
    """The lemma a title word is looked up by: 'экс-глава' as 'глава'."""
    lem = lemma(word)
    if lem not in HEADS and word[:1].isupper() and parses(word)[0].tag.POS == "NOUN":
        # "Премьера Государственного Совета": a title's genitive read first as another noun ('премьера'),
        # not a preposition at a sentence's start ('После')
        lem = next((p.normal_form for p in parses(word) if p.normal_form in HEADS and p.tag.POS == "NOUN"), lem)
    return lem[4:] if lem.startswith("экс-") and len(lem) > 5 else lem


def _is_verb(tok: Token) -> bool:
    if not tok.text[:1].isalpha() or tok.text[:1].isupper():
        return False
    p = parses(tok.text)[0]
    return p.tag.POS in {"VERB", "INFN", "GRND", "PRTS"}


class RoleStep:
    """Attach job titles to the person mentions of each sentence."""

    name = "roles"

    def __call__(self, text: str, sents: list[Sentence], mentions: list[Mention],
                 table: EntityTable) -> list[tuple[int, int]]:
        """Attach titles to persons; return the character spans of the titles found."""
        spans: list[tuple[int, int]] = []
        self._mentions = mentions
        self._plural: tuple[int, str] | None = None  # (where the last holder's name ends, the shared title)
        for sent in sents:
            in_sent = [m for m in mentions if sent.start <= m.start < sent.end]
            persons = [m for m in in_sent if m.type == "PER" and m.entity]
            shared = self._shared_titles(text, sent, persons, in_sent, table)
            for p in persons:
                if id(p) in shared:
                    spans.append(shared[id(p)])
                    continue
                # a title before the name, and one more after it ("Бэллы Черкесовой, заместителя министра ...")
                for span in (self._before(sent, p, in_sent), self._after(sent, p, in_sent)):
                    if span is None:
                        continue
                    start, end = span
                    spans.append(span)
                    self._attach(text, sent, start, end, p, in_sent, table)
        _descriptive_titles(text, mentions, table)
        _state_ministers(text, mentions, table)
        _ministry_heads(text, mentions, table)
        return spans

    # -- finding the title -----------------------------------------------------------------------
    def _shared_titles(self, text, sent, persons, in_sent, table) -> dict:
        """'вице-премьеров Корвении и Остравии Павла Ланского и Ивана Дорна': a plural title with two
        states before two names joined by 'и' gives each the singular title with his own state."""
        out = {}
        for a, b in zip(persons, persons[1:], strict=False):
            if text[a.end:b.start].strip() != "и":
                continue
            span = self._before(sent, a, in_sent)
            if span is None:
                continue
            words = text[span[0]:span[1]].split()
            k = next((i for i, w in enumerate(words) if _title_lemma(w) in HEADS), None)
            if k is None or parses(words[k])[0].tag.number != "plur":
                continue
            locs = [m for m in in_sent if m.type == "LOC" and span[0] <= m.start and m.end <= span[1]]
            if len(locs) != 2 or text[locs[0].end:locs[1].start].strip() != "и" or locs[1].end != span[1]:
                continue
            head = parses(words[k])[0].inflect({"nomn", "sing"})
            if head is None:
                continue
            lead = " ".join(nominative_phrase(words[:k])) + " " if k else ""
            middle = text[text.find(words[k], span[0]) + len(words[k]):locs[0].start].strip()
            base = (lead + match_case_word(words[k], head.word) + (" " + middle if middle else "")).strip()
            for person, loc in ((a, locs[0]), (b, locs[1])):
                ent = table.entity(person.entity)
                title = f"{base} {text[loc.start:loc.end]}"
                place = table.entity(loc.entity)
                if ent is not None and all(r.title.casefold() != title.casefold() for r in ent.roles):
                    ent.roles.append(Role(title=title, organization=None, country=place.iso if place else None,
                                          evidence=Evidence(sent.start, sent.end, sent.text)))
                out[id(person)] = span
        return out

    def _before(self, sent: Sentence, person: Mention, in_sent: list[Mention]) -> tuple[int, int] | None:
        toks = [t for t in sent.tokens if t.end <= person.start]
        blockers = [m.end for m in in_sent if m.type == "PER" and m.end <= person.start]
        floor = max(blockers, default=sent.start)
        best = None
        quoted = _quoted_names(toks)
        for i in range(len(toks) - 1, max(-1, len(toks) - 1 - _MAX_TITLE_TOKENS), -1):
            tok = toks[i]
            if i in quoted:
                continue  # "президент компании «Ростелеком» Иван Петров": a quoted name inside the title
            if tok.start < floor or _is_verb(tok) or (
                    tok.text in {".", ";", "!", "?", "«", "»", '"'} and not _abbreviation_dot(toks, i)):
                break
            lem = _title_lemma(tok.text)
            if lem in _STOP_LEMMAS and tok.text.islower() and not _inside_title(toks, i):
                break
            if lem in HEADS:
                best = i
        if best is None:
            return None
        # take in modifiers before the head: "первого заместителя", "Чрезвычайный и Полномочный Посол"
        while best > 0 and (lemma(toks[best - 1].text) in MODIFIERS
                            or (toks[best - 1].text == "и" and best > 1 and lemma(toks[best - 2].text) in MODIFIERS)):
            best -= 1
        start, end = toks[best].start, toks[-1].end
        if end <= start:
            return None
        return start, end

    def _after(self, sent: Sentence, person: Mention, in_sent: list[Mention]) -> tuple[int, int] | None:
        toks = [t for t in sent.tokens if t.start >= person.end]
        if toks and toks[0].text == "." and toks[0].start == person.end and person.text[-1:].isupper():
            toks = toks[1:]  # "Сидоренко В.П., заместитель ...": the last initial's dot
        if len(toks) < 2 or toks[0].text not in {",", "—", "–", "("}:
            return None
        i = 1
        while i < len(toks) and lemma(toks[i].text) in MODIFIERS:
            i += 1
        if i >= len(toks) or _title_lemma(toks[i].text) not in HEADS:
            return None
        start = toks[1].start
        end = toks[i].end
        next_people = [m.start for m in in_sent if m.type == "PER" and m.start > person.end]
        limit = min(next_people, default=sent.end)
        for j in range(i + 1, min(len(toks), i + _MAX_TITLE_TOKENS)):
            t = toks[j]
            if t.text in {"—", "–"} and j + 1 < len(toks) and _title_lemma(toks[j + 1].text) in HEADS \
                    and toks[j + 1].start < limit:
                continue  # "заместитель Премьер-министра – министр иностранных дел ...": one compound title
            if t.start >= limit or t.text in {".", ";", ")", "—", "–", ":"} or _is_verb(t):
                break
            if t.text == ",":
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                if nxt is None or not _continues_name(nxt):
                    break
                continue
            end = t.end
        if limit < sent.end and not text_between(sent, end, limit).strip(" ,"):
            return None  # "Ван Лина, Исполняющего обязанности Премьер-министра А.Б.Сарыбекова": the next one's title
        return start, end

    # -- recording it ----------------------------------------------------------------------------
    def _attach(self, text, sent, start, end, person, in_sent, table: EntityTable) -> None:
        raw = text[start:end].strip(" ,")
        parts = _split_titles(raw)
        if len(parts) > 1:
            # "Министром образования ..., Председателем Совета ...": two titles of one person
            offset = start + (len(text[start:end]) - len(text[start:end].lstrip(" ,")))
            for part in parts:
                k = text.find(part, offset, end)
                if k < 0:
                    continue
                self._attach(text, sent, k, k + len(part), person, in_sent, table)
                offset = k + len(part)
            return
        shared = re.match(r"(\S+)(\s.*?)?\s[–—]\s", raw)
        first = parses(shared.group(1))[0] if shared else None
        if first is not None and first.tag.number == "plur" and _title_lemma(shared.group(1)) in HEADS:
            # "сопредседатели комиссии – заместитель Председателя ... X и ... Y": the plural title all of
            # them share, then each one's own
            single = first.inflect({"sing", "nomn"})
            ent = table.entity(person.entity)
            if single is not None and ent is not None:
                word = match_case_word(shared.group(1), single.word)
                own = (word + (shared.group(2) or "")).strip()
                if all(r.title.casefold() != own.casefold() for r in ent.roles):
                    ent.roles.append(Role(title=own, evidence=Evidence(sent.start, sent.end, sent.text)))
                self._plural = (person.end, own)
            self._attach(text, sent, start + (len(text[start:end]) - len(text[start:end].lstrip(" ,")))
                         + shared.end(), end, person, in_sent, table)
            return
        words = raw.split()
        title = _title_nominative(words)
        led = _led_body(text, sent, start, words, in_sent)
        if led is not None:  # "делегация Министерства связи ... во главе с министром X": the ministry's minister
            title, start = f"{title} {led[0]}", led[1].start
        else:
            title = _named_body(title, words, start, self._mentions, table)
        ent = table.entity(person.entity)
        if self._plural is not None and ent is not None and re.fullmatch(r"[\s,]*и\s+", text[self._plural[0]:start]):
            # "... X и заместитель ... Y": the next holder of the shared plural title
            if all(r.title.casefold() != self._plural[1].casefold() for r in ent.roles):
                ent.roles.append(Role(title=self._plural[1], evidence=Evidence(sent.start, sent.end, sent.text)))
            self._plural = (person.end, self._plural[1])
        inner = [m for m in in_sent if start <= m.start and m.end <= end and m.type in ("ORG", "LOC")]
        org = next((m for m in inner if m.type == "ORG" and m.entity), None)
        loc = next((m for m in inner if m.type == "LOC" and m.entity), None)
        country = None
        if loc is not None:
            place = table.entity(loc.entity)
            country = place.iso if place else None
        if org is None:
            derived = self._ministry_of(words, loc is not None, table)
            org_id = derived.id if derived else None
        else:
            org_id = org.entity
        role = Role(title=title, organization=org_id, country=country,
                    evidence=Evidence(sent.start, sent.end, sent.text))
        if ent is not None and all(r.title.casefold() != title.casefold() for r in ent.roles):
            ent.roles.append(role)
        if ent is not None and _oblique_title(words, title):
            _masculine_surname(ent, table)

    @staticmethod
    def _ministry_of(words: list[str], has_country: bool, table: EntityTable):
        """'Министр иностранных дел Республики Армения' names the ministry it heads."""
        for i, w in enumerate(words):
            if lemma(w) in MINISTER_HEADS and i + 1 < len(words) and has_country:
                tail = words[i + 1:]
                if not tail or not tail[0][:1].islower():
                    return None
                name = "Министерство " + " ".join(tail)
                return table.organization(name)
        return None


# "Глава государства поздравил ...": a descriptive title without a name is a role of the one person
# whose title is that office (the head of state is the president, the head of government the premier)
_DESCRIPTIVE = {"глава государства": ("президент",), "глава правительства": ("премьер-министр", "председатель")}
_DESCRIPTIVE_AT = re.compile(r"(?<![\w-])([Гг]лава (?:государства|правительства))(?![\w-])")


def _descriptive_titles(text: str, mentions: list[Mention], table: EntityTable) -> None:
    for m in _DESCRIPTIVE_AT.finditer(text):
        if any(p.type == "PER" and 0 <= p.start - m.end() <= 2 for p in mentions):
            continue  # "Глава государства Иван Петров": a title before a name, attached already
        heads = _DESCRIPTIVE[m.group(1).casefold()]
        holders = [e for e in table.entities if e.type == "PER" and any(
            r.title.split()[0].casefold() in heads and (heads[0] != "премьер-министр" or "правительств" in
                                                        r.title.casefold() or r.title.casefold().startswith(heads[0]))
            for r in e.roles if r.title)]
        if not holders:
            continue
        # several presidents: the release's own, the one it names first ("Президент Казахстана ... провел
        # разговор с Президентом Азербайджана ... Глава государства поздравил ...")
        first = {e.id: min((p.start for p in mentions if p.entity == e.id), default=len(text)) for e in holders}
        holder = min(holders, key=lambda e: first[e.id])
        if first[holder.id] < m.start() and all(r.title.casefold() != m.group(1).casefold() for r in holder.roles):
            holder.roles.append(Role(title=m.group(1)))


_STATE_MINISTER_AT = re.compile(r"(?<![\w-])([а-яё]+(?:ий|ый|ой) министр)(?![\w-])")


def _state_ministers(text: str, mentions: list[Mention], table: EntityTable) -> None:
    """'белорусский министр' with no name after it: a role of the one minister of that state."""
    gaz = Gazetteer.load()
    for m in _STATE_MINISTER_AT.finditer(text):
        if any(p.type == "PER" and 0 <= p.start - m.end() <= 2 for p in mentions):
            continue
        state = gaz.country_of_adjective(lemma(m.group(1).split()[0]))
        if state is None:
            continue
        holders = [e for e in table.entities if e.type == "PER" and any(
            r.country == state["iso2"] and r.title.split()[0].casefold() == "министр" for r in e.roles if r.title)]
        if len(holders) == 1 and all(r.title != m.group(1) for r in holders[0].roles):
            holders[0].roles.append(Role(title=m.group(1), country=state["iso2"]))


def _abbreviation_dot(toks: list[Token], i: int) -> bool:
    """The dot of an initial or of 'им.' inside a name the title runs over ('имени Н.Э. Баумана')."""
    if toks[i].text != "." or i == 0 or toks[i - 1].end != toks[i].start:
        return False
    prev = toks[i - 1].text
    return (len(prev) == 1 and prev.isupper()) or prev == "им"


# 'для' inside a title: 'директор Регионального отделения МСЭ для стран СНГ'
_TITLE_FOR = frozenset({"страна", "государство", "регион"})


def _inside_title(toks: list[Token], i: int) -> bool:
    return toks[i].text == "для" and i + 1 < len(toks) and lemma(toks[i + 1].text) in _TITLE_FOR


def _led_body(text: str, sent: Sentence, start: int, words: list[str], in_sent: list[Mention]):
    """A bare title after 'делегация <body> во главе с': the body's name that completes it, in the
    genitive ('министр' + 'связи ... Азербайджана' of 'Министерства связи ... Азербайджана', 'директор'
    + 'Агентства ...'), and the body's mention."""
    if len(words) > 2 or not re.search(r"(?<!\w)во\s+главе\s+с\s*$", text[max(sent.start, start - 16):start]):
        return None
    if len(words) == 2 and lemma(words[0]) in MINISTER_HEADS and lemma(words[1]) not in HEADS:
        return None  # "во главе с министром здравоохранения": the title is whole as written
    body = max((m for m in in_sent if m.type == "ORG" and m.entity and m.end <= start), key=lambda m: m.end,
               default=None)
    if body is None or not re.search(r"(?<!\w)делегаци\w*\s+$", text[max(sent.start, body.start - 12):body.start],
                                     re.IGNORECASE) or not re.fullmatch(r"\s*во\s+главе\s+с\s*",
                                                                         text[body.end:start]):
        return None
    name = " ".join(body.text.split())
    first, _, rest = name.partition(" ")
    if lemma(words[-1]) in MINISTER_HEADS and lemma(first) == "министерство" and rest:
        return rest, body
    return name, body


# "глава Минцифры России выступил ...": the head of a ministry named by its short name, with no name
_MINISTRY_HEAD_AT = re.compile(r"(?<![\w-])([Гг]лав[аыеуо]й?) ((?:Мин[а-яё]+|МИД)(?: [А-ЯЁ][\w-]*)?)(?![\w-])")


def _ministry_heads(text: str, mentions: list[Mention], table: EntityTable) -> None:
    """A ministry's head named only by the ministry's short name ('глава Минсвязи Азербайджана') is a
    role of the one minister of that state the text names."""
    for m in _MINISTRY_HEAD_AT.finditer(text):
        if any(p.type == "PER" and 0 <= p.start - m.end() <= 2 for p in mentions):
            continue  # "глава Минэнерго РФ Сергей Петров": a title before a name, attached already
        place = next((table.entity(x.entity) for x in mentions if x.type == "LOC" and x.entity
                      and m.start(2) <= x.start and x.end <= m.end()), None)
        iso = place.iso if place is not None else None
        known = Gazetteer.load().ministry_short_form(m.group(2).split()[0])
        field = known["full"].split()[1].casefold() if known and len(known["full"].split()) > 1 else ""
        holders = [e for e in table.entities if e.type == "PER" and any(
            lemma(r.title.split()[0]) in MINISTER_HEADS and (iso is None or r.country == iso)
            and field in r.title.casefold()  # 'Минэнерго': a minister of 'энергетики'
            for r in e.roles if r.title)]
        if len(holders) != 1:
            continue
        word = parses(m.group(1))[0].inflect({"nomn", "sing"})
        title = f"{match_case_word(m.group(1), word.word if word else 'глава')} {m.group(2)}"
        if all(r.title.casefold() != title.casefold() for r in holders[0].roles):
            holders[0].roles.append(Role(title=title, country=iso))


# a body named before by its full name, then by its kind alone: 'генеральный секретарь организации'
_BODY_KINDS = frozenset({"организация", "совет", "комиссия", "комитет", "союз", "фонд", "агентство"})


def _named_body(title: str, words: list[str], start: int, mentions: list[Mention], table: EntityTable) -> str:
    """'генеральный секретарь организации' after 'Шанхайской организации сотрудничества': the title
    with the body's full name (the one body of that kind the text named before)."""
    if len(words) < 2 or not words[-1].isalpha() or not words[-1].islower() or lemma(words[-1]) not in _BODY_KINDS \
            or _title_lemma(words[-2]) not in HEADS:
        return title  # the kind right after the head; 'Коллегии Евразийской экономической комиссии' is a name
    kind = lemma(words[-1])
    bodies = {m.entity for m in mentions if m.type == "ORG" and m.entity and m.end <= start}
    named = [e for e in (table.entity(b) for b in bodies) if e is not None
             and any(lemma(w) == kind for w in e.name.split()[:3])]
    if len(named) != 1 or (genitive := genitive_text(named[0].name)) is None:
        return title
    return title[: len(title) - len(title.split()[-1])] + genitive


def _quoted_names(toks: list[Token]) -> set[int]:
    """Indices of the tokens of short quoted names after a lower-case word or an acronym ('компании
    «Ростелеком»', 'ПАО «Ростелеком»')."""
    out: set[int] = set()
    for i, t in enumerate(toks):
        if t.text != "«" or i == 0 or not (toks[i - 1].text[:1].islower()
                                          or (len(toks[i - 1].text) >= 2 and toks[i - 1].text.isupper())):
            continue
        for j in range(i + 1, min(len(toks), i + 7)):
            if toks[j].text == "»":
                out.update(range(i, j + 1))
                break
    return out


def _split_titles(raw: str) -> list[str]:
    """A run of titles split where a comma is followed by another title's head (modifiers first)."""
    pieces = raw.split(", ")
    out = [pieces[0]]
    for piece in pieces[1:]:
        words = piece.split()
        k = 0
        while k < len(words) and lemma(words[k]) in MODIFIERS:
            k += 1
        if k < len(words) and _title_lemma(words[k].strip(",")) in HEADS and words[k][:1].isalpha():
            out.append(piece)
        else:
            out[-1] += ", " + piece
    return out


def _title_nominative(words: list[str]) -> str:
    """The title in the nominative; 'исполняющего обязанности Премьер-министра' keeps the genitive of
    the office it stands in for."""
    for k in range(len(words) - 1):
        if lemma(words[k]) == "исполнять" and lemma(words[k + 1]) == "обязанность":
            fem = words[k].casefold().endswith(("ая", "ей", "ую"))  # "исполняющей обязанности": a woman
            first = match_case_word(words[k], "исполняющая" if fem else "исполняющий")
            return " ".join([*words[:k], first, "обязанности", *words[k + 2:]])
    if words and lemma(words[0]) not in HEADS and parses(words[0])[0].tag.POS == "NOUN":
        head = next((p for p in parses(words[0]) if p.normal_form in HEADS and p.tag.POS == "NOUN" and p.tag.case), None)
        if head is not None and head.tag.case != "nomn" and (nom := head.inflect({"nomn", "sing"})) is not None:
            return " ".join([match_case_word(words[0], nom.word), *words[1:]])
    dash = next((k for k in range(1, len(words) - 1) if words[k] in ("–", "—")
                 and _title_lemma(words[k + 1]) in HEADS), None)
    if dash is not None:  # "заместителем Премьер-министра – министром ...": each part to the nominative
        return f"{_title_nominative(words[:dash])} {words[dash]} {_title_nominative(words[dash + 1:])}"
    if len(words) > 3 and words[1] == "и":
        # "Чрезвычайным и Полномочным Послом": two modifiers joined by 'и' agree with the head each
        out = nominative_phrase([words[0], *words[2:]])
        return " ".join([out[0], "и", *out[1:]])
    return " ".join(nominative_phrase(words))


def _continues_name(tok: Token) -> bool:
    """After a comma, a lower-case genitive word goes on with the same title:
    'Министерства цифрового развития, связи и массовых коммуникаций'."""
    if not tok.text[:1].islower():
        return False
    return any(p.tag.case == "gent" for p in parses(tok.text))


def _oblique_title(words: list[str], title: str) -> bool:
    """The title stands in the genitive or accusative: its first word changed in the nominative,
    and it has no other case reading ('Премьер-министра', 'Первого заместителя')."""
    if not words or not title or title.split()[0].casefold() == words[0].casefold():
        return False
    cases = {p.tag.case for p in parses(words[0]) if p.tag.case}
    return bool(cases) and cases <= {"gent", "accs", "gen2"}


def _masculine_surname(ent, table: EntityTable) -> None:
    """A person named by initials and a surname in -ова after a title in the genitive or accusative
    is a man: a woman's surname would read -овой or -ову there ('Б.А.Коврова' → 'Б.А.Ковров')."""
    m = _INITIALS_AND_A_SURNAME.match(ent.name)
    if m is None:
        return
    old, ent.name = ent.name, m.group(1) + m.group(2)
    ent.aliases = [a for a in ent.aliases if a != ent.name]
    table.alias(ent, old)


def body_head(org_id: str, table: EntityTable):
    """The one person whose title the text gives in the body `org_id` (its minister, its chairman): the
    holder 'глава Минцифры России' stands for; None where there are none or several."""
    holders = [e for e in table.entities if e.type == "PER" and any(r.organization == org_id for r in e.roles)]
    return holders[0] if len(holders) == 1 else None
