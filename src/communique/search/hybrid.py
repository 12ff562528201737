"""Hybrid retrieval: full text (Russian morphology, in the store) and multilingual vectors, fused by
reciprocal rank, with the store's filters applied to both, and every hit shown with the sentence
that matched and the key facts of its document."""

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


def _lead(text: str | None, title: str | None) -> str | None:
    """The first sentence of the story: a line that ends like a sentence, not the title or a dateline."""
    for line in (text or "").splitlines():
        line = line.strip().strip("#*_ ")
        if len(line) > 60 and line != title and line.rstrip().endswith((".", "!", "?", "»")):
            end = line.find(". ", 60)
            return line[:end + 1] if end > 0 else line
    return None


class Searcher:
    """Search one store; the vector index lives beside its database."""

    def __init__(self, store: Store, index: semantic.VectorIndex | None = None):
        self.store = store
        self.index = index if index is not None else semantic.VectorIndex(semantic.index_path_for(store.url))

    def add(self, doc_id: str, title: str | None, text: str) -> None:
        self.index.add([doc_id], semantic.embed([semantic.document_text(title, text)]))

    def search(self, query: str, limit: int = 10, filters: dict | None = None, mode: str = "hybrid",
               with_facts: bool = True) -> list[Hit]:
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {MODES}")
        depth = max(limit * 3, 30)
        ranked: dict[str, float] = {}
        via: dict[str, list[str]] = {}
        text_hits: dict[str, dict] = {}
        if mode in ("hybrid", "text"):
            for rank, hit in enumerate(self.store.search_text(query, limit=depth, filters=filters)):
                text_hits[hit["id"]] = hit
                ranked[hit["id"]] = ranked.get(hit["id"], 0.0) + 1.0 / (RRF_K + rank + 1)
                via.setdefault(hit["id"], []).append("text")
        if mode in ("hybrid", "semantic") and query.strip() and len(self.index):
            found = self.index.search(semantic.embed([query])[0], depth)
            ids = self.store.filter_ids([d for d, _ in found], filters)
            for rank, doc_id in enumerate(ids):
                ranked[doc_id] = ranked.get(doc_id, 0.0) + 1.0 / (RRF_K + rank + 1)
                via.setdefault(doc_id, []).append("semantic")
        order = sorted(ranked, key=lambda d: -ranked[d])[:limit]
        missing = [d for d in order if d not in text_hits]
        docs = self.store.snippets(missing)
        lemmas = query_lemmas(query)
        hits = []
        for doc_id in order:
            if doc_id in text_hits:
                h = text_hits[doc_id]
                hit = Hit(doc_id, h["url"], h["title"], h.get("published"), ranked[doc_id], h["snippet"], via[doc_id])
            else:
                d = docs.get(doc_id)
                if d is None:
                    continue
                text_snippet = snippet(d["text"], lemmas, d["title"])
                if "[[" not in text_snippet:
                    text_snippet = _lead(d["text"], d["title"]) or text_snippet  # found by meaning: its lead
                hit = Hit(doc_id, d["url"], d["title"], d["published"], ranked[doc_id], text_snippet, via[doc_id])
            if with_facts:
                hit.facts = self.key_facts(doc_id)
            hits.append(hit)
        return hits

    def key_facts(self, doc_id: str, n: int = 3) -> list[str]:
        """A line per main event: type, date, place, who."""
        record = self.store.get_record(doc_id)
        if record is None:
            return []
        lines = []
        for ev in record.events:
            if ev.parent:
                continue
            when = ev.start or ev.end or ""
            if ev.start and ev.end:
                when = f"{ev.start}–{ev.end}"
            who = ", ".join(n for n in (record.entity_name(p.entity) for p in ev.participants[:3]) if n)
            where = record.entity_name(ev.location) or ""
            label = ev.type.lower() + (f" «{ev.name}»" if ev.name else "")
            lines.append(" · ".join(x for x in (label, ev.status, when, where, who) if x))
            if len(lines) >= n:
                break
        return lines

    def save(self) -> None:
        self.index.save()
