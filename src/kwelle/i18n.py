"""The journal's own words ("Published", "Show the data", "Cite this article") in the edition's
language, and its dates, numbers, lists and reading times formatted for it.

Words go through Sphinx's translation machinery: ``_`` looks them up in the ``kwelle``
message catalog (``locale/<language>/LC_MESSAGES/kwelle.mo``, shipped in the package and
kept in step with its ``.po`` files by ``python -m kwelle.cli.catalog``) for the build's
``language``. Dates, numbers and lists are CLDR's, through Babel (which Sphinx depends on).

The rule for a page in another language than its edition's (a Korean article in the English
edition): Sphinx loads one catalog per build, so the journal's words are the edition's, and
the dates and numbers inside them follow them, so that a phrase stays in one language
("Published 28 November 2026", not "Published 2026년 11월 28일"). A page in a variant of
the edition's language (an ``en-US`` article in an ``en`` edition) gets that variant's
formats. See :func:`ui_language`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.lists import format_list as babel_list
from babel.numbers import format_decimal
from docutils import nodes
from sphinx.locale import get_translation

from kwelle.articles.languages import page_language, site_language
from kwelle.upstream.sphinx import plural_translation

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CATALOG = "kwelle"
LOCALE_DIR = Path(__file__).parent / "locale"

_translate = get_translation(CATALOG)


def _(message: str) -> str:
    """The journal's words in the build's language: ``_("Cite this article")``; always a str
    (Sphinx's is a lazy proxy until a build has registered the catalog)."""
    return str(_translate(message))


#: a phrase with a count: ``ngettext("%(minutes)s min read", "%(minutes)s min read", n)``
ngettext = plural_translation(CATALOG)

#: English with no region is the journal's, Europe's: "29 November 2026" (CLDR's en is US)
DEFAULT_REGIONS = {"en": "en_150"}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def ui_language(env: BuildEnvironment, docname: str | None = None) -> str:
    """The language of the journal's words on ``docname`` (a BCP 47 code): the edition's, or
    the page's when that is a variant of it (module docstring)."""
    edition = site_language(env)
    if docname is None:
        return edition
    page = page_language(env, docname)
    return page if _primary(page) == _primary(edition) else edition


def _primary(code: str) -> str:
    return code.replace("_", "-").partition("-")[0].lower()


@functools.cache
def babel_locale(code: str) -> Locale:
    """CLDR's locale for a BCP 47 code (or Sphinx's ``pt_BR`` style); English if unknown."""
    code = code.replace("-", "_")
    try:
        return Locale.parse(DEFAULT_REGIONS.get(code, code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_REGIONS["en"])


def format_date(day: dt.date, language: str) -> str:
    """A day as the language writes it in full: 29 November 2026, 29. November 2026, 2026년 11월 29일."""
    return babel_date(day, "long", locale=babel_locale(language))


def format_month(day: dt.date, language: str) -> str:
    """A month of a year: November 2026, 2026년 11월."""
    locale = babel_locale(language)
    return babel_date(day, locale.datetime_skeletons["yMMMM"].pattern, locale=locale)


def month_name(day: dt.date, language: str) -> str:
    """A month on its own (a heading's word, not inside a date): November, 11월."""
    return babel_date(day, "LLLL", locale=babel_locale(language))


def format_number(number: int, language: str) -> str:
    return format_decimal(number, locale=babel_locale(language))


def format_list(items: Sequence[str], language: str, *, style: str = "standard") -> str:
    """A, B and C; A, B und C; A, B 및 C (``style="or"``: PDF or ePub)."""
    return babel_list(list(items), style=style, locale=babel_locale(language))


def reading_time(minutes: int, language: str) -> str:
    """1 min read, 5 min read; 5 Min. Lesezeit; 읽는 데 5분."""
    return ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {
        "minutes": format_number(minutes, language)
    }


def with_nodes(text: str, **parts: nodes.Node) -> list[nodes.Node]:
    """A translated phrase as nodes, with ``parts`` (links) at its ``%(name)s`` placeholders:
    translators may put them anywhere in the sentence."""
    found: list[nodes.Node] = []
    start = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > start:
            found.append(nodes.Text(text[start : match.start()]))
        found.append(parts[match.group(1)])
        start = match.end()
    if start < len(text):
        found.append(nodes.Text(text[start:]))
    return found


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, LOCALE_DIR)
