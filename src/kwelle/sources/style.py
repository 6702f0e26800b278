"""How the journal lists and cites its sources: one author–year style for every entry type.

In the text: author–year in round brackets, (OECD, 2025), (Foreman-Mackey et al., 2017),
with 2025a, 2025b for two works of one author in one year.

In a reference list, two forms of the same style:

- a web source or official document (a @misc, @online, @report or @techreport with a URL
  and nothing of a publication about it): "Organisation — Title (year). domain.tld", the
  domain linking to the full URL, then the entry's note;
- anything published (an article, a book, a chapter, a paper in proceedings, a thesis, a
  preprint): "Authors (year). Title. *Journal* volume(issue), pages. doi:…", each type with
  the fields its readers look for. The entry types and their templates are pybtex's own
  (:class:`pybtex.style.formatting.unsrt.Style`), rearranged author–year.

Every field goes through :mod:`kwelle.sources.latex`, so accents, dashes, ``\\url`` and math
read as they should; biblatex's names for fields (``journaltitle``, ``location``, ``date``)
are read as their BibTeX twins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import sphinxcontrib.bibtex.plugin
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import FieldIsMissing, first_of, join, node, optional, sentence, words
from pybtex.textutils import abbreviate
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

from kwelle.config import get_config
from kwelle.i18n import _, ngettext
from kwelle.sources.latex import first_url, parse, plain
from kwelle.upstream.pybtex import register, register_cached_plugins

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pybtex.database import Entry, Person
    from pybtex.richtext import BaseText
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: names to use for ``bibtex_default_style`` and ``bibtex_reference_style``
ENTRY_STYLE = "kwelle"
REFERENCE_STYLE = "kwelle_author_year"

#: biblatex's field names, read where BibTeX's are missing (and the other way round)
ALIASES = {
    "journal": ("journal", "journaltitle"),
    "address": ("address", "location"),
    "school": ("school", "institution"),
    "institution": ("institution", "organization"),
    "number": ("number", "issue"),
}
#: entry types that may be a web page or an official document
WEB_TYPES = frozenset({"misc", "online", "electronic", "www", "report", "techreport", "manual"})
#: fields that make an entry a publication, listed as one
PUBLICATION_FIELDS = ("journal", "journaltitle", "booktitle", "publisher", "school", "doi", "eprint", "isbn")
#: names shown when a list of authors is longer than ``kwelle_bib_max_names``
NAMES_WHEN_CUT = 3
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_YEAR = re.compile(r"\d{4}")
_DASHES = re.compile(r"\s*[-\u2013]+\s*")


def domain_of(url: str) -> str:
    """What a reader recognises of a URL: its host without "www."."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def raw_field(entry: Entry, name: str) -> str:
    """A field's LaTeX as written, under its BibTeX or its biblatex name ('' if neither)."""
    for alias in ALIASES.get(name, (name,)):
        value = entry.fields.get(alias, "").strip()
        if value:
            return value
    return ""


def year_of(entry: Entry) -> str:
    """The year, from ``year`` or from biblatex's ``date`` (2025-04-18, 2019-01/2019-03)."""
    found = _YEAR.search(plain(raw_field(entry, "year")) or raw_field(entry, "date"))
    return found.group() if found else ""


def entry_url(entry: Entry) -> str:
    """The page to link: ``url``, else the first ``\\url{…}`` in howpublished or note."""
    url = entry.fields.get("url", "").strip()
    if url:
        return url
    for name in ("howpublished", "note"):
        found = first_url(entry.fields.get(name, ""))
        if found:
            return found
    return ""


def doi_url(entry: Entry) -> str:
    doi = entry.fields.get("doi", "").strip()
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi, flags=re.IGNORECASE)
    return f"https://doi.org/{doi}" if doi else ""


def arxiv_id(entry: Entry) -> str:
    """The arXiv identifier of an ``eprint`` (``archiveprefix`` or biblatex's ``eprinttype``)."""
    archive = entry.fields.get("archiveprefix", "") or entry.fields.get("eprinttype", "")
    return entry.fields.get("eprint", "").strip() if archive.strip().lower() == "arxiv" else ""


