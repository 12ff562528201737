"""The English word lists and word tests every English step shares: title words, organization heads,
honorifics (resources/titles_en.json), the tokenizer's pattern, and lookups in the gazetteer."""

from __future__ import annotations

import functools
import re

from ..entities import ACRONYM
from ..gazetteer import Gazetteer, normalize_key
from ..nlp import Token
from ..resources import load_json

_T = load_json("titles_en.json")

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
ATTRIBUTION_VERBS = frozenset(_T["attribution_verbs"])
AGENCY_VERBS = frozenset(_T["agency_verbs"])
PERSON_CUES = frozenset(_T["person_cues"])
NOT_NAME = frozenset(_T["not_name"]) | TITLE_HEADS | TITLE_MODIFIERS | ORG_HEADS | DIVISION_HEADS
ABBREVIATIONS = frozenset(_T["abbreviations"])
NOUN_SUFFIXES = tuple(_T["noun_suffixes"])
NOUN_SUFFIX_MIN = int(_T["noun_suffix_min_length"])

_WORD_TOKEN = r"[^\W_]+(?:(?:-|['’](?!s\b))[^\W_]+)*"
TOKEN = re.compile(r"[’']s\b|" + _WORD_TOKEN + r"|\S")
DASHES = {"-", "–", "—", "‒", "―"}
PARTICLES = {
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
REL_WORDS = {"who", "which", "where", "while", "whereas", "whom", "whose"}
PAREN_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9&-]{1,11})\)")
QUOTES = '"“”«»'


def is_capitalized(word: str) -> bool:
    return word[:1].isalpha() and word[:1].isupper()


def is_acronym(word: str) -> bool:
    return bool(ACRONYM.match(word)) and any(c.isalpha() for c in word)


def joiner(text: str, tok: Token) -> bool:
    """A dash inside a compound name ('Korea–Mongolia'), not one between clauses ('GENEVA – The')."""
    return (
        tok.text in DASHES
        and tok.start > 0
        and tok.end < len(text)
        and not text[tok.start - 1].isspace()
        and not text[tok.end].isspace()
    )


def lowered(word: str) -> str:
    return word.casefold().replace("’", "'")


@functools.cache
def gazetteer_index() -> tuple[dict[str, list[tuple[str, dict, str]]], int]:
    gaz = Gazetteer.load()
    index: dict[str, list[tuple[str, dict, str]]] = {}
    longest = 1
    for surface, kind, entry in [*gaz.iter_place_keys("en"), *gaz.iter_organization_keys("en")]:
        index.setdefault(normalize_key(surface), []).append((kind, entry, surface))
        longest = max(longest, len(TOKEN.findall(surface)))
    return index, longest


@functools.cache
def first_words() -> dict[str, int]:
    """The first word of every gazetteer name, with the most words a name starting with it has."""
    out: dict[str, int] = {}
    for key in gazetteer_index()[0]:
        words = TOKEN.findall(key)
        if words:
            out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def iso_of(name: str) -> str | None:
    entry = Gazetteer.load().country(name)
    return entry["iso2"] if entry else None


def known_place(word: str) -> bool:
    """A country or city name (ISO codes aside: 'Li' is a name, not Liechtenstein)."""
    hits = gazetteer_index()[0].get(normalize_key(word), [])
    return any(kind in ("country", "city") for kind, _, _ in hits)


def exact_case(surface: str) -> bool:
    """A gazetteer form written with capitals inside ('US', 'EurAsEC') or a capital and digits ('G20',
    'G7') is matched case-sensitively."""
    return any(c.isupper() for c in surface[1:]) or (surface[:1].isupper() and any(c.isdigit() for c in surface))


EVENT_NAME_HEADS = (
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
DOC_NAME_HEADS = (
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


def title_word(word: str) -> str | None:
    """A title word in its capitalized form ('minister' → 'Minister'); plural heads count too."""
    for w in (word, word[:1].upper() + word[1:]):
        if w in TITLE_HEADS or w in TITLE_MODIFIERS:
            return w
        if w.endswith("s") and w[:-1] in TITLE_HEADS:
            return w[:-1]
    return None


def tok_index(toks, char: int) -> int | None:
    return next((i for i, t in enumerate(toks) if t.start <= char < t.end), None)


def comma_segments(toks) -> list[int]:
    """For each token, how many commas stand before it: tokens with the same number share a stretch
    between commas ("Since the founding of X in 2023, China has signed ...")."""
    out, n = [], 0
    for t in toks:
        n += t.text == ","
        out.append(n)
    return out
