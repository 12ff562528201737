"""One sentence split per document for the region's languages, shared by every regional step
(persons and their roles' evidence, events, agreements), so that all of them see the same sentences."""

from __future__ import annotations

import functools
import re

from ..model import Evidence

__all__ = ["evidence_of", "sentences"]

_SPLIT = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])|\n\s*")
_INITIAL = re.compile(r"(?:^|[\s(])(?:[^\W\d_]|\d{1,2})\.$")  # "А.", "5." (a day), not "2026."
_AGENCY = re.compile(r"/[^/\n]{2,40}/\.?\s*")  # a dateline's agency: "City, date /Agency/."


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a break after . ! ? when an upper-case letter (or a quote) follows and the
    dot does not close an initial or a number ("2022. godine"), after 。, at every line end, and
    after a dateline's agency ("Бишкек, 02.10.20. /Кабар/. Text"). Split once per text: the steps
    of one document share it."""
    return list(_split(text))


def evidence_of(text: str, s: int, e: int) -> Evidence:
    """The sentence s..e as evidence, without the white space at its edges (persons' roles, events
    and agreements of every regional language)."""
    raw = text[s:e]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    return Evidence(s + lead, s + lead + len(body), body)


@functools.lru_cache(maxsize=8)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    agencies = [m for m in _AGENCY.finditer(text) if m.start() - text.rfind("\n", 0, m.start()) < 80]
    breaks = [(m.end(), m.end()) for m in agencies]
    for m in _SPLIT.finditer(text):
        if any(a.start() < m.start() < a.end() for a in agencies):
            continue
        if "\n" not in m.group() and m.end() > m.start():
            nxt = text[m.end():m.end() + 2].lstrip("«\"“(")
            if not nxt or not nxt[0].isupper() or _INITIAL.search(text[max(0, m.start() - 6):m.start()]):
                continue
        breaks.append((m.start(), m.end()))
    spans, start = [], 0
    for b, e in sorted(breaks):
        if b > start:
            spans.append((start, b))
        start = max(start, e)
    if start < len(text):
        spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())
