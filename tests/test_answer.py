"""Cited answers (communique.answer): each question kind, an English question over a Russian release,
the fallback to sentences, the "nothing supports an answer" case, citations whose offsets are true;
the `ask` command and POST /api/v1/ask. The releases are made up for these tests."""

from __future__ import annotations

import json

import pytest

import communique
from communique.answer import answer, question_kind
from communique.search import Searcher, semantic

RELEASES = {
    "talks": ("ru", "2026-02-10",
              "Переговоры министров цифрового развития Казахстана и Монголии\n\n"
              "9 февраля 2026 года в Астане министр цифрового развития Казахстана Арман Тлеубердин провёл "
              "переговоры с министром цифрового развития Монголии Батбаяром Ганзоригом. "
              "Стороны подписали меморандум о сотрудничестве в области кибербезопасности. "
              "Делегацию Монголии возглавлял министр Батбаяр Ганзориг."),
    "council": ("ru", "2026-03-04",
                "Совещание министров ШОС по цифровому развитию\n\n"
                "3 марта 2026 года в Ташкенте прошло совещание министров ШОС по цифровому развитию. "
                "В совещании приняли участие делегации Казахстана, Кыргызстана и Таджикистана."),
    "weather": ("ru", "2026-01-15",
                "Заметки о погоде\n\n"
                "Всю неделю погода в столице оставалась солнечной и тёплой, дожди прошли лишь на побережье."),
    "board": ("ru", "2026-06-12",
              "Заседание межправительственной подкомиссии по связи\n\n"
              "11 июня 2026 года в Казани состоялось 7-е заседание Белорусско-казахстанской подкомиссии "
              "по сотрудничеству в области связи. Стороны обсудили развитие почтовой логистики. "
              "Предыдущее, 6-е заседание прошло в Караганде в мае 2025 года."),
    "visit": ("en", "2026-05-08",
              "Minister visits Kenya\n\n"
              "Minister of Communications of Ghana Kwesi Ampofo-Darko visited Nairobi from 5 to 7 May 2026. "
              "During the visit, Ghana and Kenya signed an agreement on cooperation in digital identity."),
}


@pytest.fixture
def kb(store):
    for doc_id, (lang, published, text) in RELEASES.items():
        store.put(communique.extract(text, published=published, language=lang, id=doc_id,
                                     url=f"https://example.test/press/{doc_id}"))
    return store, Searcher(store, index=semantic.VectorIndex(None))  # full text only; no vector files


def ask(kb, question, language=None):
    store, searcher = kb
    result = answer(store, question, language=language, searcher=searcher)
    for c in result.citations:  # every citation's offsets point at its sentence
        assert store.get_document(c.document_id).text[c.start:c.end] == c.sentence
        assert c.url == f"https://example.test/press/{c.document_id}"
    if result.mode != "none":
        assert result.citations, "an answer without a citation"
    return result


@pytest.mark.parametrize(("question", "kind"), [
    ("Кто возглавлял делегацию?", "who"), ("Who chaired the session?", "who"),
    ("Когда прошли переговоры?", "when"), ("When did the ministers meet?", "when"),
    ("Где прошло совещание?", "where"), ("Where was the forum held?", "where"),
    ("Что подписали стороны?", "signed"), ("What was signed in the capital?", "signed"),
    ("Сколько совещаний прошло?", "count"), ("How many visits were made?", "count"),
    ("Какие организации участвовали?", "bodies"), ("Which bodies took part?", "bodies"),
    ("Какие заседания совета прошли в этом году?", "series"),
    ("С какими министрами провёл переговоры министр?", "events-of-person"),
    # what someone did or discussed is not what was signed
    ("What did the ministers discuss in the capital?", "what"), ("What did the minister do there?", "what"),
    ("What did the two sides sign at the forum?", "signed"), ("Что обсудили министры?", "what"),
    ("Какие документы подписала делегация?", "signed"),
    ("Which Mongolian company signed the memorandum?", "bodies"), ("Какие компании участвовали в форуме?", "bodies"),
])
def test_question_kinds_in_both_languages(question, kind):
    assert question_kind(question) == kind


def test_who_names_the_person_from_the_facts(kb):
    result = ask(kb, "Кто возглавлял делегацию Монголии?")
    assert result.kind == "who" and result.mode == "facts"
    assert "Ганзориг" in result.answer
    assert result.citations[0].document_id == "talks"
    assert any(f["fact"] == "person" and "Ганзориг" in f["name"] for f in result.facts)


def test_when_gives_the_event_dates(kb):
    result = ask(kb, "Когда прошли переговоры министров в Астане?")
    assert result.kind == "when" and "2026-02-09" in result.answer
    assert result.citations[0].document_id == "talks"


def test_where_gives_the_place(kb):
    result = ask(kb, "Где прошло совещание министров ШОС по цифровому развитию?")
    assert result.kind == "where" and "Ташкент" in result.answer
    assert result.citations[0].document_id == "council"


def test_signed_gives_the_agreement(kb):
    result = ask(kb, "Что подписали Казахстан и Монголия?")
    assert result.kind == "signed" and "меморандум" in result.answer.lower()
    assert any(f["fact"] == "agreement" for f in result.facts)


