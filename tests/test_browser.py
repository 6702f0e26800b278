"""The built journal in a real browser: Debian's chromium, driven by Playwright, over 127.0.0.1.

Every page is opened in the light and in the dark theme. A reader's browser must fetch nothing
from another host, every fetch must succeed, and axe-core must find no WCAG 2.2 AA violation,
with the References and "Show the data" dropdowns opened as a reader would open them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from conftest import REPO, TRANSLATIONS, Build, sphinx_build

BROWSER_DIR = Path(__file__).parent / "browser"
AXE = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "build" / "test-artifacts"
ARTICLE = "articles/why-korea-leads-ai-now.html"
# Debian's chromium, never a browser Playwright downloads; quiet, so only the page fetches anything
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
TIMEOUT_MS = 30_000
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe.run returns a promise that page.evaluate would wait on forever; bound it
RUN_AXE = """([tags, timeout]) => Promise.race([
    axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}),
    new Promise((_, reject) => setTimeout(() => reject(new Error("axe.run timed out")), timeout)),
])"""
BACKGROUND = "getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticHostHandler(QuietHandler):
    """Answers a missing address with the site's 404.html, as Read the Docs and other static hosts do."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serving(directory: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """``directory`` on 127.0.0.1 on a free port, while the block runs."""
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(site: Build) -> Iterator[str]:
    """The built site, for as long as this module's tests run."""
    with serving(site.outdir) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """Headless Debian chromium; skips, naming what to install, where it or Playwright is missing."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="needs Playwright: pip install playwright (no browser download)"
    )
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("needs Debian's chromium: apt-get install chromium")
    if not AXE.is_file():
        pytest.skip("needs axe-core: run `npm ci --ignore-scripts` in tests/browser")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """What one theme's tour of every page saw."""

    theme: str
    base: str
    pages: list[str]
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    violations: dict[str, list[dict]] = field(default_factory=dict)
    backgrounds: dict[str, list[int]] = field(default_factory=dict)
    screenshot: Path | None = None


def on_response(visit: Visit, response) -> None:
    """A 404 stylesheet or image is a broken page to a reader, even if nothing else complains."""
    if response.status >= 400:
        visit.failures.append(f"{response.url}: HTTP {response.status}")


@pytest.fixture(scope="module", params=["light", "dark"])
def visit(request: pytest.FixtureRequest, site: Build, server: str, browser) -> Visit:
    """Open every page in one theme (furo follows the browser's colour scheme), record and check it."""
    pages = sorted(path.relative_to(site.outdir).as_posix() for path in site.outdir.rglob("*.html"))
    return tour(browser, Visit(request.param, server, pages))


@pytest.fixture(scope="module")
def editions_server(editions: Build) -> Iterator[str]:
    """The three editions as published, English at the root and each translation in its folder."""
    with serving(editions.outdir) as base:
        yield base


@pytest.fixture(scope="module", params=["light", "dark"])
def edition_visit(request: pytest.FixtureRequest, editions: Build, editions_server: str, browser) -> Visit:
    """Every page of the German and Korean editions, in one theme."""
    pages = sorted(
        path.relative_to(editions.outdir).as_posix()
        for code in TRANSLATIONS
        for path in (editions.outdir / code).rglob("*.html")
    )
    return tour(browser, Visit(request.param, editions_server, pages))