def is_followable(url: str) -> bool:
    """Only a web link reaches a reader (the lint reports any other scheme as an error)."""
    return urlsplit(url).scheme.lower() in {"http", "https"}


def links_of(entry: Entry) -> list[str]:
    """Every link the entry gives a reader: its DOI, its preprint, its page."""
    found = [
        doi_url(entry),
        f"https://arxiv.org/abs/{arxiv_id(entry)}" if arxiv_id(entry) else "",
        entry_url(entry),
    ]
    return [url for url in found if url]


def is_web_source(entry: Entry) -> bool:
    """A page or official document, listed "Organisation — Title (year). domain"."""
    return (
        entry.type in WEB_TYPES
        and bool(entry_url(entry))
        and not any(entry.fields.get(name, "").strip() for name in PUBLICATION_FIELDS)
    )


# -- names --------------------------------------------------------------------


def _part(names: list[str]) -> str:
    return " ".join(plain(name) for name in names)


def is_others(person: Person) -> bool:
    """BibTeX's ``and others``: "et al."."""
    return str(person).strip().lower() == "others"


def person_text(person: Person, *, inverted: bool) -> str:
    """One name: "Walt, S. J. van der" is "van der Walt, S. J." (inverted) or "Stéfan van der Walt".

    A Hangul name is written family name first, without a comma or initials: 김철수.
    """
    given_names = person.first_names + person.middle_names
    # "Walt, Stéfan van der": lower-case words among the given names are the particle
    particle = [name for name in given_names if name[:1].islower()]
    last = _part(person.prelast_names + particle + person.last_names)
    given = _part([name for name in given_names if name not in particle])
    lineage = _part(person.lineage_names)
    if _HANGUL.search(last + given):
        return last + given
    if not inverted:
        return " ".join(part for part in (given, last, lineage) if part)
    initials = " ".join(abbreviate(name) for name in given.split())
    return ", ".join(part for part in (last, initials, lineage) if part)


def family_text(person: Person) -> str:
    """How a citation names a person: the family name (with its particle), a Hangul name whole."""
    last = _part(person.prelast_names + person.last_names)
    return last + _part(person.first_names + person.middle_names) if _HANGUL.search(last) else last


def name_list(names: list[str], *, et_al: bool) -> Text:
    if et_al:
        return Text(", ".join(names), " ", Tag("em", _("et al.")))
    if len(names) <= 1:
        return Text(*names)
    return Text(", ".join(names[:-1]), " " + _("and") + " ", names[-1])


@node
def persons(children, context, role: str, inverted: bool = True, suffix: bool = False) -> Text:
    """The persons of a role, cut to the first few and "et al." past ``kwelle_bib_max_names``."""
    assert not children
    entry: Entry = context["entry"]
    people = [person for person in entry.persons.get(role, ()) if not is_others(person)]
    if not people:
        raise FieldIsMissing(role, entry)
    limit = state_of(context).max_names
    cut = len(people) > limit
    shown = people[: min(NAMES_WHEN_CUT, limit)] if cut else people
    others = cut or len(people) < len(entry.persons[role])
    text = name_list([person_text(person, inverted=inverted) for person in shown], et_al=others)
    if suffix:
        text = Text(text, " ", ngettext("(ed.)", "(eds.)", len(entry.persons[role])))
    return text


@node
def cite_names(children, context, full: bool = False) -> Text:
    """A citation's names: "Chang", "Chang and Lee", three or more "Chang et al." (``full``: all)."""
    assert not children
    entry: Entry = context["entry"]
    for role in ("author", "editor"):
        everyone = entry.persons.get(role, [])
        people = [person for person in everyone if not is_others(person)]
        if people:
            et_al = len(people) < len(everyone) or (len(everyone) >= 3 and not full)
            shown = people if full else people[: 1 if et_al else 2]
            return name_list([family_text(person) for person in shown], et_al=et_al)
    return Text(Tag("em", text_of(entry, "title")))


# -- fields ---------------------------------------------------------------------


