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
        events = idx.event_counts  # each event once, as the timeline and the profile count them
        items.sort(key=lambda e: (-len(e.docs), -events.get(e.key, 0), e.name))
        shown, total = paginate(items, limit, offset)
        return [{**e.summary(), "events": events.get(e.key, 0)} for e in shown], total

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
        # each event once, as the knowledge base links its reports (the timeline's and the graph's events)
        events = self.select_events(entity=key)
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
            # the knowledge base's name per language ({} for an entity of a document not linked yet)
            "names_by_language": dict(idx.kb.entities[key].get("names") or {})
            if idx.kb is not None and key in idx.kb.entities else {},
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

    # -- names ---------------------------------------------------------------------------------------
    def keys_named(self, name: str, type: str | None = None) -> list[str]:
        """The entity keys a name (any spelling or script) or key denotes, as the knowledge base of
        `communique.link` resolves names (every hit as good as the best); when it knows none (no
        knowledge base, a document not linked yet), the entities that carry exactly that name."""
        idx = self.index()
        name = (name or "").strip()
        if name in idx.entities and (type is None or idx.entities[name].type == type):
            return [name]
        if idx.kb is not None:
            found = [k for k in self.knowledge_base().named(name, type) if k in idx.entities]
            if found:
                return found
        folded = name.casefold()
        return sorted(k for k, e in idx.entities.items() if (type is None or e.type == type)
                      and any(n.casefold() == folded for n in e.names))

    def entity_named(self, name: str, type: str | None = None) -> str:
        """The one entity key a name denotes (the first of equals); NotFound when none."""
        keys = self.keys_named(name, type)
        if not keys:
            raise NotFound(f"no entity is named {name!r}")
        return keys[0]

    def filters_named(self, *, person: str | None = None, organization: str | None = None,
                      country: str | None = None, series: str | None = None) -> dict:
        """`select_events` filters from names as a person would type them: a person's or a body's name in
        any spelling (each may denote several entities), a country's name or ISO code, a series' name
        or part of it. A name that denotes nothing matches no event."""
        filters: dict = {}
        groups = [self.keys_named(v, t) for v, t in ((person, "PER"), (organization, "ORG")) if v]
        if groups:
            filters["entities"] = groups
        if country:
            from ..link.resolve import country_iso

            filters["country"] = country_iso(country) or "-"
        if series:
            filters["series"] = self.series_named(series) or ["-"]
        return filters

    def why_merged(self, a: str, b: str) -> dict:
        """Why two names are one entity (the linker's chain of evidence), or why they are kept apart."""
        return self.knowledge_base().why_merged(a, b)
