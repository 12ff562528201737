"""The Russian steps, in the order they run (extract/core.py runs them; pipeline.py lists this
language's steps as STEPS):

    sentences → names (NER) → entities → roles → dates → events → agreements → topics

with the steps inside others' work that the Record does not name: the publication date, the
page's outlet, the last pass over participants (after the events and again after the agreements),
and names spelled with 'е' where the text writes no 'ё'.
"""

from __future__ import annotations

from . import dates as dates_mod
from . import steps
from .agreements import AgreementStep
from .core import Analysis, Step, shared
from .entities import EntityStep
from .events import EventStep
from .ner import RussianNER
from .nlp import fold_yo, sentences
from .participants import prune_participants
from .roles import RoleStep


def _entities(a: Analysis) -> None:
    a.mentions = shared(EntityStep)(a.text, a.spans, steps.entity_table(a))


def _dates(a: Analysis) -> None:
    a.dates = dates_mod.find_dates(a.text, a.published, lang="ru")


def _agreements(a: Analysis) -> None:
    a.agreements = shared(AgreementStep)(a.text, a.sentences, a.mentions, a.events)


def _parties(a: Analysis) -> None:
    """Participants again, now that the documents are known: a body named only inside a document's
    title is what the document is about (participants.prune_participants)."""
    prune_participants(a.text, a.mentions, a.entities, a.events, agreements=a.agreements)


def _without_yo(a: Analysis) -> None:
    """A text that writes 'е' for 'ё' (most official texts do) gets its entities' names spelled so too:
    the gazetteer's 'Организация Объединённых Наций' is the text's 'Организация Объединенных Наций'."""
    if "ё" in a.text or "Ё" in a.text:
        return
    for e in a.entities:
        e.name = fold_yo(e.name)
        e.aliases = list(dict.fromkeys(fold_yo(x) for x in e.aliases))


STEPS = [
    Step("published", steps.published, states=()),
    Step("sentences", steps.sentences_by(sentences)),
    Step("ner", steps.names_by(RussianNER)),
    Step("entities", _entities),
    Step("outlet", steps.outlet, states=()),
    Step("roles", steps.roles_by(RoleStep)),
    Step("dates", _dates),
    Step("events", steps.events_by(EventStep)),
    Step("participants", steps.participants, states=()),
    Step("agreements", _agreements),
    Step("parties", _parties, states=()),
    Step("topics", steps.topics),
    Step("yo", _without_yo, states=()),
]
