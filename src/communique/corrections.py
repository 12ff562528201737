"""Corrections: an analyst's fix of one fact, kept beside the Records and applied when they are read.

A correction is never written into a Record. It is a row of its own (who, when, why, what was there
before, what it should be), keyed by the document id and by the *identity* of the fact it fixes: not
the fact's id inside its Record (ids like "e3" are renumbered by the next extraction) but what the
fact is anchored to in the text: an event by its type and its evidence sentence, an entity by its
type and name, an agreement by its title and evidence. So when a document is extracted again (a
newer extractor, the same text) the correction finds its fact again and still applies; when it no
longer finds it (the extractor dropped the fact, or the text changed) it is reported as *orphaned*,
shown to the analyst, and not silently lost.

    >>> corrections = Corrections(store)
    >>> corrections.add(record, "event.update", "e1", {"start": "2026-03-16"}, author="anna", reason="...")
    >>> corrected = corrections.apply(store.get_record(doc_id))   # CorrectedRecord
    >>> corrected.record.events[0].start
    '2026-03-16'

Operations (`op`, the target kind is its prefix):

- event.update              {start, end, type, status, name, location: {name, type?}} (any of them)
- event.add_participant     {name, type, role?}: an entity of this document, or a new one
- event.remove_participant  {name}
- event.reject              {}: the event is not a fact
- entity.update             {name, type, kind, iso}
- entity.split              {alias, name}: mentions reading `alias` are another entity named `name`
                            (a wrong merge inside the document)
- entity.reject             {}
- agreement.update          {signed, title, kind, event}
- agreement.reject          {}
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Integer, String, Text, func, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column

from .model import (
    AGREEMENT_KINDS,
    ENTITY_TYPES,
    EVENT_STATUSES,
    EVENT_TYPES,
    Entity,
    ModelError,
    Participant,
    Record,
    check_partial_date,
)
from .store.schema import Base, JsonType

OPS = ("event.update", "event.add_participant", "event.remove_participant", "event.reject",
       "entity.update", "entity.split", "entity.reject", "agreement.update", "agreement.reject")
PARTICIPANT_ROLES = ("participant", "host", "organizer", "speaker", "party", "chair")


class CorrectionError(ValueError):
    """A correction that cannot be made: an unknown fact, a malformed value."""


class CorrectionNotFound(CorrectionError):
    """A correction of an entity that is not there (no entity is named so)."""


class CorrectionConflict(CorrectionError):
    """A correction the knowledge base as it stands refuses (the two are already one, of two types)."""


class CorrectionRow(Base):
    """One analyst's fix of one fact of one document."""

    __tablename__ = "corrections"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, index=True)
    op: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(16))  # event | entity | agreement
    target_id: Mapped[str] = mapped_column(String)  # the fact's id in the Record it was made on
    anchor: Mapped[Any] = mapped_column(JsonType)  # what identifies the fact across extractions
    value: Mapped[Any | None] = mapped_column(JsonType)  # the new values
    previous: Mapped[Any | None] = mapped_column(JsonType)  # the values it replaced
    author: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String(40))
    extractor_version: Mapped[str | None] = mapped_column(String)
    reverted: Mapped[str | None] = mapped_column(String(40))
    reverted_by: Mapped[str | None] = mapped_column(Text)


TABLE = CorrectionRow.__table__


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Correction:
    id: int
    document_id: str
    op: str
    target: str
    target_id: str
    anchor: dict
    value: dict
    previous: dict
    author: str
    reason: str
    created: str
    extractor_version: str | None = None
    reverted: str | None = None
    reverted_by: str | None = None

    @property
    def active(self) -> bool:
        return self.reverted is None

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class CorrectedRecord:
    """A Record with the active corrections of its document applied.

    `marks` maps ("event" | "entity" | "agreement", fact id in `record`) to the corrections that touched
    the fact; `orphaned` lists corrections whose fact this extraction no longer has."""

    record: Record
    applied: list[Correction] = field(default_factory=list)
    orphaned: list[Correction] = field(default_factory=list)
    marks: dict[tuple[str, str], list[Correction]] = field(default_factory=dict)
    rejected: dict[tuple[str, str], Correction] = field(default_factory=dict)

    def corrections_of(self, target: str, fact_id: str | None) -> list[Correction]:
        return self.marks.get((target, fact_id or ""), [])


