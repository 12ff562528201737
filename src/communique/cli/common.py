"""What every `communique` command shares: the --db option and opening the store with one clear
line of error. The command modules (main, kb, serve) import it; it imports none of
them, so the commands form no import cycle."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[str | None, typer.Option("--db", help="Database: a SQLite file or postgresql://...; "
                                                 "default $COMMUNIQUE_DB or ./communique.db", show_default=False)]


def fail(message: str, code: int = 2):
    """Print one line `error: message` on standard error and exit with `code`."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def missing_sqlite_file(db: str | None) -> str | None:
    """The path of the SQLite file `db` names when that file does not exist, else None (PostgreSQL,
    an in-memory database, or a file that is there)."""
    from sqlalchemy.engine import make_url

    from ..store.db import resolve_url

    url = make_url(resolve_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = url.database
    if path.startswith("file:"):
        return None  # a SQLite URI: let the driver judge it
    return None if Path(path).exists() else path


def error_line(exc: BaseException) -> str:
    """One line for a database error: the driver's own message, without SQLAlchemy's statement dump
    and "Background on this error" link."""
    orig = getattr(exc, "orig", None)
    text = str(orig) if orig is not None else str(exc)
    line = " ".join(text.split("\n", 1)[0].split())
    return line if orig is not None else f"{type(exc).__name__}: {line}" if line else type(exc).__name__


def open_store(db: str | None, *, create: bool = False):
    """The store `db` names. A read command (create=False) refuses a SQLite file that does not exist
    rather than creating an empty one; any failure is one line and exit status 2."""
    from ..store import Store, StoreError

    try:
        missing = None if create else missing_sqlite_file(db)
    except ValueError as exc:
        fail(f"cannot open the database: {exc}")
    if missing is not None:
        fail(f"no database at {missing}; ingest something into it first (communique ingest SOURCE --db "
             f"{missing}) or give --db the right path")
    try:
        return Store.open(db)
    except (StoreError, ValueError) as exc:
        fail(f"cannot open the database: {error_line(exc)}")
    except Exception as exc:  # a driver's error: not a database, refused connection, bad password
        fail(f"cannot open the database {db or ''}: {error_line(exc)}".replace("database :", "database:"))
