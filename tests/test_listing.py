"""The front page's article index: built from front matter, newest first."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from conftest import sphinx_build
from kwelle.articles.header import reading_minutes


@pytest.mark.sphinx("html", testroot="journal")
def test_article_list_newest_first(app) -> None:
    app.build()
    page = lxml_html.parse(app.outdir / "index.html").getroot()
    cards = page.xpath("//ul[contains(@class, 'kwelle-article-list')]/li")
    titles = [card.xpath(".//a")[0].text_content() for card in cards]
    assert titles == ["The Newer Article", "The Older Article"]
    assert [card.xpath(".//a")[0].get("href") for card in cards] == [
        "articles/newer.html",
        "articles/older.html",
    ]
    assert "5 March 2026" in cards[0].text_content()
    assert "An article published later" in cards[0].text_content()


@pytest.mark.sphinx("html", testroot="journal")
def test_article_header_dates(app) -> None:
    app.build()
    page = lxml_html.parse(app.outdir / "articles" / "newer.html").getroot()
    dates = page.xpath("//div[contains(@class, 'kwelle-dates')]")[0].text_content().strip()
    assert dates == "Published 5 March 2026 · Updated 1 April 2026 · 1 min read"
    byline = page.xpath("//div[contains(@class, 'kwelle-byline')]")[0].text_content().strip()
    assert byline == "By Hans Weber"


def test_edited_article_updates_the_index(copy_root, tmp_path) -> None:
    """An incremental build refreshes the index when an article's front matter changes."""
    srcdir = copy_root("journal")
    first = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert first.returncode == 0, first.output
    article = srcdir / "articles" / "older.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("2025-05-01", "2026-11-01"), encoding="utf-8"
    )
    second = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert second.returncode == 0, second.output
    titles = [
        a.text_content()
        for a in second.page("index").xpath("//p[contains(@class, 'kwelle-article-title')]//a")
    ]
    assert titles == ["The Older Article", "The Newer Article"]


@pytest.mark.sphinx("html", testroot="journal")
def test_tag_pages_and_links(app) -> None:
    app.build()
    article = lxml_html.parse(app.outdir / "articles" / "newer.html").getroot()
    links = article.xpath("//a[contains(@class, 'kwelle-tag')]")
    assert [(a.text_content(), a.get("href")) for a in links] == [
        ("budgets", "../tags/budgets.html"),
        ("Germany", "../tags/germany.html"),
    ]
    page = lxml_html.parse(app.outdir / "tags" / "budgets.html").getroot()
    assert page.xpath("//h1")[0].text_content() == "Articles tagged “budgets”"
    assert [a.get("href") for a in page.xpath("//ul[contains(@class, 'kwelle-article-list')]//a")] == [
        "../articles/newer.html"
    ]
    assert not app.warning.getvalue()


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (200, 1), (201, 2), (2400, 12)])
def test_reading_minutes(words: int, minutes: int) -> None:
    assert reading_minutes(words) == minutes
