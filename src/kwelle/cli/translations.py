"""``nox -s translations``: refresh the editions' catalogs, and say how much of each is translated.

    python -m kwelle.cli.translations [SOURCEDIR] [--build BUILD] [-l de -l ko] [--report-only]

The ecosystem's steps: ``sphinx-build -b gettext`` writes one ``.pot`` per page into
``BUILD/gettext``, then ``sphinx-intl update`` brings ``SOURCEDIR/locale/<lang>/LC_MESSAGES/``
up to it for each translated edition (``kwelle_editions`` after the first, or ``-l``): new
texts arrive untranslated, changed ones fuzzy, removed ones obsolete (``#~``). Then a table
per edition: translated, fuzzy and untranslated messages per catalog and in total.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sphinx.cmd.build import build_main

from kwelle.catalogs import CatalogError, Coverage, coverage, read_catalog
from kwelle.config import read_settings


def extract(srcdir: Path, build: Path) -> int:
    """``sphinx-build -b gettext``: the pages' messages as ``.pot`` files in ``build/gettext``."""
    return build_main(
        ["-b", "gettext", "-q", "-d", str(build / "gettext-doctrees"), str(srcdir), str(build / "gettext")]
    )


def update(srcdir: Path, build: Path, languages: list[str]) -> None:
    from sphinx_intl.basic import update as intl_update  # noqa: PLC0415 (the translations group's)

    intl_update(str(srcdir / "locale"), str(build / "gettext"), tuple(languages), jobs=1)


def report(locale: Path, language: str) -> tuple[str, bool]:
    """One edition's coverage as a table, and whether every catalog could be read."""
    folder = locale / language / "LC_MESSAGES"
    lines = [f"{language}: translated / fuzzy / untranslated"]
    total, readable = Coverage(0, 0, 0), True
    for path in sorted(folder.rglob("*.po")):
        name = path.relative_to(folder).as_posix()
        try:
            counts = coverage(read_catalog(path))
        except CatalogError as err:
            lines.append(f"  {path}:{err.line}: cannot be read: {err}")
            readable = False
            continue
        total += counts
        lines.append(f"  {name}: {_counts(counts)}")
    lines.append(f"  total: {_counts(total)}")
    return "\n".join(lines), readable


def _counts(counts: Coverage) -> str:
    share = 100 * counts.translated / counts.total if counts.total else 0
    return f"{counts.translated} / {counts.fuzzy} / {counts.untranslated} ({share:.0f} % translated)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kwelle.cli.translations", description=__doc__.splitlines()[0]
    )
    parser.add_argument("srcdir", nargs="?", type=Path, default=Path("docs"))
    parser.add_argument("--build", type=Path, default=Path("build"), help="where build/gettext goes")
    parser.add_argument("-l", "--language", action="append", dest="languages", help="an edition to refresh")
    parser.add_argument("--report-only", action="store_true", help="count, without extracting or updating")
    args = parser.parse_args(argv)
    settings, _ = read_settings(args.srcdir)
    locale = args.srcdir / "locale"
    languages = (
        args.languages or settings.editions[1:] or sorted(p.name for p in locale.glob("*") if p.is_dir())
    )
    if not languages:
        print("no edition to translate: set kwelle_editions in conf.py, or give -l LANG", file=sys.stderr)
        return 2
    if not args.report_only:
        if extract(args.srcdir, args.build):
            print("sphinx-build -b gettext failed: see its messages above", file=sys.stderr)
            return 1
        update(args.srcdir, args.build, languages)
    readable = True
    for language in languages:
        table, ok = report(locale, language)
        print(table)
        readable = readable and ok
    return 0 if readable else 1


if __name__ == "__main__":
    sys.exit(main())
