"""initial schema

Revision ID: 0001
Revises:

The tables of communique.store.schema, and the full-text index of each dialect: an FTS5 table
over documents.lemmas kept in step by triggers (SQLite), a generated tsvector column with a GIN
index (PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("document_versions",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("url", sa.String(), nullable=True),
    sa.Column("content_hash", sa.String(length=64), nullable=True),
    sa.Column("extractor_version", sa.String(), nullable=True),
    sa.Column("fetched", sa.String(length=40), nullable=True),
    sa.Column("reason", sa.String(length=16), nullable=False),
    sa.Column("replaced", sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_document_versions"))
    )
    with op.batch_alter_table("document_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_versions_document_id"), ["document_id"], unique=False)

    op.create_table("documents",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("id", sa.String(), nullable=False),
    sa.Column("url", sa.String(), nullable=True),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("published", sa.String(length=10), nullable=True),
    sa.Column("published_from", sa.String(length=10), nullable=True),
    sa.Column("published_to", sa.String(length=10), nullable=True),
    sa.Column("language", sa.String(length=16), nullable=True),
    sa.Column("source", sa.String(), nullable=True),
    sa.Column("fetched", sa.String(length=40), nullable=True),
    sa.Column("content_hash", sa.String(length=64), nullable=True),
    sa.Column("etag", sa.String(), nullable=True),
    sa.Column("last_modified", sa.String(), nullable=True),
    sa.Column("extractor_version", sa.String(), nullable=True),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("lemmas", sa.Text(), nullable=True),
    sa.Column("record_json", JSON_TYPE, nullable=True),
    sa.Column("duplicate_of", sa.String(), nullable=True),
    sa.Column("duplicate_kind", sa.String(length=8), nullable=True),
    sa.Column("created", sa.String(length=40), nullable=False),
    sa.Column("updated", sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(["duplicate_of"], ["documents.id"], name=op.f("fk_documents_duplicate_of_documents"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_documents")),
    sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
    sa.UniqueConstraint("id", name=op.f("uq_documents_id"))
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_duplicate_of"), ["duplicate_of"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_language"), ["language"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_published_from"), ["published_from"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_source"), ["source"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_url"), ["url"], unique=False)

    op.create_table("failures",
    sa.Column("source", sa.String(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("first_failed", sa.String(length=40), nullable=False),
    sa.Column("last_failed", sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint("source", name=op.f("pk_failures"))
    )
    op.create_table("agreement_parties",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("agreement_id", sa.String(), nullable=False),
    sa.Column("entity_id", sa.String(), nullable=False),
    sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_agreement_parties_document_id_documents"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_agreement_parties"))
    )
    with op.batch_alter_table("agreement_parties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_parties_document_id"), ["document_id"], unique=False)

    op.create_table("agreements",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("agreement_id", sa.String(), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("signed", sa.String(length=10), nullable=True),
    sa.Column("event_id", sa.String(), nullable=True),
    sa.Column("evidence_start", sa.Integer(), nullable=False),
    sa.Column("evidence_end", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_agreements_document_id_documents"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_agreements")),
    sa.UniqueConstraint("document_id", "agreement_id", name=op.f("uq_agreements_document_id_agreement_id"))
    )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreements_kind"), ["kind"], unique=False)

    op.create_table("entities",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("entity_id", sa.String(), nullable=False),
    sa.Column("type", sa.String(length=8), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("kind", sa.String(length=32), nullable=True),
    sa.Column("iso", sa.String(length=8), nullable=True),
    sa.Column("gazetteer_id", sa.String(), nullable=True),
    sa.Column("aliases", JSON_TYPE, nullable=True),
    sa.Column("names", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_entities_document_id_documents"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_entities")),
    sa.UniqueConstraint("document_id", "entity_id", name=op.f("uq_entities_document_id_entity_id"))
    )
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.create_index("ix_entities_type_iso", ["type", "iso"], unique=False)

    op.create_table("events",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("event_id", sa.String(), nullable=False),
    sa.Column("type", sa.String(length=16), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("start", sa.String(length=10), nullable=True),
    sa.Column("end", sa.String(length=10), nullable=True),
    sa.Column("date_from", sa.String(length=10), nullable=True),
    sa.Column("date_to", sa.String(length=10), nullable=True),
    sa.Column("location", sa.String(), nullable=True),
    sa.Column("name", sa.Text(), nullable=True),
    sa.Column("ordinal", sa.Integer(), nullable=True),
    sa.Column("parent", sa.String(), nullable=True),
    sa.Column("series", sa.String(), nullable=True),
    sa.Column("trigger", sa.Text(), nullable=True),
    sa.Column("plover_code", sa.String(length=32), nullable=True),
    sa.Column("plover_mode", sa.String(length=32), nullable=True),
    sa.Column("confidence", sa.Float(), nullable=False),
    sa.Column("evidence_start", sa.Integer(), nullable=False),
    sa.Column("evidence_end", sa.Integer(), nullable=False),
    sa.Column("evidence_text", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_events_document_id_documents"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_events")),
    sa.UniqueConstraint("document_id", "event_id", name=op.f("uq_events_document_id_event_id"))
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_dates", ["date_from", "date_to"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_series"), ["series"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table("mentions",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("char_start", sa.Integer(), nullable=False),
    sa.Column("char_end", sa.Integer(), nullable=False),
    sa.Column("type", sa.String(length=8), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("entity_id", sa.String(), nullable=True),
    sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_mentions_document_id_documents"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_mentions"))
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_document_id"), ["document_id"], unique=False)

    op.create_table("participants",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("event_id", sa.String(), nullable=False),
    sa.Column("entity_id", sa.String(), nullable=False),
    sa.Column("role", sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_participants_document_id_documents"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_participants"))
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participants_document_id"), ["document_id"], unique=False)

    op.create_table("roles",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("entity_id", sa.String(), nullable=False),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("organization", sa.String(), nullable=True),
    sa.Column("country", sa.String(length=8), nullable=True),
    sa.Column("evidence_start", sa.Integer(), nullable=True),
    sa.Column("evidence_end", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_roles_document_id_documents"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_roles"))
    )
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_roles_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_roles_document_id"), ["document_id"], unique=False)

    op.create_table("topics",
    sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("document_id", sa.String(), nullable=False),
    sa.Column("topic_id", sa.String(), nullable=False),
    sa.Column("label", sa.Text(), nullable=False),
    sa.Column("score", sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_topics_document_id_documents"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("pk", name=op.f("pk_topics"))
    )
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topics_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_topics_topic_id"), ["topic_id"], unique=False)

    _create_fulltext()


def downgrade() -> None:
    _drop_fulltext()
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topics_topic_id"))
        batch_op.drop_index(batch_op.f("ix_topics_document_id"))

    op.drop_table("topics")
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roles_document_id"))
        batch_op.drop_index(batch_op.f("ix_roles_country"))

    op.drop_table("roles")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_document_id"))

    op.drop_table("participants")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_document_id"))

    op.drop_table("mentions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index(batch_op.f("ix_events_series"))
        batch_op.drop_index("ix_events_dates")

    op.drop_table("events")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index("ix_entities_type_iso")

    op.drop_table("entities")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreements_kind"))

    op.drop_table("agreements")
    with op.batch_alter_table("agreement_parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_parties_document_id"))

    op.drop_table("agreement_parties")
    op.drop_table("failures")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_url"))
        batch_op.drop_index(batch_op.f("ix_documents_source"))
        batch_op.drop_index(batch_op.f("ix_documents_published_from"))
        batch_op.drop_index(batch_op.f("ix_documents_language"))
        batch_op.drop_index(batch_op.f("ix_documents_duplicate_of"))

    op.drop_table("documents")
    with op.batch_alter_table("document_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_versions_document_id"))

    op.drop_table("document_versions")


SQLITE_FULLTEXT = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "lemmas, content='documents', content_rowid='pk', tokenize='porter unicode61')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, lemmas) VALUES (new.pk, new.lemmas); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, lemmas) VALUES ('delete', old.pk, old.lemmas); END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF lemmas ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, lemmas) VALUES ('delete', old.pk, old.lemmas); "
    "INSERT INTO documents_fts(rowid, lemmas) VALUES (new.pk, new.lemmas); END",
)

POSTGRES_FULLTEXT = (
    "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "to_tsvector('russian'::regconfig, coalesce(\"title\", '') || ' ' || coalesce(\"text\", '')) || "
    "to_tsvector('english'::regconfig, coalesce(\"title\", '') || ' ' || coalesce(\"text\", '')) || "
    "to_tsvector('simple'::regconfig, coalesce(\"lemmas\", ''))) STORED",
    "CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)",
)


def _create_fulltext() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_FULLTEXT, "postgresql": POSTGRES_FULLTEXT}.get(dialect, ()):
        op.execute(statement)


def _drop_fulltext() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_tsv")
        op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS tsv")
