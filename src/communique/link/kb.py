"""The knowledge base over a Store: entities, events and series linked across documents.

    kb = KnowledgeBase(store)
    kb.link_document(doc_id)          # after each stored document: links it, touches nothing else
    kb.relink()                       # the whole store again, then the audit log replayed
    kb.merge("Шадаев", "Maksut Shadaev", who="analyst", why="same minister")
    kb.split("Иванов", ["Д.В. Иванов"], who="analyst", why="two people")
    kb.why_merged("М.И. Шадаев", "Maksut Shadaev")
    kb.roles("Шадаев"); kb.timeline(person="Шадаев", period="2025"); kb.series(); kb.graph()

Incremental linking reads only the document's Record and the kb rows its blocking keys, dates and
series keys point at (indexed look-ups), so its cost does not grow with the size of the store.
A relink clears every derived table and links every stored document again in storage order — the
same order incremental linking saw them in, so both give the same knowledge base — and then replays
the audit log: a manual merge or split is kept by the names and documents it concerned, not by ids,
so it survives re-extraction (new document-level ids) and relinking (new kb ids).

Writes run in transactions of their own; on PostgreSQL they take one advisory lock so that two
linkers never interleave.
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, union, update

from ..corrections import active_corrections, apply_corrections, corrected_documents
from ..model import Record
from ..store import Store
from ..store.db import WRITE_OPTION
from ..store.kb_tables import DERIVED_TABLES, KbLinkedRow
from ..store.rows import RECORD_COLUMNS, record_from_row
from . import resolve
from .agreements import forget_agreements, record_agreements
from .event_linking import EventLinking
from .queries import (
    AD,
    CL,
    EC,
    EP,
    ES,
    EV,
    A,
    D,
    E,
    K,
    KbConflict,
    KbError,
    KbQueries,
    L,
    M,
    S,
    UnknownEntity,
    carries,
    chunks,
    entity_dict,
    hash_id,
    utc_now,
)
from .replay import _PREFIX, AuditReplay

LINK_LOCK = 0x4B424C4E  # pg_advisory_xact_lock key of linking

_TYPE_ORDER = ("LOC", "ORG", "PER")
_MAX_NAMES = 60
LK = KbLinkedRow.__table__


def load_records(conn: Connection, doc_ids: list[str]) -> dict[str, Record]:
    """The stored Records of `doc_ids` (those stored) with the analysts' corrections applied, read
    within the linker's own transaction (one query for the Records, one for the corrections): the
    knowledge base (and every export, page and command that reads it) holds the corrected facts, and
    a relink or a re-extraction keeps them."""
    out: dict[str, Record] = {}
    for part in chunks(sorted(set(doc_ids))):
        for row in conn.execute(select(*RECORD_COLUMNS).where(D.c.id.in_(part), D.c.record_json.is_not(None))):
            record = record_from_row(row)
            out[record.document.id] = record
    active: dict[str, list] = defaultdict(list)
    for c in active_corrections(conn, list(out)):
        active[c.document_id].append(c)
    return {doc_id: corrected(conn, record, active.get(doc_id, [])) for doc_id, record in out.items()}


def corrected(conn: Connection, record: Record, active: list | None = None) -> Record:
    """`record` as the analysts corrected it, for linking: a name an analyst replaced is no longer a
    name of the entity (not kept as an alias that would outrank the corrected one). `active`: the
    document's active corrections when already read."""
    if active is None:  # one query: what to apply and what was renamed
        active = active_corrections(conn, record.document.id)
    if not active:
        return record
    fixed = apply_corrections(record, active).record
    renamed = {c.value["name"]: c.previous.get("name") for c in active
               if c.op == "entity.update" and c.value.get("name") and c.previous}
    for ent in fixed.entities:
        old = renamed.get(ent.name)
        if old and old != ent.name:
            ent.aliases = [a for a in ent.aliases if a != old]
    return fixed


def link_document(store: Store, doc_id: str) -> dict:
    """Link one stored document into the knowledge base."""
    return KnowledgeBase(store).link_document(doc_id)


def link_documents(store: Store, doc_ids: list[str]) -> list[dict]:
    """Link stored documents in order, in one transaction (the hook the ingest job calls per batch)."""
    return KnowledgeBase(store).link_documents(doc_ids)


