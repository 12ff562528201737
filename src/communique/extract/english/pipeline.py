"""The English steps, in the order they run (extract/core.py runs them; pipeline.py lists this
language's steps as STEPS): the same recipe as the Russian one, with steps written for English,

    sentences → names → entities → roles → dates → events → agreements → topics

and the steps inside others' work that the Record does not name: the publication date, the page's
outlet and site header, the last pass over participants.
"""

from __future__ import annotations

from .. import steps
from ..core import Analysis, Pipeline, Step, shared
from .agreements import EnglishAgreements
from .dates import find_dates_en
from .entities import EnglishEntities, without_site_header
from .events import EnglishEvents
from .ner import EnglishNames
from .roles import EnglishRoles
from .sentences import english_sentences


def _entities(a: Analysis) -> None:
    a.mentions = shared(EnglishEntities)(a.text, a.sentences, a.spans, steps.entity_table(a))


def _site_header(a: Analysis) -> None:
    without_site_header(a.text, a.table, a.mentions)


def _dates(a: Analysis) -> None:
    a.dates = find_dates_en(a.text, a.published)


def _agreements(a: Analysis) -> None:
    a.agreements = shared(EnglishAgreements)(a.text, a.sentences, a.mentions, a.events, a.table)


STEPS = [
    Step("published", steps.published, states=()),
    Step("sentences", steps.sentences_by(english_sentences)),
    Step("names", steps.names_by(EnglishNames)),
    Step("entities", _entities),
    Step("outlet", steps.outlet, states=()),
    Step("site-header", _site_header, states=()),
    Step("roles", steps.roles_by(EnglishRoles)),
    Step("dates", _dates),
    Step("events", steps.events_by(EnglishEvents)),
    Step("participants", steps.participants, states=()),
    Step("agreements", _agreements),
    Step("topics", steps.topics),
]
ENGLISH_STEPS = [n for s in STEPS for n in s.stated()]


class EnglishPipeline(Pipeline):
    """English's steps on the core Pipeline (pipeline.pipeline_for("en") is the one a process shares)."""

    def __init__(self) -> None:
        super().__init__("en", STEPS)
