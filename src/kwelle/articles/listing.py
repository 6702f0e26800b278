"""The article index: ``{article-list}`` lists every article, newest first, from front matter."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from kwelle.articles.corrections import recently_corrected
from kwelle.articles.header import format_date, styled
from kwelle.articles.store import articles, is_article
from kwelle.envstore import PerDocument

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class article_list(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Placeholder, filled in once every article has been read."""


class ArticleListDirective(SphinxDirective):
    """Mark where the index of articles goes."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        LISTING_DOCS.of(self.env)[self.env.docname] = True
        node = article_list()
        self.set_source_info(node)
        return [node]


#: documents that contain an article list (docname -> True)
LISTING_DOCS = PerDocument("kwelle_listing_docs")


def fill_article_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with the articles, newest first."""
    ordered = sorted(articles(app.env).items(), key=lambda item: (item[1].published, item[0]), reverse=True)
    for placeholder in doctree.findall(article_list):
        listing = nodes.bullet_list(classes=["kwelle-article-list"])
        for article, meta in ordered:
            link = nodes.reference(
                "", meta.title, internal=True, refuri=app.builder.get_relative_uri(docname, article)
            )
            item = nodes.list_item(classes=["kwelle-article-card"])
            item += nodes.paragraph("", "", nodes.strong("", "", link), classes=["kwelle-article-title"])
            item += styled("kwelle-deck", nodes.Text(meta.deck))
            if meta.draft:  # only in the preview (kwelle.articles.drafts)
                item += styled("kwelle-draft-label", nodes.Text("Draft"))
            item += styled("kwelle-dates", nodes.Text(format_date(meta.published)))
            corrected = recently_corrected(app.env, article)
            if corrected:
                item += styled("kwelle-corrected", nodes.Text(f"Corrected {format_date(corrected)}"))
            listing += item
        placeholder.replace_self(listing)


def reread_listings(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """A new, edited or deleted article changes every index page."""
    if any(is_article(env, docname) for docname in added | changed | removed):
        return sorted(set(LISTING_DOCS.of(env)) - removed)
    return []


def setup_listing(app: Sphinx) -> None:
    app.add_node(article_list)
    app.add_directive("article-list", ArticleListDirective)
    app.connect("doctree-resolved", fill_article_lists)
    app.connect("env-get-outdated", reread_listings)
    LISTING_DOCS.connect(app)
