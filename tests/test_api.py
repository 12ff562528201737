"""The JSON API and the server-rendered pages, in process (FastAPI's TestClient) over a database of the
bundled sample press releases plus a hostile document: routes, pagination, filters, problem details,
tokens and roles, sessions and CSRF, corrections (applied on read and on export, surviving
re-extraction), escaping, and the `serve`/`demo`/`token` commands."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
from urllib.parse import quote

import pytest

if not os.environ.get("CI"):  # under CI the web application must be tested: an import error fails
    pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from communique.api import create_app  # noqa: E402
from communique.api.auth import create_token, list_tokens, revoke_token  # noqa: E402
from communique.api.testing import demo_database  # noqa: E402
from communique.corrections import Correction, CorrectionError, apply_corrections, validate  # noqa: E402
from communique.store import Store  # noqa: E402

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return demo_database(tmp_path_factory.mktemp("api"), xss=True)


@pytest.fixture(scope="module")
def app(db):
    return create_app(db, cache_ttl=0)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def tokens(app) -> dict[str, str]:
    store = app.state.store
    return {role: create_token(store, name=f"test {role}", role=role) for role in ("viewer", "editor", "admin")}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def key_of(client, name: str, etype: str) -> str:
    """The cross-document key of the entity named `name` (a knowledge-base id once documents are linked)."""
    items = client.get("/api/v1/entities", params={"q": name, "type": etype, "limit": 200}).json()["items"]
    return next(e["key"] for e in items if e["name"] == name)


def entity_path(client, name: str, etype: str) -> str:
    return "/entities/" + quote(key_of(client, name, etype), safe="")


def event_of(client, doc: str, event_type: str) -> dict:
    items = client.get("/api/v1/events", params={"document": doc, "type": event_type}).json()["items"]
    assert items, f"no {event_type} in {doc}"
    return items[0]


# -- the spec and the service ---------------------------------------------------------------------

def test_openapi_lists_every_resource(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    paths = set(spec["paths"])
    for path in ("/api/v1/documents", "/api/v1/documents/{doc_id}", "/api/v1/records/{doc_id}", "/api/v1/entities",
                 "/api/v1/entities/{key}", "/api/v1/events", "/api/v1/events/{doc_id}/{event_id}",
                 "/api/v1/series", "/api/v1/agreements", "/api/v1/search", "/api/v1/timeline", "/api/v1/graph",
                 "/api/v1/topics/trend", "/api/v1/exports/{fmt}", "/api/v1/corrections", "/api/v1/tokens"):
        assert path in paths, path
    assert "Problem" in spec["components"]["schemas"]
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    stats = client.get("/api/v1/stats").json()
    assert stats["documents"] == 11 and stats["events"] > 20 and set(stats["languages"]) >= {"ru", "en", "fr"}
    page = client.get("/api")
    assert page.status_code == 200 and "/api/v1/search" in page.text


def test_documents_page_through_with_links(client):
    first = client.get("/api/v1/documents", params={"limit": 4})
    body = first.json()
    assert body["total"] == 11 and len(body["items"]) == 4 and body["prev"] is None
    assert 'rel="next"' in first.headers["link"]
    second = client.get(body["next"]).json()
    assert second["offset"] == 4 and not {d["id"] for d in second["items"]} & {d["id"] for d in body["items"]}
    dates = [d["published"] for d in body["items"]]
    assert dates == sorted(dates, reverse=True)
    ru = client.get("/api/v1/documents", params={"language": "ru", "limit": 50}).json()
    assert ru["total"] == 7 and all(d["language"] == "ru" for d in ru["items"])
    march = client.get("/api/v1/documents", params={"period": "2026-03"}).json()
    assert {d["id"] for d in march["items"]} >= {"sample-ru-1", "sample-ru-3", "sample-ru-6", "sample-en-2"}
    slash = client.get("/api/v1/documents", params={"period": "2026-03/2026-03"})  # every period form the API accepts
    assert slash.status_code == 200 and slash.json()["total"] == march["total"]


def test_warm_up_loads_the_index_and_the_encoder(app, caplog):
    from communique.api import _warm_up

    with caplog.at_level("ERROR", logger="communique.api"):
        _warm_up(app.state.data)
    assert "warming up failed" not in caplog.text


def test_document_record_and_problem_details(client):
    doc = client.get("/api/v1/documents/sample-ru-1").json()
    assert doc["title"].startswith("Россия и Таджикистан") and "Душанбе" in doc["text"]
    record = client.get("/api/v1/records/sample-ru-1").json()
    assert record["document"]["id"] == "sample-ru-1" and record["events"]
    listed = client.get("/api/v1/records", params={"limit": 2}).json()
    assert len(listed["items"]) == 2 and listed["total"] == 11

    missing = client.get("/api/v1/documents/no-such-document")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(PROBLEM)
    problem = missing.json()
    assert problem["status"] == 404 and problem["title"] == "Not Found"
    assert problem["instance"] == "/api/v1/documents/no-such-document" and "no-such-document" in problem["detail"]

    bad = client.get("/api/v1/documents", params={"limit": 0})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(PROBLEM)
    assert bad.json()["errors"][0]["loc"] == ["query", "limit"]
    assert client.get("/api/v1/events", params={"from": "2026-13"}).status_code == 422
    assert client.get("/api/v1/documents", params={"period": "yesterday"}).status_code == 422
    assert client.get("/api/v1/nothing-here").headers["content-type"].startswith(PROBLEM)


# -- search, entities, events ----------------------------------------------------------------------

def test_search_with_facets_and_filters(client):
    result = client.get("/api/v1/search", params={"q": "кибербезопасность", "mode": "text"}).json()
    ids = [h["id"] for h in result["hits"]]
    assert "sample-ru-1" in ids and result["total"] >= len(ids)
    assert any("[[" in h["snippet"] for h in result["hits"])
    facets = result["facets"]
    assert {"event_type", "topic", "language", "country", "person", "organization", "period"} <= set(facets)
    assert any(f["value"] == "ru" for f in facets["language"])
    narrowed = client.get("/api/v1/search", params={"q": "кибербезопасность", "mode": "text",
                                                     "person": "Веденеев"}).json()
    assert narrowed["hits"] and all(h["id"].startswith("sample-ru") for h in narrowed["hits"])
    browse = client.get("/api/v1/search", params={"event_type": "FORUM"}).json()
    assert {h["id"] for h in browse["hits"]} >= {"sample-ru-3"}
    assert client.get("/api/v1/search", params={"q": "", "language": "fr"}).json()["hits"][0]["id"] == "sample-fr-1"


def test_entity_profile_roles_over_time_events_and_co_participants(client):
    people = client.get("/api/v1/entities", params={"type": "PER", "q": "веденеев"}).json()["items"]
    assert people and people[0]["name"] == "Игорь Веденеев" and people[0]["documents"] >= 4
    key = people[0]["key"]
    profile = client.get("/api/v1/entities/" + quote(key, safe="")).json()
    titles = [r["title"].lower() for r in profile["roles"]]
    assert any(t.startswith("первый заместитель") for t in titles) and any(t.startswith("заместитель") for t in titles)
    first = next(r for r in profile["roles"] if r["title"].lower().startswith("первый"))
    assert first["first"] == "2026-06-10"  # the promotion shows when it was first reported
    assert len(profile["events"]) >= 4
    assert any(c["name"] == "Рустам Назарзода" for c in profile["co_participants"])
    assert client.get("/api/v1/entities/" + quote("PER:Nobody At All", safe="")).status_code == 404
    countries = client.get("/api/v1/entities", params={"type": "LOC", "limit": 200}).json()["items"]
    assert any(c["name"] == "Россия" and c["iso"] == "RU" and c["documents"] >= 6 for c in countries)


def test_events_event_page_sub_events_sources_and_conflicts(client):
    forums = client.get("/api/v1/events", params={"type": "FORUM", "status": "occurred"}).json()["items"]
    assert forums and all(e["type"] == "FORUM" and e["status"] == "occurred" for e in forums)
    march = client.get("/api/v1/events", params={"from": "2026-03", "to": "2026-03"}).json()["items"]
    assert march and all(e["start"].startswith("2026-03") for e in march)
    meeting = event_of(client, "sample-ru-1", "MEETING")
    ev = client.get(f"/api/v1/events/sample-ru-1/{meeting['id']}").json()
    assert {p["name"] for p in ev["participants"]} == {"Игорь Веденеев", "Рустам Назарзода"}
    assert ev["sub_events"] and ev["sub_events"][0]["type"] == "SIGNING"
    assert ev["agreements"] and ev["agreements"][0]["kind"] == "memorandum"
    others = [s["document"] for s in ev["sources"] if not s["this"]]
    assert "sample-ru-6" in others  # the Tajik ministry's report of the same talks
    dates = next(c for c in ev["conflicts"] if c["field"] in ("start", "date"))
    assert {v["value"] for v in dates["values"]} >= {"2026-03-17", "2026-03-16"}
    assert client.get("/api/v1/events/sample-ru-1/e999").status_code == 404


def test_series_agreements_timeline_graph_trend(client):
    series = client.get("/api/v1/series").json()
    assert series["total"] >= 2
    council = next(s for s in series["items"] if "совет" in s["name"].lower() and s["events"] >= 2)
    detail = client.get("/api/v1/series/" + quote(council["key"], safe="")).json()
    assert [e["ordinal"] for e in detail["events"]][:2] == [12, 13]

    agreements = client.get("/api/v1/agreements", params={"kind": "memorandum"}).json()["items"]
    assert agreements and all(a["kind"] == "memorandum" for a in agreements)

    tl = client.get("/api/v1/timeline", params={"from": "2026", "to": "2026", "granularity": "month"}).json()
    assert tl["granularity"] == "month" and tl["from"] == "2026"
    assert [b["key"] for b in tl["buckets"]] == sorted(b["key"] for b in tl["buckets"])
    assert sum(b["count"] for b in tl["buckets"]) == tl["total"]
    assert all(b["key"].startswith("2026-") for b in tl["buckets"])
    days = client.get("/api/v1/timeline", params={"from": "2026-03", "to": "2026-03", "granularity": "day"}).json()
    assert all(len(b["key"]) == 10 for b in days["buckets"])

    graph = client.get("/api/v1/graph").json()
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    assert any({names[e["source"]], names[e["target"]]} == {"Игорь Веденеев", "Рустам Назарзода"} and e["weight"] >= 3
               for e in graph["edges"])
    amina = key_of(client, "Амина Рахимова", "PER")
    ego = client.get("/api/v1/graph", params={"entity": amina}).json()
    assert ego["center"] == amina and any(n["id"] == amina for n in ego["nodes"])

    trend = client.get("/api/v1/topics/trend").json()
    assert trend["months"] == sorted(trend["months"]) and trend["series"]
    assert all(len(s["counts"]) == len(trend["months"]) for s in trend["series"])


def test_exports(client):
    jsonl = client.get("/api/v1/exports/jsonl")
    assert jsonl.status_code == 200 and "attachment" in jsonl.headers["content-disposition"]
    lines = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(lines) == 11 and all("events" in r for r in lines)
    one = client.get("/api/v1/exports/json", params={"document": "sample-ru-2"}).json()
    assert [r["document"]["id"] for r in one] == ["sample-ru-2"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/exports/csv").text)))
    assert rows and {"document", "event", "type", "start", "evidence"} <= set(rows[0])
    assert client.get("/api/v1/exports/xml").status_code == 422
    formats = client.app.state.data.export_formats()
    for fmt, marker in (("jsonld", b"@context"), ("ics", b"BEGIN:VCALENDAR"), ("graphml", b"<graphml"),
                        ("plover", b"[")):
        got = client.get(f"/api/v1/exports/{fmt}")
        if fmt in formats:  # the knowledge base's exports (communique.export), where installed
            assert got.status_code == 200 and marker in got.content[:2000], fmt
        else:
            assert got.status_code == 404 and got.headers["content-type"].startswith(PROBLEM)


# -- access ----------------------------------------------------------------------------------------

def test_tokens_and_roles(client, tokens, app):
    body = {"document": "sample-ru-2", "op": "event.update", "fact": "e1", "value": {"status": "occurred"},
            "reason": "checking roles"}
    anon = client.post("/api/v1/corrections", json=body)
    assert anon.status_code == 401 and anon.headers["content-type"].startswith(PROBLEM)
    assert "Bearer" in anon.headers["www-authenticate"]
    assert client.post("/api/v1/corrections", json=body, headers=bearer(tokens["viewer"])).status_code == 403
    assert client.post("/api/v1/corrections", json=body, headers=bearer("cq_wrong")).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(tokens["editor"])).json()["role"] == "editor"
    assert client.get("/api/v1/tokens", headers=bearer(tokens["editor"])).status_code == 403
    listed = client.get("/api/v1/tokens", headers=bearer(tokens["admin"])).json()
    assert {t["role"] for t in listed} >= {"viewer", "editor", "admin"}
    assert all("token_hash" not in t and not t["prefix"].endswith(tokens["admin"][-8:]) for t in listed)
    made = client.post("/api/v1/tokens", json={"name": "a robot", "role": "viewer"}, headers=bearer(tokens["admin"]))
    assert made.status_code == 201 and made.json()["token"].startswith("cq_")
    robot = made.json()["token"]
    assert client.get("/api/v1/me", headers=bearer(robot)).json()["name"] == "a robot"
    robot_id = next(t["id"] for t in client.get("/api/v1/tokens", headers=bearer(tokens["admin"])).json()
                    if t["name"] == "a robot")
    assert client.delete(f"/api/v1/tokens/{robot_id}", headers=bearer(tokens["admin"])).status_code == 204
    assert client.get("/api/v1/me", headers=bearer(robot)).status_code == 401


def test_private_server_needs_a_token_to_read(db):
    app = create_app(db, private=True)
    token = create_token(app.state.store, name="reader", role="viewer")
    with TestClient(app) as c:
        assert c.get("/api/v1/documents").status_code == 401
        assert c.get("/api/v1/documents", headers=bearer(token)).status_code == 200
        assert c.get("/").status_code == 401
        assert c.get("/login").status_code == 200


def test_sessions_and_csrf_on_forms(app, tokens):
    with TestClient(app) as c:
        page = c.get("/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        cookie = page.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie
        assert c.post("/login", data={"token": tokens["editor"], "csrf_token": "forged"}).status_code == 403
        assert c.post("/login", data={"token": "cq_nope", "csrf_token": csrf}).status_code == 401
        signed = c.post("/login", data={"token": tokens["editor"], "csrf_token": csrf, "next": "/events"},
                        follow_redirects=False)
        assert signed.status_code == 303 and signed.headers["location"] == "/events"
        page = c.get("/documents/sample-ru-5")
        assert "test editor" in page.text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        form = {"op": "agreement.update", "fact": "a1", "signed": "2026-06-10", "title": "",
                "reason": "the roadmap was signed on the second day"}
        record = c.get("/api/v1/records/sample-ru-5").json()
        form["fact"] = record["agreements"][0]["id"]
        form["title"] = record["agreements"][0]["title"]
        assert c.post("/documents/sample-ru-5/corrections", data=form).status_code == 403  # no CSRF token
        done = c.post("/documents/sample-ru-5/corrections", data={**form, "csrf_token": csrf},
                      follow_redirects=False)
        assert done.status_code == 303
        after = c.get("/api/v1/records/sample-ru-5").json()["agreements"][0]
        assert after["signed"] == "2026-06-10"
        # a write through the API with the session cookie alone needs the CSRF header
        body = {"document": "sample-ru-5", "op": "event.update", "fact": "e1", "value": {"status": "occurred"},
                "reason": "session write"}
        assert c.post("/api/v1/corrections", json=body).status_code == 403
        assert c.post("/api/v1/corrections", json=body, headers={"X-CSRF-Token": csrf}).status_code == 201
        c.post("/logout", data={"csrf_token": csrf})
        assert "test editor" not in c.get("/").text


def test_revoked_token_ends_its_session(app):
    store = app.state.store
    token = create_token(store, name="short-lived", role="editor")
    with TestClient(app) as c:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
        c.post("/login", data={"token": token, "csrf_token": csrf})
        assert "short-lived" in c.get("/").text
        tid = next(t["id"] for t in list_tokens(store) if t["name"] == "short-lived")
        revoke_token(store, tid)
        app.state.tokens.clear()
        assert "short-lived" not in c.get("/").text


# -- corrections -------------------------------------------------------------------------------------

def test_correction_is_applied_shown_exported_and_survives_reextraction(client, tokens, db):
    meeting = event_of(client, "sample-ru-6", "MEETING")
    body = {"document": "sample-ru-6", "op": "event.update", "fact": meeting["id"],
            "value": {"start": "2026-03-17"}, "reason": "The Russian ministry dates the talks to 17 March."}
    made = client.post("/api/v1/corrections", json=body, headers=bearer(tokens["editor"]))
    assert made.status_code == 201, made.text
    c = made.json()
    assert c["author"] == "test editor" and c["previous"] == {"start": "2026-03-16"} and c["created"]
    assert c["anchor"]["evidence"].startswith("16 марта 2026 г.")

    corrected = client.get("/api/v1/records/sample-ru-6").json()
    raw = client.get("/api/v1/records/sample-ru-6", params={"raw": True}).json()
    fixed = next(e for e in corrected["events"] if e["id"] == meeting["id"])
    assert fixed["start"] == "2026-03-17"
    assert next(e for e in raw["events"] if e["id"] == meeting["id"])["start"] == "2026-03-16"
    detail = client.get(f"/api/v1/events/sample-ru-6/{meeting['id']}").json()
    assert detail["corrections"] and detail["corrections"][0]["reason"].startswith("The Russian ministry")
    assert "✎" in client.get("/documents/sample-ru-6").text
    export = client.get("/api/v1/exports/json", params={"document": "sample-ru-6"}).json()[0]
    assert next(e for e in export["events"] if e["id"] == meeting["id"])["start"] == "2026-03-17"
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/exports/csv").text)))
    assert any(r["document"] == "sample-ru-6" and r["start"] == "2026-03-17" for r in rows)
    timeline = client.get("/api/v1/events", params={"document": "sample-ru-6", "type": "MEETING"}).json()
    assert timeline["items"][0]["start"] == "2026-03-17" and timeline["items"][0]["corrected"]

    # A newer extractor runs again over the same text and numbers its events differently: the
    # correction finds its event by the evidence it is anchored to, not by the old id.
    from communique.extract.pipeline import extract_document

    with Store.open(db) as store:
        again = extract_document(store.get_document("sample-ru-6"))
        renumbered = {e.id: "n" + e.id for e in again.events}
        for e in again.events:
            e.id = renumbered[e.id]
            e.parent = renumbered.get(e.parent) if e.parent else None
        for a in again.agreements:
            a.event = renumbered.get(a.event) if a.event else None
        again = dataclasses.replace(again, extractor=dataclasses.replace(again.extractor, version="99.0.0"))
        assert store.put(again).status == "upgraded"
        assert store.get_record("sample-ru-6").extractor.version == "99.0.0"
    after = client.get("/api/v1/records/sample-ru-6").json()
    meeting_again = next(e for e in after["events"] if e["id"] == "n" + meeting["id"])
    assert meeting_again["start"] == "2026-03-17"
    assert client.get("/api/v1/documents/sample-ru-6").json()["orphaned_corrections"] == 0

    # withdrawn: the extracted value comes back; the correction is kept, marked
    reverted = client.post(f"/api/v1/corrections/{c['id']}/revert", headers=bearer(tokens["editor"]))
    assert reverted.status_code == 200 and reverted.json()["reverted"]
    back = client.get("/api/v1/records/sample-ru-6").json()
    assert next(e for e in back["events"] if e["id"] == "n" + meeting["id"])["start"] == "2026-03-16"
    listed = client.get("/api/v1/corrections", params={"document": "sample-ru-6"}).json()["items"]
    assert any(x["id"] == c["id"] and x["reverted"] for x in listed)


def test_correction_missing_participant_and_wrong_merge(client, tokens):
    forum = event_of(client, "sample-ru-3", "FORUM")
    add = {"document": "sample-ru-3", "op": "event.add_participant", "fact": forum["id"],
           "value": {"name": "Рустам Назарзода", "type": "PER", "role": "host"}, "reason": "He opened the forum."}
    assert client.post("/api/v1/corrections", json=add, headers=bearer(tokens["editor"])).status_code == 201
    ev = client.get(f"/api/v1/events/sample-ru-3/{forum['id']}").json()
    assert {"name": "Рустам Назарзода", "role": "host"}.items() <= next(
        p for p in ev["participants"] if p["name"] == "Рустам Назарзода").items()
    profile = client.get("/api" + "/v1" + entity_path(client, "Рустам Назарзода", "PER")).json()
    assert any(e["document"] == "sample-ru-3" and e["id"] == forum["id"] for e in profile["events"])

    record = client.get("/api/v1/records/sample-ru-1").json()
    person = next(e for e in record["entities"] if e["name"] == "Игорь Веденеев")
    split = {"document": "sample-ru-1", "op": "entity.split", "fact": person["id"],
             "value": {"alias": "И.А. Веденеев", "name": "Иван Веденеев"}, "reason": "Another Vedeneev: wrong merge."}
    assert client.post("/api/v1/corrections", json=split, headers=bearer(tokens["editor"])).status_code == 201
    after = client.get("/api/v1/records/sample-ru-1").json()
    assert any(e["name"] == "Иван Веденеев" for e in after["entities"])
    assert "И.А. Веденеев" not in next(e for e in after["entities"] if e["name"] == "Игорь Веденеев")["aliases"]
    assert client.get("/api/v1" + entity_path(client, "Иван Веденеев", "PER")).status_code == 200

    bad = {**add, "value": {"name": ""}}
    refused = client.post("/api/v1/corrections", json=bad, headers=bearer(tokens["editor"]))
    assert refused.status_code == 422 and refused.headers["content-type"].startswith(PROBLEM)
    nowhere = {**add, "document": "no-such-doc"}
    assert client.post("/api/v1/corrections", json=nowhere, headers=bearer(tokens["editor"])).status_code == 404
    other_editor = create_token(client.app.state.store, name="someone else", role="editor")
    mine = client.get("/api/v1/corrections", params={"document": "sample-ru-3"}).json()["items"][0]["id"]
    assert client.post(f"/api/v1/corrections/{mine}/revert", headers=bearer(other_editor)).status_code == 403


def test_merge_and_split_entities_in_the_knowledge_base(client, tokens):
    pytest.importorskip("communique.link")
    editor = bearer(tokens["editor"])
    countries = {e["name"]: e["key"] for e in client.get("/api/v1/entities", params={"type": "LOC", "limit": 200})
                 .json()["items"]}
    body = {"a": "Армения", "b": "Беларусь", "reason": "testing a merge"}
    assert client.post("/api/v1/entities/merge", json=body).status_code == 401
    merged = client.post("/api/v1/entities/merge", json=body, headers=editor)
    assert merged.status_code == 200, merged.text
    names = {e["name"] for e in client.get("/api/v1/entities", params={"type": "LOC", "limit": 200}).json()["items"]}
    assert not {"Армения", "Беларусь"} <= names  # one entity now
    audit = client.get("/api/v1/merges").json()["items"]
    assert audit[0]["action"] == "merge" and audit[0]["who"] == "test editor" and audit[0]["why"] == "testing a merge"
    key = merged.json()["entity"]
    profile = client.get("/api/v1/entities/" + quote(key, safe="")).json()
    other = "Беларусь" if profile["name"] == "Армения" else "Армения"
    split = client.post(f"/api/v1/entities/{quote(key, safe='')}/split",
                        json={"aliases": [other], "reason": "they are two countries"}, headers=editor)
    assert split.status_code == 200, split.text
    names = {e["name"] for e in client.get("/api/v1/entities", params={"type": "LOC", "limit": 200}).json()["items"]}
    assert {"Армения", "Беларусь"} <= names
    assert "they are two countries" in client.get("/corrections").text
    nothing = client.post("/api/v1/entities/merge", json={"a": "Армения", "b": "Nowhere-land", "reason": "x"},
                          headers=editor)
    assert nothing.status_code == 404 and nothing.headers["content-type"].startswith(PROBLEM)  # no entity is named so
    same = client.post("/api/v1/entities/merge", json={"a": "Армения", "b": "Армения", "reason": "x"}, headers=editor)
    assert same.status_code == 409 and "already one entity" in same.json()["detail"]  # the store refuses, not the request
    blank = client.post(f"/api/v1/entities/{quote('Армения', safe='')}/split", json={"aliases": [" "], "reason": "x"},
                        headers=editor)
    assert blank.status_code == 422  # refused by the schema the spec states (a name with a letter in it)
    assert countries  # the countries were listed before and after


def test_apply_corrections_on_a_record():
    from communique.extract.pipeline import extract

    rec = extract("18.03.2026\nВчера в Душанбе состоялись переговоры Министра промышленности Республики Таджикистан "
                  "Рустама Назарзода с делегацией Армении.\nПо итогам переговоров подписан Меморандум о "
                  "взаимопонимании.", published="2026-03-18", language="ru", id="t1")
    ev = rec.events[0]
    ag = rec.agreements[0]

    def corr(n, op, target, fact, value):
        from communique.corrections import agreement_anchor, entity_anchor, event_anchor

        anchor = {"event": event_anchor, "entity": entity_anchor, "agreement": agreement_anchor}[target](rec, fact)
        return Correction(n, "t1", op, target, fact, anchor, validate(op, value), {}, "ann", "why", "now")

    fixed = apply_corrections(rec, [
        corr(1, "event.update", "event", ev.id, {"location": "Худжанд", "status": "occurred"}),
        corr(2, "event.add_participant", "event", ev.id, {"name": "Армения", "type": "LOC"}),
        corr(3, "agreement.reject", "agreement", ag.id, {}),
    ])
    out = fixed.record
    assert out.entity_name(out.events[0].location) == "Худжанд"
    assert "Армения" in {out.entity_name(p.entity) for p in out.events[0].participants}
    assert not out.agreements and ("agreement", ag.id) in fixed.rejected
    assert rec.agreements and rec.entity_name(rec.events[0].location) == "Душанбе"  # the input is untouched
    assert len(fixed.applied) == 3 and not fixed.orphaned
    lost = Correction(9, "t1", "event.update", "event", "e7", {"type": "VISIT", "evidence": "not in the text"},
                      {"status": "planned"}, {}, "ann", "why", "now")
    assert apply_corrections(rec, [lost]).orphaned == [lost]
    with pytest.raises(CorrectionError):
        validate("event.update", {"start": "2026-02-30x"})
    with pytest.raises(CorrectionError):
        validate("event.update", {"colour": "red"})
    with pytest.raises(CorrectionError):
        validate("event.drop", {})


# -- pages ----------------------------------------------------------------------------------------

def test_every_page_renders_in_both_languages(client):
    russia = key_of(client, "Россия", "LOC")
    urls = ["/", "/?q=форум", "/documents", "/documents/sample-ru-2", "/entities", "/entities/" + quote(russia, safe=""),
            "/events", "/events/sample-ru-2/e1", "/timeline", "/timeline?from=2026-03&to=2026-03&granularity=day",
            "/graph", "/graph?entity=" + quote(russia, safe=""), "/topics", "/series", "/agreements", "/corrections",
            "/login", "/api"]
    for url in urls:
        for lang, word in (("ru", "Поиск"), ("en", "Search")):
            r = client.get(url + ("&" if "?" in url else "?") + "lang=" + lang)
            assert r.status_code == 200, url
            assert word in r.text and f'<html lang="{lang}">' in r.text, (url, lang)
            assert "default-src 'self'" in r.headers["content-security-policy"]
    missing = client.get("/documents/nope")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "lang=\"ru\"" in TestClient(client.app).get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).text


def test_document_page_marks_every_fact_at_its_evidence(client):
    html = client.get("/documents/sample-ru-1?lang=en").text
    assert html.count('class="fact') >= 4
    assert 'href="/events/sample-ru-1/e1"' in html
    vedeneev = quote(key_of(client, "Игорь Веденеев", "PER"), safe="")
    assert re.search(f'<a class="mention PER[^"]*" href="/entities/{vedeneev}"', html)
    assert 'class="chip agreement"' in html


def test_document_content_is_escaped_everywhere(client):
    pages = [client.get("/documents/xss-probe").text, client.get("/?q=Визит&mode=text").text,
             client.get("/documents").text, client.get("/agreements").text, client.get("/events").text,
             client.get("/api/v1/search", params={"q": "Визит"}).text]
    for html in pages[:-1]:
        for raw in ("<script>window.__xss", "<img src=x onerror", "<svg onload", "<iframe", 'href="javascript:'):
            assert raw not in html, raw
    assert "<script>" not in pages[-1] or pages[-1].startswith("{")  # JSON, served as application/json
    doc = pages[0]
    assert "&lt;script&gt;window.__xss=4&lt;/script&gt;" in doc and "&lt;img src=x onerror=" in doc


def test_serve_commands(tmp_path):
    typer = pytest.importorskip("typer")
    from typer.testing import CliRunner

    from communique.cli.serve import register

    app = typer.Typer()
    register(app)
    runner = CliRunner()
    out = runner.invoke(app, ["demo", "--no-serve", "--json", "--db", str(tmp_path / "d.db")])
    assert out.exit_code == 0, out.output
    summary = json.loads(out.output)
    assert summary["documents"] == 10 and summary["ingest"]["failed"] == 0 and summary["editor_token"].startswith("cq_")
    again = runner.invoke(app, ["demo", "--no-serve", "--db", str(tmp_path / "d.db")])
    assert again.exit_code == 2  # a fresh database, never an old one
    made = runner.invoke(app, ["token", "create", "--name", "ops", "--role", "admin", "--db", str(tmp_path / "d.db")])
    assert made.exit_code == 0 and made.output.strip().startswith("cq_")
    listed = runner.invoke(app, ["token", "list", "--db", str(tmp_path / "d.db")])
    assert "ops" in listed.output and "demo editor" in listed.output and made.output.strip() not in listed.output
    assert runner.invoke(app, ["token", "revoke", "2", "--db", str(tmp_path / "d.db")]).exit_code == 0
    assert runner.invoke(app, ["token", "revoke", "2", "--db", str(tmp_path / "d.db")]).exit_code == 1
    assert runner.invoke(app, ["token", "create", "--name", "x", "--role", "root"]).exit_code == 2


# -- abuse: body size, failed authentication, repeated filters --------------------------------------

def test_failed_token_checks_are_paced_per_client_with_retry_after(db, tokens):
    from communique.api.limits import FailureLimiter

    app = create_app(db, cache_ttl=0, failures=FailureLimiter(max_failures=3, window=60))
    with TestClient(app, client=("192.0.2.7", 5000)) as c, TestClient(app, client=("192.0.2.8", 5000)) as other:
        for _ in range(3):
            assert c.get("/api/v1/documents", headers=bearer("cq_wrong")).status_code == 401
        res = c.get("/api/v1/documents", headers=bearer(tokens["viewer"]))  # even a good token waits now
        assert res.status_code == 429 and res.headers["content-type"].startswith(PROBLEM)
        assert 1 <= int(res.headers["retry-after"]) <= 60
        assert other.get("/api/v1/documents", headers=bearer(tokens["viewer"])).status_code == 200
        assert c.get("/api/v1/documents").status_code == 200  # reading without a token is not a check


def test_failed_sign_ins_are_paced(db):
    from communique.api.limits import FailureLimiter

    app = create_app(db, cache_ttl=0, failures=FailureLimiter(max_failures=2, window=60))
    with TestClient(app) as c:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
        for _ in range(2):
            assert c.post("/login", data={"token": "cq_nope", "csrf_token": csrf}).status_code == 401
        res = c.post("/login", data={"token": "cq_nope", "csrf_token": csrf})
        assert res.status_code == 429 and int(res.headers["retry-after"]) >= 1


def test_failure_limiter_forgets_after_its_window_and_bounds_its_memory():
    from communique.api.limits import FailureLimiter

    now = [0.0]
    limiter = FailureLimiter(max_failures=2, window=10, max_clients=3, clock=lambda: now[0])
    limiter.failed("a")
    limiter.failed("a")
    assert limiter.retry_after("a") == 10 and limiter.retry_after("b") is None
    now[0] = 4.0
    assert limiter.retry_after("a") == 6
    now[0] = 10.5
    assert limiter.retry_after("a") is None
    for client in ("b", "c", "d", "e"):
        limiter.failed(client)
    assert len(limiter._failures) <= 3


def test_a_body_over_the_limit_is_refused_before_it_is_read(db):
    app = create_app(db, cache_ttl=0, max_body=10_000)
    with TestClient(app) as c:
        small = c.post("/api/v1/corrections", json={"document": "x"})
        assert small.status_code == 401  # no token: the ordinary answer
        big = c.post("/api/v1/corrections", content=b"{" + b" " * 20_000 + b"}",
                     headers={"content-type": "application/json"})
        assert big.status_code == 413 and "over the limit of 10000 bytes" in big.json()["detail"]
        assert big.headers["content-type"] == "application/problem+json"
        assert big.json()["status"] == 413 and big.json()["instance"] == "/api/v1/corrections"

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(30):
                yield b" " * 1000

        streamed = c.post("/login", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
        assert streamed.status_code == 413 and streamed.text.startswith("413 Content Too Large")


def test_a_repeated_filter_is_bounded_with_a_clear_answer(client):
    many = [("person", f"Name {i}") for i in range(25)]
    res = client.get("/api/v1/search", params=[("q", "визит"), *many])
    detail = res.json()["detail"]
    assert res.status_code == 422 and detail.startswith("person:") and "at most 20" in detail and "25" in detail
    spec = client.get("/api/openapi.json").json()
    person = next(p for p in spec["paths"]["/api/v1/search"]["get"]["parameters"] if p["name"] == "person")
    assert "maxItems" in str(person["schema"]) and "20" in str(person["schema"])  # the spec states the bound
    page = client.get("/search", params=[("q", "визит"), *many])
    assert page.status_code == 400 and "at most 20 values" in page.text
    assert client.get("/api/v1/search", params=[("q", "визит"), *many[:3]]).status_code == 200


def test_demo_checks_the_port_first_and_leaves_no_temporary_folder(tmp_path, monkeypatch):
    import socket
    import tempfile

    typer = pytest.importorskip("typer")
    from typer.testing import CliRunner

    from communique.cli.serve import port_problem, read_secret, register

    app = typer.Typer()
    register(app)
    runner = CliRunner()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert "another server" in port_problem("127.0.0.1", port)
        out = runner.invoke(app, ["demo", "--port", str(port), "--db", str(tmp_path / "never.db")])
        assert out.exit_code == 2 and "another server" in out.output
        assert not (tmp_path / "never.db").exists()  # refused before building anything
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = runner.invoke(app, ["demo", "--no-serve"])
    assert out.exit_code == 0, out.output
    assert "removed when the demo ends" in out.output
    assert list(scratch.iterdir()) == []
    key_file = tmp_path / "session.key"
    key_file.write_text("k" * 40 + "\n")
    assert read_secret(None, key_file) == "k" * 40 and read_secret("given", key_file) == "given"
