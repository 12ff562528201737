"""The pages: server-rendered HTML, no build step; a little plain JavaScript for the graph only.

Every page reads through the service layer (`communique.service.Service`); every form posts back here with the session's CSRF
token; every write needs a signed-in editor (or admin)."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..api import auth
from ..api.routes import MAX_FILTER_VALUES
from ..corrections import CorrectionError
from ..service import NotFound, Service
from .highlight import highlight
from .render import LANGUAGES, localized, translate

router = APIRouter(include_in_schema=False)

SEARCH_FILTERS = ("event_type", "person", "organization", "country", "topic", "language", "period")
PAGE = 20
MAX_QUESTION = 500


def _data(request: Request) -> Service:
    return request.app.state.data


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    lang = getattr(request.state, "lang", "en")
    who = auth.principal(request) if "session" in request.scope else auth.ANONYMOUS
    session = request.session if "session" in request.scope else {}
    flash = session.pop("flash", None) if session else None
    env = request.app.state.templates

    def t(key: str, **kw: Any) -> str:
        return translate(lang, key, **kw)

    params = {k: request.query_params.getlist(k) if len(request.query_params.getlist(k)) > 1
              else request.query_params.get(k) for k in request.query_params if k != "lang"}
    data = getattr(request.app.state, "data", None)
    if data is not None:
        ctx = localized(ctx, data.entity_names(), lang)
    html = env.get_template(template).render(
        request=request, lang=lang, languages=LANGUAGES, t=t, who=who, flash=flash, path=request.url.path,
        params=params, csrf=auth.csrf_token(request) if "session" in request.scope else "",
        can_edit=who.can("editor"), is_admin=who.can("admin"), **ctx)
    return HTMLResponse(html, status_code=status)


def html_error(request: Request, status: int, detail: str | None, headers: dict | None = None) -> HTMLResponse:
    try:
        response = render(request, "error.html", status=status, status_code=status, detail=detail)
    except Exception:  # the error page itself must not fail
        response = HTMLResponse(f"<!doctype html><title>Error {int(status)}</title><h1>Error {int(status)}</h1>",
                                status_code=status)
    if headers:
        for k, v in headers.items():
            if k.lower() != "www-authenticate":
                response.headers[k] = v
    return response


def _reader(request: Request) -> None:
    auth.reader(request)


def _int(value: str | None, default: int, lo: int = 0, hi: int = 10_000) -> int:
    try:
        return max(lo, min(hi, int(value))) if value not in (None, "") else default
    except ValueError:
        return default


def _pager(request: Request, total: int, offset: int, limit: int) -> dict:
    params = dict(request.query_params)
    params.pop("offset", None)
    return {"total": total, "offset": offset, "limit": limit,
            "first": offset + 1 if total else 0, "last": min(total, offset + limit),
            "prev": offset - limit if offset > 0 else None,
            "next": offset + limit if offset + limit < total else None, "params": params}


def _date(value: str | None) -> str | None:
    from ..model import ModelError, check_partial_date

    value = (value or "").strip()
    if not value:
        return None
    try:
        return check_partial_date(value)
    except ModelError:
        return None


def _spans(values: list[str], most: int = 20) -> list[tuple[int, int]]:
    """Character spans named in the address as START-END (a cited sentence); malformed ones are skipped."""
    out = []
    for v in values[:most]:
        start, _, end = v.partition("-")
        if start.isdigit() and end.isdigit() and int(start) < int(end):
            out.append((int(start), int(end)))
    return out


def _flash(request: Request, key: str) -> None:
    request.session["flash"] = key


def _local(path: str | None, fallback: str) -> str:
    """A redirect target: a path on this site only."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return fallback


