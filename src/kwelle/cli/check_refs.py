"""``nox -s check-refs``: lint the journal's .bib files, and list what no page cites.

    python -m kwelle.cli.check_refs [SOURCEDIR]      (default: docs)

Prints every finding as ``file:line: severity: key: message`` (see :mod:`kwelle.sources.lint`),
adds a notice for each entry no page cites and an error for each cited key no .bib file has,
then a count of each kind of finding; exits 1 if there is any error, 2 if the journal cannot
be read at all.

What a page cites is what the build reads: the journal is read by Sphinx itself, with the
``dummy`` builder into a temporary folder, and the citations are the ``cite`` domain's
(every role, in the text, in chart descriptions, in a chart's "Sources" line) and the
sources each infographic declares. So check-refs and the build never disagree.
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TextIO

from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from kwelle.infographics.directive import charts
from kwelle.sources.bibfiles import bibfile_paths, entry_lines
from kwelle.sources.lint import Finding, lint_file

UNCITED = "no page cites it (it is listed on the References page only)"


def read_journal(srcdir: Path, scratch: Path, warnings: TextIO) -> Sphinx:
    """The journal read (and resolved) as a build reads it, writing nothing (the ``dummy`` builder)."""
    app = Sphinx(
        srcdir,
        srcdir,
        scratch / "out",
        scratch / "doctrees",
        "dummy",
        status=None,
        warning=warnings,
        freshenv=True,
        confoverrides={"kwelle_pdf_dir": "", "kwelle_epub_dir": ""},  # no edition is looked for
    )
    app.build()
    return app


def cited_keys(app: Sphinx) -> set[str]:
    """Every key a page cites, and every source an infographic declares, as the build read them."""
    env = app.env
    keys = {target.key for ref in env.get_domain("cite").citation_refs for target in ref.targets}
    keys.update(key for page in charts(env).values() for _, _, sources in page for key in sources)
    return keys


def findings_of(app: Sphinx, srcdir: Path) -> list[Finding]:
    """Every finding; files are named under ``srcdir`` as the user gave it."""
    settings = app.config
    groups, regions = settings.kwelle_source_groups, settings.kwelle_source_regions
    bibdata = app.env.get_domain("cite").bibdata
    cited = cited_keys(app)
    findings: list[Finding] = []
    known: set[str] = set()
    for name, resolved in zip(settings.bibtex_bibfiles, bibfile_paths(app), strict=True):
        path = srcdir / name
        linted = lint_file(path, groups, regions)
        findings += linted
        if resolved not in bibdata.bibfiles or any(finding.key == "" for finding in linted):
            continue  # a file the build could not read: its one error says why
        lines = entry_lines(path.read_text(encoding="utf-8-sig"))
        keys = bibdata.bibfiles[resolved].keys
        known.update(keys)
        findings += [
            Finding("notice", path, lines.get(key, 1), key, UNCITED) for key in keys if key not in cited
        ]
    findings += [
        Finding("error", srcdir, 0, key, "cited, but no .bib file has it") for key in sorted(cited - known)
    ]
    return findings


def main(argv: list[str] | None = None) -> int:
    """Lint every .bib file the journal's conf.py names; exit 1 on any error."""
    args = sys.argv[1:] if argv is None else argv
    srcdir = Path(args[0] if args else "docs")
    with tempfile.TemporaryDirectory(prefix="kwelle-check-refs-") as scratch:
        warnings = io.StringIO()
        try:
            app = read_journal(srcdir.resolve(), Path(scratch), warnings)
        except SphinxError as err:
            print(f"check-refs: cannot read the journal in {srcdir}: {err}", file=sys.stderr)
            return 2
        findings = findings_of(app, srcdir)
    if warnings.getvalue():  # a page the build could not read may cite what is listed as uncited
        print(f"check-refs: reading the journal, the build reported:\n{warnings.getvalue()}", file=sys.stderr)
    for finding in findings:
        print(finding)
    print(summary(findings))
    errors = sum(finding.severity == "error" for finding in findings)
    notices = len(findings) - errors
    print(f"{errors} error(s), {notices} notice(s)")
    return 1 if errors else 0


def summary(findings: list[Finding]) -> str:
    """How many findings of each kind, most first: "12 notice: no link"."""
    counts = Counter((finding.severity, finding.kind) for finding in findings)
    return "\n".join(f"{count:5} {severity}: {kind}" for (severity, kind), count in counts.most_common())


if __name__ == "__main__":
    raise SystemExit(main())
