"""The knowledge base: entity resolution, event deduplication, series, manual merges and splits,
queries and the commands, on both backends.

The main corpus is tests/fixtures/kb/: twelve press releases written for these tests (fictional
people; Russian and English; a ministry, a news agency, a secretariat and a foreign ministry
reporting overlapping events, one of them with another date; two different Ivanovs; a numbered
series of ministerial meetings over five years; a person who changes post), run through the real
extraction pipeline.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path

import pytest

from communique.link import KnowledgeBase, translit
from communique.link.kb import KbError
from communique.link.resolve import parse_person, person_profile, score
from communique.model import Document, Entity, Event, Evidence, Extractor, Participant, Record, Role

CORPUS = Path(__file__).parent / "fixtures" / "kb"


# -- the corpus ---------------------------------------------------------------------------------------

def read_fixture(path: Path) -> Document:
    head, text = path.read_text(encoding="utf-8").split("---\n", 1)
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    return Document(id=meta["id"], text=text, url=meta.get("url"), published=meta.get("published"),
                    language=meta.get("language"), source=meta.get("source"))


def _extract(doc: Document) -> Record:
    from communique.extract.pipeline import extract_document

    record = extract_document(doc)
    if "events" not in record.extractor.steps:  # a language the pipeline does not route yet
        from communique.extract.english import EnglishPipeline

        record = EnglishPipeline()(doc)
    return record


@functools.cache
def corpus_records() -> tuple[Record, ...]:
    return tuple(_extract(read_fixture(p)) for p in sorted(CORPUS.glob("*.txt")))


def build_kb(store, records=None) -> KnowledgeBase:
    """Store the records one by one, linking each right after it is stored (as ingest does)."""
    kb = KnowledgeBase(store)
    for record in records or corpus_records():
        store.put(record)
        kb.link_document(record.document.id)
    return kb


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request, tmp_path_factory):
    """The corpus's knowledge base, built once per backend for the tests that only read it."""
    yield from shared_store(request, tmp_path_factory, lambda store: build_kb(store))


def shared_store(request, tmp_path_factory, build):
    """A module-wide store of one backend (an SQLite file, or a PostgreSQL schema of its own)."""
    import os
    import uuid

    from communique.store import Store
    from conftest import PG_URL, _pg_connect

    if request.param == "sqlite":
        store = Store.open(str(tmp_path_factory.mktemp("kb") / "kb.db"))
        try:
            yield build(store)
        finally:
            store.close()
        return
    problem = request.getfixturevalue("_pg_problem")
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    schema = f"communique_test_{uuid.uuid4().hex[:12]}"
    with _pg_connect() as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    store = Store.open(f"{PG_URL}{sep}options=-csearch_path%3D{schema}")
    try:
        yield build(store)
    finally:
        store.close()
        with _pg_connect() as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _person(kb, name):
    hits = kb.find(name, "PER")
    assert hits, name
    return hits[0]


def _astana(kb):
    events = [e for e in kb.timeline(person="Жаксыбеков", event_type="MEETING")]
    assert len(events) == 1
    return events[0]


# -- transliteration and names ------------------------------------------------------------------------

def test_transliteration_systems_both_ways():
    assert translit.to_latin("Артём Кожевников", "icao") == "Artem Kozhevnikov"
    assert translit.to_latin("Артём Кожевников", "bgn") == "Artëm Kozhevnikov"
    assert translit.to_latin("Артём Кожевников", "bgn", simple=True) == "Artyom Kozhevnikov"
    assert translit.to_latin("Щукин Юрий", "scholarly") == "Ščukin Jurij"
    assert translit.to_latin("Цветков Щукин", "gost") == "Czvetkov Shhukin"
    assert translit.to_latin("Юлия", "icao") == "Iuliia"
    assert translit.to_cyrillic("Maksut Shadaev") == "Максут Шадаев"
    assert translit.to_cyrillic("Dmitriy Vasilyev") == "Дмитрий Васильев"
    for spellings in (["Шадаев", "Shadaev", "Shadayev"], ["Артём", "Artyom", "Artem", "Artiom", "Artëm"],
                      ["Дмитрий", "Dmitriy", "Dmitrii", "Dmitrij", "Dmitry"], ["Юлия", "Yuliya", "Iuliia", "Julija"],
                      ["Амангельдиев", "Amangeldiev", "Amangel'diyev"], ["Хуснуллин", "Khusnullin", "Husnullin"]):
        assert len({translit.key(s) for s in spellings}) == 1, spellings
    assert translit.key("Иванов") != translit.key("Иванова")
    assert translit.stem("информационный") == translit.stem("information")


@pytest.mark.parametrize("written, first, surname, fi, pi", [
    ("М.И. Шадаев", None, "Шадаев", "m", "i"),
    ("Шадаев М.И.", None, "Шадаев", "m", "i"),
    ("Максут Шадаев", "Максут", "Шадаев", None, None),
    ("Шадаев Максут Игоревич", "Максут", "Шадаев", None, None),
    ("Maksut Shadaev", "Maksut", "Shadaev", None, None),
    ("SHADAEV Maksut", "Maksut", "SHADAEV", None, None),
    ("Шадаев", None, "Шадаев", None, None),
])
def test_person_names_parse_in_any_order(written, first, surname, fi, pi):
    p = parse_person(written)
    assert (p.first, p.surname, p.first_initial, p.patronymic_initial) == (first, surname, fi, pi)


