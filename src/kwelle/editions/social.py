"""What search engines and social sites read: meta description, OpenGraph article fields,
JSON-LD ``ScholarlyArticle``, and the feed's ``<link>``. sphinxext-opengraph writes the
OpenGraph tags; it takes the article's fields from the page metadata set here.
"""

from __future__ import annotations

import html
import json
import posixpath
from typing import TYPE_CHECKING

from kwelle.editions.feed import FEED
from kwelle.editions.pagemeta import page_metadata

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from kwelle.articles.frontmatter import ArticleMeta


def scholarly_article(
    meta: ArticleMeta, url: str, image_url: str, publisher: str, citations: list[str]
) -> dict:
    """schema.org ScholarlyArticle for one article."""
    return {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": meta.title,
        "description": meta.deck,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": meta.published.isoformat(),
        "dateModified": meta.updated.isoformat(),
        "author": [{"@type": "Person", "name": author.name} for author in meta.authors],
        "publisher": {"@type": "Organization", "name": publisher},
        "image": image_url,
        "keywords": list(meta.tags),
        "inLanguage": meta.language,
        "citation": citations,
    }


def add_page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """Description, OpenGraph fields and JSON-LD for articles; the feed link on every page."""
    feed_href = posixpath.relpath(FEED, posixpath.dirname(pagename) or ".")
    tags = [
        f'<link rel="alternate" type="application/atom+xml" title="{html.escape(app.config.project)}" href="{feed_href}">'
    ]
    page = page_metadata(app, pagename)  # what kwelle.editions.scholar writes too
    if page is not None:
        meta = page.article
        tags.append(f'<meta name="description" content="{html.escape(meta.deck)}">')
        fields = context.setdefault("meta", {}) or {}
        context["meta"] = fields
        fields["og:type"] = "article"
        fields["og:description"] = meta.deck
        fields["og:image"] = page.image_url
        fields["og:image:alt"] = meta.image_alt
        data = scholarly_article(meta, page.url, page.image_url, page.journal, list(page.references))
        # "</" inside the script would end it early
        tags.append(
            '<script type="application/ld+json">' + json.dumps(data).replace("</", "<\\/") + "</script>"
        )
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def no_generated_cards(app: Sphinx, config: Config) -> None:
    """An article's card is its lead image: sphinxext-opengraph must not draw one per page
    (with matplotlib, a second or more each, and with fonts the machine may not have)."""
    config.ogp_social_cards = {**(config.ogp_social_cards or {}), "enable": False}


def setup_social(app: Sphinx) -> None:
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("sphinx_sitemap")
    app.connect("config-inited", no_generated_cards)
    # before sphinxext-opengraph reads the page metadata (default priority 500)
    app.connect("html-page-context", add_page_metadata, priority=400)
