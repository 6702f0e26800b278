"""What feed readers, search engines and social sites get from the real journal."""

from __future__ import annotations

import json

from lxml import etree

ARTICLE = "articles/why-korea-leads-ai-now"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://k-welle.com/"


def meta_content(page, selector: str) -> str:
    (element,) = page.xpath(f"//meta[{selector}]")
    return element.get("content")


def test_atom_feed(site) -> None:
    feed = etree.parse(str(site.outdir / "feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "K-Welle Journal"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Why Korea Leads AI Now"
    assert entry.find(f"{ATOM}link").get("href") == f"{SITE}{ARTICLE}.html"
    assert entry.findtext(f"{ATOM}id").startswith("https://")
    assert entry.findtext(f"{ATOM}updated") == "2026-12-01T00:00:00+00:00"
    assert "more than three times its 2025 main budget" in entry.findtext(f"{ATOM}summary")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "AI policy",
        "public budgets",
        "Korea",
        "low growth",
    ]
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == f"{SITE}feed.xml"


def test_every_page_links_the_feed(site) -> None:
    for name, href in (("index", "feed.xml"), (ARTICLE, "../feed.xml")):
        (link,) = site.page(name).xpath("//link[@type='application/atom+xml']")
        assert link.get("href") == href


def test_article_social_and_search_metadata(site) -> None:
    page = site.page(ARTICLE)
    deck = "Korea is turning artificial intelligence from showcase projects"
    assert meta_content(page, "@name='description'").startswith(deck)
    assert meta_content(page, "@property='og:description'").startswith(deck)
    assert meta_content(page, "@property='og:type'") == "article"
    assert meta_content(page, "@property='og:url'") == f"{SITE}{ARTICLE}.html"
    assert meta_content(page, "@property='og:image'") == f"{SITE}_images/ai-budget-tiles.svg"
    assert (site.outdir / "_images" / "ai-budget-tiles.svg").is_file()
    assert meta_content(page, "@name='twitter:card'") == "summary_large_image"
    (canonical,) = page.xpath("//link[@rel='canonical']")
    assert canonical.get("href") == f"{SITE}{ARTICLE}.html"


def test_json_ld_scholarly_article(site) -> None:
    (script,) = site.page(ARTICLE).xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == "Why Korea Leads AI Now"
    assert data["datePublished"] == "2026-11-29"
    assert data["dateModified"] == "2026-12-01"
    assert [a["name"] for a in data["author"]] == ["Dawn Chang, PhD", "K-Welle Journal editors"]
    assert data["publisher"]["name"] == "K-Welle Journal"
    assert data["image"] == f"{SITE}_images/ai-budget-tiles.svg"
    assert len(data["citation"]) >= 20
    assert any("World Economic Outlook, October 2025" in c for c in data["citation"])


def test_sitemap(site) -> None:
    sitemap = etree.parse(str(site.outdir / "sitemap.xml")).getroot()
    urls = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"{SITE}{ARTICLE}.html" in urls
    assert f"{SITE}references.html" in urls


def test_no_generated_social_cards(site) -> None:
    """The lead image is the card: nothing is drawn per page (slow, and with fonts we do not ship)."""
    assert not list(site.outdir.rglob("summary_*.png"))
    assert not (site.outdir / "_images" / "social_previews").exists()
