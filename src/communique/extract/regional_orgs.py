"""Government bodies named by their head noun in the region's other languages
(resources/organizations_regional.json): "… министрлігі", "… vazirligi", "Вазорати …",
"Ministarstvo …", "…部". International bodies come from the gazetteer (regional.py); this step
finds the national ones no gazetteer lists.

Head-final languages (Kazakh, Kyrgyz, Uzbek): the name is the words before the head, back to a
conjunction between names, a verb or time word, punctuation or a place in a local case, and it
starts with a capital ("Сыртқы істер министрлігі"); the head takes its nominative form. Head-first
languages: the head and its complements after it — genitive words in Belarusian and Serbian
("Ministarstvo spoljnih poslova"), each word's ezafe leading on to the next in Tajik ("Вазорати
маорифи Ҷумҳурии Тоҷикистон"). Chinese: the characters before a body suffix (部, 委员会, 局)
back to punctuation or a preposition, not a title word (部长)."""

from __future__ import annotations

import functools
import re

from ..model import Mention
from . import regional_cases
from .gazetteer import normalize_key
from .regional_persons import WORD_TOKEN
from .resources import load_json

_LEX = load_json("organizations_regional.json")
LANGUAGES = tuple(k for k in _LEX if not k.startswith("_"))
MAX_WORDS = 8  # words of a name besides its head
SHORT_STEM, MAX_ENDING = 5, 4  # a head stem this short takes an ending of at most MAX_ENDING letters


_ARTICLE = re.compile(r"(?:al|el|әл|ал|аль|ал)-[^\W\d_]", re.UNICODE)  # "әл-Фараби"


def supports(lang: str | None) -> bool:
    return lang in LANGUAGES


