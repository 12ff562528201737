"""Exports of the knowledge base, each in a format other tools read.

- `jsonld`   JSON-LD with schema.org Event, Person, Organization, Place (Country, City), EventSeries;
- `plover`   PLOVER-style event JSON: actor, recipient, event category, mode, context, date, location,
             source text, source URL (one object per kb event, every source kept);
- `tables`   CSV and Parquet tables: documents, entities, mentions, events, participants, agreements,
             series;
- `ical`     iCalendar (.ics): one VEVENT per event dated to the day;
- `graphml`  GraphML of the co-participation graph (who met whom, weighted).

    >>> from communique.export import export
    >>> export(store, "jsonld", "kb.jsonld")
"""

from __future__ import annotations

from pathlib import Path

FORMATS = ("jsonld", "plover", "csv", "parquet", "ics", "graphml")
SUFFIX = {"jsonld": ".jsonld", "plover": ".json", "csv": "", "parquet": "", "ics": ".ics", "graphml": ".graphml"}


def export(store, fmt: str, out: str | Path) -> list[Path]:
    """Write the knowledge base of `store` in `fmt` to `out` (a file; a folder for csv and parquet);
    returns the paths written."""
    from ..link import KnowledgeBase

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    kb = KnowledgeBase(store)
    out = Path(out)
    if fmt in ("csv", "parquet"):
        from . import tables

        return tables.write(kb, out, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonld":
        from . import jsonld

        jsonld.write(kb, out)
    elif fmt == "plover":
        from . import plover

        plover.write(kb, out)
    elif fmt == "ics":
        from . import ical

        ical.write(kb, out)
    else:
        from . import graphml

        graphml.write(kb, out)
    return [out]
