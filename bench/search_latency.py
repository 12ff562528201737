"""Search latency: p50 / p95 / max per query for full-text, semantic and hybrid search on SQLite stores of
10,000 and 100,000 documents.

    python bench/search_latency.py [--sizes 10000 100000] [--originals 300] [--rounds 3] [--keep DIR]
                                   [--vectors noise|embed] [--no-facts]

How the stores are built (the build time of each size is printed):
  - originals: the first --originals NEREL train texts and the 24 press releases of the dev corpus
    (18 Russian, 6 English: the English queries and the language filter need some), each read as a
    file is read (formats.document_from_bytes) and extracted once (extract_document);
  - a store of N documents holds N clones of the originals, in turn: each clone is its original's
    Record with a new id, the URL (if any) with "?copy=i", and a line "№ i" appended to the text, so
    that ids and content hashes differ (appended, not prepended, so every fact's character offsets
    stay true); they are loaded with Store.put_many, 1,000 a transaction, then Store.optimize (the
    planner's statistics) as `communique ingest` ends;
  - vectors: by default the original's vector (semantic.embed of its title and lead, as Searcher.add
    does) plus a little Gaussian noise (sigma --noise), renormalized, added to the HNSW index in bulk:
    embedding 100,000 texts would take hours on a laptop; --vectors embed embeds every clone's text.
Queries: a fixed set of 32 (Russian and English; 9 with filters on event type, language, period,
country, organization, person or topic), each run in the three modes, interleaved, one warm-up
round then --rounds timed rounds, through Searcher.search(limit=10) as `communique search` calls
it (so with the key facts of every hit; --no-facts as the web list calls it), the query-vector
cache cleared before each, so every semantic and hybrid search pays for embedding its query. The
steps of a search are also timed alone, to show where the time goes: the full-text ranking, the
text and snippets of the 10 hits shown, their key facts, the query embedding, the HNSW search, the
filters.
Target: p95 under 100 ms for text and hybrid queries on SQLite at 100,000 documents.

With --keep DIR the extracted originals and every store built are kept in DIR and reused by the
next run with the same DIR (a store is rebuilt when its size or build options differ); without
it everything is built under /tmp and removed at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MODES = ("text", "semantic", "hybrid")
BATCH = 1000

QUERIES: list[tuple[str, dict]] = [
    ("визит министра", {}),
    ("переговоры о сотрудничестве в области связи", {}),
    ("подписание соглашения", {}),
    ("Шанхайская организация сотрудничества", {}),
    ("cybersecurity cooperation", {}),
    ("меморандум о взаимопонимании", {}),
    ("заседание совета министров иностранных дел", {}),
    ("цифровая трансформация государственного управления", {}),
    ("информационная безопасность", {}),
    ("Министерство цифрового развития", {}),
    ("саммит БРИКС", {}),
    ("Евразийский экономический союз", {}),
    ("пресс-служба МВД", {}),
    ("президент России Владимир Путин", {}),
    ("телефонный разговор", {}),
    ("международный форум", {}),
    ("digital economy partnership", {}),
    ("memorandum of understanding signed", {}),
    ("Regional Commonwealth in the field of Communications", {}),
    ("telecommunications ministers meeting", {}),
    ("Генеральная Ассамблея ООН", {}),
    ("санкции против России", {}),
    ("выборы президента", {}),
    ("visit", {"event_type": "VISIT"}),
    ("соглашение", {"event_type": ["SIGNING", "MEETING"]}),
    ("cooperation", {"language": "en"}),
    ("сотрудничество", {"language": "ru", "period": "2010..2020"}),
    ("встреча на высшем уровне", {"country": "CN"}),
    ("переговоры", {"organization": "ООН"}),
    ("заявление", {"person": "Путин"}),
    ("связь", {"topic": "telecom"}),
    ("форум", {"period": "2024..2026", "event_type": "FORUM"}),
]


# -- originals -------------------------------------------------------------------------------------

def load_originals(n_nerel: int, cache: Path | None):
    """The extracted originals and their vectors (cached in `cache` when given); and seconds taken."""
    from communique.model import Record

    if cache is not None and (cache / "originals.json").exists():
        meta = json.loads((cache / "originals.json").read_text(encoding="utf-8"))
        if meta["n_nerel"] == n_nerel:
            records = [Record.from_dict(d) for d in meta["records"]]
            return records, np.load(cache / "originals.npy"), meta["seconds"], True
    from communique.extract.pipeline import extract_document
    from communique.ingest.formats import document_from_bytes
    from communique.search import semantic

    t0 = time.perf_counter()
    docs = []
    lines = (SHARED / "data/ner/nerel.train.jsonl").read_text(encoding="utf-8").splitlines()
    for line in [ln for ln in lines if ln.strip()][:n_nerel]:
        item = json.loads(line)
        doc = document_from_bytes(item["text"].encode("utf-8"), f"nerel-{item['id']}.txt")
        doc.source = f"nerel.train/{item['id']}"
        docs.append(doc)
    for path in sorted((SHARED / "data/dev/docs").glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        doc = document_from_bytes(item["text"].encode("utf-8"), path.name)
        doc.url, doc.published, doc.language = item.get("url"), item.get("published"), item.get("language")
        doc.source = "dev-corpus"
        docs.append(doc)
    records = [extract_document(d) for d in docs]
    texts = [semantic.document_text(r.document.title, r.document.text) for r in records]
    vectors = np.concatenate([semantic.embed(texts[i:i + 32]) for i in range(0, len(texts), 32)])
    seconds = time.perf_counter() - t0
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "originals.json").write_text(json.dumps(
            {"n_nerel": n_nerel, "seconds": seconds, "records": [r.to_dict() for r in records]},
            ensure_ascii=False), encoding="utf-8")
        np.save(cache / "originals.npy", vectors)
    return records, vectors, seconds, False


def clone(original, i: int):
    doc = original.document
    new = dataclasses.replace(doc, id=f"{doc.id}-c{i:06d}", text=doc.text.rstrip("\n") + f"\n\n№ {i}\n",
                              url=f"{doc.url}?copy={i}" if doc.url else None)
    return dataclasses.replace(original, document=new)


# -- building ------------------------------------------------------------------------------------

def build(path: Path, size: int, originals, vectors: np.ndarray, args) -> dict:
    """A store of `size` clones at `path` with its vector index; returns the build's timings."""
    from communique.search import semantic
    from communique.store import Store

    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    rng = np.random.default_rng(size)
    t_store = t_vec = 0.0
    with Store.open(f"sqlite:///{path}") as store:
        index = semantic.VectorIndex(semantic.index_path_for(store.url))
        last_report = time.perf_counter()
        for start in range(0, size, BATCH):
            idx = range(start, min(size, start + BATCH))
            batch = [clone(originals[i % len(originals)], i) for i in idx]
            t0 = time.perf_counter()
            results = store.put_many(batch)
            t_store += time.perf_counter() - t0
            assert all(r.status == "new" for r in results), {r.status for r in results}
            t0 = time.perf_counter()
            if args.vectors == "embed":
                vecs = semantic.embed([semantic.document_text(r.document.title, r.document.text) for r in batch])
            else:
                vecs = vectors[[i % len(originals) for i in idx]]
                vecs = vecs + rng.normal(0.0, args.noise, vecs.shape).astype(np.float32)
                vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            index.add([r.document.id for r in batch], vecs)
            t_vec += time.perf_counter() - t0
            if time.perf_counter() - last_report > 60:
                print(f"  … {idx.stop} of {size} stored ({t_store:.0f} s store, {t_vec:.0f} s vectors)", flush=True)
                last_report = time.perf_counter()
        t0 = time.perf_counter()
        store.optimize()  # as `communique ingest` ends
        t_store += time.perf_counter() - t0
        t0 = time.perf_counter()
        index.save()
        t_vec += time.perf_counter() - t0
    return {"store_s": t_store, "vectors_s": t_vec}


