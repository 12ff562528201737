"""A body's acronym tied to its full name in the region's languages: the acronym in brackets after a
name ("Халықаралық электр байланысы одағының (ХЭО)"), or a known body's acronym whose letters begin
the words of a name found by its head noun ("Жамааттык коопсуздук келишим уюму" and "ЖККУ").

The name found in the text is the body's name, in the text's language; the gazetteer's body the
acronym names takes it (and keeps its id), its own name an alias. An acronym no gazetteer holds
becomes an alias of the name, and its other occurrences, a case ending after them or none
("ХЭО-ға", "DCOго"), mentions of the body."""

from __future__ import annotations

import re

from ..model import Entity, Mention

__all__ = ["link_acronyms"]

_BRACKETED = re.compile(r"\s*\(\s*([^\W\d_]{2,8})\s*\)")
MAX_ENDING = 6  # letters of a case ending after an acronym ("DCOго", "ХЭО-ға")


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w).casefold()


def _acronym_of(mention: Mention) -> str | None:
    """The acronym a mention is written as, its case ending aside ("ЖККУнун" -> "ЖККУ"), or None."""
    t = mention.text
    k = 0
    while k < len(t) and t[k].isupper():
        k += 1
    word, rest = t[:k], t[k:].lstrip("-")
    return word if len(word) >= 2 and (not rest or (rest.isalpha() and rest.islower() and len(rest) <= MAX_ENDING)) \
        else None


def link_acronyms(text: str, mentions: list[Mention], entities: list[Entity]) -> tuple[list[Mention], list[Entity]]:
    """The mentions and entities with each body found by its head noun merged into the gazetteer body its
    acronym names, and the acronyms of the other bodies made their aliases and mentions."""
    by_id = {e.id: e for e in entities}
    bodies = {e.id for e in entities if e.type == "ORG" and e.gazetteer_id is None}
    merged: dict[str, str] = {}  # body id -> the gazetteer entity's id
    orgs = [m for m in mentions if m.type == "ORG" and m.entity in by_id]
    added: list[Mention] = []
    for m in orgs:
        if m.entity not in bodies or m.entity in merged:
            continue
        body = by_id[m.entity]
        found = _BRACKETED.match(text, m.end)
        acr = found.group(1) if found and _is_acronym(found.group(1)) else None
        if acr is not None:
            a, b = found.span(1)
            inside = next((o for o in orgs if o.start <= a and b <= o.end and o.entity not in bodies), None)
            if inside is not None:
                merged[body.id] = inside.entity
                _rename(by_id[inside.entity], body.name, acr)
                added += _occurrences(text, acr, inside.entity, mentions + added, found.end())
                continue
            if acr not in body.aliases:
                body.aliases.append(acr)
            added += _occurrences(text, acr, body.id, mentions + added, found.end())
            continue
        # "Жамааттык коопсуздук келишим уюму" where the text writes "ЖККУ" elsewhere
        initials = _initials(body.name)
        if len(initials) < 3:
            continue
        target = next((o for o in orgs if o.entity not in bodies and (ac := _acronym_of(o))
                       and ac.casefold() == initials), None)
        if target is not None:
            merged[body.id] = target.entity
            _rename(by_id[target.entity], body.name, _acronym_of(target))
    if not merged and not added:
        return mentions, entities
    for m in mentions:
        if m.entity in merged:
            m.entity = merged[m.entity]
    for e in entities:
        for r in e.roles:
            if r.organization in merged:
                r.organization = merged[r.organization]
    out = sorted(mentions + added, key=lambda m: (m.start, -m.end))
    return out, [e for e in entities if e.id not in merged]


def _rename(ent: Entity, name: str, acronym: str | None) -> None:
    """A gazetteer body named as the text names it; the name it had and the acronym become aliases."""
    if ent.name != name:
        old = ent.name
        ent.name = name
        ent.aliases = [x for x in ent.aliases if x != name]
        if old not in ent.aliases:
            ent.aliases.append(old)
    if acronym and acronym not in ent.aliases and acronym != ent.name:
        ent.aliases.append(acronym)


def _occurrences(text: str, acr: str, entity: str, taken: list[Mention], after: int) -> list[Mention]:
    """The acronym written after `after` (its brackets), bare or with a case ending, outside the mentions
    there are."""
    out = []
    rx = re.compile(rf"(?<![\w-]){re.escape(acr)}(?:-?[^\W\d_]{{0,{MAX_ENDING}}})?(?![\w-])")
    for m in rx.finditer(text, after):
        rest = m.group()[len(acr):].lstrip("-")
        if rest and not rest.islower():
            continue
        if any(t.start < m.end() and m.start() < t.end for t in taken + out):
            continue
        out.append(Mention(m.start(), m.end(), "ORG", m.group(), entity))
    return out
