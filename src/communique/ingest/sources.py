"""Sources: what a user names (a file, a folder, a glob, a URL of a page, a feed or a sitemap) turned
into a stream of Documents, one `Source` per item.

A URL is classified by what it returns, not by its name: an RSS/RDF/Atom feed or an XML sitemap is
expanded into the pages it lists, anything else is read as a document. With `follow=True` a page is
the index of a site's news section: its links are followed breadth-first up to `depth` hops, on the
same host unless `same_host=False`, at most `max_pages` pages; the index page itself is not
yielded as a document. Every request goes through one `Fetcher` (robots.txt, rate limit, retries,
limits).

With an `HttpCache`, requests are conditional: a page answered 304 is yielded as `unchanged`. For a
feed, a sitemap or an index page the cache also keeps the links it held, so when it answers 304 its
pages are still visited (conditionally): a page that changed without a change to the feed is read,
and one that failed last time (no validators were kept for it) is tried again in full.

Nothing here raises for one bad item: a file that cannot be read or a URL that cannot be fetched
becomes a failed Source with its reason, and the batch goes on.
"""

from __future__ import annotations

import glob as globlib
import re
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit, urlunsplit

from ..model import Document
from .dedup import Deduplicator
from .fetch import Fetcher, FetchError, FetchResult, HttpCache, site_host, utc_now
from .formats import (
    DEFAULT_MAX_BYTES,
    DOCUMENT_SUFFIXES,
    FormatError,
    decode,
    document_from_bytes,
    read_document,
    sniff,
)

