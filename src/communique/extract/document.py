"""What every language's pipeline does around its steps: the publication date a text states about
itself, a changed copy of the Document, and the stamp of the extractor that made a Record. The
pipelines of every language import these from here; `pipeline.py` only chooses among them."""

from __future__ import annotations

import dataclasses

from ..model import Document, Extractor
from ..version import __version__
from .published import find_published
from .resources import fingerprint


def published_from_text(text: str, lang: str) -> str | None:
    """The publication date the text states about itself (published.find_published), if any."""
    found = find_published(text, lang=lang)
    return found[0] if found else None


def with_changes(doc: Document, **changes) -> Document:
    """A copy of the document with some fields changed."""
    return dataclasses.replace(doc, **changes)


def extractor_for(language: str, steps: list[str], skipped: list[str] | None = None) -> Extractor:
    """What a Record says produced it: code version, resource fingerprint, steps run and skipped."""
    return Extractor(version=f"{__version__}+{fingerprint()}", language=language, steps=list(steps),
                     skipped=list(skipped or []), resources={"lexicons": fingerprint()})
