"""The tables of the store (SQLAlchemy 2.0 declarative), the same on SQLite and PostgreSQL.

`documents` holds one row per document with its provenance (URL, fetch time, content hash, HTTP
validators, extractor version) and the whole Record as JSON, so a Record round-trips exactly. The
other tables are the Record's facts, normalized for filters and for linking across documents; they
are rewritten as a whole, in one transaction, whenever the Record is.

Full-text parts are dialect-specific and live outside these models, in the migrations:
SQLite gets an FTS5 table `documents_fts` over `documents.lemmas`; PostgreSQL gets a generated
`documents.tsv` tsvector column with a GIN index (see `fulltext.py`).

A row of `documents` without a Record (`record_json` is NULL) is a *stub*: a document known by its
id and URL that was not stored a second time because it duplicates another (`duplicate_of`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# none_as_null: a Python None is SQL NULL (a stub has no Record), not the JSON value null.
JsonType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _doc_fk() -> Any:
    return ForeignKey("documents.id", ondelete="CASCADE")


class DocumentRow(Base):
    __tablename__ = "documents"
    # Partial: nearly every row has no duplicate_of, and a full index on it misleads SQLite's planner
    # into walking every document for "duplicate_of IS NULL" (in every search) instead of the id index.
    __table_args__ = (Index("ix_documents_duplicate_of", "duplicate_of",
                            sqlite_where=text("duplicate_of IS NOT NULL"),
                            postgresql_where=text("duplicate_of IS NOT NULL")),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String, unique=True)
    url: Mapped[str | None] = mapped_column(String, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    published_from: Mapped[str | None] = mapped_column(String(10), index=True)  # first day it covers
    published_to: Mapped[str | None] = mapped_column(String(10))  # last day it covers
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    source: Mapped[str | None] = mapped_column(String, index=True)
    fetched: Mapped[str | None] = mapped_column(String(40))
    content_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    etag: Mapped[str | None] = mapped_column(String)
    last_modified: Mapped[str | None] = mapped_column(String)
    extractor_version: Mapped[str | None] = mapped_column(String)
    text: Mapped[str | None] = mapped_column(Text)
    lemmas: Mapped[str | None] = mapped_column(Text)  # lemmatized title + text, the full-text shadow
    record_json: Mapped[Any | None] = mapped_column(JsonType)  # the Record less document.text
    duplicate_of: Mapped[str | None] = mapped_column(
        String, ForeignKey("documents.id", ondelete="SET NULL"))
    duplicate_kind: Mapped[str | None] = mapped_column(String(8))  # exact | near
    created: Mapped[str] = mapped_column(String(40))
    updated: Mapped[str] = mapped_column(String(40))


class DocumentVersionRow(Base):
    """History: one row per stored version that was replaced (new content or new extractor)."""

    __tablename__ = "document_versions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, index=True)
    url: Mapped[str | None] = mapped_column(String)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    extractor_version: Mapped[str | None] = mapped_column(String)
    fetched: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(16))  # content | extractor
    replaced: Mapped[str] = mapped_column(String(40))


class MentionRow(Base):
    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, _doc_fk(), index=True)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[str | None] = mapped_column(String)


class EntityRow(Base):
    __tablename__ = "entities"
    # (document_id, type, iso): the search filters' EXISTS on a document's entities (see migration 0004)
    __table_args__ = (UniqueConstraint("document_id", "entity_id"),
                      Index("ix_entities_type_iso", "type", "iso"),
                      Index("ix_entities_document_id_type_iso", "document_id", "type", "iso"))

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, _doc_fk())
    entity_id: Mapped[str] = mapped_column(String)  # the id inside its Record
    type: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(32))
    iso: Mapped[str | None] = mapped_column(String(8))
    gazetteer_id: Mapped[str | None] = mapped_column(String)
    aliases: Mapped[Any | None] = mapped_column(JsonType)
    names: Mapped[str] = mapped_column(Text)  # casefolded name and aliases, one a line, for filters


class RoleRow(Base):
    __tablename__ = "roles"
    __table_args__ = (Index("ix_roles_document_id_country", "document_id", "country"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, _doc_fk(), index=True)
    entity_id: Mapped[str] = mapped_column(String)  # the person
    title: Mapped[str] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(String)  # entity id
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("document_id", "event_id"),
                      Index("ix_events_dates", "date_from", "date_to"),
                      Index("ix_events_document_id_type", "document_id", "type"))

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, _doc_fk())
    event_id: Mapped[str] = mapped_column(String)
    type: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16))
    start: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))
    date_from: Mapped[str | None] = mapped_column(String(10))  # first day of start
    date_to: Mapped[str | None] = mapped_column(String(10))  # last day of end (or of start)
    location: Mapped[str | None] = mapped_column(String)  # entity id
    name: Mapped[str | None] = mapped_column(Text)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    parent: Mapped[str | None] = mapped_column(String)
    series: Mapped[str | None] = mapped_column(String, index=True)
    trigger: Mapped[str | None] = mapped_column(Text)
    plover_code: Mapped[str | None] = mapped_column(String(32))
    plover_mode: Mapped[str | None] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)


class ParticipantRow(Base):
    __tablename__ = "participants"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, _doc_fk(), index=True)
    event_id: Mapped[str] = mapped_column(String)
    entity_id: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String(32))


class AgreementRow(Base):
    __tablename__ = "agreements"
    __table_args__ = (UniqueConstraint("document_id", "agreement_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, _doc_fk())
    agreement_id: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(Text)
    signed: Mapped[str | None] = mapped_column(String(10))
    event_id: Mapped[str | None] = mapped_column(String)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)


class AgreementPartyRow(Base):
    __tablename__ = "agreement_parties"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, _doc_fk(), index=True)
    agreement_id: Mapped[str] = mapped_column(String)
    entity_id: Mapped[str] = mapped_column(String)


class TopicRow(Base):
    __tablename__ = "topics"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String, _doc_fk(), index=True)
    topic_id: Mapped[str] = mapped_column(String, index=True)
    label: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)


class FailureRow(Base):
    """A source that could not be ingested, kept to be retried."""

    __tablename__ = "failures"

    source: Mapped[str] = mapped_column(String, primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)
    first_failed: Mapped[str] = mapped_column(String(40))
    last_failed: Mapped[str] = mapped_column(String(40))


class SignatureRow(Base):
    """A stored document's near-duplicate signature (the MinHash of its word shingles and the hash of its
    whitespace-normalized text, made by communique.ingest.dedup), so that an ingest does not re-read
    every stored text to know what it has; valid while `content_hash` is the document's."""

    __tablename__ = "signatures"

    document_id: Mapped[str] = mapped_column(String, _doc_fk(), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    text_hash: Mapped[str] = mapped_column(String(64))
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


# The tables that hold one document's facts, in the order they are deleted (children first).
FACT_TABLES = (MentionRow, RoleRow, ParticipantRow, AgreementPartyRow, TopicRow, AgreementRow, EventRow,
               EntityRow)

metadata = Base.metadata
# The knowledge-base tables (kb_tables.py) share this metadata: one schema, one migration history;
# importing `communique.store` registers them.
