"""Two clean builds of the journal give the same bytes: a published page changes only when its source does."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from conftest import DOCS, sphinx_build

# any fixed moment will do, from the newest article's date on (an article published later is an
# error: kwelle.articles.drafts); what matters is that both builds share it
SOURCE_DATE_EPOCH = "1795910400"  # 29 November 2026


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def first_difference(name: str, a: bytes, b: bytes) -> str:
    """A few lines of unified diff, enough to see what varies between builds."""
    try:
        lines = difflib.unified_diff(
            a.decode().splitlines(), b.decode().splitlines(), f"a/{name}", f"b/{name}", n=1, lineterm=""
        )
    except UnicodeDecodeError:
        return f"{name}: binary, {len(a)} and {len(b)} bytes"
    return "\n".join(line[:200] for line in list(lines)[:12])


def test_two_clean_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built from two checkouts in different places, with the same SOURCE_DATE_EPOCH, as CI and RTD do."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    checkouts = {name: shutil.copytree(DOCS, tmp_path / name / "checkout" / "docs") for name in ("a", "b")}
    builds = [
        sphinx_build(srcdir, tmp_path / name / "html", "-j", "auto", "-D", "kwelle_pdf_dir=")
        for name, srcdir in checkouts.items()
    ]
    for build in builds:
        assert build.returncode == 0, build.output
    a, b = (files(build.outdir) for build in builds)
    # the comparison covers the whole site, not just the pages
    assert {"index.html", "objects.inv", "searchindex.js", "_static/kwelle.css"} <= set(a)
    assert any(name.startswith("_images/") for name in a)
    assert set(a) == set(b), f"files written by one build only: {sorted(set(a) ^ set(b))}"
    differing = [name for name in sorted(a) if a[name] != b[name]]
    assert not differing, f"{len(differing)} of {len(a)} files differ: {differing}\n" + "\n\n".join(
        first_difference(name, a[name], b[name]) for name in differing[:3]
    )
