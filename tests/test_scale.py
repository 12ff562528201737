"""Ray workers (communique.scale): the same documents and facts as one process, a worker killed with
kill -9 mid-batch costing nothing, re-extraction of older Records, and no Ray at all for one worker.

One local Ray (2 CPUs) serves the whole file and is shut down after it. Without Ray these tests are
skipped, except under CI (the variable CI set), where they fail.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest

from communique import jobs
from communique.model import Document
from communique.store import Store

CITIES = ["Минске", "Казани", "Бишкеке", "Ереване", "Душанбе", "Баку"]
NAMES = [("Ивана", "Ольховского"), ("Петра", "Заречного"), ("Семёна", "Луговского"), ("Марата", "Ясенева")]


def _ru(n: int) -> str:
    city = CITIES[n % len(CITIES)]
    first, last = NAMES[n % len(NAMES)]
    return (f"{1 + n % 27:02d}.04.2026\nВстреча министров по цифровой экономике № {n}\n"
            f"Вчера в {city} состоялась встреча министра связи {first} {last} с делегацией партнёров. "
            f"Стороны обсудили защиту персональных данных и электронную торговлю, вопрос {n * 37 % 101}. "
            f"По итогам встречи подписан меморандум о сотрудничестве в области кибербезопасности.\n")


def _en(n: int) -> str:
    return (f"Published: 2026-05-{1 + n % 27:02d}\nMinisters discuss digital trade, round {n}\n"
            f"GENEVA – Minister of Communications Jonas Feldberg met a delegation of partners today to "
            f"discuss data protection and cross-border e-commerce (item {n * 53 % 97}).\n")


def _documents(count: int) -> list[Document]:
    return [Document(id=f"doc-{n:03d}", text=_ru(n) if n % 3 else _en(n)) for n in range(count)]


def _facts(store: Store) -> dict[str, dict]:
    out = {}
    for record in store.iter_records():
        facts = record.to_facts()
        facts.pop("extractor", None)
        out[record.document.id] = facts
    return out


RAY_TESTS = "two_workers or killed or reextract_upgrades or doc_timeout"


@pytest.fixture(scope="module")
def ray(request):
    try:
        import ray
    except ImportError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Ray is not installed ({exc}); CI is set: the scale tests must run")
        pytest.skip("Ray is not installed (pip install -e '.[scale]')")
    if "usearch.compiled" in sys.modules:
        # Ray's C++ client aborts the process (std::regex_error) where usearch's native module is
        # loaded before it; earlier test files have loaded it, so the Ray tests of this file run in a
        # fresh process, and each passes here only if they all passed there.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(request.path),
                              "-k", RAY_TESTS], capture_output=True, text=True, env=env, timeout=600)
        if run.returncode != 0:  # 0: tests ran and passed (5 would be none collected)
            pytest.fail(f"the Ray tests failed in a fresh process:\n{run.stdout[-4000:]}\n{run.stderr[-2000:]}")
        yield None
        return
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def workers(ray):
    if ray is None:  # passed in a fresh process
        yield None
        return
    from communique.scale import Workers

    pool = Workers(2)
    yield pool
    pool.close()


@pytest.fixture
def chdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a server database keeps its vectors under ./.communique
    return tmp_path


def test_two_workers_store_the_same_documents_and_facts_as_one_process(workers, store, chdir):
    if workers is None:
        return  # run and passed in a fresh process (see the `ray` fixture)
    docs = _documents(10)
    docs.append(Document(id="copy-of-1", text=docs[1].text))  # an exact duplicate: judged in the driver
    one = Store.open(f"sqlite:///{chdir / 'one.db'}")
    try:
        alone = jobs.ingest_documents([Document(id=d.id, text=d.text) for d in docs], one)
        expected = _facts(one)
    finally:
        one.close()
    scaled = jobs.ingest_documents(docs, store, searcher=workers.searcher(store), extract_with=workers.extract)
    assert scaled.to_dict() == alone.to_dict()
    assert scaled.counts["new"] == 10 and scaled.counts["duplicate"] == 1
    assert _facts(store) == expected
    assert store.count("documents") == 10
    from communique.search import Searcher

    searcher = Searcher(store)  # the vectors made on the workers are in the index
    assert len(searcher.index) == 10
    assert searcher.search("кибербезопасность", mode="semantic", limit=3)


def test_a_failing_document_fails_alone_with_its_reason(chdir):
    from communique.scale import _Worker

    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("not picklable")

    def extract(doc):
        if doc.id == "bad":
            raise ValueError("no text to read")
        if doc.id == "odd":
            raise Unpicklable("odd")
        return extract_here(doc)

    from communique.extract.pipeline import extract_document as extract_here

    worker = _Worker.__new__(_Worker)  # the actor's body, here in the test's process
    worker.embed, worker.extract_document = True, extract
    docs = [*_documents(2), Document(id="bad", text="Текст."), Document(id="odd", text="Текст 2.")]
    results = worker.run(docs)
    assert [type(r).__name__ for r, _, _ in results] == ["Record", "Record", "ValueError", "RuntimeError"]
    assert str(results[3][0]) == "Unpicklable: odd"
    assert [v is not None for _, v, _ in results] == [True, True, False, False]
    from communique.store.fulltext import lemmatize

    # the full-text shadow is made by the worker, the same as the store would make it
    assert [lem for _, _, lem in results] == [lemmatize(r.document.title, r.document.text)
                                              for r, _, _ in results[:2]] + [None, None]

    def through_workers(sources):  # what Workers.extract yields, without Ray
        sources = list(sources)
        return zip(sources, [r for r, _, _ in worker.run([jobs.prepare(s) for s in sources])], strict=True)

    store = Store.open(f"sqlite:///{chdir / 'f.db'}")
    try:
        summary = jobs.ingest_documents(docs, store, extract_with=through_workers)
        assert summary.counts["new"] == 2 and summary.counts["failed"] == 2
        assert dict(summary.failures)["bad"] == "ValueError: no text to read"
        assert store.count("documents") == 2
    finally:
        store.close()


def test_a_worker_killed_mid_batch_costs_nothing(workers, chdir):
    if workers is None:
        return  # run and passed in a fresh process (see the `ray` fixture)
    store = Store.open(f"sqlite:///{chdir / 'k.db'}")
    try:
        victim = workers.pids()[0]
        docs = _documents(24)
        killed = threading.Event()

        def feed():
            for n, doc in enumerate(docs):
                if n == 12:  # batches are in flight on both workers by now
                    os.kill(victim, signal.SIGKILL)
                    killed.set()
                yield doc

        summary = jobs.ingest_documents(feed(), store, searcher=workers.searcher(store),
                                        extract_with=workers.extract)
        assert killed.is_set()
        assert victim not in workers.pids()  # it was killed, and Ray started another
        assert summary.counts["new"] == 24 and summary.counts["failed"] == 0
        assert store.count("documents") == 24
        assert sorted(r.document.id for r in store.iter_records()) == [d.id for d in docs]
        again = jobs.ingest_documents(_documents(24), store, searcher=workers.searcher(store),
                                      extract_with=workers.extract)
        assert again.counts["unchanged"] == 24 and store.count("documents") == 24
    finally:
        store.close()


def test_reextract_upgrades_older_records_on_the_workers_then_relinks(workers, store, chdir):
    if workers is None:
        return  # run and passed in a fresh process (see the `ray` fixture)
    from communique.extract.pipeline import extract_document
    from communique.scale import reextract, stale_ids

    docs = _documents(6)
    old = []
    for doc in docs:
        record = extract_document(doc)
        record.extractor.version = "0.0.1+old"
        record.events = []  # what an older extractor did not find
        old.append(record)
    store.put_many(old)
    assert stale_ids(store) == [d.id for d in docs]
    seen = []
    summary = reextract(store, workers, progress=lambda doc_id, outcome: seen.append((doc_id, outcome)))
    assert summary["upgraded"] == 6 and summary["failed"] == 0
    assert summary["relinked"]["documents"] == 6
    assert [doc_id for doc_id, _ in seen] == [d.id for d in docs]
    assert stale_ids(store) == []
    fresh = {d.id: extract_document(Document(id=d.id, text=d.text)).to_facts() for d in docs}
    stored = {r.document.id: r.to_facts() for r in store.iter_records()}
    assert {k: v["events"] for k, v in stored.items()} == {k: v["events"] for k, v in fresh.items()}
    assert any(v["events"] for v in stored.values())
    assert reextract(store, workers)["upgraded"] == 0  # nothing older is left


def test_a_document_past_the_doc_timeout_fails_on_a_ray_worker_and_the_job_goes_on(ray, chdir):
    """`ingest --workers N --doc-timeout S`: a slow document (100 KB of long sentences, many seconds of
    extraction) on a Ray worker with a 3 s limit comes back failed with its reason; the others are stored."""
    if ray is None:
        return  # run and passed in a fresh process (see the `ray` fixture)
    from communique.scale import Workers

    para = ("Вчера в Самарканде прошло заседание Комиссии по водным ресурсам с участием экспертов "
            "Петра Иванова и Марата Сейткали, а также представителей двенадцати ведомств. ")
    slow = Document(id="slow", text="01.04.2026\nЗаседание комиссии\n" + "\n\n".join([para * 5] * 190))
    docs = [*_documents(2), slow, *_documents(4)[2:]]
    store = Store.open(f"sqlite:///{chdir / 't.db'}")
    # no CPU of its own: the module's two workers may hold both
    pool = Workers(1, embed=False, num_cpus=0, doc_timeout=3)
    try:
        summary = jobs.ingest_documents(docs, store, extract_with=pool.extract)
        assert summary.counts["new"] == 4 and summary.counts["failed"] == 1, summary.to_dict()
        [(location, reason)] = summary.failures
        assert location == "slow"
        assert reason.startswith("ExtractionTimeout: extraction took longer than 3 s"), reason
        assert sorted(r.document.id for r in store.iter_records()) == [d.id for d in _documents(4)]
        # the documents after it were extracted by a fresh process, facts and all
        assert all(r.events for r in store.iter_records())
    finally:
        pool.close()
        store.close()


def test_one_worker_imports_no_ray(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(_ru(1), encoding="utf-8")
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom communique.cli.main import app\n"
            f"r = CliRunner().invoke(app, ['ingest', {str(folder)!r}, '--db', {str(tmp_path / 'w.db')!r}, '--json'])\n"
            "assert r.exit_code == 0, r.output\nassert '\"new\": 1' in r.output, r.output\n"
            "r = CliRunner().invoke(app, ['reextract', '--db', " + repr(str(tmp_path / 'w.db')) + ", '--json'])\n"
            "assert r.exit_code == 0, r.output\nassert '\"upgraded\": 0' in r.output, r.output\n"
            "print('ray' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_the_command_with_two_workers_stores_what_one_process_stores(tmp_path):
    """The whole command: Ray is started in a thread of its own (while the store opens), and its
    processes must outlive that thread (the kernel ends them with the thread that started them)."""
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Ray is not installed; CI is set: the scale tests must run")
        pytest.skip("Ray is not installed (pip install -e '.[scale]')")
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"d{n}.txt").write_text(_ru(n) if n % 3 else _en(n), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    env.pop("RAY_ADDRESS", None)
    facts = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        out = subprocess.run([sys.executable, "-m", "communique", "ingest", str(folder), "--db", str(db),
                              "--workers", str(workers), "--json"], capture_output=True, text=True, env=env,
                             cwd=tmp_path, timeout=300)
        assert out.returncode == 0, out.stderr[-3000:]
        assert '"new": 6' in out.stdout, out.stdout
        store = Store.open(f"sqlite:///{db}")
        try:
            facts[workers] = _facts(store)
        finally:
            store.close()
    assert len(facts[2]) == 6 and facts[2] == facts[1]


def test_the_progress_total_of_local_files_is_known_and_of_urls_not(tmp_path):
    from communique.cli.main import source_total as _total

    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert _total([str(tmp_path)], None) == 2
    assert _total([str(tmp_path), str(tmp_path / "a.txt")], None) == 3
    assert _total([str(tmp_path)], "*.html") == 1
    assert _total([str(tmp_path / "empty")], None) == 1
    assert _total([str(tmp_path), "https://ministry.example/rss"], None) is None


def test_vectors_of_documents_never_stored_are_not_kept_forever(monkeypatch):
    import collections

    import numpy as np

    from communique import scale
    from communique.extract.pipeline import extract_document
    from communique.ingest.sources import Source

    monkeypatch.setattr(scale, "KEEP_VECTORS", 2)
    pool = scale.Workers.__new__(scale.Workers)  # its bookkeeping only, no Ray
    pool.vectors = collections.OrderedDict()
    docs = _documents(4)
    pool.map = lambda documents: ((extract_document(d), np.full(3, i, dtype=np.float32), None)
                                  for i, d in enumerate(documents))
    out = list(pool.extract(Source(location=d.id, document=d) for d in docs))
    assert [s.location for s, _ in out] == [d.id for d in docs]
    assert list(pool.vectors) == ["doc-002", "doc-003"]
    assert pool.vectors["doc-003"][0] == 3
