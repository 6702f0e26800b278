"""Real bibliographies, vendored unchanged, build as they are: every key cited, every entry readable.

Each root in tests/roots/test-realbib-<name>/ holds a .bib file from a public repository (its
source, commit and licence in the comment lines at its top) and no article: the test writes
one that cites every key, together and one by one.

- ccl: the LSST DESC Core Cosmology Library paper, cosmology, exported from NASA ADS and
  INSPIRE (AAS journal macros, math in titles, collaborations of a hundred authors);
- ssalib: a time-series statistics package's paper, a Zotero export (urldate, van der Walt);
- opycleid: mathematical music theory, publishers' exports (chapters, editors, ISBNs).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import REFERENCE_ENTRIES, ROOTS, Build, citation_text, sphinx_build
from kwelle.sources.bibfiles import entry_lines
from test_pdf import needs_tex, pdftotext, run_pdf_build, squeeze

ARTICLE = """---
title: Every Source
deck: An article that cites every entry of a real bibliography.
authors:
  - name: Test Author
published: 2026-01-01
updated: 2026-01-01
tags: [sources]
image: ../images/lead.svg
image_alt: A blue square.
image_credit: Test Journal
---

## Sources

All at once {{cite:p}}`{keys}`.

One by one: {each}.

:::{{dropdown}} References
```{{bibliography}}
:filter: docname in docnames
```
:::
"""


def with_article(name: str, target: Path) -> tuple[Path, list[str]]:
    """A copy of the root with an article citing every key of its .bib file, in file order."""
    srcdir = target / name
    shutil.copytree(ROOTS / f"test-realbib-{name}", srcdir)
    keys = list(entry_lines((srcdir / "refs.bib").read_text(encoding="utf-8")))
    (srcdir / "articles").mkdir()
    each = ", ".join(f"{{cite:t}}`{key}`" for key in keys)
    (srcdir / "articles" / "all.md").write_text(
        ARTICLE.format(keys=",".join(keys), each=each), encoding="utf-8"
    )
    return srcdir, keys


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """Each root, built strictly once for this module: (build, its keys)."""
    done: dict[str, tuple[Build, list[str]]] = {}

    def build(name: str) -> tuple[Build, list[str]]:
        if name not in done:
            srcdir, keys = with_article(name, tmp_path_factory.mktemp(name))
            done[name] = sphinx_build(srcdir, srcdir.parent / "out" / "html"), keys
        return done[name]

    return build


def entries(build: Build) -> dict[str, lxml_html.HtmlElement]:
    """Each entry of the article's list, by its text as a reader reads it."""
    page = build.page("articles/all")
    return {" ".join(item.text_content().split()): item for item in page.xpath(REFERENCE_ENTRIES)}


@pytest.mark.parametrize("name", ["ccl", "ssalib", "opycleid"])
def test_strict_build_passes_and_every_key_renders(built, name: str) -> None:
    build, keys = built(name)
    assert build.returncode == 0, build.output
    page = build.page("articles/all")
    items = page.xpath(REFERENCE_ENTRIES)
    assert len(items) == len(keys)
    texts = [" ".join(item.text_content().split()) for item in items]
    # nothing raw reaches a reader: no LaTeX command, brace or BibTeX's "and others"
    for text in texts:
        assert not re.search(r"\\[a-zA-Z]+|[{}$]| and others", text), text
    # every citation links to its entry in the article's own list
    ids = {item.get("id") for item in items}
    links = page.xpath("//span[contains(@class, 'bibtex-citation')]//a[contains(@class, 'reference')]")
    assert len(links) >= 2 * len(keys)
    assert {link.get("href").partition("#")[2] for link in links} <= ids


def one(build: Build, start: str) -> lxml_html.HtmlElement:
    (found,) = [item for text, item in entries(build).items() if text.startswith(start)]
    return found


@pytest.fixture
def ccl(built) -> Build:
    return passed(built("ccl")[0])


@pytest.fixture
def ssalib(built) -> Build:
    return passed(built("ssalib")[0])


@pytest.fixture
def opycleid(built) -> Build:
    return passed(built("opycleid")[0])


def passed(build: Build) -> Build:
    assert build.returncode == 0, build.output
    return build


def text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_ads_article_journal_volume_pages_doi_arxiv(ccl: Build) -> None:
    entry = one(ccl, "Giocoli, C., Bartelmann, M., Sheth, R. K. and Cacciato, M. (2010).")
    # \mnras is ADS's journal macro; pages 300-313 get an en dash
    assert "MNRAS, 408, 300–313." in text(entry)
    assert entry.xpath(".//em/text()") == ["MNRAS"]
    hrefs = [a.get("href") for a in entry.xpath(".//a")]
    assert hrefs == ["https://doi.org/10.1111/j.1365-2966.2010.17108.x", "https://arxiv.org/abs/1003.4740"]


