"""The bibliography lint: in the build, and as `nox -s check-refs`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pybtex.database import parse_string

from conftest import DOCS, sphinx_build
from kwelle.sources.lint import lint_entry

GROUPS, REGIONS = ("charts", "article"), ("KR", "DE", "intl")
GOOD = (
    "@misc{k, author={{OECD}}, title={T}, year={2025}, url={https://www.oecd.org}, keywords={article, intl}"
)


def problems(bibtex: str) -> list[tuple[str, str]]:
    (entry,) = parse_string(bibtex + "}", "bibtex").entries.values()
    return list(lint_entry(entry, GROUPS, REGIONS))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("", ""), []),
        (
            ("author={{OECD}}, ", ""),
            [("error", "needs an author or organisation (a corporate author goes in double braces)")],
        ),
        (("author={{OECD}}", "institution={{OECD}}"), []),
        (("title={T}, ", ""), [("error", "needs a title")]),
        (("year={2025}, ", ""), [("error", "needs a year")]),
        (("url={https://www.oecd.org}, ", ""), [("error", "needs a url")]),
        (
            ("https://www.oecd.org", "http://www.oecd.org"),
            [("error", "url is http: use https, or say in note why the source has no https")],
        ),
        (("https://www.oecd.org}", "http://www.oecd.org}, note={the site serves http only}"), []),
        (
            ("https://www.oecd.org", "javascript:alert(1)"),
            [("error", "url scheme javascript: is not allowed; use https")],
        ),
        (
            ("https://www.oecd.org", "data:text/html,x"),
            [("error", "url scheme data: is not allowed; use https")],
        ),
        (
            ("https://www.oecd.org", "file:///etc/passwd"),
            [("error", "url scheme file: is not allowed; use https")],
        ),
        (("article, intl", "article, intl, gossip"), [("error", "keywords outside the vocabulary: gossip")]),
        (
            ("title={T}", "title={[A page about T]}"),
            [("notice", "title in [brackets]: the exact title was not seen, verify it")],
        ),
    ],
    ids=[
        "valid",
        "no-author",
        "institution-is-enough",
        "no-title",
        "no-year",
        "no-url",
        "http",
        "http-with-reason",
        "javascript",
        "data",
        "file",
        "unknown-keyword",
        "bracketed-title",
    ],
)
def test_lint_entry(change: tuple[str, str], expected: list[tuple[str, str]]) -> None:
    old, new = change
    assert old in GOOD
    assert problems(GOOD.replace(old, new, 1)) == expected


LINT_ERRORS = {
    "javascript-url": ("url      = {https://www.oecd.org},", "url      = {javascript:alert(1)},", 10, "oecd2025: url scheme javascript:"),
    "missing-title": ("  title    = {Bundeshaushalt 2026},\n", "", 18, "bmf2025: needs a title"),
    "unknown-keyword": ("keywords = {article, KR},", "keywords = {article, KR, hot},", 26, "etnews2025: keywords outside the vocabulary: hot"),
}  # fmt: skip


@pytest.mark.parametrize("case", LINT_ERRORS)
def test_lint_errors_fail_the_build(copy_root, tmp_path: Path, case: str) -> None:
    old, new, line, message = LINT_ERRORS[case]
    srcdir = copy_root("journal")
    bib = srcdir / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    assert text.count(old) == 1
    bib.write_text(text.replace(old, new), encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode != 0
    assert re.search(rf"refs\.bib:{line}: ERROR: {re.escape(message)}", build.output), build.output


def check_refs(srcdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kwelle.cli.check_refs", str(srcdir)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_real_bibliography_passes_check_refs() -> None:
    result = check_refs(DOCS)
    assert result.returncode == 0, result.stdout
    assert re.search(r"^0 error\(s\), \d+ notice\(s\)$", result.stdout, re.MULTILINE)
    assert "koreaherald2025proposal: title in [brackets]" in result.stdout


def test_check_refs_fails_and_names_file_and_line(copy_root) -> None:
    srcdir = copy_root("journal")
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("https://www.kdi.re.kr", "ftp://kdi.re.kr"), encoding="utf-8"
    )
    result = check_refs(srcdir)
    assert result.returncode == 1
    assert f"{bib}:1: error: kdi2025: url scheme ftp: is not allowed; use https" in result.stdout


def test_check_refs_lists_entries_no_page_cites(copy_root) -> None:
    srcdir = copy_root("journal")
    article = srcdir / "articles" / "older.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace(" {cite:p}`kdi2025`", ""), encoding="utf-8"
    )
    result = check_refs(srcdir)
    assert result.returncode == 0
    assert "kdi2025: no page cites it" in result.stdout
