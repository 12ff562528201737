"""A job title in lower case set off by a comma before a name: 'the deputy minister of health and
social protection of Moldova, Ion Rusu, said ...'. The head ('minister') is a title head of the lexicon;
its field is in lower case and its state or body capitalized."""

from __future__ import annotations

import re

from .lexicon import TITLE_HEADS

_HEADS = frozenset(h.casefold() for h in TITLE_HEADS)
_TITLE = re.compile(
    r"(?<!\w)the ((?:(?:first|deputy|vice|acting)[ -])*([a-z-]+)"
    r"(?: (?:of|for) [a-z-]+(?:(?:,? and|,)? [a-z-]+){0,5})?"
    r" (?:of|for|to) (?:the )?[A-Z][\w'’-]*(?: (?:of )?[A-Z][\w'’-]*){0,4}),\s*$"
)


def lower_title_before(text: str, at: int, floor: int) -> tuple[int, int] | None:
    """The span of the lower-case title that ends with a comma right before `at` (no earlier than
    `floor`), or None."""
    m = _TITLE.search(text[max(floor, at - 160):at])
    if m is None or m.group(2) not in _HEADS:
        return None
    base = max(floor, at - 160)
    return base + m.start(1), base + m.end(1)


_MEMBERS = re.compile(
    r"(?<!\w)(members of (?:the )?parliament)\s+(?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){1,3}(?:,| and|, and)\s+){0,4}$"
)


def members_before(text: str, at: int, floor: int) -> tuple[int, int] | None:
    """'members of parliament Ilse Brandt and Karl Moser': the span of the plural title before a name of
    the list that it opens, or None."""
    base = max(floor, at - 200)
    m = _MEMBERS.search(text[base:at])
    return (base + m.start(1), base + m.end(1)) if m else None
