"""The language switcher: a small list in the sidebar of every page, linking the same page in
each edition where it exists (:mod:`kwelle.editions.translations`), plain links that work
without JavaScript.

Each entry is the language's name in that language (CLDR, through Babel: English, Deutsch,
한국어), with ``lang`` (a screen reader reads it in its language) and ``hreflang``; the page's own
edition is marked ``aria-current="page"``. The links are relative, so the site works from its
folder as it does online.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale

from kwelle.editions.translations import get_editions, page_file
from kwelle.i18n import _
from kwelle.upstream.sphinx import add_template_folder, is_epub

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "kwelle-languages.html"
#: the theme's sidebar part the switcher follows (furo's search box); first if there is none
AFTER = "sidebar/search.html"


def language_name(code: str) -> str:
    """The language's name in itself: de -> Deutsch, ko -> 한국어."""
    return Locale.parse(code, sep="-").get_display_name() or code


def switcher_html(entries: list[tuple[str, str]], current: str) -> str:
    """``<nav>`` of (code, href) entries; ``current`` is the page's own edition."""
    items = []
    for code, href in entries:
        here = ' aria-current="page"' if code == current else ""
        items.append(
            f'<li><a href="{html.escape(href)}" hreflang="{code}" lang="{code}"{here}>'
            f"{html.escape(language_name(code))}</a></li>"
        )
    label = html.escape(_("Languages"))
    return f'<nav class="kwelle-languages" aria-label="{label}"><ul>{"".join(items)}</ul></nav>'


def add_switcher(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    editions = get_editions(app)
    if is_epub(app.builder) or len(editions.codes) < 2 or "sidebars" not in context:
        return
    here = page_file(app, pagename)
    # a page Sphinx writes itself (search, genindex) exists in every edition; an untranslated
    # page is in its own edition's folder all the same (in the sources' language)
    found = editions.of_page(pagename) if pagename in app.env.all_docs else editions.codes
    codes = [code for code in editions.codes if code in found or code == editions.current]
    if len(codes) < 2:
        return  # no other edition has this page: nothing to switch to
    entries = [(code, editions.href(code, here, here)) for code in codes]
    context["kwelle_language_switcher"] = switcher_html(entries, editions.current)
    sidebars = list(context["sidebars"] or [])
    position = sidebars.index(AFTER) + 1 if AFTER in sidebars else 0
    context["sidebars"] = [*sidebars[:position], TEMPLATE, *sidebars[position:]]


def setup_switcher(app: Sphinx) -> None:
    app.connect("builder-inited", lambda app: add_template_folder(app, TEMPLATES))
    app.connect("html-page-context", add_switcher)
