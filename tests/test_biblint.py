"""The bibliography lint: in the build, and as `nox -s check-refs`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pybtex.errors
import pytest
from pybtex.database import parse_string

from conftest import DOCS, sphinx_build
from kwelle.sources.lint import lint_entry

GROUPS, REGIONS = ("charts", "article"), ("KR", "DE", "intl")
GOOD = (
    "@misc{k, author={{OECD}}, title={T}, year={2025}, url={https://www.oecd.org}, group={article},"
    " region={intl}"
)
NO_GROUP = "not on the References page's grouped lists: it "


def problems(bibtex: str) -> list[tuple[str, str]]:
    (entry,) = parse_string(bibtex + "}", "bibtex").entries.values()
    return list(lint_entry(entry, GROUPS, REGIONS))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("", ""), []),
        (
            ("author={{OECD}}, ", ""),
            [("notice", "no author: give one or an organisation (a corporate author goes in double braces)")],
        ),
        (("author={{OECD}}", "institution={{OECD}}"), []),
        (("author={{OECD}}", "editor={Lee, Min}"), []),
        (("title={T}, ", ""), [("notice", "no title")]),
        (("year={2025}, ", ""), [("notice", "no year: give a year or a date; the entry shows (n.d.)")]),
        (("year={2025}", "date={2025-04-18}"), []),
        (("year={2025}", "date={2019-01/2019-03}"), []),
        (("url={https://www.oecd.org}, ", ""), [("notice", "no link: give a url, a doi or an arXiv eprint")]),
        (("url={https://www.oecd.org}", "doi={10.1787/3d5c5d31-en}"), []),
        (("url={https://www.oecd.org}", "eprint={2310.15886}, archiveprefix={arXiv}"), []),
        (("url={https://www.oecd.org}", "howpublished={\\url{https://www.oecd.org/x}}"), []),
        (
            ("https://www.oecd.org", "http://www.oecd.org"),
            [("notice", "http link: http://www.oecd.org (use https where the site has it)")],
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
        (
            ("url={https://www.oecd.org}", "howpublished={\\url{javascript:alert(1)}}"),
            [("error", "url scheme javascript: is not allowed; use https")],
        ),
        (
            ("title={T}", "title={k {\\apjx} 1 \\foo}"),
            [
                (
                    "notice",
                    "unknown LaTeX macro \\apjx in title: it is left out; write the text it stands for",
                ),
                (
                    "notice",
                    "unknown LaTeX macro \\foo in title: it is left out; write the text it stands for",
                ),
            ],
        ),
        (("title={T}", "title={The {$\\Lambda$}CDM model: {\\\"u} \\'e {\\aa}}"), []),
        (
            ("group={article}, ", ""),
            [("notice", NO_GROUP + "has no group field; use one of: charts, article")],
        ),
        (
            ("region={intl}", "region={Korea}"),
            [("notice", NO_GROUP + "region 'Korea' is not in the vocabulary; use one of: KR, DE, intl")],
        ),
        (("region={intl}", "region={intl}, keywords={Astrophysics - Cosmology, galaxies: formation}"), []),
        (
            ("title={T}", "title={[A page about T]}"),
            [("notice", "title in [brackets]: the exact title was not seen, verify it")],
        ),
    ],
    ids=[
        "valid",
        "no-author",
        "institution-is-enough",
        "editor-is-enough",
        "no-title",
        "no-year",
        "biblatex-date",
        "biblatex-date-range",
        "no-link",
        "doi-is-a-link",
        "arxiv-is-a-link",
        "url-in-howpublished",
        "http",
        "http-with-reason",
        "javascript",
        "data",
        "file",
        "javascript-in-howpublished",
        "unknown-macros",
        "latex-that-renders",
        "no-group",
        "unknown-region",
        "foreign-keywords",
        "bracketed-title",
    ],
)
def test_lint_entry(change: tuple[str, str], expected: list[tuple[str, str]]) -> None:
    old, new = change
    assert old in GOOD
    assert problems(GOOD.replace(old, new, 1)) == expected


def test_all_findings_of_an_entry_in_one_run() -> None:
    """No second round: every problem of an entry is reported at once."""
    found = problems("@misc{k, title={[T \\foo]}, url={http://x.org}")
    assert [message.split(":")[0] for _, message in found] == [
        "no author", "no year", "http link", "unknown LaTeX macro \\foo in title", "not on the References page's grouped lists",
        "title in [brackets]",
    ]  # fmt: skip


LINT_ERRORS = {
    "javascript-url": ("url      = {https://www.oecd.org},", "url      = {javascript:alert(1)},", 11, "oecd2025: url scheme javascript:"),
    "unsafe-url-in-howpublished": ("  url      = {https://www.etnews.com},\n", "  howpublished = {\\url{data:text/html,x}},\n", 29, "etnews2025: url scheme data:"),
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


def test_notices_do_not_fail_the_build(copy_root, tmp_path: Path) -> None:
    """No title, no year, no group: the entry still builds, and the log names file and line."""
    srcdir = copy_root("journal")
    bib = srcdir / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    for line in (
        "  title    = {Bundeshaushalt 2026},\n",
        "  year     = {2025},\n  url      = {https://www.bundesfinanzministerium.de},\n",
    ):
        assert line in text
    text = text.replace("  title    = {Bundeshaushalt 2026},\n", "").replace(
        "  group    = {charts},\n  region   = {DE},\n", ""
    )
    bib.write_text(text, encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    assert re.search(r"refs\.bib:20: notice: bmf2025: no title", build.output), build.output
    assert "bmf2025: not on the References page's grouped lists: it has no group field" in build.output


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


def test_check_refs_counts_findings_by_kind(copy_root) -> None:
    srcdir = copy_root("journal")
    bib = srcdir / "refs.bib"
    text = (
        bib.read_text(encoding="utf-8")
        .replace("  group    = {charts},\n", "")
        .replace("https://www.oecd.org", "http://www.oecd.org")
    )
    bib.write_text(text, encoding="utf-8")
    result = check_refs(srcdir)
    assert result.returncode == 0, result.stdout
    assert re.search(r"^\s+1 notice: http link$", result.stdout, re.MULTILINE), result.stdout
    assert re.search(
        r"^\s+1 notice: not on the References page's grouped lists$", result.stdout, re.MULTILINE
    )


def test_check_refs_reports_a_cited_key_no_file_has(copy_root) -> None:
    srcdir = copy_root("journal")
    article = srcdir / "articles" / "older.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("`kdi2025`", "`kdi2052`"), encoding="utf-8"
    )
    result = check_refs(srcdir)
    assert result.returncode == 1
    assert "error: kdi2052: cited, but no .bib file has it" in result.stdout


def test_check_refs_counts_what_the_build_reads_as_cited(copy_root) -> None:
    """check-refs reads the journal as the build does: a chart row citing "a,b" and a role written
    with double backticks cite their keys; only the entry nothing cites is a notice."""
    srcdir = copy_root("infographic")
    shares = srcdir / "data" / "shares.csv"
    rows = (
        shares.read_text(encoding="utf-8")
        .replace(",kr2026,", ',"kr2026, de2026",')
        .replace(",de2026,", ",kr2026,")
    )
    shares.write_text(rows, encoding="utf-8")
    with (srcdir / "refs.bib").open("a", encoding="utf-8") as bib:
        for key in ("imf2025", "lonely2025"):
            bib.write(
                f"\n@misc{{{key}, author={{{{IMF}}}}, title={{{key}}}, year={{2025}},"
                f" url={{https://www.imf.org/{key}}}, group={{growth}}, region={{intl}}}}\n"
            )
    article = srcdir / "articles" / "charted.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("## Growth\n", "## Growth\n\nAs the IMF says {cite:p}``imf2025``.\n"))
    result = check_refs(srcdir)
    assert result.returncode == 0, result.stdout + result.stderr
    uncited = re.findall(r"notice: (\S+): no page cites it", result.stdout)
    assert uncited == ["lonely2025"], result.stdout


def test_check_refs_on_a_journal_that_cannot_be_read_names_it(tmp_path) -> None:
    (tmp_path / "conf.py").write_text("extensions = ['kwelle']\nkwelle_bib_max_names = 'six'\n")
    result = check_refs(tmp_path)
    assert result.returncode == 2
    assert f"check-refs: cannot read the journal in {tmp_path}" in result.stderr
    assert "Traceback" not in result.stderr


def year_given_twice(bib: Path) -> Path:
    """The root's first entry with a second ``year`` (line 11)."""
    text = bib.read_text(encoding="utf-8")
    bib.write_text(
        text.replace("  year     = {2025},\n", "  year     = {2025},\n  year = {2024},\n", 1),
        encoding="utf-8",
    )
    return bib


def test_a_field_given_twice_is_a_notice(copy_root) -> None:
    """BibTeX warns and uses the first; so does the journal (a real file, tests/roots/test-realbib-ccl, has one)."""
    srcdir = copy_root("journal")
    bib = year_given_twice(srcdir / "refs.bib")
    result = check_refs(srcdir)
    assert result.returncode == 0, result.stdout
    assert f"{bib}:11: notice: oecd2025: field given twice: year (the first is used)" in result.stdout


def test_each_app_closes_its_own_tolerance_of_pybtex_warnings(make_app, copy_root) -> None:
    """A field given twice is a notice while the .bib is read, and pybtex is strict again after it."""
    srcdir = copy_root("journal")
    year_given_twice(srcdir / "refs.bib")
    for _ in range(2):  # two apps in one process, each reading the file
        app = make_app("html", srcdir=srcdir, freshenv=True)
        assert pybtex.errors.captured_errors is None
        app.build()
        assert "field given twice" not in app._warning.getvalue()
