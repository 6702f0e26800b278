"""The ePub edition, read back by the W3C's EPUBCheck and by a second reader (pandoc)."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pybtex.database import parse_file
from pybtex.richtext import Text

from conftest import DOCS, ROOTS, STRICT, sphinx_build
from kwelle.articles.frontmatter import parse_article_meta, read_front_matter
from kwelle.infographics.data import read_chart
from kwelle.infographics.render import describe

ARTICLES = sorted((DOCS / "articles").glob("*.md"))
FLAGSHIP = DOCS / "articles" / "why-korea-leads-ai-now.md"
JOURNAL = "K-WelleJournal.epub"  # Sphinx's name for the project's book
BOOKS = [JOURNAL, *(f"{article.stem}.epub" for article in ARTICLES)]
XHTML = {"x": "http://www.w3.org/1999/xhtml"}
OPF = {"opf": "http://www.idpf.org/2007/opf"}
DC = "http://purl.org/dc/elements/1.1/"
HANGUL = re.compile(r"[\uac00-\ud7a3]")

needs_epubcheck = pytest.mark.skipif(
    shutil.which("epubcheck") is None or shutil.which("java") is None,
    reason="EPUBCheck checks the ePubs: apt-get install epubcheck (.ci/quality-deps)",
)
needs_pandoc = pytest.mark.skipif(
    shutil.which("pandoc") is None,
    reason="pandoc reads the ePub as a second reader: apt-get install pandoc (.ci/quality-deps)",
)


def run_epub_build(srcdir: Path, builddir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kwelle.cli.epub", str(srcdir), str(builddir)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


@pytest.fixture(scope="session")
def epubs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The journal's and every article's ePub, built once as ``nox -s epub`` builds them."""
    builddir = tmp_path_factory.mktemp("epub")
    result = run_epub_build(DOCS, builddir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return builddir / "epub"


@pytest.fixture(scope="session")
def epubcheck_command() -> list[str]:
    # Debian's /usr/bin/epubcheck is the jar itself, run through binfmt where that is set up
    program = Path(shutil.which("epubcheck") or "epubcheck").resolve()
    return ["java", "-jar", str(program)] if program.suffix == ".jar" else [str(program)]


@pytest.fixture(scope="session")
def epubcheck(epubs: Path, epubcheck_command: list[str], tmp_path_factory: pytest.TempPathFactory):
    """EPUBCheck's report on a book (its JSON: messages, and the publication as it reads it)."""
    reports: dict[str, dict] = {}

    def report(name: str) -> dict:
        if name not in reports:
            out = tmp_path_factory.mktemp("epubcheck") / "report.json"
            command = [*epubcheck_command, str(epubs / name), "--json", str(out), "--quiet"]
            subprocess.run(command, check=False)
            reports[name] = json.loads(out.read_text(encoding="utf-8"))
        return reports[name]

    return report


def meta_of(path: Path):
    return parse_article_meta(*read_front_matter(path.read_text(encoding="utf-8")))


def book_file(book: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(book) as archive:
        return etree.fromstring(archive.read(name))


def test_the_journal_and_every_article_get_an_epub(epubs: Path) -> None:
    assert sorted(path.name for path in epubs.glob("*.epub")) == sorted(BOOKS)


@needs_epubcheck
@pytest.mark.parametrize("name", BOOKS)
def test_epubcheck_finds_nothing(epubcheck, name: str) -> None:
    report = epubcheck(name)
    found = [f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}" for m in report["messages"]]
    assert not found, "\n".join(found)
    checker = report["checker"]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0)


@needs_epubcheck
def test_a_journal_of_two_articles_checks_clean(tmp_path: Path, epubcheck_command: list[str]) -> None:
    """The small test journal (no version in its conf.py, two articles sharing a source)."""
    result = run_epub_build(ROOTS / "test-journal", tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    books = sorted((tmp_path / "epub").glob("*.epub"))
    assert [book.name for book in books] == ["TestJournal.epub", "newer.epub", "older.epub"]
    for book in books:
        checked = subprocess.run([*epubcheck_command, str(book)], capture_output=True, text=True, check=False)
        assert "Messages: 0 fatals / 0 errors / 0 warnings" in checked.stdout, checked.stdout + checked.stderr


@needs_epubcheck
def test_article_metadata_is_what_its_page_tells_search_engines(epubcheck, epubs: Path, site) -> None:
    """The book's metadata and the page's JSON-LD come from one source (front matter, corrections)."""
    (script,) = site.page(f"articles/{FLAGSHIP.stem}").xpath("//script[@type='application/ld+json']")
    page = json.loads(script.text)
    publication = epubcheck(f"{FLAGSHIP.stem}.epub")["publication"]
    assert publication["title"] == page["headline"]
    assert publication["creator"] == [author["name"] for author in page["author"]]
    assert publication["language"] == page["inLanguage"]
    assert publication["description"] == page["description"]
    assert publication["subject"] == page["keywords"]
    assert publication["publisher"] == page["publisher"]["name"]
    assert publication["identifier"] == page["url"]
    assert publication["date"] == f"{page['dateModified']}T00:00:00Z"  # EPUBCheck reads dcterms:modified
    package = book_file(epubs / f"{FLAGSHIP.stem}.epub", "content.opf")
    assert package.xpath("string(//dc:date)", namespaces={"dc": DC}) == page["datePublished"]


@needs_epubcheck
def test_journal_metadata_is_the_journals(epubcheck) -> None:
    publication = epubcheck(JOURNAL)["publication"]
    authors = {author.name for article in ARTICLES for author in meta_of(article).authors}
    assert publication["title"] == "K-Welle Journal"
    assert publication["creator"] == ["K-Welle Journal"]
    assert set(publication["contributors"]) == authors
    assert publication["description"].startswith("Korea's policy, industry and Gen Z culture")
    assert publication["identifier"] == "https://k-welle.com/"
    assert publication["language"] == "en"


@pytest.mark.parametrize("name", BOOKS)
def test_the_cover_is_the_lead_image(epubs: Path, name: str) -> None:
    package = book_file(epubs / name, "content.opf")
    (cover,) = package.xpath("//opf:item[contains(@properties, 'cover-image')]", namespaces=OPF)
    (meta,) = package.xpath("//opf:meta[@name='cover']", namespaces=OPF)  # for EPUB 2 reading systems
    assert meta.get("content") == cover.get("id")
    with zipfile.ZipFile(epubs / name) as archive:
        assert archive.read(cover.get("href")) == (DOCS / "images" / "ai-budget-tiles.svg").read_bytes()


def test_charts_are_images_with_their_alt_text_and_open_data_tables(epubs: Path) -> None:
    page = book_file(epubs / f"{FLAGSHIP.stem}.epub", f"articles/{FLAGSHIP.stem}.xhtml")
    entries = parse_file(DOCS / "refs.bib").entries
    for csv in ("ai-budget-share-2026", "growth-response-2025-2026"):
        chart = read_chart(DOCS / "data" / f"{csv}.csv", entries)
        (box,) = page.xpath(f"//x:div[@id='infographic-{chart.name}']", namespaces=XHTML)
        (image,) = box.xpath(".//x:img", namespaces=XHTML)
        assert image.get("alt") == describe(chart)
        (table,) = box.xpath(".//x:details[@open]//x:table", namespaces=XHTML)
        caption = table.xpath("string(x:caption)", namespaces=XHTML).strip().replace("’", "'")  # smart quotes
        assert caption == f"Data: {chart.title}"
        assert len(table.xpath(".//x:tbody/x:tr", namespaces=XHTML)) == len(chart.rows)
        with zipfile.ZipFile(epubs / f"{FLAGSHIP.stem}.epub") as archive:
            drawing = archive.read(posixpath.normpath(posixpath.join("articles", image.get("src"))))
        assert b"<!DOCTYPE" not in drawing  # SVG 1.1's DTD: external entities, which EPUB 3 forbids
        assert etree.fromstring(drawing).tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("name", BOOKS)
def test_nothing_for_the_web_in_the_book(epubs: Path, name: str) -> None:
    """No scripts, JSON-LD, OpenGraph or feed; no hover previews, no CSV download; a language per page."""
    with zipfile.ZipFile(epubs / name) as archive:
        pages = [archive.read(n) for n in archive.namelist() if n.endswith(".xhtml") and n != "nav.xhtml"]
    for text in pages:
        page = etree.fromstring(text)
        assert not page.xpath("//x:script | //x:link[@rel='alternate']", namespaces=XHTML)
        assert not page.xpath("//x:meta[starts-with(@property, 'og:')]", namespaces=XHTML)
        assert not page.xpath("//*[contains(@class, 'kwelle-cite-preview')]")
        assert b"Download the data (CSV)" not in text
        assert page.get("lang") == page.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_an_article_book_links_the_rest_of_the_journal_on_the_site(epubs: Path) -> None:
    name = f"articles/{FLAGSHIP.stem}.xhtml"
    alone = book_file(epubs / f"{FLAGSHIP.stem}.epub", name)
    in_journal = book_file(epubs / JOURNAL, name)
    links = "//x:a[normalize-space()='References page']/@href"
    assert set(alone.xpath(links, namespaces=XHTML)) == {"https://k-welle.com/references.html"}
    assert set(in_journal.xpath(links, namespaces=XHTML)) == {"../references.xhtml"}


@needs_pandoc
@pytest.mark.parametrize("name", [JOURNAL, f"{FLAGSHIP.stem}.epub"])
def test_hangul_survives_a_second_reader(epubs: Path, name: str) -> None:
    """pandoc parses the ePub on its own: the Korean titles of the sources come through."""
    titles = {
        key: Text.from_latex(entry.fields["title"]).render_as("text")
        for key, entry in parse_file(DOCS / "refs.bib").entries.items()
        if HANGUL.search(entry.fields["title"])
    }
    if name != JOURNAL:  # an article's book lists the sources it cites; the journal's, all
        source = FLAGSHIP.read_text(encoding="utf-8")
        titles = {key: title for key, title in titles.items() if key in source}
    assert titles, "the flagship cites sources with Korean titles"
    result = subprocess.run(
        ["pandoc", "--from", "epub", "--to", "plain", "--wrap", "none", str(epubs / name)],
        capture_output=True,
        check=True,
    )
    text = " ".join(result.stdout.decode("utf-8").split())
    for title in titles.values():
        assert " ".join(title.split()) in text


def test_html_links_the_epubs_when_built(epubs: Path, tmp_path: Path) -> None:
    html = sphinx_build(DOCS, tmp_path / "html", "-D", "kwelle_pdf_dir=", "-D", f"kwelle_epub_dir={epubs}")
    assert html.returncode == 0, html.output
    (link,) = html.page(f"articles/{FLAGSHIP.stem}").xpath("//a[contains(@class, 'kwelle-epub-link')]")
    assert link.get("href") == f"../epub/{FLAGSHIP.stem}.epub"
    assert link.getparent().text_content() == "Download this article as ePub"
    published = html.outdir / "epub" / f"{FLAGSHIP.stem}.epub"
    assert published.read_bytes() == (epubs / published.name).read_bytes()
    (journal,) = html.page("index").xpath("//a[contains(@class, 'kwelle-epub-link')]")
    assert (html.outdir / journal.get("href")).is_file()


def test_no_epub_link_when_none_was_built(site) -> None:
    for page in ("index", f"articles/{FLAGSHIP.stem}"):
        assert not site.page(page).xpath("//a[contains(@class, 'kwelle-epub-link')]")


def test_an_unknown_article_is_named(tmp_path: Path) -> None:
    build = sphinx_build(DOCS, tmp_path / "out", "-D", "kwelle_epub_article=no-such-article", builder="epub")
    assert build.returncode != 0
    assert "ERROR: kwelle_epub_article = 'no-such-article': no article" in build.output
    assert "why-korea-leads-ai-now" in build.output  # the articles there are
    assert "Traceback" not in build.output


def test_a_broken_article_stops_the_edition_naming_file_and_line(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("journal")
    article = srcdir / "articles" / "newer.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("published:", "publishd:", 1), encoding="utf-8"
    )
    result = run_epub_build(srcdir, tmp_path / "build")
    assert result.returncode == 1
    assert "ePub edition not built" in result.stderr
    assert re.search(r"articles/newer\.md:\d+: ERROR: front matter: unknown field 'publishd'", result.stderr)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "build" / "epub").exists()


def test_doctrees_inside_the_output_stay_out_of_the_book_built_again(tmp_path: Path) -> None:
    """sphinx-build without -d keeps its doctrees (and the cached charts) in OUTDIR/.doctrees;
    the second build writes no page, and the book is the same."""
    outdir = tmp_path / "epub"
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "epub", *STRICT, str(DOCS), str(outdir)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONWARNINGS": "ignore", "NO_COLOR": "1"},
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert (outdir / ".doctrees").is_dir()
        with zipfile.ZipFile(outdir / JOURNAL) as archive:
            assert not [name for name in archive.namelist() if ".doctrees" in name]
        package = book_file(outdir / JOURNAL, "content.opf")
        assert package.xpath("//opf:item[@properties='cover-image']/@href", namespaces=OPF) == [
            "_images/ai-budget-tiles.svg"
        ]
    assert "no targets are out of date" in result.stdout
