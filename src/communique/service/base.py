"""The state every part of the service layer shares: the store, the analysts' corrections, the
in-memory `FactIndex` (kept until the store changes) and the searcher."""

from __future__ import annotations

import threading
import time
from collections import Counter

from sqlalchemy import func, select

from ..corrections import CorrectionError, Corrections
from ..store import Store
from .facts import D, FactIndex, KbView


class NotFound(LookupError):
    """What was asked for is not in the store."""


def sort_date(value: str | None) -> str:
    """A partial date as a sort key; an undated fact sorts last."""
    return value or "9999"


def paginate(items: list, limit: int, offset: int) -> tuple[list, int]:
    """One page of `items` and how many there are in all."""
    return items[offset:offset + limit], len(items)


class ServiceBase:
    """The store, its corrections, the fact index and the searcher; the views are mixins over it."""

    def __init__(self, store: Store, *, searcher=None, ttl: float = 2.0):
        self.store = store
        self.corrections = Corrections(store)
        self._searcher = searcher
        self._searcher_lock = threading.Lock()
        self.ttl = ttl
        self._index: FactIndex | None = None
        self._index_version: tuple | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    # -- caching ------------------------------------------------------------------------------
    def version(self) -> tuple:
        with self.store.reading() as conn:
            docs = tuple(conn.execute(select(func.count(), func.max(D.c.updated))).first())
            kb = KbView.version(conn)
        return docs + self.corrections.version() + kb

    def entity_names(self) -> dict[str, dict]:
        """kb entity id → its names by language (places and bodies), made once per state of the store."""
        return self.index().entity_names

    def index(self) -> FactIndex:
        """The facts of every document, read again only when the store has changed (checked at most
        every `ttl` seconds)."""
        now = time.monotonic()
        if self._index is not None and now - self._checked < self.ttl:
            return self._index
        version = self.version()
        self._checked = now
        if self._index is not None and version == self._index_version:
            return self._index
        with self._lock:
            if self._index is None or self._index_version != version:
                docs_changed = self._index_version is None or self._index_version[:2] != version[:2]
                self._index = FactIndex.build(self.store, self.corrections)
                if docs_changed and self._index_version is not None:
                    with self._searcher_lock:
                        self._searcher = None  # documents came or went: read the vector index again
                self._index_version = version
        return self._index

    def invalidate(self) -> None:
        self._checked = 0.0

    def knowledge_base(self):
        """The knowledge base of `communique.link` over this store: the one authority on which mentions,
        reports and meetings are the same across documents."""
        try:
            from ..link import KnowledgeBase
        except ImportError as exc:
            raise CorrectionError("the knowledge base (communique.link) is not installed") from exc
        return KnowledgeBase(self.store)

    @property
    def searcher(self):
        with self._searcher_lock:
            if self._searcher is None:
                from ..search import Searcher

                self._searcher = Searcher(self.store)
            return self._searcher

    # -- overview -------------------------------------------------------------------------------
    def stats(self) -> dict:
        """What the store holds (computed once per state of the store)."""
        idx = self.index()
        cached = getattr(idx, "stats", None)
        if cached is not None:
            return cached
        langs = Counter(d.language or "?" for d in idx.docs.values())
        dates = [d.published for d in idx.docs.values() if d.published]
        count, _last, reverted = self.corrections.version()
        # each event once, as the knowledge base links its reports (the count /events and the timeline give)
        idx.stats = {"documents": len(idx.docs), "entities": len(idx.entities),
                     "events": len(idx.once(idx.events.values())),
                     "agreements": len(idx.agreements), "series": len(idx.series), "corrections": count - reverted,
                     "languages": dict(langs.most_common()),
                     "published": {"from": min(dates) if dates else None, "to": max(dates) if dates else None}}
        return idx.stats
