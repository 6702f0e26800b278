"""sphinxcontrib-bibtex, reached into: a ``cite`` domain with indexes, lean bibliographies,
and the transform order the journal's reference lists rely on.

Written against sphinxcontrib-bibtex 2.6.5 to 2.7 (``TESTED``); pinned by
``tests/upstream/test_sphinxcontrib_bibtex.py``.

Why: after every read phase, even a no-op rebuild, sphinxcontrib-bibtex 2.7 decides what each
bibliography shows by walking every bib entry and, for each, every citation in the
project; it then orders each list by sorting all citations with a list lookup per page;
and every bibliography keeps a citation node for every bib entry, pickled with the
environment; resolving each citation reads every citation of the project twice. With N
articles and a bibliography that grows with them, that is N³ steps and N² nodes
(benchmarks/results.md: a clean build at 200 articles 184 → 87 s, a no-op 44 → 5.2 s). Here
the same answers come from indexes built once per build, and a list whose entries are known
when its page is read (an article's own, or one of given keys) makes nodes for those
entries only.

What it uses that is not public: ``domain._FilterVisitor`` (to evaluate a ``:filter:``),
``BibtexDomain.get_entries``/``get_filtered_entries``/``get_sorted_entries`` and
``resolve_xref`` reading ``data["citations"]`` (the call chain), ``BibliographyValue``'s
``citation_nodes`` filled in place by the bibliography transform at priority 5, and the .bib
files parsed by a ``builder-inited`` handler at the default priority.

What would remove it: an upstream index of citations by key and by page in
``BibtexDomain.env_updated`` (and nodes made per shown entry), to be filed with the
benchmark above. Outside ``TESTED`` the stock domain and directive are used, with one warning.

One change of meaning: an article's own list (``:filter: docname in docnames``) is in the
order the article cites its sources, not the order they were first cited anywhere in the
journal, so an article's list no longer depends on the articles before it.
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from contextlib import contextmanager
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.directives import BibliographyDirective, BibliographyKey
from sphinxcontrib.bibtex.domain import BibtexDomain, Citation, _FilterVisitor, get_docnames
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node

from kwelle.upstream import fall_back, in_tested_range

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from pybtex.database import Entry
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.directives import BibliographyValue

logger = logging.getLogger(__name__)

DISTRIBUTION = "sphinxcontrib-bibtex"
TESTED = ">=2.6.5,<2.8"
#: the priority of its ``builder-inited`` handler that parses the .bib files (``builder_inited_cite``,
#: connected without one); kwelle.sources.bibfiles checks the files before and catches pybtex's
#: warnings around it, kwelle.sources.lint and style read the parsed entries after
PARSE_BIBFILES_PRIORITY = 500
#: the priority of sphinxcontrib-bibtex's ``BibliographyTransform``, which fills each
#: bibliography's stored citation nodes in place (HTML and LaTeX alike)
FILL_BIBLIOGRAPHIES_PRIORITY = 5

#: the filter of an article's own reference list: only what this page cites
CITED_HERE = ast.dump(ast.parse("docname in docnames"))
#: the filter of a list that shows exactly the keys in its content (the References page)
LISTED_ONLY = ast.dump(ast.parse("False"))


def cites_here(bibliography: BibliographyValue) -> bool:
    return ast.dump(bibliography.filter_) == CITED_HERE


class IndexedBibtexDomain(BibtexDomain):
    """The same lists and labels as :class:`BibtexDomain`, from indexes of the citations."""

    #: while a lean bibliography is read: the only entries it may make nodes for
    _limit: dict[str, None] | None = None

    @contextmanager
    def entries_limited_to(self, keys: dict[str, None]) -> Iterator[None]:
        self._limit = keys
        try:
            yield
        finally:
            self._limit = None

    def get_entries(self, bibfiles: list[Path]) -> Iterable[Entry]:
        if self._limit is None:
            return super().get_entries(bibfiles)
        in_files = [self.bibdata.bibfiles[bibfile].keys for bibfile in bibfiles]
        return [self.bibdata.data.entries[key] for keys in in_files for key in self._limit if key in keys]

    def env_updated(self) -> Iterable[str]:
        self._index_citations()
        updated = super().env_updated()
        self._citations_of: dict[str, list[tuple[int, Citation]]] = defaultdict(list)
        self._listed_on: dict[str, list[Citation]] = defaultdict(list)
        for position, citation in enumerate(self.citations):
            self._citations_of[citation.key].append((position, citation))
            self._listed_on[citation.bibliography_key.docname].append(citation)
        return updated

    def resolve_xref(  # noqa: PLR0917 (Sphinx's signature)
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element:
        """sphinxcontrib-bibtex's, shown only the citations of the keys cited (it reads them all, twice)."""
        keys = {citation_target.key for citation_target in parse_citation_targets(target)}
        everything = self.data["citations"]
        self.data["citations"] = [citation for _, citation in sorted(
            (found for key in keys for found in self._citations_of.get(key, ())), key=lambda found: found[0]
        )]  # fmt: skip
        try:
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        finally:
            self.data["citations"] = everything

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


