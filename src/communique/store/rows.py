"""Rows and Records: what a Record is in the store's tables (documents, facts) and the Record a stored
row gives back. Pure functions, no connection: the repository writes and reads them."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..model import Document, Record, date_bounds
from . import fulltext
from .schema import (
    AgreementPartyRow,
    AgreementRow,
    DocumentRow,
    EntityRow,
    EventRow,
    MentionRow,
    ParticipantRow,
    RoleRow,
    TopicRow,
)

D = DocumentRow.__table__


def with_provenance(record: Record, fetched: str | None, source: str | None) -> Record:
    """The Record with the fetch time and source given to `put` (None keeps the Record's own)."""
    changes = {k: v for k, v in (("fetched", fetched), ("source", source)) if v is not None}
    if not changes:
        return record
    return dataclasses.replace(record, document=dataclasses.replace(record.document, **changes))


def lock_keys(doc: Document) -> tuple[str, ...]:
    """What two writers of the same document contend on: its content hash, its id and its URL."""
    return ("hash:" + doc.content_hash, "id:" + doc.id, *(["url:" + doc.url] if doc.url else []))


def document_values(record: Record, *, etag: str | None, last_modified: str | None, now: str) -> dict:
    """The row of `documents` for a Record (less `created`)."""
    doc = record.document
    published_from, published_to = date_bounds(doc.published) if doc.published else (None, None)
    data = record.to_dict()
    data["document"].pop("text")  # kept once, in documents.text
    return {
        "id": doc.id, "url": doc.url, "title": doc.title, "published": doc.published,
        "published_from": published_from, "published_to": published_to, "language": doc.language,
        "source": doc.source, "fetched": doc.fetched, "content_hash": doc.content_hash, "etag": etag,
        "last_modified": last_modified, "extractor_version": record.extractor.version, "text": doc.text,
        "lemmas": fulltext.document_lemmas(doc.title, doc.text), "record_json": data, "updated": now,
    }


def fact_rows(record: Record) -> dict[Any, list[dict]]:
    """The rows of the fact tables for a Record, table by table, in the order `put` inserts them."""
    doc_id = record.document.id
    entities, roles = entity_rows(doc_id, record)
    events, participants = event_rows(doc_id, record)
    agreements, parties = agreement_rows(doc_id, record)
    return {MentionRow: mention_rows(doc_id, record), EntityRow: entities, RoleRow: roles, EventRow: events,
            ParticipantRow: participants, AgreementRow: agreements, AgreementPartyRow: parties,
            TopicRow: topic_rows(doc_id, record)}


def mention_rows(doc_id: str, record: Record) -> list[dict]:
    return [{"document_id": doc_id, "char_start": m.start, "char_end": m.end, "type": m.type, "text": m.text,
             "entity_id": m.entity} for m in record.mentions]


def entity_rows(doc_id: str, record: Record) -> tuple[list[dict], list[dict]]:
    entities, roles = [], []
    for e in record.entities:
        names = "\n".join(dict.fromkeys(n.casefold() for n in [e.name, *e.aliases] if n))
        entities.append({"document_id": doc_id, "entity_id": e.id, "type": e.type, "name": e.name,
                         "kind": e.kind, "iso": e.iso, "gazetteer_id": e.gazetteer_id,
                         "aliases": list(e.aliases), "names": names})
        for r in e.roles:
            roles.append({"document_id": doc_id, "entity_id": e.id, "title": r.title,
                          "organization": r.organization, "country": r.country,
                          "evidence_start": r.evidence.start if r.evidence else None,
                          "evidence_end": r.evidence.end if r.evidence else None})
    return entities, roles


def event_rows(doc_id: str, record: Record) -> tuple[list[dict], list[dict]]:
    events, participants = [], []
    for ev in record.events:
        date_from = date_bounds(ev.start)[0] if ev.start else None
        last = ev.end or ev.start
        date_to = date_bounds(last)[1] if last else None
        events.append({
            "document_id": doc_id, "event_id": ev.id, "type": ev.type, "status": ev.status,
            "start": ev.start, "end": ev.end, "date_from": date_from, "date_to": date_to,
            "location": ev.location, "name": ev.name, "ordinal": ev.ordinal, "parent": ev.parent,
            "series": ev.series, "trigger": ev.trigger,
            "plover_code": ev.plover.code if ev.plover else None,
            "plover_mode": ev.plover.mode if ev.plover else None, "confidence": ev.confidence,
            "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
            "evidence_text": ev.evidence.text})
        participants.extend({"document_id": doc_id, "event_id": ev.id, "entity_id": p.entity,
                             "role": p.role} for p in ev.participants)
    return events, participants


def agreement_rows(doc_id: str, record: Record) -> tuple[list[dict], list[dict]]:
    agreements, parties = [], []
    for a in record.agreements:
        agreements.append({"document_id": doc_id, "agreement_id": a.id, "kind": a.kind, "title": a.title,
                           "signed": a.signed, "event_id": a.event, "evidence_start": a.evidence.start,
                           "evidence_end": a.evidence.end})
        parties.extend({"document_id": doc_id, "agreement_id": a.id, "entity_id": p} for p in a.parties)
    return agreements, parties


def topic_rows(doc_id: str, record: Record) -> list[dict]:
    return [{"document_id": doc_id, "topic_id": t.id, "label": t.label, "score": t.score} for t in record.topics]


RECORD_COLUMNS = (D.c.record_json, D.c.text, D.c.url, D.c.source, D.c.fetched)


def document_data(row: Any) -> dict:
    """The stored document: the text and the provenance (which a later fetch may refresh) from
    their columns, the rest from the Record JSON."""
    return {**row.record_json["document"], "text": row.text or "", "url": row.url, "source": row.source,
            "fetched": row.fetched}


def record_from_row(row: Any) -> Record:
    """The Record of a row selected with RECORD_COLUMNS."""
    return Record.from_dict({**row.record_json, "document": document_data(row)})
