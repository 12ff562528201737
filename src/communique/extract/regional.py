"""The region's other languages (Kazakh, Uzbek in both scripts, Kyrgyz, Tajik, Belarusian, Serbian
in both scripts, Chinese): no NER model of their own ships here, so the steps are rules and
lexicons, each a module of its own:

    gazetteer       places and international bodies by surface form, with the case suffixes
                    agglutinative languages add ("Toshkentda"), Slavic case endings ("Мінску",
                    "Srbije"), both scripts of Uzbek and Serbian (regional_script), substrings in Chinese
    published       the dateline's date (regional_dates; the Russian reader as a fallback)
    dates           each language's month names (regional_dates)
    persons, roles  persons where a title vouches for the name beside it (regional_persons)
    bodies          government bodies by their head noun (regional_orgs)
    acronyms        a bracketed acronym names its body later (regional_acronyms); the head of state
                    named by his office (regional_coref)
    events          trigger lexicons, status from tense and aspect, date, place, participants,
                    official names (regional_events, sharing the Russian step's helpers)
    title-bodies    a body named only in a participant's title is no participant (regional_coref)
    agreements      document words, titles, parties, tied to their signing (regional_agreements)

STEPS below is the list extract/core.py's Pipeline runs for every one of these languages, and
RegionalNames one language's gazetteer and body matchers. A language without a lexicon for a step
skips it (`Step.supports`); the Record lists the steps that ran and those skipped. Dates go into the Record as mentions of type DATE and into the events; the publication date
of a dateline fills `document.published`.
"""

from __future__ import annotations

import functools
import re

from ..model import Entity, Mention, Participant
from . import (
    regional_acronyms,
    regional_agreements,
    regional_coref,
    regional_dates,
    regional_events,
    regional_orgs,
    regional_persons,
    regional_script,
    regional_sentences,
    steps,
)
from .core import Analysis, Pipeline, Step, shared
from .document import published_from_text
from .gazetteer import Gazetteer, normalize_key
from .resources import load_json

MAX_SUFFIX = 6  # letters a case ending may add to a name in Turkic languages
# what a Turkic or Tajik name may carry after it: a possessive, then a case ending, then "-дағы"
# ("Бишкекте", "Ресейдің", "Кытайдагы", "Toshkentda", "Тоҷикистонро"), not any letters at all:
# "Санариптик" (digital) is no form of "Сана", nor "Кубанычбек" of "Куба"
_TURKIC_ENDING = re.compile(
    r"ь?(?:с?[ыіиуүӣ])?(?:н?[нтд][ыіиуү][ңн]|н?[гғкқ][аеоө]|н?[дтн][аеоө]н?|[нтд][ыіиуү]|н|[мбп]ен(?:ен)?"
    r"|[лдт][ыіиуү][кқ]|нинг|ро|ҳо|ва)?(?:[дт][аеоө][гғ][ыіиуү])?"
    r"|(?:s?i)?(?:ning|ni|[gkq]a|dan|da|lik|dagi|ga)?(?:dagi)?")
# Cyrillic languages that write a foreign city the gazetteer names in no other way as Russian does
RUSSIAN_CITY_NAMES = frozenset({"kk", "ky", "tg", "be"})
# the case endings of Belarusian and Serbian place names ("у Мінску", "Srbije", "Расію"), not any
# letters at all: "Лідары" (leaders) is no form of "Ліда"
_SLAVIC_ENDINGS = frozenset({"a", "e", "i", "u", "o", "om", "em", "oj", "ju", "ji", "ije", "iju", "ijom", "ama",
                             "а", "е", "і", "и", "у", "ю", "ы", "о", "ой", "ом", "ем", "ам", "ах", "ую", "ію",
                             "ії", "ей", "ёй", "ою", "ије", "ију", "ијом", "ама", "я"})
_VOWELS = frozenset("aeiouаеёіиоуыэюяў")
_SOFT_END = _VOWELS | {"ь", "й"}  # a last letter a case ending replaces ("Беларусь" -> "у Беларусі", "Кітая")
# the case endings of a Belarusian or Serbian adjective inside a name ("Evropskoj", "Еўразійскай")
_SLAVIC_ADJECTIVE = frozenset({"a", "e", "i", "o", "u", "oj", "om", "og", "ih", "im", "ima", "oga", "omu", "а", "е", "и", "о", "у", "ој", "ом", "ог", "их", "им", "има", "ога", "ому",
                               "ая", "ай", "ой", "ую", "ы", "ага", "аму", "ым", "ых", "ымі", "і", "ім", "іх", "ія",
                               "ае", "ое"})
# the locative (and Serbian dative) of a name in "-а" after т, д, г, к, х: "Алма-Аце", "Рызе", "Амерыцы", "Americi"
_MUTATED = {"т": ("це",), "д": ("дзе",), "г": ("зе", "зи"), "к": ("цы", "ци"), "х": ("се", "си"),
            "k": ("ci",), "g": ("zi",), "h": ("si",)}
# the case endings of a Belarusian noun in "-ыя"/"-ія" after its stem ("арганізацыі" of "арганізацыя")
_SLAVIC_NOUN = frozenset({"ыя", "ыі", "ыю", "ыяй", "ыяю", "ія", "іі", "ію", "іяй", "іяю"})
_TOKEN = regional_persons.WORD_TOKEN


