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

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ReferenceListsAsLists(SphinxPostTransform):
    # after sphinxcontrib-bibtex fills the lists (5), references are resolved (10)
    # and citation previews have read the entries (15)
    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        parents = {id(citation.parent): citation.parent for citation in self.document.findall(nodes.citation)}
        for parent in parents.values():
            children: list[nodes.Node] = []
            for child in parent.children:
                if not isinstance(child, nodes.citation):
                    children.append(child)
                    continue
                if not children or not isinstance(children[-1], nodes.enumerated_list):
                    children.append(nodes.enumerated_list(enumtype="arabic", classes=["kwelle-references"]))
                _label, *entry = child.children  # the list numbers itself, as the labels did
                children[-1] += nodes.list_item("", *entry, ids=child["ids"])
            parent[:] = children


def setup_reflists(app: Sphinx) -> None:
    app.add_post_transform(ReferenceListsAsLists)
