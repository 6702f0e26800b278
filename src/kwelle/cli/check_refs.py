"""``nox -s check-refs``: lint the journal's .bib files outside a build.

    python -m kwelle.cli.check_refs [SOURCEDIR]      (default: docs)

Prints every finding as ``file:line: severity: key: message`` (see :mod:`kwelle.sources.lint`),
adds a notice for each entry no page cites and an error for each cited key no .bib file has,
then a count of each kind of finding; exits 1 if there is any error.
"""

from __future__ import annotations

import csv
import re
import runpy
import sys
import tomllib
from collections import Counter
from pathlib import Path

from kwelle.sources.bibfiles import entry_lines
from kwelle.sources.lint import Finding, lint_file

_CITE = re.compile(r"\{(?:cite|footcite)(?::[a-z]+)?\}`([^`]+)`")
_INFOGRAPHIC = re.compile(r"^```\{infographic\}\s+(\S+)", re.MULTILINE)


def cited_keys(srcdir: Path) -> set[str]:
    """Keys the Markdown sources cite, and the sources their infographics declare."""
    keys: set[str] = set()
    for page in srcdir.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        keys.update(key.strip() for group in _CITE.findall(text) for key in group.split(","))
        for data in _INFOGRAPHIC.findall(text):
            keys.update(_declared_sources(srcdir, page, data))
    return keys


def _declared_sources(srcdir: Path, page: Path, data: str) -> set[str]:
    path = srcdir / data.lstrip("/") if data.startswith("/") else page.parent / data
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys = {key for row in rows for key in (row.get("sources") or "").replace(";", " ").split()}
    description = path.with_suffix(".toml")
    if description.is_file():
        keys.update(tomllib.loads(description.read_text(encoding="utf-8")).get("sources", ()))
    return keys


def main(argv: list[str] | None = None) -> int:
    """Lint every .bib file the journal's conf.py names; exit 1 on any error."""
    args = sys.argv[1:] if argv is None else argv
    srcdir = Path(args[0] if args else "docs")
    conf = runpy.run_path(str(srcdir / "conf.py"))
    groups, regions = conf.get("kwelle_source_groups", {}), conf.get("kwelle_source_regions", {})
    cited = cited_keys(srcdir)
    findings: list[Finding] = []
    known: set[str] = set()
    for name in conf.get("bibtex_bibfiles", []):
        path = srcdir / name
        findings += lint_file(path, groups, regions)
        if path.is_file() and not any(f.key == "" for f in findings):
            lines = entry_lines(path.read_text(encoding="utf-8-sig"))
            known.update(lines)
            findings += [
                Finding(
                    "notice", path, line, key, "no page cites it (it is listed on the References page only)"
                )
                for key, line in lines.items()
                if key not in cited
            ]
    findings += [
        Finding("error", srcdir, 0, key, "cited, but no .bib file has it") for key in sorted(cited - known)
    ]
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
