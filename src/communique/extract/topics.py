"""Topics from a small taxonomy kept as data (resources/topics.json)."""

from __future__ import annotations

from ..model import Evidence, Topic
from .nlp import Sentence, lemma
from .resources import load_json

_TAX = load_json("topics.json")


def _keys(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(w.split()) for w in words]


TOPICS = [(t["id"], t["label"], _keys(t["strong"]), _keys(t["weak"])) for t in _TAX["topics"]]
_MAXN = max(len(k) for _, _, s, w in TOPICS for k in s + w)
# key -> the topics that list it, once per listing, strong or weak: a sentence looks up its own n-grams
_BY_KEY: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
for _tid, _, _strong, _weak in TOPICS:
    for _k in _strong:
        _BY_KEY.setdefault(_k, []).append((_tid, True))
    for _k in _weak:
        _BY_KEY.setdefault(_k, []).append((_tid, False))
_FIRSTS = frozenset(k[0] for k in _BY_KEY if k)  # an n-gram can be a key only if it starts with one of these


class TopicStep:
    name = "topics"
    version = _TAX["version"]

    def __call__(self, sents: list[Sentence], lang: str = "ru") -> list[Topic]:
        n_words = sum(len(s.tokens) for s in sents) or 1
        hits: dict[str, float] = {}
        evidence: dict[str, list[Evidence]] = {}
        for sent in sents:
            lemmas = [lemma(t.text) for t in sent.tokens if t.text[:1].isalnum()]
            # the sentence's n-grams that start as some key does (the others are no key); a set, so that
            # an n-gram said twice in a sentence counts once
            grams = {tuple(lemmas[i:i + n]) for i in range(len(lemmas)) if lemmas[i] in _FIRSTS
                     for n in range(1, min(_MAXN, len(lemmas) - i) + 1)}
            found: dict[str, list[int]] = {}  # topic -> [strong keys, weak keys] among the sentence's n-grams
            for g in grams:
                for tid, strong in _BY_KEY.get(g, ()):
                    found.setdefault(tid, [0, 0])[0 if strong else 1] += 1
            for tid, (n_strong, n_weak) in found.items():
                score = 2.0 * n_strong + 0.5 * n_weak
                if score:
                    hits[tid] = hits.get(tid, 0.0) + score
                    if score >= 2 and len(evidence.setdefault(tid, [])) < 3:
                        evidence[tid].append(Evidence(sent.start, sent.end, sent.text))
        out = []
        for tid, label, _, _ in TOPICS:
            score = hits.get(tid, 0.0)
            if score < 2:
                continue
            out.append(Topic(tid, label.get(lang) or label["en"], min(1.0, score * 1000 / n_words / 40),
                             evidence.get(tid, [])))
        out.sort(key=lambda t: -t.score)
        return out
