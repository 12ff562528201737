"""The facts the service layer reads: every stored document's facts, in memory, for the views that
span documents (entity profiles, timeline, graph, series, trends).

A `FactIndex` is read in bulk from the store's fact tables once and kept until the store changes
(`Service.index`); the documents that have corrections are read from their corrected Records
instead, so every view shows corrected facts. Which document-level entity or event is which across
documents is the knowledge base's decision (`communique.link`), read here as a `KbView`; nothing
in this module matches names. Without a knowledge base, an entity's key is `link.keys.entity_key`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from ..corrections import CorrectedRecord, Corrections
from ..link.keys import entity_key
from ..model import date_bounds
from ..store import Store
from ..store.schema import (
    AgreementPartyRow,
    AgreementRow,
    DocumentRow,
    EntityRow,
    EventRow,
    ParticipantRow,
    RoleRow,
    TopicRow,
)

D = DocumentRow.__table__


def event_key(doc_id: str, event_id: str) -> str:
    return f"{doc_id}/{event_id}"


_TITLE_SKIP = re.compile(r"^(published:?\s*)?[\w .,-]{0,40}?\d{1,4}[./ -]\s*[\wА-Яа-яё.]+[./ -]?\s*\d{0,4}"
                         r"(\s*г(ода?)?\.?)?$|^\d{1,2}\.\d{1,2}\.\d{4}$", re.I)


def display_title(title: str | None, text: str | None, doc_id: str) -> str:
    """The title a document is listed by: its own, else its headline line, else its id."""
    if title and title.strip() and title.strip() not in ("{", "["):
        return title.strip()
    for line in (text or "").splitlines()[:4]:
        line = line.strip()
        if not line or _TITLE_SKIP.match(line) or len(line) > 200:
            continue
        return line
    return doc_id


@functools.cache
def topic_labels() -> dict[str, dict[str, str]]:
    """{topic id: {lang: label}} from the extractor's taxonomy."""
    path = Path(__file__).resolve().parent.parent / "extract" / "resources" / "topics.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    for t in data.get("topics", []):
        label = t.get("label")
        out[t["id"]] = label if isinstance(label, dict) else {"ru": str(label), "en": str(label)}
    return out


def topic_label(topic_id: str, fallback: str, lang: str) -> str:
    labels = topic_labels().get(topic_id) or {}
    return labels.get(lang) or labels.get("en") or fallback


@dataclass
class DocMeta:
    id: str
    title: str
    published: str | None
    language: str | None
    url: str | None
    source: str | None
    topics: list[tuple[str, str, float]] = field(default_factory=list)  # (id, label, score)


@dataclass
class EntityAgg:
    key: str
    type: str
    names: Counter = field(default_factory=Counter)
    kind: str | None = None
    iso: str | None = None
    docs: set[str] = field(default_factory=set)
    members: list[tuple[str, str]] = field(default_factory=list)  # (doc id, entity id)
    canonical: str | None = None  # the knowledge base's display name

    @property
    def name(self) -> str:
        if self.canonical:
            return self.canonical
        return self.names.most_common(1)[0][0] if self.names else self.key

    def summary(self) -> dict:
        return {"key": self.key, "name": self.name, "type": self.type, "kind": self.kind, "iso": self.iso,
                "documents": len(self.docs), "aliases": [n for n in self.names if n != self.name][:10]}


@dataclass
class EventFact:
    doc: str
    id: str
    type: str
    status: str
    start: str | None
    end: str | None
    date_from: str | None
    date_to: str | None
    location: str | None  # entity key
    name: str | None
    ordinal: int | None
    parent: str | None
    series: str | None
    evidence: str
    confidence: float = 1.0
    participants: list[tuple[str, str]] = field(default_factory=list)  # (entity key, role)
    corrected: bool = False

    @property
    def key(self) -> str:
        return event_key(self.doc, self.id)


@dataclass
class RoleFact:
    doc: str
    entity: str  # key
    title: str
    organization: str | None  # key
    country: str | None


@dataclass
class AgreementFact:
    doc: str
    id: str
    kind: str
    title: str
    signed: str | None
    event: str | None
    parties: list[str] = field(default_factory=list)  # keys
    corrected: bool = False


