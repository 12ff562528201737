"""Kill -9 trials: an ingest killed at a random moment and run again ends as a clean run does.

    python bench/kill_trials.py [--trials 10] [--docs 30] [--seed 14] [--backend sqlite|postgresql]
                                [--pg-url postgresql://postgres@127.0.0.1:5432/test]

For each backend (an SQLite file; a PostgreSQL schema of its own, dropped after), a folder of --docs
invented releases is ingested once cleanly (`communique ingest DIR --json` as a subprocess). Then each
trial, into a fresh store: the same ingest started as a subprocess, SIGKILLed at a random moment
(seeded: once it has stored a random number of documents, 1 to all but one, after a random pause of up
to 2 s, so that the kill falls between storing, indexing and linking), run again to completion, and the store compared with the clean one:
  documents       id, content hash, title, dates, language, duplicate_of, extractor version, text and
                  the stored record;
  knowledge base  entities (by their member mentions: document id + entity id), their names, kinds and
                  profiles, the links between members, events (by their reports), their dates, places,
                  series and participants, conflicts, series, and the documents marked linked;
  vector index    the same document ids with the same vectors (to 1e-4).
Per-trial lines say when the kill fell, how many documents were stored by then, and what differed; the
summary says how many trials ended equal to the clean run, per backend. Exit status 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PEOPLE = [("Аркадий", "Зубарев", "министр иностранных дел"), ("Лейла", "Карабаева", "министр экономики"),
          ("Тимур", "Оспанов", "заместитель премьер-министра"), ("Ольга", "Ливанская", "министр культуры"),
          ("Рустам", "Бекназаров", "министр энергетики"), ("Нина", "Вербицкая", "министр образования")]
CITIES = ["Ташкенте", "Минске", "Астане", "Бишкеке", "Душанбе", "Ереване"]
TOPICS = ["цифровой экономики", "энергетики", "транспорта", "образования", "культуры", "здравоохранения"]
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня"]


def release(n: int) -> str:
    """An invented release: a person, a place, a meeting or a signing, a date; varied by n."""
    first, last, title = PEOPLE[n % len(PEOPLE)]
    other = PEOPLE[(n * 5 + 1) % len(PEOPLE)]
    city, topic = CITIES[(n * 7) % len(CITIES)], TOPICS[(n * 11) % len(TOPICS)]
    day, month = 1 + n % 27, MONTHS[n % len(MONTHS)]
    kind = n % 3
    if kind == 0:
        body = (f"{day} {month} 2026 года в {city} {title.capitalize()} {first} {last} провел встречу "
                f"с коллегой {other[0]} {other[1]}. Стороны обсудили вопросы сотрудничества в сфере {topic}.")
    elif kind == 1:
        body = (f"{day} {month} 2026 года в {city} состоялось {n}-е заседание Межправительственной комиссии "
                f"по сотрудничеству в области {topic}. В заседании принял участие {title} {first} {last}.")
    else:
        body = (f"{day} {month} 2026 года {title.capitalize()} {first} {last} и {other[2]} {other[0]} {other[1]} "
                f"подписали в {city} Соглашение о сотрудничестве в области {topic}.")
    return f"{day:02d}.{1 + n % 6:02d}.2026\nСообщение номер {n}\n{body} Номер сообщения {n * 7919 % 10007}.\n"


def ingest_cmd(folder: Path) -> list[str]:
    return [sys.executable, "-m", "communique.cli", "ingest", str(folder), "--json"]


def env_for(db_url: str) -> dict:
    return {**os.environ, "COMMUNIQUE_DB": db_url, "PYTHONPATH": str(ROOT / "src")}


def run_to_end(folder: Path, db_url: str, cwd: Path) -> float:
    t = time.monotonic()
    res = subprocess.run(ingest_cmd(folder), env=env_for(db_url), cwd=cwd, capture_output=True, text=True,
                         timeout=900)
    if res.returncode != 0:
        raise SystemExit(f"ingest failed ({res.returncode}): {res.stderr[-2000:]}")
    return time.monotonic() - t


def stored_reaching(proc: subprocess.Popen, db_url: str, cwd: Path, k: int, t: float) -> float | None:
    """Wait until the ingest has stored at least `k` documents; seconds since `t` (None: it ended first)."""
    from sqlalchemy import create_engine, text

    from communique.store.db import resolve_url

    engine = create_engine(resolve_url(db_url))
    try:
        while proc.poll() is None:
            time.sleep(0.05)
            if db_url.startswith("sqlite") and not (cwd / "store.db").exists():
                continue
            try:
                with engine.connect() as conn:  # read only: the ingest makes the tables
                    if (conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0) >= k:
                        return time.monotonic() - t
            except Exception:  # no tables yet
                pass
        return None
    finally:
        engine.dispose()


def watched_run(folder: Path, db_url: str, cwd: Path) -> tuple[float, float]:
    """A clean run, watched: (seconds until the first document was stored, seconds in all)."""
    t = time.monotonic()
    with open(cwd / "clean.err", "w") as err:
        proc = subprocess.Popen(ingest_cmd(folder), env=env_for(db_url), cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=err)
        first = stored_reaching(proc, db_url, cwd, 1, t)
        proc.wait()
    took = time.monotonic() - t
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {(cwd / 'clean.err').read_text()[-2000:]}")
    return (first if first is not None else took), took


def snapshot(db_url: str, cwd: Path) -> dict:
    """Everything a clean run and a killed-then-rerun run must agree on, without store-local keys."""
    from sqlalchemy import text

    from communique.search import semantic
    from communique.store import Store

    def rows(conn, sql):
        return [dict(r._mapping) for r in conn.execute(text(sql))]

    def canon(v):
        return json.dumps(v, sort_keys=True, ensure_ascii=False, default=str)

    with Store.open(db_url) as s, s.engine.connect() as conn:
        docs = rows(conn, "SELECT id, url, title, published, published_from, published_to, language, "
                          "content_hash, extractor_version, text, record_json, duplicate_of FROM documents")
        documents = {}
        for d in docs:
            rec = d.pop("record_json")
            rec = json.loads(rec) if isinstance(rec, str) else rec
            if isinstance(rec, dict):
                (rec.get("document") or {}).pop("fetched", None)
            d["url"] = None if d["url"] is None else Path(d["url"]).name  # a file's URL names its path
            documents[d["id"]] = canon({**d, "record": rec})
        members = rows(conn, "SELECT pk, document_id, entity_id, kb_entity, type, name, aliases, language, "
                             "published, features, evidence FROM kb_members")
        ent_key: dict[str, tuple] = {}
        for m in members:
            ent_key.setdefault(m["kb_entity"], []).append((m["document_id"], m["entity_id"]))
        ent_key = {k: tuple(sorted(v)) for k, v in ent_key.items()}
        member_of = {m["pk"]: (m["document_id"], m["entity_id"]) for m in members}
        entities = {}
        for e in rows(conn, "SELECT id, type, name, names, kind, iso, gazetteer_id, profile, members FROM kb_entities"):
            key = ent_key.get(e.pop("id"), ("no members", e["name"]))
            prof = json.loads(e["profile"]) if isinstance(e["profile"], str) else e["profile"]
            if isinstance(prof, dict) and isinstance(prof.get("names"), dict):
                # {name: the member that said it}: a member's row number is the store's own
                prof["names"] = {n: member_of.get(pk, pk) for n, pk in prof["names"].items()}
            e["profile"] = prof
            entities[canon(key)] = canon(e)
        member_rows = {canon((m["document_id"], m["entity_id"])): canon(
            {k: v for k, v in m.items() if k not in {"pk", "kb_entity"}} | {"kb": ent_key.get(m["kb_entity"])})
            for m in members}
        links = sorted(canon((ent_key.get(lk["kb_entity"]), member_of.get(lk["a"]), member_of.get(lk["b"]),
                              lk["kind"], round(lk["score"], 6), lk["reasons"]))
                       for lk in rows(conn, "SELECT kb_entity, a, b, kind, score, reasons FROM kb_links"))
        sources = rows(conn, "SELECT kb_event, document_id, event_id, type, status, start, \"end\", location, "
                             "location_entity, parent_event, name, ordinal, series_key, published, plover_code, "
                             "plover_mode, evidence_text, evidence FROM kb_event_sources")
        ev_key: dict[str, tuple] = {}
        for r in sources:
            ev_key.setdefault(r["kb_event"], []).append((r["document_id"], r["event_id"]))
        ev_key = {k: tuple(sorted(v)) for k, v in ev_key.items()}
        series = {r["id"]: r["name"] for r in rows(conn, "SELECT id, name FROM kb_series")}
        events = {}
        for e in rows(conn, "SELECT id, type, status, name, start, \"end\", date_from, date_to, location, ordinal, "
                            "series_id, parent, plover_code, plover_mode, conflict, sources FROM kb_events"):
            key = ev_key.get(e.pop("id"), ("no sources", e["name"]))
            e["location"] = ent_key.get(e["location"], e["location"])
            e["series_id"] = series.get(e["series_id"], e["series_id"])
            e["parent"] = ev_key.get(e["parent"], e["parent"])
            events[canon(key)] = canon(e)
        event_sources = sorted(canon({**r, "kb_event": ev_key.get(r["kb_event"]),
                                      "location": ent_key.get(r["location"], r["location"])}) for r in sources)
        participants = sorted(canon((ev_key.get(r["kb_event"]), ent_key.get(r["kb_entity"]), r["document_id"],
                                     r["entity_id"], r["role"], bool(r["inherited"])))
                              for r in rows(conn, "SELECT * FROM kb_event_participants"))
        conflicts = sorted(canon((ev_key.get(r["kb_event"]), r["field"], r["observed"]))
                           for r in rows(conn, "SELECT kb_event, field, observed FROM kb_conflicts"))
        series_keys = sorted(canon((series.get(r["series_id"]), r["key"]))
                             for r in rows(conn, "SELECT series_id, key FROM kb_series_keys"))
        linked = sorted(canon(r) for r in rows(conn, "SELECT document_id, content_hash, extractor_version FROM kb_linked"))
        vector_path = semantic.index_path_for(s.url)  # as the ingest names it (from the resolved URL)
    old = os.getcwd()
    os.chdir(cwd)  # a server database keeps its vectors under ./.communique
    try:
        index = semantic.VectorIndex(vector_path)
    finally:
        os.chdir(old)
    vectors = {doc_id: index.index.get(key) for key, doc_id in index.ids.items()}
    return {"documents": documents, "kb entities": entities, "kb members": member_rows, "kb links": links,
            "kb events": events, "kb event sources": event_sources, "kb participants": participants,
            "kb conflicts": conflicts, "kb series keys": series_keys, "kb linked": linked, "vectors": vectors}


def differences(clean: dict, other: dict) -> list[str]:
    import numpy as np

    out = []
    for part, want in clean.items():
        got = other[part]
        if part == "vectors":
            if set(want) != set(got):
                out.append(f"vectors: {len(set(want) - set(got))} missing, {len(set(got) - set(want))} extra")
            bad = [k for k in set(want) & set(got) if not np.allclose(want[k], got[k], atol=1e-4)]
            if bad:
                out.append(f"vectors: {len(bad)} differ")
        elif isinstance(want, dict):
            missing, extra = set(want) - set(got), set(got) - set(want)
            changed = [k for k in set(want) & set(got) if want[k] != got[k]]
            if missing or extra or changed:
                out.append(f"{part}: {len(missing)} missing, {len(extra)} extra, {len(changed)} differ "
                           f"(of {len(want)})")
        elif want != got:
            out.append(f"{part}: {len(set(want) - set(got))} missing, {len(set(got) - set(want))} extra "
                       f"(of {len(want)})")
    return out


class Backend:
    """Fresh stores of one kind, each removed after."""

    def __init__(self, kind: str, pg_url: str, work: Path):
        self.kind, self.pg_url, self.work = kind, pg_url, work
        self.schemas: list[str] = []

    def fresh(self, name: str) -> tuple[str, Path]:
        cwd = self.work / f"{self.kind}-{name}"
        shutil.rmtree(cwd, ignore_errors=True)
        cwd.mkdir(parents=True)
        if self.kind == "sqlite":
            return f"sqlite:///{cwd / 'store.db'}", cwd
        import psycopg

        schema = f"communique_kill_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.pg_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        self.schemas.append(schema)
        sep = "&" if "?" in self.pg_url else "?"
        return f"{self.pg_url}{sep}options=-csearch_path%3D{schema}", cwd

    def drop(self) -> None:
        if not self.schemas:
            return
        import psycopg

        with psycopg.connect(self.pg_url, autocommit=True, connect_timeout=5) as conn:
            for schema in self.schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        self.schemas.clear()


def stored_count(db_url: str) -> int:
    from communique.store import Store

    with Store.open(db_url) as s:
        return s.count("documents")


def trials_for(kind: str, args, folder: Path, work: Path, rng: random.Random) -> tuple[int, int]:
    backend = Backend(kind, args.pg_url, work)
    try:
        url, cwd = backend.fresh("clean")
        first, took = watched_run(folder, url, cwd)
        clean = snapshot(url, cwd)
        print(f"[{kind}] clean run: {len(clean['documents'])} documents, {len(clean['kb entities'])} kb entities, "
              f"{len(clean['kb events'])} kb events, {len(clean['kb links'])} links, {len(clean['vectors'])} vectors "
              f"in {took:.1f} s (the first stored at {first:.1f} s)", flush=True)
        equal = 0
        for trial in range(1, args.trials + 1):
            url, cwd = backend.fresh(f"trial{trial}")
            # the kill falls while documents are being stored: once the store holds a random number of them
            # (1 to all but one), after a random pause of up to 2 s (a batch stored, then indexed and linked)
            target, pause = rng.randint(1, len(clean["documents"]) - 1), rng.uniform(0.0, 2.0)
            t = time.monotonic()
            proc = subprocess.Popen(ingest_cmd(folder), env=env_for(url), cwd=cwd, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            reached = stored_reaching(proc, url, cwd, target, t)
            try:
                proc.wait(timeout=pause)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=60)
            delay = time.monotonic() - t
            killed = proc.returncode == -signal.SIGKILL
            at_kill = stored_count(url) if killed else len(clean["documents"])
            run_to_end(folder, url, cwd)
            diff = differences(clean, snapshot(url, cwd))
            equal += not diff
            what = (f"killed at {delay:.1f} s ({pause:.1f} s after {target} stored) with {at_kill} stored" if killed
                    else f"finished before {target} stored and {pause:.1f} s ({reached})")
            print(f"[{kind}] trial {trial:2d}: {what}; re-run: {'equal to the clean run' if not diff else 'MISMATCH'}",
                  flush=True)
            for line in diff:
                print(f"           {line}", flush=True)
            if not diff and not args.keep:
                shutil.rmtree(cwd, ignore_errors=True)
        return equal, args.trials
    finally:
        if not args.keep:
            backend.drop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--docs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    ap.add_argument("--pg-url", default=os.environ.get("COMMUNIQUE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test"))
    ap.add_argument("--keep", action="store_true", help="keep the stores (SQLite files, PostgreSQL schemas)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    results = {}
    with tempfile.TemporaryDirectory(prefix="kill-trials-") as tmp:
        work = Path(tmp)
        folder = work / "releases"
        folder.mkdir()
        for n in range(1, args.docs + 1):
            (folder / f"r{n:03d}.txt").write_text(release(n), encoding="utf-8")
        for kind in args.backend or ["sqlite", "postgresql"]:
            results[kind] = trials_for(kind, args, folder, work, rng)
    print("summary:")
    for kind, (equal, n) in results.items():
        print(f"  {kind}: {equal}/{n} killed-and-rerun ingests equal to the clean run "
              f"(documents, knowledge base, vector index)")
    return 0 if all(e == n for e, n in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
