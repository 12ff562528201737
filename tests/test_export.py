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
    assert g.edges[koz, zh]["weight"] == 2


def test_unknown_format_is_refused(kb, tmp_path):
    assert "ics" in FORMATS
    with pytest.raises(ValueError):
        export(kb.store, "xlsx", tmp_path / "kb.xlsx")
