"""A journal's site as a reader's browser shows it, built once from tests/roots/test-site.

Every expectation comes from that root's own front matter, bib file and conf.py; the
flagship's pages are checked in tests/journal/.
"""

from __future__ import annotations

import re
import runpy

import pytest
from pybtex.database import parse_file

from conftest import REFERENCE_ENTRIES, SMALL_ARTICLE, SMALL_SITE, Build, cited_keys, foreign_loads
from kwelle.articles.frontmatter import parse_article_meta, read_front_matter
from kwelle.sources.style import plain_text

ARTICLE = SMALL_ARTICLE
SOURCE = (SMALL_SITE / f"{ARTICLE}.md").read_text(encoding="utf-8")
BIB = parse_file(SMALL_SITE / "refs.bib").entries
CONF = runpy.run_path(str(SMALL_SITE / "conf.py"))


@pytest.fixture(scope="module")
def article(small_site: Build):
    return small_site.page(ARTICLE)


@pytest.fixture(scope="module")
def meta():
    return parse_article_meta(*read_front_matter(SOURCE))


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_build_is_clean(small_site: Build) -> None:
    assert "build succeeded" in small_site.output
    assert "WARNING" not in small_site.output
    assert "ERROR" not in small_site.output
    assert "fontTools" not in small_site.output  # no library chatter in the author's terminal


def test_article_header(article, meta) -> None:
    assert text(article.xpath("//article//h1")[0]).startswith(meta.title)
    (header,) = article.xpath("//div[contains(@class, 'kwelle-article-header')]")
    assert text(header.xpath(".//div[contains(@class, 'kwelle-deck')]")[0]) == meta.deck
    byline = text(header.xpath(".//div[contains(@class, 'kwelle-byline')]")[0])
    for author in meta.authors:
        assert author.name in byline
    essay = BIB[meta.based_on]
    assert f"original essay “{plain_text(essay.fields['title'])}”" in byline
    assert essay.fields["year"] in byline
    assert text(header.xpath(".//div[contains(@class, 'kwelle-dates')]")[0]).startswith(
        f"Published {meta.published.day} {meta.published:%B %Y}"
    )


def test_lead_image_with_credit(small_site: Build, article, meta) -> None:
    (figure,) = article.xpath("//div[contains(@class, 'kwelle-lead-image')]")
    (image,) = figure.xpath(".//img")
    assert image.get("alt") == meta.image_alt
    assert (small_site.outdir / "articles" / image.get("src")).resolve().is_file()
    credit = text(figure.xpath(".//div[contains(@class, 'kwelle-image-credit')]")[0])
    assert credit == f"Image: {meta.image_credit}"


def test_every_citation_links_into_this_articles_references(article) -> None:
    citations = article.xpath("//span[contains(@class, 'bibtex-citation')]")
    assert len(citations) == SOURCE.count("{cite:")
    links = [link for citation in citations for link in citation.xpath(".//a")]
    assert len(links) >= len(citations)  # every citation resolved to at least one link
    for link in links:
        href = link.get("href")
        assert href.startswith("#"), f"{text(link)} links off the page: {href}"
        (target,) = article.xpath(f"//*[@id='{href[1:]}']")
        (dropdown,) = target.xpath("ancestor::details")
        assert text(dropdown.xpath("./summary")[0]).startswith("References")
    # one entry per cited key, each shown once (the root cites kdi2025 twice)
    entries = article.xpath(REFERENCE_ENTRIES)
    assert len({e.get("id") for e in entries}) == len(entries) == len(cited_keys(SOURCE))


def test_references_dropdown_is_closed_and_last(article) -> None:
    dropdowns = article.xpath("//article//details")
    assert dropdowns, "no References dropdown"
    references = dropdowns[-1]
    assert text(references.xpath("./summary")[0]).startswith("References")
    assert references.get("open") is None
    assert not references.xpath("following::section | following::p[ancestor::article]")


def source_groups() -> dict[tuple[str, str], set[str]]:
    """What the References page should show: each bib entry's title by its group and region fields."""
    groups: dict[tuple[str, str], set[str]] = {}
    for entry in BIB.values():
        group, region = entry.fields["group"], entry.fields["region"]
        groups.setdefault((group, region), set()).add(plain_text(entry.fields["title"]))
    return groups


def test_references_page_groups(small_site: Build) -> None:
    page = small_site.page("references")
    expected = source_groups()
    region_titles = CONF["kwelle_source_regions"]
    for group, group_title in CONF["kwelle_source_groups"].items():
        (section,) = page.xpath(f"//section[@id='sources-{group}']")
        assert text(section.xpath("./h2")[0]).startswith(group_title)
        shown = {}
        for dropdown in section.xpath(".//details"):
            assert dropdown.get("open") is None
            region = re.sub(r" \(\d+\)$", "", text(dropdown.xpath("./summary")[0]))
            shown[region] = text(dropdown)
        regions = {region for (g, region) in expected if g == group}
        assert list(shown) == [title for code, title in region_titles.items() if code in regions]
        for region in regions:
            for title in expected[group, region]:
                assert title in shown[region_titles[region]], (group, region, title)


def test_front_page(small_site: Build, meta) -> None:
    page = small_site.page("index")
    assert text(page.xpath("//article//h1")[0]).startswith(CONF["project"])
    (card,) = page.xpath("//ul[contains(@class, 'kwelle-article-list')]/li")
    assert card.xpath(".//a")[0].get("href") == f"{ARTICLE}.html"
    assert meta.deck in text(card)
    assert f"{meta.published.day} {meta.published:%B %Y}" in text(card)
    hrefs = {a.get("href") for a in page.xpath("//article//a")}
    assert {"references.html", "about.html"} <= hrefs


def test_no_page_loads_from_another_host(small_site: Build) -> None:
    assert len(list(small_site.outdir.rglob("*.html"))) >= 4
    assert not list(foreign_loads(small_site))


def test_no_stylesheet_fetches_from_another_host(small_site: Build) -> None:
    for stylesheet in small_site.outdir.rglob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), stylesheet.name


def test_sidebar_lists_the_sections_not_every_article(small_site: Build, article) -> None:
    """The front page lists the articles; a sidebar of every article would grow each page with the journal."""
    sections = ["../references.html", "../about.html"]
    assert article.xpath("//div[contains(@class, 'sidebar-tree')]//a/@href") == sections
    assert f"{ARTICLE}.html" in small_site.page("index").xpath("//article//a/@href")


def test_foreign_loads_finds_a_page_that_loads_from_another_host(small_site: Build, tmp_path) -> None:
    """The host check above would pass on any site if it missed a remote image."""
    page = tmp_path / "html" / "remote.html"
    page.parent.mkdir()
    page.write_text('<html><body><img src="https://cdn.example/x.png"></body></html>', encoding="utf-8")
    found = list(foreign_loads(Build(small_site.srcdir, page.parent, 0, "")))
    assert found == ["remote.html loads https://cdn.example/x.png"]
