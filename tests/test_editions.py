"""The language editions as a reader and a search engine meet them: the switcher, hreflang
both ways, the sitemap's alternates, one feed per edition, and a failed translation that keeps
the last good one. The journal in tests/roots/test-editions is English, with a German
translation of every page and a Korean one of the article only; it is built as `nox -s html`
builds it (kwelle.cli.safebuild)."""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOTS, STRICT
from kwelle.cli import pdf
from kwelle.cli.safebuild import split_languages
from kwelle.editions.translations import Editions, edition_urls
from kwelle.theme.switcher import language_name, switcher_html

BASE = "https://journal.example/"
EDITIONS = ("en", "de", "ko")
#: the pages of the test journal and the editions that translate them
PAGES = {"index": ("en", "de"), "about": ("en", "de"), "articles/growth": ("en", "de", "ko")}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class Site:
    srcdir: Path
    outdir: Path
    doctrees: Path

    def build(self, *extra: str) -> subprocess.CompletedProcess:
        """``nox -s html``'s command: kwelle.cli.safebuild, strict."""
        return subprocess.run(
            [sys.executable, "-m", "kwelle.cli.safebuild", str(self.srcdir), str(self.outdir), str(self.doctrees),
             *STRICT, "-q", *extra],
            capture_output=True, text=True, check=False, timeout=600,
            env={**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"},
        )  # fmt: skip

    def folder(self, code: str) -> Path:
        return self.outdir if code == "en" else self.outdir / code

    def page(self, code: str, docname: str) -> lxml_html.HtmlElement:
        return lxml_html.parse(self.folder(code) / f"{docname}.html").getroot()


def new_site(folder: Path) -> Site:
    shutil.copytree(ROOTS / "test-editions", folder / "src")
    return Site(folder / "src", folder / "html", folder / "doctrees")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = new_site(tmp_path_factory.mktemp("editions"))
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def url(code: str, docname: str) -> str:
    return f"{BASE}{'' if code == 'en' else code + '/'}{docname}.html"


def test_each_edition_in_its_folder_and_language(site: Site) -> None:
    for code in EDITIONS:
        for docname, translated in PAGES.items():
            page = site.page(code, docname)
            # an untranslated page (ko/about has a catalog that translates nothing) is the sources'
            # text, in their language, in the edition's folder
            assert page.get("lang") == (code if code in translated else "en"), (code, docname)
    assert "Das Potenzialwachstum sinkt." in site.page("de", "articles/growth").text_content()
    assert "잠재성장률이 떨어지고 있다." in site.page("ko", "articles/growth").text_content()


#: furo's words, from kwelle.theme.words where Sphinx's catalog has none
THEME_WORDS = {
    "en": ("Back to top", "Made with"),
    "de": ("Nach oben", "Erstellt mit"),
    "ko": ("맨 위로", "제작 도구:"),
}


@pytest.mark.parametrize("code", EDITIONS)
def test_the_themes_words_in_the_editions_language(site: Site, code: str) -> None:
    back_to_top, made_with = THEME_WORDS[code]
    page = site.page(code, "index")
    assert page.xpath("string(//a[contains(@class, 'back-to-top')])").strip() == back_to_top
    footer = " ".join(page.xpath("string(//div[@class='left-details'])").split())
    assert made_with in footer


@pytest.mark.parametrize("code", EDITIONS)
@pytest.mark.parametrize("docname", PAGES)
def test_switcher_links_the_page_where_it_exists(site: Site, code: str, docname: str) -> None:
    (nav,) = site.page(code, docname).xpath("//nav[contains(@class, 'kwelle-languages')]")
    assert nav.get("aria-label") == {"en": "Languages", "de": "Sprachen", "ko": "언어"}[code]
    links = nav.xpath(".//a")
    listed = [link.get("hreflang") for link in links]
    # the page's editions, and the one it is in even when that one only falls back to English
    assert listed == [c for c in EDITIONS if c in PAGES[docname] or c == code]
    here = site.folder(code) / f"{docname}.html"
    for link in links:
        assert link.get("lang") == link.get("hreflang")
        assert link.text == {"en": "English", "de": "Deutsch", "ko": "한국어"}[link.get("hreflang")]
        assert (link.get("aria-current") == "page") == (link.get("hreflang") == code)
        target = (here.parent / link.get("href")).resolve()
        assert target == (site.folder(link.get("hreflang")) / f"{docname}.html").resolve()
        assert target.is_file()


@pytest.mark.parametrize("docname", PAGES)
def test_hreflang_both_ways_with_x_default(site: Site, docname: str) -> None:
    expected = {(code, url(code, docname)) for code in PAGES[docname]} | {("x-default", url("en", docname))}
    for code in PAGES[docname]:
        links = site.page(code, docname).xpath("//head/link[@rel='alternate'][not(@type)]")
        assert {(link.get("hreflang"), link.get("href")) for link in links} == expected, code
        (canonical,) = site.page(code, docname).xpath("//link[@rel='canonical']/@href")
        assert canonical == url(code, docname)  # each edition is its own canonical page


@pytest.mark.parametrize("code", EDITIONS)
def test_sitemap_alternates(site: Site, code: str) -> None:
    sitemap = etree.parse(site.folder(code) / "sitemap.xml")
    entries = {entry.findtext("s:loc", namespaces=NS): entry for entry in sitemap.findall("s:url", NS)}
    for docname, codes in PAGES.items():
        entry = entries[url(code, docname)]
        alternates = {(link.get("hreflang"), link.get("href")) for link in entry.findall("x:link", NS)}
        assert alternates == {(c, url(c, docname)) for c in codes} | {("x-default", url("en", docname))}
        assert {link.get("rel") for link in entry.findall("x:link", NS)} == {"alternate"}


@pytest.mark.parametrize("code", EDITIONS)
def test_one_feed_per_edition(site: Site, code: str) -> None:
    feed = etree.parse(site.folder(code) / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == code
    own = BASE if code == "en" else f"{BASE}{code}/"
    assert feed.findtext(f"{ATOM}id") == own
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{own}feed.xml"
    assert [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")] == [
        url(code, "articles/growth")
    ]
    (link,) = site.page(code, "articles/growth").xpath("//link[@type='application/atom+xml']")
    assert link.get("hreflang") == code
    assert (site.folder(code) / "articles" / link.get("href")).resolve() == (site.folder(code) / "feed.xml")


def tree_digest(path: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(path)).encode() + file.read_bytes())
    return digest.hexdigest()


def test_a_failed_translation_keeps_the_last_good_one(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    assert site.build().returncode == 0
    german = tree_digest(site.outdir / "de")
    catalog = site.srcdir / "locale" / "de" / "LC_MESSAGES" / "about.po"
    good = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        good.replace('"Wer die Zeitschrift schreibt."', '"Wer {nosuchrole}`sie` schreibt."'), "utf-8"
    )

    result = site.build()
    assert result.returncode != 0
    assert "The German (de) edition failed" in result.stderr
    assert "Edition(s) not built: de" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_digest(site.outdir / "de") == german
    assert (tmp_path / "html.de.failed" / "about.html").is_file()
    # the English and Korean editions were built all the same, and the German folder is still in place
    assert (site.outdir / "ko" / "about.html").is_file()
    assert (site.outdir / "de" / "about.html").is_file()

    catalog.write_text(
        good.replace("Wer die Zeitschrift schreibt.", "Wer für die Zeitschrift schreibt."), "utf-8"
    )
    assert site.build("--language", "de").returncode == 0
    assert "Wer für die Zeitschrift schreibt." in site.page("de", "about").text_content()
    assert not (tmp_path / "html.de.failed").exists()


def test_one_edition_alone(tmp_path: Path) -> None:
    """``nox -s html -- --language de``: the German edition, the others untouched."""
    site = new_site(tmp_path)
    result = site.build("--language", "de")
    assert result.returncode == 0, result.stderr
    assert (site.outdir / "de" / "index.html").is_file()
    assert not (site.outdir / "index.html").exists()
    assert not (site.outdir / "ko").exists()
    unknown = site.build("--language", "fr")
    assert unknown.returncode == 2
    assert "No edition fr" in unknown.stderr


def test_a_new_translation_links_the_english_page(tmp_path: Path) -> None:
    """A Korean catalog added since the last build: the English page (unchanged) links it."""
    site = new_site(tmp_path)
    assert site.build().returncode == 0
    catalog = site.srcdir / "locale" / "ko" / "LC_MESSAGES" / "about.po"
    untranslated = catalog.read_text(encoding="utf-8")
    assert untranslated.endswith('msgid "About"\nmsgstr ""\n')  # an empty catalog is no translation
    catalog.write_text(untranslated.removesuffix('msgstr ""\n') + 'msgstr "소개"\n', encoding="utf-8")
    assert site.build().returncode == 0
    hreflangs = site.page("en", "about").xpath("//head/link[@rel='alternate'][not(@type)]/@hreflang")
    assert hreflangs == ["en", "de", "ko", "x-default"]


# -- the pieces, as functions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("root", "template", "expected"),
    [
        ("https://k-welle.com/", "", {"en": "https://k-welle.com/", "de": "https://k-welle.com/de/"}),
        ("https://k-welle.com", "", {"en": "https://k-welle.com/", "de": "https://k-welle.com/de/"}),
        ("", "", {"en": "/", "de": "/de/"}),
        # Read the Docs: each edition a project at /<language>/<version>/ of the parent's domain
        (
            "https://k-welle.readthedocs.io/en/latest/",
            "https://k-welle.readthedocs.io/{code}/latest/",
            {
                "en": "https://k-welle.readthedocs.io/en/latest/",
                "de": "https://k-welle.readthedocs.io/de/latest/",
            },
        ),
    ],
)
def test_edition_urls(root: str, template: str, expected: dict[str, str]) -> None:
    assert edition_urls(root, ["en", "de"], template) == expected