# -- anchors ------------------------------------------------------------------------------------

def event_anchor(record: Record, event_id: str) -> dict:
    ev = _find(record.events, event_id, "event")
    return {"type": ev.type, "evidence": ev.evidence.text, "span": [ev.evidence.start, ev.evidence.end],
            "trigger": ev.trigger, "start": ev.start}


def entity_anchor(record: Record, entity_id: str) -> dict:
    ent = _find(record.entities, entity_id, "entity")
    return {"type": ent.type, "name": ent.name, "aliases": list(ent.aliases)}


def agreement_anchor(record: Record, agreement_id: str) -> dict:
    ag = _find(record.agreements, agreement_id, "agreement")
    return {"kind": ag.kind, "title": ag.title, "evidence": ag.evidence.text}


_ANCHORS = {"event": event_anchor, "entity": entity_anchor, "agreement": agreement_anchor}


def _find(items: Iterable[Any], fact_id: str, what: str) -> Any:
    for item in items:
        if item.id == fact_id:
            return item
    raise CorrectionError(f"no {what} {fact_id!r} in this document")


def resolve(record: Record, target: str, anchor: dict, target_id: str | None = None) -> str | None:
    """The id, in `record`, of the fact an anchor names (None when this extraction lacks it)."""
    if target == "event":
        same_text = [e for e in record.events if e.evidence.text == anchor.get("evidence")]
        for pool in ([e for e in same_text if e.type == anchor.get("type")], same_text):
            if not pool:
                continue
            if len(pool) == 1:
                return pool[0].id
            for key in ("trigger", "start"):
                narrowed = [e for e in pool if getattr(e, key) == anchor.get(key)]
                if len(narrowed) == 1:
                    return narrowed[0].id
                if narrowed:
                    pool = narrowed
            by_id = [e for e in pool if e.id == target_id]
            return (by_id or pool)[0].id
        return None
    if target == "entity":
        name = (anchor.get("name") or "").casefold()
        typed = [e for e in record.entities if e.type == anchor.get("type")]
        for e in typed:
            if e.name.casefold() == name:
                return e.id
        for e in typed:
            if name in (a.casefold() for a in e.aliases):
                return e.id
        known = {a.casefold() for a in anchor.get("aliases") or []}
        for e in typed:
            if known and e.name.casefold() in known:
                return e.id
        return None
    if target == "agreement":
        for a in record.agreements:
            if a.title == anchor.get("title"):
                return a.id
        for a in record.agreements:
            if a.evidence.text == anchor.get("evidence") and a.kind == anchor.get("kind"):
                return a.id
        return None
    raise CorrectionError(f"unknown target {target!r}")


# -- validation ----------------------------------------------------------------------------------

