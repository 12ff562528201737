"""The English pipeline: official press releases in English, by rules, lexicons and gazetteers.

    sentences → names → entities → roles → dates → events → agreements → topics

The same recipe as the Russian pipeline, with steps written for English:

* names       capitalized sequences read by rules: gazetteer places and bodies (longest match), bodies
              headed by "Ministry / Agency / Union / ... " with their "of"-complements, companies named
              after "operator", "company", acronyms in parentheses, persons after an honorific
              ("Ms", "Dr"), before or after a job title ("Minister X", "X, Vice Minister of ...");
* entities    the spans resolved in an EntityTable(lang="en"): a surname or an acronym met again joins
              the entity named in full; a country is named as this text names it;
* roles       job titles bound to persons ("X, Head of ... at ITU", "Deputy Minister of ... X");
* dates       dates.find_dates(lang="en"), plus "this morning"-style words for the publication day;
* events      triggers from resources/events_en.json, status from tense and modality checked against
              the publication date, participants by clause, place after "in/at/to", sub-events, and the
              same inheritance as the Russian step (a speech at a meeting happened when and where it did);
* agreements  documents named by their head noun (resources/agreements_en.json);
* topics      the shared TopicStep.

Every lexicon is data in resources/*_en.json; nothing here knows a particular text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..model import Agreement, Document, Event, Evidence, Mention, Participant, Record, Role, date_bounds
from . import dates as dates_mod
from .dates import DateMention
from .entities import ACRONYM, EntityTable, PersonClusters
from .events import _evidence, _period_of, _plover, _within
from .gazetteer import Gazetteer, normalize_key
from .nlp import Sentence, Token, headline_spans
from .resources import load_json

ENGLISH_STEPS = ["sentences", "names", "entities", "roles", "dates", "events", "agreements", "topics"]

_T = load_json("titles_en.json")
_E = load_json("events_en.json")
_A = load_json("agreements_en.json")

TITLE_HEADS = frozenset(_T["heads"])
TITLE_MODIFIERS = frozenset(_T["modifiers"])
HONORIFICS = frozenset(h.rstrip(".") for h in _T["honorifics"])
ORG_HEADS = frozenset(_T["org_heads"])
ORG_NEED_COMPLEMENT = frozenset(_T["org_heads_need_complement"])
DIVISION_HEADS = frozenset(_T["division_heads"])
COMPANY_CUES = frozenset(_T["company_cues"])
COMPANY_SUFFIXES = tuple(_T["company_suffixes"])
COMPANY_SUFFIX_MIN = int(_T["company_suffix_min_length"])
ORG_REFERENCES = frozenset(_T["org_references"])
PLACE_CUES = frozenset(_T["place_cues"])
SUBJECT_VERBS = frozenset(_T["speech_verbs"])
NOT_NAME = frozenset(_T["not_name"]) | TITLE_HEADS | TITLE_MODIFIERS | ORG_HEADS | DIVISION_HEADS
ABBREVIATIONS = frozenset(_T["abbreviations"])
NOUN_SUFFIXES = tuple(_T["noun_suffixes"])
NOUN_SUFFIX_MIN = int(_T["noun_suffix_min_length"])

_WORD_TOKEN = r"[^\W_]+(?:(?:-|['’](?!s\b))[^\W_]+)*"
_TOKEN = re.compile(r"[’']s\b|" + _WORD_TOKEN + r"|\S")
_DASHES = {"-", "–", "—", "‒", "―"}
_CONNECTORS = {"of", "the", "for", "and", "on", "&", "in", "at"}
_PARTICLES = {
    "de",
    "da",
    "dos",
    "das",
    "del",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ibn",
    "al",
    "la",
    "le",
    "du",
    "di",
}
_REL_WORDS = {"who", "which", "where", "while", "whereas", "whom", "whose"}
_PAREN_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9&-]{1,11})\)")
_QUOTES = '"“”«»'


# -- tokens and sentences --------------------------------------------------------------------------


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Words (with inner hyphens and apostrophes), a possessive "'s", and single other characters."""
    return tuple(Token(offset + m.start(), offset + m.end(), m.group()) for m in _TOKEN.finditer(text))


def english_sentences(text: str) -> list[Sentence]:
    """Sentences of English text: paragraph blocks (a headline or a dateline stays a sentence of its
    own), split after '.', '!' or '?' before a capital letter, except after an abbreviation
    ('Mr.', 'St.', 'Sept.') or an initial ('J.')."""
    from .nlp import _blocks

    out = []
    for block_start, block in _blocks(text):
        pos = 0
        for m in _SENTENCE_END.finditer(block):
            before = re.search(r"([\w.]+)\.$", block[pos : m.start() + 1])
            word = before.group(1) if before else ""
            if block[m.start()] == "." and (
                word in ABBREVIATIONS
                or re.fullmatch(r"[A-Z]", word)
                or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)
            ):
                continue
            out.append(_sentence(text, block_start + pos, block_start + m.end()))
            pos = m.end()
        if block[pos:].strip():
            out.append(_sentence(text, block_start + pos, block_start + len(block)))
    return [s for s in out if s.text]


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end], tokenize(text[start:end], start))


_SENTENCE_END = re.compile(r"[.!?][\"”’)»]*(?=\s+[\"“«(]?[A-Z0-9А-ЯЁ])")


def _title_case(sent: Sentence) -> bool:
    """'Minister Zhumabek Receives Ambassador Of Japan': a line whose every word is capitalized."""
    words = [t.text for t in sent.tokens if t.text[:1].isalpha()]
    small = {"of", "and", "the", "in", "on", "for", "to", "at", "with", "a", "an", "by"}
    content = [w for w in words if w.lower() not in small]
    return (
        len(content) >= 4
        and sum(1 for w in content if w[:1].isupper()) >= 0.9 * len(content)
        and "\n" not in sent.text
        and not sent.text.rstrip().endswith(".")
    )


def _cap(word: str) -> bool:
    return word[:1].isalpha() and word[:1].isupper()


def _acronym(word: str) -> bool:
    return bool(ACRONYM.match(word)) and any(c.isalpha() for c in word)


def _joiner(text: str, tok: Token) -> bool:
    """A dash inside a compound name ('Korea–Mongolia'), not one between clauses ('GENEVA – The')."""
    return (
        tok.text in _DASHES
        and tok.start > 0
        and tok.end < len(text)
        and not text[tok.start - 1].isspace()
        and not text[tok.end].isspace()
    )


def _low(word: str) -> str:
    return word.casefold().replace("’", "'")


@functools.cache
def _gazetteer_index() -> tuple[dict[str, list[tuple[str, dict, str]]], int]:
    gaz = Gazetteer.load()
    index: dict[str, list[tuple[str, dict, str]]] = {}
    longest = 1
    for surface, kind, entry in [*gaz.iter_place_keys("en"), *gaz.iter_organization_keys("en")]:
        index.setdefault(normalize_key(surface), []).append((kind, entry, surface))
        longest = max(longest, len(_TOKEN.findall(surface)))
    return index, longest


@functools.cache
def _first_words() -> dict[str, int]:
    """The first word of every gazetteer name, with the most words a name starting with it has."""
    out: dict[str, int] = {}
    for key in _gazetteer_index()[0]:
        words = _TOKEN.findall(key)
        if words:
            out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def _iso(name: str) -> str | None:
    entry = Gazetteer.load().country(name)
    return entry["iso2"] if entry else None


def _known_place(word: str) -> bool:
    """A country or city name (ISO codes aside: 'Li' is a name, not Liechtenstein)."""
    hits = _gazetteer_index()[0].get(normalize_key(word), [])
    return any(kind in ("country", "city") for kind, _, _ in hits)


def _exact_case(surface: str) -> bool:
    """A gazetteer form written with capitals inside ('US', 'EurAsEC') is matched case-sensitively."""
    return any(c.isupper() for c in surface[1:])


