"""The extraction core every language runs on: one object per document that the steps read and write
(`Analysis`, like spaCy's or natasha's Doc), the named `Step`s a language lists, and the `Pipeline`
that runs them in order and makes the Record.

A language is a list of steps (extract/russian.py, extract/english/pipeline.py, extract/regional.py;
pipeline.py says which language runs which list). A step reads what the steps before it wrote into
the Analysis and writes its own part: the sentences step writes `sentences`, the events step reads
`sentences`, `mentions`, `dates` ... and writes `events`. The Record says which steps ran and which
were skipped: the names the steps state (`Step.states`), in the order of STEP_NAMES, whatever order
a language runs them in; a step for what a language has no lexicon of (`Step.supports`) is skipped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Agreement, Document, Entity, Event, Extractor, Mention, Record, Topic
from .document import extractor_for, with_changes

if TYPE_CHECKING:
    from .dates import DateMention
    from .entities import EntityTable

# every step name a Record states, in the order it states them
STEP_NAMES = ("language", "published", "sentences", "ner", "names", "gazetteer-places", "gazetteer-organizations",
              "entities", "roles", "dates", "persons-patterns", "roles-patterns", "events", "organizations-heads",
              "agreements", "topics")


@dataclass(eq=False)
class Analysis:
    """One document on its way to a Record: what the steps have found so far."""

    document: Document
    language: str
    text: str = ""
    published: str | None = None  # ISO date: the document's own, else the one the text states
    sentences: list = field(default_factory=list)
    spans: list = field(default_factory=list)  # names found before they are entities (NER)
    table: EntityTable | None = None  # where a language resolves names into entities (Russian, English)
    entities: list[Entity] = field(default_factory=list)  # the table's entities, where there is a table
    mentions: list[Mention] = field(default_factory=list)
    role_spans: list[tuple[int, int]] = field(default_factory=list)  # job titles (character spans)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # what one language's steps pass between them

    def record(self, extractor: Extractor) -> Record:
        document = with_changes(self.document, published=self.published, language=self.language)
        return Record(document=document, extractor=extractor, mentions=self.mentions, entities=self.entities,
                      events=self.events, agreements=self.agreements, topics=self.topics)


@dataclass(frozen=True)
class Step:
    """A named step: `run` reads and writes the Analysis. `states`: the names the Record lists for it
    (None: its name; (): none, a step inside another's work, such as pruning participants);
    `supports(language)`: whether the language has what the step needs (None: every language)."""

    name: str
    run: Callable[[Analysis], None]
    states: tuple[str, ...] | None = None
    supports: Callable[[str], bool] | None = None

    def stated(self) -> tuple[str, ...]:
        return (self.name,) if self.states is None else self.states


def _in_order(names: Iterable[str]) -> list[str]:
    """The names in STEP_NAMES order (a name it does not know after those, as given)."""
    rank = {n: k for k, n in enumerate(STEP_NAMES)}
    return sorted(dict.fromkeys(names), key=lambda n: rank.get(n, len(rank)))


class Pipeline:
    """A language's steps, run in order on one Analysis per document. `skipped`: names of steps the
    language does not have at all, stated first in the Record's list of skipped steps."""

    def __init__(self, language: str, steps: Iterable[Step], skipped: Iterable[str] = ()):
        steps = list(steps)
        self.language = language
        self.steps = [s for s in steps if s.supports is None or s.supports(language)]
        self.stated = _in_order(n for s in self.steps for n in s.stated())
        self.skipped = [*skipped, *_in_order(n for s in steps if s not in self.steps for n in s.stated())]

    def __call__(self, doc: Document) -> Record:
        analysis = Analysis(document=doc, language=self.language, text=doc.text, published=doc.published)
        for step in self.steps:
            step.run(analysis)
        return analysis.record(extractor_for(self.language, self.stated, self.skipped))


@functools.cache
def shared(cls: type, *args: Any) -> Any:
    """One instance of a step's class per process (its models and lexicons load once), made at first use."""
    return cls(*args)
