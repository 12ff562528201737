"""Entity resolution: which document-level entities are one person, organization or place.

Each document-level entity becomes a *profile*: plain sets of comparable features (a JSON-ready
dict of lists). A kb entity's profile is the union of its members' profiles, so a new mention is
scored against one profile per candidate, never against every mention.

- Persons: the name is parsed into first name, patronymic, surname and initials ("М.И. Шадаев",
  "Шадаев М.И.", "Максут Шадаев", "Shadaev Maksut"); every part is compared by its transliteration key
  (translit.key), so Cyrillic and each Latin system meet. The surname must agree (or differ only by
  the Russian feminine/genitive "-а" when one side has no first name); first names, initials and
  patronymics must not disagree; the countries of their titles must not disagree; a shared
  organization or title adds weight.
- Organizations: a gazetteer id (an international body in any language: "ШОС", "SCO",
  "Shanghai Cooperation Organisation"), the lemmatized full name, an acronym and the full name it
  abbreviates ("ФАС" ~ "Федеральная антимонопольная служба"), a ministry short form ("Минцифры
  России"), or a transliterated one-word name ("Казахтелеком" ~ "Kazakhtelecom"); their countries must
  not disagree.
- Places: ISO 3166 codes for countries; gazetteer ids for cities, else the transliterated name
  within one country ("Карамай" ~ "Karamay").

`score(a, b)` returns a Match: a score in [0, 1], the reasons for it and the conflicts that forbid
it, in words, so that every merge can be explained. Blocking keys (`blocking_keys`) are what the
knowledge base indexes to find candidates without scanning documents.

Every rule here is general: none knows a particular name or text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import translit
from .bodies import body_key, portfolio_key, title_head

THRESHOLD = 0.6
BRIDGE = 0.75  # a mention that scores this with two kb entities may join them

_INITIAL = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё]?\.$|^[A-ZА-ЯЁ]$")
_RU_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична)$", re.I)
_LAT_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ovna|evna|ichna)$", re.I)
_PATRONYMIC_PARTICLES = {"оглы", "кызы", "улы", "уулу", "ogly", "ogli", "kyzy", "qizi", "uly", "uulu"}
_SURNAME_END = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ской|ова|ева|ёва|ина|ына|ская|цкая|енко|ук|юк|дзе|швили|ян|янц|ли|"
    r"ov|ev|yov|in|yn|sky|skiy|skii|ova|eva|ina|yna|skaya|enko|uk|yuk|dze|shvili|yan)$", re.I)
_RU_FEMININE = re.compile(r"(ов|ев|ёв|ин|ын)а$")
_LAT_FEMININE = re.compile(r"(ov|ev|yev|in|yn)a$")
_ACRONYM = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9&-]{1,9}$")
_FUNCTION_WORDS = {"и", "по", "в", "во", "на", "при", "для", "с", "со", "о", "об", "of", "and", "the", "for",
                   "on", "in", "at", "to", "de", "a", "an"}
_WORD = re.compile(r"[\w-]+")

COUNTRY_KINDS = {"country"}

@dataclass
class PersonName:
    first: str | None = None
    patronymic: str | None = None
    surname: str | None = None
    first_initial: str | None = None
    patronymic_initial: str | None = None

    @property
    def full(self) -> bool:
        return bool(self.first and self.surname)


def _tokens(name: str) -> list[str]:
    # "И.А.Веденеев" / "И.А. Веденеев" → ["И.", "А.", "Веденеев"]
    name = re.sub(r"\b([A-ZА-ЯЁ][a-zа-яё]?\.)(?=\S)", r"\1 ", name.strip())
    return [t for t in name.replace(",", " ").split() if t]


def _is_initial(tok: str) -> bool:
    return bool(_INITIAL.match(tok))


def _is_patronymic(tok: str) -> bool:
    return bool(_RU_PATRONYMIC.search(tok) or _LAT_PATRONYMIC.search(tok))


def _looks_surname(tok: str) -> bool:
    return bool(_SURNAME_END.search(tok)) or (tok.isupper() and len(tok) > 2)


def parse_person(name: str) -> PersonName:
    """Split a person's name into its parts, whatever the order the text used."""
    toks = [t for t in _tokens(name) if t.lower() not in _PATRONYMIC_PARTICLES]
    if not toks:
        return PersonName()
    initials = [t for t in toks if _is_initial(t)]
    words = [t for t in toks if not _is_initial(t)]
    p = PersonName()
    if initials and words:
        p.surname = words[-1] if toks.index(words[-1]) > toks.index(initials[-1]) else words[0]
        rest = [w for w in words if w is not p.surname]
        if rest:  # "Максут И. Шадаев"
            p.first = rest[0]
            p.patronymic_initial = translit.initial(initials[0])
        else:
            p.first_initial = translit.initial(initials[0])
            if len(initials) > 1:
                p.patronymic_initial = translit.initial(initials[1])
        return p
    if not words:
        return p
    if len(words) == 1:
        p.surname = words[0]
        return p
    if len(words) >= 3:
        if _is_patronymic(words[1]):
            p.first, p.patronymic, p.surname = words[0], words[1], " ".join(words[2:])
        elif _is_patronymic(words[-1]):
            p.surname, p.first, p.patronymic = words[0], words[1], words[-1]
        else:
            p.first, p.surname = words[0], words[-1]
        return p
    a, b = words
    if (_looks_surname(a) and not _looks_surname(b)) or (a.isupper() and len(a) > 2 and not b.isupper()):
        p.surname, p.first = a, b
    else:
        p.first, p.surname = a, b
    return p


