"""Extraction speed: the whole pipeline against natasha's NER alone, in one process, on the same texts.

    python bench/extract_speed.py [--corpus ../shared/data/ner/nerel.dev.jsonl] [--repeat 3] [--limit N]
                                  [--english]

Prints documents per second and characters per second for
  natasha NER alone   — Segmenter + NewsNERTagger on a natasha Doc (the baseline)
  communique (ru)     — communique.extract(text, language="ru"): every step
and, with --english, a row for the English pipeline on the English development documents.
Model loading is timed separately and not counted in the rates. Peak memory is measured in a
separate pass under tracemalloc (Python and numpy allocations), and the process's peak RSS is
printed at the end. Target: communique at least half of natasha's rate.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def load_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    return texts[:limit] if limit else texts


def natasha_runner():
    from natasha import Doc

    from communique.extract import nlp

    segmenter, tagger = nlp.segmenter(), nlp.ner_tagger()

    def run(text: str):
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return doc.spans

    return run


def communique_runner(language: str):
    import communique

    def run(text: str):
        return communique.extract(text, language=language)

    return run


def timed(run, texts, repeat: int) -> float:
    """Best-of-`repeat` wall time for one pass over all texts."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            run(t)
        times.append(time.perf_counter() - t0)
    return min(times)


def peak_memory(run, texts) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    for t in texts:
        run(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "data/ner/nerel.dev.jsonl")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--english", action="store_true", help="add a row for the English pipeline")
    args = ap.parse_args()

    texts = load_texts(args.corpus, args.limit)
    chars = sum(len(t) for t in texts)
    rows = []

    t0 = time.perf_counter()
    base = natasha_runner()
    base(texts[0])
    load_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = communique_runner("ru")
    ours(texts[0])
    load_ours = time.perf_counter() - t0

    for name, run, load in [("natasha NER alone", base, load_base), ("communique (ru)", ours, load_ours)]:
        secs = timed(run, texts, args.repeat)
        rows.append((name, len(texts), secs, load, peak_memory(run, texts)))

    if args.english:
        en = []
        for p in sorted((SHARED / "data/dev/docs").glob("*.json")):
            d = json.loads(p.read_text(encoding="utf-8"))
            if d.get("language") == "en":
                en.append(d["text"])
        run = communique_runner("en")
        t0 = time.perf_counter()
        run(en[0])
        load = time.perf_counter() - t0
        secs = timed(run, en, args.repeat)
        rows.append(("communique (en, dev docs)", len(en), secs, load, peak_memory(run, en)))

    print(f"corpus: {args.corpus} ({len(texts)} documents, {chars} characters); best of {args.repeat} passes")
    print(f"{'system':28s} {'docs':>5s} {'docs/s':>8s} {'kchars/s':>9s} {'load s':>7s} {'peak MiB':>9s}")
    for name, n, secs, load, peak in rows:
        n_chars = chars if "dev docs" not in name else None
        kc = f"{n_chars / secs / 1000:9.1f}" if n_chars else f"{'':>9s}"
        print(f"{name:28s} {n:5d} {n / secs:8.2f} {kc} {load:7.2f} {peak:9.1f}")
    ratio = (rows[1][1] / rows[1][2]) / (rows[0][1] / rows[0][2])
    print(f"communique / natasha rate: {ratio:.2f} (target >= 0.50)")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    per_doc = [len(t) for t in texts]
    print(f"document length: median {statistics.median(per_doc):.0f} chars")
    return 0


if __name__ == "__main__":
    sys.exit(main())
