"""One graph: the service's graph (the pages, the API and the CLI) and the GraphML export are the
knowledge base's (`KnowledgeBase.graph`): the same edges and weights, parties to one agreement counted
once however many releases tell it, and an analyst's correction to an agreement's parties in both.
Records of invented releases, on both backends."""

from __future__ import annotations

import pytest

from communique.corrections import Corrections
from communique.export import export
from communique.link import KnowledgeBase
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
from communique.service import Service


def _signing(doc_id: str, published: str) -> Record:
    """A visit with a memorandum signed by two ministers and a company (told by two sources)."""
    text = ("12 марта в Тарани министр энергетики Корвении Лев Гринман встретился с министром Остравии "
            "Иржи Новотным. Подписан Меморандум о сотрудничестве в энергетике с компанией «Северный ток».")
    ev = Evidence(0, len(text), text)
    entities = [Entity(id="p1", type="PER", name="Лев Гринман", kind="person", roles=[Role("министр", country="RU")]),
                Entity(id="p2", type="PER", name="Иржи Новотный", kind="person", roles=[Role("министр", country="CZ")]),
                Entity(id="o1", type="ORG", name="Северный ток", kind="organization"),
                Entity(id="l1", type="LOC", name="Тарань", kind="city", iso="RU")]
    events = [Event(id="e1", type="MEETING", status="occurred", evidence=ev, start="2024-03-12", location="l1",
                    participants=[Participant("p1"), Participant("p2")]),
              Event(id="e2", type="SIGNING", status="occurred", evidence=ev, start="2024-03-12", parent="e1",
                    location="l1", participants=[Participant("p1"), Participant("p2")])]
    agreements = [Agreement(id="a1", kind="memorandum", title="Меморандум о сотрудничестве в энергетике",
                            evidence=ev, parties=["p1", "p2", "o1"], signed="2024-03-12", event="e2")]
    doc = Document(id=doc_id, text=text, published=published, language="ru", source=doc_id,
                   url=f"https://example.org/{doc_id}")
    return Record(document=doc, extractor=Extractor(version="test"), entities=entities, events=events,
                  agreements=agreements)


def _contract() -> Record:
    """Another agreement of the minister and the company, with no event told."""
    text = "Министр энергетики Корвении Лев Гринман и компания «Северный ток» заключили соглашение о поставках."
    ev = Evidence(0, len(text), text)
    entities = [Entity(id="p1", type="PER", name="Лев Гринман", kind="person", roles=[Role("министр", country="RU")]),
                Entity(id="o1", type="ORG", name="Северный ток", kind="organization")]
    agreements = [Agreement(id="a1", kind="agreement", title="Соглашение о поставках", evidence=ev,
                            parties=["p1", "o1"])]
    doc = Document(id="g-contract", text=text, published="2024-06-02", language="ru", source="company",
                   url="https://example.org/g-contract")
    return Record(document=doc, extractor=Extractor(version="test"), entities=entities, agreements=agreements)


@pytest.fixture
def kb(store) -> KnowledgeBase:
    kb = KnowledgeBase(store)
    for record in (_signing("g-ministry", "2024-03-12"), _signing("g-agency", "2024-03-13"), _contract()):
        store.put(record)
        kb.link_document(record.document.id)
    return kb


def _graphml_edges(store, tmp_path) -> dict[frozenset, int]:
    import networkx as nx

    (path,) = export(store, "graphml", tmp_path / "kb.graphml")
    return {frozenset((a, b)): int(d["weight"]) for a, b, d in nx.read_graphml(path).edges(data=True)}


def _service_edges(store) -> dict[frozenset, int]:
    g = Service(store, ttl=0).graph(types="PER,ORG", limit=500)
    return {frozenset((e["source"], e["target"])): e["weight"] for e in g["edges"]}


def _ids(kb):
    return (kb.find("Лев Гринман", "PER")[0]["id"], kb.find("Иржи Новотный", "PER")[0]["id"],
            kb.find("Северный ток", "ORG")[0]["id"])


def test_graphml_and_the_service_give_the_same_edges_and_weights(kb, tmp_path):
    minister, guest, company = _ids(kb)
    edges = _service_edges(kb.store)
    assert edges == _graphml_edges(kb.store, tmp_path)
    # the memorandum, told by two releases, is one agreement: the company and the guest minister share it
    assert edges[frozenset((guest, company))] == 1
    # the memorandum and the supply contract
    assert edges[frozenset((minister, company))] == 2
    (edge,) = [e for e in kb.graph()["edges"] if {e["source"], e["target"]} == {minister, company}]
    assert edge["kinds"] == ["agreement"] and len(edge["agreements"]) == 2 and edge["events"] == []
    ministers = next(e for e in kb.graph()["edges"] if {e["source"], e["target"]} == {minister, guest})
    assert ministers["weight"] == len(ministers["events"]) + 1 and ministers["kinds"] == ["agreement", "event"]
    # around one entity: only what it took part in (the supply contract is not the guest's)
    around = Service(kb.store, ttl=0).graph(entity=guest, types="PER,ORG", limit=500)
    assert {frozenset((e["source"], e["target"])): e["weight"] for e in around["edges"]} == {
        frozenset((minister, guest)): ministers["weight"], frozenset((guest, company)): 1,
        frozenset((minister, company)): 1}


def test_a_correction_to_an_agreements_parties_shows_in_both(kb, tmp_path):
    minister, _guest, company = _ids(kb)
    store = kb.store
    record = store.get_record("g-contract")
    Corrections(store).add(record, "entity.reject", "o1", None, author="anna",
                           reason="the company did not sign the supply contract")
    kb.link_document("g-contract")
    edges = _service_edges(store)
    assert edges == _graphml_edges(store, tmp_path)
    assert edges[frozenset((minister, company))] == 1  # the memorandum only
    kb.relink()
    assert _graphml_edges(store, tmp_path) == edges == _service_edges(store)
