"""The extraction pipeline: a list of steps per language that reads like a recipe.

    sentences → names (NER) → entities → roles → dates → events → agreements → topics

Each step is a plain object, built once and reused for every document. A language without
models of its own runs only the steps that are safe for it, and the Record says which ran.
"""

from __future__ import annotations

import functools
import uuid

from .. import __version__
from ..langid import guess_language
from ..model import Document, Extractor, Record
from . import dates as dates_mod
from .resources import fingerprint

RUSSIAN_STEPS = ["sentences", "ner", "entities", "roles", "dates", "events", "agreements", "topics"]


class RussianPipeline:
    language = "ru"

    def __init__(self):
        from .agreements import AgreementStep
        from .entities import EntityStep
        from .events import EventStep
        from .ner import RussianNER
        from .roles import RoleStep
        from .topics import TopicStep

        self.ner = RussianNER()
        self.entities = EntityStep()
        self.roles = RoleStep()
        self.events = EventStep()
        self.agreements = AgreementStep()
        self.topics = TopicStep()

    def __call__(self, doc: Document) -> Record:
        from .entities import EntityTable
        from .nlp import sentences

        text = doc.text
        published = doc.published or _published_from_text(text, "ru")
        sents = sentences(text)
        spans = self.ner(text, sents)
        table = EntityTable("ru")
        mentions = self.entities(text, spans, table)
        role_spans = self.roles(text, sents, mentions, table)
        found_dates = dates_mod.find_dates(text, published, lang="ru")
        events = self.events(text, sents, mentions, found_dates, table, published, role_spans)
        agreements = self.agreements(text, sents, mentions, events)
        topics = self.topics(sents, "ru")
        document = _with(doc, published=published, language="ru")
        return Record(document=document, extractor=_extractor("ru", RUSSIAN_STEPS), mentions=mentions,
                      entities=table.entities, events=events, agreements=agreements, topics=topics)


class MinimalPipeline:
    """For languages without a model here yet: language and publication date only."""

    def __init__(self, language: str):
        self.language = language

    def __call__(self, doc: Document) -> Record:
        published = doc.published or _published_from_text(doc.text, self.language)
        document = _with(doc, published=published, language=self.language)
        skipped = [s for s in RUSSIAN_STEPS if s not in ("sentences",)]
        return Record(document=document, extractor=_extractor(self.language, ["language", "published"], skipped))


def _published_from_text(text: str, lang: str) -> str | None:
    found = dates_mod.find_published(text, lang=lang)
    return found[0] if found else None


def _with(doc: Document, **changes) -> Document:
    import dataclasses

    return dataclasses.replace(doc, **changes)


def _extractor(language: str, steps: list[str], skipped: list[str] | None = None) -> Extractor:
    return Extractor(version=f"{__version__}+{fingerprint()}", language=language, steps=list(steps),
                     skipped=list(skipped or []), resources={"lexicons": fingerprint()})


@functools.cache
def pipeline_for(language: str):
    """One pipeline per language per process: models load once."""
    if language == "ru":
        return RussianPipeline()
    if language == "en":
        from .english import EnglishPipeline

        return EnglishPipeline()
    return MinimalPipeline(language)


def extract_document(doc: Document) -> Record:
    language = doc.language or guess_language(doc.text)
    return pipeline_for(language)(_with(doc, language=language))


def extract(text: str, published: str | None = None, url: str | None = None, language: str | None = None,
            id: str | None = None) -> Record:
    """Extract every fact one text states. `published` is an ISO date; `language` an ISO 639-1 code."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    doc = Document(id=id or uuid.uuid5(uuid.NAMESPACE_URL, url or text).hex[:16], text=text, url=url,
                   published=published, language=language)
    return extract_document(doc)