def test_one_person_across_forms_and_scripts_two_people_apart():
    ctx = dataclasses.make_dataclass("C", [("kb_of", dict, dataclasses.field(default_factory=dict))])()
    forms = ["М.И. Шадаев", "Шадаев М.И.", "Максут Шадаев", "Maksut Shadaev", "Шадаев Максут Игоревич"]
    profiles = [person_profile(f, [], [], ctx) for f in forms]
    for a in profiles:
        for b in profiles:
            assert score(a, b).ok, (a, b)
    ru = person_profile("Иван Петрович Иванов", [], [Role("министр", country="RU")], ctx)
    by = person_profile("Иван Петрович Иванов", [], [Role("министр", country="BY")], ctx)
    other = person_profile("Олег Иванов", [], [], ctx)
    initials = person_profile("П.С. Иванов", [], [], ctx)
    assert "countries of their titles differ: RU vs BY" in score(ru, by).conflicts
    assert any("first names differ" in c for c in score(ru, other).conflicts)
    assert any("first initials differ" in c for c in score(ru, initials).conflicts)
    energy = person_profile("Иванов", [], [Role("заместитель министра энергетики", country="RU")], ctx)
    envoy = person_profile("Иванов", [], [Role("посол", country="RU")], ctx)
    assert "titles differ and no first name identifies them" in score(energy, envoy).conflicts
    moved = person_profile("Иван Иванов", [], [Role("посол", country="RU")], ctx)
    assert score(ru, moved).ok  # a named person may change posts


# -- the knowledge base from the corpus --------------------------------------------------------------

def test_corpus_is_real_extraction_over_sources_and_languages():
    records = corpus_records()
    assert len(records) >= 10
    assert {r.document.language for r in records} == {"ru", "en"}
    assert len({r.document.source for r in records}) >= 5
    assert all(r.events for r in records)


def test_one_person_with_aliases_in_both_scripts_and_roles_over_time(kb):
    from communique.service import Service

    hit = _person(kb, "Кожевников")
    ent = next(e for e in kb.entities("PER") if e["id"] == hit["id"])
    aliases = set(ent["aliases"])
    assert {"Артём Сергеевич Кожевников", "А.С. Кожевников", "Artem Kozhevnikov", "Artyom Kozhevnikov"} <= aliases
    assert ent["names"]["ru"] == "Артём Кожевников" and ent["names"]["en"] in ("Artyom Kozhevnikov",
                                                                              "Artem Kozhevnikov")
    for spelling in ("Artem Kozhevnikov", "Кожевников А.С.", "Артём Кожевников", "Kozhevnikov"):
        assert kb.find(spelling, "PER")[0]["id"] == hit["id"], spelling
    # every title, with the period it is attested in: deputy minister first, then minister
    roles = kb.roles(hit["id"])
    ru_roles = [r for r in roles if translit.is_cyrillic(r["title"])]
    deputy = next(r for r in ru_roles if r["title"].startswith("заместитель"))
    minister = next(r for r in ru_roles if r["title"].startswith("Министр"))
    assert (deputy["from"], deputy["to"]) == ("2019-06-14", "2023-09-22")
    assert minister["from"] == "2024-11-20" and minister["to"] >= "2025-05-14"
    assert deputy["organization"]["id"] == minister["organization"]["id"]
    assert roles.index(deputy) < roles.index(minister)
    # the profile every page, command and API call shows reads the same knowledge base
    prof = Service(kb.store).entity(hit["id"], events_limit=0)
    assert {c["name"] for c in prof["co_participants"]} >= {"Нурлан Жаксыбеков", "Дмитрий Иванов"}
    assert sorted(d["id"] for d in prof["documents"]) == ["kb-01", "kb-02", "kb-03", "kb-04", "kb-05", "kb-06",
                                                          "kb-09"]


def test_two_ivanovs_stay_apart_and_a_bare_surname_finds_its_own(kb):
    oleg, dmitry = _person(kb, "Олег Иванов"), _person(kb, "Дмитрий Иванов")
    assert oleg["id"] != dmitry["id"]
    assert oleg["iso"] == "RU" and dmitry["iso"] == "BY"
    assert {"Д.В. Иванов", "Иванов"} <= set(dmitry["aliases"])
    why = kb.why_merged("Олег Иванов", "Д.В. Иванов")
    assert why["merged"] is False
    assert any("first names differ" in c for c in why["conflicts"])
    assert any("countries" in c for c in why["conflicts"])


def test_organizations_and_places_meet_across_acronym_name_and_language(kb):
    sco = kb.find("SCO", "ORG")[0]
    assert kb.find("ШОС", "ORG")[0]["id"] == sco["id"]
    assert kb.find("Shanghai Cooperation Organisation", "ORG")[0]["id"] == sco["id"]
    assert sco["gazetteer_id"] == "sco" and sco["members"] == 3
    ministry = kb.find("Минцифры России", "ORG")[0]
    assert ministry["name"].startswith("Министерство цифрового развития") and ministry["members"] >= 4
    russia = kb.find("Russia", "LOC")[0]
    assert kb.find("Россия", "LOC")[0]["id"] == russia["id"]
    assert russia["iso"] == "RU" and russia["names"]["en"] == "Russia" and russia["names"]["ru"] == "Россия"
    astana = kb.find("Astana", "LOC")[0]
    assert astana["id"] == kb.find("Астана", "LOC")[0]["id"] and astana["iso"] == "KZ"
    karamay = kb.find("Karamay", "LOC")[0]
    assert karamay["iso"] == "CN"


