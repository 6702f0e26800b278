"""Strict reading of the .bib files: a broken file is an error naming the file and line.

sphinxcontrib-bibtex crashes on a syntax error with a traceback that does not name the
file, and keeps going past a repeated key. The journal checks each file first, reports
what is wrong as an ordinary build error, and leaves a broken file out of the build so
that the rest of the journal can still be checked (``--keep-going``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import DuplicateField, Parser, UndefinedMacro
from pybtex.scanner import PybtexSyntaxError
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from kwelle.upstream.sphinxcontrib_bibtex import PARSE_BIBFILES_PRIORITY

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sphinx.application import Sphinx

_ENTRY_START = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(][ \t]*(?P<key>[^,\s]+)[ \t]*,", re.MULTILINE)
_DUPLICATE_FIELD = re.compile(r"entry with key (?P<key>\S+) has a duplicate (?P<field>\S+) field")
_REPEATED_KEY = re.compile(r"repeated bibliograh?phy entry: (?P<key>\S+)")


logger = logging.getLogger(__name__)


class BibFileError(ValueError):
    """A .bib file that cannot be read as it stands; the message starts with file:line."""


def entry_lines(bib_text: str) -> dict[str, int]:
    """The 1-based line on which each entry of a .bib file starts, by key (the last, if repeated)."""
    return {
        match["key"]: bib_text.count("\n", 0, match.start()) + 1 for match in _ENTRY_START.finditer(bib_text)
    }


def bibfile_paths(app: Sphinx) -> list[Path]:
    """The configured .bib files, resolved as sphinxcontrib-bibtex resolves them."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]


class _TolerantParser(Parser):
    """What BibTeX itself only warns about (a field given twice, an undefined @string) is noted."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding=encoding)
        self.tolerated: list[tuple[str, str]] = []

    def handle_error(self, error: Exception) -> None:
        duplicate = _DUPLICATE_FIELD.fullmatch(str(error)) if isinstance(error, DuplicateField) else None
        if duplicate:
            self.tolerated.append(
                (duplicate["key"], f"field given twice: {duplicate['field']} (the first is used)")
            )
        elif isinstance(error, UndefinedMacro):
            self.tolerated.append(("", f"undefined @string: {error} (it reads as empty)"))
        else:
            raise error


def parse_strictly(path: Path, encoding: str) -> list[tuple[str, str]]:
    """Parse one .bib file; raise :class:`BibFileError` naming file and line if it is broken.

    Returns what BibTeX would only warn about, as (key, message).
    """
    parser = _TolerantParser(encoding)
    try:
        parser.parse_file(path)
    except PybtexSyntaxError as err:
        raise BibFileError(f"{path}:{err.lineno}: {err.error_type}: {err.args[0]}") from None
    except BibliographyDataError as err:
        repeated = _REPEATED_KEY.search(str(err))
        if not repeated:
            raise BibFileError(f"{path}: {err}") from None
        key = repeated["key"]
        line = entry_lines(path.read_text(encoding=encoding)).get(key, 1)
        raise BibFileError(
            f"{path}:{line}: key {key!r} is used by two entries; keys must be unique"
        ) from None
    except OSError as err:
        raise BibFileError(f"{path}: cannot read the bibliography: {err.strerror}") from None
    return parser.tolerated


def check_bibfiles(app: Sphinx) -> None:
    """Before sphinxcontrib-bibtex reads the .bib files, and only when they changed, check them."""
    paths = bibfile_paths(app)
    encoding = app.config.bibtex_encoding
    if not is_bibdata_outdated(app.env.get_domain("cite").bibdata, paths, encoding):
        return
    readable = []
    for name, path in zip(app.config.bibtex_bibfiles, paths, strict=True):
        try:
            parse_strictly(path, encoding)
        except BibFileError as err:
            logger.error("%s", err, type="kwelle", subtype="bibfile")
        else:
            readable.append(name)
    app.config.bibtex_bibfiles = readable


class TolerantReading:
    """While sphinxcontrib-bibtex reads the checked files, pybtex's warnings are not exceptions
    (they are the lint's notices). One per app: the capture it opens is its own to close."""

    def __init__(self) -> None:
        self.capture: AbstractContextManager | None = None

    def begin(self, app: Sphinx) -> None:
        self.capture = pybtex.errors.capture()
        self.capture.__enter__()

    def end(self, app: Sphinx) -> None:
        if self.capture is not None:
            self.capture.__exit__(None, None, None)
            self.capture = None


def setup_bibfiles(app: Sphinx) -> None:
    tolerant = TolerantReading()
    # before sphinxcontrib-bibtex parses the files, and around it
    app.connect("builder-inited", check_bibfiles, priority=PARSE_BIBFILES_PRIORITY - 100)
    app.connect("builder-inited", tolerant.begin, priority=PARSE_BIBFILES_PRIORITY - 1)
    app.connect("builder-inited", tolerant.end, priority=PARSE_BIBFILES_PRIORITY + 1)
