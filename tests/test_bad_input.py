"""Bad input: each mistake fails the build with a message naming the file and line or key,
and the build leaves every source file as it was."""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import sphinx_build

CASES = {
    "unknown-cite-key": (
        "articles/older.md",
        "{cite:p}`kdi2025`",
        "{cite:p}`kdi2052`",
        r"articles/older\.md:17: WARNING: could not find bibtex key \"kdi2052\"",
    ),
    "bib-entry-without-group": (
        "refs.bib",
        "keywords = {article, intl},",
        "keywords = {intl},",
        r"refs\.bib:10: ERROR: oecd2025: keywords names no group",
    ),
    "bib-entry-with-unknown-region": (
        "refs.bib",
        "keywords    = {charts, KR},",
        "keywords    = {charts, Korea},",
        r"refs\.bib:1: ERROR: kdi2025: keywords names no region",
    ),
    "malformed-bib": (
        "refs.bib",
        "title    = {Government at a Glance 2025},",
        "title    = {Government at a Glance 2025,",
        r"refs\.bib:18: syntax error: '\}' expected",
    ),
    "repeated-bib-key": (
        "refs.bib",
        "@misc{bmf2025,",
        "@misc{oecd2025,",
        r"refs\.bib:18: key 'oecd2025' is used by two entries",
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
