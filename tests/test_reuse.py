"""Proof of reuse: another journal, with its own name, language, vocabulary and theme options,
builds strictly on the same extension, and nothing of K-Welle Journal reaches its output."""

from __future__ import annotations

import re
from pathlib import Path

import kwelle
from conftest import sphinx_build
from test_pdf import needs_tex, pdftotext, run_pdf_build


def test_another_journal_builds_with_nothing_of_ours(copy_root, tmp_path) -> None:
    build = sphinx_build(copy_root("reuse"), tmp_path / "html")
    assert build.returncode == 0, build.output
    page = build.page("articles/older")
    assert page.get("lang") == "de"
    assert page.xpath("string(//title)").endswith("Seoul Notes")
    assert "@article{seoul-older," in page.xpath("string(//*[contains(@class, 'kwelle-cite-this')]//pre)")
    headings = build.page("references").xpath("//h2//text() | //*[contains(@class, 'rubric')]//text()")
    assert "Quellen der Grafiken" in " ".join(headings)
    ours = re.compile(r"k-?welle journal|k-welle\.com", re.IGNORECASE)
    leaks = [
        str(path.relative_to(build.outdir))
        for path in build.outdir.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".xml", ".js", ".css", ".txt"}
        and ours.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert leaks == []


def test_the_package_names_no_journal() -> None:
    """Not one file the extension installs (code, catalogs, styles, templates) names K-Welle."""
    package = Path(kwelle.__file__).parent
    named = [
        str(path.relative_to(package))
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and b"k-welle" in path.read_bytes().lower()
    ]
    assert named == []


@needs_tex
def test_another_journal_prints_with_its_own_name(copy_root, tmp_path) -> None:
    result = run_pdf_build(copy_root("reuse"), tmp_path / "build")
    assert result.returncode == 0, result.stderr[-3000:]
    pdfs = sorted((tmp_path / "build" / "pdf").glob("*.pdf"))
    assert [pdf.name for pdf in pdfs] == ["newer.pdf", "older.pdf", "seoul-notes.pdf"]
    for pdf in pdfs:
        text = pdftotext(pdf)
        assert "Seoul Notes" in text
        assert not re.search(r"k-?welle", text, re.IGNORECASE), pdf.name
