"""The one interface to the store: put Records in, get them and their facts back, search them.

Every write is one transaction. On SQLite it begins with BEGIN IMMEDIATE (the write lock is taken
first, so two writers queue instead of failing); on PostgreSQL it takes advisory locks on the
document's hash, id and URL, so two processes putting the same document queue too. Either way a put
that fails half way leaves the store exactly as it was: nothing lost, nothing duplicated.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy import text as sql_text

from ..model import Document, Record, date_bounds
from . import fulltext
from .db import WRITE_OPTION, make_engine, resolve_url
from .rows import (
    RECORD_COLUMNS,
    document_data,
    document_values,
    fact_rows,
    lock_keys,
    record_from_row,
    with_provenance,
)
from .schema import (
    FACT_TABLES,
    AgreementRow,
    DocumentRow,
    DocumentVersionRow,
    EntityRow,
    EventRow,
    FailureRow,
    MentionRow,
    ParticipantRow,
    RoleRow,
    SignatureRow,
    TopicRow,
)

MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 0x436F6D6D  # pg_advisory_xact_lock key held while migrating

D = DocumentRow.__table__
# A document row less its bulky columns, and whether it holds a Record (a stub does not).
_META = (*(c for c in D.c if c.name not in ("text", "lemmas", "record_json")),
         D.c.record_json.is_not(None).label("stored"))
_LOCK_KEYS = sql_text("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(CAST(:keys AS text[])) AS k")
STATUSES = ("new", "unchanged", "upgraded", "duplicate")
DUPLICATE_KINDS = ("exact", "near")
FILTERS = ("period", "event_type", "person", "organization", "country", "topic", "language", "source",
           "duplicates")

_COUNTED = {
    "documents": (D, D.c.record_json.is_not(None)),
    "duplicates": (D, D.c.duplicate_of.is_not(None)),
    "events": (EventRow.__table__, None),
    "entities": (EntityRow.__table__, None),
    "mentions": (MentionRow.__table__, None),
    "roles": (RoleRow.__table__, None),
    "participants": (ParticipantRow.__table__, None),
    "agreements": (AgreementRow.__table__, None),
    "topics": (TopicRow.__table__, None),
    "failures": (FailureRow.__table__, None),
    "versions": (DocumentVersionRow.__table__, None),
}


class StoreError(RuntimeError):
    """The store cannot do what was asked (an unknown schema revision, a missing document)."""


@dataclasses.dataclass(frozen=True)
class PutResult:
    """What `Store.put` did: status is new | unchanged | upgraded | duplicate."""

    id: str
    status: str
    hash: str
    duplicate_of: str | None = None  # for "duplicate": the stored document with the same content
    replaced: str | None = None  # for "upgraded" by new content: the hash of the version replaced


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# -- migrations --------------------------------------------------------------------------------

def alembic_config(connection: Connection | None = None):
    """An Alembic Config built in code, pointing at the migrations inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision, in one transaction, under a lock."""
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    current = schema_revision(engine)
    if current == head:
        return
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise StoreError(f"the database is at schema revision {current!r}, unknown to this version of "
                         "communique (made by a newer one?)")
    with _writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
        command.upgrade(alembic_config(conn), "head")


@contextlib.contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            yield conn


# -- versions ----------------------------------------------------------------------------------

_VERSION = re.compile(r"\s*v?(\d+(?:\.\d+)*)")


def _version_key(version: str | None) -> tuple[int, ...] | None:
    m = _VERSION.match(version or "")
    if not m:
        return None
    parts = [int(p) for p in m.group(1).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def replaces(new: str | None, stored: str | None) -> bool:
    """Whether a Record made by extractor `new` should replace one made by `stored`: not when the
    stored one is the same or newer; yes when it is older or a different build of the same version."""
    if stored is None:
        return True
    if new == stored:
        return False
    new_key, stored_key = _version_key(new), _version_key(stored)
    return not (new_key is not None and stored_key is not None and new_key < stored_key)


# -- the store ---------------------------------------------------------------------------------

class Store:
    """Records and their facts in SQLite or PostgreSQL, behind one interface."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating or migrating the schema) the database `url`, a path, or $COMMUNIQUE_DB."""
        engine = make_engine(resolve_url(url))
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- transactions ----------------------------------------------------------------------------
    def writing(self):
        """A write transaction (one writer at a time on SQLite), for the layers with tables of their own."""
        return _writing(self.engine)
    _write = writing  # the name the store's own code uses

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reading, outside any write transaction (the layers above the store use it)."""
        with self.engine.connect() as conn:
            yield conn
    _read = reading  # the name the store's own code and older callers use

    def _lock(self, conn: Connection, *keys: str) -> None:
        """Serialize writers of the same document (PostgreSQL; SQLite's BEGIN IMMEDIATE already does)."""
        if conn.dialect.name != "postgresql" or not keys:
            return
        # One statement for all the keys, taken in sorted order (unnest yields the array in order), so
        # that two writers of overlapping batches cannot deadlock.
        conn.execute(_LOCK_KEYS, {"keys": sorted(set(keys))})

    # -- writing ---------------------------------------------------------------------------------
    def put(self, record: Record, *, fetched: str | None = None, source: str | None = None,
            etag: str | None = None, last_modified: str | None = None) -> PutResult:
        """Store a Record, idempotently, in one transaction.

        - same content (hash) and id, stored by the same or a newer extractor → "unchanged" (the
          fetch time and HTTP validators given are refreshed);
        - same content and id, stored by another (older) extractor → the facts are replaced → "upgraded";
        - same content under another id → not stored twice: the id is kept as a stub linked to the
          stored document (exact duplicate) → "duplicate";
        - new content for a stored id or URL → the old version is replaced (and kept in the history
          table `document_versions`) → "upgraded";
        - otherwise → "new".
        A successful put clears any failure recorded for the document's URL or source.
        """
        record = with_provenance(record, fetched, source)
        with self._write() as conn:
            self._lock(conn, *lock_keys(record.document))
            return self._put(conn, record, etag=etag, last_modified=last_modified)

    def put_many(self, records: Iterable[Record], *, fetched: str | None = None,
                 source: str | None = None) -> list[PutResult]:
        """Store many Records in one transaction (all or none), with the same outcome, storage order
        included, as a `put` of each in turn, but much faster for a bulk load: each run of Records
        whose id, content and URL are new to the store and to the batch is written with one
        multi-row insert per table; any other Record goes through `put`'s own logic."""
        records = [with_provenance(r, fetched, source) for r in records]
        results: list[PutResult] = []
        if not records:
            return results
        with self._write() as conn:
            self._lock(conn, *(k for r in records for k in lock_keys(r.document)))
            taken = self._taken_keys(conn, records)
            run: list[Record] = []
            for record in records:
                keys = lock_keys(record.document)
                if taken.intersection(keys):
                    results.extend(self._insert_new(conn, run))
                    run = []
                    results.append(self._put(conn, record, etag=None, last_modified=None))
                else:
                    run.append(record)
                taken.update(keys)
            results.extend(self._insert_new(conn, run))
        return results

    def _insert_new(self, conn: Connection, records: list[Record]) -> list[PutResult]:
        """Insert Records known to be new (no stored row holds their id, hash or URL), a table at a time."""
        if not records:
            return []
        now = _now()
        self._insert_rows(conn, D, [{**document_values(r, etag=None, last_modified=None, now=now), "created": now}
                                    for r in records])
        facts: dict[Any, list[dict]] = {}
        for r in records:
            for table, rows in fact_rows(r).items():
                facts.setdefault(table, []).extend(rows)
        for table, rows in facts.items():
            self._insert_rows(conn, table, rows)
        cleared = sorted({k for r in records for k in (r.document.url, r.document.source) if k})
        for start in range(0, len(cleared), 500):
            conn.execute(delete(FailureRow).where(FailureRow.source.in_(cleared[start:start + 500])))
        return [PutResult(r.document.id, "new", r.document.content_hash) for r in records]

    def _taken_keys(self, conn: Connection, records: list[Record]) -> set[str]:
        """The lock keys ("hash:…", "id:…", "url:…") of the batch that rows in the store already hold."""
        taken: set[str] = set()
        for prefix, column in (("hash:", D.c.content_hash), ("id:", D.c.id), ("url:", D.c.url)):
            wanted = sorted({k.removeprefix(prefix) for r in records for k in lock_keys(r.document)
                             if k.startswith(prefix)})
            for start in range(0, len(wanted), 500):
                found = conn.execute(select(column).where(column.in_(wanted[start:start + 500])))
                taken.update(prefix + v for v in found.scalars())
        return taken

    def _put(self, conn: Connection, record: Record, *, etag: str | None,
             last_modified: str | None) -> PutResult:
        """The body of `put`, inside a writing transaction that holds the document's locks."""
        doc = record.document
        content_hash = doc.content_hash
        version = record.extractor.version
        # What the store holds under this content, id or URL, in one query.
        held = conn.execute(select(*_META).where(or_(
            D.c.content_hash == content_hash, D.c.id == doc.id, *([D.c.url == doc.url] if doc.url else [])))).all()
        by_hash = next((row for row in held if row.content_hash == content_hash), None)
        if by_hash is not None and by_hash.id == doc.id and by_hash.stored:
            if not replaces(version, by_hash.extractor_version):
                refresh = {k: v for k, v in (("url", doc.url), ("source", doc.source), ("fetched", doc.fetched),
                                             ("etag", etag), ("last_modified", last_modified))
                           if v is not None and v != getattr(by_hash, k)}
                if refresh:
                    conn.execute(update(D).where(D.c.pk == by_hash.pk).values(**refresh, updated=_now()))
                self._clear_failures_of(conn, doc)
                return PutResult(doc.id, "unchanged", content_hash)
            kept = {k: getattr(by_hash, k) for k in ("url", "source", "fetched")
                    if getattr(doc, k) is None and getattr(by_hash, k) is not None}
            if kept:  # same text: what the new Record does not say, the stored one still knows
                record = dataclasses.replace(record, document=dataclasses.replace(doc, **kept))
            self._keep_version(conn, by_hash, "extractor")
            self._write_document(conn, record, by_hash,
                                 etag=etag if etag is not None else by_hash.etag,
                                 last_modified=last_modified if last_modified is not None
                                 else by_hash.last_modified)
            self._clear_failures_of(conn, doc)
            return PutResult(doc.id, "upgraded", content_hash)
        if by_hash is not None and by_hash.id != doc.id:
            stub = not by_hash.stored and by_hash.duplicate_of is not None
            original = by_hash.duplicate_of if stub else by_hash.id
            kind = by_hash.duplicate_kind if stub else "exact"
            self._write_stub(conn, doc, original, kind, etag=etag, last_modified=last_modified)
            self._clear_failures_of(conn, doc)
            return PutResult(doc.id, "duplicate", content_hash, duplicate_of=original)

        # New content (or a stub of this id holding this hash): replace what the id and URL held.
        replaced = None
        by_id = next((row for row in held if row.id == doc.id), None)
        if by_id is not None and by_id.stored:
            self._keep_version(conn, by_id, "content")
            replaced = by_id.content_hash
        if doc.url:
            for old in (row for row in held if row.url == doc.url and row.id != doc.id):
                if old.stored:
                    self._keep_version(conn, old, "content")
                    replaced = replaced or old.content_hash
                self._delete_document(conn, old.id)
        self._write_document(conn, record, by_id, etag=etag, last_modified=last_modified)
        self._clear_failures_of(conn, doc)
        return PutResult(doc.id, "upgraded" if replaced else "new", content_hash, replaced=replaced)

    def _write_document(self, conn: Connection, record: Record, existing: Any, *,
                        etag: str | None, last_modified: str | None) -> None:
        now = _now()
        values = document_values(record, etag=etag, last_modified=last_modified, now=now)
        if existing is None:
            conn.execute(insert(D).values(**values, created=now))
        else:
            if existing.duplicate_kind == "exact":  # new content: no longer the same text
                values.update(duplicate_of=None, duplicate_kind=None)
            self._delete_facts(conn, record.document.id)
            conn.execute(update(D).where(D.c.pk == existing.pk).values(**values))
        self._insert_facts(conn, record)

    def _write_stub(self, conn: Connection, doc: Document, duplicate_of: str, kind: str, *,
                    content_hash: str | None = None, etag: str | None = None,
                    last_modified: str | None = None) -> None:
        """Keep `doc` by id and URL only, linked to the stored document it duplicates."""
        existing = conn.execute(select(*_META).where(D.c.id == doc.id)).first()
        published_from, published_to = date_bounds(doc.published) if doc.published else (None, None)
        now = _now()
        values = {
            "url": doc.url, "title": doc.title, "published": doc.published, "published_from": published_from,
            "published_to": published_to, "language": doc.language, "source": doc.source,
            "fetched": doc.fetched, "content_hash": content_hash, "etag": etag, "last_modified": last_modified,
            "extractor_version": None, "text": None, "lemmas": None, "record_json": None,
            "duplicate_of": duplicate_of, "duplicate_kind": kind, "updated": now,
        }
        if existing is None:
            conn.execute(insert(D).values(id=doc.id, created=now, **values))
            return
        if existing.stored:
            self._keep_version(conn, existing, "content")
            self._delete_facts(conn, doc.id)
        conn.execute(update(D).where(D.c.pk == existing.pk).values(**values))

    def _keep_version(self, conn: Connection, row: Any, reason: str) -> None:
        conn.execute(insert(DocumentVersionRow).values(
            document_id=row.id, url=row.url, content_hash=row.content_hash,
            extractor_version=row.extractor_version, fetched=row.fetched, reason=reason, replaced=_now()))

    def _delete_facts(self, conn: Connection, doc_id: str) -> None:
        for table in FACT_TABLES:
            conn.execute(delete(table).where(table.document_id == doc_id))

    def _delete_document(self, conn: Connection, doc_id: str) -> None:
        self._delete_facts(conn, doc_id)
        conn.execute(update(D).where(D.c.duplicate_of == doc_id).values(duplicate_of=None, duplicate_kind=None))
        conn.execute(delete(D).where(D.c.id == doc_id))

    def _clear_failures_of(self, conn: Connection, doc: Document) -> None:
        keys = [k for k in (doc.url, doc.source) if k]
        if keys:
            conn.execute(delete(FailureRow).where(FailureRow.source.in_(keys)))

    # -- facts -----------------------------------------------------------------------------------
    def _insert_facts(self, conn: Connection, record: Record) -> None:
        for table, rows in fact_rows(record).items():
            self._insert_rows(conn, table, rows)

    @staticmethod
    def _insert_rows(conn: Connection, table: Any, rows: list[dict]) -> None:
        if rows:
            conn.execute(insert(table), rows)

    # -- duplicates ------------------------------------------------------------------------------
    def link_duplicate(self, doc_id: str, duplicate_of: str, kind: str, *, url: str | None = None,
                       content_hash: str | None = None, fetched: str | None = None, etag: str | None = None,
                       last_modified: str | None = None) -> None:
        """Mark `doc_id` as an exact or near duplicate of the stored `duplicate_of`.

        A document already stored keeps its facts and gets the link; an unknown `doc_id` is kept as a
        stub (id, URL, hash, fetch time) so it is known, and not fetched or stored again."""
        if kind not in DUPLICATE_KINDS:
            raise ValueError(f"duplicate kind must be one of {DUPLICATE_KINDS}, not {kind!r}")
        if doc_id == duplicate_of:
            raise ValueError("a document cannot duplicate itself")
        with self._write() as conn:
            self._lock(conn, "id:" + doc_id, *(["url:" + url] if url else []))
            target = conn.execute(select(D.c.id, D.c.duplicate_of, D.c.record_json.is_not(None))
                                  .where(D.c.id == duplicate_of)).first()
            if target is None:
                raise StoreError(f"no stored document {duplicate_of!r} to link {doc_id!r} to")
            root = target.duplicate_of if target.duplicate_of and not target[2] else target.id
            if root == doc_id:
                raise ValueError(f"{doc_id!r} is what {duplicate_of!r} duplicates")
            if content_hash is not None and conn.execute(
                    select(D.c.id).where(D.c.content_hash == content_hash, D.c.id != doc_id)).first():
                content_hash = None  # that text is stored already, under another id
            existing = conn.execute(select(D.c.pk).where(D.c.id == doc_id)).first()
            changes = {k: v for k, v in (("url", url), ("fetched", fetched), ("etag", etag),
                                         ("last_modified", last_modified)) if v is not None}
            if existing is not None:
                if content_hash is not None:
                    changes["content_hash"] = content_hash
                conn.execute(update(D).where(D.c.pk == existing.pk)
                             .values(duplicate_of=root, duplicate_kind=kind, updated=_now(), **changes))
                return
            now = _now()
            conn.execute(insert(D).values(id=doc_id, duplicate_of=root, duplicate_kind=kind,
                                          content_hash=content_hash, created=now, updated=now, **changes))

    def alternate_sources(self, doc_id: str) -> list[dict]:
        """The other sources of a stored document: every duplicate kept for it (a republication, the
        same release at another URL), each {id, url, kind, fetched}, oldest first."""
        with self._read() as conn:
            rows = conn.execute(select(D.c.id, D.c.url, D.c.duplicate_kind, D.c.fetched, D.c.created)
                                .where(D.c.duplicate_of == doc_id).order_by(D.c.pk)).all()
        return [{"id": r.id, "url": r.url, "kind": r.duplicate_kind, "fetched": r.fetched or r.created}
                for r in rows]

    # -- failures --------------------------------------------------------------------------------
    def record_failure(self, source: str, reason: str) -> int:
        """Remember that `source` failed (upsert); returns how many times it has failed."""
        now = _now()
        table = FailureRow.__table__
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        stmt = upsert(table).values(source=source, reason=reason, attempts=1, first_failed=now, last_failed=now)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.source],
            set_={"reason": stmt.excluded.reason, "last_failed": stmt.excluded.last_failed,
                  "attempts": table.c.attempts + 1})
        with self._write() as conn:
            conn.execute(stmt)
            return conn.execute(select(table.c.attempts).where(table.c.source == source)).scalar_one()

    def failures(self) -> list[dict]:
        """The sources to retry: {source, reason, attempts, first_failed, last_failed}, oldest first."""
        table = FailureRow.__table__
        with self._read() as conn:
            rows = conn.execute(select(table).order_by(table.c.first_failed, table.c.source)).mappings().all()
        return [dict(row) for row in rows]

    def clear_failure(self, source: str) -> bool:
        """Forget the failure of `source`; True if there was one."""
        with self._write() as conn:
            return conn.execute(delete(FailureRow).where(FailureRow.source == source)).rowcount > 0

    # -- reading ---------------------------------------------------------------------------------
    def get_record(self, doc_id: str) -> Record | None:
        """The whole Record of a stored document (None if unknown, or a duplicate kept as a stub)."""
        with self._read() as conn:
            row = conn.execute(select(*RECORD_COLUMNS).where(D.c.id == doc_id)).first()
        return record_from_row(row) if row is not None and row.record_json is not None else None

    def get_document(self, doc_id: str) -> Document | None:
        with self._read() as conn:
            row = conn.execute(select(*RECORD_COLUMNS).where(D.c.id == doc_id)).first()
        if row is None or row.record_json is None:
            return None
        return Document(**document_data(row))

    def find_by_hash(self, sha256: str) -> str | None:
        """The id of the document with this content hash (SHA-256 of its text), if any."""
        with self._read() as conn:
            return conn.execute(select(D.c.id).where(D.c.content_hash == sha256)).scalar()

    def find_by_url(self, url: str) -> dict | None:
        """What the store knows of a URL: {id, hash, etag, last_modified, fetched, extractor_version,
        duplicate_of, duplicate_kind}; the hash of an exact duplicate is that of its original."""
        original = D.alias("original")
        with self._read() as conn:
            row = conn.execute(
                select(D.c.id, func.coalesce(D.c.content_hash, original.c.content_hash).label("hash"),
                       D.c.etag, D.c.last_modified, D.c.fetched, D.c.extractor_version, D.c.duplicate_of,
                       D.c.duplicate_kind)
                .outerjoin(original, and_(original.c.id == D.c.duplicate_of, D.c.duplicate_kind == "exact"))
                .where(D.c.url == url).order_by(D.c.pk.desc()).limit(1)).mappings().first()
        return dict(row) if row is not None else None

    def optimize(self) -> None:
        """Refresh the query planner's statistics (after a batch of writes; `communique ingest` ends
        with it). Without them SQLite guesses, and a search filter on a common value (language = 'ru')
        was read through that column's index, every Russian document, instead of the 30 candidates by
        id: 82 ms instead of 0.7 ms at 100,000 documents. SQLite samples at most 400 rows an index
        (0.5 s at 100,000 documents); PostgreSQL's ANALYZE samples on its own."""
        with self._write() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA analysis_limit = 400")
            conn.exec_driver_sql("ANALYZE")

    def count(self, what: str = "documents") -> int:
        """How many documents | duplicates | events | entities | mentions | roles | participants |
        agreements | topics | failures | versions the store holds."""
        if what not in _COUNTED:
            raise ValueError(f"cannot count {what!r}; choose one of {sorted(_COUNTED)}")
        table, where = _COUNTED[what]
        stmt = select(func.count()).select_from(table)
        if where is not None:
            stmt = stmt.where(where)
        with self._read() as conn:
            return conn.execute(stmt).scalar_one()

    def documents(self, limit: int = 100, offset: int = 0) -> list[dict]:
        """Stored documents in the order they were first stored, with their provenance."""
        stmt = (select(D.c.id, D.c.url, D.c.title, D.c.published, D.c.language, D.c.source, D.c.fetched,
                       D.c.content_hash.label("hash"), D.c.etag, D.c.last_modified, D.c.extractor_version,
                       D.c.duplicate_of, D.c.duplicate_kind)
                .where(D.c.record_json.is_not(None)).order_by(D.c.pk).limit(limit).offset(offset))
        with self._read() as conn:
            return [dict(row) for row in conn.execute(stmt).mappings()]

    def iter_records(self, batch: int = 500) -> Iterator[Record]:
        """Every stored Record, in storage order, read `batch` at a time."""
        last = 0
        while True:
            with self._read() as conn:
                rows = conn.execute(select(D.c.pk, *RECORD_COLUMNS)
                                    .where(D.c.pk > last, D.c.record_json.is_not(None))
                                    .order_by(D.c.pk).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield record_from_row(row)
            last = rows[-1].pk

    # -- near-duplicate signatures ------------------------------------------------------------------
    def save_signatures(self, rows: list[dict]) -> None:
        """Keep documents' near-duplicate signatures: rows {document_id, content_hash, text_hash,
        minhash (bytes)}, each replacing the document's previous one; ids no longer stored are skipped."""
        if not rows:
            return
        S = SignatureRow.__table__
        with self._write() as conn:
            ids = [r["document_id"] for r in rows]
            stored = set()
            for start in range(0, len(ids), 500):
                part = ids[start:start + 500]
                conn.execute(delete(S).where(S.c.document_id.in_(part)))
                stored.update(conn.execute(select(D.c.id).where(D.c.id.in_(part), D.c.record_json.is_not(None)))
                              .scalars())
            self._insert_rows(conn, S, [r for r in rows if r["document_id"] in stored])

    def iter_signatures(self, batch: int = 1000) -> Iterator[tuple[str, str, str | None, bytes | None, str | None]]:
        """(id, content_hash, text_hash, minhash, text) for every stored document, in storage order: the
        saved signature while it is the current text's (text None), else the text (hash and minhash None)."""
        S = SignatureRow.__table__
        current = and_(S.c.document_id == D.c.id, S.c.content_hash == D.c.content_hash)
        last = 0
        while True:
            stmt = (select(D.c.pk, D.c.id, D.c.content_hash, S.c.text_hash, S.c.minhash,
                           case((S.c.minhash.is_(None), D.c.text), else_=None).label("text"))
                    .select_from(D.outerjoin(S, current))
                    .where(D.c.pk > last, D.c.record_json.is_not(None)).order_by(D.c.pk).limit(batch))
            with self._read() as conn:
                rows = conn.execute(stmt).all()
            if not rows:
                return
            for row in rows:
                yield row.id, row.content_hash, row.text_hash, row.minhash, row.text
            last = rows[-1].pk

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and its facts; True if it was there."""
        with self._write() as conn:
            self._lock(conn, "id:" + doc_id)
            found = conn.execute(select(D.c.pk).where(D.c.id == doc_id)).first() is not None
            if found:
                self._delete_document(conn, doc_id)
            return found

    # -- search ----------------------------------------------------------------------------------
    def search_text(self, query: str, limit: int = 20, filters: dict | None = None) -> list[dict]:
        """Full-text search with Russian morphology; hits {id, url, title, published, score, snippet},
        best first, the snippet the matching sentence with the hits marked [[like this]]
        (`rank_text`, then the text of those documents only)."""
        ranked = self.rank_text(query, limit, filters)
        docs = self.snippets([doc_id for doc_id, _ in ranked])
        lemmas = fulltext.query_lemmas(query)
        return [{"id": doc_id, "url": d["url"], "title": d["title"], "published": d["published"], "score": score,
                 "snippet": fulltext.snippet(d["text"], lemmas, d["title"])}
                for doc_id, score in ranked if (d := docs.get(doc_id)) is not None]

    def rank_text(self, query: str, limit: int = 20, filters: dict | None = None) -> list[tuple[str, float]]:
        """(id, score) of the documents matching a full-text query, best first; no text is read.

        Filters (a value or a list of values, any of which may match; all filters must hold):
        period ("2026-04", "2026-01..2026-03" or a (from, to) pair: published or an event in it),
        event_type, person, organization (a name or alias, or a part of one, any case; or an
        entity id), country (ISO code or name), topic (id or label), language, source; and
        duplicates=True to include documents linked as duplicates. An empty query lists the
        documents the filters select, newest first.
        """
        filters = dict(filters or {})
        lemmas = fulltext.query_lemmas(query)
        if not lemmas and not any(v for k, v in filters.items() if k != "duplicates"):
            return []
        stmt = select(D.c.id, D.c.pk)
        if lemmas:
            stmt, score = fulltext.apply_search(stmt, self.dialect, query, lemmas)
            stmt = stmt.add_columns(score.label("score")).order_by(score.desc(), D.c.pk)
        else:
            stmt = stmt.add_columns(literal(0.0).label("score")).order_by(
                D.c.published_from.desc().nulls_last(), D.c.pk)
        stmt = stmt.where(D.c.record_json.is_not(None), *self._conditions(filters)).limit(limit)
        with self._read() as conn:
            return [(r.id, float(r.score or 0.0)) for r in conn.execute(stmt)]

    def filter_ids(self, ids: list[str], filters: dict | None = None) -> list[str]:
        """The ids among `ids` whose documents pass the search filters (order kept)."""
        if not ids:
            return []
        stmt = select(D.c.id).where(D.c.id.in_(ids), D.c.record_json.is_not(None),
                                    *self._conditions(dict(filters or {})))
        with self._read() as conn:
            keep = {r.id for r in conn.execute(stmt)}
        return [i for i in ids if i in keep]

    def snippets(self, ids: list[str]) -> dict[str, dict]:
        """{id: {url, title, published, text}} for the given documents."""
        if not ids:
            return {}
        stmt = select(D.c.id, D.c.url, D.c.title, D.c.published, D.c.text).where(D.c.id.in_(ids))
        with self._read() as conn:
            return {r.id: {"url": r.url, "title": r.title, "published": r.published, "text": r.text}
                    for r in conn.execute(stmt)}

    def main_events(self, ids: list[str], n: int = 3) -> dict[str, list[dict]]:
        """The first `n` top-level events (no parent) of each document, in the Record's order, read from
        the fact tables (no Record is parsed): {id: [{type, name, status, start, end, location,
        participants}]}, the location and the (first three) participants by entity name."""
        if not ids:
            return {}
        E, P, N = EventRow.__table__, ParticipantRow.__table__, EntityRow.__table__
        out: dict[str, list[dict]] = {}
        with self._read() as conn:
            events = conn.execute(
                select(E.c.document_id, E.c.event_id, E.c.type, E.c.name, E.c.status, E.c.start, E.c.end,
                       E.c.location).where(E.c.document_id.in_(ids), E.c.parent.is_(None))
                .order_by(E.c.document_id, E.c.pk)).all()
            for ev in events:
                if len(out.setdefault(ev.document_id, [])) < n:
                    out[ev.document_id].append(ev)
            wanted = {(ev.document_id, ev.event_id) for evs in out.values() for ev in evs}
            who: dict[tuple[str, str], list[str]] = {}
            for p in conn.execute(select(P.c.document_id, P.c.event_id, P.c.entity_id)
                                  .where(P.c.document_id.in_(list(out))).order_by(P.c.pk)):
                if (p.document_id, p.event_id) in wanted:
                    who.setdefault((p.document_id, p.event_id), []).append(p.entity_id)
            names = {(r.document_id, r.entity_id): r.name for r in conn.execute(
                select(N.c.document_id, N.c.entity_id, N.c.name).where(N.c.document_id.in_(list(out))))}
        return {doc_id: [{"type": ev.type, "name": ev.name, "status": ev.status, "start": ev.start, "end": ev.end,
                          "location": names.get((doc_id, ev.location)) if ev.location else None,
                          "participants": [x for x in (names.get((doc_id, e))
                                                       for e in who.get((doc_id, ev.event_id), [])[:3]) if x]}
                         for ev in evs] for doc_id, evs in out.items()}

    def _conditions(self, filters: dict) -> list:
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise ValueError(f"unknown search filters {sorted(unknown)}; known: {list(FILTERS)}")
        conds: list = []
        if not filters.get("duplicates"):
            conds.append(D.c.duplicate_of.is_(None))
        if filters.get("period"):
            lo, hi = period_bounds(filters["period"])
            E = EventRow.__table__
            conds.append(or_(and_(D.c.published_from <= hi, D.c.published_to >= lo),
                             exists().where(E.c.document_id == D.c.id, E.c.date_from <= hi, E.c.date_to >= lo)))
        if values := _values(filters.get("event_type")):
            E = EventRow.__table__
            conds.append(exists().where(E.c.document_id == D.c.id, E.c.type.in_([v.upper() for v in values])))
        if values := _values(filters.get("person")):
            conds.append(_entity_named("PER", values))
        if values := _values(filters.get("organization")):
            conds.append(_entity_named("ORG", values))
        if values := _values(filters.get("country")):
            N, R = EntityRow.__table__, RoleRow.__table__
            codes = [v.upper() for v in values if len(v) == 2 and v.isalpha()]
            names = [v for v in values if not (len(v) == 2 and v.isalpha())]
            either = []
            if codes:
                either.append(exists().where(N.c.document_id == D.c.id, N.c.type == "LOC", N.c.iso.in_(codes)))
                either.append(exists().where(R.c.document_id == D.c.id, R.c.country.in_(codes)))
            if names:
                either.append(_entity_named("LOC", names))
            conds.append(or_(*either))
        if values := _values(filters.get("topic")):
            T = TopicRow.__table__
            conds.append(exists().where(T.c.document_id == D.c.id,
                                        or_(T.c.topic_id.in_(values), T.c.label.in_(values))))
        if values := _values(filters.get("language")):
            conds.append(D.c.language.in_([v.lower() for v in values]))
        if values := _values(filters.get("source")):
            conds.append(D.c.source.in_(values))
        return conds


def _values(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value if v is not None and str(v) != ""]
    return [str(value)]


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _entity_named(entity_type: str, values: list[str]):
    """A document has an entity of this type whose name or an alias contains one of the values
    (case-insensitive), or whose id or gazetteer id is one of them."""
    N = EntityRow.__table__
    name_matches = [N.c.names.like(f"%{_like_escape(v.casefold())}%", escape="\\") for v in values]
    return exists().where(N.c.document_id == D.c.id, N.c.type == entity_type,
                          or_(*name_matches, N.c.entity_id.in_(values), N.c.gazetteer_id.in_(values)))


def period_bounds(period: Any) -> tuple[str, str]:
    """The first and last day of a period: "2026-04", "2026-01..2026-03", "2026-01/2026-03", or a
    (from, to) pair of partial dates, either end None or "" for open."""
    if isinstance(period, str):
        sep = ".." if ".." in period else "/" if "/" in period else None
        start, end = (period.split(sep, 1) if sep else (period, period))
    elif isinstance(period, (list, tuple)) and len(period) == 2:
        start, end = period
    elif isinstance(period, dict):
        start, end = period.get("from"), period.get("to")
    else:
        raise ValueError(f"a period is 'YYYY[-MM[-DD]]', 'FROM..TO' or a (from, to) pair, not {period!r}")
    start = (start or "").strip() if isinstance(start, str) or start is None else str(start)
    end = (end or "").strip() if isinstance(end, str) or end is None else str(end)
    lo = date_bounds(start)[0] if start else "0000-01-01"
    hi = date_bounds(end)[1] if end else "9999-12-31"
    return lo, hi