def listed_on_page(domain: BibtexDomain, docname: str) -> list[Citation]:
    """The citations the page's reference lists show, in their order: from the index where the
    domain is this one (a scan of the journal's citations per page is N² at N pages)."""
    index = getattr(domain, "_listed_on", None)
    if index is not None:
        return index.get(docname, [])
    return [citation for citation in domain.citations if citation.bibliography_key.docname == docname]


def cited_on_page(domain: BibtexDomain, docname: str) -> Iterator[str]:
    """The keys cited so far on the page being read (its citations are the newest)."""
    refs = itertools.takewhile(lambda ref: ref.docname == docname, reversed(domain.citation_refs))
    return (target.key for ref in refs for target in ref.targets)


def lean_filter(filter_: ast.AST, config: Config) -> str | None:
    """The filter, if it is one whose list is known when its page is read (with default ids)."""
    dumped = ast.dump(filter_)
    return dumped if dumped in (CITED_HERE, LISTED_ONLY) and not config.bibtex_cite_id else None


def shown_keys(listed: Iterable[str], prefix: str, filter_: str, cited: Iterable[str]) -> dict[str, None]:
    """What a lean list can show, as cited keys: the keys it lists and, for an article's list,
    what the page cites."""
    shown = dict.fromkeys(prefix + key for key in listed)
    if filter_ == CITED_HERE:
        shown |= dict.fromkeys(key for key in cited if key.startswith(prefix))
    return shown


class LeanBibliographyDirective(BibliographyDirective):
    """``{bibliography}`` making citation nodes for the entries its list can show.

    sphinxcontrib-bibtex makes a citation node, with an id, for every bib entry in every
    list, because which entries a list shows is known only once every page is read. For an
    article's list and a list of given keys, it is known with the page: nodes are made for
    the keys cited so far and listed, and :func:`fit_citation_nodes` adds those cited after.
    """

    def run(self) -> list[nodes.Node]:
        try:
            filter_ = lean_filter(ast.parse(self.options["filter"]), self.config)
        except (KeyError, SyntaxError):
            filter_ = None  # no filter, or a bad one: sphinxcontrib-bibtex's own handling
        if filter_ is None:
            return super().run()
        domain: IndexedBibtexDomain = self.env.get_domain("cite")
        prefix = self.options.get("keyprefix", "")
        shown = shown_keys(self.content, prefix, filter_, cited_on_page(domain, self.env.docname))
        with domain.entries_limited_to(dict.fromkeys(key.removeprefix(prefix) for key in shown)):
            return super().run()


def fit_citation_nodes(app: Sphinx, doctree: nodes.document) -> None:
    """Add to each lean list of the page read the nodes for what the page cites after it."""
    domain = app.env.get_domain("cite")
    docname = app.env.docname
    cited = list(cited_on_page(domain, docname))
    for key, bibliography in domain.bibliographies.items():
        filter_ = lean_filter(bibliography.filter_, app.config) if key.docname == docname else None
        if filter_ is None:
            continue
        in_bibfiles = [domain.bibdata.bibfiles[bibfile].keys for bibfile in bibliography.bibfiles]
        node_class = nodes.citation if bibliography.list_ == "citation" else nodes.list_item
        for cite_key in shown_keys(bibliography.keys, bibliography.keyprefix, filter_, cited):
            entry_key = cite_key.removeprefix(bibliography.keyprefix)
            if cite_key not in bibliography.citation_nodes and any(entry_key in keys for keys in in_bibfiles):
                node = bibliography.citation_nodes[cite_key] = node_class()
                doctree.note_explicit_target(node, node)


class FreshCitationNodes(SphinxPostTransform):
    """Give sphinxcontrib-bibtex empty citation nodes each time it fills a bibliography.

    It fills the nodes it stored when the page was read, in place, so a page resolved twice
    in one run (the journal PDF, then the article's own PDF) would list each entry twice.
    """

    default_priority = FILL_BIBLIOGRAPHIES_PRIORITY - 1

    def run(self, **kwargs: object) -> None:
        stored = self.env.get_domain("cite").bibliographies
        for node in self.document.findall(bibliography_node):
            value = stored[BibliographyKey(docname=node["docname"], id_=node["ids"][0])]
            value.citation_nodes.update(
                (key, citation.copy()) for key, citation in value.citation_nodes.items()
            )


def setup_indexed_citations(app: Sphinx) -> None:
    if not in_tested_range(DISTRIBUTION, TESTED):
        app.connect(
            "builder-inited", lambda app: fall_back(app, DISTRIBUTION, TESTED, "the indexed cite domain")
        )
        return
    app.add_domain(IndexedBibtexDomain, override=True)
    app.add_directive("bibliography", LeanBibliographyDirective, override=True)
    app.connect("doctree-read", fit_citation_nodes)


def setup_fresh_citation_nodes(app: Sphinx) -> None:
    app.add_post_transform(FreshCitationNodes)
