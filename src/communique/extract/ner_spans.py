"""The working records of the Russian name rules: a span over token indices, the document's tokens and
lemmas, and how a span relates to those already found.
"""

from __future__ import annotations

import bisect

from . import nlp
from .ner_words import ORG
from .nlp import Sentence, Token


class S:
    """A working span over token indices [i, j)."""

    __slots__ = ("i", "j", "type", "source")

    def __init__(self, i: int, j: int, type_: str, source: str):
        self.i, self.j, self.type, self.source = i, j, type_, source

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"S({self.i},{self.j},{self.type},{self.source})"


class Doc:
    """The tokens of one text, with sentence numbers and lemmas computed on demand."""

    def __init__(self, text: str, sents: list[Sentence]):
        self.text = text
        self.toks: list[Token] = [t for s in sents for t in s.tokens]
        self.sent_of: list[int] = [k for k, s in enumerate(sents) for _ in s.tokens]
        self.starts = [t.start for t in self.toks]
        self.words = [t.text for t in self.toks]
        self._lemmas: list[str | None] = [None] * len(self.toks)

    def lemma(self, k: int) -> str:
        lem = self._lemmas[k]
        if lem is None:
            lem = self._lemmas[k] = nlp.lemma(self.words[k])
        return lem

    def tok_range(self, start: int, end: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0 or self.toks[i].end <= start:
            i += 1
        j = bisect.bisect_left(self.starts, end)
        return (i, j) if i < j else None

    def adjacent(self, a: int, b: int) -> bool:
        """Tokens a and a + 1 = b stand in one sentence with no line break between them."""
        return (a >= 0 and b == a + 1 and b < len(self.toks) and self.sent_of[a] == self.sent_of[b]
                and "\n" not in self.text[self.toks[a].end:self.toks[b].start])


class Coverage:
    """Where a token range stands against a list of spans."""

    def __init__(self, spans: list[S]):
        self.spans = spans

    def relation(self, a: int, b: int) -> str:
        """'free', 'same', 'inside' (a span holds it), 'covers' (it holds spans) or 'cross'."""
        rel = "free"
        for s in self.spans:
            if s.j <= a or s.i >= b:
                continue
            if s.i == a and s.j == b:
                return "same"
            if s.i <= a and b <= s.j:
                rel = "inside"
            elif a <= s.i and s.j <= b:
                rel = "covers" if rel == "free" else rel
            else:
                return "cross"
        return rel

    def inside(self, a: int, b: int) -> list[S]:
        return [s for s in self.spans if a <= s.i and s.j <= b]


def starts(spans: list[S]) -> dict[int, list[S]]:
    out: dict[int, list[S]] = {}
    for s in spans:
        out.setdefault(s.i, []).append(s)
    return out


def absorb(spans: list[S], new: list[S]) -> list[S]:
    """Add new ORG spans: an ORG one of them extends is replaced, other spans it covers stay
    nested inside it; a new span that would cross an existing one is dropped."""
    out = list(spans)
    for s in sorted(new, key=lambda s: (s.i, -s.j)):
        keep = []
        for o in out:
            if o.j <= s.i or o.i >= s.j or (o.i <= s.i and s.j <= o.j):
                keep.append(o)
            elif s.i <= o.i and o.j <= s.j:
                if not (o.type == ORG and o.i == s.i):
                    keep.append(o)
            else:
                break
        else:
            keep.append(s)
            out = keep
    return out
