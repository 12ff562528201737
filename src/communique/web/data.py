"""All data access of the web layer (pages and JSON API) in one place.

`WebData` answers every question a page or an endpoint asks: documents, records (corrections
applied), entities and their profiles, events, series, agreements, search with facets, timeline,
relationship graph, topic trends, corrections. Nothing else in `api/` or `web/` touches the store.

Cross-document views (entity profiles, timeline, graph, series, trends) come from a `FactIndex`: the
facts of every stored document, read in bulk from the store's fact tables into memory once, kept
until the store changes (a cheap version check, at most every `ttl` seconds), with the documents
that have corrections read from their corrected Records instead, so every view shows corrected facts.

An entity's identity across documents here is a key: its gazetteer id when it has one, the ISO code
of a country, else its type and nominative name. When the knowledge base of `communique.link` is
there, its resolved entities (transliterations, acronyms, manual merges and splits) replace these
keys; see `_kb()`.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import logging
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import Markup, escape
from sqlalchemy import func, select

from ..corrections import CorrectedRecord, Correction, CorrectionError, Corrections, corrected_records

__all__ = ["CorrectionError", "FactIndex", "NotFound", "WebData", "entity_key", "highlight", "safe_url"]
from ..model import Record, date_bounds
from ..search.hybrid import MODES
from ..store import Store, period_bounds
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
from .i18n import translate

D = DocumentRow.__table__
log = logging.getLogger("communique.web")
FACET_DEPTH = 500
GRANULARITIES = ("year", "month", "day")
EXPORT_FORMATS = {"jsonl": "application/x-ndjson", "json": "application/json", "csv": "text/csv"}
# exports of the knowledge base (communique.export), when it and its libraries are installed
KB_EXPORT_FORMATS = {"jsonld": "application/ld+json", "plover": "application/json", "ics": "text/calendar",
                     "graphml": "application/xml"}


def localized(obj, names_of: dict[str, dict], lang: str):
    """A copy of a page's data with every entity reference ({"key", "name", ...}) named in the reader's
    language where the knowledge base knows that name ("Russia" on an English page for a place the
    Russian releases name "Россия"); the data itself, which the index caches, is left as it was."""
    if isinstance(obj, dict):
        out = {k: localized(v, names_of, lang) for k, v in obj.items()}
        key = obj.get("key")
        if isinstance(key, str) and isinstance(obj.get("name"), str) and key in names_of:
            out["name"] = names_of[key].get(lang) or obj["name"]
        return out
    if isinstance(obj, list):
        return [localized(v, names_of, lang) for v in obj]
    if isinstance(obj, tuple):
        return tuple(localized(v, names_of, lang) for v in obj)
    return obj


def in_tree_order(events: list) -> list:
    """A document's events with each sub-event right after its own parent (depth first), so a page
    that indents sub-events shows them under the event the Record names, not under their neighbour."""
    ids = {ev.id for ev in events}
    children: dict[str, list] = {}
    for ev in events:
        if ev.parent in ids and ev.parent != ev.id:
            children.setdefault(ev.parent, []).append(ev)
    out: list = []
    seen: set[str] = set()

    def visit(ev) -> None:
        if ev.id in seen:
            return
        seen.add(ev.id)
        out.append(ev)
        for child in children.get(ev.id, []):
            visit(child)

    for ev in events:
        if ev.parent not in ids or ev.parent == ev.id:
            visit(ev)
    for ev in events:  # a cycle of parents: keep every event anyway
        visit(ev)
    return out


class NotFound(LookupError):
    """What was asked for is not in the store."""


# -- keys --------------------------------------------------------------------------------------

def entity_key(etype: str, name: str, kind: str | None = None, iso: str | None = None,
               gazetteer_id: str | None = None) -> str:
    """The identity of an entity across documents (without the knowledge base)."""
    if gazetteer_id:
        return f"{etype}:g:{gazetteer_id}"
    if etype == "LOC" and kind == "country" and iso:
        return f"LOC:iso:{iso.upper()}"
    return f"{etype}:{' '.join(name.split())}"


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


def safe_url(url: str | None) -> str | None:
    """A URL fit for an href: http(s) only (never javascript:, data:, ...)."""
    if not url or not isinstance(url, str):
        return None
    u = url.strip()
    if re.match(r"^https?://[^\s<>\"']+$", u, re.I):
        return u
    return None


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


# -- the index -------------------------------------------------------------------------------

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
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, casefolded name) → kb entity
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
        for r in conn.execute(select(M.c.document_id, M.c.entity_id, M.c.kb_entity, M.c.type, M.c.name,
                                     M.c.aliases)):
            kb.members[(r.document_id, r.entity_id)] = r.kb_entity
            for n in [r.name, *(r.aliases or [])]:
                kb.by_name.setdefault((r.type, n.casefold()), r.kb_entity)
        ES, EV, S, C = (KbEventSourceRow.__table__, KbEventRow.__table__, KbSeriesRow.__table__,
                        KbConflictRow.__table__)
        for r in conn.execute(select(ES.c.kb_event, ES.c.document_id, ES.c.event_id).order_by(ES.c.pk)):
            kb.events[(r.document_id, r.event_id)] = r.kb_event
            kb.sources.setdefault(r.kb_event, []).append((r.document_id, r.event_id))
        for r in conn.execute(select(EV.c.id, EV.c.series_id, EV.c.type, EV.c.status, EV.c.start, EV.c.end,
                                     EV.c.date_from, EV.c.date_to, EV.c.ordinal, EV.c.name)):
            if r.series_id:
                kb.series_of[r.id] = r.series_id
            kb.main[r.id] = {"type": r.type, "status": r.status, "start": r.start, "end": r.end,
                             "date_from": r.date_from, "date_to": r.date_to, "ordinal": r.ordinal, "name": r.name}
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
        with store._read() as conn:
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
        """The cross-document key of a document-level entity: its knowledge-base entity (which links
        the corrected Record, so a renamed or added entity is a member too; by name if not linked
        yet), else `entity_key`."""
        if self.kb is not None:
            kb_id = self.kb.members.get((doc, entity_id))
            if kb_id is None:
                kb_id = self.kb.by_name.get((etype, name.casefold()))
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

    def _kb_facts(self) -> None:
        if self.kb is None:
            return
        for kid, sources in self.kb.sources.items():
            reports = [self.events[s] for s in sources if s in self.events]
            if not reports:
                continue
            main = self.kb.main.get(kid) or {}
            # shown by the report that tells the knowledge base's main facts (its dates, then its status)
            reports.sort(key=lambda r: ((r.start, r.end) != (main.get("start"), main.get("end")),
                                        r.status != main.get("status")))
            people = [p for p in self.kb.participants.get(kid, []) if p[0] in self.entities]
            self.kb_facts[kid] = dataclasses.replace(
                reports[0], type=main.get("type") or reports[0].type, status=main.get("status") or reports[0].status,
                start=main.get("start"), end=main.get("end"), date_from=main.get("date_from"),
                date_to=main.get("date_to"), ordinal=main.get("ordinal"), name=main.get("name") or reports[0].name,
                participants=people, corrected=any(r.corrected for r in reports))
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


# -- the service -----------------------------------------------------------------------------

def _sort_date(value: str | None) -> str:
    return value or "9999"


def _page(items: list, limit: int, offset: int) -> tuple[list, int]:
    return items[offset:offset + limit], len(items)


class WebData:
    """The one object the web layer asks for data."""

    def __init__(self, store: Store, *, searcher=None, ttl: float = 2.0):
        self.store = store
        self.corrections = Corrections(store)
        self._searcher = searcher
        self._searcher_lock = threading.Lock()
        self.ttl = ttl
        self._index: FactIndex | None = None
        self._index_version: tuple | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    # -- caching ------------------------------------------------------------------------------
    def version(self) -> tuple:
        with self.store._read() as conn:
            docs = tuple(conn.execute(select(func.count(), func.max(D.c.updated))).first())
            kb = KbView.version(conn)
        return docs + self.corrections.version() + kb

    def entity_names(self) -> dict[str, dict]:
        """kb entity id → its names by language, as the knowledge base gives them, for places and bodies
        (a person keeps the name the releases write)."""
        kb = self.index().kb
        if kb is None:
            return {}
        return {k: v.get("names") or {} for k, v in kb.entities.items() if v.get("type") != "PER"}

    def index(self) -> FactIndex:
        now = time.monotonic()
        if self._index is not None and now - self._checked < self.ttl:
            return self._index
        version = self.version()
        self._checked = now
        if self._index is not None and version == self._index_version:
            return self._index
        with self._lock:
            if self._index is None or self._index_version != version:
                docs_changed = self._index_version is None or self._index_version[:2] != version[:2]
                self._index = FactIndex.build(self.store, self.corrections)
                if docs_changed and self._index_version is not None:
                    with self._searcher_lock:
                        self._searcher = None  # documents came or went: read the vector index again
                self._index_version = version
        return self._index

    def invalidate(self) -> None:
        self._checked = 0.0

    @property
    def searcher(self):
        with self._searcher_lock:
            if self._searcher is None:
                from ..search import Searcher

                self._searcher = Searcher(self.store)
            return self._searcher

    # -- overview -------------------------------------------------------------------------------
    def stats(self) -> dict:
        """What the store holds (computed once per state of the store)."""
        idx = self.index()
        cached = getattr(idx, "stats", None)
        if cached is not None:
            return cached
        langs = Counter(d.language or "?" for d in idx.docs.values())
        dates = [d.published for d in idx.docs.values() if d.published]
        count, _last, reverted = self.corrections.version()
        idx.stats = {"documents": len(idx.docs), "entities": len(idx.entities), "events": len(idx.events),
                     "agreements": len(idx.agreements), "series": len(idx.series), "corrections": count - reverted,
                     "languages": dict(langs.most_common()),
                     "published": {"from": min(dates) if dates else None, "to": max(dates) if dates else None}}
        return idx.stats

    # -- documents ------------------------------------------------------------------------------
    def documents(self, *, limit: int = 20, offset: int = 0, language: str | None = None,
                  period: str | None = None) -> tuple[list[dict], int]:
        idx = self.index()
        items = list(idx.docs.values())
        if language:
            items = [d for d in items if (d.language or "") == language.lower()]
        if period:
            lo, hi = period_bounds(period)
            items = [d for d in items if d.published and date_bounds(d.published)[1] >= lo
                     and date_bounds(d.published)[0] <= hi]
        items.sort(key=lambda d: (d.published or "", d.id), reverse=True)
        page, total = _page(items, limit, offset)
        return [self._doc_summary(d) for d in page], total

    def _doc_summary(self, d: DocMeta) -> dict:
        idx = self.index()
        return {"id": d.id, "title": d.title, "published": d.published, "language": d.language,
                "url": d.url, "source": d.source, "events": len(idx.doc_events.get(d.id, [])),
                "topics": [t[0] for t in d.topics], "corrected": d.id in idx.corrected_docs}

    def document(self, doc_id: str) -> dict:
        rec = self.corrected(doc_id)
        doc = rec.record.document
        meta = self.index().docs.get(doc_id)
        return {"id": doc.id, "title": meta.title if meta else display_title(doc.title, doc.text, doc.id),
                "url": doc.url, "published": doc.published, "language": doc.language, "source": doc.source,
                "fetched": doc.fetched, "text": doc.text, "extractor": rec.record.extractor.version,
                "corrections": len(rec.applied), "orphaned_corrections": len(rec.orphaned),
                # the same release kept from other sources (a republication, another URL)
                "alternate_sources": self.store.alternate_sources(doc_id)}

    def corrected(self, doc_id: str) -> CorrectedRecord:
        fixed = self.corrections.corrected(doc_id)
        if fixed is None:
            raise NotFound(f"no document {doc_id!r}")
        return fixed

    def record(self, doc_id: str, *, corrected: bool = True) -> Record:
        if corrected:
            return self.corrected(doc_id).record
        rec = self.store.get_record(doc_id)
        if rec is None:
            raise NotFound(f"no document {doc_id!r}")
        return rec

    def records(self, *, limit: int = 20, offset: int = 0) -> tuple[list[dict], int]:
        docs, total = self.documents(limit=limit, offset=offset)
        return [self.record(d["id"]).to_dict() for d in docs], total

    def document_view(self, doc_id: str, lang: str = "en", cited: list[tuple[int, int]] = ()) -> dict:
        """Everything the document page shows: the text highlighted (and the `cited` spans of an
        answer), the facts beside it."""
        fixed = self.corrected(doc_id)
        rec = fixed.record
        idx = self.index()
        key_of = {e.id: idx.member_key.get((doc_id, e.id)) or entity_key(e.type, e.name, e.kind, e.iso,
                                                                            e.gazetteer_id)
                  for e in rec.entities}
        doc = self.document(doc_id)
        entities = []
        for e in rec.entities:
            entities.append({"id": e.id, "key": key_of[e.id], "name": e.name, "type": e.type, "kind": e.kind,
                             "iso": e.iso, "aliases": e.aliases,
                             "roles": [{"title": r.title, "organization": rec.entity_name(r.organization),
                                        "country": r.country} for r in e.roles],
                             "corrections": fixed.corrections_of("entity", e.id)})
        events = [self._event_row(rec, ev, key_of, fixed) for ev in in_tree_order(rec.events)]
        agreements = [{"id": a.id, "kind": a.kind, "title": a.title, "signed": a.signed, "event": a.event,
                       "parties": [{"key": key_of.get(p), "name": rec.entity_name(p),
                                    "type": rec.entity(p).type if rec.entity(p) else None} for p in a.parties],
                       "corrections": fixed.corrections_of("agreement", a.id)} for a in rec.agreements]
        topics = [{"id": t.id, "label": topic_label(t.id, t.label, lang), "score": t.score} for t in rec.topics]
        return {"document": doc, "html": highlight(rec, key_of, fixed, lang, cited), "entities": entities, "events": events,
                "agreements": agreements, "topics": topics, "applied": fixed.applied, "orphaned": fixed.orphaned,
                "history": self.corrections.for_document(doc_id, include_reverted=True)}

    def _event_row(self, rec: Record, ev, key_of: dict, fixed: CorrectedRecord) -> dict:
        return {"id": ev.id, "key": event_key(rec.document.id, ev.id), "type": ev.type, "status": ev.status,
                "start": ev.start, "end": ev.end, "name": ev.name, "ordinal": ev.ordinal, "parent": ev.parent,
                "series": ev.series, "trigger": ev.trigger, "confidence": ev.confidence,
                "location": {"key": key_of.get(ev.location), "name": rec.entity_name(ev.location)}
                if ev.location else None,
                "participants": [{"key": key_of.get(p.entity), "name": rec.entity_name(p.entity),
                                  "type": (rec.entity(p.entity).type if rec.entity(p.entity) else None),
                                  "role": p.role} for p in ev.participants],
                "plover": dataclasses.asdict(ev.plover) if ev.plover else None,
                "evidence": {"start": ev.evidence.start, "end": ev.evidence.end, "text": ev.evidence.text},
                "corrections": fixed.corrections_of("event", ev.id)}

    # -- search ------------------------------------------------------------------------------------
    def search(self, q: str, *, filters: dict | None = None, mode: str = "hybrid", limit: int = 20,
               offset: int = 0, lang: str = "en") -> dict:
        """Hybrid search (full text with morphology + multilingual vectors, fused by reciprocal rank, as
        `communique.search.Searcher` does), with facets over every matching document. Snippets are
        made for the page shown only."""
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}")
        filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
        idx = self.index()
        q = (q or "").strip()
        if q:
            ranking = self.searcher.rank(q, filters, mode, depth=max((offset + limit) * 3, 30), text_depth=FACET_DEPTH)
            candidates = ranking.candidates
            page = ranking.order[offset:offset + limit]
            hits = [h.to_dict() for h in self.searcher.hits(q, page, ranking, with_facts=False)]
        else:
            candidates = set(self._filtered_docs(filters))
            ordered = sorted((idx.docs[d] for d in candidates if d in idx.docs),
                             key=lambda d: (d.published or "", d.id), reverse=True)
            hits = [{"id": d.id, "url": d.url, "title": d.title, "published": d.published, "score": 0.0,
                     "snippet": "", "via": []} for d in ordered[offset:offset + limit]]
        for h in hits:
            meta = idx.docs.get(h["id"])
            h["title"] = meta.title if meta else display_title(h.get("title"), None, h["id"])
            h["language"] = meta.language if meta else None
            h["facts"] = self.key_facts(h["id"], lang=lang)
        return {"query": q, "filters": filters, "mode": mode, "hits": hits, "total": len(candidates),
                "facets": self.facets(candidates, lang=lang)}

    def _filtered_docs(self, filters: dict) -> list[str]:
        idx = self.index()
        if not filters:
            return list(idx.docs)
        ids = list(idx.docs)
        out = []
        for start in range(0, len(ids), 900):
            out.extend(self.store.filter_ids(ids[start:start + 900], filters))
        return out

    def facets(self, doc_ids: set[str], lang: str = "en") -> dict:
        idx = self.index()
        types, topics, langs, countries, persons, orgs, years = (Counter() for _ in range(7))
        for d in doc_ids:
            meta = idx.docs.get(d)
            if meta is None:
                continue
            langs[meta.language or "?"] += 1
            if meta.published:
                years[meta.published[:4]] += 1
            for t in dict.fromkeys(t[0] for t in meta.topics):
                topics[t] += 1
            for t in {ev.type for ev in idx.doc_events.get(d, [])}:
                types[t] += 1
        per_doc: dict[str, set[str]] = defaultdict(set)
        for key, agg in idx.entities.items():
            if agg.type == "LOC" and not (agg.kind == "country" and agg.iso):
                continue
            hits = agg.docs & doc_ids if len(agg.docs) < len(doc_ids) else {x for x in doc_ids if x in agg.docs}
            if not hits:
                continue
            if agg.type == "PER":
                persons[key] = len(hits)
            elif agg.type == "ORG":
                orgs[key] = len(hits)
            else:
                countries[key] = len(hits)
            per_doc[key] = hits

        def entity_facet(counter: Counter, value) -> list[dict]:
            return [{"value": value(k), "label": idx.name(k), "count": n, "key": k}
                    for k, n in counter.most_common(10)]

        return {
            "event_type": [{"value": k, "label": k, "count": n} for k, n in types.most_common()],
            "topic": [{"value": k, "label": topic_label(k, k, lang), "count": n} for k, n in topics.most_common(12)],
            "language": [{"value": k, "label": k, "count": n} for k, n in langs.most_common()],
            "country": entity_facet(countries, lambda k: idx.entities[k].iso or idx.name(k)),
            "person": entity_facet(persons, idx.name),
            "organization": entity_facet(orgs, idx.name),
            "period": [{"value": k, "label": k, "count": n} for k, n in sorted(years.items(), reverse=True)],
        }

    def key_facts(self, doc_id: str, n: int = 3, lang: str = "en") -> list[dict]:
        idx = self.index()
        out = []
        for ev in idx.doc_events.get(doc_id, []):
            if ev.parent:
                continue
            out.append({"key": ev.key, "document": ev.doc, "id": ev.id, "type": ev.type, "status": ev.status, "start": ev.start, "end": ev.end,
                        "location": idx.name(ev.location),
                        "participants": [idx.name(k) for k, _ in ev.participants[:3]]})
            if len(out) >= n:
                break
        return out

    # -- entities ------------------------------------------------------------------------------------
    def entities(self, *, q: str | None = None, type: str | None = None, limit: int = 50,
                 offset: int = 0) -> tuple[list[dict], int]:
        idx = self.index()
        items = list(idx.entities.values())
        if type:
            items = [e for e in items if e.type == type.upper()]
        if q:
            folded = q.casefold().strip()
            items = [e for e in items if any(folded in n.casefold() for n in e.names)]
        items.sort(key=lambda e: (-len(e.docs), -len(idx.by_entity_events.get(e.key, [])), e.name))
        page, total = _page(items, limit, offset)
        return [{**e.summary(), "events": len(idx.by_entity_events.get(e.key, []))} for e in page], total

    def entity(self, key: str, lang: str = "en", *, events_limit: int = 100, documents_limit: int = 50) -> dict:
        """The profile of an entity: roles over time, events (the latest `events_limit`, in date order),
        co-participants, agreements, documents (the latest `documents_limit`)."""
        idx = self.index()
        agg = idx.entities.get(key)
        if agg is None:
            raise NotFound(f"no entity {key!r}")
        # roles over time: each title with the first and last date it is attested
        roles: dict[tuple, dict] = {}
        for r in idx.by_entity_roles.get(key, []):
            when = idx.published(r.doc)
            item = roles.get((r.title.casefold(), r.organization))
            if item is None:
                item = roles[(r.title.casefold(), r.organization)] = {
                    "title": r.title, "organization": idx.ref(r.organization), "country": r.country,
                    "first": when, "last": when, "documents": {}}
            if when:
                if item["first"] is None or when < item["first"]:
                    item["first"] = when
                if item["last"] is None or when > item["last"]:
                    item["last"] = when
            item["documents"][r.doc] = when or ""
        for item in roles.values():  # the documents that attest a role: the first 20, in date order
            docs_of = sorted(item["documents"], key=lambda d: (item["documents"][d], d))
            item["documents_total"] = len(docs_of)
            item["documents"] = docs_of[:20]
        role_list = sorted(roles.values(), key=lambda r: (_sort_date(r["first"]), r["title"]))
        # every report that names the entity (each links to its own document's account of the event)
        events = sorted(idx.by_entity_events.get(key, []), key=lambda e: (_sort_date(e.date_from), e.doc, e.id))
        co = Counter()
        for ev in events:
            for other in {k for k, _ in ev.participants}:
                if other != key:
                    co[other] += 1
        docs = sorted(agg.docs, key=lambda d: idx.published(d) or "", reverse=True)
        agreements = idx.by_entity_agreements.get(key, [])
        shown = events[-events_limit:] if events_limit else events
        return {
            **agg.summary(), "names": [n for n, _ in agg.names.most_common(50)],
            "roles": role_list,
            "events": [self._event_summary(e) for e in shown], "events_total": len(events),
            "co_participants": [{**idx.ref(k), "events": n} for k, n in co.most_common(30)],
            "agreements": [self._agreement_summary(a) for a in agreements[-100:]],
            "agreements_total": len(agreements),
            "documents": [self._doc_summary(idx.docs[d]) for d in docs[:documents_limit] if d in idx.docs],
            "documents_total": len(docs),
        }

    # -- events ------------------------------------------------------------------------------------
    def _event_summary(self, ev: EventFact) -> dict:
        idx = self.index()
        meta = idx.docs.get(ev.doc)
        return {"key": ev.key, "document": ev.doc, "id": ev.id, "type": ev.type, "status": ev.status,
                "start": ev.start, "end": ev.end, "name": ev.name, "ordinal": ev.ordinal,
                "location": idx.ref(ev.location), "series": ev.series, "parent": ev.parent,
                "participants": [{**(idx.ref(k) or {"key": k, "name": k}), "role": role}
                                 for k, role in ev.participants],
                "evidence": ev.evidence, "published": meta.published if meta else None,
                "document_title": meta.title if meta else ev.doc, "corrected": ev.corrected}

    def _select_events(self, *, type: str | None = None, status: str | None = None, from_: str | None = None,
                       to: str | None = None, entity: str | None = None, topic: str | None = None,
                       country: str | None = None, series: str | None = None, document: str | None = None,
                       dated: bool = False) -> list[EventFact]:
        idx = self.index()
        pool = idx.events_of(entity) if entity else idx.events.values()
        # one document: its own reports; across documents: each event once, as the knowledge base knows it
        pool = [e for e in pool if e.doc == document] if document else idx.once(pool)
        lo, hi = period_bounds((from_, to))
        bounded = bool(from_ or to)
        types = {t.upper() for t in type.split(",")} if type else None
        out = []
        for ev in pool:
            if types and ev.type not in types:
                continue
            if status and ev.status != status:
                continue
            if series and ev.series != series:
                continue
            if (dated or bounded) and not ev.date_from:
                continue
            if bounded and not (ev.date_from <= hi and (ev.date_to or ev.date_from) >= lo):
                continue
            if topic and topic not in {t[0] for t in idx.docs[ev.doc].topics}:
                continue
            if country:
                c = country.upper()
                keys = {k for k, _ in ev.participants} | ({ev.location} if ev.location else set())
                if not any((idx.entities[k].iso or "") == c for k in keys if k in idx.entities):
                    continue
            out.append(ev)
        out.sort(key=lambda e: (_sort_date(e.date_from), e.doc, e.id))
        return out

    def events(self, *, limit: int = 50, offset: int = 0, **filters) -> tuple[list[dict], int]:
        items = self._select_events(**filters)
        page, total = _page(items, limit, offset)
        return [self._event_summary(e) for e in page], total

    def event(self, doc_id: str, event_id: str, lang: str = "en") -> dict:
        fixed = self.corrected(doc_id)
        rec = fixed.record
        ev = next((e for e in rec.events if e.id == event_id), None)
        if ev is None:
            raise NotFound(f"no event {event_id!r} in document {doc_id!r}")
        idx = self.index()
        key_of = {e.id: idx.member_key.get((doc_id, e.id)) or entity_key(e.type, e.name, e.kind, e.iso,
                                                                            e.gazetteer_id)
                  for e in rec.entities}
        row = self._event_row(rec, ev, key_of, fixed)
        parent = next((e for e in rec.events if e.id == ev.parent), None) if ev.parent else None
        children = [e for e in rec.events if e.parent == ev.id]
        agreements = [a for a in rec.agreements if a.event == ev.id or
                      (a.event and any(c.id == a.event for c in children))]
        meta = idx.docs.get(doc_id)
        fact = idx.events.get((doc_id, event_id))
        kb_event = idx.kb.events.get((doc_id, event_id)) if idx.kb is not None else None
        # the knowledge base (corrections applied) says which reports tell this event and where they disagree
        reports = [(idx.events[src], 1.0) for src in idx.kb.sources.get(kb_event, [])
                   if src != (doc_id, event_id) and src in idx.events] if kb_event is not None else []
        conflicts = list(idx.kb.conflicts.get(kb_event, [])) if kb_event is not None else []
        series_key = fact.series if fact is not None else None
        row["series"] = series_key
        row["series_name"] = (idx.series_names.get(series_key) or _series_name(idx.series.get(series_key, []),
                                                                                series_key)) if series_key else None
        row["kb_event"] = kb_event
        return {
            **row, "document": {"id": doc_id, "title": meta.title if meta else doc_id,
                                "published": rec.document.published, "url": rec.document.url,
                                "language": rec.document.language},
            "parent_event": self._event_row(rec, parent, key_of, fixed) if parent else None,
            "sub_events": [self._event_row(rec, c, key_of, fixed) for c in children],
            "agreements": [{"id": a.id, "kind": a.kind, "title": a.title, "signed": a.signed,
                            "parties": [{"key": key_of.get(p), "name": rec.entity_name(p)} for p in a.parties],
                            "corrections": fixed.corrections_of("agreement", a.id)} for a in agreements],
            "sources": [{"document": doc_id, "event": event_id, "title": meta.title if meta else doc_id,
                         "published": rec.document.published, "evidence": ev.evidence.text, "this": True}]
            + [{"document": r.doc, "event": r.id, "title": idx.docs[r.doc].title, "evidence": r.evidence,
                "published": idx.published(r.doc), "this": False, "score": s} for r, s in reports],
            "conflicts": conflicts,
            "series_events": [self._event_summary(e) for e in idx.series.get(series_key, [])] if series_key else [],
            "history": [c for c in self.corrections.for_document(doc_id, include_reverted=True)
                        if c.target == "event" and c.target_id == event_id
                        or c in fixed.corrections_of("event", event_id)],
            "entities": [{"id": e.id, "name": e.name, "type": e.type} for e in rec.entities],
        }

    # -- agreements -----------------------------------------------------------------------------------
    def _agreement_summary(self, a: AgreementFact) -> dict:
        idx = self.index()
        meta = idx.docs.get(a.doc)
        return {"document": a.doc, "id": a.id, "kind": a.kind, "title": a.title, "signed": a.signed,
                "event": event_key(a.doc, a.event) if a.event else None,
                "parties": [idx.ref(k) for k in a.parties if idx.ref(k)],
                "document_title": meta.title if meta else a.doc, "published": meta.published if meta else None,
                "corrected": a.corrected}

    def agreements(self, *, kind: str | None = None, party: str | None = None, from_: str | None = None,
                   to: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        idx = self.index()
        pool = idx.by_entity_agreements.get(party, []) if party else list(idx.agreements.values())
        lo, hi = period_bounds((from_, to))
        out = []
        for a in pool:
            if kind and a.kind != kind:
                continue
            when = a.signed or idx.published(a.doc)
            if (from_ or to) and not (when and date_bounds(when)[0] <= hi and date_bounds(when)[1] >= lo):
                continue
            out.append(a)
        out.sort(key=lambda a: (a.signed or idx.published(a.doc) or "", a.doc, a.id), reverse=True)
        page, total = _page(out, limit, offset)
        return [self._agreement_summary(a) for a in page], total

    # -- series ---------------------------------------------------------------------------------------
    def series_list(self, *, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        idx = self.index()
        items = []
        for key, evs in idx.series.items():
            dated = sorted(e.date_from for e in evs if e.date_from)
            items.append({"key": key, "name": idx.series_names.get(key) or _series_name(evs, key), "events": len(evs),
                          "documents": len({e.doc for e in evs}), "first": dated[0] if dated else None,
                          "last": dated[-1] if dated else None})
        items.sort(key=lambda s: (-s["events"], s["name"]))
        return _page(items, limit, offset)

    def series(self, key: str) -> dict:
        idx = self.index()
        evs = idx.series.get(key)
        if not evs:
            raise NotFound(f"no series {key!r}")
        ordered = sorted(evs, key=lambda e: (e.ordinal if e.ordinal is not None else 10**6,
                                             _sort_date(e.date_from), e.doc))
        people = Counter(k for e in evs for k in {k for k, _ in e.participants})
        places = Counter(e.location for e in evs if e.location)
        return {"key": key, "name": idx.series_names.get(key) or _series_name(evs, key),
                "events": [self._event_summary(e) for e in ordered],
                "participants": [{**idx.ref(k), "events": n} for k, n in people.most_common(20) if idx.ref(k)],
                "places": [{**idx.ref(k), "events": n} for k, n in places.most_common(10) if idx.ref(k)]}

    # -- timeline -------------------------------------------------------------------------------------
    def timeline(self, *, from_: str | None = None, to: str | None = None, granularity: str | None = None,
                 limit: int = 200, offset: int = 0, **filters) -> dict:
        events = self._select_events(from_=from_, to=to, dated=True, **filters)
        if granularity not in GRANULARITIES:
            granularity = _auto_granularity(events)
        width = {"year": 4, "month": 7, "day": 10}[granularity]
        buckets: Counter = Counter()
        by_type: dict[str, Counter] = defaultdict(Counter)
        for ev in events:
            b = ev.date_from[:width]
            buckets[b] += 1
            by_type[b][ev.type] += 1
        page = events[offset:offset + limit]
        return {"from": from_, "to": to, "granularity": granularity, "total": len(events),
                "buckets": [{"key": k, "count": buckets[k], "types": dict(by_type[k])} for k in sorted(buckets)],
                "events": [self._event_summary(e) for e in page], "limit": limit, "offset": offset}

    # -- graph --------------------------------------------------------------------------------------------
    def graph(self, *, entity: str | None = None, types: str | None = None, min_weight: int = 1,
              limit: int = 80) -> dict:
        """Entities as nodes; an edge where two took part in the same event (or are parties to the
        same agreement), weighted by how many."""
        idx = self.index()
        allowed = {t.strip().upper() for t in types.split(",")} if types else {"PER", "ORG", "LOC"}
        weights: Counter = Counter()
        kinds: dict[tuple[str, str], set[str]] = defaultdict(set)

        def connect(keys: list[str], kind: str) -> None:
            keys = sorted({k for k in keys if k in idx.entities and idx.entities[k].type in allowed})
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    weights[(a, b)] += 1
                    kinds[(a, b)].add(kind)

        events = idx.events_of(entity) if entity else idx.once(idx.events.values())
        for ev in events:
            connect([k for k, _ in ev.participants], "event")
        agreements = idx.by_entity_agreements.get(entity, []) if entity else idx.agreements.values()
        for a in agreements:
            connect(a.parties, "agreement")
        edges = [(a, b, w) for (a, b), w in weights.items() if w >= max(1, min_weight)]
        if entity:
            edges = [(a, b, w) for a, b, w in edges if entity in (a, b)] + \
                    [(a, b, w) for a, b, w in edges if entity not in (a, b)]
        degree: Counter = Counter()
        for a, b, w in edges:
            degree[a] += w
            degree[b] += w
        keep = {k for k, _ in degree.most_common(max(1, limit))}
        if entity and entity in idx.entities:
            keep.add(entity)
        edges = [(a, b, w) for a, b, w in edges if a in keep and b in keep]
        nodes = [{"id": k, "name": idx.name(k), "type": idx.entities[k].type, "weight": degree.get(k, 0),
                  "documents": len(idx.entities[k].docs)} for k in sorted(keep)]
        return {"center": entity, "nodes": nodes,
                "edges": [{"source": a, "target": b, "weight": w, "kinds": sorted(kinds[(a, b)])}
                          for a, b, w in edges]}

    # -- topics --------------------------------------------------------------------------------------------
    def topic_trend(self, *, from_: str | None = None, to: str | None = None, lang: str = "en",
                    top: int = 8) -> dict:
        """Events per topic per month (an event counts for the topics of its document)."""
        idx = self.index()
        if not from_ and not to:  # the period the corpus covers, not every date it mentions
            published = sorted(d.published for d in idx.docs.values() if d.published)
            if published:
                from_, to = str(int(published[0][:4]) - 1) + published[0][4:7], \
                    str(int(published[-1][:4]) + 1) + published[-1][4:7]
        events = self._select_events(from_=from_, to=to, dated=True)
        counts: dict[str, Counter] = defaultdict(Counter)
        for ev in events:
            month = ev.date_from[:7]
            for t in dict.fromkeys(t[0] for t in idx.docs[ev.doc].topics):
                counts[t][month] += 1
        months = _months(min((m for c in counts.values() for m in c), default=None),
                         max((m for c in counts.values() for m in c), default=None))
        totals = Counter({t: sum(c.values()) for t, c in counts.items()})
        series = [{"topic": t, "label": topic_label(t, t, lang), "total": n, "counts": [counts[t][m] for m in months]}
                  for t, n in totals.most_common(top)]
        return {"months": months, "series": series, "from": from_, "to": to}

    # -- corrections -------------------------------------------------------------------------------------
    def add_correction(self, doc_id: str, op: str, fact_id: str, value: dict | None, *, author: str,
                       reason: str) -> Correction:
        record = self.corrected(doc_id).record
        try:
            c = self.corrections.add(record, op, fact_id, value, author=author, reason=reason)
        finally:
            self.invalidate()
        self._relink(doc_id)
        return c

    def revert_correction(self, correction_id: int, *, by: str) -> Correction:
        c = self.corrections.revert(correction_id, by=by)
        self.invalidate()
        if c is None:
            raise NotFound(f"no correction {correction_id}")
        self._relink(c.document_id)
        return c

    def _relink(self, doc_id: str) -> None:
        """Link the document into the knowledge base again, so that what it derives (and exports) can
        follow the correction."""
        from ..link.kb import link_document

        try:
            link_document(self.store, doc_id)  # the linker reads the corrected Record
        except Exception:  # the correction is stored whatever linking does
            log.exception("re-linking %s after a correction failed", doc_id)
        self.invalidate()

    def correction(self, correction_id: int) -> Correction:
        c = self.corrections.get(correction_id)
        if c is None:
            raise NotFound(f"no correction {correction_id}")
        return c

    def list_corrections(self, **kw) -> tuple[list[Correction], int]:
        return self.corrections.list(**kw)

    # -- merges and splits (the knowledge base) ---------------------------------------------------------
    def _knowledge_base(self):
        try:
            from ..link import KnowledgeBase
        except ImportError as exc:
            raise CorrectionError("the knowledge base (communique.link) is not installed") from exc
        return KnowledgeBase(self.store)

    def _kb_call(self, fn):
        from ..link.kb import KbError

        try:
            return fn()
        except KbError as exc:
            raise CorrectionError(str(exc)) from exc
        finally:
            self.invalidate()

    def merge_entities(self, a: str, b: str, *, who: str, why: str) -> dict:
        """Two entities are one (a missed merge): recorded with who and why in the knowledge base's audit
        log, replayed after every relink and re-extraction."""
        if not (why or "").strip():
            raise CorrectionError("say why: a merge needs a reason")
        kb = self._knowledge_base()
        return self._kb_call(lambda: kb.merge(a, b, who=who, why=why.strip()))

    def split_entity(self, key: str, aliases: list[str], *, who: str, why: str) -> dict:
        """A wrong merge: the mentions named `aliases` are someone else. Recorded like a merge."""
        if not (why or "").strip():
            raise CorrectionError("say why: a split needs a reason")
        kb = self._knowledge_base()
        return self._kb_call(lambda: kb.split(key, aliases, who=who, why=why.strip()))

    def entity_audit(self) -> list[dict]:
        """The manual merges and splits, newest first."""
        try:
            kb = self._knowledge_base()
            rows = kb.audit_log()
        except Exception:
            return []
        out = []
        for r in reversed(rows):
            payload = r.get("payload") or {}
            if isinstance(payload, str):
                payload = json.loads(payload)
            out.append({"id": r["pk"], "at": r["at"], "action": r["action"], "who": r["who"], "why": r["why"],
                        "payload": payload})
        return out

    # -- exports ----------------------------------------------------------------------------------------------
    def export_formats(self) -> dict[str, str]:
        """{format: media type} of every export this installation can make."""
        out = dict(EXPORT_FORMATS)
        try:
            import icalendar  # noqa: F401
            import networkx  # noqa: F401

            from .. import export  # noqa: F401
            from ..link import KnowledgeBase  # noqa: F401
        except ImportError:
            return out
        return {**out, **KB_EXPORT_FORMATS}

    def export_kb(self, fmt: str) -> bytes:
        """The knowledge base as JSON-LD, PLOVER, iCalendar or GraphML (communique.export)."""
        from ..link import KnowledgeBase

        kb = KnowledgeBase(self.store)
        if fmt == "jsonld":
            from ..export.jsonld import to_jsonld

            return json.dumps(to_jsonld(kb), ensure_ascii=False, indent=1).encode("utf-8")
        if fmt == "plover":
            from ..export.plover import to_plover

            return json.dumps(to_plover(kb), ensure_ascii=False, indent=1).encode("utf-8")
        if fmt == "ics":
            from ..export.ical import to_ics

            return to_ics(kb)
        if fmt == "graphml":
            import networkx as nx

            from ..export.graphml import to_graph

            buf = io.BytesIO()
            nx.write_graphml(to_graph(kb), buf)
            return buf.getvalue()
        raise ValueError(f"unknown export format {fmt!r}")

    def export(self, fmt: str, *, doc_ids: list[str] | None = None) -> Iterator[str]:
        """Corrected Records as JSON Lines or a JSON array, or corrected events as CSV."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
        records = corrected_records(self.store, doc_ids)
        if fmt == "jsonl":
            for rec in records:
                yield rec.to_json() + "\n"
        elif fmt == "json":
            yield "["
            for n, rec in enumerate(records):
                yield ("," if n else "") + "\n" + rec.to_json()
            yield "\n]\n"
        else:
            buf = io.StringIO()
            writer = csv.writer(buf)
            writer.writerow(["document", "event", "type", "status", "start", "end", "location", "participants",
                             "name", "parent", "series", "evidence"])
            yield buf.getvalue()
            for rec in records:
                for ev in rec.events:
                    buf.seek(0)
                    buf.truncate()
                    writer.writerow([rec.document.id, ev.id, ev.type, ev.status, ev.start or "", ev.end or "",
                                     rec.entity_name(ev.location) or "",
                                     "; ".join(n for n in (rec.entity_name(p.entity) for p in ev.participants)
                                               if n), ev.name or "", ev.parent or "", ev.series or "",
                                     ev.evidence.text])
                    yield buf.getvalue()


