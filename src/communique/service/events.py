"""Events across documents: lists and filters, one event with its other reports and conflicts (as the
knowledge base links them), agreements, series, the timeline and topic trends."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from ..link.series import consistent as series_consistent
from ..model import date_bounds
from ..store import period_bounds
from .base import NotFound, paginate, sort_date
from .documents import Documents
from .facts import AgreementFact, EventFact, event_key, topic_label

GRANULARITIES = ("year", "month", "day")


class Events(Documents):
    """Events, agreements, series, timeline, topic trends."""

    def event_summary(self, ev: EventFact) -> dict:
        """One event as every list shows it; an event the knowledge base links carries its kb id, every
        report of it (`sources`) and where they disagree (`conflicts`), as `communique.link` decided."""
        idx = self.index()
        meta = idx.docs.get(ev.doc)
        kb_event = idx.kb_event(ev)
        reports = [s for s in idx.kb.sources.get(kb_event, []) if s in idx.events] if kb_event else []
        return {"key": ev.key, "document": ev.doc, "id": ev.id, "type": ev.type, "status": ev.status,
                "start": ev.start, "end": ev.end, "name": ev.name, "ordinal": ev.ordinal,
                "location": idx.ref(ev.location), "series": ev.series, "parent": ev.parent,
                "participants": [{**(idx.ref(k) or {"key": k, "name": k}), "role": role}
                                 for k, role in ev.participants],
                "evidence": ev.evidence, "published": meta.published if meta else None,
                "document_title": meta.title if meta else ev.doc, "corrected": ev.corrected,
                "kb_event": kb_event,
                "sources": [{"document": d, "event": e} for d, e in reports or [(ev.doc, ev.id)]],
                "conflicts": list(idx.kb.conflicts.get(kb_event, [])) if kb_event else []}

    def select_events(self, *, type: str | None = None, status: str | None = None, from_: str | None = None,
                       to: str | None = None, entity: str | None = None, topic: str | list[str] | None = None,
                       country: str | None = None, series: str | list[str] | None = None,
                       document: str | None = None, dated: bool = False, entities: list[list[str]] | None = None) -> list[EventFact]:
        """Events, each once as the knowledge base knows it (one document's own reports with `document`),
        in date order. `entity`: an entity key that takes part (or is the place); `entities`: groups
        of keys, each with at least one key taking part (a name that denotes several entities is a
        group); `series`: a series key or keys; `topic`: topic ids or labels of the reporting document."""
        idx = self.index()
        groups = [set(g) for g in entities or []]
        if entity:
            groups.insert(0, {entity})
        if groups:
            pool = list({id(e): e for k in sorted(groups[0]) for e in idx.events_of(k)}.values())
        else:
            pool = idx.events.values()
        # one document: its own reports; across documents: each event once, as the knowledge base knows it
        pool = [e for e in pool if e.doc == document] if document else idx.once(pool)
        lo, hi = period_bounds((from_, to))
        bounded = bool(from_ or to)
        types = {t.upper() for t in type.split(",")} if type else None
        topics = {topic} if isinstance(topic, str) else set(topic or ())
        series_keys = {series} if isinstance(series, str) else set(series or ())
        out = []
        for ev in pool:
            if types and ev.type not in types:
                continue
            if status and ev.status != status:
                continue
            if series_keys and ev.series not in series_keys:
                continue
            if (dated or bounded) and not ev.date_from:
                continue
            if bounded and not (ev.date_from <= hi and (ev.date_to or ev.date_from) >= lo):
                continue
            if topics and not topics & {x for t in idx.docs[ev.doc].topics for x in t[:2]}:
                continue
            keys = {k for k, _ in ev.participants} | ({ev.location} if ev.location else set())
            if any(not g & keys for g in groups[1:]):
                continue
            if country:
                c = country.upper()
                if not any((idx.entities[k].iso or "") == c for k in keys if k in idx.entities):
                    continue
            out.append(ev)
        out.sort(key=lambda e: (sort_date(e.date_from), e.doc, e.id))
        return out

    def events(self, *, limit: int = 50, offset: int = 0, **filters) -> tuple[list[dict], int]:
        items = self.select_events(**filters)
        shown, total = paginate(items, limit, offset)
        return [self.event_summary(e) for e in shown], total

    def event(self, doc_id: str, event_id: str, lang: str = "en") -> dict:
        fixed = self.corrected(doc_id)
        rec = fixed.record
        ev = next((e for e in rec.events if e.id == event_id), None)
        if ev is None:
            raise NotFound(f"no event {event_id!r} in document {doc_id!r}")
        idx = self.index()
        key_of = self.entity_keys(rec)
        row = self.event_row(rec, ev, key_of, fixed)
        parent = next((e for e in rec.events if e.id == ev.parent), None) if ev.parent else None
        children = [e for e in rec.events if e.parent == ev.id]
        agreements = [a for a in rec.agreements if a.event == ev.id or
                      (a.event and any(c.id == a.event for c in children))]
        meta = idx.docs.get(doc_id)
        fact = idx.events.get((doc_id, event_id))
        kb_event = idx.kb.events.get((doc_id, event_id)) if idx.kb is not None else None
        # the knowledge base (corrections applied) says which reports tell this event and where they disagree
        reports = [(idx.events[src], 1.0) for src in idx.kb.sources.get(kb_event, [])
                   if src != (doc_id, event_id) and src in idx.events] if kb_event is not None else []
        conflicts = list(idx.kb.conflicts.get(kb_event, [])) if kb_event is not None else []
        series_key = fact.series if fact is not None else None
        row["series"] = series_key
        row["series_name"] = (idx.series_names.get(series_key) or _series_name(idx.series.get(series_key, []),
                                                                                series_key)) if series_key else None
        row["kb_event"] = kb_event
        return {
            **row, "document": {"id": doc_id, "title": meta.title if meta else doc_id,
                                "published": rec.document.published, "url": rec.document.url,
                                "language": rec.document.language},
            "parent_event": self.event_row(rec, parent, key_of, fixed) if parent else None,
            "sub_events": [self.event_row(rec, c, key_of, fixed) for c in children],
            "agreements": [{"id": a.id, "kind": a.kind, "title": a.title, "signed": a.signed,
                            "parties": [{"key": key_of.get(p), "name": rec.entity_name(p)} for p in a.parties],
                            "corrections": fixed.corrections_of("agreement", a.id)} for a in agreements],
            "sources": [{"document": doc_id, "event": event_id, "title": meta.title if meta else doc_id,
                         "published": rec.document.published, "evidence": ev.evidence.text, "this": True}]
            + [{"document": r.doc, "event": r.id, "title": idx.docs[r.doc].title, "evidence": r.evidence,
                "published": idx.published(r.doc), "this": False, "score": s} for r, s in reports],
            "conflicts": conflicts,
            "series_events": [self.event_summary(e) for e in idx.series.get(series_key, [])] if series_key else [],
            "history": [c for c in self.corrections.for_document(doc_id, include_reverted=True)
                        if c.target == "event" and c.target_id == event_id
                        or c in fixed.corrections_of("event", event_id)],
            "entities": [{"id": e.id, "name": e.name, "type": e.type} for e in rec.entities],
        }

    # -- agreements -----------------------------------------------------------------------------------
    def agreement_summary(self, a: AgreementFact) -> dict:
        idx = self.index()
        meta = idx.docs.get(a.doc)
        return {"document": a.doc, "id": a.id, "kind": a.kind, "title": a.title, "signed": a.signed,
                "event": event_key(a.doc, a.event) if a.event else None,
                "parties": [idx.ref(k) for k in a.parties if idx.ref(k)],
                "document_title": meta.title if meta else a.doc, "published": meta.published if meta else None,
                "corrected": a.corrected}

    def agreements(self, *, kind: str | None = None, party: str | None = None, from_: str | None = None,
                   to: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        idx = self.index()
        pool = idx.by_entity_agreements.get(party, []) if party else list(idx.agreements.values())
        lo, hi = period_bounds((from_, to))
        out = []
        for a in pool:
            if kind and a.kind != kind:
                continue
            when = a.signed or idx.published(a.doc)
            if (from_ or to) and not (when and date_bounds(when)[0] <= hi and date_bounds(when)[1] >= lo):
                continue
            out.append(a)
        out.sort(key=lambda a: (a.signed or idx.published(a.doc) or "", a.doc, a.id), reverse=True)
        shown, total = paginate(out, limit, offset)
        return [self.agreement_summary(a) for a in shown], total

    # -- series ---------------------------------------------------------------------------------------
    def series_list(self, *, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        idx = self.index()
        items = []
        for key, evs in idx.series.items():
            dated = sorted(e.date_from for e in evs if e.date_from)
            items.append({"key": key, "name": idx.series_names.get(key) or _series_name(evs, key), "events": len(evs),
                          "documents": len({e.doc for e in evs}), "first": dated[0] if dated else None,
                          "last": dated[-1] if dated else None})
        items.sort(key=lambda s: (-s["events"], s["name"]))
        return paginate(items, limit, offset)

    def series_named(self, name: str) -> list[str]:
        """The series keys a name denotes: the key itself, or the knowledge base's answer
        (`KnowledgeBase.series_named`); without a knowledge base, the series whose name contains it."""
        idx = self.index()
        name = (name or "").strip()
        if name in idx.series:
            return [name]
        if idx.kb is not None:
            return [k for k in self.knowledge_base().series_named(name) if k in idx.series]
        low = name.casefold()
        return sorted(k for k, evs in idx.series.items()
                      if low in (idx.series_names.get(k) or _series_name(evs, k)).casefold())

    def series(self, key: str) -> dict:
        idx = self.index()
        evs = idx.series.get(key)
        if not evs:
            raise NotFound(f"no series {key!r}")
        ordered = sorted(evs, key=lambda e: (e.ordinal if e.ordinal is not None else 10**6,
                                             sort_date(e.date_from), e.doc))
        people = Counter(k for e in evs for k in {k for k, _ in e.participants})
        places = Counter(e.location for e in evs if e.location)
        consistent, order = series_consistent([(e.ordinal, e.start) for e in ordered])
        return {"key": key, "name": idx.series_names.get(key) or _series_name(evs, key),
                "consistent": consistent, "order": order,
                "events": [self.event_summary(e) for e in ordered],
                "participants": [{**idx.ref(k), "events": n} for k, n in people.most_common(20) if idx.ref(k)],
                "places": [{**idx.ref(k), "events": n} for k, n in places.most_common(10) if idx.ref(k)]}

    # -- timeline -------------------------------------------------------------------------------------
    def timeline(self, *, from_: str | None = None, to: str | None = None, granularity: str | None = None,
                 limit: int = 200, offset: int = 0, **filters) -> dict:
        events = self.select_events(from_=from_, to=to, dated=True, **filters)
        if granularity not in GRANULARITIES:
            granularity = _auto_granularity(events)
        width = {"year": 4, "month": 7, "day": 10}[granularity]
        buckets: Counter = Counter()
        by_type: dict[str, Counter] = defaultdict(Counter)
        for ev in events:
            b = ev.date_from[:width]
            buckets[b] += 1
            by_type[b][ev.type] += 1
        page = events[offset:offset + limit]
        return {"from": from_, "to": to, "granularity": granularity, "total": len(events),
                "buckets": [{"key": k, "count": buckets[k], "types": dict(by_type[k])} for k in sorted(buckets)],
                "events": [self.event_summary(e) for e in page], "limit": limit, "offset": offset}

    # -- topics --------------------------------------------------------------------------------------------
    def topic_trend(self, *, from_: str | None = None, to: str | None = None, lang: str = "en",
                    top: int = 8) -> dict:
        """Events per topic per month (an event counts for the topics of its document)."""
        idx = self.index()
        if not from_ and not to:  # the period the corpus covers, not every date it mentions
            published = sorted(d.published for d in idx.docs.values() if d.published)
            if published:
                from_, to = str(int(published[0][:4]) - 1) + published[0][4:7], \
                    str(int(published[-1][:4]) + 1) + published[-1][4:7]
        events = self.select_events(from_=from_, to=to, dated=True)
        counts: dict[str, Counter] = defaultdict(Counter)
        for ev in events:
            month = ev.date_from[:7]
            for t in dict.fromkeys(t[0] for t in idx.docs[ev.doc].topics):
                counts[t][month] += 1
        months = _months(min((m for c in counts.values() for m in c), default=None),
                         max((m for c in counts.values() for m in c), default=None))
        totals = Counter({t: sum(c.values()) for t, c in counts.items()})
        series = [{"topic": t, "label": topic_label(t, t, lang), "total": n, "counts": [counts[t][m] for m in months]}
                  for t, n in totals.most_common(top)]
        return {"months": months, "series": series, "from": from_, "to": to}


def _series_name(events: list[EventFact], key: str) -> str:
    """The name of a series the knowledge base has not named: its first named event's, without the ordinal."""
    from ..link.series import series_name

    return next((series_name(ev.name) for ev in events if ev.name), key)


def _auto_granularity(events: list[EventFact]) -> str:
    dates = [e.date_from for e in events if e.date_from]
    if not dates:
        return "month"
    span = (date.fromisoformat(max(dates)) - date.fromisoformat(min(dates))).days
    if span > 3 * 366:
        return "year"
    if span > 62:
        return "month"
    return "day"


def _months(first: str | None, last: str | None) -> list[str]:
    if not first or not last:
        return []
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 240:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out

