"""Gazetteer: countries, cities and international organizations, in the languages of the region.

The data is in ``resources/countries.json``, ``resources/cities.json`` and
``resources/organizations.json`` beside this module; this module only reads it (stdlib only).

* A country entry: ``iso2``, ``iso3``, ``name`` / ``official`` (lang -> str), ``variants`` (lang -> list),
  ``adjective`` (``ru``: masculine nominative lemmas, ``en``: demonym adjectives), ``capital``
  (lang -> str, or null), optional ``capital_variants``, ``sovereign`` and ``region_focus``.
* A city entry: ``id`` ("CN:shanghai"), ``name``, ``country`` (ISO alpha-2), ``variants``, optional
  ``ambiguous`` (why a bare mention may not be the city: "person", "common_word", "region").
  Capitals are not in cities.json: the loader makes a city entry (``"capital": true``) from every
  country's ``capital``.
* An organization entry: ``id``, ``name``, ``acronyms``, ``variants``, ``kind``, ``parent`` (an id),
  ``founded`` ("YYYY" or "YYYY-MM-DD"), ``hq``.
* ``ministry_patterns``: ``head_words`` (lang -> words that head the name of a government body) and
  ``short_forms`` (``short``, ``lang``, ``full``, ``country`` or null, optional ``by_country``,
  ``variants``, ``former``).

Every lookup key goes through :func:`normalize_key`. The entries returned are the loaded dicts
themselves, shared by the whole process: read them, do not change them.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

RESOURCE_DIR = Path(__file__).resolve().parent / "resources"

_QUOTES = "\"'`´«»„“”‟‘’‚‛‹›「」『』ʹʺʻʼʽˮ′″"
_STRIP = str.maketrans(dict.fromkeys(_QUOTES + ".", None))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_HYPHEN_SPACES = re.compile(r"\s*-\s*")

# endings of Russian adjectives, longest first ("российского" -> "российск")
_RU_ADJ_ENDINGS = (
    *("ого", "его", "ому", "ему", "ыми", "ими"),
    *("ий", "ый", "ой", "ая", "яя", "ую", "юю", "ое", "ее"),
    *("ые", "ие", "ых", "их", "ым", "им", "ей", "ом", "ем"),
)
_RU_ADJ_LEMMA = re.compile(r"(?:ий|ый|ой)$")


# the characters whose lower case lies between "a" and "z" (ASCII letters, 'İ' and the Kelvin sign)
_LATIN_BASE = re.compile("[A-Za-z\u0130\u212a]")


def _fold_latin_diacritics(s: str) -> str:
    """Drop accents on Latin letters only ("Türkiye" -> "Turkiye"); Cyrillic й, ё, ӯ stay."""
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFD", s)
    if not _LATIN_BASE.search(decomposed):
        return unicodedata.normalize("NFC", decomposed)  # no Latin letter for a mark to follow: nothing to drop
    out: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and out and "a" <= out[-1].lower() <= "z":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@functools.lru_cache(maxsize=100_000)
def normalize_key(s: str) -> str:
    """The lookup form of a name: casefolded, ё→е, quotes, apostrophes and dots removed,
    dashes unified to "-" without spaces around, whitespace collapsed, accents on Latin letters dropped.

    >>> normalize_key("  «Соединённые  Штаты» ")
    'соединенные штаты'
    >>> normalize_key("Oʻzbekiston") == normalize_key("O'zbekiston") == "ozbekiston"
    True
    """
    s = _fold_latin_diacritics(unicodedata.normalize("NFC", s))
    s = s.casefold().replace("ё", "е")
    s = s.translate(_STRIP).translate(_DASHES)
    s = " ".join(s.split())
    return _HYPHEN_SPACES.sub("-", s)


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _langs_of(d: dict | None, lang: str | None) -> Iterator[tuple[str, object]]:
    if not d:
        return
    if lang is None:
        yield from d.items()
    elif lang in d:
        yield lang, d[lang]


def _as_list(v: object) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [x for x in v if x]  # type: ignore[union-attr]


class Gazetteer:
    """Lookups over the gazetteer data. Use :meth:`load` to get the shared instance."""

    def __init__(self, countries: list[dict], cities: list[dict], organizations: dict | list):
        if isinstance(organizations, list):
            organizations = {"organizations": organizations, "ministry_patterns": {}}
        self.countries: list[dict] = countries
        self.organizations: list[dict] = organizations.get("organizations", [])
        self.ministry_patterns: dict = organizations.get("ministry_patterns", {}) or {}
        self.cities: list[dict] = [*self._capitals(countries), *cities]
        # (normalized key, "country" | "city" | "organization" | "adjective", ids that share it)
        self.collisions: list[tuple[str, str, tuple[str, ...]]] = []

        self._country_by_key: dict[str, dict] = {}
        self._city_by_key: dict[str, dict] = {}
        self._org_by_key: dict[str, dict] = {}
        self._org_by_id: dict[str, dict] = {o["id"]: o for o in self.organizations}
        self._adjective: dict[str, dict] = {}
        self._adjective_stem: dict[str, dict] = {}
        self._short_forms: dict[str, dict] = {}
        self._index()

    # -- loading -------------------------------------------------------------------------------
    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The gazetteer from the package's resources, read once per process."""
        return cls.from_dir(RESOURCE_DIR)

    @classmethod
    def from_dir(cls, directory: str | Path) -> Gazetteer:
        d = Path(directory)

        def read(name: str):
            with open(d / name, encoding="utf-8") as f:
                return json.load(f)

        return cls(read("countries.json"), read("cities.json"), read("organizations.json"))

    @staticmethod
    def _capitals(countries: list[dict]) -> list[dict]:
        out = []
        for c in countries:
            cap = c.get("capital")
            if not cap:
                continue
            slug = _slug(cap.get("en") or cap.get("ru") or "") or "capital"
            out.append(
                {
                    "id": f"{c['iso2']}:{slug}",
                    "name": cap,
                    "country": c["iso2"],
                    "variants": c.get("capital_variants") or {},
                    "capital": True,
                }
            )
        return out

    # -- indexes -------------------------------------------------------------------------------
    def _put(self, index: dict[str, dict], kind: str, surface: str, entry: dict, ident: str) -> None:
        key = normalize_key(surface)
        if not key:
            return
        old = index.get(key)
        if old is None:
            index[key] = entry
        elif old is not entry:
            old_id = old.get("iso2") or old.get("id") or "?"
            if old_id != ident:
                self.collisions.append((key, kind, (old_id, ident)))

    def _index(self) -> None:
        # names win over official forms, official forms over variants, variants over codes
        tiers = (
            lambda c: (v for _, v in _langs_of(c.get("name"), None)),
            lambda c: (v for _, v in _langs_of(c.get("official"), None)),
            lambda c: (x for _, v in _langs_of(c.get("variants"), None) for x in _as_list(v)),
            lambda c: (c["iso2"], c["iso3"]),
        )
        for tier in tiers:
            for c in self.countries:
                for surface in tier(c):
                    self._put(self._country_by_key, "country", surface, c, c["iso2"])

        for tier in tiers[:1] + tiers[2:3]:
            for city in self.cities:
                for surface in tier(city):
                    self._put(self._city_by_key, "city", surface, city, city["id"])

        org_tiers = (
            lambda o: (v for _, v in _langs_of(o.get("name"), None)),
            lambda o: (x for _, v in _langs_of(o.get("acronyms"), None) for x in _as_list(v)),
            lambda o: (x for _, v in _langs_of(o.get("variants"), None) for x in _as_list(v)),
        )
        for tier in org_tiers:
            for o in self.organizations:
                for surface in tier(o):
                    self._put(self._org_by_key, "organization", surface, o, o["id"])

        for c in self.countries:
            for _, adjs in _langs_of(c.get("adjective"), None):
                for adj in _as_list(adjs):
                    self._put(self._adjective, "adjective", adj, c, c["iso2"])
                    key = normalize_key(adj)
                    if _RU_ADJ_LEMMA.search(key) and not key.isascii():
                        self._put(self._adjective_stem, "adjective", key[:-2], c, c["iso2"])

        for sf in self.ministry_patterns.get("short_forms", []):
            for surface in [sf["short"], *sf.get("variants", [])]:
                self._short_forms.setdefault(normalize_key(surface), sf)

    # -- lookups ---------------------------------------------------------------------------------
    def country(self, key: str) -> dict | None:
        """A country by any name, official name or variant in any language, or by ISO alpha-2/alpha-3."""
        return self._country_by_key.get(normalize_key(key)) if key else None

    def city(self, key: str) -> dict | None:
        """A city (capitals included) by any name or variant in any language."""
        return self._city_by_key.get(normalize_key(key)) if key else None

    def place(self, key: str) -> list[tuple[str, dict]]:
        """Every place a key may name: [("country", entry), ("city", entry)] ("Джибути" is both)."""
        out = []
        if c := self.country(key):
            out.append(("country", c))
        if city := self.city(key):
            out.append(("city", city))
        return out

    def organization(self, key: str) -> dict | None:
        """An organization by full name, variant or acronym in any language."""
        return self._org_by_key.get(normalize_key(key)) if key else None

    def organization_by_id(self, org_id: str) -> dict | None:
        return self._org_by_id.get(org_id)

    def country_by_iso(self, code: str) -> dict | None:
        c = self.country(code)
        return c if c and code.upper() in (c["iso2"], c["iso3"]) else None

    def place_name(self, entry: dict, lang: str) -> str:
        """The short nominative name of a country, city or organization in ``lang``, else en, else ru."""
        names = entry.get("name") or {}
        return names.get(lang) or names.get("en") or names.get("ru") or next(iter(names.values()), "")

    def capital_of(self, country: dict | str) -> dict | None:
        """The city entry of a country's capital."""
        c = self.country(country) if isinstance(country, str) else country
        if not c or not c.get("capital"):
            return None
        return next((x for x in self.cities if x.get("capital") and x["country"] == c["iso2"]), None)

    # -- adjectives ------------------------------------------------------------------------------
    def country_of_adjective(self, adj_lemma: str) -> dict | None:
        """The country of an adjective: "белорусский", "Belarusian"; Russian case forms work too
        ("белорусской", "российскими"). A compound ("российско-китайский") is not one country:
        see :meth:`countries_of_adjective`."""
        if not adj_lemma:
            return None
        key = normalize_key(adj_lemma)
        hit = self._adjective.get(key)
        if hit is not None:
            return hit
        return self._adjective_stem.get(self._ru_stem(key)) if not key.isascii() else None

    @staticmethod
    def _ru_stem(key: str) -> str:
        for ending in _RU_ADJ_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 3:
                return key[: -len(ending)]
        return key

    def countries_of_adjective(self, adj: str) -> list[dict]:
        """The countries of a simple or compound adjective, in order:
        "российско-китайских" -> [Russia, China]; "шри-ланкийский" -> [Sri Lanka]."""
        one = self.country_of_adjective(adj)
        if one is not None:
            return [one]
        parts = normalize_key(adj).split("-")
        if len(parts) < 2:
            return []
        return self._split_compound(parts) or []

    def _split_compound(self, parts: list[str]) -> list[dict] | None:
        if not parts:
            return []
        # the last element is a full adjective; the earlier ones end in a linking -о/-е
        for n in range(len(parts), 0, -1):
            head = "-".join(parts[:n])
            if n == len(parts):
                c = self.country_of_adjective(head)
            else:
                c = None
                if head.endswith(("о", "е")):
                    c = self._adjective_stem.get(head[:-1])
            if c is not None:
                rest = self._split_compound(parts[n:])
                if rest is not None:
                    return [c, *rest]
        return None

    # -- government bodies -----------------------------------------------------------------------
    def ministry_short_form(self, short: str) -> dict | None:
        """The ``short_forms`` record of "Минцифры", "МИД", "MIIT", "工信部"…"""
        return self._short_forms.get(normalize_key(short)) if short else None

    def expand_ministry(self, short: str, country: str | None = None) -> str | None:
        """The full name of a short form, for ``country`` (ISO alpha-2) when the form depends on it:
        ("МИД", "RU") -> "Министерство иностранных дел Российской Федерации"."""
        sf = self.ministry_short_form(short)
        if sf is None:
            return None
        if country:
            by = sf.get("by_country") or {}
            if country.upper() in by:
                return by[country.upper()]
            if sf.get("country") not in (None, country.upper()):
                return None
        return sf["full"]

    # -- iteration -------------------------------------------------------------------------------
    def iter_place_keys(self, lang: str | None = None) -> Iterator[tuple[str, str, dict]]:
        """(surface form, "country" | "city", entry) for every name, official name and variant in ``lang``
        (every language when None). ISO codes are not yielded. Surface forms are as written, not
        normalized; a short all-caps form ("РФ", "US") is an abbreviation and should be matched
        case-sensitively."""
        for kind, entries, fields in (
            ("country", self.countries, ("name", "official", "variants")),
            ("city", self.cities, ("name", "variants")),
        ):
            for e in entries:
                seen: set[str] = set()
                for field in fields:
                    for _, v in _langs_of(e.get(field), lang):
                        for surface in _as_list(v):
                            k = normalize_key(surface)
                            if k and k not in seen:
                                seen.add(k)
                                yield surface, kind, e

    def iter_organization_keys(self, lang: str | None = None) -> Iterator[tuple[str, str, dict]]:
        """(surface form, "organization", entry) for every name, acronym and variant in ``lang``
        (every language when None)."""
        for o in self.organizations:
            seen: set[str] = set()
            for field in ("name", "acronyms", "variants"):
                for _, v in _langs_of(o.get(field), lang):
                    for surface in _as_list(v):
                        k = normalize_key(surface)
                        if k and k not in seen:
                            seen.add(k)
                            yield surface, "organization", o

    def head_words(self, lang: str) -> list[str]:
        """Words that head the name of a government body in ``lang`` ("министерство", "Agency")."""
        return list((self.ministry_patterns.get("head_words") or {}).get(lang, []))
