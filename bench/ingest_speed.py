"""Ingest speed: documents per second parsed, extracted and stored, against the extractor alone.

    python bench/ingest_speed.py [--corpus ../shared/data/ner/nerel.train.jsonl] [--n 1000]
                                 [--db-only sqlite|postgresql] [--skip-vectors] [--pg-url URL]

Each text goes through the steps of `communique ingest` (communique.jobs), each step timed on its own:
  parse          the text's bytes read into a Document as a file is (ingest.formats.document_from_bytes:
                 decoding, title, language; then source and fetch time set), and
  extract        extract_document (the whole pipeline);
  store SQLite   into a fresh SQLite file (WAL, FTS5 kept by triggers), and
  store PostgreSQL into a fresh schema of PostgreSQL (tsvector, GIN), each in two ways:
                 as the ingest job writes (Store.put_many of jobs.BATCH documents, one transaction
                 each) and one Store.put (one transaction) per document, each way into a store of its own;
  vectors        Searcher.add (embed the title and lead, add to the HNSW index), and the index saved
                 every 50 stored documents as the ingest job does.
Rows: (a) parse + extract alone (the baseline), (b) (a) + storing into SQLite, (c) (a) + storing into
PostgreSQL, both ways, each in documents per second with the overhead of the store over (a) in %
(for batches, the batch's time shared by its documents), then the vector
indexing as its own row and the whole SQLite ingest ((b) + vectors). The steps are interleaved per
document in one pass, so (a), (b) and (c) share the very same extraction and differ only by the store;
model loading and store creation are timed apart and not counted. Target: store overhead at most 25%.

NEREL train holds 746 texts; to reach --n the texts are cycled, and each repeat gets a line appended
("[копия k]"), so that its bytes, its id (the hash of the bytes, as for a file) and its content hash
differ and every put stores a full document rather than linking a duplicate.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("COMMUNIQUE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def load_texts(path: Path, n: int) -> tuple[list[tuple[str, str]], int]:
    """`n` (name, text) pairs cycling over the corpus, repeats varied; and the corpus size."""
    base = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            base.append((str(item.get("id", len(base))), item["text"]))
    out = []
    for i in range(n):
        doc_id, text = base[i % len(base)]
        copy = i // len(base)
        out.append((f"nerel-{doc_id}" + (f"-copy{copy}" if copy else ""),
                    text + (f"\n\n[копия {copy}]\n" if copy else "")))
    return out, len(base)


class PgSchema:
    """A PostgreSQL schema of our own (search_path in the URL), dropped on exit."""

    def __init__(self, url: str):
        self.url, self.schema = url, f"bench_ingest_{uuid.uuid4().hex[:10]}"

    def _run(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)

    def __enter__(self) -> str:
        self._run(f'CREATE SCHEMA "{self.schema}"')
        sep = "&" if "?" in self.url else "?"
        return f"{self.url}{sep}options=-csearch_path%3D{self.schema}"

    def __exit__(self, *exc) -> None:
        self._run(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "data/ner/nerel.train.jsonl")
    ap.add_argument("--n", type=int, default=1000, help="documents to ingest (the corpus is cycled)")
    ap.add_argument("--db-only", choices=("sqlite", "postgresql"), help="measure one backend only")
    ap.add_argument("--skip-vectors", action="store_true", help="leave out the vector indexing row")
    ap.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database (a schema of its own is made)")
    args = ap.parse_args()

    from communique.extract.pipeline import extract_document
    from communique.ingest.fetch import utc_now
    from communique.ingest.formats import document_from_bytes
    from communique.jobs import BATCH, SAVE_EVERY
    from communique.search import Searcher
    from communique.store import Store

    items, corpus_size = load_texts(args.corpus, args.n)
    chars = sum(len(t) for _, t in items)
    backends = [b for b in ("sqlite", "postgresql") if args.db_only in (None, b)]
    workdir = Path(tempfile.mkdtemp(prefix="communique-ingest-bench-"))
    pg = PgSchema(args.pg_url) if "postgresql" in backends else None
    pg_one = PgSchema(args.pg_url) if pg is not None else None
    stores: dict[str, Store] = {}
    pg_problem = None
    index_only = None
    load_start = os.getloadavg()[0]
    try:
        t0 = time.perf_counter()
        if "sqlite" in backends:
            stores["sqlite"] = Store.open(f"sqlite:///{workdir / 'ingest.db'}")
            stores["sqlite-one"] = Store.open(f"sqlite:///{workdir / 'ingest-one.db'}")
        if pg is not None:
            try:
                stores["postgresql"] = Store.open(pg.__enter__())
                stores["postgresql-one"] = Store.open(pg_one.__enter__())
            except Exception as exc:  # unreachable server: say so, measure the rest
                pg_problem = f"{type(exc).__name__}: {exc}".splitlines()[0]
        open_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        extract_document(document_from_bytes(items[0][1].encode("utf-8"), "warm-up.txt"))  # load the models
        load_extract = time.perf_counter() - t0
        searcher = None
        load_vectors = 0.0
        if not args.skip_vectors:
            from communique.search import semantic

            if "sqlite" not in stores:  # the vectors still live beside an SQLite file
                stores["vectors-only"] = Store.open(f"sqlite:///{workdir / 'vectors.db'}")
            searcher = Searcher(stores.get("sqlite") or stores["vectors-only"])
            t0 = time.perf_counter()
            semantic.embed(["warm-up"])  # load the encoder
            load_vectors = time.perf_counter() - t0

        times: dict[str, list[float]] = {"parse": [], "extract": [], "vectors": []}
        index_only = stores.pop("vectors-only", None)
        times.update({b: [] for b in stores})
        outcomes: dict[str, dict[str, int]] = {b: {} for b in stores}
        save_s = 0.0
        pending = []

        def write_batch() -> None:
            for backend, store in stores.items():
                if backend.endswith("-one"):
                    continue
                t0 = time.perf_counter()
                results = store.put_many(pending)
                share = (time.perf_counter() - t0) / len(pending)
                times[backend].extend([share] * len(pending))
                for result in results:
                    outcomes[backend][result.status] = outcomes[backend].get(result.status, 0) + 1
            pending.clear()

        for k, (name, text) in enumerate(items, 1):
            t0 = time.perf_counter()
            doc = document_from_bytes(text.encode("utf-8"), f"{name}.txt")
            doc.source, doc.fetched = f"{args.corpus.name}/{name}.txt", utc_now()
            t1 = time.perf_counter()
            record = extract_document(doc)
            t2 = time.perf_counter()
            times["parse"].append(t1 - t0)
            times["extract"].append(t2 - t1)
            for backend, store in stores.items():
                if backend.endswith("-one"):
                    t0 = time.perf_counter()
                    result = store.put(record, fetched=doc.fetched, source=doc.source)
                    times[backend].append(time.perf_counter() - t0)
                    outcomes[backend][result.status] = outcomes[backend].get(result.status, 0) + 1
            pending.append(record)
            if len(pending) >= BATCH or k == len(items):
                write_batch()
            if searcher is not None:
                t0 = time.perf_counter()
                searcher.add(record.document.id, record.document.title, record.document.text)
                if k % SAVE_EVERY == 0:
                    t1 = time.perf_counter()
                    searcher.save()
                    save_s += time.perf_counter() - t1
                times["vectors"].append(time.perf_counter() - t0)
        if searcher is not None:
            t0 = time.perf_counter()
            searcher.save()
            times["vectors"][-1] += time.perf_counter() - t0
            save_s += time.perf_counter() - t0

        n = len(items)
        base = sum(times["parse"]) + sum(times["extract"])
        names = {"sqlite": f"SQLite, put_many of {BATCH}", "postgresql": f"PostgreSQL, put_many of {BATCH}",
                 "sqlite-one": "SQLite, one put a document", "postgresql-one": "PostgreSQL, one put a document"}
        print(f"corpus: {args.corpus} ({corpus_size} texts); {n} documents"
              + (f" = the corpus cycled, {n - corpus_size} repeats with a '[копия k]' line appended so ids "
                 "and hashes differ" if n > corpus_size else f" (the first {n})")
              + f"; {chars} characters, median {statistics.median(len(t) for _, t in items):.0f} per document")
        print(f"one pass, steps interleaved per document; not counted: model loading {load_extract:.1f} s, "
              f"encoder loading {load_vectors:.1f} s, opening the stores {open_s:.1f} s")
        print(f"{'row':44s} {'docs/s':>8s} {'ms/doc':>7s} {'step ms p50/p95':>16s} {'overhead':>9s}")

        def row(label: str, secs: float, step: list[float] | None = None, over: float | None = None) -> None:
            steps = f"{pct(step, .5) * 1000:7.1f}/{pct(step, .95) * 1000:<7.1f}" if step else f"{'':16s}"
            ov = f"{over:+8.1f}%" if over is not None else f"{'':9s}"
            print(f"{label:44s} {n / secs:8.2f} {secs / n * 1000:7.1f} {steps:>16s} {ov}")

        row("(a) parse + extract (baseline)", base, [p + e for p, e in zip(times["parse"], times["extract"],
                                                                           strict=True)])
        print(f"{'      of which parse':44s} {'':8s} {sum(times['parse']) / n * 1000:7.1f}")
        for letter, backend in (("b", "sqlite"), ("b", "sqlite-one"), ("c", "postgresql"), ("c", "postgresql-one")):
            if backend in stores:
                put = sum(times[backend])
                row(f"({letter}) (a) + {names[backend]}", base + put, times[backend], put / base * 100)
            elif backend == "postgresql" and pg_problem:
                print(f"({letter}) (a) + PostgreSQL: skipped, {pg_problem}")
        if searcher is not None:
            vec = sum(times["vectors"])
            row("vector indexing alone (Searcher.add + saves)", vec, times["vectors"], vec / base * 100)
            if "sqlite" in stores:
                whole = base + sum(times["sqlite"]) + vec
                row("(b) + vector indexing: ingest into SQLite", whole, None, (whole - base) / base * 100)
        for backend, store in stores.items():
            tenth = max(1, n // 10)
            first, last = times[backend][:tenth], times[backend][-tenth:]
            print(f"{names[backend]}: outcomes {outcomes[backend]}; {store.count('documents')} documents, "
                  f"{store.count('events')} events, {store.count('mentions')} mentions stored; p50 "
                  f"{pct(first, .5) * 1000:.1f} ms a document over the first tenth, {pct(last, .5) * 1000:.1f} ms "
                  "over the last")
        if "sqlite" in stores:
            size = sum(f.stat().st_size for f in workdir.glob("ingest.db*"))
            print(f"SQLite file with its WAL: {size / 2**20:.1f} MiB")
        if searcher is not None:
            print(f"vector index: {len(searcher.index)} vectors; saving it took {save_s:.1f} s in all "
                  f"({-(-n // SAVE_EVERY)} saves, every {SAVE_EVERY} documents as the ingest job does)")
        verdicts = [f"{names[b]} {sum(times[b]) / base * 100:+.1f}%" for b in stores]
        print(f"store overhead over the extractor: {'; '.join(verdicts)} (target at most +25%, as the ingest "
              "job writes: put_many)")
        print(f"machine: {os.cpu_count()} CPUs, load average {load_start:.1f} at the start, "
              f"{os.getloadavg()[0]:.1f} at the end (other processes share the CPUs; timings move with it)")
        print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    finally:
        for store in stores.values():
            store.close()
        if index_only is not None:
            index_only.close()
        for schema in (pg, pg_one):
            if schema is not None:
                schema.__exit__(None, None, None)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
