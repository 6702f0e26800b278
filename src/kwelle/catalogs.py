"""A translated edition's ``.po`` files: checked strictly, and counted.

A translated build (``-D language=de``) checks every catalog of its language, each problem a
``kwelle.translation`` warning (an error in the strict build) at the ``.po`` file's line:

- a line that is not PO syntax (an unclosed string, a misspelt keyword): Sphinx and Babel
  would skip it without a word;
- a ``#, fuzzy`` entry: Sphinx leaves it out, so the page would quietly show the source text;
- a translated entry whose source text no longer occurs in its page (the paragraph changed:
  run ``nox -s translations``, then translate the new text);
- an obsolete (``#~``) entry left after ``sphinx-intl update``: the translation of a text that
  is gone, to reuse or delete;
- a translation Sphinx cannot use: one that does not read as a single paragraph (a line
  that starts "1." or "-" is a list in Markdown: write ``1\\.``), which would leave the
  source text on the page;
- a translation whose roles differ from the source's: each `` {cite:p}`key` ``,
  `` {ref}`target` `` or link target of the source must be in the translation, and no other
  (Sphinx compares some of them itself, naming the page, not the ``.po`` line).

The checks and the counts are pure functions (:func:`problems`, :func:`coverage`), which
:mod:`kwelle.cli.translations` uses too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.pofile import PoFileError, read_po
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from kwelle.config import is_translation
from kwelle.envstore import PerDocument
from kwelle.upstream.sphinx import (
    LOCALE_PRIORITY,
    catalog_files,
    catalog_path,
    page_messages,
    text_domain,
    translatable,
)

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

_STRING = r'"(?:[^"\\]|\\.)*"'
#: the lines a PO file is made of, besides comments (#...) and blank lines
_PO_LINE = re.compile(rf"^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_STRING}\s*$")
#: a MyST role: {name}`content`
_ROLE = re.compile(r"\{(?P<name>[\w:.+-]+)\}`(?P<content>[^`]*)`")
#: a Markdown link's target: [text](target)
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
#: an HTML tag or autolink, outside roles (whose ``<target>`` the roles' check compares)
_TAG = re.compile(r"<[A-Za-z!/?][^<>]*>")


class CatalogError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def read_catalog(path: Path) -> Catalog:
    """A ``.po`` file, refused (:class:`CatalogError` with its line) where it is not PO syntax."""
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#") and not _PO_LINE.match(line):
            raise CatalogError(
                f"not PO syntax (an unclosed string, or an unknown keyword): {line.strip()!r}", number
            )
    try:
        return read_po(text.splitlines(keepends=True), abort_invalid=True)
    except PoFileError as err:
        raise CatalogError(str(err), err.lineno + 1) from None


def tags(text: str) -> Counter[str]:
    """The HTML tags (and autolinks) a message writes outside its roles."""
    return Counter(_TAG.findall(_ROLE.sub("", text)))


def references(text: str) -> Counter[tuple[str, str]]:
    """The roles and link targets of a message: what a translation must keep as it is. A
    role's shown text may change (`` {ref}`Text <target>` ``), its target may not; several
    citation keys count one by one, in any order."""
    found: Counter[tuple[str, str]] = Counter()
    for match in _ROLE.finditer(text):
        name, content = match["name"], match["content"]
        target = content.rpartition("<")[2].rstrip(">") if content.rstrip().endswith(">") else content
        if name == "lang":
            target = target.partition(":")[0]
        if name.startswith("cite"):
            found.update((name, key.strip()) for key in target.split(","))
        else:
            found[name, target.strip()] += 1
    found.update(("link", match["target"]) for match in _LINK.finditer(text))
    return found


def _shown(found: Counter[tuple[str, str]]) -> str:
    return ", ".join(f"{{{name}}}`{target}`" for name, target in sorted(found.elements())) or "none"


def problems(catalog: Catalog, source_texts: set[str] | None) -> list[tuple[int, str]]:
    """Each problem of a catalog, with its line (``source_texts``: the page's messages,
    None where the page was not read)."""
    found = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        line = message.lineno or 1
        if message.fuzzy:
            found.append(
                (
                    line,
                    f"fuzzy entry (Sphinx leaves it out): check it, then delete the fuzzy flag: {_short(message)}",
                )
            )
            continue
        if source_texts is not None and message.id not in source_texts:
            found.append(
                (
                    line,
                    f"stale entry: its text is no longer in the page; run `nox -s translations`: {_short(message)}",
                )
            )
            continue
        source, translation = references(str(message.id)), references(str(message.string))
        if source != translation:
            found.append(
                (
                    line,
                    f"the translation's roles and links differ from the source's: source {_shown(source)}, translation {_shown(translation)}",
                )
            )
        elif added := sorted(tags(str(message.string)) - tags(str(message.id))):
            found.append(
                (
                    line,
                    f"raw HTML the source does not have: {', '.join(added)} (write Markdown, as the source)",
                )
            )
    found.extend(
        (message.lineno or 1, f"obsolete entry (#~) of a text that is gone: reuse or delete it: {_short(message)}")
        for message in catalog.obsolete.values()
    )  # fmt: skip
    return sorted(found)


def _short(message: Message) -> str:
    text = str(message.id)
    return repr(text if len(text) <= 60 else text[:57] + "...")


@dataclass(frozen=True)
class Coverage:
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
        )


def coverage(catalog: Catalog) -> Coverage:
    """How much of a catalog is translated (its header and obsolete entries not counted)."""
    entries = [message for message in catalog if message.id]
    fuzzy = sum(1 for message in entries if message.fuzzy and message.string)
    translated = sum(1 for message in entries if message.string and not message.fuzzy)
    return Coverage(translated, fuzzy, len(entries) - translated - fuzzy)


#: each page's source texts, as its catalog must name them
PAGE_MESSAGES = PerDocument("kwelle_page_messages")


class CollectMessages(SphinxTransform):
    """The page's messages as ``-b gettext`` would extract them, just before ``Locale``
    (after the front matter's and the charts' have joined them)."""

    default_priority = LOCALE_PRIORITY - 1

    def apply(self, **kwargs: object) -> None:
        if not is_translation(self.env):
            return
        PAGE_MESSAGES.of(self.env)[self.env.docname] = page_messages(self.document)


class CheckTranslationsUsed(SphinxTransform):
    """Just after ``Locale``: a message its catalog translates that is still untranslated
    could not be used (Sphinx skips a translation that is not one paragraph)."""

    default_priority = LOCALE_PRIORITY + 1  # before the front matter's and charts' messages are read

    def apply(self, **kwargs: object) -> None:
        path = catalog_path(self.env, self.env.docname) if is_translation(self.env) else None
        if path is None:
            return
        try:
            catalog = read_catalog(path)
        except CatalogError:
            return  # check_catalogs reports it
        for node, text in translatable(self.document):
            entry = catalog.get(text) if node.get("translated") is False else None
            if entry is not None and str(entry.string).strip() and not entry.fuzzy:
                _warn(path, entry.lineno or 1, "Sphinx cannot use this translation: it does not read as one"
                      " paragraph (a line starting '1.' or '-' is a list; write '1\\.'): " + _short(entry))  # fmt: skip


def check_catalogs(app: Sphinx, env: BuildEnvironment) -> None:
    """Every catalog of the edition's language, checked (module docstring)."""
    if not is_translation(env):
        return
    pages = {text_domain(env, docname): docname for docname in env.found_docs}
    read = PAGE_MESSAGES.of(env)
    for domain, path in sorted(catalog_files(env).items()):
        try:
            catalog = read_catalog(path)
        except CatalogError as err:
            _warn(path, err.line, f"cannot be read: {err}")
            continue
        docname = pages.get(domain)
        for line, problem in problems(catalog, read.get(docname) if docname else None):
            _warn(path, line, problem)


def _warn(path: Path, line: int, message: str) -> None:
    logger.warning(
        "translation: %s", message, location=f"{path}:{line}", type="kwelle", subtype="translation"
    )


def setup_catalogs(app: Sphinx) -> None:
    PAGE_MESSAGES.connect(app)
    app.add_transform(CollectMessages)
    app.add_transform(CheckTranslationsUsed)
    app.connect("env-check-consistency", check_catalogs)
