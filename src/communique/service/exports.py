"""Exports: corrected Records as JSON Lines, a JSON array or CSV of events, and the knowledge base
as JSON-LD, PLOVER, iCalendar or GraphML (`communique.export`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..corrections import corrected_records
from .base import ServiceBase

EXPORT_FORMATS = {"jsonl": "application/x-ndjson", "json": "application/json", "csv": "text/csv"}
# exports of the knowledge base (communique.export), when it and its libraries are installed
KB_EXPORT_FORMATS = {"jsonld": "application/ld+json", "plover": "application/json", "ics": "text/calendar",
                     "graphml": "application/xml"}


class Exports(ServiceBase):
    """Exports of Records and of the knowledge base."""

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
        """The knowledge base as JSON-LD, PLOVER, iCalendar or GraphML (`communique.export.render`)."""
        from ..export import render
        from ..link import KnowledgeBase

        return render(KnowledgeBase(self.store), fmt)

    def export_files(self, fmt: str, out: str | Path) -> list[Path]:
        """The knowledge base written to `out` in any of `communique.export.FORMATS` (csv and parquet:
        a folder of tables); the paths written."""
        from ..export import export

        return export(self.store, fmt, out)

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

