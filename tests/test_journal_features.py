"""Author and reader features: the Author guide's schema table, corrections, the scaffold (the flagship's own "Cite this" text: tests/journal/)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import sphinx_build
from kwelle.articles.frontmatter import schema_fields
from kwelle.cli.scaffold import slugify


@pytest.mark.sphinx("html", testroot="author-guide")
def test_author_guide_lists_every_front_matter_field(app) -> None:
    app.build()
    assert not app._warning.getvalue()
    page = lxml_html.parse(app.outdir / "index.html")
    (table,) = page.xpath("//table[contains(@class, 'kwelle-frontmatter-fields')]")
    names = [td.text_content().strip() for td in table.xpath("./tbody/tr/td[1]")]
    assert names == list(schema_fields())
    required = {tr.xpath("./td[1]")[0].text_content().strip(): tr.xpath("./td[3]")[0].text_content().strip()
                for tr in table.xpath("./tbody/tr")}  # fmt: skip
    assert required["title"] == "yes"
    assert required["summary"] == "no"


def correct(srcdir: Path, date: str) -> None:
    article = srcdir / "articles" / "newer.md"
    text = article.read_text(encoding="utf-8")
    correction = f"\n:::{{correction}} {date}\nThe budget figure was for 2025, not 2026.\n:::\n\n:::{{dropdown}} References"
    article.write_text(text.replace("\n:::{dropdown} References", correction, 1), encoding="utf-8")


def test_correction_updates_the_date_and_marks_the_front_page(copy_root, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 5, 10, tzinfo=dt.UTC).timestamp())))
    srcdir = copy_root("journal")
    correct(srcdir, "2026-05-01")
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    article = build.page("articles/newer")
    dates = article.xpath("//div[contains(@class, 'kwelle-dates')]")[0].text_content()
    assert "Updated 1 May 2026" in dates
    (entry,) = article.xpath("//div[contains(@class, 'kwelle-correction')]")
    assert entry.xpath("./p")[0].text_content() == "1 May 2026"
    marks = {
        card.xpath(".//a")[0].text_content(): card.xpath(".//div[contains(@class, 'kwelle-corrected')]")
        for card in build.page("index").xpath("//li[contains(@class, 'kwelle-article-card')]")
    }
    assert marks["The Newer Article"][0].text_content().strip() == "Corrected 1 May 2026"
    assert not marks["The Older Article"]
    feed = etree.parse(str(build.outdir / "feed.xml")).getroot()
    updated = feed.xpath(
        "//a:entry[a:title='The Newer Article']/a:updated", namespaces={"a": "http://www.w3.org/2005/Atom"}
    )
    assert updated[0].text == "2026-05-01T00:00:00+00:00"


def dates_shown(build, feed_title: str = "The Newer Article") -> tuple[str, str, list[str]]:
    """The article's dates line, its feed entry's updated time, and the front page's "Corrected" marks."""
    dates = build.page("articles/newer").xpath("//div[contains(@class, 'kwelle-dates')]")[0].text_content()
    feed = etree.parse(str(build.outdir / "feed.xml")).getroot()
    (updated,) = feed.xpath(
        f"//a:entry[a:title='{feed_title}']/a:updated", namespaces={"a": "http://www.w3.org/2005/Atom"}
    )
    marks = build.page("index").xpath("//div[contains(@class, 'kwelle-corrected')]")
    return " ".join(dates.split()), updated.text, [mark.text_content().strip() for mark in marks]


@pytest.mark.parametrize("jobs", [(), ("-j", "2")], ids=["serial", "parallel"])
def test_deleting_a_correction_gives_back_the_front_matter_date(
    copy_root, tmp_path: Path, monkeypatch, jobs: tuple[str, ...]
) -> None:
    """The article store starts each page again from its front matter: no correction's date is left behind."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 5, 10, tzinfo=dt.UTC).timestamp())))
    srcdir = copy_root("journal")
    outdir = tmp_path / "out" / "html"
    article = srcdir / "articles" / "newer.md"
    original = article.read_text(encoding="utf-8")
    correct(srcdir, "2026-05-01")
    corrected = sphinx_build(srcdir, outdir, *jobs)
    assert corrected.returncode == 0, corrected.output
    dates, updated, marks = dates_shown(corrected)
    assert "Updated 1 May 2026" in dates
    assert (updated, marks) == ("2026-05-01T00:00:00+00:00", ["Corrected 1 May 2026"])
    article.write_text(original, encoding="utf-8")
    rebuilt = sphinx_build(srcdir, outdir, *jobs)
    assert rebuilt.returncode == 0, rebuilt.output
    dates, updated, marks = dates_shown(rebuilt)
    assert "Updated 1 April 2026" in dates
    assert "May" not in dates
    assert (updated, marks) == ("2026-04-01T00:00:00+00:00", [])


def test_correction_with_a_bad_date_fails(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("journal")
    correct(srcdir, "1 May 2026")
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode != 0
    assert re.search(
        r"articles/newer\.md:\d+: ERROR: correction: date '1 May 2026' must be written YYYY-MM-DD",
        build.output,
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Why Korea Leads AI Now", "why-korea-leads-ai-now"),
        ("Korea's Gen Z & AI", "koreas-gen-z-ai"),
        ("Ünïcode — 2026", "unicode-2026"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def scaffold(srcdir: Path, title: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kwelle.cli.scaffold", "--docs", str(srcdir), title],
        capture_output=True,
        text=True,
        check=False,
    )


def test_scaffold_builds_and_never_overwrites(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("journal")
    (srcdir / "images" / "ai-budget-tiles.svg").write_text((srcdir / "images" / "lead.svg").read_text())
    created = scaffold(srcdir, 'Seoul’s "Data Centre" Boom')
    assert created.returncode == 0, created.stderr
    article = srcdir / "articles" / "seouls-data-centre-boom.md"
    assert article.is_file()
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    assert (
        build.page("articles/seouls-data-centre-boom").xpath("//details/summary")[0].text_content().strip()
        == "References"
    )
    before = hashlib.sha256(article.read_bytes()).hexdigest()
    again = scaffold(srcdir, 'Seoul’s "Data Centre" Boom')
    assert again.returncode == 1
    assert "an article with this name exists" in again.stderr
    assert hashlib.sha256(article.read_bytes()).hexdigest() == before
