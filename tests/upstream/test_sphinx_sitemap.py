"""What kwelle.upstream.sphinx_sitemap relies on in sphinx-sitemap (written against 2.9.0)."""

from __future__ import annotations

import inspect
import queue

import sphinx_sitemap


def test_links_are_collected_per_page_into_a_queue_on_the_app() -> None:
    assert list(inspect.signature(sphinx_sitemap.add_html_link).parameters) == [
        "app", "pagename", "templatename", "context", "doctree",
    ]  # fmt: skip
    source = inspect.getsource(sphinx_sitemap)
    assert "env.app.sitemap_links = Manager().Queue()" in source
    assert "env.app.sitemap_links.put((sitemap_link, last_updated))" in source
    assert "sitemap_links.get_nowait()" in source
    assert issubclass(queue.Empty, Exception)
