"""The flagship's pages as its readers see them: its corrections, figures, sources, masthead.

These check this journal's content, not the extension: an editor's edit may need them
updated, and the extension's tests (tests/test_*.py) never depend on them.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from pybtex.database import parse_string

from conftest import Build, foreign_loads

ARTICLE = "articles/why-korea-leads-ai-now"


@pytest.fixture(scope="module")
def article(site: Build):
    return site.page(ARTICLE)


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_cite_this_article(site) -> None:
    page = site.page(ARTICLE)
    (box,) = page.xpath("//div[contains(@class, 'kwelle-cite-this')]")
    reference = box.xpath(".//p[contains(@class, 'kwelle-copyable')]")[0].text_content()
    assert reference == (
        "Dawn Chang, PhD and K-Welle Journal editors (2026). Why Korea Leads AI Now. K-Welle Journal,"
        " 29 November 2026. https://k-welle.com/articles/why-korea-leads-ai-now.html"
    )
    bibtex = box.xpath(".//pre")[0].text_content()
    (entry,) = parse_string(bibtex, "bibtex").entries.values()
    assert entry.type == "article"
    assert entry.fields["title"] == "{Why Korea Leads AI Now}"
    assert [str(p) for p in entry.persons["author"]] == ["{Dawn Chang, PhD}", "{K-Welle Journal editors}"]
    assert entry.fields["url"] == "https://k-welle.com/articles/why-korea-leads-ai-now.html"
    scripts = [s.get("src").partition("?")[0] for s in page.xpath("//script[@src]")]
    assert "../_static/kwelle-copy.js" in scripts
    # before the article's References, after its text
    assert box.xpath("following::details/summary")[0].text_content().strip() == "References"


def test_corrections_note_is_dated_and_lists_each_correction(article) -> None:
    (section,) = article.xpath("//section[h2[starts-with(normalize-space(), 'Corrections and updates')]]")
    entries = section.xpath("./div[contains(@class, 'kwelle-correction')]")
    dates = [text(e.xpath("./p[contains(@class, 'kwelle-correction-date')]")[0]) for e in entries]
    assert dates == ["29 November 2026"] * 2 + ["1 December 2026"] * 5
    items = [text(entry) for entry in entries]
    for fact in ("three pillars", "Digital Government Index", "₩200 billion", "₩9.9 trillion", "main budget"):
        assert any(fact in item for item in items), fact
    # a correction that changes an earlier correction is itself dated, and says what that one said
    revising = [date for date, item in zip(dates, items, strict=True) if "correction of 29 November" in item]
    assert revising == ["1 December 2026"] * 3


def test_article_carries_the_fact_sheet_figures(article) -> None:
    body = text(article.xpath("//article")[0])
    for figure in ("₩10.1 trillion", "₩728 trillion", "₩3.3 trillion of the 2025 main", "₩727.9 trillion"):
        assert figure in body
    assert "score of 0.94 against an OECD average of 0.61" in body  # as the cited OECD page rounds them
    assert "fastest" not in body


def test_references_page_spot_checks(site: Build) -> None:
    page = site.page("references")
    germany_budget = text(
        page.xpath("//section[@id='sources-budget-share']//details[summary[contains(., 'Germany')]]")[0]
    )
    assert "Bundestag beschließt Haushalt 2026" in germany_budget
    assert "Hightech Agenda" in germany_budget
    cross_national = text(
        page.xpath("//section[@id='sources-low-growth']//details[summary[contains(., 'Cross-national')]]")[0]
    )
    assert "World Economic Outlook, October 2025" in cross_national


def test_about_page(site: Build) -> None:
    page = text(site.page("about").xpath("//article")[0])
    assert "Editor-in-chief: Dawn Chang, PhD" in page
    hrefs = {unquote(a.get("href")) for a in site.page("about").xpath("//article//a")}
    assert "mailto:editor@k-welle.com" in hrefs


@pytest.mark.parametrize("name", ["index", ARTICLE, "references", "about"])
def test_footer_copyright(site: Build, name: str) -> None:
    assert "© 2025 K-Welle Journal" in text(site.page(name).xpath("//footer")[0])


def test_build_is_clean(site: Build) -> None:
    assert "build succeeded" in site.output
    assert "WARNING" not in site.output
    assert "ERROR" not in site.output
    assert "fontTools" not in site.output  # no library chatter in the author's terminal


def test_article_sends_readers_to_the_references_page_once(article) -> None:
    hrefs = [a.get("href") for a in article.xpath("//article//a")]
    assert sum(href.startswith("../references.html") for href in hrefs) == 1


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


def test_no_page_loads_from_another_host(site: Build) -> None:
    """An editor's page could embed a remote image or script; the extension's own pages are checked
    in tests/test_site.py."""
    assert len(list(site.outdir.rglob("*.html"))) >= 4
    assert not list(foreign_loads(site))


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