# -- normalized names --------------------------------------------------------------------------------

@functools.lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """A name's lemmatized lookup form: casefolded, ё → е, quotes dropped, every Russian word in its
    dictionary form ("Министерства энергетики" and "Министерство энергетики" meet)."""
    from communique.store.fulltext import lemma

    from ..extract.gazetteer import normalize_key

    return " ".join(lemma(w) for w in _WORD.findall(normalize_key(name)))


def surface_key(name: str) -> str:
    """A name as written, only casefolded and with spacing and dots unified (for finding members)."""
    from ..extract.gazetteer import normalize_key

    return normalize_key(name)


def acronym_of(name: str) -> str | None:
    """The initials of a multi-word name's content words ("Шанхайская организация сотрудничества"
    → "шос"), or None for a short name."""
    words = [w for w in _WORD.findall(name) if w.lower() not in _FUNCTION_WORDS]
    if len(words) < 2:
        return None
    letters = []
    for w in words:
        for part in w.split("-"):
            if part:
                letters.append(part[0])
    return "".join(letters).casefold() if 2 <= len(letters) <= 10 else None


def is_title_name(name: str) -> bool:
    """Whether an organization's name starts with a person's title ("Министр финансов …"): a title
    read as a body, which merges with the body but never names it."""
    words = _WORD.findall(name.casefold())
    return bool(words) and title_head(words[0]) is not None


def _is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name.strip()))


@functools.cache
def _gazetteer():
    from ..extract.gazetteer import Gazetteer

    return Gazetteer.load()


def country_iso(value: str) -> str | None:
    """The ISO 3166 alpha-2 code a country is given by: the code itself, or a name in any language the
    gazetteer knows; None when it names no country."""
    value = (value or "").strip()
    if len(value) == 2 and value.isalpha():
        return value.upper()
    entry = _gazetteer().country(value) if value else None
    return entry["iso2"] if entry else None


# -- profiles ---------------------------------------------------------------------------------------

@dataclass
class Context:
    """What a document says around an entity: its language and date, the kb ids of the
    document's organizations, and the countries named inside each organization's name."""

    language: str | None = None
    published: str | None = None
    kb_of: dict[str, str] = field(default_factory=dict)  # document entity id → kb entity id
    org_countries: dict[str, set[str]] = field(default_factory=dict)  # document org id → ISO codes
    # document org id → the countries named inside its mentions: surface form → ISO code
    org_places: dict[str, dict[str, str]] = field(default_factory=dict)


def _add(profile: dict, name: str, *values) -> None:
    bucket = profile.setdefault(name, [])
    for v in values:
        if v and v not in bucket:
            bucket.append(v)