def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def validate(op: str, value: dict | None) -> dict:
    """The value of a correction, checked and normalized; raises CorrectionError."""
    if op not in OPS:
        raise CorrectionError(f"unknown correction {op!r}; one of {', '.join(OPS)}")
    value = {k: _clean(v) for k, v in (value or {}).items()}
    allowed = {
        "event.update": {"start", "end", "type", "status", "name", "location"},
        "event.add_participant": {"name", "type", "role"},
        "event.remove_participant": {"name"},
        "event.reject": set(),
        "entity.update": {"name", "type", "kind", "iso"},
        "entity.split": {"alias", "name"},
        "entity.reject": set(),
        "agreement.update": {"signed", "title", "kind"},
        "agreement.reject": set(),
    }[op]
    unknown = set(value) - allowed
    if unknown:
        raise CorrectionError(f"{op} takes {sorted(allowed) or 'no values'}, not {sorted(unknown)}")
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key in ("start", "end", "signed"):
            if v in (None, ""):
                out[key] = None
                continue
            try:
                out[key] = check_partial_date(str(v))
            except ModelError as exc:
                raise CorrectionError(f"{key}: {exc}") from exc
        elif key == "type":
            types = ENTITY_TYPES if op.startswith(("entity.", "event.add_participant")) else EVENT_TYPES
            v = str(v or "").upper()
            if v not in types:
                raise CorrectionError(f"type must be one of {', '.join(types)}, not {v!r}")
            out[key] = v
        elif key == "status":
            if v not in EVENT_STATUSES:
                raise CorrectionError(f"status must be one of {', '.join(EVENT_STATUSES)}, not {v!r}")
            out[key] = v
        elif key == "kind" and op.startswith("agreement."):
            if v not in AGREEMENT_KINDS:
                raise CorrectionError(f"kind must be one of {', '.join(AGREEMENT_KINDS)}, not {v!r}")
            out[key] = v
        elif key == "role":
            v = v or "participant"
            if v not in PARTICIPANT_ROLES:
                raise CorrectionError(f"role must be one of {', '.join(PARTICIPANT_ROLES)}, not {v!r}")
            out[key] = v
        elif key == "location":
            if v in (None, "", {}):
                out[key] = None
                continue
            if isinstance(v, str):
                v = {"name": v}
            if not isinstance(v, dict) or not isinstance(v.get("name"), str) or not v["name"].strip():
                raise CorrectionError("location must be a place name or {name}")
            out[key] = {"name": v["name"].strip()[:300]}
        else:
            if v is not None and not isinstance(v, (str, int, float)):
                raise CorrectionError(f"{key} must be a string")
            v = None if v is None else str(v).strip()
            if key in ("name", "alias", "title") and not v and op != "event.update":
                raise CorrectionError(f"{key} must not be empty")
            out[key] = (v or None) if v is None or len(v) <= 500 else v[:500]
    required = {"event.add_participant": ("name",), "event.remove_participant": ("name",),
                "entity.split": ("alias", "name")}.get(op, ())
    for key in required:
        if not out.get(key):
            raise CorrectionError(f"{op} needs {key!r}")
    if op in ("event.update", "entity.update", "agreement.update") and not out:
        raise CorrectionError(f"{op} needs at least one value to change")
    if op == "event.add_participant":
        out.setdefault("type", "PER")
        out.setdefault("role", "participant")
    return out


def _previous(record: Record, op: str, fact_id: str, value: dict) -> dict:
    """What the fields a correction changes held before it."""
    target = op.split(".")[0]
    if op.endswith(".reject") or op.endswith("_participant") or op == "entity.split":
        return {}
    fact = _find({"event": record.events, "entity": record.entities,
                  "agreement": record.agreements}[target], fact_id, target)
    prev = {}
    for key in value:
        if key == "location":
            loc = record.entity(fact.location)
            prev[key] = {"name": loc.name} if loc else None
        else:
            prev[key] = getattr(fact, key, None)
    return prev


# -- applying -------------------------------------------------------------------------------------

def _new_entity_id(name: str, etype: str) -> str:
    return "x" + hashlib.blake2b(f"{etype}:{name}".encode(), digest_size=5).hexdigest()


def _entity_for(record: Record, name: str, etype: str) -> Entity:
    folded = name.casefold()
    for e in record.entities:
        if e.type == etype and (e.name.casefold() == folded or folded in (a.casefold() for a in e.aliases)):
            return e
    ent = Entity(id=_new_entity_id(name, etype), type=etype, name=name,
                 kind={"PER": "person", "ORG": "organization"}.get(etype))
    record.entities.append(ent)
    return ent


