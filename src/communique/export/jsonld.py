"""JSON-LD of the knowledge base with schema.org types: Event (with its sources as NewsArticle via
`subjectOf`, its place, attendees, series as `superEvent`), Person (`alternateName`, `jobTitle`,
`affiliation`, `nationality`), Organization, Place (Country with its ISO 3166 code, City with its
country), EventSeries. The context is inline, so the document expands without the network."""

from __future__ import annotations

CONTEXT = {"@vocab": "https://schema.org/", "kb": "urn:communique:kb:"}
_STATUS = {"occurred": "https://schema.org/EventScheduled", "ongoing": "https://schema.org/EventScheduled",
           "planned": "https://schema.org/EventScheduled"}


def _ref(eid: str) -> dict:
    return {"@id": f"kb:{eid}"}


def to_jsonld(kb) -> dict:
    graph: list[dict] = []
    entities = kb.entities()
    roles_by_person: dict[str, list] = {}
    for e in entities:
        if e["type"] == "PER":
            roles_by_person[e["id"]] = kb.roles(e["id"])
    for e in entities:
        names = e["names"] or {}
        node = {"@id": f"kb:{e['id']}", "name": e["name"],
                "alternateName": sorted({*e["aliases"], *names.values()} - {e["name"]})}
        if e["type"] == "PER":
            node["@type"] = "Person"
            roles = roles_by_person.get(e["id"], [])
            if roles:
                node["jobTitle"] = [r["title"] for r in roles]
                orgs = [r["organization"]["id"] for r in roles if r.get("organization")]
                if orgs:
                    node["affiliation"] = [_ref(o) for o in dict.fromkeys(orgs)]
            if e["iso"]:
                node["nationality"] = {"@type": "Country", "identifier": e["iso"]}
        elif e["type"] == "ORG":
            node["@type"] = "Organization"
            if e["gazetteer_id"]:
                node["identifier"] = e["gazetteer_id"]
            if e["iso"]:
                node["address"] = {"@type": "PostalAddress", "addressCountry": e["iso"]}
        else:
            node["@type"] = "Country" if e["kind"] == "country" else ("City" if e["kind"] == "city" else "Place")
            if e["iso"]:
                node["address"] = {"@type": "PostalAddress", "addressCountry": e["iso"]}
                if e["kind"] == "country":
                    node["identifier"] = e["iso"]
        graph.append(node)
    for s in kb.series():
        graph.append({"@id": f"kb:{s['id']}", "@type": "EventSeries", "name": s["name"],
                      "subEvent": [_ref(ev["id"]) for ev in s["events"]]})
    for ev in kb.timeline():
        node = {"@id": f"kb:{ev['id']}", "@type": "Event", "name": ev["name"] or _title(ev),
                "additionalType": ev["type"], "eventStatus": {"@id": _STATUS.get(ev["status"], _STATUS["occurred"])}}
        if ev["start"]:
            node["startDate"] = ev["start"]
        if ev["end"]:
            node["endDate"] = ev["end"]
        if ev["location"]:
            node["location"] = _ref(ev["location"]["id"])
        attendees = [p for p in ev["participants"] if p["type"] in ("PER", "ORG")]
        if attendees:
            node["attendee"] = [_ref(p["id"]) for p in attendees]
        if ev["series"]:
            node["superEvent"] = _ref(ev["series"]["id"])
        elif ev["parent"]:
            node["superEvent"] = _ref(ev["parent"])
        node["subjectOf"] = [{"@type": "NewsArticle", "url": s["url"], "headline": s["title"],
                              "datePublished": s["published"], "publisher": {"@type": "Organization", "name": s["source"]},
                              "text": s["evidence"]} for s in ev["sources"]]
        graph.append(node)
    return {"@context": CONTEXT, "@graph": graph}


def _title(ev: dict) -> str:
    names = [p["name"] for p in ev["participants"] if p["type"] in ("PER", "ORG")][:3]
    return f"{ev['type'].title()}: {', '.join(names)}" if names else ev["type"].title()
