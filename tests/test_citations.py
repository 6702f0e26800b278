"""Citations: the journal's styles, and links that land in the citing article's own list."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from conftest import REFERENCE_ENTRIES, ROOTS, citation_text, needs_rsvg, sphinx_build
from kwelle.upstream.sphinxcontrib_bibtex import IndexedBibtexDomain, listed_on_page


def citation_targets(page) -> list[tuple[str, str]]:
    """(link text, where the link's target sits) for every citation on a page."""
    found = []
    for link in page.xpath("//span[contains(@class, 'bibtex-citation')]//a"):
        href = link.get("href")
        assert href.startswith("#"), href
        (target,) = page.xpath(f"//*[@id='{href[1:]}']")
        (summary,) = target.xpath("ancestor::details/summary")
        found.append((link.text_content(), summary.text_content().strip()))
    return found


@pytest.mark.sphinx("html", testroot="journal")
def test_shared_source_links_locally(app) -> None:
    """Both articles cite oecd2025: each links to its own References list.

    This is what justifies suppress_warnings in conf.py: sphinxcontrib-bibtex warns
    (duplicate_citation, duplicate_label) exactly when two articles share a source.
    """
    app.build()
    for name in ("older", "newer"):
        page = lxml_html.parse(app.outdir / "articles" / f"{name}.html").getroot()
        targets = citation_targets(page)
        assert targets
        assert all(summary == "References" for _, summary in targets)
    assert not app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="journal", confoverrides={"suppress_warnings": []})
def test_sharing_a_source_is_what_the_suppressed_warnings_flag(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert 'duplicate citation for key "oecd2025"' in warnings
    assert "[bibtex.duplicate_label]" in warnings
    assert warnings.count("WARNING") == warnings.count("[bibtex.duplicate_citation]") + warnings.count(
        "[bibtex.duplicate_label]"
    )


@pytest.mark.sphinx("html", testroot="journal")
def test_citation_style(app) -> None:
    app.build()
    page = lxml_html.parse(app.outdir / "articles" / "older.html").getroot()
    citations = [citation_text(c) for c in page.xpath("//span[contains(@class, 'bibtex-citation')]")]
    assert citations == ["(Korea Development Institute, 2025)", "OECD (2025)"]
    entries = page.xpath(REFERENCE_ENTRIES)
    text = " ".join(e.text_content() for e in entries)
    assert "Potential Growth Outlook and Policy Implications" in text  # capitals kept
    assert "Government at a Glance 2025" in text


@pytest.mark.sphinx("html", testroot="journal")
def test_list_follows_its_own_articles_citation_order(app) -> None:
    """The older article cites KDI, then OECD; the newer one (read first) cited OECD earlier."""
    app.build()
    page = lxml_html.parse(app.outdir / "articles" / "older.html").getroot()
    assert [e.text_content().split(" — ")[0] for e in page.xpath(REFERENCE_ENTRIES)] == [
        "Korea Development Institute",
        "OECD",
    ]


@pytest.mark.sphinx("html", testroot="journal")
def test_each_pages_listed_citations_come_from_the_index(app) -> None:
    """What the page metadata and citation files read: each page's listed citations, in order,
    the same as a scan of every citation of the journal gives."""
    app.build()
    domain = app.env.get_domain("cite")
    assert isinstance(domain, IndexedBibtexDomain)  # not the scan listed_on_page falls back to
    for docname in app.env.all_docs:
        scanned = [c for c in domain.citations if c.bibliography_key.docname == docname]
        assert listed_on_page(domain, docname) == scanned
    assert listed_on_page(domain, "articles/older")


def test_source_cited_after_the_list_is_listed(copy_root, tmp_path) -> None:
    srcdir = copy_root("journal")
    article = srcdir / "articles" / "older.md"
    with article.open("a", encoding="utf-8") as source:
        source.write("\nA note after the references, on budgets {cite:p}`bmf2025`.\n")
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    page = build.page("articles/older")
    entries = [e.text_content() for e in page.xpath(REFERENCE_ENTRIES)]
    assert len(entries) == 3
    assert "Bundesministerium der Finanzen" in entries[2]
    assert [summary for _, summary in citation_targets(page)] == ["References"] * 3


REFERENCES_DROPDOWN = ":::{dropdown} References\n```{bibliography}\n:filter: docname in docnames\n```\n:::\n"


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("", "has no reference list of its own"),
        ("```{bibliography}\n:filter: docname in docnames\n```\n", 'must sit in a "References" dropdown'),
    ],
    ids=["no-list", "list-outside-dropdown"],
)
def test_article_needs_its_own_references_dropdown(copy_root, tmp_path, replacement, message) -> None:
    srcdir = copy_root("journal")
    article = srcdir / "articles" / "older.md"
    source = article.read_text(encoding="utf-8")
    assert REFERENCES_DROPDOWN in source
    article.write_text(source.replace(REFERENCES_DROPDOWN, replacement), encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode != 0
    assert message in build.output
    assert f"{article}:" in build.output


@needs_rsvg
def test_latex_keeps_each_articles_references_and_links(tmp_path) -> None:
    """In one PDF holding both articles, each cites into, and prints, its own list."""
    build = sphinx_build(ROOTS / "test-journal", tmp_path / "latex", builder="latex")
    assert build.returncode == 0, build.output
    tex = (build.outdir / "journal.tex").read_text(encoding="utf-8")
    older, newer = tex.index(r"\chapter{The Older Article}"), tex.index(r"\chapter{The Newer Article}")
    assert "sphinxthebibliography" not in tex  # no global bibliography chapter
    for start, end, docname in ((newer, older, "articles/newer"), (older, len(tex), "articles/older")):
        part = tex[start:end] if start < end else tex[start:]
        links = set(re.findall(r"\\hyperlink\{cite\.([^}]+)\}", part))
        assert links
        assert all(link.startswith(f"{docname}:") for link in links), links
        assert "\\begin{kwellereferences}" in part
