"""Documents: the list, one document with its corrected Record, and what a document page shows
beside its text (entities, events in the tree the Record gives, agreements, topics, corrections)."""

from __future__ import annotations

import dataclasses

from ..corrections import CorrectedRecord
from ..link.keys import entity_key
from ..model import Record, date_bounds
from ..store import period_bounds
from .base import NotFound, ServiceBase, paginate
from .facts import DocMeta, display_title, event_key, topic_label


def in_tree_order(events: list) -> list:
    """A document's events with each sub-event right after its own parent (depth first), so a page
    that indents sub-events shows them under the event the Record names, not under their neighbour."""
    ids = {ev.id for ev in events}
    children: dict[str, list] = {}
    for ev in events:
        if ev.parent in ids and ev.parent != ev.id:
            children.setdefault(ev.parent, []).append(ev)
    out: list = []
    seen: set[str] = set()

    def visit(ev) -> None:
        if ev.id in seen:
            return
        seen.add(ev.id)
        out.append(ev)
        for child in children.get(ev.id, []):
            visit(child)

    for ev in events:
        if ev.parent not in ids or ev.parent == ev.id:
            visit(ev)
    for ev in events:  # a cycle of parents: keep every event anyway
        visit(ev)
    return out


class Documents(ServiceBase):
    """Documents and their corrected Records."""

    def documents(self, *, limit: int = 20, offset: int = 0, language: str | None = None,
                  period: str | None = None) -> tuple[list[dict], int]:
        idx = self.index()
        items = list(idx.docs.values())
        if language:
            items = [d for d in items if (d.language or "") == language.lower()]
        if period:
            lo, hi = period_bounds(period)
            items = [d for d in items if d.published and date_bounds(d.published)[1] >= lo
                     and date_bounds(d.published)[0] <= hi]
        items.sort(key=lambda d: (d.published or "", d.id), reverse=True)
        shown, total = paginate(items, limit, offset)
        return [self.doc_summary(d) for d in shown], total

    def doc_summary(self, d: DocMeta) -> dict:
        idx = self.index()
        return {"id": d.id, "title": d.title, "published": d.published, "language": d.language,
                "url": d.url, "source": d.source, "events": len(idx.doc_events.get(d.id, [])),
                "topics": [t[0] for t in d.topics], "corrected": d.id in idx.corrected_docs}

    def document(self, doc_id: str) -> dict:
        rec = self.corrected(doc_id)
        doc = rec.record.document
        meta = self.index().docs.get(doc_id)
        return {"id": doc.id, "title": meta.title if meta else display_title(doc.title, doc.text, doc.id),
                "url": doc.url, "published": doc.published, "language": doc.language, "source": doc.source,
                "fetched": doc.fetched, "text": doc.text, "extractor": rec.record.extractor.version,
                "corrections": len(rec.applied), "orphaned_corrections": len(rec.orphaned),
                # the same release kept from other sources (a republication, another URL)
                "alternate_sources": self.store.alternate_sources(doc_id)}

    def corrected(self, doc_id: str) -> CorrectedRecord:
        fixed = self.corrections.corrected(doc_id)
        if fixed is None:
            raise NotFound(f"no document {doc_id!r}")
        return fixed

    def record(self, doc_id: str, *, corrected: bool = True) -> Record:
        if corrected:
            return self.corrected(doc_id).record
        rec = self.store.get_record(doc_id)
        if rec is None:
            raise NotFound(f"no document {doc_id!r}")
        return rec

    def records(self, *, limit: int = 20, offset: int = 0) -> tuple[list[dict], int]:
        docs, total = self.documents(limit=limit, offset=offset)
        return [self.record(d["id"]).to_dict() for d in docs], total

    def document_view(self, doc_id: str, lang: str = "en") -> dict:
        """Everything the document page shows beside the text: its facts, corrections and history;
        `fixed` (the corrected Record) and `key_of` (entity id → cross-document key) for the page that
        marks the facts in the text."""
        fixed = self.corrected(doc_id)
        rec = fixed.record
        key_of = self.entity_keys(rec)
        doc = self.document(doc_id)
        entities = []
        for e in rec.entities:
            entities.append({"id": e.id, "key": key_of[e.id], "name": e.name, "type": e.type, "kind": e.kind,
                             "iso": e.iso, "aliases": e.aliases,
                             "roles": [{"title": r.title, "organization": rec.entity_name(r.organization),
                                        "country": r.country} for r in e.roles],
                             "corrections": fixed.corrections_of("entity", e.id)})
        events = [self.event_row(rec, ev, key_of, fixed) for ev in in_tree_order(rec.events)]
        agreements = [{"id": a.id, "kind": a.kind, "title": a.title, "signed": a.signed, "event": a.event,
                       "parties": [{"key": key_of.get(p), "name": rec.entity_name(p),
                                    "type": rec.entity(p).type if rec.entity(p) else None} for p in a.parties],
                       "corrections": fixed.corrections_of("agreement", a.id)} for a in rec.agreements]
        topics = [{"id": t.id, "label": topic_label(t.id, t.label, lang), "score": t.score} for t in rec.topics]
        return {"document": doc, "fixed": fixed, "key_of": key_of, "entities": entities, "events": events,
                "agreements": agreements, "topics": topics, "applied": fixed.applied, "orphaned": fixed.orphaned,
                "history": self.corrections.for_document(doc_id, include_reverted=True)}

    def entity_keys(self, rec: Record) -> dict[str, str]:
        """Each entity of a document's Record → its cross-document key (its knowledge-base entity)."""
        idx = self.index()
        doc_id = rec.document.id
        return {e.id: idx.member_key.get((doc_id, e.id)) or entity_key(e.type, e.name, e.kind, e.iso, e.gazetteer_id)
                for e in rec.entities}

    def event_row(self, rec: Record, ev, key_of: dict, fixed: CorrectedRecord) -> dict:
        return {"id": ev.id, "key": event_key(rec.document.id, ev.id), "type": ev.type, "status": ev.status,
                "start": ev.start, "end": ev.end, "name": ev.name, "ordinal": ev.ordinal, "parent": ev.parent,
                "series": ev.series, "trigger": ev.trigger, "confidence": ev.confidence,
                "location": {"key": key_of.get(ev.location), "name": rec.entity_name(ev.location)}
                if ev.location else None,
                "participants": [{"key": key_of.get(p.entity), "name": rec.entity_name(p.entity),
                                  "type": (rec.entity(p.entity).type if rec.entity(p.entity) else None),
                                  "role": p.role} for p in ev.participants],
                "plover": dataclasses.asdict(ev.plover) if ev.plover else None,
                "evidence": {"start": ev.evidence.start, "end": ev.evidence.end, "text": ev.evidence.text},
                "corrections": fixed.corrections_of("event", ev.id)}

