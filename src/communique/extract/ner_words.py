"""Word tests for the Russian name rules: the lexicons of resources/ner_ru.json, cached morphology
(genitive, adjective, person noun, ...) and the gazetteer's lemma-tuple index.

Part of ``communique.extract.ner`` (see its docstring); ``clear_caches`` forgets the cached morphology.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import nlp
from .resources import load_json

PER, ORG, LOC = "PER", "ORG", "LOC"

# ---------------------------------------------------------------------------------------------
# Lexicons (lemmas), read once from resources/ner_ru.json, whose "_doc" explains each list.
_LEX = load_json("ner_ru.json")


def _lexicon(key: str) -> frozenset[str]:
    return frozenset(_LEX[key])


# Head words of state bodies and their units: a head followed by a country or an organization in
# the genitive names one organization ("правительство Грузии", "пресс-служба МВД").
HEADS = _lexicon("heads")

# Heads that name a body only in the plural: "власти США", "вооружённые силы", "органы".
PLURAL_HEADS = _lexicon("plural_heads")

# Heads that take a genitive complement before the country: "Министерство иностранных дел России".
COMPLEMENT_HEADS = _lexicon("complement_heads")

# Heads that make an organization with a place adjective alone: "японского МИДа", "французскими
# властями", "российском министерстве финансов".
ADJ_HEADS = _lexicon("adj_heads")
HEADS = HEADS | ADJ_HEADS

# Heads whose name goes on with "по" and a field: "Комитет по международным делам".
PO_HEADS = _lexicon("po_heads")

# Bodies named with the place they sit in: "Посольство России в Казахстане".
MISSION_HEADS = _lexicon("mission_heads")

# What a council or a committee is attached to: "Совет при Президенте Российской Федерации".
PRI_HOSTS = _lexicon("pri_hosts")

# First words of acronym long forms that name documents or events, not bodies: "Договор о
# коллективной безопасности (ДКБ)".
NOT_BODIES = _lexicon("not_bodies")

# Words between "по" and a place in a territorial body's name: "ГУ МВД по городу Москве".
TERRITORY_WORDS = _lexicon("territory_words")

# Words that introduce an organization's name in quotes: ООО «Ромашка», компания «Ромашка».
QUOTE_DESCRIPTORS = _lexicon("quote_descriptors")

# Prepositions that end a known body's name: "Шанхайской организации сотрудничества в сфере ...".
PREPOSITIONS = _lexicon("prepositions")

ACRONYM = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]{1,8}$")
CAP = re.compile(r"^[A-ZА-ЯЁ]")
ACRONYM_COMPOUND = re.compile(r"^[A-ZА-ЯЁ]{2,6}-[а-яё]{3,}$")
WORD = re.compile(r"^\w+(?:-\w+)*$")
OPEN_QUOTES = frozenset("«„“\"'")
CLOSE_QUOTES = frozenset("»“”\"'")
SPLIT_TOKENS = frozenset("•·|;")
PLACE_ADJ = re.compile(r"^[а-яё-]+(?:ск|цк)(?:ий|ой|ая|ое|ие|ого|ому|ым|ом|ей|ую|их|ими|ых|ыми)$")


# ---------------------------------------------------------------------------------------------
# Morphology helpers, cached: official texts repeat their vocabulary.


@functools.lru_cache(maxsize=100_000)
def genitive(word: str) -> bool:
    """A place or body name in the genitive: 'России', 'РФ', 'МВД' (indeclinable acronyms);
    not a Latin name, which follows a head as an apposition."""
    if not re.search(r"[А-ЯЁа-яё]", word):
        return False
    ps = nlp.parses(word)
    if re.fullmatch(r"[А-ЯЁ]{2,6}", word) and all("UNKN" in p.tag for p in ps):
        return True  # an acronym the dictionary does not know ('РСС', 'ЕЭК'): indeclinable, so any case
    return any(p.tag.case in ("gent", "gen2") for p in ps)


@functools.lru_cache(maxsize=100_000)
def genitive_word(word: str) -> bool:
    """A lower-case noun, adjective or participle that can be in the genitive."""
    return any(p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case in ("gent", "gen2") for p in nlp.parses(word))


MEMBER_COUNCILS = frozenset(_lexicon("member_councils"))
MEMBER_WORDS = frozenset(_lexicon("member_words"))


@functools.lru_cache(maxsize=100_000)
def dative_word(word: str) -> bool:
    return word.islower() and any(p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case == "datv"
                                  for p in nlp.parses(word))


@functools.lru_cache(maxsize=100_000)
def plain_word(word: str) -> bool:
    """A lowercase noun or adjective, as in 'по правам человека', 'по международным отношениям'."""
    ps = nlp.parses(word)
    # ("по торгово-экономическому и научно-техническому сотрудничеству": a hyphenated adjective too)
    return word.islower() and re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word) is not None and len(word) > 1 and bool(ps) \
        and ps[0].tag.POS in ("NOUN", "ADJF", "PRTF") and not any(p.tag.POS == "VERB" for p in ps)


@functools.lru_cache(maxsize=100_000)
def person_noun(word: str) -> bool:
    """A noun for people ('Замглавы', 'Исследователи', 'Член'), not a name."""
    if word.isupper():
        return False  # "ФИФА" is a body, whatever the dictionary says
    ps = nlp.parses(word)
    return bool(ps) and ps[0].tag.POS == "NOUN" and "anim" in ps[0].tag and not (
        {"Name", "Surn", "Patr", "Abbr", "Orgn", "Geox"} & ps[0].tag.grammemes) \
        and nlp.morph().word_is_known(word.lower())


@functools.lru_cache(maxsize=100_000)
def agree_forms(word: str) -> frozenset[tuple[str, str]]:
    """(case, number) pairs of the word's noun and adjective readings."""
    return frozenset((p.tag.case, p.tag.number or "") for p in nlp.parses(word)
                     if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case)