def person_profile(name: str, aliases: list[str], roles: list, ctx: Context) -> dict:
    prof: dict = {"t": "PER"}
    for n in [name, *aliases]:
        p = parse_person(n)
        if not p.surname:
            continue
        sur = translit.key(p.surname)
        _add(prof, "sur", sur)
        if not p.first and not p.first_initial:
            _add(prof, "alt", *_feminine_stems(p.surname))
        if p.first:
            _add(prof, "first", translit.key(p.first))
            _add(prof, "fi", translit.initial(p.first))
        if p.first_initial:
            _add(prof, "fi", p.first_initial)
        if p.patronymic:
            _add(prof, "pat", translit.key(p.patronymic))
            _add(prof, "pi", translit.initial(p.patronymic))
        if p.patronymic_initial:
            _add(prof, "pi", p.patronymic_initial)
    if prof.get("first") or prof.get("fi"):
        prof.pop("alt", None)
    for r in roles:
        if r.country:
            _add(prof, "countries", r.country)
        if r.organization and r.organization in ctx.kb_of:
            _add(prof, "orgs", ctx.kb_of[r.organization])
        if r.title:
            _add(prof, "titles", name_key(r.title))
    return prof


def _feminine_stems(surname: str) -> list[str]:
    """"Кожевникова" may be the genitive of "Кожевников" (or a woman's name): its other reading."""
    out = []
    if _RU_FEMININE.search(surname.lower()) or _LAT_FEMININE.search(surname.lower()):
        out.append(translit.key(surname[:-1]))
    return out


def organization_profile(name: str, aliases: list[str], gazetteer_id: str | None, ctx: Context,
                         countries: set[str] | None = None, places: dict[str, str] | None = None) -> dict:
    prof: dict = {"t": "ORG"}
    gz = _gazetteer()
    if gazetteer_id:
        _add(prof, "gz", gazetteer_id)
    for n in [name, *aliases]:
        if not n:
            continue
        entry = gz.organization(n)
        if entry is not None:
            _add(prof, "gz", entry["id"])
        _add(prof, "nk", name_key(n))
        words = n.split()
        short = gz.ministry_short_form(words[0]) if words else None
        if short is not None:  # "Минцифры России" → the full name of that ministry
            iso = None
            if len(words) > 1:
                c = gz.country(" ".join(words[1:])) or gz.country(name_key(" ".join(words[1:])))
                iso = c["iso2"] if c else None
            full = gz.expand_ministry(words[0], iso or short.get("country"))
            if full:
                _add(prof, "nk", name_key(full))
            if iso or short.get("country"):
                _add(prof, "countries", iso or short.get("country"))
        if _is_acronym(n):
            _add(prof, "acr", n.casefold())
        elif acr := acronym_of(n):
            _add(prof, "acrf", acr)
        if len(_WORD.findall(n)) == 1 and not _is_acronym(n):
            _add(prof, "tk", translit.key(n))
    for c in sorted(countries or ()):
        _add(prof, "countries", c)
    if len(prof.get("countries", [])) == 1:
        for n in [name, *aliases]:
            if n and (pk := portfolio_key(_WORD.findall(name_key(n)), prof["countries"][0])):
                _add(prof, "pk", pk)
    # one body in any language (bodies.py), when all its names give one country
    one = prof["countries"][0] if len(prof.get("countries", [])) == 1 else None
    keys = {k for n in [name, *aliases] if n and (k := body_key(n, places, one))}
    if len({k.split(":", 1)[0] for k in keys}) == 1:
        _add(prof, "bk", *sorted(keys))
    return prof


def place_profile(name: str, aliases: list[str], kind: str | None, iso: str | None,
                  gazetteer_id: str | None) -> dict:
    prof: dict = {"t": "LOC"}
    gz = _gazetteer()
    kind = kind or "place"
    _add(prof, "kind", "country" if kind in COUNTRY_KINDS else kind)
    if iso:
        _add(prof, "iso", iso.upper())
    if kind in COUNTRY_KINDS:
        if not iso:
            for n in [name, *aliases]:
                c = gz.country(n)
                if c:
                    _add(prof, "iso", c["iso2"])
        return prof
    if gazetteer_id:
        _add(prof, "gz", gazetteer_id)
    for n in [name, *aliases]:
        if not n:
            continue
        city = gz.city(n)
        if city is not None and (not iso or city.get("country") == iso.upper()):
            _add(prof, "gz", city["id"])
            _add(prof, "iso", city.get("country"))
        _add(prof, "nk", name_key(n))
        _add(prof, "tk", translit.key(n))
    return prof