@pytest.mark.parametrize(
    ("urls", "current", "code", "expected"),
    [
        ({"en": f"{BASE}", "de": f"{BASE}de/"}, "en", "de", "../de/articles/a.html"),
        ({"en": f"{BASE}", "de": f"{BASE}de/"}, "de", "en", "../../articles/a.html"),
        ({"en": "/", "de": "/de/"}, "de", "de", "a.html"),
        (
            {"en": "https://x.readthedocs.io/en/latest/", "de": "https://x.readthedocs.io/de/latest/"},
            "de",
            "en",
            "../../../en/latest/articles/a.html",
        ),
        (
            {"en": "https://a.example/", "de": "https://b.example/"},
            "en",
            "de",
            "https://b.example/articles/a.html",
        ),
    ],
)
def test_switcher_href(urls: dict[str, str], current: str, code: str, expected: str) -> None:
    editions = Editions(("en", "de"), current, urls, {"de": frozenset()})
    href = editions.href(code, "articles/a.html", "articles/a.html")
    assert href == expected
    if "://" not in href:  # relative: it leads from the page to the same page in the other edition
        source = posixpath.dirname(urls[current].split("://")[-1].partition("/")[2] + "articles/a.html")
        assert posixpath.normpath(posixpath.join("/", source, href)).endswith(
            (urls[code].split("://")[-1].partition("/")[2] + "articles/a.html").lstrip("/")
        )


