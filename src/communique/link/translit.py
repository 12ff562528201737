"""Russian ↔ Latin transliteration, and the matching keys that make spellings of one name meet.

Official texts spell one Russian name several ways: a passport (ICAO Doc 9303, used in Russian
passports since 2013) writes "Artem Kozhevnikov", the BGN/PCGN system of English-language media
"Artëm Kozhevnikov" (popularly "Artyom"), scholarly transliteration "Artëm Koževnikov", GOST 7.79-2000
(system B) "Artyom Kozhevnikov". `to_latin` writes each of them; `to_cyrillic` reads a Latin spelling
back into Russian (a best guess: "Shadaev" → "Шадаев", "Dmitriy" → "Дмитрий").

`key` is what matching compares: a coarse Latin skeleton in which every system's spelling of a name
and the Cyrillic original coincide — ё/yo/io/e, й/y/i/j, ия/iya/iia, х/kh/h, щ/shch/sch, double
letters and soft signs all fold together:

    >>> key("Шадаев") == key("Shadaev") == key("Shadayev")
    True
    >>> key("Артём") == key("Artyom") == key("Artem") == key("Artiom")
    True

Names of Central Asia are written in Latin by the national romanizations (Uzbek Latin alphabet,
BGN/PCGN Kyrgyz, Kazakh and Tajik; `romanization.json` gives the tables and their sources), not
by English spelling rules: j is ж (Jeenbek, Жээнбек), x is х (Xurshid), oʻ and gʻ are ў and ғ, a
doubled vowel is a long one (ee, ээ). `to_cyrillic` reads them so, and `key` folds ж, дж, zh, dzh
and j together:

    >>> key("Jamshid") == key("Жамшид") == key("Джамшид") == key("Zhamshid")
    True

`stem` is a looser key for words of different languages that share a root (internationalisms:
"информационный" and "information", "министр" and "minister") used to compare names of
recurring events across languages.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

_TABLE = json.loads((Path(__file__).with_name("romanization.json")).read_text(encoding="utf-8"))

SYSTEMS = ("icao", "bgn", "scholarly", "gost")

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
}

# Each system: letter → Latin; special positional rules are applied in _to_latin.
_TABLES: dict[str, dict[str, str]] = {
    "icao": {**_COMMON, "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
             "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"},
    "bgn": {**_COMMON, "е": "e", "ё": "ë", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
            "щ": "shch", "ъ": "ʺ", "ы": "y", "ь": "ʹ", "э": "e", "ю": "yu", "я": "ya"},
    "scholarly": {**_COMMON, "е": "e", "ё": "ë", "ж": "ž", "й": "j", "х": "x", "ц": "c", "ч": "č", "ш": "š",
                  "щ": "šč", "ъ": "ʺ", "ы": "y", "ь": "ʹ", "э": "è", "ю": "ju", "я": "ja"},
    "gost": {**_COMMON, "е": "e", "ё": "yo", "ж": "zh", "й": "j", "х": "x", "ц": "cz", "ч": "ch", "ш": "sh",
             "щ": "shh", "ъ": "``", "ы": "y'", "ь": "`", "э": "e`", "ю": "yu", "я": "ya"},
}
_RU_VOWELS = set("аеёиоуыэюя")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text or ""))


def is_latin(text: str) -> bool:
    return bool(_LATIN.search(text or "")) and not is_cyrillic(text)


def _case(src: str, out: str, next_upper: bool) -> str:
    if not out or not src.isupper():
        return out
    # "Щ" at the start of a capitalized word is "Shch", in an all-caps word "SHCH"
    return out.upper() if next_upper else out[0].upper() + out[1:]


def to_latin(text: str, system: str = "bgn", simple: bool = False) -> str:
    """Transliterate the Cyrillic letters of `text` (others are kept). `simple` drops diacritics and
    the marks of hard and soft signs ("Artëm" → "Artem", BGN's ë after consonants → "yo")."""
    if system not in _TABLES:
        raise ValueError(f"unknown transliteration system {system!r}; choose one of {SYSTEMS}")
    table = _TABLES[system]
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in table:
            out.append(ch)
            continue
        prev = text[i - 1].lower() if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        word_start = not prev.isalpha()
        lat = table[low]
        if system == "bgn":
            after_vowel = word_start or prev in _RU_VOWELS or prev in "йъь"
            if low == "е" and after_vowel:
                lat = "ye"
            elif low == "ё":
                lat = ("yë" if after_vowel else "ë") if not simple else ("yo" if after_vowel or prev in "жчшщ"
                                                                          else "yo")
        elif system == "gost" and low == "ц" and nxt.lower() in ("е", "и", "ы", "й", "ё", "ю", "я", ""):
            lat = "c" if nxt.lower() in ("е", "и", "ы", "й") else "cz"
        if simple:
            lat = _strip_marks(lat)
        out.append(_case(ch, lat, nxt.isupper()))
    return "".join(out)


def _strip_marks(s: str) -> str:
    s = s.replace("ʺ", "").replace("ʹ", "").replace("`", "").replace("'", "")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


# -- Latin → Cyrillic ------------------------------------------------------------------------------

_REVERSE = [(lat, cyr) for lat, cyr in _TABLE["to_cyrillic"]]
_LAT_VOWELS = set("aeiouyëèéäöüūīı")


def _word_to_cyrillic(word: str) -> str:
    low = word.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        prev = low[i - 1] if i else ""
        rest = low[i:]
        # й: a glide after a vowel ("Nikolay", "Sergeyevich") or the "-iy"/"-yy"/"-ii" ending
        if rest[:2] in ("iy", "yy", "ii", "ij") and i + 2 == len(low):
            out.append("ий" if rest[0] == "i" else "ый")
            i += 2
            continue
        if rest[0] in "yj" and prev in _LAT_VOWELS and (len(rest) == 1 or rest[1] not in _LAT_VOWELS):
            out.append("й")
            i += 1
            continue
        if rest[0] == "y" and i + 1 == len(low) and prev and prev not in _LAT_VOWELS:
            out.append("ий")  # "Gennady", "Orlovsky"
            i += 1
            continue
        if rest[:1] == "e" and i == 0 and len(low) > 1:
            out.append("е")
            i += 1
            continue
        if rest[:2] == "ee" and rest[2:3] != "v" and not rest.startswith("eenko"):
            out.append("ээ")  # a Kyrgyz long vowel ("Jeenbek"); Russian -eev ("Sergeev"), Ukrainian -eenko are ее
            i += 2
            continue
        if rest[0] == "x":
            # Uzbek x is х ("Xurshid", "Axmedov"); between vowels or at the end, English ks ("Maxim")
            nxt = rest[1:2]
            between = prev in _LAT_VOWELS and (not nxt or nxt in _LAT_VOWELS)
            out.append("кс" if between else "х")
            i += 1
            continue
        for lat, cyr in _REVERSE:
            if rest.startswith(lat):
                if lat in ("ye", "je") and prev and prev not in _LAT_VOWELS:
                    cyr = "ье"  # "Vasilyev"
                out.append(cyr)
                i += len(lat)
                break
        else:
            out.append(word[i])
            i += 1
    text = "".join(out)
    if word[:1].isupper():
        text = text[:1].upper() + text[1:]
    if word.isupper() and len(word) > 1:
        text = text.upper()
    return text


def to_cyrillic(text: str) -> str:
    """A Russian spelling of a Latin-script name (a guess: "Shadaev" → "Шадаев")."""
    return _LATIN_WORDS.sub(lambda m: " ".join(_word_to_cyrillic(w) for w in m.group().split(" ")), text)


# a Latin name's letters, with the Uzbek modifier letter of oʻ and gʻ inside a word
_LATIN_WORDS = re.compile(r"[A-Za-zžščëèéşçğñıäöüūī]+(?:(?<=[OoGg])[ʻ‘'’`][A-Za-zžščëèéşçğñıäöüūī]+)*"
                          r"(?: [A-Za-zžščëèéşçğñıäöüūī]+(?:(?<=[OoGg])[ʻ‘'’`][A-Za-zžščëèéşçğñıäöüūī]+)*)*")


# -- matching keys ---------------------------------------------------------------------------------

_FOLD = _TABLE["fold_letters"]
_FOLD_SEQ = re.compile("|".join(re.escape(k) for k in sorted(_TABLE["fold_sequences"], key=len, reverse=True)))
_MARKS = re.compile(r"[ʹʺ'`’ʼ\"´ʻ‘]")
_KEY_RULES = [
    (re.compile(r"dzh|dj|zh"), "j"),  # ж, дж and the j of Central Asian romanizations meet
    (re.compile(r"(?<![aeiou])x|x(?=[^aeiou])"), "h"),  # Uzbek x (х); Maxim's x between vowels stays ks
    (re.compile(r"shch|shh|sch"), "sh"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"q"), "k"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "ts"),
    (re.compile(r"cz|tz"), "ts"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"i[eo]"), "e"),
    (re.compile(r"(.)\1+"), r"\1"),
]


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, Latin script, no marks: the common ground of every spelling (Cyrillic through
    BGN/PCGN; letters of Kazakh, Uzbek, Tajik and Belarusian Cyrillic folded to their nearest)."""
    s = unicodedata.normalize("NFC", text or "").lower().replace("ё", "е")
    s = _FOLD_SEQ.sub(lambda m: _TABLE["fold_sequences"][m.group()], s)
    s = "".join(_FOLD.get(ch, ch) for ch in s)
    if is_cyrillic(s):
        s = to_latin(s, "bgn", simple=True).lower()
    s = _MARKS.sub("", s)
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s


@functools.lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """The matching key of one word or name: every transliteration of it gives the same key."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    out = []
    for w in words:
        for pattern, repl in _KEY_RULES:
            w = pattern.sub(repl, w)
        out.append(w)
    return " ".join(out)


def initial(text: str) -> str:
    """The first letter of a name's key ("Юрий", "Yuriy", "Iurii" → "i"; "Е." and "Ye" → "e")."""
    k = key(text)
    return k[:1]


@functools.lru_cache(maxsize=200_000)
def stem(word: str, size: int = 5) -> str:
    """A cross-language root of a word: the first `size` letters of its key, with "kh" and the Latin
    "ch" of Greek loans read as k ("информационный" and "information" → "infor"; "технология" and
    "technologies" → "tekno"; "комиссия" and "commission" → "komis")."""
    s = fold(word)
    if not is_cyrillic(word):
        s = s.replace("ch", "k")
    s = s.replace("kh", "k")
    k = key(s).replace(" ", "")
    return k[:size]
