"""The 404 page: the journal's ``404.md``, served by sphinx-notfound-page at any depth.

A server answers a missing address (``/some/deep/missing/page``) with ``404.html`` as it is,
so relative links on it would point under the missing folder. sphinx-notfound-page writes
the page's stylesheets, scripts and template links from ``notfound_urls_prefix``; here that
prefix is the path of ``html_baseurl``: "/" for https://journal.example/, "/en/latest/" on Read
the Docs (docs/conf.py takes ``html_baseurl`` from ``READTHEDOCS_CANONICAL_URL``), "/de/" for
an edition whose build sets ``html_baseurl`` to https://journal.example/de/. Links in the page's
own text get the same prefix (sphinx-notfound-page does that for images only).

The page is an orphan no reader reaches by navigating: it stays out of the sitemap and the
ePub (``epub_exclude_files``); its front matter (``nosearch``) keeps it out of search.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "notfound_urls_prefix"


def urls_prefix(baseurl: str) -> str:
    """The site's path on its host, as a prefix for absolute links: "/", "/en/latest/"."""
    path = urlsplit(baseurl).path or "/"
    return path if path.endswith("/") else f"{path}/"


def configure_notfound(app: Sphinx, config: Config) -> None:
    # sphinx-notfound-page's default ("/en/latest/" off Read the Docs) yields to html_baseurl's
    # path; a prefix the journal's conf.py chose stands
    if getattr(config, PREFIX) == config.values[PREFIX].default:
        setattr(config, PREFIX, urls_prefix(config.html_baseurl or "/"))
    page = config.notfound_pagename
    config.sitemap_excludes = [*config.sitemap_excludes, page + (config.html_file_suffix or ".html")]
    config.epub_exclude_files = [*config.epub_exclude_files, f"{page}.xhtml"]


def absolute_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The 404 page's own links (the front page, the articles) from the site's root path."""
    if docname != app.config.notfound_pagename or app.builder.format != "html" or app.builder.embedded:
        return
    prefix = getattr(app.config, PREFIX) or "/"
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if uri and not urlsplit(uri).scheme and not uri.startswith(("/", "#")):
            reference["refuri"] = prefix + posixpath.normpath(posixpath.join(posixpath.dirname(docname), uri))


def content_root(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """Where Sphinx's scripts find the site (``data-content_root``, read by search), from any depth."""
    if pagename == app.config.notfound_pagename and not app.builder.embedded:
        context["content_root"] = getattr(app.config, PREFIX) or "/"


def setup_notfound(app: Sphinx) -> None:
    app.setup_extension("notfound.extension")
    app.connect("config-inited", configure_notfound)
    app.connect("doctree-resolved", absolute_links)
    app.connect("html-page-context", content_root)
