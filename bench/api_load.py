"""Load on the web application: requests per second and latency for search and entity pages, with 16
concurrent clients on 127.0.0.1, over a store of 10,000 documents.

    python bench/api_load.py [--docs 10000] [--clients 16] [--seconds 20] [--workers 1] [--db PATH]

The store is made from the bundled sample press releases, extracted once and cloned into `--docs`
documents: each clone gets its own id, URL and text (a numbered line added at the end), its dates
moved by a few months, and its persons renamed from a pool of 2,000 so that people recur the way
they do in a real corpus (a few in thousands of documents, most in a handful); places and
organizations are kept. Clones are stored with `Store.put_many` (full text indexed as usual) and get
the vector of their sample plus a little noise (embedding 10,000 texts would time the encoder, not the
server). A store already at `--db` with enough documents is reused.

The server is uvicorn in a separate process (`--workers` processes) over that store; the clients are
threads with keep-alive connections. Each scenario runs for `--seconds` (and at most 200,000
requests) after a warm-up; it prints requests/s, p50, p95 and p99 latency, and errors:

    search API      GET /api/v1/search?q=...     (hybrid: full text + vectors, with facets; 300 queries)
    search text     GET /api/v1/search?q=...&mode=text   (full text only: no query embedding)
    search page     GET /?q=...                  (the HTML page, hybrid)
    entity API      GET /api/v1/entities/{key}   (profile: roles, events, co-participants)
    entity page     GET /entities/{key}          (the HTML page)

The machine this runs on (2 cores here) is shared by the server and the clients.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["кибербезопасность", "цифровая трансформация", "заседание", "совет", "форум", "искусственный интеллект",
         "переговоры", "министр", "memorandum", "cybersecurity", "электронное правительство", "дорожная карта",
         "Душанбе", "Москва", "digital skills", "персональные данные", "визит", "делегация", "соглашение",
         "протокол", "рабочая группа", "Ереван", "forum", "training", "государственные услуги"]
# 300 distinct two-word queries: the query-vector cache of the server helps only with repeats
QUERIES = [f"{a} {b}" for i, a in enumerate(WORDS) for b in WORDS[i + 1:]]
FIRST = ["Алексей", "Мария", "Игорь", "Наталья", "Рустам", "Амина", "Тимур", "Ольга", "Давид", "Елена", "Фарход",
         "Гульнара", "Сергей", "Айгерим", "Бахтиёр", "Ирина", "Нурлан", "Светлана", "Арман", "Дильноза"]
LAST = ["Иванов", "Назаров", "Каримов", "Абдуллаев", "Петросян", "Садыков", "Ермеков", "Соколов", "Юсупов",
        "Алиев", "Гаспарян", "Турсунов", "Морозов", "Жумабаев", "Рахимов", "Волков", "Исмаилов", "Ковалев",
        "Сулейменов", "Мирзоев", "Орлов", "Хасанов", "Бекмуратов", "Лебедев", "Шарипов", "Оганесян", "Кузнецов",
        "Нуриев", "Захаров", "Тоиров", "Мамедов", "Абрамов", "Сафаров", "Павлов", "Ташкентов", "Усманов",
        "Федоров", "Халилов", "Борисов", "Яхьяев", "Григорьев", "Маликов", "Степанов", "Хайдаров", "Никитин",
        "Раджабов", "Андреев", "Эргашев", "Смирнов", "Бобоев", "Тихонов", "Каюмов", "Зайцев", "Холов", "Белов",
        "Джураев", "Попов", "Очилов", "Семенов", "Давлатов", "Егоров", "Гафуров", "Васильев", "Шукуров",
        "Макаров", "Назирова", "Романов", "Олимов", "Фролов", "Юлдашев", "Киселев", "Хакимов", "Медведев",
        "Саидов", "Жуков", "Умаров", "Козлов", "Ибрагимов", "Воробьев", "Мусаев", "Соловьев", "Азимов",
        "Голубев", "Латипов", "Виноградов", "Нарзуллаев", "Богданов", "Курбанов", "Антонов", "Рашидов",
        "Дмитриев", "Абдурахманов", "Титов", "Исаев", "Комаров", "Пулатов", "Карпов", "Ахмедов", "Суханов",
        "Зиёев"]


# -- the corpus ---------------------------------------------------------------------------------------

def _shift(value: str | None, months: int) -> str | None:
    if not value or len(value) < 7:
        return value
    y, m = int(value[:4]), int(value[5:7]) - 1 + months
    y, m = y + m // 12, m % 12 + 1
    out = f"{y:04d}-{m:02d}"
    return out + (f"-{min(int(value[8:10]), 28):02d}" if len(value) == 10 else "")


def _clone(record, i: int):
    from communique.model import Document

    months = (i // 10) % 30 - 12
    doc = record.document
    text = doc.text + f"\nПресс-служба. Выпуск № {i}.\n"
    rec = dataclasses.replace(record, document=Document(
        id=f"bench-{i:05d}", text=text, url=f"https://example.org/bench/{i}", title=doc.title,
        published=_shift(doc.published, months), language=doc.language, source="bench"))
    rec = _deepcopy(rec)
    rng = random.Random(i)
    for e in rec.entities:
        if e.type == "PER":
            # a Zipf-like pool: low numbers come up often
            n = min(int(rng.paretovariate(1.1)) - 1, 1999) if rng.random() < 0.7 else rng.randrange(2000)
            e.name = f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST) + n) % len(LAST)]}"
            e.aliases = []
    for ev in rec.events:
        ev.start, ev.end = _shift(ev.start, months), _shift(ev.end, months)
    for a in rec.agreements:
        a.signed = _shift(a.signed, months)
    return rec


def _deepcopy(rec):
    import copy

    return copy.deepcopy(rec)


def build_store(db: Path, n_docs: int) -> None:
    import numpy as np

    from communique.extract.pipeline import extract_document
    from communique.samples import sample_documents
    from communique.search import semantic
    from communique.store import Store

    samples = sample_documents()
    records = [extract_document(d) for d in samples]
    vectors = semantic.embed([semantic.document_text(d.title, d.text) for d in samples])
    index = semantic.VectorIndex(semantic.index_path_for("sqlite:///" + str(db)))
    rng = np.random.default_rng(7)
    started = time.perf_counter()
    with Store.open(str(db)) as store:
        have = store.count("documents")
        for start in range(have, n_docs, 500):
            batch = [_clone(records[i % len(records)], i) for i in range(start, min(n_docs, start + 500))]
            store.put_many(batch)
            base = np.stack([vectors[i % len(records)] for i in range(start, start + len(batch))])
            noisy = base + rng.normal(0, 0.02, base.shape).astype(np.float32)
            index.add([r.document.id for r in batch], noisy / np.linalg.norm(noisy, axis=1, keepdims=True))
            print(f"\r  stored {start + len(batch)} / {n_docs} documents", end="", file=sys.stderr, flush=True)
        index.save()
        print(file=sys.stderr)
        total = store.count("documents")
    print(f"store: {total} documents, built in {time.perf_counter() - started:.0f}s ({db})")


# -- the load -----------------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_scenario(base: str, paths: list[str], clients: int, seconds: float, max_requests: int = 200_000) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    budget = [max_requests]

    def worker(n: int) -> None:
        nonlocal errors
        rng = random.Random(n)
        local, bad = [], 0
        with httpx.Client(base_url=base, timeout=60.0) as client:
            while time.perf_counter() < stop_at:
                with lock:
                    if budget[0] <= 0:
                        break
                    budget[0] -= 1
                path = rng.choice(paths)
                t0 = time.perf_counter()
                try:
                    r = client.get(path)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                local.append(time.perf_counter() - t0)
                bad += not ok
        with lock:
            latencies.extend(local)
            errors += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": percentile(latencies, 0.5) * 1000,
            "p95": percentile(latencies, 0.95) * 1000, "p99": percentile(latencies, 0.99) * 1000, "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--db", type=Path, default=None, help="where the store is kept (reused when big enough)")
    args = ap.parse_args()

    import httpx

    db = args.db or Path(tempfile.mkdtemp(prefix="communique-load-")) / "load.db"
    build_store(db, args.docs)

    from communique.api.testing import free_port

    port = free_port()
    env = {**os.environ, "COMMUNIQUE_DB": str(db)}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "communique.api:create_app",
                              "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
                              "--log-level", "warning", "--no-access-log"], env=env, cwd=str(ROOT))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.3)
        t0 = time.perf_counter()
        top = httpx.get(base + "/api/v1/entities", params={"limit": 200}, timeout=300).json()["items"]
        print(f"first request (builds the in-memory fact index): {time.perf_counter() - t0:.1f}s")
        keys = [quote(e["key"], safe="") for e in top if e["type"] in ("PER", "ORG")][:150]
        sizes = sorted((e["documents"] for e in top if e["type"] in ("PER", "ORG")), reverse=True)[:150]
        print(f"entities in the load: {len(keys)}, documents each: max {sizes[0]}, median "
              f"{statistics.median(sizes):.0f}, min {sizes[-1]}")
        scenarios = {
            "search API": [f"/api/v1/search?q={quote(q)}" for q in QUERIES],
            "search text": [f"/api/v1/search?q={quote(q)}&mode=text" for q in QUERIES],
            "search page": [f"/?q={quote(q)}" for q in QUERIES],
            "entity API": [f"/api/v1/entities/{k}" for k in keys],
            "entity page": [f"/entities/{k}" for k in keys],
        }
        for paths in scenarios.values():  # warm-up: a few paths of each
            for p in paths[:10]:
                httpx.get(base + p, timeout=120)
        print(f"\n{args.clients} concurrent clients, {args.seconds:.0f}s per scenario, {args.workers} server "
              f"process(es), {os.cpu_count()} CPU cores shared with the clients")
        print(f"{'scenario':<14}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for name, paths in scenarios.items():
            r = run_scenario(base, paths, args.clients, args.seconds)
            print(f"{name:<14}{r['requests']:>10}{r['rps']:>9.1f}{r['p50']:>9.0f}{r['p95']:>9.0f}{r['p99']:>9.0f}"
                  f"{r['errors']:>8}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
