"""Reading one source into a Document: plain text, Markdown, HTML, PDF (text layer) and DOCX.

The real type is sniffed from the bytes (magic numbers, the structure of a ZIP, the first tag of
markup), never taken from the file name or a server's content type, which are often wrong. HTML is
reduced to its main text without navigation and boilerplate by trafilatura, which also reads the
title and the publication date; the language comes from the page's metadata (`<html lang>`,
Content-Language) and is checked against the text. Text is decoded from its BOM, as UTF-8, by its
declared charset, or by detection, in that order.

Every failure is a `FormatError` whose message names the source and says what is wrong, so a batch
can report it and go on.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import sys
import zipfile
from pathlib import Path

from ..langid import identify
from ..model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# What the parts of a DOCX (or another archive) may unpack to in all: the XML of a long report is a
# few megabytes; over this it is a compression bomb, refused before it is parsed.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The longest text one document may have, in characters (about 200 pages). A press release is a few
# thousand; extraction time grows faster than the length, so a longer text is refused up front with a
# clear message (split it into parts) rather than holding a whole batch for many minutes.
MAX_TEXT_CHARS = 500_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | MARKDOWN_SUFFIXES | {".pdf", ".docx"}
TITLE_MAX_CHARS = 200
# The publication date from the page's metadata and markup only (meta tags, JSON-LD, <time>): htmldate's
# "extensive search" of the text takes a copyright line's "© 2026" for 2026-01-01, a precision the
# page never claimed. Dates in the text are the extractor's job.
HTML_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# Magic numbers of things that are not documents, so that they fail with a name, not as mojibake.
_BINARY_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls/.ppt), not supported"),
    (b"{\\rtf", "an RTF file, not supported"),
    (b"\x7fELF", "an executable"),
    (b"\x00asm", "a WebAssembly module"),
]
_UTF_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
_FEED_ROOTS = {"rss": "feed", "feed": "feed", "rdf:rdf": "feed", "urlset": "sitemap", "sitemapindex": "sitemap"}
_ROOT_TAG = re.compile(rb"<\s*([A-Za-z][\w.:-]*)")
_META_CHARSET = re.compile(rb"""<meta[^<>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# A tag's attributes are read up to the next "<" or ">" ([^<>]), so a page of unclosed "<html" or
# "<meta" tags costs linear time, not a rescan of the rest of the head from each one.
_HTML_LANG = re.compile(r"""<html\b[^<>]*?\b(?:xml:)?lang\s*=\s*["']?\s*([A-Za-z]{2,3})(?:[-_][\w-]+)?""", re.I)
_META_LANG = re.compile(
    r"""<meta\b(?=[^<>]*\b(?:http-equiv\s*=\s*["']?content-language|name\s*=\s*["']?(?:language|dc\.language)"""
    r"""|property\s*=\s*["']?og:locale\b))[^<>]*\bcontent\s*=\s*["']?\s*([A-Za-z]{2,3})(?:[-_][\w-]+)?""",
    re.I,
)


class FormatError(ValueError):
    """A source that cannot be read as a document, with the reason."""


# -- sniffing ------------------------------------------------------------------------------------


def sniff(data: bytes) -> str:
    """The kind of `data` from its bytes: "pdf", "docx", "html", "feed", "sitemap" or "text".

    Raises FormatError for binary data that is no document (an image, an archive, an executable).
    """
    head = data[:4096]
    stripped = head.lstrip(b" \t\r\n\x0c")
    if stripped.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise FormatError(f"binary data ({what}), not a text document")
    bom = next((enc for b, enc in _UTF_BOMS if head.startswith(b)), None)
    if bom is None and b"\x00" in head:
        raise FormatError("binary data (it contains NUL bytes), not a text document")
    if bom not in (None, "utf-8"):
        head = head.decode(bom, errors="ignore").encode("utf-8")
    return _sniff_markup(head)


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FormatError(f"a corrupt ZIP container (a damaged DOCX?): {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise FormatError("an Excel workbook (.xlsx), not supported")
    if any(n.startswith("ppt/") for n in names):
        raise FormatError("a PowerPoint presentation (.pptx), not supported")
    if "mimetype" in names and "content.xml" in names:
        raise FormatError("an OpenDocument file (.odt/.ods), not supported")
    raise FormatError("a ZIP archive, not a document")


def _sniff_markup(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n\x0c")
    if not text.startswith(b"<"):
        return "text"
    # Skip the XML declaration, comments, doctype and processing instructions to the first element.
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!(?:DOCTYPE|doctype)[^>]*>", b" ", text, flags=re.S)
    m = _ROOT_TAG.search(body)
    root = m.group(1).decode("ascii", "replace").lower() if m else ""
    if root in _FEED_ROOTS:
        return _FEED_ROOTS[root]
    if root in ("html", "head", "body") or looks_like_html(text.decode("latin-1")):
        return "html"
    return "text"


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


# -- decoding ------------------------------------------------------------------------------------


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares in itself: an XML declaration or an HTML <meta>."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: by BOM, as UTF-8, by the declared charset (HTTP header, then the document's
    own), else by detection."""
    for bom, enc in _UTF_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise FormatError(f"invalid {enc} after a {enc} byte-order mark: {exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc in (declared, declared_charset(data)):
        if enc and enc.replace("-", "").replace("_", "") not in ("utf8",):
            with contextlib.suppress(LookupError, UnicodeDecodeError):
                return data.decode(enc)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise FormatError("cannot detect the text encoding (binary data?)")
    return str(best)


def _check_text(text: str) -> None:
    sample = text[:4096]
    if not sample:
        return
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\x0c")
    if controls / len(sample) > 0.05:
        raise FormatError("binary data (control characters), not a text document")


# -- titles and languages -------------------------------------------------------------------------


_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated|date|дата|опубликовано)\b.{0,40}"
    r"|[\w .-]{0,40}?,?\s*\d{1,2}[./ ]\s*[\w.]+[./ ]\s*\d{2,4}(?:\s*г(?:ода?)?\.?)?(?:,?\s*\d{1,2}:\d{2})?"
    r"|\d{4}-\d{2}-\d{2}.{0,10})$", re.I)


def _first_line_title(text: str) -> str | None:
    """The first line as a title, when it reads like a headline: short, not a sentence, text follows."""
    lines = [ln.strip().strip("#*_ ").strip() for ln in text.strip().splitlines()]
    lines = [ln for ln in lines if ln]
    # a dateline or a "Published:" line above the headline is not the title
    while len(lines) > 2 and _DATE_LINE.match(lines[0]):
        lines = lines[1:]
    if len(lines) < 2 or not lines[0]:
        return None
    first = lines[0]
    if len(first) > TITLE_MAX_CHARS or first.endswith((".", ",", ";", ":")):
        return None
    return first


def _language(text: str, declared: str | None = None) -> str | None:
    """The declared language, unless the text clearly says otherwise (templates often lie)."""
    code, score = identify(text)
    if declared:
        declared = declared.lower()
        if code != declared and score >= 0.9 and len(text) >= 200:
            return code
        return declared
    return code if code != "und" else None


def html_language(html: str) -> str | None:
    """The language an HTML page declares: <html lang>, Content-Language, og:locale."""
    head = html[:20000]
    m = _HTML_LANG.search(head) or _META_LANG.search(head)
    return m.group(1).lower() if m else None


# -- formats -------------------------------------------------------------------------------------


def html_to_document(html: str, doc_id: str, url: str | None = None) -> Document:
    import trafilatura

    params = {"url": url, "include_comments": False, "include_tables": True, "favor_precision": True}
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, date_extraction_params=HTML_DATE_PARAMS,
                                                **params)
    except Exception:  # lxml/htmldate trip on some broken markup (an assertion in drop_tree): text only
        try:
            extracted = trafilatura.bare_extraction(html, with_metadata=False, **params)
        except Exception as exc:
            raise FormatError(f"HTML that cannot be parsed ({type(exc).__name__}: {exc})") from exc
    if extracted is None or not (extracted.text or "").strip():
        raise FormatError("no main text found in the HTML page")
    published = extracted.date if extracted.date and len(extracted.date) >= 4 else None
    text = extracted.text
    if extracted.title and not text.startswith(extracted.title):
        text = extracted.title + "\n" + text
    language = _language(text, extracted.language or html_language(html))
    return Document(id=doc_id, text=text, url=url or extracted.url, title=extracted.title,
                    published=published[:10] if published else None, language=language)


def _atx_heading(m: re.Match) -> str:
    """An ATX heading's text without its optional closing run of '#' (read without a regex that
    backtracks over a line of spaces)."""
    text = m.group(1).rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip(" \t")
    return text


# Every rule is linear in its input: a span never runs past the next delimiter of its own kind
# (`[^*\n]` in emphasis, `[^\[\]]` in link text), and a link target (one level of parentheses
# inside) is at most 2048 characters, so no
# start position rescans the rest of the line ("**a " repeated was quadratic).
_MD_RULES = [
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$", re.M), ""),  # setext underlines
    (re.compile(r"^[ \t]{0,3}```.*$|^[ \t]{0,3}~~~.*$", re.M), ""),  # code fences (the code stays)
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M), ""),  # reference definitions
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.M), _atx_heading),  # ATX headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"!\[([^\[\]]*)\]\((?:[^()\n]|\([^()\n]*\)){0,2048}\)"), r"\1"),  # images → alt text
    (re.compile(r"\[([^\[\]]+)\]\((?:[^()\n]|\([^()\n]*\)){0,2048}\)"), r"\1"),  # links → link text
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]\n]{0,2048}\]"), r"\1"),  # reference links
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"), r"\1"),  # strong
    (re.compile(r"__(?=\S)([^_\n]+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"), r"\1"),  # strong around emphasis
    (re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~"), r"\1"),  # strike-through
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),  # escapes
    (re.compile(r"\n{3,}"), "\n\n"),
]
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+)$|^(.+)\n[ \t]{0,3}(?:=+|-+)[ \t]*$", re.M)


def markdown_to_text(md: str) -> str:
    """Markdown to plain text: the words stay, the markup goes."""
    text = md.replace("\r\n", "\n")
    for rx, repl in _MD_RULES:
        text = rx.sub(repl, text)
    return text.strip() + "\n"


def _markdown_document(text: str, doc_id: str) -> Document:
    m = _MD_HEADING.search(text)
    plain = markdown_to_text(text)
    title = None
    if m:
        title = markdown_to_text(_atx_heading(m) if m.group(1) else m.group(2)).strip() or None
    title = title or _first_line_title(plain)
    return Document(id=doc_id, text=plain, title=title, language=_language(plain))


def _text_document(text: str, doc_id: str) -> Document:
    return Document(id=doc_id, text=text, title=_first_line_title(text), language=_language(text))


@contextlib.contextmanager
def _quiet(logger_name: str):
    """Silence a library's warnings about damaged files: they become our FormatError instead."""
    log = logging.getLogger(logger_name)
    level = log.level
    log.setLevel(logging.ERROR + 1)
    try:
        yield
    finally:
        log.setLevel(level)


def pdf_to_document(data: bytes, doc_id: str) -> Document:
    """The text layer of a PDF; a scanned PDF without one is an error (no OCR here)."""
    try:
        from pypdf import PdfReader
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise FormatError("reading PDF needs the 'pypdf' package") from exc
    try:
        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except Exception as exc:
                    raise FormatError(f"an encrypted PDF that cannot be opened: {exc}") from exc
                if not ok:
                    raise FormatError("an encrypted PDF (a password is needed)")
            pages = [(page.extract_text() or "").strip() for page in reader.pages]
            meta_title = None
            with contextlib.suppress(Exception):
                meta_title = (reader.metadata.title or "").strip() if reader.metadata else None
    except FormatError:
        raise
    except Exception as exc:
        raise FormatError(f"a corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise FormatError(f"a PDF of {len(pages)} page(s) without a text layer (scanned?); OCR is not supported")
    text = text.strip() + "\n"
    title = meta_title or _first_line_title(text)
    return Document(id=doc_id, text=text, title=title, language=_language(text))


def docx_to_document(data: bytes, doc_id: str) -> Document:
    """The body of a DOCX in reading order, paragraphs and tables; headers and footers left out."""
    try:
        import docx
        from docx.table import Table
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise FormatError("reading DOCX needs the 'python-docx' package") from exc
    _check_unpacked(data)
    try:
        d = docx.Document(io.BytesIO(data))
        # a paragraph's style name through one table read once: python-docx looks each one up by a
        # scan of every style, which made a DOCX of 20,000 short paragraphs take 20 seconds
        style_names = {s.style_id: (s.name or "").lower() for s in d.styles}
        blocks: list[str] = []
        heading = None
        for item in d.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    cells = _unique_cells(c.text.strip() for c in row.cells)
                    if any(cells):
                        blocks.append("\t".join(cells))
                continue
            para = item.text.strip()
            if not para:
                continue
            if heading is None:
                style = style_names.get(item._p.style or "", "")
                if style.startswith(("title", "heading")) or style in ("заголовок", "название"):
                    heading = para
            blocks.append(para)
        core_title = (d.core_properties.title or "").strip()
    except Exception as exc:
        raise FormatError(f"a corrupt or unreadable DOCX ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(blocks)
    if not text.strip():
        raise FormatError("a DOCX without any text")
    text += "\n"
    title = core_title or heading or _first_line_title(text)
    return Document(id=doc_id, text=text, title=title, language=_language(text))


def _check_unpacked(data: bytes, limit: int | None = None) -> None:
    """Refuse an archive whose parts unpack to more than `limit` bytes (a "ZIP bomb": a few hundred
    kilobytes that inflate to hundreds of megabytes of XML). The sizes are the archive's own, and
    Python's zipfile never returns more than a part declares."""
    limit = MAX_UNPACKED_BYTES if limit is None else limit
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FormatError(f"a corrupt ZIP container (a damaged DOCX?): {exc}") from exc
    if total > limit:
        raise FormatError(f"an archive that unpacks to {total} bytes, over the limit of {limit} bytes "
                          "(a compression bomb?)")


def _unique_cells(cells) -> list[str]:
    out: list[str] = []
    for c in cells:  # merged cells repeat their text in each grid cell
        if not out or out[-1] != c:
            out.append(c)
    return out


def document_from_bytes(data: bytes, name: str, url: str | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES, *, charset: str | None = None) -> Document:
    """One document from its bytes. `name` is used in messages and tells Markdown from plain text;
    the type itself is sniffed from the bytes. `charset` is a declared one (an HTTP header's)."""
    if len(data) > max_bytes:
        raise FormatError(f"{name}: {len(data)} bytes is over the size limit of {max_bytes} bytes")
    if not data.strip():
        raise FormatError(f"{name}: the file is empty" if not data else f"{name}: the file holds only whitespace")
    doc_id = hashlib.sha256(data).hexdigest()[:16]
    try:
        kind = sniff(data)
        if kind == "pdf":
            return pdf_to_document(data, doc_id)
        if kind == "docx":
            return docx_to_document(data, doc_id)
        if kind in ("feed", "sitemap"):
            raise FormatError(f"an {'RSS/Atom feed' if kind == 'feed' else 'XML sitemap'}, not a document; "
                              "give it as a source to read the pages it lists")
        text = decode(data, charset)
        _check_text(text)
        if kind != "html":
            _check_length(text)
        if not text.strip():
            raise FormatError("the file holds no text")
        if kind == "html":
            doc = html_to_document(text, doc_id, url)
        elif Path(name.split("?")[0]).suffix.lower() in MARKDOWN_SUFFIXES:
            doc = _markdown_document(text, doc_id)
        else:
            doc = _text_document(text, doc_id)
    except FormatError as exc:
        msg = str(exc)
        raise FormatError(msg if msg.startswith(f"{name}:") else f"{name}: {msg}") from exc.__cause__
    except (RecursionError, ValueError, TypeError, AssertionError, LookupError, AttributeError) as exc:
        # a parsing library's bug on odd input is this document's failure, not the batch's
        raise FormatError(f"{name}: cannot be read ({type(exc).__name__}: {exc})") from exc
    _check_length(doc.text, name)
    if url is not None:
        doc.url = url
    return doc


def _check_length(text: str, name: str | None = None) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise FormatError(f"{name + ': ' if name else ''}a text of {len(text)} characters, over the limit of "
                          f"{MAX_TEXT_CHARS} for one document; split it into parts")


def read_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A file path, or '-' for standard input."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
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
