"""Scale-out: documents per second of the whole `communique ingest` command at 1 and 2 Ray workers
(and 4 where the machine has the cores), on the same texts in one run, with the speed-up and the
efficiency (speed-up / workers).

    python bench/scale.py [--n 240] [--workers 1,2] [--corpus ../shared/data/ner/nerel.train.jsonl]
                          [--db postgresql|sqlite] [--pg-url URL]

`--n` texts of the corpus (cycled, each repeat varied by a line so that none is a duplicate) are
written as .txt files into a folder; each run is the whole command, timed from start to exit —

    communique ingest FOLDER --db <a fresh database> --workers W --json

— with Python's start, the models' loading, Ray's start (W > 1), extraction, embedding, storing,
indexing and linking all inside. Each run gets a fresh database (PostgreSQL: a schema of its own,
dropped after; else a SQLite file). 1 worker is the default path, in one process without Ray; it is
the baseline of the speed-up. After the runs the stores are compared: the same documents and the
same facts of each document (extractor version aside), and no document stored twice.

`--one-core` adds a reference run: the one-worker command held to one core (CPU affinity), as an
ingest would be without the threads it uses today (BLAS in the NER, the sentence encoder's threads),
and prints each run's speed-up over it beside the speed-up over the default one-worker command, and
the CPU the default one-worker command keeps busy (cores in use on average, all processes).

Run it on a quiet machine: other work on the cores changes every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("COMMUNIQUE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def load_texts(path: Path, n: int) -> list[str]:
    base = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [base[i % len(base)] + (f"\n\n[копия {i // len(base)}]\n" if i >= len(base) else "") for i in range(n)]


class Database:
    """A fresh database per run: a PostgreSQL schema of its own (dropped on close) or a SQLite file."""

    def __init__(self, kind: str, pg_url: str, folder: Path, name: str):
        self.kind, self.pg_url = kind, pg_url
        if kind == "postgresql":
            self.schema = f"bench_scale_{uuid.uuid4().hex[:10]}"
            self._run(f'CREATE SCHEMA "{self.schema}"')
            sep = "&" if "?" in pg_url else "?"
            self.url = f"{pg_url}{sep}options=-csearch_path%3D{self.schema}"
        else:
            self.url = f"sqlite:///{folder / (name + '.db')}"

    def _run(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.pg_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)

    def close(self) -> None:
        if self.kind == "postgresql":
            self._run(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')


def facts_of(url: str) -> tuple[int, dict[str, dict]]:
    from communique.store import Store

    store = Store.open(url)
    try:
        out = {}
        for record in store.iter_records():
            facts = record.to_facts()
            facts.pop("extractor", None)
            out[record.document.id] = facts
        return store.count("documents"), out
    finally:
        store.close()


def _busy() -> float:
    """CPU seconds this machine has spent busy (all processes: the command, Ray's, the database's)."""
    with open("/proc/stat", encoding="ascii") as f:
        ticks = [int(v) for v in f.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=240, help="how many texts")
    ap.add_argument("--workers", default=None, help="worker counts, e.g. 1,2 (default 1,2 and 4 with 4+ cores)")
    ap.add_argument("--corpus", type=Path, default=SHARED / "data" / "ner" / "nerel.train.jsonl",
                    help="JSONL with a 'text' per line")
    ap.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    ap.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database (a schema of its own per run)")
    ap.add_argument("--one-core", action="store_true",
                    help="also time the one-worker command held to one core, as a reference")
    ap.add_argument("--ingest-arg", action="append", default=[],
                    help="one more argument for every ingest command (e.g. --ingest-arg=--doc-timeout=0)")
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    counts = [int(w) for w in args.workers.split(",")] if args.workers else [1, 2] + ([4] if cores >= 4 else [])
    if 1 not in counts:
        counts.insert(0, 1)  # the baseline
    texts = load_texts(args.corpus, args.n)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("RAY_ADDRESS", None)
    print(f"{args.n} texts of {args.corpus.name}; {cores} cores; database {args.db}; whole command timed")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"t{i:05d}.txt").write_text(text, encoding="utf-8")
        rows, stores = [], []
        runs = [(w, False) for w in counts] + ([(1, True)] if args.one_core else [])
        try:
            for w, one_core in runs:
                db = Database(args.db, args.pg_url, Path(tmp), f"w{w}{'c' if one_core else ''}")
                stores.append(db)
                cmd = [sys.executable, "-m", "communique", "ingest", str(folder), "--db", db.url,
                       "--workers", str(w), "--json", *args.ingest_arg]
                pin = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if one_core else None
                busy0, start = _busy(), time.perf_counter()
                run = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp, preexec_fn=pin)
                seconds, busy = time.perf_counter() - start, _busy() - busy0
                if run.returncode != 0:
                    sys.exit(f"workers={w} failed:\n{run.stderr[-3000:]}")
                summary = json.loads(run.stdout)
                rows.append((w, one_core, seconds, busy, summary))
                print(f"  workers={w}{' (one core)' if one_core else ''}: {seconds:.1f} s, "
                      f"{args.n / seconds:.2f} documents/s, {busy / seconds:.2f} cores busy on average "
                      f"({summary['new']} new, {summary['duplicate']} duplicate, {summary['failed']} failed)",
                      flush=True)
            base_docs, base_facts = facts_of(stores[0].url)
            one = next((seconds for _, one_core, seconds, _, _ in rows if one_core), None)
            print()
            print(f"{'workers':>11}  {'seconds':>8}  {'docs/s':>7}  {'cores busy':>10}  {'speed-up':>8}  "
                  f"{'efficiency':>10}  {'vs one core':>11}  same as 1")
            for (w, one_core, seconds, busy, _), db in zip(rows, stores, strict=True):
                n_docs, facts = facts_of(db.url)
                same = n_docs == base_docs == len(facts) and facts == base_facts
                speedup = rows[0][2] / seconds
                label = f"{w} (1 core)" if one_core else str(w)
                print(f"{label:>11}  {seconds:>8.1f}  {args.n / seconds:>7.2f}  {busy / seconds:>10.2f}  "
                      f"{speedup:>8.2f}  {speedup / w:>10.0%}  {(f'{one / seconds:.2f}' if one else '-'):>11}  "
                      f"{'yes' if same else 'NO'} ({n_docs} documents)")
        finally:
            for db in stores:
                db.close()


if __name__ == "__main__":
    main()