def test_language_names_and_markup() -> None:
    assert [language_name(code) for code in EDITIONS] == ["English", "Deutsch", "한국어"]
    nav = lxml_html.fragment_fromstring(switcher_html([("en", "../a.html"), ("de", "a.html")], "de"))
    assert nav.tag == "nav"
    assert nav.get("aria-label")
    assert nav.xpath(".//a[@aria-current='page']/@hreflang") == ["de"]
    assert nav.xpath(".//a/@lang") == ["en", "de"]


def test_language_option_is_taken_out_of_the_sphinx_options() -> None:
    assert split_languages(["-W", "--language", "de", "--language=ko", "-E"]) == (["de", "ko"], ["-W", "-E"])


needs_tex = pytest.mark.skipif(
    bool(pdf.missing_requirements()) or shutil.which("pdftotext") is None,
    reason=f"the PDF edition needs TeX, fonts and poppler: {pdf.APT_LINE} poppler-utils",
)


@needs_tex
def test_the_korean_edition_has_its_own_pdf_linked_from_its_pages(tmp_path: Path) -> None:
    """``nox -s pdf -- --language ko`` into build/pdf/ko/; the Korean HTML links those, the English none."""
    site = new_site(tmp_path)
    built = subprocess.run(
        [sys.executable, "-m", "kwelle.cli.pdf", str(site.srcdir), str(tmp_path / "pdfs"), "--language", "ko"],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert sorted(path.name for path in (tmp_path / "pdfs" / "pdf").iterdir()) == ["ko"]
    article = tmp_path / "pdfs" / "pdf" / "ko" / "growth.pdf"
    text = subprocess.run(["pdftotext", str(article), "-"], capture_output=True, text=True, check=True).stdout
    assert "잠재성장률이 떨어지고 있다." in text
    assert "https://journal.example/ko/articles/growth.html" in text  # "Cite this": the Korean page
    assert site.build().returncode == 0
    (link,) = site.page("ko", "articles/growth").xpath("//a[contains(@class, 'kwelle-pdf-link')]")
    assert (site.folder("ko") / "articles" / link.get("href")).resolve().read_bytes() == article.read_bytes()
    assert not site.page("en", "articles/growth").xpath("//a[contains(@class, 'kwelle-pdf-link')]")
