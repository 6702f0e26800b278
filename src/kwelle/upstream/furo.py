"""furo, reached into: its page-context handler, its table wrappers and its Pygments stylesheet.

Written against furo 2024.8.6 to 2025.12 (``TESTED``); pinned by ``tests/upstream/test_furo.py``.
Everything here is used only when ``html_theme`` is ``"furo"``.

- furo's ``html-page-context`` handler (priority 500) turns the ``toctree`` callable of the
  context into the sidebar, hidden toctrees included: N links on each of N pages.
  :mod:`kwelle.theme.navigation` wraps the callable before furo reads it. A furo option to
  leave hidden toctrees out of the sidebar would remove it.
- furo's post-transform (priority 500) wraps each table in ``div.table-wrapper`` and copies
  the table's id onto it (a duplicate id); :mod:`kwelle.theme.htmlfixes` removes the copy,
  after it. Fixed upstream, the fix goes.
- furo writes ``pygments.css`` after the pages; ``furo.get_pygments_stylesheet()`` gives its
  text ahead, so :mod:`kwelle.theme.pageassets` can cut it per page.
- furo links ``styles/furo-extensions.css`` (``add_css_file`` at ``builder-inited``), its
  styles for other extensions' markup, from its theme's static folder; pageassets cuts that
  per page too. It sets sphinx-design's colours to furo's (``body{--sd-color-…}``), which is
  why pageassets keeps the properties one cut reads from another.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TESTED = ">=2024.8.6,<2026"
#: furo's own ``html-page-context`` handler and table-wrapping post-transform run at this priority
HANDLER_PRIORITY = 500
#: the class of the ``<div>`` furo wraps each table in
TABLE_WRAPPER_CLASS = "table-wrapper"
#: the stylesheet furo writes for Pygments (light and dark)
PYGMENTS_STYLESHEET = "pygments.css"
#: furo's styles for other extensions (sphinx-design, copy buttons, Read the Docs' old flyout)
EXTENSIONS_STYLESHEET = "styles/furo-extensions.css"


def is_theme(app: Sphinx) -> bool:
    return app.config.html_theme == "furo"


def pygments_stylesheet() -> str:
    import furo  # noqa: PLC0415 (imported only when furo is the theme)

    return furo.get_pygments_stylesheet()


def extensions_stylesheet() -> str:
    import furo  # noqa: PLC0415 (imported only when furo is the theme)

    static = Path(furo.__file__).parent / "theme" / "furo" / "static"
    return (static / EXTENSIONS_STYLESHEET).read_text(encoding="utf-8")