# -- search ------------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    _reader(request)
    qp = request.query_params
    q = (qp.get("q") or "").strip()[:500]
    mode = qp.get("mode") if qp.get("mode") in ("hybrid", "text", "semantic") else "hybrid"
    offset = _int(qp.get("offset"), 0, 0, 1000)
    filters: dict[str, Any] = {}
    for name in SEARCH_FILTERS:
        values = [v[:300] for v in qp.getlist(name) if v.strip()]
        if len(values) > MAX_FILTER_VALUES:
            raise HTTPException(400, f"{name}: at most {MAX_FILTER_VALUES} values, not {len(values)}")
        if values:
            filters[name] = values if name != "period" else values[0]
    d = _data(request)
    try:
        result = d.search(q, filters=filters, mode=mode, limit=PAGE, offset=offset, lang=request.state.lang)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    return render(request, "search.html", q=q, mode=mode, filters=filters, result=result,
                  pager=_pager(request, result["total"], offset, PAGE), stats=d.stats(), nav="search")


# -- ask ---------------------------------------------------------------------------------------------

def _ask(request: Request, question: str) -> HTMLResponse:
    result = _data(request).ask(question) if question else None
    return render(request, "ask.html", question=question, result=result, nav="ask")


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request) -> HTMLResponse:
    """The Ask box; `?q=` answers at once (a link to an answer)."""
    _reader(request)
    return _ask(request, (request.query_params.get("q") or "").strip()[:MAX_QUESTION])


@router.post("/ask", response_class=HTMLResponse)
async def ask_from_form(request: Request) -> HTMLResponse:
    """A question posted from the Ask box: its answer, with every citation linked to the document
    where the cited sentence is highlighted."""
    _reader(request)
    form = await _checked_form(request)
    return _ask(request, str(form.get("q") or "").strip()[:MAX_QUESTION])


# -- documents --------------------------------------------------------------------------------------------

@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> HTMLResponse:
    _reader(request)
    offset = _int(request.query_params.get("offset"), 0)
    language = request.query_params.get("language") or None
    items, total = _data(request).documents(limit=PAGE, offset=offset, language=language)
    return render(request, "documents.html", items=items, pager=_pager(request, total, offset, PAGE),
                  language=language, nav="documents")


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    _reader(request)
    lang = request.state.lang
    view = _data(request).document_view(doc_id, lang=lang)
    view["html"] = highlight(view["fixed"].record, view["key_of"], view["fixed"], lang,
                             _spans(request.query_params.getlist("cite")))
    return render(request, "document.html", view=view, doc=view["document"], nav="documents")


@router.post("/documents/{doc_id}/corrections")
async def correct_from_form(request: Request, doc_id: str) -> RedirectResponse:
    """A correction made with one of the forms on the document and event pages."""
    form = await _editor_form(request)
    who = auth.principal(request)
    d = _data(request)
    op = str(form.get("op") or "")
    fact = str(form.get("fact") or "")
    back = _local(str(form.get("next") or ""), f"/documents/{quote(doc_id, safe='')}")
    value = _form_value(d, doc_id, op, fact, form)
    try:
        d.add_correction(doc_id, op, fact, value, author=who.label, reason=str(form.get("reason") or ""))
    except CorrectionError as exc:
        raise HTTPException(400, str(exc)) from exc
    _flash(request, "corr.saved")
    return RedirectResponse(back, status_code=303)


def _form_value(d: Service, doc_id: str, op: str, fact: str, form) -> dict:
    """The fields of a correction form that say something new."""
    fields = {"event.update": ("start", "end", "type", "status", "name", "location"),
              "event.add_participant": ("name", "type", "role"),
              "event.remove_participant": ("name",),
              "entity.update": ("name",),
              "entity.split": ("alias", "name"),
              "agreement.update": ("signed", "title", "kind")}.get(op, ())
    value = {k: str(form.get(k) or "").strip() for k in fields if form.get(k) is not None}
    if op in ("event.update", "agreement.update", "entity.update"):
        rec = d.corrected(doc_id).record
        target = {"event": rec.events, "agreement": rec.agreements, "entity": rec.entities}[op.split(".")[0]]
        current = next((x for x in target if x.id == fact), None)
        if current is None:
            raise HTTPException(404, f"no fact {fact!r} in this document")
        changed = {}
        for k, v in value.items():
            old = rec.entity_name(current.location) if k == "location" else getattr(current, k, None)
            if (old or "") != v:
                changed[k] = v or None
        value = changed
    return value


