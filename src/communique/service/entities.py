"""Entities across documents: the list, an entity's profile (roles over time, events, co-participants,
agreements, documents) and the co-participation graph. Which mentions are one entity is the knowledge
base's decision (`communique.link`); these views group by it."""

from __future__ import annotations

from collections import Counter, defaultdict

from .base import NotFound, paginate, sort_date
from .events import Events


class Entities(Events):
    """Entities, their profiles and the graph."""

    def entities(self, *, q: str | None = None, type: str | None = None, limit: int = 50,
                 offset: int = 0) -> tuple[list[dict], int]:
        idx = self.index()
        items = list(idx.entities.values())
        if type:
            items = [e for e in items if e.type == type.upper()]
        if q:
            folded = q.casefold().strip()
            items = [e for e in items if any(folded in n.casefold() for n in e.names)]
        items.sort(key=lambda e: (-len(e.docs), -len(idx.by_entity_events.get(e.key, [])), e.name))
        shown, total = paginate(items, limit, offset)
        return [{**e.summary(), "events": len(idx.by_entity_events.get(e.key, []))} for e in shown], total

    def entity(self, key: str, lang: str = "en", *, events_limit: int = 100, documents_limit: int = 50) -> dict:
        """The profile of an entity: roles over time, events (the latest `events_limit`, in date order),
        co-participants, agreements, documents (the latest `documents_limit`)."""
        idx = self.index()
        agg = idx.entities.get(key)
        if agg is None:
            raise NotFound(f"no entity {key!r}")
        # roles over time: each title with the first and last date it is attested
        roles: dict[tuple, dict] = {}
        for r in idx.by_entity_roles.get(key, []):
            when = idx.published(r.doc)
            item = roles.get((r.title.casefold(), r.organization))
            if item is None:
                item = roles[(r.title.casefold(), r.organization)] = {
                    "title": r.title, "organization": idx.ref(r.organization), "country": r.country,
                    "first": when, "last": when, "documents": {}}
            if when:
                if item["first"] is None or when < item["first"]:
                    item["first"] = when
                if item["last"] is None or when > item["last"]:
                    item["last"] = when
            item["documents"][r.doc] = when or ""
        for item in roles.values():  # the documents that attest a role: the first 20, in date order
            docs_of = sorted(item["documents"], key=lambda d: (item["documents"][d], d))
            item["documents_total"] = len(docs_of)
            item["documents"] = docs_of[:20]
        role_list = sorted(roles.values(), key=lambda r: (sort_date(r["first"]), r["title"]))
        # every report that names the entity (each links to its own document's account of the event)
        events = sorted(idx.by_entity_events.get(key, []), key=lambda e: (sort_date(e.date_from), e.doc, e.id))
        co = Counter()
        for ev in events:
            for other in {k for k, _ in ev.participants}:
                if other != key:
                    co[other] += 1
        docs = sorted(agg.docs, key=lambda d: idx.published(d) or "", reverse=True)
        agreements = idx.by_entity_agreements.get(key, [])
        shown = events[-events_limit:] if events_limit else events
        return {
            **agg.summary(), "names": [n for n, _ in agg.names.most_common(50)],
            "roles": role_list,
            "events": [self.event_summary(e) for e in shown], "events_total": len(events),
            "co_participants": [{**idx.ref(k), "events": n} for k, n in co.most_common(30)],
            "agreements": [self.agreement_summary(a) for a in agreements[-100:]],
            "agreements_total": len(agreements),
            "documents": [self.doc_summary(idx.docs[d]) for d in docs[:documents_limit] if d in idx.docs],
            "documents_total": len(docs),
        }

    # -- graph --------------------------------------------------------------------------------------------
    def graph(self, *, entity: str | None = None, types: str | None = None, min_weight: int = 1,
              limit: int = 80) -> dict:
        """Entities as nodes; an edge where two took part in the same event (or are parties to the
        same agreement), weighted by how many."""
        idx = self.index()
        allowed = {t.strip().upper() for t in types.split(",")} if types else {"PER", "ORG", "LOC"}
        weights: Counter = Counter()
        kinds: dict[tuple[str, str], set[str]] = defaultdict(set)

        def connect(keys: list[str], kind: str) -> None:
            keys = sorted({k for k in keys if k in idx.entities and idx.entities[k].type in allowed})
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    weights[(a, b)] += 1
                    kinds[(a, b)].add(kind)

        events = idx.events_of(entity) if entity else idx.once(idx.events.values())
        for ev in events:
            connect([k for k, _ in ev.participants], "event")
        agreements = idx.by_entity_agreements.get(entity, []) if entity else idx.agreements.values()
        for a in agreements:
            connect(a.parties, "agreement")
        edges = [(a, b, w) for (a, b), w in weights.items() if w >= max(1, min_weight)]
        if entity:
            edges = [(a, b, w) for a, b, w in edges if entity in (a, b)] + \
                    [(a, b, w) for a, b, w in edges if entity not in (a, b)]
        degree: Counter = Counter()
        for a, b, w in edges:
            degree[a] += w
            degree[b] += w
        keep = {k for k, _ in degree.most_common(max(1, limit))}
        if entity and entity in idx.entities:
            keep.add(entity)
        edges = [(a, b, w) for a, b, w in edges if a in keep and b in keep]
        nodes = [{"id": k, "name": idx.name(k), "type": idx.entities[k].type, "weight": degree.get(k, 0),
                  "documents": len(idx.entities[k].docs)} for k in sorted(keep)]
        return {"center": entity, "nodes": nodes,
                "edges": [{"source": a, "target": b, "weight": w, "kinds": sorted(kinds[(a, b)])}
                          for a, b, w in edges]}

    # -- by name, as the knowledge base answers (the command line) --------------------------------
    def profile(self, name: str) -> dict:
        """The profile of the entity a name (any spelling or script) or kb id is: names per language,
        roles over time, events with their sources and conflicts, co-participants. Raises
        `link.kb.KbError` (a ValueError) when no entity has that name."""
        return self.knowledge_base().entity_profile(name)

    def why_merged(self, a: str, b: str) -> dict:
        """Why two names are one entity (the linker's chain of evidence), or why they are kept apart."""
        return self.knowledge_base().why_merged(a, b)

    def kb_graph(self, *, types: tuple[str, ...] = ("PER", "ORG"), min_weight: int = 1) -> dict:
        """Who met whom and how often over the whole knowledge base (co-participation in kb events)."""
        return self.knowledge_base().graph(types=types, min_weight=min_weight)

