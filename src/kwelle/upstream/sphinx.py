"""Sphinx, reached into: the class of the stylesheets in a page's context, the LaTeX
builder's transform order, and the template variables that write a page's language.

Written against Sphinx 8.2 to 9.x (``TESTED``); pinned by ``tests/upstream/test_sphinx.py``.

- ``context["css_files"]`` holds ``sphinx.builders.html._assets._CascadingStyleSheet``
  objects (a private class); :mod:`kwelle.theme.pageassets` replaces one with another of the
  same class pointing at the page's cut. A public constructor for page assets (or a
  per-page ``add_css_file``) would remove this.
- the LaTeX builder's ``BibliographyTransform`` (priority 750) gathers every citation into
  one list at the end of the document; :mod:`kwelle.editions.latex` keeps each article's
  list where the article put it by regrouping the citations just before. An option to
  keep citations in place would remove this.
- Sphinx has no per-page language: the templates write the global one. furo's
  ``base.html`` (and Sphinx's ``basic/layout.html``) write ``<html lang="{{ language }}">``
  from the page context; the ePub builder instead puts its own ``<html …>`` tag, without
  ``lang``, in the context variable ``html_tag`` (``Epub3Builder.html_tag``), which
  ``basic/layout.html`` prints when set. :func:`set_page_language` sets both. A per-page
  ``language`` in Sphinx (or a ``lang`` block in the themes) would remove this.
"""

from __future__ import annotations

TESTED = ">=8.2,<10"
#: ``sphinx.builders.latex.transforms.BibliographyTransform.default_priority``
LATEX_BIBLIOGRAPHY_PRIORITY = 750


def stylesheet_like(stylesheet: object, filename: str) -> object:
    """A stylesheet of the same class and attributes as ``stylesheet``, for another file."""
    return type(stylesheet)(filename, priority=stylesheet.priority, **stylesheet.attributes)


def set_page_language(context: dict, language: str) -> None:
    """Make the page's ``<html>`` element say ``language``, in HTML and in the ePub."""
    context["language"] = language
    tag = context.get("html_tag") or ""
    if tag.endswith(">") and " lang=" not in tag:
        context["html_tag"] = f'{tag[:-1]} lang="{language}" xml:lang="{language}">'