# -- entities ----------------------------------------------------------------------------------------------

@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request) -> HTMLResponse:
    _reader(request)
    qp = request.query_params
    offset = _int(qp.get("offset"), 0)
    etype = qp.get("type") if qp.get("type") in ("PER", "ORG", "LOC") else None
    q = (qp.get("q") or "").strip()[:200] or None
    items, total = _data(request).entities(q=q, type=etype, limit=50, offset=offset)
    return render(request, "entities.html", items=items, pager=_pager(request, total, offset, 50), q=q,
                  etype=etype, nav="entities")


@router.post("/entities/merge")
async def merge_from_form(request: Request) -> RedirectResponse:
    """'Same as …': two entities are one."""
    form = await _editor_form(request)
    a, b = str(form.get("a") or ""), str(form.get("b") or "").strip()
    d = _data(request)
    try:
        done = d.merge_entities(a, b, who=auth.principal(request).label, why=str(form.get("reason") or ""))
    except CorrectionError as exc:
        raise HTTPException(400, str(exc)) from exc
    _flash(request, "corr.saved")
    return RedirectResponse("/entities/" + quote(done.get("entity") or a, safe=""), status_code=303)


@router.post("/entities/{key:path}/split")
async def split_from_form(request: Request, key: str) -> RedirectResponse:
    """A wrong merge: the checked names are another entity."""
    form = await _editor_form(request)
    aliases = [str(a) for a in form.getlist("aliases") if str(a).strip()]
    d = _data(request)
    try:
        d.split_entity(key, aliases, who=auth.principal(request).label, why=str(form.get("reason") or ""))
    except CorrectionError as exc:
        raise HTTPException(400, str(exc)) from exc
    _flash(request, "corr.saved")
    return RedirectResponse("/entities/" + quote(key, safe=""), status_code=303)


async def _checked_form(request: Request, role: str | None = None, need: str = "sign in with an editor token"):
    """A posted form whose CSRF token matches the session's and, when `role` is given, whose sender
    holds that role; refuses with 403/401 otherwise."""
    form = await request.form()
    if not auth.csrf_ok(request, form.get(auth.CSRF_FIELD)):
        raise HTTPException(403, "the form is stale or forged (CSRF token mismatch): reload the page")
    if role is not None:
        who = auth.principal(request)
        if not who.can(role):
            raise HTTPException(403 if who.authenticated else 401, need)
    return form


async def _editor_form(request: Request):
    return await _checked_form(request, "editor", "sign in with an editor token to correct facts")


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str) -> HTMLResponse:
    _reader(request)
    profile = _data(request).entity(key, lang=request.state.lang)
    return render(request, "entity.html", e=profile, nav="entities")


# -- events ---------------------------------------------------------------------------------------------

def _event_filters(request: Request) -> dict:
    qp = request.query_params
    return {"type": qp.get("type") or None, "status": qp.get("status") or None,
            "from_": _date(qp.get("from")), "to": _date(qp.get("to")), "entity": qp.get("entity") or None,
            "topic": qp.get("topic") or None, "country": qp.get("country") or None}


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    _reader(request)
    offset = _int(request.query_params.get("offset"), 0)
    filters = _event_filters(request)
    items, total = _data(request).events(limit=50, offset=offset, **filters)
    return render(request, "events.html", items=items, pager=_pager(request, total, offset, 50), f=filters,
                  nav="events")


