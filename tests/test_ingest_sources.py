"""Sources and the crawler, against a real HTTP server on 127.0.0.1 serving the fixture ministry site
(tests/sitefixture.py): feeds, sitemaps, --follow limits, robots.txt, the rate limit, failures of
every kind, conditional GET on a re-run, and duplicates."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from communique.ingest.dedup import Deduplicator, NearDuplicateIndex, content_hash, normalize_text, shingles
from communique.ingest.fetch import USER_AGENT, Fetcher, FetchError, HttpCache
from communique.ingest.sources import iter_sources
from sitefixture import STATIC_LAST_MODIFIED as _MODIFIED
from sitefixture import SiteServer

SITE = Path(__file__).parent / "fixtures" / "site"
TASHKENT = "/news/2026-04-27-tashkent-talks.html"
FORUM = "/news/2026-04-20-trade-forum.html"
MEMO = "/news/2026-04-15-memorandum.html"
CP1251 = "/news/2026-04-10-consultations.html"
BACKGROUND = "/news/background.html"
PRIVATE = "/private/draft.html"
REPUBLISHED = "/partners/republished-tashkent-talks.html"


@pytest.fixture(scope="module")
def site():
    with SiteServer(slow_seconds=2.0, huge_bytes=32 * 1024 * 1024) as server:
        yield server


@pytest.fixture
def server(site):
    site.reset()
    return site


@pytest.fixture
def make_fetcher():
    made = []

    def make(**kwargs) -> Fetcher:
        options = {"timeout": 0.5, "total_timeout": 5.0, "retries": 1, "backoff": 0.01, "min_interval": 0.0,
                   "trust_env": False, "max_bytes": 256 * 1024}
        options.update(kwargs)
        f = Fetcher(**options)
        made.append(f)
        return f

    yield make
    for f in made:
        f.close()


def run(spec: str, fetcher: Fetcher, **kwargs):
    return list(iter_sources(spec, fetcher=fetcher, **kwargs))


def paths(sources, server, status="ok") -> list[str]:
    return [s.location.replace(server.base, "") for s in sources if s.status == status]


# -- the fetcher ---------------------------------------------------------------------------------


def test_fetch_returns_status_headers_content_and_a_utc_fetch_time(server, make_fetcher):
    res = make_fetcher().fetch(server.url(TASHKENT))
    assert res.status == 200 and res.ok
    assert res.final_url == server.url(TASHKENT)
    assert res.content == (SITE / TASHKENT.lstrip("/")).read_bytes()
    assert res.etag and res.last_modified == "Mon, 27 Apr 2026 08:00:00 GMT"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", res.fetched)
    (req,) = server.requests_for(TASHKENT)
    assert req.headers["user-agent"] == USER_AGENT
    assert re.fullmatch(r"Communique/\d+\.\d+\.\d+\S* \(\+https://example\.org/communique\)", USER_AGENT)


def test_a_page_read_from_a_url_keeps_its_provenance(server, make_fetcher):
    (src,) = run(server.url(TASHKENT), make_fetcher())
    doc = src.document
    assert src.status == "ok" and doc.url == server.url(TASHKENT) and doc.source == server.url(TASHKENT)
    assert doc.fetched and doc.published == "2026-04-27" and doc.language == "ru"
    assert doc.title == "Переговоры министров иностранных дел Северии и Узбекистана в Ташкенте"
    assert len(doc.content_hash) == 64
    assert "Главная" not in doc.text and "Все права защищены" not in doc.text


def test_404_is_a_failure_and_is_not_retried(server, make_fetcher):
    (src,) = run(server.url("/missing"), make_fetcher(retries=3))
    assert src.status == "failed" and src.error == "HTTP 404 Not Found" and src.document is None
    assert server.hits["/missing"] == 1


def test_5xx_is_retried_a_bounded_number_of_times(server, make_fetcher):
    (src,) = run(server.url("/down"), make_fetcher(retries=2))
    assert src.status == "failed" and src.error == "HTTP 503 Service Unavailable"
    assert server.hits["/down"] == 3


def test_a_flaky_page_succeeds_on_retry(server, make_fetcher):
    (src,) = run(server.url("/flaky"), make_fetcher(retries=2))
    assert src.status == "ok" and src.document.title == "Statement on the flaky server"
    assert [r.status for r in server.requests_for("/flaky")] == [500, 200]


def test_a_slow_page_times_out_after_bounded_retries(server, make_fetcher):
    (src,) = run(server.url("/slow"), make_fetcher(timeout=0.3, retries=1))
    assert src.status == "failed"
    assert src.error.startswith("timed out after 2 attempt(s) (timeout 0.3 s)")
    assert server.hits["/slow"] == 2


def test_a_redirect_loop_is_a_clear_failure(server, make_fetcher):
    (src,) = run(server.url("/loop-a"), make_fetcher())
    assert src.status == "failed" and src.error.startswith("redirect loop: ")
    assert src.error.endswith("/loop-a → " + server.url("/loop-b") + " → " + server.url("/loop-a"))
    assert server.hits["/loop-a"] == 1 and server.hits["/loop-b"] == 1


def test_a_redirect_is_followed_to_the_final_url(server, make_fetcher):
    (src,) = run(server.url("/redirect"), make_fetcher())
    assert src.status == "ok" and src.location == server.url("/redirect")
    assert src.document.url == server.url(FORUM) and src.document.language == "en"


def test_too_many_redirects(server, make_fetcher):
    with pytest.raises(FetchError, match="more than 0 redirects") as err:
        make_fetcher(max_redirects=0).fetch(server.url("/redirect"))
    assert err.value.kind == "redirect"


def test_a_huge_page_is_cut_off_while_streaming(server, make_fetcher):
    (src,) = run(server.url("/huge"), make_fetcher(max_bytes=256 * 1024))
    assert src.status == "failed"
    assert src.error == "the response is over the size limit of 262144 bytes (cut off while streaming)"
    assert server.state.huge_done.wait(10)
    assert server.state.huge_sent < server.state.huge_bytes / 2  # the client hung up; it did not read it all


def test_a_declared_huge_length_is_refused_before_reading(server, make_fetcher):
    with pytest.raises(FetchError, match="declares 1000000000 bytes, over the size limit") as err:
        make_fetcher().fetch(server.url("/huge-declared"))
    assert err.value.kind == "too_large"


def test_a_binary_with_a_wrong_content_type_is_refused(server, make_fetcher):
    (src,) = run(server.url("/binary.html"), make_fetcher())
    assert src.status == "failed" and src.error == "binary data (a PNG image), not a text document"


def test_a_windows_1251_page_is_decoded(server, make_fetcher):
    raw = (SITE / CP1251.lstrip("/")).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    (src,) = run(server.url(CP1251), make_fetcher())
    doc = src.document
    assert src.status == "ok" and doc.title == "Консультации по консульским вопросам в Северске"
    assert "защиты прав и интересов граждан двух стран" in doc.text
    assert doc.published == "2026-04-10" and doc.language == "ru"
    (req,) = server.requests_for(CP1251)
    assert req.status == 200


def test_a_malformed_url_is_a_failed_source(make_fetcher):
    (src,) = run("http://[::1", make_fetcher())
    assert src.status == "failed" and src.error.startswith("not a valid URL")
    (src,) = run("http://", make_fetcher())
    assert src.status == "failed" and "not an http(s) URL" in src.error


def test_a_network_error_is_a_failed_source(make_fetcher):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (src,) = run(f"http://127.0.0.1:{port}/news/", make_fetcher(retries=1))
    assert src.status == "failed" and src.error.startswith("network error after 2 attempt(s)")


# -- feeds and sitemaps --------------------------------------------------------------------------


def test_an_rss_feed_is_recognized_and_its_items_read(server, make_fetcher):
    sources = run(server.url("/rss.xml"), make_fetcher())
    assert paths(sources, server) == [TASHKENT, FORUM, MEMO]
    assert [s.document.published for s in sources] == ["2026-04-27", "2026-04-20", "2026-04-15"]
    assert all(s.origin == server.url("/rss.xml") == s.document.source for s in sources)
    assert server.hits["/rss.xml"] == 1


def test_an_atom_feed_is_recognized_and_its_dates_fill_gaps(server, make_fetcher):
    sources = run(server.url("/atom.xml"), make_fetcher())
    assert paths(sources, server) == [CP1251, BACKGROUND]
    by = {s.location.replace(server.base, ""): s.document for s in sources}
    assert by[BACKGROUND].published == "2026-03-01"  # the page has no date; the feed's entry has
    assert by[CP1251].published == "2026-04-10"


def test_a_sitemap_index_leads_to_the_pages_and_robots_txt_is_respected(server, make_fetcher):
    sources = run(server.url("/sitemap-index.xml"), make_fetcher())
    assert paths(sources, server) == [TASHKENT, MEMO, REPUBLISHED, BACKGROUND]
    assert paths(sources, server, "skipped") == [PRIVATE]
    assert server.hits[PRIVATE] == 0
    assert server.hits["/sitemap.xml"] == 1 and server.hits["/robots.txt"] == 1
    by = {s.location.replace(server.base, ""): s.document for s in sources if s.ok}
    assert by[BACKGROUND].published == "2026-03-01"  # from news:publication_date


# -- following a news section ---------------------------------------------------------------------


def test_follow_depth_one_reads_the_linked_pages_on_the_same_host(server, make_fetcher):
    sources = run(server.url("/news/"), make_fetcher(), follow=True, depth=1)
    assert set(paths(sources, server)) == {"/", TASHKENT, FORUM, MEMO, CP1251}
    assert paths(sources, server, "skipped") == [PRIVATE]
    assert server.hits[BACKGROUND] == 0  # two links away
    assert server.hits[PRIVATE] == 0  # robots.txt
    assert server.hits["/rss.xml"] == 0 and server.hits["/images/logo.png"] == 0
    assert {r.host for r in server.requests} == {server.base.split("//")[1]}  # never the other host
    assert "/news/" not in paths(sources, server)  # the index is not a document


def test_follow_depth_two_goes_one_link_further(server, make_fetcher):
    sources = run(server.url("/news/"), make_fetcher(), follow=True, depth=2)
    assert set(paths(sources, server)) == {"/", TASHKENT, FORUM, MEMO, CP1251, BACKGROUND}
    assert all(n == 1 for n in server.hits.values())  # each URL once


def test_follow_depth_zero_reads_only_the_page(server, make_fetcher):
    sources = run(server.url(TASHKENT), make_fetcher(), follow=True, depth=0)
    assert paths(sources, server) == [TASHKENT]
    assert set(server.hits) == {"/robots.txt", TASHKENT}


def test_follow_may_leave_the_host_when_asked(server, make_fetcher):
    sources = run(server.url("/news/"), make_fetcher(), follow=True, depth=1, same_host=False)
    assert server.other + FORUM in [s.location for s in sources if s.ok]
    assert any(r.host.startswith("localhost:") and r.path == FORUM for r in server.requests)


def test_follow_stops_at_max_pages(server, make_fetcher):
    sources = run(server.url("/news/"), make_fetcher(), follow=True, depth=2, max_pages=2)
    assert len(sources) == 2
    assert sum(n for path, n in server.hits.items() if path not in ("/robots.txt", "/news/")) == 2


# -- robots.txt and the rate limit ----------------------------------------------------------------


def test_robots_txt_is_read_once_per_host_and_obeyed(server, make_fetcher):
    f = make_fetcher()
    with pytest.raises(FetchError, match="disallowed by robots.txt") as err:
        f.fetch(server.url(PRIVATE))
    assert err.value.kind == "robots"
    f.fetch(server.url(TASHKENT))
    f.fetch(server.url(MEMO))
    assert server.hits["/robots.txt"] == 1 and server.hits[PRIVATE] == 0
    (src,) = run(server.url(PRIVATE), f)
    assert src.status == "failed" and src.error == "disallowed by robots.txt"
    assert make_fetcher(respect_robots=False).fetch(server.url(PRIVATE)).status == 200


def test_the_rate_limit_spaces_requests_to_one_host(server, make_fetcher):
    interval = 0.25
    f = make_fetcher(min_interval=interval)
    for path in (TASHKENT, FORUM, MEMO, CP1251):
        f.fetch(server.url(path))
    times = [r.time for r in server.requests]
    assert len(times) == 5  # robots.txt and four pages
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= interval - 0.05, gaps  # tolerance for connection jitter; unlimited gaps are ~ms


def test_the_rate_limit_is_per_host(server, make_fetcher):
    f = make_fetcher(min_interval=1.0)
    f.fetch(server.url(TASHKENT))  # robots.txt, then the page a second later
    f.fetch(server.other + FORUM)  # another host: its robots.txt need not wait
    local = [r for r in server.requests if r.host.startswith("127.0.0.1")]
    other = [r for r in server.requests if r.host.startswith("localhost")]
    assert [r.path for r in local] == ["/robots.txt", TASHKENT]
    assert [r.path for r in other] == ["/robots.txt", FORUM]
    assert local[1].time - local[0].time >= 0.9
    assert other[1].time - other[0].time >= 0.9
    assert other[0].time - local[1].time < 0.7  # not held back by the other host's last request


# -- conditional GET: a re-run reads only what changed ---------------------------------------------


def test_fetch_sends_validators_and_gets_304(server, make_fetcher):
    f = make_fetcher()
    first = f.fetch(server.url(TASHKENT))
    again = f.fetch(server.url(TASHKENT), etag=first.etag)
    assert again.status == 304 and again.not_modified and again.content == b""
    feed = f.fetch(server.url("/rss.xml"))
    assert feed.etag is None and feed.last_modified
    assert f.fetch(server.url("/rss.xml"), last_modified=feed.last_modified).status == 304
    assert server.requests_for(TASHKENT)[1].headers["if-none-match"] == first.etag


def test_a_second_run_gets_304_and_refetches_nothing(server, make_fetcher, tmp_path):
    cache = HttpCache(tmp_path / "http-cache.json")
    first = run(server.url("/rss.xml"), make_fetcher(), cache=cache)
    assert [s.status for s in first] == ["ok", "ok", "ok"]
    cache.save()

    server.reset()
    second = run(server.url("/rss.xml"), make_fetcher(), cache=HttpCache(tmp_path / "http-cache.json"))
    assert [s.status for s in second] == ["unchanged"] * 3
    assert all(s.document is None for s in second)
    assert {r.path: r.status for r in server.requests} == {
        "/robots.txt": 200, "/rss.xml": 304, TASHKENT: 304, FORUM: 304, MEMO: 304}
    assert "if-modified-since" in server.requests_for("/rss.xml")[0].headers
    assert "if-none-match" in server.requests_for(MEMO)[0].headers


def test_a_re_run_reads_a_page_that_changed(server, make_fetcher):
    cache = HttpCache()
    run(server.url("/rss.xml"), make_fetcher(), cache=cache)
    changed = (SITE / FORUM.lstrip("/")).read_text(encoding="utf-8").replace(
        "More than four hundred", "More than five hundred")
    server.change(FORUM, changed.encode())
    second = run(server.url("/rss.xml"), make_fetcher(), cache=cache)
    assert [s.status for s in second] == ["unchanged", "ok", "unchanged"]
    assert "More than five hundred business leaders" in second[1].document.text


def test_a_followed_section_is_re_run_conditionally(server, make_fetcher):
    cache = HttpCache()
    first = run(server.url("/news/"), make_fetcher(), follow=True, depth=2, cache=cache)
    assert len(paths(first, server)) == 6
    server.reset()
    second = run(server.url("/news/"), make_fetcher(), follow=True, depth=2, cache=cache)
    assert set(paths(second, server, "unchanged")) == {"/", TASHKENT, FORUM, MEMO, CP1251, BACKGROUND}
    assert {r.status for r in server.requests if r.path != "/robots.txt"} == {304}


def test_a_failed_page_is_tried_again_on_the_next_run(server, make_fetcher):
    cache = HttpCache()
    run(server.url("/sitemap.xml"), make_fetcher(), cache=cache)
    assert server.url(PRIVATE) not in cache and server.url(TASHKENT) in cache
    server.reset()
    second = run(server.url("/sitemap.xml"), make_fetcher(), cache=cache)
    assert server.requests_for("/sitemap.xml")[0].status == 304
    assert paths(second, server, "unchanged") == [TASHKENT, MEMO, REPUBLISHED, BACKGROUND]
    assert paths(second, server, "skipped") == [PRIVATE]  # still listed, still checked


def test_http_cache_survives_a_damaged_file(tmp_path):
    p = tmp_path / "cache.json"
    p.write_text("{not json", encoding="utf-8")
    cache = HttpCache(p)
    assert len(cache) == 0
    cache.put("http://x/a", '"e1"', None)
    cache.save()
    assert HttpCache(p).get("http://x/a") == ('"e1"', None)


# -- duplicates ------------------------------------------------------------------------------------


def test_content_hash_ignores_whitespace_but_not_case():
    a = "Министры  подписали\nмеморандум.\n"
    assert normalize_text(a) == "Министры подписали меморандум."
    assert content_hash(a) == content_hash("Министры подписали меморандум.")
    assert content_hash(a) != content_hash("МИНИСТРЫ ПОДПИСАЛИ МЕМОРАНДУМ.")


def test_shingles_are_word_five_grams():
    assert shingles("One two three four five six") == {"one two three four five", "two three four five six"}
    assert shingles("Short text") == {"short text"}
    assert shingles("") == set()


def _page_text(name: str) -> str:
    from communique.ingest.formats import document_from_bytes

    return document_from_bytes((SITE / name.lstrip("/")).read_bytes(), name).text


def test_near_duplicate_index_finds_a_republished_release():
    original, republished = _page_text(TASHKENT), _page_text(REPUBLISHED)
    assert original != republished
    index = NearDuplicateIndex()
    index.add("tashkent", original)
    index.add("memo", _page_text(MEMO))
    assert index.query(republished) == "tashkent"
    assert index.query(_page_text(FORUM)) is None
    assert index.query(_page_text(CP1251)) is None


def test_a_kept_signature_finds_the_same_near_duplicates_as_the_text():
    original = _page_text(TASHKENT)
    index = NearDuplicateIndex()
    index.add("tashkent", original)
    kept = index.signature("tashkent")
    assert isinstance(kept, bytes) and len(kept) >= 4 * index.num_perm
    restored = NearDuplicateIndex()
    assert restored.add_signature("tashkent", kept)
    assert restored.query(_page_text(REPUBLISHED)) == "tashkent"
    assert restored.similar(_page_text(REPUBLISHED)) == index.similar(_page_text(REPUBLISHED))
    assert not NearDuplicateIndex(num_perm=64).add_signature("tashkent", kept)  # another size is refused
    dedup = Deduplicator()
    dedup.add("a", original)
    again = Deduplicator()
    assert again.add_signature("a", *dedup.signature("a"))
    assert again.check("  " + original.replace(" ", "  ")).kind == "exact"  # the normalized-text hash came too


def test_near_duplicate_index_is_rebuilt_from_stored_texts():
    stored = [("memo", _page_text(MEMO)), ("tashkent", _page_text(TASHKENT))]
    index = NearDuplicateIndex.from_texts(stored)
    assert len(index) == 2 and "tashkent" in index
    assert index.query(_page_text(REPUBLISHED)) == "tashkent"
    index.remove("tashkent")
    assert index.query(_page_text(REPUBLISHED)) is None


def test_sources_mark_exact_and_near_duplicates(server, make_fetcher):
    dedup = Deduplicator()
    sources = run(server.url("/sitemap.xml"), make_fetcher(), dedup=dedup)
    by = {s.location.replace(server.base, ""): s for s in sources if s.ok}
    original = by[TASHKENT].document.id
    assert by[REPUBLISHED].duplicate_kind == "near" and by[REPUBLISHED].duplicate_of == original
    assert by[MEMO].duplicate_of is None and by[TASHKENT].duplicate_of is None
    again = run(server.url("/rss.xml"), make_fetcher(), dedup=dedup)
    kinds = {s.location.replace(server.base, ""): (s.duplicate_kind, s.duplicate_of) for s in again}
    assert kinds[TASHKENT] == ("exact", original)
    assert dedup.check(by[TASHKENT].document.text).original == original
    assert kinds[FORUM] == (None, None)  # not seen before


# -- a hostile network: redirects, internal addresses, slow drips, Crawl-delay ---------------------


@pytest.fixture
def internal_port():
    """A listening socket on 127.0.0.1 standing for an internal service (a database port); yields
    its port and a function telling whether anything connected to it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)

    def connected() -> bool:
        try:
            conn, _ = sock.accept()
        except TimeoutError:
            return False
        conn.close()
        return True

    yield sock.getsockname()[1], connected
    sock.close()


