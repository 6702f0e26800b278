"""sphinx-sitemap, reached into: the whole site in every sitemap, and no manager process in a
serial build.

Written against sphinx-sitemap 2.6 to 2.9 (``TESTED``); pinned by
``tests/upstream/test_sphinx_sitemap.py``.

- It collects each page's link in ``html-page-context`` (``add_html_link``) into the queue
  ``env.app.sitemap_links`` and empties the queue into sitemap.xml at ``build-finished``, so
  after an incremental build the pages it did not write would be missing. Before that, the
  pages this build did not write are added with its own ``add_html_link``, and the queue is
  put in order, so the sitemap is the whole site and the same for a clean, an incremental and
  a parallel build. sphinx-sitemap listing every page of the environment would remove this.
- Its ``builder-inited`` handler, ``record_builder_type``, makes that queue with
  ``multiprocessing.Manager().Queue()``, so that Sphinx's forked writers of a parallel build
  can hand theirs back. The manager is a server process, started on every build: about
  0.15 s of a one-article build, and every link is a round trip to it. A serial build (``-j
  1``, as ``nox -s serve`` and most rebuilds run) has no writer to hand links back, so here
  the handler gets a ``queue.Queue``. Upstream, starting the manager only when
  ``app.parallel > 1`` would remove this.
"""

from __future__ import annotations

import queue
from typing import TYPE_CHECKING

import sphinx_sitemap
from sphinx_sitemap import add_html_link

from kwelle.upstream import fall_back, in_tested_range

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DISTRIBUTION = "sphinx-sitemap"
TESTED = ">=2.6,<2.10"


class _InProcess:
    """What ``Manager()`` gives ``record_builder_type`` in a serial build: a plain queue."""

    Queue = staticmethod(queue.Queue)


def record_builder_type(app: Sphinx) -> None:
    if app.parallel > 1:
        sphinx_sitemap.record_builder_type(app)  # forked writers put their links through the manager
        return
    manager = sphinx_sitemap.Manager  # swapped by hand: unittest.mock alone takes 20 ms to import
    sphinx_sitemap.Manager = _InProcess
    try:
        sphinx_sitemap.record_builder_type(app)
    finally:
        sphinx_sitemap.Manager = manager


def serial_queue(app: Sphinx) -> None:
    """Put :func:`record_builder_type` in the place of sphinx-sitemap's own handler."""
    if not in_tested_range(DISTRIBUTION, TESTED):
        app.connect("builder-inited", lambda app: fall_back(app, DISTRIBUTION, TESTED, "the serial queue"))
        return
    for listener in list(app.events.listeners["builder-inited"]):
        if listener.handler is sphinx_sitemap.record_builder_type:
            app.disconnect(listener.id)
            app.connect("builder-inited", record_builder_type, priority=listener.priority)


def _drain(links: queue.Queue) -> list[tuple[str, str | None]]:
    found = []
    while True:
        try:
            found.append(links.get_nowait())
        except queue.Empty:
            return found


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app, "sitemap_links", None)  # sphinx-sitemap sets it on env.app, which is app
    if exception or links is None or app.builder.name.startswith("epub"):
        return
    written = _drain(links)
    suffix = app.config.html_file_suffix or ".html"
    seen = {link for link, _ in written}
    for docname in sorted(app.env.all_docs):
        if docname + suffix not in seen:
            add_html_link(app, docname, "page.html", {}, None)
    for entry in sorted(set(written) | set(_drain(links))):
        links.put(entry)


def setup_sitemap(app: Sphinx) -> None:
    # before sphinx-sitemap writes the file (default priority 500)
    app.connect("build-finished", complete_sitemap, priority=450)
