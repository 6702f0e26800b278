"""Bibliography lint: what the journal's .bib files must get right, and what to look at.

Runs in every build and on its own as ``nox -s check-refs`` (:mod:`kwelle.cli.check_refs`),
which also reports entries no page cites. Every finding of an entry comes in one run.

Errors are what would break the build or mislead a reader: a file that does not parse, a
repeated key (both :mod:`kwelle.sources.bibfiles`), a link with an unsafe scheme
(``javascript:``, ``data:``, ``file:``, …). Everything else is a notice naming file and line:
no author, title, year or link (url, doi or arXiv eprint), an ``http:`` link, LaTeX that
cannot be shown (an unknown macro), a field given twice, a title in [brackets] (its exact
title was not seen: verify it), and an entry without a valid ``group`` and ``region``, which
is then not on the References page's grouped lists.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pybtex.database import parse_file
from pybtex.errors import capture
from sphinx.util import logging

from kwelle.config import get_config
from kwelle.sources.bibfiles import BibFileError, bibfile_paths, entry_lines, parse_strictly
from kwelle.sources.groups import classify
from kwelle.sources.latex import parse
from kwelle.sources.style import links_of, year_of

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: fields a reader sees, whose LaTeX must read as text
DISPLAYED = (
    "title", "booktitle", "journal", "journaltitle", "note", "howpublished", "publisher",
    "series", "school", "institution", "organization", "address", "location", "edition",
    "type", "chapter", "volume", "number", "pages", "urldate", "date", "year", "isbn",
)  # fmt: skip
#: schemes a reader's browser may follow from a reference list
LINK_SCHEMES = {"https", "http"}


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "notice"
    path: Path
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.key}: {self.message}"

    @property
    def kind(self) -> str:
        """What sort of finding, for a summary: the message up to its first colon or semicolon."""
        return self.message.split(":")[0].split(";")[0].split(" (")[0]


def lint_entry(entry: Entry, groups: Collection[str], regions: Collection[str]) -> Iterable[tuple[str, str]]:
    """(severity, message) for each problem of one entry."""
    fields = entry.fields
    if (
        not entry.persons.get("author")
        and not entry.persons.get("editor")
        and not any(fields.get(name, "").strip() for name in ("organization", "institution"))
    ):
        yield "notice", "no author: give one or an organisation (a corporate author goes in double braces)"
    if not fields.get("title", "").strip():
        yield "notice", "no title"
    if not year_of(entry):
        yield "notice", "no year: give a year or a date; the entry shows (n.d.)"
    links = links_of(entry)
    if not links:
        yield "notice", "no link: give a url, a doi or an arXiv eprint"
    for url in links:
        yield from _check_url(url, fields.get("note", ""))
    yield from _check_latex(entry)
    if groups:
        try:
            classify(fields, groups, regions)
        except ValueError as err:
            yield "notice", f"not on the References page's grouped lists: it {err}"
    title = fields.get("title", "").strip()
    if title.startswith("[") and title.endswith("]"):
        yield "notice", "title in [brackets]: the exact title was not seen, verify it"


def _check_url(url: str, note: str) -> Iterable[tuple[str, str]]:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in LINK_SCHEMES:
        yield "error", f"url scheme {scheme + ':' if scheme else '(none)'} is not allowed; use https"
    elif scheme == "http" and "http" not in note.lower():
        yield "notice", f"http link: {url} (use https where the site has it)"


def _check_latex(entry: Entry) -> Iterable[tuple[str, str]]:
    for name in DISPLAYED:
        for problem in parse(entry.fields.get(name, "")).problems:
            yield "notice", f"{problem} in {name}: it is left out; write the text it stands for"
    for role, people in entry.persons.items():
        for problem in {problem for person in people for problem in parse(str(person)).problems}:
            yield "notice", f"{problem} in {role}: it is left out; write the text it stands for"


def lint_file(
    path: Path, groups: Collection[str], regions: Collection[str], encoding: str = "utf-8-sig"
) -> list[Finding]:
    """Every finding in one .bib file; a file that does not parse is one error."""
    try:
        tolerated = parse_strictly(path, encoding)
    except BibFileError as err:
        location, _, message = str(err).partition(": ")
        line = int(location.rpartition(":")[2]) if location.rpartition(":")[2].isdigit() else 1
        return [Finding("error", path, line, "", message)]
    with capture():  # what BibTeX only warns about is in ``tolerated``
        entries = parse_file(path, "bibtex", encoding=encoding).entries
    return lint_entries(path, entries, groups, regions, encoding, tolerated)


def lint_entries(  # noqa: PLR0917 (one file's entries and how to read them)
    path: Path,
    entries: Mapping[str, Entry],
    groups: Collection[str],
    regions: Collection[str],
    encoding: str,
    tolerated: Iterable[tuple[str, str]] = (),
) -> list[Finding]:
    lines = entry_lines(path.read_text(encoding=encoding))
    found = [
        Finding("notice", path, lines.get(key, 1), key, message) for key, message in dict.fromkeys(tolerated)
    ]
    found += [
        Finding(severity, path, lines.get(key, 1), key, message)
        for key, entry in entries.items()
        for severity, message in lint_entry(entry, groups, regions)
    ]
    return sorted(found, key=lambda finding: finding.line)


def lint_bibliography(app: Sphinx) -> None:
    """In the build: errors fail it (-W), notices are listed once in the build log.

    The build lints the entries sphinxcontrib-bibtex has read (kwelle.sources.bibfiles checked the
    file when it changed), so that a build that reads nothing new parses nothing again.
    """
    groups, regions = get_config(app).source_groups, get_config(app).source_regions
    bibdata = app.env.get_domain("cite").bibdata
    for path in bibfile_paths(app):
        entries = {key: bibdata.data.entries[key] for key in bibdata.bibfiles[path].keys}
        for finding in lint_entries(path, entries, groups, regions, app.config.bibtex_encoding):
            if finding.severity == "error":
                logger.error("%s: %s", finding.key, finding.message, location=f"{path}:{finding.line}",
                             type="kwelle", subtype="biblint")  # fmt: skip
            else:
                logger.info("%s", finding)


def setup_biblint(app: Sphinx) -> None:
    # after sphinxcontrib-bibtex has parsed the .bib files (its handler has the default priority)
    app.connect("builder-inited", lint_bibliography, priority=900)
