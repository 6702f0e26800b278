"""Build the HTML of every language edition without ever losing the last good site.

    python -m kwelle.cli.safebuild SOURCEDIR OUTDIR DOCTREEDIR [--language CODE ...] [sphinx-build options...]

Each edition of ``kwelle_editions`` is built in turn (``--language``, repeatable: only those):
the first, the sources' language, into OUTDIR; each translation with ``-D language=<code>``
into OUTDIR/<code>/, with its own doctrees (DOCTREEDIR-<code>). A journal without editions
is one build into OUTDIR, as before.

Each build runs in a copy of its folder (so it stays incremental) and replaces the folder
only if it succeeds; the root edition's copy leaves the translations' folders out, and they
move into the new site unchanged. A failed build leaves its folder as it was and its own output
beside OUTDIR (OUTDIR.failed, OUTDIR.<code>.failed) for a look at what went wrong; it also
drops Sphinx's saved environment, so that the next build reads every page again and reports
each problem until it is fixed. The other editions are still built; the exit status is
non-zero if any failed, and the last lines name them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from babel import Locale
from sphinx.errors import ConfigError

from kwelle.config import read_settings


def safe_build(
    srcdir: Path,
    outdir: Path,
    doctreedir: Path,
    options: list[str],
    *,
    attempt: Path | None = None,
    keep: tuple[str, ...] = (),
    what: str = "The build",
) -> int:
    """One strict build into ``outdir``, through ``<attempt>.new``; ``keep``: folders of
    ``outdir`` that another build writes (the translated editions), carried over as they are."""
    attempt = attempt or outdir
    staging = attempt.with_name(attempt.name + ".new")
    failed = attempt.with_name(attempt.name + ".failed")
    shutil.rmtree(staging, ignore_errors=True)
    if outdir.is_dir():
        # copy2 keeps mtimes: unchanged pages are not rewritten
        shutil.copytree(outdir, staging, ignore=lambda folder, names: keep if folder == str(outdir) else ())
    command = [sys.executable, "-m", "sphinx", "--builder", "html", *options,
               "--doctree-dir", str(doctreedir), str(srcdir), str(staging)]  # fmt: skip
    returncode = subprocess.run(command, check=False).returncode
    shutil.rmtree(failed, ignore_errors=True)
    if returncode:
        (doctreedir / "environment.pickle").unlink(missing_ok=True)
        staging.rename(failed)
        print(f"\n{what} failed: {outdir} still holds the last good site; this attempt is in {failed}.",
              file=sys.stderr)  # fmt: skip
        return returncode
    for name in keep:
        if (outdir / name).is_dir() and not (staging / name).exists():
            (outdir / name).rename(staging / name)
    previous = attempt.with_name(attempt.name + ".old")
    shutil.rmtree(previous, ignore_errors=True)
    if outdir.is_dir():
        outdir.rename(previous)
    outdir.parent.mkdir(parents=True, exist_ok=True)  # a translation built before its root edition
    staging.rename(outdir)
    shutil.rmtree(previous, ignore_errors=True)
    return 0


def editions(srcdir: Path) -> list[str]:
    """The journal's ``kwelle_editions`` (empty for one without, or whose conf.py the build
    will report)."""
    try:
        return list(read_settings(srcdir)[0].editions)
    except ConfigError:
        return []


def edition(code: str) -> str:
    """ "The German (de) edition", for the messages."""
    return f"The {Locale.parse(code, sep='-').english_name} ({code}) edition"


def build_editions(
    srcdir: Path, outdir: Path, doctreedir: Path, options: list[str], languages: list[str] | None = None
) -> int:
    """Build the editions ``languages`` names (default: all), each safely; non-zero if one failed."""
    codes = editions(srcdir)
    if not codes:
        return safe_build(srcdir, outdir, doctreedir, options)
    unknown = [code for code in languages or () if code not in codes]
    if unknown:
        print(f"No edition {', '.join(unknown)}: kwelle_editions in {srcdir / 'conf.py'} lists {', '.join(codes)}.",
              file=sys.stderr)  # fmt: skip
        return 2
    root, translations = codes[0], tuple(codes[1:])
    failed = []
    for code in [code for code in codes if not languages or code in languages]:
        if code == root:
            status = safe_build(srcdir, outdir, doctreedir, options, keep=translations, what=edition(code))
        else:
            status = safe_build(
                srcdir, outdir / code, doctreedir.with_name(f"{doctreedir.name}-{code}"),
                [*options, "--define", f"language={code}"], attempt=outdir.with_name(f"{outdir.name}.{code}"),
                what=edition(code),
            )  # fmt: skip
        if status:
            failed.append(code)
    if failed:
        print(f"\nEdition(s) not built: {', '.join(failed)} (their messages are above); "
              f"each failed edition's folder keeps its last good site.", file=sys.stderr)  # fmt: skip
        return 1
    return 0


def split_languages(options: list[str]) -> tuple[list[str], list[str]]:
    """``--language CODE`` (or ``--language=CODE``) out of the sphinx-build options."""
    languages, rest = [], []
    words = iter(options)
    for word in words:
        if word == "--language":
            languages.append(next(words, ""))
        elif word.startswith("--language="):
            languages.append(word.partition("=")[2])
        else:
            rest.append(word)
    return languages, rest


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    srcdir, outdir, doctreedir, *options = args
    languages, options = split_languages(options)
    return build_editions(Path(srcdir), Path(outdir), Path(doctreedir), options, languages or None)


if __name__ == "__main__":
    raise SystemExit(main())
