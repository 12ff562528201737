"""The extraction pipeline: which steps a language runs (`recipe_for`, each language's list in its
own module: russian.py, english/pipeline.py, regional.py), and documents in more than one language.

    sentences → names (NER) → entities → roles → dates → events → agreements → topics

The steps run on extract/core.py's Pipeline, one Analysis per document. A language without models
of its own runs only the steps that are safe for it, and the Record says which ran.
"""

from __future__ import annotations

import functools
import uuid

from ..langid import foreign_script_paragraph, guess_language, paragraph_languages
from ..model import Document, Record
from ..nlp import without_surrogates
from . import steps
from .core import Pipeline, Step
from .document import with_changes

# what a language without models of its own skips: the steps the Russian pipeline runs past its sentences
WITHOUT_MODELS = ["ner", "entities", "roles", "dates", "events", "agreements", "topics"]
MINIMAL = [Step("language", steps.language), Step("published", steps.published)]


def recipe_for(language: str) -> tuple[list[Step], list[str]]:
    """The steps a language runs (each language's list lives in its module; each is imported only
    when a document of its language comes) and the names of the steps it has none of."""
    if language == "ru":
        from .russian import STEPS as RUSSIAN

        return RUSSIAN, []
    if language == "en":
        from .english.pipeline import STEPS as ENGLISH

        return ENGLISH, []
    if language in REGIONAL:
        from .regional import SKIPPED
        from .regional import STEPS as REGIONAL_STEPS

        return REGIONAL_STEPS, SKIPPED
    return MINIMAL, WITHOUT_MODELS


@functools.cache
def pipeline_for(language: str) -> Pipeline:
    """One pipeline per language per process: models load once."""
    return Pipeline(language, *recipe_for(language))


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
