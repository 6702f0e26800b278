"""Proof of reuse: another journal, with its own name, language, vocabulary and theme options,
builds strictly on the same extension, and nothing of K-Welle Journal reaches its output."""

from __future__ import annotations

import re

from conftest import sphinx_build


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
