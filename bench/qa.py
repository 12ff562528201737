"""Cited answers on the shared question set: build a store from the fictional dev set and the seed,
answer every question with `communique.answer`, write PRED lines and score them with the shared scorer.

    PYTHONPATH=src python bench/qa.py [--questions FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")


def documents(folders: list[Path]):
    from communique.model import Document

    for folder in folders:
        for p in sorted(folder.glob("*.json")):
            if p.name.endswith(".gold.json"):
                continue
            d = json.loads(p.read_text(encoding="utf-8"))
            if "text" in d and "id" in d:
                yield Document(id=d["id"], text=d["text"], url=d.get("url"), title=d.get("title"),
                               published=d.get("published"), language=d.get("language"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=SHARED / "data/qa/dev.jsonl")
    ap.add_argument("--docs", nargs="+", type=Path, default=[SHARED / "data/dev/docs", SHARED / "data/seed"])
    ap.add_argument("--keep", type=Path, help="keep the store and PRED here")
    a = ap.parse_args()
    from communique.answer import answer
    from communique.jobs import ingest_documents
    from communique.store import Store

    work = a.keep or Path(tempfile.mkdtemp(prefix="qa-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "qa.db"
    fresh = not db.exists()
    store = Store.open(f"sqlite:///{db}")
    if fresh:
        ingest_documents(list(documents(a.docs)), store)
    pred, times = work / "pred.jsonl", []
    with pred.open("w", encoding="utf-8") as f:
        for line in a.questions.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            t = time.perf_counter()
            ans = answer(store, q["question"], language=q.get("lang"))
            times.append(time.perf_counter() - t)
            d = ans.to_dict()
            f.write(json.dumps({"id": q["id"], "answer": d["answer"], "citations": d["citations"]},
                               ensure_ascii=False) + "\n")
    store.close()
    subprocess.run([sys.executable, str(SHARED / "eval/score_qa.py"), "--questions", str(a.questions),
                    "--pred", str(pred), "--docs", *map(str, a.docs)], check=True)
    times.sort()
    print(f"answer time: median {times[len(times) // 2] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms "
          f"(first includes model loading); PRED {pred}")


if __name__ == "__main__":
    main()
