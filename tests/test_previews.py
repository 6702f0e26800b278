"""Citation previews and reference lists in the HTML a reader gets (tests/roots/test-site)."""

from __future__ import annotations

from conftest import REFERENCE_ENTRIES, SMALL_ARTICLE, SMALL_SITE, cited_keys

ARTICLE = SMALL_ARTICLE


def test_each_citation_link_carries_a_preview_of_its_entry(small_site) -> None:
    page = small_site.page(ARTICLE)
    links = page.xpath("//span[contains(@class, 'bibtex-citation')]//a")
    assert links
    ids = set()
    for link in links:
        (preview,) = link.xpath("following-sibling::*[1][contains(@class, 'kwelle-cite-preview')]")
        (entry,) = page.xpath(f"//li[@id='{link.get('href')[1:]}']")
        assert " ".join(preview.text_content().split()) == " ".join(entry.text_content().split())
        assert preview.text_content().strip()  # the entry itself, in whichever form its type takes
        ids.add(preview.get("id"))
    assert len(ids) == len(links)  # each preview can be described-by its own link


def test_preview_script_and_style_are_local(small_site) -> None:
    page = small_site.page(ARTICLE)
    scripts = [s.get("src").partition("?")[0] for s in page.xpath("//script[@src]")]
    assert "../_static/kwelle-previews.js" in scripts
    assert (small_site.outdir / "_static" / "kwelle-previews.js").is_file()
    css = (small_site.outdir / "_static" / "kwelle.css").read_text(encoding="utf-8")
    assert ".bibtex-citation a:focus + .kwelle-cite-preview" in css  # keyboard, not only mouse


def test_reference_lists_are_lists(small_site) -> None:
    for path in small_site.outdir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'role="doc-biblioentry"' not in html, path.name
        assert 'class="citation-list"' not in html, path.name
    page = small_site.page(ARTICLE)
    entries = page.xpath(REFERENCE_ENTRIES)
    assert len(entries) == len(cited_keys((SMALL_SITE / f"{ARTICLE}.md").read_text(encoding="utf-8")))
    assert all(entry.get("id") for entry in entries)
