"""sphinxext-opengraph, imported without its social-card module (and so without matplotlib).

Written against sphinxext-opengraph 0.9 to 0.13 (``TESTED``); pinned by
``tests/upstream/test_sphinxext_opengraph.py``.

``sphinxext.opengraph`` imports ``sphinxext.opengraph._social_cards`` when it is imported,
and that module imports ``matplotlib.pyplot``: 0.6 to 0.9 s of every build, a third of a
one-article no-op rebuild (benchmarks/README.md), to draw cards that kwelle always turns off
(:func:`kwelle.editions.social.no_generated_cards`). While kwelle imports the extension, a
stand-in module gives it the two names it takes from ``_social_cards``, with cards off; the
real module stays importable after. Upstream, importing ``_social_cards`` only when a card is
drawn (inside ``social_card_for_page``) would remove this; the report we would file says so.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from kwelle.upstream import fall_back, in_tested_range

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DISTRIBUTION = "sphinxext-opengraph"
TESTED = ">=0.9,<0.14"
EXTENSION = "sphinxext.opengraph"
SOCIAL_CARDS = "sphinxext.opengraph._social_cards"


def import_without_social_cards(app: Sphinx) -> None:
    """Import sphinxext-opengraph with social cards unavailable, before Sphinx sets it up."""
    if EXTENSION in sys.modules or SOCIAL_CARDS in sys.modules:
        return  # imported already (listed before kwelle, or an earlier build in this process)
    if not in_tested_range(DISTRIBUTION, TESTED):
        app.connect(
            "builder-inited", lambda app: fall_back(app, DISTRIBUTION, TESTED, "the import without cards")
        )
        return
    stand_in = types.ModuleType(SOCIAL_CARDS, "Social cards off: kwelle uses each article's lead image.")
    stand_in.DEFAULT_SOCIAL_CONFIG = {"enable": False}
    stand_in.create_social_card = None  # sphinxext-opengraph's own value when matplotlib is missing
    sys.modules[SOCIAL_CARDS] = stand_in
    try:
        importlib.import_module(EXTENSION)
    finally:
        del sys.modules[SOCIAL_CARDS]