def test_one_meeting_three_sources_and_a_conflicting_date_kept(kb):
    ev = _astana(kb)
    assert {s["document_id"] for s in ev["sources"]} == {"kb-04", "kb-05", "kb-06"}
    assert len({s["source"] for s in ev["sources"]}) == 3
    assert ev["start"] == "2025-05-14"  # two reports against one
    assert ev["conflict"] is True
    (date,) = [c for c in ev["conflicts"] if c["field"] == "date"]
    observed = {o["value"]: {s["document_id"] for s in o["sources"]} for o in date["observed"]}
    assert observed == {"2025-05-14": {"kb-04", "kb-05"}, "2025-05-15": {"kb-06"}}
    # nothing overwritten: the report that said the 15th still says so
    assert next(s for s in ev["sources"] if s["document_id"] == "kb-06")["start"] == "2025-05-15"
    assert {p["name"] for p in ev["participants"]} >= {"Артём Кожевников", "Нурлан Жаксыбеков"}
    assert ev["location"]["name"] == "Астана"
    # the signing during the talks stays an event of its own, part of the meeting
    signing = kb.timeline(person="Кожевников", event_type="SIGNING", period="2025")
    assert len(signing) == 1 and signing[0]["parent"] == ev["id"]


def test_series_in_order_across_languages(kb):
    series = kb.series()
    ict = next(s for s in series if 3 in [e["ordinal"] for e in s["events"]])
    assert [e["ordinal"] for e in ict["events"]] == [3, 4, 5]
    assert [e["start"] for e in ict["events"]] == ["2019-06-13", "2021-08-25", "2023-09-21"]
    assert [e["location"]["iso"] for e in ict["events"]] == ["KZ", "CN", "KG"]
    assert ict["consistent"]
    assert any(translit.is_latin(k) for k in ict["keys"]) and any(translit.is_cyrillic(k) for k in ict["keys"])
    assert any(ev.get("rule") == "similar name" for ev in ict["evidence"])
    commission = next(s for s in series if 20 in [e["ordinal"] for e in s["events"]])
    assert [e["ordinal"] for e in commission["events"]] == [20, 21]
    assert [e["location"]["name"] for e in commission["events"]] == ["Бишкек", "Москва"]
    assert {s["language"] for s in commission["events"][1]["sources"]} == {"ru", "en"}
    assert kb.series("совещание министров ИКТ")["id"] == ict["id"]


def test_timeline_filters_and_graph(kb):
    assert [e["start"] for e in kb.timeline(person="Kozhevnikov", period="2025")] == ["2025-05-14", "2025-05-14"]
    assert all(e["type"] == "SIGNING" for e in kb.timeline(event_type="signing"))
    by_country = kb.timeline(country="KZ")
    assert {e["location"]["name"] for e in by_country if e["location"]} >= {"Астана", "Алматы"}
    series = kb.timeline(series="совещание министров ИКТ")
    assert [e["ordinal"] for e in series] == [3, 4, 5]
    assert kb.timeline(topic="no-such-topic") == []
    dates = [e["start"] for e in kb.timeline() if e["start"]]
    assert dates == sorted(dates)
    g = kb.graph()
    koz, zh = _person(kb, "Кожевников")["id"], _person(kb, "Жаксыбеков")["id"]
    edge = next(e for e in g["edges"] if {e["source"], e["target"]} == {koz, zh})
    # two kb events together, and parties to the agreement signed at one of them
    assert edge["weight"] == 3 and len(edge["events"]) == 2 and len(edge["agreements"]) == 1
    assert edge["kinds"] == ["agreement", "event"]
    assert all(n["type"] in ("PER", "ORG") for n in g["nodes"])


def test_every_merge_is_explained(kb):
    why = kb.why_merged("Artyom Kozhevnikov", "А.С. Кожевников")
    assert why["merged"] and why["complete"] and why["path"]
    assert why["path"][0]["from"]["name"] == "Artyom Kozhevnikov"
    assert why["path"][-1]["to"]["name"] in ("А.С. Кожевников", "Артём Кожевников")
    reasons = [r for step in why["path"] for r in step["reasons"]]
    assert any("transliteration" in r for r in reasons)
    genitive = kb.why_merged("Кожевникова", "Артём Кожевников")
    assert genitive["merged"]
    assert any("another case" in r for step in genitive["path"] for r in step["reasons"])


