"""Bibliography lint: what every entry of the journal's .bib files must get right.

Runs in every build (errors fail it) and on its own as ``nox -s check-refs``
(:mod:`kwelle.cli.check_refs`), which also reports entries no page cites.

Errors: a missing author or organisation, title, year or url; a URL that is not https
(http needs a reason in ``note``; javascript:, data:, file: never); keywords outside the
journal's vocabulary, or not exactly one group and one region. Notices: a title in
[brackets] (its exact title was not seen: verify it), an entry nothing cites.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pybtex.database import parse_file
from sphinx.util import logging

from kwelle.config import get_config
from kwelle.sources.bibfiles import BibFileError, bibfile_paths, entry_lines, parse_strictly
from kwelle.sources.groups import classify

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

REQUIRED = ("title", "year", "url")


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "notice"
    path: Path
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.key}: {self.message}"


def lint_entry(entry: Entry, groups: Collection[str], regions: Collection[str]) -> Iterable[tuple[str, str]]:
    """(severity, message) for each problem of one entry."""
    fields = entry.fields
    if not entry.persons.get("author") and not fields.get("organization") and not fields.get("institution"):
        yield "error", "needs an author or organisation (a corporate author goes in double braces)"
    for name in REQUIRED:
        if not fields.get(name, "").strip():
            yield "error", f"needs a {name}"
    url = fields.get("url", "").strip()
    if url:
        yield from _check_url(url, fields.get("note", ""))
    yield from _check_keywords(fields.get("keywords", ""), groups, regions)
    title = fields.get("title", "").strip()
    if title.startswith("[") and title.endswith("]"):
        yield "notice", "title in [brackets]: the exact title was not seen, verify it"


def _check_url(url: str, note: str) -> Iterable[tuple[str, str]]:
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https":
        return
    if scheme == "http":
        if "http" not in note.lower():
            yield "error", "url is http: use https, or say in note why the source has no https"
        return
    yield "error", f"url scheme {scheme + ':' if scheme else '(none)'} is not allowed; use https"


def _check_keywords(
    keywords: str, groups: Collection[str], regions: Collection[str]
) -> Iterable[tuple[str, str]]:
    unknown = [w.strip() for w in keywords.split(",") if w.strip() and w.strip() not in (*groups, *regions)]
    if unknown:
        yield "error", f"keywords outside the vocabulary: {', '.join(unknown)}"
    try:
        classify(keywords, groups, regions)
    except ValueError as err:
        yield "error", str(err)


def lint_file(
    path: Path, groups: Collection[str], regions: Collection[str], encoding: str = "utf-8-sig"
) -> list[Finding]:
    """Every finding in one .bib file; a file that does not parse is one error."""
    try:
        parse_strictly(path, encoding)
    except BibFileError as err:
        location, _, message = str(err).partition(": ")
        line = int(location.rpartition(":")[2]) if location.rpartition(":")[2].isdigit() else 1
        return [Finding("error", path, line, "", message)]
    entries = parse_file(path, "bibtex", encoding=encoding).entries
    return lint_entries(path, entries, groups, regions, encoding)


def lint_entries(
    path: Path, entries: Mapping[str, Entry], groups: Collection[str], regions: Collection[str], encoding: str
) -> list[Finding]:
    lines = entry_lines(path.read_text(encoding=encoding))
    return [
        Finding(severity, path, lines.get(key, 1), key, message)
        for key, entry in entries.items()
        for severity, message in lint_entry(entry, groups, regions)
    ]


def lint_bibliography(app: Sphinx) -> None:
    """In the build: errors fail it (-W), notices are listed once in the build log.

    The build lints the entries sphinxcontrib-bibtex has read (kwelle.sources.bibfiles checked the
    file when it changed), so that a build that reads nothing new parses nothing again.
    """
    groups, regions = get_config(app).source_groups, get_config(app).source_regions
    if not groups:  # a site without the journal's vocabulary: nothing to check against
        return
    bibdata = app.env.get_domain("cite").bibdata
    for path in bibfile_paths(app):
        entries = {key: bibdata.data.entries[key] for key in bibdata.bibfiles[path].keys}
        for finding in lint_entries(path, entries, groups, regions, app.config.bibtex_encoding):
            if finding.severity == "error":
                logger.error("%s: %s", finding.key, finding.message, location=f"{path}:{finding.line}",
                             type="kwelle", subtype="biblint")  # fmt: skip
            else:
                logger.info("%s:%s: %s: %s", path, finding.line, finding.key, finding.message)


def setup_biblint(app: Sphinx) -> None:
    # after sphinxcontrib-bibtex has parsed the .bib files (its handler has the default priority)
    app.connect("builder-inited", lint_bibliography, priority=900)
