"""Each article cites into its own reference list.

An article ends with a "References" dropdown holding a ``bibliography``; citations
resolve on their own page first (sphinxcontrib-bibtex ≥ 2.6), so a source cited by
two articles appears, and is linked, in both lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes as docutils_nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinxcontrib.bibtex.nodes import bibliography

from kwelle.articles.store import is_article
from kwelle.upstream.sphinx_design import is_component

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def check_local_references(app: Sphinx, doctree: nodes.document) -> None:
    """An article that cites must end with its own references, in a dropdown, or its links go astray."""
    docname = app.env.docname
    if not is_article(app.env, docname):
        return
    first_cite = next(
        (x for x in doctree.findall(addnodes.pending_xref) if x.get("refdomain") == "cite"), None
    )
    if first_cite is None:
        return
    bibliographies = app.env.get_domain("cite").bibliographies
    local_lists = [
        node
        for node in doctree.findall(bibliography)
        if any(
            key.docname == docname and key.id_ in node["ids"] and value.list_ == "citation"
            for key, value in bibliographies.items()
        )
    ]
    if not local_lists:
        logger.warning(
            "this article cites sources but has no reference list of its own; end it with a "
            '"References" dropdown holding a bibliography (:filter: docname in docnames)',
            location=first_cite,
            type="kwelle",
            subtype="references",
        )
    elif not any(_in_dropdown(node) for node in local_lists):
        logger.warning(
            'the article\'s reference list must sit in a "References" dropdown',
            location=local_lists[0],
            type="kwelle",
            subtype="references",
        )


def _in_dropdown(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and not is_component(parent, "dropdown"):
        parent = parent.parent
    return parent is not None


def regroup_citations(
    document: nodes.document,
    new_group: Callable[[], nodes.Element],
    convert: Callable[[nodes.citation], nodes.Node],
) -> None:
    """Replace each run of consecutive citations with ``new_group()`` holding each one ``convert``-ed."""
    parents = {id(citation.parent): citation.parent for citation in document.findall(docutils_nodes.citation)}
    for parent in parents.values():
        children: list[nodes.Node] = []
        group = None
        for child in parent.children:
            if not isinstance(child, docutils_nodes.citation):
                children.append(child)
                group = None
                continue
            if group is None:
                group = new_group()
                children.append(group)
            group += convert(child)
        parent[:] = children


def setup_citations(app: Sphinx) -> None:
    app.connect("doctree-read", check_local_references)
