"""The real journal in docs/: build it once and read it as a reader's browser would."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from pybtex.database import parse_file

from conftest import DOCS, REFERENCE_ENTRIES, Build
from kwelle.articles.frontmatter import parse_article_meta, read_front_matter
from kwelle.infographics.data import read_chart
from kwelle.sources.style import plain_text

ARTICLE = "articles/why-korea-leads-ai-now"


@pytest.fixture(scope="module")
def article(site: Build):
    return site.page(ARTICLE)


@pytest.fixture(scope="module")
def meta():
    return parse_article_meta(*read_front_matter((DOCS / f"{ARTICLE}.md").read_text(encoding="utf-8")))


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_build_is_clean(site: Build) -> None:
    assert "build succeeded" in site.output
    assert "WARNING" not in site.output
    assert "ERROR" not in site.output
    assert "fontTools" not in site.output  # no library chatter in the author's terminal


def test_article_header(article, meta) -> None:
    assert text(article.xpath("//article//h1")[0]).startswith("Why Korea Leads AI Now")
    (header,) = article.xpath("//div[contains(@class, 'kwelle-article-header')]")
    assert text(header.xpath(".//div[contains(@class, 'kwelle-deck')]")[0]) == meta.deck
    byline = text(header.xpath(".//div[contains(@class, 'kwelle-byline')]")[0])
    assert "Dawn Chang" in byline
    assert "original essay “Why Korea Leads AI Now”" in byline
    assert "2025" in byline
    assert text(header.xpath(".//div[contains(@class, 'kwelle-dates')]")[0]).startswith(
        "Published 29 November 2026"
    )


def test_lead_image_with_credit(site: Build, article, meta) -> None:
    (figure,) = article.xpath("//div[contains(@class, 'kwelle-lead-image')]")
    (image,) = figure.xpath(".//img")
    assert image.get("alt") == meta.image_alt
    assert (site.outdir / "articles" / image.get("src")).resolve().is_file()
    assert (
        text(figure.xpath(".//div[contains(@class, 'kwelle-image-credit')]")[0]) == "Image: K-Welle Journal"
    )


def cited_keys(source: str) -> set[str]:
    """Keys cited in the text, and the sources of the infographics the text includes."""
    keys = {
        key.strip() for keys in re.findall(r"\{cite:[a-z]+\}`([^`]+)`", source) for key in keys.split(",")
    }
    bib = parse_file(DOCS / "refs.bib").entries
    for data in re.findall(r"```\{infographic\} /(\S+)", source):
        keys.update(read_chart(DOCS / data, bib).all_sources)
    return keys


def test_every_citation_links_into_this_articles_references(article) -> None:
    source = (DOCS / f"{ARTICLE}.md").read_text(encoding="utf-8")
    citations = article.xpath("//span[contains(@class, 'bibtex-citation')]")
    assert len(citations) == source.count("{cite:") + source.count("{infographic}")  # a Sources line each
    links = [link for citation in citations for link in citation.xpath(".//a")]
    assert len(links) >= len(citations)  # every citation resolved to at least one link
    for link in links:
        href = link.get("href")
        assert href.startswith("#"), f"{text(link)} links off the page: {href}"
        (target,) = article.xpath(f"//*[@id='{href[1:]}']")
        (dropdown,) = target.xpath("ancestor::details")
        assert text(dropdown.xpath("./summary")[0]).startswith("References")
    # one entry per cited key, each shown once
    entries = article.xpath(REFERENCE_ENTRIES)
    assert len({e.get("id") for e in entries}) == len(cited_keys(source))


def test_references_dropdown_is_closed_and_last(article) -> None:
    dropdowns = article.xpath("//article//details")
    assert dropdowns, "no References dropdown"
    references = dropdowns[-1]
    assert text(references.xpath("./summary")[0]).startswith("References")
    assert references.get("open") is None
    assert not references.xpath("following::section | following::p[ancestor::article]")


def test_article_sends_readers_to_the_references_page_once(article) -> None:
    hrefs = [a.get("href") for a in article.xpath("//article//a")]
    assert sum(href.startswith("../references.html") for href in hrefs) == 1


def source_groups() -> dict[tuple[str, str], set[str]]:
    """What the References page should show: each bib entry's title by its group and region fields."""
    groups: dict[tuple[str, str], set[str]] = {}
    for entry in parse_file(DOCS / "refs.bib").entries.values():
        group, region = entry.fields["group"], entry.fields["region"]
        title = plain_text(entry.fields["title"])
        groups.setdefault((group, region), set()).add(title)
    return groups


