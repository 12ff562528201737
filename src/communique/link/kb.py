"""The knowledge base over a Store: entities, events and series linked across documents.

    kb = KnowledgeBase(store)
    kb.link_document(doc_id)          # after each stored document: links it, touches nothing else
    kb.relink()                       # the whole store again, then the audit log replayed
    kb.merge("Шадаев", "Maksut Shadaev", who="analyst", why="same minister")
    kb.split("Иванов", ["Д.В. Иванов"], who="analyst", why="two people")
    kb.why_merged("М.И. Шадаев", "Maksut Shadaev")
    kb.entity_profile("Шадаев"); kb.timeline(person="Шадаев", period="2025"); kb.series(); kb.graph()

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
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from ..corrections import TABLE as CORRECTIONS
from ..corrections import corrected_with
from ..model import Record
from ..store import Store, period_bounds
from ..store.db import WRITE_OPTION
from ..store.kb_tables import (
    DERIVED_TABLES,
    KbAuditDocRow,
    KbAuditRow,
    KbCannotLinkRow,
    KbConflictRow,
    KbEntityRow,
    KbEventParticipantRow,
    KbEventRow,
    KbEventSourceRow,
    KbKeyRow,
    KbLinkRow,
    KbMemberRow,
    KbSeriesKeyRow,
    KbSeriesRow,
    KbSeriesTokenRow,
)
from ..store.rows import RECORD_COLUMNS, record_from_row
from ..store.schema import DocumentRow, RoleRow, TopicRow
from . import events as ev_mod
from . import resolve
from . import series as series_mod

LINK_LOCK = 0x4B424C4E  # pg_advisory_xact_lock key of linking
_PREFIX = {"PER": "p", "ORG": "o", "LOC": "l"}
_TYPE_ORDER = ("LOC", "ORG", "PER")
_CHUNK = 400
_MAX_NAMES = 60

E, M, K, L = KbEntityRow.__table__, KbMemberRow.__table__, KbKeyRow.__table__, KbLinkRow.__table__
EV, ES, EP, EC = (KbEventRow.__table__, KbEventSourceRow.__table__, KbEventParticipantRow.__table__,
                  KbConflictRow.__table__)
S, SK, ST = KbSeriesRow.__table__, KbSeriesKeyRow.__table__, KbSeriesTokenRow.__table__
A, AD, CL = KbAuditRow.__table__, KbAuditDocRow.__table__, KbCannotLinkRow.__table__
D = DocumentRow.__table__


class KbError(ValueError):
    """A request the knowledge base cannot carry out (an unknown entity, a split of nothing)."""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _hash_id(prefix: str, *parts: str) -> str:
    return prefix + "-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def load_record(conn: Connection, doc_id: str) -> Record | None:
    """A stored Record with the analysts' corrections applied, read within the linker's own
    transaction: the knowledge base (and every export, page and command that reads it) holds the
    corrected facts, and a relink or a re-extraction keeps them."""
    row = conn.execute(select(*RECORD_COLUMNS).where(D.c.id == doc_id, D.c.record_json.is_not(None))).first()
    return corrected(conn, record_from_row(row)) if row is not None else None


def corrected(conn: Connection, record: Record) -> Record:
    """`record` as the analysts corrected it, for linking: a name an analyst replaced is no longer a
    name of the entity (not kept as an alias that would outrank the corrected one)."""
    fixed = corrected_with(conn, record)
    if fixed is record:
        return record
    renamed = {c.value["name"]: c.previous.get("name")
               for c in conn.execute(select(CORRECTIONS.c.op, CORRECTIONS.c.value, CORRECTIONS.c.previous)
                                     .where(CORRECTIONS.c.document_id == record.document.id,
                                            CORRECTIONS.c.reverted.is_(None),
                                            CORRECTIONS.c.op == "entity.update"))
               if (c.value or {}).get("name") and c.previous}
    for ent in fixed.entities:
        old = renamed.get(ent.name)
        if old and old != ent.name:
            ent.aliases = [a for a in ent.aliases if a != old]
    return fixed


def corrected_documents(conn: Connection) -> set[str]:
    """The documents that have active corrections."""
    return set(conn.execute(select(CORRECTIONS.c.document_id).where(CORRECTIONS.c.reverted.is_(None))
                            .distinct()).scalars())


def link_document(store: Store, doc_id: str) -> dict:
    """Link one stored document into the knowledge base (the hook the ingest job calls)."""
    return KnowledgeBase(store).link_document(doc_id)


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

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.store.engine.connect() as conn:
            yield conn

    # -- linking -----------------------------------------------------------------------------------
    def link_document(self, doc_id: str) -> dict:
        """Link (or re-link) one document: its previous links are removed, its entities and events
        joined to the kb entities and events their keys find, and the manual decisions that
        concern it replayed. A document no longer stored is only removed."""
        with self._write() as conn:
            record = load_record(conn, doc_id)
            linker = _Linker(conn)
            linker.remove_document(doc_id)
            summary = linker.link(record) if record is not None else {"document": doc_id, "removed": True}
            for audit in linker.audits_of(doc_id):
                linker.replay(audit)
            linker.flush()
        return summary

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
                for record in records:
                    if record.document.id in fixed:
                        record = corrected(conn, record)
                    linker.link(record)
                linker.flush()

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
                raise KbError(f"{a!r} and {b!r} are already one entity ({ea})")
            ta, tb = linker.entity(ea)["type"], linker.entity(eb)["type"]
            if ta != tb:
                raise KbError(f"cannot merge a {ta} with a {tb}")
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
            move = [m for m in members if _carries(m, keys)]
            keep = [m for m in members if not _carries(m, keys)]
            if not move:
                raise KbError(f"no mention of {entity!r} ({eid}) carries the names {aliases}")
            if not keep:
                raise KbError(f"every mention of {entity!r} carries {aliases}: nothing would be left")
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

    def why_merged(self, a: str, b: str) -> dict:
        """Why the mentions named `a` and `b` are one entity: the chain of evidence between them
        (each step: the two mentions, the rule — automatic, bridge or manual — its score and reasons);
        or, when they are apart, why (the conflicts their profiles show, a manual split)."""
        with self._read() as conn:
            return _Linker(conn).why_merged(a, b)

    def roles(self, name: str) -> list[dict]:
        """An entity's titles over time (see `entity_profile`), without the rest of the profile."""
        with self._read() as conn:
            linker = _Linker(conn)
            return linker.roles(linker.find_one(name))

    def entity_profile(self, name: str) -> dict:
        """Everything known of one entity: names per language, aliases, roles over time (each title
        with the period it is attested in), events, co-participants and sources."""
        with self._read() as conn:
            return _Linker(conn).profile(name)

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

    def graph(self, types: Iterable[str] = ("PER", "ORG"), min_weight: int = 1) -> dict:
        """Who met whom: {nodes: [{id, name, type, iso, events}], edges: [{source, target, weight,
        events}]}; the weight of an edge is the number of kb events both took part in."""
        with self._read() as conn:
            return _Linker(conn).graph(set(types), min_weight)

    def entities(self, type: str | None = None) -> list[dict]:
        with self._read() as conn:
            stmt = select(E).order_by(E.c.pk)
            if type:
                stmt = stmt.where(E.c.type == type)
            return [_entity_dict(r) for r in conn.execute(stmt).mappings()]

    def members(self) -> list[dict]:
        with self._read() as conn:
            return [dict(r) for r in conn.execute(select(M).order_by(M.c.pk)).mappings()]


