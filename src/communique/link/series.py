"""Series: recurring events recognized by name and ordinal.

"Третье совещание министров ИКТ государств — членов ШОС", "the 4th Meeting of SCO Ministers of
ICT" and "пятое совещание министров ИКТ стран ШОС" are one series: the same name less its ordinal.
An event's series key is the extractor's `Event.series` (a lemma key of the name without the
ordinal) or, when the extractor gave a name but no key, one derived here the same way; an ordinal
missing from the Record is read from the name ("21st meeting", "XX заседание", "двадцатое").

Two keys name one series when
- they are the same key;
- one event is reported under both (the knowledge base merged its reports);
- in one language: their words agree (Jaccard ≥ 0.6) once an acronym is read as the words it
  abbreviates ("шос" ~ "шанхайский организация сотрудничество");
- across languages: their words share roots (translit.stem: "информационный" ~ "information",
  "министр" ~ "minister") for at least 60% of the shorter key and at least three roots;
and, in every case but the first two, their ordinals never clash (one ordinal, two dates) and
ordinals and dates run in the same order.
"""

from __future__ import annotations

import re

from ..model import date_bounds
from ..nlp import roman_numeral
from . import translit

JACCARD = 0.6
OVERLAP = 0.6
MIN_SHARED_ROOTS = 3

_ORDINAL_NUM = re.compile(r"^(\d{1,3})(?:-?(?:й|я|е|го|му|м|ое|ой|ая|ые|st|nd|rd|th))?$", re.I)
_RU_ORDINALS = {
    "первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "четвертый": 4, "пятый": 5, "шестой": 6,
    "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10, "одиннадцатый": 11, "двенадцатый": 12,
    "тринадцатый": 13, "четырнадцатый": 14, "пятнадцатый": 15, "шестнадцатый": 16, "семнадцатый": 17,
    "восемнадцатый": 18, "девятнадцатый": 19, "двадцатый": 20, "тридцатый": 30, "сороковой": 40,
    "пятидесятый": 50,
}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}
_TENS_RU = {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50}
_TENS_EN = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_STOP = {"и", "по", "в", "во", "на", "при", "для", "с", "со", "о", "об", "of", "and", "the", "for", "on", "in",
         "at", "to", "a", "an", "—", "-", "–"}
_WORD = re.compile(r"[\w]+(?:-[\w]+)*")


def _lemma(word: str) -> str:
    from communique.store.fulltext import lemma

    return lemma(word)


def ordinal_in(words: list[str]) -> tuple[int | None, set[int]]:
    """The ordinal a name states and the positions of the words that state it."""
    for i, w in enumerate(words):
        m = _ORDINAL_NUM.match(w)
        if m and m.group(0) != m.group(1):  # "4th", "20-е"; a bare number is not an ordinal
            return int(m.group(1)), {i}
        r = roman_numeral(w)
        if r is not None and i + 1 < len(words) and (len(w) > 1 or translit.is_cyrillic(words[i + 1])):
            return r, {i}
        low = w.casefold()
        lem = _lemma(low) if translit.is_cyrillic(low) else low
        tens = _TENS_RU.get(lem) or _TENS_EN.get(low.split("-")[0])
        if tens and i + 1 < len(words):
            nxt = words[i + 1].casefold()
            nl = _lemma(nxt) if translit.is_cyrillic(nxt) else nxt
            unit = _RU_ORDINALS.get(nl) or _EN_ORDINALS.get(nl)
            if unit and unit < 10:
                return tens + unit, {i, i + 1}
        if "-" in low and low.split("-")[0] in _TENS_EN:  # "twenty-first"
            unit = _EN_ORDINALS.get(low.split("-")[1])
            if unit and unit < 10:
                return _TENS_EN[low.split("-")[0]] + unit, {i}
        n = _RU_ORDINALS.get(lem) or _EN_ORDINALS.get(low)
        if n:
            return n, {i}
    return None, set()


def parse_name(name: str) -> tuple[int | None, list[str]]:
    """The ordinal of an event's name and the other words of it."""
    words = _WORD.findall(name or "")
    ordinal, used = ordinal_in(words)
    return ordinal, [w for i, w in enumerate(words) if i not in used]


def series_key(name: str) -> str:
    """A key for the series a named event belongs to: its words less the ordinal, lemmatized
    (Russian) or casefolded (other languages)."""
    _, words = parse_name(name)
    return " ".join(_lemma(w) if translit.is_cyrillic(w) else w.casefold() for w in words)


