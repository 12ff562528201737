"""What the service layer decides on its own about one document's facts."""

from __future__ import annotations

import pytest

from communique.model import Event, Evidence
from communique.service.documents import in_tree_order


def _event(eid, etype, parent=None):
    return Event(id=eid, type=etype, status="occurred", evidence=Evidence(0, 1, "."), parent=parent)


def test_a_sub_event_follows_the_parent_the_record_names_not_its_neighbour():
    # e1 a meeting, e2 a signing at another event, e3 a talk that is part of e1 (listed after e2)
    events = [_event("e1", "MEETING"), _event("e2", "SIGNING"), _event("e3", "MEETING", parent="e1"),
              _event("e4", "SIGNING", parent="e2")]
    assert [e.id for e in in_tree_order(events)] == ["e1", "e3", "e2", "e4"]


def test_a_parent_missing_or_a_cycle_loses_no_event():
    events = [_event("a", "MEETING", parent="zz"), _event("b", "MEETING", parent="c"),
              _event("c", "MEETING", parent="b")]
    assert sorted(e.id for e in in_tree_order(events)) == ["a", "b", "c"]


def test_the_names_per_language_are_made_once_per_state_of_the_store(store):
    from communique.service import Service

    svc = Service(store, ttl=0)  # the store's version is read on every call
    first = svc.entity_names()
    assert svc.entity_names() is first  # not rebuilt per request
    svc.index().entity_names["o-x"] = {"en": "X"}  # the cached map is the one the next request gets
    assert svc.entity_names()["o-x"] == {"en": "X"}


def test_a_name_finds_the_entity_of_a_document_not_linked_yet(store):
    from communique.model import Document, Entity, Extractor, Participant, Record
    from communique.service import NotFound, Service

    text = "1 февраля 2025 года Зарина Усмонова провела встречу."
    event = Event(id="e1", type="MEETING", status="occurred", evidence=Evidence(0, len(text), text),
                  start="2025-02-01", participants=[Participant("p1")])
    store.put(Record(document=Document(id="u1", text=text, published="2025-02-02", language="ru"),
                     extractor=Extractor(version="test"), events=[event],
                     entities=[Entity(id="p1", type="PER", name="Зарина Усмонова", kind="person")]))
    svc = Service(store, ttl=0)  # no knowledge base yet: the name as the document writes it
    key = svc.entity_named("зарина усмонова", "PER")
    assert svc.entity(key)["name"] == "Зарина Усмонова"
    shown = svc.timeline(**svc.filters_named(person="Зарина Усмонова"))["events"]
    assert [(e["document"], e["kb_event"], e["sources"]) for e in shown] == [("u1", None, [{"document": "u1",
                                                                                            "event": "e1"}])]
    assert svc.timeline(**svc.filters_named(person="Никто Никакой"))["events"] == []
    with pytest.raises(NotFound):
        svc.entity_named("Никто Никакой")
