"""Korean done right: names from Hangul, each page's language, Korean search, Hangul in
charts, and Korean typesetting in the PDF, on the Korean test article (tests/roots/test-korean)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from sphinx.search.en import SearchEnglish

from conftest import REPO, ROOTS, Build, sphinx_build
from kwelle.cli import pdf
from kwelle.infographics.data import read_chart
from kwelle.infographics.render import CJK_FONT, ChartFontError, render
from kwelle.search import _JS_SPLITTER, SearchEnglishKorean, strip_particle
from kwelle.slugs import MAX_LENGTH, slugify, unique_slugs
from test_browser import CHROMIUM_ARGS, TIMEOUT_MS, QuietHandler
from test_pdf import needs_tex, run_pdf_build

ROOT = ROOTS / "test-korean"
ARTICLE = "articles/hangugui-ai-yesangwa-seongjang-jeonmang"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("한국 AI 정책", "hanguk-ai-jeongchaek"),
        ("한국의 청년 창업 정책", "hangugui-cheongnyeon-changeop-jeongchaek"),
        ("한국 경제와 AI", "hanguk-gyeongjewa-ai"),
        ("한국개발연구원", "hangukgaebaryeonguwon"),
        ("Why Korea Leads AI Now", "why-korea-leads-ai-now"),
        ("Korea's Gen Z & AI", "koreas-gen-z-ai"),
        ("Ünïcode — 2026", "unicode-2026"),
    ],
)
def test_slug_rule(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugs_are_never_empty_and_bounded() -> None:
    assert re.fullmatch(r"n-[0-9a-f]{8}", slugify("😀"))
    assert slugify("😀") == slugify("😀")  # stable
    assert slugify("😀") != slugify("🙂")
    long = slugify("한국의 청년 창업 정책과 인공지능 " * 20)
    assert 0 < len(long) <= MAX_LENGTH
    assert not long.endswith("-")


def test_names_that_collide_are_told_apart() -> None:
    assert unique_slugs(["AI 정책", "AI-정책", "예산"]) == {
        "AI 정책": "ai-jeongchaek",
        "AI-정책": "ai-jeongchaek-2",
        "예산": "yesan",
    }


def scaffold(srcdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kwelle.cli.scaffold", "--docs", str(srcdir), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_scaffold_names_korean_titles(copy_root) -> None:
    srcdir = copy_root("journal")
    first = scaffold(srcdir, "한국 AI 정책")
    assert first.returncode == 0, first.stderr
    article = srcdir / "articles" / "hanguk-ai-jeongchaek.md"
    assert "language: ko" in article.read_text(encoding="utf-8")
    second = scaffold(srcdir, "한국의 청년 창업 정책")
    assert second.returncode == 0, second.stderr
    assert (srcdir / "articles" / "hangugui-cheongnyeon-changeop-jeongchaek.md").is_file()
    assert scaffold(srcdir, "한국 경제와 AI").returncode == 0  # no longer "ai.md"
    # a title as long as a paragraph: a bounded file name, not "File name too long"
    long = scaffold(srcdir, "Korea " * 80)
    assert long.returncode == 0, long.stderr
    assert "Traceback" not in long.stderr


def test_scaffold_says_which_title_took_the_name(copy_root) -> None:
    srcdir = copy_root("journal")
    assert scaffold(srcdir, "AI 정책").returncode == 0
    again = scaffold(srcdir, "AI-정책")
    assert again.returncode == 1
    assert "ai-jeongchaek.md: an article with this name exists" in again.stderr
    assert "'AI 정책' gives the same name" in again.stderr
    assert "Traceback" not in again.stderr
    chosen = scaffold(srcdir, "AI-정책", "--slug", "ai-jeongchaek-hyphen")
    assert chosen.returncode == 0, chosen.stderr
    assert (srcdir / "articles" / "ai-jeongchaek-hyphen.md").is_file()


# --- the Korean article in HTML -----------------------------------------------------------


@pytest.fixture(scope="module")
def korean(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = sphinx_build(ROOT, tmp_path_factory.mktemp("korean") / "html")
    assert build.returncode == 0, build.output
    return build


def test_no_warning_and_no_glyph_fallback(korean: Build) -> None:
    assert "WARNING" not in korean.output
    assert "Glyph" not in korean.output


def test_page_language(korean: Build) -> None:
    article, index = korean.page(ARTICLE), korean.page("index")
    assert article.get("lang") == "ko"
    assert index.get("lang") == "en"
    (passage,) = index.xpath("//span[@lang]")
    assert (passage.get("lang"), passage.text_content()) == ("ko", "한국개발연구원")
    (locale,) = article.xpath("//meta[@property='og:locale']")
    assert locale.get("content") == "ko_KR"
    (script,) = article.xpath("//script[@type='application/ld+json']")
    assert json.loads(script.text)["inLanguage"] == "ko"


def test_feed_entry_language(korean: Build) -> None:
    feed = etree.parse(str(korean.outdir / "feed.xml")).getroot()
    assert feed.get(XML_LANG) == "en"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.get(XML_LANG) == "ko"
    assert entry.findtext(f"{ATOM}title") == "한국의 AI 예산과 성장 전망"


def test_korean_headings_and_charts_get_readable_anchors(korean: Build) -> None:
    page = korean.page(ARTICLE)
    assert page.xpath("//section/@id") == [
        "hangugui-ai-yesangwa-seongjang-jeonmang",
        "yesan",
        "seongjang-jeonmang",
    ]
    toc = page.xpath("//li[contains(@class, 'toctree-l2')]/a/@href")  # the sidebar's sections
    assert toc == ["#yesan", "#seongjang-jeonmang"]
    # the chart from data/AI-예산-2026.csv
    assert page.xpath("//div[contains(@class, 'kwelle-infographic')]/@id") == ["infographic-ai-yesan-2026"]
    assert [p.name[:14] for p in (korean.outdir / "_images").glob("ai-*.svg")] == ["ai-yesan-2026-"]


def test_korean_tags_get_pages_of_their_own(korean: Build) -> None:
    links = korean.page(ARTICLE).xpath("//a[contains(@class, 'kwelle-tag')]")
    assert [(a.text_content(), a.get("href")) for a in links] == [
        ("AI 정책", "../tags/ai-jeongchaek.html"),
        ("예산", "../tags/yesan.html"),
        ("청년 창업", "../tags/cheongnyeon-changeop.html"),
    ]
    heading = korean.page("tags/yesan").xpath("//h1")[0]
    assert heading.text_content() == "Articles tagged “예산”"
    assert heading.xpath("span/@lang") == ["ko"]
    sitemap = etree.parse(str(korean.outdir / "sitemap.xml")).getroot()
    urls = Counter(loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"))
    tag_urls = {url: n for url, n in urls.items() if "/tags/" in url}
    assert tag_urls == {
        f"https://journal.example/tags/{name}.html": 1
        for name in ("ai-jeongchaek", "yesan", "cheongnyeon-changeop")
    }


def test_tags_that_slug_alike_get_two_pages(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("korean")
    article = srcdir / f"{ARTICLE}.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("tags: [AI 정책,", "tags: [AI 정책, AI-정책,"),
        encoding="utf-8",
    )
    build = sphinx_build(srcdir, tmp_path / "html")
    assert build.returncode == 0, build.output
    hrefs = build.page(ARTICLE).xpath("//a[contains(@class, 'kwelle-tag')]/@href")[:2]
    assert hrefs == ["../tags/ai-jeongchaek.html", "../tags/ai-jeongchaek-2.html"]
    assert build.page("tags/ai-jeongchaek-2").xpath("//h1")[0].text_content() == "Articles tagged “AI-정책”"


def test_bad_language_codes_are_errors(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("korean")
    article = srcdir / f"{ARTICLE}.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("language: ko", "language: korean"), encoding="utf-8"
    )
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("{lang}`ko:", "{lang}`xx:"), encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "html")
    assert build.returncode != 0
    assert re.search(rf"{ARTICLE}\.md:12: ERROR: front matter: field 'language' must be", build.output)
    assert re.search(r"index\.md:3: ERROR: lang: write \{lang\}`CODE:text`", build.output)
    assert "Traceback" not in build.output


# --- search -------------------------------------------------------------------------------


def search_terms(build: Build) -> dict:
    text = (build.outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"]


def test_sphinx_alone_misses_korean_words_after_a_particle() -> None:
    """What Sphinx does without us: each form of a noun is its own term."""
    words = SearchEnglish({}).split("대통령은 밝혔다. 한국개발연구원은 전망했다.")
    assert "대통령" not in words
    assert "한국개발연구원" not in words


def test_korean_words_are_indexed_without_their_particles(korean: Build) -> None:
    terms = search_terms(korean)
    for word in ("대통령", "한국개발연구원", "인공지능", "대한민국", "예산안", "경제"):
        assert word in terms, word  # as written: 대통령은, 한국개발연구원은, 인공지능에는, ...
    for written in ("대통령은", "한국개발연구원은", "인공지능에는"):
        assert written not in terms, written


def test_a_korean_site_gets_the_same_index(tmp_path: Path) -> None:
    """With ``language = "ko"`` Sphinx would fall back to plain English search."""
    build = sphinx_build(ROOT, tmp_path / "html", "-D", "language=ko")
    assert build.returncode == 0, build.output
    assert "dumping search index in English (code: ko)" in build.output
    assert {"대통령", "한국개발연구원"} <= set(search_terms(build))
    assert build.page("index").get("lang") == "ko"


@pytest.mark.parametrize(
    ("word", "stem"),
    [("대통령은", "대통령"), ("인공지능에", "인공지능"), ("한국의", "한국"), ("국가", "국가"), ("AI", "AI")],
)
def test_strip_particle(word: str, stem: str) -> None:
    assert strip_particle(word) == stem


@pytest.mark.skipif(
    shutil.which("node") is None, reason="the browser's splitter runs in node: apt-get install nodejs"
)
def test_the_browser_splits_a_query_as_the_index_was_split() -> None:
    query = "대통령은 한국개발연구원의 budget"
    script = _JS_SPLITTER + f"\nconsole.log(JSON.stringify(splitQuery({json.dumps(query)})));"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == SearchEnglishKorean({}).split(query)


# --- charts -------------------------------------------------------------------------------


def test_hangul_chart_names_the_cjk_font(korean: Build) -> None:
    (svg,) = (korean.outdir / "_images").glob("ai-yesan-2026-*.svg")
    assert f"'DejaVu Sans', '{CJK_FONT}'" in svg.read_text(encoding="utf-8")


def test_a_glyph_no_font_has_fails_the_chart(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    csv = data / "AI-예산-2026.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("인재 양성·인프라", "인재 𓀀"), encoding="utf-8")
    chart = read_chart(csv, {"koreanet2025speech"})
    with pytest.raises(ChartFontError, match=r"font warning\(s\) while drawing the chart: Glyph"):
        render(chart)


def test_a_font_warning_fails_the_strict_build(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("korean")
    csv = srcdir / "data" / "AI-예산-2026.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("인재 양성·인프라", "인재 𓀀"), encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "html")
    assert build.returncode != 0
    assert re.search(rf"{ARTICLE}\.md:\d+: ERROR: infographic: .*AI-예산-2026\.csv: .*Glyph", build.output)
    assert "Traceback" not in build.output


# --- ePub ---------------------------------------------------------------------------------


def test_epub_pages_carry_their_language(tmp_path: Path) -> None:
    build = sphinx_build(ROOT, tmp_path / "epub", builder="epub")
    assert build.returncode == 0, build.output
    article = etree.parse(str(build.outdir / f"{ARTICLE}.xhtml")).getroot()
    assert article.get("lang") == article.get(XML_LANG) == "ko"
    assert "한국개발연구원" in "".join(article.itertext())


# --- the PDF ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def korean_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builddir = tmp_path_factory.mktemp("korean-pdf")
    result = run_pdf_build(ROOT, builddir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return builddir / "pdf" / f"{ARTICLE.rpartition('/')[2]}.pdf"


def pdf_text(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")


def source_hangul_runs() -> set[str]:
    """Every run of Hangul the root's sources write, as written (no word split)."""
    text = "".join(path.read_text(encoding="utf-8") for path in ROOT.rglob("*") if path.is_file())
    return set(HANGUL_RUN.findall(text))