def _carries(member: dict, keys: set[str]) -> bool:
    names = [member["name"], *(member.get("aliases") or [])]
    return any(resolve.surface_key(n) in keys for n in names)


def _entity_dict(row: Any) -> dict:
    return {"id": row["id"], "type": row["type"], "name": row["name"], "names": row["names"] or {},
            "kind": row["kind"], "iso": row["iso"], "gazetteer_id": row["gazetteer_id"],
            "aliases": list((row["profile"] or {}).get("names", {}).keys()), "members": row["members"]}


# -- the worker ---------------------------------------------------------------------------------------

class _Linker:
    """Linking inside one transaction, with a cache of the kb entities it has read or changed."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.dialect = conn.dialect.name
        self.cache: dict[str, dict] = {}
        self.dirty: set[str] = set()
        self.known_keys: set[tuple[str, str]] = set()  # (key, kb entity) pairs known to be stored

    # -- small helpers -------------------------------------------------------------------------------
    def _insert_ignore(self, table, rows: list[dict], index: list[str]) -> None:
        if not rows:
            return
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        for chunk in _chunks(rows):
            self.conn.execute(upsert(table).on_conflict_do_nothing(index_elements=index), chunk)

    def entity(self, eid: str) -> dict:
        if eid not in self.cache:
            row = self.conn.execute(select(E).where(E.c.id == eid)).mappings().first()
            if row is None:
                raise KbError(f"no kb entity {eid!r}")
            self.cache[eid] = dict(row)
        return self.cache[eid]

    def load_entities(self, ids: Iterable[str]) -> None:
        missing = [i for i in set(ids) if i not in self.cache]
        for chunk in _chunks(missing):
            for row in self.conn.execute(select(E).where(E.c.id.in_(chunk))).mappings():
                self.cache[row["id"]] = dict(row)

    def candidates(self, keys: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for chunk in _chunks(sorted(set(keys))):
            for key, kb in self.conn.execute(select(K.c.key, K.c.kb_entity).where(K.c.key.in_(chunk))):
                out[key].add(kb)
                self.known_keys.add((key, kb))
        return out

    def cannot_link(self, a: str, b: str) -> bool:
        return self.conn.execute(select(CL.c.pk).where(or_(and_(CL.c.a == a, CL.c.b == b),
                                                           and_(CL.c.a == b, CL.c.b == a)))).first() is not None

    def _new_id(self, prefix: str, *parts: str) -> str:
        base = _hash_id(prefix, *parts)
        eid, n = base, 1
        while eid in self.cache or self.conn.execute(select(E.c.pk).where(E.c.id == eid)).first():
            n += 1
            eid = f"{base}-{n}"
        return eid

    # -- removal -------------------------------------------------------------------------------------
    def remove_document(self, doc_id: str) -> None:
        rows = self.conn.execute(select(M.c.pk, M.c.kb_entity).where(M.c.document_id == doc_id)).all()
        if rows:
            pks = [r.pk for r in rows]
            for chunk in _chunks(pks):
                self.conn.execute(delete(L).where(or_(L.c.a.in_(chunk), L.c.b.in_(chunk))))
            self.conn.execute(delete(M).where(M.c.document_id == doc_id))
            for eid in {r.kb_entity for r in rows}:
                self.recompute(eid)
        events = {r.kb_event for r in self.conn.execute(select(ES.c.kb_event).where(ES.c.document_id == doc_id))}
        self.conn.execute(delete(ES).where(ES.c.document_id == doc_id))
        self.conn.execute(delete(EP).where(EP.c.document_id == doc_id))
        for kid in events:
            self.refresh_event(kid)

    def recompute(self, eid: str) -> None:
        """Rebuild a kb entity's profile and keys from its members (or drop it when it has none)."""
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
        self._insert_ignore(K, [{"key": k, "kb_entity": eid} for k in new], ["key", "kb_entity"])
        self.known_keys.update((k, eid) for k in new)

    # -- linking a record ----------------------------------------------------------------------------
    def link(self, record: Record) -> dict:
        doc = record.document
        ctx = resolve.Context(language=doc.language, published=doc.published)
        country_of_loc = {e.id: e.iso for e in record.entities if e.type == "LOC" and e.kind == "country" and e.iso}
        for m in record.mentions:
            if m.type != "ORG" or not m.entity:
                continue
            for inner in record.mentions:
                if inner.type == "LOC" and m.start <= inner.start and inner.end <= m.end and inner.entity in country_of_loc:
                    ctx.org_countries.setdefault(m.entity, set()).add(country_of_loc[inner.entity])
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
                                                                  countries)
                else:
                    profiles[e.id] = resolve.place_profile(e.name, e.aliases, e.kind, e.iso, e.gazetteer_id)
            found = self.candidates([k for p in profiles.values() for k in resolve.query_keys(p)])
            self.load_entities({kb for ids in found.values() for kb in ids})
            for e in group:
                prof = profiles[e.id]
                cands = {kb for k in resolve.query_keys(prof) for kb in found.get(k, ())}
                cands = {c for c in cands if c in self.cache}
                kb, outcome = self._place(record, e, prof, cands)
                ctx.kb_of[e.id] = kb
                linked[outcome] += 1
        n_events = self._link_events(record, ctx)
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
        return self.conn.execute(insert(M).returning(M.c.pk), [row]).scalar_one()

    def _create(self, doc, e, prof: dict, evidence: dict) -> str:
        eid = self._new_id(_PREFIX[e.type], doc.id, e.id)
        now = _now()
        self.conn.execute(insert(E), dict(id=eid, type=e.type, name=e.name, names={}, kind=e.kind, iso=None,
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
            self.conn.execute(insert(L), dict(kb_entity=eid, a=via, b=pk, kind="auto", score=round(match.score, 3),
                                               reasons=match.reasons, audit_id=None, created=_now()))
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
                                       reasons=reasons, audit_id=audit_id, created=_now()))
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

    # -- events --------------------------------------------------------------------------------------
    def _link_events(self, record: Record, ctx: resolve.Context) -> int:
        doc = record.document
        by_id = {ev.id: ev for ev in record.events}
        children: dict[str, list] = defaultdict(list)
        for ev in record.events:
            if ev.parent in by_id:
                children[ev.parent].append(ev)

        def depth(ev, seen=()) -> int:
            return 0 if ev.parent not in by_id or ev.id in seen else 1 + depth(by_id[ev.parent], (*seen, ev.id))

        def attendees(ev, seen=()) -> list[tuple[str, str, bool]]:
            out = [(p.entity, p.role, False) for p in ev.participants]
            for ch in children.get(ev.id, []):
                if ch.id not in seen:
                    out += [(x, r, True) for x, r, _ in attendees(ch, (*seen, ev.id))]
            return out

        kb_of_event: dict[str, str] = {}
        for ev in sorted(record.events, key=lambda x: (depth(x), x.id)):
            parts = []
            seen_parts = set()
            for ent_id, role, inherited in attendees(ev):
                kb = ctx.kb_of.get(ent_id)
                if kb and (kb, inherited) not in seen_parts and (kb, False) not in seen_parts:
                    seen_parts.add((kb, inherited))
                    parts.append((ent_id, kb, role, inherited))
            ordinal = ev.ordinal
            key = ev.series
            if ev.name:
                parsed, _ = series_mod.parse_name(ev.name)
                ordinal = ordinal if ordinal is not None else parsed
                if key is None and ordinal is not None:
                    key = series_mod.series_key(ev.name) or None
            location = ctx.kb_of.get(ev.location) if ev.location else None
            view = ev_mod.EventView(type=ev.type, starts=[(ev.start, ev.end)], locations={location} if location else set(),
                                    ordinals={ordinal} if ordinal is not None else set(),
                                    keys={key} if key else set(), sub_event=ev.parent in by_id,
                                    names={ev.name} if ev.name else set())
            for _, kb, _, _ in parts:
                t = self.cache.get(kb, {}).get("type")
                if t == "PER":
                    view.persons.add(kb)
                elif t == "ORG":
                    view.organizations.add(kb)
            series_ids = set()
            if key:
                sid = self.conn.execute(select(SK.c.series_id).where(SK.c.key == key)).scalar()
                if sid:
                    series_ids.add(sid)
            view.series = series_ids
            parent_kb = kb_of_event.get(ev.parent) if ev.parent else None
            kid, match = self._match_event(doc.id, ev, view, series_ids, doc.published, parent_kb)
            if kid is not None and kid == parent_kb:  # the event it is part of, told again: no parent of itself
                parent_kb = None
            if kid is None:
                kid = _hash_id("e", doc.id, ev.id)
                n = 1
                while self.conn.execute(select(EV.c.pk).where(EV.c.id == kid)).first():
                    n += 1
                    kid = f"{_hash_id('e', doc.id, ev.id)}-{n}"
                self.conn.execute(insert(EV), dict(
                    id=kid, type=ev.type, status=ev.status, name=ev.name, start=ev.start, end=ev.end,
                    date_from=None, date_to=None, location=location, ordinal=ordinal, series_id=None,
                    parent=parent_kb, plover_code=None, plover_mode=None, conflict=False, sources=0, updated=_now()))
                evidence = {"rule": "new", "score": None, "reasons": []}
            else:
                evidence = {"rule": "auto", **match.to_dict()}
                if parent_kb:
                    self.conn.execute(update(EV).where(EV.c.id == kid, EV.c.parent.is_(None)).values(parent=parent_kb))
            kb_of_event[ev.id] = kid
            source = dict(
                kb_event=kid, document_id=doc.id, event_id=ev.id, type=ev.type, status=ev.status, start=ev.start,
                end=ev.end, location=location, location_entity=ev.location, parent_event=ev.parent, name=ev.name,
                ordinal=ordinal, series_key=key, published=doc.published,
                plover_code=ev.plover.code if ev.plover else None, plover_mode=ev.plover.mode if ev.plover else None,
                evidence_text=ev.evidence.text if ev.evidence else None, evidence=evidence)
            self.conn.execute(insert(ES), source)
            if parts:
                self.conn.execute(insert(EP), [{"kb_event": kid, "kb_entity": kb, "document_id": doc.id,
                                                "entity_id": ent_id, "role": role, "inherited": inherited}
                                               for ent_id, kb, role, inherited in parts])
            if match is None:  # a new event: its one source is all there is to summarize
                self._summarize(kid, [{**source, "source": doc.source, "url": doc.url}], fresh=True)
            else:
                self.refresh_event(kid)
        return len(record.events)

    def _match_event(self, doc_id: str, ev, view: ev_mod.EventView, series_ids: set[str],
                     published: str | None = None, parent_kb: str | None = None):
        cands: set[str] = set()
        types = sorted(ev_mod.compatible_types(ev.type))
        span = ev_mod.bounds(ev.start, ev.end)
        if span and ev_mod.precision(ev.start) in ("day", "month"):
            lo, hi = ev_mod.shift(span[0], -ev_mod.SLACK_DAYS), ev_mod.shift(span[1], ev_mod.SLACK_DAYS)
            # an event dated to the month at most spans 31 days: bounding date_from from below keeps
            # the index range scan short however many events the knowledge base holds
            floor = ev_mod.shift(lo, -ev_mod.MAX_SPAN_DAYS)
            stmt = (select(EV.c.id).where(EV.c.type.in_(types),
                                          EV.c.date_from >= floor, EV.c.date_from <= hi, EV.c.date_to >= lo)
                    .limit(300))
            cands |= {r.id for r in self.conn.execute(stmt)}
            if view.locations:  # undated reports of the same place, published just after this date
                stmt = (select(ES.c.kb_event).join(EV, EV.c.id == ES.c.kb_event)
                        .where(EV.c.type.in_(types), EV.c.date_from.is_(None),
                               EV.c.location.in_(sorted(view.locations)),
                               ES.c.published >= span[0], ES.c.published <= ev_mod.shift(span[1], ev_mod.OPEN_DAYS))
                        .limit(300))
                cands |= {r.kb_event for r in self.conn.execute(stmt)}
        elif not ev.start and published and view.locations and len(published) == 10:
            # a report that gives no date: the events of its place in the days before its publication
            lo = ev_mod.shift(published, -ev_mod.OPEN_DAYS)
            stmt = (select(EV.c.id).where(EV.c.type.in_(types), EV.c.location.in_(sorted(view.locations)),
                                          EV.c.date_from >= ev_mod.shift(lo, -ev_mod.MAX_SPAN_DAYS),
                                          EV.c.date_from <= published, EV.c.date_to >= lo)
                    .limit(300))
            cands |= {r.id for r in self.conn.execute(stmt)}
        if series_ids and view.ordinals:
            stmt = select(EV.c.id).where(EV.c.series_id.in_(sorted(series_ids)), EV.c.ordinal.in_(sorted(view.ordinals)))
            cands |= {r.id for r in self.conn.execute(stmt)}
        if not cands:
            return None, None
        mine = {r.kb_event for r in self.conn.execute(select(ES.c.kb_event).where(ES.c.document_id == doc_id))}
        if not cands:
            return None, None
        views: dict[str, ev_mod.EventView] = {}
        rows = self.conn.execute(select(EV.c.id, EV.c.type, EV.c.series_id, EV.c.parent)
                                 .where(EV.c.id.in_(sorted(cands)))).all()
        for r in rows:
            views[r.id] = ev_mod.EventView(type=r.type, series={r.series_id} if r.series_id else set(),
                                           sub_event=r.parent is not None)
        for r in self.conn.execute(select(ES.c.kb_event, ES.c.start, ES.c.end, ES.c.location, ES.c.ordinal,
                                          ES.c.series_key, ES.c.name).where(ES.c.kb_event.in_(sorted(cands)))):
            v = views[r.kb_event]
            v.starts.append((r.start, r.end))
            if r.name:
                v.names.add(r.name)
            if r.series_key:
                v.keys.add(r.series_key)
            if r.location:
                v.locations.add(r.location)
            if r.ordinal is not None:
                v.ordinals.add(r.ordinal)
        part_rows = self.conn.execute(select(EP.c.kb_event, EP.c.kb_entity).where(EP.c.kb_event.in_(sorted(cands)))).all()
        self.load_entities({r.kb_entity for r in part_rows} | {x for v in views.values() for x in v.locations}
                           | view.locations)
        for r in part_rows:
            t = self.cache.get(r.kb_entity, {}).get("type")
            if t == "PER":
                views[r.kb_event].persons.add(r.kb_entity)
            elif t == "ORG":
                views[r.kb_event].organizations.add(r.kb_entity)
        places = {x: self.cache[x]["profile"] or {} for v in [*views.values(), view] for x in v.locations
                  if x in self.cache}
        # an event its own document reported already: only when told again less precisely
        again = sorted(kid for kid in cands & mine if ev_mod.told_again(view, views[kid], kid == parent_kb))
        if len(again) == 1:
            return again[0], resolve.Match(1.0, reasons=["the same event told again in its document, "
                                                         "less precisely"])
        scored = [(ev_mod.score_event(view, v, places), kid) for kid, v in views.items() if kid not in mine]
        ok = sorted([(m, k) for m, k in scored if m.ok], key=lambda mk: (-mk[0].score, mk[1]))
        return (ok[0][1], ok[0][0]) if ok else (None, None)

    def refresh_event(self, kid: str) -> None:
        """Recompute a kb event's main facts, conflicts and series from its sources."""
        c = self.conn
        rows = c.execute(select(ES, D.c.source, D.c.url).select_from(ES.outerjoin(D, D.c.id == ES.c.document_id))
                         .where(ES.c.kb_event == kid)).mappings().all()
        if not rows:
            c.execute(delete(EV).where(EV.c.id == kid))
            c.execute(delete(EC).where(EC.c.kb_event == kid))
            c.execute(delete(EP).where(EP.c.kb_event == kid))
            c.execute(update(EV).where(EV.c.parent == kid).values(parent=None))
            return
        self._summarize(kid, [dict(r) for r in rows])

    def _summarize(self, kid: str, sources: list[dict], fresh: bool = False) -> None:
        c = self.conn
        self.load_entities({s["location"] for s in sources if s["location"]})
        places = {s["location"]: (self.cache.get(s["location"]) or {}).get("profile") or {}
                  for s in sources if s["location"]}
        main, conflicts = ev_mod.summarize(sources, places)
        if not fresh:
            c.execute(delete(EC).where(EC.c.kb_event == kid))
        if conflicts:
            c.execute(insert(EC), [{"kb_event": kid, "field": x["field"], "observed": x["observed"]} for x in conflicts])
        c.execute(update(EV).where(EV.c.id == kid).values(**main, conflict=bool(conflicts), sources=len(sources),
                                                          updated=_now()))
        self._place_series(kid, sources, main)

    # -- series --------------------------------------------------------------------------------------
    def _place_series(self, kid: str, sources: list[dict], main: dict) -> None:
        keyed = [s for s in sources if s.get("series_key") and s.get("ordinal") is not None]
        if not keyed:
            return
        c = self.conn
        sids: list[str] = []
        for s in {x["series_key"]: x for x in keyed}.values():
            key = s["series_key"]
            sid = c.execute(select(SK.c.series_id).where(SK.c.key == key)).scalar()
            if sid is None:
                sid = self._similar_series(key, s["ordinal"], main.get("start"), kid)
                if sid is None:
                    sid = _hash_id("s", key)
                    while c.execute(select(S.c.pk).where(S.c.id == sid)).first():
                        sid = _hash_id("s", sid)
                    c.execute(insert(S), dict(id=sid, name=series_mod.series_name(s.get("name") or key),
                                               evidence=[{"key": key, "rule": "new"}], updated=_now()))
                    self._add_series_key(sid, key)
            sids.append(sid)
        main_sid = sids[0]
        for other in dict.fromkeys(sids[1:]):
            if other != main_sid:
                self._merge_series(main_sid, other, f"event {kid} is reported under the names of both")
        c.execute(update(EV).where(EV.c.id == kid).values(series_id=main_sid))

    def _add_series_key(self, sid: str, key: str, evidence: dict | None = None) -> None:
        stems = series_mod.stems(key)
        self._insert_ignore(SK, [{"key": key, "series_id": sid, "tokens": stems}], ["key"])
        self._insert_ignore(ST, [{"token": t[:64], "series_id": sid} for t in stems], ["token", "series_id"])
        if evidence:
            row = self.conn.execute(select(S.c.evidence).where(S.c.id == sid)).first()
            self.conn.execute(update(S).where(S.c.id == sid).values(evidence=[*(row.evidence or []), evidence]))

    def _similar_series(self, key: str, ordinal: int, start: str | None, kid: str) -> str | None:
        stems = series_mod.stems(key)
        if not stems:
            return None
        c = self.conn
        need = min(series_mod.MIN_SHARED_ROOTS, len(stems))  # fewer shared roots cannot reach a match
        cands = [r.series_id for r in c.execute(
            select(ST.c.series_id, func.count().label("n")).where(ST.c.token.in_(stems[:_CHUNK]))
            .group_by(ST.c.series_id).having(func.count() >= need)
            .order_by(func.count().desc(), ST.c.series_id).limit(20))]
        best = None
        short: list[tuple[str, str, str]] = []  # series whose name this key is a short form of
        for sid in cands:
            keys = [r.key for r in c.execute(select(SK.c.key).where(SK.c.series_id == sid))]
            matched = None
            for k in keys:
                ok, how = series_mod.keys_match(key, k)
                if ok:
                    matched = (k, how)
                    break
            points = [(r.ordinal, r.start) for r in c.execute(
                select(EV.c.ordinal, EV.c.start).where(EV.c.series_id == sid, EV.c.id != kid))]
            consistent, order = series_mod.consistent([*points, (ordinal, start)])
            if not consistent:
                continue
            if matched is None:
                shorter = next((k for k in keys if series_mod.shorter_form(key, k)), None)
                if shorter is not None:
                    short.append((sid, shorter, order))
                continue
            best = sid
            self._add_series_key(sid, key, {"key": key, "rule": "similar name", "matched": matched[0],
                                            "how": matched[1], "order": order})
            break
        if best is None:
            # "14-е заседание Совета" after "13-е заседание Совета по цифровой трансформации": a short name
            # of one series only, whose meetings share a participant, the place or a release with this one
            short = [x for x in short if self._series_shares_people_or_place(x[0], kid)]
            if len(short) == 1:
                best, matched_key, order = short[0]
                self._add_series_key(best, key, {"key": key, "rule": "short name", "matched": matched_key,
                                                 "how": "its words are words of the series' name, and its "
                                                        "meetings share a participant, a place or a release", "order": order})
        return best

    def _series_shares_people_or_place(self, sid: str, kid: str) -> bool:
        c = self.conn
        mine = {r.kb_entity for r in c.execute(select(EP.c.kb_entity).where(EP.c.kb_event == kid))}
        place = c.execute(select(EV.c.location).where(EV.c.id == kid)).scalar()
        events = select(EV.c.id).where(EV.c.series_id == sid, EV.c.id != kid)
        theirs = {r.kb_entity for r in c.execute(select(EP.c.kb_entity).where(EP.c.kb_event.in_(events)))}
        places = {r.location for r in c.execute(select(EV.c.location).where(EV.c.id.in_(events)))}
        if mine & theirs or (place is not None and place in places):
            return True
        # or a release that reports one of its meetings names this one too ("the next, 5th meeting of the
        # working group" after the 4th meeting of the Russian-Tajik working group)
        docs = select(ES.c.document_id).where(ES.c.kb_event == kid)
        return c.execute(select(ES.c.pk).where(ES.c.kb_event.in_(events), ES.c.document_id.in_(docs))
                         .limit(1)).first() is not None

    def _merge_series(self, keep: str, gone: str, why: str) -> None:
        c = self.conn
        c.execute(update(EV).where(EV.c.series_id == gone).values(series_id=keep))
        c.execute(update(SK).where(SK.c.series_id == gone).values(series_id=keep))
        tokens = [r.token for r in c.execute(select(ST.c.token).where(ST.c.series_id == gone))]
        c.execute(delete(ST).where(ST.c.series_id == gone))
        self._insert_ignore(ST, [{"token": t, "series_id": keep} for t in tokens], ["token", "series_id"])
        ev_keep = c.execute(select(S.c.evidence).where(S.c.id == keep)).scalar() or []
        ev_gone = c.execute(select(S.c.evidence).where(S.c.id == gone)).scalar() or []
        c.execute(update(S).where(S.c.id == keep).values(
            evidence=[*ev_keep, *ev_gone, {"rule": "shared event", "merged": gone, "how": why}], updated=_now()))
        c.execute(delete(S).where(S.c.id == gone))

    # -- flushing ------------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write back every kb entity changed: profile, member count, names per language, ISO."""
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
            self.conn.execute(update(E).where(E.c.id == eid).values(
                profile=prof, members=ent["members"], names=by_lang, name=display, iso=iso, gazetteer_id=gz,
                updated=_now()))
            ent.update(names=by_lang, name=display, iso=iso, gazetteer_id=gz)
        self.dirty.clear()

    # -- the audit log -------------------------------------------------------------------------------
    def record_audit(self, action: str, who: str, why: str, payload: dict) -> dict:
        pk = self.conn.execute(insert(A).returning(A.c.pk), [{"at": _now(), "action": action, "who": who,
                                                              "why": why, "payload": payload}]).scalar_one()
        docs = set()
        for part in ("a", "b"):
            docs |= {d for d, _ in (payload.get(part) or {}).get("members", [])}
        for part in ("move", "keep"):
            docs |= {d for d, _ in payload.get(part) or []}
        self._insert_ignore(AD, [{"audit_id": pk, "document_id": d} for d in sorted(docs)], ["audit_id", "document_id"])
        return {"pk": pk, "action": action, "who": who, "why": why, "payload": payload}

    def audits_of(self, doc_id: str) -> list[dict]:
        rows = self.conn.execute(select(A).join(AD, AD.c.audit_id == A.c.pk).where(AD.c.document_id == doc_id)
                                 .order_by(A.c.pk)).mappings().all()
        return [dict(r) for r in rows]

    def member_refs(self, eid: str) -> list[list[str]]:
        return [[m["document_id"], resolve.surface_key(m["name"])] for m in self.members_of(eid)]

    def members_of(self, eid: str) -> list[dict]:
        return [dict(r) for r in self.conn.execute(select(M).where(M.c.kb_entity == eid).order_by(M.c.pk)).mappings()]

    def _members_by_refs(self, refs: list[list[str]]) -> list[dict]:
        """Members matching (document id, name key) references: by name or by any alias."""
        want: dict[str, set[str]] = defaultdict(set)
        for doc_id, key in refs:
            want[doc_id].add(key)
        out = []
        for chunk in _chunks(sorted(want)):
            for r in self.conn.execute(select(M).where(M.c.document_id.in_(chunk))).mappings():
                if _carries(dict(r), want[r["document_id"]]):
                    out.append(dict(r))
        return out

    def entity_of_refs(self, refs: list[list[str]]) -> str | None:
        counts = Counter(m["kb_entity"] for m in self._members_by_refs(refs))
        return counts.most_common(1)[0][0] if counts else None

    def replay(self, audit: dict) -> None:
        payload = audit["payload"] or {}
        reason = f"manual {audit['action']} by {audit['who']}: {audit['why']} (audit #{audit['pk']})"
        if audit["action"] == "merge":
            ma = self._members_by_refs(payload["a"]["members"])
            mb = self._members_by_refs(payload["b"]["members"])
            if not ma or not mb:
                return
            ids = list(dict.fromkeys([m["kb_entity"] for m in ma] + [m["kb_entity"] for m in mb]))
            self.load_entities(ids)
            types = {self.cache[i]["type"] for i in ids if i in self.cache}
            if len(types) != 1:
                return
            keep = Counter(m["kb_entity"] for m in ma).most_common(1)[0][0]
            for other in ids:
                if other == keep or other not in self.cache:
                    continue
                self.conn.execute(delete(CL).where(or_(and_(CL.c.a == keep, CL.c.b == other),
                                                       and_(CL.c.a == other, CL.c.b == keep))))
                a_pk = next(m["pk"] for m in ma + mb if m["kb_entity"] == keep)
                b_pk = next(m["pk"] for m in ma + mb if m["kb_entity"] == other)
                keep = self.merge_entities(keep, other, "manual", 1.0, [reason], a_pk, b_pk, audit["pk"])
        elif audit["action"] == "split":
            moved_refs = self._members_by_refs(payload["move"])
            kept_refs = self._members_by_refs(payload["keep"])
            if not kept_refs:
                return
            home = Counter(m["kb_entity"] for m in kept_refs).most_common(1)[0][0]
            alias_keys = {resolve.surface_key(a) for a in payload.get("aliases") or []}
            kept_pks = {m["pk"] for m in kept_refs}
            move = [m for m in self.members_of(home) if m["pk"] not in kept_pks
                    and (_carries(m, alias_keys) or m["pk"] in {x["pk"] for x in moved_refs})]
            target = next((m["kb_entity"] for m in moved_refs if m["kb_entity"] != home), None)
            if not move:
                if target:
                    self._cannot(home, target, audit["pk"])
                return
            if target is None:
                first = move[0]
                target = self._new_id(_PREFIX[first["type"]], first["document_id"], first["entity_id"], "split")
                self.conn.execute(insert(E), dict(id=target, type=first["type"], name=first["name"], names={},
                                                   kind=self.entity(home).get("kind"), iso=None, gazetteer_id=None,
                                                   profile={}, members=0, updated=_now()))
                self.cache[target] = {"id": target, "type": first["type"], "name": first["name"], "names": {},
                                      "kind": self.entity(home).get("kind"), "iso": None, "gazetteer_id": None,
                                      "profile": {}, "members": 0}
            pks = [m["pk"] for m in move]
            for chunk in _chunks(pks):
                self.conn.execute(update(M).where(M.c.pk.in_(chunk)).values(kb_entity=target))
                self.conn.execute(delete(L).where(L.c.kb_entity == home, or_(L.c.a.in_(chunk), L.c.b.in_(chunk))))
            for m in move:
                self.conn.execute(update(EP).where(EP.c.document_id == m["document_id"], EP.c.entity_id == m["entity_id"])
                                  .values(kb_entity=target))
                self.conn.execute(update(ES).where(ES.c.document_id == m["document_id"],
                                                   ES.c.location_entity == m["entity_id"]).values(location=target))
                ev = m.get("evidence") or {}
                self.conn.execute(update(M).where(M.c.pk == m["pk"]).values(
                    evidence={**ev, "rule": "manual split", "reasons": [reason]}))
            self.recompute(home)
            self.recompute(target)
            self._cannot(home, target, audit["pk"])
            for kid in {r.kb_event for r in self.conn.execute(select(ES.c.kb_event).where(ES.c.location == target))}:
                self.refresh_event(kid)

    def _cannot(self, a: str, b: str, audit_id: int) -> None:
        self._insert_ignore(CL, [{"a": a, "b": b, "audit_id": audit_id}], ["a", "b"])

    # -- queries -------------------------------------------------------------------------------------
    def find(self, name: str, type: str | None = None, limit: int = 10) -> list[dict]:
        name = (name or "").strip()
        if not name:
            return []
        row = self.conn.execute(select(E).where(E.c.id == name)).mappings().first()
        if row is not None:
            return [{**_entity_dict(row), "score": 1.0}]
        gz = resolve._gazetteer()
        probes = {}
        if type in (None, "PER"):
            probes["PER"] = resolve.person_profile(name, [], [], resolve.Context())
        if type in (None, "ORG"):
            probes["ORG"] = resolve.organization_profile(name, [], None, resolve.Context())
        if type in (None, "LOC"):
            kind = "country" if gz.country(name) else "city"
            probes["LOC"] = resolve.place_profile(name, [], kind, None, None)
        exact_key = f"n:{resolve.surface_key(name)}"
        keys = [exact_key] + [k for p in probes.values() for k in resolve.query_keys(p)]
        found = self.candidates(keys)
        exact = found.get(exact_key, set())
        ids = {kb for ids in found.values() for kb in ids}
        self.load_entities(ids)
        scored = []
        for kb in ids:
            ent = self.cache.get(kb)
            if ent is None or (type and ent["type"] != type):
                continue
            probe = probes.get(ent["type"])
            m = resolve.score(probe, ent["profile"] or {}) if probe else resolve.Match(0.0)
            s = 1.0 if kb in exact else (m.score if not m.conflicts else 0.0)
            if kb in exact or s >= 0.5:
                scored.append((s, ent))
        scored.sort(key=lambda x: (-x[0], -x[1]["members"], x[1]["id"]))
        return [{**_entity_dict(e), "score": round(s, 3)} for s, e in scored[:limit]]

    def find_one(self, name: str, type: str | None = None) -> str:
        hits = self.find(name, type, limit=2)
        if not hits:
            raise KbError(f"no entity is named {name!r}")
        return hits[0]["id"]

    def _mentions_named(self, name: str) -> list[dict]:
        """Members whose own name or alias is `name` (as written, up to case and spacing)."""
        key = resolve.surface_key(name)
        rows = self.conn.execute(select(K.c.kb_entity).where(K.c.key == f"n:{key}")).all()
        out = []
        for eid in {r.kb_entity for r in rows}:
            out += [m for m in self.members_of(eid) if _carries(m, {key})]
        return out

    def _nearest_members(self, name: str) -> list[dict]:
        """The members of the entity a name finds whose own names fit it best."""
        eid = self.find_one(name)
        members = self.members_of(eid)
        probe = {"PER": lambda: resolve.person_profile(name, [], [], resolve.Context()),
                 "ORG": lambda: resolve.organization_profile(name, [], None, resolve.Context()),
                 "LOC": lambda: resolve.place_profile(name, [], None, None, None)}[self.entity(eid)["type"]]()
        scored = [(resolve.score(probe, m["features"] or {}).score, m) for m in members]
        top = max(s for s, _ in scored)
        return [m for s, m in scored if s >= top - 1e-9]

    def why_merged(self, a: str, b: str) -> dict:
        ma, mb = self._mentions_named(a) or self._nearest_members(a), self._mentions_named(b) or self._nearest_members(b)
        common = {m["kb_entity"] for m in ma} & {m["kb_entity"] for m in mb}
        if not common:
            ea, eb = ma[0]["kb_entity"], mb[0]["kb_entity"]
            self.load_entities([ea, eb])
            match = resolve.score(self.cache[ea]["profile"] or {}, self.cache[eb]["profile"] or {})
            apart = self.conn.execute(select(CL.c.audit_id).where(or_(and_(CL.c.a == ea, CL.c.b == eb),
                                                                      and_(CL.c.a == eb, CL.c.b == ea)))).scalar()
            manual = None
            if apart:
                row = self.conn.execute(select(A).where(A.c.pk == apart)).mappings().first()
                manual = {"audit": row["pk"], "action": row["action"], "who": row["who"], "why": row["why"],
                          "at": row["at"]} if row else None
            return {"merged": False, "a": {"name": a, "entity": ea, "entity_name": self.cache[ea]["name"]},
                    "b": {"name": b, "entity": eb, "entity_name": self.cache[eb]["name"]},
                    "score": round(match.score, 3), "reasons": match.reasons, "conflicts": match.conflicts,
                    "kept_apart_by": manual}
        eid = sorted(common)[0]
        members = {m["pk"]: m for m in self.members_of(eid)}
        links = self.conn.execute(select(L).where(L.c.kb_entity == eid).order_by(L.c.pk)).mappings().all()
        graph: dict[int, list] = defaultdict(list)
        for link in links:
            graph[link["a"]].append((link["b"], link))
            graph[link["b"]].append((link["a"], link))
        starts = [m["pk"] for m in ma if m["kb_entity"] == eid]
        goals = {m["pk"] for m in mb if m["kb_entity"] == eid}
        path = _bfs(graph, starts, goals)
        audits = {}
        steps = []
        if path is not None:
            for x, y, link in path:
                step = {"from": _mention(members.get(x)), "to": _mention(members.get(y)), "rule": link["kind"],
                        "score": link["score"], "reasons": link["reasons"] or []}
                if link["audit_id"]:
                    if link["audit_id"] not in audits:
                        row = self.conn.execute(select(A).where(A.c.pk == link["audit_id"])).mappings().first()
                        audits[link["audit_id"]] = {"audit": row["pk"], "who": row["who"], "why": row["why"],
                                                    "at": row["at"]} if row else None
                    step["audit"] = audits[link["audit_id"]]
                steps.append(step)
        x = next(m for m in ma if m["kb_entity"] == eid)
        y = next(m for m in mb if m["kb_entity"] == eid)
        if path:
            x, y = members.get(path[0][0], x), members.get(path[-1][1], y)
        elif path is not None:  # one mention carries both names
            x = y = next((m for m in ma if m["pk"] in goals), x)
        direct = resolve.score(x["features"] or {}, y["features"] or {})
        self.load_entities([eid])
        return {"merged": True, "entity": eid, "entity_name": self.cache[eid]["name"], "a": _mention(x),
                "b": _mention(y), "path": steps, "complete": path is not None,
                "direct": {"score": round(direct.score, 3), "reasons": direct.reasons, "conflicts": direct.conflicts}}

    def _entity_brief(self, ids: Iterable[str]) -> dict[str, dict]:
        self.load_entities(ids)
        return {i: {"id": i, "name": self.cache[i]["name"], "type": self.cache[i]["type"], "iso": self.cache[i]["iso"]}
                for i in ids if i in self.cache}

    def profile(self, name: str) -> dict:
        eid = self.find_one(name)
        self.entity(eid)
        members = self.members_of(eid)
        docs = sorted({m["document_id"] for m in members})
        role_list = self.roles(eid)
        events = self.timeline(entity_ids=[eid])
        co = Counter()
        for e in events:
            for p in e["participants"]:
                if p["id"] != eid:
                    co[p["id"]] += 1
        co_brief = {i: b for i, b in self._entity_brief(co).items() if b["type"] != "LOC"}
        sources = [dict(r) for r in self.conn.execute(
            select(D.c.id, D.c.url, D.c.title, D.c.published, D.c.source, D.c.language)
            .where(D.c.id.in_(docs)).order_by(D.c.published, D.c.id)).mappings()] if docs else []
        return {**_entity_dict(self.conn.execute(select(E).where(E.c.id == eid)).mappings().first()),
                "roles": role_list, "events": events,
                "co_participants": [{**co_brief[i], "events": n} for i, n in co.most_common() if i in co_brief],
                "sources": sources,
                "mentions": [{"document_id": m["document_id"], "entity_id": m["entity_id"], "name": m["name"],
                              "evidence": m["evidence"]} for m in members]}

    def roles(self, eid: str) -> list[dict]:
        """Every title of every member of a kb entity, each with the period it is attested in (the
        first and last publication dates of the documents that state it), in order."""
        roles = self.conn.execute(
            select(RoleRow.__table__.c.title, RoleRow.__table__.c.organization, RoleRow.__table__.c.country,
                   RoleRow.__table__.c.document_id, D.c.published)
            .select_from(RoleRow.__table__.join(M, and_(M.c.document_id == RoleRow.__table__.c.document_id,
                                                        M.c.entity_id == RoleRow.__table__.c.entity_id))
                         .join(D, D.c.id == RoleRow.__table__.c.document_id))
            .where(M.c.kb_entity == eid)).all()
        org_kb = {}
        if roles:
            pairs = {(r.document_id, r.organization) for r in roles if r.organization}
            for doc_id, org in pairs:
                kb = self.conn.execute(select(M.c.kb_entity).where(M.c.document_id == doc_id, M.c.entity_id == org)).scalar()
                if kb:
                    org_kb[(doc_id, org)] = kb
        grouped: dict[str, dict] = {}
        for r in roles:
            key = resolve.name_key(r.title)
            g = grouped.setdefault(key, {"title": r.title, "organization": None, "country": r.country,
                                         "from": None, "to": None, "documents": []})
            kb = org_kb.get((r.document_id, r.organization))
            if kb and g["organization"] is None:
                g["organization"] = kb
            if r.published:
                g["from"] = min(filter(None, [g["from"], r.published]))
                g["to"] = max(filter(None, [g["to"], r.published]))
            if r.document_id not in g["documents"]:
                g["documents"].append(r.document_id)
        briefs = self._entity_brief({g["organization"] for g in grouped.values() if g["organization"]})
        role_list = sorted(grouped.values(), key=lambda g: (g["from"] or "9999", g["title"]))
        for g in role_list:
            g["organization"] = briefs.get(g["organization"]) if g["organization"] else None
        return role_list

    def _resolve_ids(self, value: str | None, type: str | None) -> list[str] | None:
        if not value:
            return None
        hits = self.find(value, type, limit=20)
        if not hits:
            return []
        top = hits[0]["score"]
        return [h["id"] for h in hits if h["score"] >= top - 1e-9]

    def timeline(self, person=None, organization=None, country=None, series=None, event_type=None, topic=None,
                 period=None, limit=None, entity_ids: list[str] | None = None) -> list[dict]:
        stmt = select(EV)
        conds = []
        for ids in (entity_ids, self._resolve_ids(person, "PER"), self._resolve_ids(organization, "ORG")):
            if ids is None:
                continue
            conds.append(EV.c.id.in_(select(EP.c.kb_event).where(EP.c.kb_entity.in_(ids or ["-"]))))
        if country:
            iso = country.upper() if len(country) == 2 and country.isalpha() else None
            if iso is None:
                entry = resolve._gazetteer().country(country)
                iso = entry["iso2"] if entry else "-"
            located = select(E.c.id).where(E.c.iso == iso)
            conds.append(or_(EV.c.location.in_(located),
                             EV.c.id.in_(select(EP.c.kb_event).where(EP.c.kb_entity.in_(located)))))
        if series:
            sids = self._series_ids(series)
            conds.append(EV.c.series_id.in_(sids or ["-"]))
        if event_type:
            types = [event_type] if isinstance(event_type, str) else list(event_type)
            conds.append(EV.c.type.in_([t.upper() for t in types]))
        if topic:
            topics = [topic] if isinstance(topic, str) else list(topic)
            T = TopicRow.__table__
            docs = select(T.c.document_id).where(or_(T.c.topic_id.in_(topics), T.c.label.in_(topics)))
            conds.append(EV.c.id.in_(select(ES.c.kb_event).where(ES.c.document_id.in_(docs))))
        if period:
            lo, hi = period_bounds(period)
            conds.append(and_(EV.c.date_from <= hi, EV.c.date_to >= lo))
        stmt = stmt.where(*conds).order_by(EV.c.date_from.is_(None), EV.c.date_from, EV.c.date_to, EV.c.id)
        if limit:
            stmt = stmt.limit(limit)
        rows = [dict(r) for r in self.conn.execute(stmt).mappings()]
        return self._describe_events(rows)

    def _describe_events(self, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        parts: dict[str, list] = defaultdict(list)
        srcs: dict[str, list] = defaultdict(list)
        confl: dict[str, list] = defaultdict(list)
        for chunk in _chunks(ids):
            for r in self.conn.execute(select(EP.c.kb_event, EP.c.kb_entity, EP.c.role, EP.c.inherited)
                                       .where(EP.c.kb_event.in_(chunk)).order_by(EP.c.pk)):
                parts[r.kb_event].append(r)
            for r in self.conn.execute(select(ES, D.c.source, D.c.url, D.c.title, D.c.language)
                                       .select_from(ES.outerjoin(D, D.c.id == ES.c.document_id))
                                       .where(ES.c.kb_event.in_(chunk)).order_by(ES.c.published, ES.c.pk)).mappings():
                srcs[r["kb_event"]].append(dict(r))
            for r in self.conn.execute(select(EC).where(EC.c.kb_event.in_(chunk)).order_by(EC.c.pk)).mappings():
                confl[r["kb_event"]].append(dict(r))
        ent_ids = {p.kb_entity for ps in parts.values() for p in ps} | {r["location"] for r in rows if r["location"]}
        briefs = self._entity_brief(ent_ids)
        series_ids = {r["series_id"] for r in rows if r["series_id"]}
        series_names = {}
        if series_ids:
            series_names = {r.id: r.name for r in self.conn.execute(select(S.c.id, S.c.name).where(S.c.id.in_(sorted(series_ids))))}
        out = []
        for r in rows:
            people: dict[str, dict] = {}
            for p in parts[r["id"]]:
                if p.kb_entity in briefs and (p.kb_entity not in people or people[p.kb_entity].get("inherited")):
                    people[p.kb_entity] = {**briefs[p.kb_entity], "role": p.role, "inherited": bool(p.inherited)}
            out.append({
                "id": r["id"], "type": r["type"], "status": r["status"], "name": r["name"], "start": r["start"],
                "end": r["end"], "location": briefs.get(r["location"]) if r["location"] else None,
                "ordinal": r["ordinal"],
                "series": {"id": r["series_id"], "name": series_names.get(r["series_id"])} if r["series_id"] else None,
                "parent": r["parent"], "plover": {"code": r["plover_code"], "mode": r["plover_mode"]},
                "participants": list(people.values()), "conflict": bool(r["conflict"]),
                "conflicts": [{"field": c["field"], "observed": c["observed"]} for c in confl[r["id"]]],
                "sources": [{"document_id": s["document_id"], "event_id": s["event_id"], "source": s["source"],
                             "url": s["url"], "title": s["title"], "language": s["language"],
                             "published": s["published"], "start": s["start"], "end": s["end"],
                             "location": s["location"], "name": s["name"], "evidence": s["evidence_text"],
                             "match": s["evidence"]} for s in srcs[r["id"]]],
            })
        return out

    def _series_ids(self, name: str) -> list[str]:
        if self.conn.execute(select(S.c.pk).where(S.c.id == name)).first():
            return [name]
        key = series_mod.series_key(name)
        ids = {r.series_id for r in self.conn.execute(select(SK.c.series_id).where(SK.c.key.in_([name, key])))}
        if ids:
            return sorted(ids)
        low = name.casefold()
        ids = {r.id for r in self.conn.execute(select(S.c.id, S.c.name)) if low in (r.name or "").casefold()}
        if ids:
            return sorted(ids)
        for r in self.conn.execute(select(SK.c.series_id, SK.c.key)):
            if series_mod.keys_match(key, r.key)[0] or series_mod.query_matches(key, r.key):
                ids.add(r.series_id)
        return sorted(ids)

    def series(self, name: str | None = None):
        if name:
            sids = self._series_ids(name)
            if not sids:
                raise KbError(f"no series is named {name!r}")
            return self._series_dict(sids[0])
        ids = [r.id for r in self.conn.execute(select(S.c.id).order_by(S.c.pk))]
        return [self._series_dict(i) for i in ids]

    def _series_dict(self, sid: str) -> dict:
        row = self.conn.execute(select(S).where(S.c.id == sid)).mappings().first()
        keys = [r.key for r in self.conn.execute(select(SK.c.key).where(SK.c.series_id == sid).order_by(SK.c.pk))]
        rows = [dict(r) for r in self.conn.execute(select(EV).where(EV.c.series_id == sid)).mappings()]
        rows.sort(key=lambda r: (r["ordinal"] if r["ordinal"] is not None else 10 ** 6, r["date_from"] or "9999"))
        events = self._describe_events(rows)
        points = [(e["ordinal"], e["start"]) for e in events]
        consistent, order = series_mod.consistent(points)
        return {"id": sid, "name": row["name"], "keys": keys, "evidence": row["evidence"] or [],
                "events": events, "consistent": consistent, "order": order,
                "first": events[0]["start"] if events else None, "last": max((e["start"] or "" for e in events),
                                                                             default=None) or None}

    def graph(self, types: set[str], min_weight: int = 1) -> dict:
        rows = self.conn.execute(select(EP.c.kb_event, EP.c.kb_entity, E.c.type)
                                 .join(E, E.c.id == EP.c.kb_entity)).all()
        by_event: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            if r.type in types:
                by_event[r.kb_event].add(r.kb_entity)
        weights: Counter = Counter()
        edge_events: dict[tuple[str, str], list[str]] = defaultdict(list)
        node_events: Counter = Counter()
        for kid, ents in by_event.items():
            for x in ents:
                node_events[x] += 1
            ordered = sorted(ents)
            for i, x in enumerate(ordered):
                for y in ordered[i + 1:]:
                    weights[(x, y)] += 1
                    edge_events[(x, y)].append(kid)
        edges = [{"source": x, "target": y, "weight": w, "events": sorted(edge_events[(x, y)])}
                 for (x, y), w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])) if w >= min_weight]
        used = {e["source"] for e in edges} | {e["target"] for e in edges}
        briefs = self._entity_brief(used)
        nodes = [{**briefs[i], "events": node_events[i]} for i in sorted(used) if i in briefs]
        return {"nodes": nodes, "edges": edges}


def _mention(m: dict | None) -> dict | None:
    if m is None:
        return None
    return {"member": m["pk"], "document_id": m["document_id"], "entity_id": m["entity_id"], "name": m["name"]}


def _bfs(graph: dict[int, list], starts: list[int], goals: set[int]):
    from collections import deque

    prev: dict[int, tuple[int, Any] | None] = {s: None for s in starts}
    queue = deque(starts)
    while queue:
        x = queue.popleft()
        if x in goals:
            path = []
            while prev[x] is not None:
                p, link = prev[x]
                path.append((p, x, link))
                x = p
            return list(reversed(path))
        for y, link in graph.get(x, []):
            if y not in prev:
                prev[y] = (x, link)
                queue.append(y)
    return None
