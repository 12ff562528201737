"""Entities of one document: NER spans turned into persons, organizations and places.

Every span is normalized (persons and organization heads to the nominative, places to their
short common name with an ISO 3166 code from the gazetteer), and later mentions — a surname
alone, initials, an acronym introduced in parentheses — are attached to the entity they refer to.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

from ..model import Entity, Mention
from .gazetteer import Gazetteer, normalize_key
from .nlp import lemma, morph, parses
from .normalize import (
    cyrillic_lookalikes,
    genitive_text,
    initials_of,
    name_cases,
    nominative_text,
    person_nominative,
    surname_key,
)
from .resources import load_json

ACRONYM = re.compile(r"^[А-ЯЁA-Z][А-ЯЁA-Z0-9]{1,7}(?:-[А-ЯЁA-Z0-9]+)?$")
_PAREN_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acr>[^()]{2,12})\)$")
_FOLLOWING_ACRONYM = re.compile(r"\s*\(([А-ЯЁA-Z][А-ЯЁA-Z0-9]{1,7})\)")
_INITIALS_ONLY = re.compile(r"^(?:[А-ЯЁA-Z]\.\s*){1,3}$")
_QUOTES = "«»\"“”„"
_NOT_ONE_BODY = Entity(id="", type="ORG", name="")
_STATE_ABBREVIATIONS = {k: v for k, v in load_json("organizations.json")["ministry_patterns"]
                        .get("state_abbreviations_ru", {}).items() if not k.startswith("_")}


def _common_compound(text: str) -> bool:
    m = re.fullmatch(r"[A-ZА-ЯЁ]{2,6}-([а-яё]+)", text.strip())
    if not m:
        return False
    from .nlp import parses

    return any(p.tag.POS == "NOUN" and "Geox" not in p.tag and "Orgn" not in p.tag for p in parses(m.group(1))[:1])


def _head_lemma(text: str) -> str | None:
    words = re.findall(r"[\w-]+", text)
    return lemma(words[0]) if words else None


def _full_org_name(text: str, start: int, end: int) -> str:
    """The name of a body as the text gives it in full: with its legal form and quotes
    ('ПАО «Ростелеком»') and with the complement that tells which body it is
    ('Рабочая группа по цифровой экономике', 'Государственное агентство ... при Кабинете министров')."""
    from .nlp import parses

    before = text[max(0, start - 8):start]
    legal = _LEGAL_BEFORE.search(before)
    if legal and text[end:end + 1] == "»":
        start, end = start - (len(before) - legal.start()), end + 1
    name = text[start:end]
    tail = text[end:end + 160].split("\n", 1)[0]  # a name does not run on into the next paragraph
    words = list(re.finditer(r"«[^«»]{1,80}»|[\w-]+|[^\w\s]", tail))
    if not words:
        return name
    first = words[0].group().casefold()
    second = lemma(words[1].group()) if len(words) > 1 else ""
    if not (first in _ORG_COMPLEMENT or (first, second) in _ORG_COMPLEMENT_PAIRS):
        return name
    if ACRONYM.match(name) or not any(lemma(w) in COMPLEMENT_HEADS for w in re.findall(r"[\w-]+", name)[:3]):
        return name
    if not tail[:words[0].start()].isspace() or words[0].start() == 0:
        return name
    cut = None
    for k, w in enumerate(words[1:], 1):
        tok = w.group()
        if tok.startswith("«"):
            cut = w.end()
            continue
        if tok in "–—-" and k + 1 < len(words) and lemma(words[k - 1].group()) in ("государство", "страна") \
                and lemma(words[k + 1].group()) in ("участник", "член"):
            continue  # "... государств – участников СНГ": the members of the union, part of the name
        if not tok[:1].isalnum():
            break
        if k > 10:
            break
        p = parses(tok)[0]
        if k + 1 < len(words) and name_cases((tok, words[k + 1].group())) \
                and words[k - 1].group().casefold() not in ("имени", "им"):
            break  # '... по вопросам этики в сфере ИИ Павел Ершов': a first name and surname, the person who heads it
        if p.tag.POS in {"VERB", "GRND", "PRTS", "INFN"} or (tok.casefold() == "и" and k + 1 < len(words)
                                                               and parses(words[k + 1].group())[0].tag.POS == "VERB"):
            break
        if tok[:1].isdigit() and k > 1 and lemma(words[k - 1].group()) not in {"год", "конференция"}:
            cut = w.end()
            continue
        cut = w.end()
    return name + tail[:cut] if cut else name


def _only_title_words(text: str) -> bool:
    """'Министр', 'Посол' tagged as a person by the model: a title, not a name."""
    words = re.findall(r"[\w-]+", text)
    return bool(words) and all(lemma(w) in _TITLE_WORDS for w in words)


_TITLES = load_json("titles_ru.json")
_TITLE_WORDS = frozenset(_TITLES["heads"]) | frozenset(_TITLES["modifiers"])  # roles.HEADS | roles.MODIFIERS


def phrase_key(text: str) -> str:
    """A key that ignores case, quotes and inflection of every word: for matching names."""
    words = re.findall(r"[\w-]+", text)
    return " ".join(lemma(w) for w in words)


@dataclass
class _Person:
    names: list[str] = field(default_factory=list)

    @property
    def best(self) -> str:
        full = [n for n in self.names if not re.search(r"\b[А-ЯЁA-Z]\.", n) and len(n.split()) >= 2]
        if full:
            return max(full, key=lambda n: (len(n.split()), len(n)))
        with_initials = [n for n in self.names if re.search(r"\b[А-ЯЁA-Z]\.", n)]
        if with_initials:
            return max(with_initials, key=len)
        return self.names[0]


class EntityTable:
    """The entities of one document, with the keys that find them again."""

    def __init__(self, lang: str = "ru"):
        self.lang = lang
        self.gaz = Gazetteer.load()
        self.entities: list[Entity] = []
        self._by_key: dict[tuple[str, str], Entity] = {}
        self._made: dict[str, int] = {}

    def new(self, type_: str, name: str, **kw) -> Entity:
        """A new entity of this document, numbered within its type (p1, o2, l3)."""
        prefix = {"PER": "p", "ORG": "o", "LOC": "l"}[type_]
        self._made[type_] = self._made.get(type_, 0) + 1  # not the count: an entity may be taken out
        ent = Entity(id=f"{prefix}{self._made[type_]}", type=type_, name=name, **kw)
        self.entities.append(ent)
        return ent

    def alias(self, ent: Entity, alias: str) -> None:
        """Another name of an entity: kept among its aliases and as a key that finds it again."""
        if alias and alias != ent.name and alias not in ent.aliases:
            ent.aliases.append(alias)
        self._by_key.setdefault((ent.type, normalize_key(alias)), ent)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None) if entity_id else None

    def link_persons(self, pending: list[tuple[Mention, _Person]]) -> None:
        """One entity per cluster of person mentions, named by its fullest form; each mention points to it."""
        made: dict[int, Entity] = {}
        for m, cluster in pending:
            ent = made.get(id(cluster))
            if ent is None:
                ent = self.new("PER", cluster.best, kind="person")
                for n in cluster.names:
                    if n != ent.name and n not in ent.aliases:
                        ent.aliases.append(n)
                self._by_key[("PER", normalize_key(ent.name))] = ent
                self._by_key[("PER", surname_key(ent.name))] = ent
                made[id(cluster)] = ent
            m.entity = ent.id

    def forget(self, ids: set[str], mentions: list | None = None) -> None:
        """Entities taken out of the document: gone from the table, found by no key any more, and the
        `mentions` that named them name no entity."""
        self.entities[:] = [e for e in self.entities if e.id not in ids]
        self._by_key = {k: e for k, e in self._by_key.items() if e.id not in ids}
        for m in mentions or ():
            if m.entity in ids:
                m.entity = None

    def move_alias(self, alias: str, source: Entity, target: Entity) -> None:
        """An alias given to the wrong entity ('EEC' after 'Board of the Eurasian Economic Commission')
        belongs to another one."""
        if alias in source.aliases:
            source.aliases.remove(alias)
        if alias != target.name and alias not in target.aliases:
            target.aliases.append(alias)
        self._by_key[(target.type, normalize_key(alias))] = target

    def absorb(self, short: Entity, full: Entity) -> None:
        """`short` was `full` named in fewer words: one entity, by the full name, the short one an alias."""
        for a in [short.name, *short.aliases]:
            if a != full.name and a not in full.aliases:
                full.aliases.append(a)
        self.entities.remove(short)
        self._by_key = {k: (full if e is short else e) for k, e in self._by_key.items()}

    def get(self, type_: str, key: str) -> Entity | None:
        return self._by_key.get((type_, normalize_key(key)))

    # -- places --------------------------------------------------------------------------------
    def resolve_place(self, surface: str) -> tuple[str, str | None, str, dict | None]:
        """(canonical name, iso, kind, gazetteer entry) for a place as written in any case."""
        text = surface.strip(_QUOTES + " ").removeprefix("г.").strip()
        geo = _geo_nominative(text)
        candidates = [text, phrase_key(text), nominative_text(text), *([geo] if geo else [])]
        for key in candidates:
            entry = self.gaz.country(key)
            if entry:
                return self.gaz.place_name(entry, self.lang), entry["iso2"], "country", entry
        for key in candidates:
            entry = self.gaz.city(key)
            if entry:
                return self.gaz.place_name(entry, self.lang), entry.get("country"), "city", entry
        return geo or nominative_text(text), None, "place", None

    def place(self, surface: str, alias: str | None = None) -> Entity:
        name, iso, kind, _ = self.resolve_place(surface)
        key = f"iso:{iso}" if kind == "country" and iso else name
        ent = self._by_key.get(("LOC", normalize_key(key)))
        if ent is None:
            ent = self.new("LOC", name, kind=kind, iso=iso)
            self._by_key[("LOC", normalize_key(key))] = ent
            self._by_key[("LOC", normalize_key(name))] = ent
        if alias and alias != name and kind != "country":
            self.alias(ent, alias)
        return ent

    # -- organizations ---------------------------------------------------------------------------
    def organization(self, surface: str) -> Entity | None:
        text = " ".join(surface.split()).strip(" ,.;:")
        acronym = None
        m = _PAREN_ACRONYM.match(text)
        if m and ACRONYM.match(m.group("acr").strip()):
            text, acronym = m.group("name").strip(), m.group("acr").strip()
        if ACRONYM.match(text):
            return self._acronym_org(text)
        words = re.findall(r"[\w-]+", text)
        if not words or _only_title_words(text):
            return None
        if len(words) > 2 and words[-1] in _STATE_ABBREVIATIONS and words[-2][:1].islower():
            # "Министерство ... промышленности РК": the state written out as a ministry's full name has it
            return self.organization(text[:text.rindex(words[-1])].rstrip() + " "
                                     + _STATE_ABBREVIATIONS[words[-1]]["genitive"])
        members = _MEMBERS_EN.search(text) if self.lang == "en" else None
        entry = self._gazetteer_org(text[:members.start()]) if members else None
        if entry is not None:
            # "Council of Foreign Ministers of the CIS member states": a known body by the text's full name
            ent = self._gazetteer_entity(entry)
            self._name_in_full(ent, text)
            return ent
        short = self._ministry(words)
        if short is _NOT_ONE_BODY:
            return None
        if short is not None:
            return short
        known = len(words) > 1 and (self._gazetteer_org(text) or self._gazetteer_org(nominative_text(text)))
        if all(lemma(w) in GENERIC_HEADS or lemma(w) in GENERIC_MODIFIERS for w in words) and not known:
            # "Совет", "Рабочая группа" alone: the body of that kind named in full before, else nothing
            # (a known body's name of such words, "Евразийский межправительственный совет", is a name)
            head = next(lemma(w) for w in words if lemma(w) in GENERIC_HEADS) \
                if any(lemma(w) in GENERIC_HEADS for w in words) else lemma(words[-1])
            head = CONTRACTED_HEADS.get(head, head)
            return next((e for e in reversed(self.entities) if e.type == "ORG"
                         and head in {lemma(w) for w in re.findall(r"[\w-]+", e.name)[:3]}), None)
        if words[0][:1].islower() and not self._gazetteer_org(text):
            return None  # "органы Содружества", "руководство ..." — not a name
        if acronym and not _acronym_matches(acronym, text):
            # "Совета Международной ассоциации ... (МАОЦС)": the acronym names the inner body
            inner = _acronym_suffix(acronym, words)
            if inner:
                self.alias(self.organization(inner), acronym)
                acronym = None
        entry = self._gazetteer_org(text)
        whole = entry is not None
        if entry is None:
            name = nominative_text(text)
            entry = self._gazetteer_org(name) or self._contracted(words)
            whole = entry is not None
            entry = entry or self._gazetteer_prefix(words)
        if entry is not None:
            n, ent = len(self.entities), self._gazetteer_entity(entry)
            # a former name ("formerly the Cooperation Council ...") does not rename the body told before
            former = len(self.entities) == n and not ACRONYM.match(ent.name.split()[-1]) \
                and nominative_text(text) in entry.get("variants", {}).get(self.lang, [])
            if whole and not former and not any(w in _MEMBER_STATES for w in words):  # "стран": no name
                self._name_in_full(ent, nominative_text(text))
        else:
            name = nominative_text(text)
            expanded = self._expanded_key(words)
            ent = self.get("ORG", name) or self.get("ORG", phrase_key(name)) or (
                self.get("ORG", expanded) if expanded else None)
            if ent is not None and ent.name != name and ACRONYM.match(ent.name.split()[-1]) \
                    and not ACRONYM.match(words[-1]):
                # "Совет глав ... РСС" told before "Совет глав ... Регионального содружества ...": the full name
                short, ent.name = ent.name, name
                self.alias(ent, short)
                self._by_key[("ORG", normalize_key(name))] = ent
            elif ent is not None and ent.name != name and expanded:
                self.alias(ent, name)
            if ent is None:
                full = self._written_out(words, name) if expanded else None
                ent = self.new("ORG", full or name, kind="organization")
                if full:
                    self.alias(ent, name)  # "Совет МСЭ" as the text writes it
                self._by_key[("ORG", normalize_key(name))] = ent
                self._by_key[("ORG", normalize_key(phrase_key(name)))] = ent
                if expanded:
                    self._by_key.setdefault(("ORG", normalize_key(expanded)), ent)
        if acronym:
            self.alias(ent, acronym)
        return ent

    def _contracted(self, words: list[str]) -> dict | None:
        """A known body named with another body written out where the gazetteer has its acronym
        ('Совет глав администраций связи Регионального содружества в области связи' for 'Совет глав
        администраций связи РСС')."""
        for k in range(1, len(words) - 1):
            if not words[k][:1].isupper():
                continue
            inner = self._gazetteer_org(nominative_text(" ".join(words[k:])))
            head = words[:k]
            while len(head) > 1 and head[-1].casefold() in _MEMBER_STATES:
                head = head[:-1]  # "Совет министров ... стран Содружества ..." = "... СНГ"
            for acr in (inner or {}).get("acronyms", {}).get(self.lang, []):
                entry = self._gazetteer_org(nominative_text(" ".join(words[:k])) + " " + acr) or (
                    self._gazetteer_org(nominative_text(" ".join(head)) + " " + acr) if len(head) < k else None)
                if entry is not None:
                    return entry
            if inner is not None:
                return None
        return None

    def _expanded_key(self, words: list[str]) -> str | None:
        """The key of a name that ends in a known body's acronym, with the acronym written out
        ('Совет глав администраций связи РСС' → ... 'региональный содружество в область связь')."""
        if len(words) < 2 or not ACRONYM.match(words[-1]):
            return None
        body = self.get("ORG", words[-1])
        if body is not None:
            full = body.name
        else:
            entry = self.gaz.organization(words[-1])
            names = (entry or {}).get("name", {})
            full = names.get(self.lang)
        if not full or ACRONYM.match(full):
            return None
        return phrase_key(" ".join(words[:-1]) + " " + full)

    def _written_out(self, words: list[str], name: str) -> str | None:
        """'Совет МСЭ' → 'Совет Международного союза электросвязи': a body named by a head noun and a known
        intergovernmental body's acronym, with the acronym written out in the genitive."""
        acr = words[-1]
        if len(words) != 2 or acr in _STATE_ABBREVIATIONS or lemma(words[0]) not in GENERIC_HEADS:
            return None  # only a head and the acronym: "Бюро развития электросвязи МСЭ" stays as written
        entry = self.gaz.organization(acr)
        if entry is None or entry.get("kind") not in _WRITTEN_OUT_KINDS:
            return None
        full = entry.get("name", {}).get(self.lang)
        gen = genitive_text(full) if full and not ACRONYM.match(full) else None
        if not gen or not name.endswith(acr):
            return None
        return name[:-len(acr)].rstrip() + " " + gen

    def _name_in_full(self, ent: Entity, name: str) -> None:
        """A known body the text names in more words than the gazetteer's short form ('Совет министров
        иностранных дел Содружества Независимых Государств' for 'Совет министров иностранных дел СНГ')
        is called by the text's full name; the short form stays an alias."""
        if len(name.split()) <= len(ent.name.split()) or ACRONYM.match(name.split()[-1]):
            return
        short, ent.name = ent.name, name
        self.alias(ent, short)
        self._by_key.setdefault(("ORG", normalize_key(name)), ent)

    def _ministry(self, words: list[str]) -> Entity | None:
        """'Минцифры России', 'МИД Беларуси': a short form expanded with the state named after it;
        'Kazakh MFA': in English the state's adjective stands before it."""
        if self.lang == "en" and len(words) == 2 and self.gaz.ministry_short_form(words[1]) is not None:
            return self._english_ministry(words[1], self.gaz.country_of_adjective(words[0]), words)
        if self.lang == "en" and len(words) == 3 and words[1] == "of" and self.gaz.ministry_short_form(words[0]):
            return self._english_ministry(words[0], self.gaz.country(words[2]), words)
        entry = self.gaz.ministry_short_form(words[0])
        if entry is None:
            return None
        if len(words) == 2 and ACRONYM.match(words[1]) and self.gaz.organization(words[1]) is not None \
                and words[1] not in _STATE_ABBREVIATIONS:
            return _NOT_ONE_BODY  # "Главы МИД СНГ": the ministries of a union's states, not one body
        country = None
        if len(words) == 2 and words[1] in _STATE_ABBREVIATIONS:  # "МИД РТ"
            country = _STATE_ABBREVIATIONS[words[1]]["iso2"]
        elif len(words) > 1:
            found = self.gaz.country(" ".join(words[1:])) or self.gaz.country(phrase_key(" ".join(words[1:])))
            country = found["iso2"] if found else None
        full = self.gaz.expand_ministry(words[0], country or entry.get("country"))
        if not full:
            return None
        ent = self.organization(full)
        if ent is not None:
            self.alias(ent, " ".join(words))
        return ent

    def _english_ministry(self, short: str, country: dict | None, words: list[str]) -> Entity | None:
        """'Kazakh MFA', 'MFA of Kazakhstan' → 'Ministry of Foreign Affairs of Kazakhstan', the short
        form an alias."""
        if country is None or not country.get("iso2"):
            return None
        full = self.gaz.expand_ministry(short, country["iso2"])
        if not full:
            return None
        if self.gaz.ministry_short_form(short).get("country") is None and \
                full == self.gaz.ministry_short_form(short)["full"]:
            full = f"{full} of {self.gaz.place_name(country, 'en')}"  # the generic form, with its state
        ent = self.get("ORG", full)
        if ent is None:
            ent = self.new("ORG", full, kind="organization")
            self._by_key[("ORG", normalize_key(full))] = ent
        self.alias(ent, " ".join(words))
        return ent

    def _gazetteer_prefix(self, words: list[str]) -> dict | None:
        """'Шанхайской организации сотрудничества в сфере ИКТ': a known body whose name ran on."""
        for k in range(len(words) - 1, 1, -1):
            if words[k].casefold() in {"в", "во", "по", "на", "для"}:
                head = " ".join(words[:k])
                entry = self._gazetteer_org(head) or self._gazetteer_org(nominative_text(head))
                if entry:
                    return entry
        return None

    def known_body(self, surface: str) -> bool:
        """The gazetteer knows this name or acronym as a body."""
        text = " ".join(surface.split()).strip(" ,.;:")
        if ACRONYM.match(text):
            return self.gaz.organization(text) is not None
        return self._gazetteer_org(text) is not None or self._gazetteer_org(nominative_text(text)) is not None

    def _gazetteer_org(self, text: str) -> dict | None:
        return self.gaz.organization(text) or self.gaz.organization(phrase_key(text))

    def _gazetteer_entity(self, entry: dict) -> Entity:
        names = entry.get("name", {})
        name = names.get(self.lang) or names.get("en") or next(iter(names.values()))
        ent = self.get("ORG", name)
        if ent is None:
            ent = self.new("ORG", name, kind=entry.get("kind") or "organization", gazetteer_id=entry.get("id"))
            self._by_key[("ORG", normalize_key(name))] = ent
            self._by_key[("ORG", normalize_key(phrase_key(name)))] = ent
        for acr in entry.get("acronyms", {}).get(self.lang, []):
            self.alias(ent, acr)
        return ent

    def _acronym_org(self, acr: str) -> Entity:
        ent = self.get("ORG", acr)
        if ent:
            return ent
        entry = self.gaz.organization(acr) or self.gaz.organization(cyrillic_lookalikes(acr))
        if entry is not None:
            ent = self._gazetteer_entity(entry)
            self.alias(ent, acr)
            return ent
        # an acronym of an organization already named in full ("Региональное содружество в области связи")
        for e in self.entities:
            if e.type == "ORG" and _acronym_of(e.name).casefold() == acr.casefold():
                self.alias(e, acr)
                return e
        ent = self.new("ORG", acr, kind="organization")
        self._by_key[("ORG", normalize_key(acr))] = ent
        return ent


_MEMBER_STATES = frozenset(load_json("ner_ru.json")["member_states"])
_MEMBERS_EN = re.compile(r"\s+(?:member|participating)\s+(?:states|countries)$")
# bodies whose acronym a name is written out with (README of the real set: ШОС → Шанхайская организация ...)
_WRITTEN_OUT_KINDS = frozenset({"intergovernmental", "un_principal_organ", "un_specialized_agency", "un_body",
                                "telecom_regional", "un_regional_commission", "parliamentary"})
GENERIC_HEADS = frozenset({"совет", "комиссия", "подкомиссия", "комитет", "министерство", "правительство",
                           "секретариат", "исполком", "ведомство", "агентство", "служба", "организация", "союз",
                           "содружество", "группа", "подгруппа", "форум", "ассоциация", "парламент", "администрация",
                           "департамент", "управление", "коллегия", "центр", "альянс", "коалиция", "отделение",
                           "бюро", "университет", "академия", "институт", "фонд", "банк", "компания", "палата",
                           "межправкомиссия", "межправсовет"})
# contracted heads ("Межправкомиссия"): the short form of a body whose name has the full head noun
CONTRACTED_HEADS = {"межправкомиссия": "комиссия", "межправсовет": "совет"}
GENERIC_MODIFIERS = frozenset({"рабочий", "региональный", "совместный", "межправительственный", "исполнительный",
                               "национальный", "государственный", "генеральный", "постоянный", "экспертный",
                               "консультативный", "координационный", "деловой", "высокий", "евразийский",
                               "российско-китайский", "двусторонний", "наш", "этот", "данный", "указанный"})
COMPLEMENT_HEADS = frozenset({"группа", "подгруппа", "комиссия", "подкомиссия", "комитет", "агентство", "альянс",
                              "коалиция", "отделение", "совет", "центр", "фонд", "ассоциация", "служба", "бюро",
                              "сеть", "консорциум", "партнерство", "посольство", "представительство"})
DIVISION_HEADS = frozenset({"департамент", "отдел", "управление", "пресс-служба", "руководство", "делегация",
                            "аппарат", "сотрудник", "представитель", "подразделение", "сектор"})
LEGAL_FORMS = r"(?:ПАО|ОАО|АО|ЗАО|ООО|НАО|РУП|ГУП|ФГУП|МУП|АНО|НКО|ТОО|АОО|ЧАО|ГП|УП|ОДО)"
# a legal form or a kind of outlet written as an acronym ('МТРК «Мир»', 'ИА «Кабар»') is part of the name
_LEGAL_BEFORE = re.compile(r"(?:" + LEGAL_FORMS + r"|(?<![\w-])[А-ЯЁ]{2,5})\s*«$")
_ORG_COMPLEMENT = frozenset({"по", "при", "для"})
_ORG_COMPLEMENT_PAIRS = frozenset({("в", "область"), ("в", "сфера"), ("в", "отрасль"), ("по", "вопрос")})


def _acronym_matches(acr: str, name: str) -> bool:
    """The acronym of the name: every word's initial, or the initials without the noun that follows a
    preposition ('РСС' for 'Региональное содружество в области связи'); the first word counts."""
    if _acronym_of(name).casefold() == acr.casefold():
        return True
    tokens = re.findall(r"[\w-]+", name)
    words, optional = [], []
    for k, w in enumerate(tokens):
        if len(w) > 2 or w[:1].isupper():
            words.append(w)
            optional.append(k > 0 and tokens[k - 1].casefold() in ("в", "во", "по", "на") and w[:1].islower())
    letters = acr.casefold()
    if len(letters) < 3 or not any(optional):
        return False
    for skip in range(1 << sum(optional)):
        bits, kept = skip, []
        for w, opt in zip(words, optional, strict=True):
            if opt:
                bits, drop = bits >> 1, bits & 1
                if drop:
                    continue
            kept.append(w[:1].casefold())
        if "".join(kept) == letters:
            return True
    return False


def _acronym_suffix(acr: str, words: list[str]) -> str | None:
    for k in range(1, len(words) - 1):
        tail = " ".join(words[k:])
        if _acronym_matches(acr, tail):
            return tail
    return None


def _acronym_of(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[\w-]+", name) if len(w) > 2 or w[:1].isupper()).upper()


_NAVIGATION = frozenset(load_json("ner_ru.json")["navigation"])
_VENUES = frozenset(load_json("ner_ru.json")["venues"])
_REGION_HEADS = frozenset(load_json("ner_ru.json")["region_heads"])
_BYLINE_BEFORE = re.compile(
    r"(?:©\s*|^\s*[A-ZА-ЯЁ][A-ZА-ЯЁ\- ]+,\s*\d{1,2}\s+\w+\.?\s*[-–—]\s*|\d{1,2}:\d{2}\s*[-–—|]\s*)$")


_BREADCRUMB = re.compile(r"[ \t]*(?:Главная|Home)[ \t]*[/>»|]")
_EDITION = re.compile(r"[A-ZА-ЯЁ]{2,8}-(?:\d{2}|20\d{2})")
_PAGE_TITLE_AFTER = re.compile(r",\s*\d{1,2}\.\d{1,2}\.\d{4}[ \t]*(?:\n|$)")  # "... - РИА Новости, 15.01.2026"


def _not_a_named_body(text: str, start: int, end: int) -> bool:
    """An organization span that names no body of the story: no letters ('19.09.2022'), a common word
    in capitals ('ПОЛИТИКА', a site's section), the outlet of a dateline or a photo credit
    ('ТАШКЕНТ, 8 авг - Sputnik.', '/ТАСС/', '© Sputnik', a page title's '... - Агентство, 15.01.2026'), a
    section after a time stamp, or a name in
    a site's navigation line ('Подписывайтесь на ... в Дзен')."""
    surface = text[start:end]
    if not any(c.isalpha() for c in surface) or _EDITION.fullmatch(surface.strip()):
        return True  # "19.09.2022"; "ВКРЭ-25", "WRC-19": an edition of a conference, an event
    if surface.isupper() and " " not in surface and len(surface) > 4:
        ps = parses(surface)
        if ps and "Abbr" not in ps[0].tag and _known_word(surface.lower()):
            return True
    line_start = text.rfind("\n", 0, start) + 1
    if text[start - 1:start] == "/" and text[end:end + 1] == "/" and (start < 2 or not text[start - 2].isalnum()):
        return True  # "МОСКВА, 9 октября. /ТАСС/."
    if _BYLINE_BEFORE.search(text[max(line_start, start - 60):start]) or (
            _PAGE_TITLE_AFTER.match(text, end) and re.search(r"\s[-–—]\s*$", text[line_start:start])):
        return True
    if lemma(re.match(r"\W*([\w-]*)", surface).group(1)) in _VENUES:
        return True  # "в Доме правительства", "во Дворце Независимости": where it took place
    if _BREADCRUMB.match(text, line_start):
        return True  # "Главная / Пресс-центр / Новости": the site's path, not a body
    first = re.match(r"\W*(\w+)", text[line_start:end])
    return bool(first and first.group(1).lower() in _NAVIGATION)


_CREDIT_BEFORE = re.compile(r"©[^\n/]{0,60}/\s*$")
_BYLINE = re.compile(r"\([^()\n]{2,60},\s*$")


def _credit(text: str, start: int, end: int) -> bool:
    """A name in a photo credit ('© Sputnik / Иван Петров') or in a byline that closes a bracket after
    the agency ('(ИА «Вести», Иван Петров)'): the author, not a person of the story."""
    if _CREDIT_BEFORE.search(text[max(0, start - 70):start]):
        return True
    return bool(_BYLINE.search(text[max(0, start - 62):start])) and text[end:end + 1] == ")"


def _local_abbreviation(text: str, start: int, end: int) -> bool:
    """'администраций связи (АС)': an abbreviation the text makes for common words, no body's acronym."""
    acr = text[start:end]
    if not (2 <= len(acr) <= 6 and acr.isupper() and acr.isalpha()) or text[start - 1:start] != "(":
        return False
    words = re.findall(r"[\w-]+", text[max(0, start - 120):start - 1])[-len(acr):]
    return len(words) == len(acr) and all(w[:1].islower() for w in words) and \
        "".join(w[0] for w in words).upper() == acr.upper()


def _known_word(word: str) -> bool:
    return morph().word_is_known(word)


@functools.lru_cache(maxsize=50_000)
def _geo_nominative(text: str) -> str | None:
    """A one-word place by its reading as a place name ('Астану' → 'Астана', not the first name
    'Астан'), when the dictionary has one. Cached (bounded): pymorphy's inflection is dear."""
    if " " in text or not text[:1].isupper():
        return None
    geo = [p for p in parses(text) if "Geox" in p.tag]
    if not geo:
        return None
    form = geo[0].inflect({"nomn"})
    word = form.word if form else geo[0].normal_form
    return word[:1].upper() + word[1:]


def _merge_short_names(table: EntityTable, mentions: list[Mention]) -> None:
    """A body named once in full and once in fewer words is one: 'Совет министров иностранных дел' in a
    headline and 'Совет министров иностранных дел СНГ' in the text, 'Минсвязи Азербайджана' and
    'Министерство связи и информационных технологий Азербайджана'. Only when one named body fits; a
    known body of the gazetteer is a body of its own ('Организация Объединенных Наций' stays beside
    'Организация Объединенных Наций по промышленному развитию')."""
    orgs = [e for e in table.entities if e.type == "ORG"]
    # a shorter name has two words or more and fewer than the full one's (see _shorter_name_of): counted
    # once, a cheap test before the pairwise reading, which was the whole step's time in a long text
    size = {id(e): len(re.findall(r"[\w-]+", e.name)) for e in orgs}
    for short in orgs:
        if short.gazetteer_id or size[id(short)] < 2:
            continue
        fits = [e for e in orgs if e is not short and size[id(e)] > size[id(short)] and e in table.entities
                and _shorter_name_of(short.name, e.name)]
        if len(fits) != 1:
            continue
        table.absorb(short, fits[0])
        for m in mentions:
            if m.entity == short.id:
                m.entity = fits[0].id


def _shorter_name_of(short: str, full: str) -> bool:
    sw, fw = re.findall(r"[\w-]+", short), re.findall(r"[\w-]+", full)
    if len(sw) >= 2 and len(fw) > len(sw) and not ACRONYM.match(sw[0]) and fw[len(sw)][:1].isupper() \
            and all(lemma(a) == lemma(b) for a, b in zip(sw, fw, strict=False)):
        return True  # the full name runs on after the short one: "Электроэнергетический совет" + " СНГ"
    m = _CONTRACTED_MINISTRY.match(sw[0]) if sw else None
    if m and len(sw) >= 2 and len(fw) > len(sw) and lemma(fw[0]) == "министерство":
        # "Минсвязи Азербайджана": "Мин" + the start of the ministry's first word, then the same state
        stem = m.group(1).casefold()
        tail = len(sw) - 1
        return fw[1].casefold().startswith(stem[:4]) and \
            [lemma(w) for w in sw[1:]] == [lemma(w) for w in fw[-tail:]]
    return False


_CONTRACTED_MINISTRY = re.compile(r"^Мин([а-яё]{3,})$")


_ACRONYM_PAIR = re.compile(r"[A-ZА-ЯЁ]{2,}(?:/[A-ZА-ЯЁ]{2,})+")
_EVENT_LEAD = re.compile(r"(\w+)\s+(?=[A-ZА-ЯЁ])")
_EVENT_NOUNS = {"заседание", "встреча", "совещание", "переговоры", "визит", "сессия"}


class PersonClusters:
    """Person mentions grouped by surname and compatible initials, named by their fullest form."""

    def __init__(self):
        self.clusters: list[_Person] = []

    def add(self, name: str) -> _Person:
        sk, ini = surname_key(name), initials_of(name)
        for c in self.clusters:
            cname = c.best
            if surname_key(cname) != sk:
                continue
            cini = initials_of(cname)
            if not ini or not cini or all(a == b for a, b in zip(ini, cini, strict=False)):
                c.names.append(name)
                return c
        c = _Person([name])
        self.clusters.append(c)
        return c


class EntityStep:
    """NER spans → mentions linked to entities (persons, organizations, places)."""

    name = "entities"

    def __call__(self, text: str, spans, table: EntityTable) -> list[Mention]:
        outer_orgs = [s for s in spans if s.type == "ORG"]
        persons = PersonClusters()
        pending: list[tuple[Mention, _Person]] = []
        mentions: list[Mention] = []
        divisions = [s for s in outer_orgs if _head_lemma(text[s.start:s.end]) in DIVISION_HEADS]
        outer_orgs = [s for s in outer_orgs if s not in divisions]
        for s in spans:
            surface = text[s.start:s.end]
            if s.type == "ORG" and _ACRONYM_PAIR.fullmatch(surface):
                # "РСС/СНГ": two bodies written as one
                for part in re.finditer(r"[^/]+", surface):
                    pm = Mention(s.start + part.start(), s.start + part.end(), "ORG", part.group())
                    ent = table.organization(part.group())
                    pm.entity = ent.id if ent else None
                    mentions.append(pm)
                continue
            lead = _EVENT_LEAD.match(surface)
            if s.type == "ORG" and lead and lemma(lead.group(1)) in _EVENT_NOUNS:
                # "Заседание Совета глав правительств": the meeting of a body, not its name
                s = dataclasses.replace(s, start=s.start + lead.end())
                surface = text[s.start:s.end]
            if s in divisions:
                mentions.append(Mention(s.start, s.end, s.type, surface))
                continue
            if s.type == "ORG":
                surface = _full_org_name(text, s.start, s.end)
                cut = s.start + len(surface)
                inner = [o for o in outer_orgs if s.start < o.start < cut < o.end]
                if inner and len(surface) > s.end - s.start and text.startswith(surface, s.start):
                    # the complement ran into a body's name ('Подкомиссия ... Комиссии по подготовке ...'):
                    # the whole of that name, not a piece of it
                    surface = text[s.start:max(o.end for o in inner)]
            if s.type == "ORG" and "(" not in surface:
                paren = _FOLLOWING_ACRONYM.match(text, s.end)
                if paren:
                    surface = surface + " (" + paren.group(1) + ")"
            m = Mention(s.start, s.end, s.type, text[s.start:s.end])
            mentions.append(m)
            if s.type in ("ORG", "LOC") and _common_compound(surface):
                continue  # "ИТ-компаний", "ИКТ-сфере": a common noun, not a name
            if s.type == "PER" and _credit(text, s.start, s.end):
                continue  # "© Агентство / Иван Петров", "(Агентство, Иван Петров)": a photo credit or byline
            if s.type == "PER":
                if _INITIALS_ONLY.match(surface) or _only_title_words(surface):
                    m.type = "TITLE" if _only_title_words(surface) else m.type
                    continue
                pending.append((m, persons.add(person_nominative(surface))))
            elif s.type == "LOC":
                ent = table.place(surface)
                m.entity = ent.id
                if ent.kind != "country" and any(lemma(w) in _REGION_HEADS for w in re.findall(r"[\w-]+", surface)[1:]):
                    ent.kind = "region"  # "Нижегородская область": a place of the KB, not a country or a city
            elif s.type == "ORG":
                inside = any(o is not s and o.start <= s.start and s.end <= o.end for o in outer_orgs)
                if inside and not table.known_body(surface):
                    # a name inside another name ("Группа" in "Рабочая группа ... Совета") is no organization
                    # of its own; it links to one only if the text names that body elsewhere (below). A body
                    # the gazetteer knows ("МСЭ" in "Совет МСЭ") is named all the same.
                    continue
                if _not_a_named_body(text, s.start, s.end) or _local_abbreviation(text, s.start, s.end):
                    continue
                ent = table.organization(surface)
                m.entity = ent.id if ent else None
        table.link_persons(pending)
        _merge_short_names(table, mentions)
        # a nested acronym that names an organization seen elsewhere in the text links to it
        for m in mentions:
            if m.type == "ORG" and m.entity is None:
                ent = table.get("ORG", m.text)
                m.entity = ent.id if ent else None
        return mentions