def merge_profiles(a: dict, b: dict) -> dict:
    out = {"t": a.get("t") or b.get("t")}
    for k in set(a) | set(b):
        if k == "t":
            continue
        if k == "names":
            names = dict(b.get("names") or {})
            names.update(a.get("names") or {})
            out["names"] = names
            continue
        merged = list(a.get(k) or [])
        for v in b.get(k) or []:
            if v not in merged:
                merged.append(v)
        out[k] = merged
    if out.get("first") or out.get("fi"):
        out.pop("alt", None)
    return out


# -- blocking ----------------------------------------------------------------------------------------

def blocking_keys(prof: dict) -> list[str]:
    """The keys a kb entity is indexed under."""
    t = prof.get("t")
    keys: list[str] = []
    if t == "PER":
        keys += [f"p:{s}" for s in prof.get("sur", [])]
    elif t == "ORG":
        keys += [f"og:{g}" for g in prof.get("gz", [])]
        keys += [f"on:{n}" for n in prof.get("nk", [])]
        keys += [f"oa:{a}" for a in prof.get("acr", []) + prof.get("acrf", [])]
        keys += [f"ot:{k}" for k in prof.get("tk", [])]
        keys += [f"op:{k}" for k in prof.get("pk", [])]
        keys += [f"ob:{k}" for k in prof.get("bk", [])]
    elif t == "LOC":
        if "country" in prof.get("kind", []):
            keys += [f"lc:{i}" for i in prof.get("iso", [])]
        else:
            keys += [f"lg:{g}" for g in prof.get("gz", [])]
            isos = prof.get("iso") or ["?"]
            keys += [f"ln:{i}:{n}" for i in isos for n in prof.get("nk", [])]
            keys += [f"lt:{i}:{k}" for i in isos for k in prof.get("tk", [])]
    return list(dict.fromkeys(k[:500] for k in keys))


def query_keys(prof: dict) -> list[str]:
    """The keys to look candidates up by: the blocking keys and, for a bare surname, its other reading."""
    keys = blocking_keys(prof)
    if prof.get("t") == "PER":
        keys += [f"p:{s}" for s in prof.get("alt", [])]
    return list(dict.fromkeys(keys))


# -- scoring -----------------------------------------------------------------------------------------

@dataclass
class Match:
    score: float
    reasons: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts and self.score >= THRESHOLD

    def to_dict(self) -> dict:
        return {"score": round(self.score, 3), "reasons": self.reasons, "conflicts": self.conflicts}


def _s(values) -> set:
    return set(values or [])


