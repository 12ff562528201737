import json

import pytest

from communique.model import (
    Agreement,
    Document,
    Entity,
    Event,
    Evidence,
    Extractor,
    Mention,
    ModelError,
    Participant,
    Plover,
    Record,
    Role,
    date_bounds,
)


def _record() -> Record:
    ev = Evidence(0, 20, "Встреча состоялась.")
    return Record(
        document=Document(id="d1", text="Встреча состоялась.", published="2026-04-27", language="ru"),
        extractor=Extractor(version="0.1.0+abc", language="ru", steps=["ner", "events"]),
        mentions=[Mention(0, 7, "PER", "Иванов", "p1")],
        entities=[Entity("p1", "PER", "Иван Иванов", aliases=["Иванов"],
                         roles=[Role("Министр", organization="o1", country="BY", evidence=ev)]),
                  Entity("o1", "ORG", "Министерство связи", aliases=["Минсвязи"])],
        events=[Event("e1", "MEETING", "occurred", ev, start="2026-04", participants=[Participant("p1")],
                      plover=Plover("CONSULT", "bilateral"))],
        agreements=[Agreement("a1", "protocol", "Протокол о сотрудничестве", ev, parties=["o1"], signed="2026")],
    )


def test_record_round_trips_through_json():
    rec = _record()
    again = Record.from_json(rec.to_json())
    assert again == rec
    assert again.entities[0].roles[0].evidence.text == "Встреча состоялась."


def test_facts_view_uses_names_not_ids():
    facts = _record().to_facts()
    assert facts["persons"] == [{"name": "Иван Иванов", "roles": ["Министр"], "aliases": ["Иванов"]}]
    assert facts["events"][0]["participants"] == ["Иван Иванов"]
    assert facts["agreements"][0]["parties"] == ["Министерство связи"]
    assert facts["mentions"] == [{"start": 0, "end": 7, "type": "PER", "text": "Иванов"}]


def test_facts_view_lists_the_organizations_the_text_names():
    rec = _record()
    assert rec.to_facts()["organizations"] == []  # o1 is only implied by the minister's title: no mention
    rec.mentions.append(Mention(8, 18, "ORG", "Минсвязи", "o1"))
    assert rec.to_facts()["organizations"] == [{"name": "Министерство связи", "aliases": ["Минсвязи"]}]
    assert rec.to_facts()["persons"][0]["roles"] == ["Министр"]  # the role keeps its organization either way
    assert rec.entities[0].roles[0].organization == "o1"


@pytest.mark.parametrize("bad", ["2026-13", "26-04-01", "2026-04-32", "April 2026", "2026-4"])
def test_malformed_dates_are_refused(bad):
    with pytest.raises(ModelError):
        Event("e1", "MEETING", "occurred", Evidence(0, 1, "x"), start=bad)


def test_unknown_types_and_statuses_are_refused():
    with pytest.raises(ModelError):
        Event("e1", "PARTY", "occurred", Evidence(0, 1, "x"))
    with pytest.raises(ModelError):
        Event("e1", "MEETING", "maybe", Evidence(0, 1, "x"))
    with pytest.raises(ModelError):
        Entity("x", "THING", "x")


def test_other_schema_major_version_is_refused():
    data = _record().to_dict()
    data["schema_version"] = "2.0"
    with pytest.raises(ModelError, match="schema version"):
        Record.from_dict(data)


def test_unknown_fields_are_refused():
    data = _record().to_dict()
    data["entities"][0]["colour"] = "red"
    with pytest.raises(ModelError, match="unknown fields"):
        Record.from_dict(json.loads(json.dumps(data)))


@pytest.mark.parametrize("value,bounds", [
    ("2026", ("2026-01-01", "2026-12-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2026-04-27", ("2026-04-27", "2026-04-27")),
])
def test_partial_date_bounds(value, bounds):
    assert date_bounds(value) == bounds


def test_record_matches_published_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from communique.schema import record_schema

    jsonschema.validate(_record().to_dict(), record_schema())
    bad = _record().to_dict()
    bad["events"][0]["start"] = "soon"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, record_schema())
