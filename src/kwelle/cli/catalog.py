"""The extension's message catalogs, kept in step with its code (``nox -s catalog``).

    python -m kwelle.cli.catalog          # extract kwelle.pot, update each .po, compile each .mo
    python -m kwelle.cli.catalog --check  # change nothing; fail if any of them is out of date

Messages are the ``_("…")`` and ``ngettext("…", "…", n)`` calls in ``src/kwelle``
(:mod:`kwelle.i18n`), read by Babel's extractor. A message new in the code is added to each
``.po`` untranslated, and ``--check`` (run by the tests) fails until a translator fills it in;
one the code no longer has is dropped. furo's words (:mod:`kwelle.theme.words`) are translated
by hand in their ``.po`` files; this compiles their ``.mo``.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from kwelle.i18n import CATALOG, LOCALE_DIR
from kwelle.theme import words

PACKAGE = LOCALE_DIR.parent
#: the languages the package ships its words in
LANGUAGES = ("de", "ko")
KEYWORDS = {"_": None, "ngettext": (1, 2)}
TEMPLATE = LOCALE_DIR / f"{CATALOG}.pot"


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{CATALOG}.po"


def theme_po_path(language: str) -> Path:
    return words.LOCALE_DIR / language / "LC_MESSAGES" / f"{words.CATALOG}.po"


HEADER = """\
# The words the kwelle extension prints, for translators.
# Kept in step with the code by `python -m kwelle.cli.catalog`: edit translations in the .po files."""


def extract() -> Catalog:
    """Every message of the package's code, with the files that use it."""
    template = Catalog(project=CATALOG, header_comment=HEADER, msgid_bugs_address="",
                       fuzzy=False)  # fmt: skip
    found = extract_from_dir(
        PACKAGE, [("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message, locations=[(f"kwelle/{filename}", lineno)], auto_comments=comments, context=context
        )
    if TEMPLATE.is_file():  # the same messages keep their date: --check compares whole files
        with TEMPLATE.open("rb") as file:
            shipped = read_po(file)
        if _ids(shipped) == _ids(template):
            template.creation_date = shipped.creation_date
    return template


def _ids(catalog: Catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


def updated(language: str, template: Catalog) -> Catalog:
    """The language's catalog with the template's messages: new ones untranslated, gone ones dropped."""
    path = po_path(language)
    if path.is_file():
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
    else:
        catalog = Catalog(locale=language, project=CATALOG, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # no line numbers: an edit elsewhere in a module does not churn every catalog
    write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=True, sort_output=True)
    return out.getvalue()


def mo_bytes(po: bytes, language: str) -> bytes:
    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po), locale=language))
    return out.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    """Messages without a translation (or marked fuzzy): the build would show them in English."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def wanted_files() -> dict[Path, bytes]:
    """Each catalog file as the code asks for it."""
    template = extract()
    files = {TEMPLATE: po_bytes(template)}
    for language in LANGUAGES:
        po = po_bytes(updated(language, template))
        files[po_path(language)] = po
        files[po_path(language).with_suffix(".mo")] = mo_bytes(po, language)
        theme = theme_po_path(language)
        files[theme.with_suffix(".mo")] = mo_bytes(theme.read_bytes(), language)
    return files


def problems() -> list[str]:
    """What is out of date or untranslated, one line each; empty when all is well."""
    found = [
        f"{path.relative_to(PACKAGE.parent)} is out of date: run python -m kwelle.cli.catalog"
        for path, data in wanted_files().items()
        if not path.is_file() or path.read_bytes() != data
    ]
    for path in [*map(po_path, LANGUAGES), *map(theme_po_path, LANGUAGES)]:
        if path.is_file():
            with path.open("rb") as file:
                language = path.parents[1].name
                found += [
                    f"{path.relative_to(PACKAGE.parent)}: not translated: {message!r}"
                    for message in untranslated(read_po(file, locale=language))
                ]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kwelle.cli.catalog", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if a file is out of date")
    args = parser.parse_args(argv)
    if not args.check:
        for path, data in wanted_files().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_file() or path.read_bytes() != data:
                path.write_bytes(data)
                print(f"wrote {path.relative_to(PACKAGE.parent)}")
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
