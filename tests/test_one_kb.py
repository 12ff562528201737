"""One knowledge base that the command line, the JSON API and the service layer agree on.

Invented releases (Russian and English) are ingested with the `ingest` command; the command line's
`--json` output (typer's CliRunner, in process), the API's JSON (FastAPI's TestClient) and the
service's answers must then name the same entities, series members, timeline entries and graph
edges, and the knowledge base must hold what `communique.link` decides: one person across the two
languages, and a series of numbered meetings that does not take in another body's meeting with the
same number.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

if not os.environ.get("CI"):
    pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from communique.api import create_app  # noqa: E402
from communique.cli.main import app as cli_app  # noqa: E402
from communique.service import Service  # noqa: E402
from communique.store import Store  # noqa: E402

# (language, published, title, text): names, bodies and dates invented for this test
RELEASES = {
    "ru-commission-3": ("ru", "2025-03-13", "Третье заседание Совместной комиссии по цифровизации прошло в Астане",
                        "12 марта 2025 года в Астане состоялось третье заседание Совместной казахстанско-кыргызской "
                        "комиссии по цифровизации. Казахстанскую делегацию возглавил Министр цифрового развития "
                        "Республики Казахстан Данияр Ержанович Сайранбеков. Кыргызскую делегацию возглавил Министр "
                        "цифрового развития Кыргызской Республики Алмазбек Тологонов. Стороны обсудили развитие "
                        "электронного правительства и обмен данными между государственными системами."),
    "en-commission-3": ("en", "2025-03-13", "Third meeting of the Joint Commission on Digitalization held in Astana",
                        "On 12 March 2025, the third meeting of the Kazakh-Kyrgyz Joint Commission on Digitalization "
                        "was held in Astana. The Kazakh delegation was led by Minister of Digital Development of the "
                        "Republic of Kazakhstan Daniyar Sairanbekov. The Kyrgyz delegation was headed by Minister of "
                        "Digital Development of the Kyrgyz Republic Almazbek Tologonov. The parties discussed "
                        "e-government and data exchange between state systems."),
    "ru-commission-4": ("ru", "2025-10-16", "Четвёртое заседание Совместной комиссии по цифровизации прошло в Бишкеке",
                        "15 октября 2025 года в Бишкеке состоялось четвёртое заседание Совместной "
                        "казахстанско-кыргызской комиссии по цифровизации. В заседании приняли участие Министр "
                        "цифрового развития Республики Казахстан Данияр Сайранбеков и Министр цифрового развития "
                        "Кыргызской Республики Алмазбек Тологонов. Стороны подвели итоги выполнения решений "
                        "предыдущего заседания."),
    "ru-energy-3": ("ru", "2025-05-21", "Третье заседание Совета министров энергетики прошло в Ташкенте",
                    "20 мая 2025 года в Ташкенте состоялось третье заседание Совета министров энергетики государств "
                    "Центральной Азии. Заседание провёл Министр энергетики Республики Узбекистан Бахтиёр "
                    "Нормуродов. Участники обсудили объединение энергосистем региона и торговлю электроэнергией."),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("releases")
    for name, (lang, published, title, text) in RELEASES.items():
        (folder / f"{name}.html").write_text(
            f'<html lang="{lang}"><head><title>{title}</title>'
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>", encoding="utf-8")
    path = str(tmp_path_factory.mktemp("db") / "kb.db")
    res = CliRunner().invoke(cli_app, ["ingest", str(folder), "--db", path, "--doc-timeout", "0"])
    assert res.exit_code == 0, res.output
    assert "ingested 4 (4 new" in res.output
    return path


@pytest.fixture(scope="module")
def svc(db):
    store = Store.open(db)
    yield Service(store, ttl=0)
    store.close()


@pytest.fixture(scope="module")
def api(db):
    with TestClient(create_app(db, cache_ttl=0)) as client:
        yield lambda path, **params: _ok(client.get("/api/v1" + path, params=params))


def _ok(response):
    assert response.status_code == 200, response.text
    return response.json()


def cli(db: str, *args: str):
    res = CliRunner().invoke(cli_app, [*args, "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _kb_events(events: list[dict]) -> list[str]:
    return [e["kb_event"] for e in events]


# -- what the knowledge base decides ------------------------------------------------------------------

def test_the_same_person_in_russian_and_english_releases_is_one_entity(db, svc, api):
    keys = {svc.entity_named(name, "PER") for name in ("Данияр Сайранбеков", "Daniyar Sairanbekov",
                                                        "Сайранбеков", "Sairanbekov")}
    assert len(keys) == 1
    (key,) = keys
    profile = cli(db, "entity", "Daniyar Sairanbekov")
    assert profile["key"] == key and profile == cli(db, "entity", "Сайранбеков Данияр")
    assert {d["language"] for d in profile["documents"]} == {"ru", "en"}
    assert profile["documents_total"] == 3
    # the English and the Russian report of the third meeting are one event with two sources
    third = next(e for e in profile["events"] if e["ordinal"] == 3)
    assert sorted(svc.index().docs[s["document"]].language for s in third["sources"]) == ["en", "ru"]
    assert len(profile["events"]) == 2  # the 3rd and the 4th meeting, each once
    (listed,) = api("/entities", q="Sairanbekov", type="PER")["items"]
    assert listed["key"] == key and listed["events"] == profile["events_total"] == 2


def test_a_series_holds_its_numbered_meetings_and_not_another_bodys_with_the_same_number(db, svc):
    (key,) = svc.series_named("комиссии по цифровизации")
    series = svc.series(key)
    assert [(e["ordinal"], e["start"]) for e in series["events"]] == [(3, "2025-03-12"), (4, "2025-10-15")]
    assert series["consistent"]
    places = [e["location"]["name"] for e in series["events"]]
    assert len(set(places)) == 2
    energy = next(e for e in svc.timeline(limit=500)["events"] if e["start"] == "2025-05-20")
    assert energy["ordinal"] == 3 and energy["series"] != key
    assert energy["kb_event"] not in _kb_events(series["events"])


# -- the command line, the API and the service agree ------------------------------------------------------

def test_entity_profiles_agree(db, svc, api):
    for name in ("Алмазбек Тологонов", "Бахтиёр Нормуродов", "Daniyar Sairanbekov"):
        key = svc.entity_named(name, "PER")
        from_cli = cli(db, "entity", name)
        assert from_cli == api("/entities/" + quote(key, safe="")) == json.loads(
            json.dumps(svc.entity(key, events_limit=0), default=str))


def test_series_members_agree(db, svc, api):
    from_cli = cli(db, "series")
    listed = api("/series", limit=200)["items"]
    assert [s["key"] for s in from_cli] == [s["key"] for s in listed]
    assert from_cli == [api("/series/" + quote(s["key"], safe="")) for s in listed]
    assert from_cli == [svc.series(s["key"]) for s in listed]
    one = cli(db, "series", "Kazakh-Kyrgyz Joint Commission on Digitalization")
    assert [e["ordinal"] for e in one["events"]] == [3, 4]
    assert one in from_cli


def test_timeline_entries_agree(db, svc, api):
    from_cli = cli(db, "timeline")
    from_api = api("/timeline", limit=500)
    assert from_cli["events"] == from_api["events"] == svc.timeline(limit=500)["events"]
    assert from_cli["buckets"] == from_api["buckets"] and from_cli["total"] == from_api["total"]
    # the home page's count of events is the events list's: each event once, not once per report
    assert svc.stats()["events"] == api("/stats")["events"] == api("/events")["total"]
    assert api("/events")["total"] < sum(len(api("/events", document=d)["items"]) for d in svc.index().docs)
    # each meeting once, however many releases report it
    kb_events = _kb_events(from_cli["events"])
    assert len(kb_events) == len(set(kb_events))
    meetings = [(e["start"], e["ordinal"]) for e in from_cli["events"] if e["type"] == "MEETING"]
    assert meetings == [("2025-03-12", 3), ("2025-05-20", 3), ("2025-10-15", 4)]
    # the filters by name give what the API's filters by key give
    key = svc.entity_named("Sairanbekov", "PER")
    by_person = cli(db, "timeline", "--person", "Сайранбеков")
    assert by_person["events"] == api("/timeline", entity=key, limit=500)["events"]
    assert [e["ordinal"] for e in by_person["events"]] == [3, 4]
    by_country = cli(db, "timeline", "--country", "Uzbekistan", "--period", "2025")
    assert by_country["events"] == api("/timeline", country="UZ", limit=500, **{"from": "2025", "to": "2025"})["events"]
    assert [e["start"] for e in by_country["events"]] == ["2025-05-20"]
    by_series = cli(db, "timeline", "--series", "комиссии по цифровизации")
    assert [e["ordinal"] for e in by_series["events"]] == [3, 4]
    # the knowledge base's own timeline (what the exports read) holds the same events
    from communique.link import KnowledgeBase

    assert {e["id"] for e in KnowledgeBase(svc.store).timeline() if e["start"]} == set(kb_events)


def test_graph_edges_agree(db, svc, api):
    from_cli = cli(db, "graph", "--type", "PER", "--type", "ORG")
    from_api = api("/graph", types="PER,ORG", limit=500)
    assert from_cli == from_api == svc.graph(types="PER,ORG", limit=500)
    names = {n["id"]: n["name"] for n in from_cli["nodes"]}
    pairs = {frozenset((names[e["source"]], names[e["target"]])): e["weight"] for e in from_cli["edges"]}
    # the two ministers met at the 3rd and the 4th meeting: twice, not three times for three releases
    minister = svc.index().name(svc.entity_named("Sairanbekov", "PER"))
    assert pairs[frozenset((minister, "Алмазбек Тологонов"))] == 2
    assert not any("Нормуродов" in n for pair in pairs if minister in pair for n in pair)
