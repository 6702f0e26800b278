"""Build the HTML without ever losing the last good site.

    python -m kwelle.cli.safebuild SOURCEDIR OUTDIR DOCTREEDIR [sphinx-build options...]

The build runs in a copy of OUTDIR (so it stays incremental) and replaces OUTDIR only if
it succeeds. A failed build leaves OUTDIR as it was and its own output beside it, in
OUTDIR.failed, for a look at what went wrong; it also drops Sphinx's saved environment,
so that the next build reads every page again and reports each problem until it is fixed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def safe_build(srcdir: Path, outdir: Path, doctreedir: Path, options: list[str]) -> int:
    staging = outdir.with_name(outdir.name + ".new")
    failed = outdir.with_name(outdir.name + ".failed")
    shutil.rmtree(staging, ignore_errors=True)
    if outdir.is_dir():
        shutil.copytree(outdir, staging)  # copy2 keeps mtimes: unchanged pages are not rewritten
    command = [sys.executable, "-m", "sphinx", "--builder", "html", *options,
               "--doctree-dir", str(doctreedir), str(srcdir), str(staging)]  # fmt: skip
    returncode = subprocess.run(command, check=False).returncode
    shutil.rmtree(failed, ignore_errors=True)
    if returncode:
        (doctreedir / "environment.pickle").unlink(missing_ok=True)
        staging.rename(failed)
        print(f"\nThe build failed: {outdir} still holds the last good site; this attempt is in {failed}.",
              file=sys.stderr)  # fmt: skip
        return returncode
    previous = outdir.with_name(outdir.name + ".old")
    shutil.rmtree(previous, ignore_errors=True)
    if outdir.is_dir():
        outdir.rename(previous)
    staging.rename(outdir)
    shutil.rmtree(previous, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    srcdir, outdir, doctreedir, *options = args
    return safe_build(Path(srcdir), Path(outdir), Path(doctreedir), options)


if __name__ == "__main__":
    raise SystemExit(main())
