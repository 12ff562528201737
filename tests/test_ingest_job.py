"""`communique ingest` and `communique search` end to end, on both backends (the `db_url` fixture)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from communique import jobs
from communique.search import Searcher
from communique.store import Store

RU_VISIT = """Минск, 14 мая 2026 г.
Министр связи Республики Армения посетил Беларусь
С 13 по 15 мая 2026 г. Министр высокотехнологической промышленности Республики Армения Арам Хачатрян находится с официальным визитом в Беларуси.
Вчера в Минске состоялись переговоры Арама Хачатряна с Министром связи и информатизации Республики Беларусь Петром Гордеевым.
По итогам переговоров стороны подписали Меморандум о сотрудничестве в области кибербезопасности.
"""

EN_FORUM = """Published: 2026-06-02
Astana hosts a forum on artificial intelligence in public administration
ASTANA – The Central Asian Forum on Artificial Intelligence in Public Administration opened today in Astana.
Deputy Minister Aigerim Bekova delivered a keynote address at the opening plenary.
The forum will close on June 3, 2026.
"""

RU_AI = """12.06.2026
Россия и Казахстан обсудили применение искусственного интеллекта в государственном управлении
Вчера в Москве состоялась встреча заместителя Министра цифрового развития Российской Федерации Ивана Лосева с делегацией Казахстана. Стороны обсудили применение технологий искусственного интеллекта в государственном управлении и цифровые услуги.
"""


def _release(n: int) -> str:
    return (f"{n:02d}.03.2026\nЗаседание рабочей группы номер {n}\n"
            f"Вчера в Ташкенте прошло {n}-е заседание Рабочей группы по цифровой экономике. "
            f"В работе группы приняли участие эксперты из {n + 2} стран. "
            f"Обсуждались вопросы электронной торговли и защиты данных, тема {n * 7919 % 1000}.\n")


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "visit.txt").write_text(RU_VISIT, encoding="utf-8")
    (d / "forum.md").write_text(EN_FORUM.replace("\nAstana hosts", "\n# Astana hosts"), encoding="utf-8")
    (d / "ai.txt").write_text(RU_AI, encoding="utf-8")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    (d / "empty.txt").write_bytes(b"")
    return d


@pytest.fixture
def opened(db_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a server database keeps its vectors under ./.communique
    store = Store.open(db_url)
    yield store
    store.close()


def test_ingest_stores_documents_keeps_failures_and_is_idempotent(opened, folder):
    summary = jobs.ingest([str(folder)], opened)
    assert summary.counts["new"] == 3
    assert summary.counts["failed"] == 2
    reasons = " ".join(r for _, r in summary.failures)
    assert "empty" in reasons and "pdf" in reasons.casefold()
    assert opened.count("documents") == 3
    assert {f["source"] for f in opened.failures()} == {str(folder / "broken.pdf"), str(folder / "empty.txt")}

    again = jobs.ingest([str(folder)], opened)
    assert again.counts["unchanged"] == 3 and again.counts["new"] == 0
    assert opened.count("documents") == 3


def test_retry_failed_clears_a_fixed_source(opened, folder):
    jobs.ingest([str(folder)], opened)
    (folder / "empty.txt").write_text(RU_AI.replace("Москве", "Казани"), encoding="utf-8")
    summary = jobs.retry_failed(opened)
    assert summary.counts["new"] == 1
    assert [f["source"] for f in opened.failures()] == [str(folder / "broken.pdf")]


def test_documents_are_written_in_batches_and_one_bad_record_fails_alone(opened, tmp_path, monkeypatch):
    d = tmp_path / "batch"
    d.mkdir()
    for i in range(1, 8):
        (d / f"r{i}.txt").write_text(_release(i), encoding="utf-8")
    batches: list[int] = []
    put_many, put = Store.put_many, Store.put

    def counting_put_many(self, records, **kw):
        batches.append(len(records))
        if any("номер 5" in r.document.text for r in records):
            raise RuntimeError("the database refused one row")
        return put_many(self, records, **kw)

    def refusing_put(self, record, **kw):
        if "номер 5" in record.document.text:
            raise RuntimeError("the database refused one row")
        return put(self, record, **kw)

    monkeypatch.setattr(jobs, "BATCH", 3)
    monkeypatch.setattr(jobs, "BATCH_SECONDS", 3600)
    monkeypatch.setattr(Store, "put_many", counting_put_many)
    monkeypatch.setattr(Store, "put", refusing_put)
    seen: list[str] = []
    summary = jobs.ingest([str(d)], opened, progress=lambda source, outcome: seen.append(outcome))
    assert batches == [3, 3, 1]  # r4..r6 failed as a batch, then went one by one
    assert summary.counts["new"] == 6 and summary.counts["failed"] == 1
    assert "refused" in summary.failures[0][1] and summary.failures[0][0].endswith("r5.txt")
    assert sorted(seen) == ["failed"] + ["new"] * 6
    assert opened.count("documents") == 6
    assert [f["source"] for f in opened.failures()] == [str(d / "r5.txt")]
    assert len(Searcher(opened).index) == 6  # every stored document was indexed


def test_a_document_whose_linking_fails_leaves_no_note_behind(opened, monkeypatch):
    """A near twin kept apart (a note on it) whose linking fails: reported failed, and its note gone."""
    from communique.extract.pipeline import extract_document
    from communique.ingest.dedup import Deduplicator
    from communique.ingest.sources import Source
    from communique.model import Document

    def refusing_link(store, doc_id):
        raise RuntimeError("the knowledge base refused it")

    record = extract_document(Document(id="twin-b", text=_release(4)))
    outcomes: list[tuple[str, object]] = []
    writer = jobs._Writer(opened, Searcher(opened), Deduplicator(),
                          lambda source, outcome, reason: outcomes.append((outcome, reason)))
    monkeypatch.setattr(jobs, "link_documents", lambda store, doc_ids: refusing_link(store, doc_ids[0]))
    monkeypatch.setattr(jobs, "link_document", refusing_link)
    writer.add(Source(location="twin-b.txt", document=record.document), record,
               {"document": "twin-b", "of": "twin-a", "facts": ["4"]})
    writer.flush()
    assert outcomes == [("failed", "RuntimeError: the knowledge base refused it")]
    assert writer.notes == {}
    assert opened.count("documents") == 1  # stored: linked by the next ingest


def test_a_batch_is_linked_in_one_transaction_and_one_document_that_fails_to_link_fails_alone(
        opened, tmp_path, monkeypatch):
    from communique.link import KnowledgeBase, kb

    d = tmp_path / "batch"
    d.mkdir()
    for i in range(1, 6):
        (d / f"r{i}.txt").write_text(_release(i), encoding="utf-8")
    calls: list[int] = []
    link_documents, load_records = kb.KnowledgeBase.link_documents, kb.load_records

    def counting(self, doc_ids):
        calls.append(len(doc_ids))
        return link_documents(self, doc_ids)

    def refusing(conn, doc_ids):
        records = load_records(conn, doc_ids)
        if any("номер 4" in record.document.text for record in records.values()):
            raise RuntimeError("the linker refused one document")
        return records

    monkeypatch.setattr(jobs, "BATCH", 5)
    monkeypatch.setattr(jobs, "BATCH_SECONDS", 3600)
    monkeypatch.setattr(kb.KnowledgeBase, "link_documents", counting)
    monkeypatch.setattr(kb, "load_records", refusing)
    summary = jobs.ingest([str(d)], opened)
    assert calls == [5, 1, 1, 1, 1, 1]  # the batch at once; refused as a whole, then each on its own
    assert summary.counts["new"] == 4 and summary.counts["failed"] == 1
    assert summary.failures[0][0].endswith("r4.txt") and "refused" in summary.failures[0][1]
    assert opened.count("documents") == 5  # stored all the same; linked on a later run
    linked = {m["document_id"] for m in KnowledgeBase(opened).members()}
    assert len(linked) == 4 and all(doc_id in stored_ids(opened) for doc_id in linked)


def stored_ids(store) -> set[str]:
    return {row["id"] for row in store.documents(limit=100)}


def test_near_duplicate_is_linked_not_stored_twice(opened, tmp_path):
    d = tmp_path / "dups"
    d.mkdir()
    (d / "a.txt").write_text(RU_VISIT, encoding="utf-8")
    (d / "b.txt").write_text("Агентство новостей «Вести региона»\n" + RU_VISIT + "\nПодписывайтесь на наш канал.\n",
                             encoding="utf-8")
    summary = jobs.ingest([str(d)], opened)
    assert summary.counts["new"] == 1 and summary.counts["duplicate"] == 1
    assert opened.count("documents") == 1


TEMPLATE = """{date_line}
Министр транспорта провёл встречу с делегацией
{day} в городе {city} министр транспорта Республики Корвения Лев Арсеньевич Гринберг провёл встречу с делегацией Республики Остравия во главе с министром Иржи Новаком. Стороны обсудили развитие железнодорожного сообщения, строительство логистических центров, тарифы на перевозку грузов и подготовку соглашения о международных автомобильных перевозках. По итогам встречи стороны договорились создать рабочую группу из {n} экспертов.
Особое внимание было уделено вопросам цифровизации транспортной отрасли, внедрению электронных накладных и единых стандартов обмена данными между таможенными службами двух стран. Министры отметили высокий потенциал сотрудничества в сфере транзитных перевозок и подчеркнули важность совместной работы над модернизацией пограничных пунктов пропуска. Стороны также обсудили вопросы подготовки кадров для транспортной отрасли, обмена опытом в области безопасности дорожного движения и развития пассажирского авиасообщения между столицами.
"""


def test_a_near_twin_with_other_facts_is_a_new_document_a_republication_another_source(opened, tmp_path):
    d = tmp_path / "template"
    d.mkdir()
    april = TEMPLATE.format(date_line="13.04.2026", day="13 апреля 2026 года", city="Лидсе", n=5)
    (d / "a.txt").write_text(april, encoding="utf-8")
    (d / "b.txt").write_text(TEMPLATE.format(date_line="14.10.2026", day="14 октября 2026 года", city="Лидсе", n=5),
                             encoding="utf-8")
    (d / "c.txt").write_text("Новости региона, 14 апреля 2026\n" + april + "\nПодписывайтесь на наш канал.\n",
                             encoding="utf-8")
    summary = jobs.ingest([str(d)], opened)
    assert summary.counts["new"] == 2 and summary.counts["duplicate"] == 1
    assert opened.count("documents") == 2
    (kept,) = summary.near_but_new
    assert kept["source"].endswith("b.txt") and "14" in kept["facts"]
    (dup,) = summary.duplicates
    first = next(doc["id"] for doc in opened.documents() if doc["url"].endswith("a.txt"))
    assert dup["source"].endswith("c.txt") and dup["of"] == first and dup["kind"] == "near"
    assert any("c.txt: near duplicate of " + first in line for line in summary.lines())
    (alt,) = opened.alternate_sources(first)
    assert alt["url"].endswith("c.txt") and alt["kind"] == "near"
    from communique.service import Service

    assert [a["url"] for a in Service(opened).document(first)["alternate_sources"]] == [alt["url"]]
    from communique.link import KnowledgeBase

    starts = {e["start"] for e in KnowledgeBase(opened).timeline(event_type="MEETING")}
    assert {"2026-04-13", "2026-10-14"} <= starts


def test_a_later_ingest_judges_duplicates_by_kept_signatures_not_texts(opened, tmp_path, monkeypatch):
    d = tmp_path / "first"
    d.mkdir()
    (d / "a.txt").write_text(RU_VISIT, encoding="utf-8")
    (d / "b.txt").write_text(RU_AI, encoding="utf-8")
    jobs.ingest([str(d)], opened)
    assert len(list(opened.iter_signatures())) == 2
    assert all(text is None and minhash for _, _, _, minhash, text in opened.iter_signatures())
    texts_read: list[str] = []
    add = jobs.Deduplicator.add
    monkeypatch.setattr(jobs.Deduplicator, "add", lambda self, doc_id, text: (texts_read.append(doc_id),
                                                                             add(self, doc_id, text))[1])
    later = tmp_path / "later"
    later.mkdir()
    (later / "c.txt").write_text("Агентство «Вести региона»\n" + RU_VISIT + "\nПодписывайтесь.\n", encoding="utf-8")
    summary = jobs.ingest([str(later)], opened)
    assert summary.counts["duplicate"] == 1 and opened.count("documents") == 2
    assert texts_read == []  # the stored documents came back from their signatures
    # a document whose text changed since its signature was kept is read again
    (d / "b.txt").write_text(RU_AI.replace("Москве", "Казани"), encoding="utf-8")
    jobs.ingest([str(d)], opened)
    assert opened.count("documents") == 2
    current = {doc_id: text for doc_id, _, _, _, text in opened.iter_signatures()}
    assert len(current) == 2 and all(text is None for text in current.values())


def test_search_morphology_semantics_and_filters(opened, folder):
    jobs.ingest([str(folder)], opened)
    searcher = Searcher(opened)
    # full text with morphology: the query's words in other forms
    hits = searcher.search("визит министра", mode="text")
    assert hits and "визит" in hits[0].snippet.casefold() and "[[" in hits[0].snippet
    assert "Армения" in (hits[0].title or "")
    # a Russian query finds the English document on the same subject
    sem = searcher.search("форум по искусственному интеллекту в Астане", mode="semantic", limit=3)
    assert sem and sem[0].title and "Astana" in sem[0].title
    # filters
    visits = searcher.search("переговоры", filters={"event_type": "VISIT"})
    assert [h.title for h in visits] and all("Армения" in (h.title or "") for h in visits)
    english = searcher.search("artificial intelligence", filters={"language": "en"})
    assert english and all(h.id == english[0].id for h in english)
    assert any("visit" in f for f in visits[0].facts)  # key facts of the document come with the hit


def test_search_command_prints_json_hits(db_url, folder, tmp_path):
    env = {**os.environ, "COMMUNIQUE_DB": db_url}
    run = [sys.executable, "-m", "communique.cli"]
    res = subprocess.run(run + ["ingest", str(folder), "--json"], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=600)
    summary = json.loads(res.stdout)
    assert summary["new"] == 3
    # the folder holds a broken PDF and an empty file: the sources that failed make the exit status 1
    assert res.returncode == (0 if summary["status"] == "ok" else 1), res.stderr
    res = subprocess.run(run + ["search", "переговоры в Минске", "--json"], capture_output=True, text=True,
                         env=env, cwd=tmp_path, timeout=600)
    assert res.returncode == 0, res.stderr
    hits = json.loads(res.stdout)
    assert hits and {"id", "url", "title", "score", "snippet"} <= set(hits[0])


def _linked(store: Store) -> dict[str, int]:
    """Each document the knowledge base holds a member entity or an event source of, and how many rows."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT document_id FROM kb_members UNION ALL SELECT document_id FROM kb_event_sources"))
        found: dict[str, int] = {}
        for (doc_id,) in rows:
            found[doc_id] = found.get(doc_id, 0) + 1
        return found


