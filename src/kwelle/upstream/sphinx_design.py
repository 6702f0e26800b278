"""sphinx-design, reached into: its node helpers and the path of its one stylesheet.

Written against sphinx-design 0.8 (``TESTED``); pinned by ``tests/upstream/test_sphinx_design.py``.

- ``sphinx_design.shared.create_component`` and ``is_component`` make and recognise its
  dropdowns and cards; they are module functions every sphinx-design component uses, not a
  documented API. A documented node factory upstream would remove them from here.
- ``static/sphinx-design.min.css`` is the file it links from every page;
  :mod:`kwelle.theme.pageassets` gives each page the rules it uses (a journal page uses a
  dropdown or two: 28.5 kB first view instead of 41 kB, benchmarks/results.md). Upstream
  per-component stylesheets would remove the cut.
- a dropdown stays a component container, its ``opened`` attribute read, until its HTML
  post-transform (``DROPDOWN_HTML_PRIORITY``) makes it a ``<details>``; the ePub opens every
  dropdown just before (:mod:`kwelle.editions.epub`). A dropdown option for builders that
  cannot toggle would remove it.
"""

from __future__ import annotations

from pathlib import Path

import sphinx_design
from sphinx_design.shared import create_component, is_component

TESTED = ">=0.8,<0.9"
#: the stylesheet sphinx-design links from every page
STYLESHEET = Path(sphinx_design.__file__).parent / "static" / "sphinx-design.min.css"
#: its tabs script, linked from every page
TABS_SCRIPT = "_static/design-tabs.js"
#: ``sphinx_design.dropdown.DropdownHtmlTransform.default_priority``
DROPDOWN_HTML_PRIORITY = 199

__all__ = [
    "DROPDOWN_HTML_PRIORITY",
    "STYLESHEET",
    "TABS_SCRIPT",
    "TESTED",
    "create_component",
    "is_component",
]
