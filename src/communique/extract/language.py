"""A first language guess from the script and the letters only some alphabets have.

Good enough to choose the extraction steps (Russian models never run on text they were not made
for); ingest refines it with a statistical identifier where one is installed.
"""

from __future__ import annotations

import re

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
