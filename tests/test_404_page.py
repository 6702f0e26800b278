"""The 404 page: absolute links from html_baseurl's path, so it works at any depth of any edition."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from conftest import sphinx_build
from kwelle.theme.notfound import urls_prefix

NOT_FOUND = """---
orphan: true
nosearch: true
---

# Page not found

Start again from the [front page](index.md), or look a source up on the [References](references.md) page.
"""


@pytest.mark.parametrize(
    ("baseurl", "prefix"),
    [
        ("https://journal.example/", "/"),
        ("https://journal.example", "/"),
        ("", "/"),
        ("https://k-welle.readthedocs.io/en/latest/", "/en/latest/"),
        ("https://journal.example/de/", "/de/"),
        ("https://journal.example/ko", "/ko/"),
    ],
)
def test_prefix_is_the_path_of_the_base_url(baseurl: str, prefix: str) -> None:
    assert urls_prefix(baseurl) == prefix


def local_links(page: Path) -> list[str]:
    """Every link, stylesheet and script of a page that stays on the site."""
    tree = etree.parse(str(page), etree.HTMLParser())
    found = tree.xpath("//@href | //@src | //form/@action | //html/@data-content_root")
    return [str(url) for url in found if not urlsplit(url).scheme and not url.startswith("#")]


@pytest.mark.parametrize("edition", ["", "de/"])
def test_every_link_of_the_404_page_is_absolute_and_leads_somewhere(copy_root, tmp_path, edition) -> None:
    """Built for an edition served under /de/ (its build sets html_baseurl), each link starts there."""
    srcdir = copy_root("journal")
    (srcdir / "404.md").write_text(NOT_FOUND, encoding="utf-8")
    build = sphinx_build(
        srcdir, tmp_path / "out" / "html", "-D", f"html_baseurl=https://journal.example/{edition}"
    )
    assert build.returncode == 0, build.output
    links = local_links(build.outdir / "404.html")
    assert {"/" + edition + "index.html", "/" + edition + "references.html"} <= set(links)
    assert any(link.startswith(f"/{edition}_static/") and ".css" in link for link in links)
    for link in links:
        assert link.startswith(f"/{edition}"), link
        target = urlsplit(link).path.removeprefix(f"/{edition}")
        assert (build.outdir / target).exists() or target == "", link
    sitemap = (build.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "index.html" in sitemap
    assert "404.html" not in sitemap
    # the other pages keep their relative links
    assert all(not link.startswith("/") for link in local_links(build.outdir / "articles" / "older.html"))


def test_a_prefix_the_journal_chose_stands(copy_root, tmp_path) -> None:
    srcdir = copy_root("journal")
    (srcdir / "404.md").write_text(NOT_FOUND, encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "out" / "html", "-D", "notfound_urls_prefix=/mirror/")
    assert build.returncode == 0, build.output
    assert "/mirror/index.html" in local_links(build.outdir / "404.html")
