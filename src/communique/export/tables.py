"""CSV and Parquet tables of the knowledge base, one file per table:

documents     id, url, title, published, language, source, extractor_version
entities      id, type, name, name_ru, name_en, kind, iso, gazetteer_id, members, aliases
mentions      document_id, start, end, type, text, entity_id (in the document), kb_entity
events        id, type, status, name, start, end, location, location_name, iso, ordinal, series_id,
              parent, plover_code, plover_mode, conflict, sources, documents
participants  event_id, entity_id, name, type, role, inherited
agreements    document_id, agreement_id, kind, title, signed, event_id (kb), parties (kb ids, "|")
series        id, name, keys ("|"), events, first, last, ordinals ("|"), consistent

Every table has the same columns whatever it holds (an empty table too); lists are joined by "|".
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [("id", "str"), ("url", "str"), ("title", "str"), ("published", "str"), ("language", "str"),
                  ("source", "str"), ("extractor_version", "str")],
    "entities": [("id", "str"), ("type", "str"), ("name", "str"), ("name_ru", "str"), ("name_en", "str"),
                 ("kind", "str"), ("iso", "str"), ("gazetteer_id", "str"), ("members", "int"), ("aliases", "str")],
    "mentions": [("document_id", "str"), ("start", "int"), ("end", "int"), ("type", "str"), ("text", "str"),
                 ("entity_id", "str"), ("kb_entity", "str")],
    "events": [("id", "str"), ("type", "str"), ("status", "str"), ("name", "str"), ("start", "str"), ("end", "str"),
               ("location", "str"), ("location_name", "str"), ("iso", "str"), ("ordinal", "int"),
               ("series_id", "str"), ("parent", "str"), ("plover_code", "str"), ("plover_mode", "str"),
               ("conflict", "bool"), ("sources", "int"), ("documents", "str")],
    "participants": [("event_id", "str"), ("entity_id", "str"), ("name", "str"), ("type", "str"), ("role", "str"),
                     ("inherited", "bool")],
    "agreements": [("document_id", "str"), ("agreement_id", "str"), ("kind", "str"), ("title", "str"),
                   ("signed", "str"), ("event_id", "str"), ("parties", "str")],
    "series": [("id", "str"), ("name", "str"), ("keys", "str"), ("events", "int"), ("first", "str"), ("last", "str"),
               ("ordinals", "str"), ("consistent", "bool")],
}


class _Links:
    """A mention's and an agreement's row, their document-level ids joined to the knowledge base's
    (one builder for stored facts and for the corrected Records of corrected documents)."""

    def __init__(self, kb_of: dict[tuple[str, str], str], event_of: dict[tuple[str, str], str]):
        self.kb_of, self.event_of = kb_of, event_of

    def mention(self, doc_id: str, start: int | None, end: int | None, type_: str, text: str,
                entity_id: str | None) -> dict:
        return {"document_id": doc_id, "start": start, "end": end, "type": type_, "text": text,
                "entity_id": entity_id, "kb_entity": self.kb_of.get((doc_id, entity_id))}

    def agreement(self, doc_id: str, agreement_id: str, kind: str | None, title: str | None, signed: str | None,
                  event_id: str | None, parties: list[str]) -> dict:
        kb_parties = (self.kb_of.get((doc_id, p)) for p in parties)
        return {"document_id": doc_id, "agreement_id": agreement_id, "kind": kind, "title": title, "signed": signed,
                "event_id": self.event_of.get((doc_id, event_id)) if event_id else None,
                "parties": "|".join(dict.fromkeys(k for k in kb_parties if k))}


def rows(kb) -> dict[str, list[dict]]:
    """Every table as a list of dicts with exactly its columns."""
    from ..store.kb_tables import KbEventSourceRow, KbMemberRow
    from ..store.schema import AgreementPartyRow, AgreementRow, DocumentRow, MentionRow

    D, MN = DocumentRow.__table__, MentionRow.__table__
    AG, AP = AgreementRow.__table__, AgreementPartyRow.__table__
    KM, ES = KbMemberRow.__table__, KbEventSourceRow.__table__
    from ..corrections import corrected_documents, corrected_records

    out: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    with kb.store.engine.connect() as conn:
        corrected = corrected_documents(conn)
        for r in conn.execute(select(D.c.id, D.c.url, D.c.title, D.c.published, D.c.language, D.c.source,
                                     D.c.extractor_version).where(D.c.record_json.is_not(None)).order_by(D.c.pk)):
            out["documents"].append(dict(r._mapping))
        kb_of = {(r.document_id, r.entity_id): r.kb_entity
                 for r in conn.execute(select(KM.c.document_id, KM.c.entity_id, KM.c.kb_entity))}
        event_of = {(r.document_id, r.event_id): r.kb_event
                    for r in conn.execute(select(ES.c.document_id, ES.c.event_id, ES.c.kb_event))}
        links = _Links(kb_of, event_of)
        for r in conn.execute(select(MN.c.document_id, MN.c.char_start, MN.c.char_end, MN.c.type, MN.c.text,
                                     MN.c.entity_id).order_by(MN.c.document_id, MN.c.char_start, MN.c.pk)):
            if r.document_id not in corrected:  # a corrected document's come from its corrected Record
                out["mentions"].append(links.mention(r.document_id, r.char_start, r.char_end, r.type, r.text,
                                                     r.entity_id))
        parties: dict[tuple[str, str], list[str]] = {}
        for r in conn.execute(select(AP.c.document_id, AP.c.agreement_id, AP.c.entity_id).order_by(AP.c.pk)):
            parties.setdefault((r.document_id, r.agreement_id), []).append(r.entity_id)
        for r in conn.execute(select(AG).order_by(AG.c.document_id, AG.c.pk)):
            if r.document_id not in corrected:
                out["agreements"].append(links.agreement(r.document_id, r.agreement_id, r.kind, r.title, r.signed,
                                                         r.event_id, parties.get((r.document_id, r.agreement_id), [])))
    for record in corrected_records(kb.store, sorted(corrected)):
        doc_id = record.document.id
        out["mentions"] += [links.mention(doc_id, m.start, m.end, m.type, m.text, m.entity) for m in record.mentions]
        out["agreements"] += [links.agreement(doc_id, a.id, a.kind, a.title, a.signed, a.event, a.parties)
                              for a in record.agreements]
    out["mentions"].sort(key=lambda m: (m["document_id"], m["start"] if m["start"] is not None else -1))
    out["agreements"].sort(key=lambda a: a["document_id"])
    for e in kb.entities():
        names = e["names"] or {}
        out["entities"].append({"id": e["id"], "type": e["type"], "name": e["name"], "name_ru": names.get("ru"),
                                "name_en": names.get("en"), "kind": e["kind"], "iso": e["iso"],
                                "gazetteer_id": e["gazetteer_id"], "members": e["members"],
                                "aliases": "|".join(e["aliases"])})
    for ev in kb.timeline():
        loc = ev["location"] or {}
        out["events"].append({
            "id": ev["id"], "type": ev["type"], "status": ev["status"], "name": ev["name"], "start": ev["start"],
            "end": ev["end"], "location": loc.get("id"), "location_name": loc.get("name"), "iso": loc.get("iso"),
            "ordinal": ev["ordinal"], "series_id": (ev["series"] or {}).get("id"), "parent": ev["parent"],
            "plover_code": ev["plover"]["code"], "plover_mode": ev["plover"]["mode"], "conflict": ev["conflict"],
            "sources": len(ev["sources"]), "documents": "|".join(dict.fromkeys(s["document_id"] for s in ev["sources"]))})
        for p in ev["participants"]:
            out["participants"].append({"event_id": ev["id"], "entity_id": p["id"], "name": p["name"],
                                        "type": p["type"], "role": p.get("role"), "inherited": p.get("inherited")})
    for s in kb.series():
        out["series"].append({"id": s["id"], "name": s["name"], "keys": "|".join(s["keys"]), "events": len(s["events"]),
                              "first": s["first"], "last": s["last"],
                              "ordinals": "|".join(str(e["ordinal"]) for e in s["events"] if e["ordinal"] is not None),
                              "consistent": s["consistent"]})
    return {name: [{c: row.get(c) for c, _ in COLUMNS[name]} for row in table] for name, table in out.items()}


def write(kb, folder: Path, fmt: str) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in rows(kb).items():
        if fmt == "csv":
            path = folder / f"{name}.csv"
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=[c for c, _ in COLUMNS[name]])
                w.writeheader()
                for row in table:
                    w.writerow({k: ("" if v is None else v) for k, v in row.items()})
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            types = {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_()}
            schema = pa.schema([(c, types[t]) for c, t in COLUMNS[name]])
            path = folder / f"{name}.parquet"
            pq.write_table(pa.Table.from_pylist(table, schema=schema), path)
        written.append(path)
    return written