def _close(a: str, b: str) -> bool:
    """Keys one edit apart, for words long enough that one letter is a spelling variant."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _compare_initials(m, a: dict, b: dict, key: str, weight: float, label: str) -> None:
    """Where full names are missing on either side, the initials agree (evidence) or differ (a conflict)."""
    ai, bi = _s(a.get(key)), _s(b.get(key))
    if not (ai and bi):
        return
    if ai & bi:
        m.score += weight
        m.reasons.append(f"{label} '{_fmt(ai & bi).upper()}' agrees")
    else:
        m.conflicts.append(f"{label}s differ: {_fmt(ai).upper()} vs {_fmt(bi).upper()}")


def _fmt(values) -> str:
    return ", ".join(sorted(values))


def score(a: dict, b: dict) -> Match:
    """How well profile `a` matches profile `b` (a mention against a kb entity, or two kb entities)."""
    if a.get("t") != b.get("t"):
        return Match(0.0, conflicts=[f"types differ: {a.get('t')} vs {b.get('t')}"])
    return {"PER": _score_person, "ORG": _score_org, "LOC": _score_place}[a["t"]](a, b)


def _score_person(a: dict, b: dict) -> Match:
    m = Match(0.0)
    shared = _s(a.get("sur")) & _s(b.get("sur"))
    if shared:
        m.score += 0.5
        m.reasons.append(f"surname key '{_fmt(shared)}' agrees (across transliterations)")
    else:
        alt = (_s(a.get("alt")) & _s(b.get("sur"))) | (_s(b.get("alt")) & _s(a.get("sur")))
        near = [(x, y) for x in _s(a.get("sur")) for y in _s(b.get("sur")) if _close(x, y)]
        if alt:
            m.score += 0.35
            m.reasons.append(f"a bare surname read as another case of '{_fmt(alt)}'")
        elif near:
            m.score += 0.4
            m.reasons.append(f"surname keys one letter apart: {near[0][0]} / {near[0][1]}")
        else:
            m.conflicts.append(f"surnames differ: {_fmt(_s(a.get('sur')))} vs {_fmt(_s(b.get('sur')))}")
            return m
    af, bf = _s(a.get("first")), _s(b.get("first"))
    if af and bf:
        if af & bf:
            m.score += 0.3
            m.reasons.append(f"first name '{_fmt(af & bf)}' agrees")
        elif any(_close(x, y) for x in af for y in bf):
            m.score += 0.2
            m.reasons.append(f"first names one letter apart: {_fmt(af)} / {_fmt(bf)}")
        else:
            m.conflicts.append(f"first names differ: {_fmt(af)} vs {_fmt(bf)}")
    else:
        _compare_initials(m, a, b, "fi", 0.15, "first initial")
    ap, bp = _s(a.get("pat")), _s(b.get("pat"))
    if ap and bp:
        if ap & bp or any(_close(x, y) for x in ap for y in bp):
            m.score += 0.1
            m.reasons.append(f"patronymic '{_fmt(ap & bp or ap)}' agrees")
        else:
            m.conflicts.append(f"patronymics differ: {_fmt(ap)} vs {_fmt(bp)}")
    else:
        _compare_initials(m, a, b, "pi", 0.1, "patronymic initial")
    ac, bc = _s(a.get("countries")), _s(b.get("countries"))
    if ac and bc:
        if ac & bc:
            m.score += 0.1
            m.reasons.append(f"titles of the same country: {_fmt(ac & bc)}")
        else:
            m.conflicts.append(f"countries of their titles differ: {_fmt(ac)} vs {_fmt(bc)}")
    named = bool(af & bf) or any(_close(x, y) for x in af for y in bf) or bool(_s(a.get("fi")) & _s(b.get("fi")))
    at, bt = _s(a.get("titles")), _s(b.get("titles"))
    ao, bo = _s(a.get("orgs")), _s(b.get("orgs"))
    comparable = any(translit.is_cyrillic(x) == translit.is_cyrillic(y) for x in at for y in bt)
    if not named and comparable and not at & bt and not (ao & bo):
        # without first names to tell them apart, different posts mean different people
        m.conflicts.append("titles differ and no first name identifies them")
    if shared_orgs := _s(a.get("orgs")) & _s(b.get("orgs")):
        m.score += 0.2
        m.reasons.append(f"titles in the same organization ({_fmt(shared_orgs)})")
    if _s(a.get("titles")) & _s(b.get("titles")):
        m.score += 0.1
        m.reasons.append("the same title")
    m.score = min(m.score, 1.0)
    return m


def _score_org(a: dict, b: dict) -> Match:
    m = Match(0.0)
    ag, bg = _s(a.get("gz")), _s(b.get("gz"))
    if ag and bg:
        if ag & bg:
            m.score = 1.0
            m.reasons.append(f"the same organization of the gazetteer: {_fmt(ag & bg)}")
        else:
            m.conflicts.append(f"different organizations of the gazetteer: {_fmt(ag)} vs {_fmt(bg)}")
            return m
    if nk := _s(a.get("nk")) & _s(b.get("nk")):
        m.score = max(m.score, 0.9)
        m.reasons.append(f"the same name: '{sorted(nk)[0]}'")
    acr = (_s(a.get("acr")) & (_s(b.get("acr")) | _s(b.get("acrf")))) | \
          (_s(b.get("acr")) & (_s(a.get("acr")) | _s(a.get("acrf"))))
    if acr:
        m.score = max(m.score, 0.7)
        m.reasons.append(f"acronym '{_fmt(acr).upper()}' stands for the full name")
    if pk := _s(a.get("pk")) & _s(b.get("pk")):
        m.score = max(m.score, 0.85)
        m.reasons.append(f"one ministry in two languages or by its minister's title: '{_fmt(pk)}'")
    if bk := _s(a.get("bk")) & _s(b.get("bk")):
        m.score = max(m.score, 0.85)
        m.reasons.append(f"one body in several languages: '{_fmt(bk)}'")
    if tk := _s(a.get("tk")) & _s(b.get("tk")):
        m.score = max(m.score, 0.75)
        m.reasons.append(f"one name in two scripts (key '{_fmt(tk)}')")
    ac, bc = _s(a.get("countries")), _s(b.get("countries"))
    if ac and bc and not ac & bc:
        m.conflicts.append(f"countries differ: {_fmt(ac)} vs {_fmt(bc)}")
    if not m.reasons and not m.conflicts:
        m.conflicts.append("no name, acronym or gazetteer id in common")
    return m


def _score_place(a: dict, b: dict) -> Match:
    m = Match(0.0)
    ak, bk = _s(a.get("kind")), _s(b.get("kind"))
    a_country, b_country = "country" in ak, "country" in bk
    ai, bi = _s(a.get("iso")), _s(b.get("iso"))
    if a_country != b_country:
        m.conflicts.append("a country and a place inside one are not the same place")
        return m
    if ai and bi and not ai & bi:
        m.conflicts.append(f"ISO 3166 codes differ: {_fmt(ai)} vs {_fmt(bi)}")
        return m
    if a_country:
        if ai & bi:
            m.score = 1.0
            m.reasons.append(f"the same country, ISO 3166 {_fmt(ai & bi)}")
        else:
            m.conflicts.append("no ISO 3166 code in common")
        return m
    ag, bg = _s(a.get("gz")), _s(b.get("gz"))
    if ag and bg:
        if ag & bg:
            m.score = 1.0
            m.reasons.append(f"the same place of the gazetteer: {_fmt(ag & bg)}")
            return m
        m.conflicts.append(f"different places of the gazetteer: {_fmt(ag)} vs {_fmt(bg)}")
        return m
    if _s(a.get("nk")) & _s(b.get("nk")):
        m.score = 0.9
        m.reasons.append("the same name in the same country")
    elif tk := _s(a.get("tk")) & _s(b.get("tk")):
        m.score = 0.8
        m.reasons.append(f"one name in two scripts (key '{_fmt(tk)}') in the same country")
    else:
        m.conflicts.append("different names")
    return m


# -- display names -----------------------------------------------------------------------------------

def person_names(names: list[str]) -> dict[str, str]:
    """The canonical name of a person per script: the most complete written form, Russian ("ru")
    and Latin ("en"); a script never seen gets a transliteration (BGN/PCGN, simplified) of the other."""
    def rank(n: str) -> tuple:
        p = parse_person(n)
        return (bool(p.first), bool(p.patronymic) is False, bool(p.first_initial), len(n))

    out: dict[str, str] = {}
    cyr = [n for n in names if translit.is_cyrillic(n)]
    lat = [n for n in names if translit.is_latin(n)]
    if cyr:
        out["ru"] = max(cyr, key=rank)
    if lat:
        out["en"] = max(lat, key=rank)
    if "ru" in out and "en" not in out:
        out["en"] = translit.to_latin(_first_last(out["ru"]), "bgn", simple=True)
    elif "en" in out and "ru" not in out:
        out["ru"] = translit.to_cyrillic(_first_last(out["en"]))
    return out


def _first_last(name: str) -> str:
    p = parse_person(name)
    if p.first and p.surname:
        return f"{p.first} {p.surname}"
    return name


def place_names(prof: dict, names: list[str]) -> dict[str, str]:
    """The canonical name of a place per language, from the gazetteer where it knows the place."""
    gz = _gazetteer()
    entry = None
    if "country" in prof.get("kind", []) and prof.get("iso"):
        entry = gz.country_by_iso(prof["iso"][0])
    elif prof.get("gz"):
        entry = next((c for c in gz.cities if c.get("id") == prof["gz"][0]), None)
    if entry is not None:
        return {lang: n for lang, n in (entry.get("name") or {}).items() if n}
    return _by_script(names)


def organization_names(prof: dict, names: list[str]) -> dict[str, str]:
    gz = _gazetteer()
    if prof.get("gz"):
        entry = gz.organization_by_id(prof["gz"][0])
        if entry is not None:
            return {lang: n for lang, n in (entry.get("name") or {}).items() if n}
    full = [n for n in names if not _is_acronym(n)] or names
    full = [n for n in full if not is_title_name(n)] or full
    return _by_script(full)


def _by_script(names: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    for n in sorted(counts, key=lambda x: (-counts[x], -len(x))):
        lang = "ru" if translit.is_cyrillic(n) else "en"
        out.setdefault(lang, n)
    return out
