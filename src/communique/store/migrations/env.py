"""Alembic environment of the store.

Normally run in code (`communique.store.repository.migrate`), which passes an open connection in
`config.attributes["connection"]`. For developers making a new revision from the repository root:

    alembic -c src/communique/store/alembic.ini -x db=sqlite:///dev.db revision --autogenerate -m "..."
"""

from __future__ import annotations

import contextlib

from alembic import context

from communique.store.db import make_engine, resolve_url
from communique.store.fulltext import include_object
from communique.store.schema import metadata

# Every module that declares tables on this metadata, so autogenerate sees all of them.
for _module in ("communique.store.kb_tables", "communique.corrections", "communique.api.tables"):
    with contextlib.suppress(ImportError):  # a layer not installed in this build
        __import__(_module)

config = context.config


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    engine = make_engine(resolve_url(url or None))
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported: the full-text DDL depends on the dialect")
run_migrations_online()
