"""What the commands building the PDF and ePub editions share: a strict Sphinx run, the work
done two at a time, the files collected where the HTML build finds them, one build per language
edition (``--language CODE``, repeatable: only those), and the exit.

The root edition's files go where they always went (BUILDDIR/pdf/, BUILDDIR/epub/); a
translation's are built with ``-D language=<code>`` beside them (BUILDDIR/latex-<code>/) and
collected into BUILDDIR/pdf/<code>/, where its HTML edition finds them
(:mod:`kwelle.editions.downloads`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kwelle.cli.safebuild import editions, split_languages

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

T = TypeVar("T")
R = TypeVar("R")


class EditionError(RuntimeError):
    """Something the reader of the message can fix; the message says what."""


@dataclass(frozen=True)
class Language:
    """One language edition to build; ``code`` empty for the root edition (the sources' language)."""

    code: str = ""

    def work(self, builddir: Path, name: str) -> Path:
        """A folder of this edition's intermediate files: BUILDDIR/latex, BUILDDIR/latex-de."""
        return builddir / (f"{name}-{self.code}" if self.code else name)

    def published(self, builddir: Path, name: str) -> Path:
        """Where this edition's files are collected: BUILDDIR/pdf, BUILDDIR/pdf/de."""
        return builddir / name / self.code if self.code else builddir / name

    @property
    def defines(self) -> list[str]:
        return [f"language={self.code}"] if self.code else []


#: the sources' own edition
ROOT = Language()


def run_sphinx(
    what: str, builder: str, srcdir: Path, outdir: Path, doctreedir: Path, *defines: str, quiet: bool = False
) -> None:
    """Sphinx as the HTML build runs it (-W, nitpicky) to write ``what``; ``quiet``: its
    messages are shown only if it fails (builds running side by side would mix them)."""
    command = [
        sys.executable, "-m", "sphinx", "--builder", builder, "-W", "--keep-going", "--nitpicky",
        *(f"--define={define}" for define in defines), "--doctree-dir", str(doctreedir),
        str(srcdir), str(outdir),
    ]  # fmt: skip
    result = subprocess.run(command, check=False, capture_output=quiet, text=True)
    if result.returncode:
        said = f"\n{result.stdout[-3000:]}{result.stderr[-3000:]}" if quiet else " above"
        raise EditionError(f"Sphinx could not write {what}; its messages{said} name the file and line.")


def in_parallel(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``function`` over ``items``, as many at a time as there are cores."""
    items = list(items)
    with ThreadPoolExecutor(max_workers=max(1, min(len(items), os.cpu_count() or 1))) as pool:
        return list(pool.map(function, items))


def collect(files: Iterable[Path], target: Path) -> list[Path]:
    """Copy the built files into ``target`` (BUILDDIR/pdf, BUILDDIR/epub)."""
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(path, target / path.name)) for path in files]


def languages(srcdir: Path, wanted: list[str]) -> list[Language]:
    """The editions to build: those of ``kwelle_editions`` that ``wanted`` names (all if empty)."""
    codes = editions(srcdir)
    unknown = [code for code in wanted if code not in codes and not (not codes and code == "")]
    if unknown:
        listed = ", ".join(codes) or "none"
        raise EditionError(
            f"no edition {', '.join(unknown)}: kwelle_editions in {srcdir / 'conf.py'} lists {listed}"
        )
    chosen = [code for code in codes if not wanted or code in wanted]
    return [Language("" if code == codes[0] else code) for code in chosen] or [ROOT]


def main(edition: str, build: Callable[[Path, Path, Language], list[Path]], argv: list[str] | None) -> int:
    """``python -m kwelle.cli.EDITION [SOURCEDIR [BUILDDIR]] [--language CODE ...]`` (defaults: docs build)."""
    wanted, args = split_languages(sys.argv[1:] if argv is None else argv)
    srcdir = Path(args[0] if args else "docs")
    builddir = Path(args[1] if len(args) > 1 else "build")
    try:
        for language in languages(srcdir, wanted):
            try:
                built = build(srcdir, builddir, language)
            except EditionError as err:
                if not language.code:
                    raise
                raise EditionError(f"the {language.code} edition: {err}") from None
            for path in built:
                print(f"{edition}: {path}")
    except EditionError as err:
        print(f"\n{edition} edition not built. {err}", file=sys.stderr)
        return 1
    return 0
