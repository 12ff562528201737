"""The data model of Communiqué: one document in, one Record of its facts out.

Everything here is plain dataclasses with character offsets into the document text, so any fact
can be shown highlighted at the sentence that supports it (its evidence). Dates are partial ISO
strings ("2026", "2026-04", "2026-04-27") because official texts are often no more precise than a
month or a year, and a fact must never claim more precision than its text gives.

Standard library only: every other layer imports this module, it imports nothing of ours.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

EVENT_TYPES = ("VISIT", "MEETING", "FORUM", "SESSION", "SPEECH", "SIGNING", "ACCESSION", "FOUNDING", "CALL")
EVENT_STATUSES = ("occurred", "ongoing", "planned")
ENTITY_TYPES = ("PER", "ORG", "LOC")
# A document's kind is the noun that heads its title: what analysts filter on ("all memoranda").
AGREEMENT_KINDS = ("protocol", "memorandum", "agreement", "treaty", "convention", "plan", "programme", "roadmap",
                   "strategy", "concept", "framework", "guidelines", "declaration", "statement", "communique",
                   "decision", "resolution", "charter", "regulation", "vision", "other")

_PARTIAL_DATE = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")


class ModelError(ValueError):
    """A value that the data model cannot hold (a malformed date, an unknown type)."""


def check_partial_date(value: str | None) -> str | None:
    """Return `value` if it is None or a partial ISO date, else raise ModelError."""
    if value is None:
        return None
    if not isinstance(value, str) or not _PARTIAL_DATE.fullmatch(value):
        raise ModelError(f"not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return value


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a partial date covers, as full ISO dates."""
    check_partial_date(value)
    if len(value) == 10:
        return value, value
    if len(value) == 7:
        import calendar

        y, m = int(value[:4]), int(value[5:])
        return f"{value}-01", f"{value}-{calendar.monthrange(y, m)[1]:02d}"
    return f"{value}-01-01", f"{value}-12-31"


@dataclass
class Evidence:
    """The stretch of text (normally one sentence) that supports a fact."""

    start: int
    end: int
    text: str


@dataclass
class Document:
    """A text with its provenance, as ingested."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None
    fetched: str | None = None

    def __post_init__(self) -> None:
        check_partial_date(self.published)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Mention:
    """One occurrence of a name in the text; `entity` is the id of the entity it refers to."""

    start: int
    end: int
    type: str
    text: str
    entity: str | None = None


@dataclass
class Role:
    """A job title held by a person, as attested in this document."""

    title: str
    organization: str | None = None  # entity id of the organization named in the title
    country: str | None = None  # ISO 3166-1 alpha-2 of the state named in the title
    evidence: Evidence | None = None


@dataclass
class Entity:
    """A person, organization or place, with its nominative name and every alias seen."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    kind: str | None = None  # person | organization | country | city | ...
    iso: str | None = None  # ISO 3166-1 alpha-2 for countries, of the country for cities
    gazetteer_id: str | None = None

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ModelError(f"unknown entity type {self.type!r}; expected one of {ENTITY_TYPES}")


@dataclass
class Participant:
    entity: str  # entity id
    role: str = "participant"  # participant | host | organizer | speaker | party | chair


@dataclass
class Plover:
    """The PLOVER category an event maps to (CONSULT, SUPPORT, AGREE, ...) and its mode."""

    code: str
    mode: str | None = None


@dataclass
class Event:
    id: str
    type: str
    status: str
    evidence: Evidence
    start: str | None = None
    end: str | None = None
    location: str | None = None  # entity id of the place
    name: str | None = None
    ordinal: int | None = None
    participants: list[Participant] = field(default_factory=list)
    parent: str | None = None  # id of the event this one happens inside
    series: str | None = None  # a key naming the recurring series (same body, numbered sessions)
    trigger: str | None = None
    plover: Plover | None = None
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.type not in EVENT_TYPES:
            raise ModelError(f"unknown event type {self.type!r}; expected one of {EVENT_TYPES}")
        if self.status not in EVENT_STATUSES:
            raise ModelError(f"unknown event status {self.status!r}; expected one of {EVENT_STATUSES}")
        check_partial_date(self.start)
        check_partial_date(self.end)


@dataclass
class Agreement:
    id: str
    kind: str
    title: str
    evidence: Evidence
    parties: list[str] = field(default_factory=list)  # entity ids
    signed: str | None = None
    event: str | None = None  # id of the SIGNING event

    def __post_init__(self) -> None:
        if self.kind not in AGREEMENT_KINDS:
            raise ModelError(f"unknown agreement kind {self.kind!r}; expected one of {AGREEMENT_KINDS}")
        check_partial_date(self.signed)