def test_a_redirect_to_an_internal_port_is_refused(server, make_fetcher, internal_port):
    port, connected = internal_port
    f = make_fetcher()
    with pytest.raises(FetchError, match="private, loopback or link-local") as err:
        f.fetch(server.url(f"/to?url=http://127.0.0.1:{port}/admin"))
    assert err.value.kind == "private"
    assert not connected()
    # the site the user named, served on 127.0.0.1, still works, and so does a redirect within it
    assert f.fetch(server.url("/redirect")).status == 200


def test_a_link_to_an_internal_address_is_not_fetched_even_off_the_host(server, make_fetcher, internal_port):
    port, connected = internal_port
    server.state.overrides["/links.html"] = (
        f'<html><body><a href="http://127.0.0.1:{port}/secret">internal</a> '
        f'<a href="{{{{BASE}}}}/to?url=http://127.0.0.1:{port}/x">redirect</a> '
        f'<a href="{{{{BASE}}}}{TASHKENT}">news</a></body></html>').encode()
    server.state.override_times["/links.html"] = _MODIFIED
    sources = run(server.url("/links.html"), make_fetcher(), follow=True, depth=1, same_host=False)
    failed = {s.location: s.error for s in sources if s.status == "failed"}
    assert len(failed) == 2 and all("private, loopback or link-local" in e for e in failed.values()), failed
    assert paths(sources, server) == [TASHKENT]
    assert not connected()


