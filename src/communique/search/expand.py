"""Query expansion across languages, for ranking: the other names of what a query names.

- Organizations and countries of the gazetteer, found by any name or acronym in any language
  ("SCO", "ШОС", "ШЫҰ", "上合组织" are one entry): their Russian and English names and acronyms.
- Subject terms of the topic lexicon (extract/resources/topics.json, Russian lemmas and English
  terms side by side): a query that is or holds a term of a topic is expanded with the topic's terms
  in the other script that the multilingual encoder places near it ("cybersecurity" →
  "кибербезопасность"), so a release in the other language is found by its words too.

Each expansion is searched as a full-text query of its own and fused with the query's ranking."""

from __future__ import annotations

import functools
import re

from ..extract.gazetteer import Gazetteer
from ..nlp import lemma

NAME_LANGUAGES = ("ru", "en")
MAX_NGRAM = 4
TERM_NEAR = 0.5  # cosine of the multilingual encoder: a term in the other script this near is a translation
_WORD = re.compile(r"\w[\w-]*")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@functools.cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.load()


@functools.cache
def _topic_terms() -> dict[str, list[tuple[str, list[str]]]]:
    """{term: [(topic id, the topic's strong terms)]} over the topic lexicon."""
    from ..extract.resources import load_json

    out: dict[str, list[tuple[str, list[str]]]] = {}
    for topic in load_json("topics.json")["topics"]:
        for term in topic["strong"]:
            out.setdefault(term, []).append((topic["id"], topic["strong"]))
    return out


def _ngrams(words: list[str]):
    for n in range(min(MAX_NGRAM, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i:i + n])


def _entry_names(entry: dict) -> list[str]:
    names = []
    for field in ("name", "official", "acronyms", "variants"):
        for lang in NAME_LANGUAGES:
            value = (entry.get(field) or {}).get(lang)
            names += value if isinstance(value, list) else [value] if value else []
    return names


def entity_names(query: str) -> list[str]:
    """The Russian and English names and acronyms of the gazetteer's organizations and countries
    that the query names, in any language, less what the query already says."""
    g = _gazetteer()
    words = _WORD.findall(query or "")
    found: list[str] = []
    grams = list(_ngrams(words))
    grams += [x for x in _ngrams([lemma(w) for w in words]) if len(x) > 4 and x not in grams]  # "Казахстана"
    for gram in grams:
        if len(gram) <= 4 and not gram.isupper():  # a short word names something as an acronym only ("AND" ≠ "and")
            continue
        entry = g.organization(gram) or g.country(gram)
        if entry is not None:
            found += _entry_names(entry)
    said = (query or "").casefold()
    return [n for n in dict.fromkeys(found) if n.casefold() not in said]


@functools.cache
def _term_vectors() -> tuple[dict[str, int], object]:
    """Every strong term of the topic lexicon embedded once, in one call to the encoder."""
    from . import semantic

    terms = sorted(_topic_terms())
    return {t: i for i, t in enumerate(terms)}, semantic.embed(terms)


@functools.lru_cache(maxsize=2048)
def _translations(term: str) -> tuple[str, ...]:
    cyrillic = bool(_CYRILLIC.search(term))
    others = sorted({t for _, terms in _topic_terms().get(term, []) for t in terms
                     if bool(_CYRILLIC.search(t)) != cyrillic})
    if not others:
        return ()
    row, vectors = _term_vectors()
    sims = vectors[[row[t] for t in others]] @ vectors[row[term]]
    return tuple(t for t, s in zip(others, sims, strict=True) if s >= TERM_NEAR)


def topic_terms(query: str) -> list[str]:
    """Terms of the topic lexicon in the other script that translate a term the query holds."""
    lemmas = [lemma(w) for w in _WORD.findall(query or "")]
    known = _topic_terms()
    out: list[str] = []
    for gram in _ngrams(lemmas):
        if gram in known:
            out += _translations(gram)
    return list(dict.fromkeys(out))


def expansions(query: str) -> list[str]:
    """Every other-language name and term to search for beside the query."""
    return list(dict.fromkeys([*entity_names(query), *topic_terms(query)]))