def text_of(entry: Entry, name: str) -> BaseText:
    value = raw_field(entry, name)
    if not value:
        raise FieldIsMissing(name, entry)
    return parse(value).text


@node
def latex_field(children, context, name: str) -> BaseText:
    """A field as rich text: LaTeX read by :mod:`kwelle.sources.latex`, biblatex names too."""
    assert not children
    return text_of(context["entry"], name)


@node
def pages(children, context) -> Text:
    """Page ranges with an en dash: 2152-2160, 56 -- 61 and 1593--1623 alike."""
    assert not children
    written = raw_field(context["entry"], "pages")
    if not written:
        raise FieldIsMissing("pages", context["entry"])
    return Text(_DASHES.sub("\u2013", plain(written)))


@node
def year_label(children, context) -> Text:
    """The year with its letter when the same authors have two works that year (2025a)."""
    assert not children
    entry: Entry = context["entry"]
    return Text((year_of(entry) or _("n.d.")) + state_of(context).year_suffixes.get(entry.key, ""))


@node
def source_date(children, context) -> Text:
    """A web source's date as given (2025-08-29, a range with an en dash), else its year."""
    assert not children
    entry: Entry = context["entry"]
    date = raw_field(entry, "date").replace("/", "\u2013")
    return Text(date or (year_of(entry) or _("n.d.")) + state_of(context).year_suffixes.get(entry.key, ""))


@node
def web_link(children, context) -> Text:
    assert not children
    url = entry_url(context["entry"])
    if not is_followable(url):
        raise FieldIsMissing("url", context["entry"])
    return Text(HRef(url, domain_of(url)))


@node
def identifiers(children, context) -> Text:
    """doi:… and arXiv:… as links, and the page's domain when there is no DOI."""
    assert not children
    entry: Entry = context["entry"]
    parts: list[BaseText] = []
    if doi_url(entry):
        parts.append(HRef(doi_url(entry), "doi:" + doi_url(entry).removeprefix("https://doi.org/")))
    if arxiv_id(entry):
        parts.append(HRef(f"https://arxiv.org/abs/{arxiv_id(entry)}", f"arXiv:{arxiv_id(entry)}"))
    url = entry_url(entry)
    if is_followable(url) and not doi_url(entry):
        parts.append(HRef(url, domain_of(url)))
    if not parts:
        raise FieldIsMissing("url", entry)
    return Text(". ").join(parts)


def optional_field(name: str):
    return optional[latex_field(name)]


@node
def phrase(children, context, template: str, name: str = "") -> Text:
    """A field (or the one child, such as :func:`pages`) inside a translated phrase:
    "chapter %(value)s", "%(value)s edition", "accessed %(value)s", in the order translators give."""
    if name:
        value = text_of(context["entry"], name)
    else:
        [child] = children
        value = child.format_data(context)
    before, _placeholder, after = template.partition("%(value)s")
    return Text(before, value, after)


# -- the entry style -----------------------------------------------------------


@dataclass
class StyleState:
    """What one build formats its sources with. Each app makes its own (:func:`setup_sourcestyle`),
    so two builds in one process (tests, tools) never see each other's letters or texts."""

    #: ``kwelle_bib_max_names``: a longer list of authors shows the first few and "et al."
    max_names: int = 6
    #: the letter after the year of each entry whose authors have another work that year
    year_suffixes: Mapping[str, str] = field(default_factory=dict)
    #: each entry's text, formatted once: an entry shows in every list that cites it. Keyed by
    #: the entry object (entries are not hashable), which is held so no other takes its id.
    texts: dict[int, tuple[Entry, Text]] = field(default_factory=dict)

    def remember(self, entry: Entry, text: Text) -> None:
        self.texts.setdefault(id(entry), (entry, text))


def state_of(context: Mapping[str, object]) -> StyleState:
    """The state of the style formatting (an entry style or a citation style); outside a build, the defaults."""
    return getattr(context.get("style"), "state", None) or StyleState()


