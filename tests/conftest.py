"""Shared fixtures. `store` runs a test once per backend: an SQLite file and PostgreSQL.

PostgreSQL is reached at $COMMUNIQUE_TEST_PG (default postgresql://postgres@127.0.0.1:5432/test);
each test gets a schema of its own, dropped after, so parallel runs never collide. When PostgreSQL
cannot be reached its tests are skipped, except under CI (the variable CI set), where they fail.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("COMMUNIQUE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def _pg_connect():
    import psycopg

    return psycopg.connect(PG_URL, autocommit=True, connect_timeout=5)


@pytest.fixture(scope="session")
def _pg_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        return f"psycopg is not installed: {exc}"
    try:
        with _pg_connect() as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any reason at all: refused, no such database, bad auth
        return f"PostgreSQL unreachable at {PG_URL}: {exc}"
    return None


@pytest.fixture
def pg_url(_pg_problem):
    """The URL of a fresh PostgreSQL schema of this test's own (search_path), dropped after."""
    if _pg_problem:
        if os.environ.get("CI"):
            pytest.fail(f"{_pg_problem} (CI is set: PostgreSQL tests must run)")
        pytest.skip(_pg_problem)
    schema = f"communique_test_{uuid.uuid4().hex[:12]}"
    with _pg_connect() as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with _pg_connect() as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A database URL for an empty store, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url):
    from communique.store import Store

    s = Store.open(db_url)
    yield s
    s.close()
