"""What search engines and social sites read: meta description, OpenGraph article fields,
JSON-LD ``ScholarlyArticle``, and the feed's ``<link>``. sphinxext-opengraph writes the
OpenGraph tags; it takes the article's fields from the page metadata set here.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from kwelle.articles.languages import og_locale, site_language
from kwelle.editions.feed import FEED
from kwelle.editions.pagemeta import page_metadata
from kwelle.upstream import sphinx_sitemap, sphinxext_opengraph
from kwelle.upstream.sphinx import is_epub

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from kwelle.articles.frontmatter import ArticleMeta


def scholarly_article(
    meta: ArticleMeta, url: str, image_url: str, publisher: str, citations: list[str], *, language: str
) -> dict:
    """schema.org ScholarlyArticle for one article."""
    data = {
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
        "inLanguage": language,
        "citation": citations,
    }
    # the front matter credits translators by language: those of this page's language
    translators = meta.translators_of(language)
    if translators:
        data["translator"] = [{"@type": "Person", "name": name} for name in translators]
    return data


#: inside <script>, "</script", "<!--" and "<script" change how the browser reads the rest of the page
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_ld_script(data: dict) -> str:
    """``data`` as a JSON-LD ``<script>`` element: its text can never end or re-open the element."""
    return '<script type="application/ld+json">' + json.dumps(data).translate(_SCRIPT_SAFE) + "</script>"


def add_page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """Description, OpenGraph fields and JSON-LD for articles; the edition's feed link on every page."""
    if is_epub(app.builder):
        return  # a book has no feed, and its metadata is in its package document (kwelle.editions.epub)
    feed_href = context["pathto"](FEED, resource=True)  # absolute on the 404 page (kwelle.theme.notfound)
    # each edition has its own feed (kwelle.editions.feed), in the edition's language
    title = html.escape(app.config.project)
    language = site_language(app.env)
    tags = [
        f'<link rel="alternate" type="application/atom+xml" hreflang="{language}" title="{title}" href="{feed_href}">'
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
        fields["og:locale"] = og_locale(page.language)
        data = scholarly_article(
            meta, page.url, page.image_url, page.journal, list(page.references), language=page.language
        )
        tags.append(json_ld_script(data))
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def no_generated_cards(app: Sphinx, config: Config) -> None:
    """An article's card is its lead image: sphinxext-opengraph must not draw one per page
    (with matplotlib, a second or more each, and with fonts the machine may not have)."""
    config.ogp_social_cards = {**(config.ogp_social_cards or {}), "enable": False}


def setup_social(app: Sphinx) -> None:
    sphinxext_opengraph.import_without_social_cards(app)  # no matplotlib for cards kwelle turns off
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("sphinx_sitemap")
    sphinx_sitemap.serial_queue(app)  # no manager process in a serial build
    app.connect("config-inited", no_generated_cards)
    # before sphinxext-opengraph reads the page metadata (default priority 500)
    app.connect("html-page-context", add_page_metadata, priority=400)
