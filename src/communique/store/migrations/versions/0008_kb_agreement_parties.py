"""the parties to each agreement, as the knowledge base links them

Revision ID: 0008
Revises: 0007

The table `kb_agreement_parties`: each agreement of a linked (corrected) Record with its kind, its
signing event and its document-level parties, written where the knowledge base is built, so the graph
(`KnowledgeBase.graph`: the pages, the API, the CLI and the GraphML export) counts the parties to one
agreement from the knowledge base. Documents linked before this revision take the stored agreements'
parties (an analyst's correction to an agreement shows after `communique relink`).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kb_agreement_parties",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("agreement_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.String(), nullable=True),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_kb_agreement_parties")),
    )
    with op.batch_alter_table("kb_agreement_parties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_agreement_parties_document_id"), ["document_id"], unique=False)
    op.execute("INSERT INTO kb_agreement_parties (document_id, agreement_id, kind, event_id, entity_id) "
               "SELECT p.document_id, p.agreement_id, a.kind, a.event_id, p.entity_id "
               "FROM agreement_parties p JOIN agreements a "
               "ON a.document_id = p.document_id AND a.agreement_id = p.agreement_id "
               "WHERE p.document_id IN (SELECT document_id FROM kb_linked) ORDER BY p.pk")


def downgrade() -> None:
    with op.batch_alter_table("kb_agreement_parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_agreement_parties_document_id"))
    op.drop_table("kb_agreement_parties")