def test_a_killed_ingest_loses_nothing_and_duplicates_nothing(db_url, tmp_path):
    """A real SIGKILL after a batch was stored and before all of it was linked, then a re-run: every
    document stored once, in the full-text and vector indexes and in the knowledge base."""
    d = tmp_path / "batch"
    d.mkdir()
    n = 40
    for i in range(1, n + 1):
        (d / f"r{i:02d}.txt").write_text(_release(i), encoding="utf-8")
    env = {**os.environ, "COMMUNIQUE_DB": db_url}
    cmd = [sys.executable, "-m", "communique.cli", "ingest", str(d), "--json"]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = linked = 0
    deadline = time.monotonic() + 300
    try:
        with Store.open(db_url) as s:
            while time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.02)
                stored, linked = s.count("documents"), len(_linked(s))
                if stored >= 3 and linked < stored:
                    break
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 3 <= stored < n or linked < stored

    res = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["failed"] == 0
    with Store.open(db_url) as s:
        assert s.count("documents") == n
        ids = [d["id"] for d in s.documents(limit=1000)]
        assert len(ids) == len(set(ids)) == n
        # in the full-text index
        assert {doc_id for doc_id, _ in s.rank_text("рабочая группа", limit=1000)} == set(ids)
        # in the vector index, including those stored before the kill
        os.chdir(tmp_path)
        searcher = Searcher(s)
        assert len(searcher.index) == n
        assert all(i in searcher.index for i in ids)
        # linked into the knowledge base, each of its entities and events once
        rows = _linked(s)
        assert set(rows) == set(ids)
        records = [s.get_record(i) for i in ids]
        assert sum(rows.values()) == sum(len(r.entities) + len(r.events) for r in records)


