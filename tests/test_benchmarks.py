"""The benchmark's corpus generator and runner (benchmarks/): they build, and the tables are complete.

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
    MYSTMD,
    PDF_MEASUREMENTS,
    TITLES,
    Config,
    Results,
    checks,
    goals,
    mystmd_missing,
    report,
    run_bench,
)
from benchmarks.corpus import (
    CHART_GROUP,
    CITATIONS_PER_ARTICLE,
    flagship_paragraphs,
    make_corpus,
    write_floor,
    write_journal,
    write_stock,
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


def test_articles_are_the_flagship_s_prose() -> None:
    corpus = make_corpus(ARTICLES, ENTRIES)
    real = set(flagship_paragraphs())
    for article in corpus.articles:
        for _, paragraphs in article.sections:
            for paragraph in paragraphs:  # the text, then citations and the final full stop
                assert any(text.startswith(paragraph[0]) for text in real), paragraph[0][:60]


@pytest.mark.parametrize("write", [write_floor, write_stock], ids=["floor", "stock"])
def test_peer_corpus_builds_cleanly_without_kwelle(tmp_path: Path, write) -> None:
    write(make_corpus(ARTICLES, ENTRIES), tmp_path / "source")
    build = sphinx_build(tmp_path / "source", tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    assert len(article_pages(build.outdir)) == ARTICLES
    assert "kwelle" not in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tiny_bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, str]:
    """The whole benchmark at N = 1, one run each; with the PDF row where TeX is installed."""
    config = Config(sizes=(1,), scaling_sizes=(), runs=1, scaling_runs=1, pdf=not missing_requirements())
    results = run_bench(config, tmp_path_factory.mktemp("bench"))
    return results, report(results)


def table_rows(text: str, heading: str) -> list[list[str]]:
    """The cells of each body row of the table under ``## heading``."""
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


RATIO = re.compile(r"^\d+\.\d\d×$")


def test_bench_table_has_every_row_and_ratio(tiny_bench: tuple[Results, str]) -> None:
    results, text = tiny_bench
    heads, _, *body = table_rows(text, "Build times")
    measured = {row[0]: dict(zip(heads, row, strict=True)) for row in body}
    for name, _ in HTML_MEASUREMENTS:
        assert (measured[name]["N"], measured[name]["runs"]) == ("1", "1"), name
        for tool in results.tools[1:]:
            cell = measured[name][f"this project / {TITLES[tool]}"]
            assert RATIO.match(cell) or (cell == "skipped" and "Not measured" in text), (name, tool, cell)
    assert [row[0] for row in table_rows(text, "Scaling")[2:]] == ["1"]
    assert [row[0] for row in table_rows(text, "Page weight")[2:]] == ["article page", "front page"]
    assert [row[0] for row in table_rows(text, "Search index")[2:]] == ["1"]
    for name in ("Python", "sphinx", "myst-parser", "sphinxcontrib-bibtex"):
        assert name in [row[0] for row in table_rows(text, "Machine")]


def test_bench_compares_with_the_peers(tiny_bench: tuple[Results, str]) -> None:
    results, text = tiny_bench
    assert results.tools[:2] == ["journal", "stock"]
    if mystmd_missing():
        assert f"mystmd, everything: {mystmd_missing()}" in text
    else:
        assert MYSTMD in results.tools


def test_bench_goals_are_each_a_verdict_or_a_stated_skip(tiny_bench: tuple[Results, str]) -> None:
    results, text = tiny_bench
    verdicts = goals(results)
    rows = table_rows(text, "Goals (issue 17)")[2:]
    assert [row[0] for row in rows] == [verdict.goal for verdict in verdicts]
    for row, verdict in zip(rows, verdicts, strict=True):
        if verdict.value is None:
            assert row[2].startswith("skipped: "), row
            assert row[2] != "skipped: ", row  # with the reason
            assert row[4] == "not measured"
        else:
            float(row[2])
            assert row[4] in ("**met**", "**missed**"), row
    # at N = 1 the one-article goals are measured
    measured = {verdict.goal for verdict in verdicts if verdict.value is not None}
    assert "Clean build, 1 article: ≤ 1.5× the stock stack" in measured
    assert "First view of an article: ≤ 30 kB gzipped" in measured


def test_bench_edits_show_in_the_rebuilt_pages(tiny_bench: tuple[Results, str]) -> None:
    results, _ = tiny_bench
    edits = {row.name: row for row in results.rows if "edit" in row.name}
    assert len(edits) == 3
    for row in edits.values():
        for tool in results.tools[1:]:
            assert checks(row.samples[tool]) == "ok", (row.name, tool)
    # a stale bib label is a finding the table reports, not a failure of the benchmark
    for name in ("one-article edit", "one data-file edit"):
        assert checks(edits[name].samples["journal"]) == "ok", name


def test_bench_pdf_row(tiny_bench: tuple[Results, str]) -> None:
    missing = missing_requirements()
    if missing:
        pytest.skip(f"the PDF row needs TeX and fonts: missing {', '.join(missing)}")
    results, _ = tiny_bench
    pdf = next(row for row in results.rows if row.name == PDF_MEASUREMENTS[0][0])
    assert checks(pdf.samples["journal"]) == "ok"  # every character, Hangul too, typeset
    assert set(pdf.samples) >= {"journal", "stock"}