def test_count_counts_the_cited_events(kb):
    result = ask(kb, "Сколько совещаний министров ШОС прошло в Ташкенте?")
    assert result.kind == "count" and result.answer.startswith("Найдено событий: ")
    assert result.citations[0].document_id == "council"


def test_series_answer_brings_the_other_numbered_meetings(kb):
    result = ask(kb, "В каких городах прошли заседания Белорусско-казахстанской подкомиссии по сотрудничеству в области связи?")
    assert result.kind == "where"
    assert "Казан" in result.answer and "Караганд" in result.answer
    assert {c.document_id for c in result.citations} == {"board"}


def test_english_question_over_a_russian_release(kb):
    result = ask(kb, "Where did the SCO digital development ministers meet?", language="en")
    assert result.citations and result.citations[0].document_id == "council"
    assert "Ташкент" in result.answer


def test_english_question_over_an_english_release(kb):
    result = ask(kb, "What did Ghana and Kenya sign?", language="en")
    assert result.kind == "signed" and result.citations[0].document_id == "visit"
    assert "digital identity" in result.answer


def test_fallback_to_sentences_is_marked(kb):
    result = ask(kb, "Какая погода стояла в столице на этой неделе?")
    assert result.mode == "sentences" and not result.facts
    assert result.answer.startswith("Извлечённые факты не отвечают прямо")
    assert result.citations[0].document_id == "weather"


@pytest.mark.parametrize("question", ["Какой рецепт бананового пирога?", "xyzzyqq", ""])
def test_nothing_supports_an_answer(kb, question):
    result = ask(kb, question)
    assert result.mode == "none" and not result.citations and not result.facts
    assert "нет сведений" in result.answer or "Nothing" in result.answer


def test_ask_command_and_api(tmp_path):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from communique.api import create_app
    from communique.cli.main import app as cli
    from communique.store import Store

    db = f"sqlite:///{tmp_path / 'kb.db'}"
    with Store.open(db) as store:
        lang, published, text = RELEASES["talks"]
        store.put(communique.extract(text, published=published, language=lang, id="talks",
                                     url="https://example.test/press/talks"))
    out = CliRunner().invoke(cli, ["ask", "Кто возглавлял делегацию Монголии?", "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    got = json.loads(out.output)
    assert set(got) >= {"question", "answer", "citations", "facts"} and "Ганзориг" in got["answer"]
    assert set(got["citations"][0]) == {"document_id", "url", "sentence", "start", "end"}
    with TestClient(create_app(db, cache_ttl=0)) as client:
        r = client.post("/api/v1/ask", json={"question": "Что подписали Казахстан и Монголия?"})
        assert r.status_code == 200, r.text
        assert "меморандум" in r.json()["answer"].lower() and r.json()["citations"][0]["document_id"] == "talks"
        assert "post" in client.get("/api/openapi.json").json()["paths"]["/api/v1/ask"]
        assert client.post("/api/v1/ask", json={"question": ""}).status_code == 422


def test_facts_are_placed_in_the_sentences_they_overlap():
    from communique.answer.core import per_sentence
    from communique.nlp import sentences

    text = "Первое предложение здесь. Второе предложение длиннее первого. Третье."
    spans = sentences(text)
    items = [(0, 6), (27, 33), (20, 35), (len(text) - 7, len(text) - 1)]  # the second one crosses a boundary
    placed = per_sentence(spans, items, lambda it: it)
    assert placed == [[(0, 6), (20, 35)], [(27, 33), (20, 35)], [(len(text) - 7, len(text) - 1)]]


def test_a_how_many_question_prefers_the_number_next_to_what_it_counts():
    from communique.answer.core import _counts, counted_word

    assert counted_word("Сколько студентов обучит академия?") == "студен"
    assert counted_word("Кто возглавил делегацию?") is None
    counted = counted_word("How many students will the academy train each year?")
    assert _counts("Each year no fewer than 300 students will be trained.", counted)
    assert not _counts("In 2027 the academy will open a second building for students.", counted)


def test_rare_question_words_weigh_more_than_those_every_sentence_shares():
    from communique.answer.core import word_weights

    weights = word_weights([{"совеща", "возгла"}, {"совеща"}, {"совеща"}, {"совеща"}])
    assert weights["возгла"] > 1.2 > weights["совеща"] > 0.5


def test_an_english_when_question_reads_a_russian_release_by_its_terms_and_event_type(kb):
    """No English word of the question stands in the release: the subject term's Russian translation
    (the topic lexicon) and the event type the question speaks of ("signed" → SIGNING) find it, and
    the date comes from the signing the sentence states (a sub-event of the talks)."""
    result = ask(kb, "When was the cybersecurity memorandum signed?")
    assert result.kind == "when" and result.mode == "facts"
    assert result.citations[0].document_id == "talks"
    assert "подписали меморандум" in result.citations[0].sentence
    assert any(f["fact"] == "event" and f["type"] == "SIGNING" and f["start"] == "2026-02-09" and f["citation"] == 1
               for f in result.facts)
