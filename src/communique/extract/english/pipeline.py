"""The English pipeline: the same recipe as the Russian one, with steps written for English."""

from __future__ import annotations

from ...model import Document, Record
from ..document import extractor_for, published_from_text, with_changes
from ..entities import EntityTable, without_outlet
from ..participants import prune_participants
from ..topics import TopicStep
from .agreements import EnglishAgreements
from .dates import find_dates_en
from .entities import EnglishEntities, without_site_header
from .events import EnglishEvents
from .ner import EnglishNames
from .roles import EnglishRoles
from .sentences import english_sentences

ENGLISH_STEPS = ["sentences", "names", "entities", "roles", "dates", "events", "agreements", "topics"]


class EnglishPipeline:
    """sentences → names → entities → roles → dates → events → agreements → topics, for English."""

    language = "en"

    def __init__(self):
        self.names = EnglishNames()
        self.entities = EnglishEntities()
        self.roles = EnglishRoles()
        self.events = EnglishEvents()
        self.agreements = EnglishAgreements()
        self.topics = TopicStep()

    def __call__(self, doc: Document) -> Record:
        text = doc.text
        published = doc.published or published_from_text(text, "en")
        sents = english_sentences(text)
        spans = self.names(text, sents)
        table = EntityTable("en")
        mentions = self.entities(text, sents, spans, table)
        without_outlet(table, mentions, doc.url)
        without_site_header(text, table, mentions)
        role_spans = self.roles(text, sents, mentions, table)
        found_dates = find_dates_en(text, published)
        events = self.events(text, sents, mentions, found_dates, table, published, role_spans)
        prune_participants(text, mentions, table.entities, events, role_spans)
        agreements = self.agreements(text, sents, mentions, events, table)
        topics = self.topics(sents, "en")
        document = with_changes(doc, published=published, language="en")
        return Record(
            document=document,
            extractor=extractor_for("en", ENGLISH_STEPS),
            mentions=mentions,
            entities=table.entities,
            events=events,
            agreements=agreements,
            topics=topics,
        )