def _stamp_linked(conn: Connection, doc_ids: list[str]) -> None:
    """Mark documents linked as they are stored now (a document no longer stored: unmarked)."""
    for part in chunks(doc_ids):
        conn.execute(delete(LK).where(LK.c.document_id.in_(part)))
        conn.execute(insert(LK).from_select(["document_id", "content_hash", "extractor_version"],
                                            select(D.c.id, D.c.content_hash, D.c.extractor_version)
                                            .where(D.c.id.in_(part), D.c.record_json.is_not(None))))


class KnowledgeBase:
    """Linking and queries over one Store."""

    def __init__(self, store: Store):
        self.store = store

    # -- transactions ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.store.engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(select(func.pg_advisory_xact_lock(LINK_LOCK)))
                yield conn

    def _read(self):
        return self.store.reading()

    # -- linking -----------------------------------------------------------------------------------
    def link_document(self, doc_id: str) -> dict:
        """Link (or re-link) one document: its previous links are removed, its entities and events
        joined to the kb entities and events their keys find, and the manual decisions that
        concern it replayed. A document no longer stored is only removed."""
        return self.link_documents([doc_id])[0]

    def link_documents(self, doc_ids: list[str]) -> list[dict]:
        """`link_document` for each document in turn, all in one transaction (all or none) with one
        cache of the kb entities, written back once: what `relink` does for the whole store."""
        out = []
        with self._write() as conn:
            linker = _Linker(conn)
            records = load_records(conn, doc_ids)
            # a document the knowledge base holds nothing of, nor any manual decision about (a new
            # one, the common case), has nothing to remove or replay: one query finds them all
            touched = linker.touched(doc_ids)
            linker.reserve(sum(linker.placed(r) for r in records.values()))
            linker.look_up([i for r in records.values() for i in linker.first_ids(r)])
            linker.look_up_events(list(records.values()))
            seen: set[str] = set()
            for doc_id in doc_ids:
                record = records.get(doc_id)
                again = doc_id in touched or doc_id in seen
                seen.add(doc_id)
                if again:
                    linker.remove_document(doc_id)
                out.append(linker.link(record) if record is not None else {"document": doc_id, "removed": True})
                if again:
                    for audit in linker.audits_of(doc_id):
                        linker.replay(audit)
            linker.flush()
            _stamp_linked(conn, doc_ids)
        return out

    def unlinked(self) -> list[str]:
        """Stored documents not linked as they are now stored (none, or another content or extractor
        version linked): what an ingest killed between storing and linking left, in storage order."""
        with self._read() as conn:
            stmt = (select(D.c.id).select_from(D.outerjoin(LK, LK.c.document_id == D.c.id))
                    .where(D.c.record_json.is_not(None),
                           or_(LK.c.document_id.is_(None), LK.c.content_hash.is_distinct_from(D.c.content_hash),
                               LK.c.extractor_version.is_distinct_from(D.c.extractor_version)))
                    .order_by(D.c.pk))
            return list(conn.execute(stmt).scalars())

    def relink(self, progress: Callable[[int], None] | None = None, batch: int = 500) -> dict:
        """Link every stored document again from scratch, then replay the audit log."""
        with self._write() as conn:
            for table in DERIVED_TABLES:
                conn.execute(delete(table))
            fixed = corrected_documents(conn)
        done = 0
        pending: list[Record] = []

        def run(records: list[Record]) -> None:
            with self._write() as conn:
                linker = _Linker(conn)
                records = [corrected(conn, r) if r.document.id in fixed else r for r in records]
                linker.reserve(sum(linker.placed(r) for r in records))
                linker.look_up([i for r in records for i in linker.first_ids(r)])
                linker.look_up_events(records)
                for record in records:
                    linker.link(record)
                linker.flush()
                _stamp_linked(conn, [record.document.id for record in records])

        for record in self.store.iter_records(batch):
            pending.append(record)
            if len(pending) >= batch:
                run(pending)
                done += len(pending)
                pending = []
                if progress:
                    progress(done)
        if pending:
            run(pending)
            done += len(pending)
            if progress:
                progress(done)
        with self._write() as conn:
            linker = _Linker(conn)
            replayed = 0
            for audit in conn.execute(select(A).order_by(A.c.pk)).mappings().all():
                linker.replay(dict(audit))
                replayed += 1
            linker.flush()
        return {"documents": done, "replayed": replayed, **self.stats()}

    def stats(self) -> dict:
        with self._read() as conn:
            def n(table, *where):
                return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()

            return {"entities": n(E), "persons": n(E, E.c.type == "PER"), "organizations": n(E, E.c.type == "ORG"),
                    "places": n(E, E.c.type == "LOC"), "members": n(M), "events": n(EV),
                    "event_sources": n(ES), "conflicts": n(EC), "series": n(S), "audit": n(A)}

    # -- manual decisions --------------------------------------------------------------------------
    def merge(self, a: str, b: str, who: str, why: str) -> dict:
        """Merge the entities named `a` and `b` (names or kb ids); recorded in the audit log."""
        if not who or not why:
            raise KbError("a manual merge needs who made it and why")
        with self._write() as conn:
            linker = _Linker(conn)
            ea, eb = linker.find_one(a), linker.find_one(b)
            if ea == eb:
                raise KbConflict(f"{a!r} and {b!r} are already one entity ({ea})")
            ta, tb = linker.entity(ea)["type"], linker.entity(eb)["type"]
            if ta != tb:
                raise KbConflict(f"cannot merge a {ta} with a {tb}")
            payload = {"a": {"ref": a, "members": linker.member_refs(ea)},
                       "b": {"ref": b, "members": linker.member_refs(eb)}}
            audit = linker.record_audit("merge", who, why, payload)
            linker.replay(audit)
            linker.flush()
            kept = linker.entity_of_refs(payload["a"]["members"])
        return {"audit": audit["pk"], "entity": kept, "merged": [ea, eb]}

    def split(self, entity: str, aliases: Iterable[str], who: str, why: str) -> dict:
        """Split the names `aliases` (and the mentions that carry them) off `entity` into an entity
        of their own, kept apart from it from now on; recorded in the audit log."""
        aliases = [a for a in aliases if a and a.strip()]
        if not aliases:
            raise KbError("name at least one alias to split off")
        if not who or not why:
            raise KbError("a manual split needs who made it and why")
        with self._write() as conn:
            linker = _Linker(conn)
            eid = linker.find_one(entity)
            keys = {resolve.surface_key(x) for x in aliases}
            members = linker.members_of(eid)
            move = [m for m in members if carries(m, keys)]
            keep = [m for m in members if not carries(m, keys)]
            if not move:
                raise KbConflict(f"no mention of {entity!r} ({eid}) carries the names {aliases}")
            if not keep:
                raise KbConflict(f"every mention of {entity!r} carries {aliases}: nothing would be left")
            payload = {"entity": entity, "aliases": aliases,
                       "move": [[m["document_id"], resolve.surface_key(m["name"])] for m in move],
                       "keep": [[m["document_id"], resolve.surface_key(m["name"])] for m in keep]}
            audit = linker.record_audit("split", who, why, payload)
            linker.replay(audit)
            linker.flush()
            new = linker.entity_of_refs(payload["move"])
        return {"audit": audit["pk"], "entity": eid, "new": new, "moved": len(move)}

    def audit_log(self) -> list[dict]:
        with self._read() as conn:
            return [dict(r) for r in conn.execute(select(A).order_by(A.c.pk)).mappings()]

    # -- queries -----------------------------------------------------------------------------------
    def find(self, name: str, type: str | None = None, limit: int = 10) -> list[dict]:
        """Kb entities a name may refer to, best first: {id, type, name, score, members}."""
        with self._read() as conn:
            return _Linker(conn).find(name, type, limit)

    def named(self, name: str, type: str | None = None) -> list[str]:
        """The kb entities a name (any spelling or script) or kb id denotes: every hit as good as the
        best, or none."""
        with self._read() as conn:
            return _Linker(conn).named(name, type) or []

    def series_named(self, name: str) -> list[str]:
        """The kb series a name denotes: its id, one of its keys, part of its name, or a key that
        matches (`series.keys_match`)."""
        with self._read() as conn:
            return _Linker(conn).series_named(name)

    def why_merged(self, a: str, b: str) -> dict:
        """Why the mentions named `a` and `b` are one entity: the chain of evidence between them
        (each step: the two mentions, the rule — automatic, bridge or manual — its score and reasons);
        or, when they are apart, why (the conflicts their profiles show, a manual split)."""
        with self._read() as conn:
            return _Linker(conn).why_merged(a, b)

    def roles(self, name: str) -> list[dict]:
        """An entity's titles over time: each title with the period it is attested in (the first and last
        publication dates of the documents that state it), in order."""
        with self._read() as conn:
            linker = _Linker(conn)
            return linker.roles(linker.find_one(name))

    def timeline(self, person: str | None = None, organization: str | None = None, country: str | None = None,
                 series: str | None = None, event_type: str | list[str] | None = None,
                 topic: str | list[str] | None = None, period: Any = None, limit: int | None = None) -> list[dict]:
        """Kb events in date order (undated last), filtered; each with participants, place, series,
        sources and conflicts."""
        with self._read() as conn:
            return _Linker(conn).timeline(person=person, organization=organization, country=country,
                                          series=series, event_type=event_type, topic=topic, period=period,
                                          limit=limit)

    def series(self, name: str | None = None) -> list[dict] | dict:
        """Every series with its events in order, or the one series `name` (id, name or key) names."""
        with self._read() as conn:
            return _Linker(conn).series(name)

    def graph(self, types: Iterable[str] = ("PER", "ORG"), min_weight: int = 1,
              entity: str | None = None) -> dict:
        """Who met whom: {nodes: [{id, name, type, iso, events, agreements}], edges: [{source, target,
        weight, events, agreements, kinds}]}; the weight of an edge is the number of kb events both
        took part in and of agreements both are parties to (the pages, the API, the CLI and the
        GraphML export all read it); around the kb entity `entity`, only its events and agreements."""
        with self._read() as conn:
            return _Linker(conn).graph(set(types), min_weight, entity)

    def entities(self, type: str | None = None) -> list[dict]:
        with self._read() as conn:
            stmt = select(E).order_by(E.c.pk)
            if type:
                stmt = stmt.where(E.c.type == type)
            return [entity_dict(r) for r in conn.execute(stmt).mappings()]

    def members(self) -> list[dict]:
        with self._read() as conn:
            return [dict(r) for r in conn.execute(select(M).order_by(M.c.pk)).mappings()]






