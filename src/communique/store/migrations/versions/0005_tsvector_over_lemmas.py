"""tsvector over the lemmas

Revision ID: 0005
Revises: 0004

PostgreSQL's full-text column `documents.tsv` was to_tsvector('russian', title + text) ||
to_tsvector('english', title + text) || to_tsvector('simple', lemmas): three passes over every
document, 0.8 ms of each insert, a third of what a stored document cost beyond its facts
(bench/ingest_speed.py). It becomes to_tsvector('russian', lemmas) || to_tsvector('english', lemmas):
the same two configurations over the lemmatized shadow text (title and text, every word in its
pymorphy3 normal form, the text SQLite's FTS5 indexes), 0.55 ms. A query is lemmatized the same way
and matches when all its words match under one configuration; the Russian stemmer over lemmas still
joins forms pymorphy3 does not know, the English one stems English words (fulltext.apply_search).
The column is generated, so PostgreSQL recomputes it for every stored document here. SQLite: nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OVER_LEMMAS = ("to_tsvector('russian'::regconfig, coalesce(\"lemmas\", '')) || "
               "to_tsvector('english'::regconfig, coalesce(\"lemmas\", ''))")
OVER_TEXT = ("to_tsvector('russian'::regconfig, coalesce(\"title\", '') || ' ' || coalesce(\"text\", '')) || "
             "to_tsvector('english'::regconfig, coalesce(\"title\", '') || ' ' || coalesce(\"text\", '')) || "
             "to_tsvector('simple'::regconfig, coalesce(\"lemmas\", ''))")


def _tsv(expression: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_documents_tsv")
    op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS tsv")
    op.execute(f"ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({expression}) STORED")
    op.execute("CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)")


def upgrade() -> None:
    _tsv(OVER_LEMMAS)


def downgrade() -> None:
    _tsv(OVER_TEXT)
