"""What the commands building the PDF and ePub editions share: a strict Sphinx run, the work
done two at a time, the files collected where the HTML build finds them, and the exit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

T = TypeVar("T")
R = TypeVar("R")


class EditionError(RuntimeError):
    """Something the reader of the message can fix; the message says what."""


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


def main(edition: str, build: Callable[[Path, Path], list[Path]], argv: list[str] | None) -> int:
    """``python -m kwelle.cli.EDITION [SOURCEDIR [BUILDDIR]]`` (defaults: docs build)."""
    args = sys.argv[1:] if argv is None else argv
    srcdir = Path(args[0] if args else "docs")
    builddir = Path(args[1] if len(args) > 1 else "build")
    try:
        built = build(srcdir, builddir)
    except EditionError as err:
        print(f"\n{edition} edition not built. {err}", file=sys.stderr)
        return 1
    for path in built:
        print(f"{edition}: {path}")
    return 0