def tour(browser, visit: Visit) -> Visit:
    """Open each of the visit's pages: record what it fetches, its background and axe-core's findings."""
    context = browser.new_context(color_scheme=visit.theme, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", lambda req: visit.requests.append(req.url))
    context.on("requestfailed", lambda req: visit.failures.append(f"{req.url}: {req.failure}"))
    context.on("response", functools.partial(on_response, visit))
    try:
        page = context.new_page()
        for name in visit.pages:
            page.goto(f"{visit.base}/{name}", wait_until="load")
            visit.backgrounds[name] = page.evaluate(BACKGROUND)
            if name == ARTICLE:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                visit.screenshot = ARTIFACTS / f"why-korea-leads-ai-now-{visit.theme}.png"
                visit.screenshot.unlink(missing_ok=True)  # never pass on an earlier run's picture
                page.screenshot(path=visit.screenshot, full_page=True, animations="disabled")
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            page.add_script_tag(path=AXE)
            visit.violations[name] = page.evaluate(RUN_AXE, [WCAG_22_AA, TIMEOUT_MS])["violations"]
    finally:
        context.close()
    return visit


def test_every_edition_page_is_local_and_accessible(edition_visit: Visit) -> None:
    """The German and Korean pages, switcher and all: axe-core finds nothing, every fetch stays on
    127.0.0.1 and succeeds."""
    assert {name.partition("/")[0] for name in edition_visit.pages} == set(TRANSLATIONS)
    assert all(f"{code}/{ARTICLE}" in edition_visit.pages for code in TRANSLATIONS)
    elsewhere = [
        url for url in edition_visit.requests if not url.startswith((f"{edition_visit.base}/", "data:"))
    ]
    assert edition_visit.requests
    assert not elsewhere, f"{edition_visit.theme}: fetched from another host: {elsewhere}"
    assert not edition_visit.failures, f"{edition_visit.theme}: {edition_visit.failures}"
    found = {name: v for name, v in edition_visit.violations.items() if v}
    assert not found, f"axe-core, {edition_visit.theme} theme:\n{describe(found)}"


def test_every_page_was_visited(visit: Visit) -> None:
    assert len(visit.pages) >= 4
    assert ARTICLE in visit.pages
    assert sorted(visit.violations) == visit.pages


def test_nothing_is_fetched_from_another_host(visit: Visit) -> None:
    assert visit.requests
    elsewhere = [url for url in visit.requests if not url.startswith((f"{visit.base}/", "data:"))]
    assert not elsewhere, f"{visit.theme}: fetched from another host: {elsewhere}"


def test_every_fetch_succeeds(visit: Visit) -> None:
    assert not visit.failures, f"{visit.theme}: {visit.failures}"


def test_the_theme_shows(visit: Visit) -> None:
    """Dark really is dark (furo's "auto" follows prefers-color-scheme), light really is light."""
    for name, rgb in visit.backgrounds.items():
        if visit.theme == "dark":
            assert max(rgb) < 64, f"{name}: background rgb{tuple(rgb)} in the dark theme"
        else:
            assert min(rgb) > 192, f"{name}: background rgb{tuple(rgb)} in the light theme"


def describe(violations: dict[str, list[dict]]) -> str:
    """One line per rule and page: what a developer needs to find the elements."""
    return "\n".join(
        f"{name}: {v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']}; "
        f"e.g. {v['nodes'][0]['html'][:160]} at {v['nodes'][0]['target']}"
        for name, page_violations in violations.items()
        for v in page_violations
    )


def test_no_accessibility_violations(visit: Visit) -> None:
    """axe-core, WCAG 2.0 to 2.2 A and AA rules, on every page with every dropdown open."""
    found = {name: v for name, v in visit.violations.items() if v}
    assert not found, f"axe-core, {visit.theme} theme:\n{describe(found)}"


def test_article_screenshot(visit: Visit) -> None:
    """A full-page picture of the article for a reviewer, kept in build/test-artifacts/."""
    assert visit.screenshot is not None
    assert visit.screenshot.is_file()
    with Image.open(visit.screenshot) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert width == 1280
        assert height > 3 * 900  # the whole article, not one screenful
        assert image.convert("RGB").getcolors(maxcolors=256) is None  # text and charts, not a blank page


#: the stylesheets the page loaded, and whether furo's and the journal's rules apply
STYLES_APPLIED = """() => ({
    sheets: Array.from(document.styleSheets, sheet => sheet.href || "").filter(Boolean),
    furo: getComputedStyle(document.body).getPropertyValue("--color-brand-primary").trim(),
})"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_missing_page_at_any_depth_shows_the_styled_404_page(site: Build, browser, theme: str) -> None:
    """/some/deep/missing/page gets 404.html as it is: its absolute links load the styles, lead home."""
    with serving(site.outdir, StaticHostHandler) as base:
        requests: list[str] = []
        context = browser.new_context(color_scheme=theme, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", lambda req: requests.append(req.url))
        try:
            page = context.new_page()
            response = page.goto(f"{base}/some/deep/missing/page", wait_until="load")
            assert response is not None
            assert response.status == 404
            assert page.locator("h1").first.text_content().startswith("Page not found")
            styles = page.evaluate(STYLES_APPLIED)
            assert any(href.startswith(f"{base}/_static/styles/furo") for href in styles["sheets"]), styles
            assert f"{base}/_static/kwelle.css" in {href.partition("?")[0] for href in styles["sheets"]}, (
                styles
            )
            assert styles["furo"], "furo's stylesheet did not apply"
            rgb = page.evaluate(BACKGROUND)
            assert (max(rgb) < 64) if theme == "dark" else (min(rgb) > 192), rgb
            page.add_script_tag(path=AXE)
            violations = page.evaluate(RUN_AXE, [WCAG_22_AA, TIMEOUT_MS])["violations"]
            assert not violations, describe({"404": violations})
            elsewhere = [url for url in requests if not url.startswith((f"{base}/", "data:"))]
            assert not elsewhere, elsewhere
            with page.expect_navigation():
                page.locator("article a", has_text="front page").click()
            assert page.url == f"{base}/index.html"
        finally:
            context.close()


HIGHLIGHTING = ("documentation_options.js", "doctools.js", "sphinx_highlight.js", "translations.js")


@pytest.mark.parametrize("edition", ["", "de/"])
def test_a_page_opened_from_search_highlights_the_words(editions: Build, editions_server: str, browser,
                                                        edition: str) -> None:  # fmt: skip
    """Sphinx's highlighting scripts are not in a page's first view (kwelle.theme.pageassets): a
    page opened from a search result loads them, in order, and shows the words searched for
    highlighted, with no script error; a page opened directly fetches none of them."""
    requests: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", lambda req: requests.append(req.url))
    try:
        page = context.new_page()
        # not the German search page's own error: Sphinx's catalog has no German for the plural
        # "Search finished, found N pages", and searchtools.js fails on it (upstream)
        page.on(
            "pageerror", lambda error: "searchtools.js" in (error.stack or "") or errors.append(str(error))
        )
        page.goto(f"{editions_server}/{edition}{ARTICLE}", wait_until="load")
        assert not [url for url in requests if url.partition("?")[0].endswith(HIGHLIGHTING)]
        page.goto(f"{editions_server}/{edition}search.html?q=Korea", wait_until="load")
        result = page.locator("#search-results ul.search li a").first
        with page.expect_navigation(wait_until="load"):
            result.click()
        highlighted = page.locator("span.highlighted").first
        highlighted.wait_for()
        assert highlighted.text_content().lower() == "korea"
        assert not errors, errors
    finally:
        context.close()


# -- The front page as the journal grows: 1, 50 and 200 articles, phone and desktop ----------

JOURNAL_SIZES = (1, 50, 200)
VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
#: what the browser fetched for the page: the page itself and every resource, bodies only
FETCHED_BYTES = """() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
    .reduce((total, entry) => total + entry.encodedBodySize, 0)"""


@dataclass
class FrontVisit:
    articles: int
    viewport: str
    theme: str
    base: str
    cards: int = 0
    fetched_bytes: int = 0
    html_bytes: int = 0
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def name(self) -> str:
        return f"front-{self.articles}-{self.viewport}-{self.theme}"


def corpus_journal(articles: int, folder: Path) -> Build:
    """The benchmark corpus of ``articles`` articles (real conf.py and extension), built strictly."""
    srcdir = folder / "docs"
    command = [sys.executable, "-m", "benchmarks.corpus", str(srcdir), "--articles", str(articles)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    build = sphinx_build(srcdir, folder / "html", "-j", "auto")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def front_visits(tmp_path_factory: pytest.TempPathFactory, browser) -> list[FrontVisit]:
    """The front page of journals of each size, in each viewport and theme: seen, measured, checked."""
    visits = []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for articles in JOURNAL_SIZES:
        build = corpus_journal(articles, tmp_path_factory.mktemp(f"journal-{articles}"))
        with serving(build.outdir) as base:
            for (viewport, size), theme in itertools.product(VIEWPORTS.items(), ("light", "dark")):
                visit = FrontVisit(articles, viewport, theme, base)
                visit.html_bytes = (build.outdir / "index.html").stat().st_size
                context = browser.new_context(color_scheme=theme, viewport=size)
                context.set_default_timeout(TIMEOUT_MS)
                context.on("request", lambda req, visit=visit: visit.requests.append(req.url))
                context.on(
                    "requestfailed",
                    lambda req, visit=visit: visit.failures.append(f"{req.url}: {req.failure}"),
                )
                context.on("response", functools.partial(on_response, visit))
                try:
                    page = context.new_page()
                    page.goto(f"{base}/index.html", wait_until="load")
                    visit.fetched_bytes = page.evaluate(FETCHED_BYTES)
                    visit.cards = page.locator("ul.kwelle-front > li").count()
                    visit.screenshot = ARTIFACTS / f"{visit.name}.png"
                    visit.screenshot.unlink(missing_ok=True)
                    page.screenshot(path=visit.screenshot, full_page=True, animations="disabled")
                    page.add_script_tag(path=AXE)
                    visit.violations = page.evaluate(RUN_AXE, [WCAG_22_AA, TIMEOUT_MS])["violations"]
                finally:
                    context.close()
                visits.append(visit)
    weights = {v.name: {"html_bytes": v.html_bytes, "fetched_bytes": v.fetched_bytes} for v in visits}
    (ARTIFACTS / "front-page-weight.json").write_text(json.dumps(weights, indent=2) + "\n", encoding="utf-8")
    return visits


def test_front_page_accessible_at_every_size(front_visits: list[FrontVisit]) -> None:
    found = {v.name: v.violations for v in front_visits if v.violations}
    assert not found, f"axe-core:\n{describe(found)}"


def test_front_page_fetches_only_from_its_host(front_visits: list[FrontVisit]) -> None:
    for visit in front_visits:
        assert visit.requests, visit.name
        elsewhere = [url for url in visit.requests if not url.startswith((f"{visit.base}/", "data:"))]
        assert not elsewhere, f"{visit.name}: fetched from another host: {elsewhere}"
        assert not visit.failures, f"{visit.name}: {visit.failures}"


def test_front_page_weight_does_not_grow_with_the_journal(front_visits: list[FrontVisit]) -> None:
    """At 50 and 200 articles the front page holds the same nine articles: the same weight, give or take
    the topics and the archive's months."""
    by_name = {v.name: v for v in front_visits}
    for viewport, theme in itertools.product(VIEWPORTS, ("light", "dark")):
        small, large = (by_name[f"front-{n}-{viewport}-{theme}"] for n in (50, 200))
        assert small.cards == large.cards == 9
        assert by_name[f"front-1-{viewport}-{theme}"].cards == 1
        assert large.fetched_bytes < small.fetched_bytes * 1.1, (small.fetched_bytes, large.fetched_bytes)


def test_front_page_screenshots(front_visits: list[FrontVisit]) -> None:
    """Full-page pictures for a reviewer, kept in build/test-artifacts/: as wide as the viewport, not blank."""
    for visit in front_visits:
        with Image.open(visit.screenshot) as image:
            assert image.format == "PNG"
            assert image.size[0] == VIEWPORTS[visit.viewport]["width"], visit.name
            assert image.convert("RGB").getcolors(maxcolors=64) is None, f"{visit.name}: a blank page"
