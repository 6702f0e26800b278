"""furo's own words in the journal's languages: "Next", "Previous", "On this page", "Back to
top", "Made with" and the copyright line.

furo ships no translations, and Sphinx's catalogs hold the words of Sphinx's own templates
only, so a German page said "Next" under German text. ``locale/<language>/LC_MESSAGES/sphinx.po``
here translates the messages of furo's templates that a journal's pages show; added with
``add_message_catalog("sphinx", …)`` it is a fallback of Sphinx's catalog, asked only for what
Sphinx (or the journal's own ``locale_dirs``) does not translate. Its ``.mo`` files are kept in
step by ``python -m kwelle.cli.catalog``; ``tests/upstream/test_furo.py`` checks that furo's
templates still have each message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kwelle.upstream.furo import is_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

LOCALE_DIR = Path(__file__).parent / "locale"
#: Sphinx's text domain, which the themes' templates translate through
CATALOG = "sphinx"


def add_furo_words(app: Sphinx, config: Config) -> None:
    if is_theme(app):
        app.add_message_catalog(CATALOG, LOCALE_DIR)


def setup_theme_words(app: Sphinx) -> None:
    app.connect("config-inited", add_furo_words)