class SourceStyle(UnsrtStyle):
    """pybtex's unsrt entry types, author–year; web sources and official documents by domain."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = "none"  # the order in which the article cites them

    def __init__(self, *, state: StyleState | None = None, **options: object) -> None:
        super().__init__(**options)
        self.state = StyleState() if state is None else state

    def format_entry(self, label: str, entry: Entry, bib_data: object = None) -> FormattedEntry:
        if id(entry) not in self.state.texts:
            self.state.remember(entry, self.format_text(entry))
        return FormattedEntry(entry.key, self.state.texts[id(entry)][1], label)

    def format_text(self, entry: Entry) -> Text:
        """The entry's text, by its form and its type (an unknown type is read as @misc)."""
        if is_web_source(entry):
            template = self.get_source_template(entry)
        else:
            kind = TYPE_ALIASES.get(entry.type, entry.type)
            template = getattr(self, f"get_{kind}_template", self.get_misc_template)(entry)
        return template.format_data({"entry": entry, "style": self})

    # the head every publication starts with: "Authors (year). Title."
    def head(self, e: Entry, title: object = None) -> object:
        title = latex_field("title") if title is None else title
        who = first_of[optional[persons("author")], optional[persons("editor", suffix=True)]]
        if "author" in e.persons or "editor" in e.persons:
            return join[who, " (", year_label, ").", optional[" ", sentence[title]]]
        return join[optional[sentence(add_period=False)[title], " "], "(", year_label, ")."]

    def tail(self, e: Entry) -> list[object]:
        return [
            sentence[optional_field("note")],
            optional[sentence[identifiers]],
            optional[sentence[phrase(_("accessed %(value)s"), "urldate")]],
        ]

    def publisher(self) -> object:
        return sentence[optional_field("publisher"), optional_field("address")]

    def get_source_template(self, e: Entry) -> object:
        return join[
            first_of[
                optional[persons("author", inverted=False)],
                optional_field("organization"),
                optional_field("institution"),
            ],
            optional[" \u2014 ", latex_field("title")],
            optional[", ", latex_field("type")],
            " (",
            source_date,
            ")",
            optional[". ", web_link],
            optional[". ", latex_field("note")],
            optional[". ", phrase(_("accessed %(value)s"), "urldate")],
            ".",
        ]

    def get_article_template(self, e: Entry) -> object:
        volume = join[
            optional_field("volume"),
            optional["(", latex_field("number"), ")"],
        ]
        return toplevel[
            self.head(e),
            sentence[optional[emphasised("journal")], optional[volume], optional[pages]],
            *self.tail(e),
        ]

    def get_book_template(self, e: Entry) -> object:
        return toplevel[
            self.head(e, emphasised("title")),
            sentence[
                optional[phrase(_("%(value)s edition"), "edition")],
                optional_field("series"),
                optional_field("volume"),
            ],
            self.publisher(),
            optional[sentence[words["ISBN", latex_field("isbn")]]],
            *self.tail(e),
        ]

    def get_inbook_template(self, e: Entry) -> object:
        if "booktitle" not in e.fields:  # a chapter of the author's own book
            return toplevel[
                self.head(e, emphasised("title")),
                sentence[
                    optional[phrase(_("chapter %(value)s"), "chapter")],
                    optional[phrase(_("pp. %(value)s"))[pages]],
                ],
                self.publisher(),
                *self.tail(e),
            ]
        return self.get_incollection_template(e)

    def get_incollection_template(self, e: Entry) -> object:
        editors = optional[persons("editor", suffix=True), ", "]
        return toplevel[
            self.head(e),
            sentence[
                join[_("In") + " ", editors, emphasised("booktitle")],
                optional_field("series"),
                optional_field("volume"),
                optional[phrase(_("pp. %(value)s"))[pages]],
            ],
            self.publisher(),
            optional[sentence[words["ISBN", latex_field("isbn")]]],
            *self.tail(e),
        ]

    def get_inproceedings_template(self, e: Entry) -> object:
        return toplevel[
            self.head(e),
            sentence[
                join[_("In") + " ", emphasised("booktitle")],
                optional_field("volume"),
                optional[phrase(_("pp. %(value)s"))[pages]],
            ],
            sentence[optional_field("organization"), optional_field("publisher"), optional_field("address")],
            *self.tail(e),
        ]

    def get_techreport_template(self, e: Entry) -> object:
        return toplevel[
            self.head(e),
            sentence[
                words[first_of[optional_field("type"), _("Report")], optional_field("number")],
                optional_field("institution"),
                optional_field("address"),
            ],
            *self.tail(e),
        ]

    def get_phdthesis_template(self, e: Entry) -> object:
        return self._thesis(e, _("PhD thesis"))

    def get_mastersthesis_template(self, e: Entry) -> object:
        return self._thesis(e, _("Master's thesis"))

    def get_thesis_template(self, e: Entry) -> object:
        return self._thesis(e, _("Thesis"))

    def _thesis(self, e: Entry, kind: str) -> object:
        return toplevel[
            self.head(e),
            sentence[
                first_of[optional_field("type"), kind], optional_field("school"), optional_field("address")
            ],
            *self.tail(e),
        ]

    def get_misc_template(self, e: Entry) -> object:
        return toplevel[
            self.head(e),
            sentence[optional[howpublished], optional_field("publisher"), optional_field("organization")],
            *self.tail(e),
        ]

    def get_unpublished_template(self, e: Entry) -> object:
        return self.get_misc_template(e)


