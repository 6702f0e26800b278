"""sphinxcontrib-bibtex's ``cite`` domain with indexes: build time that grows with the journal.

After every read phase, even a no-op rebuild, sphinxcontrib-bibtex 2.7 decides what each
bibliography shows by walking every bib entry and, for each, every citation in the
project; it then orders each list by sorting all citations with a list lookup per page;
and every bibliography keeps a citation node for every bib entry, pickled with the
environment. With N articles and a bibliography that grows with them, that is N³ steps
and N² nodes (benchmarks/results.md). Here the same answers come from indexes built once
per build, and a list whose entries are known when its page is read keeps only theirs.

One change of meaning: an article's own list (``:filter: docname in docnames``) is in the
order the article cites its sources, not the order they were first cited anywhere in the
journal, so an article's list no longer depends on the articles before it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinxcontrib.bibtex.directives import BibliographyKey
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor, get_docnames

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils import nodes
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.directives import BibliographyValue

logger = logging.getLogger(__name__)

#: the filter of an article's own reference list: only what this page cites
CITED_HERE = ast.dump(ast.parse("docname in docnames"))
#: the filter of a list that shows exactly the keys in its content (the References page)
LISTED_ONLY = ast.dump(ast.parse("False"))


def cites_here(bibliography: BibliographyValue) -> bool:
    return ast.dump(bibliography.filter_) == CITED_HERE


class IndexedBibtexDomain(BibtexDomain):
    """The same lists and labels as :class:`BibtexDomain`, from indexes of the citations."""

    def env_updated(self) -> Iterable[str]:
        self._index_citations()
        return super().env_updated()

    def _index_citations(self) -> None:
        """Which pages cite each key, and each key's first citation, in the journal and per page."""
        position = {docname: index for index, docname in enumerate(get_docnames(self.env))}
        self._pages_citing: dict[str, set[str]] = defaultdict(set)
        self._order: dict[str, int] = {}
        self._order_on_page: dict[str, dict[str, int]] = defaultdict(dict)
        # a stable sort: a page's citations stay in the order they were read
        for ref in sorted(self.citation_refs, key=lambda ref: position[ref.docname]):
            on_page = self._order_on_page[ref.docname]
            for target in ref.targets:
                self._pages_citing[target.key].add(ref.docname)
                self._order.setdefault(target.key, len(self._order))
                on_page.setdefault(target.key, len(on_page))

    def get_filtered_entries(self, bibliography_key: BibliographyKey) -> Iterable[tuple[str, Entry]]:
        bibliography = self.bibliographies[bibliography_key]
        docname = bibliography_key.docname
        local = cites_here(bibliography)
        listed = set(bibliography.keys)
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            cited_docnames = self._pages_citing.get(key, set())
            if local:
                shown = docname in cited_docnames
            else:
                visitor = _FilterVisitor(entry=entry, docname=docname, cited_docnames=cited_docnames)
                try:
                    shown = visitor.visit(bibliography.filter_)
                except ValueError as err:
                    logger.warning(
                        "syntax error in :filter: expression; %s",
                        err,
                        location=(docname, bibliography.line),
                        type="bibtex",
                        subtype="filter_syntax_error",
                    )
                    shown = bool(cited_docnames)  # sphinxcontrib-bibtex's own fallback
            if shown or entry.key in listed:
                yield key, entry

    def get_sorted_entries(
        self, bibliography_key: BibliographyKey, docnames: list[str]
    ) -> Iterable[tuple[str, Entry]]:
        """Cited entries in citation order (an article's list: its own), then the rest in .bib order."""
        entries = dict(self.get_filtered_entries(bibliography_key))
        bibliography = self.bibliographies[bibliography_key]
        order = self._order_on_page[bibliography_key.docname] if cites_here(bibliography) else self._order
        cited = sorted((key for key in entries if key in order), key=order.__getitem__)
        for key in cited:
            yield key, entries.pop(key)
        yield from entries.items()


def keep_shown_citation_nodes(app: Sphinx, doctree: nodes.document) -> None:
    """A list that can only show what its page cites, or what it lists, keeps only those nodes.

    sphinxcontrib-bibtex makes a citation node (and id) per bib entry for every list, since
    which entries a list shows is known only after all pages are read; for these two
    filters it is known as soon as the page is.
    """
    domain = app.env.get_domain("cite")
    docname = app.env.docname
    cited_here = {
        target.key for ref in domain.citation_refs if ref.docname == docname for target in ref.targets
    }
    for key, bibliography in domain.bibliographies.items():
        if key.docname != docname:
            continue
        filter_ = ast.dump(bibliography.filter_)
        if filter_ not in (CITED_HERE, LISTED_ONLY):
            continue
        shown = {bibliography.keyprefix + listed for listed in bibliography.keys}
        if filter_ == CITED_HERE:
            shown |= cited_here
        for cite_key, node in list(bibliography.citation_nodes.items()):
            if cite_key not in shown:
                del bibliography.citation_nodes[cite_key]
                for node_id in node["ids"]:
                    doctree.ids.pop(node_id, None)


def setup_citeindex(app: Sphinx) -> None:
    app.add_domain(IndexedBibtexDomain, override=True)
    app.connect("doctree-read", keep_shown_citation_nodes)
