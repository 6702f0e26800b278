"""Tags: each article's tags link to a page listing every article with that tag."""

from __future__ import annotations

import html
import posixpath
import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.articles.header import format_date
from kwelle.articles.store import articles

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

TAGS_DIR = "tags"


def tag_slug(tag: str) -> str:
    """A tag's page name: "AI policy" -> "ai-policy"."""
    return re.sub(r"[^0-9a-z]+", "-", tag.lower()).strip("-") or "tag"


def tag_page(docname_from: str, tag: str) -> str:
    here = posixpath.dirname(docname_from) or "."
    return posixpath.relpath(f"{TAGS_DIR}/{tag_slug(tag)}.html", here)


class TagLinks(SphinxPostTransform):
    """The header's tags become links to their pages (HTML only; print keeps them as text)."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs: object) -> None:
        for tag in list(self.document.findall(nodes.inline)):
            if "kwelle-tag" in tag["classes"]:
                link = nodes.reference("", tag.astext(), refuri=tag_page(self.env.docname, tag.astext()))
                link["classes"].append("kwelle-tag")
                tag.replace_self(link)


def tag_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    """One page per tag, newest article first, rendered with the theme's page template."""
    if app.builder.name not in TagLinks.builders:
        return
    by_tag: dict[str, list[tuple[str, object]]] = {}
    for docname, meta in sorted(articles(app.env).items(), key=lambda item: item[1].published, reverse=True):
        for tag in meta.tags:
            by_tag.setdefault(tag, []).append((docname, meta))
    for tag, tagged in sorted(by_tag.items()):
        items = "".join(
            f'<li class="kwelle-article-card"><p class="kwelle-article-title"><strong>'
            f'<a href="../{docname}.html">{html.escape(meta.title)}</a></strong></p>'
            f"<p>{html.escape(meta.deck)}</p><p>{format_date(meta.published)}</p></li>"
            for docname, meta in tagged
        )
        title = f"Articles tagged “{tag}”"
        body = f'<h1>{html.escape(title)}</h1><ul class="kwelle-article-list">{items}</ul>'
        yield f"{TAGS_DIR}/{tag_slug(tag)}", {"title": title, "body": body}, "page.html"


def setup_tags(app: Sphinx) -> None:
    app.add_post_transform(TagLinks)
    app.connect("html-collect-pages", tag_pages)
