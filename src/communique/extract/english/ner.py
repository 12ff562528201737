"""Names in English text by rules: capitalized sequences read against the gazetteer, organization
heads, company cues, honorifics and job titles. Output: typed spans (PER, ORG, LOC, NORP)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Gazetteer, normalize_key
from ..nlp import Sentence
from ..resources import load_json
from .lexicon import (
    AGENCY_VERBS,
    ATTRIBUTION_VERBS,
    COMPANY_CUES,
    COMPANY_SUFFIX_MIN,
    COMPANY_SUFFIXES,
    DASHES,
    DOC_NAME_HEADS,
    EVENT_NAME_HEADS,
    HONORIFICS,
    NOT_NAME,
    NOUN_SUFFIX_MIN,
    NOUN_SUFFIXES,
    ORG_HEADS,
    ORG_NEED_COMPLEMENT,
    PAREN_ACRONYM,
    PARTICLES,
    PERSON_CUES,
    PLACE_CUES,
    REL_WORDS,
    SUBJECT_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TOKEN,
    exact_case,
    first_words,
    gazetteer_index,
    is_acronym,
    is_capitalized,
    joiner,
    known_place,
    lowered,
)
from .lower_titles import lower_title_before, members_before
from .sentences import title_case

_DATES = load_json("dates_en.json")
# month and weekday names: "the Presidency on Tuesday", "the Council in May" end a body's name
_CALENDAR = {m for names in _DATES["months"].values() for m in names} | {
    w.capitalize() for w in _DATES["weekdays"] if len(w) > 3}


@dataclass
class Span:
    start: int
    end: int
    type: str  # PER | ORG | LOC | NORP
    sent: int
    tok0: int
    tok1: int  # exclusive
    source: str = ""
    entry: dict | None = None
    acronym: str | None = None
    nested: bool = False
    name: str | None = None  # the body's name where the text splits it ('the Government and people of X')


# lowercase heads of bodies (_lowercase_bodies): each needs a strong cue before it
_LOWER_HEADS = {"government", "administration", "committee", "commission", "council", "secretariat", "ministry",
                "agency", "mechanism", "format"}
_LEVELS = {"municipal", "provincial", "regional", "city", "district", "county", "prefectural", "state", "federal"}
_MECHANISM_HEADS = {"mechanism", "format", "secretariat", "commission", "committee", "council"}
_ORGAN_MODIFIERS = {"permanent", "executive", "joint"}
_ORGAN_HEADS = {"secretariat", "committee", "council", "commission", "board"}
_OFFICE_VERBS = {"said", "says", "announced", "announces", "reported", "reports", "stated", "states", "informed",
                 "informs", "confirmed", "added", "noted"}

_MEMBERS = {("member", "states"), ("member", "countries"), ("participating", "states")}


class EnglishNames:
    """Names in English text by rules: gazetteer places and bodies, bodies by their head word,
    companies by the noun that introduces them, persons by honorific and title context."""

    name = "names"

    def __call__(self, text: str, sents: list[Sentence]) -> list[Span]:
        self.text = text
        self.lower_words = {w.casefold() for w in re.findall(r"(?<![\w-])[a-z][a-z-]+", text)}
        self.gaz = Gazetteer.load()
        spans: list[Span] = []
        for si, sent in enumerate(sents):
            toks = sent.tokens
            taken: set[int] = set()
            found = self._gazetteer(si, toks, taken)
            found += self._org_heads(si, toks, taken, found)
            found += self._companies(si, toks, taken)
            found += self._adjectives(si, toks, taken)
            found += self._lowercase_bodies(si, toks, taken, found)
            found = self._short_ministries(si, toks, taken, found)
            self._place_toks = {s.tok0 for s in found if s.type == "LOC" and s.tok1 - s.tok0 == 1}
            people = self._persons(si, toks, taken, honorific_only=title_case(sent))
            found = [s for s in found if not any(p.start <= s.start < p.end for p in people)] + people
            found += self._places_by_context(si, toks, taken)
            spans.extend(found)
        # the news agency of a dateline ('MOSCOW, April 8 (BelTA) -') is the publisher: not an organization
        # of the facts (shared/data/real/README.md conventions), so it gets no span
        spans += self._cited_agencies(sents, spans)
        spans += self._surnames(sents, spans)
        self._mark_nested(sents, spans)
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
        return spans

    # gazetteer -------------------------------------------------------------------------------------
    def _gazetteer(self, si: int, toks, taken: set[int]) -> list[Span]:
        index, longest = gazetteer_index()
        out: list[Span] = []
        i = 0
        while i < len(toks):
            w = toks[i].text
            if not (w[:1].isupper() or w[:1].isdigit()):
                i += 1
                continue
            hit = None
            first = normalize_key(w)
            if i + 1 < len(toks) and toks[i + 1].text in ("'s", "’s"):
                first = normalize_key(w + "'s")  # "People's Republic of China": one word in the index
            most = first_words().get(TOKEN.findall(first)[0] if first else "", 0)
            if most and i + 1 < len(toks) and toks[i + 1].text in ("'s", "’s"):
                most += 1  # the possessive is a token of its own here
            for n in range(min(longest, most + 2 if most else 4, len(toks) - i), 0, -1):
                last = toks[i + n - 1].text
                if not (last[:1].isalnum() or last == ")"):
                    continue
                surface = self.text[toks[i].start : toks[i + n - 1].end]
                found = self._lookup(index, surface)
                if found:
                    hit = (n, found)
                    break
            if hit is None:
                out += self._compound_places(si, toks, i)
                i += 1
                continue
            n, (kind, entry, _) = hit
            typ = "ORG" if kind == "organization" else "LOC"
            if typ == "ORG" and n > 2 and is_acronym(toks[i + n - 1].text) and i + n + 1 < len(toks) \
                    and (toks[i + n].text, toks[i + n + 1].text) in _MEMBERS:
                n += 2  # "Council of Foreign Ministers of the CIS" + "member states": the text's full name
            span = Span(toks[i].start, toks[i + n - 1].end, typ, si, i, i + n, "gazetteer", entry)
            if typ == "ORG":
                self._paren_acronym(span, toks, taken)
            out.append(span)
            taken.update(range(i, i + n))
            i += n
        return out

    def _compound_places(self, si: int, toks, i: int) -> list[Span]:
        """'Kazakhstan-China', 'Korea-Mongolia': the places inside a hyphenated compound."""
        t = toks[i]
        if "-" not in t.text:
            return []
        out, pos = [], t.start
        for part in t.text.split("-"):
            if is_capitalized(part) and known_place(part):
                out.append(Span(pos, pos + len(part), "LOC", si, i, i + 1, "compound"))
            pos += len(part) + 1
        return out

    @staticmethod
    def _lookup(index, surface: str):
        hits = index.get(normalize_key(surface))
        if not hits:
            return None
        for kind, entry, orig in hits:
            if exact_case(orig):
                if surface.replace(".", "").replace("’", "'") != orig.replace(".", "").replace("’", "'"):
                    continue
            elif (
                not surface[:1].isupper()
                and not surface[:1].isdigit()
                or surface.isupper()
                and len(surface) <= 3
            ):
                continue
            if kind == "city" and entry.get("ambiguous") in ("person", "common_word"):
                continue
            return kind, entry, orig
        return None

    def _paren_acronym(self, span: Span, toks, taken: set[int]) -> None:
        m = PAREN_ACRONYM.match(self.text, span.end)
        if not m:
            return
        span.acronym = m.group("acr")
        for k, t in enumerate(toks):
            if m.start() <= t.start < m.end():
                taken.add(k)

    # bodies by their head word -------------------------------------------------------------------------
    def _namey(self, toks, k: int) -> bool:
        w = toks[k].text
        if w in ("The", "A", "An") or w.endswith(("'s", "’s")):
            return False
        if k == 0 and w in NOT_NAME and w not in ORG_HEADS and lowered(w) in self.lower_words:
            return False
        return is_capitalized(w) or is_acronym(w) or bool(re.match(r"^\d+[A-Za-z]+$", w))

    def _org_heads(self, si: int, toks, taken: set[int], found: list[Span]) -> list[Span]:
        out: list[Span] = []
        for h, t in enumerate(toks):
            if t.text not in ORG_HEADS or h in taken:
                continue
            left = self._org_left(toks, h, taken)
            right = self._org_right(toks, h)
            if left == h and right == h + 1:
                continue  # "the Group" alone: a reference, resolved among the entities
            if (
                t.text in ORG_NEED_COMPLEMENT
                and right == h + 1
                and not any(
                    is_acronym(toks[k].text) or known_place(toks[k].text) for k in range(max(left, 1), h)
                )
            ):
                continue  # "Digital Government" is no body; "OSCE Programme Office" is
            if any(toks[k].text in TITLE_HEADS for k in range(left, h)):
                continue
            if left >= 2 and toks[left - 1].text == "of" and toks[left - 2].text in ("Minister", "Ministry"):
                continue  # "Minister of Smart Administration and ...": the ministry's field, not a body
            start, end = toks[left].start, toks[right - 1].end
            inner = [s for s in found if start <= s.start and s.end <= end]
            if any(s.type == "ORG" and s.start <= start and end <= s.end for s in found):
                continue  # a gazetteer body already covers it
            span = Span(start, end, "ORG", si, left, right, "head")
            for s in inner:
                s.nested = s.type == "ORG"
            self._paren_acronym(span, toks, taken)
            out.append(span)
            taken.update(
                k
                for k in range(left, right)
                if not any(s.type == "LOC" and s.tok0 <= k < s.tok1 for s in inner)
            )
        return out

    def _lowercase_bodies(self, si: int, toks, taken: set[int], found: list[Span]) -> list[Span]:
        """Bodies a text names with a lowercase head, only behind a strong cue: a place and a level ('the
        Harbin municipal government'), a compound of places ('the Korea-Central Asia mechanism'), an
        organ of a body just named ('the permanent secretariat of the ...'); and 'the Government and
        people of X' (the Government of X), 'the Ruritanian Presidency' (a state's presidential office)."""
        out: list[Span] = []
        n = len(toks)

        def span_at(tok0: int, typ: str, end: bool = False):
            key = (lambda s: s.tok1) if end else (lambda s: s.tok0)
            return next((s for s in [*found, *out] if s.type == typ and key(s) == tok0 and s.sent == si), None)

        def add(a: int, b: int, name: str | None = None) -> None:
            inside = [s for s in [*found, *out] if s.sent == si and a <= s.tok0 and s.tok1 <= b]
            if any(k in taken and not any(s.tok0 <= k < s.tok1 for s in inside) for k in range(a, b)):
                return
            for s in inside:
                if s.type == "NORP" and s in found:
                    found.remove(s)
            out.append(Span(toks[a].start, toks[b - 1].end, "ORG", si, a, b, "lowercase", name=name))
            taken.update(range(a, b))

        for h, t in enumerate(toks):
            w = t.text
            if h in taken or h == 0 or w not in _LOWER_HEADS:
                continue
            k = h
            while k > 0 and toks[k - 1].text in _LEVELS:
                k -= 1
            before = span_at(k, "LOC", end=True) or span_at(k, "NORP", end=True)
            if k < h and before is not None and before.tok1 - before.tok0 <= 3:
                add(before.tok0, h + 1)  # "the Harbin municipal government"
                continue
            if w in _MECHANISM_HEADS and toks[h - 1].text not in _LEVELS:
                a = h
                while a > 0 and a > h - 4 and (is_capitalized(toks[a - 1].text) or joiner(self.text, toks[a - 1])):
                    a -= 1
                compound = any(
                    "-" in toks[x].text and any(known_place(p) for p in toks[x].text.split("-"))
                    for x in range(a, h)
                )
                if compound and a > 0 and toks[a - 1].text == "the":
                    add(a, h + 1)  # "the Korea-Central Asia mechanism"
        for h, t in enumerate(toks):
            w = t.text
            if h in taken or h == 0:
                continue
            if lowered(w) in _ORGAN_MODIFIERS and h + 4 < n and toks[h + 1].text in _ORGAN_HEADS \
                    and toks[h + 2].text == "of" and toks[h + 3].text == "the":
                inner = span_at(h + 4, "ORG")
                if inner is not None:
                    add(h, inner.tok1)  # "the permanent secretariat of the ... Commission"
                    continue
            if w == "Government" and h + 4 < n and [x.text for x in toks[h + 1 : h + 4]] in (
                ["and", "people", "of"], ["and", "peoples", "of"], ["and", "the", "people"]
            ):
                at = h + 4 if toks[h + 2].text != "the" else h + 5
                if at < n and toks[at - 1].text == "of":
                    place = span_at(at, "LOC")
                    if place is not None and known_place(self.text[place.start : place.end]):
                        name = f"Government of {self.text[place.start : place.end]}"
                        add(h, place.tok1, name)  # "the Government and people of X": the Government of X
                        continue
            if w == "Presidency":
                # a state's presidential office speaks ('the Ruritanian Presidency announced'); a chairmanship
                # ('the priorities of the Ruritanian Presidency') does not
                adj = span_at(h, "NORP", end=True)
                place = span_at(h + 2, "LOC") if h + 2 < n and toks[h + 1].text == "of" else None
                end = place.tok1 if place is not None else h + 1
                speaks = end < n and lowered(toks[end].text) in _OFFICE_VERBS
                if adj is not None and toks[adj.tok0 - 1].text == "the" and speaks:
                    add(adj.tok0, h + 1)  # "the Ruritanian Presidency announced"
                elif place is not None and speaks:
                    add(h, place.tok1)  # "the Presidency of Ruritania said"
        return out

    def _org_left(self, toks, h: int, taken: set[int]) -> int:
        i = h
        while i > 0:
            p = toks[i - 1]
            if joiner(self.text, p) and i >= 2 and self._namey(toks, i - 2):
                i -= 1
                continue
            if (
                p.text in ("and", "&")
                and i >= 2
                and self._namey(toks, i - 2)
                and self._namey(toks, i)
                and toks[i - 2].text not in ORG_HEADS
                and not (is_acronym(toks[i - 2].text) and i >= 3 and toks[i - 3].text == ",")
            ):  # "..., G20 and International ... Union": a list, not one name
                i -= 1
                continue
            if (
                self._namey(toks, i - 1)
                and p.text not in TITLE_HEADS
                and p.text not in HONORIFICS
                and not (p.text in ORG_HEADS and i - 1 != h)
            ):
                if i - 1 == 0 and p.text in NOT_NAME and p.text not in ORG_HEADS and not is_acronym(p.text):
                    break
                i -= 1
                continue
            break
        return i

    def _org_right(self, toks, h: int) -> int:
        n = len(toks)
        end = h + 1
        j = h + 1
        if j >= n:
            return end
        lead = toks[j].text
        if lead == "in" and [t.text for t in toks[j + 1 : j + 4]][:3] in (
            ["the", "field", "of"],
            ["the", "fields", "of"],
            ["the", "sphere", "of"],
            ["the", "area", "of"],
        ):
            j += 3
        elif lead not in ("of", "for", "on", "under", "at"):
            return end
        if j + 1 < n and toks[j + 1].text in _CALENDAR:
            return end
        k = j + 1
        unknown_run = 0
        while k < n:
            w = toks[k].text
            if w in _CALENDAR or (w in ("on", "in") and k + 1 < n and toks[k + 1].text in _CALENDAR):
                break
            if w in ("the",) and k + 1 < n and self._namey(toks, k + 1):
                k += 1
                continue
            if self._namey(toks, k) and not w.endswith(("'s", "’s")):
                unknown_run = unknown_run + 1 if self._unknown_word(w) else 0
                if unknown_run >= 2:
                    end = min(end, k - 1) if end > k - 1 else end
                    break
                k += 1
                end = k
                continue
            if joiner(self.text, toks[k]) and k + 1 < n and self._namey(toks, k + 1):
                k += 1
                continue
            if w in ("of", "for", "on", "and", "&", "in") and k + 1 < n:
                nxt = toks[k + 1].text
                if w == "and" and (
                    nxt in ("the", "of")
                    or nxt in ORG_HEADS
                    or known_place(toks[k - 1].text)
                    or (is_acronym(nxt) and self._lookup(gazetteer_index()[0], nxt))
                ):
                    break
                if w == "in" and not (nxt == "the" and k + 3 < n and toks[k + 2].text in ("field", "fields")):
                    break
                if self._namey(toks, k + 1) or (nxt == "the" and k + 2 < n and self._namey(toks, k + 2)):
                    k += 1
                    continue
                if w == "in" and nxt == "the":
                    k += 1
                    continue
                if w == "of" and toks[k - 1].text in ("field", "fields"):
                    k += 1
                    continue
                break
            if w in ("field", "fields") and toks[k - 1].text == "the":
                k += 1
                continue
            if w == "," and k + 1 < n and self._namey(toks, k + 1) and self._enumeration(toks, k + 1):
                k += 1
                continue
            if w in ("'s", "’s") and toks[k - 1].text == "People" and k + 1 < n and self._namey(toks, k + 1):
                k += 1  # "the State Council of the People's Republic of China": the state's name goes on
                continue
            break
        while end > h + 1 and toks[end - 1].text in ("on", "of", "for", "and", "&", "in", "the"):
            end -= 1  # "the Government of X on Visa-Free Travel": a title's word after the body is not its name
        return end

    def _unknown_word(self, w: str) -> bool:
        return (
            is_capitalized(w)
            and not w.isupper()
            and w not in NOT_NAME
            and lowered(w) not in self.lower_words
            and not known_place(w)
            and not self.gaz.country_of_adjective(w)
        )

    def _enumeration(self, toks, k: int) -> bool:
        """'Development, Innovation and Aerospace Industry': a comma inside a name's enumeration."""
        for j in range(k, min(len(toks), k + 10)):
            w = toks[j].text
            if w == "and":
                return j + 1 < len(toks) and self._namey(toks, j + 1)
            if not (self._namey(toks, j) or joiner(self.text, toks[j]) or (w == "," and j > k)):
                return False
        return False

    # companies ---------------------------------------------------------------------------------------
    def _companies(self, si: int, toks, taken: set[int]) -> list[Span]:
        out: list[Span] = []
        n = len(toks)
        for i, t in enumerate(toks):
            if t.text in COMPANY_CUES and i + 1 < n:
                j = i + 1
                while j < n:
                    k = j
                    while (
                        k < n
                        and k not in taken
                        and (is_capitalized(toks[k].text) or is_acronym(toks[k].text))
                        and toks[k].text not in NOT_NAME
                        and k - j < 3
                    ):
                        k += 1
                    if k == j:
                        break
                    surface = self.text[toks[j].start : toks[k - 1].end]
                    if not known_place(surface):
                        out.append(Span(toks[j].start, toks[k - 1].end, "ORG", si, j, k, "company"))
                        taken.update(range(j, k))
                    if k < n and toks[k].text == "," and k + 1 < n and toks[k + 1].text == "and":
                        j = k + 2
                    elif k < n and toks[k].text in (",", "and"):
                        j = k + 1
                    else:
                        break
        for i, t in enumerate(toks):
            w = t.text
            if i in taken or not is_capitalized(w) or len(w) < COMPANY_SUFFIX_MIN or w in NOT_NAME:
                continue
            if lowered(w).endswith(COMPANY_SUFFIXES) and lowered(w) not in self.lower_words and not known_place(w):
                out.append(Span(t.start, t.end, "ORG", si, i, i + 1, "company"))
                taken.add(i)
        return out

    def _adjectives(self, si: int, toks, taken: set[int]) -> list[Span]:
        """'the Kazakh delegation': a country adjective, kept to name the country as a participant."""
        out = []
        for i, t in enumerate(toks):
            if i in taken or not is_capitalized(t.text):
                continue
            if self.gaz.country_of_adjective(t.text) and t.text[-1:].isalpha():
                out.append(
                    Span(
                        t.start,
                        t.end,
                        "NORP",
                        si,
                        i,
                        i + 1,
                        "adjective",
                        self.gaz.country_of_adjective(t.text),
                    )
                )
                taken.add(i)
        return out

    def _short_ministries(self, si: int, toks, taken: set[int], found: list[Span]) -> list[Span]:
        """'the Kazakh MFA', 'the MFA of Moldova': a ministry's short form with the state it belongs to."""
        out = list(found)
        for k, t in enumerate(toks):
            sf = self.gaz.ministry_short_form(t.text) if is_acronym(t.text) else None
            if sf is None or sf.get("lang") != "en" or k in taken:
                continue
            adj = next((s for s in out if s.type == "NORP" and s.tok1 == k and s.sent == si), None)
            if adj is not None:
                out.remove(adj)
                out.append(Span(adj.start, t.end, "ORG", si, adj.tok0, k + 1, "head"))
            elif k + 2 < len(toks) and toks[k + 1].text == "of" and known_place(toks[k + 2].text):
                out.append(Span(t.start, toks[k + 2].end, "ORG", si, k, k + 3, "head"))
            else:
                continue
            taken.update(range(out[-1].tok0, out[-1].tok1))
        return out

    # persons --------------------------------------------------------------------------------------------
    def _name_token(self, toks, k: int, taken: set[int]) -> bool:
        w = toks[k].text
        if k in taken or not is_capitalized(w) or (w.isupper() and len(w) > 1) or w in NOT_NAME or w in HONORIFICS:
            return False
        if len(w) >= NOUN_SUFFIX_MIN and lowered(w).endswith(NOUN_SUFFIXES):
            return False  # "Informatization", "Connectivity": common nouns in a title
        if lowered(w) in self.lower_words and not (
            len(w) == 1 and k + 1 < len(toks) and toks[k + 1].text == "."
        ):
            return False
        return not (known_place(w) or self.gaz.country_of_adjective(w))

    def _runs(self, toks, taken: set[int]) -> list[tuple[int, int]]:
        runs = []
        k = 0
        n = len(toks)
        while k < n:
            if not self._name_token(toks, k, taken):
                k += 1
                continue
            a = k
            while k < n:
                if self._name_token(toks, k, taken):
                    k += 2 if len(toks[k].text) == 1 and k + 1 < n and toks[k + 1].text == "." else 1
                elif (
                    toks[k].text in PARTICLES
                    and k + 1 < n
                    and self._name_token(toks, k + 1, taken)
                    and k > a
                ):
                    k += 1
                elif (
                    k in self._place_toks
                    and k + 1 < n
                    and self._name_token(toks, k + 1, taken)
                    and lowered(toks[k].text) not in self.lower_words
                ):
                    k += 1  # "Ana Sofia Ribeiro": a city's name inside a person's name
                else:
                    break
            runs.append((a, k))
        return runs

    def _title_chunk_before(self, toks, k: int) -> int | None:
        """Walking back from token k over a title ('Deputy Minister of Foreign Affairs'): the index of
        its head word, or None when no title ends here."""
        head = None
        j = k
        while j >= 0 and k - j < 24:
            w = toks[j].text
            if w in TITLE_HEADS or (w.islower() and w[:1].upper() + w[1:] in TITLE_HEADS and j > 0
                                    and toks[j - 1].text in ("the", "deputy", "vice", "first")):
                head = j  # "the deputy head of the Presidential Administration"
                if w.islower():
                    break
            elif (
                is_capitalized(w)
                or is_acronym(w)
                or w in ("of", "the", "for", "and", "on", "at", "in", "&", "to")
                or joiner(self.text, toks[j])
                or (w in ("'s", "’s") and j > 0 and is_capitalized(toks[j - 1].text))
                or w == ","
                and j + 1 <= k
                and self._enumeration(toks, j + 1)
                or (w == "charge" and j > 0 and toks[j - 1].text == "in")  # "Minister in charge of ..."
            ):
                pass
            else:
                break
            j -= 1
        return head

    def _persons(self, si: int, toks, taken: set[int], honorific_only: bool = False) -> list[Span]:
        out = []
        n = len(toks)
        for a, b in self._runs(toks, taken):
            size = sum(1 for k in range(a, b) if is_capitalized(toks[k].text) and len(toks[k].text) > 1)
            before = toks[a - 1].text if a > 0 else ""
            if before == "." and a > 1:
                before = toks[a - 2].text if toks[a - 2].text in HONORIFICS else before
            ok = before in HONORIFICS
            if honorific_only and not ok:
                continue  # a headline in Title Case: every word is capitalized, context proves nothing
            if not ok and a > 0 and (before in TITLE_HEADS or (
                    size >= 2 and before.islower() and before[:1].upper() + before[1:] in TITLE_HEADS)):
                ok = True  # "Minister Aliyev", "the Kazakh foreign minister Aidar Bekov"
            if (
                not ok
                and a > 0
                and size >= 2
                and self._title_chunk_before(toks, a - 1) is not None
                and toks[a - 1].text not in ("of", "the", "for", "and", "on", "at", "in", ",")
            ):
                ok = True  # "Deputy Minister of Foreign Affairs Arman Seitkali"
            if (not ok and size >= 2 and a > 3 and before == ")" and is_acronym(toks[a - 2].text)
                    and toks[a - 3].text == "(" and self._title_chunk_before(toks, a - 4) is not None):
                ok = True  # "Director-General of the International Labour Organization (ILO) Maria Fenwick"
            if not ok and size >= 2 and members_before(self.text, toks[a].start, toks[0].start):
                ok = True  # "members of parliament Ilse Brandt and Karl Moser"
            if not ok and a > 0 and lowered(before) in PERSON_CUES:
                ok = True  # "his counterpart Aidar Beknazarov"
            if not ok and size >= 2 and a > 0 and lowered(before) in ATTRIBUTION_VERBS:
                ok = True  # "..., said Lena Mirova"
            if not ok and size >= 2 and b + 1 < n and (toks[b].text == "," or toks[b].text in DASHES):
                ok = self._title_after(toks, b + 1)
            if (
                not ok
                and size >= 2
                and a > 1
                and toks[a - 1].text == ","
                and (b >= n or toks[b].text in (",", ".", ")", ";", ":") or lowered(toks[b].text) in REL_WORDS)
            ):
                ok = self._title_chunk_before(toks, a - 2) is not None or lower_title_before(
                    self.text, toks[a].start, toks[0].start) is not None  # "the deputy minister of ... of X, Y"
            if not ok and size >= 2 and a > 0 and toks[a - 1].text in ("by", "with", "between"):
                ok = True
            if not ok and size >= 2 and b < n and lowered(toks[b].text) in SUBJECT_VERBS:
                ok = True  # "Varos Simonyan noted"
            if ok:
                end = b
                if (size >= 2 and b in self._place_toks and self.text[toks[b - 1].end:toks[b].start] == " "
                        and (b + 1 >= n or not (is_capitalized(toks[b + 1].text) or toks[b + 1].text in ("'s", "’s")))):
                    end = b + 1  # "Minister of Energy of Brazil Paulo Ribeiro Lima and ...": a surname
                out.append(Span(toks[a].start, toks[end - 1].end, "PER", si, a, end, "person"))
                taken.update(range(a, end))
        return out

    @staticmethod
    def _title_after(toks, k: int) -> bool:
        """A job title opens at token k: 'Director of ...', 'the deputy director of ...', 'United Nations
        Under-Secretary-General and ...' (a few capitalized words before the head)."""
        n = len(toks)
        if toks[k].text in ("the", "a", "an") and k + 1 < n:
            k += 1
        if k + 2 < n and is_capitalized(toks[k].text) and toks[k + 1].text in ("'s", "’s"):
            k += 2  # "Kazakhstan's Minister of Energy"
        for x in range(k, min(n, k + 5)):
            w = toks[x].text
            word = w[:1].upper() + w[1:]
            if word in TITLE_HEADS:
                return x == k or all(
                    is_capitalized(toks[y].text) or is_acronym(toks[y].text) or toks[y].text[:1].upper() + toks[y].text[1:]
                    in TITLE_MODIFIERS
                    for y in range(k, x)
                )
            if not (is_capitalized(w) or is_acronym(w) or word in TITLE_MODIFIERS):
                return False
        return False

    def _places_by_context(self, si: int, toks, taken: set[int]) -> list[Span]:
        """'held talks in Daejeon with ...': a single unknown name after 'in' where events take place."""
        out = []
        for k in range(2, len(toks)):
            if k in taken or not self._unknown_word(toks[k].text):
                continue
            nxt = toks[k + 1].text if k + 1 < len(toks) else "."
            city_of = lowered(toks[k - 2].text) in ("city", "town") and toks[k - 1].text == "of"
            # "in Tsukuba, Japan": an unknown name before a known country
            before_country = (
                toks[k - 1].text == "in"
                and nxt == ","
                and k + 2 < len(toks)
                and self.gaz.country(toks[k + 2].text) is not None
            )
            if (city_of or before_country) and not (is_capitalized(nxt) or is_acronym(nxt)):
                out.append(Span(toks[k].start, toks[k].end, "LOC", si, k, k + 1, "context"))
                taken.add(k)
                continue
            if toks[k - 1].text != "in" or lowered(toks[k - 2].text) not in PLACE_CUES:
                continue
            nxt = toks[k + 1].text if k + 1 < len(toks) else "."
            if (
                self._unknown_word(toks[k].text)
                and not (is_capitalized(nxt) or is_acronym(nxt))
                and nxt not in ("'s", "’s")
            ):
                out.append(Span(toks[k].start, toks[k].end, "LOC", si, k, k + 1, "context"))
                taken.add(k)
        return out

    def _surnames(self, sents, spans: list[Span]) -> list[Span]:
        """A surname alone ('Aliyev said') once the person is named in full."""
        surnames = {}
        for s in spans:
            if s.type == "PER":
                words = self.text[s.start : s.end].split()
                if len(words) >= 2:
                    surnames[words[-1]] = s
        # "Liu said": the first of two words, when no other name has it, as the subject of a verb of saying
        firsts: dict[str, int] = {}
        for s in spans:
            words = self.text[s.start : s.end].split() if s.type == "PER" else []
            if len(words) == 2 and words[0] not in surnames and words[0] not in HONORIFICS \
                    and words[0] not in NOT_NAME:
                firsts[words[0]] = firsts.get(words[0], 0) + 1
        out = []
        covered = {(s.sent, k) for s in spans for k in range(s.tok0, s.tok1)}
        for si, sent in enumerate(sents):
            toks = sent.tokens
            for k, t in enumerate(toks):
                if (si, k) in covered:
                    continue
                if t.text in surnames or (
                    firsts.get(t.text) == 1 and k + 1 < len(toks)
                    and toks[k + 1].text in (ATTRIBUTION_VERBS | SUBJECT_VERBS) - {"will", "is", "was", "has"}
                ):
                    out.append(Span(t.start, t.end, "PER", si, k, k + 1, "surname"))
        return out

    @staticmethod
    def _dateline_agency(sents) -> str | None:
        """The news agency of a dateline: 'MOSCOW, April 8 (BelTA) -', 'Baku, 4 March, AZERTAC'."""
        for sent in sents[:4]:
            m = re.match(r"\s*[^\W\d_][^,\n]{1,40},[^()\n]{2,30}\(([A-Z][A-Za-z-]{1,15})\)\s*[–—-]", sent.text)
            if m:
                return m.group(1)
            m = re.match(r"\s*[^\W\d_][^,\n]{1,40},[^,\n]{2,30},\s*([A-Z][A-Za-z-]{1,15})\s*$", sent.text)
            if m:
                return m.group(1)
        return None

    def _cited_agencies(self, sents, spans: list[Span]) -> list[Span]:
        """A news agency the text cites: 'TASS reports', 'Source: UzA' (an acronym-like name)."""
        out = []
        publisher = self._dateline_agency(sents)
        for si, sent in enumerate(sents):
            toks = sent.tokens
            for k, t in enumerate(toks):
                if t.text == publisher:
                    continue  # "(MONTSAME) – ... , MONTSAME reports": the publisher itself
                if sum(c.isupper() for c in t.text) < 2 or not t.text[:1].isupper() or not t.text.isalpha():
                    continue
                if any(s.start <= t.start < s.end for s in spans) or known_place(t.text):
                    continue
                nxt = lowered(toks[k + 1].text) if k + 1 < len(toks) else ""
                source = k >= 2 and lowered(toks[k - 2].text) == "source" and toks[k - 1].text == ":"
                if nxt in AGENCY_VERBS or (source and k == len(toks) - 1):
                    out.append(Span(t.start, t.end, "ORG", si, k, k + 1, "agency"))
        return out

    def _mark_nested(self, sents, spans: list[Span]) -> None:
        """An acronym inside a longer name ('CIS' in 'Forum for the CIS region', 'BRICS' in 'BRICS Digital
        Economy Working Group') is no organization of its own there."""
        heads = ORG_HEADS | set(EVENT_NAME_HEADS) | set(DOC_NAME_HEADS)
        for s in spans:
            if s.type != "ORG" or s.source != "gazetteer" or not is_acronym(self.text[s.start : s.end]):
                continue
            toks = sents[s.sent].tokens
            if any(o is not s and o.type == "ORG" and o.start <= s.start and s.end <= o.end for o in spans):
                s.nested = True
                continue
            k = s.tok1
            while k < len(toks) and (self._namey(toks, k) or joiner(self.text, toks[k])):
                if toks[k].text in heads:
                    s.nested = True
                    break
                k += 1
            k = s.tok0 - 1
            steps = 0
            while not s.nested and k >= 0 and steps < 8:
                w = toks[k].text
                if w in heads:
                    s.nested = True
                elif not (
                    self._namey(toks, k)
                    or w in ("the", "of", "for", "and", "&")
                    or joiner(self.text, toks[k])
                ):
                    break
                k -= 1
                steps += 1
