"""The shapes of the JSON API (its OpenAPI components)."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

# a character that is not blank (str.strip() keeps it: \x1c-\x1f count as blank there, not in \s everywhere)
NOT_BLANK = r"[^\s\x1c-\x1f]"

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: `items`, with `total` matching and links to the neighbours."""

    items: list[T]
    total: int = Field(..., description="How many items match in all.")
    limit: int
    offset: int
    next: str | None = Field(None, description="The URL of the next page, if any.")
    prev: str | None = Field(None, description="The URL of the previous page, if any.")


class Loose(BaseModel):
    model_config = ConfigDict(extra="allow")


class Ref(Loose):
    key: str | None = None
    name: str | None = None
    type: str | None = None


class DocumentSummary(Loose):
    id: str
    title: str
    published: str | None = None
    language: str | None = None
    url: str | None = None
    source: str | None = None
    events: int = 0
    topics: list[str] = []
    corrected: bool = False


class DocumentOut(Loose):
    id: str
    title: str
    url: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None
    fetched: str | None = None
    text: str
    extractor: str | None = None
    corrections: int = 0
    orphaned_corrections: int = 0


class EntitySummary(Loose):
    key: str
    name: str
    type: str
    kind: str | None = None
    iso: str | None = None
    documents: int
    events: int = 0
    aliases: list[str] = []


class EntityProfile(Loose):
    key: str
    name: str
    type: str
    names: list[str]
    roles: list[dict[str, Any]]
    events: list[dict[str, Any]] = Field(..., description="The latest 100 events, in date order (all: /events?entity=KEY).")
    events_total: int
    documents_total: int
    co_participants: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    documents: list[dict[str, Any]]


class EventSummary(Loose):
    key: str
    document: str
    id: str
    type: str
    status: str
    start: str | None = None
    end: str | None = None
    name: str | None = None
    location: Ref | None = None
    participants: list[dict[str, Any]] = []
    evidence: str
    corrected: bool = False


class EventDetail(Loose):
    key: str
    id: str
    type: str
    status: str
    start: str | None = None
    end: str | None = None
    document: dict[str, Any]
    participants: list[dict[str, Any]]
    sub_events: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    corrections: list[dict[str, Any]] = []


class AgreementSummary(Loose):
    document: str
    id: str
    kind: str
    title: str
    signed: str | None = None
    event: str | None = None
    parties: list[dict[str, Any]] = []


class SeriesSummary(Loose):
    key: str
    name: str
    events: int
    documents: int
    first: str | None = None
    last: str | None = None


class SeriesDetail(Loose):
    key: str
    name: str
    events: list[dict[str, Any]]
    participants: list[dict[str, Any]]
    places: list[dict[str, Any]]


class Hit(Loose):
    id: str
    title: str
    url: str | None = None
    published: str | None = None
    language: str | None = None
    score: float
    snippet: str = Field(..., description="The best matching sentence, hits marked [[like this]].")
    via: list[str] = []
    facts: list[dict[str, Any]] = []


class FacetValue(Loose):
    value: str
    label: str | None = None
    count: int


class SearchResult(BaseModel):
    query: str
    mode: str
    filters: dict[str, Any]
    total: int = Field(..., description="Documents matching (up to 500 counted for a text query).")
    limit: int
    offset: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]


class TimelineBucket(BaseModel):
    key: str
    count: int
    types: dict[str, int]


class Timeline(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(None, alias="from")
    to: str | None = None
    granularity: str
    total: int
    limit: int
    offset: int
    buckets: list[TimelineBucket]
    events: list[dict[str, Any]]


class GraphNode(BaseModel):
    id: str
    name: str | None = None
    type: str
    weight: int
    documents: int


class GraphEdge(BaseModel):
    source: str
    target: str
    weight: int
    kinds: list[str]


class Graph(BaseModel):
    center: str | None = None
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class TrendSeries(BaseModel):
    topic: str
    label: str
    total: int
    counts: list[int]


class Trend(BaseModel):
    months: list[str]
    series: list[TrendSeries]


class CorrectionIn(BaseModel):
    """A fix of one fact of one document."""

    model_config = ConfigDict(extra="forbid")

    document: str = Field(..., min_length=1, max_length=300, description="The document id.")
    op: str = Field(..., description="event.update | event.add_participant | event.remove_participant | "
                                     "event.reject | entity.update | entity.split | entity.reject | "
                                     "agreement.update | agreement.reject")
    fact: str = Field(..., min_length=1, max_length=100,
                      description="The id of the fact in the document's (corrected) Record, e.g. 'e1'.")
    value: dict[str, Any] = Field(default_factory=dict, description="The new values, by op.")
    reason: str = Field(..., min_length=1, max_length=2000, pattern=NOT_BLANK, description="Why: required.")


class CorrectionOut(BaseModel):
    id: int
    document_id: str
    op: str
    target: str
    target_id: str
    anchor: dict[str, Any]
    value: dict[str, Any]
    previous: dict[str, Any]
    author: str
    reason: str
    created: str
    extractor_version: str | None = None
    reverted: str | None = None
    reverted_by: str | None = None


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=200)
    role: str = Field("viewer", pattern="^(viewer|editor|admin)$")


class TokenOut(BaseModel):
    id: int
    name: str
    prefix: str
    role: str
    created: str
    created_by: str | None = None
    last_used: str | None = None
    revoked: str | None = None


class TokenCreated(BaseModel):
    token: str = Field(..., description="The token: shown this once, only its hash is kept.")
    name: str
    role: str


class Me(BaseModel):
    authenticated: bool
    name: str | None = None
    role: str | None = None
    via: str | None = None
    private: bool


class Stats(Loose):
    documents: int
    entities: int
    events: int
    agreements: int
    series: int
    corrections: int


class MergeIn(BaseModel):
    """Two entities that are one (names or knowledge-base ids)."""

    model_config = ConfigDict(extra="forbid")

    a: str = Field(..., min_length=1, max_length=400)
    b: str = Field(..., min_length=1, max_length=400)
    reason: str = Field(..., min_length=1, max_length=2000, pattern=NOT_BLANK)


class SplitIn(BaseModel):
    """Names (and the mentions carrying them) that belong to another entity: a wrong merge."""

    model_config = ConfigDict(extra="forbid")

    aliases: list[Annotated[str, Field(min_length=1, max_length=400, pattern=NOT_BLANK)]] = Field(
        ..., min_length=1, max_length=50)
    reason: str = Field(..., min_length=1, max_length=2000, pattern=NOT_BLANK)


class AuditOut(BaseModel):
    id: int
    at: str
    action: str
    who: str
    why: str
    payload: dict[str, Any] = {}