# -- names -----------------------------------------------------------------------------------------


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
            self._place_toks = {s.tok0 for s in found if s.type == "LOC" and s.tok1 - s.tok0 == 1}
            people = self._persons(si, toks, taken, honorific_only=_title_case(sent))
            found = [s for s in found if not any(p.start <= s.start < p.end for p in people)] + people
            found += self._places_by_context(si, toks, taken)
            spans.extend(found)
        spans += self._dateline_agency(text, sents, spans)
        spans += self._surnames(sents, spans)
        self._mark_nested(sents, spans)
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
        return spans

    # gazetteer -------------------------------------------------------------------------------------
    def _gazetteer(self, si: int, toks, taken: set[int]) -> list[Span]:
        index, longest = _gazetteer_index()
        out: list[Span] = []
        i = 0
        while i < len(toks):
            w = toks[i].text
            if not (w[:1].isupper() or w[:1].isdigit()):
                i += 1
                continue
            hit = None
            first = normalize_key(w)
            most = _first_words().get(_TOKEN.findall(first)[0] if first else "", 0)
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
            if _cap(part) and _known_place(part):
                out.append(Span(pos, pos + len(part), "LOC", si, i, i + 1, "compound"))
            pos += len(part) + 1
        return out

    @staticmethod
    def _lookup(index, surface: str):
        hits = index.get(normalize_key(surface))
        if not hits:
            return None
        for kind, entry, orig in hits:
            if _exact_case(orig):
                if surface.replace(".", "") != orig.replace(".", ""):
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
        m = _PAREN_ACRONYM.match(self.text, span.end)
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
        if k == 0 and w in NOT_NAME and w not in ORG_HEADS and _low(w) in self.lower_words:
            return False
        return _cap(w) or _acronym(w) or bool(re.match(r"^\d+[A-Za-z]+$", w))

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
                    _acronym(toks[k].text) or _known_place(toks[k].text) for k in range(max(left, 1), h)
                )
            ):
                continue  # "Digital Government" is no body; "OSCE Programme Office" is
            if any(toks[k].text in TITLE_HEADS for k in range(left, h)):
                continue
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

    def _org_left(self, toks, h: int, taken: set[int]) -> int:
        i = h
        while i > 0:
            p = toks[i - 1]
            if _joiner(self.text, p) and i >= 2 and self._namey(toks, i - 2):
                i -= 1
                continue
            if (
                p.text in ("and", "&")
                and i >= 2
                and self._namey(toks, i - 2)
                and self._namey(toks, i)
                and toks[i - 2].text not in ORG_HEADS
            ):
                i -= 1
                continue
            if (
                self._namey(toks, i - 1)
                and p.text not in TITLE_HEADS
                and p.text not in HONORIFICS
                and not (p.text in ORG_HEADS and i - 1 != h)
            ):
                if i - 1 == 0 and p.text in NOT_NAME and p.text not in ORG_HEADS and not _acronym(p.text):
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
        k = j + 1
        unknown_run = 0
        while k < n:
            w = toks[k].text
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
            if _joiner(self.text, toks[k]) and k + 1 < n and self._namey(toks, k + 1):
                k += 1
                continue
            if w in ("of", "for", "on", "and", "&", "in") and k + 1 < n:
                nxt = toks[k + 1].text
                if w == "and" and (
                    nxt in ("the", "of")
                    or nxt in ORG_HEADS
                    or _known_place(toks[k - 1].text)
                    or (_acronym(nxt) and self._lookup(_gazetteer_index()[0], nxt))
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
            break
        return end

    def _unknown_word(self, w: str) -> bool:
        return (
            _cap(w)
            and not w.isupper()
            and w not in NOT_NAME
            and _low(w) not in self.lower_words
            and not _known_place(w)
            and not self.gaz.country_of_adjective(w)
        )

    def _enumeration(self, toks, k: int) -> bool:
        """'Development, Innovation and Aerospace Industry': a comma inside a name's enumeration."""
        for j in range(k, min(len(toks), k + 10)):
            w = toks[j].text
            if w == "and":
                return j + 1 < len(toks) and self._namey(toks, j + 1)
            if not (self._namey(toks, j) or _joiner(self.text, toks[j]) or (w == "," and j > k)):
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
                        and (_cap(toks[k].text) or _acronym(toks[k].text))
                        and toks[k].text not in NOT_NAME
                        and k - j < 3
                    ):
                        k += 1
                    if k == j:
                        break
                    surface = self.text[toks[j].start : toks[k - 1].end]
                    if not _known_place(surface):
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
            if i in taken or not _cap(w) or len(w) < COMPANY_SUFFIX_MIN or w in NOT_NAME:
                continue
            if _low(w).endswith(COMPANY_SUFFIXES) and _low(w) not in self.lower_words and not _known_place(w):
                out.append(Span(t.start, t.end, "ORG", si, i, i + 1, "company"))
                taken.add(i)
        return out

    def _adjectives(self, si: int, toks, taken: set[int]) -> list[Span]:
        """'the Kazakh delegation': a country adjective, kept to name the country as a participant."""
        out = []
        for i, t in enumerate(toks):
            if i in taken or not _cap(t.text):
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

    # persons --------------------------------------------------------------------------------------------
    def _name_token(self, toks, k: int, taken: set[int]) -> bool:
        w = toks[k].text
        if k in taken or not _cap(w) or (w.isupper() and len(w) > 1) or w in NOT_NAME or w in HONORIFICS:
            return False
        if len(w) >= NOUN_SUFFIX_MIN and _low(w).endswith(NOUN_SUFFIXES):
            return False  # "Informatization", "Connectivity": common nouns in a title
        if _low(w) in self.lower_words and not (
            len(w) == 1 and k + 1 < len(toks) and toks[k + 1].text == "."
        ):
            return False
        return not (_known_place(w) or self.gaz.country_of_adjective(w))

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
                    toks[k].text in _PARTICLES
                    and k + 1 < n
                    and self._name_token(toks, k + 1, taken)
                    and k > a
                ):
                    k += 1
                elif (
                    k in self._place_toks
                    and k + 1 < n
                    and self._name_token(toks, k + 1, taken)
                    and _low(toks[k].text) not in self.lower_words
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
            if w in TITLE_HEADS:
                head = j
            elif (
                _cap(w)
                or _acronym(w)
                or w in ("of", "the", "for", "and", "on", "at", "in", "&")
                or _joiner(self.text, toks[j])
                or (w in ("'s", "’s") and j > 0 and _cap(toks[j - 1].text))
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
            size = sum(1 for k in range(a, b) if _cap(toks[k].text) and len(toks[k].text) > 1)
            before = toks[a - 1].text if a > 0 else ""
            if before == "." and a > 1:
                before = toks[a - 2].text if toks[a - 2].text in HONORIFICS else before
            ok = before in HONORIFICS
            if honorific_only and not ok:
                continue  # a headline in Title Case: every word is capitalized, context proves nothing
            if not ok and a > 0 and before in TITLE_HEADS:
                ok = True  # "Minister Guliyev"
            if (
                not ok
                and a > 0
                and size >= 2
                and self._title_chunk_before(toks, a - 1) is not None
                and toks[a - 1].text not in ("of", "the", "for", "and", "on", "at", "in", ",")
            ):
                ok = True  # "Deputy Minister of Foreign Affairs Yerlan Abdikarimov"
            if not ok and size >= 2 and b + 1 < n and toks[b].text == ",":
                k = b + 1
                if toks[k].text in ("the", "a", "an") and k + 1 < n:
                    k += 1
                ok = toks[k].text in TITLE_HEADS or (
                    toks[k].text in TITLE_MODIFIERS
                    and any(toks[x].text in TITLE_HEADS for x in range(k, min(n, k + 4)))
                )
            if (
                not ok
                and size >= 2
                and a > 1
                and toks[a - 1].text == ","
                and (b >= n or toks[b].text in (",", ".", ")", ";", ":") or _low(toks[b].text) in _REL_WORDS)
            ):
                ok = self._title_chunk_before(toks, a - 2) is not None
            if not ok and size >= 2 and a > 0 and toks[a - 1].text in ("by", "with", "between"):
                ok = True
            if not ok and size >= 2 and b < n and _low(toks[b].text) in SUBJECT_VERBS:
                ok = True  # "Varos Simonyan noted"
            if ok:
                end = b
                out.append(Span(toks[a].start, toks[end - 1].end, "PER", si, a, end, "person"))
                taken.update(range(a, end))
        return out

    def _places_by_context(self, si: int, toks, taken: set[int]) -> list[Span]:
        """'held talks in Sejong with ...': a single unknown name after 'in' where events take place."""
        out = []
        for k in range(2, len(toks)):
            if k in taken or toks[k - 1].text != "in" or _low(toks[k - 2].text) not in PLACE_CUES:
                continue
            nxt = toks[k + 1].text if k + 1 < len(toks) else "."
            if (
                self._unknown_word(toks[k].text)
                and not (_cap(nxt) or _acronym(nxt))
                and nxt not in ("'s", "’s")
            ):
                out.append(Span(toks[k].start, toks[k].end, "LOC", si, k, k + 1, "context"))
                taken.add(k)
        return out

    def _surnames(self, sents, spans: list[Span]) -> list[Span]:
        """A surname alone ('Guliyev said') once the person is named in full."""
        surnames = {}
        for s in spans:
            if s.type == "PER":
                words = self.text[s.start : s.end].split()
                if len(words) >= 2:
                    surnames[words[-1]] = s
        out = []
        covered = {(s.sent, k) for s in spans for k in range(s.tok0, s.tok1)}
        for si, sent in enumerate(sents):
            for k, t in enumerate(sent.tokens):
                if t.text in surnames and (si, k) not in covered:
                    out.append(Span(t.start, t.end, "PER", si, k, k + 1, "surname"))
        return out

    def _dateline_agency(self, text: str, sents, spans: list[Span]) -> list[Span]:
        """'Baku, 4 March, AZERTAC', 'MOSCOW, April 8 (BelTA) -': the news agency of a dateline."""
        out = []
        for si, sent in enumerate(sents[:4]):
            m = re.match(
                r"\s*[^\W\d_][^,\n]{1,40},[^()\n]{2,30}\(([A-Z][A-Za-z-]{1,15})\)\s*[–—-]", sent.text
            )
            if m:
                k = _tok_index(sent.tokens, sent.start + m.start(1))
                if k is not None and not _known_place(m.group(1)):
                    out.append(
                        Span(sent.start + m.start(1), sent.start + m.end(1), "ORG", si, k, k + 1, "dateline")
                    )
        for si, sent in enumerate(sents[:4]):
            toks = sent.tokens
            if len(toks) < 4 or "\n" in sent.text.strip():
                continue
            last = toks[-1]
            if (
                last.text.isupper()
                and len(last.text) >= 3
                and toks[-2].text == ","
                and any(t.text[:1].isdigit() for t in toks)
                and not any(s.start <= last.start < s.end for s in spans)
                and not _known_place(last.text)
            ):
                out.append(Span(last.start, last.end, "ORG", si, len(toks) - 1, len(toks), "dateline"))
        return out

    def _mark_nested(self, sents, spans: list[Span]) -> None:
        """An acronym inside a longer name ('CIS' in 'Forum for the CIS region', 'BRICS' in 'BRICS Digital
        Economy Working Group') is no organization of its own there."""
        heads = ORG_HEADS | set(_EVENT_NAME_HEADS) | set(_DOC_NAME_HEADS)
        for s in spans:
            if s.type != "ORG" or s.source != "gazetteer" or not _acronym(self.text[s.start : s.end]):
                continue
            toks = sents[s.sent].tokens
            if any(o is not s and o.type == "ORG" and o.start <= s.start and s.end <= o.end for o in spans):
                s.nested = True
                continue
            k = s.tok1
            while k < len(toks) and (self._namey(toks, k) or _joiner(self.text, toks[k])):
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
                    or _joiner(self.text, toks[k])
                ):
                    break
                k -= 1
                steps += 1


_EVENT_NAME_HEADS = (
    "Forum",
    "Conference",
    "Meeting",
    "Summit",
    "Dialogue",
    "Session",
    "Week",
    "Exhibition",
    "Congress",
    "Symposium",
    "Seminar",
    "Workshop",
    "Round",
    "Assembly",
    "Expo",
    "Festival",
)
_DOC_NAME_HEADS = (
    "Agreement",
    "Memorandum",
    "Roadmap",
    "Plan",
    "Programme",
    "Program",
    "Declaration",
    "Protocol",
    "Treaty",
    "Statement",
    "Charter",
    "Convention",
    "Strategy",
    "Concept",
)


# -- entities --------------------------------------------------------------------------------------


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
                pending.append((m, persons.add(surface)))
            elif s.type == "LOC":
                ent = table.place(surface)
                m.entity = ent.id
                if ent.kind == "country":
                    forms.setdefault(ent.id, []).append(surface)
            elif s.nested:
                nested.append(m)
            else:
                ent = self._organization(table, surface, s.acronym)
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
        mentions += self._acronyms_again(text, sents, mentions, table)
        mentions += self._references(text, sents, mentions, table)
        mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return mentions

    @staticmethod
    def _organization(table: EntityTable, surface: str, acronym: str | None):
        name = re.sub(r"^(?:the|The)\s+", "", " ".join(surface.split()))
        if all(w in NOT_NAME for w in name.split()):
            # "the Working Group": the body of that name told in full before
            known = next(
                (e for e in reversed(table.entities) if e.type == "ORG" and e.name.endswith(" " + name)), None
            )
            if known is not None:
                return known
        for e in table.entities:
            if e.type != "ORG" or e.gazetteer_id:
                continue
            if e.name.startswith(name + " of ") or e.name.startswith(name + " for "):
                table._alias(e, name)
                if acronym:
                    table._alias(e, acronym)
                return e
            if name.startswith(e.name + " of ") or name.startswith(e.name + " for "):
                old = e.name
                e.name = name
                table._alias(e, old)
                table._alias(e, name)
                if acronym:
                    table._alias(e, acronym)
                return e
        ent = table.organization(name)
        if ent is not None and acronym:
            table._alias(ent, acronym)
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
    def _acronyms_again(text, sents, mentions, table) -> list[Mention]:
        """'KISA', 'DEWG': an acronym introduced in parentheses, met again standing alone."""
        out = []
        covered = [(m.start, m.end) for m in mentions]
        for sent in sents:
            for k, t in enumerate(sent.tokens):
                if not _acronym(t.text) or any(a <= t.start < b for a, b in covered):
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
                if _low(w) not in ORG_REFERENCES or _low(toks[k - 1].text) != "the":
                    continue
                if k + 1 < len(toks) and (_cap(toks[k + 1].text) or toks[k + 1].text in ("of", "for")):
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


# -- roles ------------------------------------------------------------------------------------------


class EnglishRoles:
    """Job titles bound to persons: 'X, Vice Minister of ... of Kazakhstan,', 'Minister of ... X',
    'the Minister of ..., X,'. The body and the state named inside a title stay entities of their own."""

    name = "roles"

    def __call__(
        self, text: str, sents: list[Sentence], mentions: list[Mention], table: EntityTable
    ) -> list[tuple[int, int]]:
        self.text = text
        spans: list[tuple[int, int]] = []
        for sent in sents:
            in_sent = [m for m in mentions if sent.start <= m.start < sent.end]
            persons = [m for m in in_sent if m.type == "PER" and m.entity]
            for p in persons:
                for finder in (self._after, self._before):
                    found = finder(sent, p, in_sent)
                    if found is None:
                        continue
                    start, end, owner = found
                    spans.append((owner, end))
                    self._attach(sent, start, end, owner, p, in_sent, table)
        for ent in table.entities:
            if ent.type == "PER" and len(ent.roles) > 1:
                full = [r for r in ent.roles if not _bare_title(r.title)]
                if full:
                    ent.roles[:] = full
        return spans

    def _after(self, sent: Sentence, person: Mention, in_sent):
        toks = sent.tokens
        k = next((i for i, t in enumerate(toks) if t.start >= person.end), None)
        if k is None or toks[k].text != "," or k + 1 >= len(toks):
            return None
        k += 1
        if toks[k].text in ("the", "a", "an") and k + 1 < len(toks):
            k += 1
        first = k
        head = None
        while (
            k < len(toks)
            and (toks[k].text in TITLE_MODIFIERS or toks[k].text in TITLE_HEADS)
            and k - first < 5
        ):
            if toks[k].text in TITLE_HEADS:
                head = k
            k += 1
        if head is None:
            return None
        limit = min([m.start for m in in_sent if m.type == "PER" and m.start > person.end], default=sent.end)
        end = self._extend(toks, head + 1, limit)
        end = max(end, toks[k - 1].end)
        nxt = next((t for t in toks if t.start > end and t.text not in HONORIFICS and t.text != "."), None)
        if nxt is not None and nxt.start == limit and not self.text[end:limit].strip(" ,.").replace(".", ""):
            return None  # "..., Ambassador Ruslan Temirov": the title of the next person
        if nxt is not None and nxt.start == limit and self.text[end:limit].strip() in HONORIFICS:
            return None
        return toks[first].start, end, toks[first].start

    def _extend(self, toks, j: int, limit: int) -> int:
        end = toks[j - 1].end
        n = len(toks)
        while j < n and toks[j].start < limit:
            w = toks[j].text
            if _cap(w) or _acronym(w) or _joiner(self.text, toks[j]):
                if not w.endswith(("'s", "’s")):
                    end = toks[j].end
                j += 1
                continue
            if w in ("of", "the", "for", "and", "on", "at", "in", "&", "to") and j + 1 < n:
                nxt = toks[j + 1].text
                if w == "and" and (nxt == "the" or not (_cap(nxt) or _acronym(nxt))):
                    break
                if _cap(nxt) or _acronym(nxt) or nxt in ("the", "of"):
                    j += 1
                    continue
                break
            if w == "," and j + 1 < n and (_cap(toks[j + 1].text)) and self._enumeration(toks, j + 1, limit):
                j += 1
                continue
            break
        return end

    def _enumeration(self, toks, k: int, limit: int) -> bool:
        for j in range(k, min(len(toks), k + 10)):
            w = toks[j].text
            if toks[j].start >= limit:
                return False
            if w == "and":
                return j + 1 < len(toks) and _cap(toks[j + 1].text)
            if not (_cap(w) or _acronym(w) or _joiner(self.text, toks[j]) or (w == "," and j > k)):
                return False
        return False

    def _before(self, sent: Sentence, person: Mention, in_sent):
        toks = sent.tokens
        k = next((i for i, t in enumerate(toks) if t.end > person.start), None)
        if k is None or k == 0:
            return None
        j = k - 1
        while j > 0 and (
            toks[j].text in HONORIFICS or (toks[j].text == "." and toks[j - 1].text in HONORIFICS)
        ):
            j -= 1  # "the Ambassador of India, Mr Ravi Kumar"
        if toks[j].text == ",":
            j -= 1  # "the Minister of ... of the Republic of Azerbaijan, Elnur Guliyev,"
        floor = max([m.end for m in in_sent if m.type == "PER" and m.end <= toks[j].start] + [sent.start])
        end = toks[j].end
        head = None
        i = j
        while i >= 0 and toks[i].start >= floor and j - i < 24:
            w = toks[i].text
            if w in TITLE_HEADS:
                head = i
            elif (
                w in ("'s", "’s")
                and i > 0
                and _cap(toks[i - 1].text)
                and i + 1 < len(toks)
                and _cap(toks[i + 1].text)
                and not _title_word(toks[i + 1].text)
            ):
                pass  # "People's Republic of China"
            elif (
                w.endswith(("'s", "’s"))
                or w in ("The", "A", "An")
                or (w in _DASHES and not _joiner(self.text, toks[i]))
            ):
                break
            elif (
                _cap(w)
                or _acronym(w)
                or _joiner(self.text, toks[i])
                or w in ("of", "the", "for", "and", "on", "at", "in", "&")
                or (w == "charge" and i > 0 and toks[i - 1].text == "in")
                or w == ","
                and i + 1 <= j
                and self._enumeration(toks, i + 1, toks[j].end + 1)
            ):
                pass
            else:
                break
            i -= 1
        if head is None:
            return None
        start = head
        while start > i + 1 and (
            toks[start - 1].text in TITLE_MODIFIERS
            or toks[start - 1].text in TITLE_HEADS
            or _acronym(toks[start - 1].text)
            or Gazetteer.load().country_of_adjective(toks[start - 1].text)
        ):
            start -= 1
        if toks[j].text in ("of", "the", "for", "and", "on", "at", "in"):
            return None
        run = j
        while run >= start and (toks[run].text in TITLE_HEADS or toks[run].text in TITLE_MODIFIERS):
            run -= 1
        if start < run < j and (_cap(toks[run].text) or _acronym(toks[run].text)):
            end = toks[run].end  # "Head of the OSCE Programme Office in Dushanbe Ambassador Anna Kowalska"
        owner = toks[start].start
        if start > 0 and toks[start - 1].text in ("'s", "’s") and start > 1:
            owner = toks[start - 2].start  # "Kazakhstan's Vice Minister": the state belongs with the title
        return toks[start].start, end, owner

    def _attach(self, sent, start, end, owner, person, in_sent, table: EntityTable) -> None:
        title = " ".join(self.text[start:end].split()).strip(" ,")
        if not title:
            return
        ent = table.entity(person.entity)
        inner = [
            m for m in in_sent if owner <= m.start and m.end <= end and m.type in ("ORG", "LOC") and m.entity
        ]
        org = next((m for m in inner if m.type == "ORG"), None)
        country = None
        for m in inner:
            place = table.entity(m.entity)
            if m.type == "LOC" and place is not None and place.kind == "country":
                country = place.iso
                break
        if country is None:
            for word in title.split()[:2]:
                adj = Gazetteer.load().country_of_adjective(word)
                if adj is not None:
                    country = adj["iso2"]  # "Armenian Minister of High-Tech Industry"
                    break
        role = Role(
            title=title,
            organization=org.entity if org else None,
            country=country,
            evidence=Evidence(sent.start, sent.end, sent.text),
        )
        if ent is not None and all(r.title.casefold() != title.casefold() for r in ent.roles):
            ent.roles.append(role)


def _title_word(word: str) -> str | None:
    """A title word in its capitalized form ('minister' → 'Minister'); plural heads count too."""
    for w in (word, word[:1].upper() + word[1:]):
        if w in TITLE_HEADS or w in TITLE_MODIFIERS:
            return w
        if w.endswith("s") and w[:-1] in TITLE_HEADS:
            return w[:-1]
    return None


def _days(a: str, b: str) -> int:
    from datetime import date

    lo, hi = date_bounds(a)[0], date_bounds(b)[0]
    return (date.fromisoformat(hi) - date.fromisoformat(lo)).days


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _bare_title(title: str) -> bool:
    words = title.split()
    return len(words) <= 3 and all(w in TITLE_HEADS or w in TITLE_MODIFIERS for w in words)


# -- dates -----------------------------------------------------------------------------------------


def find_dates_en(text: str, published: str | None) -> list[DateMention]:
    """dates.find_dates(lang="en") plus the parts of the publication day ('this morning')."""
    found = list(dates_mod.find_dates(text, published, lang="en"))
    for phrase in _E["morning_words"]:
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text, flags=re.IGNORECASE):
            if any(d.start <= m.start() < d.end for d in found):
                continue
            value = published if published and len(published) == 10 else None
            found.append(DateMention(m.start(), m.end(), m.group(), value, None, "relative", True))
    for m in re.finditer(r"\b(?:in|since|from)\s+(1[7-9]\d\d|2[01]\d\d)\b(?![-–/]\d)", text):
        if not any(d.start <= m.start(1) < d.end for d in found):
            kind = "since" if m.group().startswith("since") else "year"
            found.append(DateMention(m.start(1), m.end(1), m.group(1), m.group(1), None, kind, False))
    months = load_json("dates_en.json")["months"]
    preps = "|".join(re.escape(p) for p in sorted(_E["month_prepositions"], key=len, reverse=True))
    for num, names in months.items():
        for month in names:
            for m in re.finditer(rf"\b(?:{preps})\s+({month})\b(?!\s*\d)(?!,?\s*\d{{4}})", text):
                if any(d.start <= m.start(1) < d.end for d in found):
                    continue
                value = f"{published[:4]}-{int(num):02d}" if published else None
                found.append(DateMention(m.start(1), m.end(1), m.group(1), value, None, "month", True))
    found.sort(key=lambda d: d.start)
    return found


