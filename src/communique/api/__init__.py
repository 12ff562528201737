"""The web application: the JSON API (/api/v1, OpenAPI at /api/openapi.json) and the pages.

    >>> from communique.api import create_app
    >>> app = create_app("communique.db")          # an ASGI app: uvicorn, hypercorn, ...
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from ..version import __version__

__all__ = ["create_app"]

WEB = Path(__file__).resolve().parent.parent / "web"
SESSION_COOKIE = "communique_session"
SESSION_MAX_AGE = 8 * 3600
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

DESCRIPTION = """Facts extracted from official government press releases — persons, organizations, places,
events, agreements, topics — each tied to its evidence sentence by character offsets, with the
analysts' corrections applied.

* Lists page with `limit` and `offset`: `{items, total, limit, offset, next, prev}` and a `Link` header.
* Errors are RFC 9457 problem details (`application/problem+json`).
* Reading is open unless the server runs `--private`; writing needs `Authorization: Bearer <token>`
  with the `editor` role (corrections) or `admin` (tokens).
"""


def create_app(store_url: str | None = None, *, store=None, private: bool = False, secret_key: str | None = None,
               https_only: bool = False, searcher=None, cache_ttl: float = 2.0, warm: bool = False,
               max_body: int | None = None, failures=None) -> FastAPI:
    """The application over a database (`store_url`: a path, sqlite:///..., postgresql://...; or an open
    `store`). `private` makes reading need a token or a session too; `warm` reads the facts and loads
    the query encoder in the background at once, so that the first visitor does not wait for them.
    `max_body`: the largest request body in bytes (default 1 MiB; see `limits`); `failures`: the
    `limits.FailureLimiter` that paces failed sign-ins and token checks per client."""
    from ..service import Service
    from ..store import Store
    from ..web.pages import html_error, install_not_found
    from ..web.pages import router as pages
    from ..web.render import make_environment, pick_language
    from . import auth, limits, problems
    from .routes import router as api

    if store is None:
        store = Store.open(store_url)
    app = FastAPI(title="Communiqué API", version=__version__, description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  openapi_tags=[{"name": n} for n in ("documents", "records", "entities", "events", "series",
                                                      "agreements", "search", "timeline", "graph", "topics",
                                                      "exports", "corrections", "access", "service")])
    app.state.store = store
    app.state.data = Service(store, searcher=searcher, ttl=cache_ttl)
    app.state.tokens = auth.TokenCache(store)
    app.state.failures = failures if failures is not None else limits.FailureLimiter()
    app.state.private = private
    app.state.templates = make_environment()
    if warm:
        import threading

        threading.Thread(target=_warm_up, args=(app.state.data,), name="communique-warm-up", daemon=True).start()

    problems.install(app, html_error)
    install_not_found(app)
    app.include_router(api, prefix="/api/v1")
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    @app.middleware("http")
    async def headers_and_language(request: Request, call_next):
        lang_param = request.query_params.get("lang")
        request.state.lang = pick_language(lang_param, request.cookies.get("lang"),
                                           request.headers.get("accept-language"))
        response = await call_next(request)
        h = response.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("X-Frame-Options", "DENY")
        if h.get("content-type", "").startswith("text/html"):
            h.setdefault("Content-Security-Policy", CSP)
            h.setdefault("Cache-Control", "no-store")
        if lang_param and lang_param == request.state.lang:
            response.set_cookie("lang", lang_param, max_age=365 * 86400, samesite="lax", httponly=True)
        return response

    app.add_middleware(SessionMiddleware, secret_key=secret_key or auth.app_secret(store),
                       session_cookie=SESSION_COOKIE, max_age=SESSION_MAX_AGE, same_site="lax",
                       https_only=https_only)
    # outermost: a body over the limit is refused before sessions, routing or any parser see it
    app.add_middleware(limits.BodyLimit, max_bytes=max_body or limits.MAX_BODY_BYTES)

    return app


def _warm_up(data) -> None:
    import logging

    try:
        data.index()
        from ..search.semantic import query_vector

        if len(data.searcher.index):
            query_vector("пресс-релиз")
    except Exception:  # only a head start: a failure shows again on the first request
        logging.getLogger("communique.api").exception("warming up failed")