def _apply_one(record: Record, c: Correction, fact_id: str) -> None:
    op, v = c.op, c.value
    if op.startswith("event."):
        ev = _find(record.events, fact_id, "event")
        if op == "event.update":
            changes = {k: v[k] for k in ("start", "end", "type", "status", "name") if k in v}
            if "location" in v:
                loc = v["location"]
                changes["location"] = _entity_for(record, loc["name"], "LOC").id if loc else None
            for key, val in changes.items():
                setattr(ev, key, val)
            if ev.start and ev.end and ev.end < ev.start:
                ev.end = None
        elif op == "event.add_participant":
            ent = _entity_for(record, v["name"], v.get("type", "PER"))
            if not any(p.entity == ent.id for p in ev.participants):
                ev.participants.append(Participant(entity=ent.id, role=v.get("role", "participant")))
        elif op == "event.remove_participant":
            folded = v["name"].casefold()
            keep = []
            for p in ev.participants:
                ent = record.entity(p.entity)
                names = {ent.name.casefold(), *(a.casefold() for a in ent.aliases)} if ent else set()
                if folded not in names:
                    keep.append(p)
            ev.participants = keep
        elif op == "event.reject":
            record.events = [e for e in record.events if e.id != fact_id]
            for e in record.events:
                if e.parent == fact_id:
                    e.parent = None
            for a in record.agreements:
                if a.event == fact_id:
                    a.event = None
    elif op.startswith("entity."):
        ent = _find(record.entities, fact_id, "entity")
        if op == "entity.update":
            if v.get("name") and v["name"] != ent.name:
                if ent.name not in ent.aliases:
                    ent.aliases.append(ent.name)
                ent.name = v["name"]
            for key in ("type", "kind", "iso"):
                if key in v and v[key] is not None:
                    setattr(ent, key, v[key])
            for m in record.mentions:
                if m.entity == ent.id:
                    m.type = ent.type
        elif op == "entity.split":
            alias = v["alias"].casefold()
            new = Entity(id=_new_entity_id(v["name"], ent.type), type=ent.type, name=v["name"],
                         aliases=[a for a in ent.aliases if a.casefold() == alias], kind=ent.kind, iso=ent.iso)
            if record.entity(new.id) is None:
                record.entities.append(new)
            ent.aliases = [a for a in ent.aliases if a.casefold() != alias]
            for m in record.mentions:
                if m.entity == ent.id and m.text.casefold() == alias:
                    m.entity = new.id
        elif op == "entity.reject":
            record.entities = [e for e in record.entities if e.id != fact_id]
            record.mentions = [m for m in record.mentions if m.entity != fact_id]
            for e in record.events:
                e.participants = [p for p in e.participants if p.entity != fact_id]
                if e.location == fact_id:
                    e.location = None
            for a in record.agreements:
                a.parties = [p for p in a.parties if p != fact_id]
    elif op.startswith("agreement."):
        ag = _find(record.agreements, fact_id, "agreement")
        if op == "agreement.update":
            for key in ("signed", "title", "kind"):
                if key in v:
                    setattr(ag, key, v[key])
        elif op == "agreement.reject":
            record.agreements = [a for a in record.agreements if a.id != fact_id]


def apply_corrections(record: Record, corrections: Iterable[Correction]) -> CorrectedRecord:
    """A copy of `record` with the active corrections (oldest first) applied; the input is untouched."""
    out = CorrectedRecord(record=copy.deepcopy(record))
    rec = out.record
    for c in sorted((c for c in corrections if c.active), key=lambda c: c.id):
        fact_id = resolve(rec, c.target, c.anchor, c.target_id)
        if fact_id is None:
            out.orphaned.append(c)
            continue
        try:
            _apply_one(rec, c, fact_id)
        except (CorrectionError, ModelError):
            out.orphaned.append(c)
            continue
        out.applied.append(c)
        if c.op.endswith(".reject"):
            out.rejected[(c.target, fact_id)] = c
        else:
            out.marks.setdefault((c.target, fact_id), []).append(c)
    return out


# -- the store of corrections -------------------------------------------------------------------

def _row(row: Any) -> Correction:
    return Correction(id=row.pk, document_id=row.document_id, op=row.op, target=row.target,
                      target_id=row.target_id, anchor=dict(row.anchor or {}), value=dict(row.value or {}),
                      previous=dict(row.previous or {}), author=row.author, reason=row.reason,
                      created=row.created, extractor_version=row.extractor_version, reverted=row.reverted,
                      reverted_by=row.reverted_by)


