"""An article's front matter in a translated edition: its prose is translated with the page.

Each text an article shows from its front matter (``deck``, ``summary``, ``image_alt``,
``image_credit``, each author's ``name`` and ``role``, each tag) is a message of the page's catalog, at
its own line (kwelle.messages), and the title is the page's heading. After Sphinx's
``Locale`` transform the article's metadata on the environment is replaced by the
edition's: the header, the front page's cards of every article, the tag pages, the feed,
JSON-LD and the PDF all read it from there (``kwelle.articles.store.articles``). Tags keep
their source text as ``source_tags``, which names their pages, so that a tag's URL is the
same in every edition.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from kwelle.articles.store import articles
from kwelle.config import is_translation
from kwelle.messages import message, messages, read_messages, wanted
from kwelle.upstream.sphinx import LOCALE_PRIORITY

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from kwelle.articles.frontmatter import ArticleMeta

#: the front matter's prose fields, each a message of its own
PROSE = ("deck", "summary", "image_alt", "image_credit")
KIND = "front-matter"


def texts(meta: ArticleMeta) -> Iterator[tuple[str, str]]:
    """Each translatable text of the front matter, by the key it is found under: ``deck``,
    ``authors.1.role``, ``tags.0`` (the keys of ``ArticleMeta.lines`` too)."""
    for name in PROSE:
        if getattr(meta, name):
            yield name, getattr(meta, name)
    for index, author in enumerate(meta.authors):
        yield f"authors.{index}.name", author.name  # a desk's name is words ("The editors")
        if author.role:
            yield f"authors.{index}.role", author.role
    for index, tag in enumerate(meta.tags):
        yield f"tags.{index}", tag


class FrontMatterMessages(SphinxTransform):
    """The front matter's texts as messages, before ``Locale`` translates the page."""

    default_priority = LOCALE_PRIORITY - 5

    def apply(self, **kwargs: object) -> None:
        meta = articles(self.env).get(self.env.docname)
        if meta is None or not wanted(self.env):
            return
        node = messages(kwelle_messages=KIND)
        for key, text in sorted(texts(meta), key=lambda item: meta.lines.get(item[0], 0)):  # the file's order
            node += message(key, text, self.document["source"], meta.lines.get(key))
        # after the title: the catalog lists the messages in the page's order
        section = next(self.document.findall(nodes.section), None)
        if section is None:
            self.document.insert(0, node)
        else:
            section.insert(1, node)


def translated(meta: ArticleMeta, title: str | None, found: dict) -> ArticleMeta:
    """``meta`` with the edition's texts (``found``: key -> kwelle.messages.Text)."""

    def text(key: str, source: str) -> str:
        return found[key].text if key in found else source

    return dataclasses.replace(
        meta,
        title=title or meta.title,
        **{name: text(name, getattr(meta, name)) for name in PROSE},
        authors=tuple(
            dataclasses.replace(
                author,
                name=text(f"authors.{index}.name", author.name),
                role=text(f"authors.{index}.role", author.role),
            )
            for index, author in enumerate(meta.authors)
        ),
        tags=tuple(text(f"tags.{index}", tag) for index, tag in enumerate(meta.tags)),
        source_tags=meta.tags,
        untranslated=frozenset(key for key, value in found.items() if not value.translated),
    )


class TranslatedFrontMatter(SphinxTransform):
    """After ``Locale``: the article's metadata, as this edition shows it."""

    default_priority = LOCALE_PRIORITY + 2  # once kwelle.catalogs has seen the messages

    def apply(self, **kwargs: object) -> None:
        node = next((n for n in self.document.findall(messages) if n["kwelle_messages"] == KIND), None)
        if node is None:
            return
        found = read_messages(self.env, node)
        if not is_translation(self.env):
            return
        section = next(self.document.findall(nodes.section), None)
        title = section.next_node(nodes.title).astext() if section is not None else None
        docname = self.env.docname
        articles(self.env)[docname] = translated(articles(self.env)[docname], title, found)


def setup_translation(app: Sphinx) -> None:
    app.add_transform(FrontMatterMessages)
    app.add_transform(TranslatedFrontMatter)
