"""Templates (Jinja2, autoescaped), the Russian and English interface strings, and the small
formatting helpers the templates use. Nothing from a document reaches a page unescaped: the only
markup built in Python (the highlighted text, search snippets) escapes every piece of text itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, strings, translate

HERE = Path(__file__).resolve().parent
__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "strings", "translate"]


def safe_url(url: str | None) -> str | None:
    """A URL fit for an href: http(s) only (never javascript:, data:, ...)."""
    if not url or not isinstance(url, str):
        return None
    u = url.strip()
    if re.match(r"^https?://[^\s<>\"']+$", u, re.I):
        return u
    return None


def localized(obj, names_of: dict[str, dict], lang: str):
    """A copy of a page's data with every entity reference ({"key", "name", ...}) named in the reader's
    language where the knowledge base knows that name ("Russia" on an English page for a place the
    Russian releases name "Россия"); the data itself, which the index caches, is left as it was."""
    if isinstance(obj, dict):
        out = {k: localized(v, names_of, lang) for k, v in obj.items()}
        key = obj.get("key")
        if isinstance(key, str) and isinstance(obj.get("name"), str) and key in names_of:
            out["name"] = names_of[key].get(lang) or obj["name"]
        return out
    if isinstance(obj, list):
        return [localized(v, names_of, lang) for v in obj]
    if isinstance(obj, tuple):
        return tuple(localized(v, names_of, lang) for v in obj)
    return obj


def pick_language(query: str | None, cookie: str | None, accept: str | None) -> str:
    for value in (query, cookie):
        if value in LANGUAGES:
            return value
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet with its hits marked [[like this]] → escaped text with <mark> runs."""
    parts = re.split(r"\[\[|\]\]", snippet or "")
    return Markup("".join(str(escape(p)) if i % 2 == 0 else f"<mark>{escape(p)}</mark>"
                          for i, p in enumerate(parts)))


def path_quote(value: str | None) -> str:
    return quote(value or "", safe="")


def entity_url(key: str | None) -> str:
    return "/entities/" + quote(key, safe="") if key else "#"


def event_url(doc_id: str, event_id: str) -> str:
    return f"/events/{quote(doc_id, safe='')}/{quote(event_id, safe='')}"


def document_url(doc_id: str) -> str:
    return "/documents/" + quote(doc_id, safe="")


def series_url(key: str) -> str:
    return "/series/" + quote(key, safe="")


def when(start: str | None, end: str | None = None) -> str:
    if start and end and end != start:
        return f"{start} – {end}"
    return start or end or ""


def query_url(path: str, params: dict, **changes: Any) -> str:
    """`path` with the query `params`, some changed (None removes one; a list repeats a key)."""
    merged = {**params, **changes}
    pairs = []
    for k, v in merged.items():
        if v is None or v == "" or v == []:
            continue
        if isinstance(v, (list, tuple)):
            pairs.extend((k, x) for x in v)
        else:
            pairs.append((k, v))
    return path + ("?" + urlencode(pairs) if pairs else "")


def make_environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(snippet=snippet_html, q=path_quote, safe_url=safe_url)
    env.globals.update(entity_url=entity_url, event_url=event_url, document_url=document_url,
                       series_url=series_url, when=when, query_url=query_url)
    return env
