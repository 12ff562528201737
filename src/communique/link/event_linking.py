"""Events and series across documents, the linker's second half: each reported event joins the kb
event it is (`events.score_event`) or starts one, and each kb event finds its series. A mixin of the
linker (`kb._Linker`), which gives it `self.conn`, its entity cache and its helpers."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, func, insert, select, update

from ..model import Record
from . import events as ev_mod
from . import resolve
from . import series as series_mod
from .queries import (
    CHUNK,
    EC,
    EP,
    ES,
    EV,
    SK,
    ST,
    D,
    S,
    chunks,
    hash_id,
    utc_now,
)


class EventLinking:
    """Linking a Record's events and placing kb events in series (methods of `kb._Linker`)."""

    # -- events --------------------------------------------------------------------------------------
    # ids of kb events made by this transaction, and of those looked up (in one query for a batch) and
    # of those of them not stored then: one it stores is in `events_made` until it deletes it
    events_made: set[str]
    events_checked: set[str]
    events_absent: set[str]

    def look_up_events(self, records: list[Record]) -> None:
        """Find which of the ids the records' new kb events would take first are not stored, in one query."""
        new = sorted({hash_id("e", r.document.id, ev.id) for r in records for ev in r.events} - self.events_checked)
        found = {i for part in chunks(new) for i in self.conn.execute(select(EV.c.id).where(EV.c.id.in_(part))).scalars()}
        self.events_checked.update(new)
        self.events_absent.update(set(new) - found)

    def _new_event_id(self, doc_id: str, event_id: str) -> str:
        base = hash_id("e", doc_id, event_id)
        kid, n = base, 1
        while kid in self.events_made or (kid not in self.events_absent
                                          and self.conn.execute(select(EV.c.pk).where(EV.c.id == kid)).first()):
            n += 1
            kid = f"{base}-{n}"
        self.events_made.add(kid)
        return kid

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
            new = None  # a new kb event's row: inserted with its summary below
            if kid is None:
                kid = self._new_event_id(doc.id, ev.id)
                new = dict(
                    id=kid, type=ev.type, status=ev.status, name=ev.name, start=ev.start, end=ev.end,
                    date_from=None, date_to=None, location=location, ordinal=ordinal, series_id=None,
                    parent=parent_kb, plover_code=None, plover_mode=None, conflict=False, sources=0, updated=utc_now())
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
            if new is not None:  # a new event: its one source is all there is to summarize
                self._summarize(kid, [{**source, "source": doc.source, "url": doc.url}], fresh=new)
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
            self.events_made.discard(kid)
            c.execute(delete(EC).where(EC.c.kb_event == kid))
            c.execute(delete(EP).where(EP.c.kb_event == kid))
            c.execute(update(EV).where(EV.c.parent == kid).values(parent=None))
            return
        self._summarize(kid, [dict(r) for r in rows])

    def _summarize(self, kid: str, sources: list[dict], fresh: dict | None = None) -> None:
        """Write a kb event's summary of its sources: onto its row, or (`fresh`: the row of a new kb
        event) with the row, in one insert."""
        c = self.conn
        self.load_entities({s["location"] for s in sources if s["location"]})
        places = {s["location"]: (self.cache.get(s["location"]) or {}).get("profile") or {}
                  for s in sources if s["location"]}
        main, conflicts = ev_mod.summarize(sources, places)
        if fresh is None:
            c.execute(delete(EC).where(EC.c.kb_event == kid))
        if conflicts:
            c.execute(insert(EC), [{"kb_event": kid, "field": x["field"], "observed": x["observed"]} for x in conflicts])
        summary = dict(**main, conflict=bool(conflicts), sources=len(sources), updated=utc_now())
        if fresh is not None:
            c.execute(insert(EV), {**fresh, **summary})
        else:
            c.execute(update(EV).where(EV.c.id == kid).values(**summary))
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
                    sid = hash_id("s", key)
                    while c.execute(select(S.c.pk).where(S.c.id == sid)).first():
                        sid = hash_id("s", sid)
                    c.execute(insert(S), dict(id=sid, name=series_mod.series_name(s.get("name") or key),
                                               evidence=[{"key": key, "rule": "new"}], updated=utc_now()))
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
            select(ST.c.series_id, func.count().label("n")).where(ST.c.token.in_(stems[:CHUNK]))
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
            shorter = None
            if matched is None:
                shorter = next((k for k in keys if series_mod.shorter_form(key, k)), None)
                if shorter is None:
                    continue  # neither the same name nor a short form of it: no need to read its meetings
            points = [(r.ordinal, r.start) for r in c.execute(
                select(EV.c.ordinal, EV.c.start).where(EV.c.series_id == sid, EV.c.id != kid))]
            consistent, order = series_mod.consistent([*points, (ordinal, start)])
            if not consistent:
                continue
            if matched is None:
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
            evidence=[*ev_keep, *ev_gone, {"rule": "shared event", "merged": gone, "how": why}], updated=utc_now()))
        c.execute(delete(S).where(S.c.id == gone))

