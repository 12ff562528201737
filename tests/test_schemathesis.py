"""Property-based tests of the JSON API against its own OpenAPI document (schemathesis): requests made
up from the spec, sent to the live application (uvicorn on 127.0.0.1) over the demo database, writes
with an admin token. No request may make the server fail (5xx); every response must match the status
codes, content types and schemas the spec declares; every error is a problem document (RFC 9457)."""

from __future__ import annotations

import json
import os
import time

import pytest

try:
    import schemathesis
except ImportError as exc:  # under CI the spec must be tested: fail, do not skip
    if os.environ.get("CI"):
        raise
    pytest.skip(f"schemathesis is not installed: {exc}", allow_module_level=True)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis import checks as sc  # noqa: E402

from communique.api.testing import demo_database, running  # noqa: E402

MAX_EXAMPLES = int(os.environ.get("COMMUNIQUE_SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [sc.not_a_server_error, sc.status_code_conformance, sc.content_type_conformance,
          sc.response_schema_conformance, sc.positive_data_acceptance]


def _only_retyped_on_the_wire(case) -> bool:
    """Whether a negative case is invalid only by the type of query values: a string parameter "made a
    number" is sent as the string "0.0" all the same, and a list parameter "made a string" as a list of
    one, so the server cannot tell, and accepting it is right where what the query string carries is
    valid. (schemathesis makes this allowance for numeric parameters only.)"""
    import jsonschema

    data = getattr(getattr(case.meta, "phase", None), "data", None)
    names = {m.parameter for m in getattr(data, "mutations", ()) or () if m.parameter}
    names |= {getattr(data, "parameter", None)} - {None}
    if not names or any(loc.name != "QUERY" for loc, comp in case.meta.components.items() if comp.mode.is_negative):
        return False
    params = {p.get("name"): p.get("schema") or {} for p in case.operation.definition.raw.get("parameters", [])
              if p.get("in") == "query"}

    def valid(wire, schema) -> bool:
        try:
            jsonschema.validate(wire, schema)
            return True
        except Exception:  # invalid, or a schema this cannot read: not excused
            return False

    for name in names:
        value = (case.query or {}).get(name)
        values = value if isinstance(value, list) else [value]
        if name not in params or value is None or any(v is None or isinstance(v, (dict, list)) for v in values):
            return False
        wire = [json.dumps(v) if isinstance(v, bool) else str(v) for v in values]  # what the query string carries
        if not (valid(wire, params[name]) or (len(wire) == 1 and valid(wire[0], params[name]))):
            return False
    return True


@schemathesis.check
def invalid_data_rejected(ctx, response, case):
    """negative_data_rejection, less the type changes that do not survive serialization."""
    if _only_retyped_on_the_wire(case):
        return None
    return sc.negative_data_rejection(ctx, response, case)


# an invalid request must be refused (4xx), with a status code and a content type the spec declares
NEGATIVE_CHECKS = [sc.not_a_server_error, sc.status_code_conformance, sc.content_type_conformance,
                   invalid_data_rejected]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from communique.api import create_app
    from communique.api.auth import create_token

    db = demo_database(tmp_path_factory.mktemp("schemathesis"), xss=True)
    app = create_app(db, cache_ttl=1.0)
    admin = create_token(app.state.store, name="schemathesis admin", role="admin")
    with running(app) as base:
        yield {"base": base, "admin": admin}


def _runner(operation, headers: dict):
    """A Hypothesis test of one operation: valid and invalid requests made up from its spec."""

    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
           | operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call(headers=headers, timeout=60)
        positive = case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE
        case.validate_response(response, checks=CHECKS if positive else NEGATIVE_CHECKS)
        if response.status_code >= 400:
            content_type = (response.headers.get("content-type") or [""])[0]
            assert content_type.startswith("application/problem+json"), (
                f"{response.status_code} without a problem document: {response.text[:200]}")

    return run


def test_api_conforms_and_never_fails(live):
    schema = schemathesis.openapi.from_url(live["base"] + "/api/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        writes = operation.method.upper() != "GET" or operation.path.startswith("/api/v1/tokens")
        headers = {"Authorization": f"Bearer {live['admin']}"} if writes else {}
        if operation.method.upper() == "DELETE":
            continue  # revoking tokens at random would revoke the one this test writes with

        run = _runner(operation, headers)
        started = time.monotonic()
        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # collect them all (a FailureGroup too), report together
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:1500]}")
        print(f"{operation.method.upper()} {operation.path}: {time.monotonic() - started:.1f}s")
    assert operations >= 20
    assert not failures, "\n\n".join(failures)