def test_incremental_and_full_linking_agree(store):
    kb = build_kb(store)
    before = kb.stats()
    ids = {(e["type"], e["name"]): e["id"] for e in kb.entities()}
    events = {(e["start"], e["type"], e["location"]["id"] if e["location"] else None, len(e["sources"]))
              for e in kb.timeline()}
    summary = kb.relink()
    assert summary["documents"] == len(corpus_records())
    assert kb.stats() == before
    assert {(e["type"], e["name"]): e["id"] for e in kb.entities()} == ids  # ids are stable
    assert {(e["start"], e["type"], e["location"]["id"] if e["location"] else None, len(e["sources"]))
            for e in kb.timeline()} == events


def test_a_batch_linked_in_one_transaction_is_what_one_at_a_time_gives(store):
    """Linking a whole batch at once (its rows kept back and written a table at a time, the new
    documents' old links not looked for one by one) gives the knowledge base that linking each
    document right after it is stored gives; a document twice in a batch is linked again, not twice."""
    from sqlalchemy import delete

    from communique.store.kb_tables import DERIVED_TABLES

    def snapshot(kb):
        return (kb.stats(), sorted((e["id"], e["type"], e["name"], e["members"]) for e in kb.entities()),
                sorted((m["document_id"], m["entity_id"], m["kb_entity"], m["name"]) for m in kb.members()),
                sorted((e["id"], e["type"], e["start"], len(e["sources"])) for e in kb.timeline()))

    kb = build_kb(store)
    one_at_a_time = snapshot(kb)
    with store.engine.begin() as conn:
        for table in DERIVED_TABLES:
            conn.execute(delete(table))
    ids = [r.document.id for r in corpus_records()]
    results = kb.link_documents(ids)
    assert [r["document"] for r in results] == ids
    assert snapshot(kb) == one_at_a_time
    with store.engine.begin() as conn:
        for table in DERIVED_TABLES:
            conn.execute(delete(table))
    kb.link_documents([ids[0], ids[1], ids[0]])  # new to the knowledge base, the first twice
    members = kb.members()
    assert {m["document_id"] for m in members} == {ids[0], ids[1]}
    assert len({(m["document_id"], m["entity_id"]) for m in members}) == len(members)


def test_manual_split_and_merge_survive_relink_and_reextraction(store):
    kb = build_kb(store)
    koz = _person(kb, "Кожевников")["id"]
    result = kb.split(koz, ["Кожевникова"], who="analyst", why="the agency's Кожевникова is someone else")
    assert result["moved"] == 1 and result["new"] != koz
    ru_commission = kb.find("Межправительственная российско-киргизская комиссия по торгово-экономическому "
                            "сотрудничеству", "ORG")[0]["id"]
    en_commission = kb.find("Intergovernmental Commission on Trade and Economic Cooperation", "ORG")[0]["id"]
    assert ru_commission != en_commission
    kb.merge(ru_commission, en_commission, who="analyst", why="the same commission in English")

    def check():
        why = kb.why_merged("Кожевникова", "Артём Кожевников")
        assert why["merged"] is False
        assert why["kept_apart_by"]["who"] == "analyst" and why["kept_apart_by"]["action"] == "split"
        assert "Кожевникова" not in _person(kb, "Артём Кожевников")["aliases"]
        merged = kb.why_merged("Intergovernmental Commission on Trade and Economic Cooperation",
                               "Межправительственная российско-киргизская комиссия по торгово-экономическому "
                               "сотрудничеству")
        assert merged["merged"] is True
        assert any(step["rule"] == "manual" and step["audit"]["why"] == "the same commission in English"
                   for step in merged["path"])

    check()
    kb.relink()
    check()
    # re-extraction: a new extractor version replaces the record; the hook links it again
    record = next(r for r in corpus_records() if r.document.id == "kb-05")
    newer = dataclasses.replace(record, extractor=dataclasses.replace(record.extractor, version="99.0"))
    assert store.put(newer).status == "upgraded"
    kb.link_document("kb-05")
    check()
    # a later document that mentions the split-off name keeps to the decision too
    kb.link_document("kb-05")
    check()
    assert [a["action"] for a in kb.audit_log()] == ["split", "merge"]


def test_manual_decisions_need_who_and_why_and_real_entities(kb):
    with pytest.raises(KbError):
        kb.merge("Кожевников", "Жаксыбеков", who="", why="x")
    with pytest.raises(KbError):
        kb.merge("Кожевников", "Russia", who="a", why="b")
    with pytest.raises(KbError):
        kb.split("Кожевников", ["Nobody Atall"], who="a", why="b")
    with pytest.raises(KbError):
        kb.roles("Zzyzx Qwerty")


# -- exact control: hand-built records ----------------------------------------------------------------

def _ev(text="."):
    return Evidence(0, len(text), text)


def _record(doc_id, published, lang, persons, text="x", source="src"):
    entities, participants = [], []
    for i, (name, country) in enumerate(persons, 1):
        roles = [Role("министр" if lang == "ru" else "Minister", country=country)] if country else []
        entities.append(Entity(id=f"p{i}", type="PER", name=name, roles=roles, kind="person"))
        participants.append(Participant(f"p{i}"))
    event = Event(id="e1", type="MEETING", status="occurred", evidence=_ev(text), start=published,
                  participants=participants)
    doc = Document(id=doc_id, text=f"{doc_id} {text}", published=published, language=lang, source=source)
    return Record(document=doc, extractor=Extractor(version="test"), entities=entities, events=[event])


