"""Extraction quality on the seed and the development press releases, through the shared scorer.

    python bench/quality.py [--set seed|ru|en|real-ru|real-en|real-regional] [--per-doc] [--out DIR]

Builds the JSONL the scorer expects, runs `communique extract --jsonl ... --format facts` in this
process, and prints ../shared/eval/score_facts.py's figures for: the seed, the Russian dev
documents, the English dev documents (fictional; the rules were tuned on them) and the real releases
of ../shared/data/real by language group (ru, en, and the region's other languages).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL = ["real-ru", "real-en", "real-regional"]
# releases we wrote, gold by hand, blind to the extractor: bench/data/written, written2, written3, ...
WRITTEN = [f"{d.name}-{group}" for d in sorted((ROOT / "bench/data").glob("written*"))
           for group in ("ru", "en", "regional") if any(d.glob("docs/*.json"))]


def corpus(lang: str) -> list[tuple[dict, dict]]:
    items = []
    if lang in ("seed", "all"):
        d = json.loads((SHARED / "data/seed/seed.doc.json").read_text(encoding="utf-8"))
        g = json.loads((SHARED / "data/seed/seed.gold.json").read_text(encoding="utf-8"))
        items.append((d, g))
    if lang.startswith(("real-", "written")):
        kind, group = lang.split("-", 1)
        base = SHARED / "data/real" if kind == "real" else ROOT / "bench/data" / kind
        for p in sorted((base / "docs").glob("*.json")):
            d = json.loads(p.read_text(encoding="utf-8"))
            dl = d.get("language")
            if group == dl or (group == "regional" and dl not in ("ru", "en")):
                g = json.loads((base / "gold" / p.name).read_text(encoding="utf-8"))
                items.append((d, g))
    elif lang != "seed":
        for p in sorted((SHARED / "data/dev/docs").glob("*.json")):
            d = json.loads(p.read_text(encoding="utf-8"))
            if lang in ("all", d.get("language")):
                g = json.loads((SHARED / "data/dev/gold" / p.name).read_text(encoding="utf-8"))
                items.append((d, g))
    return items


def run(items, workdir: Path) -> tuple[Path, Path]:
    from communique.cli.main import extract_jsonl

    inp, gold_dir = workdir / "in.jsonl", workdir / "gold"
    gold_dir.mkdir(exist_ok=True)
    with inp.open("w", encoding="utf-8") as f:
        for d, g in items:
            f.write(json.dumps({k: d.get(k) for k in ("id", "text", "url", "published", "language")},
                               ensure_ascii=False) + "\n")
            (gold_dir / f"{d['id']}.json").write_text(json.dumps({**g, "id": d["id"]}, ensure_ascii=False),
                                                      encoding="utf-8")
    out = workdir / "out.jsonl"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        extract_jsonl(inp, "facts")
    out.write_text(buf.getvalue(), encoding="utf-8")
    return gold_dir, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="sets", action="append", choices=["seed", "ru", "en", *REAL, *WRITTEN],
                    help="which sets to score (default: all)")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--out", type=Path, help="keep predictions here")
    args = ap.parse_args()
    for name in args.sets or ["seed", "ru", "en", *REAL, *WRITTEN]:
        with tempfile.TemporaryDirectory() as tmp:
            work = args.out / name if args.out else Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            gold, pred = run(corpus(name), work)
            print(f"== {name}: python3 ../shared/eval/score_facts.py --gold GOLD --pred PRED")
            cmd = [sys.executable, str(SHARED / "eval/score_facts.py"), "--gold", str(gold), "--pred", str(pred)]
            if args.per_doc:
                cmd.append("--per-doc")
                cmd.append("--json")
            sys.stdout.flush()
            subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
