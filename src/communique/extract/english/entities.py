"""English name spans → mentions linked to the entities of an EntityTable(lang="en"): a surname or an
acronym met again joins the entity named in full; a country is named as this text names it."""

from __future__ import annotations

import re

from ...model import Mention
from ..entities import EntityTable, PersonClusters
from ..gazetteer import Gazetteer, normalize_key
from ..nlp import Sentence
from .lexicon import NOT_NAME, ORG_HEADS, ORG_REFERENCES, is_acronym, is_capitalized, lowered
from .ner import Span

_REGION_AFTER = re.compile(r"\s+(?:region|province|oblast|prefecture|county|district)\b", re.I)
_PARTY_ORGAN = re.compile(r"(?:[Tt]he )?((?:[A-Z][\w'’-]* ){0,3}Party(?: of(?: the)? \S+(?: \S+)*?)?) Central Committee$")
_CURRENCY_AFTER = re.compile(r"\s+(?:dollars?|cents?)\b", re.I)  # "1 billion US dollars": a currency


class EnglishEntities:
    """Name spans → mentions linked to entities of an EntityTable(lang="en")."""

    name = "entities"

    def __call__(
        self, text: str, sents: list[Sentence], spans: list[Span], table: EntityTable
    ) -> list[Mention]:
        persons = PersonClusters()
        pending = []
        mentions: list[Mention] = []
        forms: dict[str, list[str]] = {}
        norp: list[tuple[Mention, dict]] = []
        nested: list[Mention] = []
        for s in spans:
            surface = text[s.start : s.end]
            m = Mention(s.start, s.end, s.type, surface)
            if s.type == "NORP":
                norp.append((m, s.entry))
                continue
            mentions.append(m)
            if s.type == "PER":
                first = next((c for c in persons.clusters if len(c.best.split()) == 2
                              and c.best.split()[0] == surface), None) if s.source == "surname" else None
                if first is not None:  # "Liu said" after "Liu Wenbo": the family name told first
                    first.names.append(surface)
                pending.append((m, first or persons.add(surface)))
            elif s.type == "LOC":
                if _REGION_AFTER.match(text, s.end) or _REGION_AFTER.search(surface):
                    continue  # "Samarkand region", "Yunnan province": a region, not the city or a country
                if _CURRENCY_AFTER.match(text, s.end):
                    continue  # "US dollars", "Hong Kong dollars": money, not a place told of
                ent = table.place(surface)
                m.entity = ent.id
                if ent.kind == "country":
                    forms.setdefault(ent.id, []).append(surface)
            elif s.nested:
                nested.append(m)
            else:
                ent = self._organization(table, s.name or surface, s.acronym)
                if ent is None and s.source == "lowercase":
                    # "the permanent secretariat of the ...": a lowercase name the table refuses by itself
                    name = re.sub(r"^(?:the|The)\s+", "", " ".join(surface.split()))
                    ent = next((e for e in table.entities if e.type == "ORG" and e.name == name), None) \
                        or table.new("ORG", name, kind="organization")
                m.entity = ent.id if ent else None
        table.link_persons(pending)
        self._name_countries(table, forms)
        for m in nested:
            ent = table.get("ORG", m.text)
            m.entity = ent.id if ent else None
        for m, entry in norp:
            ent = table.get("LOC", f"iso:{entry['iso2']}") if entry else None
            if ent is not None:
                m.entity = ent.id
                mentions.append(m)
        mentions += self._inner_bodies(mentions, table)
        mentions += self._acronyms_again(text, sents, mentions, table)
        mentions += self._references(text, sents, mentions, table)
        mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return mentions

    @staticmethod
    def _organization(table: EntityTable, surface: str, acronym: str | None):
        name = re.sub(r"^(?:the|The)\s+", "", " ".join(surface.split()))
        inner = _INNER.search(name) if acronym else None
        if inner and _initials(inner.group(1)) == acronym and _initials(name) != acronym:
            # "Council of Foreign Ministers of the Shanghai Cooperation Organization (SCO)": the acronym
            # is the inner body's, a body of its own
            body = table.organization(inner.group(1))
            if body is not None:
                table.alias(body, acronym)
            acronym = None
        if all(w in NOT_NAME for w in name.split()):
            # "the Working Group": the body of that name told in full before
            known = next(
                (e for e in reversed(table.entities) if e.type == "ORG" and e.name.endswith(" " + name)), None
            )
            if known is not None:
                return known
        if len(name.split()) >= 2:
            # not a body named after 'of' inside another's ('the permanent secretariat of the X mechanism')
            known = next(
                (e for e in reversed(table.entities) if e.type == "ORG" and e.name.endswith(" " + name)
                 and not e.name.endswith((" of " + name, " of the " + name))), None
            )
            if known is not None:
                return known  # "the Intergovernmental Council" after "the Eurasian Intergovernmental Council"
        for e in table.entities:
            if e.type != "ORG" or e.gazetteer_id:
                continue
            if e.name.startswith(name + " of ") or e.name.startswith(name + " for "):
                table.alias(e, name)
                if acronym:
                    table.alias(e, acronym)
                return e
            if name.startswith(e.name + " of ") or name.startswith(e.name + " for "):
                old = e.name
                e.name = name
                table.alias(e, old)
                table.alias(e, name)
                if acronym:
                    table.alias(e, acronym)
                return e
            if _REPUBLIC.sub(" of ", e.name) == _REPUBLIC.sub(" of ", name) and e.name != name:
                table.alias(e, name)  # "Ministry of Energy of Uzbekistan" after "... of the Republic of Uzbekistan"
                return e
        ent = table.organization(name)
        if ent is not None and acronym:
            table.alias(ent, acronym)
        return ent

    @staticmethod
    def _name_countries(table: EntityTable, forms: dict[str, list[str]]) -> None:
        """A country takes its short common name: the gazetteer's when the text uses it, else the short
        form this text gives ('Korea' for 'the Republic of Korea'), never an official long form."""
        gaz = Gazetteer.load()
        for ent_id, surfaces in forms.items():
            ent = table.entity(ent_id)
            entry = gaz.country_by_iso(ent.iso) if ent.iso else None
            official = {normalize_key(v) for v in (entry or {}).get("official", {}).values()}
            clean = [re.sub(r"\s+", " ", s) for s in surfaces]
            clean = [s.title() if s.isupper() and len(s) > 4 else s for s in clean]
            short = [
                s
                for s in clean
                if normalize_key(s) not in official
                and not re.search(
                    r"\b(?:Republic|Kingdom|Federation|State of|Emirate|Principality|Commonwealth)\b", s
                )
                and not (s.isupper() and len(s) <= 4)
            ]
            derived = []
            for form in clean:
                m = re.match(
                    r"^(?:the\s+)?(?:[\w']+\s+)?(?:Republic|Kingdom|State|Principality)\s+of\s+(.+)$", form
                )
                if m and gaz.country(m.group(1)) is entry and entry is not None:
                    derived.append(m.group(1))
            if not short and derived and ent.name not in clean:
                short = derived
            chosen = ent.name if ent.name in clean or not short else min(short, key=len)
            for s in [ent.name, *clean]:
                if s != chosen and s not in ent.aliases:
                    ent.aliases.append(s)
            ent.name = chosen

    @staticmethod
    def _inner_bodies(mentions: list[Mention], table: EntityTable) -> list[Mention]:
        """'Political Bureau of the Communist Party of China Central Committee': the body after 'of the'
        is one of the text's organizations too, when its name has a head of its own ('Committee')."""
        out = []
        for m in [m for m in mentions if m.type == "ORG" and m.entity]:
            k = m.text.find(" of the ")
            inner = m.text[k + len(" of the "):] if k > 0 else ""
            words = inner.split()
            if len(words) < 2 or not is_capitalized(words[0]) or not any(w in ORG_HEADS for w in words):
                continue
            if any(w in ORG_HEADS for w in m.text[:k].split()[:-1]) or m.text[:k].split()[-1] not in ORG_HEADS:
                continue  # one head before 'of the': 'Bureau of the ...', not 'Ministry of Culture of the ...'
            ent = table.organization(inner)
            outer = table.entity(m.entity)
            if ent is not None and outer is not None and ent.id != m.entity:
                initials = "".join(w[0] for w in words if w[:1].isupper())
                for a in [a for a in outer.aliases if is_acronym(a) and a == initials]:
                    table.move_alias(a, outer, ent)  # "(EEC)" after the board names the commission
                start = m.start + k + len(" of the ")
                out.append(Mention(start, start + len(inner), "ORG", inner, ent.id))
        for m in [m for m in [*mentions, *out] if m.type == "ORG" and m.entity]:
            # "the Workers' Party of Ruritania Central Committee": the party is a body of the text too
            party = _PARTY_ORGAN.match(m.text)
            ent = table.organization(party.group(1)) if party else None
            if ent is not None and ent.id != m.entity:
                out.append(Mention(m.start + party.start(1), m.start + party.end(1), "ORG", party.group(1), ent.id))
        return out

    @staticmethod
    def _acronyms_again(text, sents, mentions, table) -> list[Mention]:
        """'KISA', 'DEWG': an acronym introduced in parentheses, met again standing alone."""
        out = []
        covered = [(m.start, m.end) for m in mentions]
        for sent in sents:
            for k, t in enumerate(sent.tokens):
                if not is_acronym(t.text) or any(a <= t.start < b for a, b in covered):
                    continue
                if k > 0 and sent.tokens[k - 1].text == "(":
                    continue
                ent = table.get("ORG", t.text)
                if ent is not None:
                    out.append(Mention(t.start, t.end, "ORG", t.text, ent.id))
        return out

    @staticmethod
    def _references(text, sents, mentions, table) -> list[Mention]:
        """'the Group', 'the group': the body of that kind named in full before."""
        out = []
        for sent in sents:
            toks = sent.tokens
            for k in range(1, len(toks)):
                w = toks[k].text
                if lowered(w) not in ORG_REFERENCES or lowered(toks[k - 1].text) != "the":
                    continue
                if k + 1 < len(toks) and (is_capitalized(toks[k + 1].text) or toks[k + 1].text in ("of", "for")):
                    continue
                if any(m.start <= toks[k].start < m.end for m in mentions):
                    continue
                ent = next(
                    (
                        e
                        for e in reversed([e for e in table.entities if e.type == "ORG"])
                        if w.casefold() in {x.casefold() for x in re.findall(r"[\w-]+", e.name)}
                    ),
                    None,
                )
                earlier = ent is not None and any(
                    m.entity == ent.id and m.start < toks[k].start for m in mentions
                )
                if ent is not None and earlier:
                    out.append(Mention(toks[k].start, toks[k].end, "ORG", w, ent.id))
        return out


