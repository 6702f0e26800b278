"""Drafts show in the preview only, under a banner; only a draft may be dated in the future."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from lxml import etree

from conftest import sphinx_build

DRAFT = """---
title: The Draft Article
deck: Not ready yet.
authors:
  - Hans Weber
published: {published}
updated: {published}
tags: [embargoed]
image: ../images/lead.svg
image_alt: A blue square.
image_credit: Test Journal
{draft}---

## Soon

Text that is not ready.
"""
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
#: 1 December 2026, 12:00 UTC: the build date of every build here
EPOCH = "1796126400"


def add_article(srcdir: Path, published: str, *, draft: bool) -> None:
    text = DRAFT.format(published=published, draft="draft: true\n" if draft else "")
    (srcdir / "articles" / "draft.md").write_text(text, encoding="utf-8")


@pytest.fixture
def dated(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC).date() == dt.date(
        2026, 12, 1
    )


def test_a_draft_is_left_out_of_the_published_journal(copy_root, tmp_path, dated) -> None:
    srcdir = copy_root("journal")
    add_article(srcdir, "2027-01-15", draft=True)
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    out = build.outdir
    assert not (out / "articles" / "draft.html").exists()
    assert "The Draft Article" not in (out / "index.html").read_text(encoding="utf-8")
    assert "The Draft Article" not in (out / "feed.xml").read_text(encoding="utf-8")
    urls = [loc.text for loc in etree.parse(str(out / "sitemap.xml")).iter(SITEMAP)]
    assert urls
    assert not any("draft" in url for url in urls)
    assert not (out / "tags" / "embargoed.html").exists()
    assert "The Draft Article" not in (out / "searchindex.js").read_text(encoding="utf-8")
    # the PDF edition is built from the same sources and settings
    latex = sphinx_build(srcdir, tmp_path / "out" / "latex", builder="latex")
    assert latex.returncode == 0, latex.output
    assert "The Draft Article" not in (latex.outdir / "journal.tex").read_text(encoding="utf-8")
    assert "The Newer Article" in (latex.outdir / "journal.tex").read_text(encoding="utf-8")


def test_the_preview_shows_a_draft_under_a_banner(copy_root, tmp_path, dated) -> None:
    srcdir = copy_root("journal")
    add_article(srcdir, "2027-01-15", draft=True)
    build = sphinx_build(srcdir, tmp_path / "out" / "html", "-D", "kwelle_show_drafts=1")
    assert build.returncode == 0, build.output
    page = build.page("articles/draft")
    (banner,) = page.xpath("//div[contains(@class, 'kwelle-draft-banner')]")
    assert banner.text_content().strip().startswith("Draft: not published.")
    # right under the title, before the deck
    assert banner.getprevious().tag == "h1"
    assert "kwelle-article-header" in banner.getnext().get("class")
    cards = build.page("index").xpath("//li[contains(@class, 'kwelle-article-card')]")
    assert "The Draft Article" in cards[0].text_content()
    assert (
        cards[0].xpath(".//div[contains(@class, 'kwelle-draft-label')]")[0].text_content().strip() == "Draft"
    )
    assert not build.page("articles/newer").xpath("//div[contains(@class, 'kwelle-draft-banner')]")


def test_a_published_date_in_the_future_needs_draft(copy_root, tmp_path, dated) -> None:
    srcdir = copy_root("journal")
    add_article(srcdir, "2027-01-15", draft=False)
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode != 0
    assert (
        "draft.md:6: ERROR: front matter: 'published' (2027-01-15) is after the build date (2026-12-01)"
        in (build.output)
    )
    assert "Traceback" not in build.output


def test_published_today_is_not_the_future(copy_root, tmp_path, dated) -> None:
    srcdir = copy_root("journal")
    add_article(srcdir, "2026-12-01", draft=False)
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    assert (build.outdir / "articles" / "draft.html").is_file()


def test_draft_must_be_true_or_false(copy_root, tmp_path) -> None:
    srcdir = copy_root("journal")
    article = srcdir / "articles" / "older.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("tags:", "draft: yes please\ntags:"), "utf-8"
    )
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode != 0
    assert (
        "older.md:9: ERROR: front matter: field 'draft' must be true or false, not 'yes please'"
        in build.output
    )
    assert "Traceback" not in build.output
