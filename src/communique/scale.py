"""Extraction (and embedding) across Ray workers: ingest and re-extraction on many cores and machines.

    >>> with Workers(2) as workers:                     # a local Ray of 2 CPUs on this machine
    ...     jobs.ingest(specs, store, searcher=workers.searcher(store), extract_with=workers.extract)
    >>> with Workers(8, address="ray://head:10001") as workers:   # or RAY_ADDRESS: join a cluster
    ...     reextract(store, workers)

Each worker is a Ray actor that loads the models once (natasha, pymorphy, the sentence encoder) and
turns batches of Documents into Records, their search vectors and their full-text shadows (all the
per-document model work, so that the driver only stores and links). With a time limit per document
(`doc_timeout`, `ingest --doc-timeout`) each actor extracts in a process of its own and abandons a
document past the limit: it comes back failed, with its reason, and the batch and the job go on. Everything else stays in the
driver, as with one process: sources are read there (so per-host rate limits hold), duplicates are
judged there, and Records are written to the store there, in order, in the job's batches, then
indexed and linked. A worker killed mid-batch is restarted by Ray and its batch run again
(`max_restarts`, `max_task_retries`; a batch whose worker died for good is resubmitted here), and as
nothing is stored by a worker, nothing is lost or stored twice.

`--workers 1` (the default) runs none of this: `ray` is imported only when a `Workers` is made.
"""

from __future__ import annotations

import collections
import logging
import math
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np

from . import jobs
from .ingest.sources import Source
from .model import Document, Record
from .search import Searcher
from .store import Store
from .store.fulltext import give_lemmas

BATCH = 4  # documents per call to a worker: small enough to balance, large enough to embed together
IN_FLIGHT = 4  # calls queued per worker, so that none waits while the driver stores and links a batch
KEEP_VECTORS = 1024  # vectors waiting for their document to be stored; older ones (never stored) dropped
RESUBMIT = 3  # times a batch is sent again after its worker died for good


class ScaleError(RuntimeError):
    pass


def _import_ray():
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ScaleError('--workers above 1 needs Ray: pip install "communique[scale]"') from exc
    return ray


# what a worker makes of a Document: its Record (or the Exception its extraction raised), its search
# vector (None without embedding) and its full-text shadow (store.fulltext.lemmatize)
Result = tuple[Any, "np.ndarray | None", "str | None"]


class _Worker:
    """The body of a worker actor: the extraction pipeline and the encoder, loaded once. With
    `doc_timeout`, each document is extracted in a process of the actor's own (extract.worker.
    TimedExtractor, as `ingest --doc-timeout` does in one process): one that runs past the limit comes
    back as an ExtractionTimeout, which the job records as that document's failure, and the next
    document gets a fresh process."""

    def __init__(self, embed: bool = True, doc_timeout: float | None = None):
        if doc_timeout:
            from .extract.worker import TimedExtractor

            extract_document: Callable[[Document], Record] = TimedExtractor(doc_timeout)
        else:
            from .extract.pipeline import extract_document

        self.embed = embed
        self.extract_document = extract_document
        extract_document(Document(id="warm-up", text="Минск, 1 мая 2026 г. Встреча министров.", language="ru"))
        if embed:
            from .search import semantic

            semantic.embed(["warm-up"])

    def pid(self) -> int:
        return os.getpid()

    def node(self) -> str:
        import ray

        return ray.get_runtime_context().get_node_id()

    def run(self, docs: list[Document]) -> list[Result]:
        """(Record or the Exception its extraction raised, its search vector, its full-text shadow)
        for each Document: all the per-document work, so that the driver only stores and links."""
        from .store.fulltext import lemmatize

        out: list[Result] = []
        for doc in docs:
            try:
                record = self.extract_document(doc)
                out.append((record, None, lemmatize(record.document.title, record.document.text)))
            except Exception as exc:  # one bad document must not stop the batch
                out.append((_portable(exc), None, None))
        if self.embed:
            from .search import semantic

            done = [i for i, (r, _, _) in enumerate(out) if isinstance(r, Record)]
            vectors = semantic.embed([semantic.document_text(out[i][0].document.title, out[i][0].document.text)
                                      for i in done])
            for i, vector in zip(done, vectors, strict=True):
                out[i] = (out[i][0], vector, out[i][2])
        return out


