"""iCalendar (.ics) of the events dated to the day: one VEVENT each (all-day; DTEND exclusive), with
its place, participants, sources and a flag when its reports disagree. Events known only to the
month or year are left out: a calendar entry must not claim a day the texts do not give."""

from __future__ import annotations

import datetime as dt


def to_ics(kb) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Communique//knowledge base//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Communiqué events")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for ev in kb.timeline():
        if not ev["start"] or len(ev["start"]) != 10:
            continue
        start = dt.date.fromisoformat(ev["start"])
        end = dt.date.fromisoformat(ev["end"]) if ev["end"] and len(ev["end"]) == 10 else start
        item = Event()
        item.add("uid", f"{ev['id']}@communique")
        item.add("dtstamp", stamp)
        item.add("dtstart", start)
        item.add("dtend", end + dt.timedelta(days=1))
        people = [p["name"] for p in ev["participants"] if p["type"] in ("PER", "ORG")]
        item.add("summary", ev["name"] or f"{ev['type'].title()}: {', '.join(people[:3])}".rstrip(": "))
        if ev["location"]:
            item.add("location", ev["location"]["name"])
        lines = []
        if people:
            lines.append("Participants: " + ", ".join(people))
        for c in ev["conflicts"]:
            lines.append(f"Conflict ({c['field']}): " + "; ".join(
                f"{o['value']} ({', '.join(s['source'] or s['document_id'] for s in o['sources'])})"
                for o in c["observed"]))
        for s in ev["sources"]:
            lines.append(f"Source: {s['source'] or s['document_id']} {s['url'] or ''}".strip())
        item.add("description", "\n".join(lines))
        if ev["sources"] and ev["sources"][0]["url"]:
            item.add("url", ev["sources"][0]["url"])
        item.add("categories", [ev["type"]])
        item.add("status", "TENTATIVE" if ev["status"] == "planned" else "CONFIRMED")
        if ev["conflict"]:
            item.add("x-communique-conflict", "TRUE")
        cal.add_component(item)
    return cal.to_ical()
