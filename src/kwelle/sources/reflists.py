"""Reference lists as real lists in HTML.

docutils writes a citation list as ``<div role="list">`` holding
``<div role="doc-biblioentry">`` items: axe reports it (aria-required-children,
critical) and ``doc-biblioentry`` is deprecated. The journal's lists are ordered lists
whose items keep the citations' ids, so every citation link still lands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.sources.citations import regroup_citations

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ReferenceListsAsLists(SphinxPostTransform):
    # after sphinxcontrib-bibtex fills the lists (5), references are resolved (10)
    # and citation previews have read the entries (15)
    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        regroup_citations(
            self.document,
            lambda: nodes.enumerated_list(enumtype="arabic", classes=["kwelle-references"]),
            # the list numbers itself, as the labels (the first child) did
            lambda citation: nodes.list_item("", *citation.children[1:], ids=citation["ids"]),
        )


def setup_reflists(app: Sphinx) -> None:
    app.add_post_transform(ReferenceListsAsLists)
