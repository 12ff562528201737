"""Entities of one document: NER spans turned into persons, organizations and places.

Every span is normalized (persons and organization heads to the nominative, places to their
short common name with an ISO 3166 code from the gazetteer), and later mentions — a surname
alone, initials, an acronym introduced in parentheses — are attached to the entity they refer to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Entity, Mention
from .gazetteer import Gazetteer, normalize_key
from .nlp import lemma
from .normalize import initials_of, nominative_text, person_nominative, surname_key

ACRONYM = re.compile(r"^[А-ЯЁA-Z][А-ЯЁA-Z0-9]{1,7}(?:-[А-ЯЁA-Z0-9]+)?$")
_PAREN_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acr>[^()]{2,12})\)$")
_FOLLOWING_ACRONYM = re.compile(r"\s*\(([А-ЯЁA-Z][А-ЯЁA-Z0-9]{1,7})\)")
_INITIALS_ONLY = re.compile(r"^(?:[А-ЯЁA-Z]\.\s*){1,3}$")
_QUOTES = "«»\"“”„"


def _only_title_words(text: str) -> bool:
    """'Министр', 'Посол' tagged as a person by the model: a title, not a name."""
    from .roles import HEADS, MODIFIERS

    words = re.findall(r"[\w-]+", text)
    return bool(words) and all(lemma(w) in HEADS or lemma(w) in MODIFIERS for w in words)


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

    def _new(self, type_: str, name: str, **kw) -> Entity:
        prefix = {"PER": "p", "ORG": "o", "LOC": "l"}[type_]
        ent = Entity(id=f"{prefix}{sum(e.type == type_ for e in self.entities) + 1}", type=type_, name=name, **kw)
        self.entities.append(ent)
        return ent

    def _alias(self, ent: Entity, alias: str) -> None:
        if alias and alias != ent.name and alias not in ent.aliases:
            ent.aliases.append(alias)
        self._by_key.setdefault((ent.type, normalize_key(alias)), ent)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None) if entity_id else None

    def get(self, type_: str, key: str) -> Entity | None:
        return self._by_key.get((type_, normalize_key(key)))

    # -- places --------------------------------------------------------------------------------
    def resolve_place(self, surface: str) -> tuple[str, str | None, str, dict | None]:
        """(canonical name, iso, kind, gazetteer entry) for a place as written in any case."""
        text = surface.strip(_QUOTES + " ").removeprefix("г.").strip()
        candidates = [text, phrase_key(text), nominative_text(text)]
        for key in candidates:
            entry = self.gaz.country(key)
            if entry:
                return self.gaz.place_name(entry, self.lang), entry["iso2"], "country", entry
        for key in candidates:
            entry = self.gaz.city(key)
            if entry:
                return self.gaz.place_name(entry, self.lang), entry.get("country"), "city", entry
        return nominative_text(text), None, "place", None

    def place(self, surface: str, alias: str | None = None) -> Entity:
        name, iso, kind, _ = self.resolve_place(surface)
        key = f"iso:{iso}" if kind == "country" and iso else name
        ent = self._by_key.get(("LOC", normalize_key(key)))
        if ent is None:
            ent = self._new("LOC", name, kind=kind, iso=iso)
            self._by_key[("LOC", normalize_key(key))] = ent
            self._by_key[("LOC", normalize_key(name))] = ent
        if alias and alias != name and kind != "country":
            self._alias(ent, alias)
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
        if len(words) == 1 and lemma(words[0]) in GENERIC_HEADS:
            # "Совет", "Комиссия" alone: the body of that kind named in full before, else nothing
            head = lemma(words[0])
            return next((e for e in reversed(self.entities) if e.type == "ORG"
                         and lemma(re.findall(r"[\w-]+", e.name)[0]) == head), None)
        if acronym and not _acronym_matches(acronym, text):
            # "Совета Международной ассоциации ... (МАОЦС)": the acronym names the inner body
            inner = _acronym_suffix(acronym, words)
            if inner:
                self._alias(self.organization(inner), acronym)
                acronym = None
        entry = self._gazetteer_org(text)
        if entry is None:
            name = nominative_text(text)
            entry = self._gazetteer_org(name)
        if entry is not None:
            ent = self._gazetteer_entity(entry)
        else:
            name = nominative_text(text)
            ent = self.get("ORG", name) or self.get("ORG", phrase_key(name))
            if ent is None:
                ent = self._new("ORG", name, kind="organization")
                self._by_key[("ORG", normalize_key(name))] = ent
                self._by_key[("ORG", normalize_key(phrase_key(name)))] = ent
        if acronym:
            self._alias(ent, acronym)
        return ent

    def _gazetteer_org(self, text: str) -> dict | None:
        return self.gaz.organization(text) or self.gaz.organization(phrase_key(text))

    def _gazetteer_entity(self, entry: dict) -> Entity:
        names = entry.get("name", {})
        name = names.get(self.lang) or names.get("en") or next(iter(names.values()))
        ent = self.get("ORG", name)
        if ent is None:
            ent = self._new("ORG", name, kind=entry.get("kind") or "organization", gazetteer_id=entry.get("id"))
            self._by_key[("ORG", normalize_key(name))] = ent
            self._by_key[("ORG", normalize_key(phrase_key(name)))] = ent
        for acr in entry.get("acronyms", {}).get(self.lang, []):
            self._alias(ent, acr)
        return ent

    def _acronym_org(self, acr: str) -> Entity:
        ent = self.get("ORG", acr)
        if ent:
            return ent
        entry = self.gaz.organization(acr)
        if entry is not None:
            ent = self._gazetteer_entity(entry)
            self._alias(ent, acr)
            return ent
        # an acronym of an organization already named in full ("Региональное содружество в области связи")
        for e in self.entities:
            if e.type == "ORG" and _acronym_of(e.name).casefold() == acr.casefold():
                self._alias(e, acr)
                return e
        ent = self._new("ORG", acr, kind="organization")
        self._by_key[("ORG", normalize_key(acr))] = ent
        return ent


GENERIC_HEADS = frozenset({"совет", "комиссия", "комитет", "министерство", "правительство", "секретариат", "исполком",
                           "ведомство", "агентство", "служба", "организация", "союз", "содружество", "группа",
                           "форум", "ассоциация", "парламент", "администрация", "департамент", "управление"})


def _acronym_matches(acr: str, name: str) -> bool:
    return _acronym_of(name).casefold() == acr.casefold()


def _acronym_suffix(acr: str, words: list[str]) -> str | None:
    for k in range(1, len(words) - 1):
        tail = " ".join(words[k:])
        if _acronym_matches(acr, tail):
            return tail
    return None


def _acronym_of(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[\w-]+", name) if len(w) > 2 or w[:1].isupper()).upper()


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
        for s in spans:
            surface = text[s.start:s.end]
            if s.type == "ORG" and "(" not in surface:
                paren = _FOLLOWING_ACRONYM.match(text, s.end)
                if paren:
                    surface = surface + " (" + paren.group(1) + ")"
            m = Mention(s.start, s.end, s.type, text[s.start:s.end])
            mentions.append(m)
            if s.type == "PER":
                if _INITIALS_ONLY.match(surface) or _only_title_words(surface):
                    m.type = "TITLE" if _only_title_words(surface) else m.type
                    continue
                pending.append((m, persons.add(person_nominative(surface))))
            elif s.type == "LOC":
                m.entity = table.place(surface).id
            elif s.type == "ORG":
                inside = any(o is not s and o.start <= s.start and s.end <= o.end for o in outer_orgs)
                if inside:
                    ent = table.get("ORG", surface) or (table.get("ORG", surface) if ACRONYM.match(surface) else None)
                    if ent is None and ACRONYM.match(surface) and table.gaz.organization(surface):
                        ent = None  # an acronym inside another name is not an organization of its own
                    m.entity = ent.id if ent else None
                    continue
                ent = table.organization(surface)
                m.entity = ent.id if ent else None
        # persons: one entity per cluster, named by its fullest form
        made: dict[int, Entity] = {}
        for m, cluster in pending:
            ent = made.get(id(cluster))
            if ent is None:
                ent = table._new("PER", cluster.best, kind="person")
                for n in cluster.names:
                    if n != ent.name and n not in ent.aliases:
                        ent.aliases.append(n)
                table._by_key[("PER", normalize_key(ent.name))] = ent
                table._by_key[("PER", surname_key(ent.name))] = ent
                made[id(cluster)] = ent
            m.entity = ent.id
        # a nested acronym that names an organization seen elsewhere in the text links to it
        for m in mentions:
            if m.type == "ORG" and m.entity is None:
                ent = table.get("ORG", m.text)
                m.entity = ent.id if ent else None
        return mentions
