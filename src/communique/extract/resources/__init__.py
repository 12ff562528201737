"""Data, not code: lexicons and gazetteers read by the extraction steps."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).parent


@functools.cache
def load_json(name: str):
    """A resource file parsed once per process."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@functools.cache
def fingerprint() -> str:
    """A short hash of every resource file: it goes into each Record's extractor version."""
    h = hashlib.sha256()
    for p in sorted(HERE.glob("*.json")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]