def test_a_same_host_crawl_does_not_follow_a_redirect_to_another_host(server, make_fetcher):
    other_host = server.other + FORUM  # the same server under another name: allowed, but another host
    server.state.overrides["/links.html"] = (
        f'<html><body><a href="{{{{BASE}}}}/to?url={other_host}">moved</a> '
        f'<a href="{{{{BASE}}}}{TASHKENT}">news</a></body></html>').encode()
    server.state.override_times["/links.html"] = _MODIFIED
    sources = run(server.url("/links.html"), make_fetcher(), follow=True, depth=1)
    (bad,) = [s for s in sources if s.status == "failed"]
    assert "redirected to another host or port" in bad.error
    assert server.hits[FORUM] == 0
    assert paths(sources, server) == [TASHKENT]
    # off a same-host crawl the same redirect is followed
    sources = run(server.url("/links.html"), make_fetcher(), follow=True, depth=1, same_host=False)
    assert sorted(paths(sources, server)) == sorted([TASHKENT, "/to?url=" + other_host])


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_slow_drip_server_fails_at_the_total_time_limit(server, make_fetcher, path):
    import time

    f = make_fetcher(timeout=0.5, total_timeout=1.0, retries=2)
    started = time.monotonic()
    with pytest.raises(FetchError, match="total time limit of 1 s") as err:
        f.fetch(server.url(path))
    assert err.value.kind == "timeout"
    # each byte came well within the read timeout: only the total limit can stop it, and no retry
    assert time.monotonic() - started < 8
    assert server.hits[path] == 1


def test_a_fractional_crawl_delay_is_honoured(server, make_fetcher):
    server.state.overrides["/robots.txt"] = b"User-agent: *\nCrawl-delay: 0.4\nDisallow: /private/\n"
    server.state.override_times["/robots.txt"] = _MODIFIED
    f = make_fetcher(min_interval=0.0)
    for path in (TASHKENT, FORUM, MEMO):
        f.fetch(server.url(path))
    times = [r.time for r in server.requests if r.path != "/robots.txt"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.35, gaps


def test_crawl_delay_of_the_agents_own_group_wins_over_the_star_group():
    from communique.ingest.fetch import _crawl_delay

    robots = ("User-agent: *\nCrawl-delay: 5\n\nUser-agent: OtherBot\nUser-agent: Communique\n"
              "Crawl-delay: 1.5  # ours\nDisallow: /x\n")
    assert _crawl_delay(robots, "Communique/1.0 (+https://example.org)") == 1.5
    assert _crawl_delay(robots, "SomeoneElse/2.0") == 5.0
    assert _crawl_delay("User-agent: *\nCrawl-delay: soon\n", "Communique/1.0") is None
    assert _crawl_delay("Disallow: /\n", "Communique/1.0") is None
