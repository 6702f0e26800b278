"""The sidebar lists the journal's sections, not every article.

furo draws the whole site tree, hidden toctrees included, in every page's sidebar: with
N articles that is N links on each of N pages, read and rewritten by BeautifulSoup each
time (N² work and page weight). The articles sit in the front page's hidden toctree, so
they keep their place in the PDF and in previous/next links; the sidebar shows the
visible toctree (References, Author guide, About) and the front page lists the articles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kwelle.upstream import furo

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx


def without_hidden(toctree: Callable[..., str]) -> Callable[..., str]:
    def visible_toctree(**options: object) -> str:
        return toctree(**{**options, "includehidden": False})

    return visible_toctree


def sections_only(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    if "toctree" in context:
        context["toctree"] = without_hidden(context["toctree"])


def setup_navigation(app: Sphinx) -> None:
    app.connect(
        "html-page-context", sections_only, priority=furo.HANDLER_PRIORITY - 100
    )  # before furo reads it
