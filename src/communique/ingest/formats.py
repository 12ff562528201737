"""Reading one source file into a Document: plain text, Markdown and HTML.

HTML is reduced to its main text without navigation and boilerplate by trafilatura, which also
reads the title, the publication date and the language from the page's metadata. Bytes are
decoded by their declared or detected encoding.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from ..model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class FormatError(ValueError):
    """A source that cannot be read as a document, with the reason."""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, else the detected encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise FormatError("cannot detect the text encoding (binary data?)")
    return str(best)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def html_to_document(html: str, doc_id: str, url: str | None = None) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                            include_tables=True, favor_precision=True)
    if extracted is None or not (extracted.text or "").strip():
        raise FormatError("no main text found in the HTML page")
    published = extracted.date if extracted.date and len(extracted.date) >= 4 else None
    text = extracted.text
    if extracted.title and not text.startswith(extracted.title):
        text = extracted.title + "\n" + text
    return Document(id=doc_id, text=text, url=url or extracted.url, title=extracted.title,
                    published=published[:10] if published else None,
                    language=(extracted.language or None))


def document_from_bytes(data: bytes, name: str, url: str | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if len(data) > max_bytes:
        raise FormatError(f"{name}: {len(data)} bytes is over the size limit of {max_bytes} bytes")
    if not data.strip():
        raise FormatError(f"{name}: the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(f"{name}: binary data, not a text document")
    text = decode(data)
    doc_id = hashlib.sha256(data).hexdigest()[:16]
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text)) or looks_like_html(text):
        return html_to_document(text, doc_id, url)
    return Document(id=doc_id, text=text, url=url, source=name)


def read_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A file path, or '-' for standard input."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return document_from_bytes(data, "<stdin>", max_bytes=max_bytes)
    p = Path(path)
    if not p.exists():
        raise FormatError(f"{path}: no such file")
    if p.is_dir():
        raise FormatError(f"{path}: is a folder; give a file")
    size = p.stat().st_size
    if size > max_bytes:
        raise FormatError(f"{path}: {size} bytes is over the size limit of {max_bytes} bytes")
    doc = document_from_bytes(p.read_bytes(), str(p), max_bytes=max_bytes)
    if doc.source is None:
        doc.source = str(p)
    return doc
