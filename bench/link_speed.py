"""Linking speed: how the time to link a store into the knowledge base grows with its size.

    python bench/link_speed.py [--sizes 1000,2000,5000,10000] [--db sqlite|postgresql://...] [--extra 100]

The documents are the twelve press releases of tests/fixtures/kb/, extracted once, then cloned to
reach each size: every clone gets its own document id and text, its persons renamed from a pool of
synthetic names (each person recurs in a handful of documents, as officials do), its dates shifted
by a few days per clone (so events spread over years instead of piling onto one day) and the names
of its numbered series replaced per group of clones (other bodies' meetings). Countries, cities and
international organizations stay as they are, so a few kb entities (Russia, the SCO) collect
thousands of members — the hot spots of a real store.

For each size: a fresh store is filled (not timed), then `KnowledgeBase.relink()` — every document
linked in storage order, exactly as incremental linking after each ingest would — is timed, and so
is linking `--extra` more documents one by one with `link_document` on top of it (the incremental
cost per document at that size). Prints wall and CPU seconds per size (SQLite runs in-process, so CPU
time is the figure that other processes on a shared machine do not disturb), documents per second,
and the exponent k of time ∝ size^k fitted by least squares on the log-log curve (k = 1 is linear).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

_SYLLABLES = ["ба", "ве", "го", "да", "ке", "ли", "ма", "но", "ра", "се", "ту", "фа", "ха", "ше", "зо", "ру"]
_FIRST = ["Алексей", "Марина", "Игорь", "Ольга", "Руслан", "Елена", "Тимур", "Анна", "Сергей", "Дина"]
_ENDINGS = ["ов", "ев", "ин", "ский"]


def synthetic_surname(n: int) -> str:
    parts = []
    for _ in range(3):
        parts.append(_SYLLABLES[n % len(_SYLLABLES)])
        n //= len(_SYLLABLES)
    word = "".join(parts) + _ENDINGS[n % len(_ENDINGS)]
    return word[:1].upper() + word[1:]


def shift_date(value: str | None, days: int) -> str | None:
    if not value:
        return value
    if len(value) == 10:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    if len(value) == 7:
        d = dt.date.fromisoformat(value + "-01") + dt.timedelta(days=days)
        return d.isoformat()[:7]
    return str(int(value) + days // 365)


def clone(data: dict, n: int, pool: int) -> dict:
    """A copy of a Record's dict as clone `n`: new id and text, renamed persons, shifted dates."""
    import copy

    from communique.link.series import parse_name

    d = copy.deepcopy(data)
    doc = d["document"]
    doc["id"] = f"{doc['id']}-{n}"
    doc["text"] = f"[{n}] {doc['text']}"
    doc["url"] = f"{doc['url']}?clone={n}" if doc.get("url") else None
    days = (n * 3) % 2900
    doc["published"] = shift_date(doc.get("published"), days)
    group = n // 4
    for e in d["entities"]:
        if e["type"] != "PER":
            continue
        p = (hash((e["name"], group)) & 0x7FFFFFFF) % pool
        surname = synthetic_surname(p)
        first = _FIRST[p % len(_FIRST)]
        e["name"] = f"{first} {surname}"
        e["aliases"] = [f"{first[0]}. {surname}"]
    for m in d["mentions"]:
        if m["type"] == "PER":
            m["text"] = "X"
    for ev in d["events"]:
        ev["start"], ev["end"] = shift_date(ev.get("start"), days), shift_date(ev.get("end"), days)
        ordinal = ev.get("ordinal") or parse_name(ev.get("name") or "")[0]
        if ev.get("series") or ordinal:  # another body's numbered meetings: another name
            words = [synthetic_surname(group * 7 + i).lower() for i in range(3)]
            ev["series"] = "заседание " + " ".join(words)
            ev["name"] = f"{ordinal}-е заседание " + " ".join(words)
    for a in d["agreements"]:
        a["signed"] = shift_date(a.get("signed"), days)
    return d


def make_records(size: int, base: list) -> list:
    from communique.model import Record

    datas = [r.to_dict() for r in base]
    pool = max(50, size // 5)
    out = []
    n = 0
    while len(out) < size:
        for data in datas:
            if len(out) >= size:
                break
            out.append(Record.from_dict(clone(data, n, pool)))
        n += 1
    return out


def open_store(db: str, size: int, tmp: Path):
    from communique.store import Store

    if db == "sqlite":
        return Store.open(str(tmp / f"link-{size}.db")), None
    import psycopg

    schema = f"bench_link_{uuid.uuid4().hex[:10]}"
    base = db.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in db else "?"
    return Store.open(f"{db}{sep}options=-csearch_path%3D{schema}"), (base, schema)


def drop(handle) -> None:
    if handle is None:
        return
    import psycopg

    base, schema = handle
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def fit_exponent(sizes: list[int], seconds: list[float]) -> float:
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    parser.add_argument("--db", default="sqlite", help="sqlite (a temporary file) or a postgresql:// URL")
    parser.add_argument("--extra", type=int, default=100, help="documents linked one by one after the relink")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from communique.link import KnowledgeBase
    from test_link import corpus_records

    t0 = time.perf_counter()
    base = list(corpus_records())
    print(f"extracted {len(base)} fixture documents in {time.perf_counter() - t0:.1f} s; cloning to "
          f"{', '.join(map(str, sizes))} (persons renamed from a pool of size/5, dates shifted, series renamed)")
    print(f"backend: {args.db if args.db == 'sqlite' else 'postgresql'}")
    print(f"{'documents':>10} {'relink s':>10} {'cpu s':>8} {'docs/s':>8} {'ms/doc':>7} {'incr ms/doc':>12} "
          f"{'entities':>9} {'events':>7} {'series':>7}")
    times: list[float] = []
    cpus: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            records = make_records(size + args.extra, base)
            store, handle = open_store(args.db, size, Path(tmp))
            try:
                for i in range(0, size, 1000):
                    store.put_many(records[i:min(i + 1000, size)])
                kb = KnowledgeBase(store)
                t, c = time.perf_counter(), time.process_time()
                kb.relink()
                elapsed, cpu = time.perf_counter() - t, time.process_time() - c
                extra = records[size:]
                store.put_many(extra)
                t = time.perf_counter()
                for r in extra:
                    kb.link_document(r.document.id)
                incr = (time.perf_counter() - t) / max(1, len(extra))
                stats = kb.stats()
            finally:
                store.close()
                drop(handle)
            times.append(elapsed)
            cpus.append(cpu)
            print(f"{size:>10} {elapsed:>10.1f} {cpu:>8.1f} {size / elapsed:>8.0f} {1000 * elapsed / size:>7.2f} "
                  f"{1000 * incr:>12.2f} {stats['entities']:>9} {stats['events']:>7} {stats['series']:>7}",
                  flush=True)
    if len(sizes) > 1:
        k, kc = fit_exponent(sizes, times), fit_exponent(sizes, cpus)
        print(f"fitted exponent: wall time ∝ documents^{k:.2f}, CPU time ∝ documents^{kc:.2f} "
              f"({'near-linear' if max(k, kc) < 1.15 else 'super-linear'})")


if __name__ == "__main__":
    main()
