"""Database URLs and engines: which database, and how to talk to it safely.

`--db` and the `COMMUNIQUE_DB` variable choose the database. A bare path is an SQLite file; a
`postgresql://` URL uses psycopg 3. SQLite connections get write-ahead logging (readers never wait
for the writer), foreign keys, a busy timeout, and transactions that SQLAlchemy begins itself, so
DDL is transactional and a writing transaction takes the write lock up front (BEGIN IMMEDIATE)
instead of failing half way when another process writes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

ENV_VAR = "COMMUNIQUE_DB"
DEFAULT_URL = "sqlite:///communique.db"
BUSY_TIMEOUT_MS = 30_000

# Execution option that marks a connection about to write (SQLite: BEGIN IMMEDIATE).
WRITE_OPTION = "communique_write"


def resolve_url(db: str | None) -> str:
    """The SQLAlchemy URL for `--db`: None → $COMMUNIQUE_DB → an SQLite file in the working folder.

    A bare path becomes an SQLite URL; `postgresql://` and `postgres://` get the psycopg 3 driver.
    """
    if db is None or not str(db).strip():
        db = os.environ.get(ENV_VAR, "").strip() or DEFAULT_URL
    db = str(db).strip()
    if "://" not in db:
        if db == ":memory:":
            return "sqlite://"
        return "sqlite:///" + os.path.expanduser(db)
    scheme, rest = db.split("://", 1)
    scheme = scheme.lower()
    if scheme in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg"):
        return "postgresql+psycopg://" + rest
    if scheme == "sqlite" or scheme.startswith("sqlite+") or scheme.startswith("postgresql+"):
        return db
    raise ValueError(f"unsupported database URL {db!r}: use a file path, sqlite:///PATH or postgresql://...")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: str) -> Engine:
    """An engine for a resolved URL, with the per-connection settings of its dialect."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, json_serializer=_dumps)
    raise ValueError(f"unsupported database backend {parsed.get_backend_name()!r}")


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    database = parsed.database
    in_memory = not database or database == ":memory:" or database.startswith("file::memory:")
    if not in_memory:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, json_serializer=_dumps,
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # SQLAlchemy, not the sqlite3 module, emits BEGIN (see _on_begin).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            if not in_memory:
                cur.execute("PRAGMA journal_mode = WAL")
                cur.execute("PRAGMA synchronous = NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