def test_two_ingests_into_one_sqlite_file_at_once_keep_every_document_in_the_vector_index(tmp_path):
    """Two real `communique ingest` processes into one SQLite file at the same time: each saves the
    vector index beside it, and neither save drops the other's documents."""
    db_url = f"sqlite:///{tmp_path / 'shared.db'}"
    folders = []
    for part, numbers in (("one", range(1, 21)), ("two", range(21, 41))):
        d = tmp_path / part
        d.mkdir()
        for i in numbers:
            (d / f"r{i:02d}.txt").write_text(_release(i), encoding="utf-8")
        folders.append(d)
    env = {**os.environ, "COMMUNIQUE_DB": db_url}
    procs = [subprocess.Popen([sys.executable, "-m", "communique.cli", "ingest", str(d), "--json"], env=env,
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in folders]
    outs = [proc.communicate(timeout=600) for proc in procs]
    for proc, (out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
        assert json.loads(out)["new"] == 20
    with Store.open(db_url) as s:
        ids = {d["id"] for d in s.documents(limit=1000)}
        assert len(ids) == 40
        searcher = Searcher(s)
        assert set(searcher.index.ids.values()) == ids
        found = searcher.search("заседание рабочей группы по цифровой экономике", mode="semantic", limit=40)
        assert {h.id for h in found} == ids


def test_a_document_past_the_time_limit_is_abandoned_as_failed_and_the_job_goes_on(tmp_path, monkeypatch):
    """A real slow document (100 KB of long sentences: many seconds of extraction) against a 3 s limit,
    through the worker process that the command line uses."""
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(_release(1), encoding="utf-8")
    para = ("Вчера в Самарканде прошло заседание Комиссии по водным ресурсам с участием экспертов "
            "Петра Иванова и Марата Сейткали, а также представителей двенадцати ведомств. ")
    (d / "b_slow.txt").write_text("01.04.2026\nЗаседание комиссии\n" + "\n\n".join([para * 5] * 190), encoding="utf-8")
    (d / "c.txt").write_text(_release(2), encoding="utf-8")
    (d / "d.txt").write_text(_release(3), encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'kb.db'}") as store:
        summary = jobs.ingest([str(d)], store, jobs.IngestOptions(doc_timeout=3))
        assert summary.counts["new"] == 3 and summary.counts["failed"] == 1, summary.to_dict()
        [(location, reason)] = summary.failures
        assert location.endswith("b_slow.txt")
        assert reason.startswith("ExtractionTimeout: extraction took longer than 3 s"), reason
        # nothing of it is stored, half or whole; its failure is kept to retry
        assert store.count("documents") == 3
        assert all("Самарканд" not in (doc["title"] or "") for doc in store.documents())
        assert [f["source"] for f in store.failures()] == [location]
        # the documents after it were extracted by a fresh worker, facts and all
        assert all(store.get_record(doc["id"]).events for doc in store.documents())
