"""PLOVER-style event JSON: one object per kb event with its actor and recipient, PLOVER event
category and mode, context (the topics of its sources), date, location, source text and URL — and
every source that reported it, since one event may have several."""

from __future__ import annotations

# What each object holds (validated in the tests with jsonschema).
SCHEMA = {
    "type": "object",
    "required": ["id", "event_type", "mode", "event_date", "actor", "recipient", "context", "location",
                 "source_text", "source_url", "sources"],
    "properties": {
        "id": {"type": "string"},
        "event_type": {"type": "string"},
        "mode": {"type": ["string", "null"]},
        "event_date": {"type": ["string", "null"]},
        "event_date_end": {"type": ["string", "null"]},
        "actor": {"type": ["object", "null"], "required": ["id", "name", "type"]},
        "recipient": {"type": ["object", "null"]},
        "context": {"type": "array", "items": {"type": "string"}},
        "location": {"type": ["object", "null"]},
        "source_text": {"type": ["string", "null"]},
        "source_url": {"type": ["string", "null"]},
        "sources": {"type": "array", "minItems": 1},
        "conflicts": {"type": "array"},
    },
}
# Event types without a PLOVER category in the Record fall back to these.
FALLBACK = {"MEETING": "CONSULT", "VISIT": "CONSULT", "FORUM": "CONSULT", "SESSION": "CONSULT",
            "SPEECH": "CONSULT", "CALL": "CONSULT", "SIGNING": "AGREE", "ACCESSION": "COOPERATE",
            "FOUNDING": "COOPERATE"}
_LEAD_ROLES = ("host", "organizer", "chair", "speaker")


def _actor(p: dict | None) -> dict | None:
    if p is None:
        return None
    return {"id": p["id"], "name": p["name"], "type": p["type"], "country": p.get("iso")}


def to_plover(kb, topics: dict[str, list[str]] | None = None) -> list[dict]:
    topics = topics if topics is not None else _topics(kb)
    out = []
    for ev in kb.timeline():
        agents = [p for p in ev["participants"] if p["type"] in ("PER", "ORG") and not p.get("inherited")]
        agents += [p for p in ev["participants"] if p["type"] in ("PER", "ORG") and p.get("inherited")]
        lead = next((p for p in agents if p.get("role") in _LEAD_ROLES), agents[0] if agents else None)
        rest = [p for p in agents if p is not lead]
        recipient = next((p for p in rest if not lead or p.get("iso") != lead.get("iso")), rest[0] if rest else None)
        first = ev["sources"][0] if ev["sources"] else {}
        context = []
        for s in ev["sources"]:
            for t in topics.get(s["document_id"], []):
                if t not in context:
                    context.append(t)
        loc = ev["location"]
        out.append({
            "id": ev["id"], "event_type": (ev["plover"] or {}).get("code") or FALLBACK.get(ev["type"], "CONSULT"),
            "mode": (ev["plover"] or {}).get("mode"), "kb_type": ev["type"], "status": ev["status"],
            "event_date": ev["start"], "event_date_end": ev["end"],
            "actor": _actor(lead), "recipient": _actor(recipient),
            "participants": [_actor(p) for p in agents], "context": context,
            "location": {"id": loc["id"], "name": loc["name"], "country": loc.get("iso")} if loc else None,
            "name": ev["name"], "source_text": first.get("evidence"), "source_url": first.get("url"),
            "sources": [{"document_id": s["document_id"], "source": s["source"], "url": s["url"],
                         "published": s["published"], "date": s["start"], "text": s["evidence"]}
                        for s in ev["sources"]],
            "conflicts": ev["conflicts"],
        })
    return out


def _topics(kb) -> dict[str, list[str]]:
    from sqlalchemy import select

    from ..store.schema import TopicRow

    T = TopicRow.__table__
    out: dict[str, list[str]] = {}
    with kb.store.engine.connect() as conn:
        for r in conn.execute(select(T.c.document_id, T.c.topic_id).order_by(T.c.document_id, T.c.score.desc())):
            out.setdefault(r.document_id, []).append(r.topic_id)
    return out
