"""Contracts with sphinx-design: what kwelle.upstream.sphinx_design relies on."""

from __future__ import annotations

import inspect
from importlib.metadata import version

from sphinx_design import dropdown, extension

from kwelle.upstream import in_tested_range, sphinx_design


def test_installed_version_is_tested() -> None:
    assert in_tested_range("sphinx-design", sphinx_design.TESTED), version("sphinx-design")


def test_the_stylesheet_cut_per_page_is_where_it_was() -> None:
    assert sphinx_design.STYLESHEET.is_file()
    assert ".sd-dropdown" in sphinx_design.STYLESHEET.read_text(encoding="utf-8")


def test_components_are_made_and_recognised_by_the_shared_helpers() -> None:
    node = sphinx_design.create_component("dropdown", classes=["sd-dropdown"])
    assert sphinx_design.is_component(node, "dropdown")
    assert not sphinx_design.is_component(node, "card")
    assert dropdown.create_component is sphinx_design.create_component  # what its dropdowns use


def test_the_assets_have_the_names_pages_link() -> None:
    source = inspect.getsource(extension.add_static_assets)
    assert f'add_css_file("{sphinx_design.STYLESHEET.name}")' in source
    assert f'add_js_file("{sphinx_design.TABS_SCRIPT.removeprefix("_static/")}"' in source


def test_a_dropdown_is_opened_from_its_container_by_the_html_transform() -> None:
    """The ePub opens dropdowns on the container, just before this transform reads it."""
    assert dropdown.DropdownHtmlTransform.default_priority == sphinx_design.DROPDOWN_HTML_PRIORITY
    assert 'opened=node["opened"]' in inspect.getsource(dropdown.DropdownHtmlTransform.run)