class _Lang:
    def __init__(self, lex: dict, code: str = "") -> None:
        self.order = lex.get("order", "head_first")
        self.heads = sorted(((normalize_key(h[0]), h[1]) for h in lex.get("heads", [])), key=lambda h: -len(h[0]))
        self.gender = {h[1].casefold(): h[2] for h in lex.get("heads", []) if len(h) > 2}  # "Биро" is masculine
        self.stop = {normalize_key(w) for w in lex.get("stop", [])}
        self.joiners = {normalize_key(w) for w in lex.get("joiners", [])}
        # the endings of the word before a joiner inside a name ("сувязі і інфарматызацыі", not "спраў і пасольства")
        self.joined_after = tuple(normalize_key(w) for w in lex.get("joined_after", []))
        self.ezafe = tuple(lex.get("ezafe", []))
        self.verb_endings = tuple(normalize_key(w) for w in lex.get("verb_endings", []))
        self.local_endings = tuple(normalize_key(w) for w in regional_cases.endings(
            code, "locative", "locative_possessive", "ablative", "ablative_possessive"))
        # the endings that put a place out of a body's name: local cases and the dative ("Тошкентда", "Бишкекке")
        self.place_endings = regional_cases.endings(code, "locative", "locative_possessive", "ablative",
                                                    "ablative_possessive", "dative")
        self.adjectives = tuple(sorted((normalize_key(w) for w in lex.get("adjectives", [])), key=len, reverse=True))
        self.adjective_nominative = lex.get("adjective_nominative", {})
        self.after_velar = lex.get("masculine_after_velar")
        self.linkers = {normalize_key(w) for w in lex.get("linkers", [])}
        self.attached = {normalize_key(w) for w in lex.get("attached", [])}
        self.acronyms: dict[str, str] = dict(lex.get("acronyms", {}))
        self.and_words = {normalize_key(w) for w in lex.get("and_words", [])}
        self.descriptors = tuple(normalize_key(w) for w in lex.get("descriptors", []))
        joined = "|".join(map(re.escape, lex.get("latin_and", [])))  # a second Latin name after 'and'
        self.latin_and = re.compile(rf"\s+(?:{joined})\s+[«“\"]?(?P<name>[A-Z][A-Za-z.&-]*(?: [A-Z][A-Za-z.&-]*){{0,3}})[»”\"]?") \
            if joined else None
        self.of_known = lex.get("of_known_body") or False  # True, or "full": only a body named in full
        # heads of an international body's name, which a longer name runs across ("… ұйымына мүше елдердің … кеңесі")
        self.inner = {normalize_key(w) for w in lex.get("inner_heads", [])}
        # "па супрацоўніцтве ў (гуманітарнай) сферы ...", "za saradnju u oblasti ...": the field of the
        # head's complement; and a compound joined by a dash ("дзяржаў – удзельніц ...", states parties)
        self.field_in = {normalize_key(w) for w in lex.get("field_in", [])}
        self.fields = tuple(normalize_key(w) for w in lex.get("fields", []))
        self.dashed = tuple(normalize_key(w) for w in lex.get("dashed", []))
        self.company_words = tuple(normalize_key(w) for w in lex.get("company_words", []))
        forms = "|".join(re.escape(f) for f in sorted(lex.get("legal_forms", []), key=len, reverse=True))
        words = "|".join(re.escape(f) for f in lex.get("legal_words", []))
        self.company = re.compile(  # "РУП «Белтэлекам»", "Привредно друштво „Експо 2027”"
            rf"(?:(?<![\w-])(?:{forms})|(?P<words>{words or '(?!)'}))\s+[«„“\"](?P<name>[^«»„“”\"\n]{{2,60}})[»”“\"]"
        ) if forms or words else None
        self.titles: set[str] = set()
        self.under: set[str] = set()
        self.states: set[str] = set()

    def stops_at(self, key: str, heads: bool = True) -> bool:
        """A word no name runs across: a stop word, a verb, a word in a local case, and (`heads`) the
        head of another body's name."""
        if key in self.stop or heads and self.order == "head_final" and (nom := self.head(key)) \
                and normalize_key(nom) not in self.inner:
            return True
        if len(key) >= 5 and key.endswith(self.verb_endings):
            return True
        return self.order == "head_final" and len(key) >= 6 and key.endswith(self.local_endings)

    def adjective(self, word: str, key: str, head_nom: str) -> str | None:
        """The word as an adjective agreeing with the head `head_nom`, in the nominative
        ("Привредне" -> "Привредна", "Беларускага" -> "Беларускі"); None when it does not end like one."""
        end = next((a for a in self.adjectives if key.endswith(a) and len(key) - len(a) >= 3), None)
        if end is None or not self.adjective_nominative or key[:len(key) - len(end)].endswith(("ij", "иј")):
            return None  # "Delegaciji": a noun in "-ija", no adjective
        low = head_nom.casefold()
        gender = self.gender.get(low) or ("n" if low.endswith(("ства", "цтва", "нне", "o", "о", "e", "е")) else
                                          "f" if low.endswith(("a", "а", "я", "ія", "ija")) else "m")
        stem = word[: len(word) - len(end)]
        forms = self.adjective_nominative.get(gender) or [""]
        ending = next((f for f in forms if _script_of(f) == _script_of(stem)), forms[0])
        if gender == "m" and self.after_velar and stem[-1:].casefold() in "кгх":
            ending = self.after_velar
        return stem + ending

    def head(self, key: str) -> str | None:
        """The nominative head a word is a form of. A short stem takes only a case ending after it
        ("қорының" of "қоры"), not any word it begins ("қорытындысы", a result)."""
        return next((nom for stem, nom in self.heads if key.startswith(stem)
                     and (len(stem) > SHORT_STEM or len(key) - len(stem) <= MAX_ENDING)), None)


def lexicon(code: str) -> _Lang:
    """The head nouns, stop words and endings of a language (shared with the event names)."""
    return _lang(code)


@functools.cache
def _lang(code: str) -> _Lang:
    lx = _Lang(_LEX[code], code)
    titles = load_json("titles_regional.json").get(code, {})
    lx.titles = {normalize_key(w) for w in titles.get("heads", [])}
    lx.under = {normalize_key(w) for w in titles.get("under", [])}
    lx.states = {normalize_key(w) for w in titles.get("state_words", [])}
    return lx