def test_hand_built_namesakes_initials_and_ambiguity(store):
    kb = build_kb(store, [
        _record("h1", "2024-01-10", "ru", [("Иван Петрович Иванов", "RU")]),
        _record("h2", "2024-02-10", "en", [("I. P. Ivanov", "RU")]),
        _record("h3", "2024-03-10", "en", [("Ivan Ivanov", "BY")]),
        _record("h4", "2024-04-10", "ru", [("Пётр Иванов", None)]),
        _record("h5", "2024-05-10", "ru", [("Иванов", None)]),
    ])
    ivan_ru = kb.find("Иван Петрович Иванов", "PER")[0]
    assert set(ivan_ru["aliases"]) == {"Иван Петрович Иванов", "I. P. Ivanov"}
    persons = kb.entities("PER")
    assert len(persons) == 4  # Ivan (RU, with I. P.), Ivan (BY), Pyotr, and the bare "Иванов" kept apart
    bare = next(m for m in kb.members() if m["name"] == "Иванов")
    assert bare["evidence"]["rule"] == "ambiguous"


def test_linking_a_document_reads_only_what_its_keys_point_at(tmp_path):
    """Incremental linking does not scan the store: linking one more document costs the same number
    of statements whether the knowledge base holds 12 documents or 36."""
    from sqlalchemy import event

    from communique.store import Store

    def clone(record, n):
        doc = dataclasses.replace(record.document, id=f"{record.document.id}-c{n}",
                                  text=f"{record.document.text}\n[{n}]", url=None)
        return dataclasses.replace(record, document=doc)

    counts = []
    for copies in (1, 3):
        with Store.open(str(tmp_path / f"s{copies}.db")) as store:
            build_kb(store, [clone(r, n) for n in range(copies) for r in corpus_records()])
            probe = clone(corpus_records()[3], 99)
            store.put(probe)
            seen: list[str] = []

            def listener(conn, cursor, statement, *rest, seen=seen):
                seen.append(statement)

            event.listen(store.engine, "before_cursor_execute", listener)
            KnowledgeBase(store).link_document(probe.document.id)
            event.remove(store.engine, "before_cursor_execute", listener)
            assert not any("FROM documents" in s and "WHERE documents.pk >" in s for s in seen)
            counts.append(len(seen))
    assert counts[1] <= counts[0] * 1.2 + 5


# -- the commands -------------------------------------------------------------------------------------

