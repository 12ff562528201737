"""near-duplicate signatures

Revision ID: 0006
Revises: 0005

The table `signatures`: each stored document's MinHash signature and normalized-text hash
(communique.ingest.dedup), written as documents are ingested. An ingest used to rebuild its
near-duplicate index by reading and parsing every stored Record; it now reads these rows, and
computes (and saves) a signature only for documents that have none or whose text changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signatures",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_signatures_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_signatures")),
    )


def downgrade() -> None:
    op.drop_table("signatures")
