"""The optional phrasing of answers by an OpenAI-compatible model (communique.answer.generate), against a
fake chat-completions server on 127.0.0.1 started here: what it is sent, which of its sentences are
kept, that any failure leaves the composed answer, and that nothing is sent unless configured. The
releases are made up for these tests."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import communique
from communique.search import Searcher, semantic
from communique.service import Service
from communique.store import Store

RELEASES = {
    "customs": ("en", "2026-05-06",
                "Ghana and Kenya sign customs agreement\n\n"
                "On 5 May 2026 in Nairobi, Minister of Trade of Ghana Kofi Mensah-Obeng and Minister of Trade "
                "of Kenya Wanjiru Kamau signed an agreement on customs cooperation. "
                "The ministers also discussed the harmonisation of cargo inspection procedures."),
    "fisheries": ("en", "2026-04-20",
                  "Fisheries talks in Accra\n\n"
                  "On 18 April 2026 the delegations of Ghana and Senegal held talks in Accra on sustainable "
                  "fisheries and the protection of coastal waters."),
}
QUESTION = "What did Ghana and Kenya sign?"


class FakeModel(BaseHTTPRequestHandler):
    """A chat-completions endpoint: records each request, answers with `reply` (status, body) after `delay`."""

    requests: list[dict] = []
    reply: tuple[int, bytes] = (500, b"")
    delay = 0.0

    def do_POST(self):  # noqa: N802 (the http.server name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeModel.requests.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                   "body": json.loads(body)})
        time.sleep(FakeModel.delay)
        status, payload = FakeModel.reply
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client gave up (the timeout case)
            pass

    def log_message(self, *args):
        pass


def completion(text: str) -> tuple[int, bytes]:
    return 200, json.dumps({"choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]}).encode()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/v1"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('gen') / 'kb.db'}")
    for doc_id, (lang, published, text) in RELEASES.items():
        store.put(communique.extract(text, published=published, language=lang, id=doc_id,
                                     url=f"https://example.test/press/{doc_id}"))
    yield Service(store, searcher=Searcher(store, index=semantic.VectorIndex(None)))
    store.close()


@pytest.fixture
def model(server, service, monkeypatch):
    """configure(reply, **env) sets the fake server up as the answer model and returns the answer composed
    before (no model); the server's requests start empty."""
    FakeModel.requests.clear()
    FakeModel.delay = 0.0
    for name in ("COMMUNIQUE_LLM_URL", "COMMUNIQUE_LLM_MODEL", "COMMUNIQUE_LLM_KEY", "COMMUNIQUE_LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    composed = None

    def configure(reply=None, **env):
        nonlocal composed
        if composed is None:  # the composed answer, before anything is configured
            composed = service.ask(QUESTION)
        if reply is not None:
            FakeModel.reply = reply
        monkeypatch.setenv("COMMUNIQUE_LLM_URL", server)
        monkeypatch.setenv("COMMUNIQUE_LLM_MODEL", "fake-model")
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return composed

    return configure


def _customs_citation(result: dict) -> int:
    return next(n for n, c in enumerate(result["citations"], 1) if "customs cooperation" in c["sentence"])


def test_the_model_is_sent_the_question_and_the_cited_sentences_and_its_cited_sentences_are_kept(model, service):
    composed = model(COMMUNIQUE_LLM_KEY="secret-key")
    n = _customs_citation(composed)
    FakeModel.reply = completion(f"Ghana and Kenya signed an agreement on customs cooperation in Nairobi [{n}].")
    got = service.ask(QUESTION)
    assert len(FakeModel.requests) == 1
    sent = FakeModel.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer secret-key"
    assert sent["body"]["model"] == "fake-model"
    user = sent["body"]["messages"][-1]["content"]
    assert QUESTION in user
    for i, c in enumerate(composed["citations"], 1):
        assert f"[{i}] {c['sentence'].strip()}" in user
    assert "ONLY" in sent["body"]["messages"][0]["content"]
    assert got["answer"] == f"Ghana and Kenya signed an agreement on customs cooperation in Nairobi [{n}]."
    assert got["phrased_by"] == "fake-model"
    assert got["citations"] == composed["citations"] and got["facts"] == composed["facts"]


def test_sentences_without_a_citation_or_unsupported_by_theirs_are_dropped(model, service):
    n = _customs_citation(model())
    FakeModel.reply = completion(
        f"Ghana and Kenya signed an agreement on customs cooperation [{n}]. "
        f"The agreement also founded a joint lunar research agency with a budget of ten billion dollars [{n}]. "
        "The ministers discussed cargo inspection procedures. "
        "Ghana and Kenya signed an agreement on customs cooperation [99].")
    got = service.ask(QUESTION)
    assert got["answer"] == f"Ghana and Kenya signed an agreement on customs cooperation [{n}]."
    assert got["phrased_by"] == "fake-model"


@pytest.mark.parametrize("failure", ["status", "garbage", "shape", "huge", "timeout", "unsupported"])
def test_a_failing_model_leaves_the_composed_answer(model, service, failure):
    replies = {"status": (500, b'{"error": "overloaded"}'), "garbage": (200, b"<html>not json"),
               "shape": (200, b'{"choices": []}'), "huge": completion("x " * 600_000),
               "timeout": completion("Ghana and Kenya signed an agreement on customs cooperation [1]."),
               "unsupported": completion("Mars and Venus signed a treaty on rings [1]. Nothing else.")}
    composed = model(replies[failure], COMMUNIQUE_LLM_TIMEOUT="0.5")
    if failure == "timeout":
        FakeModel.delay = 2.0
    got = service.ask(QUESTION)
    assert len(FakeModel.requests) == 1
    assert got == composed and got["phrased_by"] is None


def test_nothing_is_sent_unless_configured(model, service):
    FakeModel.reply = completion("Ghana and Kenya signed an agreement on customs cooperation [1].")
    got = service.ask(QUESTION)
    assert FakeModel.requests == [] and got["phrased_by"] is None and "customs cooperation" in got["answer"]


def test_the_api_returns_the_phrased_answer_and_the_page_shows_it(model, server, tmp_path):
    from fastapi.testclient import TestClient

    from communique.api import create_app

    db = f"sqlite:///{tmp_path / 'kb.db'}"
    with Store.open(db) as store:
        lang, published, text = RELEASES["customs"]
        store.put(communique.extract(text, published=published, language=lang, id="customs"))
    model(completion("Ghana and Kenya signed an agreement on customs cooperation [1]."))
    with TestClient(create_app(db, cache_ttl=0)) as client:
        got = client.post("/api/v1/ask", json={"question": QUESTION}).json()
        assert got["phrased_by"] == "fake-model" and set(got) >= {"question", "answer", "citations", "facts"}
        assert got["answer"] == "Ghana and Kenya signed an agreement on customs cooperation [1]."
        page = client.get("/ask", params={"q": QUESTION}).text
        assert 'id="phrased"' in page and "fake-model" in page


def test_the_ask_command_documents_the_model():
    from typer.testing import CliRunner

    from communique.cli.main import app as cli

    out = CliRunner().invoke(cli, ["ask", "--help"], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and "COMMUNIQUE_LLM_URL" in out.output and "COMMUNIQUE_LLM_MODEL" in out.output
