"""Jobs that compose the layers: ingest sources into the store (read → extract → store → index).

Extracted documents are written a few at a time (`BATCH` of them, or what came within
`BATCH_SECONDS`), each batch in one transaction (Store.put_many: one lock statement, one multi-row
insert per table), then indexed, then linked (the batch in one transaction of the linker). A batch
killed half way loses nothing that was stored, and a re-run skips what was ("unchanged") and redoes
the rest; every ingest first indexes and links the documents a killed one stored but did not index
or link (`finish_pending`). Each document is extracted in a worker process within a time limit
(`IngestOptions.doc_timeout`): one that runs past it is abandoned and recorded as failed, and the
job goes on. Failures are kept in the store with their reason and are retried with `retry_failed`.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .extract.pipeline import extract_document
from .extract.worker import TimedExtractor
from .ingest.dedup import Deduplicator, fact_differences
from .ingest.fetch import Fetcher, HttpCache
from .ingest.sources import Source, iter_sources
from .link import KnowledgeBase, link_document, link_documents
from .model import Document, Record
from .search import Searcher
from .store import Store

OUTCOMES = ("new", "upgraded", "unchanged", "duplicate", "failed", "skipped")
SAVE_EVERY = 50
# Documents written in one transaction: a PostgreSQL put of one document is mostly round trips
# (5 ms against 2.5 ms a document in batches of 10, bench/ingest_speed.py); the time bound keeps a
# slow crawl's documents from waiting long to be stored.
BATCH = 16
BATCH_SECONDS = 2.0


@dataclass
class IngestSummary:
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    # what was judged a duplicate of what: {source, document, of, kind, similarity}
    duplicates: list[dict] = field(default_factory=list)
    # near duplicates kept as documents of their own, for the facts they differ in: {source, document, of, facts}
    near_but_new: list[dict] = field(default_factory=list)

    def add(self, outcome: str, location: str = "", reason: str | dict | None = None) -> None:
        self.counts[outcome] += 1
        if outcome == "failed" and reason:
            self.failures.append((location, str(reason)))
        elif outcome == "duplicate" and isinstance(reason, dict):
            self.duplicates.append({"source": location, **reason})
        elif outcome in ("new", "upgraded") and isinstance(reason, dict):
            self.near_but_new.append({"source": location, **reason})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {**{k: self.counts.get(k, 0) for k in OUTCOMES},
                "failures": [{"source": s, "reason": r} for s, r in self.failures],
                "duplicates": list(self.duplicates), "near_but_new": list(self.near_but_new)}

    def lines(self) -> list[str]:
        """One line for each source judged a duplicate (of what, how) or kept apart from its near twin."""
        out = [f"{d['source']}: {d['kind']} duplicate of {d['of']}"
               + (f" (similarity {d['similarity']:.2f})" if d["kind"] == "near" else "") for d in self.duplicates]
        out += [f"{d['source']}: new, not a duplicate of {d['of']}: the facts differ ({', '.join(d['facts'][:6])})"
                for d in self.near_but_new]
        return out


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
    # seconds one document's extraction may take (in a worker process) before it is abandoned as
    # failed and the job goes on; None extracts in this process, without a limit. The worker is
    # spawned, so a script that calls `ingest` runs it under `if __name__ == "__main__":`.
    doc_timeout: float | None = 60.0


def _deduplicator(store: Store) -> tuple[Deduplicator, list[str]]:
    """Exact and near duplicates are judged against everything already stored: by the signatures the
    store keeps, and from the text (the signature then saved) where it has none for the current text.
    With it, the id of every stored document."""
    dedup = Deduplicator()
    made = []
    stored = []
    for doc_id, stored_hash, text_hash, minhash, text in store.iter_signatures():
        stored.append(doc_id)
        if minhash is not None and dedup.add_signature(doc_id, text_hash, minhash):
            continue
        if text is None:  # a signature of another size: the text is needed after all
            document = store.get_document(doc_id)
            text = document.text if document else ""
        dedup.add(doc_id, text)
        made.append(_signature_row(dedup, doc_id, stored_hash))
        if len(made) >= 500:
            store.save_signatures(made)
            made = []
    store.save_signatures(made)
    return dedup, stored


def finish_pending(store: Store, searcher: Searcher, stored: Iterable[str] | None = None) -> dict:
    """What an ingest killed between storing and indexing or linking left: stored documents missing
    from the vector index are indexed, and those not linked as they are stored are linked. Every ingest
    does this first; `stored` is the ids of the stored documents where the caller has read them."""
    if stored is None:
        stored = [doc_id for doc_id, *_ in store.iter_signatures()]
    missing = [doc_id for doc_id in stored if doc_id not in searcher.index]
    for start in range(0, len(missing), BATCH * 4):
        docs = [store.get_document(doc_id) for doc_id in missing[start:start + BATCH * 4]]
        searcher.add_many([(doc.id, doc.title, doc.text) for doc in docs if doc is not None])
    if missing:
        searcher.save()
    unlinked = KnowledgeBase(store).unlinked()
    for doc_id in unlinked:
        link_document(store, doc_id)
    return {"indexed": len(missing), "linked": len(unlinked)}


def _signature_row(dedup: Deduplicator, doc_id: str, stored_hash: str) -> dict:
    text_hash, minhash = dedup.signature(doc_id)
    return {"document_id": doc_id, "content_hash": stored_hash, "text_hash": text_hash, "minhash": minhash}


def _cache_path(store: Store) -> Path | None:
    url = store.url
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url.removeprefix("sqlite:///") + ".http-cache.json")
    return Path(".communique") / "http-cache.json"


Report = Callable[[Source, str], None]  # progress: a source and its outcome
# Extraction elsewhere (scale.py: Ray workers): sources in, the same sources out in order, each with its
# Record (or the Exception its extraction raised; None where nothing was extracted).
ExtractWith = Callable[[Iterable[Source]], Iterable[tuple[Source, "Record | Exception | None"]]]
_Outcome = Callable[[Source, str, str | dict | None], None]  # within the job: a source, its outcome and the reason


def ingest(specs: Iterable[str], store: Store, options: IngestOptions | None = None,
           progress: Report | None = None, searcher: Searcher | None = None,
           extract_with: ExtractWith | None = None) -> IngestSummary:
    """Read every source of every spec into the store; returns what happened to each."""
    options = options or IngestOptions()
    cache_file = _cache_path(store)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache = HttpCache(cache_file)
    fetcher = Fetcher(min_interval=options.rate, timeout=options.timeout, max_bytes=options.max_bytes)

    def sources() -> Iterator[Source]:
        for spec in specs:
            yield from iter_sources(spec, glob=options.glob, follow=options.follow, depth=options.depth,
                                    same_host=options.same_host, max_pages=options.max_pages, fetcher=fetcher,
                                    cache=cache, max_bytes=options.max_bytes)

    def saved() -> None:
        with contextlib.suppress(OSError):
            cache.save()

    try:
        return ingest_sources(sources(), store, progress=progress, searcher=searcher, on_save=saved,
                              extract_with=extract_with, doc_timeout=options.doc_timeout)
    finally:
        saved()
        fetcher.close()


def ingest_documents(docs: Iterable[Document], store: Store, *, origin: str | None = None,
                     progress: Report | None = None, searcher: Searcher | None = None,
                     extract_with: ExtractWith | None = None) -> IngestSummary:
    """Ingest Documents already read (bundled samples, documents made by a program) the way `ingest`
    does files and URLs: duplicates checked, extracted, stored, indexed for search, linked."""
    return ingest_sources((Source(location=doc.url or doc.id, document=doc, origin=origin) for doc in docs),
                          store, progress=progress, searcher=searcher, extract_with=extract_with)


def ingest_sources(sources: Iterable[Source], store: Store, *, progress: Report | None = None,
                   searcher: Searcher | None = None, on_save: Callable[[], None] | None = None,
                   extract_with: ExtractWith | None = None, doc_timeout: float | None = None) -> IngestSummary:
    """The body of `ingest`: every source read, checked for duplicates, extracted and written in batches.
    With `doc_timeout`, each document is extracted in a worker process and abandoned as failed past
    that many seconds (extraction by `extract_with` keeps its own limits)."""
    searcher = searcher or Searcher(store)
    summary = IngestSummary()
    stored_since_save = 0

    def report(source: Source, outcome: str, reason: str | dict | None = None) -> None:
        nonlocal stored_since_save
        summary.add(outcome, source.location, reason)
        if outcome in ("new", "upgraded"):
            stored_since_save += 1
            if stored_since_save >= SAVE_EVERY:
                searcher.save()
                if on_save:
                    on_save()
                stored_since_save = 0
        if progress:
            progress(source, outcome)

    dedup, stored = _deduplicator(store)
    finish_pending(store, searcher, stored)
    writer = _Writer(store, searcher, dedup, report)
    timed = TimedExtractor(doc_timeout) if doc_timeout and extract_with is None else None
    extract = timed or extract_document
    try:
        stream = ((source, None) for source in sources) if extract_with is None else extract_with(sources)
        for source, extracted in stream:
            _one(source, store, writer, dedup, report, extract, extracted)
            writer.flush_if_due()
        writer.flush()
    finally:
        if timed is not None:
            timed.close()
        searcher.save()
    if summary.counts["new"] or summary.counts["upgraded"]:
        store.optimize()
    return summary


def prepare(source: Source) -> Document | None:
    """The Document of a source as it will be extracted (None where there is nothing to extract)."""
    doc = source.document
    if source.status == "unchanged" or doc is None:
        return None
    if doc.url is None and doc.source and Path(doc.source).exists():
        doc.url = Path(doc.source).resolve().as_uri()  # a file re-read after an edit replaces its old version
    doc.source = source.origin or doc.source or source.location
    return doc


def _one(source: Source, store: Store, writer: _Writer, dedup: Deduplicator, report: _Outcome,
         extract: Callable[[Document], Record], extracted: Record | Exception | None = None) -> None:
    location = source.location
    if source.status == "unchanged":
        report(source, "unchanged", None)
        return
    if source.document is None:
        reason = source.error or source.status
        if source.status != "skipped":
            store.record_failure(location, reason)
        report(source, "skipped" if source.status == "skipped" else "failed", reason)
        return
    doc = prepare(source)
    try:
        dup = dedup.check(doc.text)
        near_but_new = None
        if dup is not None and dup.of != doc.id:
            writer.flush()  # the original may be waiting in the batch
            original = store.get_document(dup.of)
            if original is not None:
                # a near twin whose facts differ (another day, place, person, number) is another release
                facts = fact_differences(original.text, doc.text) if dup.kind == "near" else []
                if not facts:
                    # kept as another source of the stored document (its id and URL), not dropped
                    store.link_duplicate(doc.id, dup.of, dup.kind, url=doc.url)
                    report(source, "duplicate", {"document": doc.id, "of": dup.of, "kind": dup.kind,
                                                 "similarity": round(dup.similarity, 3)})
                    return
                near_but_new = {"document": doc.id, "of": dup.of, "facts": facts}
        if isinstance(extracted, Exception):
            raise extracted
        writer.add(source, extracted if extracted is not None else extract(doc), near_but_new)
        dedup.add(doc.id, doc.text)
    except Exception as exc:  # one bad document must not stop the batch
        _fail(store, report, source, exc)


class _Writer:
    """Extracted Records written `BATCH` at a time, then added to the vector index and linked."""

    def __init__(self, store: Store, searcher: Searcher, dedup: Deduplicator,
                 report: _Outcome):
        self.store, self.searcher, self.dedup, self.report = store, searcher, dedup, report
        self.pending: list[tuple[Source, Record]] = []
        self.notes: dict[str, dict] = {}  # document id → a near twin it was kept apart from
        self.since = 0.0

    def add(self, source: Source, record: Record, note: dict | None = None) -> None:
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append((source, record))
        if note:
            self.notes[record.document.id] = note

    def flush_if_due(self) -> None:
        if len(self.pending) >= BATCH or (self.pending and time.monotonic() - self.since >= BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        # the batch's notes leave the writer whatever becomes of its documents (stored, failed)
        notes = {record.document.id: self.notes.pop(record.document.id) for _, record in batch
                 if record.document.id in self.notes}
        try:
            results: list = self.store.put_many([record for _, record in batch])
        except Exception:  # all or none: find the bad one by writing each on its own
            results = []
            for source, record in batch:
                try:
                    results.append(self.store.put(record))
                except Exception as exc:
                    _fail(self.store, self.report, source, exc)
                    results.append(None)
        written = [(source, record.document, result) for (source, record), result in zip(batch, results, strict=True)
                   if result is not None]
        stored = [(doc.id, doc.content_hash) for _, doc, result in written
                  if result.status in ("new", "upgraded") and doc.id in self.dedup.text_hashes]
        with contextlib.suppress(Exception):  # a cache: what is not saved is made again at the next ingest
            self.store.save_signatures([_signature_row(self.dedup, doc_id, digest) for doc_id, digest in stored])
        unindexed = {doc.id for _, doc, result in written
                     if result.status in ("new", "upgraded") or doc.id not in self.searcher.index}
        with contextlib.suppress(Exception):  # if the batch fails, each is indexed on its own below
            self.searcher.add_many([(doc.id, doc.title, doc.text) for _, doc, _ in written if doc.id in unindexed])
            unindexed = set()
        failed: dict[str, Exception] = {}  # stored; indexed or linked on a later run
        for _, doc, _ in written:
            if doc.id in unindexed:
                try:
                    self.searcher.add(doc.id, doc.title, doc.text)
                except Exception as exc:
                    failed[doc.id] = exc
        # incremental: only what these documents' keys point at, the batch in one transaction
        link = [doc.id for _, doc, result in written if result.status in ("new", "upgraded") and doc.id not in failed]
        try:
            if link:
                link_documents(self.store, link)
        except Exception:  # all or none: each on its own, to find the one that fails
            for doc_id in link:
                try:
                    link_document(self.store, doc_id)
                except Exception as exc:
                    failed[doc_id] = exc
        for source, doc, result in written:
            if doc.id in failed:
                _fail(self.store, self.report, source, failed[doc.id])
                continue
            note = notes.get(doc.id)
            if result.status == "duplicate":  # the store holds this very text under another id
                note = {"document": doc.id, "of": result.duplicate_of, "kind": "exact", "similarity": 1.0}
            self.report(source, result.status, note)


def _fail(store: Store, report: _Outcome, source: Source, exc: Exception) -> None:
    """A source that failed: its reason kept in the store (to retry) and reported."""
    reason = f"{type(exc).__name__}: {exc}"
    store.record_failure(source.location, reason)
    report(source, "failed", reason)


def retry_failed(store: Store, options: IngestOptions | None = None,
                 progress: Report | None = None) -> IngestSummary:
    """Try every source that failed before once more; a success clears its failure."""
    return ingest([f["source"] for f in store.failures()], store, options, progress)
