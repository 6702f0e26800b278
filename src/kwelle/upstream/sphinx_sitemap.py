"""sphinx-sitemap, with an in-process queue of the pages' links in a serial build.

Written against sphinx-sitemap 2.6 to 2.9 (``TESTED``); pinned by
``tests/upstream/test_sphinx_sitemap.py``.

sphinx-sitemap's ``builder-inited`` handler, ``record_builder_type``, collects the pages'
links in ``multiprocessing.Manager().Queue()``, so that Sphinx's forked writers of a
parallel build can hand theirs back. The manager is a server process, started on every build:
about 0.15 s of a one-article build, and every link is a round trip to it. A serial build
(``-j 1``, as ``nox -s serve`` and most rebuilds run) has no writer to hand links back, so
here the handler gets a ``queue.Queue``. Upstream, starting the manager only when
``app.parallel > 1`` would remove this; the report we would file says so.
"""

from __future__ import annotations

import queue
from typing import TYPE_CHECKING

import sphinx_sitemap

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