def _portable(exc: Exception) -> Exception:
    """The exception itself where it survives pickling (the same reason as in one process), else its text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def ray_address(address: str | None) -> str | None:
    """The cluster to join: the one given, else $RAY_ADDRESS, else None (a local Ray is started)."""
    return address or os.environ.get("RAY_ADDRESS") or None


class Workers:
    """N Ray actors holding the models; `extract` maps sources to Records through them, in order."""

    def __init__(self, n: int, address: str | None = None, *, embed: bool = True, batch: int = BATCH,
                 num_cpus: float = 1, resources: dict[str, float] | None = None, doc_timeout: float | None = None):
        if n < 1:
            raise ValueError("workers must be at least 1")
        self.ray = ray = _import_ray()
        self.n, self.batch, self.embed = n, batch, embed
        self.vectors: collections.OrderedDict[str, np.ndarray] = collections.OrderedDict()
        self.started = False
        address = ray_address(address)
        if not ray.is_initialized() and "usearch.compiled" in sys.modules:
            # Ray's C++ client aborts the whole process (std::regex_error) where usearch's native module
            # was loaded first; the other way round both work.
            raise ScaleError("start the Ray workers before anything opens the vector index (usearch)")
        if not ray.is_initialized():
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                # as many CPUs as the workers take: Ray starts (and imports itself in) a process for each
                ray.init(num_cpus=max(1, math.ceil(n * num_cpus)), include_dashboard=False, log_to_driver=False,
                         configure_logging=False)
                self.started = True
        remote = ray.remote(max_restarts=-1, max_task_retries=2, num_cpus=num_cpus,
                            resources=resources or None)(_Worker)
        self.actors = [remote.remote(embed, doc_timeout) for _ in range(n)]
        self.pending = dict.fromkeys(range(n), 0)

    # -- the pool ----------------------------------------------------------------------------------
    def pids(self) -> list[int]:
        return self.ray.get([a.pid.remote() for a in self.actors])

    def nodes(self) -> list[str]:
        return self.ray.get([a.node.remote() for a in self.actors])

    def _submit(self, docs: list[Document]) -> tuple[int, Any]:
        i = min(self.pending, key=lambda k: self.pending[k])
        self.pending[i] += 1
        return i, self.actors[i].run.remote(docs)

    def _result(self, docs: list[Document], i: int, ref: Any) -> list[Result]:
        """A batch's results; a batch whose worker died (beyond Ray's own retries) is sent again."""
        for attempt in range(RESUBMIT + 1):
            try:
                return self.ray.get(ref)
            except self.ray.exceptions.RayActorError:
                if attempt == RESUBMIT:
                    raise
            finally:
                self.pending[i] -= 1
            i, ref = self._submit(docs)
        raise AssertionError("unreachable")

    def map(self, docs: Iterable[Document | None]) -> Iterator[Result]:
        """A Result for each Document given, in the order given ((None, None, None) for None); each
        Record's full-text shadow is handed to the store (`fulltext.give_lemmas`)."""
        window: collections.deque = collections.deque()
        limit = self.n * IN_FLIGHT

        def drain() -> Iterator[Result]:
            slots, sent, i, ref = window.popleft()
            results = iter(self._result(sent, i, ref) if sent else [])
            for doc in slots:
                result = next(results) if doc is not None else (None, None, None)
                if isinstance(result[0], Record) and result[2] is not None:
                    give_lemmas(result[0].document.title, result[0].document.text, result[2])
                yield result

        def send(slots: list[Document | None]) -> None:
            sent = [d for d in slots if d is not None]
            window.append((slots, sent, *(self._submit(sent) if sent else (0, None))))

        slots: list[Document | None] = []
        for doc in docs:
            slots.append(doc)
            if sum(d is not None for d in slots) >= self.batch:
                send(slots)
                slots = []
                while len(window) >= limit:
                    yield from drain()
        if slots:
            send(slots)
        while window:
            yield from drain()

    def extract(self, sources: Iterable[Source]) -> Iterator[tuple[Source, Record | Exception | None]]:
        """jobs.ExtractWith: each source with its Record (its vector kept for `searcher`)."""
        buffered: collections.deque[Source] = collections.deque()

        def documents() -> Iterator[Document | None]:
            for source in sources:
                buffered.append(source)
                yield jobs.prepare(source)

        for result, vector, _ in self.map(documents()):
            source = buffered.popleft()
            if isinstance(result, Record) and vector is not None:
                self.vectors[result.document.id] = vector
                while len(self.vectors) > KEEP_VECTORS:  # unchanged or duplicate: never indexed
                    self.vectors.popitem(last=False)
            yield source, result

    def searcher(self, store: Store) -> Searcher:
        """A Searcher of the store that indexes with the vectors the workers made."""
        return _Precomputed(store, self.vectors)

    # -- lifetime ----------------------------------------------------------------------------------
    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []
        if self.started:
            self.started = False
            self.ray.shutdown()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Precomputed(Searcher):
    """Indexes with the vectors a worker made for a document (taken once), embedding only the rest."""

    def __init__(self, store: Store, vectors: dict[str, np.ndarray]):
        super().__init__(store)
        self.vectors = vectors

    def add_many(self, docs: list[tuple[str, str | None, str]]) -> None:
        made = [(doc, self.vectors.pop(doc[0], None)) for doc in docs]
        ready = [(doc, v) for doc, v in made if v is not None]
        if ready:
            self.index.add([doc[0] for doc, _ in ready], np.stack([v for _, v in ready]))
        super().add_many([doc for doc, v in made if v is None])


