"""What the knowledge base answers: entities by name, why two were merged, profiles and roles, the
timeline, the series and the graph. A mixin of the linker (`kb._Linker`), which gives it a connection
(`self.conn`) and its cache of kb entities; the tables' short names and small helpers live here too,
and `kb.py` imports them."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, or_, select

from ..store import period_bounds
from ..store.kb_tables import (
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
from ..store.schema import DocumentRow, RoleRow, TopicRow
from . import resolve
from . import series as series_mod
from .agreements import agreement_groups

E, M, K, L = KbEntityRow.__table__, KbMemberRow.__table__, KbKeyRow.__table__, KbLinkRow.__table__
EV, ES, EP, EC = (KbEventRow.__table__, KbEventSourceRow.__table__, KbEventParticipantRow.__table__,
                  KbConflictRow.__table__)
S, SK, ST = KbSeriesRow.__table__, KbSeriesKeyRow.__table__, KbSeriesTokenRow.__table__
A, AD, CL = KbAuditRow.__table__, KbAuditDocRow.__table__, KbCannotLinkRow.__table__
D = DocumentRow.__table__

CHUNK = 400

class KbError(ValueError):
    """A request the knowledge base cannot carry out (an unknown entity, a split of nothing)."""


class UnknownEntity(KbError):
    """No entity (or series) is named so."""


class KbConflict(KbError):
    """A manual merge or split the knowledge base as it stands refuses (already one, of two types)."""

def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

def hash_id(prefix: str, *parts: str) -> str:
    return prefix + "-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]

def carries(member: dict, keys: set[str]) -> bool:
    names = [member["name"], *(member.get("aliases") or [])]
    return any(resolve.surface_key(n) in keys for n in names)

def entity_dict(row: Any) -> dict:
    return {"id": row["id"], "type": row["type"], "name": row["name"], "names": row["names"] or {},
            "kind": row["kind"], "iso": row["iso"], "gazetteer_id": row["gazetteer_id"],
            "aliases": list((row["profile"] or {}).get("names", {}).keys()), "members": row["members"]}


class KbQueries:
    """The read side of the linker: every method reads through `self.conn`."""

    def find(self, name: str, type: str | None = None, limit: int = 10) -> list[dict]:
        name = (name or "").strip()
        if not name:
            return []
        row = self.conn.execute(select(E).where(E.c.id == name)).mappings().first()
        if row is not None:
            return [{**entity_dict(row), "score": 1.0}]
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
        return [{**entity_dict(e), "score": round(s, 3)} for s, e in scored[:limit]]

    def find_one(self, name: str, type: str | None = None) -> str:
        hits = self.find(name, type, limit=2)
        if not hits:
            raise UnknownEntity(f"no entity is named {name!r}")
        return hits[0]["id"]

    def _mentions_named(self, name: str) -> list[dict]:
        """Members whose own name or alias is `name` (as written, up to case and spacing)."""
        key = resolve.surface_key(name)
        rows = self.conn.execute(select(K.c.kb_entity).where(K.c.key == f"n:{key}")).all()
        out = []
        for eid in {r.kb_entity for r in rows}:
            out += [m for m in self.members_of(eid) if carries(m, {key})]
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

    def named(self, value: str | None, type: str | None) -> list[str] | None:
        """The kb entities a name denotes: every hit as good as the best (None when no name is given)."""
        if not value:
            return None
        hits = self.find(value, type, limit=20)
        if not hits:
            return []
        top = hits[0]["score"]
        return [h["id"] for h in hits if h["score"] >= top - 1e-9]

    def timeline(self, person=None, organization=None, country=None, series=None, event_type=None, topic=None,
                 period=None, limit=None) -> list[dict]:
        stmt = select(EV)
        conds = []
        for ids in (self.named(person, "PER"), self.named(organization, "ORG")):
            if ids is None:
                continue
            conds.append(EV.c.id.in_(select(EP.c.kb_event).where(EP.c.kb_entity.in_(ids or ["-"]))))
        if country:
            iso = resolve.country_iso(country) or "-"
            located = select(E.c.id).where(E.c.iso == iso)
            conds.append(or_(EV.c.location.in_(located),
                             EV.c.id.in_(select(EP.c.kb_event).where(EP.c.kb_entity.in_(located)))))
        if series:
            sids = self.series_named(series)
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
        for chunk in chunks(ids):
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

    def series_named(self, name: str) -> list[str]:
        """The kb series a name denotes: its id, a key, part of its name, or a key that matches."""
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
            sids = self.series_named(name)
            if not sids:
                raise UnknownEntity(f"no series is named {name!r}")
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

    def graph(self, types: set[str], min_weight: int = 1, entity: str | None = None) -> dict:
        """Co-participation: an edge between two kb entities of `types` for each kb event both took part
        in and each agreement both are parties to (`agreements.agreement_groups`: one agreement told
        twice counts once), weighted by how many; around `entity`, only the events it took part in (or
        that took place there) and the agreements it is a party to."""
        rows = self.conn.execute(select(EP.c.kb_event, EP.c.kb_entity, E.c.type)
                                 .join(E, E.c.id == EP.c.kb_entity)).all()
        by_event: dict[str, set[str]] = defaultdict(set)
        around: set[str] = set()
        for r in rows:
            if r.type in types:
                by_event[r.kb_event].add(r.kb_entity)
            if r.kb_entity == entity:
                around.add(r.kb_event)
        if entity is not None:
            around |= set(self.conn.execute(select(ES.c.kb_event).where(ES.c.location == entity)).scalars())
            around |= set(self.conn.execute(select(EV.c.id).where(EV.c.location == entity)).scalars())
            by_event = {k: v for k, v in by_event.items() if k in around}
        agreements = agreement_groups(self.conn)
        kinds_of = {k: v["type"] for k, v in self._entity_brief(
            {x for keys in agreements.values() for x in keys}).items()}
        by_agreement = {name: {x for x in keys if kinds_of.get(x) in types} for name, keys in agreements.items()
                        if entity is None or entity in keys}
        weights: Counter = Counter()
        edge_events: dict[tuple[str, str], list[str]] = defaultdict(list)
        edge_agreements: dict[tuple[str, str], list[str]] = defaultdict(list)
        node_events: Counter = Counter()
        node_agreements: Counter = Counter()
        for groups, per_edge, per_node in ((by_event, edge_events, node_events),
                                           (by_agreement, edge_agreements, node_agreements)):
            for kid, ents in groups.items():
                for x in ents:
                    per_node[x] += 1
                ordered = sorted(ents)
                for i, x in enumerate(ordered):
                    for y in ordered[i + 1:]:
                        weights[(x, y)] += 1
                        per_edge[(x, y)].append(kid)
        edges = [{"source": x, "target": y, "weight": w, "events": sorted(edge_events[(x, y)]),
                  "agreements": sorted(edge_agreements[(x, y)]),
                  "kinds": [k for k, has in (("agreement", edge_agreements[(x, y)]), ("event", edge_events[(x, y)]))
                            if has]}
                 for (x, y), w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])) if w >= min_weight]
        used = {e["source"] for e in edges} | {e["target"] for e in edges}
        briefs = self._entity_brief(used)
        nodes = [{**briefs[i], "events": node_events[i], "agreements": node_agreements[i]}
                 for i in sorted(used) if i in briefs]
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