GROUP_TITLES = {
    "budget-share": "AI share in 2026 government budgets",
    "low-growth": "Advanced economies’ response to the low-growth era",
    "article": "Cited in the text",
}
REGION_TITLES = {
    "KR": "Korea",
    "US": "United States",
    "DE": "Germany",
    "JP": "Japan",
    "intl": "Cross-national",
}


def test_references_page_groups(site: Build) -> None:
    page = site.page("references")
    expected = source_groups()
    for group, group_title in GROUP_TITLES.items():
        (section,) = page.xpath(f"//section[@id='sources-{group}']")
        assert text(section.xpath("./h2")[0]).startswith(group_title)
        shown = {}
        for dropdown in section.xpath(".//details"):
            assert dropdown.get("open") is None
            region = re.sub(r" \(\d+\)$", "", text(dropdown.xpath("./summary")[0]))
            shown[region] = text(dropdown)
        regions = {region for (g, region) in expected if g == group}
        assert list(shown) == [REGION_TITLES[r] for r in REGION_TITLES if r in regions]
        for region in regions:
            for title in expected[group, region]:
                assert title in shown[REGION_TITLES[region]], (group, region, title)


def test_references_page_is_living(site: Build) -> None:
    page = text(site.page("references").xpath("//article")[0])
    assert "Updated periodically" in page
    last_updated = re.search(r"Last updated: (\d+ \w+ \d{4})", page)
    assert last_updated
    (changelog,) = site.page("references").xpath("//section[@id='change-log']")
    assert last_updated[1] in text(changelog)  # the newest change log entry is the last update


def test_front_page(site: Build) -> None:
    page = site.page("index")
    assert text(page.xpath("//article//h1")[0]).startswith("K-Welle Journal")
    assert "Europe’s students and young innovators" in text(page.xpath("//article")[0])
    (card,) = page.xpath("//ul[contains(@class, 'kwelle-article-list')]/li")
    assert card.xpath(".//a")[0].get("href") == f"{ARTICLE}.html"
    assert "Korea is turning artificial intelligence" in text(card)
    assert "29 November 2026" in text(card)
    hrefs = {a.get("href") for a in page.xpath("//article//a")}
    assert {"references.html", "about.html"} <= hrefs


# canonical and alternate links (the other editions, the feed) only name a URL; nothing fetches it
LOADING = (
    "//script[@src] | //link[@href][not(@rel='canonical' or @rel='alternate')] | //img[@src] | //iframe[@src]"
    " | //source[@src] | //object[@data]"
)


def test_no_page_loads_from_another_host(site: Build) -> None:
    pages = sorted(site.outdir.rglob("*.html"))
    assert len(pages) >= 4
    for path in pages:
        tree = site.page(str(path.relative_to(site.outdir).with_suffix("")))
        for element in tree.xpath(LOADING):
            url = element.get("src") or element.get("href") or element.get("data")
            parts = urlsplit(url)
            assert not parts.scheme, f"{path.name} loads {url}"
            assert not parts.netloc, f"{path.name} loads {url}"
        for style in tree.xpath("//style"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", style.text or ""), path.name


def test_no_stylesheet_fetches_from_another_host(site: Build) -> None:
    for stylesheet in site.outdir.rglob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), stylesheet.name


def test_both_infographics_with_their_sources(article) -> None:
    for name, title in (
        ("ai-budget-share-2026", "AI share in 2026 government budgets"),
        ("growth-response-2025-2026", "Advanced economies’ response to the low-growth era"),
    ):
        (chart,) = article.xpath(f"//div[@id='infographic-{name}']")
        assert title in text(chart.xpath(".//figcaption")[0])
        sources = chart.xpath(".//p[contains(@class, 'kwelle-chart-sources')]//a")
        assert len(sources) >= 4
        assert all(a.get("href").startswith("#") for a in sources)
    germany = article.xpath("//div[@id='infographic-ai-budget-share-2026']//ol/li")[-1]
    assert "Germany" in text(germany)
    assert "Hightech Agenda" in text(germany)


def test_sidebar_lists_the_sections_not_every_article(site: Build, article) -> None:
    """The front page lists the articles; a sidebar of every article would grow each page with the journal."""
    sections = ["../references.html", "../author-guide.html", "../about.html"]
    assert article.xpath("//div[contains(@class, 'sidebar-tree')]//a/@href") == sections
    assert f"{ARTICLE}.html" in site.page("index").xpath("//article//a/@href")
