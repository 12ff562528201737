"""Persistence of Records behind one interface (`Store`): SQLite (a file, WAL, FTS5) by default,
PostgreSQL (tsvector, Russian and English) with `--db postgresql://...`; migrations run at open.

    >>> from communique.store import Store
    >>> with Store.open("communique.db") as store:
    ...     store.put(record).status
    'new'
"""

from . import kb_tables  # noqa: F401  (the knowledge base's tables, on the same metadata)
from .db import resolve_url
from .repository import PutResult, Store, StoreError, period_bounds

__all__ = ["PutResult", "Store", "StoreError", "period_bounds", "resolve_url"]
