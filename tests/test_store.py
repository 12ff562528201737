"""The store, on both backends (the `store` fixture runs each test on SQLite and on PostgreSQL)."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import func, select

from communique.model import (
    Agreement,
    Document,
    Entity,
    Event,
    Evidence,
    Extractor,
    Mention,
    Participant,
    Plover,
    Record,
    Role,
    Topic,
)
from communique.store import PutResult, Store, StoreError, period_bounds, resolve_url
from communique.store.repository import replaces
from communique.store.schema import AgreementRow, DocumentRow, EventRow

D = DocumentRow.__table__

# -- building Records by hand ------------------------------------------------------------------

VISIT_TEXT = ("Визитом Министра иностранных дел Республики Беларусь Максима Рыженкова в Ташкент открылась "
              "неделя переговоров. 27 апреля 2026 года Максим Рыженков и Бахтиёр Саидов подписали "
              "Протокол о сотрудничестве между министерствами.")


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _evidence(text: str, part: str) -> Evidence:
    return Evidence(*_span(text, part), part)


def full_record(doc_id: str = "visit-1", *, version: str = "1.0.0", text: str = VISIT_TEXT,
                url: str | None = "https://mfa.example/visit-1") -> Record:
    """A Record with every kind of fact, built from the model classes."""
    s1 = text.split(". ")[0] + "."
    s2 = text[len(s1) + 1:]
    ev1, ev2 = _evidence(text, s1), _evidence(text, s2)
    mentions = [Mention(*_span(text, "Максима Рыженкова"), "PER", "Максима Рыженкова", "p1"),
                Mention(*_span(text, "Ташкент"), "LOC", "Ташкент", "l1"),
                Mention(*_span(text, "Бахтиёр Саидов"), "PER", "Бахтиёр Саидов", "p2")]
    return Record(
        document=Document(id=doc_id, text=text, url=url, title="Визит в Ташкент", published="2026-04-27",
                          language="ru", source="mfa.example", fetched="2026-04-28T10:00:00Z"),
        extractor=Extractor(version=version, language="ru", steps=["ner", "events", "agreements"],
                            skipped=["topics-en"], resources={"countries": "3"}),
        mentions=mentions,
        entities=[
            Entity("p1", "PER", "Максим Рыженков", aliases=["Рыженков", "Максима Рыженкова"],
                   roles=[Role("Министр иностранных дел", organization="o1", country="BY", evidence=ev1)],
                   kind="person"),
            Entity("p2", "PER", "Бахтиёр Саидов", aliases=["Саидов"], kind="person"),
            Entity("o1", "ORG", "Министерство иностранных дел Республики Беларусь", aliases=["МИД Беларуси"],
                   kind="organization", iso="BY"),
            Entity("l1", "LOC", "Ташкент", kind="city", iso="UZ", gazetteer_id="city:tashkent"),
        ],
        events=[
            Event("e1", "VISIT", "occurred", ev1, start="2026-04-27", location="l1",
                  participants=[Participant("p1"), Participant("p2", "host")],
                  plover=Plover("CONSULT", "visit"), trigger="Визитом", confidence=0.9),
            Event("e2", "SIGNING", "occurred", ev2, start="2026-04-27", end="2026-04-28", parent="e1",
                  participants=[Participant("p1", "party"), Participant("p2", "party")], ordinal=1,
                  series="by-uz", name="Подписание протокола"),
        ],
        agreements=[Agreement("a1", "protocol", "Протокол о сотрудничестве", ev2, parties=["p1", "p2"],
                              signed="2026-04-27", event="e2")],
        topics=[Topic("foreign-policy", "Внешняя политика", 0.75, evidence=[ev1])],
    )


def simple_record(doc_id: str, text: str, *, version: str = "1.0.0", url: str | None = None,
                  published: str | None = None, language: str = "ru", title: str | None = None,
                  source: str | None = None, entities: list[Entity] | None = None,
                  events: list[Event] | None = None, topics: list[Topic] | None = None) -> Record:
    return Record(document=Document(id=doc_id, text=text, url=url, title=title, published=published,
                                    language=language, source=source),
                  extractor=Extractor(version=version, language=language),
                  entities=entities or [], events=events or [], topics=topics or [])


def _event(text: str, event_id: str = "e1", type_: str = "MEETING", start: str | None = None,
           participants: tuple[str, ...] = ()) -> Event:
    return Event(event_id, type_, "occurred", Evidence(0, len(text), text), start=start,
                 participants=[Participant(p) for p in participants])


def _counts(store: Store) -> dict[str, int]:
    return {what: store.count(what) for what in
            ("documents", "duplicates", "events", "entities", "mentions", "roles", "participants",
             "agreements", "topics", "failures", "versions")}


# -- round trip --------------------------------------------------------------------------------

def test_a_record_round_trips_with_its_provenance(store):
    rec = full_record()
    result = store.put(rec, etag='"abc"', last_modified="Tue, 28 Apr 2026 10:00:00 GMT")
    assert result == PutResult("visit-1", "new", rec.document.content_hash)

    again = store.get_record("visit-1")
    assert again == rec
    assert again.extractor.version == "1.0.0"
    assert store.get_document("visit-1") == rec.document
    assert store.find_by_hash(rec.document.content_hash) == "visit-1"
    assert store.find_by_url("https://mfa.example/visit-1") == {
        "id": "visit-1", "hash": rec.document.content_hash, "etag": '"abc"',
        "last_modified": "Tue, 28 Apr 2026 10:00:00 GMT", "fetched": "2026-04-28T10:00:00Z",
        "extractor_version": "1.0.0", "duplicate_of": None, "duplicate_kind": None}
    assert _counts(store) == {"documents": 1, "duplicates": 0, "events": 2, "entities": 4, "mentions": 3,
                              "roles": 1, "participants": 4, "agreements": 1, "topics": 1, "failures": 0,
                              "versions": 0}
    [listed] = store.documents()
    assert listed["id"] == "visit-1" and listed["hash"] == rec.document.content_hash
    assert listed["extractor_version"] == "1.0.0" and listed["fetched"] == "2026-04-28T10:00:00Z"


def test_unknown_ids_give_none(store):
    assert store.get_record("nope") is None
    assert store.get_document("nope") is None
    assert store.find_by_hash("0" * 64) is None
    assert store.find_by_url("https://nowhere.example/") is None
    with pytest.raises(ValueError):
        store.count("unicorns")


def test_the_normalized_tables_hold_the_facts(store):
    store.put(full_record())
    with store.engine.connect() as conn:
        t = EventRow.__table__
        rows = conn.execute(select(t.c.event_id, t.c.type, t.c.date_from, t.c.date_to, t.c.plover_code)
                            .order_by(t.c.event_id)).all()
    assert [tuple(r) for r in rows] == [("e1", "VISIT", "2026-04-27", "2026-04-27", "CONSULT"),
                                        ("e2", "SIGNING", "2026-04-27", "2026-04-28", None)]


def test_put_fetched_and_source_override_the_document(store):
    rec = full_record()
    store.put(rec, fetched="2026-05-01T00:00:00Z", source="feed:mfa")
    doc = store.get_document("visit-1")
    assert doc.fetched == "2026-05-01T00:00:00Z" and doc.source == "feed:mfa"
    assert rec.document.fetched == "2026-04-28T10:00:00Z"  # the caller's Record is left alone


# -- idempotence, upgrades, new versions -------------------------------------------------------

def test_putting_the_same_record_twice_is_idempotent(store):
    rec = full_record()
    assert store.put(rec).status == "new"
    before = _counts(store)
    second = store.put(rec, fetched="2026-04-29T08:00:00Z", etag='"v2"')
    assert second.status == "unchanged"
    assert _counts(store) == before
    assert len(store.documents()) == 1
    known = store.find_by_url(rec.document.url)
    assert known["fetched"] == "2026-04-29T08:00:00Z" and known["etag"] == '"v2"'  # fetch refreshed
    assert store.get_document(rec.document.id).fetched == "2026-04-29T08:00:00Z"
    assert store.get_record(rec.document.id).events == rec.events


def test_a_newer_extractor_upgrades_the_record(store):
    old = full_record(version="1.0.0")
    old.events = old.events[:1]
    old.agreements = []
    store.put(old)
    assert store.count("events") == 1

    new = full_record(version="1.1.0")
    result = store.put(new)
    assert result.status == "upgraded" and result.replaced is None
    assert store.get_record("visit-1") == new
    assert store.count("events") == 2 and store.count("agreements") == 1
    assert store.count("documents") == 1 and store.count("versions") == 1

    # an older (or the same) extractor never downgrades
    assert store.put(old).status == "unchanged"
    assert store.put(new).status == "unchanged"
    assert store.get_record("visit-1").extractor.version == "1.1.0"
    assert store.count("events") == 2


@pytest.mark.parametrize(("new", "stored", "expected"), [
    ("1.1.0", "1.0.0", True), ("1.0.0", "1.1.0", False), ("1.0.0", "1.0.0", False),
    ("0.10.0", "0.9.0", True), ("1.0", "1.0.0", True), ("0.1.0+def", "0.1.0+abc", True),
    ("2.0.0", None, True), ("0.1.0", "0.2.0+abc", False),
])
def test_which_extractor_version_replaces_which(new, stored, expected):
    assert replaces(new, stored) is expected


def test_new_content_at_the_same_url_replaces_the_old_version(store):
    url = "https://gov.example/news/1"
    first = simple_record("n1-v1", "Первая редакция сообщения о встрече.", url=url,
                          events=[_event("встрече")])
    second = simple_record("n1-v2", "Исправленная редакция сообщения о переговорах.", url=url)
    store.put(first)
    result = store.put(second)
    assert result.status == "upgraded" and result.replaced == first.document.content_hash
    assert store.get_record("n1-v1") is None
    assert store.get_record("n1-v2") == second
    assert store.find_by_url(url)["id"] == "n1-v2"
    assert store.find_by_hash(first.document.content_hash) is None
    assert store.count("documents") == 1 and store.count("events") == 0 and store.count("versions") == 1
    assert store.search_text("первая редакция") == []
    assert [h["id"] for h in store.search_text("исправленная редакция")] == ["n1-v2"]


def test_new_content_under_the_same_id_replaces_the_old_version(store):
    first = simple_record("n2", "Старый текст о визите.", events=[_event("визите", type_="VISIT")])
    second = simple_record("n2", "Новый текст о форуме.")
    store.put(first)
    assert store.put(second).status == "upgraded"
    assert store.get_record("n2") == second
    assert store.count("events") == 0 and store.count("documents") == 1
    assert store.find_by_hash(first.document.content_hash) is None


def test_the_same_text_under_another_id_is_a_duplicate_not_stored_twice(store):
    a = full_record("a", url="https://one.example/a")
    b = full_record("b", url="https://two.example/b")
    assert store.put(a).status == "new"
    before = _counts(store)
    result = store.put(b)
    assert (result.status, result.duplicate_of) == ("duplicate", "a")
    assert store.put(b).status == "duplicate"  # and again: idempotent
    after = _counts(store)
    assert after.pop("duplicates") == 1 and before.pop("duplicates") == 0
    assert after == before
    assert store.get_record("b") is None
    known = store.find_by_url("https://two.example/b")
    assert known["id"] == "b" and known["duplicate_of"] == "a" and known["duplicate_kind"] == "exact"
    assert known["hash"] == a.document.content_hash
    assert [h["id"] for h in store.search_text("протокол")] == ["a"]


def test_a_near_duplicate_is_linked(store):
    store.put(full_record("a"))
    store.link_duplicate("c", "a", "near", url="https://three.example/c", content_hash="f" * 64)
    known = store.find_by_url("https://three.example/c")
    assert known["id"] == "c" and known["duplicate_of"] == "a" and known["duplicate_kind"] == "near"
    assert known["hash"] == "f" * 64
    assert store.find_by_hash("f" * 64) == "c"
    assert store.count("documents") == 1 and store.count("duplicates") == 1
    assert store.get_record("c") is None

    # a stored document can be linked too: it keeps its facts but leaves search results by default
    store.put(simple_record("d", "Почти тот же протокол о сотрудничестве."))
    store.link_duplicate("d", "a", "near")
    assert store.get_record("d") is not None
    assert [h["id"] for h in store.search_text("протокол")] == ["a"]
    assert sorted(h["id"] for h in store.search_text("протокол", filters={"duplicates": True})) == ["a", "d"]

    with pytest.raises(ValueError):
        store.link_duplicate("c", "a", "similar")
    with pytest.raises(StoreError):
        store.link_duplicate("e", "missing", "near")


# -- failures ----------------------------------------------------------------------------------

def test_failures_are_upserted_counted_and_cleared(store):
    assert store.record_failure("https://gov.example/broken", "HTTP 500") == 1
    assert store.record_failure("https://gov.example/broken", "timeout") == 2
    store.record_failure("/data/bad.pdf", "not a PDF")
    fails = {f["source"]: f for f in store.failures()}
    assert set(fails) == {"https://gov.example/broken", "/data/bad.pdf"}
    broken = fails["https://gov.example/broken"]
    assert broken["attempts"] == 2 and broken["reason"] == "timeout"
    assert broken["first_failed"] <= broken["last_failed"]
    assert store.count("failures") == 2

    assert store.clear_failure("/data/bad.pdf") is True
    assert store.clear_failure("/data/bad.pdf") is False
    assert [f["source"] for f in store.failures()] == ["https://gov.example/broken"]

    # a successful put of the failed URL clears its failure
    store.put(simple_record("ok", "Текст наконец загружен.", url="https://gov.example/broken"))
    assert store.failures() == []


# -- crash safety ------------------------------------------------------------------------------

def test_a_put_that_fails_half_way_leaves_nothing(store, monkeypatch):
    seen = {}

    insert_rows = Store._insert_rows

    def explode(conn, table, rows):
        if table is not AgreementRow:
            return insert_rows(conn, table, rows)
        seen["events"] = conn.execute(select(func.count()).select_from(EventRow.__table__)).scalar_one()
        raise RuntimeError("crash after the events were written")

    monkeypatch.setattr(Store, "_insert_rows", staticmethod(explode))
    rec = full_record()
    with pytest.raises(RuntimeError, match="crash"):
        store.put(rec)
    assert seen["events"] == 2  # the events were written inside the transaction before the crash
    assert _counts(store) == dict.fromkeys(_counts(store), 0)
    assert store.get_record("visit-1") is None
    assert store.find_by_hash(rec.document.content_hash) is None
    assert store.search_text("визит министра") == []

    monkeypatch.undo()
    assert store.put(rec).status == "new"  # the store is usable, and the retry is not a duplicate
    assert store.count("events") == 2


def test_a_failed_upgrade_keeps_the_old_record(store, monkeypatch):
    old = full_record(version="1.0.0")
    store.put(old)
    before = _counts(store)

    insert_rows = Store._insert_rows

    def explode(conn, table, rows):
        if table is AgreementRow:
            raise RuntimeError("crash")
        return insert_rows(conn, table, rows)

    monkeypatch.setattr(Store, "_insert_rows", staticmethod(explode))
    with pytest.raises(RuntimeError):
        store.put(full_record(version="2.0.0"))
    assert store.get_record("visit-1") == old
    assert _counts(store) == before


def test_concurrent_puts_of_the_same_documents_store_each_once(db_url):
    records = [simple_record(f"c{i}", f"Сообщение номер {i} о встрече делегаций.", url=f"https://c.example/{i}",
                             events=[_event("встрече")]) for i in range(6)]
    Store.open(db_url).close()  # migrate once up front
    statuses: list[str] = []
    errors: list[BaseException] = []

    def worker():
        try:
            with Store.open(db_url) as s:
                statuses.extend(s.put(r).status for r in records)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(statuses).count("new") == 6 and statuses.count("unchanged") == 12
    with Store.open(db_url) as s:
        assert s.count("documents") == 6 and s.count("events") == 6


# -- full-text search --------------------------------------------------------------------------

def _search_corpus(store: Store) -> None:
    store.put(simple_record("ru-visit", "Состоялись переговоры в Минске. Визитом Министра иностранных дел "
                            "открылась неделя белорусско-узбекских консультаций.", title="Переговоры в Минске",
                            url="https://gov.example/ru-visit"))
    store.put(simple_record("ru-farm", "Совещание по вопросам сельского хозяйства прошло в Гродно. "
                            "Обсуждались урожай и посевная кампания.", title="Совещание"))
    store.put(simple_record("en-visit", "The Foreign Minister visited Tashkent. Talks covered trade and "
                            "transport corridors.", language="en", title="Visit to Tashkent"))


def test_search_finds_inflected_russian_words(store):
    _search_corpus(store)
    hits = store.search_text("визит министра")
    assert [h["id"] for h in hits] == ["ru-visit"]
    hit = hits[0]
    assert hit["url"] == "https://gov.example/ru-visit" and hit["title"] == "Переговоры в Минске"
    assert hit["snippet"] == ("[[Визитом Министра]] иностранных дел открылась неделя "
                              "белорусско-узбекских консультаций.")
    assert isinstance(hit["score"], float)
    assert [h["id"] for h in store.search_text("министрами")] == ["ru-visit"]
    assert [h["id"] for h in store.search_text("урожаем Гродно")] == ["ru-farm"]


def test_search_uses_lemmas_where_stemming_cannot(store):
    # "людей" has the lemma "человек": no stemmer joins them, the lemmatized shadow column does
    store.put(simple_record("crowd", "На форум приехало много людей. Делегации шли к залу."))
    hits = store.search_text("человек")
    assert [h["id"] for h in hits] == ["crowd"]
    assert hits[0]["snippet"] == "На форум приехало много [[людей]]."
    assert [h["id"] for h in store.search_text("идти")] == ["crowd"]


def test_search_finds_english_word_forms(store):
    _search_corpus(store)
    hits = store.search_text("visit tashkent")
    assert [h["id"] for h in hits] == ["en-visit"]
    assert "[[visited Tashkent]]" in hits[0]["snippet"]


def test_search_needs_every_word_and_survives_odd_queries(store):
    _search_corpus(store)
    assert store.search_text("визит урожай") == []
    assert store.search_text("слово-которого-нет") == []
    assert store.search_text("") == []
    for odd in ['"визит', "визит AND OR NOT (", "министр*", "министр:", "'; DROP TABLE documents; --"]:
        assert isinstance(store.search_text(odd), list)
    assert store.count("documents") == 3


def test_search_ranks_the_better_match_first(store):
    store.put(simple_record("once", "Переговоры прошли в Минске. Стороны обсудили торговлю, транспорт, "
                            "энергетику, образование, здравоохранение, культуру и спорт."))
    store.put(simple_record("often", "Переговоры о торговле. Торговля выросла, торговлю обсудили."))
    assert [h["id"] for h in store.search_text("торговля")] == ["often", "once"]
    assert [h["id"] for h in store.search_text("торговля", limit=1)] == ["often"]


def test_ranking_reads_no_text_and_snippets_come_for_the_shown_hits(store):
    _search_corpus(store)
    ranked = store.rank_text("визит министра")
    assert [doc_id for doc_id, _ in ranked] == ["ru-visit"] and isinstance(ranked[0][1], float)
    assert store.search_text("визит министра")[0]["score"] == ranked[0][1]
    docs = store.snippets(["ru-visit", "en-visit", "no-such-document"])
    assert set(docs) == {"ru-visit", "en-visit"}
    assert docs["en-visit"]["title"] == "Visit to Tashkent" and docs["en-visit"]["text"].startswith("The Foreign")


def test_main_events_come_from_the_fact_tables_in_record_order(store):
    minsk = Entity("l1", "LOC", "Минск", kind="city", iso="BY")
    people = [Entity(f"p{i}", "PER", name, kind="person")
              for i, name in enumerate(["Александр Лукашенко", "Шавкат Мирзиёев", "Ли Цян", "Никол Пашинян"], 1)]
    text = "Переговоры в Минске. Подписание протокола. Пленарное заседание."
    talks = _event("Переговоры в Минске.", "e1", "MEETING", start="2026-04-27", participants=("p1", "p2", "p3", "p4"))
    talks.location, talks.end = "l1", "2026-04-28"
    signing = _event("Подписание протокола.", "e2", "SIGNING", start="2026-04-28", participants=("p1", "p9"))
    plenary = _event("Пленарное заседание.", "e3", "SESSION")
    plenary.parent = "e1"  # a sub-event is not a main event
    forum = _event("Форум.", "e4", "FORUM")
    forum.name, forum.status = "Цифровой форум", "planned"
    store.put(simple_record("d1", text, entities=[minsk, *people], events=[talks, signing, plenary, forum]))
    store.put(simple_record("d2", "Без событий."))
    found = store.main_events(["d1", "d2", "unknown"])
    assert set(found) == {"d1"}
    assert [e["type"] for e in found["d1"]] == ["MEETING", "SIGNING", "FORUM"]
    first = found["d1"][0]
    assert first["location"] == "Минск" and (first["start"], first["end"]) == ("2026-04-27", "2026-04-28")
    assert first["participants"] == ["Александр Лукашенко", "Шавкат Мирзиёев", "Ли Цян"]  # the first three
    assert found["d1"][1]["participants"] == ["Александр Лукашенко"]  # an unknown entity id is left out
    assert found["d1"][2]["name"] == "Цифровой форум" and found["d1"][2]["status"] == "planned"
    assert [e["type"] for e in store.main_events(["d1"], n=1)["d1"]] == ["MEETING"]
    assert store.main_events([]) == {}


def test_snippet_is_the_sentence_with_most_query_words_marked():
    from communique.store.fulltext import query_lemmas, snippet

    text = ("Министр прибыл в Бишкек. Министры обсудили цифровую повестку!\n"
            "Визит министра завершился подписанием протокола… Пресс-служба.")
    assert snippet(text, query_lemmas("визит министра")) == "[[Визит министра]] завершился подписанием протокола…"
    assert snippet(text, query_lemmas("цифровой")) == "Министры обсудили [[цифровую]] повестку!"
    assert snippet(text, query_lemmas("урожай")) == "Министр прибыл в Бишкек."  # no hit: the first sentence
    assert snippet("", ["визит"], "Заголовок") == "Заголовок"
    long = "Слово " * 100 + "визит министра " + "слово " * 100 + "."
    clipped = snippet(long, query_lemmas("визит"))
    assert clipped.startswith("…") and clipped.endswith("…") and "[[визит]]" in clipped and len(clipped) < 340


# -- filters -----------------------------------------------------------------------------------

def _filter_corpus(store: Store) -> None:
    lukashenko = Entity("p1", "PER", "Александр Лукашенко", aliases=["Лукашенко"], kind="person")
    mirziyoyev = Entity("p2", "PER", "Шавкат Мирзиёев", aliases=["Мирзиёев"], kind="person",
                        roles=[Role("Президент", country="UZ")])
    cis = Entity("o1", "ORG", "Содружество Независимых Государств", aliases=["СНГ"], kind="organization")
    minsk = Entity("l1", "LOC", "Минск", kind="city", iso="BY")
    china = Entity("l2", "LOC", "Китай", kind="country", iso="CN")
    store.put(simple_record(
        "d-minsk", "Переговоры президентов в Минске.", published="2026-04-27", source="president.by",
        entities=[lukashenko, mirziyoyev, minsk],
        events=[_event("Переговоры", type_="MEETING", start="2026-04-27", participants=("p1", "p2"))],
        topics=[Topic("foreign-policy", "Внешняя политика", 0.9)]))
    store.put(simple_record(
        "d-cis", "Переговоры глав государств СНГ о планах на следующий год.", published="2026-01-15",
        source="cis.int", entities=[cis, lukashenko],
        events=[_event("Переговоры", type_="SESSION", start="2026-10")],
        topics=[Topic("economy", "Экономика", 0.5)]))
    store.put(simple_record(
        "d-china", "Переговоры с Китаем о торговле.", published="2025-11-03", source="mfa.gov.by",
        entities=[china], events=[_event("Переговоры", type_="VISIT", start="2025-11")]))
    store.put(simple_record("d-en", "Negotiations (переговоры) in English.", language="en", published="2026-02"))


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, {"d-minsk", "d-cis", "d-china", "d-en"}),
    ({"period": "2026-04"}, {"d-minsk"}),
    ({"period": "2026-10"}, {"d-cis"}),  # by the event's start, not the publication date
    ({"period": ("2026-02-10", "2026-03")}, {"d-en"}),  # a month-precise date overlaps
    ({"period": "2025"}, {"d-china"}),
    ({"period": "2026-01..2026-04"}, {"d-minsk", "d-cis", "d-en"}),
    ({"period": (None, "2025-12")}, {"d-china"}),
    ({"event_type": "MEETING"}, {"d-minsk"}),
    ({"event_type": ["session", "VISIT"]}, {"d-cis", "d-china"}),
    ({"person": "Лукашенко"}, {"d-minsk", "d-cis"}),
    ({"person": "шавкат"}, {"d-minsk"}),
    ({"person": "Сидоров"}, set()),
    ({"organization": "СНГ"}, {"d-cis"}),
    ({"organization": "Лукашенко"}, set()),  # a person is not an organization
    ({"country": "BY"}, {"d-minsk"}),
    ({"country": "uz"}, {"d-minsk"}),  # from a role's country
    ({"country": "Китай"}, {"d-china"}),
    ({"country": ["CN", "BY"]}, {"d-minsk", "d-china"}),
    ({"topic": "economy"}, {"d-cis"}),
    ({"topic": "Внешняя политика"}, {"d-minsk"}),
    ({"language": "en"}, {"d-en"}),
    ({"source": "cis.int"}, {"d-cis"}),
    ({"person": "Лукашенко", "period": "2026-04"}, {"d-minsk"}),
    ({"person": "Лукашенко", "language": "en"}, set()),
])
def test_search_filters(store, filters, expected):
    _filter_corpus(store)
    assert {h["id"] for h in store.search_text("переговоры", filters=filters)} == expected


def test_optimize_refreshes_statistics_and_filters_still_hold(store):
    store.put_many([simple_record(f"d{i}", f"Переговоры номер {i}.", published="2026-01-01") for i in range(300)])
    store.optimize()
    store.optimize()  # again: refreshes, never fails
    candidates = [f"d{i}" for i in range(0, 300, 10)]  # 30, as a search asks for
    assert store.filter_ids(candidates + ["nope"], {"language": "ru", "period": "2026"}) == candidates


def _filter_plan(store: Store, ids: list[str], filters: dict) -> str:
    stmt = select(D.c.id).where(D.c.id.in_(ids), D.c.record_json.is_not(None), *store._conditions(filters))
    with store._read() as conn:
        sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
        return " ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))


def test_with_statistics_sqlite_looks_candidates_up_by_id(tmp_path):
    # without them SQLite read every 'ru' document through the language index to filter 30 candidates
    with Store.open(f"sqlite:///{tmp_path / 'plan.db'}") as store:
        store.put_many([simple_record(f"d{i}", f"Переговоры номер {i}.") for i in range(300)])
        candidates = [f"d{i}" for i in range(0, 300, 10)]
        assert "language" in _filter_plan(store, candidates, {"language": "ru"})
        store.optimize()
        plan = _filter_plan(store, candidates, {"language": "ru"})
        assert "language" not in plan and "(id=?)" in plan, plan


def test_filters_without_a_query_list_the_newest_first(store):
    _filter_corpus(store)
    hits = store.search_text("", filters={"person": "Лукашенко"})
    assert [h["id"] for h in hits] == ["d-minsk", "d-cis"]


def test_bad_filters_are_refused(store):
    with pytest.raises(ValueError):
        store.search_text("переговоры", filters={"colour": "red"})
    with pytest.raises(ValueError):
        store.search_text("переговоры", filters={"period": "April 2026"})


def test_period_bounds():
    assert period_bounds("2026") == ("2026-01-01", "2026-12-31")
    assert period_bounds("2026-02") == ("2026-02-01", "2026-02-28")
    assert period_bounds("2026-01-05/2026-03") == ("2026-01-05", "2026-03-31")
    assert period_bounds(("2026-04", None)) == ("2026-04-01", "9999-12-31")


# -- listing -----------------------------------------------------------------------------------

def test_documents_and_iter_records_page_through_everything(store):
    recs = [simple_record(f"doc{i:02d}", f"Сообщение номер {i}.") for i in range(7)]
    for r in recs:
        store.put(r)
    assert [d["id"] for d in store.documents(limit=3, offset=2)] == ["doc02", "doc03", "doc04"]
    assert list(store.iter_records(batch=3)) == recs
    assert store.delete_document("doc03") is True and store.delete_document("doc03") is False
    assert store.count("documents") == 6


# -- database selection and SQLite settings ----------------------------------------------------

def test_resolve_url(monkeypatch, tmp_path):
    monkeypatch.delenv("COMMUNIQUE_DB", raising=False)
    assert resolve_url(None) == "sqlite:///communique.db"
    assert resolve_url("") == "sqlite:///communique.db"
    monkeypatch.setenv("COMMUNIQUE_DB", "postgresql://u:p@db.example:5432/news")
    assert resolve_url(None) == "postgresql+psycopg://u:p@db.example:5432/news"
    assert resolve_url("other.db") == "sqlite:///other.db"  # --db wins over the variable
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path}/x.db"
    assert resolve_url("postgres://localhost/db") == "postgresql+psycopg://localhost/db"
    assert resolve_url("postgresql+psycopg://localhost/db") == "postgresql+psycopg://localhost/db"
    assert resolve_url("sqlite:////var/lib/c.db") == "sqlite:////var/lib/c.db"
    assert resolve_url(":memory:") == "sqlite://"
    with pytest.raises(ValueError):
        resolve_url("mysql://localhost/db")


def test_the_default_database_is_a_file_in_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("COMMUNIQUE_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    with Store.open() as s:
        s.put(simple_record("x", "Текст."))
    assert (tmp_path / "communique.db").is_file()
    monkeypatch.setenv("COMMUNIQUE_DB", str(tmp_path / "sub" / "env.db"))
    with Store.open() as s:
        assert s.count() == 0
    assert (tmp_path / "sub" / "env.db").is_file()
    with Store.open(str(tmp_path / "communique.db")) as s:  # and it persists
        assert s.get_record("x") is not None


def test_sqlite_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    path = tmp_path / "wal.db"
    with Store.open(str(path)) as s:
        s.put(simple_record("x", "Текст."))
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_the_schema_matches_the_models_and_migrations_are_idempotent(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from communique.store.fulltext import include_object
    from communique.store.repository import alembic_config, schema_revision
    from communique.store.schema import metadata

    with Store.open(db_url) as s:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert schema_revision(s.engine) == head
        with s.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"include_object": include_object,
                                                         "compare_type": True})
            assert compare_metadata(ctx, metadata) == []
    with Store.open(db_url) as s:  # opening again migrates nothing and keeps the data
        assert schema_revision(s.engine) == head


def test_a_shadow_text_made_elsewhere_is_taken_once_and_few_are_kept(monkeypatch):
    from communique.store import fulltext

    text = "Министры связи встретились в Минске."
    fulltext.give_lemmas("Встреча", text, "made by a worker")
    assert fulltext.document_lemmas("Встреча", text) == "made by a worker"
    assert fulltext.document_lemmas("Встреча", text) == fulltext.lemmatize("Встреча", text) == \
        "встреча министр связь встретиться в минск"
    monkeypatch.setattr(fulltext, "KEEP_GIVEN", 2)
    for n in range(3):
        fulltext.give_lemmas(None, f"текст {n}", f"given {n}")
    assert [fulltext.document_lemmas(None, f"текст {n}") for n in range(3)] == ["текст 0", "given 1", "given 2"]
