"""The front page of the journal: the newest article as the lead, then cards, topics with
counts, and an archive by year and month once the front page cannot hold every article."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

from conftest import REPO, sphinx_build

FRONT = "//ul[contains(@class, 'kwelle-front')]"


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_lead_cards_and_topics(copy_root, tmp_path) -> None:
    build = sphinx_build(copy_root("journal"), tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    page = build.page("index")
    lead, card = page.xpath(f"{FRONT}/li")
    assert "kwelle-lead" in lead.get("class")
    assert text(lead.xpath(".//p[contains(@class, 'kwelle-article-title')]")[0]) == "The Newer Article"
    assert text(lead.xpath(".//div[contains(@class, 'kwelle-byline')]")[0]) == "By Hans Weber"
    # the reading time the article's own header gives
    header = text(build.page("articles/newer").xpath("//div[contains(@class, 'kwelle-dates')]")[0])
    minutes = re.search(r"\d+ min read", header)[0]
    assert text(lead.xpath(".//div[contains(@class, 'kwelle-dates')]")[0]) == f"5 March 2026 · {minutes}"
    assert [a.get("href") for a in lead.xpath(".//p[contains(@class, 'kwelle-tags')]/a")] == [
        "tags/budgets.html",
        "tags/germany.html",
    ]
    (image,) = lead.xpath("./img")
    assert image.get("alt") == "A blue square."
    assert image.get("loading") == "eager"
    # an SVG draws sharp at any width: one file, no srcset
    assert image.get("srcset") is None
    assert (image.get("width"), image.get("height")) == ("10", "10")  # from its viewBox: no layout shift
    assert (build.outdir / image.get("src")).read_bytes() == (
        build.srcdir / "images" / "lead.svg"
    ).read_bytes()
    assert card.xpath("./img")[0].get("loading") == "lazy"
    assert text(card.xpath(".//p[contains(@class, 'kwelle-article-title')]")[0]) == "The Older Article"
    topics = [text(li) for li in page.xpath("//div[contains(@class, 'kwelle-topics')]//li")]
    assert topics == ["budgets (1)", "Germany (1)", "growth (1)"]
    assert not page.xpath("//div[contains(@class, 'kwelle-archive')]")
    assert not (build.outdir / "archive.html").exists()


def test_raster_lead_image_gets_srcset(copy_root, tmp_path) -> None:
    srcdir = copy_root("journal")
    Image.linear_gradient("L").resize((2000, 1000)).convert("RGB").save(srcdir / "images" / "photo.png")
    article = srcdir / "articles" / "newer.md"
    article.write_text(article.read_text(encoding="utf-8").replace("lead.svg", "photo.png"), encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    (image,) = build.page("index").xpath(f"{FRONT}/li[contains(@class, 'kwelle-lead')]/img")
    candidates = [entry.split() for entry in image.get("srcset").split(", ")]
    assert [width for _, width in candidates] == ["480w", "960w", "1440w"]
    for href, width in candidates:
        with Image.open(build.outdir / href) as variant:
            assert variant.size == (int(width[:-1]), int(width[:-1]) // 2)
    assert image.get("src") == candidates[0][0]  # the smallest, for a browser without srcset
    assert image.get("sizes") == "(min-width: 67em) 46em, 100vw"
    assert (image.get("width"), image.get("height")) == ("2000", "1000")
    # made once: a second build writes none of them again
    stamps = {href: (build.outdir / href).stat().st_mtime_ns for href, _ in candidates}
    again = sphinx_build(srcdir, build.outdir, "-E")
    assert again.returncode == 0, again.output
    assert {href: (build.outdir / href).stat().st_mtime_ns for href in stamps} == stamps


def test_archive_past_the_front_page(copy_root, tmp_path) -> None:
    build = sphinx_build(
        copy_root("journal"), tmp_path / "out" / "html", "-D", "kwelle_front_page_articles=1"
    )
    assert build.returncode == 0, build.output
    page = build.page("index")
    assert len(page.xpath(f"{FRONT}/li")) == 1
    lines = [text(p) for p in page.xpath("//div[contains(@class, 'kwelle-archive')]/p[not(@class)]")]
    assert lines == ["2026: March (1)", "2025: May (1)"]
    archive = build.page("archive")
    for link in page.xpath("//div[contains(@class, 'kwelle-archive')]//a"):
        href, fragment = link.get("href").split("#")
        assert href == "archive.html"
        (month,) = archive.xpath(f"//section[@id='{fragment}']")
        assert month.xpath(".//a")
    assert [a.get("href") for a in archive.xpath("//section[@id='2025-05']//a")] == ["articles/older.html"]


def test_front_page_weight_does_not_grow_with_the_journal(tmp_path) -> None:
    """Past the front page's count, a new article adds no card: at most a month to the archive."""
    sizes = {}
    for count in (12, 24):
        srcdir = tmp_path / f"journal-{count}"
        corpus = [sys.executable, "-m", "benchmarks.corpus", str(srcdir), "--articles", str(count)]
        subprocess.run(corpus, cwd=REPO, check=True, capture_output=True)
        build = sphinx_build(srcdir, tmp_path / f"out-{count}" / "html", "-j", "auto")
        assert build.returncode == 0, build.output
        page = build.page("index")
        assert len(page.xpath(f"{FRONT}/li")) == 9
        assert len(page.xpath(f"{FRONT}//img")) == 9
        sizes[count] = len(page.xpath(f"{FRONT}")[0].text_content())
    assert sizes[24] < sizes[12] * 1.2  # the same nine cards, other titles


def test_print_lists_every_article(copy_root, tmp_path: Path) -> None:
    build = sphinx_build(copy_root("journal"), tmp_path / "out" / "latex", builder="latex")
    assert build.returncode == 0, build.output
    tex = (build.outdir / "journal.tex").read_text(encoding="utf-8")
    assert "The Newer Article" in tex
    assert "The Older Article" in tex
    assert "_front" not in tex
