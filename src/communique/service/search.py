"""Search: hybrid retrieval (`communique.search.Searcher`) over the stored documents, with facets
over every matching document and each hit's key facts."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..search.hybrid import MODES
from .documents import Documents
from .facts import display_title, topic_label

FACET_DEPTH = 500


class Search(Documents):
    """Search with facets."""

    def search(self, q: str, *, filters: dict | None = None, mode: str = "hybrid", limit: int = 20,
               offset: int = 0, lang: str = "en") -> dict:
        """Hybrid search (full text with morphology + multilingual vectors, fused by reciprocal rank, as
        `communique.search.Searcher` does), with facets over every matching document. Snippets are
        made for the page shown only."""
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}")
        filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
        idx = self.index()
        q = (q or "").strip()
        if q:
            ranking = self.searcher.rank(q, filters, mode, depth=max((offset + limit) * 3, 30), text_depth=FACET_DEPTH)
            candidates = ranking.candidates
            page = ranking.order[offset:offset + limit]
            hits = [h.to_dict() for h in self.searcher.hits(q, page, ranking, with_facts=False)]
        else:
            candidates = set(self.filtered_docs(filters))
            ordered = sorted((idx.docs[d] for d in candidates if d in idx.docs),
                             key=lambda d: (d.published or "", d.id), reverse=True)
            hits = [{"id": d.id, "url": d.url, "title": d.title, "published": d.published, "score": 0.0,
                     "snippet": "", "via": []} for d in ordered[offset:offset + limit]]
        for h in hits:
            meta = idx.docs.get(h["id"])
            h["title"] = meta.title if meta else display_title(h.get("title"), None, h["id"])
            h["language"] = meta.language if meta else None
            h["facts"] = self.key_facts(h["id"], lang=lang)
        return {"query": q, "filters": filters, "mode": mode, "hits": hits, "total": len(candidates),
                "facets": self.facets(candidates, lang=lang)}

    def filtered_docs(self, filters: dict) -> list[str]:
        idx = self.index()
        if not filters:
            return list(idx.docs)
        ids = list(idx.docs)
        out = []
        for start in range(0, len(ids), 900):
            out.extend(self.store.filter_ids(ids[start:start + 900], filters))
        return out

    def facets(self, doc_ids: set[str], lang: str = "en") -> dict:
        idx = self.index()
        types, topics, langs, countries, persons, orgs, years = (Counter() for _ in range(7))
        for d in doc_ids:
            meta = idx.docs.get(d)
            if meta is None:
                continue
            langs[meta.language or "?"] += 1
            if meta.published:
                years[meta.published[:4]] += 1
            for t in dict.fromkeys(t[0] for t in meta.topics):
                topics[t] += 1
            for t in {ev.type for ev in idx.doc_events.get(d, [])}:
                types[t] += 1
        per_doc: dict[str, set[str]] = defaultdict(set)
        for key, agg in idx.entities.items():
            if agg.type == "LOC" and not (agg.kind == "country" and agg.iso):
                continue
            hits = agg.docs & doc_ids if len(agg.docs) < len(doc_ids) else {x for x in doc_ids if x in agg.docs}
            if not hits:
                continue
            if agg.type == "PER":
                persons[key] = len(hits)
            elif agg.type == "ORG":
                orgs[key] = len(hits)
            else:
                countries[key] = len(hits)
            per_doc[key] = hits

        def entity_facet(counter: Counter, value) -> list[dict]:
            return [{"value": value(k), "label": idx.name(k), "count": n, "key": k}
                    for k, n in counter.most_common(10)]

        return {
            "event_type": [{"value": k, "label": k, "count": n} for k, n in types.most_common()],
            "topic": [{"value": k, "label": topic_label(k, k, lang), "count": n} for k, n in topics.most_common(12)],
            "language": [{"value": k, "label": k, "count": n} for k, n in langs.most_common()],
            "country": entity_facet(countries, lambda k: idx.entities[k].iso or idx.name(k)),
            "person": entity_facet(persons, idx.name),
            "organization": entity_facet(orgs, idx.name),
            "period": [{"value": k, "label": k, "count": n} for k, n in sorted(years.items(), reverse=True)],
        }

    def key_facts(self, doc_id: str, n: int = 3, lang: str = "en") -> list[dict]:
        idx = self.index()
        out = []
        for ev in idx.doc_events.get(doc_id, []):
            if ev.parent:
                continue
            out.append({"key": ev.key, "document": ev.doc, "id": ev.id, "type": ev.type, "status": ev.status, "start": ev.start, "end": ev.end,
                        "location": idx.name(ev.location),
                        "participants": [idx.name(k) for k, _ in ev.participants[:3]]})
            if len(out) >= n:
                break
        return out

    def find(self, q: str, *, limit: int = 10, filters: dict | None = None, mode: str = "hybrid") -> list:
        """The best `limit` hits (`communique.search.Hit`, with snippets and key facts), no facets: the
        command line's search, on the same searcher as `search`."""
        return self.searcher.search(q, limit=limit, filters=filters or {}, mode=mode)


    def ask(self, question: str, *, language: str | None = None) -> dict:
        """A cited answer to `question` (`communique.answer`), on the same searcher as `search`: the
        Ask box, the API's /ask and `communique ask` read this one answer; phrased by a model from its
        citations only where one is configured (`communique.answer.generate`)."""
        from ..answer import answer
        from ..answer.generate import phrase

        return phrase(answer(self.store, question, language=language, searcher=self.searcher)).to_dict()
