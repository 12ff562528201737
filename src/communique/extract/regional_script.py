"""Latin → Cyrillic for the region's languages written in both scripts (Uzbek, Serbian), from the
tables of resources/transliteration_regional.json: a gazetteer name known in one script is found,
and named, in the other ("Toshkent" → "Тошкент", "Beograd" → "Београд")."""

from __future__ import annotations

import functools
import re

from .resources import load_json

_LEX = load_json("transliteration_regional.json")
_APOSTROPHES = re.compile(r"[ʻʼ’‘`´]")


def supports(lang: str | None) -> bool:
    return lang in _LEX and not lang.startswith("_")


@functools.cache
def _table(lang: str) -> tuple[list[tuple[str, str]], dict[str, str], dict[str, str]]:
    t = _LEX[lang]
    digraphs = sorted(t["digraphs"].items(), key=lambda kv: -len(kv[0]))
    return digraphs, t["letters"], t.get("initial", {})


def is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters) > len(letters) / 2


def to_cyrillic(text: str, lang: str) -> str:
    """The Cyrillic spelling of a Latin-script name; the case of each letter kept."""
    if not supports(lang):
        return text
    digraphs, letters, initial = _table(lang)
    src = _APOSTROPHES.sub("'", text)
    out: list[str] = []
    i = 0
    while i < len(src):
        low = src[i:].lower()
        word_start = i == 0 or not src[i - 1].isalpha()
        hit = next(((k, v) for k, v in digraphs if low.startswith(k)), None)
        if hit is not None:
            k, v = hit
            out.append(v.upper() if src[i].isupper() else v)
            i += len(k)
            continue
        c = low[0]
        v = initial.get(c) if word_start and c in initial else letters.get(c)
        if v is None:
            out.append(src[i])
        else:
            out.append(v.upper() if src[i].isupper() else v)
        i += 1
    return "".join(out)
