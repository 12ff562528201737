"""Errors as RFC 9457 problem details: `application/problem+json` with type, title, status, detail
and instance (the path asked for); a request that fails validation lists its `errors` too. Pages get
an HTML error page instead, with the same status."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger("communique.api")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field("about:blank", description="A URI reference that names the kind of problem.")
    title: str = Field(..., description="A short summary of the kind of problem.")
    status: int = Field(..., description="The HTTP status code.")
    detail: str | None = Field(None, description="What went wrong this time.")
    instance: str | None = Field(None, description="The path of the request that failed.")
    errors: list[dict[str, Any]] | None = Field(None, description="For a request that fails validation: "
                                                                  "each field and what is wrong with it.")


PROBLEM_TYPES = {
    422: "urn:communique:problem:invalid-request",
    404: "urn:communique:problem:not-found",
    401: "urn:communique:problem:unauthenticated",
    403: "urn:communique:problem:forbidden",
}


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the problems an operation may answer with."""
    return {code: {"model": Problem, "description": HTTPStatus(code).phrase,
                   "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            for code in codes}


def problem(request: Request, status: int, detail: str | None = None, *, errors: list | None = None,
            headers: dict | None = None) -> JSONResponse:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body = Problem(type=PROBLEM_TYPES.get(status, "about:blank"), title=title, status=status,
                   detail=detail, instance=request.url.path, errors=errors)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_TYPE,
                        headers=headers)


def wants_json(request: Request) -> bool:
    """Whether the answer to `request` is problem details (the API, a JSON client) or a page."""
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or "application/json" in request.headers.get("accept", "") \
        and "text/html" not in request.headers.get("accept", "")


def _clean_errors(errors: list) -> list[dict]:
    out = []
    for e in errors:
        item = {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        out.append(item)
    return out


def install(app: FastAPI, html_error) -> None:
    """Register the handlers: problem details for the API, `html_error(request, status, detail)` for pages."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else None
        if wants_json(request):
            return problem(request, exc.status_code, detail, headers=getattr(exc, "headers", None))
        return html_error(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = _clean_errors(exc.errors())
        detail = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0] if e['loc'] else 'request'}: {e['msg']}"
                           for e in errors[:5])
        if wants_json(request):
            return problem(request, 422, detail, errors=errors)
        return html_error(request, 400, detail)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        if wants_json(request):
            return problem(request, 500, "the server failed on this request; it was logged")
        return html_error(request, 500, None)