# Russian letters Belarusian writes otherwise: "и" is "ы" after a hard consonant and "і" elsewhere,
# "щ" is "шч", the hard sign an apostrophe ("Сочи" -> "Сочы", "Тбилиси" -> "Тбілісі")
_BE_HARD = frozenset("жчшцрЖЧШЦР")
_BE_LETTERS = {"щ": "шч", "Щ": "Шч", "ъ": "’", "и": "і", "И": "І"}


LATIN_FROM_RUSSIAN = frozenset({"sr"})
_RU_LATIN = dict(zip("абвгдежзийклмнопрстуфхцчшыэ", ["a", "b", "v", "g", "d", "e", "ž", "z", "i", "j", "k", "l", "m", "n",
                                                     "o", "p", "r", "s", "t", "u", "f", "h", "c", "č", "š", "i", "e"], strict=True))
_RU_LATIN.update({"ё": "jo", "щ": "šč", "ъ": "", "ь": "", "ю": "ju", "я": "ja"})


def _latin(name: str) -> str:
    """A Russian name in Serbian Latin letters ("Тирана" -> "Tirana"); regional_script gives the Cyrillic."""
    out = []
    for ch in name:
        lat = _RU_LATIN.get(ch.lower(), ch)
        out.append(lat[:1].upper() + lat[1:] if ch.isupper() else lat)
    return "".join(out)


def _spelled(name: str, lang: str) -> str:
    """A Russian place name as `lang` writes it where the language takes it over letter by letter."""
    if lang != "be":
        return name
    out = []
    for i, ch in enumerate(name):
        if ch in "иИ" and i and name[i - 1] in _BE_HARD:
            out.append("ы")
        else:
            out.append(_BE_LETTERS.get(ch, ch))
    return "".join(out)


@functools.cache
def _extra_places(lang: str) -> tuple[tuple[str, str, dict], ...]:
    """(name, kind, gazetteer entry) of the names resources/places_regional.json adds for `lang`."""
    gaz = Gazetteer.load()
    extra = load_json("places_regional.json").get(lang) or {}
    out: list[tuple[str, str, dict]] = []
    by_id = {c["id"]: c for c in gaz.cities}
    for iso, names in (extra.get("countries") or {}).items():
        if entry := gaz.country_by_iso(iso):
            out += [(n, "country", entry) for n in names]
    for iso, name in (extra.get("capitals") or {}).items():
        if entry := gaz.capital_of(iso):
            out.append((name, "city", entry))
    for cid, name in (extra.get("cities") or {}).items():
        if entry := by_id.get(cid):
            out.append((name, "city", entry))
    return tuple(out)


@functools.cache
def _extra_bodies(lang: str) -> tuple[tuple[str, dict], ...]:
    """(name, gazetteer entry) of the names resources/bodies_regional.json gives international
    bodies in `lang` (a council of the SCO in Kazakh), so they carry the gazetteer's id."""
    gaz = Gazetteer.load()
    by_id = {o.get("id"): o for o in gaz.organizations}
    names = load_json("bodies_regional.json").get(lang) or {}
    return tuple((n, by_id[oid]) for oid, ns in names.items() if oid in by_id for n in ns)


@functools.cache
def _local_names(lang: str) -> dict[str, str]:
    """Entry id → the name places_regional.json gives it in `lang` (the first, for a country)."""
    out: dict[str, str] = {}
    for name, _, entry in _extra_places(lang):
        out.setdefault(entry.get("id") or entry.get("iso2"), name)
    return out


@functools.cache
def _index(lang: str) -> dict[str, list[tuple[list[str], str, dict, str]]]:
    """First word of every gazetteer name in `lang` → (all its words, kind, entry, the name), longest first.
    Names of a language written in two scripts are there in both."""
    gaz = Gazetteer.load()
    out: dict[str, list[tuple[list[str], str, dict]]] = {}
    keys = [(k, kind, e) for k, kind, e in gaz.iter_place_keys(lang)]
    keys += list(_extra_places(lang))
    if lang in RUSSIAN_CITY_NAMES:  # "Шанхай": a city with no name of its own in the language
        named = {id(e) for _, _, e in keys}
        own = {normalize_key(k) for k, _, _ in keys}
        for k, kind, e in gaz.iter_place_keys("ru"):
            # a city's other Russian names too ("Нур-Султан" of "Астана"), and in Belarusian the Russian
            # name as Belarusian spells it ("Сочы" of "Сочи")
            if kind == "city" and (id(e) not in named or normalize_key(k) not in own):
                keys.append((_spelled(k, lang), kind, e))
    if lang in LATIN_FROM_RUSSIAN:  # "Tirana": a capital with no Serbian name, its Russian name written in Latin
        named = {id(e) for _, _, e in keys}  # (capitals only: "Милан" would make every Milan a city)
        capitals = {id(c) for c in (gaz.capital_of(e.get("iso2")) for e in gaz.countries) if c}
        keys += [(_latin(k), kind, e) for k, kind, e in gaz.iter_place_keys("ru")
                 if kind == "city" and id(e) not in named and id(e) in capitals]
    keys += [(k, "organization", e) for k, _, e in gaz.iter_organization_keys(lang)]
    keys += [(k, "organization", e) for k, e in _extra_bodies(lang)]
    keys += [(a, "organization", e) for e in gaz.organizations for a in (e.get("acronyms", {}).get("en") or [])]
    if regional_script.supports(lang):
        keys += [(regional_script.to_cyrillic(k, lang), kind, e) for k, kind, e in keys if regional_script.is_latin(k)]
    for surface, kind, entry in keys:
        words = [normalize_key(w) for w in _TOKEN.findall(surface)]
        if words:
            out.setdefault(words[0][:4], []).append((words, kind, entry, surface))
    for cands in out.values():
        cands.sort(key=lambda c: -sum(len(w) for w in c[0]))
    return out


