"""sphinx-sitemap lists only the pages a build writes: after an incremental build, the rest are missing.

Written against sphinx-sitemap 2.9.0. It collects each page's link in ``html-page-context``
(``add_html_link``) into the queue ``env.app.sitemap_links`` and empties the queue into
sitemap.xml at ``build-finished``. Before that, the pages this build did not write are added
with its own ``add_html_link``, and the queue is put in order, so the sitemap is the whole site
and the same for a clean, an incremental and a parallel build. Remove this module when
sphinx-sitemap lists every page of the environment (tests/upstream/test_sphinx_sitemap.py
says what it relies on).
"""

from __future__ import annotations

import queue
from typing import TYPE_CHECKING

from sphinx_sitemap import add_html_link

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
