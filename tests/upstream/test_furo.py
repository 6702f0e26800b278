"""Contracts with furo: what kwelle.upstream.furo relies on."""

from __future__ import annotations

import inspect
from importlib.metadata import version
from pathlib import Path

import furo as furo_theme
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

from kwelle.theme import words
from kwelle.upstream import furo, in_tested_range


def test_installed_version_is_tested() -> None:
    assert in_tested_range("furo", furo.TESTED), version("furo")


@pytest.mark.sphinx("html", testroot="upstream")
def test_furo_reads_the_toctree_callable_in_its_page_context_handler(app: Sphinx) -> None:
    priorities = {
        listener.handler: listener.priority for listener in app.events.listeners["html-page-context"]
    }
    assert priorities[furo_theme._html_page_context] == furo.HANDLER_PRIORITY
    source = inspect.getsource(furo_theme._compute_navigation_tree)
    assert 'context["toctree"]' in source
    assert "includehidden=True" in source  # what kwelle.theme.navigation turns off


def test_furo_wraps_tables_before_the_id_fix() -> None:
    wrap = furo_theme.WrapTableAndMathInAContainerTransform
    assert wrap.default_priority == furo.HANDLER_PRIORITY
    assert furo.TABLE_WRAPPER_CLASS in inspect.getsource(wrap)


def test_pygments_stylesheet_is_available_ahead_of_the_pages() -> None:
    assert ".highlight" in furo.pygments_stylesheet()


def test_furo_links_its_extensions_stylesheet_from_its_static_folder() -> None:
    """kwelle.theme.pageassets cuts the file furo links, read from where furo ships it."""
    assert f'app.add_css_file("{furo.EXTENSIONS_STYLESHEET}"' in inspect.getsource(furo_theme)
    assert "--sd-color-card-border:" in furo.extensions_stylesheet()  # sphinx-design's colours


@pytest.mark.parametrize("language", ["de", "ko"])
def test_furos_templates_have_the_words_kwelle_translates(language: str) -> None:
    """kwelle.theme.words translates messages of furo's templates: each must still be one."""
    templates = Path(furo_theme.__file__).parent / "theme" / "furo"
    found = extract_from_dir(
        templates, [("**.html", "jinja2")], options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}
    )
    messages = {message for _, _, message, _, _ in found}
    with (words.LOCALE_DIR / language / "LC_MESSAGES" / f"{words.CATALOG}.po").open("rb") as file:
        translated = {message.id for message in read_po(file) if message.id}
    assert translated <= messages, translated - messages
