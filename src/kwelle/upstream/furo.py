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
"""

from __future__ import annotations

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


def is_theme(app: Sphinx) -> bool:
    return app.config.html_theme == "furo"


def pygments_stylesheet() -> str:
    import furo  # noqa: PLC0415 (imported only when furo is the theme)

    return furo.get_pygments_stylesheet()
