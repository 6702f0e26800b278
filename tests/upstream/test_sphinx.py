"""Contract: the template variables kwelle.upstream.sphinx sets are the ones the themes read."""

from __future__ import annotations

from pathlib import Path

import furo
import sphinx
from sphinx.builders.epub3 import Epub3Builder

from kwelle.upstream.sphinx import set_page_language

THEMES = Path(sphinx.__file__).parent / "themes"


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
    set_page_language(context, "ko")
    assert context["language"] == "ko"
    assert context["html_tag"].endswith(' lang="ko" xml:lang="ko">')
