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


FILE_FORMATS = ("jsonld", "plover", "ics", "graphml")  # one file each, made by `render`


def render(kb, fmt: str) -> bytes:
    """The knowledge base `kb` in one of the one-file formats, as bytes (what a file export writes and
    what the API sends)."""
    import json

    if fmt == "jsonld":
        from .jsonld import to_jsonld

        return json.dumps(to_jsonld(kb), ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "plover":
        from .plover import to_plover

        return json.dumps(to_plover(kb), ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "ics":
        from .ical import to_ics

        return to_ics(kb)
    if fmt == "graphml":
        import io

        import networkx as nx

        from .graphml import to_graph

        buf = io.BytesIO()
        nx.write_graphml(to_graph(kb), buf)
        return buf.getvalue()
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FILE_FORMATS)}")


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
    out.write_bytes(render(kb, fmt))
    return [out]
