"""The steps more than one language lists (extract/core.py runs them): the publication date the
text states, sentences, names, roles and events read by a language's own function or class, the
document's EntityTable, the page's own outlet taken out of the entities, the last pass over
participants, topics."""

from __future__ import annotations

from collections.abc import Callable

from .core import Analysis, shared
from .document import published_from_text
from .entities import EntityTable
from .outlets import without_outlet
from .participants import prune_participants
from .topics import TopicStep


def language(a: Analysis) -> None:
    """Nothing to do: the language is the one the steps were chosen by (the caller's, or langid's in
    pipeline.extract_document); a language without models states it so the Record says how far it went."""


def published(a: Analysis) -> None:
    """The document's publication date, else the one its text states (published.find_published)."""
    a.published = a.published or published_from_text(a.text, a.language)


def sentences_by(split: Callable) -> Callable[[Analysis], None]:
    """The sentences step of a language whose splitter is `split` (nlp.sentences, english_sentences)."""

    def sentences(a: Analysis) -> None:
        a.sentences = split(a.text)

    return sentences


def names_by(cls: type) -> Callable[[Analysis], None]:
    """The names step of a language whose name finder is `cls` (RussianNER, EnglishNames)."""

    def names(a: Analysis) -> None:
        a.spans = shared(cls)(a.text, a.sentences)

    return names


def entity_table(a: Analysis) -> EntityTable:
    """A new EntityTable for the document's language, whose entities are the Analysis's."""
    a.table = EntityTable(a.language)
    a.entities = a.table.entities
    return a.table


def outlet(a: Analysis) -> None:
    """The outlet that publishes the text is no organization of its story (outlets.without_outlet)."""
    without_outlet(a.table, a.mentions, a.document.url)


def roles_by(cls: type) -> Callable[[Analysis], None]:
    """The roles step of a language whose role reader is `cls` (Russian RoleStep, EnglishRoles)."""

    def roles(a: Analysis) -> None:
        a.role_spans = shared(cls)(a.text, a.sentences, a.mentions, a.table)

    return roles


def events_by(cls: type) -> Callable[[Analysis], None]:
    """The events step of a language whose event reader is `cls` (Russian EventStep, EnglishEvents)."""

    def events(a: Analysis) -> None:
        a.events = shared(cls)(a.text, a.sentences, a.mentions, a.dates, a.table, a.published, a.role_spans)

    return events


def participants(a: Analysis) -> None:
    """The last pass over every language's participants (participants.prune_participants)."""
    prune_participants(a.text, a.mentions, a.entities, a.events, a.role_spans)


def topics(a: Analysis) -> None:
    a.topics = shared(TopicStep)(a.sentences, a.language)
