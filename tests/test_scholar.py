"""What Google Scholar, Zotero and metadata harvesters read in an article page: Highwire
``citation_*`` and Dublin Core tags agreeing with the JSON-LD and OpenGraph, read back with
extruct (a maintained extractor of JSON-LD, OpenGraph and Dublin Core) and lxml."""

from __future__ import annotations

import shutil

import extruct
import pytest

from conftest import ROOTS, sphinx_build

URL = "https://journal.example/articles/budgets.html"
TITLE = "Budgets & Growth: <What> Korea Spends"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The takeaway root built with a PDF of its article, as after ``nox -s pdf``."""
    tmp = tmp_path_factory.mktemp("scholar")
    srcdir = tmp / "src"
    shutil.copytree(ROOTS / "test-takeaway", srcdir)
    pdfs = tmp / "pdf"
    pdfs.mkdir()
    (pdfs / "budgets.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    build = sphinx_build(srcdir, tmp / "out" / "html", "-D", f"kwelle_pdf_dir={pdfs}")
    assert build.returncode == 0, build.output
    return build


def metas(page, name: str) -> list[str]:
    return [element.get("content") for element in page.xpath(f"//head/meta[@name='{name}']")]


def test_highwire_tags(built) -> None:
    page = built.page("articles/budgets")
    assert metas(page, "citation_title") == [TITLE]
    # "Ada Kim, PhD" would read as family "Ada Kim", given "PhD": the degree is left out
    assert metas(page, "citation_author") == ["Ada Kim", "Test Journal editors"]
    assert metas(page, "citation_author_institution") == ["Test University"]
    assert metas(page, "citation_publication_date") == ["2026/03/05"]
    assert metas(page, "citation_online_date") == ["2026/03/05"]
    assert metas(page, "citation_journal_title") == ["Test Journal"]
    assert metas(page, "citation_language") == ["en"]
    assert metas(page, "citation_keywords") == ["budgets", "Korea"]
    assert metas(page, "citation_pdf_url") == ["https://journal.example/pdf/budgets.pdf"]
    assert (built.outdir / "pdf" / "budgets.pdf").is_file()
    references = metas(page, "citation_reference")
    assert len(references) == 4
    assert references[2].startswith(
        "Lee, J.-w. and Schmidt, A. (2024). Public AI Budgets and Growth. Journal of Test"
    )


def test_no_pdf_no_pdf_url(copy_root, tmp_path) -> None:
    build = sphinx_build(copy_root("takeaway"), tmp_path / "out" / "html")
    assert build.returncode == 0, build.output
    page = build.page("articles/budgets")
    assert metas(page, "citation_title") == [TITLE]
    assert metas(page, "citation_pdf_url") == []
    assert metas(build.page("index"), "citation_title") == []  # the front page is not an article


def test_extractors_read_one_description(built) -> None:
    """JSON-LD, OpenGraph, Dublin Core and Highwire say the same, as extruct reads them."""
    page = built.page("articles/budgets")
    text = (built.outdir / "articles" / "budgets.html").read_text(encoding="utf-8")
    data = extruct.extract(text, base_url=URL, syntaxes=["json-ld", "opengraph", "dublincore"], uniform=True)
    (ld,) = data["json-ld"]
    (og,) = data["opengraph"]
    (dc,) = data["dublincore"]
    assert ld["@type"] == "ScholarlyArticle"
    assert ld["headline"] == og["og:title"] == metas(page, "citation_title")[0] == TITLE
    assert ld["url"] == og["og:url"] == metas(page, "citation_fulltext_html_url")[0] == URL
    assert ld["description"] == og["og:description"] == metas(page, "citation_abstract")[0]
    assert ld["datePublished"].replace("-", "/") == metas(page, "citation_publication_date")[0]
    assert ld["keywords"] == metas(page, "citation_keywords")
    assert ld["citation"] == metas(page, "citation_reference")
    assert [a["name"].split(",")[0] for a in ld["author"]] == metas(page, "citation_author")
    assert ld["inLanguage"] == metas(page, "citation_language")[0]
    elements = {item["URI"].rsplit("/", 1)[1]: item["content"] for item in dc["elements"]}
    terms = {item["URI"].rsplit("/", 1)[1]: item["content"] for item in dc["terms"]}
    assert elements["identifier"] == URL
    assert elements["publisher"] == ld["publisher"]["name"] == "Test Journal"
    assert elements["rights"] == "© 2025 Test Journal"
    assert terms["issued"] == ld["datePublished"] == "2026-03-05"
    assert terms["modified"] == ld["dateModified"] == "2026-04-01"


def test_epub_has_no_scholar_tags(copy_root, tmp_path) -> None:
    build = sphinx_build(copy_root("takeaway"), tmp_path / "out" / "epub", builder="epub")
    assert build.returncode == 0, build.output
    text = (build.outdir / "articles" / "budgets.xhtml").read_text(encoding="utf-8")
    assert "citation_title" not in text
    assert "DCTERMS.modified" not in text
