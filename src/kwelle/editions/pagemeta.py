"""One description of an article page, which every metadata writer reads (JSON-LD and
OpenGraph in :mod:`kwelle.editions.social`, Highwire Press and Dublin Core in
:mod:`kwelle.editions.scholar`), so that what search engines, social sites and reference
managers are told cannot disagree.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from kwelle.articles.languages import page_language
from kwelle.articles.store import articles
from kwelle.editions.downloads import PDF_EDITION
from kwelle.upstream.sphinxcontrib_bibtex import listed_on_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from kwelle.articles.frontmatter import ArticleMeta, Author


@dataclass(frozen=True)
class PageMetadata:
    article: ArticleMeta
    #: absolute when ``html_baseurl`` is set, as every URL here
    url: str
    image_url: str
    journal: str
    #: the formatted entries of the article's own reference list
    references: tuple[str, ...]
    #: the article's PDF, or "" when none was built
    pdf_url: str
    #: the language of the text (the front matter's, else the journal's)
    language: str


def citation_name(author: Author) -> str:
    """A byline name as reference managers read it: what follows a comma is a degree or suffix
    ("Dawn Chang, PhD"), and Zotero and Scholar would take the comma for "Family, Given"."""
    return author.name.split(",", 1)[0].strip()


def site_url(app: Sphinx) -> str:
    return app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else ""


def page_metadata(app: Sphinx, pagename: str) -> PageMetadata | None:
    """The metadata of an article page; None for other pages."""
    meta = articles(app.env).get(pagename)
    if meta is None:
        return None
    base = site_url(app)
    pdf = (
        PDF_EDITION.file_name(app.env, pagename) if PDF_EDITION.built(app.env, pagename) is not None else None
    )
    return PageMetadata(
        article=meta,
        url=urljoin(base, app.builder.get_target_uri(pagename)),
        image_url=urljoin(base, posixpath.join("_images", posixpath.basename(meta.image))),
        journal=app.config.project,
        references=cited_entries(app, pagename),
        pdf_url=urljoin(base, f"{PDF_EDITION.suffix}/{pdf}") if pdf else "",
        language=page_language(app.env, pagename),
    )


def cited_entries(app: Sphinx, docname: str) -> tuple[str, ...]:
    """The formatted entries the article's own reference list shows."""
    return tuple(
        citation.formatted_entry.text.render_as("text")
        for citation in listed_on_page(app.env.get_domain("cite"), docname)
    )