def series_name(name: str) -> str:
    """The event's name without its ordinal, as the text wrote it ("третье совещание министров" →
    "совещание министров")."""
    words = _WORD.findall(name or "")
    _, used = ordinal_in(words)
    if not used:
        return name
    out = name
    for i in sorted(used, reverse=True):
        out = re.sub(r"(?<![\w-])" + re.escape(words[i]) + r"(?![\w-])\s*", "", out, count=1)
    out = out.strip(" ,")
    return out[:1].upper() + out[1:] if out else name


def content_words(key: str) -> list[str]:
    return [w for w in key.split() if w not in _STOP and not w.isdigit()]


def fold_acronyms(words: list[str], other: list[str]) -> list[str]:
    """Read a short word of `words` as the initials of consecutive words of `other` and put those words
    in its place ("шос" against "... шанхайский организация сотрудничество"; "икт" against
    "информационно-коммуникационный технология")."""
    other = [p for w in other for p in w.split("-") if p]
    out: list[str] = []
    for w in words:
        if 2 <= len(w) <= 6 and w not in other:
            for start in range(len(other)):
                end = start + len(w)
                if end <= len(other) and "".join(x[0] for x in other[start:end]) == w:
                    out.extend(other[start:end])
                    break
            else:
                out.append(w)
        else:
            out.append(w)
    return out


def stems(key: str) -> list[str]:
    """Cross-language roots of a key's content words (words of hyphenated compounds apart)."""
    out: list[str] = []
    for w in content_words(key):
        for part in w.split("-"):
            if len(part) >= 4:
                s = translit.stem(part)
                if s not in out:
                    out.append(s)
    return out


def key_similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two series keys are, and how that was measured."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0, "no words"
    same_script = translit.is_cyrillic(a) == translit.is_cyrillic(b)
    if same_script:
        fa, fb = _parts(fold_acronyms(wa, wb)), _parts(fold_acronyms(wb, wa))
        j = len(fa & fb) / len(fa | fb)
        return j, f"{len(fa & fb)} of {len(fa | fb)} words shared (Jaccard {j:.2f})"
    sa, sb = set(stems(a)), set(stems(b))
    if not sa or not sb:
        return 0.0, "no roots"
    shared = sa & sb
    overlap = len(shared) / min(len(sa), len(sb))
    if len(shared) < MIN_SHARED_ROOTS:
        return 0.0, f"only {len(shared)} roots shared across languages ({', '.join(sorted(shared))})"
    return overlap, (f"{len(shared)} roots shared across languages ({', '.join(sorted(shared))}), "
                     f"{overlap:.0%} of the shorter name")


def _parts(words: list[str]) -> set[str]:
    return {p for w in words for p in w.split("-") if p}


def query_matches(query: str, key: str) -> bool:
    """Whether a short query ("совещание министров ИКТ") names a series key: nearly all its words
    (acronyms read as the words they abbreviate) are words of the key."""
    wq, wk = content_words(query), content_words(key)
    if not wq or not wk:
        return False
    q, k = _parts(fold_acronyms(wq, wk)), _parts(wk)
    return len(q & k) / len(q) >= 0.75


def shorter_form(a: str, b: str) -> bool:
    """Whether one key's words (acronyms read as the words they abbreviate) are all words of the
    other: a short name of the same body ("заседание совет" within "заседание совет министр")."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return False
    fa, fb = _parts(fold_acronyms(wa, wb)), _parts(fold_acronyms(wb, wa))
    return fa <= fb or fb <= fa


def keys_match(a: str, b: str) -> tuple[bool, str]:
    sim, how = key_similarity(a, b)
    same_script = translit.is_cyrillic(a) == translit.is_cyrillic(b)
    return sim >= (JACCARD if same_script else OVERLAP), how


def consistent(events: list[tuple[int | None, str | None]]) -> tuple[bool, str]:
    """Whether (ordinal, start date) pairs can be one series: no ordinal held by two different dates,
    and ordinals in the order of their dates."""
    by_ordinal: dict[int, set[str]] = {}
    for ordinal, start in events:
        if ordinal is not None and start:
            by_ordinal.setdefault(ordinal, set()).add(start)
    for ordinal, starts in by_ordinal.items():
        bounds = sorted(date_bounds(s) for s in starts)
        if any(b[0] > a[1] for a, b in zip(bounds, bounds[1:], strict=False)):
            return False, f"ordinal {ordinal} on two dates ({', '.join(sorted(starts))})"
    seq = sorted((o, date_bounds(min(s))[0]) for o, s in by_ordinal.items())
    for (o1, d1), (o2, d2) in zip(seq, seq[1:], strict=False):
        if d2 < d1:
            return False, f"no. {o2} ({d2}) is dated before no. {o1} ({d1})"
    return True, "ordinals and dates run in the same order"
