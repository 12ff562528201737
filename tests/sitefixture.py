"""A real HTTP server on 127.0.0.1, in a thread, serving the fixture ministry site for crawler tests.

Static files come from tests/fixtures/site/ with "{{BASE}}" replaced by this server's base URL and
"{{OTHER}}" by the same server under another host name (http://localhost:PORT), so that same-host
rules can be tested without a second server. Static files carry an ETag (HTML) and a Last-Modified
date (all), and conditional requests get 304.

Dynamic routes:
  /slow          sleeps `slow_seconds` before answering (longer than a test's timeout)
  /loop-a        302 → /loop-b, which 302 → /loop-a
  /redirect      301 → /news/2026-04-20-trade-forum.html
  /huge          streams `huge_bytes` of HTML without a Content-Length
  /huge-declared declares a Content-Length of 1 GB
  /binary.html   PNG bytes sent as text/html
  /missing       404 (as is any path with no file)
  /flaky         500 on the first request, then a page
  /down          503, always
  /to?url=U      302 → U (any location: another host, port or scheme)
  /drip          headers, then a byte every `drip_seconds` without end (a slow-drip server)
  /drip-headers  the status line, then a header byte every `drip_seconds` without end

Every request is recorded (time, path, host, status, headers) and counted per path in `hits`.
"""

from __future__ import annotations

import contextlib
import hashlib
import struct
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SITE = Path(__file__).parent / "fixtures" / "site"
STATIC_LAST_MODIFIED = datetime(2026, 4, 27, 8, 0, 0, tzinfo=UTC)
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
FEED_TYPES = {"rss.xml": "application/rss+xml", "atom.xml": "application/atom+xml"}


