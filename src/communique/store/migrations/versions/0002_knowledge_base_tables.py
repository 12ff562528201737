"""knowledge base tables

Revision ID: 0002
Revises: 0001

The tables of communique.store.kb_tables (once communique.link.tables): kb entities and their members, blocking keys, link evidence,
kb events with their sources, participants and conflicts, series, and the audit log of manual
merges and splits.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kb_audit",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("payload", JSON_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_audit")),
    )
    op.create_table(
        "kb_audit_docs",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_audit_docs")),
        sa.UniqueConstraint("audit_id", "document_id", name=op.f("uq_kb_audit_docs_audit_id_document_id")),
    )
    with op.batch_alter_table("kb_audit_docs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_audit_docs_document_id"), ["document_id"], unique=False)

    op.create_table(
        "kb_cannot_link",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("a", sa.String(length=40), nullable=False),
        sa.Column("b", sa.String(length=40), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_cannot_link")),
        sa.UniqueConstraint("a", "b", name=op.f("uq_kb_cannot_link_a_b")),
    )
    with op.batch_alter_table("kb_cannot_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_cannot_link_a"), ["a"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_cannot_link_b"), ["b"], unique=False)

    op.create_table(
        "kb_conflicts",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kb_event", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("observed", JSON_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_conflicts")),
    )
    with op.batch_alter_table("kb_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_conflicts_kb_event"), ["kb_event"], unique=False)

    op.create_table(
        "kb_entities",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("names", JSON_TYPE, nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("iso", sa.String(length=8), nullable=True),
        sa.Column("gazetteer_id", sa.String(), nullable=True),
        sa.Column("profile", JSON_TYPE, nullable=True),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("updated", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_entities")),
        sa.UniqueConstraint("id", name=op.f("uq_kb_entities_id")),
    )
    with op.batch_alter_table("kb_entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_entities_type"), ["type"], unique=False)

    op.create_table(
        "kb_event_participants",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kb_event", sa.String(length=40), nullable=False),
        sa.Column("kb_entity", sa.String(length=40), nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("inherited", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_event_participants")),
    )
    with op.batch_alter_table("kb_event_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kb_event_participants_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_kb_event_participants_kb_entity"), ["kb_entity"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_event_participants_kb_event"), ["kb_event"], unique=False)

    op.create_table(
        "kb_event_sources",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kb_event", sa.String(length=40), nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("start", sa.String(length=10), nullable=True),
        sa.Column("end", sa.String(length=10), nullable=True),
        sa.Column("location", sa.String(length=40), nullable=True),
        sa.Column("location_entity", sa.String(), nullable=True),
        sa.Column("parent_event", sa.String(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=True),
        sa.Column("series_key", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("plover_code", sa.String(length=32), nullable=True),
        sa.Column("plover_mode", sa.String(length=32), nullable=True),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        sa.Column("evidence", JSON_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_event_sources")),
        sa.UniqueConstraint("document_id", "event_id", name=op.f("uq_kb_event_sources_document_id_event_id")),
    )
    with op.batch_alter_table("kb_event_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_event_sources_kb_event"), ["kb_event"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_event_sources_location"), ["location"], unique=False)

    op.create_table(
        "kb_events",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("start", sa.String(length=10), nullable=True),
        sa.Column("end", sa.String(length=10), nullable=True),
        sa.Column("date_from", sa.String(length=10), nullable=True),
        sa.Column("date_to", sa.String(length=10), nullable=True),
        sa.Column("location", sa.String(length=40), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=True),
        sa.Column("series_id", sa.String(length=40), nullable=True),
        sa.Column("parent", sa.String(length=40), nullable=True),
        sa.Column("plover_code", sa.String(length=32), nullable=True),
        sa.Column("plover_mode", sa.String(length=32), nullable=True),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("updated", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_events")),
        sa.UniqueConstraint("id", name=op.f("uq_kb_events_id")),
    )
    with op.batch_alter_table("kb_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_events_location"), ["location"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_events_series_id"), ["series_id"], unique=False)
        batch_op.create_index("ix_kb_events_type_dates", ["type", "date_from", "date_to"], unique=False)

    op.create_table(
        "kb_keys",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("kb_entity", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_keys")),
        sa.UniqueConstraint("key", "kb_entity", name=op.f("uq_kb_keys_key_kb_entity")),
    )
    with op.batch_alter_table("kb_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_keys_kb_entity"), ["kb_entity"], unique=False)

    op.create_table(
        "kb_links",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kb_entity", sa.String(length=40), nullable=False),
        sa.Column("a", sa.Integer(), nullable=False),
        sa.Column("b", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", JSON_TYPE, nullable=True),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_links")),
    )
    with op.batch_alter_table("kb_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_links_a"), ["a"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_links_b"), ["b"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_links_kb_entity"), ["kb_entity"], unique=False)

    op.create_table(
        "kb_members",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("kb_entity", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", JSON_TYPE, nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("features", JSON_TYPE, nullable=True),
        sa.Column("evidence", JSON_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_members")),
        sa.UniqueConstraint("document_id", "entity_id", name=op.f("uq_kb_members_document_id_entity_id")),
    )
    with op.batch_alter_table("kb_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_members_kb_entity"), ["kb_entity"], unique=False)

    op.create_table(
        "kb_series",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("evidence", JSON_TYPE, nullable=True),
        sa.Column("updated", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_series")),
        sa.UniqueConstraint("id", name=op.f("uq_kb_series_id")),
    )
    op.create_table(
        "kb_series_keys",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("series_id", sa.String(length=40), nullable=False),
        sa.Column("tokens", JSON_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_series_keys")),
        sa.UniqueConstraint("key", name=op.f("uq_kb_series_keys_key")),
    )
    with op.batch_alter_table("kb_series_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_series_keys_series_id"), ["series_id"], unique=False)

    op.create_table(
        "kb_series_tokens",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("series_id", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_series_tokens")),
        sa.UniqueConstraint("token", "series_id", name=op.f("uq_kb_series_tokens_token_series_id")),
    )
    with op.batch_alter_table("kb_series_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_series_tokens_series_id"), ["series_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("kb_series_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_series_tokens_series_id"))

    op.drop_table("kb_series_tokens")
    with op.batch_alter_table("kb_series_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_series_keys_series_id"))

    op.drop_table("kb_series_keys")
    op.drop_table("kb_series")
    with op.batch_alter_table("kb_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_members_kb_entity"))

    op.drop_table("kb_members")
    with op.batch_alter_table("kb_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_links_kb_entity"))
        batch_op.drop_index(batch_op.f("ix_kb_links_b"))
        batch_op.drop_index(batch_op.f("ix_kb_links_a"))

    op.drop_table("kb_links")
    with op.batch_alter_table("kb_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_keys_kb_entity"))

    op.drop_table("kb_keys")
    with op.batch_alter_table("kb_events", schema=None) as batch_op:
        batch_op.drop_index("ix_kb_events_type_dates")
        batch_op.drop_index(batch_op.f("ix_kb_events_series_id"))
        batch_op.drop_index(batch_op.f("ix_kb_events_location"))

    op.drop_table("kb_events")
    with op.batch_alter_table("kb_event_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_event_sources_location"))
        batch_op.drop_index(batch_op.f("ix_kb_event_sources_kb_event"))

    op.drop_table("kb_event_sources")
    with op.batch_alter_table("kb_event_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_event_participants_kb_event"))
        batch_op.drop_index(batch_op.f("ix_kb_event_participants_kb_entity"))
        batch_op.drop_index(batch_op.f("ix_kb_event_participants_document_id"))

    op.drop_table("kb_event_participants")
    with op.batch_alter_table("kb_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_entities_type"))

    op.drop_table("kb_entities")
    with op.batch_alter_table("kb_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_conflicts_kb_event"))

    op.drop_table("kb_conflicts")
    with op.batch_alter_table("kb_cannot_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_cannot_link_b"))
        batch_op.drop_index(batch_op.f("ix_kb_cannot_link_a"))

    op.drop_table("kb_cannot_link")
    with op.batch_alter_table("kb_audit_docs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_audit_docs_document_id"))

    op.drop_table("kb_audit_docs")
    op.drop_table("kb_audit")