def _series_name(events: list[EventFact], key: str) -> str:
    """The name of a series the knowledge base has not named: its first named event's, without the ordinal."""
    from ..link.series import series_name

    return next((series_name(ev.name) for ev in events if ev.name), key)


def _auto_granularity(events: list[EventFact]) -> str:
    dates = [e.date_from for e in events if e.date_from]
    if not dates:
        return "month"
    span = (date.fromisoformat(max(dates)) - date.fromisoformat(min(dates))).days
    if span > 3 * 366:
        return "year"
    if span > 62:
        return "month"
    return "day"


def _months(first: str | None, last: str | None) -> list[str]:
    if not first or not last:
        return []
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 240:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def highlight(rec: Record, key_of: dict[str, str | None], fixed: CorrectedRecord | None = None,
              lang: str = "en", cited: list[tuple[int, int]] = ()) -> Markup:
    """The document text as HTML, every fact marked at its evidence and linked to its entity or event,
    and each `cited` span (a sentence an answer cites) marked as such.

    Every piece of text is escaped here (markupsafe): the document's own markup is shown, never run."""
    from urllib.parse import quote

    text = rec.document.text or ""
    doc_id = rec.document.id
    facts: list[dict] = []
    for ev in rec.events:
        corrected = bool(fixed and fixed.corrections_of("event", ev.id))
        facts.append({"start": ev.evidence.start, "end": ev.evidence.end, "kind": "event", "id": ev.id,
                      "label": translate(lang, f"type.{ev.type}"), "href": f"/events/{quote(doc_id, safe='')}/{quote(ev.id, safe='')}",
                      "corrected": corrected})
    for a in rec.agreements:
        corrected = bool(fixed and fixed.corrections_of("agreement", a.id))
        facts.append({"start": a.evidence.start, "end": a.evidence.end, "kind": "agreement", "id": a.id,
                      "label": translate(lang, f"kind.{a.kind}") if a.kind else "", "href": f"#agreement-{a.id}", "corrected": corrected})
    for e in rec.entities:
        for n, r in enumerate(e.roles):
            if r.evidence is not None:
                facts.append({"start": r.evidence.start, "end": r.evidence.end, "kind": "role",
                              "id": f"{e.id}-r{n}", "label": r.title, "chip": translate(lang, "chip.role"), "href": _entity_href(key_of.get(e.id)),
                              "corrected": False})
    facts += [{"start": a, "end": b, "kind": "cited", "id": str(n), "chip": None} for n, (a, b) in enumerate(cited)]
    facts = [f for f in facts if 0 <= f["start"] < f["end"] <= len(text)]
    mentions = [m for m in rec.mentions if 0 <= m.start < m.end <= len(text)]
    corrected_entities = {e for (kind, e) in (fixed.marks if fixed else {}) if kind == "entity"}

    bounds = {0, len(text)}
    for f in facts:
        bounds.update((f["start"], f["end"]))
    for m in mentions:
        bounds.update((m.start, m.end))
    points = sorted(bounds)
    ends_at: dict[int, list[dict]] = defaultdict(list)
    for f in facts:
        ends_at[f["end"]].append(f)

    out: list[str] = []
    open_facts: tuple = ()
    open_mention = None
    open_tag = ""
    for a, b in zip(points, points[1:], strict=False):
        covering = tuple(sorted((f["kind"], f["id"]) for f in facts if f["start"] <= a and f["end"] >= b))
        inside = [m for m in mentions if m.start <= a and m.end >= b]
        mention = max(inside, key=lambda m: (m.end - m.start, -m.start)) if inside else None
        if covering != open_facts:
            if open_mention is not None:
                out.append(open_tag)
                open_mention = None
            if open_facts:
                out.append("</mark>")
            _chips(out, ends_at.get(a, []), open_facts)
            if covering:
                kinds = " ".join(sorted({k for k, _ in covering}))
                ids = " ".join(f"{k}-{i}" for k, i in covering)
                first = next((f"{k}-{i}" for k, i in covering if k == "event"), f"{covering[0][0]}-{covering[0][1]}")
                out.append(str(Markup('<mark class="fact {}" id="fact-{}" data-facts="{}">').format(
                    kinds, first, ids)))
            open_facts = covering
        elif open_facts:
            _chips(out, [f for f in ends_at.get(a, []) if (f["kind"], f["id"]) not in open_facts], ())
        if mention is not open_mention:
            if open_mention is not None:
                out.append(open_tag)
            if mention is not None:
                key = key_of.get(mention.entity) if mention.entity else None
                cls = f"mention {mention.type}" + (" corrected" if mention.entity in corrected_entities else "")
                if key:
                    out.append(str(Markup('<a class="{}" href="{}" data-entity="{}">').format(
                        cls, _entity_href(key), mention.entity)))
                    open_tag = "</a>"
                else:
                    out.append(str(Markup('<span class="{}">').format(cls)))
                    open_tag = "</span>"
            open_mention = mention
        out.append(str(escape(text[a:b])))
    if open_mention is not None:
        out.append(open_tag)
    if open_facts:
        out.append("</mark>")
    _chips(out, ends_at.get(len(text), []), open_facts)
    return Markup("".join(out))


def _entity_href(key: str | None) -> str:
    from urllib.parse import quote

    return "/entities/" + quote(key, safe="") if key else "#"


def _chips(out: list[str], ending: list[dict], _closing: tuple) -> None:
    for f in ending:
        if f["kind"] == "cited":  # a cited sentence has no chip
            continue
        cls = f"chip {f['kind']}" + (" corrected" if f["corrected"] else "")
        out.append(str(Markup('<a class="{}" href="{}" title="{}">{}{}</a>').format(
            cls, f["href"], f["label"], f.get("chip") or f["label"],
            " ✎" if f["corrected"] else "")))

