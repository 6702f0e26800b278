"""Valid HTML where a theme's or Sphinx's markup is not: no id on two elements at once, no
made-up attribute on ``<meta>``.

furo wraps every table in ``<div class="table-wrapper">`` and copies the table's
attributes, id included, onto the wrapper: a captioned table's id then appears twice
(the Nu HTML Checker: "Duplicate ID"). The id stays on the table, where links point.

Sphinx marks each node it translates from a catalog ``translated``, and docutils writes every
attribute of a ``meta`` node (a page's ``html_meta`` description) into the tag:
``<meta name="description" translated="True">`` in every translated edition, which HTML does
not allow. The mark is dropped before the page is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.upstream import furo

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class UniqueTableIds(SphinxPostTransform):
    default_priority = furo.HANDLER_PRIORITY + 100  # after furo's wrapping
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for wrapper in self.document.findall(nodes.container):
            if furo.TABLE_WRAPPER_CLASS in wrapper["classes"] and any(
                isinstance(c, nodes.table) for c in wrapper.children
            ):
                wrapper["ids"] = []


class PlainMetaTags(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for meta in self.document.findall(nodes.meta):
            meta.attributes.pop("translated", None)


def add_theme_fixes(app: Sphinx) -> None:
    if furo.is_theme(app):
        app.add_post_transform(UniqueTableIds)


def setup_htmlfixes(app: Sphinx) -> None:
    app.add_post_transform(PlainMetaTags)
    app.connect("builder-inited", add_theme_fixes)
