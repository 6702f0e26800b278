"""Contracts with sphinx-sitemap: what kwelle.upstream.sphinx_sitemap relies on."""

from __future__ import annotations

import inspect
import queue
from importlib.metadata import version
from types import SimpleNamespace

import pytest
import sphinx_sitemap
from sphinx.application import Sphinx

from kwelle.upstream import in_tested_range
from kwelle.upstream import sphinx_sitemap as upstream_sitemap


def test_installed_version_is_tested() -> None:
    assert in_tested_range("sphinx-sitemap", upstream_sitemap.TESTED), version("sphinx-sitemap")


def test_the_handler_makes_its_queue_from_the_module_s_manager() -> None:
    assert "Manager().Queue()" in inspect.getsource(sphinx_sitemap.record_builder_type)
    assert sphinx_sitemap.Manager.__module__.startswith("multiprocessing")


@pytest.mark.sphinx("html", testroot="upstream")
def test_a_serial_build_queues_links_in_process(app: Sphinx) -> None:
    handlers = [listener.handler for listener in app.events.listeners["builder-inited"]]
    assert sphinx_sitemap.record_builder_type not in handlers
    assert upstream_sitemap.record_builder_type in handlers
    assert app.parallel <= 1
    assert type(app.sitemap_links) is queue.Queue


@pytest.mark.sphinx("html", testroot="upstream", parallel=2)
def test_a_parallel_build_keeps_the_manager_s_queue(app: Sphinx) -> None:
    assert type(app.sitemap_links) is not queue.Queue  # a proxy to the manager's process


def test_links_are_collected_per_page_into_a_queue_on_the_app() -> None:
    assert list(inspect.signature(sphinx_sitemap.add_html_link).parameters) == [
        "app", "pagename", "templatename", "context", "doctree",
    ]  # fmt: skip
    source = inspect.getsource(sphinx_sitemap)
    assert "env.app.sitemap_links = Manager().Queue()" in source
    assert "env.app.sitemap_links.put((sitemap_link, last_updated))" in source
    assert "sitemap_links.get_nowait()" in source
    assert issubclass(queue.Empty, Exception)


def test_a_locale_list_of_none_gives_no_alternates() -> None:
    """kwelle.editions.translations sets ``sitemap_locales = [None]`` and adds its own alternates."""

    app = SimpleNamespace(builder=SimpleNamespace(config=SimpleNamespace(sitemap_locales=[None])))
    assert sphinx_sitemap.get_locales(app) == []
    assert "scheme.format(" in inspect.getsource(sphinx_sitemap.create_sitemap)
