"""One key for a government body named in any language: "Министерство иностранных дел Республики
Казахстан", "Ministry of Foreign Affairs of the Republic of Kazakhstan", "Қазақстан Республикасының
Сыртқы істер министрлігі", "O‘zbekiston Respublikasi Tashqi ishlar vazirligi", "中华人民共和国外交部"
→ the country's ISO code, the kind of body and the concepts of its portfolio ("KZ:ministry:foreign").

The words come from `bodies.json` (heads, portfolio concepts, fillers, function words and country
markers per language; Russian words by their lemma). The country is the place the name holds (the
places the extractor resolved inside the body's mentions, else a word the gazetteer knows as a
country or a country's adjective), else the one country the document gives the body. Precision first:
a name gets a key only when every word of it is understood, it has one head and at least one concept,
and it names at most one country; any other word ("Комитет … Министерства …", a department's own
name, a verb run on into the name) keeps the name apart."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

_LEX = json.loads(Path(__file__).with_name("bodies.json").read_text(encoding="utf-8"))
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
SHORT_STEM = 6  # a stem shorter than this takes an ending of at most 3 letters


def _norm(text: str) -> str:
    from ..extract.gazetteer import normalize_key

    return normalize_key(text)


@functools.cache
def _tables() -> dict:
    """word class → {"exact": {word: value}, "stems": [(stem, value)], "zh": [(word, value)]}"""
    out: dict = {"exact": {}, "stems": [], "zh": []}

    def add(entry: dict, value: tuple) -> None:
        for w in entry.get("exact", []):
            out["exact"].setdefault(_norm(w), value)
        for w in entry.get("stems", []):
            out["stems"].append((_norm(w), value))
        for w in entry.get("zh", []):
            out["zh"].append((w, value))

    for kind, entry in _LEX["heads"].items():
        add(entry, ("head", kind))
    for concept, entry in _LEX["concepts"].items():
        add(entry, ("concept", concept))
    add(_LEX["fillers"], ("skip", None))
    add(_LEX["country_markers"], ("skip", None))
    for w in _LEX["function"]:
        out["exact"].setdefault(_norm(w), ("skip", None))
    out["stems"].sort(key=lambda s: -len(s[0]))
    out["zh"].sort(key=lambda s: -len(s[0]))
    return out


def _word(word: str) -> tuple | None:
    """What a word of a name is: ("head", kind), ("concept", c), ("skip", None), or None (unknown)."""
    from communique.store.fulltext import lemma

    t = _tables()
    for form in (word, lemma(word)):
        if form in t["exact"]:
            return t["exact"][form]
    for end, repl in (("ies", "y"), ("s", "")):  # English plurals: "affairs", "emergencies"
        if word.endswith(end) and word[: -len(end)] + repl in t["exact"]:
            return t["exact"][word[: -len(end)] + repl]
    for stem, value in t["stems"]:
        if word.startswith(stem) and len(word) - len(stem) <= (_LEX["max_ending"] if len(stem) >= SHORT_STEM else 3):
            return value
    return None


@functools.cache
def _gazetteer():
    from ..extract.gazetteer import Gazetteer

    return Gazetteer.load()


def _country_word(word: str) -> str | None:
    gz = _gazetteer()
    entry = gz.country(word) or gz.country_of_adjective(word)
    return entry["iso2"] if entry else None


def _chinese(name: str, countries: set[str]) -> tuple[str | None, list[str]] | None:
    """The kind and concepts of a Chinese name (characters matched against the tables, a country's
    name the gazetteer knows taken out first); None when a character is left over."""
    gz = _gazetteer()
    rest = name
    for i in range(len(rest), 1, -1):  # the country at the start: 哈萨克斯坦共和国外交部
        entry = gz.country(rest[:i])
        if entry:
            countries.add(entry["iso2"])
            rest = rest[i:]
            break
    kind, concepts = None, []
    while rest:
        for word, (cls, value) in _tables()["zh"]:
            if rest.startswith(word):
                if cls == "head":
                    if kind is not None:
                        return None
                    kind = value
                elif cls == "concept":
                    concepts.append(value)
                rest = rest[len(word):]
                break
        else:
            return None
    return kind, concepts


def title_head(word: str) -> str | None:
    """The kind of body a word names as the title of its head ("министр", "minister" → "ministry")."""
    for kind, titles in _LEX["title_heads"].items():
        if word in titles:
            return kind
    return None


def portfolio_key(words: list[str], country: str | None) -> str | None:
    """The key of a name given as its lemmatized words whose first word is its head or its head's
    title ("Министр финансов Республики X" meets "Ministry of Finance of X"), read up to its country
    part ("… Республики X", "… of the Russian Federation": what follows is not read); `country` the one
    country of the name's entity. The same tables and key as `body_key`; None unless every word
    before the country part is understood and names a concept."""
    if not country or not words:
        return None
    first = _word(words[0])
    kind = first[1] if first and first[0] == "head" else title_head(words[0])
    if kind is None:
        return None
    markers = set(_LEX["country_markers"]["exact"])
    concepts: set[str] = set()
    for w in words[1:]:
        if w in markers or _country_word(w):
            break
        what = _word(w)
        if what is None or what[0] == "head":
            return None
        if what[0] == "concept":
            concepts.add(what[1])
    return f"{country}:{kind}:{' '.join(sorted(concepts))}" if concepts else None


def body_key(name: str, places: dict[str, str] | None = None, country: str | None = None) -> str | None:
    """The language-neutral key of a body's name, or None. `places`: the surface forms of the
    countries named inside the body's mentions → their ISO codes (the extractor's place resolution);
    `country`: the one country the document gives the body, used when the name names none."""
    if not name:
        return None
    countries: set[str] = set()
    text = _norm(name)
    for surface, iso in (places or {}).items():
        key = _norm(surface)
        if key and iso and key in text:
            text = text.replace(key, " ")
            countries.add(iso)
    if _HAN.search(text):
        found = _chinese(re.sub(r"\s+", "", text), countries)
        if found is None:
            return None
        kind, concepts = found
    else:
        kind, concepts = None, []
        for word in _WORD.findall(text):
            what = _word(word)
            if what is None:
                iso = _country_word(word)
                if iso is None:
                    return None
                countries.add(iso)
                continue
            cls, value = what
            if cls == "head":
                if kind is not None:  # a body inside another ("Комитет … Министерства …"): kept apart
                    return None
                kind = value
            elif cls == "concept":
                concepts.append(value)
    if kind is None or not concepts or len(countries) > 1:
        return None
    iso = next(iter(countries)) if countries else country
    if not iso:
        return None
    return f"{iso}:{kind}:{' '.join(sorted(set(concepts)))}"