def _name_in(entry: dict, kind: str, lang: str, surface: str) -> str:
    """The nominative name of a gazetteer entry in `lang`, in the script the text wrote it in."""
    if kind == "organization":
        own = (entry.get("name") or {}).get(lang) or next((n for n, e in _extra_bodies(lang) if e is entry), None)
    else:
        own = _local_names(lang).get(entry.get("id") or entry.get("iso2")) or (entry.get("name") or {}).get(lang)
    if not own:
        names = entry.get("name") or {}
        if lang in RUSSIAN_CITY_NAMES and names.get("ru"):
            return _spelled(names["ru"], lang)
        return names.get("en") or names.get("ru") or next(iter(names.values()), surface)
    if regional_script.supports(lang) and regional_script.is_latin(own) and not regional_script.is_latin(surface):
        return regional_script.to_cyrillic(own, lang)
    return own


@functools.cache
def _zh_index() -> dict[str, list[tuple[str, str, dict]]]:
    """First character of every Chinese gazetteer name → (name, kind, entry), longest first."""
    gaz = Gazetteer.load()
    out: dict[str, list[tuple[str, str, dict]]] = {}
    keys = list(gaz.iter_place_keys("zh")) + list(gaz.iter_organization_keys("zh"))
    for surface, kind, entry in keys:
        if len(surface) >= 2 and not surface.isascii():
            out.setdefault(surface[0], []).append((surface, kind, entry))
    for cands in out.values():
        cands.sort(key=lambda c: -len(c[0]))
    return out


def _word_matches(token: str, word: str, last: bool, agglutinative: bool, slavic: bool = False) -> bool:
    if token == word:
        return True
    if slavic and not last and len(word) >= 6:  # "Evropskoj uniji", "Еўразійскай эканамічнай камісіі"
        stem = word.rstrip("aeiouyаеёіиоуыэюя")
        if len(stem) >= 4 and token.startswith(stem) and token[len(stem):] in _SLAVIC_ADJECTIVE | _SLAVIC_NOUN:
            return True  # "Шанхайскай арганізацыі супрацоўніцтва": an adjective, or a noun in "-ія"
    if last and token.startswith(word + "-") and len(token) - len(word) <= 4:
        return True  # "UN-a", "ШОС-а": a case ending after a hyphen
    if slavic and len(word) >= 4:  # "Мінску" of "Мінск", "Srbije" of "Srbija", "Савета міністраў": a case ending
        if token.startswith(word):
            if word[-1] in "кгх" and token[len(word):] in ("і", "и", "i"):
                return False  # "Мінскі абласны ...": an adjective after a velar, no case of "Мінск"
            return token[len(word):] in _SLAVIC_ENDINGS
        if word[-2:] in ("ац", "ac") and token[:len(word) - 2] == word[:-2] and token[len(word) - 2:len(word) - 1] == word[-1]:
            return token[len(word) - 1:] in _SLAVIC_ENDINGS  # "Крагујевцу" of "Крагујевац": the vowel drops
        if len(word) >= 5 and word[-1] in "аa" and token[:len(word) - 2] == word[:-2] \
                and token[len(word) - 2:] in _MUTATED.get(word[-2], ()):
            return True  # "у Алма-Аце", "у Рызе", "u Americi": the consonant before the ending changes
        return word[-1] in _SOFT_END and token[:len(word) - 1] == word[:-1] and token[len(word) - 1:] in _SLAVIC_ENDINGS
    return last and agglutinative and len(word) >= 4 and token.startswith(word) and len(token) - len(word) <= MAX_SUFFIX \
        and _TURKIC_ENDING.fullmatch(token[len(word):]) is not None


