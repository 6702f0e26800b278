"""Each page's language, and Korean (or any) passages marked inside a page.

An article's front matter ``language`` (a BCP 47 code: ``ko``, ``en-GB``) is the language of
its page: ``<html lang>`` here, the feed entry's ``xml:lang`` (kwelle.editions.feed), JSON-LD
``inLanguage`` and ``og:locale`` (kwelle.editions.social) and the PDF's ``/Lang``
(kwelle.editions.latex). Other pages have the journal's ``language``.

In a translated edition (``-D language=de`` of sources written in ``kwelle_editions[0]``), a
page whose catalog exists (``locale/de/LC_MESSAGES/<page>.po``) is in the edition's language;
a page no one has translated keeps its source language, so that ``lang`` stays true. A
paragraph its catalog leaves untranslated falls back to the source text, and says so
(kwelle.articles.fallback).

In a page, `` {lang}`ko:한국개발연구원` `` marks a passage: ``<span lang="ko">`` in HTML, so a
screen reader switches voice; in the PDF, Korean needs no mark (xetexko sets every Hangul
character in the Hangul font, with Korean spacing and line breaks) and the text is printed
as it is.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.core import get_global
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from kwelle.articles.store import articles, is_article
from kwelle.config import get_config, is_translation, known_language, source_language
from kwelle.editions.translations import get_editions
from kwelle.upstream.sphinx import set_page_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)


def site_language(env: BuildEnvironment) -> str:
    """The edition's language: the build's ``language``."""
    return env.config.language or "en"


def source_page_language(env: BuildEnvironment, docname: str) -> str:
    """The language a page's source is written in: its article's ``language``, or the sources'."""
    meta = articles(env).get(docname)
    return (meta.language if meta is not None else "") or source_language(env)


def page_language(env: BuildEnvironment, docname: str) -> str:
    """The language of a page in this edition: the edition's where the page is translated (its
    catalog translates at least one message: the rule the switcher and hreflang follow too,
    kwelle.editions.translations) or made by the build (tag pages, the archive), else its source's."""
    if is_translation(env) and (
        docname not in env.found_docs or get_editions(env).has(site_language(env), docname)
    ):
        return site_language(env)
    return source_page_language(env, docname)


def og_locale(code: str) -> str:
    """OpenGraph's ``language_TERRITORY``: ko -> ko_KR, en-GB -> en_GB (CLDR's likely territory)."""
    locale = Locale.parse(code, sep="-")
    if locale.territory is None:
        likely = get_global("likely_subtags")
        script = f"{locale.language}_{locale.script}"
        locale = Locale.parse(likely.get(script) or likely.get(locale.language, locale.language))
    return f"{locale.language}_{locale.territory}"


def check_editions(app: Sphinx, config: Config) -> None:
    """``kwelle_editions``: codes CLDR knows, and among them the language this build makes."""
    editions = get_config(app).editions
    where = Path(app.confdir, "conf.py")
    for code in editions:
        if not isinstance(code, str) or not known_language(code):
            logger.warning("%s: kwelle_editions: %r is not a BCP 47 language code such as 'de' or 'ko'",
                           where, code, type="kwelle", subtype="config")  # fmt: skip
    if editions and (config.language or "en") not in editions:
        logger.warning("%s: language %r is not one of kwelle_editions (%s)", where, config.language,
                       ", ".join(map(str, editions)), type="kwelle", subtype="config")  # fmt: skip


def check_language(app: Sphinx, docname: str, source: list[str]) -> None:
    """An article's ``language`` must be a code CLDR knows; the page then has the journal's."""
    env = app.env
    meta = articles(env).get(docname) if is_article(env, docname) else None
    if meta is None or not meta.language or known_language(meta.language):
        return
    logger.error(
        "front matter: field 'language' must be a BCP 47 language code such as 'ko' or 'en-GB', not %r",
        meta.language,
        location=(docname, meta.lines.get("language", 1)),
        type="kwelle",
        subtype="frontmatter",
    )
    articles(env)[docname] = dataclasses.replace(meta, language="")


def set_html_lang(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    set_page_language(context, page_language(app.env, pagename))


class foreign(nodes.inline):  # noqa: N801 (docutils node naming)
    """A passage in another language than its page's; ``lang`` holds the BCP 47 code."""


def visit_foreign_html(self: HTML5Translator, node: foreign) -> None:
    self.body.append(self.starttag(node, "span", "", lang=node["lang"]))


def depart_foreign_html(self: HTML5Translator, node: foreign) -> None:
    self.body.append("</span>")


def pass_through(self: nodes.NodeVisitor, node: foreign) -> None:
    """Elsewhere (LaTeX, text, man) the passage prints as its text."""


class LangRole(SphinxRole):
    """`` {lang}`ko:한국어` ``: the text after the first colon, in the language before it."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        code, colon, text = self.text.partition(":")
        if not colon or not text.strip() or not known_language(code.strip()):
            message = self.inliner.reporter.error(
                f"lang: write {{lang}}`CODE:text` with a BCP 47 code such as ko or en-GB, not {self.text!r}",
                line=self.lineno,
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        return [foreign(self.rawtext, text, lang=code.strip())], []


def setup_languages(app: Sphinx) -> None:
    app.connect("config-inited", check_editions, priority=600)  # once kwelle.config has validated them
    app.connect("source-read", check_language, priority=600)  # after kwelle.articles.store reads it
    app.connect("html-page-context", set_html_lang)
    app.add_role("lang", LangRole())
    app.add_node(
        foreign,
        html=(visit_foreign_html, depart_foreign_html),
        latex=(pass_through, pass_through),
        text=(pass_through, pass_through),
        man=(pass_through, pass_through),
        texinfo=(pass_through, pass_through),
    )
