"""A paragraph a translated edition's catalog leaves untranslated: the source's text, marked.

Sphinx's ``translation_progress_classes`` gives it the class ``untranslated``;
:class:`MarkUntranslated` gives it the source's ``lang`` (docutils writes a ``language-xx``
class as ``lang="xx"``), and in HTML a badge at its start names the language ("EN"), its
title saying "Not yet translated" in the edition's language. The page's own ``lang`` stays
the edition's (kwelle.articles.languages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.articles.languages import site_language, source_page_language
from kwelle.config import is_translation
from kwelle.i18n import _
from kwelle.upstream.sphinx import TRANSLATION_CLASSES_PRIORITY

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Sphinx's class for a message its catalog leaves untranslated (``translation_progress_classes``)
UNTRANSLATED = "untranslated"


class MarkUntranslated(SphinxTransform):
    """An untranslated message is in its source's language: ``lang`` says so (docutils writes a
    ``language-xx`` class as ``lang="xx"``), after Sphinx has added its class (priority 950)."""

    default_priority = TRANSLATION_CLASSES_PRIORITY + 10

    def apply(self, **kwargs: object) -> None:
        if not is_translation(self.env):
            return
        language = source_page_language(self.env, self.env.docname)
        for node in self.document.findall(nodes.Element):
            if UNTRANSLATED in node["classes"]:
                node["classes"].append(f"language-{language}")


class untranslated_badge(nodes.abbreviation):  # noqa: N801 (docutils node naming)
    """The visible mark of an untranslated paragraph: its language's code, explained in a title."""


class UntranslatedBadges(SphinxPostTransform):
    """A badge at the start of each untranslated text block, in the edition's language (HTML)."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs: object) -> None:
        if not is_translation(self.env):
            return
        language = source_page_language(self.env, self.env.docname)
        edition = site_language(self.env)
        for node in list(self.document.findall(nodes.TextElement)):
            if UNTRANSLATED not in node["classes"] or isinstance(node, nodes.Inline):
                continue
            title = _("Not yet translated (original: %(language)s)") % {
                "language": language_name(language, edition)
            }
            badge = untranslated_badge(
                "", language.split("-")[0].upper(), explanation=title, classes=["kwelle-untranslated-badge"]
            )
            badge["classes"].append(f"language-{edition}")
            node.insert(0, badge)


def language_name(code: str, in_language: str) -> str:
    """A language's name in another: en in de -> Englisch (CLDR)."""
    try:
        return Locale.parse(code, sep="-").get_display_name(Locale.parse(in_language, sep="-")) or code
    except (UnknownLocaleError, ValueError):
        return code


def visit_badge_html(self: HTML5Translator, node: untranslated_badge) -> None:
    self.body.append(self.starttag(node, "abbr", "", title=node["explanation"]))


def depart_badge_html(self: HTML5Translator, node: untranslated_badge) -> None:
    self.body.append("</abbr> ")


def setup_fallback(app: Sphinx) -> None:
    app.add_transform(MarkUntranslated)
    app.add_post_transform(UntranslatedBadges)
    app.add_node(untranslated_badge, html=(visit_badge_html, depart_badge_html))