def find_organizations(text: str, lang: str, mentions: list[Mention],
                       names: dict[str, str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, nominative name) of each body named by a head noun, outside existing mentions;
    `names` gives the nominative name of each entity id, to tell a place in a local case
    ("Тошкентда") from one in the nominative ("Қырғызстан")."""
    if not supports(lang):
        return []
    if lang == "zh":
        found = _zh(text, {m.start for m in mentions if m.type == "LOC"})
    else:
        lx = _lang(lang)
        toks = [(m.start(), m.end(), m.group(), normalize_key(m.group())) for m in WORD_TOKEN.finditer(text)]
        found = _head_final(text, toks, lx, mentions, names or {}) if lx.order == "head_final" else _head_first(text, toks, lx, mentions)
        found += _acronyms(toks, lx) + _companies(text, lx)
        found += _latin_names(text, lx) + _company_named(text, toks, lx, mentions)
    taken = [(m.start, m.end) for m in mentions if m.type in {"ORG", "PER"}]
    orgs = [(m.start, m.end) for m in mentions if m.type == "ORG"]
    attached = _lang(lang).attached if lang != "zh" else set()

    def attached_to(f, a: int) -> bool:  # "камітэт … пры Калегіі Еўразійскай эканамічнай камісіі"
        return bool(attached) and bool(set(normalize_key(text[f[0]:a]).split()) & attached)

    inner = _lang(lang).inner if lang != "zh" else set()

    def known_body(f) -> bool:  # "ТМД ұйымы": a known body's name and the word 'organization'
        head = text[f[0]:f[1]].split()[-1]
        nom = _lang(lang).head(normalize_key(head)) if inner else None
        return nom is not None and normalize_key(nom) in inner \
            and any(a == f[0] and not text[b:f[1] - len(head)].strip() for a, b in orgs)

    of_known = lang != "zh" and _lang(lang).of_known  # "Шӯрои ... Созмони ҳамкории Шанхай": a body of a known one

    dashed = _lang(lang).dashed if lang != "zh" else ()

    def of_known_ok(f, a: int, b: int) -> bool:  # "Дэпартамент ... Выканаўчага камітэта СНД", "дзяржаў – удзельніц СНД"
        if of_known is True or not of_known:
            return bool(of_known)
        before = text[f[0]:a].split()
        return any(f[0] < x <= a and b <= y and " " in text[x:y].strip() for x, y in orgs) \
            or bool(dashed and before and normalize_key(before[-1]).startswith(dashed))

    def breadcrumb(f) -> bool:  # "Башкы бет / Басма сөз борбору / Жаңылыктар": the site's menu, no body of the news
        line = text[text.rfind("\n", 0, f[0]) + 1:(text.find("\n", f[1]) + 1 or len(text) + 1) - 1]
        return bool(re.search(r"\s[/»›|]\s", line))

    return [f for f in found if not breadcrumb(f) and not any(a <= f[0] and f[1] <= b for a, b in taken)
            and not any(f[0] < a < f[1] <= b and not attached_to(f, a) and not of_known_ok(f, a, b)
                        for a, b in orgs)  # nor one that ends in a known body (but a body of one named in full)
            and not known_body(f)]


def expansion(lang: str, name: str) -> str | None:
    """The full name an acronym found by find_organizations stands for ("КР ТИМ" -> "Тышкы иштер
    министрлиги"), or None."""
    if not supports(lang) or lang == "zh":
        return None
    return _lang(lang).acronyms.get(name.split()[-1]) if name else None


def _acronyms(toks, lx: _Lang) -> list[tuple[int, int, str]]:
    """A national body by its acronym, with a case ending or none ("ТИМинин", "СІМ-нің"), after the
    acronym of its state when there is one ("КР ТИМдин" -> "КР ТИМ")."""
    if not lx.acronyms:
        return []
    out = []
    for i, (s, _e, word, _key) in enumerate(toks):
        acr = next((a for a in lx.acronyms if word.startswith(a)), None)
        if acr is None:
            continue
        rest = word[len(acr):].lstrip("-")
        if rest and (not rest.islower() or len(rest) > 6):
            continue  # another word that begins with the same capitals
        start = s
        if i and toks[i - 1][2].isupper() and 2 <= len(toks[i - 1][2]) <= 3 and toks[i - 1][1] + 1 == s:
            start = toks[i - 1][0]  # "КР ТИМ": the state's acronym
        name = (toks[i - 1][2] + " " + acr) if start != s else acr
        out.append((start, s + len(acr), name))
    return out


# a name in Latin letters, in quotes or not ("«Astana Hub» технопаркі", "“MIMOS Berhad” vakillari")
_LATIN_NAME = re.compile(r"[«“\"]([A-Z][A-Za-z.&-]*(?: [A-Z][A-Za-z.&-]*){0,3})[»”\"]|(?<![\w«“\"])([A-Z][a-z]+(?: [A-Z][A-Za-z]+){1,3})(?![\w»”\"])")
DESCRIPTOR_REACH = 6  # words from a Latin name to the word that says what kind of body it is


def _latin_names(text: str, lx: _Lang) -> list[tuple[int, int, str]]:
    """A company, technopark or centre named in Latin letters, known as a body by a descriptor word soon
    after it, before any punctuation ("«Astana Hub» пен «IT Park Uzbekistan» технопарктері", "“MIMOS
    Berhad” amaliy tadqiqot ... markazi"); the name as written, without its quotes."""
    if not lx.descriptors:
        return []
    out = []
    for m in _LATIN_NAME.finditer(text):
        g = 1 if m.group(1) else 2
        if any(ch.isdigit() for ch in m.group(g)):
            continue
        after = text[m.end():m.end() + 160]
        other = lx.latin_and.match(after) if lx.latin_and else None  # "«Astana Hub» пен «IT Park Uzbekistan» технопарктері": one word for both
        after = re.split(r"[.,;:!?()«»“”\n]", after[other.end():] if other else after)[0]
        if any(w.startswith(lx.descriptors) for w in [normalize_key(w) for w in after.split()][:DESCRIPTOR_REACH]):
            out.append((m.start(g), m.end(g), m.group(g)))
            if other and not any(ch.isdigit() for ch in other.group("name")):  # the second one too
                out.append((m.end() + other.start("name"), m.end() + other.end("name"), other.group("name")))
    return out


def _company_named(text: str, toks, lx: _Lang, mentions) -> list[tuple[int, int, str]]:
    """Head-first: the word 'company' in any case, then its name, one or two capitalized words outside any
    place or known body ("kompanije Siemens", "компаније Хуавеј", "кампаніі «Белшына»")."""
    if not lx.company_words:
        return []
    spans = [(m.start, m.end) for m in mentions if m.type in {"ORG", "PER"}]
    places = [(m.start, m.end) for m in mentions if m.type == "LOC"]  # "Telekom Srbija": a place only second
    out = []
    for i, (_s, _e, _w, key) in enumerate(toks[:-1]):
        if not key.startswith(lx.company_words):
            continue
        gap = _gap(text, toks, i + 1)
        quoted = gap.strip() in ("«", "„", "“", '"')
        if (gap.strip() and not quoted) or "\n" in gap:
            continue
        k = i + 1
        while k < len(toks) and k - i <= 2 and toks[k][2][:1].isupper() and toks[k][3] not in lx.stop \
                and not any(a <= toks[k][0] < b for a, b in spans + (places if k == i + 1 else [])) \
                and (k == i + 1 or not _gap(text, toks, k).strip()):
            k += 1
        if k > i + 1:
            out.append((toks[i + 1][0], toks[k - 1][1], text[toks[i + 1][0]:toks[k - 1][1]]))
    return out


_BRACKETED = re.compile(r"\([^\W\d_]{2,8}\)\s*")


def _owner_before(text: str, toks, j: int, mentions) -> int | None:
    """The first token of a known body whose acronym in brackets stands right before token j, the body
    named in the genitive ("... Шериктештигинин (КМШ) | Өкмөт"), or None."""
    if j < 2 or _gap(text, toks, j).strip() != ")" or _gap(text, toks, j - 1).strip() != "(" \
            or not toks[j - 1][2].isupper():
        return None
    body = next((m for m in mentions if m.type == "ORG" and m.start < toks[j - 2][1] <= m.end), None)
    if body is not None:
        return next((k for k in range(j - 1) if toks[k][0] >= body.start), None)
    acr = toks[j - 1][2]
    if not any(m.type == "ORG" and m.start <= toks[j - 1][0] < m.end for m in mentions):
        return None  # the acronym of no known body
    for k in range(j - 2 - len(acr) + 1, max(-1, j - 2 - len(acr) - 2), -1):
        words = toks[k:j - 1]  # the name the acronym stands for: its first word capitalized, initials alike
        if k >= 0 and words[0][2][:1] == acr[0] and words[-1][2][:1].casefold() == acr[-1].casefold() \
                and all(not _gap(text, toks, q).strip() for q in range(k + 1, j - 1)):
            return k
    return None


def _companies(text: str, lx: _Lang) -> list[tuple[int, int, str]]:
    """A company by its legal form and its name in quotes: the quoted name ("Белтэлекам"), or with a
    legal form written out, both ("Привредно друштво „Експо 2027”")."""
    if lx.company is None:
        return []
    return [(m.start("words"), m.end(), m.group(0)) if m.group("words") else (m.start("name"), m.end("name"), m.group("name"))
            for m in lx.company.finditer(text)]


def _field(text: str, toks, j: int, lx: _Lang) -> int:
    """The token after "ў [one lower-case word] галіне/сферы" starting at token j, or 0."""
    if toks[j][3] not in lx.field_in or not lx.fields:
        return 0
    for k in (j + 1, j + 2):
        if k + 1 >= len(toks) or _gap(text, toks, k).strip() or not toks[k][2][:1].islower():
            return 0
        if toks[k][3].startswith(lx.fields):
            return k + 1 if not _gap(text, toks, k + 1).strip() else 0
    return 0


def _gap(text: str, toks, k: int) -> str:
    """The characters between token k-1 and token k."""
    return text[toks[k - 1][1]:toks[k][0]]


def _local(m: Mention, names: dict[str, str], lx: _Lang) -> bool:
    """Whether a place is written with a local case ending (or the dative) beyond its name."""
    name = names.get(m.entity or "")
    suffix = m.text[len(name):] if name and normalize_key(m.text).startswith(normalize_key(name)) else m.text
    return bool(lx.place_endings) and suffix.casefold().endswith(lx.place_endings)


def _head_final(text, toks, lx: _Lang, mentions, names) -> list[tuple[int, int, str]]:
    locs = [m for m in mentions if m.type in {"LOC", "PER", "DATE"}]
    out = []
    for i, (s, e, word, key) in enumerate(toks):
        nom = lx.head(key)
        if nom is None or i == 0:
            continue
        j = i
        while j > 0 and i - j < MAX_WORDS:
            gap = _gap(text, toks, j)
            prev = toks[j - 1]
            if (owner := _owner_before(text, toks, j, mentions)) is not None:
                j = owner  # "Көз карандысыз Мамлекеттер Шериктештигинин (КМШ) Өкмөт башчылар кеңеши": a known
                break  # body in the genitive, its acronym in brackets, owns the body
            if "\n" in gap or re.search(r"[.;:!?()«»\"“”–—]|\s-\s", gap):
                break
            if "," in gap and not any(toks[k][3] in lx.joiners for k in range(j, i)):
                break
            cover = next((m for m in locs if m.start <= prev[0] < m.end), None)
            if cover is not None and (cover.type != "LOC" or _local(cover, names, lx)):
                break
            if prev[3] in lx.joiners and not gap.strip() and j >= 2 and not toks[j][2][0].isupper() \
                    and lx.head(toks[j - 2][3]) is None and not any(m.start <= toks[j - 2][0] < m.end for m in locs) \
                    and not _gap(text, toks, j - 1).strip():
                j -= 1  # "Жасанды интеллект және цифрлық даму министрлігі", "Санариптик өнүктүрүү жана
                # инновациялык технологиялар министрлиги": 'and' between two fields inside the name
                continue
            if cover is None and (lx.stops_at(prev[3]) or prev[2][0].isdigit()
                                  or prev[3] in lx.titles and not prev[2][0].isupper()):
                break
            j -= 1
        k = j
        while k < i and (toks[k][3] in lx.joiners or not (toks[k][2][0].isupper() or _ARTICLE.match(toks[k][2]))):
            k += 1  # a name starts with a capital (or an article before one: "әл-Фараби атындағы") ...
        if k == i and word[0].isupper() and j < i and toks[j][3] not in lx.joiners:
            k = j  # ... or its head has one
        first_of_sentence = k == 0 or re.search(r"[.!?\n]\s*$", text[max(0, toks[k][0] - 3):toks[k][0]])
        if first_of_sentence and not any(m.type == "LOC" and m.start <= toks[k][0] < m.end for m in locs):
            later = next((x for x in range(k + 1, i) if toks[x][2][0].isupper()), None)
            if later is not None:
                k = later  # a sentence's capitalized first word is its subject, when the name has a capital of its own
        if k == i:
            continue
        j = k
        name = _BRACKETED.sub("", text[toks[j][0]:s]) + _case_like(nom, word)
        name = name[:1].upper() + name[1:]
        out.append((toks[j][0], e, name))
    return out


def _adjectives_before(text, toks, i: int, lx: _Lang, nom: str, covered) -> tuple[int, list[str]]:
    """(first token, nominative words) of the adjectives right before the head at token i that start
    a name with a capital ("Привредне коморе", "Беларускага дзяржаўнага ўніверсітэта"); (i, []) if none."""
    k, words = i, []
    while k > 0 and i - k < 3:
        prev = toks[k - 1]
        gap = _gap(text, toks, k)
        if gap.strip() or "\n" in gap or prev[3] in lx.stop or covered(prev[0]):
            break
        if k < i and toks[k][2][0].isupper() and not prev[2][0].isupper():
            break  # the capital starts the name: "Наредно заседање | Мешовитог комитета"
        form = lx.adjective(prev[2], prev[3], nom)
        if form is None:
            break
        words.insert(0, form)
        k -= 1
    while k < i and not toks[k][2][0].isupper():
        k, words = k + 1, words[1:]  # the name starts at the first capitalized adjective
    return k, words


def _head_first(text, toks, lx: _Lang, mentions) -> list[tuple[int, int, str]]:
    blocked = [m for m in mentions if m.type in {"PER", "DATE"}]
    spans = [(m.start, m.end) for m in mentions]
    state_ends = {m.end for m in mentions if m.type == "LOC"}

    def covered(pos: int) -> bool:
        return any(a <= pos < b for a, b in spans)

    out: list[tuple[int, int, str]] = []
    for i, (s, _e, word, key) in enumerate(toks):
        nom = lx.head(key)
        if nom is None or (out and s < out[-1][1]):
            continue
        first, adjs = _adjectives_before(text, toks, i, lx, nom, covered) if lx.adjectives else (i, [])
        if (not word[0].isupper() and not adjs) or (out and toks[first][0] < out[-1][1]):
            continue
        j, extra = i + 1, 0
        while j < len(toks) and j - i <= MAX_WORDS + extra:
            gap = _gap(text, toks, j)
            if toks[j][3] in lx.linkers and j == i + 1 and not gap.strip() and j + 1 < len(toks) \
                    and not toks[j + 1][2][0].isupper() and not _gap(text, toks, j + 1).strip():
                j += 1  # "savet za saradnju ...": the head's complement after a preposition
                continue
            if toks[j][3] in lx.attached and not gap.strip() and j + 1 < len(toks) and toks[j + 1][2][0].isupper() \
                    and not _gap(text, toks, j + 1).strip():
                j += 1  # "камітэт па … пры Калегіі …": the body it is attached to
                continue
            if toks[j][3] in lx.joiners and j > i + 1 and not gap.strip() and j + 1 < len(toks) \
                    and not toks[j + 1][2][0].isupper() and not toks[j - 1][2][0].isupper() \
                    and (not lx.joined_after or toks[j - 1][3].endswith(lx.joined_after)) \
                    and (toks[j + 1][3].endswith(lx.ezafe) if lx.ezafe else not lx.stops_at(toks[j + 1][3])) \
                    and not _gap(text, toks, j + 1).strip():
                j += 2  # "Вазорати энергетика ва захираҳои оби …", "Міністэрства сувязі і інфарматызацыі":
                # two fields of one ministry's name
                continue
            field = _field(text, toks, j, lx) if j > i + 1 and toks[j - 1][2][:1].islower() else 0
            if field:
                j, extra = field, extra + field - j
                continue
            if j > i + 1 and lx.dashed and gap.strip() in "–—-" and gap.strip() and toks[j][3].startswith(lx.dashed) \
                    and "\n" not in gap:
                j, extra = j + 1, extra + 1
                continue
            listed = _listed(text, toks, j, lx, spans)
            if listed == "places":
                j += 2  # "сарадњу Србије и Кине": the second place ends the name
                break
            if listed:
                j += 1  # "развіцця, сувязі і масавых камунікацый", "за економску и трговинску сарадњу"
                continue
            if gap.strip() or "\n" in gap or lx.stops_at(toks[j][3]) \
                    or (toks[j][3] in lx.titles and toks[j - 1][3] not in lx.under):
                break
            if j > i + 1 and toks[j - 1][2].isupper() and len(toks[j - 1][2]) > 1:
                break  # an acronym ends a name
            if j > i + 1 and toks[j][2][:1].isupper() and toks[j - 1][1] in state_ends:
                break  # "... Republike Srbije Anom Brnabić": a state ends a body's name, no name runs on
            if j > i + 1 and toks[j - 1][2][0].isupper() and not toks[j][2][0].isupper() \
                    and any(m.type == "LOC" and m.start <= toks[j - 1][0] < m.end for m in mentions) \
                    and toks[j][3] not in lx.linkers | lx.attached | lx.and_words:
                break  # a state ends a name: "Владе Народне Републике Кине | потписан је"
            if any(m.start <= toks[j][0] < m.end for m in blocked):
                break
            if lx.ezafe and not toks[j - 1][3].endswith(lx.ezafe):
                break  # in Tajik only a word with an ezafe leads on to the next
            j += 1
        if j == i + 1 and not adjs:
            continue  # a bare head ("the Government") is no name
        rest = text[toks[i + 1][0]:toks[j - 1][1]] if j > i + 1 else ""
        name = " ".join(adjs + [_case_like(nom, word) if not adjs else nom.casefold(), rest]).strip()
        out.append((toks[first][0], toks[j - 1][1], name))
        out += _inner(text, toks, lx, i, j, covered)
    return out


def _inner(text, toks, lx: _Lang, i: int, j: int, covered) -> list[tuple[int, int, str]]:
    """A body named inside another's name, with capitalized adjectives before its head ("Савет
    Рэспублікі Нацыянальнага сходу Рэспублікі Беларусь": the National Assembly)."""
    for h in range(i + 2, j):
        nom = lx.head(toks[h][3])
        if nom is None or toks[h][2][0].isupper() and h == i + 2:
            continue
        first, adjs = _adjectives_before(text, toks, h, lx, nom, covered)
        while adjs and (first <= i + 1 or toks[first][3] in lx.states):
            first, adjs = first + 1, adjs[1:]  # "Савета Рэспублікі | Нацыянальнага сходу": the outer name's words
        if adjs and toks[first][2][0].isupper():
            rest = text[toks[h + 1][0]:toks[j - 1][1]] if j > h + 1 else ""
            return [(toks[first][0], toks[j - 1][1], " ".join(adjs + [nom.casefold(), rest]).strip())]
    return []


def _listed(text, toks, j: int, lx: _Lang, spans) -> bool | str:
    """Token j goes on a list inside a head-first name: 'and' between two lower-case words or two
    places ("економску и трговинску", "Србије и Кине"), or a lower-case word after a comma where such
    an 'and' ends the list a few words on ("развіцця, сувязі і масавых камунікацый"). "places" for
    'and' between two places, the last words of the name."""
    if not lx.and_words or j + 1 >= len(toks) or _gap(text, toks, j + 1).strip():
        return False

    def place(k: int) -> bool:
        return any(a <= toks[k][0] < b for a, b in spans) and toks[k][2][0].isupper()

    if toks[j][3] in lx.and_words and not _gap(text, toks, j).strip():
        lower = not toks[j - 1][2][0].isupper() and not toks[j + 1][2][0].isupper() \
            and (not lx.joined_after or toks[j - 1][3].endswith(lx.joined_after)  # not "спраў і пасольства"
                 or _gap(text, toks, j - 1).strip() == ",")  # "..., харчавання і лясной": a list's last
        return True if lower else "places" if place(j - 1) and place(j + 1) else False
    if _gap(text, toks, j).strip() != "," or toks[j][2][0].isupper() or toks[j - 1][2][0].isupper():
        return False
    for k in range(j + 1, min(j + 4, len(toks) - 1)):
        if _gap(text, toks, k).strip() or toks[k][2][0].isupper():
            return False
        if toks[k][3] in lx.and_words:
            return not _gap(text, toks, k + 1).strip() and not toks[k + 1][2][0].isupper()
    return False


def _script_of(word: str) -> str:
    return "lat" if any("a" <= ch.casefold() <= "z" for ch in word) else "cyr"


def _case_like(nom: str, word: str) -> str:
    """The nominative head with the capitalization of the word as written."""
    return nom[:1].upper() + nom[1:] if word[:1].isupper() else nom[:1].lower() + nom[1:]


_ZH = _LEX.get("zh", {})
_ZH_SUFFIXES = sorted(_ZH.get("suffixes", []), key=len, reverse=True)
_ZH_NOT_AFTER = tuple(_ZH.get("not_after", []))
_ZH_BREAKS = set(_ZH.get("breaks", ""))
_ZH_STANDALONE = set(_ZH.get("standalone", []))
_ZH_NOT_WORDS = tuple(_ZH.get("not_words", []))
_ZH_VERBS = tuple(_ZH.get("verbs", []))
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ZH_TITLE_WORDS = tuple(load_json("titles_regional.json").get("zh", {}).get("titles", []))  # "委员、国务院…": titles
_ZH_FIELD = 8  # characters of one field listed with "、" inside a ministry's name
_ZH_UNITS = ("司", "局")  # departments written right after their ministry or commission
_ZH_CREDIT = ("来源：", "来源:", "稿源：", "编辑：", "责编：")
_ZH_MINISTER = frozenset(_ZH.get("minister_titles", []))  # "外交部长" of "外交部"


@functools.cache
def title_forms(lang: str) -> frozenset[str]:
    """A language's title words in any case: a state right after one is the office's ('председника
    Узбекистана'), not where a visit goes."""
    lex = load_json("titles_regional.json").get(lang) or {}
    return frozenset(normalize_key(w) for w in [*lex.get("heads", []), *(lex.get("oblique_heads") or {})])


def zh_breaks() -> set[str]:
    """Characters a Chinese event name does not run across: a body's, less the dash and the
    counters of an ordinal (第十八次, 第五届)."""
    return _ZH_BREAKS - {"—", "次", "届"}


def zh_verbs() -> tuple[str, ...]:
    """Verbs a Chinese name does not hold: it starts after the last of them."""
    return _ZH_VERBS


def _zh(text: str, places: set[int] = frozenset()) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(text):
        suf = next((x for x in _ZH_SUFFIXES if text.startswith(x, i)), None)
        if suf is None:
            i += 1
            continue
        end = i + len(suf)
        if suf == "部" and text.startswith("长", end) and text[i - 2:end + 1] in _ZH_MINISTER:
            out.append((i - 2, end, text[i - 2:end]))  # "外交部长": the minister of the ministry
            i = end
            continue
        if text.startswith(_ZH_NOT_AFTER, end):
            i = end
            continue
        j = i
        floor = out[-1][1] if out else 0
        while j > floor and i - j < 20 and text[j - 1] not in _ZH_BREAKS and _HAN.match(text[j - 1]):
            j -= 1  # back to punctuation, a preposition (与, 在), or the body before
        while j - 1 > floor and text[j - 1] == "、" and j not in places:
            k = j - 1  # "巴西发展、工业、贸易和服务部": the fields a ministry's name lists, not a list of states
            while k > floor and j - 1 - k <= _ZH_FIELD and text[k - 1] not in _ZH_BREAKS and _HAN.match(text[k - 1]):
                k -= 1
            field = text[k:j - 1]
            if not field or j - 1 - k > _ZH_FIELD or field.endswith(tuple(_ZH_SUFFIXES) + _ZH_TITLE_WORDS) \
                    or any(v in field for v in _ZH_VERBS):
                break
            j = k
        if j - 1 > floor and text[j - 1] in "—－–-":  # "中国—中亚机制秘书处": a place, a dash, the partner
            k = j - 1
            while k > floor and j - 1 - k < 8 and text[k - 1] not in _ZH_BREAKS and _HAN.match(text[k - 1]):
                k -= 1
            if k in places:
                j = k
        if j == floor and floor and text[j:j + 1] in ("和", "及", "与"):
            j += 1  # "中华人民共和国外交部和乌兹别克斯坦共和国外交部": two bodies joined by "and"
        for v in _ZH_VERBS:
            k = text.rfind(v, j, i)
            if k >= 0:
                j = k + len(v)
        whole = text[j:end]
        if text[max(0, j - 3):j] in _ZH_CREDIT or whole.endswith(_ZH_NOT_WORDS):
            i = end
            continue  # "来源：国际合作司": a source credit, no body the release is about
        if (i - j >= 2 or (i - j >= 1 and len(suf) > 1) or whole in _ZH_STANDALONE) and (j, end) not in {(f[0], f[1]) for f in out}:
            if suf in _ZH_UNITS and out and out[-1][1] == j:  # "商务部欧亚司": a department of the body before
                j, whole = out[-1][0], text[out[-1][0]:end]
                out.pop()
            out.append((j, end, whole))
        i = end
    return out
