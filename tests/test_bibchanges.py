"""A .bib edit, rebuilt incrementally: the citing page shows the new label, other articles are not re-read."""

from __future__ import annotations

from pathlib import Path

from conftest import citation_text, sphinx_build


def reread(build) -> set[str]:
    """The documents a build read again (from Sphinx's "reading sources" lines)."""
    return {
        line.rsplit("] ", 1)[-1].strip()
        for line in build.output.splitlines()
        if line.startswith("reading sources...")
    }


def test_year_edit_updates_the_citing_page_only(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("journal")
    outdir = tmp_path / "out" / "html"
    assert sphinx_build(srcdir, outdir).returncode == 0
    bib = srcdir / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{bmf2025,")
    bib.write_text(
        text[:start] + text[start:].replace("year     = {2025}", "year     = {2024}", 1), encoding="utf-8"
    )

    edited = sphinx_build(srcdir, outdir)

    assert edited.returncode == 0, edited.output
    citations = [
        citation_text(c)
        for c in edited.page("articles/newer").xpath("//span[contains(@class, 'bibtex-citation')]")
    ]
    assert "(Bundesministerium der Finanzen, 2024)" in citations
    assert "articles/newer" in reread(edited)
    assert "articles/older" not in reread(edited)  # it does not cite bmf2025
    assert "references" in reread(edited)  # it lists every entry
    assert "Bundeshaushalt 2026 (2024)" in edited.page("references").text_content()


def test_untouched_bib_rereads_nothing(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("journal")
    outdir = tmp_path / "out" / "html"
    assert sphinx_build(srcdir, outdir).returncode == 0
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n% a comment changes no entry\n", encoding="utf-8")
    again = sphinx_build(srcdir, outdir)
    assert again.returncode == 0
    assert reread(again) <= {"references"}  # the References page depends on the file as a whole
