"""The pages' strings in each language (one JSON file per language) and their lookup; imported by
both the page data and the renderer, so it imports nothing of theirs."""

from __future__ import annotations

import contextlib
import functools
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "en"


@functools.cache
def strings(lang: str) -> dict[str, str]:
    return json.loads((HERE / f"{lang}.json").read_text(encoding="utf-8"))


def translate(lang: str, key: str, **kw: Any) -> str:
    text = strings(lang).get(key) or strings("en").get(key) or key
    if kw:
        with contextlib.suppress(KeyError, IndexError, ValueError):
            text = text.format(**kw)
    return text
