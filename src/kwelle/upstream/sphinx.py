"""How a page's ``<html>`` element gets its language, in the themes the journal builds with.

Written against Sphinx 9.0 and furo 2025.12. Sphinx has no per-page language: the templates
write the global one. furo's ``base.html`` (and Sphinx's ``basic/layout.html``) write
``<html lang="{{ language }}">`` from the page context; the ePub builder instead puts its own
``<html …>`` tag, without ``lang``, in the context variable ``html_tag`` (sphinx/builders/
epub3.py, ``HTML_TAG``), which ``basic/layout.html`` prints when set. Both are template
variables, not documented as API: tests/upstream/test_sphinx.py checks they are still read.
A per-page ``language`` in Sphinx (or a ``lang`` block in the themes) would remove this.
"""

from __future__ import annotations


def set_page_language(context: dict, language: str) -> None:
    """Make the page's ``<html>`` element say ``language``, in HTML and in the ePub."""
    context["language"] = language
    tag = context.get("html_tag") or ""
    if tag.endswith(">") and " lang=" not in tag:
        context["html_tag"] = f'{tag[:-1]} lang="{language}" xml:lang="{language}">'
