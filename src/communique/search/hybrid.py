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

RRF_K = 60
MODES = ("hybrid", "text", "semantic")


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

        if mode in ("hybrid", "text"):
            found = self.store.rank_text(query, limit=max(depth, text_depth or 0), filters=filters)
            fuse([doc_id for doc_id, _ in found], "text")
        if mode in ("hybrid", "semantic") and query.strip() and len(self.index):
            nearest = self.index.search(semantic.query_vector(query), depth)
            fuse(self.store.filter_ids([d for d, _ in nearest], filters), "semantic")
        return Ranking(sorted(scores, key=lambda d: -scores[d]), scores, via, candidates)

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
