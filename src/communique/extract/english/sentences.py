"""English sentences and tokens: paragraph blocks split after '.', '!' or '?' before a capital letter,
except after an abbreviation or an initial."""

from __future__ import annotations

import re

from ..nlp import Sentence, Token, headline_spans, paragraph_blocks
from .lexicon import ABBREVIATIONS, TOKEN


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Words (with inner hyphens and apostrophes), a possessive "'s", and single other characters."""
    return tuple(Token(offset + m.start(), offset + m.end(), m.group()) for m in TOKEN.finditer(text))


def english_sentences(text: str) -> list[Sentence]:
    """Sentences of English text: paragraph blocks (a headline or a dateline stays a sentence of its
    own), split after '.', '!' or '?' before a capital letter, except after an abbreviation
    ('Mr.', 'St.', 'Sept.') or an initial ('J.')."""
    out = []
    for block_start, block in paragraph_blocks(text):
        pos = 0
        for m in _SENTENCE_END.finditer(block):
            before = re.search(r"([\w.]+)\.$", block[pos : m.start() + 1])
            word = before.group(1) if before else ""
            if block[m.start()] == "." and (
                word in ABBREVIATIONS
                or re.fullmatch(r"[A-Z]", word)
                or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)
            ):
                continue
            out.append(_sentence(text, block_start + pos, block_start + m.end()))
            pos = m.end()
        if block[pos:].strip():
            out.append(_sentence(text, block_start + pos, block_start + len(block)))
    return [s for s in out if s.text]


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end], tokenize(text[start:end], start))


_SENTENCE_END = re.compile(r"[.!?][\"”’)»]*(?=\s+[\"“«(]?[A-Z0-9А-ЯЁ])")


def title_case(sent: Sentence) -> bool:
    """'Minister Zhumabek Receives Ambassador Of Japan': a line whose every word is capitalized."""
    words = [t.text for t in sent.tokens if t.text[:1].isalpha()]
    small = {"of", "and", "the", "in", "on", "for", "to", "at", "with", "a", "an", "by"}
    content = [w for w in words if w.lower() not in small]
    return (
        len(content) >= 4
        and sum(1 for w in content if w[:1].isupper()) >= 0.9 * len(content)
        and "\n" not in sent.text
        and not sent.text.rstrip().endswith(".")
    )


def headline_lines(text: str) -> list[tuple[int, int]]:
    """nlp.headline_spans over the first six lines that hold text: 'Ministry of Power / / New Delhi,
    19 May 2026 / / BRICS Energy Ministers adopt ...' keeps the headline out of the story."""
    return headline_spans(text, lines_with_text=True)
