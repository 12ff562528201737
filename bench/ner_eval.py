"""Russian NER: natasha's NewsNERTagger alone against RussianNER, on the shared NER corpora.

Both systems run in this one process on the same texts; predictions are written as JSONL to a
temporary folder and scored by ../shared/eval/score_ner.py (exact start, end and type).

    .venv/bin/python bench/ner_eval.py [--corpus PATH ...] [--limit N] [--disable RULE ...]
                                       [--keep DIR] [--errors ORG]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = [SHARED / "data" / "ner" / "factrueval2016.dev.jsonl", SHARED / "data" / "ner" / "nerel.dev.jsonl"]
TYPES = ["PER", "ORG", "LOC", "ALL"]

sys.path.insert(0, str(ROOT / "src"))

from communique.extract import nlp  # noqa: E402
from communique.extract.ner import RULES, RussianNER  # noqa: E402
from communique.extract.ner_words import clear_caches  # noqa: E402


def load_scorer():
    path = SHARED / "eval" / "score_ner.py"
    spec = importlib.util.spec_from_file_location("score_ner", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_corpus(path: Path, limit: int | None) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs.append(json.loads(line))
                if limit and len(docs) >= limit:
                    break
    return docs


def run_natasha(docs: list[dict]) -> tuple[list[dict], float]:
    from natasha import Doc

    seg, tagger = nlp.segmenter(), nlp.ner_tagger()
    out = []
    t0 = time.perf_counter()
    for d in docs:
        doc = Doc(d["text"])
        doc.segment(seg)
        doc.tag_ner(tagger)
        out.append({"id": d["id"], "mentions": [{"start": s.start, "end": s.stop, "type": s.type}
                                                for s in doc.spans]})
    return out, time.perf_counter() - t0


def run_ours(docs: list[dict], ner: RussianNER) -> tuple[list[dict], float]:
    out = []
    t0 = time.perf_counter()
    for d in docs:
        spans = ner(d["text"])
        out.append({"id": d["id"], "mentions": [{"start": s.start, "end": s.end, "type": s.type,
                                                 "source": s.source} for s in spans]})
    return out, time.perf_counter() - t0


def timing(docs: list[dict], ner: RussianNER, rounds: int) -> tuple[float, float]:
    """Seconds for each system over the corpus, robust to a shared machine: in every round each
    document goes through both systems back to back (the order alternating), RussianNER's morphology
    caches are cleared at the start of the round, and each document counts its best round."""
    from natasha import Doc

    seg, tagger = nlp.segmenter(), nlp.ner_tagger()
    best_base = [float("inf")] * len(docs)
    best_ours = [float("inf")] * len(docs)
    clock = time.perf_counter
    for r in range(max(1, rounds)):
        clear_caches()
        for k, d in enumerate(docs):
            for which in (("base", "ours") if (r + k) % 2 == 0 else ("ours", "base")):
                t0 = clock()
                if which == "base":
                    doc = Doc(d["text"])
                    doc.segment(seg)
                    doc.tag_ner(tagger)
                    best_base[k] = min(best_base[k], clock() - t0)
                else:
                    ner(d["text"])
                    best_ours[k] = min(best_ours[k], clock() - t0)
    return sum(best_base), sum(best_ours)


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def error_dump(scorer, docs: list[dict], pred: list[dict], type_: str, out) -> None:
    """Gold mentions missed and predicted mentions wrong, of one type, with context."""
    by_id = {p["id"]: p for p in pred}
    for d in docs:
        text = d["text"]
        gold = scorer.mapped(d["entities"])
        got = scorer.mapped(by_id[d["id"]]["mentions"])

        def ctx(s, e, text=text):
            return (text[max(0, s - 40):s] + "[[" + text[s:e] + "]]" + text[e:e + 40]).replace("\n", " ")

        for s in sorted(gold - got):
            if s[2] == type_:
                near = [f"{text[p[0]:p[1]]}/{p[2]}" for p in got if p[0] < s[1] and s[0] < p[1]]
                print(f"MISS  {ctx(s[0], s[1])}   pred: {'; '.join(near) or '-'}", file=out)
        for p in sorted(got - gold):
            if p[2] == type_:
                near = [f"{text[s[0]:s[1]]}/{s[2]}" for s in gold if s[0] < p[1] and p[0] < s[1]]
                print(f"WRONG {ctx(p[0], p[1])}   gold: {'; '.join(near) or '-'}", file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append", help="corpus JSONL (repeatable)")
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    ap.add_argument("--disable", action="append", default=[], choices=sorted(RULES),
                    help="switch a rule off, to measure its contribution")
    ap.add_argument("--ablate", action="store_true", help="also score RussianNER with each rule off")
    ap.add_argument("--rounds", type=int, default=3,
                    help="timing rounds (per document, both systems back to back, best round counts)")
    ap.add_argument("--keep", type=Path, help="write the prediction files here instead of a temp dir")
    ap.add_argument("--errors", metavar="TYPE", help="print an error dump of RussianNER for this type")
    args = ap.parse_args(argv)

    scorer = load_scorer()
    corpora = args.corpus or CORPORA
    nlp.ner_tagger(), nlp.segmenter(), nlp.morph()  # load models before timing
    ner = RussianNER(disable=args.disable)
    tmp_ctx = tempfile.TemporaryDirectory(prefix="ner_eval_")
    outdir = args.keep or Path(tmp_ctx.name)
    outdir.mkdir(parents=True, exist_ok=True)

    rows = []
    for path in corpora:
        docs = read_corpus(path, args.limit)
        gold = {str(d["id"]): d for d in docs}
        if docs:  # warm up both models, then time from cold morphology caches
            run_natasha(docs[:1]), run_ours(docs[:1], ner)
        clear_caches()
        base, t_base = run_natasha(docs)
        ours, t_ours = run_ours(docs, ner)
        systems = [("natasha", base, t_base), ("RussianNER", ours, t_ours)]
        if args.ablate:
            for rule in sorted(RULES):
                if rule in args.disable:
                    continue
                pred, t = run_ours(docs, RussianNER(disable=[*args.disable, rule]))
                systems.append((f"  -{rule}", pred, t))
        name = path.name.removesuffix(".jsonl")
        t_base, t_ours = timing(docs, ner, args.rounds)
        systems[0], systems[1] = ("natasha", base, t_base), ("RussianNER", ours, t_ours)
        for sys_name, pred, secs in systems:
            pfile = outdir / f"{name}.{sys_name.strip().lstrip('-')}.jsonl"
            write(pfile, pred)
            res = scorer.score(gold, scorer.read(pfile))
            rows.append((name, sys_name, res, len(docs) / secs if secs else 0.0))
        if args.errors:
            error_dump(scorer, docs, ours, args.errors, sys.stdout)

    print(f"\n{'corpus':22s} {'system':16s} " + " ".join(f"{t + ' P/R/F1':>20s}" for t in TYPES) + "    docs/s")
    for name, sys_name, res, speed in rows:
        cells = " ".join(f"{res[t]['p']:6.3f}{res[t]['r']:7.3f}{res[t]['f1']:7.3f}" for t in TYPES)
        print(f"{name:22s} {sys_name:16s} {cells} {speed:9.1f}")
    print("\ndifferences (RussianNER - natasha), F1:")
    for name in dict.fromkeys(r[0] for r in rows):
        base = next(r for r in rows if r[0] == name and r[1] == "natasha")
        ours = next(r for r in rows if r[0] == name and r[1] == "RussianNER")
        diffs = "  ".join(f"{t} {ours[2][t]['f1'] - base[2][t]['f1']:+.3f}" for t in TYPES)
        print(f"{name:22s} {diffs}   speed ratio {ours[3] / base[3] if base[3] else 0:.2f}")
        for r in rows:
            if r[0] == name and r[1].startswith("  -"):
                d = "  ".join(f"{t} {ours[2][t]['f1'] - r[2][t]['f1']:+.3f}" for t in TYPES)
                print(f"{'':22s} rule {r[1].strip()[1:]:12s} contributes  {d}")
    tmp_ctx.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