@dataclass
class Topic:
    id: str
    label: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extractor:
    """Which code and resources produced a Record, so a re-run can tell it is out of date."""

    version: str
    language: str | None = None
    steps: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    resources: dict[str, str] = field(default_factory=dict)


@dataclass
class Record:
    """Every fact one document states."""

    document: Document
    extractor: Extractor
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    # -- lookups -------------------------------------------------------------------------------
    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        return next((e for e in self.entities if e.id == entity_id), None)

    def entity_name(self, entity_id: str | None) -> str | None:
        ent = self.entity(entity_id)
        return ent.name if ent else None

    # -- serialization ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists, as `dataclasses.asdict` makes them, without its deep copies (a Record
        holds only dataclasses, lists, dicts and immutable scalars): a store writes one per document."""
        return _plain(self)

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        version = data.get("schema_version")
        if version is None or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise ModelError(f"unsupported Record schema version {version!r}; this code reads {SCHEMA_VERSION}")
        return _build(cls, data)

    @classmethod
    def from_json(cls, text: str) -> Record:
        return cls.from_dict(json.loads(text))

    def to_facts(self) -> dict[str, Any]:
        """The flat facts view of ../shared/eval/README.md: names instead of ids."""
        name = self.entity_name
        persons, organizations, locations = [], [], []
        named = {m.entity for m in self.mentions if m.entity}
        for e in self.entities:
            if e.type == "ORG" and e.id not in named:
                continue  # implied, not named: the ministry of a minister's title (a Role's organization)
            if e.type == "PER":
                persons.append({"name": e.name, "roles": _unique(r.title for r in e.roles), "aliases": e.aliases})
            elif e.type == "ORG":
                organizations.append({"name": e.name, "aliases": e.aliases})
            elif e.kind != "region":  # the facts list countries and cities (../shared/eval/README.md)
                locations.append({"name": e.name, "aliases": e.aliases, "iso": e.iso, "kind": e.kind})
        events = []
        for ev in self.events:
            events.append({
                "id": ev.id, "type": ev.type, "status": ev.status, "start": ev.start, "end": ev.end,
                "location": name(ev.location),
                "participants": _unique(n for n in (name(p.entity) for p in ev.participants) if n),
                "name": ev.name, "parent": ev.parent, "series": ev.series,
                "plover": dataclasses.asdict(ev.plover) if ev.plover else None,
                "evidence": ev.evidence.text, "evidence_span": [ev.evidence.start, ev.evidence.end],
            })
        agreements = [{
            "kind": a.kind, "title": a.title, "signed": a.signed, "event": a.event,
            "parties": _unique(n for n in (name(p) for p in a.parties) if n),
        } for a in self.agreements]
        return {
            "id": self.document.id, "published": self.document.published, "language": self.document.language,
            "persons": persons, "organizations": organizations, "locations": locations,
            "events": events, "agreements": agreements,
            "topics": [{"id": t.id, "label": t.label, "score": round(t.score, 3)} for t in self.topics],
            "mentions": [{"start": m.start, "end": m.end, "type": m.type, "text": m.text} for m in self.mentions],
            "extractor": dataclasses.asdict(self.extractor),
        }


def _unique(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


@functools.cache
def _field_names(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp))


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    raise TypeError(f"a Record cannot hold {type(value).__name__} values")


@functools.cache
def _hints(tp: type) -> tuple[dict[str, Any], frozenset[str]]:
    """Type hints and field names of a dataclass, resolved once (get_type_hints is slow)."""
    return typing.get_type_hints(tp), frozenset(f.name for f in dataclasses.fields(tp))


def _build(tp: Any, value: Any) -> Any:
    """Rebuild a dataclass tree from plain JSON data, following the type hints."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(inner[0], value)
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_build(inner, v) for v in value]
    if origin is dict:
        return dict(value)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise ModelError(f"expected an object for {tp.__name__}, got {type(value).__name__}")
        hints, known = _hints(tp)
        unknown = set(value) - known
        if unknown:
            raise ModelError(f"unknown fields for {tp.__name__}: {sorted(unknown)}")
        try:
            return tp(**{k: _build(hints[k], v) for k, v in value.items()})
        except TypeError as exc:
            raise ModelError(f"{tp.__name__}: {exc}") from exc
    return value
