"""which documents are linked into the knowledge base

Revision ID: 0007
Revises: 0006

The table `kb_linked`: each document linked into the knowledge base with the content hash and extractor
version that were linked. An ingest killed after storing a batch but before linking it left documents
that no later ingest linked (it saw them "unchanged"); an ingest now links every stored document
without a current row here first. Documents stored before this revision are taken as linked (every
ingest linked what it stored; `communique relink` redoes the whole knowledge base).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kb_linked",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("extractor_version", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_kb_linked")),
    )
    op.execute("INSERT INTO kb_linked (document_id, content_hash, extractor_version) "
               "SELECT id, content_hash, extractor_version FROM documents WHERE record_json IS NOT NULL")


def downgrade() -> None:
    op.drop_table("kb_linked")
