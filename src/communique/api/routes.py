"""The JSON API, version 1 (mounted at /api/v1): every list pages with `limit` and `offset` and
answers `{items, total, limit, offset, next, prev}` with a Link header; every error is a problem
document (RFC 9457)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field, StringConstraints

from ..corrections import CorrectionConflict, CorrectionError, CorrectionNotFound
from ..model import AGREEMENT_KINDS, ModelError, check_partial_date
from ..service import EXPORT_FORMATS, KB_EXPORT_FORMATS, Service
from ..store import period_bounds
from . import auth
from .problems import problem_responses
from .schemas import (
    AgreementSummary,
    AuditOut,
    CorrectionIn,
    CorrectionOut,
    DocumentOut,
    DocumentSummary,
    EntityProfile,
    EntitySummary,
    EventDetail,
    EventSummary,
    Graph,
    Me,
    MergeIn,
    Page,
    SearchResult,
    SeriesDetail,
    SeriesSummary,
    SplitIn,
    Stats,
    Timeline,
    TokenCreated,
    TokenIn,
    TokenOut,
    Trend,
)

router = APIRouter(dependencies=[Depends(auth.reader)], responses=problem_responses(401, 413, 422, 429))

MAX_FILTER_VALUES = 20  # values of one repeated filter (person=…&person=…); each becomes a query condition
Limit = Annotated[int, Query(ge=1, le=200, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many items.")]
_DAY = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"  # model._PARTIAL_DATE
# what store.period_bounds reads: one partial date, or FROM..TO / FROM/TO with either end open
PERIOD_PATTERN = rf"^\s*(?:{_DAY}\s*|(?:{_DAY})?\s*(?:\.\.|/)\s*(?:{_DAY})?\s*)$"
Period = Annotated[str | None, Query(max_length=30, pattern=PERIOD_PATTERN,
                                     description="2026, 2026-04 or 2026-01..2026-03 (either end may be left open)")]
DateParam = Annotated[str | None, Query(max_length=10, pattern=rf"^{_DAY}$",
                                        description="A partial date: YYYY, YYYY-MM or YYYY-MM-DD.")]
Short = Annotated[str | None, Query(max_length=300)]
# a repeated filter (person=…&person=…): the spec states its bounds, so a request within them is served
Filter = Annotated[list[Annotated[str, StringConstraints(max_length=300)]] | None, Query(max_length=MAX_FILTER_VALUES)]
EventType = Literal["VISIT", "MEETING", "FORUM", "SESSION", "SPEECH", "SIGNING", "ACCESSION", "FOUNDING", "CALL"]
TypeFilter = Annotated[list[EventType] | None, Query(max_length=MAX_FILTER_VALUES)]
Status = Literal["occurred", "ongoing", "planned"]
EntityType = Literal["PER", "ORG", "LOC"]
AgreementKind = Literal[AGREEMENT_KINDS]
NOT_FOUND = problem_responses(404)
BODY = problem_responses(400)  # a body that cannot be read at all (not UTF-8): 400 before validation


def data(request: Request) -> Service:
    return request.app.state.data


Data = Annotated[Service, Depends(data)]
Who = Annotated[auth.Principal, Depends(auth.principal)]
Editor = Annotated[auth.Principal, Depends(auth.require("editor"))]
Admin = Annotated[auth.Principal, Depends(auth.require("admin"))]


def lang_of(request: Request) -> str:
    return getattr(request.state, "lang", "en")


def _dates(*values: str | None) -> None:
    for v in values:
        try:
            check_partial_date(v)
        except ModelError as exc:
            raise HTTPException(422, str(exc)) from exc


def paged(request: Request, response: Response, items: list, total: int, limit: int, offset: int) -> dict:
    """A Page body, with next/prev URLs in it and in a Link header."""
    params = dict(request.query_params)

    def url(off: int) -> str:
        return f"{request.url.path}?{urlencode({**params, 'limit': limit, 'offset': off})}"

    nxt = url(offset + limit) if offset + limit < total else None
    prev = url(max(0, offset - limit)) if offset > 0 else None
    links = [f'<{u}>; rel="{rel}"' for u, rel in ((nxt, "next"), (prev, "prev")) if u]
    if links:
        response.headers["Link"] = ", ".join(links)
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": nxt, "prev": prev}


# -- service -------------------------------------------------------------------------------------

@router.get("/health", tags=["service"], summary="Is the service up")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/stats", tags=["service"], summary="What the store holds", response_model=Stats)
def stats(*, d: Data) -> Any:
    return d.stats()


@router.get("/me", tags=["access"], summary="Who the request is made as", response_model=Me)
def me(*, request: Request, who: Who) -> Any:
    return {"authenticated": who.authenticated, "name": who.name, "role": who.role, "via": who.via,
            "private": request.app.state.private}


# -- documents and records ---------------------------------------------------------------------------

@router.get("/documents", tags=["documents"], summary="Stored documents, newest first",
            response_model=Page[DocumentSummary])
def documents(*, request: Request, response: Response, limit: Limit = 20, offset: Offset = 0,
              language: Annotated[str | None, Query(max_length=16)] = None,
              period: Period = None, d: Data) -> Any:
    if period:
        try:
            period_bounds(period)
        except ValueError as exc:
            raise HTTPException(422, f"period: {exc}") from exc
    items, total = d.documents(limit=limit, offset=offset, language=language, period=period)
    return paged(request, response, items, total, limit, offset)


@router.get("/documents/{doc_id}", tags=["documents"], summary="A document: provenance and text",
            response_model=DocumentOut, responses=NOT_FOUND)
def document(*, doc_id: Annotated[str, Path(max_length=300)], d: Data) -> Any:
    return d.document(doc_id)


@router.get("/records", tags=["records"], summary="Records (all facts of a document), corrections applied",
            response_model=Page[dict[str, Any]])
def records(*, request: Request, response: Response, limit: Annotated[int, Query(ge=1, le=50)] = 10,
            offset: Offset = 0, d: Data) -> Any:
    items, total = d.records(limit=limit, offset=offset)
    return paged(request, response, items, total, limit, offset)


@router.get("/records/{doc_id}", tags=["records"], summary="The Record of a document",
            description="With the analysts' corrections applied; `raw=true` gives the Record as extracted.",
            response_model=dict[str, Any], responses=NOT_FOUND)
def record(*, doc_id: Annotated[str, Path(max_length=300)], raw: bool = False, d: Data) -> Any:
    return d.record(doc_id, corrected=not raw).to_dict()


# -- entities --------------------------------------------------------------------------------------

@router.get("/entities", tags=["entities"], summary="Persons, organizations and places across documents",
            response_model=Page[EntitySummary])
def entities(*, request: Request, response: Response, q: Short = None, type: EntityType | None = None,
             limit: Limit = 50, offset: Offset = 0, d: Data) -> Any:
    items, total = d.entities(q=q, type=type, limit=limit, offset=offset)
    return paged(request, response, items, total, limit, offset)


@router.post("/entities/merge", tags=["entities"], summary="Merge two entities (editor)",
             description="A missed merge: two names are one entity. Kept in the knowledge base's audit log "
                         "(who, when, why) and replayed after every relink.",
             response_model=dict[str, Any], responses=BODY | problem_responses(403, 404, 409))
def merge(*, body: MergeIn, request: Request, d: Data, who: Editor) -> Any:
    auth.check_api_csrf(request, who)
    with _kb_refusals():
        return d.merge_entities(body.a, body.b, who=who.label, why=body.reason)


@router.get("/merges", tags=["entities"], summary="Manual merges and splits, newest first",
            response_model=Page[AuditOut])
def merges(*, request: Request, response: Response, limit: Limit = 50, offset: Offset = 0, d: Data) -> Any:
    items = d.entity_audit()
    return paged(request, response, items[offset:offset + limit], len(items), limit, offset)


@router.post("/entities/{key:path}/split", tags=["entities"], summary="Split names off an entity (editor)",
             description="A wrong merge: the mentions carrying these names are another entity. Kept in the "
                         "audit log and replayed after every relink.",
             response_model=dict[str, Any], responses=BODY | problem_responses(403, 404, 409))
def split(*, key: Annotated[str, Path(max_length=400)], body: SplitIn, request: Request, d: Data,
          who: Editor) -> Any:
    auth.check_api_csrf(request, who)
    with _kb_refusals():
        return d.split_entity(key, body.aliases, who=who.label, why=body.reason)


@contextlib.contextmanager
def _kb_refusals() -> Iterator[None]:
    """A merge or split refused: 404 where no entity is named so, 409 where the knowledge base as it
    stands refuses it (already one, of two types), 422 for the rest."""
    try:
        yield
    except CorrectionNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except CorrectionConflict as exc:
        raise HTTPException(409, str(exc)) from exc
    except CorrectionError as exc:
        raise HTTPException(422, str(exc)) from exc


@router.get("/entities/{key:path}", tags=["entities"], summary="An entity's profile",
            description="Roles over time, events, co-participants, agreements, documents.",
            response_model=EntityProfile, responses=NOT_FOUND)
def entity(*, request: Request, key: Annotated[str, Path(max_length=400)], d: Data) -> Any:
    return d.entity(key, lang=lang_of(request))


# -- events ------------------------------------------------------------------------------------------

def _event_filters(type: list[EventType] | None, status: Status | None, from_: str | None, to: str | None,
                   entity: str | None, topic: str | None, country: str | None) -> dict:
    _dates(from_, to)
    return {"type": ",".join(type) if type else None, "status": status, "from_": from_, "to": to,
            "entity": entity, "topic": topic, "country": country}


@router.get("/events", tags=["events"], summary="Events, oldest first", response_model=Page[EventSummary])
def events(*, request: Request, response: Response, type: TypeFilter = None,
           status: Status | None = None, from_: Annotated[DateParam, Query(alias="from")] = None,
           to: DateParam = None, entity: Short = None, topic: Short = None, country: Short = None,
           series: Short = None, document: Short = None, limit: Limit = 50, offset: Offset = 0,
           d: Data) -> Any:
    filters = _event_filters(type, status, from_, to, entity, topic, country)
    items, total = d.events(limit=limit, offset=offset, series=series, document=document, **filters)
    return paged(request, response, items, total, limit, offset)


@router.get("/events/{doc_id}/{event_id}", tags=["events"], summary="An event",
            description="Sub-events, participants, sources (other reports of it), conflicts, agreements, "
                        "corrections.", response_model=EventDetail, responses=NOT_FOUND)
def event(*, request: Request, doc_id: Annotated[str, Path(max_length=300)],
          event_id: Annotated[str, Path(max_length=100)], d: Data) -> Any:
    ev = d.event(doc_id, event_id, lang=lang_of(request))
    ev["corrections"] = [c.to_dict() for c in ev.pop("corrections")]
    ev["history"] = [c.to_dict() for c in ev["history"]]
    for sub in ev["sub_events"] + ([ev["parent_event"]] if ev["parent_event"] else []):
        sub["corrections"] = [c.to_dict() for c in sub["corrections"]]
    for a in ev["agreements"]:
        a["corrections"] = [c.to_dict() for c in a["corrections"]]
    return ev


@router.get("/series", tags=["series"], summary="Recurring events (numbered meetings and sessions)",
            response_model=Page[SeriesSummary])
def series_list(*, request: Request, response: Response, limit: Limit = 50, offset: Offset = 0,
                d: Data) -> Any:
    items, total = d.series_list(limit=limit, offset=offset)
    return paged(request, response, items, total, limit, offset)


@router.get("/series/{key:path}", tags=["series"], summary="A series: its events in order",
            response_model=SeriesDetail, responses=NOT_FOUND)
def series(*, key: Annotated[str, Path(max_length=400)], d: Data) -> Any:
    return d.series(key)


@router.get("/agreements", tags=["agreements"], summary="Signed documents, newest first",
            response_model=Page[AgreementSummary])
def agreements(*, request: Request, response: Response, kind: AgreementKind | None = None, party: Short = None,
               from_: Annotated[DateParam, Query(alias="from")] = None, to: DateParam = None,
               limit: Limit = 50, offset: Offset = 0, d: Data) -> Any:
    _dates(from_, to)
    items, total = d.agreements(kind=kind, party=party, from_=from_, to=to, limit=limit, offset=offset)
    return paged(request, response, items, total, limit, offset)


# -- search, timeline, graph, trends ----------------------------------------------------------------------

@router.get("/search", tags=["search"], summary="Hybrid search with facets", response_model=SearchResult)
def search(*, request: Request, q: Annotated[str, Query(max_length=500)] = "",
           mode: Literal["hybrid", "text", "semantic"] = "hybrid",
           event_type: TypeFilter = None,
           person: Filter = None,
           organization: Filter = None,
           country: Filter = None,
           topic: Filter = None,
           language: Filter = None,
           period: Period = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Annotated[int, Query(ge=0, le=1000)] = 0,
           d: Data) -> Any:
    filters = {"event_type": event_type, "person": person, "organization": organization, "country": country,
               "topic": topic, "language": language, "period": period}
    if period:
        try:
            period_bounds(period)
        except ValueError as exc:
            raise HTTPException(422, f"period: {exc}") from exc
    for name, values in filters.items():
        if isinstance(values, list) and any(len(v) > 300 for v in values):
            raise HTTPException(422, f"{name}: a value is too long")
        if isinstance(values, list) and len(values) > MAX_FILTER_VALUES:
            raise HTTPException(422, f"{name}: at most {MAX_FILTER_VALUES} values, not {len(values)}")
    result = d.search(q, filters=filters, mode=mode, limit=limit, offset=offset, lang=lang_of(request))
    return {**result, "limit": limit, "offset": offset}


class AskIn(BaseModel):
    question: str = Field(..., min_length=1, max_length=1000, description="A question in Russian or English.")
    language: Literal["ru", "en"] | None = Field(None, description="The question's language; guessed if left out.")


class CitationOut(BaseModel):
    document_id: str
    url: str | None
    sentence: str
    start: int = Field(..., description="Character offset of the sentence in the document text.")
    end: int


class AskOut(BaseModel):
    question: str
    answer: str
    kind: str = Field(..., description="who, when, where, signed, count, bodies, series, events-of-person, what")
    mode: str = Field(..., description="facts; sentences (no fact answers: the closest sentences); none")
    citations: list[CitationOut]
    facts: list[dict[str, Any]]
    phrased_by: str | None = Field(None, description="The model that phrased the answer from its citations "
                                   "(COMMUNIQUE_LLM_URL set); null for the composed answer.")


@router.post("/ask", tags=["search"], summary="A cited answer to a question over the knowledge base",
             response_model=AskOut, responses=BODY)
def ask(*, body: AskIn, d: Data) -> Any:
    return d.ask(body.question, language=body.language)


@router.get("/timeline", tags=["timeline"], summary="Events in time, counted by year, month or day",
            response_model=Timeline, response_model_by_alias=True)
def timeline(*, from_: Annotated[DateParam, Query(alias="from")] = None, to: DateParam = None,
             granularity: Literal["year", "month", "day"] | None = None,
             type: TypeFilter = None, status: Status | None = None,
             entity: Short = None, topic: Short = None, country: Short = None,
             limit: Annotated[int, Query(ge=1, le=500)] = 200, offset: Offset = 0,
             d: Data) -> Any:
    filters = _event_filters(type, status, from_, to, entity, topic, country)
    filters.pop("from_")
    filters.pop("to")
    out = d.timeline(from_=from_, to=to, granularity=granularity, limit=limit, offset=offset, **filters)
    return out


@router.get("/graph", tags=["graph"], summary="Who appears with whom",
            description="Entities as nodes; an edge between two that took part in the same events or are "
                        "parties to the same agreements, weighted by how many.", response_model=Graph)
def graph(*, entity: Short = None, types: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z,]*$")] = None,
          min_weight: Annotated[int, Query(ge=1, le=1000)] = 1, limit: Annotated[int, Query(ge=1, le=500)] = 80,
          d: Data) -> Any:
    return d.graph(entity=entity, types=types, min_weight=min_weight, limit=limit)


@router.get("/topics/trend", tags=["topics"], summary="Events per topic per month", response_model=Trend)
def topic_trend(*, request: Request, from_: Annotated[DateParam, Query(alias="from")] = None, to: DateParam = None,
                top: Annotated[int, Query(ge=1, le=50)] = 8, d: Data) -> Any:
    _dates(from_, to)
    return d.topic_trend(from_=from_, to=to, top=top, lang=lang_of(request))


# -- exports -------------------------------------------------------------------------------------------

@router.get("/exports/{fmt}", tags=["exports"], summary="Export the facts",
            description="jsonl and json: whole Records, corrections applied; csv: one line per event, corrections "
                        "applied. jsonld (schema.org), plover, ics and graphml: the knowledge base "
                        "(communique.export), where installed.",
            response_class=StreamingResponse, responses={
                200: {"content": {m: {} for m in {**EXPORT_FORMATS, **KB_EXPORT_FORMATS}.values()},
                      "description": "The export."}, **NOT_FOUND})
def export(*, fmt: Literal["jsonl", "json", "csv", "jsonld", "plover", "ics", "graphml"],
           document: Annotated[list[str] | None, Query(description="Only these documents (jsonl, json, csv).")]
           = None, d: Data) -> Response:
    if document and any(len(x) > 300 for x in document):
        raise HTTPException(422, "document: an id is too long")
    formats = d.export_formats()
    if fmt not in formats:
        raise HTTPException(404, f"the {fmt} export is not installed here")
    ext = {"jsonl": "jsonl", "json": "json", "csv": "csv", "jsonld": "jsonld", "plover": "plover.json",
           "ics": "ics", "graphml": "graphml"}[fmt]
    headers = {"Content-Disposition": f'attachment; filename="communique.{ext}"'}
    if fmt in KB_EXPORT_FORMATS:
        return Response(d.export_kb(fmt), media_type=formats[fmt], headers=headers)
    return StreamingResponse((chunk.encode("utf-8") for chunk in d.export(fmt, doc_ids=document)),
                             media_type=EXPORT_FORMATS[fmt], headers=headers)


# -- corrections ------------------------------------------------------------------------------------------

@router.get("/corrections", tags=["corrections"], summary="Corrections, newest first",
            response_model=Page[CorrectionOut])
def corrections(*, request: Request, response: Response, document: Short = None, author: Short = None,
                active: bool | None = None, limit: Limit = 50, offset: Offset = 0,
                d: Data) -> Any:
    items, total = d.list_corrections(document_id=document, author=author, active=active, limit=limit,
                                      offset=offset)
    return paged(request, response, [c.to_dict() for c in items], total, limit, offset)


@router.get("/corrections/{correction_id}", tags=["corrections"], summary="A correction",
            response_model=CorrectionOut, responses=NOT_FOUND)
def correction(*, correction_id: Annotated[int, Path(ge=1, le=2**62)], d: Data) -> Any:
    return d.correction(correction_id).to_dict()


@router.post("/corrections", tags=["corrections"], summary="Correct a fact (editor)", status_code=201,
             response_model=CorrectionOut, responses=BODY | problem_responses(403, 404))
def correct(*, body: CorrectionIn, request: Request, d: Data,
            who: Editor) -> Any:
    auth.check_api_csrf(request, who)
    try:
        c = d.add_correction(body.document, body.op, body.fact, body.value, author=who.label, reason=body.reason)
    except CorrectionError as exc:
        raise HTTPException(422, str(exc)) from exc
    return c.to_dict()


@router.post("/corrections/{correction_id}/revert", tags=["corrections"],
             summary="Withdraw a correction (its author, or an admin)", response_model=CorrectionOut,
             responses=problem_responses(403, 404))
def revert(*, correction_id: Annotated[int, Path(ge=1, le=2**62)], request: Request, d: Data,
           who: Editor) -> Any:
    auth.check_api_csrf(request, who)
    c = d.correction(correction_id)
    if c.author != who.label and not who.can("admin"):
        raise HTTPException(403, "only its author or an admin may withdraw a correction")
    return d.revert_correction(correction_id, by=who.label).to_dict()


# -- tokens -------------------------------------------------------------------------------------------------

@router.get("/tokens", tags=["access"], summary="API tokens (admin)", response_model=list[TokenOut],
            responses=problem_responses(403))
def tokens(*, request: Request, _who: Admin) -> Any:
    return auth.list_tokens(request.app.state.store)


@router.post("/tokens", tags=["access"], summary="Make a token (admin)", status_code=201,
             response_model=TokenCreated, responses=BODY | problem_responses(403))
def make_token(*, body: TokenIn, request: Request, who: Admin) -> Any:
    auth.check_api_csrf(request, who)
    token = auth.create_token(request.app.state.store, name=body.name, role=body.role, created_by=who.label)
    return {"token": token, "name": body.name, "role": body.role}


@router.delete("/tokens/{token_id}", tags=["access"], summary="Revoke a token (admin)", status_code=204,
               responses=problem_responses(403, 404))
def delete_token(*, token_id: Annotated[int, Path(ge=1, le=2**62)], request: Request,
                 who: Admin) -> Response:
    auth.check_api_csrf(request, who)
    if not auth.revoke_token(request.app.state.store, token_id):
        raise HTTPException(404, f"no active token {token_id}")
    request.app.state.tokens.clear()
    return Response(status_code=204)

