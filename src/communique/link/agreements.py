"""Agreements in the knowledge base: the parties to each agreement of a linked (corrected) Record, kept
by their document-level ids (`kb_agreement_parties`) and read through `kb_members`, so a merge or a
split of an entity moves its agreements with it. One agreement told by several reports — the same
kind, signed at one kb event by the same kb entities — counts once (`agreement_groups`), as one kb
event does; the graph (`KnowledgeBase.graph`) weighs parties to one agreement with them."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, delete, insert, select

from ..model import Record
from ..store.kb_tables import KbAgreementPartyRow, KbEventSourceRow, KbMemberRow

AP = KbAgreementPartyRow.__table__
M, ES = KbMemberRow.__table__, KbEventSourceRow.__table__


def record_agreements(conn: Connection, record: Record) -> int:
    """Keep the parties to each agreement of `record` (the Record as linked: corrections applied)."""
    doc = record.document.id
    rows = [{"document_id": doc, "agreement_id": a.id, "kind": a.kind, "event_id": a.event, "entity_id": p}
            for a in record.agreements for p in dict.fromkeys(a.parties)]
    if rows:
        conn.execute(insert(AP), rows)
    return len(rows)


def forget_agreements(conn: Connection, doc_id: str) -> None:
    conn.execute(delete(AP).where(AP.c.document_id == doc_id))


def agreement_groups(conn: Connection) -> dict[str, set[str]]:
    """Each agreement once → the kb entities that are parties to it. An agreement is named
    `document/agreement id` (the first report of it); reports of one agreement — its kind, its signing
    kb event and its parties the same — are one."""
    parties: dict[tuple[str, str], set[str]] = defaultdict(set)
    about: dict[tuple[str, str], tuple[str, str | None]] = {}
    stmt = (select(AP.c.document_id, AP.c.agreement_id, AP.c.kind, AP.c.event_id, M.c.kb_entity)
            .join(M, (M.c.document_id == AP.c.document_id) & (M.c.entity_id == AP.c.entity_id))
            .order_by(AP.c.pk))
    for r in conn.execute(stmt):
        parties[(r.document_id, r.agreement_id)].add(r.kb_entity)
        about[(r.document_id, r.agreement_id)] = (r.kind, r.event_id)
    signing = {(r.document_id, r.event_id): r.kb_event
               for r in conn.execute(select(ES.c.document_id, ES.c.event_id, ES.c.kb_event))}
    out: dict[str, set[str]] = {}
    seen: dict[tuple, str] = {}
    for (doc, aid), keys in parties.items():
        kind, event = about[(doc, aid)]
        kb_event = signing.get((doc, event)) if event else None
        name = f"{doc}/{aid}"
        if kb_event is not None:
            same = (kind, kb_event, frozenset(keys))
            if same in seen:
                continue
            seen[same] = name
        out[name] = keys
    return out
