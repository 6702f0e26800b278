"""The output scan and reference lists: a plain http link to another site is followed, never loaded."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from kwelle.safety.outputscan import violations


@pytest.mark.parametrize(
    ("markup", "problems"),
    [
        ('<a href="http://jmlr.org/papers/v21/19-763.html">jmlr.org</a>', []),
        ('<a href="https://doi.org/10.1000/x">doi</a>', []),
        ('<img class="math" src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">', []),  # math, drawn at build
        (
            '<img src="http://example.org/x.png" alt="x">',
            ["<img src> loads http://example.org/x.png from another host"],
        ),
        (
            '<a href="javascript:alert(1)">x</a>',
            ["<a href> points to javascript:alert(1): only https, mailto, relative or # links"],
        ),
        (
            '<link rel="canonical" href="http://example.org/">',
            ["<link href> points to http://example.org/: only https, mailto, relative or # links"],
        ),
    ],
)
def test_link_schemes(markup: str, problems: list[str]) -> None:
    page = lxml_html.fromstring(f"<html><body>{markup}</body></html>")
    assert list(violations(page)) == problems