_HEADER_LINE = re.compile(r"[^\W\d_][\w&'’-]*(?: [^\W\d_][\w&'’-]*){0,3}\s*")


def without_site_header(text: str, table: EntityTable, mentions: list[Mention]) -> None:
    """A page's site header ('Lakeside University / Trade flags / Trade Information Centre' over the
    text): three or more short lines of bare words before the first blank line name the site, not the
    story. A body named only there is none of the text's organizations."""
    head = text.lstrip()
    offset = len(text) - len(head)
    lines = head.split("\n")
    blank = next((i for i, ln in enumerate(lines) if not ln.strip()), 0)
    if blank < 3 or not all(_HEADER_LINE.fullmatch(ln) for ln in lines[:blank]):
        return
    end = offset + sum(len(ln) + 1 for ln in lines[:blank])
    orgs = {e.id for e in table.entities if e.type == "ORG"}
    inside = {m.entity for m in mentions if m.entity in orgs and m.end <= end}
    outside = {m.entity for m in mentions if m.entity in orgs and m.start >= end}
    own = {e.id for e in table.entities if e.id in inside and _OWN_PAGE.match(e.name)}
    gone = inside - outside - own  # "Government of India / Ministry of Power": the page's own ministry stays
    table.forget(gone, mentions)


_INNER = re.compile(r" of (?:the )?((?:[A-Z][\w-]*\s?){2,})$")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


_REPUBLIC = re.compile(r" of (?:the )?Republic of ")
_OWN_PAGE = re.compile(r"(?:Ministry|Government|Secretariat|Department|Embassy|Cabinet|Office of the President)\b")
