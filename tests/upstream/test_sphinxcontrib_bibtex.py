"""Contracts with sphinxcontrib-bibtex: what kwelle.upstream.sphinxcontrib_bibtex relies on."""

from __future__ import annotations

import ast
import inspect

import pytest
import sphinxcontrib.bibtex as sphinxcontrib_bibtex_package
from sphinxcontrib.bibtex import domain, transforms
from sphinxcontrib.bibtex.directives import BibliographyDirective, BibliographyKey, BibliographyValue

from kwelle.upstream import in_tested_range
from kwelle.upstream import sphinxcontrib_bibtex as patch


def test_installed_version_is_tested() -> None:
    assert in_tested_range(patch.DISTRIBUTION, patch.TESTED), (
        "the indexed cite domain falls back: test the new version"
    )


def test_filter_visitor_evaluates_a_filter_for_one_entry() -> None:
    visitor = domain._FilterVisitor(entry=None, docname="a", cited_docnames={"a", "b"})
    assert visitor.visit(ast.parse("docname in docnames")) is True
    visitor = domain._FilterVisitor(entry=None, docname="c", cited_docnames={"a"})
    assert visitor.visit(ast.parse("docname in docnames")) is False


@pytest.mark.parametrize(
    ("method", "parameters"),
    [
        ("get_entries", ["self", "bibfiles"]),
        ("get_filtered_entries", ["self", "bibliography_key"]),
        ("get_sorted_entries", ["self", "bibliography_key", "docnames"]),
        ("env_updated", ["self"]),
        ("resolve_xref", ["self", "env", "fromdocname", "builder", "typ", "target", "node", "contnode"]),
    ],
)
def test_domain_call_chain_has_the_methods_overridden(method: str, parameters: list[str]) -> None:
    assert list(inspect.signature(getattr(domain.BibtexDomain, method)).parameters) == parameters


def test_domain_reads_citations_from_its_data() -> None:
    """resolve_xref is shown only the cited keys' citations by swapping ``data["citations"]``."""
    source = inspect.getsource(domain.BibtexDomain.citations.fget)
    assert 'self.data["citations"]' in source


def test_bibliography_transform_fills_stored_nodes_at_priority_five() -> None:
    assert transforms.BibliographyTransform.default_priority == patch.FILL_BIBLIOGRAPHIES_PRIORITY
    assert "citation_nodes" in inspect.getsource(transforms.BibliographyTransform.run)


def test_bibliography_values_and_keys_have_the_fields_read() -> None:
    assert {"docname", "id_"} <= set(BibliographyKey._fields)
    needed = {"bibfiles", "filter_", "keys", "keyprefix", "list_", "citation_nodes", "line"}
    assert needed <= set(BibliographyValue._fields)
    assert issubclass(patch.LeanBibliographyDirective, BibliographyDirective)


@pytest.mark.sphinx("html", testroot="upstream")
def test_bib_files_are_parsed_by_a_builder_inited_handler_at_the_default_priority(app) -> None:
    priorities = {listener.handler: listener.priority for listener in app.events.listeners["builder-inited"]}
    assert priorities[sphinxcontrib_bibtex_package.builder_inited_cite] == patch.PARSE_BIBFILES_PRIORITY
    assert "process_bibdata" in inspect.getsource(sphinxcontrib_bibtex_package.builder_inited_cite)