class Corrections:
    """The corrections kept in a Store's database (table `corrections`)."""

    def __init__(self, store):
        self.store = store

    def add(self, record: Record, op: str, fact_id: str, value: dict | None, *, author: str,
            reason: str) -> Correction:
        """Record a fix of fact `fact_id` of `record` (as the analyst saw it: corrected or not)."""
        value = validate(op, value)
        reason = (reason or "").strip()
        if not reason:
            raise CorrectionError("say why: a correction needs a reason")
        if not author:
            raise CorrectionError("a correction needs an author")
        target = op.split(".")[0]
        anchor = _ANCHORS[target](record, fact_id)
        if op == "entity.split":
            ent = _find(record.entities, fact_id, "entity")
            if v := value["alias"].casefold():
                spans = [m for m in record.mentions if m.entity == ent.id and m.text.casefold() == v]
                if not spans:
                    raise CorrectionError(f"no mention of {ent.name!r} reads {value['alias']!r}")
        previous = _previous(record, op, fact_id, value)
        row = {"document_id": record.document.id, "op": op, "target": target, "target_id": fact_id,
               "anchor": anchor, "value": value, "previous": previous, "author": author[:200],
               "reason": reason[:2000], "created": _now(), "extractor_version": record.extractor.version}
        with self.store.writing() as conn:
            pk = conn.execute(insert(TABLE).values(**row).returning(TABLE.c.pk)).scalar_one()
        return Correction(id=pk, reverted=None, reverted_by=None, **row)

    def get(self, correction_id: int) -> Correction | None:
        with self.store.reading() as conn:
            row = conn.execute(select(TABLE).where(TABLE.c.pk == correction_id)).first()
        return _row(row) if row is not None else None

    def revert(self, correction_id: int, *, by: str) -> Correction | None:
        """Withdraw a correction (it is kept, marked reverted, for the record)."""
        with self.store.writing() as conn:
            conn.execute(update(TABLE).where(TABLE.c.pk == correction_id, TABLE.c.reverted.is_(None))
                         .values(reverted=_now(), reverted_by=by[:200]))
        return self.get(correction_id)

    def for_document(self, doc_id: str, *, include_reverted: bool = False) -> list[Correction]:
        stmt = select(TABLE).where(TABLE.c.document_id == doc_id).order_by(TABLE.c.pk)
        if not include_reverted:
            stmt = stmt.where(TABLE.c.reverted.is_(None))
        with self.store.reading() as conn:
            return [_row(r) for r in conn.execute(stmt)]

    def list(self, *, document_id: str | None = None, author: str | None = None, active: bool | None = None,
             limit: int = 50, offset: int = 0) -> tuple[list[Correction], int]:
        """Newest first, with the total count."""
        conds = []
        if document_id:
            conds.append(TABLE.c.document_id == document_id)
        if author:
            conds.append(TABLE.c.author == author)
        if active is True:
            conds.append(TABLE.c.reverted.is_(None))
        elif active is False:
            conds.append(TABLE.c.reverted.is_not(None))
        with self.store.reading() as conn:
            total = conn.execute(select(func.count()).select_from(TABLE).where(*conds)).scalar_one()
            rows = conn.execute(select(TABLE).where(*conds).order_by(TABLE.c.pk.desc())
                                .limit(limit).offset(offset)).all()
        return [_row(r) for r in rows], total

    def corrected_documents(self) -> set[str]:
        """The ids of the documents that have active corrections."""
        with self.store.reading() as conn:
            return corrected_documents(conn)

    def version(self) -> tuple:
        """Changes whenever a correction is added or reverted (for caches)."""
        with self.store.reading() as conn:
            row = conn.execute(select(func.count(), func.max(TABLE.c.pk),
                                      func.count(TABLE.c.reverted))).first()
        return tuple(row)

    def apply(self, record: Record | None) -> CorrectedRecord | None:
        if record is None:
            return None
        return apply_corrections(record, self.for_document(record.document.id))

    def corrected(self, doc_id: str) -> CorrectedRecord | None:
        return self.apply(self.store.get_record(doc_id))


def active_corrections(conn, doc_id: str | list[str]) -> list[Correction]:
    """A document's (or several documents') active corrections, oldest first, read on an open
    connection (for code that reads Records inside its own transaction, like the knowledge base's
    linker)."""
    if isinstance(doc_id, str):
        where = [TABLE.c.document_id == doc_id]
    elif not doc_id:
        return []
    else:
        where = [TABLE.c.document_id.in_(sorted(set(doc_id)))]
    rows = conn.execute(select(TABLE).where(*where, TABLE.c.reverted.is_(None)).order_by(TABLE.c.pk)).all()
    return [_row(r) for r in rows]


def corrected_records(store, doc_ids: Iterable[str] | None = None) -> Iterator[Record]:
    """Every stored Record (or those of `doc_ids`) with its corrections applied: what exports write."""
    corrections = Corrections(store)
    touched = corrections.corrected_documents()
    records = (store.get_record(d) for d in doc_ids) if doc_ids is not None else store.iter_records()
    for record in records:
        if record is None:
            continue
        if record.document.id in touched:
            yield corrections.apply(record).record
        else:
            yield record


def corrected_documents(conn) -> set[str]:
    """The ids of the documents that have active corrections, read on an open connection."""
    return set(conn.execute(select(TABLE.c.document_id).where(TABLE.c.reverted.is_(None)).distinct()).scalars())
