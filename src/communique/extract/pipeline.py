"""The extraction pipeline: a list of steps per language that reads like a recipe.

    sentences → names (NER) → entities → roles → dates → events → agreements → topics

Each step is a plain object, built once and reused for every document. A language without
models of its own runs only the steps that are safe for it, and the Record says which ran.
"""

from __future__ import annotations

import functools
import uuid

from ..langid import foreign_script_paragraph, guess_language, paragraph_languages
from ..model import Document, Record
from ..nlp import without_surrogates
from . import dates as dates_mod
from .document import extractor_for, published_from_text, with_changes
from .participants import prune_participants

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
        from .entities import EntityTable, without_outlet
        from .nlp import sentences

        text = doc.text
        published = doc.published or published_from_text(text, "ru")
        sents = sentences(text)
        spans = self.ner(text, sents)
        table = EntityTable("ru")
        mentions = self.entities(text, spans, table)
        without_outlet(table, mentions, doc.url)
        role_spans = self.roles(text, sents, mentions, table)
        found_dates = dates_mod.find_dates(text, published, lang="ru")
        events = self.events(text, sents, mentions, found_dates, table, published, role_spans)
        prune_participants(text, mentions, table.entities, events, role_spans)
        agreements = self.agreements(text, sents, mentions, events)
        prune_participants(text, mentions, table.entities, events, agreements=agreements)
        topics = self.topics(sents, "ru")
        if "ё" not in text and "Ё" not in text:
            _without_yo(table.entities)
        document = with_changes(doc, published=published, language="ru")
        return Record(document=document, extractor=extractor_for("ru", RUSSIAN_STEPS), mentions=mentions,
                      entities=table.entities, events=events, agreements=agreements, topics=topics)


def _without_yo(entities) -> None:
    """A text that writes 'е' for 'ё' (most official texts do) gets its entities' names spelled so too:
    the gazetteer's 'Организация Объединённых Наций' is the text's 'Организация Объединенных Наций'."""
    from .nlp import fold_yo

    for e in entities:
        e.name = fold_yo(e.name)
        e.aliases = list(dict.fromkeys(fold_yo(a) for a in e.aliases))


class MinimalPipeline:
    """For languages without a model here yet: language and publication date only."""

    def __init__(self, language: str):
        self.language = language

    def __call__(self, doc: Document) -> Record:
        published = doc.published or published_from_text(doc.text, self.language)
        document = with_changes(doc, published=published, language=self.language)
        skipped = [s for s in RUSSIAN_STEPS if s not in ("sentences",)]
        return Record(document=document, extractor=extractor_for(self.language, ["language", "published"], skipped))


@functools.cache
def pipeline_for(language: str):
    """One pipeline per language per process: models load once."""
    if language == "ru":
        return RussianPipeline()
    if language == "en":
        from .english import EnglishPipeline

        return EnglishPipeline()
    if language in REGIONAL:
        from .regional import RegionalPipeline

        return RegionalPipeline(language)
    return MinimalPipeline(language)


REGIONAL = ("kk", "uz", "ky", "tg", "be", "sr", "zh", "uk", "az", "hy", "ka", "tk", "mn")


MIXED_MIN_CHARS = 120  # a paragraph run shorter than this in another language is a quote, not a part


def extract_document(doc: Document) -> Record:
    """A document in one language goes through that language's pipeline. A mixed document (a
    Russian release with an English section) goes through each language's pipeline with the
    other paragraphs blanked out — offsets stay true, and no model reads text it was not made for —
    and the Records are merged."""
    if doc.language in FULL_PIPELINES and not foreign_script_paragraph(doc.text, doc.language):
        # no paragraph of the other full language: one pipeline, and no paragraph to identify
        return pipeline_for(doc.language)(doc)
    parts = paragraph_languages(doc.text)
    sizes: dict[str, int] = {}
    for s, e, lang in parts:
        sizes[lang] = sizes.get(lang, 0) + e - s
    dominant = doc.language or (max(sizes, key=sizes.get) if sizes else guess_language(doc.text))
    others = [lang for lang, n in sizes.items() if lang != dominant and n >= MIXED_MIN_CHARS
              and lang in FULL_PIPELINES]
    if not others or dominant not in FULL_PIPELINES:
        return pipeline_for(dominant)(with_changes(doc, language=dominant))
    record = pipeline_for(dominant)(with_changes(doc, text=_keep(doc.text, parts, dominant), language=dominant))
    for lang in others:
        part = pipeline_for(lang)(with_changes(doc, text=_keep(doc.text, parts, lang), language=lang))
        _merge(record, part, prefix=f"{lang}-")
    record.document = with_changes(record.document, text=doc.text)
    record.extractor.language = "+".join([dominant, *others])
    return record


FULL_PIPELINES = ("ru", "en")


def _keep(text: str, parts, lang: str) -> str:
    """The text with every paragraph of another language blanked (same length, same offsets)."""
    chars = list(text)
    for s, e, other in parts:
        if other != lang:
            for i in range(s, e):
                if chars[i] not in "\n":
                    chars[i] = " "
    return "".join(chars)


def _merge(base: Record, other: Record, prefix: str) -> None:
    """Add `other`'s facts to `base`: an entity both name is one; every other id gets a prefix."""
    ids: dict[str, str] = {}
    for ent in other.entities:
        same = next((e for e in base.entities if e.type == ent.type and e.name.casefold() == ent.name.casefold()),
                    None)
        if same is not None:
            ids[ent.id] = same.id
            same.aliases.extend(a for a in ent.aliases if a not in same.aliases)
            same.roles.extend(ent.roles)
        else:
            ids[ent.id] = prefix + ent.id
            ent.id = ids[ent.id]
            base.entities.append(ent)
    for ent in base.entities:
        for role in ent.roles:
            role.organization = ids.get(role.organization, role.organization)
    for m in other.mentions:
        m.entity = ids.get(m.entity, m.entity) if m.entity else None
    base.mentions = sorted(base.mentions + other.mentions, key=lambda m: (m.start, -m.end))
    event_ids = {ev.id: prefix + ev.id for ev in other.events}
    for ev in other.events:
        ev.id = event_ids[ev.id]
        ev.parent = event_ids.get(ev.parent, ev.parent) if ev.parent else None
        ev.location = ids.get(ev.location, ev.location) if ev.location else None
        for p in ev.participants:
            p.entity = ids.get(p.entity, p.entity)
    base.events = sorted(base.events + other.events, key=lambda e: e.evidence.start)
    for ag in other.agreements:
        ag.id = prefix + ag.id
        ag.parties = [ids.get(p, p) for p in ag.parties]
        ag.event = event_ids.get(ag.event, ag.event) if ag.event else None
    base.agreements.extend(other.agreements)
    known = {t.id for t in base.topics}
    base.topics.extend(t for t in other.topics if t.id not in known)
    base.extractor.steps = list(dict.fromkeys(base.extractor.steps + other.extractor.steps))


def extract(text: str, published: str | None = None, url: str | None = None, language: str | None = None,
            id: str | None = None) -> Record:
    """Extract every fact one text states. `published` is an ISO date; `language` an ISO 639-1 code."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    text, url = without_surrogates(text), url and without_surrogates(url)
    doc = Document(id=id or uuid.uuid5(uuid.NAMESPACE_URL, url or text).hex[:16], text=text, url=url,
                   published=published, language=language)
    return extract_document(doc)
