"""Bad input: each mistake fails the build with a message naming the file and line or key,
and the build leaves every source file as it was."""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import sphinx_build

GROWTH = "## Growth\n"


def in_older(markdown: str) -> tuple[str, str, str]:
    """A case that adds ``markdown`` to the test journal's older article, under its heading."""
    return "articles/older.md", GROWTH, f"{GROWTH}\n{markdown}\n\n"


CASES = {
    "unknown-cite-key": (
        "articles/older.md",
        "{cite:p}`kdi2025`",
        "{cite:p}`kdi2052`",
        r"articles/older\.md:17: WARNING: could not find bibtex key \"kdi2052\"",
    ),
    "malformed-bib": (
        "refs.bib",
        "title    = {Government at a Glance 2025},",
        "title    = {Government at a Glance 2025,",
        r"refs\.bib:20: syntax error: '\}' expected",
    ),
    "repeated-bib-key": (
        "refs.bib",
        "@misc{bmf2025,",
        "@misc{oecd2025,",
        r"refs\.bib:20: key 'oecd2025' is used by two entries",
    ),
    "missing-front-matter-field": (
        "articles/newer.md",
        "deck: An article published later, and corrected since.\n",
        "",
        r"articles/newer\.md:1: ERROR: front matter: missing required field 'deck'",
    ),
    "front-matter-bad-date": (
        "articles/newer.md",
        "published: 2026-03-05",
        "published: 5 March 2026",
        r"articles/newer\.md:6: ERROR: front matter: field 'published' must be a date written YYYY-MM-DD",
    ),
    "lead-image-not-found": (
        "articles/newer.md",
        "image: ../images/lead.svg",
        "image: ../images/missing.svg",
        r"articles/newer\.md:9: ERROR: front matter: image '\.\./images/missing\.svg' not found",
    ),
    "based-on-unknown-entry": (
        "articles/newer.md",
        "image_credit: Test Journal\n",
        "image_credit: Test Journal\nbased_on: essay1999\n",
        r"articles/newer\.md:12: ERROR: front matter: based_on 'essay1999' is not a key in the bibliography",
    ),
    "unknown-directive": (
        *in_older("```{nosuch}\n```"),
        r"articles/older\.md:17: WARNING: Unknown directive type: 'nosuch'",
    ),
    "missing-image": (
        *in_older("```{image} ../images/nope.png\n```"),
        r"articles/older\.md:17: WARNING: image file not readable: images/nope\.png",
    ),
    "missing-anchor": (
        *in_older("[see](#missing-anchor)"),
        r"articles/older\.md:17: WARNING: 'myst' cross-reference target not found: 'missing-anchor'",
    ),
    "raw-script-block": (
        *in_older("<script>alert(1)</script>"),
        r"articles/older\.md:17: ERROR: raw HTML \(<script\) is not allowed",
    ),
    "raw-html-directive": (
        *in_older("```{raw} html\n<b>bold</b>\n```"),
        r'articles/older\.md:17: WARNING: "raw" directive disabled',
    ),
    "include-system-file": (
        *in_older("```{include} /etc/passwd\n```"),
        r'articles/older\.md:17: WARNING: Directive "include" disabled',
    ),
    "button-link-javascript": (
        *in_older("```{button-link} javascript:alert(1)\nClick\n```"),
        r"ERROR: articles/older\.html: <a href> points to javascript:alert\(1\)",
    ),
    "card-link-javascript": (
        *in_older("```{card} Title\n:link: javascript:alert(1)\nText\n```"),
        r"ERROR: articles/older\.html: <a href> points to javascript:alert\(1\)",
    ),
    "eval-rst-javascript-link": (
        *in_older("```{eval-rst}\n`x <javascript:alert(1)>`_\n```"),
        r"ERROR: articles/older\.html: <a href> points to javascript:alert\(1\)",
    ),
    "bib-url-javascript": (
        "refs.bib",
        "url      = {https://www.oecd.org},",
        "url      = {javascript:alert(1)},",
        r"refs\.bib:11: ERROR: oecd2025: url scheme javascript: is not allowed",
    ),
    "remote-image": (
        *in_older("![tracker](https://tracker.example/pixel.png)"),
        r"ERROR: articles/older\.html: <img src> loads https://tracker\.example/pixel\.png from another host",
    ),
    "front-matter-not-yaml": (
        "articles/newer.md",
        "tags: [budgets, Germany]",
        "tags: [budgets, Germany",
        r"articles/newer\.md:\d+: ERROR: front matter: front matter is not valid YAML",
    ),
}


def digests(srcdir) -> dict[str, str]:
    return {
        str(path.relative_to(srcdir)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(srcdir.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_clearly(copy_root, tmp_path, case: str) -> None:
    filename, old, new, expected = CASES[case]
    srcdir = copy_root("journal")
    source = srcdir / filename
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    source.write_text(text.replace(old, new), encoding="utf-8")
    before = digests(srcdir)

    build = sphinx_build(srcdir, tmp_path / "out" / "html")

    assert build.returncode != 0
    assert re.search(expected, build.output), build.output
    assert "Traceback" not in build.output
    assert digests(srcdir) == before


def test_markdown_javascript_link_stays_inert(copy_root, tmp_path) -> None:
    """markdown-it refuses javascript: links; the text stays text, and no href is written."""
    filename, old, new = in_older("[x](javascript:alert(1))")
    srcdir = copy_root("journal")
    source = srcdir / filename
    source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    assert not build.page("articles/older").xpath("//a[starts-with(@href, 'javascript:')]")