def tiny_png() -> bytes:
    """A valid 1×1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@dataclass
class Request:
    time: float  # time.monotonic() when the request arrived
    method: str
    path: str
    host: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class SiteState:
    base: str = ""
    other: str = ""
    slow_seconds: float = 3.0
    drip_seconds: float = 0.05
    huge_bytes: int = 64 * 1024 * 1024
    requests: list[Request] = field(default_factory=list)
    hits: Counter = field(default_factory=Counter)
    overrides: dict[str, bytes] = field(default_factory=dict)  # path → new body (a changed page)
    override_times: dict[str, datetime] = field(default_factory=dict)
    huge_sent: int = 0
    huge_done: threading.Event = field(default_factory=threading.Event)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(BaseHTTPRequestHandler):
    server_version = "FixtureMinistry/1.0"
    state: SiteState  # set on the subclass made per server

    def log_message(self, format, *args):  # noqa: A002 - keep the test output clean
        pass

    # -- plumbing ------------------------------------------------------------------------------
    def do_GET(self):  # noqa: N802
        path = urlsplit(self.path).path
        self.query = parse_qs(urlsplit(self.path).query)
        req = Request(time.monotonic(), "GET", path, self.headers.get("Host", ""),
                      {k.lower(): v for k, v in self.headers.items()})
        self._req = req
        with self.state.lock:
            self.state.requests.append(req)
            self.state.hits[path] += 1
            n = self.state.hits[path]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.route(path, n)

    def send_response(self, code, message=None):
        self._req.status = code  # recorded before the client can see the answer
        super().send_response(code, message)

    def send(self, status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> int:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)
        return status

    def redirect(self, status: int, location: str) -> int:
        return self.send(status, b"", None, {"Location": location})

    # -- routes --------------------------------------------------------------------------------
    def route(self, path: str, n: int) -> int:
        st = self.state
        if path == "/slow":
            st.stopping.wait(st.slow_seconds)
            return self.send(200, b"<html><body><p>Finally.</p></body></html>")
        if path == "/loop-a":
            return self.redirect(302, "/loop-b")
        if path == "/loop-b":
            return self.redirect(302, f"{st.base}/loop-a")
        if path == "/redirect":
            return self.redirect(301, "/news/2026-04-20-trade-forum.html")
        if path == "/huge":
            return self.huge()
        if path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"x" * 1024)
            return 200
        if path == "/binary.html":
            return self.send(200, tiny_png(), "text/html; charset=utf-8")
        if path == "/flaky":
            if n == 1:
                return self.send(500, b"<h1>Internal Server Error</h1>")
            return self.send(200, _flaky_page())
        if path == "/to":
            return self.redirect(302, self.query.get("url", ["/"])[0])
        if path in ("/drip", "/drip-headers"):
            return self.drip(headers_too=path == "/drip-headers")
        if path == "/down":
            return self.send(503, b"<h1>Service Unavailable</h1>", headers={"Retry-After": "0"})
        return self.static(path)

    def huge(self) -> int:
        st = self.state
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"Lorem ipsum dolor sit amet. " * 2340 + b"</p>\n"
        sent = 0
        try:
            self.wfile.write(b"<!DOCTYPE html><html><body>")
            while sent < st.huge_bytes and not st.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            st.huge_sent = sent
            st.huge_done.set()
        return 200

    def drip(self, headers_too: bool) -> int:
        st = self.state
        self.send_response(200)
        if headers_too:
            self.flush_headers()
            payload = b"X-Drip: " + b"a" * 100000
        else:
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            payload = b"<html><body><p>" + b"x" * 100000
        try:
            for byte in payload:
                if st.stopping.wait(st.drip_seconds):
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        return 200

    def static(self, path: str) -> int:
        st = self.state
        rel = path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        file = (SITE / rel).resolve()
        if path in st.overrides:
            body = st.overrides[path]
            modified = st.override_times[path]
        elif file.is_file() and SITE.resolve() in file.parents:
            body = file.read_bytes()
            modified = STATIC_LAST_MODIFIED
        else:
            return self.send(404, b"<html><body><h1>404 Not Found</h1></body></html>")
        body = body.replace(b"{{BASE}}", st.base.encode()).replace(b"{{OTHER}}", st.other.encode())
        ctype = FEED_TYPES.get(file.name) or CONTENT_TYPES.get(file.suffix, "application/octet-stream")
        if "consultations" in file.name:
            ctype = "text/html"  # no charset: the page declares windows-1251 in its own <meta>
        headers = {"Last-Modified": format_datetime(modified, usegmt=True)}
        etag = None
        if file.suffix == ".html":  # feeds and sitemaps: Last-Modified only, to test both validators
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            if etag is not None and etag in [t.strip() for t in inm.split(",")]:
                return self.send(304, b"", None, headers)
        elif ims is not None:
            try:
                since = parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                since = None
            if since is not None and modified <= since:
                return self.send(304, b"", None, headers)
        return self.send(200, body, ctype, headers)


def _flaky_page() -> bytes:
    return (b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Statement on the flaky "
            b"server</title></head><body><article><h1>Statement on the flaky server</h1><p>The Ministry of "
            b"Foreign Affairs of the Republic of Severia notes that this page failed once and then answered "
            b"normally, as servers under load often do.</p></article></body></html>")


class SiteServer:
    """The fixture site on 127.0.0.1; use as a context manager."""

    def __init__(self, slow_seconds: float = 3.0, huge_bytes: int = 64 * 1024 * 1024) -> None:
        self.state = SiteState(slow_seconds=slow_seconds, huge_bytes=huge_bytes)
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        port = self.httpd.server_address[1]
        self.state.base = f"http://127.0.0.1:{port}"
        self.state.other = f"http://localhost:{port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- for tests -----------------------------------------------------------------------------
    @property
    def base(self) -> str:
        return self.state.base

    @property
    def other(self) -> str:
        return self.state.other

    def url(self, path: str) -> str:
        return self.state.base + path

    @property
    def hits(self) -> Counter:
        return self.state.hits

    @property
    def requests(self) -> list[Request]:
        return self.state.requests

    def requests_for(self, path: str) -> list[Request]:
        return [r for r in self.state.requests if r.path == path]

    def change(self, path: str, body: bytes) -> None:
        """Serve `body` at `path` from now on, with a new ETag and a later Last-Modified."""
        with self.state.lock:
            self.state.overrides[path] = body
            self.state.override_times[path] = STATIC_LAST_MODIFIED + timedelta(days=1 + len(self.state.overrides))

    def reset(self) -> None:
        with self.state.lock:
            self.state.requests.clear()
            self.state.hits.clear()
            self.state.overrides.clear()
            self.state.override_times.clear()
            self.state.huge_sent = 0
            self.state.huge_done.clear()
