"""The service layer: every question the pages (`web/`), the JSON API (`api/`) and the command line
(`cli/`) ask of the stored documents and the knowledge base, answered once.

    >>> from communique.service import Service
    >>> svc = Service(store)
    >>> svc.search("визит", filters={"country": ["KZ"]}); svc.entity(key); svc.timeline(from_="2025")

One module per job, each a mixin of `Service`:

- `documents`    the list, one document, its corrected Record, what its page shows;
- `search`       hybrid search with facets and each hit's key facts;
- `entities`     entities, profiles, the co-participation graph;
- `events`       events, one event's other reports and conflicts, agreements, series, timeline, trends;
- `corrections`  the analysts' corrections, merges and splits;
- `exports`      Records and the knowledge base in the export formats.

`facts` holds the in-memory `FactIndex` the cross-document views read, `base` its cache. The service
decides nothing about identity: which mentions are one entity, which reports one event, which events
one series is `communique.link`'s decision, read from the knowledge base. `web/` renders what the
service returns, `api/` serializes it.
"""

from __future__ import annotations

from ..corrections import CorrectionError
from .base import NotFound
from .corrections import Decisions
from .entities import Entities
from .exports import EXPORT_FORMATS, KB_EXPORT_FORMATS, Exports
from .facts import FactIndex
from .search import Search

__all__ = ["EXPORT_FORMATS", "KB_EXPORT_FORMATS", "CorrectionError", "FactIndex", "NotFound", "Service"]


class Service(Search, Entities, Decisions, Exports):
    """The one object the pages, the API and the command line ask for data."""