@router.get("/events/{doc_id}/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, doc_id: str, event_id: str) -> HTMLResponse:
    _reader(request)
    ev = _data(request).event(doc_id, event_id, lang=request.state.lang)
    return render(request, "event.html", ev=ev, nav="events")


# -- timeline, graph, topics, series, agreements ------------------------------------------------------------

@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    _reader(request)
    filters = _event_filters(request)
    granularity = request.query_params.get("granularity")
    from_, to = filters.pop("from_"), filters.pop("to")
    data = _data(request).timeline(from_=from_, to=to, granularity=granularity, limit=300, **filters)
    peak = max((b["count"] for b in data["buckets"]), default=0)
    return render(request, "timeline.html", tl=data, f={**filters, "from": from_, "to": to}, peak=peak,
                  zoom_out=_zoom_out(from_, to, data["granularity"]), nav="timeline")


def _zoom_out(from_: str | None, to: str | None, granularity: str) -> dict | None:
    if not from_ and not to:
        return None
    if granularity == "day" and from_ and len(from_) >= 7:
        return {"from": from_[:4], "to": from_[:4], "granularity": "month"}
    return {"from": None, "to": None, "granularity": None}


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request) -> HTMLResponse:
    _reader(request)
    qp = request.query_params
    entity = qp.get("entity") or None
    types = qp.get("types") or None
    if types and not all(t in ("PER", "ORG", "LOC") for t in types.split(",")):
        types = None
    min_weight = _int(qp.get("min_weight"), 1, 1, 100)
    d = _data(request)
    g = d.graph(entity=entity, types=types, min_weight=min_weight, limit=80)
    center = d.index().ref(entity) if entity else None
    return render(request, "graph.html", g=g, entity=entity, center=center, types=types, min_weight=min_weight,
                  nav="graph")


@router.get("/topics", response_class=HTMLResponse)
def topics_page(request: Request) -> HTMLResponse:
    _reader(request)
    qp = request.query_params
    trend = _data(request).topic_trend(from_=_date(qp.get("from")), to=_date(qp.get("to")), lang=request.state.lang)
    return render(request, "topics.html", trend=trend, chart=_trend_chart(trend), nav="topics")


COLORS = ("#1f6feb", "#d1242f", "#1a7f37", "#bf8700", "#8250df", "#0a7d8c", "#cf222e", "#57606a", "#e16f24",
          "#6e7781")


def _trend_chart(trend: dict) -> dict:
    """Coordinates of an SVG line chart, computed here so the page needs no script."""
    months, series = trend["months"], trend["series"]
    width, height, left, bottom, top = 760, 280, 40, 40, 12
    peak = max((max(s["counts"]) for s in series if s["counts"]), default=0) or 1
    right = 36
    step = (width - left - right) / max(1, len(months) - 1)
    lines = []
    for i, s in enumerate(series):
        pts = [(left + j * step if len(months) > 1 else left + (width - left) / 2,
                height - bottom - (c / peak) * (height - bottom - top)) for j, c in enumerate(s["counts"])]
        lines.append({"label": s["label"], "topic": s["topic"], "color": COLORS[i % len(COLORS)], "total": s["total"],
                      "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in pts),
                      "dots": [{"x": round(x, 1), "y": round(y, 1), "n": c, "month": m}
                               for (x, y), c, m in zip(pts, s["counts"], months, strict=False)]})
    ticks = sorted({0, peak, math.ceil(peak / 2)})
    return {"width": width, "height": height, "left": left, "bottom": bottom, "lines": lines,
            "yticks": [{"v": v, "y": round(height - bottom - (v / peak) * (height - bottom - top), 1)} for v in ticks],
            "xticks": [{"label": m, "x": round(left + j * step, 1)} for j, m in enumerate(months)
                       if len(months) <= 12 or j % math.ceil(len(months) / 12) == 0]}


@router.get("/series", response_class=HTMLResponse)
def series_list_page(request: Request) -> HTMLResponse:
    _reader(request)
    items, total = _data(request).series_list(limit=200)
    return render(request, "series_list.html", items=items, total=total, nav="series")


@router.get("/series/{key:path}", response_class=HTMLResponse)
def series_page(request: Request, key: str) -> HTMLResponse:
    _reader(request)
    return render(request, "series.html", s=_data(request).series(key), nav="series")


