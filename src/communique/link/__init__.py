"""Cross-document linking: one knowledge base over the stored Records.

    >>> from communique.link import KnowledgeBase
    >>> kb = KnowledgeBase(store)
    >>> kb.link_document("doc-1")      # incremental: after each stored document
    >>> kb.relink()                    # the whole store again; manual merges and splits replayed

- `translit`  Russian ↔ Latin transliteration (ICAO, BGN/PCGN, scholarly, GOST 7.79) and the
              matching keys that make "Шадаев", "Shadaev" and "Shadayev" one;
- `resolve`   entity resolution: names parsed, blocking keys, scores with explanations;
- `events`    the same event reported by several sources; conflicting facts kept and flagged;
- `series`    recurring events (numbered meetings, sessions) grouped with their timeline;
- `kb`        the KnowledgeBase API over a Store; its tables are the store's (`store/kb_tables.py`).

Imports are lazy: importing the package loads no model or store.
"""

from __future__ import annotations

__all__ = ["KnowledgeBase", "link_document", "link_documents"]


def __getattr__(name: str):
    if name == "KnowledgeBase":
        from .kb import KnowledgeBase

        return KnowledgeBase
    if name == "link_document":
        from .kb import link_document

        return link_document
    if name == "link_documents":
        from .kb import link_documents

        return link_documents
    raise AttributeError(name)
