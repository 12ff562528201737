"""search filter indexes

Revision ID: 0004
Revises: 0003

Indexes for the search filters, which test each candidate document with an EXISTS on its facts
(events of a type, entities of a type and country, roles of a country). Without them SQLite's planner,
lacking statistics, walks the single-column index on the type (ix_events_type, ix_entities_type_iso)
instead of the document's rows: every candidate then scans every event of that type in the store, and
an event_type filter took 0.5 s at 5,000 documents and grew with the square of the store
(bench/search_latency.py). With both columns in one index it is one lookup per candidate.

And ix_documents_duplicate_of becomes partial (duplicate_of IS NOT NULL): as a full index SQLite used it
for the "duplicate_of IS NULL" every search adds, so Store.filter_ids (30 ids, in every semantic and
hybrid search) walked all the documents instead of looking the ids up: 0.38 s at 100,000 documents.
Lookups of the duplicates of a document (duplicate_of = ?) still use it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_events_document_id_type", "events", ["document_id", "type"]),
    ("ix_entities_document_id_type_iso", "entities", ["document_id", "type", "iso"]),
    ("ix_roles_document_id_country", "roles", ["document_id", "country"]),
)


NOT_NULL = "duplicate_of IS NOT NULL"


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    op.drop_index("ix_documents_duplicate_of", table_name="documents")
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"], unique=False,
                    sqlite_where=sa.text(NOT_NULL), postgresql_where=sa.text(NOT_NULL))


def downgrade() -> None:
    op.drop_index("ix_documents_duplicate_of", table_name="documents")
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"], unique=False)
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