# -- measuring -----------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


PARTS = {
    "search_text": "full-text ranking, 30 ids (SQL, no text)",
    "snippets": "text of 10 hits + their snippets",
    "key_facts": "key facts of 10 hits (fact tables)",
    "embed": "query embedding (uncached)",
    "vector_search": "HNSW search, 30 nearest",
    "filter_ids": "store.filter_ids of 30",
}


def _parts(searcher, query: str, filters: dict | None) -> dict[str, float]:
    """The steps of one hybrid search, each timed alone (Searcher.search ranks 30 of each kind and
    reads text and facts for the 10 shown)."""
    from communique.search import semantic
    from communique.search.hybrid import hit_snippet
    from communique.store.fulltext import query_lemmas

    out = {}
    t0 = time.perf_counter()
    ranked = searcher.store.rank_text(query, limit=30, filters=filters)
    out["search_text"] = time.perf_counter() - t0
    shown = [doc_id for doc_id, _ in ranked[:10]]
    t0 = time.perf_counter()
    lemmas = query_lemmas(query)
    for d in searcher.store.snippets(shown).values():
        hit_snippet(d["text"], lemmas, d["title"])
    out["snippets"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    searcher.store.main_events(shown)
    out["key_facts"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    vector = semantic.embed([query])[0]
    out["embed"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = searcher.index.search(vector, 30)
    out["vector_search"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    searcher.store.filter_ids([d for d, _ in found], filters)
    out["filter_ids"] = time.perf_counter() - t0
    return out


def measure(path: Path, args) -> dict:
    from communique.search import Searcher, semantic
    from communique.store import Store

    out: dict = {}
    t0 = time.perf_counter()
    store = Store.open(f"sqlite:///{path}")
    searcher = Searcher(store)
    out["open_s"] = time.perf_counter() - t0
    try:
        out["documents"] = store.count("documents")
        lat: dict[str, list[float]] = {m: [] for m in MODES}
        per_query: dict[tuple[str, str], list[float]] = {}
        hits: dict[tuple[str, str], int] = {}
        parts: dict[str, list[float]] = {p: [] for p in PARTS}
        for round_no in range(args.warmup + args.rounds):
            for q, filters in QUERIES:
                step = _parts(searcher, q, filters or None)
                if round_no >= args.warmup:
                    for name, secs in step.items():
                        parts[name].append(secs)
                for mode in MODES:
                    semantic.query_vector.cache_clear()  # every timed search embeds its query afresh
                    t0 = time.perf_counter()
                    found = searcher.search(q, limit=10, filters=filters or None, mode=mode,
                                            with_facts=not args.no_facts)
                    secs = time.perf_counter() - t0
                    if round_no >= args.warmup:
                        lat[mode].append(secs)
                        per_query.setdefault((mode, q), []).append(secs)
                        hits[(mode, q)] = len(found)
        out["latency"], out["per_query"], out["hits"], out["parts"] = lat, per_query, hits, parts
    finally:
        store.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--originals", type=int, default=300, help="NEREL train texts extracted (plus 24 dev docs)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds over all queries")
    ap.add_argument("--warmup", type=int, default=1, help="untimed rounds first")
    ap.add_argument("--keep", type=Path, help="keep the originals and the stores in this folder, and reuse them")
    ap.add_argument("--vectors", choices=("noise", "embed"), default="noise",
                    help="clones' vectors: the original's plus noise (fast), or embed every clone (hours)")
    ap.add_argument("--noise", type=float, default=0.01, help="sigma of the noise per dimension")
    ap.add_argument("--no-facts", action="store_true", help="search with with_facts=False (the web list)")
    args = ap.parse_args()

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="communique-search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    load_start = os.getloadavg()[0]
    try:
        t0 = time.perf_counter()
        originals, vectors, extract_s, cached = load_originals(args.originals, args.keep)
        n_en = sum(1 for r in originals if r.document.language == "en")
        print(f"originals: {len(originals)} documents ({len(originals) - n_en} Russian, {n_en} English: "
              f"{args.originals} NEREL train texts + the 24 dev press releases), extracted and embedded once: "
              f"{extract_s:.0f} s" + (f" (loaded from {args.keep} in {time.perf_counter() - t0:.1f} s)"
                                      if cached else ""))
        print("clones: each original's Record with a new id, '?copy=i' on its URL and a line '№ i' appended to "
              "its text (distinct hashes; offsets unchanged), stored with Store.put_many, "
              f"{BATCH} a transaction")
        print("vectors: " + ("every clone embedded" if args.vectors == "embed" else
                             f"the original's vector + Gaussian noise (sigma {args.noise}), renormalized"))
        print(f"queries: {len(QUERIES)} ({sum(1 for _, f in QUERIES if f)} with filters), "
              f"{args.warmup} warm-up + {args.rounds} timed rounds, modes interleaved, limit 10, "
              f"with_facts={not args.no_facts}")
        summary = []
        for size in sorted(args.sizes):
            path = workdir / f"store-{size}.db"
            marker = path.with_name(path.name + ".built.json")
            spec = {"size": size, "originals": args.originals, "vectors": args.vectors, "noise": args.noise}
            built = None
            if args.keep and marker.exists():
                saved = json.loads(marker.read_text(encoding="utf-8"))
                if saved.get("spec") == spec:
                    built = saved
            reused = built is not None
            if built is None:
                print(f"building {size} documents …", flush=True)
                built = {"spec": spec, **build(path, size, originals, vectors, args)}
                marker.write_text(json.dumps(built), encoding="utf-8")
            t0 = time.perf_counter()
            res = measure(path, args)
            query_s = time.perf_counter() - t0
            db_mib = sum(f.stat().st_size for f in workdir.glob(path.name + "*") if "vectors" not in f.name) / 2**20
            vec_mib = sum(f.stat().st_size for f in workdir.glob(path.name + ".vectors*")) / 2**20
            build_s = built["store_s"] + built["vectors_s"]
            print(f"\n== {res['documents']} documents: build {build_s:.0f} s "
                  f"(store {built['store_s']:.0f} s = {size / built['store_s']:.0f} docs/s; vectors "
                  f"{built['vectors_s']:.0f} s){' — reused from an earlier run' if reused else ''}; "
                  f"database {db_mib:.0f} MiB, vector index {vec_mib:.0f} MiB; open + index load "
                  f"{res['open_s']:.1f} s; queries {query_s:.0f} s")
            print(f"{'mode':24s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'queries':>8s} {'no hits':>8s}")
            for mode in MODES:
                v = res["latency"][mode]
                empty = sum(1 for q, _ in QUERIES if res["hits"][(mode, q)] == 0)
                print(f"{mode:24s} {pct(v, .5) * 1000:8.1f} {pct(v, .95) * 1000:8.1f} {max(v) * 1000:8.1f} "
                      f"{len(v):8d} {empty:8d}")
                summary.append((size, mode, pct(v, .95)))
            print("  where the time goes, each step timed alone:")
            for name, label in PARTS.items():
                v = res["parts"][name]
                print(f"  {label:46s} p50 {pct(v, .5) * 1000:7.1f}  p95 {pct(v, .95) * 1000:7.1f}  "
                      f"max {max(v) * 1000:7.1f} ms")
            for mode in MODES:
                slow = sorted(((pct(v, .5), q) for (m, q), v in res["per_query"].items() if m == mode), reverse=True)
                print(f"  slowest {mode}: " + "; ".join(
                    f"{q!r}{' ' + json.dumps(dict(QUERIES)[q], ensure_ascii=False) if dict(QUERIES)[q] else ''}"
                    f" {s * 1000:.0f} ms" for s, q in slow[:3]))
        largest = max(args.sizes)
        verdict = ", ".join(f"{mode} {p95 * 1000:.0f} ms" for size, mode, p95 in summary
                            if size == largest and mode in ("text", "hybrid"))
        print(f"\np95 at {largest} documents: {verdict} (target under 100 ms for text and hybrid at 100000)")
        print(f"machine: {os.cpu_count()} CPUs, load average {load_start:.1f} at the start, "
              f"{os.getloadavg()[0]:.1f} at the end (other processes share the CPUs; timings move with it)")
        print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