DEFAULT_MAX_PAGES = 1000
MAX_SITEMAP_NESTING = 3
SKIP_SUFFIXES = {
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff", ".css", ".js",
    ".mjs", ".json", ".woff", ".woff2", ".ttf", ".eot", ".mp3", ".mp4", ".m4a", ".avi", ".mov", ".webm",
    ".ogg", ".wav", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".exe", ".dmg", ".apk", ".iso",
    ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".doc", ".rtf", ".xml", ".rss", ".atom",
}
_GLOB_CHARS = re.compile(r"[*?\[]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class Source:
    """One item of a source: a Document read, or why not.

    status: "ok" (document set), "failed" (error set), "unchanged" (a conditional request answered
    304: nothing new), "skipped" (not read on purpose, e.g. robots.txt; error says why).
    """

    location: str
    document: Document | None = None
    error: str | None = None
    status: str = "ok"
    origin: str | None = None  # the spec (folder, feed, sitemap, index page) that led here
    duplicate_of: str | None = None  # id of an earlier document this one duplicates (with a Deduplicator)
    duplicate_kind: str | None = None  # "exact" or "near"

    @property
    def ok(self) -> bool:
        return self.document is not None

    def __str__(self) -> str:
        if self.document is not None:
            dup = f" ({self.duplicate_kind} duplicate of {self.duplicate_of})" if self.duplicate_of else ""
            return f"{self.location}: ok{dup}"
        return f"{self.location}: {self.status}" + (f": {self.error}" if self.error else "")


def iter_sources(spec: str, *, glob: str | None = None, follow: bool = False, depth: int = 1,
                 same_host: bool = True, max_pages: int = DEFAULT_MAX_PAGES, fetcher: Fetcher | None = None,
                 cache: HttpCache | None = None, dedup: Deduplicator | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source]:
    """The items of `spec`, one Source each, in a stable order. See the module docstring.

    spec: a file, a folder (read recursively; `glob` filters it, e.g. "*.html" or "2026/**/*.pdf"),
    a glob pattern, "-" for standard input, or an http(s) URL of a page, a feed or a sitemap.
    """
    try:
        scheme = urlsplit(spec).scheme.lower()
    except ValueError as exc:
        yield Source(spec, error=f"not a valid URL: {exc}", status="failed")
        return
    if scheme in ("http", "https"):
        yield from _mark(_iter_url(spec, follow=follow, depth=depth, same_host=same_host, max_pages=max_pages,
                                   fetcher=fetcher, cache=cache, max_bytes=max_bytes), dedup)
        return
    if scheme == "file":
        spec = unquote(urlsplit(spec).path)
    elif len(scheme) > 1:
        yield Source(spec, error=f"unsupported URL scheme {scheme!r}; give a path or an http(s) URL",
                     status="failed")
        return
    yield from _mark(_iter_paths(spec, glob, max_bytes), dedup)


# -- files -----------------------------------------------------------------------------------------


def _iter_paths(spec: str, pattern: str | None, max_bytes: int) -> Iterator[Source]:
    if spec == "-":
        yield _read_file("-", "-", max_bytes, data=sys.stdin.buffer.read(max_bytes + 1))
        return
    path = Path(spec)
    if path.is_file():
        yield _read_file(str(path), spec, max_bytes)
        return
    if path.is_dir():
        files = walk_files(path, pattern)
        if not files:
            yield Source(spec, error=f"no {'files matching ' + repr(pattern) if pattern else 'documents'} "
                         "in the folder", status="failed")
        for f in files:
            yield _read_file(str(f), spec, max_bytes)
        return
    if _GLOB_CHARS.search(spec):
        files = sorted(Path(p) for p in globlib.glob(spec, recursive=True) if Path(p).is_file())
        if not files:
            yield Source(spec, error="no files match the pattern", status="failed")
        for f in files:
            yield _read_file(str(f), spec, max_bytes)
        return
    yield Source(spec, error="no such file or folder", status="failed")


def walk_files(root: Path, pattern: str | None) -> list[Path]:
    """Files under `root`, recursively, sorted; hidden files and folders left out. Without a pattern,
    only known document suffixes."""
    found = root.rglob(pattern) if pattern else root.rglob("*")
    out = []
    for p in found:
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        if pattern is None and (not p.suffix or p.suffix.lower() not in DOCUMENT_SUFFIXES):
            continue
        out.append(p)
    return sorted(out)


def _read_file(path: str, origin: str, max_bytes: int, data: bytes | None = None) -> Source:
    try:
        if data is not None:
            doc = document_from_bytes(data, "<stdin>", max_bytes=max_bytes)
        else:
            doc = read_document(path, max_bytes=max_bytes)
    except FormatError as exc:
        return Source(path, error=_reason(str(exc), path), status="failed", origin=origin)
    except OSError as exc:
        return Source(path, error=f"cannot read: {exc.strerror or exc}", status="failed", origin=origin)
    except Exception as exc:  # a library failing on odd input must not stop the batch
        return Source(path, error=f"unexpected error: {type(exc).__name__}: {exc}", status="failed", origin=origin)
    doc.source = doc.source or path
    doc.fetched = doc.fetched or utc_now()
    return Source(path, document=doc, origin=origin)


def _reason(message: str, location: str) -> str:
    for prefix in (f"{location}: ", "<stdin>: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


# -- URLs ------------------------------------------------------------------------------------------


@dataclass
class _Item:
    url: str
    depth: int
    role: str  # "spec" | "sitemap" (a child of a sitemap index) | "page"
    published: str | None = None  # a hint from a feed or a news sitemap
    title: str | None = None
    linked: bool = False  # found as a link in a page (so held to the same host)


# A listing's links as kept in the HttpCache: [url, role, published, title], where role is "page" or
# "sitemap" for the entries of a feed or sitemap, "link" for a link found in an HTML page.
Entry = list


def _iter_url(spec: str, *, follow: bool, depth: int, same_host: bool, max_pages: int,
              fetcher: Fetcher | None, cache: HttpCache | None, max_bytes: int) -> Iterator[Source]:
    own = fetcher is None
    fetcher = fetcher or Fetcher(max_bytes=max_bytes)
    max_bytes = min(max_bytes, fetcher.max_bytes)
    start_host = _host(spec)
    queue: deque[_Item] = deque([_Item(spec, 0, "spec")])
    seen = {_canonical(spec)}

    def children(item: _Item, entries: list[Entry]) -> None:
        for url, role, published, title in entries:
            if role == "link":
                if not follow or item.depth >= depth or (same_host and _host(url) != start_host):
                    continue
                child = _Item(url, item.depth + 1, "page", linked=True)
            elif role == "sitemap" and item.depth >= MAX_SITEMAP_NESTING:
                continue
            else:
                child = _Item(url, item.depth + 1, role, published, title)
            key = _canonical(url)
            if key not in seen:
                seen.add(key)
                queue.append(child)

    def visit(item: _Item) -> Iterator[Source]:
        etag, modified = cache.get(item.url) if cache is not None else (None, None)
        try:
            # only the URL the user gave may be a private or loopback address (with its host and
            # port, which `named` allows for the whole crawl); a followed link stays on the host
            res = fetcher.fetch(item.url, etag=etag, last_modified=modified, named=item.role == "spec",
                                stay_on=start_host if same_host and item.linked else None)
        except FetchError as exc:
            status = "skipped" if exc.kind == "robots" and item.role != "spec" else "failed"
            yield Source(item.url, error=exc.reason, status=status, origin=spec)
            return
        if res.not_modified:
            entries = cache.links(item.url) if cache is not None else None
            if entries:
                children(item, entries)
            if item.role == "page" or entries is None:
                yield Source(item.url, status="unchanged", origin=spec)
            return
        if not res.ok:
            yield Source(item.url, error=f"HTTP {res.status}{_phrase(res.status)}", status="failed", origin=spec)
            return
        for u in (res.final_url, *res.redirects):
            seen.add(_canonical(u))
        try:
            kind = sniff(res.content) if res.content.strip() else "empty"
        except FormatError as exc:
            yield Source(item.url, error=str(exc), status="failed", origin=spec)
            return
        if kind in ("feed", "sitemap"):
            if item.role == "page":
                return  # a feed found by following links is not a document
            entries = _feed_entries(res) if kind == "feed" else _sitemap_entries(res)
            children(item, entries)
            if cache is not None:
                cache.put(item.url, res.etag, res.last_modified, entries)
            return
        links = [[u, "link", None, None] for u in _links(res)] if follow and kind == "html" else None
        if links:
            children(item, links)
        if follow and item.role == "spec" and depth >= 1 and kind == "html":
            if cache is not None:  # the index of the section: its links, not a document
                cache.put(item.url, res.etag, res.last_modified, links or [])
            return
        source = _document(res, item, spec, max_bytes)
        if source.ok and cache is not None:
            cache.put(item.url, res.etag, res.last_modified, links)
        yield source

    pages = 0
    try:
        while queue:
            item = queue.popleft()
            if item.role == "page":
                if pages >= max_pages:
                    break
                pages += 1
            try:
                yield from visit(item)
            except Exception as exc:  # a library failing on odd input must not stop the crawl
                yield Source(item.url, error=f"unexpected error: {type(exc).__name__}: {exc}", status="failed",
                             origin=spec)
    finally:
        if own:
            fetcher.close()


def _document(res: FetchResult, item: _Item, spec: str, max_bytes: int) -> Source:
    try:
        doc = document_from_bytes(res.content, res.final_url, url=res.final_url, max_bytes=max_bytes,
                                  charset=res.charset)
    except FormatError as exc:
        return Source(item.url, error=_reason(str(exc), res.final_url), status="failed", origin=spec)
    doc.fetched = res.fetched
    doc.source = spec
    if doc.published is None and item.published:
        doc.published = item.published
    if doc.title is None and item.title:
        doc.title = item.title
    return Source(item.url, document=doc, origin=spec)


def _mark(sources: Iterator[Source], dedup: Deduplicator | None) -> Iterator[Source]:
    for s in sources:
        if dedup is not None and s.document is not None:
            dup = dedup.see(s.document.id, s.document.text)
            if dup is not None:
                s.duplicate_of, s.duplicate_kind = dup.of, dup.kind
        yield s


# -- feeds, sitemaps, links -----------------------------------------------------------------------


def _xml(res: FetchResult):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    return etree.fromstring(res.content, parser=parser)


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el, *names: str) -> str | None:
    """The text of the first child named like the first of `names` that has one, then the second..."""
    found = {}
    for child in el:
        name = _local(child)
        if name in names and name not in found and (child.text or "").strip():
            found[name] = child.text.strip()
    return next((found[n] for n in names if n in found), None)


def _feed_entries(res: FetchResult) -> list[Entry]:
    """The entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order."""
    root = _xml(res)
    if root is None:
        return []
    entries = []
    for el in root.iter():
        name = _local(el)
        if name not in ("item", "entry"):
            continue
        link = None
        if name == "entry":  # Atom: <link rel="alternate" href="..."/>
            for child in el:
                if _local(child) == "link" and child.get("rel", "alternate") == "alternate" and child.get("href"):
                    link = child.get("href")
                    break
        else:
            link = _child_text(el, "link")
            if not link:
                for child in el:
                    if _local(child) == "guid" and child.get("isPermaLink", "true") != "false":
                        link = (child.text or "").strip() or None
        if not link:
            continue
        date = _child_text(el, "pubdate", "published", "date", "issued", "updated", "modified")
        url = _absolute(res.final_url, link)
        if url:
            entries.append([url, "page", _parse_date(date), _child_text(el, "title")])
    return entries


def _sitemap_entries(res: FetchResult) -> list[Entry]:
    """The pages of a <urlset> (with news:publication_date and news:title where given), or the child
    sitemaps of a <sitemapindex>."""
    root = _xml(res)
    if root is None:
        return []
    if _local(root) == "sitemapindex":
        locs = (_child_text(el, "loc") for el in root if _local(el) == "sitemap")
        urls = (_absolute(res.final_url, loc) for loc in locs if loc)
        return [[url, "sitemap", None, None] for url in urls if url]
    entries = []
    for el in root:
        if _local(el) != "url":
            continue
        loc = _child_text(el, "loc")
        if not loc:
            continue
        published, title = None, None
        for sub in el.iter():
            if _local(sub) == "publication_date" and sub.text:
                published = _parse_date(sub.text)
            elif _local(sub) == "title" and sub.text:
                title = sub.text.strip()
        url = _absolute(res.final_url, loc)
        if url:
            entries.append([url, "page", published, title])
    return entries


def _links(res: FetchResult) -> list[str]:
    """The http(s) links of an HTML page, absolute, without fragments, in page order; rel=nofollow
    and links to images, scripts and archives left out."""
    import lxml.html

    try:
        text = decode(res.content, res.charset)
        root = lxml.html.document_fromstring(text.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:
        return []
    base = res.final_url
    for b in root.iter("base"):
        if b.get("href"):
            base = _absolute(base, b.get("href")) or base
            break
    out = []
    for a in root.iter("a", "area"):
        href = (a.get("href") or "").strip()
        if not href or "nofollow" in (a.get("rel") or "").lower().split():
            continue
        url = _absolute(base, href)
        if url is None:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        if Path(unquote(parts.path)).suffix.lower() in SKIP_SUFFIXES:
            continue
        out.append(url)
    return out


def _absolute(base: str, link: str) -> str | None:
    """`link` resolved against `base`, without a fragment; None for a malformed link."""
    try:
        url = urldefrag(urljoin(base, link.strip()))[0]
        urlsplit(url).port  # noqa: B018 - raises ValueError on a malformed host or port
    except ValueError:
        return None
    return url


_host = site_host


def _canonical(url: str) -> str:
    parts = urlsplit(urldefrag(url)[0])
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    if (scheme, netloc.rsplit(":", 1)[-1]) in (("http", "80"), ("https", "443")):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _parse_date(value: str | None) -> str | None:
    """A feed's date (RFC 822 or ISO 8601) as YYYY-MM-DD, or None."""
    if not value:
        return None
    value = value.strip()
    m = _ISO_DATE.match(value)
    if m:
        return m.group(0)
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    # The calendar day in the publisher's own time zone: the day the release says it was issued.
    return dt.strftime("%Y-%m-%d") if dt is not None else None


_PHRASES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 410: "Gone",
            429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}


def _phrase(status: int) -> str:
    return f" {_PHRASES[status]}" if status in _PHRASES else ""
