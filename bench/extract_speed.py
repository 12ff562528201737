"""Extraction speed: the whole pipeline against natasha's NER alone, in one process, on the same texts.

    python bench/extract_speed.py [--corpus ../shared/data/ner/nerel.dev.jsonl] [--limit N] [--english]
                                  [--warm ../shared/data/ner/factrueval2016.dev.jsonl] [--warm-n 150]

Prints documents per second and characters per second for
  natasha NER alone   — Segmenter + NewsNERTagger on a natasha Doc (the baseline)
  communique (ru)     — communique.extract(text, language="ru"): every step
and, with --english, a row for the English pipeline on the English development documents.
Model loading is timed separately and not counted in the rates. Both systems are first warmed on
another corpus (factRuEval dev), so the word caches are as warm as in a long ingest, and then each
reads every measured text exactly once, the halves interleaved (natasha then communique on the first
half, communique then natasha on the second) so that a change in the machine's load falls on both.
A text is never read twice: communique caches some results by phrase, and a second pass over the same
texts would time those caches instead of the pipeline (a best-of-N over repeated passes overstated
the rate by half). Peak memory is measured in a
separate pass under tracemalloc (Python and numpy allocations), and the process's peak RSS is
printed at the end. With --cpu the rates are of the process's CPU seconds rather than the wall
clock: on a shared machine other processes' load then falls on neither system (the English row
stays on the wall clock). Target (issue 15): communique at least 0.8 of natasha's rate.
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


def timed_once(base, ours, texts, clock=time.perf_counter) -> tuple[float, float]:
    """Time (wall by default) of one pass of each system over `texts`, each text read once by each,
    the halves interleaved (base, ours; then ours, base)."""
    half = len(texts) // 2
    spent = {id(base): 0.0, id(ours): 0.0}
    for part, order in ((texts[:half], (base, ours)), (texts[half:], (ours, base))):
        for run in order:
            t0 = clock()
            for t in part:
                run(t)
            spent[id(run)] += clock() - t0
    return spent[id(base)], spent[id(ours)]


def timed(run, texts) -> float:
    t0 = time.perf_counter()
    for t in texts:
        run(t)
    return time.perf_counter() - t0


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
    ap.add_argument("--warm", type=Path, default=SHARED / "data/ner/factrueval2016.dev.jsonl",
                    help="texts both systems read before the timing (not timed)")
    ap.add_argument("--warm-n", type=int, default=150)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--english", action="store_true", help="add a row for the English pipeline")
    ap.add_argument("--cpu", action="store_true",
                    help="time the process's CPU seconds instead of the wall clock (steadier on a shared "
                         "machine; run with OPENBLAS_NUM_THREADS=1, or BLAS threads waiting for a core count)")
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
    # a paragraph in the other script loads the language-identification model too (loading is not timed)
    ours("Министр провёл встречу в Москве.\n\nThe minister met the delegation in London on Monday and talked.")
    load_ours = time.perf_counter() - t0

    for t in load_texts(args.warm, args.warm_n):
        base(t)
        ours(t)
    secs_base, secs_ours = timed_once(base, ours, texts, time.process_time if args.cpu else time.perf_counter)
    rows.append(("natasha NER alone", len(texts), secs_base, load_base, peak_memory(base, texts)))
    rows.append(("communique (ru)", len(texts), secs_ours, load_ours, peak_memory(ours, texts)))

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
        secs = timed(run, en)
        rows.append(("communique (en, dev docs)", len(en), secs, load, peak_memory(run, en)))

    print(f"corpus: {args.corpus} ({len(texts)} documents, {chars} characters); one pass each, after "
          f"{args.warm_n} texts of {args.warm.name} to warm up; {'CPU' if args.cpu else 'wall'} time")
    print(f"{'system':28s} {'docs':>5s} {'docs/s':>8s} {'kchars/s':>9s} {'load s':>7s} {'peak MiB':>9s}")
    for name, n, secs, load, peak in rows:
        n_chars = chars if "dev docs" not in name else None
        kc = f"{n_chars / secs / 1000:9.1f}" if n_chars else f"{'':>9s}"
        print(f"{name:28s} {n:5d} {n / secs:8.2f} {kc} {load:7.2f} {peak:9.1f}")
    ratio = (rows[1][1] / rows[1][2]) / (rows[0][1] / rows[0][2])
    print(f"communique / natasha rate: {ratio:.2f} (target >= 0.80)")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    per_doc = [len(t) for t in texts]
    print(f"document length: median {statistics.median(per_doc):.0f} chars")
    return 0


if __name__ == "__main__":
    sys.exit(main())
