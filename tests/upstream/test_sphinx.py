"""Contracts with Sphinx: what kwelle.upstream.sphinx relies on."""

from __future__ import annotations

from importlib.metadata import version

from sphinx.builders.html._assets import _CascadingStyleSheet
from sphinx.builders.latex.transforms import BibliographyTransform

from kwelle.upstream import in_tested_range, sphinx


def test_installed_version_is_tested() -> None:
    assert in_tested_range("sphinx", sphinx.TESTED), version("sphinx")


def test_a_page_stylesheet_is_rebuilt_with_its_attributes() -> None:
    original = _CascadingStyleSheet("_static/a.css", priority=300, media="print")
    copy = sphinx.stylesheet_like(original, "_static/b.css")
    assert type(copy) is _CascadingStyleSheet
    assert (copy.filename, copy.priority, copy.attributes) == ("_static/b.css", 300, original.attributes)


def test_latex_gathers_citations_at_the_priority_the_journal_precedes() -> None:
    assert BibliographyTransform.default_priority == sphinx.LATEX_BIBLIOGRAPHY_PRIORITY