@dataclass
class KbView:
    """What the knowledge base of `communique.link` says, read in bulk: which document-level entity and
    event is which kb entity and event, their names, the series, the conflicts between reports."""

    members: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc, entity id) → kb entity
    entities: dict[str, dict] = field(default_factory=dict)  # kb entity → {type, name, kind, iso}
    events: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc, event id) → kb event
    sources: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kb event → [(doc, event id)]
    series_of: dict[str, str] = field(default_factory=dict)  # kb event → kb series
    series_names: dict[str, str] = field(default_factory=dict)
    conflicts: dict[str, list[dict]] = field(default_factory=dict)  # kb event → [{field, values}]
    main: dict[str, dict] = field(default_factory=dict)  # kb event → its main facts {type, start, end, ...}
    # kb event → [(kb entity, role)]: every report's participants and those of its sub-events
    participants: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, conn) -> KbView | None:
        try:
            from ..store.kb_tables import (
                KbConflictRow,
                KbEntityRow,
                KbEventParticipantRow,
                KbEventRow,
                KbEventSourceRow,
                KbMemberRow,
                KbSeriesRow,
            )
        except ImportError:
            return None
        M, E = KbMemberRow.__table__, KbEntityRow.__table__
        try:
            if conn.execute(select(M.c.pk).limit(1)).first() is None:
                return None
        except Exception:  # a database made before the knowledge base existed
            return None
        kb = cls()
        for r in conn.execute(select(E.c.id, E.c.type, E.c.name, E.c.kind, E.c.iso, E.c.names)):
            kb.entities[r.id] = {"type": r.type, "name": r.name, "kind": r.kind, "iso": r.iso,
                                 "names": r.names or {}}
        for r in conn.execute(select(M.c.document_id, M.c.entity_id, M.c.kb_entity)):
            kb.members[(r.document_id, r.entity_id)] = r.kb_entity
        ES, EV, S, C = (KbEventSourceRow.__table__, KbEventRow.__table__, KbSeriesRow.__table__,
                        KbConflictRow.__table__)
        for r in conn.execute(select(ES.c.kb_event, ES.c.document_id, ES.c.event_id).order_by(ES.c.pk)):
            kb.events[(r.document_id, r.event_id)] = r.kb_event
            kb.sources.setdefault(r.kb_event, []).append((r.document_id, r.event_id))
        for r in conn.execute(select(EV.c.id, EV.c.series_id, EV.c.type, EV.c.status, EV.c.start, EV.c.end,
                                     EV.c.date_from, EV.c.date_to, EV.c.ordinal, EV.c.name, EV.c.location)):
            if r.series_id:
                kb.series_of[r.id] = r.series_id
            kb.main[r.id] = {"type": r.type, "status": r.status, "start": r.start, "end": r.end,
                             "date_from": r.date_from, "date_to": r.date_to, "ordinal": r.ordinal, "name": r.name,
                             "location": r.location}
        for r in conn.execute(select(S.c.id, S.c.name)):
            kb.series_names[r.id] = r.name
        EP = KbEventParticipantRow.__table__
        seen: set[tuple[str, str]] = set()
        for r in conn.execute(select(EP.c.kb_event, EP.c.kb_entity, EP.c.role)
                              .order_by(EP.c.kb_event, EP.c.inherited, EP.c.pk)):
            if (r.kb_event, r.kb_entity) not in seen:
                seen.add((r.kb_event, r.kb_entity))
                kb.participants.setdefault(r.kb_event, []).append((r.kb_entity, r.role or "participant"))
        for r in conn.execute(select(C.c.kb_event, C.c.field, C.c.observed).order_by(C.c.pk)):
            observed = r.observed if isinstance(r.observed, list) else json.loads(r.observed or "[]")
            kb.conflicts.setdefault(r.kb_event, []).append({"field": r.field, "values": [
                {"value": o.get("value"), "documents": [x.get("document_id") for x in o.get("sources", [])]}
                for o in observed]})
        return kb

    @staticmethod
    def version(conn) -> tuple:
        try:
            from ..store.kb_tables import KbAuditRow, KbEntityRow, KbMemberRow
        except ImportError:
            return ()
        M, A, E = KbMemberRow.__table__, KbAuditRow.__table__, KbEntityRow.__table__
        try:
            return (tuple(conn.execute(select(func.count(), func.max(M.c.pk))).first())
                    + tuple(conn.execute(select(func.count(), func.max(A.c.pk))).first())
                    + tuple(conn.execute(select(func.max(E.c.updated))).first()))
        except Exception:
            return ()