@node
def emphasised(children, context, name: str) -> Tag:
    assert not children
    return Tag("em", text_of(context["entry"], name))


#: entry types laid out as another: biblatex's and exporters' own
TYPE_ALIASES = {
    "report": "techreport",
    "conference": "inproceedings",
    "collection": "book",
    "proceedings": "book",
    "mvbook": "book",
    "booklet": "book",
    "bookinbook": "inbook",
    "inreference": "incollection",
    "electronic": "misc",
    "online": "misc",
    "www": "misc",
    "software": "misc",
    "dataset": "misc",
    "manual": "techreport",
}


@node
def howpublished(children, context) -> BaseText:
    """howpublished, unless it is only a ``\\url{…}``: the URL is the entry's link."""
    assert not children
    entry: Entry = context["entry"]
    latex = raw_field(entry, "howpublished")
    url = first_url(latex)
    if url and not plain(latex).replace(url, "").strip(" ."):
        raise FieldIsMissing("howpublished", entry)
    return text_of(entry, "howpublished")


# -- citations ------------------------------------------------------------------


class JournalPersonStyle(PersonStyle):
    """Names in citations: "Chang", "Chang and Lee", "Chang et al."; ``and others`` is "et al."."""

    def author_or_editor_or_title(self, full: bool) -> object:
        return cite_names(full=full)


@dataclass
class ParentheticalStyle(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name: str) -> object:
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[
                join(sep=self.author_year_sep)[
                    self.person.author_or_editor_or_title("s" in role_name), year_label
                ]
            ],
            post_text,
        ]


@dataclass
class TextualStyle(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name: str) -> object:
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title("s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                    pre_text, reference[year_label], post_text
                ],
                self.bracket.right,
            ],
        ]


@dataclass
class YearStyle(ExtraYearReferenceStyle):
    def inner(self, role_name: str) -> object:
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text, reference[year_label], post_text
        ]


def _round() -> BracketStyle:
    # semicolons between sources: corporate authors often contain commas themselves
    return BracketStyle(left="(", right=")", sep="; ", sep2="; ", last_sep="; ")


@dataclass
class JournalReferenceStyle(GroupReferenceStyle):
    """Chang (2025) and (OECD, 2025; IMF, 2025a), as newspapers and policy papers cite."""

    person: PersonStyle = field(default_factory=JournalPersonStyle)
    #: the build's year letters (:class:`StyleState`), read by ``year_label``
    state: StyleState = field(default_factory=StyleState)

    def __post_init__(self) -> None:
        self.styles.extend([
            ParentheticalStyle(bracket=_round(), person=self.person),
            TextualStyle(bracket=_round(), person=self.person),
            ExtraAuthorReferenceStyle(bracket=_round(), person=self.person),
            ExtraLabelReferenceStyle(bracket=_round()),
            YearStyle(bracket=_round()),
            ExtraEmptyReferenceStyle(),
        ])  # fmt: skip
        super().__post_init__()


