"""Sphinx, reached into: the class of the stylesheets in a page's context, and the LaTeX
builder's transform order.

Written against Sphinx 8.2 to 9.x (``TESTED``); pinned by ``tests/upstream/test_sphinx.py``.

- ``context["css_files"]`` holds ``sphinx.builders.html._assets._CascadingStyleSheet``
  objects (a private class); :mod:`kwelle.theme.pageassets` replaces one with another of the
  same class pointing at the page's cut. A public constructor for page assets (or a
  per-page ``add_css_file``) would remove this.
- the LaTeX builder's ``BibliographyTransform`` (priority 750) gathers every citation into
  one list at the end of the document; :mod:`kwelle.editions.latex` keeps each article's
  list where the article put it by regrouping the citations just before. An option to
  keep citations in place would remove this.
"""

from __future__ import annotations

TESTED = ">=8.2,<10"
#: ``sphinx.builders.latex.transforms.BibliographyTransform.default_priority``
LATEX_BIBLIOGRAPHY_PRIORITY = 750


def stylesheet_like(stylesheet: object, filename: str) -> object:
    """A stylesheet of the same class and attributes as ``stylesheet``, for another file."""
    return type(stylesheet)(filename, priority=stylesheet.priority, **stylesheet.attributes)
