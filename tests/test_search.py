"""Searcher: ranking on ids alone, then snippets and key facts for the hits shown (both backends)."""

from __future__ import annotations

import numpy as np
import pytest

from communique.model import Document, Entity, Event, Evidence, Extractor, Participant, Record
from communique.search import Searcher, semantic
from communique.search.hybrid import fact_line

LEAD = ("Министр иностранных дел обсудил с коллегой поставки зерна и удобрений на весь следующий "
        "сельскохозяйственный год.")


def _record(doc_id: str, text: str, events: list[Event] | None = None, entities: list[Entity] | None = None,
            title: str | None = None) -> Record:
    return Record(document=Document(id=doc_id, text=text, title=title, language="ru"),
                  extractor=Extractor(version="1.0.0", language="ru"), entities=entities or [], events=events or [])


class _Index(semantic.VectorIndex):
    """An in-memory index whose nearest neighbours are fixed by the test (no encoder is run)."""

    def __init__(self, nearest: list[str]):
        super().__init__(None)
        self.nearest = nearest
        self.ids = {semantic.key_of(d): d for d in nearest}

    def search(self, vector, k):
        return [(d, 1.0) for d in self.nearest[:k]]


@pytest.fixture
def searcher(store, monkeypatch):
    monkeypatch.setattr(semantic, "query_vector", lambda q: np.zeros(semantic.DIM, dtype=np.float32))
    minsk = Entity("l1", "LOC", "Минск", kind="city", iso="BY")
    who = Entity("p1", "PER", "Максим Рыженков", kind="person")
    talks = Event("e1", "MEETING", "occurred", Evidence(0, 10, "Переговоры"), start="2026-04-27",
                  end="2026-04-28", location="l1", participants=[Participant("p1")])
    store.put(_record("talks", "Переговоры о транспорте прошли в Минске. Стороны обсудили коридоры.",
                      events=[talks], entities=[minsk, who], title="Переговоры"))
    store.put(_record("grain", "Заголовок\n\n" + LEAD + " Далее подробности.", title="Заголовок"))
    store.put(_record("other", "Совещание о транспорте и логистике."))
    return Searcher(store, index=_Index(["grain", "talks"]))


def test_text_hits_carry_the_marked_sentence_and_key_facts(searcher):
    hits = searcher.search("переговоры о транспорте", mode="text")
    assert [h.id for h in hits] == ["talks"]
    assert hits[0].snippet == "[[Переговоры о транспорте]] прошли в Минске."
    assert hits[0].facts == ["meeting · occurred · 2026-04-27–2026-04-28 · Минск · Максим Рыженков"]
    assert hits[0].via == ["text"]


def test_hybrid_fuses_both_rankings_and_a_hit_found_by_meaning_shows_its_lead(searcher):
    hits = searcher.search("переговоры о транспорте", mode="hybrid")
    assert [h.id for h in hits] == ["talks", "grain"]  # found both ways ranks first
    assert hits[0].via == ["text", "semantic"] and hits[1].via == ["semantic"]
    assert hits[0].score > hits[1].score
    assert hits[1].snippet == LEAD and hits[1].facts == []
    assert searcher.search("переговоры о транспорте", mode="hybrid", with_facts=False)[0].facts == []


def test_ranking_counts_candidates_deeper_than_the_page(searcher):
    ranking = searcher.rank("транспорт", mode="text", depth=1, text_depth=10)
    assert len(ranking.order) == 1 and ranking.candidates == {"talks", "other"}
    both = searcher.rank("транспорт", mode="text").order
    assert sorted(both) == ["other", "talks"]
    assert [h.id for h in searcher.search("транспорт", mode="text", limit=1, offset=1)] == both[1:]


def test_filters_apply_to_the_vector_side_too(searcher):
    hits = searcher.search("зерно", mode="semantic", filters={"event_type": "MEETING"})
    assert [h.id for h in hits] == ["talks"]


def test_a_bad_mode_is_refused(searcher):
    with pytest.raises(ValueError, match="unknown search mode"):
        searcher.search("переговоры", mode="fuzzy")


def test_fact_line_leaves_out_what_is_unknown():
    assert fact_line({"type": "FORUM", "name": "Цифровой форум", "status": "planned", "start": "2026-05"}) == \
        "forum «Цифровой форум» · planned · 2026-05"
    assert fact_line({"type": "VISIT", "end": "2026-04-28", "participants": ["А", "Б"]}) == "visit · 2026-04-28 · А, Б"
