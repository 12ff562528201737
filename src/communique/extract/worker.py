"""Extraction in a worker process with a time limit per document.

One odd document (a pathological page, a text whose sentences defeat a rule) must not stall a whole
ingest: `TimedExtractor` sends each Document to a worker process and waits at most `limit` seconds
for its Record. A document that takes longer is abandoned: the worker is killed (SIGKILL; nothing it
held is shared with the job) and `ExtractionTimeout` raised, which the job records as that
document's failure before it goes on; the next document starts a fresh worker.

The worker is started with "spawn" (a clean interpreter: no threads or database connections of the
job are copied into it), loads the models once and extracts one document after another, so the
cost of a document is the same as in the job's own process plus a round trip through a pipe. The
time a worker takes to start and warm up does not count against a document's limit.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import threading
import time
from multiprocessing.connection import Connection

from ..model import Document, Record

STARTUP_LIMIT = 300.0  # seconds a fresh worker may take to load its models
_WARM_UP = [Document(id="warm-up-ru", text="Москва, 1 мая 2026 г. Министр посетил Казань."),
            Document(id="warm-up-en", text="London, 1 May 2026. The minister visited Paris.")]


class ExtractionTimeout(TimeoutError):
    """A document's extraction ran past the limit and was abandoned."""


class WorkerDied(RuntimeError):
    """The worker process ended while extracting a document (killed, out of memory, a crash)."""


def serve(conn: Connection) -> None:
    """The worker's loop: warm up, say so, then a Record (or the exception) for each Document received,
    until None or the job's end of the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the job's to handle; it ends the worker
    _end_with(os.getppid())
    from .pipeline import extract_document

    for doc in _WARM_UP:
        extract_document(doc)
    conn.send(("ready", None))
    while True:
        try:
            doc = conn.recv()
        except (EOFError, OSError):
            return
        if doc is None:
            return
        try:
            reply = ("ok", extract_document(doc))
        except Exception as exc:
            reply = ("error", exc)
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError):  # an exception that does not pickle
            conn.send(("error", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))
        except (BrokenPipeError, OSError):
            return


def _end_with(parent: int) -> None:
    """End this worker when the job's process is gone (killed with SIGKILL, it cannot say so), even in
    the middle of a document."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class TimedExtractor:
    """Documents extracted in a worker process, each within `limit` seconds.

        with TimedExtractor(60) as extract:
            record = extract(doc)   # raises ExtractionTimeout past 60 s, the worker killed and replaced
    """

    def __init__(self, limit: float, startup_limit: float = STARTUP_LIMIT):
        if limit <= 0:
            raise ValueError("the time limit per document must be positive")
        self.limit, self.startup_limit = limit, startup_limit
        self._context = multiprocessing.get_context("spawn")
        self._process = None
        self._conn: Connection | None = None

    def __enter__(self) -> TimedExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, doc: Document) -> Record:
        conn = self._worker()
        conn.send(doc)
        if not conn.poll(self.limit):
            self._kill()
            raise ExtractionTimeout(f"extraction took longer than {self.limit:g} s and was abandoned "
                                    "(the limit is --doc-timeout)")
        try:
            kind, value = conn.recv()
        except (EOFError, OSError) as exc:
            code = self._process.exitcode if self._process is not None else None
            self._kill()
            raise WorkerDied(f"the extraction worker ended while extracting (exit code {code})") from exc
        if kind == "error":
            raise value
        return value

    def _worker(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._kill()
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=serve, args=(theirs,), name="communique-extract", daemon=True)
        process.start()
        theirs.close()
        self._process, self._conn = process, mine
        try:
            ready = mine.poll(self.startup_limit) and mine.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            code = process.exitcode
            self._kill()
            raise WorkerDied(f"the extraction worker did not start (exit code {code})")
        return mine

    def _kill(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(10)

    def close(self) -> None:
        """Ask the worker to end, and kill it if it does not at once."""
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send(None)
            if self._process is not None:
                self._process.join(2)
        self._kill()
