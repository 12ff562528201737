"""The cost of extracting in a worker process with a time limit (`ingest --doc-timeout`, the default)
against extracting in the job's own process.

    python bench/extract_worker.py [--corpus ../shared/data/ner/nerel.train.jsonl] [--n 200]

The same texts are extracted both ways, interleaved per document: `extract_document` in this process,
and `TimedExtractor` (the Document sent through a pipe to a warm worker, the Record sent back).
Model loading and the worker's start are timed apart and not counted. Prints seconds per document
(mean, p50, p95) each way and the overhead of the worker in %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from ingest_speed import SHARED, load_texts, pct  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "data/ner/nerel.train.jsonl")
    ap.add_argument("--n", type=int, default=200)
    a = ap.parse_args()
    from communique.extract.pipeline import extract_document
    from communique.extract.worker import TimedExtractor
    from communique.model import Document

    texts, _ = load_texts(a.corpus, a.n)
    t = time.perf_counter()
    extract_document(Document(id="warm", text=texts[0][1]))
    here_load = time.perf_counter() - t
    here, there = [], []
    with TimedExtractor(60) as timed:
        t = time.perf_counter()
        timed(Document(id="warm", text=texts[0][1]))
        start = time.perf_counter() - t
        for doc_id, text in texts:
            t = time.perf_counter()
            extract_document(Document(id=doc_id, text=text))
            here.append(time.perf_counter() - t)
            t = time.perf_counter()
            timed(Document(id=doc_id, text=text))
            there.append(time.perf_counter() - t)
    print(f"{len(texts)} documents; models loaded here in {here_load:.1f} s, worker started in {start:.1f} s")
    for label, values in (("in this process", here), ("in the worker", there)):
        print(f"{label:16} mean {statistics.mean(values) * 1000:7.1f} ms  p50 {pct(values, 0.5) * 1000:7.1f} ms"
              f"  p95 {pct(values, 0.95) * 1000:7.1f} ms")
    print(f"worker overhead: {100 * (sum(there) / sum(here) - 1):+.1f}% of the extraction time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
