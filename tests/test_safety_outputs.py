"""What every build publishes: spreadsheet-safe CSVs, text drawn and embedded as text, nothing
stale, the whole site in the sitemap, the ePub and PDF held to the HTML's rules, and sources
that are not UTF-8 stopped before anything reads them."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOTS, sphinx_build
from test_bad_input import digests
from test_safety_inputs import Case, article, at, chart, safe_build, write_cases


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    return shutil.copytree(ROOTS / "test-safety", tmp_path / "src")


# -- sources that are not UTF-8: the build stops at once, naming the file -----------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "articles/latin-1.md",
            article("Köln").encode("latin-1"),
            r"articles/latin-1\.md:2: ERROR: the file is not UTF-8 text \(byte 0xf6\)",
        ),
        (
            "notes.md",
            b"# Notes\n\nCaf\xe9\n",
            r"notes\.md:3: ERROR: the file is not UTF-8 text \(byte 0xe9\)",
        ),
        ("refs.bib", None, r"refs\.bib:3: ERROR: the file is not UTF-8 text \(byte 0xe9\)"),
    ],
)
def test_source_not_utf8_stops_the_build(
    srcdir: Path, tmp_path: Path, name: str, content, expected: str
) -> None:
    path = srcdir / name
    if content is None:  # the bibliography, saved as Latin-1
        content = path.read_text(encoding="utf-8").replace("2026 Budget", "Budget é").encode("latin-1")
    path.write_bytes(content)
    before = digests(srcdir)
    result = safe_build(srcdir, tmp_path / "html")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert re.search(expected, output), output
    assert "Traceback" not in output
    assert digests(srcdir) == before


def test_bib_file_outside_the_source_folder(srcdir: Path, tmp_path: Path) -> None:
    shutil.copy(srcdir / "refs.bib", tmp_path / "elsewhere.bib")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + 'bibtex_bibfiles = ["../elsewhere.bib"]\n', encoding="utf-8"
    )
    line = conf.read_text(encoding="utf-8").count("\n")  # the setting's line: the last
    build = sphinx_build(srcdir, tmp_path / "html")
    assert build.returncode != 0
    assert re.search(
        rf"conf\.py:{line}: ERROR: bibtex_bibfiles: '\.\./elsewhere\.bib' is outside the source folder",
        build.output,
    ), build.output
    assert "Traceback" not in build.output


# -- text is text, downloads are safe -------------------------------------------------------

FORMULAS = '=HYPERLINK("https://evil.example";"x")', "=1+2", "@SUM(A1)", "+1+1", "-2+3", "\tTab", "\rReturn"
NUMBERS = "-0.3", "+1.5", "1,234"


def test_published_csv_is_safe_in_a_spreadsheet(srcdir: Path, tmp_path: Path) -> None:
    cells = [*FORMULAS, *NUMBERS]
    data = io.StringIO(newline="")
    writer = csv.writer(data, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["country", "value", "sources", "basis"])
    writer.writerows([cell, n + 1, "kr2026 de2026", f"Note {cell}"] for n, cell in enumerate(cells))
    write_cases(srcdir, {"formulas": Case(chart("formulas", data.getvalue()), "")})
    build = sphinx_build(srcdir, tmp_path / "html")
    assert build.returncode == 0, build.output

    page = build.page("articles/formulas")
    (link,) = page.xpath("//p[contains(@class, 'kwelle-chart-download')]//a[contains(@href, '.csv')]")
    with (build.outdir / "articles" / link.get("href")).open(encoding="utf-8", newline="") as published:
        table = list(csv.reader(published))
    labels = [row[0] for row in table[1:]]
    assert labels == [*("'" + cell for cell in FORMULAS), *NUMBERS]
    assert all(row[3].startswith("Note ") for row in table[1:])
    # the page's data table shows the text as written
    shown = [
        cell.text_content()
        for cell in page.xpath("//table[contains(@class, 'kwelle-data-table')]//tbody//tr/*[1]")
    ]
    assert shown == [cell.strip() for cell in cells]


def test_dollar_signs_are_drawn_as_written(srcdir: Path, tmp_path: Path) -> None:
    csv_text = (
        "country,value,sources,basis\ncosts $5 and $6,1,kr2026 de2026,Test.\nunbalanced $x^,2,kr2026,Test.\n"
    )
    write_cases(srcdir, {"dollars": Case(chart("dollars", csv_text), "")})
    build = sphinx_build(srcdir, tmp_path / "html")
    assert build.returncode == 0, build.output
    (image,) = build.page("articles/dollars").xpath("//figure[contains(@class, 'kwelle-chart')]//img")
    svg = etree.parse(build.outdir / "articles" / image.get("src"))
    texts = " ".join(" ".join(svg.getroot().itertext()).split())
    assert "costs $5 and $6 ¹" in texts
    assert "unbalanced $x^ ²" in texts


def test_json_ld_cannot_end_its_script(srcdir: Path, tmp_path: Path) -> None:
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("2026 Budget Proposal", "Budget </script><script> & more"),
        encoding="utf-8",
    )
    build = sphinx_build(srcdir, tmp_path / "html")
    assert build.returncode == 0, build.output
    (script,) = build.page("articles/good").xpath("//script[@type='application/ld+json']")
    assert "<" not in script.text
    assert any("</script><script> & more" in entry for entry in json.loads(script.text)["citation"])


# -- no stale output; the sitemap and feed list the whole site ---------------------------------


def sitemap(outdir: Path) -> list[str]:
    tree = etree.parse(outdir / "sitemap.xml")
    return tree.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})


def feed(outdir: Path) -> list[str]:
    tree = etree.parse(outdir / "feed.xml")
    return sorted(tree.xpath("//a:entry/a:id/text()", namespaces={"a": "http://www.w3.org/2005/Atom"}))


def test_rebuilds_publish_exactly_the_site(srcdir: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "html"
    write_cases(srcdir, {"second": Case({"articles/second.md": article("A Second Article", tags="[gone]"),
                                          "articles/third.md": article("A Third Article")}, "")})  # fmt: skip
    assert safe_build(srcdir, outdir).returncode == 0
    clean_sitemap, clean_feed = sitemap(outdir), feed(outdir)
    assert len(clean_sitemap) == 8  # index, genindex, search, three articles, two tag pages
    assert len(clean_feed) == 3
    old_chart = next((outdir / "_images").glob("shares-*.svg"))
    old_csv = next((outdir / "_downloads").glob("*/shares.csv"))

    # a no-op build, then an edit of one page: the sitemap and feed still list everything
    assert safe_build(srcdir, outdir).returncode == 0
    assert sitemap(outdir) == clean_sitemap
    (srcdir / "articles" / "third.md").write_text(article("A Third Article", "More text."), encoding="utf-8")
    assert safe_build(srcdir, outdir).returncode == 0
    assert sitemap(outdir) == clean_sitemap
    assert feed(outdir) == clean_feed

    # a deleted article, its tag and a changed chart leave the site, -E or not
    (srcdir / "articles" / "second.md").unlink()
    shares = srcdir / "data" / "shares.csv"
    shares.write_text(shares.read_text(encoding="utf-8").replace("10.1", "10.2"), encoding="utf-8")
    assert safe_build(srcdir, outdir, "-E").returncode == 0
    assert not (outdir / "articles" / "second.html").exists()
    assert not (outdir / "tags" / "gone.html").exists()
    assert not old_chart.exists()
    assert not old_csv.exists()
    assert len(list((outdir / "_images").glob("shares-*.svg"))) == 1
    assert len(list((outdir / "_downloads").glob("*/shares.csv"))) == 1
    assert len(sitemap(outdir)) == 6
    assert len(feed(outdir)) == 2
    assert "second" not in (outdir / "index.html").read_text(encoding="utf-8")


def test_buildinfo_does_not_depend_on_where_kwelle_is_installed(srcdir: Path, tmp_path: Path) -> None:
    """Two checkouts, each with its own install (as two `nox -s html` runs have)."""
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(Path(__file__).parent.parent / "src" / "kwelle", elsewhere / "kwelle")
    builds = []
    for name, pythonpath in (("a", ""), ("b", str(elsewhere))):
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(tmp_path / name / "doctrees"),
             str(srcdir), str(tmp_path / name / "html")],
            capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": pythonpath},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        builds.append((tmp_path / name / "html" / ".buildinfo").read_bytes())
    assert builds[0] == builds[1]


# -- the ePub and the PDF follow the HTML's rules -----------------------------------------------

JAVASCRIPT_LINKS = {
    "button-link": "```{button-link} javascript:alert(1)\nClick\n```",
    "card-link": "```{card} Title\n:link: javascript:alert(2)\nText\n```",
    "eval-rst-link": "```{eval-rst}\n`x <javascript:alert(3)>`_\n```",
    "file-link": "```{eval-rst}\n`y <file:///etc/passwd>`_\n```",
}
REMOTE_IMAGES = {
    "remote-image": "![tracker](https://tracker.invalid/pixel.png)",
    "remote-figure": "```{figure} https://tracker.invalid/figure.png\nA caption.\n```",
}


def with_pages(srcdir: Path, bodies: dict[str, str]) -> None:
    write_cases(
        srcdir,
        {name: Case({f"articles/{name}.md": article(name, body)}, "") for name, body in bodies.items()},
    )


def test_epub_is_scanned_and_never_fetches(srcdir: Path, tmp_path: Path) -> None:
    with_pages(srcdir, {**JAVASCRIPT_LINKS, **REMOTE_IMAGES})
    build = sphinx_build(srcdir, tmp_path / "epub", builder="epub")
    assert build.returncode != 0
    for name, number in (("button-link", 1), ("card-link", 2), ("eval-rst-link", 3)):
        assert re.search(
            rf"ERROR: articles/{name}\.xhtml: <a href> points to javascript:alert\({number}\)", build.output
        ), build.output
    assert re.search(r"ERROR: articles/file-link\.xhtml: <a href> points to file:///etc/passwd", build.output)
    for name in REMOTE_IMAGES:
        assert re.search(
            at(
                name,
                17,
                r"remote image https://tracker\.invalid/\S+: the ePub and PDF use only images from the source folder",
            ),
            build.output,
        ), build.output
    assert "Could not fetch" not in build.output
    assert "Traceback" not in build.output
    assert not list((tmp_path / "epub").glob("*.epub"))


def test_latex_never_fetches(srcdir: Path, tmp_path: Path) -> None:
    with_pages(srcdir, REMOTE_IMAGES)
    build = sphinx_build(srcdir, tmp_path / "latex", builder="latex")
    assert build.returncode != 0
    for name in REMOTE_IMAGES:
        assert re.search(
            at(name, 17, r"remote image https://tracker\.invalid/\S+: the ePub and PDF use only images"),
            build.output,
        ), build.output
    assert "Could not fetch" not in build.output
    assert "Traceback" not in build.output


@pytest.mark.skipif(shutil.which("xelatex") is None, reason="the PDF edition needs TeX (see README)")
def test_pdf_link_annotations_are_scanned(srcdir: Path, tmp_path: Path) -> None:
    with_pages(srcdir, {"links": "\n\n".join(JAVASCRIPT_LINKS.values())})
    result = subprocess.run(
        [sys.executable, "-m", "kwelle.cli.pdf", str(srcdir), str(tmp_path / "build")],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "PDF edition not built. its links break the journal's rules" in output
    for url in ("javascript:alert(1)", "javascript:alert(2)", "javascript:alert(3)"):
        assert re.search(
            rf"links\.pdf, page \d+: a link links to {re.escape(url)}: only https, mailto or # links", output
        ), output
    # hyperref makes a file: link a "go to another file" action
    assert re.search(r"links\.pdf, page \d+: a link has a GoToR action", output), output
    assert "Traceback" not in output
    assert not list((tmp_path / "build").rglob("pdf/*.pdf"))
