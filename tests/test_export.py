"""Exports of the knowledge base, each parsed back with the format's own library: JSON-LD (pyld and
rdflib), PLOVER JSON (jsonschema), CSV (csv) and Parquet (pyarrow), iCalendar (icalendar), GraphML
(networkx); on both backends."""

from __future__ import annotations

import csv
import json

import pytest

from communique.export import FORMATS, export
from communique.export.tables import COLUMNS
from test_link import build_kb, shared_store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request, tmp_path_factory):
    yield from shared_store(request, tmp_path_factory, build_kb)


def _astana(kb):
    (ev,) = kb.timeline(person="Жаксыбеков", event_type="MEETING")
    return ev


def test_jsonld_expands_to_schema_org_and_parses_as_rdf(kb, tmp_path):
    import rdflib
    from pyld import jsonld

    (path,) = export(kb.store, "jsonld", tmp_path / "kb.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    expanded = jsonld.expand(doc)  # inline context: no network
    S = "https://schema.org/"
    by_type: dict[str, list] = {}
    for node in expanded:
        for t in node.get("@type", []):
            by_type.setdefault(t.removeprefix(S), []).append(node)
    assert {"Event", "Person", "Organization", "Country", "City", "EventSeries"} <= set(by_type)
    astana = _astana(kb)
    event = next(n for n in by_type["Event"] if n["@id"].endswith(astana["id"]))
    assert event[S + "startDate"][0]["@value"] == "2025-05-14"
    assert len(event[S + "subjectOf"]) == 3
    assert len(event[S + "attendee"]) >= 2
    kz = next(n for n in by_type["Country"] if n[S + "identifier"][0]["@value"] == "KZ")
    assert {v["@value"] for v in kz[S + "name"]} == {"Казахстан"}
    person = next(n for n in by_type["Person"] if n[S + "name"][0]["@value"] == "Артём Кожевников")
    assert {"Artyom Kozhevnikov", "Artem Kozhevnikov"} <= {v["@value"] for v in person[S + "alternateName"]}
    assert len(person[S + "jobTitle"]) >= 2
    g = rdflib.Graph().parse(data=path.read_text(encoding="utf-8"), format="json-ld")
    schema = rdflib.Namespace(S)
    events = set(g.subjects(rdflib.RDF.type, schema.Event))
    assert len(events) == len(kb.timeline())
    series = list(g.subjects(rdflib.RDF.type, schema.EventSeries))
    assert len(series) == 2 and all(len(list(g.objects(s, schema.subEvent))) >= 2 for s in series)


def test_plover_events_validate_and_keep_every_source(kb, tmp_path):
    import jsonschema

    from communique.export.plover import SCHEMA

    (path,) = export(kb.store, "plover", tmp_path / "kb.plover.json")
    events = json.loads(path.read_text(encoding="utf-8"))
    assert len(events) == len(kb.timeline())
    for ev in events:
        jsonschema.validate(ev, SCHEMA)
    astana = next(e for e in events if e["id"] == _astana(kb)["id"])
    assert astana["event_type"] == "CONSULT" and astana["mode"] == "bilateral"
    assert {astana["actor"]["name"], astana["recipient"]["name"]} == {"Артём Кожевников", "Нурлан Жаксыбеков"}
    assert astana["actor"]["country"] != astana["recipient"]["country"]
    assert astana["location"]["country"] == "KZ" and astana["event_date"] == "2025-05-14"
    assert astana["source_url"].startswith("https://") and "Астане" in astana["source_text"]
    assert len(astana["sources"]) == 3 and astana["conflicts"][0]["field"] == "date"
    assert astana["context"]  # the topics of the reporting documents
    signing = [e for e in events if e["kb_type"] == "SIGNING"]
    assert signing and all(e["event_type"] in ("SUPPORT", "AGREE") for e in signing)


def test_csv_and_parquet_tables_read_back(kb, tmp_path):
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    written_csv = export(kb.store, "csv", tmp_path / "csv")
    written_pq = export(kb.store, "parquet", tmp_path / "parquet")
    assert sorted(p.stem for p in written_csv) == sorted(COLUMNS) == sorted(p.stem for p in written_pq)
    stats = kb.stats()
    expected = {"documents": 12, "entities": stats["entities"], "events": stats["events"], "series": stats["series"]}
    for name, columns in COLUMNS.items():
        table = pq.read_table(tmp_path / "parquet" / f"{name}.parquet")
        assert table.column_names == [c for c, _ in columns]
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == table.num_rows
        assert pcsv.read_csv(tmp_path / "csv" / f"{name}.csv").num_rows == table.num_rows
        if name in expected:
            assert table.num_rows == expected[name], name
    mentions = pq.read_table(tmp_path / "parquet" / "mentions.parquet").to_pylist()
    assert mentions and all(m["kb_entity"] for m in mentions if m["entity_id"])
    events = pq.read_table(tmp_path / "parquet" / "events.parquet").to_pylist()
    astana = next(e for e in events if e["id"] == _astana(kb)["id"])
    assert astana["conflict"] is True and astana["sources"] == 3
    assert astana["documents"].split("|") == ["kb-04", "kb-05", "kb-06"]
    series = pq.read_table(tmp_path / "parquet" / "series.parquet").to_pylist()
    assert sorted(s["ordinals"] for s in series) == ["20|21", "3|4|5"]
    agreements = pq.read_table(tmp_path / "parquet" / "agreements.parquet").to_pylist()
    memo = next(a for a in agreements if a["document_id"] == "kb-04")
    assert memo["kind"] == "memorandum" and len(memo["parties"].split("|")) == 2 and memo["event_id"]
    participants = pq.read_table(tmp_path / "parquet" / "participants.parquet").to_pylist()
    assert {p["name"] for p in participants if p["event_id"] == astana["id"]} >= {"Артём Кожевников",
                                                                                    "Нурлан Жаксыбеков"}


def test_icalendar_holds_the_events_dated_to_the_day(kb, tmp_path):
    import icalendar

    (path,) = export(kb.store, "ics", tmp_path / "kb.ics")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    vevents = cal.walk("VEVENT")
    dated = [e for e in kb.timeline() if e["start"] and len(e["start"]) == 10]
    assert len(vevents) == len(dated) and len(dated) < len(kb.timeline())
    astana = _astana(kb)
    item = next(v for v in vevents if str(v["uid"]).startswith(astana["id"]))
    assert item.decoded("dtstart").isoformat() == "2025-05-14"
    assert item.decoded("dtend").isoformat() == "2025-05-15"
    assert str(item["location"]) == "Астана"
    assert str(item["x-communique-conflict"]) == "TRUE"
    assert "2025-05-15" in str(item["description"])


def test_graphml_reads_back_as_a_weighted_graph(kb, tmp_path):
    import networkx as nx

    (path,) = export(kb.store, "graphml", tmp_path / "kb.graphml")
    g = nx.read_graphml(path)
    data = kb.graph()
    assert g.number_of_nodes() == len(data["nodes"]) and g.number_of_edges() == len(data["edges"])
    koz = kb.find("Кожевников", "PER")[0]["id"]
    zh = kb.find("Жаксыбеков", "PER")[0]["id"]
    assert g.nodes[koz]["name"] == "Артём Кожевников" and g.nodes[koz]["type"] == "PER"
    assert g.edges[koz, zh]["weight"] == 3  # two events together and one agreement (kb.graph)


def test_unknown_format_is_refused(kb, tmp_path):
    assert "ics" in FORMATS
    with pytest.raises(ValueError):
        export(kb.store, "xlsx", tmp_path / "kb.xlsx")


# -- analysts' corrections reach every export ---------------------------------------------------------

def _visit():
    from communique.model import (
        Agreement,
        Document,
        Entity,
        Event,
        Evidence,
        Extractor,
        Participant,
        Record,
        Role,
    )

    text = ("12 марта в Тарани министр энергетики Корвении Лев Гринман встретился с министром Остравии "
            "Иржи Новотным. Подписан Меморандум о сотрудничестве в энергетике.")
    ev = Evidence(0, len(text), text)
    entities = [Entity(id="p1", type="PER", name="Лев Гринман", kind="person", roles=[Role("министр", country="RU")]),
                Entity(id="p2", type="PER", name="Иржи Новотный", kind="person", roles=[Role("министр", country="CZ")]),
                Entity(id="l1", type="LOC", name="Тарань", kind="city", iso="RU")]
    events = [Event(id="e1", type="MEETING", status="occurred", evidence=ev, start="2024-03-12", location="l1",
                    participants=[Participant("p1"), Participant("p2")]),
              Event(id="e2", type="SIGNING", status="occurred", evidence=ev, start="2024-03-12", parent="e1",
                    participants=[Participant("p1"), Participant("p2")])]
    agreements = [Agreement(id="a1", kind="memorandum", title="Меморандум о сотрудничестве", evidence=ev,
                            parties=["p1", "p2"], signed="2024-03-12", event="e2")]
    doc = Document(id="fix-1", text=text, published="2024-03-13", language="ru", source="ministry",
                   url="https://example.org/fix-1")
    return Record(document=doc, extractor=Extractor(version="test"), entities=entities, events=events,
                  agreements=agreements)


def test_corrections_reach_all_six_exports_and_survive_a_relink(store, tmp_path):
    import icalendar
    import networkx as nx
    import pyarrow.parquet as pq
    from pyld import jsonld

    from communique.corrections import Corrections

    kb = build_kb(store, [_visit()])
    corrections = Corrections(store)
    record = store.get_record("fix-1")
    corrections.add(record, "event.update", "e1", {"start": "2024-03-11"}, author="anna", reason="the 11th, says the agenda")
    corrections.add(record, "entity.update", "p2", {"name": "Иржи Новак"}, author="anna", reason="misspelt")
    corrections.add(record, "agreement.update", "a1", {"title": "Меморандум о взаимопонимании"}, author="anna",
                    reason="the title as signed")
    kb.link_document("fix-1")

    def check():
        (meeting,) = kb.timeline(event_type="MEETING")
        assert meeting["start"] == "2024-03-11"
        assert {p["name"] for p in meeting["participants"]} == {"Лев Гринман", "Иржи Новак"}
        (path,) = export(store, "jsonld", tmp_path / "kb.jsonld")
        S = "https://schema.org/"
        nodes = jsonld.expand(json.loads(path.read_text(encoding="utf-8")))
        event = next(n for n in nodes if n["@id"].endswith(meeting["id"]))
        assert event[S + "startDate"][0]["@value"] == "2024-03-11"
        assert "Иржи Новак" in {n[S + "name"][0]["@value"] for n in nodes if S + "Person" in n.get("@type", [])}
        (path,) = export(store, "plover", tmp_path / "kb.plover.json")
        plover = next(e for e in json.loads(path.read_text(encoding="utf-8")) if e["id"] == meeting["id"])
        assert plover["event_date"] == "2024-03-11"
        assert "Иржи Новак" in {plover["actor"]["name"], plover["recipient"]["name"]}
        export(store, "csv", tmp_path / "csv")
        with (tmp_path / "csv" / "agreements.csv").open(encoding="utf-8", newline="") as f:
            (agreement,) = list(csv.DictReader(f))
        assert agreement["title"] == "Меморандум о взаимопонимании"
        with (tmp_path / "csv" / "events.csv").open(encoding="utf-8", newline="") as f:
            assert "2024-03-11" in {r["start"] for r in csv.DictReader(f)}
        export(store, "parquet", tmp_path / "parquet")
        names = {r["name"] for r in pq.read_table(tmp_path / "parquet" / "entities.parquet").to_pylist()}
        assert "Иржи Новак" in names and "Иржи Новотный" not in names
        texts = [a["title"] for a in pq.read_table(tmp_path / "parquet" / "agreements.parquet").to_pylist()]
        assert texts == ["Меморандум о взаимопонимании"]
        (path,) = export(store, "ics", tmp_path / "kb.ics")
        item = next(v for v in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
                    if str(v["uid"]).startswith(meeting["id"]))
        assert item.decoded("dtstart").isoformat() == "2024-03-11"
        (path,) = export(store, "graphml", tmp_path / "kb.graphml")
        assert "Иржи Новак" in {d["name"] for _, d in nx.read_graphml(path).nodes(data=True)}

    check()
    kb.relink()
    check()
    # a correction withdrawn: the knowledge base follows it back to the extracted fact
    (dated,) = [c for c in corrections.for_document("fix-1") if c.op == "event.update"]
    corrections.revert(dated.id, by="anna")
    kb.link_document("fix-1")
    assert kb.timeline(event_type="MEETING")[0]["start"] == "2024-03-12"


def test_the_command_line_and_the_service_export_the_same_bytes(kb, tmp_path):
    """One serialization for both: `communique export` (files) and the API's /export (Service.export_kb)."""
    import re

    from communique.export import FILE_FORMATS
    from communique.service import Service

    svc = Service(kb.store)
    for fmt in FILE_FORMATS:
        (path,) = export(kb.store, fmt, tmp_path / f"kb-{fmt}")
        written, served = path.read_bytes(), svc.export_kb(fmt)
        if fmt == "ics":  # DTSTAMP is the time of the export
            written, served = (re.sub(rb"DTSTAMP:\S+", b"", x) for x in (written, served))
        assert written == served, fmt
        assert len(written) > 200, fmt