@functools.lru_cache(maxsize=100_000)
def is_adjective(word: str) -> bool:
    ps = nlp.parses(word)
    return bool(ps) and ps[0].tag.POS in ("ADJF", "PRTF") and "Apro" not in ps[0].tag


@functools.lru_cache(maxsize=100_000)
def gen_modifier(word: str) -> bool:
    """A lowercase word that can modify a head in the genitive: 'иностранных', 'дел', 'связи'."""
    if not word.islower() or not word.replace("-", "").isalpha():
        return False
    return any(p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case in ("gent", "gen2")
               and "Apro" not in p.tag for p in nlp.parses(word))


@functools.lru_cache(maxsize=100_000)
def marks(word: str) -> frozenset[str]:
    """pymorphy's Geox (place), Orgn (organization), Name and Surn marks on a word's likely parses."""
    ps = nlp.parses(word)
    if not ps:
        return frozenset()
    best = ps[0].score
    return frozenset(m for p in ps if p.score >= best * 0.5
                     for m in ("Geox", "Orgn", "Name", "Surn") if m in p.tag)


def capitalized(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _function_word(word: str) -> bool:
    ps = nlp.parses(word)
    return bool(ps) and (ps[0].tag.POS in ("NPRO", "PREP", "CONJ", "PRCL", "INTJ") or "Apro" in ps[0].tag)


@functools.cache
def head_forms() -> dict[str, str]:
    """Every inflected form of the head words (lower case) -> the head's lemma."""
    forms: dict[str, str] = {}
    for lemma in HEADS:
        for p in nlp.morph().parse(lemma):
            if p.normal_form != lemma or p.tag.POS != "NOUN":
                continue
            for f in p.lexeme:
                if lemma in PLURAL_HEADS and f.tag.number != "plur":
                    continue
                forms.setdefault(f.word.replace("ё", "е"), lemma)
    return forms


# ---------------------------------------------------------------------------------------------
# Gazetteer access: lemma-tuple keys built once per process


@functools.cache
def gazetteer():
    try:
        from .gazetteer import Gazetteer
    except ImportError:  # the rules work, with less, without it
        return None
    try:
        return nlp.frozen(Gazetteer.load())
    except (FileNotFoundError, OSError, ValueError):
        return None


_KEY_WORD = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class GazIndex:
    keys: dict  # lemma tuple -> "ORG" | "LOC"
    longest: int
    first: frozenset  # first lemmas of the keys
    heads3: frozenset  # their first three letters, a cheap filter before lemmatizing a word
    prefixes: frozenset  # every proper prefix of a key, to walk multi-word keys
    upper: frozenset  # keys written in capitals ("РФ", "ООН"): matched only in capitals
    countries: frozenset  # keys that name countries
    ambiguous: frozenset  # one-word city names that are also words or surnames ("Мир", "Королёв")
    intl: frozenset  # acronyms of the gazetteer's (international) organizations: "ООН", "ШОС"


@functools.cache
def gaz_index() -> GazIndex:
    gaz = gazetteer()
    keys: dict[tuple[str, ...], str] = {}
    upper: set[tuple[str, ...]] = set()
    ambiguous: set[tuple[str, ...]] = set()
    countries: set[tuple[str, ...]] = set()
    intl: set[str] = set()
    if gaz is not None:
        for surface, _, _entry in gaz.iter_organization_keys("ru"):
            lem = tuple(nlp.lemma(w) for w in _KEY_WORD.findall(surface))
            if lem:
                keys.setdefault(lem, ORG)
                if ACRONYM.match(surface.strip()):
                    intl.add(surface.strip())
                if surface.isupper():
                    upper.add(lem)
        for surface, kind, entry in gaz.iter_place_keys("ru"):
            lem = tuple(nlp.lemma(w) for w in _KEY_WORD.findall(surface))
            if not lem or keys.get(lem) == ORG or (len(lem) == 1 and _function_word(surface)):
                continue  # "Того" lemmatizes to "тот", which would make "Том" a country
            keys[lem] = LOC
            if kind == "country":
                countries.add(lem)
            if surface.isupper():
                upper.add(lem)
            if kind == "city" and entry.get("ambiguous") and len(lem) == 1:
                ambiguous.add(lem)
    return nlp.frozen(GazIndex(keys, max((len(k) for k in keys), default=0), frozenset(k[0] for k in keys),
                               frozenset(k[0][:3] for k in keys),
                               frozenset(k[:n] for k in keys for n in range(1, len(k))),
                               frozenset(upper), frozenset(countries), frozenset(ambiguous), frozenset(intl)))


def clear_caches() -> None:
    """Forget cached morphology (here and in nlp), so that a benchmark starts cold."""
    nlp.parses.cache_clear()
    nlp.lemma.cache_clear()
    for f in (genitive, dative_word, plain_word, person_noun, agree_forms, is_adjective,
              gen_modifier, marks):
        f.cache_clear()
