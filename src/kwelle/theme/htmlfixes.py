"""Valid HTML where a theme's markup is not: no id on two elements at once.

furo wraps every table in ``<div class="table-wrapper">`` and copies the table's
attributes, id included, onto the wrapper: a captioned table's id then appears twice
(the Nu HTML Checker: "Duplicate ID"). The id stays on the table, where links point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class UniqueTableIds(SphinxPostTransform):
    default_priority = 600  # after furo's wrapping (500)
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" in wrapper["classes"] and any(
                isinstance(c, nodes.table) for c in wrapper.children
            ):
                wrapper["ids"] = []


def setup_htmlfixes(app: Sphinx) -> None:
    app.add_post_transform(UniqueTableIds)