class RegionalNames:
    """One language's matchers: gazetteer places and bodies by surface form, government bodies by their
    head noun, the test of a place-like word the person rules ask (the regional steps below use them)."""

    def __init__(self, language: str):
        self.language = language
        self.agglutinative = language in {"kk", "uz", "ky", "tg", "tk", "az"}
        self.slavic = language in {"be", "sr"}

    def _bodies(self, text: str, mentions: list[Mention], entities: list[Entity]) -> tuple[list[Mention], list[Entity]]:
        """Government bodies named by their head noun (regional_orgs), one entity per name."""
        out: list[Mention] = []
        made: dict[str, Entity] = {}
        known = {normalize_key(e.name): e for e in entities if e.type == "ORG"}
        found = regional_orgs.find_organizations(text, self.language, mentions, {e.id: e.name for e in entities})
        cores = {self._zh_core(text, s, e, mentions) for s, e, _ in found} if self.language == "zh" else set()
        by_core: list[tuple[str, str | None, Entity]] = []
        iso = {e.id: e.iso for e in entities if e.type == "LOC"}
        for start, end, name in sorted(found, key=lambda f: f[0] - f[1]):  # the full name first, the short an alias
            key = normalize_key(name)
            core = self._zh_core(text, start, end, mentions) if cores else key
            # a bare name is the body a longer one names with its state ("商务部" of "中华人民共和国商务部");
            # two states' ministries ("中华人民共和国外交部", "乌兹别克斯坦共和国外交部") are two bodies
            state = next((m.entity for m in mentions if m.type == "LOC" and m.start == start and m.end < end), None) \
                if cores else None
            same = [(st, e) for c, st, e in by_core if c == core and (st is None or state is None or st == state)]
            # a bare "外交部" of a Chinese release is China's when two states' are named
            same.sort(key=lambda x: iso.get(x[0]) != "CN")
            ent = known.get(key) or made.get(key) or (same[0][1] if same else None)
            if ent is None and (full := regional_orgs.expansion(self.language, name)):
                full = normalize_key(full)  # "ТИМ" of "Кыргыз Республикасынын Тышкы иштер министрлиги"; the first told
                first = {m.entity: m.start for m in reversed(out)}
                ent = min((x for x in made.values() if full in normalize_key(x.name)),
                          key=lambda x: first.get(x.id, len(text)), default=None)
            if ent is None:
                ent = _spelled_out(name, made.values()) or _short_of(name, [*known.values(), *made.values()])
            if ent is None:
                ent = Entity(id=f"b{len({id(x) for x in made.values()}) + 1}", type="ORG", name=name,
                             kind="organization")
                made[key] = ent
            elif name != ent.name and name not in ent.aliases:
                ent.aliases.append(name)  # "中华人民共和国商务部" of "商务部"
            by_core.append((core, state, ent))
            out.append(Mention(start, end, "ORG", text[start:end], ent.id))
        out.sort(key=lambda m: m.start)
        return out, list({id(e): e for e in made.values()}.values())

    @staticmethod
    def _zh_core(text: str, start: int, end: int, mentions: list[Mention]) -> str:
        """A Chinese body's name without the state written before it ("中华人民共和国商务部" ->
        "商务部", "哈萨克斯坦共和国贸易和一体化部" -> "贸易和一体化部"), so that both name one body."""
        state = next((m for m in mentions if m.type == "LOC" and m.start == start and m.end < end), None)
        core = text[state.end if state else start:end]
        for word in ("人民共和国", "共和国"):
            core = core.removeprefix(word)
        return normalize_key(core)

    def _place_like(self, word: str) -> bool:
        """An inflected form of a one-word place of the gazetteer ("Расіі" of "Расія"), which the
        surface matcher, exact outside the agglutinative languages, does not see."""
        key = normalize_key(word)
        for words, kind, _, _ in _index(self.language).get(key[:4], []):
            if kind == "organization" or len(words) != 1 or len(words[0]) < 4:
                continue
            w = words[0]
            if self.agglutinative:  # a case ending follows the whole name: "Таласка", never "Талант"
                if key.startswith(w) and len(key) - len(w) <= MAX_SUFFIX and _TURKIC_ENDING.fullmatch(key[len(w):]):
                    return True
            elif key[: len(w) - 1] == w[:-1] and -1 <= len(key) - len(w) <= 3:
                return True
        return False

    def _gazetteer(self, text: str) -> tuple[list[Mention], list[Entity]]:
        if self.language == "zh":
            return self._gazetteer_zh(text)
        index = _index(self.language)
        tokens = [(m.start(), m.end(), normalize_key(m.group())) for m in _TOKEN.finditer(text)]
        mentions: list[Mention] = []
        entities: dict[str, Entity] = {}
        i = 0
        while i < len(tokens):
            start, _, tok = tokens[i]
            hit = None
            if text[start].isupper():
                cands = index.get(tok[:4], [])
                if "-" in tok[1:]:  # "UN-a": a case ending after a hyphen
                    cands = cands + index.get(tok.split("-")[0][:4], [])
                caps = len(text[start:tokens[i][1]]) - len(text[start:tokens[i][1]].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІЎҲҶӢӮ"))
                if self.agglutinative and 2 <= caps <= 3 and len(tok) > caps:  # "ШҲТнинг": a short acronym, an ending
                    cands = cands + index.get(tok[:caps], [])
                for words, kind, entry, surface in cands:
                    n = len(words)
                    if i + n <= len(tokens) and (all(
                            _word_matches(tokens[i + k][2], w, k == n - 1, self.agglutinative, self.slavic)
                            for k, w in enumerate(words)) or self._acronym_case(text, tokens[i], words, surface)):
                        hit = (n, kind, entry, surface)
                        break
            if hit is None:
                i += 1
                continue
            n, kind, entry, surface = hit
            end = tokens[i + n - 1][1]
            name = _name_in(entry, kind, self.language, text[start:end])
            if kind != "organization" and " " not in surface and not surface.isupper() and surface[:1].isupper():
                name = surface  # "Афганистан" where the language also says "Ооганстан": as the text names it
            ent = _gazetteer_entity(entities, kind, entry, name)
            mentions.append(Mention(start, end, ent.type, text[start:end], ent.id))
            if kind == "organization":
                inner = self._places_inside(text, tokens[i:i + n], entities, entry)
                mentions += [Mention(a, b, "ORG", text[a:b], e.id) for a, b, e in inner]
            i += n
        mentions += self._named_cities(text, mentions, entities)
        return sorted(mentions, key=lambda m: m.start), list(entities.values())

    def _acronym_case(self, text: str, token, words: list[str], surface: str) -> bool:
        """A short acronym with a Turkic case ending written on ("ШҲТнинг", "ТМДға"): as written, in capitals."""
        start, end, key = token
        rest = text[start + len(surface):end]
        return self.agglutinative and len(words) == 1 and surface.isupper() and len(surface) <= 3 \
            and text.startswith(surface, start) and rest.islower() and key.startswith(words[0]) \
            and _TURKIC_ENDING.fullmatch(key[len(words[0]):]) is not None

    def _named_cities(self, text: str, mentions: list[Mention], entities: dict[str, Entity]) -> list[Mention]:
        """A city the gazetteer does not hold, named beside the word for 'city' ("Қабала қаласында",
        "шаҳри Боку"): one capitalized word, as written, since the case ending is on the city word."""
        lex = load_json("places_regional.json").get(self.language) or {}
        if not lex.get("city_word"):
            return []
        word = re.compile(lex["city_word"])
        first = bool(lex.get("city_word_first"))
        toks = list(_TOKEN.finditer(text))
        taken = [(m.start, m.end) for m in mentions]
        out = []
        for k, t in enumerate(toks):
            if not word.fullmatch(t.group().casefold()):
                continue
            q = k + 1 if first else k - 1
            if not 0 <= q < len(toks):
                continue
            name = toks[q]
            a, b = sorted((t, name), key=lambda m: m.start())
            if text[a.end():b.start()] != " " or not name.group()[:1].isupper() or len(name.group()) < 3 \
                    or name.group().isupper() or any(x < name.end() and name.start() < y for x, y in taken):
                continue
            ent = entities.get(f"city:{name.group()}")
            if ent is None:
                ent = Entity(id=f"l{len(entities) + 1}", type="LOC", name=name.group(), kind="city")
                entities[f"city:{name.group()}"] = ent
            out.append(Mention(name.start(), name.end(), "LOC", name.group(), ent.id))
        return out

    def _places_inside(self, text: str, tokens: list, entities: dict[str, Entity],
                       body: dict | None = None) -> list[tuple[int, int, Entity]]:
        """A country or city named by a noun inside a body's name ("Shanxay hamkorlik tashkiloti") is
        a place of the text too, and so is the body's parent named inside it ("Еуразиялық экономикалық
        комиссия" of "Еуразиялық экономикалық комиссия алқасы"): the parent's mention (start, end,
        entity) is returned; a place gets none (the body's mention stays the only one there)."""
        index = _index(self.language)
        parents = _ancestors(body) if body else set()
        inner: list[tuple[int, int, Entity]] = []
        for k, (start, _, tok) in enumerate(tokens):
            if not text[start].isupper():
                continue
            for words, kind, entry, _ in index.get(tok[:4], []):
                n = len(words)
                if (kind != "organization" or entry.get("id") in parents) and k + n <= len(tokens) and all(
                        _word_matches(tokens[k + q][2], w, q == n - 1, self.agglutinative, self.slavic)
                        for q, w in enumerate(words)):
                    end = tokens[k + n - 1][1]
                    ent = _gazetteer_entity(entities, kind, entry, _name_in(entry, kind, self.language, text[start:end]))
                    if kind == "organization":
                        inner.append((start, end, ent))
                    break
        return inner

    def _gazetteer_zh(self, text: str) -> tuple[list[Mention], list[Entity]]:
        """Chinese has no spaces: every gazetteer name is looked for as a substring, longest first."""
        gaz = Gazetteer.load()
        index = _zh_index()
        mentions: list[Mention] = []
        entities: dict[str, Entity] = {}
        i = 0
        while i < len(text):
            hit = next(((sf, kind, e) for sf, kind, e in index.get(text[i], []) if text.startswith(sf, i)), None)
            if hit is None:
                i += 1
                continue
            surface, kind, entry = hit
            name = (entry.get("name", {}).get("zh") or surface) if kind == "organization" else gaz.place_name(entry, "zh")
            ent = _gazetteer_entity(entities, kind, entry, name)
            mentions.append(Mention(i, i + len(surface), ent.type, surface, ent.id))
            i += len(surface)
        return mentions, list(entities.values())


def _published(a: Analysis) -> None:
    """The dateline's date (regional_dates), else what the Russian reader finds."""
    if a.published is None and regional_dates.supports(a.language):
        found = regional_dates.find_published(a.text, a.language)
        a.published = found[0] if found else None
    if a.published is None:
        a.published = published_from_text(a.text, "ru")


def _gazetteer(a: Analysis) -> None:
    a.mentions, a.entities = shared(RegionalNames, a.language)._gazetteer(a.text)


def _dates(a: Analysis) -> None:
    a.dates = regional_dates.find_dates(a.text, a.published, a.language)


def _persons(a: Analysis) -> None:
    """Persons and their titles (regional_persons), kept off the bodies and dates found before."""
    names = shared(RegionalNames, a.language)
    bodies = [(s, e) for s, e, _ in regional_orgs.find_organizations(a.text, a.language, a.mentions)]
    persons, people = regional_persons.find_persons(
        a.text, a.language, a.mentions, a.entities, place_like=names._place_like,
        blocked=[(d.start, d.end) for d in a.dates], bodies=bodies)
    a.mentions = a.mentions + persons
    a.entities = people + a.entities


def _date_mentions(a: Analysis) -> None:
    a.mentions = a.mentions + [Mention(d.start, d.end, "DATE", d.text) for d in a.dates]


def _bodies(a: Analysis) -> None:
    org_mentions, bodies = shared(RegionalNames, a.language)._bodies(a.text, a.mentions, a.entities)
    a.mentions = a.mentions + org_mentions
    a.entities = a.entities + bodies


def _in_order(a: Analysis) -> None:
    a.mentions = sorted(a.mentions, key=lambda m: (m.start, -m.end))


def _acronyms(a: Analysis) -> None:
    """A body's acronym in brackets names it later (regional_acronyms); the head of state named by his
    office alone is the release's president (regional_coref.head_of_state)."""
    a.mentions, a.entities = regional_acronyms.link_acronyms(a.text, a.mentions, a.entities)
    a.mentions = sorted(a.mentions + regional_coref.head_of_state(a.text, a.language, a.mentions, a.entities),
                        key=lambda m: (m.start, -m.end))
    a.mentions = sorted(a.mentions + regional_coref.title_alone(a.text, a.language, a.mentions, a.entities),
                        key=lambda m: (m.start, -m.end))


def _documents(a: Analysis) -> None:
    """The documents named (regional_agreements.candidates), which the events step reads."""
    a.extra["documents"] = regional_agreements.candidates(a.text, a.language, a.mentions)


def _events(a: Analysis) -> None:
    docs = a.extra["documents"]
    a.events = shared(regional_events.RegionalEvents, a.language)(
        a.text, a.mentions, a.entities, a.dates, a.published, regional_agreements.first_heads(docs),
        {c.head for c in docs})


def _title_bodies(a: Analysis) -> None:
    """A body named only in a participant's title, an event's quoted name or as the news's source is no
    participant (regional_coref.drop_title_bodies)."""
    regional_coref.drop_title_bodies(a.text, a.language, a.events, a.mentions, {e.id: e for e in a.entities})


def _subjects(a: Analysis) -> None:
    """Who a pronoun, "the two ministers" or "taking part in it" points at, and who only tells of an
    event (not a participant of it)."""
    regional_coref.pronoun_subject(a.text, a.language, a.events, a.mentions, {e.id: e for e in a.entities})
    _pronoun_subjects(a.text, a.events, a.mentions, a.entities, a.language)
    _title_subjects(a.text, a.events, a.mentions, a.entities, a.language)
    _pair_subjects(a.text, a.events, a.mentions, a.entities, a.language)
    _taking_part_in_it(a.text, a.events, a.mentions, a.entities, a.language)
    _tellers(a.text, a.events, a.mentions, a.language)


def _agreements(a: Analysis) -> None:
    a.agreements = regional_agreements.assemble(a.text, a.extra["documents"], a.events, a.mentions, a.entities)


STEPS = [
    Step("language", steps.language),
    Step("published", _published),
    Step("gazetteer", _gazetteer, states=("gazetteer-places", "gazetteer-organizations")),
    Step("dates", _dates, supports=regional_dates.supports),
    Step("persons", _persons, states=("persons-patterns", "roles-patterns"), supports=regional_persons.supports),
    Step("date-mentions", _date_mentions, states=()),
    Step("organizations-heads", _bodies, supports=regional_orgs.supports),
    Step("in-order", _in_order, states=()),
    Step("acronyms", _acronyms, states=()),
    Step("documents", _documents, states=()),
    Step("events", _events, supports=regional_events.supports),
    Step("participants", steps.participants, states=()),
    Step("title-bodies", _title_bodies, states=()),
    Step("subjects", _subjects, states=()),
    Step("agreements", _agreements, supports=regional_agreements.supports),
]
SKIPPED = ["ner", "topics"]  # no step of these here


class RegionalPipeline(Pipeline):
    """A regional language's steps on the core Pipeline (pipeline.pipeline_for(language) is the one a
    process shares)."""

    def __init__(self, language: str):
        super().__init__(language, STEPS, SKIPPED)


def steps_for(language: str) -> tuple[list[str], list[str]]:
    """(steps run, steps skipped) for a language: what its Record states."""
    pipe = RegionalPipeline(language)
    return pipe.stated, pipe.skipped


@functools.cache
def _bodies_by_id() -> dict:
    """The gazetteer's bodies by id, made once."""
    return {o.get("id"): o for o in Gazetteer.load().organizations}


def _ancestors(entry: dict) -> set[str]:
    """The ids of the bodies a gazetteer body belongs to: its parent, the parent's parent ..."""
    by_id = _bodies_by_id()
    out: set[str] = set()
    while (pid := entry.get("parent")) and pid not in out and pid in by_id:
        out.add(pid)
        entry = by_id[pid]
    return out


def _spelled_out(name: str, bodies) -> Entity | None:
    """The body a name with an acronym before its head names in full ("АКТ вазирлиги" of "Ахборот
    технологиялари ва коммуникацияларини ривожлантириш вазирлиги"): the first with the same head whose
    words begin with the acronym's letters."""
    words = name.split()
    acr = next((w for w in words[:-1] if 2 <= len(w) <= 5 and w.isupper() and w.isalpha()), None)
    if acr is None:
        return None
    for body in bodies:
        other = body.name.split()
        initials = [w[0].casefold() for w in other[:-1] if len(w) > 2]
        if other[-1].casefold() == words[-1].casefold() and len(other) > len(words) \
                and all(initials.count(ch) >= acr.casefold().count(ch) for ch in set(acr.casefold())):
            return body
    return None


@functools.cache
def _pronouns(lang: str) -> re.Pattern | None:
    lex = load_json("events_regional.json").get(lang) or {}
    words = "|".join(map(re.escape, lex.get("pronouns", [])))
    if not words:
        return None
    if lang == "zh":
        before, after = lex.get("not_pronoun_before", ""), lex.get("not_pronoun_after", "")
        return re.compile(rf"(?<![{re.escape(before) or '^'}])(?:{words})(?![{re.escape(after) or '^'}])")
    return re.compile(rf"(?i)(?<![\w-])(?:{words})(?![\w-])")


def _pronoun_subjects(text: str, events, mentions: list[Mention], entities: list[Entity], lang: str) -> None:
    """An event whose sentence names no person and has 'he' or 'she' before its trigger ("访问期间，他还将
    出席论坛", "Ён таксама наведае ..."): the last person named before takes part."""
    rx = _pronouns(lang)
    if rx is None:
        return
    people = {e.id for e in entities if e.type == "PER"}
    named = [m for m in mentions if m.type == "PER" and m.entity in people]
    for ev in events:
        s, e = ev.evidence.start, ev.evidence.end
        at = text.find(ev.trigger, s, e) if ev.trigger else -1
        he = rx.search(text, s, at if at >= 0 else e)
        if he is None or any(s <= m.start < he.start() for m in named):
            continue
        # the persons named after 'he' are whom he met ("Ён правёў перамовы з ..."), not the subject
        last = max((m for m in named if m.end <= s), key=lambda m: m.start, default=None)
        if last is not None and (not any(p.entity in people for p in ev.participants)
                                 or not any(s <= m.start < e and m.entity == last.entity for m in named)) \
                and all(p.entity != last.entity for p in ev.participants):
            ev.participants.insert(0, Participant(last.entity))


@functools.cache
def _title_heads(lang: str) -> frozenset[str]:
    lex = load_json("titles_regional.json").get(lang) or {}
    return frozenset(normalize_key(h) for h in [*lex.get("heads", []), *(lex.get("oblique_heads") or {})]
                     if isinstance(h, str))


def _title_subjects(text: str, events, mentions: list[Mention], entities: list[Entity], lang: str) -> None:
    """'Ministarka će početkom juna boraviti u Bakuu', 'Эртең Төрага Стамбулга барып ...': a title word with
    no name, before the trigger of a sentence that names no person before it, is the last person named
    before with that title."""
    heads = _title_heads(lang)
    if not heads:  # none in Chinese
        return
    named = sorted((m for m in mentions if m.type == "PER" and m.entity), key=lambda m: m.start)
    people = {e.id: e for e in entities if e.type == "PER"}
    for ev in events:
        s, e = ev.evidence.start, ev.evidence.end
        at = text.find(ev.trigger, s, e) if ev.trigger else -1
        if at < 0 or ev.type == "SIGNING" or any(s <= m.start < at for m in named) \
                or any(p.entity in people for p in ev.participants):
            continue
        words = [(w.start() + s, normalize_key(w.group())) for w in regional_persons.WORD_TOKEN.finditer(text[s:at])]
        titles = [(pos, k) for pos, k in words if k in heads]
        # one title word only: "Министар је амбасадора позвао да ... посети" is the ambassador's visit
        title = titles[0][1] if len(titles) == 1 and text[titles[0][0]:titles[0][0] + 1].isupper() else None
        if title is None:
            continue
        who = [m.entity for m in named if m.end <= s and m.entity in people and any(
            w.startswith(title) for r in people[m.entity].roles for w in normalize_key(r.title).split())]
        if who:
            ev.participants.insert(0, Participant(who[-1]))


def _pair_subjects(text: str, events, mentions: list[Mention], entities: list[Entity], lang: str) -> None:
    """'The two presidents signed ...' ('два председника потписала су', '两国外长签署了'), or a signing
    by 'the parties' ('тараптар ... қол қойды'): the persons of the last event told with two or more take
    part, not the states or bodies the sentence names."""
    lex = load_json("events_regional.json").get(lang) or {}
    pairs, parties = lex.get("pair_subjects") or [], lex.get("signing_subjects") or []
    people = {e.id for e in entities if e.type == "PER"}
    for k, ev in enumerate(events):
        s, e = ev.evidence.start, ev.evidence.end
        low = text[s:e].casefold()
        phrases = pairs + parties if ev.type == "SIGNING" else pairs
        orgs = [(m.start - s, m.end - s) for m in mentions if m.type == "ORG" and s <= m.start < e]
        hits = (h for p in phrases  # not inside a body's name ("Vazirlar Mahkamasi", the cabinet)
                for h in re.finditer(rf"(?<!\w){re.escape(p)}(?!\w)" if lang != "zh" else re.escape(p), low))
        if not any(not any(a <= h.start() < b for a, b in orgs) for h in hits) \
                or any(m.type == "PER" and s <= m.start < e for m in mentions):
            continue
        before = [x for x in events[:k] if x.evidence.start < s and sum(p.entity in people for p in x.participants) >= 2]
        if before:
            ev.participants = [Participant(p.entity) for p in before[-1].participants if p.entity in people]


def _taking_part_in_it(text: str, events, mentions: list[Mention], entities: list[Entity], lang: str) -> None:
    """'Сёлета ў ім удзельнічаюць кампаніі з Беларусі, Расіі, ...': a sentence of its own, no event in it,
    names who takes part in the last event told before it."""
    lex = load_json("events_regional.json").get(lang) or {}
    in_it, took = lex.get("in_it") or [], tuple(w for w in lex.get("took_part") or [] if not w.startswith("="))
    if not in_it or not events:
        return
    by_id = {e.id: e for e in entities}
    for s, e in regional_sentences.sentences(text):
        low = text[s:e].casefold()
        if any(ev.evidence.start <= s < ev.evidence.end for ev in events) or not any(
                re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in in_it) \
                or not any(w.startswith(took) for w in low.split()):
            continue
        last = max((ev for ev in events if ev.evidence.end <= s), key=lambda ev: ev.evidence.start, default=None)
        for m in mentions if last is not None else ():
            ent = by_id.get(m.entity) if m.entity else None
            if s <= m.start < e and ent is not None and (ent.type != "LOC" or ent.kind == "country") \
                    and all(p.entity != ent.id for p in last.participants):
                last.participants.append(Participant(ent.id))


@functools.cache
def _said(lang: str) -> re.Pattern | None:
    """The language's 'said' words and the comma after them, compiled once."""
    said = (load_json("events_regional.json").get(lang) or {}).get("said") or []
    return re.compile("(?:" + "|".join(map(re.escape, said)) + ")[，,:：]") if said else None


def _tellers(text: str, events, mentions: list[Mention], lang: str) -> None:
    """'王毅指出，去年6月，两国元首……签署……': the person who says it tells of the event, not in it."""
    rx = _said(lang)
    if rx is None:
        return
    for ev in events:
        s, e = ev.evidence.start, ev.evidence.end
        at = text.find(ev.trigger, s, e) if ev.trigger else -1
        for m in (m for m in mentions if m.type == "PER" and s <= m.start < e and m.entity):
            verb = rx.match(text, m.end)
            if verb and verb.end() <= at and not any(x.entity == m.entity and verb.end() <= x.start < e for x in mentions):
                ev.participants = [p for p in ev.participants if p.entity != m.entity]


def _short_of(name: str, bodies) -> Entity | None:
    """The known body a name repeats without the acronym of the organization it belongs to ("Савет
    кіраўнікоў дзяржаў" of "Савет кіраўнікоў дзяржаў СНД"), or in Chinese, without its first characters."""
    if re.fullmatch(r"[\u4e00-\u9fff]{4,}", name):  # "元首理事会" of "上海合作组织成员国元首理事会"
        return next((b for b in bodies if b.name != name and b.name.endswith(name)), None)
    words = name.casefold().split()
    for body in bodies:
        other = body.name.split()
        rest = other[len(words):]
        if rest and [w.casefold() for w in other[:len(words)]] == words \
                and all(w.isupper() and w.isalpha() for w in rest):
            return body
    return None


def _gazetteer_entity(entities: dict[str, Entity], kind: str, entry: dict, name: str) -> Entity:
    """The document's entity for a gazetteer entry (a body, or a place under its name), made at its
    first mention: ids o1, o2 ... for bodies and l1, l2 ... for places, in order of appearance."""
    if kind == "organization":
        key, type_, iso = f"org:{entry.get('id')}", "ORG", None
    else:
        iso = entry.get("iso2") if kind == "country" else entry.get("country")
        key, type_ = f"{kind}:{name}", "LOC"
    ent = entities.get(key)
    if ent is None and type_ == "LOC" and entry.get("id"):  # "Нур-Султан" after "Астана": one city, two names
        ent = next((e for e in entities.values() if e.type == "LOC" and e.gazetteer_id == entry["id"]), None)
        if ent is not None and name not in ent.aliases:
            ent.aliases.append(name)
    if ent is None:
        prefix = "o" if type_ == "ORG" else "l"
        ent = Entity(id=f"{prefix}{len(entities) + 1}", type=type_, name=name, kind=kind, iso=iso,
                     gazetteer_id=entry.get("id"))
        entities[key] = ent
    return ent
