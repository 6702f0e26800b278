"""How the journal cites: author–year in round brackets in the text, titles as published in the lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field as entry_field
from pybtex.style.template import sentence
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: names to use for ``bibtex_default_style`` and ``bibtex_reference_style``
ENTRY_STYLE = "kwelle"
REFERENCE_STYLE = "kwelle_author_year"


class SourceStyle(UnsrtStyle):
    """pybtex's ``unsrt``, but a title keeps its own capitals (“Korea”, “AI”, “OECD”)."""

    def format_title(self, e, which_field, as_sentence=True):  # noqa: ANN001, FBT002 (pybtex's signature)
        title = entry_field(which_field)
        return sentence[title] if as_sentence else title


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclass
class JournalReferenceStyle(AuthorYearReferenceStyle):
    """Chang (2025) and (OECD, 2025), as newspapers and policy papers cite."""

    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)


def setup_citestyle(app: Sphinx) -> None:
    # registering twice (several apps in one process) is a no-op
    pybtex.plugin.register_plugin("pybtex.style.formatting", ENTRY_STYLE, SourceStyle)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, JournalReferenceStyle
    )
