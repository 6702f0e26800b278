"""Tags: each article's tags link to a page listing every article with that tag."""

from __future__ import annotations

import functools
import html
import posixpath
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.articles.languages import page_language, site_language
from kwelle.articles.store import articles
from kwelle.i18n import _, format_date, ui_language
from kwelle.slugs import HANGUL, unique_slugs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TAGS_DIR = "tags"


@functools.cache
def _slugs(tags: frozenset[str]) -> dict[str, str]:
    return unique_slugs(tags)


def tag_slugs(env: BuildEnvironment) -> dict[str, str]:
    """Every tag's page name ("AI policy" -> "ai-policy", "청년 창업" -> "cheongnyeon-changeop"),
    by :mod:`kwelle.slugs`; two tags that give the same name still get a page each."""
    return _slugs(frozenset(tag for meta in articles(env).values() for tag in meta.tag_keys))


def tag_labels(env: BuildEnvironment) -> dict[str, str]:
    """Each tag's text in this edition, by its source text (the first article's translation,
    by name, where two pages' catalogs translate it differently)."""
    labels: dict[str, str] = {}
    for _docname, meta in sorted(articles(env).items()):
        for key, label in zip(meta.tag_keys, meta.tags, strict=True):
            labels.setdefault(key, label)
    return labels


def tag_page(slug: str, docname_from: str) -> str:
    here = posixpath.dirname(docname_from) or "."
    return posixpath.relpath(f"{TAGS_DIR}/{slug}.html", here)


class TagLinks(SphinxPostTransform):
    """The header's tags become links to their pages (HTML only; print keeps them as text)."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs: object) -> None:
        tags = [tag for tag in self.document.findall(nodes.inline) if "kwelle-tag" in tag["classes"]]
        slugs = tag_slugs(self.env) if tags else {}  # once a page: it reads every article's tags
        for tag in tags:
            link = nodes.reference(
                "", tag.astext(), refuri=tag_page(slugs[tag["kwelle_tag"]], self.env.docname)
            )
            link["classes"].append("kwelle-tag")
            tag.replace_self(link)


def tag_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    """One page per tag, newest article first, rendered with the theme's page template."""
    if app.builder.name not in TagLinks.builders:
        return
    by_tag: dict[str, list[tuple[str, object]]] = {}
    for docname, meta in sorted(articles(app.env).items(), key=lambda item: item[1].published, reverse=True):
        for key in meta.tag_keys:
            by_tag.setdefault(key, []).append((docname, meta))
    slugs = tag_slugs(app.env)
    labels = tag_labels(app.env)
    here, language = site_language(app.env), ui_language(app.env)
    for key, tagged in sorted(by_tag.items()):
        tag = labels[key]
        items = "".join(
            f'<li class="kwelle-article-card"><p class="kwelle-article-title"{lang}><strong>'
            f'<a href="../{docname}.html">{html.escape(meta.title)}</a></strong></p>'
            f"<p{lang}>{html.escape(meta.deck)}</p><p>{format_date(meta.published, language)}</p></li>"
            for docname, meta in tagged
            for lang in [_lang_attribute(page_language(app.env, docname), here)]
        )
        heading = _("Articles tagged “%(tag)s”")
        title = heading % {"tag": tag}
        # a Korean tag on an English page is read as Korean
        shown = html.escape(tag)
        if HANGUL.search(tag):
            shown = f"<span{_lang_attribute('ko', here)}>{shown}</span>"
        body = f'<h1>{html.escape(heading) % {"tag": shown}}</h1><ul class="kwelle-article-list">{items}</ul>'
        yield f"{TAGS_DIR}/{slugs[key]}", {"title": title, "body": body}, "page.html"


def _lang_attribute(language: str, page: str) -> str:
    return f' lang="{language}"' if language != page else ""


def setup_tags(app: Sphinx) -> None:
    app.add_post_transform(TagLinks)
    app.connect("html-collect-pages", tag_pages)