# -- events ----------------------------------------------------------------------------------------


def _compile(groups: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for type_, phrases in groups.items():
        for ph in phrases:
            table.setdefault(tuple(_low(ph).split()), type_)
    return table


TRIGGERS = _compile({**_E["triggers"], "_REF": _E["generic_references"]})
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
DOC_REFERENCES = set(_A["references"])
BACKGROUND = {"FOUNDING", "ACCESSION"}
_ORDINAL_NUM = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")
_PRONOUNS = {"he", "she", "his", "her", "him"}
_PREPS_PLACE = {"in", "at"}
_EMBEDDING = {"for", "of", "on", "about", "regarding", "concerning", "towards"}
_MAX_PLACE_DISTANCE = 30


@dataclass
class _Trigger:
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
    extra: list[_Trigger] = field(default_factory=list)


@dataclass
class _Item:
    """Something in a sentence that can take part in an event: a person, a body or a country."""

    tok: int
    entity: str
    cls: str  # PER | ORG | COUNTRY
    in_role: bool = False


class EnglishEvents:
    """Sentences → events, with status, dates, place, participants and sub-event structure."""

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
        headlines = headline_spans(text)
        self.lead, self.dateline, self.dateline_end = self._dateline(text, sents, mentions, headlines)
        last_person: str | None = None
        for sent in sents:
            if any(s <= sent.start and sent.end <= e + 1 for s, e in headlines):
                continue
            if sent.text.lstrip("*_ ").startswith(tuple(_QUOTES)):
                continue  # direct speech reports no event of its own
            s_mentions = [m for m in mentions if sent.start <= m.start < sent.end]
            self._sentence(sent, s_mentions, dates, last_person)
            persons = [m for m in s_mentions if m.type == "PER" and m.entity]
            if persons:
                last_person = persons[-1].entity
        self._inherit(self.events)
        self._series(self.events)
        self._persons_up(self.events)
        for ev in self.events:
            ev.plover = _plover(ev)
        return self.events

    def _series(self, events: list[Event]) -> None:
        """'The fourth Ministerial Meeting' after 'the third ... Ministerial Meeting': a numbered event of
        a series told before has the same parties when the text names none."""
        for k, ev in enumerate(events):
            if (
                ev.ordinal is None
                or not ev.name
                or any(self.table.entity(p.entity).type != "PER" for p in ev.participants)
            ):
                continue
            tail = [w for w in ev.name.split()[-2:] if _cap(w)]
            if len(tail) < 2:
                continue
            prev = next(
                (
                    e
                    for e in reversed(events[:k])
                    if e.type == ev.type and e.name and e.name.split()[-2:] == tail
                ),
                None,
            )
            if prev is not None:
                ev.participants += [
                    Participant(p.entity, p.role)
                    for p in prev.participants
                    if self.table.entity(p.entity).type != "PER"
                ]

    def _persons_up(self, events: list[Event]) -> None:
        """Who speaks at a session of a forum takes part in the forum."""
        by_id = {e.id: e for e in events}
        for ev in events:
            if ev.type not in ("SPEECH", "SESSION"):
                continue
            persons = [p.entity for p in ev.participants if self.table.entity(p.entity).type == "PER"]
            parent, seen = by_id.get(ev.parent), set()
            while (
                parent is not None
                and parent.id not in seen
                and parent.type in ("FORUM", "MEETING", "SESSION")
            ):
                seen.add(parent.id)
                have = {p.entity for p in parent.participants}
                parent.participants += [Participant(e) for e in persons if e not in have]
                parent = by_id.get(parent.parent)

    # -- one sentence -----------------------------------------------------------------------------------
    def _sentence(self, sent: Sentence, s_mentions: list[Mention], dates, last_person) -> None:
        toks = sent.tokens
        low = [_low(t.text) for t in toks]
        self._org_toks = {
            k for m in s_mentions if m.type == "ORG" for k, t in enumerate(toks) if m.start <= t.start < m.end
        }
        self._per_toks = {
            k for m in s_mentions if m.type == "PER" for k, t in enumerate(toks) if m.start <= t.start < m.end
        }
        triggers = [t for t in self._triggers(toks, low) if self._free(t, toks, low, s_mentions)]
        clauses, relatives = _clauses(toks, low)
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
        _describing_clauses(triggers, clauses, relatives)
        self._references(triggers, toks, low, s_dates)
        live = [t for t in triggers if t.ref is None and t.type != "_REF" and not self._implied(t, toks, low)]
        live = self._merge(live, clauses, toks, low)
        calls = [t for t in live if t.type == "CALL"]
        live = [
            t
            for t in live
            if not (
                t.type == "MEETING"
                and not _cap(toks[t.start].text)
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
        for t in live:
            self._finish(t.event)
        self._followed_by(sent, toks, low, live, items, s_dates, made)
        for r in (t for t in triggers if t.ref is not None):
            if not any(clauses[t.start] == clauses[r.start] for t in live):
                self._participation(
                    sent, toks, low, [i for i in items if clauses[i.tok] == clauses[r.start]], r
                )
                self._complete(r, toks, low, clauses, s_mentions, s_dates)
                break
        embedded = {
            t.event.id
            for t in live
            if self._embedded(
                t, [x for x in live if clauses[x.start] == clauses[t.start]], low, _EMBEDDING - {"of"}
            )
        }
        self._nest(made, context, embedded)
        self.events.extend(made)

    def _complete(self, r: _Trigger, toks, low, clauses, s_mentions, s_dates) -> None:
        """'The signing took place in Geneva on 3 May': what a sentence about an event told before adds
        to it, where that event lacks it."""
        ev = r.ref
        if ev.location is None:
            for m in s_mentions:
                k = _tok_index(toks, m.start)
                if m.type != "LOC" or k is None or k < 1 or clauses[k] != clauses[r.start] or not m.entity:
                    continue
                if low[k - 1] in _PREPS_PLACE and not _inside(m, self.role_spans):
                    ev.location = m.entity
                    own_date, _ = self._own.get(ev.id, (False, False))
                    self._own[ev.id] = (own_date, True)
                    break
        if ev.start is None and ev.end is None:
            for d in s_dates:
                k = _tok_index(toks, d.start)
                if k is not None and clauses[k] == clauses[r.start] and (d.value_start or d.value_end):
                    ev.start, ev.end = d.value_start, d.value_end
                    self._own[ev.id] = (True, self._own.get(ev.id, (False, False))[1])
                    break

    def _implied(self, t: _Trigger, toks, low) -> bool:
        """'the agenda of the visit' with no visit told: an event the text takes for granted, not news."""
        if t.verb or t.name0 < t.start or t.start < 2 or low[t.start - 1] not in ("the", "this"):
            return False
        if low[t.start - 2] not in _EMBEDDING or (
            t.end < len(low) and low[t.end] in ("of", "in", "on", "at")
        ):
            return False
        return t.type in ("VISIT", "MEETING", "FORUM", "SESSION") and not any(
            e.type == t.type for e in self.events
        )

    # -- triggers ------------------------------------------------------------------------------------------
    def _triggers(self, toks, low) -> list[_Trigger]:
        found: list[_Trigger] = []
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(_MAX_TRIGGER, len(toks) - i), 0, -1):
                key = tuple(low[i : i + n])
                if key in TRIGGERS:
                    hit = (n, TRIGGERS[key], key)
                    break
            if hit is None:
                i += 1
                continue
            n, type_, key = hit
            if type_ != "_IGNORE":
                verb = key in VERBS and not (i > 0 and low[i - 1] in NOUN_DETERMINERS)
                found.append(
                    _Trigger(
                        type_, i, i + n, key, toks[i].start, toks[i + n - 1].end, (type_, key) in WEAK, verb
                    )
                )
            i += n
        return [t for t in found if self._accept(t, toks, low)]

    def _accept(self, t: _Trigger, toks, low) -> bool:
        near = low[max(0, t.start - 5) : t.end + 3]
        after = low[t.end : t.end + 6]
        word = toks[t.start].text
        if (
            t.type in ("FORUM", "MEETING")
            and low[t.start].endswith("s")
            and not low[t.start].endswith("ss")
            and t.words[-1] in ("meetings", "conferences", "forums", "exhibitions", "seminars", "workshops")
            and not _cap(word)
            and not set(low[max(0, t.start - 3) : t.start]) & {"hold", "held", "holding", "holds"}
        ):
            return False  # "in previous meetings": events in general; "held bilateral meetings" are events
        if (
            t.words[0] in NEEDS_NAME
            and not _cap(word)
            and not (t.start >= 3 and low[t.start - 3 : t.start - 1] == ["round", "of"])
        ):
            return False
        if t.type == "ACCESSION":
            if t.words[0] in ("joined", "join", "joins", "joining"):
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
                return False
            window = low[max(0, t.start - 4) : t.end + 11]
            org_near = any(k in self._org_toks for k in range(max(0, t.start - 4), min(len(toks), t.end + 4)))
            return (
                bool(set(window) & BODY_NOUNS)
                or org_near
                or any(
                    _acronym(x.text) or (_cap(x.text) and x.text in ORG_HEADS)
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
                    or bool(_ORDINAL_NUM.match(prev))
                )
            if t.words[0] in ("meet", "meets", "met"):
                return not (set(after[:3]) & MEET_OBJECTS)
            if t.words[0] in ("received", "receives", "receiving"):
                return bool(set(after[:4]) & RECEIVE_OBJECTS) or any(
                    k in self._per_toks for k in range(t.end, min(len(toks), t.end + 4))
                )
            if t.words == ("ministerial",):
                return _cap(word)
            return True
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
                    _cap(x.text) for x in toks[t.end : t.end + 3]
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
            return _cap(word) or t.words[-1] not in (
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

    def _free(self, t: _Trigger, toks, low, s_mentions) -> bool:
        """A trigger word inside the name of a body or a document is no event."""
        for m in s_mentions:
            if m.type == "ORG" and m.start <= t.char_start < m.end and m.entity:
                ent = self.table.entity(m.entity)
                if ent is not None and not ent.gazetteer_id or _cap(toks[t.start].text):
                    return False
        if t.type in ("MEETING", "SESSION", "FORUM", "FOUNDING", "ACCESSION", "VISIT"):
            k = t.start - 1
            steps = 0
            while (
                k >= 0
                and steps < 5
                and (
                    low[k] in ("of", "on", "the", "a", "an", "for")
                    or (_cap(toks[k].text) and (low[k],) not in DOC_HEADS)
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

    def _name_span(self, toks, low, t: _Trigger) -> None:
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
                _cap(w)
                or _acronym(w)
                or _joiner(self.text, p)
                or w in ("'", "’")
                or (
                    w in ("and", "&")
                    and a > 1
                    and (_cap(toks[a - 2].text) or _acronym(toks[a - 2].text))
                    and _cap(toks[a].text)
                )
            ):
                if w in ("The", "A", "An") or w.endswith(("'s", "’s")):
                    break
                if a - 1 == 0 and w in NOT_NAME and not _acronym(w) and w not in _EVENT_NAME_HEADS:
                    break
                a -= 1
                continue
            if _ORDINAL_NUM.match(w) or _low(w) in ORDINAL_WORDS or _low(w) in ("next",):
                a -= 1
            break
        if (
            b + 1 < len(toks)
            and low[b] in ("of", "for")
            and (
                _cap(toks[b + 1].text)
                or (
                    low[b + 1] in ("the", "their")
                    and b + 2 < len(toks)
                    and (_cap(toks[b + 2].text) or _acronym(toks[b + 2].text))
                )
            )
        ):
            k = b + 1
            while k < len(toks) and (
                low[k] in ("the", "their")
                or _cap(toks[k].text)
                or _acronym(toks[k].text)
                or _joiner(self.text, toks[k])
                or (
                    low[k] in ("of", "on", "and", "for", "&")
                    and k + 1 < len(toks)
                    and (_cap(toks[k + 1].text) or _acronym(toks[k + 1].text))
                )
            ):
                k += 1
                if _cap(toks[k - 1].text) or _acronym(toks[k - 1].text):
                    b = k
        t.name0, t.name1 = a, b

    # -- references back to events told before ------------------------------------------------------------
    def _references(self, triggers: list[_Trigger], toks, low, s_dates) -> None:
        for t in triggers:
            ref = self._reference(t, triggers, toks, low, s_dates)
            if ref is None:
                continue
            t.ref = ref
            before = tuple(low[max(0, t.start - 6) : t.start])
            t.frame = any(before[-len(f) :] == f for f in PARENT_FRAMES if len(f) <= len(before))

    def _reference(self, t: _Trigger, triggers, toks, low, s_dates) -> Event | None:
        if t.type in ("SPEECH", "CALL", "FOUNDING", "ACCESSION"):
            return None
        if t.type == "SIGNING":
            return self._signing_reference(t, triggers, toks, low, s_dates)
        if t.type == "_REF":  # "the event": the event the text is about
            if t.start == 0 or low[t.start - 1] not in ("the", "this", "that") or low[t.start].endswith("s"):
                return None
            return self._main() or next((e for e in reversed(self.events) if e.status != "planned"), None)
        if (
            _cap(toks[t.start].text)
            and t.start > 0
            and low[t.start - 1] == "the"
            and t.name0 == t.start
            and not t.verb
            and not (t.end < len(low) and low[t.end] == "of")
        ):
            word = toks[t.start].text  # "the Assembly" after "the WIPO General Assembly"
            return next(
                (
                    e
                    for e in reversed(self.events)
                    if e.type == t.type and e.name and e.name.split()[-1] == word
                ),
                None,
            )
        if t.verb or (_cap(toks[t.start].text) and t.start > 0) or t.name0 < t.start:
            return None
        if t.start == 0 or low[t.start - 1] not in ("the", "this", "that"):
            return None
        if _plural(low[t.start]) and t.words[-1] not in ("talks", "negotiations", "consultations"):
            return None
        ref = self._referent(t.type)
        if ref is None:
            return None
        for d in s_dates:
            if _nearest_trigger(d, triggers) is t:
                value = d.value_start or d.value_end
                if value and not _overlaps(value, d.value_end or value, ref.start or ref.end, ref.end):
                    return None
        if (
            t.end + 2 < len(toks)
            and low[t.end] == "of"
            and (_cap(toks[t.end + 1].text) or (low[t.end + 1] == "the" and _cap(toks[t.end + 2].text)))
        ):
            return None  # "the meeting of the SCO Council": another body's meeting
        return ref

    def _referent(self, type_: str) -> Event | None:
        """The event a definite noun points back at: the latest of its type that is not a plan and
        belongs to the time the text is about."""
        main = self._main()
        cands = [e for e in self.events if e.type == type_]
        if not cands:
            return None
        current = [
            e
            for e in cands
            if e.status != "planned" and (main is None or e is main or self._same_time(e, main))
        ]
        return (current or [e for e in cands if e.status != "planned"] or cands)[-1]

    def _same_time(self, ev: Event, main: Event) -> bool:
        if not (ev.start or ev.end):
            return True
        if not (main.start or main.end):
            return False
        return _overlaps(ev.start or ev.end, ev.end, main.start or main.end, main.end)

    def _main(self) -> Event | None:
        return self._main_of(self.events)

    def _main_of(self, events: list[Event], containers: bool = False) -> Event | None:
        """The event the text is about: the first (not a background fact) with a date or a place of its
        own, and, when the publication date is known, not one far from it. With `containers`, only an
        event other events can happen inside (a visit, a meeting, a forum, a session)."""
        for e in events:
            if e.type in BACKGROUND or not any(self._own.get(e.id, (False, False))):
                continue
            if containers and e.type not in ("VISIT", "MEETING", "FORUM", "SESSION"):
                continue
            if self.published and len(self.published) == 10 and (e.start or e.end):
                from datetime import date, timedelta

                pub = date.fromisoformat(self.published)
                lo, hi = (pub - timedelta(days=10)).isoformat(), (pub + timedelta(days=10)).isoformat()
                if not _overlaps(e.start or e.end, e.end, lo, hi):
                    continue
            return e
        return None

    def _signing_reference(self, t, triggers, toks, low, s_dates) -> Event | None:
        """'The memorandum was signed by ...', 'The document was signed ...': the signing told before."""
        latest = next((e for e in reversed(self.events) if e.type == "SIGNING"), None)
        if latest is None or t.start < 1:
            return None
        if t.words[0] == "signing" and low[t.start - 1] in ("the", "this"):
            return latest  # "The signing took place in Geneva"
        if t.start < 3:
            return None
        if low[t.start - 1] not in ("was", "were", "been") and not (
            t.start >= 2 and low[t.start - 2] in ("was", "were")
        ):
            return None
        k = t.start - 1
        while k >= 0 and low[k] in ("was", "were", "has", "have", "been", "also", "formally", "officially"):
            k -= 1
        if k < 1 or low[k] not in DOC_REFERENCES or low[k - 1] not in ("the", "this", "that"):
            return None
        for d in s_dates:
            if _nearest_trigger(d, triggers) is t:
                return None
        return latest

    def _merge(self, live: list[_Trigger], clauses, toks, low) -> list[_Trigger]:
        """'met ... for the third Ministerial Meeting', 'the fourth round of their Cybersecurity Dialogue':
        two triggers of one type in one clause that tell one event."""
        out: list[_Trigger] = []
        for t in live:
            prev = next(
                (p for p in reversed(out) if p.type == t.type and clauses[p.start] == clauses[t.start]), None
            )
            fresh = bool(
                set(low[max(0, t.start - 3) : t.start]) & {"next", "upcoming", "another", "following", "new"}
            )
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

    # -- one event --------------------------------------------------------------------------------------
    def _event(self, sent, toks, low, t: _Trigger, owned: list[DateMention], clauses) -> Event:
        self._n += 1
        date = _best_date(owned, t)
        start = end = None
        if date is not None:
            start, end = date.value_start, date.value_end
            if date.kind == "until" or (start is None and end is not None):
                start, end = None, end
            elif end is None and start and any(w in ENDING for w in low[t.start : t.end + 6]):
                start, end = None, start
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
            w in NEW_MARKERS and w not in ("following", "first") or _ORDINAL_NUM.match(w)
            for w in low[max(0, t.name0 - 3) : t.start]
        ):
            self._fresh.add(f"e{self._n}")  # "the next meeting", "the 5th session": an event of its own
        if t.type not in BACKGROUND:
            status = _check_dates(status, start, end, self.published, strong)
        name, ordinal = self._name(toks, low, t)
        ev = Event(
            id=f"e{self._n}",
            type=t.type,
            status=status,
            evidence=_evidence(sent),
            start=start,
            end=end,
            name=name,
            ordinal=ordinal,
            trigger=self.text[t.char_start : t.char_end],
        )
        if ordinal is not None and name:
            ev.series = _series_key(name)
        self._own[ev.id] = (date is not None, False)
        return ev

    def _finish(self, ev: Event) -> None:
        own_date, _ = self._own[ev.id]
        self._own[ev.id] = (own_date, ev.location is not None)

    def _status(self, toks, low, t: _Trigger, clauses) -> tuple[str, bool]:
        """Status from the verb nearest the trigger in its clause, and whether it is a finite past
        ('was held', 'met') rather than a participle that only describes ('the Forum, held in ...')."""
        cid = clauses[t.start]
        idx = [k for k in range(len(toks)) if clauses[k] == cid]
        lo, hi = idx[0], idx[-1] + 1
        if t.verb and t.start > 0 and low[t.start - 1] == "to":
            return "planned", False
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

    def _name(self, toks, low, t: _Trigger) -> tuple[str | None, int | None]:
        ordinal = None
        for k in range(t.name0, t.start + 1):
            w = low[k] if k < len(low) else ""
            m = _ORDINAL_NUM.match(w)
            if m:
                ordinal = int(m.group(1))
            elif w in ORDINAL_WORDS:
                ordinal = ORDINAL_WORDS[w]
        if t.start > 0 and ordinal is None:
            w = low[t.start - 1]
            m = _ORDINAL_NUM.match(w)
            if m:
                ordinal = int(m.group(1))
            elif w in ORDINAL_WORDS:
                ordinal = ORDINAL_WORDS[w]
        proper = any(_cap(toks[k].text) for k in range(t.name0, t.name1) if k > 0)
        if t.type in ("SPEECH", "SIGNING", "CALL", "VISIT", "FOUNDING", "ACCESSION"):
            return None, ordinal
        if not proper and ordinal is None:
            return None, None
        a = t.name0
        if ordinal is not None and a > 0 and (_ORDINAL_NUM.match(low[a - 1]) or low[a - 1] in ORDINAL_WORDS):
            a -= 1
        name = " ".join(self.text[toks[a].start : toks[t.name1 - 1].end].split())
        return (name if len(name.split()) >= 2 else None), ordinal

    # -- dates, place, participants --------------------------------------------------------------------------
    def _validity(self, d: DateMention) -> bool:
        """'Roadmap ... for 2025–2027': the years a document runs for, not when anything happened."""
        before = self.text[max(0, d.start - 8) : d.start].casefold().split()
        years = (d.value_start or "").isdigit() and (d.value_end or "").isdigit()
        return years and bool(before) and before[-1] in VALIDITY_PREPS

    @staticmethod
    def _own_dates(
        live: list[_Trigger], s_dates: list[DateMention], toks, clauses
    ) -> dict[int, list[DateMention]]:
        """Each date goes to the nearest trigger of its own clause (else the nearest at all)."""
        out: dict[int, list[DateMention]] = {}
        if not live:
            return out
        for d in s_dates:
            k = _tok_index(toks, d.start)
            same = [t for t in live if k is not None and clauses[t.start] == clauses[k]] or live
            best = min(same, key=lambda t: min(_distance(d, x) for x in [t, *t.extra]))
            out.setdefault(id(best), []).append(d)
        return out

    def _locations(self, sent, toks, low, live: list[_Trigger], s_mentions, clauses) -> None:
        for m in s_mentions:
            if m.type != "LOC" or not m.entity or _inside(m, self.role_spans) or _inside_org(m, s_mentions):
                continue
            k = _tok_index(toks, m.start)
            if k is None or k == 0:
                continue
            j = k - 1
            while j > 0 and low[j] in ("the", "city", "of", "capital"):
                j -= 1
            prep = low[j]
            cands = [t for t in live if clauses[t.start] == clauses[k]]
            if not cands:
                continue
            left = [t for t in cands if t.start < k]
            target = max(left, key=lambda t: t.start) if left else cands[0]
            if (
                j > 0
                and target.type != "FOUNDING"
                and any(o.type == "ORG" and o.end == toks[j - 1].end for o in s_mentions)
            ):
                continue  # "a Support Centre in Astana": where the body is, not where the event is
            if prep == "to" and target.type != "VISIT":
                continue
            if prep not in _PREPS_PLACE and prep != "to":
                continue
            if abs(k - target.start) > _MAX_PLACE_DISTANCE or target.type == "CALL":
                continue
            ev = target.event
            ent = self.table.entity(m.entity)
            current = self.table.entity(ev.location)
            if ev.location is None or (
                ent is not None
                and ent.kind == "city"
                and current is not None
                and current.kind != "city"
                and prep != "to"
            ):
                ev.location = m.entity
        for t in live:
            ev = t.event
            if (
                ev.location is None
                and sent.start == self.lead
                and self.dateline
                and ev.status != "planned"
                and ev.type != "CALL"
            ):
                ev.location = self.dateline

    def _items(self, sent, toks, low, s_mentions) -> list[_Item]:
        items: list[_Item] = []
        for m in s_mentions:
            if not m.entity or (self.dateline_end and sent.start <= m.start < self.dateline_end):
                continue
            k = _tok_index(toks, m.start)
            if k is None:
                continue
            ent = self.table.entity(m.entity)
            if ent is None:
                continue
            in_role = _inside(m, self.role_spans)
            if m.type == "PER":
                items.append(_Item(k, m.entity, "PER"))
            elif m.type == "ORG":
                if _inside_org(m, s_mentions):
                    continue
                items.append(_Item(k, m.entity, "ORG", in_role))
            elif m.type == "LOC":
                if ent.kind != "country" or _inside_org(m, s_mentions):
                    continue
                items.append(_Item(k, m.entity, "COUNTRY", in_role))
            elif m.type == "NORP":
                nxt = low[k + 1 : k + 3]
                if any(w in DELEGATION_NOUNS for w in nxt):
                    items.append(_Item(k, m.entity, "COUNTRY"))
        # "the Minister": the one person who holds that title; "the ministers": all who hold one
        for k in range(1, len(toks)):
            if (
                low[k - 1] != "the"
                and not (
                    low[k - 1] in ("two", "three", "both") and k > 1 and low[k - 2] in ("the", "both", "all")
                )
                and low[k - 1] != "both"
            ):
                continue
            j = k
            while j < len(toks) and _title_word(toks[j].text) and j - k < 4:
                j += 1
            if j == k or (j < len(toks) and (low[j] in ("of", "for") or _cap(toks[j].text))):
                continue
            phrase = [_title_word(t.text) for t in toks[k:j]]
            if toks[j - 1].text.endswith("s") and toks[j - 1].text not in TITLE_HEADS:
                for h in self._holders(phrase, anywhere=True):
                    items.append(_Item(k, h, "PER"))
            elif phrase[-1] in TITLE_HEADS:
                named = {m.entity for m in s_mentions if m.type == "PER"}
                holders = [h for h in self._holders(phrase) if h not in named]
                if len(holders) == 1:
                    items.append(_Item(k, holders[0], "PER"))
        # "the sides", "both countries": the parties of the event the text is about
        for k in range(len(toks)):
            for phrases, kind in ((SIDES_ALL, "all"), (SIDES_STATES, "states"), (SIDES_PERSONS, "persons")):
                for ph in phrases:
                    if tuple(low[k : k + len(ph)]) == ph:
                        for ent_id, cls in self._sides(kind):
                            items.append(_Item(k, ent_id, cls))
        items.sort(key=lambda x: x.tok)
        return items

    def _holders(self, phrase: list[str], anywhere: bool = False) -> list[str]:
        """Persons whose title is the phrase ('Minister' holds 'Minister of ...', not 'First Vice
        Minister of ...'); with `anywhere`, whose title has the phrase's head at all ('the ministers')."""
        out = []
        for ent in self.table.entities:
            if ent.type != "PER":
                continue
            for r in ent.roles:
                words = r.title.split()
                if anywhere:
                    if phrase[-1] in words:
                        out.append(ent.id)
                        break
                    continue
                while words and not (words[0] in TITLE_HEADS or words[0] in TITLE_MODIFIERS):
                    words = words[1:]  # "ITU Secretary-General", "Armenian Minister of ..."
                lead = []
                for w in words:
                    lead.append(w)
                    if w in TITLE_HEADS:
                        break
                if lead == phrase:
                    out.append(ent.id)
                    break
        return out

    def _sides(self, kind: str) -> list[tuple[str, str]]:
        """The parties of the event the text is about: its states and international bodies; failing those,
        the states its people and bodies stand for ('states'), with the people themselves ('all');
        'persons': its people only ('the two officials')."""
        main = self._main()
        if main is None:
            return []
        if kind == "persons":
            return [(p.entity, "PER") for p in main.participants if self.table.entity(p.entity).type == "PER"]
        states_only = kind == "states"
        parties = []
        persons = []
        for p in main.participants:
            ent = self.table.entity(p.entity)
            if ent is None:
                continue
            if ent.type == "LOC" or (ent.type == "ORG" and ent.gazetteer_id):
                parties.append((ent.id, "COUNTRY" if ent.type == "LOC" else "ORG"))
            elif ent.type == "PER":
                persons.append(ent)
        if parties:
            return parties
        out = []
        for p in main.participants:
            ent = self.table.entity(p.entity)
            m = (
                re.search(r"\bof (?:the )?([A-Z][\w' -]+)$", ent.name)
                if ent is not None and ent.type == "ORG"
                else None
            )
            if m and _known_place(m.group(1)):
                country = self.table.get("LOC", m.group(1)) or self.table.get(
                    "LOC", f"iso:{_iso(m.group(1))}"
                )
                if country is not None and country.kind == "country" and (country.id, "COUNTRY") not in out:
                    out.append((country.id, "COUNTRY"))
        for person in persons:
            for r in person.roles:
                if r.country:
                    country = self.table.get("LOC", f"iso:{r.country}")
                    if country is not None and (country.id, "COUNTRY") not in out:
                        out.append((country.id, "COUNTRY"))
        if not states_only:
            out += [(p.id, "PER") for p in persons]
        return out

    def _participants(
        self, sent, toks, low, live: list[_Trigger], items: list[_Item], clauses, relatives, last_person
    ) -> None:
        by_clause: dict[int, list[_Trigger]] = {}
        for t in live:
            by_clause.setdefault(clauses[t.start], []).append(t)
        assigned: dict[int, list[_Item]] = {id(t): [] for t in live}
        antecedent = _antecedents(items, clauses, relatives)
        for it in items:
            cid = clauses[it.tok] if it.tok < len(clauses) else 0
            homes = [(cid, it.tok)] + [(c, -1) for c, a in antecedent.items() if a is it]
            for c, pos in homes:
                ts = by_clause.get(c, [])
                if not ts:
                    continue
                own = [t for t in ts if any(x.name0 <= pos < x.name1 for x in [t, *t.extra])]
                if own:
                    targets = own
                elif pos < min(t.start for t in ts):
                    targets = [t for t in ts if not self._embedded(t, ts, low)] or ts[:1]
                else:
                    left = [t for t in ts if t.start <= pos]
                    targets = [max(left, key=lambda t: t.start)]
                for t in targets:
                    assigned[id(t)].append(it)
        for t in live:
            ev = t.event
            chosen = assigned[id(t)]
            if t.type in ("SPEECH", "SESSION") and not any(i.cls == "PER" for i in chosen):
                same = [i for i in items if i.cls == "PER" and clauses[i.tok] == clauses[t.start]]
                if same:
                    chosen = [*chosen, min(same, key=lambda i: abs(i.tok - t.start))]
                else:
                    pron = self._pronoun(toks, low, t, clauses, items, last_person)
                    if pron:
                        chosen = [*chosen, _Item(t.start, pron, "PER")]
            home = set()
            for it in chosen:
                if it.cls == "PER":
                    home |= {r.country for r in (self.table.entity(it.entity).roles or []) if r.country}
            seen = set()
            for it in chosen:
                if it.entity in seen or it.entity == ev.location:
                    continue
                if it.cls != "PER" and (it.in_role or t.type == "SPEECH"):
                    continue
                if it.cls == "COUNTRY" and t.type == "SESSION":
                    continue
                seen.add(it.entity)
                role = "party" if t.type == "SIGNING" and it.cls != "PER" else "participant"
                ev.participants.append(Participant(it.entity, role))
            place = self.table.entity(ev.location)
            if place is not None and place.kind == "country" and place.iso in home and t.type != "VISIT":
                ev.location = None

    def _embedded(self, t: _Trigger, ts: list[_Trigger], low, words=_EMBEDDING) -> bool:
        """'the preparations for the EU–Central Asia Ministerial Meeting': a noun inside another event's
        phrase does not share that event's subject."""
        if t.verb or t is ts[0]:
            return False
        before = low[max(0, t.name0 - 3) : t.name0]
        return any(w in words for w in before)

    def _pronoun(self, toks, low, t, clauses, items, last_person) -> str | None:
        cid = clauses[t.start]
        if not any(low[k] in _PRONOUNS for k in range(len(toks)) if clauses[k] == cid):
            return None
        before = [i for i in items if i.cls == "PER" and i.tok < t.start]
        if before:
            return before[-1].entity
        return last_person

    def _participation(self, sent, toks, low, items: list[_Item], ref: _Trigger | None) -> None:
        """'Representatives of ... took part in the talks', 'The meeting was chaired by X': those named
        join the event told before."""
        words = tuple(low)
        cue = any(words[k : k + len(p)] == p for p in PARTICIPATION for k in range(len(words)))
        if ref is not None and not cue and "by" not in low[ref.end : ref.end + 8]:
            return
        if ref is None and not cue:
            return
        target = (
            ref.ref
            if ref is not None
            else next(
                (e for e in reversed(self.events) if e.type in ("MEETING", "FORUM", "VISIT", "SESSION")), None
            )
        )
        if target is None:
            return
        have = {p.entity for p in target.participants}
        for it in items:
            if it.entity in have or it.entity == target.location:
                continue
            if it.cls == "COUNTRY" and it.in_role:
                continue
            if it.cls == "ORG" and it.in_role:
                continue
            have.add(it.entity)
            role = "party" if target.type == "SIGNING" and it.cls != "PER" else "participant"
            target.participants.append(Participant(it.entity, role))

    def _followed_by(self, sent, toks, low, live, items, s_dates, made: list[Event]) -> None:
        """'X became members in January 2024, followed by Y in January 2025': a second event of the kind."""
        for t in live:
            if t.type not in BACKGROUND:
                continue
            for k in range(t.end, len(toks) - 2):
                if low[k] == "followed" and low[k + 1] == "by":
                    later = [i for i in items if i.tok > k + 1 and i.cls in ("COUNTRY", "ORG")]
                    stop = next((d for d in s_dates if d.start > toks[k].end), None)
                    if stop is not None:
                        later = [i for i in later if toks[i.tok].start < stop.start]
                    if not later:
                        return
                    ev = t.event
                    moved = {i.entity for i in later}
                    ev.participants = [p for p in ev.participants if p.entity not in moved]
                    self._n += 1
                    parts = [Participant(i.entity, "participant") for i in later]
                    parts += [p for p in ev.participants if self.table.entity(p.entity).type == "ORG"]
                    clone = Event(
                        id=f"e{self._n}",
                        type=ev.type,
                        status=ev.status,
                        evidence=ev.evidence,
                        start=stop.value_start if stop else None,
                        end=None,
                        participants=parts,
                        trigger=ev.trigger,
                    )
                    self._own[clone.id] = (stop is not None, False)
                    t.extra = []
                    made.insert(made.index(ev) + 1, clone)
                    return

    # -- structure -------------------------------------------------------------------------------------
    def _nest(self, made: list[Event], context: Event | None, embedded: set[str]) -> None:
        by_type: dict[str, Event] = {}
        for e in made:
            if e.id not in embedded:
                by_type.setdefault(e.type, e)
        for ev in made:
            parent = None
            if ev.type == "SPEECH":
                parent = by_type.get("SESSION") or by_type.get("FORUM") or by_type.get("MEETING")
            elif ev.type == "SIGNING":
                parent = by_type.get("MEETING") or by_type.get("FORUM") or by_type.get("VISIT")
            elif ev.type == "SESSION":
                parent = by_type.get("FORUM") or by_type.get("MEETING")
                if parent is None:
                    holders = [e for e in reversed(self.events) if e.type in ("FORUM", "MEETING")]
                    main = self._main()
                    if ev.start:
                        parent = next((e for e in holders if _within(ev.start, e.start, e.end)), None)
                    if parent is None and main is not None and main.type in ("FORUM", "MEETING"):
                        parent = main
                    parent = (
                        parent
                        or next((e for e in holders if e.type == "FORUM"), None)
                        or next(iter(holders), None)
                    )
            if parent is None and context is not None:
                parent = context
                self._explicit_parent.add(ev.id)
            if parent is ev:
                parent = None
            ev.parent = parent.id if parent else None
            if parent is not None and ev.type in BACKGROUND:
                self._explicit_parent.add(ev.id)

    def _inherit(self, events: list[Event]) -> None:
        """As in the Russian step: a sub-event without a date or place of its own takes its parent's, or
        the opening event's; a planned event does not fall inside one that is over, and background
        facts keep to themselves unless the text puts them inside an event ('joined ... at the meeting').
        English specifics: a call has no place, a site visit does not take the trip's country, and a
        signing after a meeting of several days gets no date from it."""
        by_id = {e.id: e for e in events}
        main = self._main_of(events, containers=True)

        def depth(ev: Event) -> int:
            d, seen = 0, set()
            while ev.parent and ev.parent in by_id and ev.parent not in seen:
                seen.add(ev.parent)
                ev = by_id[ev.parent]
                d += 1
            return d

        for ev in sorted(events, key=depth):
            own_date, own_place = self._own.get(ev.id, (False, False))
            if ev.type in BACKGROUND and ev.id not in self._explicit_parent:
                continue
            source = by_id.get(ev.parent) if ev.parent else main
            if source is None or source is ev or (source is main and not ev.parent and ev.id in self._fresh):
                continue
            compatible = ev.status == source.status or source.status == "ongoing"
            if not own_date and compatible and ev.start is None and ev.end is None:
                multi_day = bool(source.end and source.end != source.start)
                if not (ev.type == "SIGNING" and multi_day):
                    ev.start = _period_of(source)
            inside = not own_date or _within(ev.start or ev.end, source.start or source.end, source.end)
            if own_date and not inside and source.status == "ongoing" and source.start and not source.end:
                inside = bool(ev.start) and ev.start >= source.start and _days(source.start, ev.start) <= 7
            if (
                not own_place
                and ev.location is None
                and inside
                and compatible
                and ev.type != "CALL"
                and not (ev.type == "VISIT" and source.type == "VISIT")
            ):
                ev.location = source.location
            if ev.parent is None and ev.type not in BACKGROUND and compatible and inside:
                ev.parent = source.id

    # -- the dateline ------------------------------------------------------------------------------------
    def _dateline(self, text, sents, mentions, headlines) -> tuple[int | None, str | None, int | None]:
        """The first sentence of the story (the lead), the place its dateline names ('GENEVA – ...',
        'Baku, 4 March, AZERTAC'), and where the dateline ends inside the lead."""
        lead = next(
            (s for s in sents if not any(a <= s.start and s.end <= b + 1 for a, b in headlines)), None
        )
        if lead is None:
            return None, None, None
        place, end = None, None
        m = re.match(r"\s*([^\W\d_][^–—\-,\n]{1,40}?)(?:,[^–—\n]{0,40})?\s+[–—-]\s+", lead.text)
        if m:
            loc = next(
                (
                    x
                    for x in mentions
                    if x.type == "LOC" and lead.start + m.start(1) <= x.start < lead.start + m.end(1)
                ),
                None,
            )
            if loc is not None:
                place, end = loc.entity, lead.start + m.end()
        if place is None:
            for a, b in headlines:
                line = text[a:b]
                if re.search(r"\d", line) and "," in line:
                    loc = next(
                        (x for x in mentions if x.type == "LOC" and a <= x.start < a + line.index(",")), None
                    )
                    if loc is not None:
                        place = loc.entity
                        break
        return lead.start, place, end


def _clauses(toks, low) -> tuple[list[int], dict[int, tuple[int, str]]]:
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
        elif t.text == "," and k + 1 < len(toks) and low[k + 1] in _REL_WORDS:
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


def _describing_clauses(triggers, clauses: list[int], relatives: dict[int, tuple[int, str]]) -> None:
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


def _antecedents(
    items: list[_Item], clauses: list[int], relatives: dict[int, tuple[int, str]]
) -> dict[int, _Item]:
    """The person before ', who' (past the title that follows the name) and the body or country
    right before ', which'."""
    out: dict[int, _Item] = {}
    for cid, (comma, word) in relatives.items():
        before = [it for it in items if it.tok < comma and clauses[it.tok] != cid]
        if word in ("who", "whom", "whose"):
            cands = [it for it in before if it.cls == "PER"]
        elif word == "which":
            cands = [it for it in before if it.cls != "PER" and not it.in_role and comma - it.tok <= 6]
        else:
            cands = []
        if cands:
            out[cid] = cands[-1]
    return out


def _tok_index(toks, char: int) -> int | None:
    return next((i for i, t in enumerate(toks) if t.start <= char < t.end), None)


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


def _inside_org(m: Mention, mentions: list[Mention]) -> bool:
    return any(
        o is not m
        and o.type == "ORG"
        and o.start <= m.start
        and m.end <= o.end
        and (o.end - o.start) > (m.end - m.start)
        for o in mentions
    )


def _distance(d: DateMention, t: _Trigger) -> int:
    return min(abs(d.start - t.char_end), abs(d.end - t.char_start))


def _nearest_trigger(d: DateMention, triggers: list[_Trigger]) -> _Trigger | None:
    return min(triggers, key=lambda t: _distance(d, t)) if triggers else None


def _best_date(owned: list[DateMention], t: _Trigger) -> DateMention | None:
    """The nearest date, or a more precise one inside it ('in 2025 ... on March 11-13')."""
    cands = [d for d in owned if d.value_start or d.value_end or d.relative]
    if not cands:
        return None
    cands.sort(key=lambda d: min(_distance(d, x) for x in [t, *t.extra]))
    best = cands[0]
    first = best.value_start or best.value_end
    if first and len(first) < 10:
        for d in cands[1:]:
            v = d.value_start or d.value_end
            if v and len(v) > len(first) and _within(v, first, best.value_end):
                return d
    return best


def _overlaps(a_start: str, a_end: str | None, b_start: str | None, b_end: str | None) -> bool:
    if not a_start or not b_start:
        return True
    lo1, hi1 = date_bounds(a_start)[0], date_bounds(a_end or a_start)[1]
    lo2, hi2 = date_bounds(b_start)[0], date_bounds(b_end or b_start)[1]
    return lo1 <= hi2 and lo2 <= hi1


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


def _series_key(name: str) -> str:
    words = [
        w.casefold()
        for w in re.findall(r"[\w-]+", name)
        if not _ORDINAL_NUM.match(w.casefold()) and w.casefold() not in ORDINAL_WORDS
    ]
    return " ".join(words)


# -- agreements ------------------------------------------------------------------------------------

AGREEMENT_HEADS = {tuple(k.split()): v for k, v in _A["heads"].items()}
_MAX_HEAD = max(len(k) for k in AGREEMENT_HEADS)
NEEDS_CAPITAL = set(_A["needs_capital"])
DOC_COMPLEMENTS = set(_A["complements"])
SIGNING_WORDS = set(_A["signing"])
TITLE_STOP = set(_A["title_stop"])
LEFT_STOP = set(_A["determiners"])
_MONTHS = {m for names in load_json("dates_en.json")["months"].values() for m in names}
_WEEKDAYS = {w.capitalize() for w in load_json("dates_en.json")["weekdays"] if len(w) > 3}


class EnglishAgreements:
    """Documents named in a text: kind from the head noun, title from its noun phrase, parties and the
    signing date from the SIGNING event of the same sentence or 'between X and Y'."""

    name = "agreements"

    def __call__(
        self,
        text: str,
        sents: list[Sentence],
        mentions: list[Mention],
        events: list[Event],
        table: EntityTable,
    ) -> list[Agreement]:
        self.text = text
        out: list[Agreement] = []
        headlines = headline_spans(text)
        for sent in sents:
            if any(s <= sent.start and sent.end <= e + 1 for s, e in headlines):
                continue
            toks = sent.tokens
            low = [_low(t.text) for t in toks]
            signing = next(
                (
                    e
                    for e in events
                    if e.type == "SIGNING" and e.evidence.start >= sent.start and e.evidence.end <= sent.end
                ),
                None,
            )
            i = 0
            while i < len(toks):
                hit = None
                for n in range(_MAX_HEAD, 0, -1):
                    key = tuple(low[i : i + n])
                    if len(key) == n and key in AGREEMENT_HEADS:
                        hit = (n, AGREEMENT_HEADS[key], key)
                        break
                if hit is None:
                    i += 1
                    continue
                n, kind, key = hit
                if not self._is_document(toks, low, i, n, key, signing):
                    i += n
                    continue
                start = self._left(toks, low, i)
                end = self._right(toks, low, i + n, _cap(toks[i].text))
                person = next(
                    (
                        k
                        for k in range(i + n, end)
                        if any(m.type == "PER" and m.start <= toks[k].start < m.end for m in mentions)
                    ),
                    None,
                )
                if person is not None:
                    end = person
                    while end > i + n and low[end - 1] in ("of", "the", "and", "for", "on", "in", "by"):
                        end -= 1
                title = " ".join(text[toks[start].start : toks[end - 1].end].split())
                if self._known(out, kind, title, toks, low, i, n):
                    i = max(end, i + n)
                    continue
                parties, signed, event_id = [], None, None
                if signing is not None:
                    parties = [p.entity for p in signing.participants if p.role == "party"]
                    signed = signing.start if signing.status == "occurred" else None
                    event_id = signing.id
                between = self._between(toks, low, start, min(len(toks), end + 8), mentions, table)
                if between:
                    parties = between
                out.append(
                    Agreement(
                        id=f"a{len(out) + 1}",
                        kind=kind,
                        title=title,
                        evidence=Evidence(sent.start, sent.end, sent.text.strip()),
                        parties=parties,
                        signed=signed,
                        event=event_id,
                    )
                )
                i = max(end, i + n)
        return out

    @staticmethod
    def _is_document(toks, low, i, n, key, signing) -> bool:
        word = toks[i].text
        capital = _cap(word) and i > 0
        if capital and i + n < len(toks) and (_cap(toks[i + n].text) or _acronym(toks[i + n].text)):
            return False  # "OSCE Programme Office", "Plan Committee": a word inside another name
        if low[i + n - 1].endswith("s") and key[-1] not in ("mou",) and not capital:
            return False  # "agreements", "plans": documents in general
        nxt = low[i + n] if i + n < len(low) else ""
        near_signing = any(w in SIGNING_WORDS for w in low[max(0, i - 5) : i + n + 3])
        if key[0] in NEEDS_CAPITAL and key not in (("action", "plan"),):
            return capital or (near_signing and nxt in DOC_COMPLEMENTS and nxt != "to")
        if i > 0 and low[i - 1] in ("under", "per", "to") and not capital:
            return False  # "under the memorandum" — a reference, not a document
        return capital or nxt in DOC_COMPLEMENTS or near_signing

    def _left(self, toks, low, i: int) -> int:
        """Take in the words before the head: 'Kazakhstan–EU Enhanced Partnership and Cooperation
        Agreement', 'intergovernmental agreement'."""
        capital = _cap(toks[i].text)
        while i > 0:
            p = toks[i - 1]
            w = p.text
            if capital:
                if (
                    (_cap(w) or _acronym(w) or _joiner(self.text, p))
                    and w not in ("The", "A", "An")
                    and not w.endswith(("'s", "’s"))
                    and not (i - 1 == 0 and w in NOT_NAME)
                ):
                    i -= 1
                    continue
                if w == "and" and i > 1 and _cap(toks[i - 2].text) and _cap(toks[i].text):
                    i -= 1
                    continue
                break
            if (
                w[:1].islower()
                and w.isalpha()
                and _low(w) not in LEFT_STOP
                and _low(w) not in TITLE_STOP
                and not w.endswith(("ed", "ing"))
            ):
                i -= 1
                continue
            break
        return i

    def _right(self, toks, low, j: int, capital: bool) -> int:
        end = j
        n = len(toks)
        while j < n and j - end < 25:
            w = toks[j].text
            lw = low[j]
            if w in (".", ";", ":", "(", "!", "?", ",", '"', "“", "”") or (
                w in _DASHES and not _joiner(self.text, toks[j])
            ):
                break
            if (
                w in _MONTHS
                or w in _WEEKDAYS
                or (
                    lw in ("on", "in")
                    and j + 1 < n
                    and (toks[j + 1].text in _MONTHS or toks[j + 1].text in _WEEKDAYS)
                )
            ):
                break
            if capital:
                year = bool(re.fullmatch(r"(?:19|20)\d\d(?:[-–]\d{2,4})?", w))
                if (
                    _cap(w)
                    or _acronym(w)
                    or _joiner(self.text, toks[j])
                    or year
                    or (w in ("–", "-") and j + 1 < n and toks[j + 1].text.isdigit())
                ):
                    end = j + 1
                    j += 1
                    continue
                if lw in ("in", "at") and j + 1 < n and _known_place(toks[j + 1].text):
                    break  # "... for 2025–2027 in Belgrade"
                if (
                    lw in ("of", "on", "in", "for", "the", "and", "&", "between", "to", "with")
                    and j + 1 < n
                    and (
                        _cap(toks[j + 1].text)
                        or toks[j + 1].text.isdigit()
                        or _acronym(toks[j + 1].text)
                        or low[j + 1] in ("the", "of")
                    )
                ):
                    j += 1
                    continue
                break
            if (
                lw in ("in", "on", "of")
                and j + 1 < n
                and (toks[j + 1].text[:1].isdigit() or toks[j + 1].text in _MONTHS)
            ):
                break
            if lw in TITLE_STOP and not (
                lw == "and"
                and j + 1 < n
                and low[j + 1] not in TITLE_STOP
                and not re.match(r".*ed$", low[j + 1])
            ):
                break
            if re.match(r"^[a-z]+ed$", lw) and lw not in ("based", "related", "connected"):
                break
            if lw in ("the", "of", "on", "in", "for", "to", "and", "a", "an"):
                j += 1
                continue
            if w[:1].isalnum():
                end = j + 1
                j += 1
                continue
            break
        return end

    @staticmethod
    def _known(out: list[Agreement], kind: str, title: str, toks, low, i, n) -> bool:
        key = title.casefold()
        for a in out:
            if a.kind != kind:
                continue
            if a.title.casefold() == key:
                return True
            if len(title.split()) <= 3 and i > 0 and low[i - 1] in ("the", "this", "that"):
                return True  # "the memorandum", "the roadmap": the document named before
        return False

    @staticmethod
    def _between(toks, low, start, end, mentions, table) -> list[str]:
        for k in range(start, min(end, len(toks))):
            if low[k] == "between":
                lo = toks[k].end
                hi = toks[min(end, len(toks)) - 1].end
                found = [
                    m
                    for m in mentions
                    if lo <= m.start and m.end <= hi and m.entity and m.type in ("ORG", "LOC")
                ]
                ids = []
                for m in found:
                    if m.entity not in ids and not _inside_org(m, found):
                        ids.append(m.entity)
                return ids if len(ids) >= 2 else []
        return []


# -- the pipeline ----------------------------------------------------------------------------------


class EnglishPipeline:
    """sentences → names → entities → roles → dates → events → agreements → topics, for English."""

    language = "en"

    def __init__(self):
        from .topics import TopicStep

        self.names = EnglishNames()
        self.entities = EnglishEntities()
        self.roles = EnglishRoles()
        self.events = EnglishEvents()
        self.agreements = EnglishAgreements()
        self.topics = TopicStep()

    def __call__(self, doc: Document) -> Record:
        from .pipeline import _extractor, _published_from_text, _with

        text = doc.text
        published = (
            doc.published
            or _published_from_text(text, "en")
            or _published_from_text(re.sub(r"[*_#>]", " ", text), "en")
        )  # "**Astana, 12 May 2025**"
        sents = english_sentences(text)
        spans = self.names(text, sents)
        table = EntityTable("en")
        mentions = self.entities(text, sents, spans, table)
        role_spans = self.roles(text, sents, mentions, table)
        found_dates = find_dates_en(text, published)
        events = self.events(text, sents, mentions, found_dates, table, published, role_spans)
        agreements = self.agreements(text, sents, mentions, events, table)
        topics = self.topics(sents, "en")
        document = _with(doc, published=published, language="en")
        return Record(
            document=document,
            extractor=_extractor("en", ENGLISH_STEPS),
            mentions=mentions,
            entities=table.entities,
            events=events,
            agreements=agreements,
            topics=topics,
        )