def test_math_in_a_title_is_drawn(ccl: Build) -> None:
    entry = one(ccl, "Sahni, V. and Starobinsky, A. (2000).")
    (math,) = entry.xpath(".//img[contains(@class, 'math')]")  # {$\Lambda$}: drawn, not printed
    assert math.get("src").startswith("data:image/svg+xml")
    assert "The Case for a Positive Cosmological -Term." in text(entry)
    preview = ccl.page("articles/all").xpath(
        "//span[contains(@class, 'kwelle-cite-preview')][contains(., 'Positive Cosmological')]"
    )[0]
    assert "Positive Cosmological Λ-Term" in text(preview)  # plain text reads the symbol


def test_hundred_author_lists_are_cut(ccl: Build) -> None:
    entry = one(ccl, "DES Collaboration, Abbott, T. M. C., Abdalla, F. B.")
    assert text(entry).startswith("DES Collaboration, Abbott, T. M. C., Abdalla, F. B. et al. (2017).")
    assert entry.xpath(".//em/text()")[0] == "et al."
    assert "and others" not in text(one(ccl, "Beringer, J. et al. (2012)."))


def test_citations_cut_to_the_first_author_and_tell_years_apart(ccl: Build) -> None:
    page = ccl.page("articles/all")
    cites = [citation_text(c) for c in page.xpath("//span[contains(@class, 'bibtex-citation')]")]
    assert "Zuntz et al. (2015)" in cites
    assert "Sahni and Starobinsky (2000)" in cites
    assert "Beringer et al. (2012)" in cites  # "Beringer, J. and others"
    # the same authors and year twice in the file: 2002a and 2002b, in the text and the list
    assert {"Lewis and Bridle (2002a)", "Lewis and Bridle (2002b)"} <= set(cites)
    assert "(2002a)" in text(one(ccl, "Lewis, A. and Bridle, S. (2002a)."))


def test_zotero_export(ssalib: Build) -> None:
    book = one(ssalib, "Elsner, J. B. and Tsonis, A. A. (1996).")
    assert text(book) == (
        "Elsner, J. B. and Tsonis, A. A. (1996). Singular Spectrum Analysis: A New Tool in Time Series Analysis."
        " Springer US, Boston, MA. ISBN 978-1-4419-3266-2 978-1-4757-2514-8. doi:10.1007/978-1-4757-2514-8."
        " accessed 2024-12-20."
    )
    assert book.xpath(".//em/text()") == ["Singular Spectrum Analysis: A New Tool in Time Series Analysis"]
    paper = one(ssalib, "McKinney, W. (2010).")
    assert "In Proceedings of the 9th Python in Science Conference, pp. 56–61." in text(paper)
    numpy = one(ssalib, "Harris, C. R., Millman, K. J., van der Walt, S. J. et al. (2020).")
    assert "Nature, 585(7825), 357–362." in text(numpy)


def test_plain_http_link_to_another_site_is_allowed(ssalib: Build) -> None:
    pyts = one(ssalib, "Faouzi, J. and Janati, H. (2020).")
    assert [a.get("href") for a in pyts.xpath(".//a")] == ["http://jmlr.org/papers/v21/19-763.html"]


def test_chapters_editors_and_books(opycleid: Build) -> None:
    chapter = one(opycleid, "Noll, T. (2005).")
    assert text(chapter) == (
        "Noll, T. (2005). The Topos of Triads. In Fripertinger, H. and Reich, L. (eds.), Colloquium on"
        " Mathematical Music Theory, Grazer Math. Ber., 347, pp. 103–135."
    )
    inbook = one(opycleid, "Fiore, T. M. and Noll, T. (2011).")
    assert "Assayag, G." in text(inbook)  # G{\'e}rard, abbreviated
    assert "ISBN 978-3-642-21590-2" in text(inbook)
    book = one(opycleid, "Cohn, R. (2012).")
    assert text(book).endswith(
        "Oxford Studies in Music Theory. Oxford University Press, USA. ISBN 9780199772698."
    )


@needs_tex
def test_strict_pdf_build(tmp_path: Path) -> None:
    srcdir, _ = with_article("ccl", tmp_path)
    result = run_pdf_build(srcdir, tmp_path / "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    flat = squeeze(pdftotext(tmp_path / "build" / "pdf" / "all.pdf"))
    assert squeeze("The Case for a Positive Cosmological Λ-Term") in flat  # math, typeset
    assert squeeze("MNRAS, 408, 300–313") in flat
    assert squeeze("DES Collaboration, Abbott, T. M. C., Abdalla, F. B. et al. (2017)") in flat
    assert "\\" not in pdftotext(tmp_path / "build" / "pdf" / "all.pdf")