class FactIndex:
    """Every document's facts, in memory, for the cross-document views."""

    def __init__(self) -> None:
        self.docs: dict[str, DocMeta] = {}
        self.entities: dict[str, EntityAgg] = {}
        self.member_key: dict[tuple[str, str], str] = {}  # (doc, entity id) → key
        self.events: dict[tuple[str, str], EventFact] = {}
        self.roles: list[RoleFact] = []
        self.agreements: dict[tuple[str, str], AgreementFact] = {}
        self.by_entity_events: dict[str, list[EventFact]] = defaultdict(list)
        self.by_entity_roles: dict[str, list[RoleFact]] = defaultdict(list)
        self.by_entity_agreements: dict[str, list[AgreementFact]] = defaultdict(list)
        self.doc_events: dict[str, list[EventFact]] = defaultdict(list)
        self.series: dict[str, list[EventFact]] = defaultdict(list)
        self.series_names: dict[str, str] = {}
        self.corrected_docs: set[str] = set()
        self.kb: KbView | None = None
        # one EventFact per kb event (its main facts, every report's participants): the event as the
        # knowledge base knows it, which the timeline, lists, series and graph show once
        self.kb_facts: dict[str, EventFact] = {}
        self.kb_by_entity: dict[str, list[EventFact]] = defaultdict(list)
        self.stats: dict | None = None

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(cls, store: Store, corrections: Corrections) -> FactIndex:
        idx = cls()
        corrected = corrections.corrected_documents()
        idx.corrected_docs = corrected
        with store.reading() as conn:
            idx.kb = KbView.read(conn)
            if idx.kb is not None:
                idx.series_names = dict(idx.kb.series_names)
            docs = conn.execute(select(D.c.id, D.c.title, D.c.published, D.c.language, D.c.url, D.c.source,
                                       func.substr(D.c.text, 1, 400).label("head"))
                                .where(D.c.record_json.is_not(None), D.c.duplicate_of.is_(None))
                                .order_by(D.c.pk)).all()
            for r in docs:
                idx.docs[r.id] = DocMeta(r.id, display_title(r.title, r.head, r.id), r.published, r.language,
                                         r.url, r.source)
            T = TopicRow.__table__
            for r in conn.execute(select(T.c.document_id, T.c.topic_id, T.c.label, T.c.score).order_by(T.c.pk)):
                if r.document_id in idx.docs and r.document_id not in corrected:
                    idx.docs[r.document_id].topics.append((r.topic_id, r.label, r.score))
            E = EntityRow.__table__
            for r in conn.execute(select(E.c.document_id, E.c.entity_id, E.c.type, E.c.name, E.c.kind, E.c.iso,
                                         E.c.gazetteer_id, E.c.aliases)):
                if r.document_id in idx.docs and r.document_id not in corrected:
                    idx._add_entity(r.document_id, r.entity_id, r.type, r.name, r.kind, r.iso, r.gazetteer_id,
                                    r.aliases or [])
            R = RoleRow.__table__
            for r in conn.execute(select(R.c.document_id, R.c.entity_id, R.c.title, R.c.organization,
                                         R.c.country).order_by(R.c.pk)):
                if r.document_id in idx.docs and r.document_id not in corrected:
                    idx._add_role(r.document_id, r.entity_id, r.title, r.organization, r.country)
            V = EventRow.__table__
            for r in conn.execute(select(V.c.document_id, V.c.event_id, V.c.type, V.c.status, V.c.start, V.c.end,
                                         V.c.date_from, V.c.date_to, V.c.location, V.c.name, V.c.ordinal,
                                         V.c.parent, V.c.series, V.c.evidence_text, V.c.confidence)
                                  .order_by(V.c.pk)):
                if r.document_id in idx.docs and r.document_id not in corrected:
                    idx._add_event(EventFact(
                        r.document_id, r.event_id, r.type, r.status, r.start, r.end, r.date_from, r.date_to,
                        idx.member_key.get((r.document_id, r.location)) if r.location else None, r.name,
                        r.ordinal, r.parent, r.series, r.evidence_text, r.confidence))
            P = ParticipantRow.__table__
            for r in conn.execute(select(P.c.document_id, P.c.event_id, P.c.entity_id, P.c.role).order_by(P.c.pk)):
                ev = idx.events.get((r.document_id, r.event_id))
                key = idx.member_key.get((r.document_id, r.entity_id))
                if ev is not None and key:
                    ev.participants.append((key, r.role))
            A = AgreementRow.__table__
            for r in conn.execute(select(A.c.document_id, A.c.agreement_id, A.c.kind, A.c.title, A.c.signed,
                                         A.c.event_id).order_by(A.c.pk)):
                if r.document_id in idx.docs and r.document_id not in corrected:
                    idx.agreements[(r.document_id, r.agreement_id)] = AgreementFact(
                        r.document_id, r.agreement_id, r.kind, r.title, r.signed, r.event_id)
            AP = AgreementPartyRow.__table__
            for r in conn.execute(select(AP.c.document_id, AP.c.agreement_id, AP.c.entity_id).order_by(AP.c.pk)):
                ag = idx.agreements.get((r.document_id, r.agreement_id))
                key = idx.member_key.get((r.document_id, r.entity_id))
                if ag is not None and key:
                    ag.parties.append(key)
        for doc_id in corrected:
            if doc_id in idx.docs:
                fixed = corrections.corrected(doc_id)
                if fixed is not None:
                    idx._add_record(fixed)
        idx._link()
        return idx

    def key_for(self, doc: str, entity_id: str, etype: str, name: str, kind=None, iso=None,
                gazetteer_id=None) -> str:
        """The cross-document key of a document-level entity: its knowledge-base entity (the linker
        links the corrected Record, so a renamed or added entity is a member too), else — a document
        not linked (yet) — `link.keys.entity_key`. No name is matched here."""
        if self.kb is not None:
            kb_id = self.kb.members.get((doc, entity_id))
            if kb_id is not None and kb_id in self.kb.entities and self.kb.entities[kb_id]["type"] == etype:
                return kb_id
        return entity_key(etype, name, kind, iso, gazetteer_id)

    def _add_entity(self, doc: str, entity_id: str, etype: str, name: str, kind, iso, gazetteer_id,
                    aliases: list[str]) -> None:
        key = self.key_for(doc, entity_id, etype, name, kind, iso, gazetteer_id)
        agg = self.entities.get(key)
        if agg is None:
            agg = self.entities[key] = EntityAgg(key, etype, kind=kind, iso=iso)
            if self.kb is not None and key in self.kb.entities:
                agg.canonical = self.kb.entities[key]["name"]
        agg.names[name] += 1
        for a in aliases:
            agg.names[a] += 0
        agg.docs.add(doc)
        agg.members.append((doc, entity_id))
        self.member_key[(doc, entity_id)] = key

    def _add_role(self, doc, entity_id, title, organization, country) -> None:
        key = self.member_key.get((doc, entity_id))
        if key:
            self.roles.append(RoleFact(doc, key, title, self.member_key.get((doc, organization)) if organization
                                       else None, country))

    def _add_event(self, ev: EventFact) -> None:
        self.events[(ev.doc, ev.id)] = ev

    def _add_record(self, fixed: CorrectedRecord) -> None:
        rec = fixed.record
        doc = rec.document.id
        self.docs[doc].topics = [(t.id, t.label, t.score) for t in rec.topics]
        for e in rec.entities:
            self._add_entity(doc, e.id, e.type, e.name, e.kind, e.iso, e.gazetteer_id, e.aliases)
        for e in rec.entities:
            for r in e.roles:
                self._add_role(doc, e.id, r.title, r.organization, r.country)
        for ev in rec.events:
            date_from = date_bounds(ev.start)[0] if ev.start else None
            last = ev.end or ev.start
            fact = EventFact(doc, ev.id, ev.type, ev.status, ev.start, ev.end, date_from,
                             date_bounds(last)[1] if last else None,
                             self.member_key.get((doc, ev.location)) if ev.location else None, ev.name,
                             ev.ordinal, ev.parent, ev.series, ev.evidence.text, ev.confidence,
                             [(self.member_key[(doc, p.entity)], p.role) for p in ev.participants
                              if (doc, p.entity) in self.member_key],
                             corrected=bool(fixed.corrections_of("event", ev.id)))
            self._add_event(fact)
        for a in rec.agreements:
            self.agreements[(doc, a.id)] = AgreementFact(
                doc, a.id, a.kind, a.title, a.signed, a.event,
                [self.member_key[(doc, p)] for p in a.parties if (doc, p) in self.member_key],
                corrected=bool(fixed.corrections_of("agreement", a.id)))

    def kb_event(self, ev: EventFact) -> str | None:
        """The knowledge-base event `ev` is a report of."""
        return self.kb.events.get((ev.doc, ev.id)) if self.kb is not None else None

    def once(self, events) -> list[EventFact]:
        """Reports of one kb event as one EventFact (the knowledge base decides which are one), in order."""
        out, seen = [], set()
        for ev in events:
            kid = self.kb_event(ev)
            if kid is None or kid not in self.kb_facts:
                out.append(ev)
            elif kid not in seen:
                seen.add(kid)
                out.append(self.kb_facts[kid])
        return out

    def events_of(self, key: str) -> list[EventFact]:
        """The events an entity took part in (or that took place there), each once: the knowledge
        base's (with the participants of every report and sub-event), then those it does not link."""
        return [ev for ev in self.by_entity_events.get(key, []) if self.kb_event(ev) not in self.kb_facts] \
            + self.kb_by_entity.get(key, [])

    @functools.cached_property
    def event_counts(self) -> dict[str, int]:
        """How many events each entity took part in (or that took place there), each event once as
        `events_of` lists them; made once per index, i.e. per state of the store."""
        keys = set(self.by_entity_events) | set(self.kb_by_entity)
        return {k: len(self.events_of(k)) for k in keys}

    def _kb_facts(self) -> None:
        if self.kb is None:
            return
        for kid, sources in self.kb.sources.items():
            reports = [self.events[s] for s in sources if s in self.events]
            if not reports:
                continue
            main = self.kb.main.get(kid) or {}
            # shown by the report that tells the knowledge base's main facts (its dates, place, status)
            place = main.get("location") if main.get("location") in self.entities else None
            reports.sort(key=lambda r: ((r.start, r.end) != (main.get("start"), main.get("end")),
                                        bool(place) and r.location != place, r.status != main.get("status")))
            people = [p for p in self.kb.participants.get(kid, []) if p[0] in self.entities]
            self.kb_facts[kid] = dataclasses.replace(
                reports[0], type=main.get("type") or reports[0].type, status=main.get("status") or reports[0].status,
                start=main.get("start"), end=main.get("end"), date_from=main.get("date_from"),
                date_to=main.get("date_to"), location=place or reports[0].location, ordinal=main.get("ordinal"),
                name=main.get("name") or reports[0].name, participants=people,
                corrected=any(r.corrected for r in reports))
            fact = self.kb_facts[kid]
            for key in dict.fromkeys([*(k for k, _ in people), *(r.location for r in reports if r.location)]):
                self.kb_by_entity[key].append(fact)

    def _link(self) -> None:
        for ev in self.events.values():
            self.doc_events[ev.doc].append(ev)
            seen = set()
            for key, _role in ev.participants:
                if key not in seen:
                    self.by_entity_events[key].append(ev)
                    seen.add(key)
            if ev.location and ev.location not in seen:
                self.by_entity_events[ev.location].append(ev)
            if self.kb is not None:  # the knowledge base says which series an event is of, if any
                kb_event = self.kb.events.get((ev.doc, ev.id))
                ev.series = self.kb.series_of.get(kb_event) if kb_event else None
            elif ev.series:  # no knowledge base: a series by the extractor's own key
                self.series[ev.series].append(ev)
        self._kb_facts()
        for kid, fact in self.kb_facts.items():
            fact.series = self.kb.series_of.get(kid)
            if fact.series:
                self.series[fact.series].append(fact)
        for r in self.roles:
            self.by_entity_roles[r.entity].append(r)
        for a in self.agreements.values():
            for key in dict.fromkeys(a.parties):
                self.by_entity_agreements[key].append(a)

    # -- helpers ----------------------------------------------------------------------------
    def name(self, key: str | None) -> str | None:
        if key is None:
            return None
        agg = self.entities.get(key)
        return agg.name if agg else None

    def ref(self, key: str | None) -> dict | None:
        if key is None:
            return None
        agg = self.entities.get(key)
        if agg is None:
            return None
        return {"key": key, "name": agg.name, "type": agg.type}

    def published(self, doc: str) -> str | None:
        meta = self.docs.get(doc)
        return meta.published if meta else None

    @functools.cached_property
    def entity_names(self) -> dict[str, dict]:
        """kb entity id → its names by language, as the knowledge base gives them, for places and bodies
        (a person keeps the name the releases write); made once per index, i.e. per state of the store."""
        if self.kb is None:
            return {}
        return {k: v.get("names") or {} for k, v in self.kb.entities.items() if v.get("type") != "PER"}