class Starting:
    """Workers started in a thread of their own, so that Ray's start and the actors' loading of the
    models go on while the caller opens the store and reads its sources; `result()` waits for them.

        >>> starting = Starting(2)              # returns at once
        >>> store = Store.open(url)             # meanwhile: Ray starts, the actors load the models
        >>> with starting.result() as workers:  # only now may anything open the vector index (usearch)
        ...     jobs.ingest(specs, store, searcher=workers.searcher(store), extract_with=workers.extract)
    """

    def __init__(self, n: int, address: str | None = None, **options: Any):
        if n < 1:
            raise ValueError("workers must be at least 1")
        _import_ray()  # a missing Ray is reported here, at once
        if threading.current_thread() is threading.main_thread():
            # what ray.init does in the main thread, which it cannot do from another: a SIGTERM ends
            # the process through sys.exit, so that Ray's exit handler stops what it started
            signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(signum))
        logging.getLogger("ray._private.worker").addFilter(
            lambda record: "SIGTERM handler is not set" not in record.getMessage())
        self._out: dict[str, Any] = {}
        self._made, self._closed = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._start, args=(n, address), kwargs=options,
                                        name="communique-workers", daemon=True)
        self._thread.start()

    def _start(self, n: int, address: str | None, **options: Any) -> None:
        try:
            self._out["workers"] = Workers(n, address, **options)
        except BaseException as exc:  # handed to the caller by result()
            self._out["error"] = exc
        finally:
            self._made.set()
        # the thread lives as long as the workers: Ray asks the kernel to end the processes it
        # starts when the thread that started them ends (PR_SET_PDEATHSIG)
        self._closed.wait()

    def result(self) -> Workers:
        """The Workers, once Ray has started and the actors are made (they may still be loading)."""
        self._made.wait()
        if "error" in self._out:
            raise self._out["error"]
        return self._out["workers"]

    def close(self) -> None:
        """Stop the workers, whether or not `result()` was called."""
        self._made.wait()
        try:
            if "workers" in self._out:
                self._out["workers"].close()
        finally:
            self._closed.set()


# -- re-extraction ---------------------------------------------------------------------------------
def current_version() -> str:
    """The version a Record made now would carry (code version + resource fingerprint)."""
    from .extract.document import extractor_for

    return extractor_for("und", []).version


def stale_ids(store: Store) -> list[str]:
    """Ids of the stored documents whose Record came from another (older) extractor, in storage order."""
    from .store.repository import replaces

    current, ids, offset, page = current_version(), [], 0, 1000
    while rows := store.documents(limit=page, offset=offset):  # the version column, no Record parsed
        ids += [r["id"] for r in rows if replaces(current, r["extractor_version"])]
        offset += page
    return ids


def reextract(store: Store, workers: Workers | None = None,
              progress: Callable[[str, str], None] | None = None, relink: bool = True,
              ids: list[str] | None = None) -> dict:
    """Extract again every stored document whose Record is older than this extractor (on the workers,
    or here), store the new Records in batches, then relink the knowledge base. The text is the same,
    so the search vectors stay. Returns {"upgraded", "unchanged", "failed", "failures", "relinked"}."""
    ids = stale_ids(store) if ids is None else ids
    summary: dict[str, Any] = {"upgraded": 0, "unchanged": 0, "failed": 0, "failures": [], "relinked": None}

    def documents() -> Iterator[Document | None]:
        for doc_id in ids:
            record = store.get_record(doc_id)
            yield record.document if record is not None else None

    if workers is not None:
        results: Iterable[tuple[Any, ...]] = workers.map(documents())
    else:
        from .extract.pipeline import extract_document

        def here() -> Iterator[tuple[Any, ...]]:
            for doc in documents():
                try:
                    yield (extract_document(doc) if doc is not None else None),
                except Exception as exc:
                    yield exc,

        results = here()
    batch: list[Record] = []

    def flush() -> None:
        for result in store.put_many(batch):
            summary[result.status if result.status in ("upgraded", "unchanged") else "upgraded"] += 1
            if progress:
                progress(result.id, result.status)
        batch.clear()

    for doc_id, (result, *_) in zip(ids, results, strict=True):
        if isinstance(result, Record):
            batch.append(result)
            if len(batch) >= jobs.BATCH:
                flush()
        elif result is not None:
            summary["failed"] += 1
            summary["failures"].append({"document": doc_id, "reason": f"{type(result).__name__}: {result}"})
            if progress:
                progress(doc_id, "failed")
    flush()
    if relink and summary["upgraded"]:
        from .link import KnowledgeBase

        summary["relinked"] = KnowledgeBase(store).relink()
    return summary