@needs_tex
def test_no_hangul_word_is_split_across_lines(korean_pdf: Path) -> None:
    text = pdf_text(korean_pdf)
    lines = [line for line in text.splitlines() if line.strip()]
    wrapped = sum(1 for line in lines if HANGUL_RUN.search(line[-1:]))
    assert wrapped, "the test needs paragraphs that wrap after a Hangul word"
    known = source_hangul_runs()
    split = sorted({run for run in HANGUL_RUN.findall(text) if run not in known})
    assert split == []


@needs_tex
def test_spaces_around_dashes_dots_and_quotes_survive(korean_pdf: Path) -> None:
    text = " ".join(pdf_text(korean_pdf).split())
    for written in (
        "배정했다 — 한국개발연구원은",  # the deck's em dash, spaces kept
        "배정되었다 — 산업·생활·공공 분야의",  # middle dots inside a word, none added
        "‘AI 시대’를 여는",  # a particle right after a closing quote
        "첫 번째 예산”이라고",
        "AI 정책 · 예산 · 청년 창업",  # the tag line
        "President’s budget speech",  # an apostrophe is not a CJK closing quote
        "2024년(2.0%)보다",
    ):
        assert written in text, written


@needs_tex
def test_pdf_language_and_fonts(korean_pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(korean_pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJK" in fonts  # Hangul
    assert "FreeSerif" in fonts  # Latin text, in the Latin font
    assert b"/Lang(ko)" in uncompressed(korean_pdf)
    journal = korean_pdf.with_name("korea-desk.pdf")
    assert b"/Lang(en)" in uncompressed(journal)
    assert pdf_text(journal).startswith("Korea Desk")  # the running head: the project's name


@needs_tex
def test_an_article_in_another_language_gets_its_hyphenation(copy_root, tmp_path: Path) -> None:
    """Not Korean (xetexko's): any other language is polyglossia's, in the article's PDF and the journal's."""
    srcdir = copy_root("korean")
    article = srcdir / f"{ARTICLE}.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("language: ko", "language: de"), encoding="utf-8"
    )
    result = run_pdf_build(srcdir, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in (ARTICLE.rpartition("/")[2], "korea-desk"):
        tex = (tmp_path / "latex" / f"{name}.tex").read_text(encoding="utf-8")
        assert r"\setotherlanguages{de}" in tex
        assert tex.count(r"\begin{otherlanguage}{de}") == tex.count(r"\end{otherlanguage}") == 1
    assert b"/Lang(de)" in uncompressed(tmp_path / "pdf" / f"{ARTICLE.rpartition('/')[2]}.pdf")


def uncompressed(path: Path) -> bytes:
    """The PDF with every Flate stream inflated (xdvipdfmx packs the catalog into one)."""
    import zlib  # noqa: PLC0415

    data = path.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return b"".join(parts)


def test_ci_installs_the_one_apt_list() -> None:
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    (path,) = re.findall(r"/,/\^\)/p' (\S+)", run)
    # the module's source in the repository (the tests may run against an installed copy)
    assert path == "src/" + pdf.__name__.replace(".", "/") + ".py"
    assert (REPO / path).is_file()
    assert "texlive-lang-korean" in pdf.APT_PACKAGES
    assert "texlive-lang-chinese" not in pdf.APT_PACKAGES


@pytest.mark.parametrize(
    ("query", "written"), [("대통령", "대통령은"), ("한국개발연구원은", "한국개발연구원")]
)
def test_a_reader_finds_the_korean_article(korean: Build, query: str, written: str) -> None:
    """The site's own search page in chromium: a query finds the article, whatever particle follows."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright (no browser download)")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("needs Debian's chromium: apt-get install chromium")
    handler = functools.partial(QuietHandler, directory=str(korean.outdir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/search.html?q={query}")
            page.wait_for_selector("ul.search li a", timeout=TIMEOUT_MS)
            hits = page.eval_on_selector_all("ul.search li a", "links => links.map(a => a.textContent)")
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
    assert "한국의 AI 예산과 성장 전망" in hits
    assert written in (korean.outdir / f"{ARTICLE}.html").read_text(encoding="utf-8")
