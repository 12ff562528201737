"""Fetching pages politely: robots.txt, a per-host rate limit, timeouts, bounded retries, redirect
and size limits, and conditional GET.

One `Fetcher` is one crawl's view of the web. It keeps, per host, the time of the last request (the
next one waits `min_interval`, or the site's Crawl-delay if that is longer) and the parsed
robots.txt. A response body is streamed and cut off at `max_bytes`, so a huge page is never read
whole into memory. Redirects are followed by hand, hop by hop, each hop checked against robots.txt
and the rate limit; a loop is reported as one. 5xx answers, 429 and network errors or timeouts are
retried a bounded number of times with exponential backoff; other 4xx answers are not.

A hostile network is bounded too. One fetch — redirects, retries and robots.txt included, the polite
waits not — has `total_timeout` seconds, and every read on the socket is cut to what is left of it,
so a server that drips a byte a second (in the headers or the body) fails on time. No request
reaches a private, loopback, link-local or otherwise non-public address except one the user named:
the address is checked when the connection is made, on the address actually connected to (a page
that redirects to 127.0.0.1:5432 is refused; a site served on 127.0.0.1 and named by the user
works). A redirect on a same-host crawl (`stay_on`) does not leave the host and port. Crawl-delay in
robots.txt is honoured, fractions of a second included, up to `max_crawl_delay`. Requests sent
through a proxy from the environment are checked by the proxy, not here.

`fetch(url, etag=..., last_modified=...)` sends If-None-Match / If-Modified-Since, so a server
that supports them answers 304 with no body for a page that did not change. `HttpCache` keeps those
validators between runs in a small JSON file.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from ..version import __version__
from .formats import DEFAULT_MAX_BYTES

USER_AGENT = f"Communique/{__version__} (+https://example.org/communique)"
ROBOTS_MAX_BYTES = 512 * 1024
REDIRECT_CODES = {301, 302, 303, 307, 308}
RETRY_CODES = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A URL that could not be fetched. `kind` says why: robots, timeout, too_large, redirect,
    network, url, private (a non-public address the user did not name)."""

    def __init__(self, url: str, reason: str, kind: str = "error") -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.kind = kind


@dataclass
class FetchResult:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    content: bytes
    fetched: str  # UTC, ISO 8601
    redirects: list[str] = field(default_factory=list)  # the URLs redirected to, in order
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str | None:
        value = self.headers.get("content-type")
        return value.split(";")[0].strip().lower() if value else None

    @property
    def charset(self) -> str | None:
        value = self.headers.get("content-type")
        if not value:
            return None
        msg = Message()
        msg["content-type"] = value
        cs = msg.get_param("charset")
        return str(cs).strip().lower() if cs else None


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def site_host(url: str) -> str:
    """Host and port, lower case, without user info or a leading "www.": what "the same host" means."""
    netloc = urlsplit(url).netloc.lower().rsplit("@", 1)[-1]
    return netloc[4:] if netloc.startswith("www.") else netloc


# -- the network layer: one deadline per fetch, and no connection to an address nobody named ------

_local = threading.local()  # per thread: .deadline (time.monotonic()) of the fetch in progress


class _Deadline(Exception):
    """The fetch in progress ran past its total time (a server dribbling bytes)."""


class _Refused(Exception):
    """A connection to a non-public address the user did not name."""

    def __init__(self, host: str, port: int, address: str) -> None:
        super().__init__(f"{host}:{port} is {address}, a private, loopback or link-local address; "
                         "only the hosts named as sources may be such addresses")


