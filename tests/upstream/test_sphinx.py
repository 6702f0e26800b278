"""Contracts with Sphinx: what kwelle.upstream.sphinx relies on."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import furo
import sphinx as sphinx_package
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html._assets import _CascadingStyleSheet
from sphinx.builders.latex.transforms import BibliographyTransform

from kwelle.upstream import in_tested_range, sphinx

THEMES = Path(sphinx_package.__file__).parent / "themes"


def test_installed_version_is_tested() -> None:
    assert in_tested_range("sphinx", sphinx.TESTED), version("sphinx")


def test_a_page_stylesheet_is_rebuilt_with_its_attributes() -> None:
    original = _CascadingStyleSheet("_static/a.css", priority=300, media="print")
    copy = sphinx.stylesheet_like(original, "_static/b.css")
    assert type(copy) is _CascadingStyleSheet
    assert (copy.filename, copy.priority, copy.attributes) == ("_static/b.css", 300, original.attributes)


def test_latex_gathers_citations_at_the_priority_the_journal_precedes() -> None:
    assert BibliographyTransform.default_priority == sphinx.LATEX_BIBLIOGRAPHY_PRIORITY


def test_furo_and_basic_write_lang_from_the_language_variable() -> None:
    furo_base = (Path(furo.__file__).parent / "theme" / "furo" / "base.html").read_text(encoding="utf-8")
    assert 'lang="{{ language }}"' in furo_base
    assert 'lang="{{ language }}"' in (THEMES / "basic" / "layout.html").read_text(encoding="utf-8")


def test_the_epub_builder_writes_its_own_html_tag() -> None:
    layout = (THEMES / "basic" / "layout.html").read_text(encoding="utf-8")
    assert "{{ html_tag }}" in layout
    assert Epub3Builder.html_tag.startswith("<html ")
    assert " lang=" not in Epub3Builder.html_tag


def test_set_page_language() -> None:
    context = {"language": "en", "html_tag": Epub3Builder.html_tag}
    sphinx.set_page_language(context, "ko")
    assert context["language"] == "ko"
    assert context["html_tag"].endswith(' lang="ko" xml:lang="ko">')
