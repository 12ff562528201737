"""Jobs that compose the layers: ingest sources into the store (read → extract → store → index).

Each document is stored in one transaction of its own, so a batch killed half way loses nothing
that was stored and a re-run skips it ("unchanged"); documents that were stored but not yet
indexed are indexed on the next run. Failures are kept in the store with their reason and are
retried with `retry_failed`.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .extract.pipeline import extract_document
from .ingest.dedup import Deduplicator
from .ingest.fetch import Fetcher, HttpCache
from .ingest.sources import Source, iter_sources
from .link import link_document
from .search import Searcher
from .store import Store

OUTCOMES = ("new", "upgraded", "unchanged", "duplicate", "failed", "skipped")
SAVE_EVERY = 50


@dataclass
class IngestSummary:
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: str, location: str = "", reason: str | None = None) -> None:
        self.counts[outcome] += 1
        if outcome == "failed" and reason:
            self.failures.append((location, reason))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {**{k: self.counts.get(k, 0) for k in OUTCOMES},
                "failures": [{"source": s, "reason": r} for s, r in self.failures]}


@dataclass
class IngestOptions:
    glob: str | None = None
    follow: bool = False
    depth: int = 1
    same_host: bool = True
    max_pages: int = 500
    max_bytes: int = 20 * 1024 * 1024
    rate: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0


def _deduplicator(store: Store) -> Deduplicator:
    """Exact and near duplicates are judged against everything already stored."""
    dedup = Deduplicator()
    for record in store.iter_records():
        dedup.add(record.document.id, record.document.text)
    return dedup


def _cache_path(store: Store) -> Path | None:
    url = store.url
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url.removeprefix("sqlite:///") + ".http-cache.json")
    return Path(".communique") / "http-cache.json"


def ingest(specs: Iterable[str], store: Store, options: IngestOptions | None = None,
           progress: Callable[[Source, str], None] | None = None, searcher: Searcher | None = None) -> IngestSummary:
    """Read every source of every spec into the store; returns what happened to each."""
    options = options or IngestOptions()
    searcher = searcher or Searcher(store)
    summary = IngestSummary()
    dedup = _deduplicator(store)
    cache_file = _cache_path(store)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache = HttpCache(cache_file)
    fetcher = Fetcher(min_interval=options.rate, timeout=options.timeout, max_bytes=options.max_bytes)
    stored_since_save = 0
    try:
        for spec in specs:
            for source in iter_sources(spec, glob=options.glob, follow=options.follow, depth=options.depth,
                                       same_host=options.same_host, max_pages=options.max_pages, fetcher=fetcher,
                                       cache=cache, max_bytes=options.max_bytes):
                outcome = _one(source, store, searcher, dedup, summary)
                if outcome in ("new", "upgraded"):
                    stored_since_save += 1
                    if stored_since_save >= SAVE_EVERY:
                        searcher.save()
                        with contextlib.suppress(OSError):
                            cache.save()
                        stored_since_save = 0
                if progress:
                    progress(source, outcome)
    finally:
        searcher.save()
        with contextlib.suppress(OSError):
            cache.save()
        fetcher.close()
    return summary


def _one(source: Source, store: Store, searcher: Searcher, dedup: Deduplicator, summary: IngestSummary) -> str:
    location = source.location
    if source.status == "unchanged":
        summary.add("unchanged")
        return "unchanged"
    if source.document is None:
        reason = source.error or source.status
        if source.status == "skipped":
            summary.add("skipped", location, reason)
            return "skipped"
        store.record_failure(location, reason)
        summary.add("failed", location, reason)
        return "failed"
    doc = source.document
    if doc.url is None and doc.source and Path(doc.source).exists():
        doc.url = Path(doc.source).resolve().as_uri()  # a file re-read after an edit replaces its old version
    try:
        dup = dedup.check(doc.text)
        if dup is not None and dup.of != doc.id and store.get_document(dup.of) is not None:
            store.link_duplicate(doc.id, dup.of, dup.kind, url=doc.url)
            outcome = "duplicate"
        else:
            outcome = _put(doc, source, store, searcher)
            dedup.add(doc.id, doc.text)
    except Exception as exc:  # one bad document must not stop the batch
        reason = f"{type(exc).__name__}: {exc}"
        store.record_failure(location, reason)
        summary.add("failed", location, reason)
        return "failed"
    summary.add(outcome)
    return outcome


def _put(doc, source: Source, store: Store, searcher: Searcher) -> str:
    record = extract_document(doc)
    result = store.put(record, fetched=doc.fetched, source=source.origin or doc.source or source.location)
    if result.status in ("new", "upgraded") or record.document.id not in searcher.index:
        searcher.add(record.document.id, record.document.title, record.document.text)
    if result.status in ("new", "upgraded"):
        link_document(store, record.document.id)  # incremental: only what this document's keys point at
    return result.status


def retry_failed(store: Store, options: IngestOptions | None = None,
                 progress: Callable[[Source, str], None] | None = None) -> IngestSummary:
    """Try every source that failed before once more; a success clears its failure."""
    return ingest([f["source"] for f in store.failures()], store, options, progress)
