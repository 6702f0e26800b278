"""Parallel (-j) and incremental builds give the same journal as a clean serial build."""

from __future__ import annotations

from lxml import etree

from conftest import sphinx_build

PAGES = ["index", "references", "articles/older", "articles/newer"]


def article_bodies(build) -> dict[str, str]:
    return {
        name: etree.tostring(build.page(name).xpath("//*[@role='main']")[0], encoding="unicode")
        for name in PAGES
    }


def test_parallel_matches_serial(copy_root, tmp_path) -> None:
    srcdir = copy_root("journal")
    serial = sphinx_build(srcdir, tmp_path / "serial" / "html")
    parallel = sphinx_build(srcdir, tmp_path / "parallel" / "html", "-j", "2")
    assert serial.returncode == parallel.returncode == 0, parallel.output
    assert article_bodies(parallel) == article_bodies(serial)


def test_incremental_parallel_rebuild(copy_root, tmp_path) -> None:
    srcdir = copy_root("journal")
    outdir = tmp_path / "out" / "html"
    assert sphinx_build(srcdir, outdir, "-j", "2").returncode == 0
    noop = sphinx_build(srcdir, outdir, "-j", "2")
    assert noop.returncode == 0, noop.output
    assert "0 changed" in noop.output
    article = srcdir / "articles" / "newer.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "Germany passed its budget", "The Bundestag passed the budget"
        ),
        encoding="utf-8",
    )
    edited = sphinx_build(srcdir, outdir, "-j", "2")
    assert edited.returncode == 0, edited.output
    page = edited.page("articles/newer")
    assert "The Bundestag passed the budget" in page.text_content()
    clean = sphinx_build(srcdir, tmp_path / "clean" / "html")
    assert article_bodies(edited) == article_bodies(clean)