@router.get("/agreements", response_class=HTMLResponse)
def agreements_page(request: Request) -> HTMLResponse:
    _reader(request)
    qp = request.query_params
    offset = _int(qp.get("offset"), 0)
    kind = qp.get("kind") or None
    items, total = _data(request).agreements(kind=kind, limit=50, offset=offset)
    return render(request, "agreements.html", items=items, kind=kind, pager=_pager(request, total, offset, 50),
                  nav="agreements")


# -- corrections ---------------------------------------------------------------------------------------------

@router.get("/corrections", response_class=HTMLResponse)
def corrections_page(request: Request) -> HTMLResponse:
    _reader(request)
    offset = _int(request.query_params.get("offset"), 0)
    d = _data(request)
    items, total = d.list_corrections(limit=50, offset=offset)
    return render(request, "corrections.html", items=items, pager=_pager(request, total, offset, 50),
                  audit=d.entity_audit()[:100], nav="corrections")


@router.post("/corrections/{correction_id}/revert")
async def revert_from_form(request: Request, correction_id: int) -> RedirectResponse:
    form = await _checked_form(request, "editor")
    who = auth.principal(request)
    d = _data(request)
    c = d.correction(correction_id)
    if c.author != who.label and not who.can("admin"):
        raise HTTPException(403, "only its author or an admin may withdraw a correction")
    d.revert_correction(correction_id, by=who.label)
    _flash(request, "corr.reverted")
    return RedirectResponse(_local(str(form.get("next") or ""), "/corrections"), status_code=303)


# -- access ------------------------------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", error=None, next=_local(request.query_params.get("next"), "/"))


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request):
    auth.check_pace(request)
    form = await _checked_form(request)
    who = request.app.state.tokens.by_token(str(form.get("token") or "").strip())
    nxt = _local(str(form.get("next") or ""), "/")
    if who is None:
        auth.failed_attempt(request)
        return render(request, "login.html", status=401, error="auth.bad_token", next=nxt)
    request.session.clear()
    request.session["tok"] = who.token_id
    auth.rotate_csrf(request)
    return RedirectResponse(nxt, status_code=303)


@router.post("/logout")
async def logout(request: Request) -> RedirectResponse:
    await _checked_form(request)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/admin/tokens", response_class=HTMLResponse)
def tokens_page(request: Request) -> HTMLResponse:
    who = auth.principal(request)
    if not who.can("admin"):
        raise HTTPException(403 if who.authenticated else 401, "this page needs an admin")
    created = request.session.pop("new_token", None)
    return render(request, "tokens.html", tokens=auth.list_tokens(request.app.state.store), created=created,
                  nav="tokens")


@router.post("/admin/tokens")
async def tokens_create(request: Request) -> RedirectResponse:
    form = await _checked_form(request, "admin", "this needs an admin")
    who = auth.principal(request)
    try:
        token = auth.create_token(request.app.state.store, name=str(form.get("name") or ""),
                                  role=str(form.get("role") or "viewer"), created_by=who.label)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    request.session["new_token"] = token
    return RedirectResponse("/admin/tokens", status_code=303)


@router.post("/admin/tokens/{token_id}/revoke")
async def tokens_revoke(request: Request, token_id: int) -> RedirectResponse:
    await _checked_form(request, "admin", "this needs an admin")
    auth.revoke_token(request.app.state.store, token_id)
    request.app.state.tokens.clear()
    return RedirectResponse("/admin/tokens", status_code=303)


# -- the API's own page --------------------------------------------------------------------------------------

@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "tag": (op.get("tags") or [""])[0],
                        "params": [p["name"] for p in op.get("parameters", [])]})
    return render(request, "api.html", ops=ops, version=spec.get("info", {}).get("version"), nav="api")


def install_not_found(app) -> None:
    """`NotFound` from the data layer answers 404 (a problem or a page)."""
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        handler = app.exception_handlers[StarletteHTTPException]
        return await handler(request, StarletteHTTPException(404, str(exc)))