# -- the worker ---------------------------------------------------------------------------------------

class _Linker(AuditReplay, EventLinking, KbQueries):
    """Linking inside one transaction, with a cache of the kb entities it has read or changed."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.dialect = conn.dialect.name
        self.cache: dict[str, dict] = {}
        self.dirty: set[str] = set()
        self.known_keys: set[tuple[str, str]] = set()  # (key, kb entity) pairs known to be stored
        # kb entities made, members and evidence links added and keys added: kept here and written in
        # one statement per table before anything reads, changes or deletes rows of those tables
        # (`candidates` reads the pending keys from here), at the latest when the batch is flushed
        self.pending: dict[str, list[dict]] = {"entities": [], "members": [], "links": [], "keys": []}
        # ids of kb entities looked up (in one query for a batch) and those of them not stored; one
        # not stored then that this transaction stores is in the cache from then on (`_new_id` looks
        # there first), and one that it deletes is not stored again
        self.checked: set[str] = set()
        self.absent: set[str] = set()
        self.events_made, self.events_checked, self.events_absent = set(), set(), set()
        # PostgreSQL: the pks the next members take, drawn from their sequence ahead (`reserve`), so
        # that a member's row can wait in `pending` (in SQLite each member is inserted at once)
        self.member_pks: deque[int] = deque()

    def _write_pending(self) -> None:
        pending = self.pending
        self.pending = {"entities": [], "members": [], "links": [], "keys": []}
        for table, name in ((E, "entities"), (M, "members"), (L, "links")):
            for chunk in chunks(pending[name]):
                self.conn.execute(insert(table), chunk)
        self._insert_ignore(K, pending["keys"], ["key", "kb_entity"])

    def touched(self, doc_ids: list[str]) -> set[str]:
        """Those of `doc_ids` that kb members, event sources or participants or the audit log name."""
        out: set[str] = set()
        for part in chunks(sorted(set(doc_ids))):
            stmt = union(*(select(t.c.document_id).where(t.c.document_id.in_(part)) for t in (M, ES, EP, AD)))
            out.update(self.conn.execute(stmt).scalars())
        return out

    @staticmethod
    def first_ids(record: Record, entities=None) -> list[str]:
        """The ids `_create` tries first for the entities (by default all those linked) of `record`."""
        doc = record.document
        return [hash_id(_PREFIX[e.type], doc.id, e.id) for e in (record.entities if entities is None else entities)
                if e.type in _TYPE_ORDER]

    def look_up(self, ids: list[str]) -> None:
        """Find which of the kb entity ids not looked up yet are not stored, in one query."""
        new = sorted(set(ids) - self.checked)
        found = {i for part in chunks(new) for i in self.conn.execute(select(E.c.id).where(E.c.id.in_(part))).scalars()}
        self.checked.update(new)
        self.absent.update(set(new) - found)

    def reserve(self, n: int) -> None:
        """Draw pks for `n` more members at once (PostgreSQL; each member placed uses exactly one, so
        the sequence has no gaps and the pks are those one insert at a time would have given)."""
        n -= len(self.member_pks)
        if n > 0 and self.dialect == "postgresql":
            self.member_pks.extend(sorted(self.conn.execute(
                select(func.nextval(func.pg_get_serial_sequence(M.name, "pk")))
                .select_from(func.generate_series(1, n))).scalars()))

    @staticmethod
    def placed(record: Record) -> int:
        """How many members linking `record` adds: one per entity of a linked type."""
        return sum(1 for e in record.entities if e.type in _TYPE_ORDER)

    # -- small helpers -------------------------------------------------------------------------------
    def _insert_ignore(self, table, rows: list[dict], index: list[str]) -> None:
        if not rows:
            return
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        for chunk in chunks(rows):
            self.conn.execute(upsert(table).on_conflict_do_nothing(index_elements=index), chunk)

    def entity(self, eid: str) -> dict:
        if eid not in self.cache:
            row = self.conn.execute(select(E).where(E.c.id == eid)).mappings().first()
            if row is None:
                raise UnknownEntity(f"no kb entity {eid!r}")
            self.cache[eid] = dict(row)
        return self.cache[eid]

    def load_entities(self, ids: Iterable[str]) -> None:
        missing = [i for i in set(ids) if i not in self.cache]
        for chunk in chunks(missing):
            for row in self.conn.execute(select(E).where(E.c.id.in_(chunk))).mappings():
                self.cache[row["id"]] = dict(row)

    def candidates(self, keys: list[str]) -> dict[str, set[str]]:
        wanted = set(keys)
        out: dict[str, set[str]] = defaultdict(set)
        for chunk in chunks(sorted(wanted)):
            for key, kb in self.conn.execute(select(K.c.key, K.c.kb_entity).where(K.c.key.in_(chunk))):
                out[key].add(kb)
                self.known_keys.add((key, kb))
        for row in self.pending["keys"]:  # added by this batch, not written yet
            if row["key"] in wanted:
                out[row["key"]].add(row["kb_entity"])
        return out

    def cannot_link(self, a: str, b: str) -> bool:
        return self.conn.execute(select(CL.c.pk).where(or_(and_(CL.c.a == a, CL.c.b == b),
                                                           and_(CL.c.a == b, CL.c.b == a)))).first() is not None

    def _new_id(self, prefix: str, *parts: str) -> str:
        base = hash_id(prefix, *parts)
        eid, n = base, 1
        while eid in self.cache or (eid not in self.absent
                                    and self.conn.execute(select(E.c.pk).where(E.c.id == eid)).first()):
            n += 1
            eid = f"{base}-{n}"
        return eid

    # -- removal -------------------------------------------------------------------------------------
    def remove_document(self, doc_id: str) -> None:
        self._write_pending()
        rows = self.conn.execute(select(M.c.pk, M.c.kb_entity).where(M.c.document_id == doc_id)).all()
        if rows:
            pks = [r.pk for r in rows]
            for chunk in chunks(pks):
                self.conn.execute(delete(L).where(or_(L.c.a.in_(chunk), L.c.b.in_(chunk))))
            self.conn.execute(delete(M).where(M.c.document_id == doc_id))
            for eid in {r.kb_entity for r in rows}:
                self.recompute(eid)
        events = {r.kb_event for r in self.conn.execute(select(ES.c.kb_event).where(ES.c.document_id == doc_id))}
        self.conn.execute(delete(ES).where(ES.c.document_id == doc_id))
        self.conn.execute(delete(EP).where(EP.c.document_id == doc_id))
        forget_agreements(self.conn, doc_id)
        for kid in events:
            self.refresh_event(kid)

    def recompute(self, eid: str) -> None:
        """Rebuild a kb entity's profile and keys from its members (or drop it when it has none)."""
        self._write_pending()
        rows = self.conn.execute(select(M.c.pk, M.c.name, M.c.features).where(M.c.kb_entity == eid)
                                 .order_by(M.c.pk)).mappings().all()
        if not rows:
            self.conn.execute(delete(E).where(E.c.id == eid))
            self.conn.execute(delete(K).where(K.c.kb_entity == eid))
            self._forget_keys(eid)
            self.conn.execute(delete(L).where(L.c.kb_entity == eid))
            self.cache.pop(eid, None)
            self.dirty.discard(eid)
            return
        profile: dict = {}
        for r in rows:
            feats = dict(r["features"] or {})
            feats["names"] = {r["name"]: r["pk"]}
            profile = resolve.merge_profiles(profile, feats) if profile else feats
        ent = self.entity(eid)
        ent["profile"] = profile
        ent["members"] = len(rows)
        self.conn.execute(delete(K).where(K.c.kb_entity == eid))
        self._forget_keys(eid)
        self._add_keys(eid, profile)
        self.dirty.add(eid)

    def _forget_keys(self, eid: str) -> None:
        self.known_keys = {p for p in self.known_keys if p[1] != eid}

    def _add_keys(self, eid: str, profile: dict) -> None:
        keys = resolve.blocking_keys(profile) + [f"n:{resolve.surface_key(n)}" for n in (profile.get("names") or {})]
        new = [k[:500] for k in dict.fromkeys(keys) if (k[:500], eid) not in self.known_keys]
        self.pending["keys"] += [{"key": k, "kb_entity": eid} for k in new]
        self.known_keys.update((k, eid) for k in new)

    # -- linking a record ----------------------------------------------------------------------------
    def link(self, record: Record) -> dict:
        doc = record.document
        self.reserve(self.placed(record))
        ctx = resolve.Context(language=doc.language, published=doc.published)
        country_of_loc = {e.id: e.iso for e in record.entities if e.type == "LOC" and e.kind == "country" and e.iso}
        for m in record.mentions:
            if m.type != "ORG" or not m.entity:
                continue
            for inner in record.mentions:
                if inner.type == "LOC" and m.start <= inner.start and inner.end <= m.end and inner.entity in country_of_loc:
                    ctx.org_countries.setdefault(m.entity, set()).add(country_of_loc[inner.entity])
                    ctx.org_places.setdefault(m.entity, {})[inner.text] = country_of_loc[inner.entity]
        for e in record.entities:
            for r in e.roles:
                if r.organization and r.country:
                    ctx.org_countries.setdefault(r.organization, set()).add(r.country)
        linked = Counter()
        for etype in _TYPE_ORDER:
            group = [e for e in record.entities if e.type == etype]
            if not group:
                continue
            profiles = {}
            for e in group:
                if etype == "PER":
                    profiles[e.id] = resolve.person_profile(e.name, e.aliases, e.roles, ctx)
                elif etype == "ORG":
                    countries = set(ctx.org_countries.get(e.id, ())) | ({e.iso} if e.iso else set())
                    profiles[e.id] = resolve.organization_profile(e.name, e.aliases, e.gazetteer_id, ctx,
                                                                  countries, ctx.org_places.get(e.id))
                else:
                    profiles[e.id] = resolve.place_profile(e.name, e.aliases, e.kind, e.iso, e.gazetteer_id)
            found = self.candidates([k for p in profiles.values() for k in resolve.query_keys(p)])
            self.load_entities({kb for ids in found.values() for kb in ids})
            self.look_up(self.first_ids(record, group))
            for e in group:
                prof = profiles[e.id]
                cands = {kb for k in resolve.query_keys(prof) for kb in found.get(k, ())}
                cands = {c for c in cands if c in self.cache}
                kb, outcome = self._place(record, e, prof, cands)
                ctx.kb_of[e.id] = kb
                linked[outcome] += 1
        n_events = self._link_events(record, ctx)
        record_agreements(self.conn, record)
        return {"document": doc.id, "entities": sum(linked.values()), "joined": linked["joined"],
                "new": linked["new"], "ambiguous": linked["ambiguous"], "events": n_events}

    def _place(self, record: Record, e, prof: dict, cands: set[str]) -> tuple[str, str]:
        doc = record.document
        scored = []
        for c in cands:
            ent = self.cache[c]
            if ent["type"] != e.type:
                continue
            scored.append((resolve.score(prof, ent["profile"] or {}), c))
        ok = [(m, c) for m, c in scored if m.ok]
        if not ok and e.type == "PER" and not prof.get("first") and not prof.get("fi"):
            # a bare surname: the only person of that surname known, with nothing against it
            clean = [(m, c) for m, c in scored if not m.conflicts and m.score >= 0.35]
            if len(clean) == 1 and len(scored) == 1:
                m, c = clean[0]
                m.score += 0.1
                m.reasons.append("the only person of this surname in the knowledge base")
                ok = [(m, c)]
            elif len(clean) > 1:
                evidence = {"rule": "ambiguous", "score": None,
                            "reasons": [f"a bare surname that {len(clean)} persons bear ("
                                        + ", ".join(sorted(c for _, c in clean)) + "): kept apart"]}
                return self._create(doc, e, prof, evidence), "ambiguous"
        ok.sort(key=lambda mc: (-mc[0].score, -self.cache[mc[1]]["members"], mc[1]))
        evidence: dict = {"rule": "new", "score": None, "reasons": []}
        if ok:
            best_m, best = ok[0]
            rivals = [(m, c) for m, c in ok[1:] if not self._compatible(best, c)]
            if rivals and rivals[0][0].score >= best_m.score - 0.1 and best_m.score < 0.8:
                evidence = {"rule": "ambiguous", "score": None,
                            "reasons": [f"{best} ({best_m.score:.2f}) and {rivals[0][1]} "
                                        f"({rivals[0][0].score:.2f}) fit equally: kept apart"]}
                eid = self._create(doc, e, prof, evidence)
                return eid, "ambiguous"
            member_pk = self._join(best, doc, e, prof, best_m)
            for m, c in ok[1:]:
                if (c in self.cache and m.score >= resolve.BRIDGE and best_m.score >= resolve.BRIDGE
                        and self._compatible(best, c) and not self.cannot_link(best, c)):
                    other_pk = self._via(c, e)
                    reasons = [f"'{e.name}' ({doc.id}) fits both: " + "; ".join(m.reasons)]
                    best = self.merge_entities(best, c, "bridge", m.score, reasons, member_pk, other_pk)
            return best, "joined"
        eid = self._create(doc, e, prof, evidence)
        return eid, "new"

    def _compatible(self, a: str, b: str) -> bool:
        if a == b:
            return True
        pa, pb = self.cache[a]["profile"] or {}, self.cache[b]["profile"] or {}
        return resolve.score(pa, pb).ok and not self.cannot_link(a, b)

    def _member_row(self, doc, e, eid: str, prof: dict, evidence: dict) -> dict:
        return {"document_id": doc.id, "entity_id": e.id, "kb_entity": eid, "type": e.type, "name": e.name,
                "aliases": list(e.aliases), "language": doc.language, "published": doc.published,
                "features": prof, "evidence": evidence}

    def _insert_member(self, row: dict) -> int:
        if self.member_pks:
            pk = self.member_pks.popleft()
            self.pending["members"].append({"pk": pk, **row})
            return pk
        return self.conn.execute(insert(M).returning(M.c.pk), [row]).scalar_one()

    def _create(self, doc, e, prof: dict, evidence: dict) -> str:
        eid = self._new_id(_PREFIX[e.type], doc.id, e.id)
        now = utc_now()
        self.pending["entities"].append(dict(id=eid, type=e.type, name=e.name, names={}, kind=e.kind, iso=None,
                                             gazetteer_id=None, profile=None, members=0, updated=now))
        self.cache[eid] = {"id": eid, "type": e.type, "name": e.name, "names": {}, "kind": e.kind, "iso": None,
                           "gazetteer_id": None, "profile": {}, "members": 0, "updated": now}
        pk = self._insert_member(self._member_row(doc, e, eid, prof, evidence))
        ent = self.cache[eid]
        ent["profile"] = {**prof, "names": {n: pk for n in [e.name, *e.aliases][:_MAX_NAMES]}}
        ent["members"] = 1
        self._add_keys(eid, ent["profile"])
        self.dirty.add(eid)
        return eid

    def _via(self, eid: str, e) -> int | None:
        """The member of `eid` whose name is nearest `e`'s: the other end of the evidence link."""
        names = (self.cache[eid]["profile"] or {}).get("names") or {}
        if not names:
            return None
        target = set(resolve.translit.key(e.name).split())
        best = max(names, key=lambda n: (len(set(resolve.translit.key(n).split()) & target), -len(n)))
        return names[best]

    def _join(self, eid: str, doc, e, prof: dict, match: resolve.Match) -> int:
        via = self._via(eid, e)
        evidence = {"rule": "auto", "score": round(match.score, 3), "reasons": match.reasons, "via": via}
        pk = self._insert_member(self._member_row(doc, e, eid, prof, evidence))
        if via is not None:
            self.pending["links"].append(dict(kb_entity=eid, a=via, b=pk, kind="auto", score=round(match.score, 3),
                                              reasons=match.reasons, audit_id=None, created=utc_now()))
        ent = self.cache[eid]
        names = dict((ent["profile"] or {}).get("names") or {})
        for n in [e.name, *e.aliases]:
            if n not in names and len(names) < _MAX_NAMES:
                names[n] = pk
        ent["profile"] = {**resolve.merge_profiles(ent["profile"] or {}, prof), "names": names}
        ent["members"] += 1
        self._add_keys(eid, {**prof, "names": {n: pk for n in [e.name, *e.aliases]}})
        self.dirty.add(eid)
        return pk

    def merge_entities(self, keep: str, gone: str, kind: str, score: float, reasons: list[str],
                       a_member: int | None, b_member: int | None, audit_id: int | None = None) -> str:
        """Fold kb entity `gone` into `keep` everywhere; returns the id kept."""
        if keep == gone:
            return keep
        self._write_pending()
        self.load_entities([keep, gone])
        c = self.conn
        c.execute(update(M).where(M.c.kb_entity == gone).values(kb_entity=keep))
        gone_keys = [r.key for r in c.execute(select(K.c.key).where(K.c.kb_entity == gone))]
        c.execute(delete(K).where(K.c.kb_entity == gone))
        self._forget_keys(gone)
        self._insert_ignore(K, [{"key": k, "kb_entity": keep} for k in gone_keys], ["key", "kb_entity"])
        self.known_keys.update((k, keep) for k in gone_keys)
        c.execute(update(L).where(L.c.kb_entity == gone).values(kb_entity=keep))
        if a_member is not None and b_member is not None:
            c.execute(insert(L), dict(kb_entity=keep, a=a_member, b=b_member, kind=kind, score=round(score, 3),
                                       reasons=reasons, audit_id=audit_id, created=utc_now()))
        c.execute(update(EP).where(EP.c.kb_entity == gone).values(kb_entity=keep))
        c.execute(update(EV).where(EV.c.location == gone).values(location=keep))
        c.execute(update(ES).where(ES.c.location == gone).values(location=keep))
        for col, other in ((CL.c.a, CL.c.b), (CL.c.b, CL.c.a)):
            for row in c.execute(select(CL.c.pk, other.label("o"), CL.c.audit_id).where(col == gone)).all():
                c.execute(delete(CL).where(CL.c.pk == row.pk))
                if row.o != keep:
                    self._insert_ignore(CL, [{"a": keep, "b": row.o, "audit_id": row.audit_id}], ["a", "b"])
        k, g = self.cache[keep], self.cache.pop(gone)
        names = dict((g["profile"] or {}).get("names") or {})
        names.update((k["profile"] or {}).get("names") or {})
        k["profile"] = {**resolve.merge_profiles(k["profile"] or {}, g["profile"] or {}),
                        "names": dict(list(names.items())[:_MAX_NAMES])}
        k["members"] += g["members"]
        c.execute(delete(E).where(E.c.id == gone))
        self.dirty.discard(gone)
        self.dirty.add(keep)
        return keep

    # -- flushing ------------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write back every kb entity changed: profile, member count, names per language, ISO (one
        statement for them all)."""
        self._write_pending()
        rows = []
        for eid in sorted(self.dirty):
            ent = self.cache.get(eid)
            if ent is None:
                continue
            prof = ent["profile"] or {}
            names = list((prof.get("names") or {}).keys())
            if ent["type"] == "PER":
                by_lang = resolve.person_names(names)
                countries = Counter(prof.get("countries") or [])
                iso = countries.most_common(1)[0][0] if countries else None
                display = by_lang.get("ru") or by_lang.get("en") or ent["name"]
            elif ent["type"] == "ORG":
                by_lang = resolve.organization_names(prof, names)
                iso = (prof.get("countries") or [None])[0] if len(prof.get("countries") or []) == 1 else None
                display = by_lang.get("ru") or by_lang.get("en") or ent["name"]
            else:
                by_lang = resolve.place_names(prof, names)
                iso = (prof.get("iso") or [None])[0]
                display = by_lang.get("ru") or by_lang.get("en") or ent["name"]
            gz = (prof.get("gz") or [None])[0]
            rows.append({"eid": eid, "v_profile": prof, "v_members": ent["members"], "v_names": by_lang,
                         "v_name": display, "v_iso": iso, "v_gz": gz, "v_updated": utc_now()})
            ent.update(names=by_lang, name=display, iso=iso, gazetteer_id=gz)
        if rows:
            self.conn.execute(update(E).where(E.c.id == bindparam("eid")).values(
                profile=bindparam("v_profile"), members=bindparam("v_members"), names=bindparam("v_names"),
                name=bindparam("v_name"), iso=bindparam("v_iso"), gazetteer_id=bindparam("v_gz"),
                updated=bindparam("v_updated")), rows)
        self.dirty.clear()
