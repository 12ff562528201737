"""The tables of the knowledge base: what linking knows across documents, beside the store's own.

They live in the store beside its own tables (one table registry: `communique.store` registers them when
it is imported; `communique.link` reads and writes them) and share the store's SQLAlchemy metadata (one schema, one migration history; revision 0002 makes
them). Nothing here holds a fact that is not in some Record: these tables only say which document-level
entities and events are one, why, and what a person decided by hand.

- `kb_entities`      one person, organization or place across documents; `profile` aggregates what
                     its members say (surname keys, first names, initials, countries, organizations,
                     names) so a new mention is scored against one row, not against every mention;
- `kb_members`       a document-level entity (document id + entity id) → its kb entity, with the
                     features it was scored on and the evidence that put it there;
- `kb_keys`          blocking keys (transliterated surname, acronym, ISO code, gazetteer id, ...) →
                     kb entity: incremental linking looks candidates up here and never scans documents;
- `kb_links`         the pairwise evidence between members (automatic, bridge or manual) that
                     `why_merged` walks;
- `kb_events`, `kb_event_sources`, `kb_event_participants`, `kb_conflicts`
                     one event across its reports, each report kept with its own dates and place;
                     disagreements are rows of `kb_conflicts`, never overwritten;
- `kb_series`, `kb_series_keys`
                     recurring events (numbered meetings and sessions) and the name keys that name them;
- `kb_agreement_parties`
                     each agreement of a (corrected) Record with its document-level parties and
                     signing event, as linked: the graph reads its parties through `kb_members`;
- `kb_linked`        each document linked, with the content hash and extractor version that were: a
                     stored document with no row here, or another version, is still to be linked
                     (an ingest killed between storing and linking; the next one finishes it);
- `kb_audit`, `kb_audit_docs`, `kb_cannot_link`
                     manual merges and splits, replayed after every relink and after a document's
                     re-link, and the pairs of kb entities a split keeps apart.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .schema import Base, JsonType


class KbEntityRow(Base):
    __tablename__ = "kb_entities"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(40), unique=True)
    type: Mapped[str] = mapped_column(String(8), index=True)
    name: Mapped[str] = mapped_column(Text)  # the display name
    names: Mapped[Any | None] = mapped_column(JsonType)  # {lang: canonical name}
    kind: Mapped[str | None] = mapped_column(String(32))
    iso: Mapped[str | None] = mapped_column(String(8))
    gazetteer_id: Mapped[str | None] = mapped_column(String)
    profile: Mapped[Any | None] = mapped_column(JsonType)
    members: Mapped[int] = mapped_column(Integer)
    updated: Mapped[str] = mapped_column(String(40))


class KbMemberRow(Base):
    __tablename__ = "kb_members"
    __table_args__ = (UniqueConstraint("document_id", "entity_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String)
    entity_id: Mapped[str] = mapped_column(String)
    kb_entity: Mapped[str] = mapped_column(String(40), index=True)
    type: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[Any | None] = mapped_column(JsonType)
    language: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[str | None] = mapped_column(String(10))
    features: Mapped[Any | None] = mapped_column(JsonType)
    evidence: Mapped[Any | None] = mapped_column(JsonType)


class KbKeyRow(Base):
    __tablename__ = "kb_keys"
    __table_args__ = (UniqueConstraint("key", "kb_entity"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String)
    kb_entity: Mapped[str] = mapped_column(String(40), index=True)


class KbLinkRow(Base):
    __tablename__ = "kb_links"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kb_entity: Mapped[str] = mapped_column(String(40), index=True)
    a: Mapped[int] = mapped_column(Integer, index=True)  # kb_members.pk
    b: Mapped[int] = mapped_column(Integer, index=True)  # kb_members.pk
    kind: Mapped[str] = mapped_column(String(16))  # auto | bridge | manual
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[Any | None] = mapped_column(JsonType)
    audit_id: Mapped[int | None] = mapped_column(Integer)
    created: Mapped[str] = mapped_column(String(40))


class KbEventRow(Base):
    __tablename__ = "kb_events"
    __table_args__ = (Index("ix_kb_events_type_dates", "type", "date_from", "date_to"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(40), unique=True)
    type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(Text)
    start: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))
    date_from: Mapped[str | None] = mapped_column(String(10))
    date_to: Mapped[str | None] = mapped_column(String(10))
    location: Mapped[str | None] = mapped_column(String(40), index=True)  # kb entity id
    ordinal: Mapped[int | None] = mapped_column(Integer)
    series_id: Mapped[str | None] = mapped_column(String(40), index=True)
    parent: Mapped[str | None] = mapped_column(String(40))  # kb event id
    plover_code: Mapped[str | None] = mapped_column(String(32))
    plover_mode: Mapped[str | None] = mapped_column(String(32))
    conflict: Mapped[bool] = mapped_column(Boolean)
    sources: Mapped[int] = mapped_column(Integer)
    updated: Mapped[str] = mapped_column(String(40))


class KbEventSourceRow(Base):
    __tablename__ = "kb_event_sources"
    __table_args__ = (UniqueConstraint("document_id", "event_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kb_event: Mapped[str] = mapped_column(String(40), index=True)
    document_id: Mapped[str] = mapped_column(String)
    event_id: Mapped[str] = mapped_column(String)
    type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    start: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))
    location: Mapped[str | None] = mapped_column(String(40), index=True)  # kb entity id
    location_entity: Mapped[str | None] = mapped_column(String)  # the document-level place
    parent_event: Mapped[str | None] = mapped_column(String)  # the document-level parent event
    name: Mapped[str | None] = mapped_column(Text)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    series_key: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    plover_code: Mapped[str | None] = mapped_column(String(32))
    plover_mode: Mapped[str | None] = mapped_column(String(32))
    evidence_text: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[Any | None] = mapped_column(JsonType)  # why it joined: score and reasons


class KbEventParticipantRow(Base):
    __tablename__ = "kb_event_participants"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kb_event: Mapped[str] = mapped_column(String(40), index=True)
    kb_entity: Mapped[str] = mapped_column(String(40), index=True)
    document_id: Mapped[str] = mapped_column(String, index=True)
    entity_id: Mapped[str] = mapped_column(String)  # the document-level entity
    role: Mapped[str] = mapped_column(String(32))
    inherited: Mapped[bool] = mapped_column(Boolean)  # a participant of one of its sub-events


class KbConflictRow(Base):
    __tablename__ = "kb_conflicts"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kb_event: Mapped[str] = mapped_column(String(40), index=True)
    field: Mapped[str] = mapped_column(String(16))  # date | location | ordinal
    observed: Mapped[Any | None] = mapped_column(JsonType)  # [{value, document_id, source, url}]


class KbSeriesRow(Base):
    __tablename__ = "kb_series"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    evidence: Mapped[Any | None] = mapped_column(JsonType)  # why its keys are one series
    updated: Mapped[str] = mapped_column(String(40))


class KbSeriesKeyRow(Base):
    __tablename__ = "kb_series_keys"
    __table_args__ = (UniqueConstraint("key"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(Text)
    series_id: Mapped[str] = mapped_column(String(40), index=True)
    tokens: Mapped[Any | None] = mapped_column(JsonType)  # cross-language stems of the key


class KbSeriesTokenRow(Base):
    __tablename__ = "kb_series_tokens"
    __table_args__ = (UniqueConstraint("token", "series_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(64))
    series_id: Mapped[str] = mapped_column(String(40), index=True)


class KbAgreementPartyRow(Base):
    __tablename__ = "kb_agreement_parties"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, index=True)
    agreement_id: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str | None] = mapped_column(String)  # the document-level signing event
    entity_id: Mapped[str] = mapped_column(String)  # the document-level party


class KbLinkedRow(Base):
    __tablename__ = "kb_linked"

    document_id: Mapped[str] = mapped_column(String, primary_key=True)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    extractor_version: Mapped[str | None] = mapped_column(String)


class KbAuditRow(Base):
    __tablename__ = "kb_audit"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(16))  # merge | split
    who: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    payload: Mapped[Any | None] = mapped_column(JsonType)


class KbAuditDocRow(Base):
    __tablename__ = "kb_audit_docs"
    __table_args__ = (UniqueConstraint("audit_id", "document_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    audit_id: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[str] = mapped_column(String, index=True)


class KbCannotLinkRow(Base):
    __tablename__ = "kb_cannot_link"
    __table_args__ = (UniqueConstraint("a", "b"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    a: Mapped[str] = mapped_column(String(40), index=True)
    b: Mapped[str] = mapped_column(String(40), index=True)
    audit_id: Mapped[int | None] = mapped_column(Integer)


KB_TABLES = (KbEntityRow, KbMemberRow, KbKeyRow, KbLinkRow, KbEventRow, KbEventSourceRow,
             KbEventParticipantRow, KbConflictRow, KbSeriesRow, KbSeriesKeyRow, KbSeriesTokenRow,
             KbAgreementPartyRow, KbLinkedRow, KbAuditRow, KbAuditDocRow, KbCannotLinkRow)
# What a full relink clears: everything but the audit log.
DERIVED_TABLES = tuple(t for t in KB_TABLES if t not in (KbAuditRow, KbAuditDocRow))
