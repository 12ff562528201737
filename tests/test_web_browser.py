"""The pages in a real browser: headless Chromium from Debian driven by Playwright, against the app served
by uvicorn on 127.0.0.1 over the bundled samples plus a document full of script-injection payloads.

Clicks through search → document → entity → event → timeline, makes corrections and sees them, checks
that nothing from a document runs, and takes a screenshot of every page: into a temporary folder, or
into docs/screenshots/ (tracked, referenced from README) when COMMUNIQUE_SCREENSHOTS=1 asks for them,
so a test run leaves the work tree as it found it.

The browser is Debian's `chromium` (Playwright downloads nothing): when /usr/bin/chromium is missing and
we are root, the session fixture installs it with apt-get. Under CI (the variable CI set) a missing
browser or Playwright fails the run loudly instead of skipping.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from communique.api.testing import demo_database, running

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCS_SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 860}


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def _install_chromium() -> str | None:
    """apt-get install chromium (root only); returns why it failed, or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return "Chromium is not installed at /usr/bin/chromium and this process cannot install it (not root)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:  # a fresh machine: no package lists yet
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, text=True, timeout=600)
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0 or not os.path.exists(CHROMIUM):
        return f"apt-get install chromium failed: {done.stderr[-2000:]}"
    return None


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"the Python package playwright is not installed: {exc}")
    if not os.path.exists(CHROMIUM):
        problem = _install_chromium()
        if problem:
            _unavailable(problem)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The application over a fresh demo database (samples + the hostile document), with an editor token
    and an admin token."""
    from communique.api import create_app
    from communique.api.auth import create_token

    db = demo_database(tmp_path_factory.mktemp("browser"), xss=True)
    app = create_app(db, cache_ttl=0)
    token = create_token(app.state.store, name="Анна Петрова", role="editor")
    admin = create_token(app.state.store, name="Анна Петрова", role="admin")
    with running(app) as base:
        yield {"base": base, "token": token, "admin": admin}


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    pg = context.new_page()
    pg.dialogs = []  # any alert/confirm/prompt a payload might open
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.base = site["base"]
    yield pg
    context.close()


def go(pg, path: str):
    response = pg.goto(pg.base + path)
    assert response is not None and response.status == 200, (path, response and response.status)
    return response


def no_payload_ran(pg) -> None:
    assert pg.evaluate("() => window.__xss") is None, "a payload from a document ran"
    assert pg.dialogs == []


def sign_in(pg, token: str) -> None:
    go(pg, "/login?next=/")
    pg.fill("#token", token)
    pg.click("#login-form button[type=submit]")
    pg.wait_for_url(pg.base + "/")
    assert pg.locator(".who").inner_text().startswith("Анна Петрова")


# -- the tests ----------------------------------------------------------------------------------------

def test_click_through_search_document_entity_event_timeline(page):
    go(page, "/?lang=en")
    page.fill("#q", "Назарзода переговоры")
    page.select_option("form.search select[name=mode]", "text")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r".*\?q=.*"))
    hit = page.locator("ol.hits a.title", has_text="Россия и Таджикистан обсудили")
    assert page.locator("ol.hits li.hit").count() >= 2
    assert page.locator("ol.hits .snippet mark").count() >= 1  # the matching words are marked
    assert page.locator("aside.facets section[data-facet=person]").is_visible()

    hit.click()
    page.wait_for_url(re.compile(r".*/documents/sample-ru-1$"))
    assert page.locator("#doctext mark.fact.event").count() >= 3  # events highlighted at their evidence
    assert page.locator("#doctext a.chip.event").count() >= 3
    person = page.locator("#doctext a.mention.PER", has_text="Игоря Веденеева")
    person.click()
    page.wait_for_url(re.compile(r".*/entities/.+"))
    assert "Игорь Веденеев" in page.locator("h1").inner_text()
    roles = page.locator("#roles").inner_text()
    assert "первый заместитель" in roles.lower()  # roles over time
    assert page.locator("#co-participants", has_text="Рустам Назарзода").is_visible()

    # the talks once, as the knowledge base dates them (16 March: the English and one Russian report;
    # sample-ru-1 says the 17th), not once per report
    assert page.locator('#events a.event-link[href="/events/sample-ru-1/e1"]').count() == 0
    page.locator('#events a.event-link[href="/events/sample-en-2/e1"]').click()
    page.wait_for_url(re.compile(r".*/events/sample-en-2/e1$"))
    assert "Meeting" in page.locator("h1").inner_text()
    assert page.locator("#sources li").count() >= 2  # the other ministry's report of the same talks
    assert "2026-03-16" in page.locator("#conflicts").inner_text()
    assert page.locator("#sub-events li").count() >= 1

    page.click("nav.main a[data-nav=timeline]")
    page.wait_for_url(re.compile(r".*/timeline$"))
    bars = page.locator("svg.histogram a.bucket")
    assert bars.count() >= 3
    page.locator('svg.histogram a.bucket[data-bucket="2026"]').click()  # zoom into a year: its months
    page.wait_for_url(re.compile(r".*granularity=month.*"))
    page.locator('svg.histogram a.bucket[data-bucket="2026-03"]').click()  # into a month: its days
    page.wait_for_url(re.compile(r".*granularity=day.*"))
    assert page.locator("ol.timeline li.tl-event").count() >= 3
    assert all(d.startswith("2026-03") for d in page.locator("ol.timeline .date").all_inner_texts())
    page.click("#zoom-out")
    page.wait_for_url(re.compile(r".*granularity=month.*"))
    no_payload_ran(page)
    assert page.errors == []


def test_interface_switches_between_russian_and_english(page):
    go(page, "/?lang=en")
    assert page.locator("nav.main a[data-nav=timeline]").inner_text() == "Timeline"
    page.click("a[data-lang=ru]")
    page.wait_for_load_state()
    assert page.locator("nav.main a[data-nav=timeline]").inner_text() == "Хронология"
    go(page, "/events")  # the choice is remembered
    assert page.locator("h1").inner_text() == "События"


def test_correct_a_fact_and_see_it(page, site):
    sign_in(page, site["token"])
    go(page, "/events/sample-ru-6/e1")
    assert page.locator("#event-date").inner_text().startswith("2026-03-16")
    page.fill("#fix-event input[name=start]", "2026-03-17")
    page.fill("#fix-event input[name=reason]", "Минцифры России датирует переговоры 17 марта")
    page.click("#fix-event button[type=submit]")
    page.wait_for_url(re.compile(r".*/events/sample-ru-6/e1$"))
    assert page.locator(".flash").is_visible()
    assert page.locator("#event-date").inner_text().startswith("2026-03-17")
    assert page.locator("h1 .badge.corrected").is_visible()
    history = page.locator("#history").inner_text()
    assert "Анна Петрова" in history and "17 марта" in history and "2026-03-16" in history

    # a missing participant
    page.fill("#add-participant input[name=name]", "Министерство цифрового развития, связи и массовых "
                                                     "коммуникаций Российской Федерации")
    page.select_option("#add-participant select[name=type]", "ORG")
    page.fill("#add-participant input[name=reason]", "Делегация министерства названа в заголовке")
    page.click("#add-participant button[type=submit]")
    page.wait_for_url(re.compile(r".*/events/sample-ru-6/e1$"))
    assert "Министерство цифрового развития" in page.locator("#event-participants").inner_text()

    go(page, "/documents/sample-ru-6")
    assert page.locator("#doctext a.chip.event.corrected").count() >= 1
    assert page.locator("#event-e1 .badge.corrected").is_visible()
    go(page, "/corrections")
    assert page.locator("table.corrections-table tr.active").count() >= 2
    assert "17 марта" in page.locator("table.corrections-table").inner_text()
    exported = page.request.get(page.base + "/api/v1/exports/json?document=sample-ru-6").json()[0]
    assert next(e for e in exported["events"] if e["id"] == "e1")["start"] == "2026-03-17"
    go(page, "/timeline?from=2026-03-17&to=2026-03-17")
    assert page.locator("ol.timeline li.tl-event .badge.corrected").count() >= 1


def test_document_payloads_never_run(page):
    go(page, "/?q=Визит&mode=text")
    title = page.locator("ol.hits a.title", has_text="Визит")
    assert "<script>" in title.inner_text()  # shown as text
    title.click()
    page.wait_for_url(re.compile(r".*/documents/xss-probe$"))
    text = page.locator("#doctext").inner_text()
    assert '<script>window.__xss=4</script>' in text and '<img src=x onerror="window.__xss=3">' in text
    assert page.locator("#doctext script, #doctext img, #doctext svg, #doctext iframe").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    no_payload_ran(page)
    for link in page.locator("aside.facts-panel a.ent, aside.facts-panel a.event-link").all()[:6]:
        go(page, link.get_attribute("href"))
        no_payload_ran(page)
        page.go_back()
    for path in ("/documents", "/agreements", "/events", "/entities?q=Карпенко", "/timeline?from=2026-04-01&to=2026-04-01",
                 "/graph", "/api/v1/documents/xss-probe"):
        go(page, path)
        no_payload_ran(page)
    # an injected attribute breaking out of an attribute is inert too
    go(page, '/?q="><img src=x onerror=window.__xss=10>')
    no_payload_ran(page)
    assert page.errors == []


def test_graph_is_interactive(page):
    go(page, "/graph")
    page.wait_for_selector('svg#graph[data-ready="1"]')
    nodes = page.locator("svg#graph g.node")
    assert nodes.count() >= 5
    node = page.locator("svg#graph g.node", has_text="Рустам Назарзода")
    node.locator("circle").click()  # a click opens the entity
    page.wait_for_url(re.compile(r".*/entities/.+"))
    assert "Рустам Назарзода" in page.locator("h1").inner_text()


# every page kind, each taken in English (NAME.png) and in Russian (NAME-ru.png)
SCREENS = [
    ("search", "/"),
    ("search-results", "/?q=форум"),
    ("ask", "/ask?q=" + quote("Who met Rustam Nazarzoda in Dushanbe?")),
    ("document", "/documents/sample-ru-1"),
    ("document-english", "/documents/sample-en-2"),
    ("entity", "entity:Игорь Веденеев"),
    ("entities", "/entities"),
    ("event", "/events/sample-ru-1/e1"),
    ("event-corrected", "/events/sample-ru-6/e1"),
    ("events", "/events"),
    ("timeline", "/timeline"),
    ("timeline-zoom", "/timeline?from=2026-03&to=2026-03&granularity=day"),
    ("graph", "/graph"),
    ("topics", "/topics"),
    ("series-list", "/series"),
    ("series", None),
    ("agreements", "/agreements"),
    ("corrections", "/corrections"),
    ("documents", "/documents"),
    ("login", "/login"),
    ("api", "/api"),
]  # and the admin's page of tokens: test_the_admin_page_of_tokens_in_both_languages
ENGLISH_LABELS = re.compile(r"^(?:[A-Z]{4,}|role|plan|person|date|location|ordinal)$")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def with_lang(path: str, lang: str) -> str:
    return path + ("&" if "?" in path else "?") + f"lang={lang}"


def reads_in_its_language(pg, name: str, lang: str) -> None:
    """What a page shows in its own words: on a Russian page no label of the interface left in
    English (event types, agreement kinds, roles, conflict fields); on an English page every place the
    knowledge base knows in English named in English; the page as wide as the window at most."""
    if lang == "ru":
        labels = pg.locator("a.chip, table.conflicts th, .graph-legend li, select option, .status").all_inner_texts()
        left = [x.strip() for x in labels if ENGLISH_LABELS.match(x.strip().rstrip(" ✎"))]
        assert not left, (name, left)
    else:
        places = pg.locator("a.ent.LOC").all_inner_texts()
        assert not [p for p in places if CYRILLIC.search(p)], (name, places)
    width = pg.evaluate("() => document.documentElement.scrollWidth")
    assert width <= VIEWPORT["width"], (name, lang, width)
    if name == "timeline":
        bars = pg.locator("svg.histogram a.bucket")
        assert bars.count() > 0
        for i in range(bars.count()):
            bar = bars.nth(i)
            count = bar.locator("title").text_content().rsplit(":", 1)[1].strip()
            assert bar.locator("text.n").text_content() == count


@pytest.mark.parametrize("lang, question, sentence_word", [
    ("en", "Who met Rustam Nazarzoda in Dushanbe?", "Nazarzoda"),
    ("ru", "С кем встречался Рустам Назарзода на полях форума?", "Назарзода"),
])
def test_ask_a_question_and_see_the_cited_sentences(page, lang, question, sentence_word):
    """The Ask box posts a question; the answer shows its facts and every cited sentence, each linked
    to its document where exactly that sentence is highlighted."""
    go(page, f"/ask?lang={lang}")
    assert page.locator("nav.main a[data-nav=ask]").inner_text() == ("Ask" if lang == "en" else "Вопрос")
    page.fill("#question", question)
    page.click("#ask-form button[type=submit]")
    page.wait_for_selector("#answer")
    assert page.locator("#answer").get_attribute("data-mode") == "facts"
    assert page.locator("#answer h2").inner_text() == ("Answer" if lang == "en" else "Ответ")
    citations = page.locator("#citations > li.citation")
    assert citations.count() >= 1
    first = citations.first
    sentence = first.locator("blockquote mark.cited").inner_text()
    assert sentence_word in sentence
    assert first.locator(".facts li").count() >= 1  # the facts stated in the cited sentence
    href = first.locator("a.source").get_attribute("href")
    start, end = (int(x) for x in re.search(r"cite=(\d+)-(\d+)", href).groups())
    first.locator("a.source").click()
    page.wait_for_url(re.compile(r".*/documents/.+\?cite=\d+-\d+"))
    marked = "".join(page.locator("#doctext mark.cited").all_inner_texts())
    assert " ".join(marked.split()) == " ".join(sentence.split())  # exactly the cited characters
    assert end - start == len(sentence)
    assert page.errors == []
    no_payload_ran(page)


def test_ask_says_when_nothing_supports_an_answer(page):
    go(page, "/ask?lang=ru")
    page.fill("#question", "Рецепт бананового пирога с корицей")
    page.click("#ask-form button[type=submit]")
    page.wait_for_selector("#answer")
    assert page.locator("#answer").get_attribute("data-mode") == "none"
    assert page.locator("#citations li").count() == 0
    assert "нет сведений" in page.locator("#answer .empty").inner_text()


def screenshot_folder(tmp_path: Path) -> Path:
    """docs/screenshots/ when COMMUNIQUE_SCREENSHOTS=1 asks to refresh them, else a temporary folder."""
    return DOCS_SCREENSHOTS if os.environ.get("COMMUNIQUE_SCREENSHOTS") == "1" else tmp_path / "screenshots"


def test_screenshots_go_to_the_docs_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("COMMUNIQUE_SCREENSHOTS", raising=False)
    assert screenshot_folder(tmp_path) == tmp_path / "screenshots"
    monkeypatch.setenv("COMMUNIQUE_SCREENSHOTS", "1")
    assert screenshot_folder(tmp_path) == DOCS_SCREENSHOTS


def test_screenshots_of_every_page(page, site, tmp_path):
    """Takes every page kind in both languages as it is now, and checks that each reads in its own
    language; COMMUNIQUE_SCREENSHOTS=1 refreshes docs/screenshots/*.png."""
    folder = screenshot_folder(tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    sign_in(page, site["token"])  # so the correction forms show
    for lang in ("en", "ru"):
        for name, path in SCREENS:
            if path is None:  # the first series
                go(page, with_lang("/series", lang))
                path = page.locator("table.list a").first.get_attribute("href")
            elif path.startswith("entity:"):  # an entity by name
                found = page.request.get(page.base + "/api/v1/entities",
                                         params={"q": path[7:], "type": "PER"}).json()
                path = "/entities/" + quote(found["items"][0]["key"], safe="")
            go(page, with_lang(path, lang))
            if name == "graph":
                page.wait_for_selector('svg#graph[data-ready="1"]')
                page.wait_for_timeout(2500)  # let the layout settle
            reads_in_its_language(page, name, lang)
            shot = f"{name}.png" if lang == "en" else f"{name}-ru.png"
            page.screenshot(path=str(folder / shot), full_page=name in ("document", "entity", "event"))
            no_payload_ran(page)
    assert len(list(folder.glob("*.png"))) >= 2 * len(SCREENS)


def test_the_admin_page_of_tokens_in_both_languages(page, site, tmp_path):
    """The one page only an admin sees: tokens listed and made, its words (roles too) in the reader's
    language; screenshots tokens.png and tokens-ru.png (COMMUNIQUE_SCREENSHOTS=1 refreshes the docs')."""
    folder = screenshot_folder(tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    sign_in(page, site["admin"])
    roles = {"en": ["viewer", "editor", "admin"], "ru": ["читатель", "редактор", "администратор"]}
    for lang in ("en", "ru"):
        go(page, with_lang("/admin/tokens", lang))
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("select[name=role] option").all_inner_texts() == roles[lang]
        assert page.locator(".who").inner_text().endswith(roles[lang][2])
        page.fill("input[name=name]", f"Сервис отчётов {lang}")
        page.select_option("select[name=role]", label=roles[lang][0])
        page.click("form.filters button[type=submit]")
        page.wait_for_url(re.compile(r".*/admin/tokens$"))
        assert page.locator("#new-token").inner_text().strip()
        row = page.locator("table.list tr", has_text=f"Сервис отчётов {lang}")
        assert row.locator("td").nth(2).inner_text() == roles[page.locator("html").get_attribute("lang")][0]
        go(page, with_lang("/admin/tokens", lang))
        reads_in_its_language(page, "tokens", lang)
        page.screenshot(path=str(folder / ("tokens.png" if lang == "en" else "tokens-ru.png")))
        no_payload_ran(page)