def year_suffixes(entries: Iterable[Entry]) -> dict[str, str]:
    """2025a, 2025b: a letter for each work whose cited names and year another work shares.

    Letters go in the order of the .bib file, so a list and its citations agree everywhere.
    """
    works: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        year = year_of(entry)
        if year:
            names = cite_names.format_data({"entry": entry}).render_as("text")
            works[names, year].append(entry.key)
    return {
        key: "abcdefghijklmnopqrstuvwxyz"[index % 26]
        for keys in works.values()
        if len(keys) > 1
        for index, key in enumerate(keys)
    }


def plain_text(latex: str) -> str:
    """A bib field (with braces and LaTeX escapes) as a reader sees it."""
    return plain(latex)


class BuildStyles:
    """One app's styles and their :class:`StyleState`, in pybtex's and sphinxcontrib-bibtex's registries.

    Both make a style from the name a bibliography or ``bibtex_reference_style`` gives, with no
    arguments, from a registry shared by the process: each build puts its own there when it
    starts, so the style it formats with is bound to its own state.
    """

    def __init__(self) -> None:
        self.state = StyleState()

    def register(self, *args: object) -> None:
        register("pybtex.style.formatting", ENTRY_STYLE, partial(SourceStyle, state=self.state))
        sphinxcontrib.bibtex.plugin.register_plugin(
            "sphinxcontrib.bibtex.style.referencing",
            REFERENCE_STYLE,
            partial(JournalReferenceStyle, state=self.state),
            force=True,
        )

    def configure(self, app: Sphinx) -> None:
        """The configured name limit, and the year letters of the .bib files just read."""
        self.state.max_names = get_config(app).bib_max_names
        entries: Mapping[str, Entry] = app.env.get_domain("cite").bibdata.data.entries
        suffixes = year_suffixes(entries.values())
        if suffixes != self.state.year_suffixes:  # texts formatted with other letters are stale
            self.state.texts.clear()
            self.state.year_suffixes = suffixes
        app.env.kwelle_year_suffixes = suffixes  # for kwelle.sources.changes, before any page is read

    def reuse_formatted_texts(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """Entries unchanged since the last build keep the text they were given then.

        The environment keeps last build's citations, entry and text, beside the bib entries: an
        entry the .bib edit did not touch is the very same object there (one pickle), so its text
        is current. Formatting every entry again was most of a no-op rebuild.
        """
        # a text made with other year letters, another name limit or in another language is not
        # current, changed or not
        made_with = (self.state.max_names, self.state.year_suffixes, app.config.language)
        if getattr(env, "kwelle_texts_made_with", None) != made_with:
            env.kwelle_texts_made_with = made_with
            return
        domain = env.get_domain("cite")
        entries = domain.bibdata.data.entries
        for citation in domain.citations:
            bibliography = domain.bibliographies.get(citation.bibliography_key)
            if (
                bibliography
                and bibliography.style == ENTRY_STYLE
                and entries.get(citation.entry.key) is citation.entry
            ):
                self.state.remember(citation.entry, citation.formatted_entry.text)


def year_suffixes_of(env: BuildEnvironment) -> Mapping[str, str]:
    """The build's year letters (2025a), known once the .bib files are read."""
    return getattr(env, "kwelle_year_suffixes", {})


def setup_sourcestyle(app: Sphinx) -> None:
    register_cached_plugins()  # kwelle.upstream.pybtex: a plugin lookup without entry points
    styles = BuildStyles()
    # now, for the reference style sphinxcontrib-bibtex makes at builder-inited, and again as
    # each build reads, for the entry styles it makes while it writes (another app may have
    # registered its own in between)
    styles.register()
    app.connect("env-before-read-docs", styles.register, priority=0)
    # after sphinxcontrib-bibtex has read the .bib files (default priority)
    app.connect("builder-inited", styles.configure, priority=800)
    app.connect("env-before-read-docs", styles.reuse_formatted_texts)
