"""How the journal lists and cites its sources.

In a reference list: "Organisation — Title (year). domain.tld", the domain linking to
the full URL, then the entry's note (a date, "via …" for a figure read in a report that
quotes the body). In the text: author–year in round brackets, (OECD, 2025).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels.number import LabelStyle as NumberLabelStyle
from pybtex.style.names.plain import NameStyle as PlainNameStyle
from pybtex.style.sorting.none import SortingStyle as NoSortingStyle
from pybtex.style.template import field as entry_field
from pybtex.style.template import first_of, href, join, names, optional
from pybtex_docutils import Backend as DocutilsBackend
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: names to use for ``bibtex_default_style`` and ``bibtex_reference_style``
ENTRY_STYLE = "kwelle"
REFERENCE_STYLE = "kwelle_author_year"


def domain_of(url: str) -> str:
    """What a reader recognises of a URL: its host without "www."."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


class SourceStyle(BaseStyle):
    """One layout for every entry type (@misc, @techreport, @report, ...): sources, not papers."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"  # the order in which the article cites them

    #: each entry's text, formatted once: an entry shows in every list that cites it. Keyed by
    #: the entry object (entries are not hashable), which is held so no other takes its id.
    _texts: ClassVar[dict[int, tuple[Entry, Text]]] = {}

    def format_entry(self, label: str, entry: Entry, bib_data: object = None) -> FormattedEntry:
        if id(entry) not in self._texts:
            self.remember(entry, ENTRY_TEMPLATE.format_data({"entry": entry, "style": self}))
        return FormattedEntry(entry.key, self._texts[id(entry)][1], label)

    @classmethod
    def remember(cls, entry: Entry, text: Text) -> None:
        cls._texts.setdefault(id(entry), (entry, text))


# first_of takes the first non-empty child; optional turns a missing field into empty
ENTRY_TEMPLATE = join[
    first_of[
        optional[names("author", sep=", ", sep2=" and ", last_sep=" and ")],
        optional[entry_field("organization")],
        optional[entry_field("institution")],
    ],
    " — ",
    entry_field("title"),
    optional[", ", entry_field("type")],
    " (",
    first_of[optional[entry_field("date")], optional[entry_field("year")], "n.d."],
    ")",
    optional[". ", href(entry_field("url", raw=True))[entry_field("url", raw=True, apply_func=domain_of)]],
    optional[". ", entry_field("note")],
    ".",
]


def _round() -> BracketStyle:
    # semicolons between sources: corporate authors often contain commas themselves
    return BracketStyle(left="(", right=")", sep="; ", sep2="; ", last_sep="; ")


@dataclass
class JournalReferenceStyle(AuthorYearReferenceStyle):
    """Chang (2025) and (OECD, 2025; IMF, 2025), as newspapers and policy papers cite."""

    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)


#: pybtex plugins the build looks up once per citation or bibliography. pybtex finds a
#: plugin by reading every installed package's entry points (about 6 ms a time); plugins
#: registered at run time are a dictionary lookup. Same classes, found faster.
CACHED_PLUGINS = {
    ("pybtex.backends", "plaintext"): PlaintextBackend,
    # render_as("text"): pybtex reads every entry point of the group before trying aliases
    ("pybtex.backends", "text"): PlaintextBackend,
    ("pybtex.backends", "docutils"): DocutilsBackend,
    ("pybtex.style.names", "plain"): PlainNameStyle,
    ("pybtex.style.labels", "number"): NumberLabelStyle,
    ("pybtex.style.sorting", "none"): NoSortingStyle,
}


def plain_text(latex: str) -> str:
    """A bib field (with braces and LaTeX escapes) as a reader sees it."""
    return Text.from_latex(latex).render_as("text")


def reuse_formatted_texts(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Entries unchanged since the last build keep the text they were given then.

    The environment keeps last build's citations, entry and text, beside the bib entries: an
    entry the .bib edit did not touch is the very same object there (one pickle), so its text
    is current. Formatting every entry again was most of a no-op rebuild.
    """
    domain = env.get_domain("cite")
    entries = domain.bibdata.data.entries
    for citation in domain.citations:
        bibliography = domain.bibliographies.get(citation.bibliography_key)
        if (
            bibliography
            and bibliography.style == ENTRY_STYLE
            and entries.get(citation.entry.key) is citation.entry
        ):
            SourceStyle.remember(citation.entry, citation.formatted_entry.text)


def setup_sourcestyle(app: Sphinx) -> None:
    for (group, name), plugin in CACHED_PLUGINS.items():
        pybtex.plugin.register_plugin(group, name, plugin, force=True)
    pybtex.plugin.register_plugin("pybtex.style.formatting", ENTRY_STYLE, SourceStyle, force=True)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, JournalReferenceStyle, force=True
    )
    app.connect("env-before-read-docs", reuse_formatted_texts)
