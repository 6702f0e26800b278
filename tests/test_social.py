"""What feed readers, search engines and social sites get from a journal (tests/roots/test-site)."""

from __future__ import annotations

import json
import runpy

import pytest
from lxml import etree

from conftest import SMALL_ARTICLE, SMALL_SITE, cited_keys
from kwelle.articles.frontmatter import parse_article_meta, read_front_matter

ARTICLE = SMALL_ARTICLE
ATOM = "{http://www.w3.org/2005/Atom}"
CONF = runpy.run_path(str(SMALL_SITE / "conf.py"))
SITE = CONF["html_baseurl"]
SOURCE = (SMALL_SITE / f"{ARTICLE}.md").read_text(encoding="utf-8")
IMAGE = "lead.svg"  # the article's lead image, ../images/lead.svg


@pytest.fixture(scope="module")
def meta():
    return parse_article_meta(*read_front_matter(SOURCE))


def meta_content(page, selector: str) -> str:
    (element,) = page.xpath(f"//meta[{selector}]")
    return element.get("content")


def test_atom_feed(small_site, meta) -> None:
    feed = etree.parse(str(small_site.outdir / "feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == CONF["project"]
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == meta.title
    assert entry.find(f"{ATOM}link").get("href") == f"{SITE}{ARTICLE}.html"
    assert entry.findtext(f"{ATOM}id").startswith("https://")
    assert entry.findtext(f"{ATOM}updated") == f"{meta.updated.isoformat()}T00:00:00+00:00"
    assert entry.findtext(f"{ATOM}summary") == meta.summary
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == list(meta.tags)
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == f"{SITE}feed.xml"


def test_every_page_links_the_feed(small_site) -> None:
    for name, href in (("index", "feed.xml"), (ARTICLE, "../feed.xml")):
        (link,) = small_site.page(name).xpath("//link[@type='application/atom+xml']")
        assert link.get("href") == href


def test_article_social_and_search_metadata(small_site, meta) -> None:
    page = small_site.page(ARTICLE)
    assert meta_content(page, "@name='description'").startswith(meta.deck)
    assert meta_content(page, "@property='og:description'").startswith(meta.deck)
    assert meta_content(page, "@property='og:type'") == "article"
    assert meta_content(page, "@property='og:url'") == f"{SITE}{ARTICLE}.html"
    assert meta_content(page, "@property='og:image'") == f"{SITE}_images/{IMAGE}"
    assert (small_site.outdir / "_images" / IMAGE).is_file()
    assert meta_content(page, "@name='twitter:card'") == "summary_large_image"
    (canonical,) = page.xpath("//link[@rel='canonical']")
    assert canonical.get("href") == f"{SITE}{ARTICLE}.html"


def test_json_ld_scholarly_article(small_site, meta) -> None:
    (script,) = small_site.page(ARTICLE).xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == meta.title
    assert data["datePublished"] == meta.published.isoformat()
    assert data["dateModified"] == meta.updated.isoformat()
    assert [a["name"] for a in data["author"]] == [a.name for a in meta.authors]
    assert data["publisher"]["name"] == CONF["project"]
    assert data["image"] == f"{SITE}_images/{IMAGE}"
    # every source the text cites, once each
    assert len(data["citation"]) == len(cited_keys(SOURCE))
    assert any("Government at a Glance 2025" in c for c in data["citation"])


def test_sitemap(small_site) -> None:
    sitemap = etree.parse(str(small_site.outdir / "sitemap.xml")).getroot()
    urls = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"{SITE}{ARTICLE}.html" in urls
    assert f"{SITE}references.html" in urls


def test_no_generated_social_cards(small_site) -> None:
    """The lead image is the card: nothing is drawn per page (slow, and with fonts we do not ship)."""
    assert not list(small_site.outdir.rglob("summary_*.png"))
    assert not (small_site.outdir / "_images" / "social_previews").exists()
