"""A bundled sample corpus: original, fictional press releases written for Communiqué's demo.

Real states and organizations appear; every person, meeting and document is invented.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Document

HERE = Path(__file__).parent


def sample_documents() -> list[Document]:
    docs = []
    for p in sorted(HERE.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        docs.append(Document(id=d["id"], text=d["text"], url=d.get("url"), published=d.get("published"),
                             language=d.get("language"), title=d.get("title")))
    return docs
