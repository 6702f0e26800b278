"""Build the ePub edition: the journal and one ePub per article.

    python -m kwelle.cli.epub [SOURCEDIR [BUILDDIR]] [--language CODE ...]      (defaults: docs build)

Each book is a strict Sphinx build of its own (an article's reads that article alone:
``kwelle_epub_article``, see :mod:`kwelle.editions.epub`), as many at a time as there are
cores. The ePubs are collected in BUILDDIR/epub/ (a translated edition's in
BUILDDIR/epub/<code>/), where the HTML build finds them for its download links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kwelle.articles.store import articles_on_disk
from kwelle.cli.editions import ROOT, Language, collect, in_parallel, main, run_sphinx
from kwelle.config import read_settings

if TYPE_CHECKING:
    from pathlib import Path

#: the book ``write_book`` writes for no article
JOURNAL = ""


def books(srcdir: Path) -> list[str]:
    """The journal, then each article with valid front matter (the journal's build reports the others)."""
    articles_dir = read_settings(srcdir)[0].articles_dir
    return [
        JOURNAL,
        *sorted(slug for slug, meta in articles_on_disk(srcdir / articles_dir).items() if not meta.draft),
    ]


def write_book(srcdir: Path, builddir: Path, article: str, language: Language = ROOT) -> Path:
    """One book: Sphinx's ePub of the journal, or of ``article`` alone."""
    name = article or "journal"
    outdir = language.work(builddir, "epub-books") / name
    for old in outdir.glob("*.epub"):  # a renamed book would leave its old file here
        old.unlink()
    defines = [f"kwelle_epub_article={article}"] if article else []
    what = f"the ePub of {article}" if article else "the journal's ePub"
    doctrees = language.work(builddir, "doctrees-epub") / name
    run_sphinx(what, "epub", srcdir, outdir, doctrees, *defines, *language.defines, quiet=True)
    (book,) = outdir.glob("*.epub")
    return book


def build_epubs(srcdir: Path, builddir: Path, language: Language = ROOT) -> list[Path]:
    """Every book, collected into BUILDDIR/epub/ (BUILDDIR/epub/<code>/)."""
    written = in_parallel(lambda article: write_book(srcdir, builddir, article, language), books(srcdir))
    return collect(written, language.published(builddir, "epub"))


if __name__ == "__main__":
    raise SystemExit(main("ePub", build_epubs, None))
