"""The identity of a document-level entity where the knowledge base has none for it (no knowledge
base yet, or a document not linked yet): a key that the views above `link/` group by."""

from __future__ import annotations


def entity_key(etype: str, name: str, kind: str | None = None, iso: str | None = None,
               gazetteer_id: str | None = None) -> str:
    """The identity of an entity across documents without the knowledge base: its gazetteer id, the
    ISO code of a country, else its type and whitespace-normalized name."""
    if gazetteer_id:
        return f"{etype}:g:{gazetteer_id}"
    if etype == "LOC" and kind == "country" and iso:
        return f"LOC:iso:{iso.upper()}"
    return f"{etype}:{' '.join(name.split())}"