def _bounded(timeout: float | None) -> float | None:
    deadline = getattr(_local, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Deadline()
    return left if timeout is None else min(timeout, left)


def _address_key(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int) -> tuple[str, int]:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ("loopback" if ip.is_loopback else str(ip), port)


def _resolve(host: str, port: int) -> list[tuple[str, ipaddress.IPv4Address | ipaddress.IPv6Address]]:
    """(address to connect to, parsed address) for each address of `host`, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    out = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        addr = str(sockaddr[0])
        out.append((addr, ipaddress.ip_address(addr.split("%")[0])))
    return out


class _GuardedStream(httpcore.NetworkStream):
    """A socket whose every read and write is cut to the time left of the fetch in progress."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        return _GuardedStream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend that resolves the host itself, refuses a non-public address that is
    not allowed, connects to the checked address (so DNS cannot answer differently a moment later),
    and hands out deadline-bound sockets."""

    def __init__(self, allowed: set[tuple[str, int]]) -> None:
        self._inner = httpcore.SyncBackend()
        self._allowed = allowed

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last: Exception | None = None
        for addr, ip in _resolve(host, port):
            if not ip.is_global and _address_key(ip, port) not in self._allowed:
                last = _Refused(host, port, addr)
                continue
            try:
                return _GuardedStream(self._inner.connect_tcp(addr, port, _bounded(timeout), local_address,
                                                              socket_options))
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover - not used
        raise httpcore.ConnectError("Unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _crawl_delay(robots_txt: str, agent: str) -> float | None:
    """The Crawl-delay of the group of robots.txt that applies to `agent` (its own group, else "*"),
    in seconds, fractions allowed (Python's robotparser reads whole numbers only)."""
    token = agent.split("/")[0].strip().lower()
    groups: list[tuple[list[str], float | None]] = []
    agents: list[str] = []
    delay: float | None = None
    in_rules = False
    for raw in robots_txt.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (x.strip() for x in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if in_rules:
                groups.append((agents, delay))
                agents, delay, in_rules = [], None, False
            agents.append(value.lower())
        elif agents:
            in_rules = True
            if key == "crawl-delay":
                with contextlib.suppress(ValueError):
                    delay = float(value)
    if agents:
        groups.append((agents, delay))
    own = [d for names, d in groups if any(n != "*" and n in token for n in names)]
    star = [d for names, d in groups if "*" in names]
    for d in own or star:
        if d is not None and d >= 0 and d == d:
            return d
    return None


class Fetcher:
    """A polite HTTP client for one crawl (see the module docstring). Use as a context manager or
    call `close()`."""

    def __init__(self, *, timeout: float = 10.0, total_timeout: float = 60.0, retries: int = 2,
                 backoff: float = 0.5, max_backoff: float = 10.0, max_redirects: int = 5,
                 max_bytes: int = DEFAULT_MAX_BYTES, min_interval: float = 1.0, respect_robots: bool = True,
                 max_crawl_delay: float = 60.0, user_agent: str = USER_AGENT, trust_env: bool = True,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.timeout = timeout
        self.total_timeout = total_timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_redirects = max_redirects
        self.max_bytes = max_bytes
        self.min_interval = min_interval
        self.respect_robots = respect_robots
        self.max_crawl_delay = max_crawl_delay
        self.user_agent = user_agent
        self._allowed: set[tuple[str, int]] = set()  # non-public (address, port) the user named
        if transport is None:
            transport = httpx.HTTPTransport(retries=0, trust_env=trust_env)
            pool = getattr(transport, "_pool", None)
            if isinstance(pool, httpcore.ConnectionPool) and hasattr(pool, "_network_backend"):
                pool._network_backend = _GuardedBackend(self._allowed)
            else:  # pragma: no cover - an httpx/httpcore without the attribute: refuse to run unguarded
                raise RuntimeError("this httpx/httpcore version cannot be guarded; pin httpcore 1.x")
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=trust_env, transport=transport,
            headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                     "application/rss+xml,application/atom+xml,application/pdf,*/*;q=0.8"},
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._delays: dict[str, float | None] = {}
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public --------------------------------------------------------------------------------
    def allow(self, url: str) -> None:
        """Let this fetcher reach the host of `url` even where it is a private or loopback address
        (a host the user named; only its port)."""
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
            found = _resolve(parts.hostname or "", port)
        except (ValueError, httpcore.ConnectError):
            return  # the fetch itself reports the bad URL or the unknown host
        with self._lock:
            self._allowed.update(_address_key(ip, port) for _, ip in found if not ip.is_global)

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None, *,
              named: bool = True, stay_on: str | None = None) -> FetchResult:
        """GET `url`, conditionally when validators are given. Returns the result for any HTTP status
        (check `status`); raises FetchError when no answer could be had (robots, timeout, network,
        too large, too many redirects or a loop, a non-public address).

        `named`: the user named this URL, so its host may be a private or loopback address (a
        crawler passes False for the links it finds). `stay_on`: a host (as `site_host` gives it)
        that redirects must not leave."""
        _check_url(url)
        if named:
            self.allow(url)
        with _deadline(self.total_timeout):
            return self._fetch(url, etag, last_modified, stay_on)

    def _fetch(self, url: str, etag: str | None, last_modified: str | None, stay_on: str | None) -> FetchResult:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        chain = [url]
        current = url
        while True:
            if self.respect_robots and not self.allowed(current):
                where = "" if current == url else f" (redirected to {current})"
                raise FetchError(url, f"disallowed by robots.txt{where}", "robots")
            result = self._get(current, headers, self.max_bytes)
            location = result.headers.get("location")
            if result.status not in REDIRECT_CODES or not location:
                result.url = url
                result.redirects = chain[1:]
                return result
            target = urljoin(current, location.strip())
            _check_url(target, original=url)
            if stay_on is not None and site_host(target) != stay_on:
                raise FetchError(url, f"redirected to another host or port ({target}); not followed on a "
                                 "same-host crawl", "redirect")
            if target in chain:
                loop = " → ".join([*chain[chain.index(target):], target])
                raise FetchError(url, f"redirect loop: {loop}", "redirect")
            if len(chain) > self.max_redirects:
                raise FetchError(url, f"more than {self.max_redirects} redirects", "redirect")
            chain.append(target)
            current = target

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets this user agent fetch it (read once per host)."""
        return self._robots_for(url).can_fetch(self.user_agent, url)

    def robots(self, url: str) -> RobotFileParser:
        """The parsed robots.txt of the URL's host (its `site_maps()` lists declared sitemaps)."""
        return self._robots_for(url)

    # -- internals -----------------------------------------------------------------------------
    def _robots_for(self, url: str) -> RobotFileParser:
        origin = origin_of(url)
        with self._lock:
            rp = self._robots.get(origin)
        if rp is not None:
            return rp
        rp = RobotFileParser(origin + "/robots.txt")
        try:
            with _deadline(self.total_timeout):
                res = self._follow(origin + "/robots.txt", ROBOTS_MAX_BYTES)
        except FetchError:
            res = None  # unreachable: the page fetch itself will report what is wrong
        if res is None:
            rp.allow_all = True
        elif res.status in (401, 403):
            rp.disallow_all = True
        elif 400 <= res.status < 500:
            rp.allow_all = True
        elif res.status >= 500:
            rp.disallow_all = True  # as the big crawlers do: a failing robots.txt means "not now"
        elif res.ok:
            text = res.content.decode("utf-8", errors="replace")
            rp.parse(text.splitlines())
            with self._lock:
                self._delays[origin] = _crawl_delay(text, self.user_agent)
        else:
            rp.allow_all = True
        rp.modified()
        with self._lock:
            self._robots[origin] = rp
        return rp

    def _follow(self, url: str, max_bytes: int) -> FetchResult:
        """GET with redirects but without robots checks (for robots.txt itself); a redirect may not
        leave the host."""
        chain = [url]
        while True:
            res = self._get(chain[-1], {}, max_bytes)
            location = res.headers.get("location")
            if res.status not in REDIRECT_CODES or not location:
                return res
            target = urljoin(chain[-1], location.strip())
            if target in chain or len(chain) > self.max_redirects:
                raise FetchError(url, "redirect loop", "redirect")
            if site_host(target) != site_host(url) or urlsplit(target).scheme.lower() not in ("http", "https"):
                raise FetchError(url, f"robots.txt redirected to another host ({target})", "redirect")
            chain.append(target)

    def _interval(self, url: str) -> float:
        interval = self.min_interval
        delay = self._delays.get(origin_of(url)) if self.respect_robots else None
        if delay:
            interval = max(interval, min(delay, self.max_crawl_delay))
        return interval

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        interval = self._interval(url)
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, float("-inf")) + interval
            wait = max(0.0, ready - now)
            self._last[host] = now + wait  # reserve the slot before sleeping
        if wait:
            _pause(wait)

    def _get(self, url: str, headers: dict[str, str], max_bytes: int) -> FetchResult:
        """One URL, no redirects followed, with bounded retries."""
        attempt = 0
        while True:
            attempt += 1
            try:
                result = self._get_once(url, headers, max_bytes)
            except _Deadline as exc:
                raise FetchError(url, f"no complete answer within the total time limit of {self.total_timeout:g} s "
                                 "(a server sending too slowly)", "timeout") from exc
            except _Refused as exc:
                raise FetchError(url, str(exc), "private") from exc
            except httpx.TimeoutException as exc:
                if attempt <= self.retries:
                    self._sleep_backoff(attempt, None)
                    continue
                raise FetchError(url, f"timed out after {attempt} attempt(s) "
                                 f"(timeout {self.timeout:g} s): {type(exc).__name__}", "timeout") from exc
            except httpx.TransportError as exc:
                if attempt <= self.retries:
                    self._sleep_backoff(attempt, None)
                    continue
                raise FetchError(url, f"network error after {attempt} attempt(s): "
                                 f"{type(exc).__name__}: {exc}", "network") from exc
            except httpx.DecodingError as exc:
                raise FetchError(url, f"the response body cannot be decoded: {exc}", "network") from exc
            except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
                raise FetchError(url, f"{type(exc).__name__}: {exc}", "url") from exc
            result.attempts = attempt
            if result.status in RETRY_CODES and attempt <= self.retries:
                self._sleep_backoff(attempt, result.headers.get("retry-after"))
                continue
            return result

    def _sleep_backoff(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff * (2 ** (attempt - 1))
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, float(retry_after.strip()))
        _pause(min(delay, self.max_backoff))

    def _get_once(self, url: str, headers: dict[str, str], max_bytes: int) -> FetchResult:
        self._wait_turn(url)
        with self._client.stream("GET", url, headers=headers) as r:
            fetched = utc_now()
            hdrs = {k.lower(): v for k, v in r.headers.items()}
            body = bytearray()
            if 200 <= r.status_code < 300:
                declared = hdrs.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(url, f"the response declares {int(declared)} bytes, over the size limit "
                                     f"of {max_bytes} bytes", "too_large")
                for chunk in r.iter_bytes():  # as it arrives; every socket read is bounded by the deadline
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchError(url, f"the response is over the size limit of {max_bytes} bytes "
                                         "(cut off while streaming)", "too_large")
                    _bounded(None)
            return FetchResult(url=url, final_url=str(r.url), status=r.status_code, headers=hdrs,
                               content=bytes(body), fetched=fetched)


@contextlib.contextmanager
def _deadline(seconds: float):
    """The total time of one fetch, for this thread; a fetch inside another (robots.txt read on the
    way to a page) shares the outer one's."""
    if getattr(_local, "deadline", None) is not None:
        yield
        return
    _local.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = None


def _pause(seconds: float) -> None:
    """Sleep for politeness (a rate limit, a backoff): the time is not the server's, so the deadline
    of the fetch in progress moves by as much."""
    time.sleep(seconds)
    if getattr(_local, "deadline", None) is not None:
        _local.deadline += seconds


def _check_url(url: str, original: str | None = None) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        what = f"a redirect to {url!r}" if original else "not an http(s) URL"
        raise FetchError(original or url, f"{what}; only http and https are fetched", "url")


class HttpCache:
    """ETag and Last-Modified per URL, kept between runs in a JSON file (or only in memory), so a
    re-run sends conditional requests and reads only what changed.

    For a listing (a feed, a sitemap, an index page) it also keeps the links it held, so that when
    the listing answers 304 its pages can still be visited (conditionally) without reading it again.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        self._data: dict[str, dict] = {}
        if self.path and self.path.exists():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                self._data = {k: v for k, v in loaded.items() if isinstance(v, dict)}
            except (OSError, ValueError, AttributeError):
                self._data = {}  # a damaged cache only costs a full re-fetch

    def get(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) recorded for `url`, each None when unknown."""
        item = self._data.get(url) or {}
        return item.get("etag"), item.get("last_modified")

    def links(self, url: str) -> list[list] | None:
        """The links recorded for a listing `url` as [url, published, title] lists, or None."""
        item = self._data.get(url) or {}
        links = item.get("links")
        return links if isinstance(links, list) else None

    def put(self, url: str, etag: str | None, last_modified: str | None, links: list[list] | None = None) -> None:
        if not (etag or last_modified):
            self._data.pop(url, None)  # nothing to ask conditionally with
            return
        entry: dict = {k: v for k, v in (("etag", etag), ("last_modified", last_modified)) if v}
        if links is not None:
            entry["links"] = links
        self._data[url] = entry

    def __contains__(self, url: object) -> bool:
        return url in self._data

    def __len__(self) -> int:
        return len(self._data)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(json.dumps(self._data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)
