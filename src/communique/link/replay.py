"""The audit log of the knowledge base's manual decisions (merges and splits): recording them and
replaying them by the names and documents they concern, a mixin of the linker."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import and_, delete, insert, or_, select, update

from . import resolve
from .queries import AD, CL, EP, ES, A, E, L, M, carries, chunks, utc_now

_PREFIX = {"PER": "p", "ORG": "o", "LOC": "l"}


class AuditReplay:
    """Recording and replaying manual decisions, on the linker's connection and cache."""

    # -- the audit log -------------------------------------------------------------------------------
    def record_audit(self, action: str, who: str, why: str, payload: dict) -> dict:
        pk = self.conn.execute(insert(A).returning(A.c.pk), [{"at": utc_now(), "action": action, "who": who,
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
        for chunk in chunks(sorted(want)):
            for r in self.conn.execute(select(M).where(M.c.document_id.in_(chunk))).mappings():
                if carries(dict(r), want[r["document_id"]]):
                    out.append(dict(r))
        return out

    def entity_of_refs(self, refs: list[list[str]]) -> str | None:
        counts = Counter(m["kb_entity"] for m in self._members_by_refs(refs))
        return counts.most_common(1)[0][0] if counts else None

    def replay(self, audit: dict) -> None:
        self._write_pending()
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
                    and (carries(m, alias_keys) or m["pk"] in {x["pk"] for x in moved_refs})]
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
                                                   profile={}, members=0, updated=utc_now()))
                self.cache[target] = {"id": target, "type": first["type"], "name": first["name"], "names": {},
                                      "kind": self.entity(home).get("kind"), "iso": None, "gazetteer_id": None,
                                      "profile": {}, "members": 0}
            pks = [m["pk"] for m in move]
            for chunk in chunks(pks):
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
