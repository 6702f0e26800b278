"""Nothing lost: a failed build leaves the last good site in place."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kwelle.cli.safebuild import safe_build

STRICT = ["-W", "--keep-going", "--nitpicky", "-q"]


def tree_digest(path: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(path)).encode() + file.read_bytes())
    return digest.hexdigest()


def test_failed_build_keeps_the_last_good_site(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("journal")
    outdir, doctrees = tmp_path / "html", tmp_path / "doctrees"
    assert safe_build(srcdir, outdir, doctrees, STRICT) == 0
    good = tree_digest(outdir)
    article = srcdir / "articles" / "older.md"
    source = article.read_text(encoding="utf-8")
    article.write_text(source.replace("{cite:p}`kdi2025`", "{cite:p}`kdi2052`"), encoding="utf-8")

    assert safe_build(srcdir, outdir, doctrees, STRICT) != 0
    assert tree_digest(outdir) == good
    assert (tmp_path / "html.failed" / "index.html").is_file()
    # the next build, nothing fixed, reads the page again and fails again
    assert safe_build(srcdir, outdir, doctrees, STRICT) != 0
    assert tree_digest(outdir) == good

    article.write_text(
        source.replace("Potential growth is falling", "Potential growth falls"), encoding="utf-8"
    )
    assert safe_build(srcdir, outdir, doctrees, STRICT) == 0
    assert "Potential growth falls" in (outdir / "articles" / "older.html").read_text(encoding="utf-8")
    assert not (tmp_path / "html.failed").exists()
    assert not (tmp_path / "html.new").exists()
