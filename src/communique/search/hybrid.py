"""Hybrid retrieval: full text (Russian morphology, in the store) and multilingual vectors, fused by
reciprocal rank, with the store's filters applied to both, and every hit shown with the sentence
that matched and the key facts of its document.

A search ranks on ids and scores alone (`Searcher.rank`); the text of a document is read, and its
snippet and key facts made, only for the hits shown."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..store import Store
from ..store.fulltext import query_lemmas, snippet
from . import semantic
from .expand import expansions

RRF_K = 60
MODES = ("hybrid", "text", "semantic")
# The relevance floor: a document found by meaning alone is kept only when its similarity (cosine of
# the multilingual encoder) is strong in itself and stands out from the query's similarity to the
# corpus as a whole (mean + BACKGROUND_SD standard deviations); a document the query's words, or the
# other-language names of what it names, are found in needs no more. STRONG is measured: off-topic
# queries ("banana recipe", "футбол", "how to bake bread", "погода в Москве") reach at most 0.16 over
# the releases of the dev set and the seed, on-topic phrases 0.23-0.40.
STRONG = 0.2
BACKGROUND_SD = 1.0


@dataclass
class Hit:
    id: str
    url: str | None
    title: str | None
    published: str | None
    score: float
    snippet: str
    via: list[str] = field(default_factory=list)  # "text", "semantic"
    facts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Ranking:
    """Documents for a query, best first, with their fused scores, how each was found, and every
    document that matched (`candidates`, for counts and facets: may go deeper than `order`)."""

    order: list[str]
    scores: dict[str, float]
    via: dict[str, list[str]]
    candidates: set[str]


def _lead(text: str | None, title: str | None) -> str | None:
    """The first sentence of the story: a line that ends like a sentence, not the title or a dateline."""
    for line in (text or "").splitlines():
        line = line.strip().strip("#*_ ")
        if len(line) > 60 and line != title and line.rstrip().endswith((".", "!", "?", "»")):
            end = line.find(". ", 60)
            return line[:end + 1] if end > 0 else line
    return None


def hit_snippet(text: str | None, lemmas: list[str], title: str | None) -> str:
    """The sentence with the query's words marked; for a document found by meaning alone, its lead."""
    found = snippet(text, lemmas, title)
    if "[[" not in found:
        found = _lead(text, title) or found
    return found


def fact_line(event: dict) -> str:
    """One key fact: type «name» · status · when · where · who."""
    when = event.get("start") or event.get("end") or ""
    if event.get("start") and event.get("end"):
        when = f"{event['start']}–{event['end']}"
    label = event["type"].lower() + (f" «{event['name']}»" if event.get("name") else "")
    who = ", ".join(event.get("participants") or [])
    return " · ".join(x for x in (label, event.get("status"), when, event.get("location") or "", who) if x)


class Searcher:
    """Search one store; the vector index lives beside its database."""

    def __init__(self, store: Store, index: semantic.VectorIndex | None = None):
        self.store = store
        self.index = index if index is not None else semantic.VectorIndex(semantic.index_path_for(store.url))

    def add(self, doc_id: str, title: str | None, text: str) -> None:
        self.add_many([(doc_id, title, text)])

    def add_many(self, docs: list[tuple[str, str | None, str]]) -> None:
        """Index documents (id, title, text), embedded in one call to the encoder."""
        if docs:
            self.index.add([d for d, _, _ in docs], semantic.embed([semantic.document_text(t, x) for _, t, x in docs]))

    def rank(self, query: str, filters: dict | None = None, mode: str = "hybrid", depth: int = 30,
             text_depth: int | None = None) -> Ranking:
        """Fuse the `depth` best full-text matches and the `depth` nearest vectors that pass the
        filters; `text_depth` (≥ depth) counts more full-text matches as candidates."""
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {MODES}")
        scores: dict[str, float] = {}
        via: dict[str, list[str]] = {}
        candidates: set[str] = set()

        def fuse(ids: list[str], how: str) -> None:
            for rank, doc_id in enumerate(ids[:depth]):
                scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (RRF_K + rank + 1)
                via.setdefault(doc_id, []).append(how)
            candidates.update(ids)

        limit = max(depth, text_depth or 0)
        found = [d for d, _ in self.store.rank_text(query, limit=limit, filters=filters)]
        named = self._named(query, limit, filters) if query.strip() else []
        if mode in ("hybrid", "text"):
            fuse(found, "text")
            fuse(named, "names")
        if mode in ("hybrid", "semantic") and query.strip() and len(self.index):
            lexical, floor = set(found) | set(named), self.floor(query)
            kept = [d for d, sim in self.nearest(query, depth) if d in lexical or sim >= floor]
            fuse(self.store.filter_ids(kept, filters), "semantic")
        return Ranking(sorted(scores, key=lambda d: -scores[d]), scores, via, candidates)

    def nearest(self, query: str, k: int) -> list[tuple[str, float]]:
        """The k documents nearest the query in meaning, with their cosine similarity."""
        return self.index.search(semantic.query_vector(query), k)

    def floor(self, query: str) -> float:
        """The similarity a document found by meaning alone needs (see STRONG, BACKGROUND_SD)."""
        background = self.index.background(semantic.query_vector(query))
        return max(STRONG, background[0] + BACKGROUND_SD * background[1]) if background else STRONG

    def _named(self, query: str, limit: int, filters: dict | None) -> list[str]:
        """Documents holding another-language name of an organization or country the query names, or
        a translation of its subject term (search.expand), by the best rank any of them reaches."""
        best: dict[str, int] = {}
        for name in expansions(query):
            for rank, (doc_id, _) in enumerate(self.store.rank_text(name, limit=limit, filters=filters)):
                best[doc_id] = min(rank, best.get(doc_id, rank))
        return sorted(best, key=lambda d: best[d])

    def search(self, query: str, limit: int = 10, filters: dict | None = None, mode: str = "hybrid",
               with_facts: bool = True, offset: int = 0) -> list[Hit]:
        ranking = self.rank(query, filters, mode, depth=max((offset + limit) * 3, 30))
        return self.hits(query, ranking.order[offset:offset + limit], ranking, with_facts=with_facts)

    def hits(self, query: str, ids: list[str], ranking: Ranking, with_facts: bool = True) -> list[Hit]:
        """The shown hits: each document's snippet for the query and, with_facts, its key facts."""
        docs = self.store.snippets(ids)
        facts = self.store.main_events(ids) if with_facts else {}
        lemmas = query_lemmas(query)
        hits = []
        for doc_id in ids:
            d = docs.get(doc_id)
            if d is None:  # deleted since it was ranked
                continue
            hits.append(Hit(doc_id, d["url"], d["title"], d["published"], ranking.scores[doc_id],
                            hit_snippet(d["text"], lemmas, d["title"]), ranking.via[doc_id],
                            [fact_line(ev) for ev in facts.get(doc_id, [])]))
        return hits

    def save(self) -> None:
        self.index.save()
