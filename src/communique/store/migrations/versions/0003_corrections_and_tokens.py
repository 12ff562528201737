"""corrections and API tokens

Revision ID: 0003
Revises: 0002

The table of communique.corrections (an analyst's fixes, keyed by document id and fact identity,
applied on read) and those of communique.api.tables (API tokens with roles; the application's
secrets).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("op", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.String(), nullable=False),
        sa.Column("anchor", JSON_TYPE, nullable=False),
        sa.Column("value", JSON_TYPE, nullable=True),
        sa.Column("previous", JSON_TYPE, nullable=True),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created", sa.String(length=40), nullable=False),
        sa.Column("extractor_version", sa.String(), nullable=True),
        sa.Column("reverted", sa.String(length=40), nullable=True),
        sa.Column("reverted_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_corrections")),
    )
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_corrections_document_id"), ["document_id"], unique=False)

    op.create_table(
        "api_tokens",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created", sa.String(length=40), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("last_used", sa.String(length=40), nullable=True),
        sa.Column("revoked", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_app_secrets")),
    )


def downgrade() -> None:
    op.drop_table("app_secrets")
    op.drop_table("api_tokens")
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrections_document_id"))
    op.drop_table("corrections")
