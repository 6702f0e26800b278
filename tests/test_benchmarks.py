"""The benchmark's corpus generator and runner (benchmarks/): they build, and the table is complete.

Nothing here asserts a time: the numbers belong in benchmarks/results.md, not in a test.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import REPO, sphinx_build
from kwelle.cli.pdf import missing_requirements

sys.path.insert(0, str(REPO))  # benchmarks/ is a package of the repository, not an installed one
from benchmarks.bench import (
    HTML_MEASUREMENTS,
    PDF_MEASUREMENTS,
    Config,
    Results,
    checks,
    report,
    run_bench,
)
from benchmarks.corpus import (
    CHART_GROUP,
    CITATIONS_PER_ARTICLE,
    make_corpus,
    write_floor,
    write_journal,
)

ARTICLES, ENTRIES = 3, 10
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def article_pages(outdir: Path) -> list[Path]:
    return sorted((outdir / "articles").glob("*.html"))


def test_corpus_shape() -> None:
    corpus = make_corpus(ARTICLES, ENTRIES)
    assert len(corpus.articles) == ARTICLES
    assert len(corpus.sources) == ENTRIES
    low, high = CITATIONS_PER_ARTICLE
    for article in corpus.articles:
        assert low <= len(article.citations) <= high
        assert not article.citations[0].textual  # the bib-entry edit looks for "(Author, Year)"
    # the build requires every chart-group entry to be some chart's source, and no other
    chart_sources = {row.source for article in corpus.articles for row in article.chart_rows}
    assert chart_sources == {key for key, source in corpus.sources.items() if source.group == CHART_GROUP}


def test_journal_corpus_builds_cleanly(tmp_path: Path) -> None:
    write_journal(make_corpus(ARTICLES, ENTRIES), tmp_path / "source")
    build = sphinx_build(tmp_path / "source", tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    pages = article_pages(build.outdir)
    assert len(pages) == ARTICLES
    for path in pages:
        page = build.page(f"articles/{path.stem}")
        assert page.xpath("//*[contains(@class, 'kwelle-infographic')]//img"), path.name
        assert HANGUL.search(page.text_content()), path.name


def test_floor_corpus_builds_cleanly(tmp_path: Path) -> None:
    write_floor(make_corpus(ARTICLES, ENTRIES), tmp_path / "source")
    build = sphinx_build(tmp_path / "source", tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    assert len(article_pages(build.outdir)) == ARTICLES
    assert "kwelle" not in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tiny_bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, str]:
    """The whole benchmark at N = 2, one run each; with the PDF rows where TeX is installed."""
    config = Config(sizes=(2,), scaling_sizes=(), runs=1, scaling_runs=1, pdf=not missing_requirements())
    results = run_bench(config, tmp_path_factory.mktemp("bench"))
    return results, report(results)


def table_rows(text: str, heading: str) -> list[list[str]]:
    """The cells of each body row of the table under ``## heading``."""
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_bench_table_has_every_row(tiny_bench: tuple[Results, str]) -> None:
    _, text = tiny_bench
    measured = {row[0]: row for row in table_rows(text, "Build times")}
    for name, _ in HTML_MEASUREMENTS:
        assert measured[name][1:3] == ["2", "1"], name  # N, runs
        assert measured[name][5].endswith("×"), name  # the ratio journal/floor
    assert [row[0] for row in table_rows(text, "Scaling")] == ["2"]
    weights = table_rows(text, "Page weight")
    assert [row[0] for row in weights] == ["article page", "heaviest page"]
    for name in ("Python", "sphinx", "myst-parser", "sphinxcontrib-bibtex"):
        assert name in [row[0] for row in table_rows(text, "Machine")]


def test_bench_edits_show_in_the_rebuilt_pages(tiny_bench: tuple[Results, str]) -> None:
    results, _ = tiny_bench
    edits = {row.name: row for row in results.rows if "edit" in row.name}
    assert len(edits) == 3
    for row in edits.values():
        assert checks(row.samples["floor"]) == "ok", row.name
    # a stale bib label is a finding the table reports, not a failure of the benchmark
    for name in ("one-article edit", "one data-file edit"):
        assert checks(edits[name].samples["journal"]) == "ok", name


def test_bench_pdf_rows(tiny_bench: tuple[Results, str]) -> None:
    missing = missing_requirements()
    if missing:
        pytest.skip(f"the PDF rows need TeX and fonts: missing {', '.join(missing)}")
    results, text = tiny_bench
    measured = {row[0]: row for row in table_rows(text, "Build times")}
    for name, _ in PDF_MEASUREMENTS:
        assert measured[name][1:3] == ["2", "1"], name
    typeset = next(row for row in results.rows if row.name == PDF_MEASUREMENTS[-1][0])
    assert checks(typeset.samples["journal"]) == "ok"  # every character, Hangul too, typeset