def test_commands_end_to_end(tmp_path):
    import typer
    from typer.testing import CliRunner

    from communique.cli.kb import register
    from communique.store import Store

    db = str(tmp_path / "cli.db")
    with Store.open(db) as store:
        build_kb(store)
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def _noop() -> None:  # a second command keeps Typer from collapsing the app into one command
        pass

    run = CliRunner().invoke

    def js(*args):
        result = run(app, [*args, "--db", db, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    prof = js("entity", "Artyom Kozhevnikov")
    assert prof["names_by_language"]["ru"] == "Артём Кожевников" and prof["roles"]
    assert prof == js("entity", "Кожевников А.С.")
    timeline = js("timeline", "--person", "Кожевников", "--period", "2025")["events"]
    assert [e["start"] for e in timeline] == ["2025-05-14"] * 2
    assert len(js("timeline", "--country", "KG", "--type", "MEETING")["events"]) >= 2
    assert len(js("series")) == 2
    assert [e["ordinal"] for e in js("series", "совещание министров ИКТ")["events"]] == [3, 4, 5]
    assert js("graph")["edges"]
    assert js("why-merged", "Олег Иванов", "Дмитрий Иванов")["merged"] is False
    split = js("split", "Кожевников", "Кожевникова", "--who", "cli", "--why", "test")
    assert split["moved"] == 1
    assert js("relink")["replayed"] == 1
    assert js("why-merged", "Кожевникова", "Кожевников")["kept_apart_by"]["who"] == "cli"
    merged = js("merge", "Олег Иванов", "Дмитрий Иванов", "--who", "cli", "--why", "test")
    assert merged["entity"]
    out = js("export", "ics", "--out", str(tmp_path / "kb.ics"))
    assert Path(out["paths"][0]).exists()
    text = run(app, ["timeline", "--db", db])
    assert text.exit_code == 0 and "conflict: date" in text.output
    missing = run(app, ["entity", "Zzyzx Qwerty", "--db", db])
    assert missing.exit_code == 1 and "no entity" in missing.output


def _session_report(doc_id, source, city_ru, note=""):
    """A hand-built release: the 5th session of a council of communications ministers in `city_ru`."""
    text = f"5-е заседание Совета министров связи прошло в городе {city_ru}.{note}"
    entities = [Entity(id="p1", type="PER", name="Анна Сергеевна Ветрова", kind="person",
                       roles=[Role("министр связи", country="BY")]),
                Entity(id="l1", type="LOC", name=city_ru, kind="city", iso="BY")]
    event = Event(id="e1", type="SESSION", status="occurred", evidence=_ev(text), start="2024-06-10",
                  location="l1", name="5-е заседание Совета министров связи", ordinal=5,
                  series="заседание совет министр связь", participants=[Participant("p1")])
    doc = Document(id=doc_id, text=text, published="2024-06-11", language="ru", source=source)
    return Record(document=doc, extractor=Extractor(version="test"), entities=entities, events=[event])



def test_hand_built_place_conflict_is_kept_and_flagged(store):
    kb = build_kb(store, [_session_report("c1", "ministry", "Минск"), _session_report("c2", "agency", "Брест")])
    (ev,) = kb.timeline()
    assert len(ev["sources"]) == 2 and ev["conflict"]
    (place,) = [c for c in ev["conflicts"] if c["field"] == "location"]
    assert len(place["observed"]) == 2
    assert {s["location"] for s in ev["sources"]} == {o["value"] for o in place["observed"]}
    assert kb.series()[0]["events"][0]["ordinal"] == 5


def test_the_pages_show_the_place_the_knowledge_base_settled_on(store):
    from communique.service import Service

    # the first report says Brest, the next two Minsk: the knowledge base places the session in Minsk,
    # and every view of the service (timeline, series, the city's events) shows it there, once
    kb = build_kb(store, [_session_report("c1", "agency", "Брест"), _session_report("c2", "ministry", "Минск"),
                          _session_report("c3", "news", "Минск", " Сообщает пресс-служба.")])
    (ev,) = kb.timeline()
    assert ev["location"]["name"] == "Минск" and [c["field"] for c in ev["conflicts"]] == ["location"]
    svc = Service(store, ttl=0)
    (shown,) = svc.timeline()["events"]
    assert shown["location"]["key"] == ev["location"]["id"] and shown["kb_event"] == ev["id"]
    assert len(shown["sources"]) == 3 and shown["conflicts"][0]["field"] == "location"
    (member,) = svc.series(shown["series"])["events"]
    assert member["location"] == shown["location"]
    assert [e["kb_event"] for e in svc.events(entity=ev["location"]["id"])[0]] == [ev["id"]]


# -- event identity: dates, places and participants must agree --------------------------------------

def _meeting(doc_id, published, start, persons, city="Тараз", iso="KZ", name=None, ordinal=None,
             series=None, event_type="MEETING", source="ministry", end=None, status="occurred"):
    """A hand-built release: one meeting in `city` with `persons` ((name, country) pairs)."""
    text = f"Встреча в городе {city}."
    entities = [Entity(id="l1", type="LOC", name=city, kind="city", iso=iso),
                Entity(id="o1", type="ORG", name="Министерство транспорта", kind="ministry")]
    participants = [Participant("o1")]
    for i, (person, country) in enumerate(persons, 1):
        entities.append(Entity(id=f"p{i}", type="PER", name=person, kind="person",
                               roles=[Role("министр транспорта", country=country)]))
        participants.append(Participant(f"p{i}"))
    event = Event(id="e1", type=event_type, status=status, evidence=_ev(text), start=start, end=end, location="l1",
                  name=name, ordinal=ordinal, series=series, participants=participants)
    doc = Document(id=doc_id, text=f"{doc_id} {text}", published=published, language="ru", source=source)
    return Record(document=doc, extractor=Extractor(version="test"), entities=entities, events=[event])


def test_two_meetings_in_one_city_days_apart_with_other_ministers_stay_two(store):
    kb = build_kb(store, [
        _meeting("m1", "2024-01-04", "2024-01-04", [("Айгерим Досова", "KZ"), ("Ильдар Рахимов", "UZ")]),
        _meeting("m2", "2024-01-07", "2024-01-07", [("Айгерим Досова", "KZ"), ("Томас Вебер", "DE")]),
        _meeting("m3", "2024-02-02", "2024-02-01", [("Карл Линдквист", "SE")]),
        _meeting("m4", "2024-02-04", "2024-02-03", [("Мадина Юсупова", "TJ")]),
    ])
    events = kb.timeline()
    assert [e["start"] for e in events] == ["2024-01-04", "2024-01-07", "2024-02-01", "2024-02-03"]
    assert not any(e["conflict"] for e in events)


def test_one_meeting_reported_twice_stays_one_with_an_open_date(store):
    kb = build_kb(store, [
        _meeting("r1", "2024-03-05", "2024-03-05", [("Айгерим Досова", "KZ"), ("Ильдар Рахимов", "UZ")]),
        _meeting("r2", "2024-03-06", None, [("Ильдар Рахимов", "UZ")], source="agency"),
        _meeting("r3", "2024-03-06", "2024-03-06", [("Ильдар Рахимов", "UZ"), ("Айгерим Досова", "KZ")],
                 source="secretariat"),
    ])
    (event,) = kb.timeline()
    assert {s["document_id"] for s in event["sources"]} == {"r1", "r2", "r3"}
    assert event["start"] == "2024-03-05" and [c["field"] for c in event["conflicts"]] == ["date"]


def test_a_series_holds_its_numbered_meetings_not_another_bodys(store):
    council = "заседание совет министр транспорт"
    commission = "заседание комиссия по торговля"
    kb = build_kb(store, [
        _meeting("s1", "2022-05-10", "2022-05-10", [("Айгерим Досова", "KZ")], name="5-е заседание Совета министров транспорта",
                 ordinal=5, series=council, event_type="SESSION"),
        _meeting("s2", "2023-05-10", "2023-05-10", [("Айгерим Досова", "KZ")], name="6-е заседание Совета министров транспорта",
                 ordinal=6, series=council, event_type="SESSION"),
        # the same day, place and minister, the same number: another body's session all the same
        _meeting("s3", "2023-05-11", "2023-05-10", [("Айгерим Досова", "KZ")], name="6-е заседание Комиссии по торговле",
                 ordinal=6, series=commission, event_type="SESSION"),
    ])
    series = {s["name"]: [e["ordinal"] for e in s["events"]] for s in kb.series()}
    assert len(series) == 2
    assert sorted(series.values()) == [[5, 6], [6]]
    assert len(kb.timeline()) == 3


def test_pages_read_one_event_per_kb_event_from_the_knowledge_base(store):
    """The web layer holds no matching rules of its own: a meeting reported three times (one report
    calls it a session) is one event in the timeline, the lists, the entity page and the graph; its
    other reports and conflicts are the knowledge base's; an event the knowledge base puts in no
    series is in none."""
    from communique.service import Service

    people = [("Айгерим Досова", "KZ"), ("Ильдар Рахимов", "UZ")]
    build_kb(store, [
        _meeting("w1", "2024-03-05", "2024-03-05", people),
        _meeting("w2", "2024-03-06", "2024-03-05", people[::-1], event_type="SESSION", source="agency"),
        _meeting("w3", "2024-03-06", "2024-03-06", people, source="secretariat"),
        _meeting("w4", "2024-09-20", "2024-09-20", [("Томас Вебер", "DE")], name="Заседание Совета",
                 series="заседание совет", event_type="SESSION"),
    ])
    data = Service(store)
    timeline = data.timeline(granularity="day")
    assert timeline["total"] == 2 and sum(b["count"] for b in timeline["buckets"]) == 2
    (march,) = [e for e in timeline["events"] if e["start"].startswith("2024-03")]
    assert march["start"] == "2024-03-05" and {p["name"] for p in march["participants"]} >= {"Айгерим Досова"}
    assert data.events()[1] == 2
    dosova = next(e for e in data.entities()[0] if e["name"] == "Айгерим Досова")
    assert data.events(entity=dosova["key"])[1] == 1
    graph = data.graph()
    (edge,) = [e for e in graph["edges"] if {dosova["key"]} < {e["source"], e["target"]}
               and {n["name"] for n in graph["nodes"] if n["id"] in (e["source"], e["target"])}
               == {"Айгерим Досова", "Ильдар Рахимов"}]
    assert edge["weight"] == 1
    page = data.event("w3", "e1")
    assert {s["document"] for s in page["sources"]} == {"w1", "w2", "w3"}
    assert [c["field"] for c in page["conflicts"]] == ["date"]
    assert data.series_list()[1] == 0  # a name without a number is no series of the knowledge base


def test_a_short_name_joins_the_one_series_it_abbreviates(store):
    def session(doc_id, day, n, name, key, who="Айгерим Досова"):
        return _meeting(doc_id, day, day, [(who, "KZ")], name=name, ordinal=n, series=key, event_type="SESSION")

    transport = "заседание совет министр транспорт"
    kb = build_kb(store, [
        session("t1", "2022-05-10", 7, "7-е заседание Совета министров транспорта", transport),
        session("t2", "2023-05-10", 8, "8-е заседание Совета министров транспорта", transport),
        session("t3", "2024-05-10", 9, "9-е заседание Совета", "заседание совет"),
    ])
    (series,) = kb.series()
    assert [e["ordinal"] for e in series["events"]] == [7, 8, 9]
    assert any(ev.get("rule") == "short name" for ev in series["evidence"])


def test_a_short_name_of_two_series_joins_neither(store):
    def session(doc_id, day, n, name, key):
        return _meeting(doc_id, day, day, [("Айгерим Досова", "KZ")], name=name, ordinal=n, series=key,
                        event_type="SESSION")

    kb = build_kb(store, [
        session("u1", "2022-05-10", 7, "7-е заседание Совета министров транспорта", "заседание совет министр транспорт"),
        session("u2", "2022-06-10", 3, "3-е заседание Совета министров энергетики", "заседание совет министр энергетика"),
        session("u3", "2024-05-10", 9, "9-е заседание Совета", "заседание совет"),
    ])
    assert sorted(len(s["events"]) for s in kb.series()) == [1, 1, 1]


def test_an_event_told_again_less_precisely_in_its_release_is_one_event(store):
    text = "9–10 июня в городе Тараз прошло 4-е заседание рабочей группы. Заседание провели министры."
    entities = [Entity(id="l1", type="LOC", name="Тараз", kind="city", iso="KZ"),
                Entity(id="p1", type="PER", name="Айгерим Досова", kind="person", roles=[Role("министр", country="KZ")]),
                Entity(id="p2", type="PER", name="Ильдар Рахимов", kind="person", roles=[Role("министр", country="UZ")])]
    events = [Event(id="e1", type="MEETING", status="occurred", evidence=_ev(text), start="2024-06-09",
                    end="2024-06-10", location="l1", name="4-е заседание рабочей группы", ordinal=4,
                    series="заседание рабочий группа"),
              # the same meeting told again, dated only by the month (the extractor made it a part of e1)
              Event(id="e2", type="MEETING", status="occurred", evidence=_ev(text), start="2024-06", location="l1",
                    parent="e1", participants=[Participant("p1"), Participant("p2")]),
              # another meeting of the same people, on a day of its own: another event
              Event(id="e3", type="MEETING", status="occurred", evidence=_ev(text), start="2024-06-12",
                    location="l1", participants=[Participant("p1"), Participant("p2")])]
    doc = Document(id="t-1", text=text, published="2024-06-11", language="ru", source="ministry")
    kb = build_kb(store, [Record(document=doc, extractor=Extractor(version="test"), entities=entities, events=events)])
    first, second = kb.timeline()
    assert (first["start"], first["end"]) == ("2024-06-09", "2024-06-10")  # "June" does not outvote "9-10 June"
    assert {s["event_id"] for s in first["sources"]} == {"e1", "e2"} and first["parent"] is None
    assert {p["name"] for p in first["participants"]} == {"Айгерим Досова", "Ильдар Рахимов"}
    assert second["start"] == "2024-06-12" and not first["conflict"]


def test_a_forum_announced_for_its_first_day_and_reported_over_two_days_is_one(store):
    kb = build_kb(store, [
        _meeting("f1", "2024-03-10", "2024-03-19", [("Айгерим Досова", "KZ")], event_type="FORUM", status="planned"),
        _meeting("f2", "2024-03-21", "2024-03-19", [("Айгерим Досова", "KZ"), ("Ильдар Рахимов", "UZ")],
                 event_type="FORUM", end="2024-03-20", source="agency"),
    ])
    (forum,) = kb.timeline()
    assert (forum["start"], forum["end"], forum["status"]) == ("2024-03-19", "2024-03-20", "occurred")


def _ministry_release(doc_id, lang, ministry, text):
    entities = [Entity(id="o1", type="ORG", name=ministry, kind="organization", iso="KZ")]
    event = Event(id="e1", type="MEETING", status="occurred", evidence=_ev(text), start="2024-05-02",
                  participants=[Participant("o1")])
    doc = Document(id=doc_id, text=f"{doc_id} {text}", published="2024-05-02", language=lang, source=doc_id)
    return Record(document=doc, extractor=Extractor(version="test"), entities=entities, events=[event])


def test_one_ministry_in_two_languages_and_by_its_ministers_title_is_one_body(store):
    kb = build_kb(store, [
        _ministry_release("u1", "ru", "Министерство финансов Республики Казахстан", "Встреча в министерстве."),
        _ministry_release("u2", "en", "Ministry of Finance of the Republic of Kazakhstan", "A meeting."),
        _ministry_release("u3", "ru", "Министр финансов Республики Казахстан", "Министр провёл встречу."),
        _ministry_release("u4", "ru", "Министерство торговли Республики Казахстан", "Другая встреча."),
    ])
    orgs = kb.entities("ORG")
    finance = [o for o in orgs if "Ministry of Finance of the Republic of Kazakhstan" in o["aliases"]]
    assert len(finance) == 1
    assert "Министерство финансов Республики Казахстан" in finance[0]["aliases"]
    assert "Министр финансов Республики Казахстан" in finance[0]["aliases"]
    assert not finance[0]["name"].startswith("Министр ")  # a title never names the body
    assert any("торговли" in o["name"] for o in orgs if o is not finance[0])


def _forum(doc_id, lang, published, status, name=None, city=None, person=None):
    text = "Форум." if lang == "ru" else "A forum."
    entities, participants = [], []
    if city:
        entities.append(Entity(id="l1", type="LOC", name=city, kind="city", iso="EE"))
    if person:
        entities.append(Entity(id="p1", type="PER", name=person, kind="person",
                               roles=[Role("министр культуры", country="EE")]))
        participants.append(Participant("p1"))
    event = Event(id="e1", type="FORUM", status=status, evidence=_ev(text), start="2024-09-10", end="2024-09-11",
                  location="l1" if city else None, name=name, participants=participants)
    doc = Document(id=doc_id, text=f"{doc_id} {text}", published=published, language=lang, source=doc_id)
    return Record(document=doc, extractor=Extractor(version="test"), entities=entities, events=[event])


def test_a_forum_named_after_its_city_in_english_joins_its_russian_reports(store):
    kb = build_kb(store, [
        _forum("f1", "en", "2024-09-08", "planned", name="Tartu Forum"),
        _forum("f2", "ru", "2024-09-09", "planned", person="Марта Кивисилд"),
        _forum("f3", "ru", "2024-09-12", "occurred", city="Тарту", person="Марта Кивисилд"),
    ])
    (forum,) = kb.timeline()
    assert {s["document_id"] for s in forum["sources"]} == {"f1", "f2", "f3"}


def test_roman_numeral_reads_well_formed_numerals_only():
    import re

    from communique.nlp import roman_numeral

    assert roman_numeral("XIV") == 14
    assert roman_numeral("MCMXC") == 1990
    assert roman_numeral("IIII") is None  # not well formed
    assert roman_numeral("") is None
    assert roman_numeral("Xi") is None
    up_to_89 = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})$")
    assert roman_numeral("LXXXIX", up_to_89) == 89
    assert roman_numeral("XC", up_to_89) is None
